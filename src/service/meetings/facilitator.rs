//! Who facilitates a meeting: the choice offered (the member who facilitated least recently
//! first) and the history of assignments, one row per change.

use crate::domain::ids::{MeetingId, TeamId, UserId};
use crate::domain::zone::Zone;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Serialize;
use std::collections::HashMap;
use time::OffsetDateTime;

use crate::i18n::{Lang, Msg};
use crate::service::Result;
use crate::store::entities::{meeting_facilitators, meetings};

/// A member in the facilitator choice, with when they last facilitated.
#[derive(Debug, Clone, Serialize)]
pub struct FacilitatorChoice {
    pub user_id: UserId,
    /// User id as the form sends it.
    pub value: String,
    pub display_name: String,
    /// Last meeting they facilitated ("never"), in the reader's language.
    pub last: String,
    /// "Name (last facilitated: …)", the choice as the form lists it.
    pub label: String,
}

/// Members ordered least-recently-facilitated first (never first, then oldest, then by name),
/// in `lang`. Only meetings that have started count, and never `editing` itself: the meeting
/// being edited is not its own facilitator's "last facilitated".
pub async fn facilitator_choices(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    members: &[crate::service::teams::Member],
    editing: Option<MeetingId>,
    now: OffsetDateTime,
    zone: Zone,
    lang: Lang,
) -> Result<Vec<FacilitatorChoice>> {
    // One read however large the team and its history (the caller has the roster): who
    // facilitated when (two columns of the team's past meetings).
    let mut past = meetings::Entity::find()
        .select_only()
        .column(meetings::Column::FacilitatorId)
        .column(meetings::Column::StartsAt)
        .filter(meetings::Column::TeamId.eq(team_id))
        .filter(meetings::Column::FacilitatorId.is_not_null())
        // A cancelled meeting was not a turn served.
        .filter(meetings::Column::CancelledAt.is_null())
        .filter(meetings::Column::StartsAt.lte(now));
    if let Some(id) = editing {
        past = past.filter(meetings::Column::Id.ne(id));
    }
    let last = latest_per_person(
        past.into_tuple::<(Option<UserId>, OffsetDateTime)>()
            .all(db)
            .await?,
    );
    let mut rows: Vec<_> = members
        .iter()
        .map(|m| (last.get(&m.id).copied(), m.name.to_lowercase(), m))
        .collect();
    rows.sort_by(|a, b| (a.0, &a.1, a.2.id).cmp(&(b.0, &b.1, b.2.id)));
    let never = Msg::new("mt-never").render(lang);
    let mut labels = ChoiceLabels::new(lang);
    Ok(rows
        .into_iter()
        .map(|(last, _, member)| {
            let last = last.map_or_else(
                || never.clone(),
                |at| crate::format::date_time_in(at, zone, lang),
            );
            FacilitatorChoice {
                user_id: member.id,
                value: member.id.to_string(),
                label: labels.label("mt-form-facilitator-choice", &member.name, &last),
                display_name: member.name.clone(),
                last,
            }
        })
        .collect())
}

/// The latest time of each person among `(who, when)` rows (rows naming nobody are skipped):
/// who last facilitated, or took notes, when.
pub(crate) fn latest_per_person(
    rows: impl IntoIterator<Item = (Option<UserId>, OffsetDateTime)>,
) -> HashMap<UserId, OffsetDateTime> {
    let mut last: HashMap<UserId, OffsetDateTime> = HashMap::new();
    for (who, at) in rows {
        if let Some(who) = who {
            let latest = last.entry(who).or_insert(at);
            *latest = (*latest).max(at);
        }
    }
    last
}

/// One entry of a meeting's facilitator history.
#[derive(Debug, Clone, Serialize)]
pub struct FacilitatorChange {
    /// Who (or "nobody"), in the reader's language.
    pub name: String,
    /// When assigned.
    pub at: String,
}

/// Who was made facilitator of the meeting, oldest first, in `lang`.
pub async fn facilitator_history(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
    zone: Zone,
    lang: Lang,
) -> Result<Vec<FacilitatorChange>> {
    let rows = meeting_facilitators::Entity::find()
        .filter(meeting_facilitators::Column::MeetingId.eq(meeting_id))
        .order_by_asc(meeting_facilitators::Column::Id)
        .all(db)
        .await?;
    let names = super::names_of(db, rows.iter().filter_map(|r| r.user_id)).await?;
    Ok(rows
        .into_iter()
        .map(|row| FacilitatorChange {
            name: match row.user_id {
                Some(_) => super::author_name(&names, row.user_id),
                None => Msg::new("mt-form-history-nobody").render(lang),
            },
            at: crate::format::date_time_in(row.assigned_at, zone, lang),
        })
        .collect())
}

pub(super) async fn record_facilitator(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
    user_id: Option<UserId>,
    by: Option<UserId>,
    now: OffsetDateTime,
) -> Result<()> {
    meeting_facilitators::ActiveModel {
        meeting_id: Set(meeting_id),
        user_id: Set(user_id),
        assigned_at: Set(now),
        assigned_by: Set(by),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The labels of a list of members ("Name (last facilitated: …)"), one per member of a team
/// that may have thousands: the message is formatted once per distinct `last` (most members
/// share "never") and each name put into that text afterwards, since Fluent inserts arguments
/// verbatim. Formatting the message per member cost more than the rest of the page.
pub(crate) struct ChoiceLabels {
    lang: Lang,
    texts: HashMap<(&'static str, String), String>,
}

/// Stands for the name in a formatted message (a private-use character no text contains).
const NAME_MARK: &str = "\u{E000}";

impl ChoiceLabels {
    pub(crate) fn new(lang: Lang) -> Self {
        Self {
            lang,
            texts: HashMap::new(),
        }
    }

    /// Message `key` with `$name` = `name` and `$last` = `last`.
    pub(crate) fn label(&mut self, key: &'static str, name: &str, last: &str) -> String {
        let lang = self.lang;
        self.texts
            .entry((key, last.to_owned()))
            .or_insert_with(|| {
                Msg::new(key)
                    .arg("name", NAME_MARK)
                    .arg("last", last)
                    .render(lang)
            })
            .replace(NAME_MARK, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_put_in_afterwards_are_the_message_formatted_per_member() {
        for lang in [Lang::En, Lang::Fr] {
            let mut labels = ChoiceLabels::new(lang);
            for (name, last) in [
                ("Ann", "never"),
                ("Zoë O'Neil {$last}", "never"),
                ("Ann", "3 Dec 2026, 14:00 UTC"),
                ("", "never"),
            ] {
                for key in [
                    "mt-form-facilitator-choice",
                    "mt-live-note-taker-choice",
                    "mt-live-note-taker-suggested",
                ] {
                    let direct = Msg::new(key)
                        .arg("name", name)
                        .arg("last", last)
                        .render(lang);
                    assert_eq!(labels.label(key, name, last), direct, "{key} {name} {last}");
                }
            }
        }
    }
}
