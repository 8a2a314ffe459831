//! One line per action as the log, the home page and the CSV show it: owner's name, due date,
//! overdue flag and where it came from (agenda item, help request or budget idea, linked),
//! built for a whole page with one query per kind of name.

use crate::domain::ids::{ActionId, IdeaId, MeetingId, RoundId, UserId};
use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use time::Date;

use crate::domain::action::{self as rules, Status};
use crate::format;
use crate::i18n::{Lang, Msg};
use crate::service::Result;
use crate::service::meetings::{author_name, names_of};
use crate::store::entities::{actions, budget_ideas, meetings};

/// An action as lists show it: built in English ([`lines`]); a page shows it in its reader's
/// language with [`ActionLine::in_lang`].
#[derive(Debug, Clone, Serialize)]
pub struct ActionLine {
    pub id: ActionId,
    /// What.
    pub title: String,
    /// Who.
    pub owner: String,
    /// Owner's id.
    pub owner_id: UserId,
    /// "10 Dec 2026" ("10 déc. 2026" in French).
    pub due: String,
    /// "2026-12-10".
    pub due_iso: String,
    /// The due day itself.
    #[serde(skip)]
    pub due_on: Date,
    /// Status value.
    pub status: Status,
    /// Why blocked or dropped.
    pub reason: String,
    /// Past its day and still to be done.
    pub overdue: bool,
    /// Where it came from, in words.
    pub source: String,
    /// Where it came from, as a message.
    #[serde(skip)]
    pub source_msg: Msg,
    /// A link to the source, if it has a page.
    pub source_link: Option<String>,
    /// The meeting it came from.
    pub meeting_id: Option<MeetingId>,
    /// The agenda item's position in that meeting.
    pub item_position: Option<i32>,
    /// Whose check-in keeps it blocked, in words ("from Sam's check-in, week of 30 November").
    pub blocked_from: String,
    /// The same, as a message.
    #[serde(skip)]
    pub blocked_from_msg: Option<Msg>,
}

/// Builds the lines of `rows` (names and meeting titles in one query each).
pub async fn lines(
    db: &impl ConnectionTrait,
    slug: &str,
    rows: Vec<actions::Model>,
    today: Date,
) -> Result<Vec<ActionLine>> {
    let people = names_of(db, rows.iter().map(|r| r.owner_id)).await?;
    let meeting_ids: Vec<MeetingId> = rows.iter().filter_map(|r| r.meeting_id).collect();
    let titles: HashMap<MeetingId, String> = if meeting_ids.is_empty() {
        HashMap::new()
    } else {
        meetings::Entity::find()
            .filter(meetings::Column::Id.is_in(meeting_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.title))
            .collect()
    };
    let idea_ids: Vec<IdeaId> = rows.iter().filter_map(|r| r.budget_idea_id).collect();
    let ideas: HashMap<IdeaId, (RoundId, String)> = if idea_ids.is_empty() {
        HashMap::new()
    } else {
        budget_ideas::Entity::find()
            .filter(budget_ideas::Column::Id.is_in(idea_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|i| (i.id, (i.round_id, i.title)))
            .collect()
    };
    let from_checkins = crate::service::checkins::link::blocked_by(db, &rows, today).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let status = Status::from(r.status);
            let (source, source_link) = match (r.source_kind, r.meeting_id, r.help_post_id) {
                (actions::SourceKind::AgendaItem, Some(m), _) => (
                    Msg::new("ac-source-agenda-item")
                        .arg("position", r.item_position.map_or(0, |p| p + 1))
                        .arg(
                            "meeting",
                            titles
                                .get(&m)
                                .map_or_else(|| Msg::new("ac-source-a-meeting"), Msg::verbatim),
                        ),
                    Some(format!("/teams/{slug}/meetings/{m}/live")),
                ),
                (actions::SourceKind::HelpPost, _, Some(p)) => (
                    Msg::new("ac-source-help"),
                    Some(format!("/teams/{slug}/help/{p}")),
                ),
                (actions::SourceKind::BudgetIdea, _, _) => {
                    match r
                        .budget_idea_id
                        .and_then(|i| ideas.get(&i).map(|idea| (i, idea)))
                    {
                        Some((i, (round, title))) => (
                            Msg::new("ac-source-idea").arg("idea", title.as_str()),
                            Some(format!("/teams/{slug}/budgets/{round}/ideas/{i}")),
                        ),
                        None => (Msg::new("ac-source-an-idea"), None),
                    }
                }
                _ => (Msg::new("ac-source-own"), None),
            };
            ActionLine {
                id: r.id,
                owner: author_name(&people, Some(r.owner_id)),
                owner_id: r.owner_id,
                due: String::new(),
                due_iso: format::iso(r.due_on),
                due_on: r.due_on,
                status,
                overdue: rules::is_overdue(status, r.due_on, today),
                title: r.title,
                reason: r.reason,
                source: String::new(),
                source_msg: source,
                source_link,
                meeting_id: r.meeting_id,
                item_position: r.item_position,
                blocked_from: String::new(),
                blocked_from_msg: from_checkins.get(&r.id).cloned(),
            }
            .in_lang(Lang::En)
        })
        .collect())
}

impl ActionLine {
    /// The line in `lang`'s words: its due day and where it came from.
    #[must_use]
    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.due = format::date_in(self.due_on, lang);
        self.source = self.source_msg.render(lang);
        self.blocked_from = self
            .blocked_from_msg
            .as_ref()
            .map(|m| m.render(lang))
            .unwrap_or_default();
        self
    }
}
