//! Who is at the meeting and who takes the notes (issue 15): attendance taken in one step, and
//! the note-taker, suggested in rotation like the facilitator (who took notes least recently
//! first). Both are audited; both need the one who runs the meeting.

use crate::domain::ids::{MeetingId, TeamId, UserId};
use crate::domain::zone::Zone;
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, JoinType, QueryFilter,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use crate::access::Principal;
use crate::i18n::{Lang, Msg};
use crate::service::{Result, audit};
use crate::store::entities::{meeting_attendance, meeting_runs, meetings};

use super::run::{audit_run, begin_running, save_run};
use crate::service::teams::{Member, member_ids};
use crate::store::scoped::membership;

/// The attendance form: `attendance_{user id}` = `present`, `apologies` or empty.
pub type AttendanceForm = HashMap<String, String>;

/// Whose attendance an [`AttendanceForm`] sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whom {
    /// Every member: the form replaces what was recorded, and a member left out of it is not
    /// recorded (the API's list).
    Everyone,
    /// Only the members the form names (the live page shows a page of people at a time, and
    /// every radio group it shows is posted, "not recorded" included); others keep theirs.
    Named,
}

fn attendance_field(member: UserId) -> String {
    format!("attendance_{member}")
}

/// Records attendance in one step: for every member (`Whom::Everyone`, an empty or missing
/// value is not recorded) or for the members the form names (`Whom::Named`). Fields naming
/// someone who is not a member are ignored. The audit entry counts the meeting's totals after
/// the change.
pub async fn take_attendance(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    form: &AttendanceForm,
    whom: Whom,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, state, user) = begin_running(db, principal, slug, meeting_id).await?;
    let mut members = member_ids(&txn, state.access.team.id).await?;
    let of_meeting = meeting_attendance::Column::MeetingId.eq(meeting_id);
    match whom {
        Whom::Everyone => {
            meeting_attendance::Entity::delete_many()
                .filter(of_meeting)
                .exec(&txn)
                .await?;
        }
        Whom::Named => {
            members.retain(|m| form.contains_key(&attendance_field(*m)));
            for chunk in members.chunks(crate::store::INSERT_CHUNK) {
                meeting_attendance::Entity::delete_many()
                    .filter(of_meeting.clone())
                    .filter(meeting_attendance::Column::UserId.is_in(chunk.iter().copied()))
                    .exec(&txn)
                    .await?;
            }
        }
    }
    let mut rows = Vec::new();
    for member in members {
        let status = match form.get(&attendance_field(member)).map(String::as_str) {
            Some("present") => meeting_attendance::Attendance::Present,
            Some("apologies") => meeting_attendance::Attendance::Apologies,
            _ => continue,
        };
        rows.push(meeting_attendance::ActiveModel {
            meeting_id: Set(meeting_id),
            user_id: Set(member),
            status: Set(status),
            recorded_at: Set(now),
        });
    }
    crate::store::insert_in_chunks(&txn, &rows).await?;
    let totals: Vec<(meeting_attendance::Attendance, i64)> = meeting_attendance::Entity::find()
        .select_only()
        .column(meeting_attendance::Column::Status)
        .column_as(meeting_attendance::Column::UserId.count(), "n")
        .filter(meeting_attendance::Column::MeetingId.eq(meeting_id))
        .group_by(meeting_attendance::Column::Status)
        .into_tuple()
        .all(&txn)
        .await?;
    let total = |wanted| {
        totals
            .iter()
            .find(|(status, _)| *status == wanted)
            .map_or(0, |(_, n)| *n)
    };
    audit_run(
        &txn,
        &state,
        user,
        audit::AuditAction::MeetingAttendance,
        json!({
            "meeting_id": meeting_id,
            "present": total(meeting_attendance::Attendance::Present),
            "apologies": total(meeting_attendance::Attendance::Apologies),
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The note-taker form.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NoteTakerForm {
    /// A member's id, or empty for nobody.
    #[serde(default)]
    pub note_taker_id: String,
}

/// Names the note-taker (a member of the team), or nobody.
pub async fn set_note_taker(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    form: &NoteTakerForm,
) -> Result<()> {
    let (txn, state, user) = begin_running(db, principal, slug, meeting_id).await?;
    let chosen = match form.note_taker_id.trim() {
        "" => None,
        raw => {
            let id = raw.parse::<UserId>().ok();
            match id {
                Some(id) if membership(&txn, state.access.team.id, id).await?.is_some() => Some(id),
                _ => {
                    return Err(crate::service::invalid(
                        "note_taker_id",
                        crate::i18n::Msg::new("sm-choose-member"),
                    ));
                }
            }
        }
    };
    save_run(&txn, &state, |row| row.note_taker_id = Set(chosen)).await?;
    audit_run(
        &txn,
        &state,
        user,
        audit::AuditAction::MeetingNoteTaker,
        json!({ "meeting_id": meeting_id, "note_taker_id": chosen }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A member in the note-taker choice, with when they last took the notes.
#[derive(Debug, Clone, Serialize)]
pub struct NoteTakerChoice {
    pub user_id: UserId,
    pub display_name: String,
    /// Last meeting they took notes at ("never"), in the reader's language.
    pub last: String,
    /// "Name (last: …)", the first choice marked as the suggestion: as the form lists it.
    pub label: String,
}

/// Members ordered least-recently-note-taking first (never first, then oldest, then by name),
/// the facilitator last: the first is the suggestion, in rotation like the facilitator's. In
/// `lang`. `members` is the team's roster ([`crate::service::teams::roster`]), which the
/// caller has already read for its page.
pub async fn note_taker_choices(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    members: &[Member],
    facilitator: Option<UserId>,
    zone: Zone,
    lang: Lang,
) -> Result<Vec<NoteTakerChoice>> {
    // One read however large the team and its history (the caller has the roster): who took
    // notes when (the team's runs joined to their meetings' starts).
    let of_meeting = meeting_runs::Entity::belongs_to(meetings::Entity)
        .from(meeting_runs::Column::MeetingId)
        .to(meetings::Column::Id)
        .into();
    let last = super::facilitator::latest_per_person(
        meeting_runs::Entity::find()
            .select_only()
            .column(meeting_runs::Column::NoteTakerId)
            .column(meetings::Column::StartsAt)
            .join(JoinType::InnerJoin, of_meeting)
            .filter(meetings::Column::TeamId.eq(team_id))
            .filter(meeting_runs::Column::NoteTakerId.is_not_null())
            .into_tuple::<(Option<UserId>, OffsetDateTime)>()
            .all(db)
            .await?,
    );
    let mut rows: Vec<_> = members
        .iter()
        .map(|m| {
            (
                facilitator == Some(m.id),
                last.get(&m.id).copied(),
                m.name.to_lowercase(),
                m,
            )
        })
        .collect();
    rows.sort_by(|a, b| (a.0, a.1, &a.2, a.3.id).cmp(&(b.0, b.1, &b.2, b.3.id)));
    let never = Msg::new("mt-never").render(lang);
    let mut labels = super::facilitator::ChoiceLabels::new(lang);
    Ok(rows
        .into_iter()
        .enumerate()
        .map(|(at, (_, last, _, member))| {
            let last = last.map_or_else(
                || never.clone(),
                |at| crate::format::date_time_in(at, zone, lang),
            );
            let key = if at == 0 {
                "mt-live-note-taker-suggested"
            } else {
                "mt-live-note-taker-choice"
            };
            NoteTakerChoice {
                user_id: member.id,
                label: labels.label(key, &member.name, &last),
                display_name: member.name.clone(),
                last,
            }
        })
        .collect())
}
