//! Minutes (issue 15): drafted from the live record when the facilitator closes the meeting,
//! edited and published by the note-taker or a leader. Every save is a new version (never an
//! update), so an edit after publishing keeps what was published; members read the latest
//! published version, editors also the drafts.

use crate::domain::ids::{MeetingId, UserId};
use crate::i18n::{Lang, Msg};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::meeting_run::{
    MinutesAction, MinutesDecision, MinutesInput, MinutesItem, draft,
};
use crate::format;
use crate::service::{Result, ServiceError, audit, invalid};
use crate::store::entities::{meeting_attendance, meeting_minutes};

use super::capture::{action_rows, decisions_of};
use super::run::{RunState, load, state};
use super::{author_name, begin_locked, names_of};
use crate::domain::zone::Zone;

/// Longest minutes accepted, in characters.
pub const MAX_CHARS: usize = 50_000;

/// Drafts version 1 of the minutes from the closed meeting's record (inside the close), in
/// `lang`: the language of the person who closes the meeting (stored as written).
pub async fn draft_at_close(
    db: &impl ConnectionTrait,
    run: &RunState,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<()> {
    let m = &run.access.meeting;
    let decisions = decisions_of(db, m.id).await?;
    let actions = action_rows(db, m.id).await?;
    let people = names_of(
        db,
        run.attendance
            .keys()
            .copied()
            .chain(actions.iter().map(|a| a.owner_id))
            .chain(m.facilitator_id)
            .chain(run.note_taker()),
    )
    .await?;
    let names_with = |wanted: meeting_attendance::Attendance| {
        let mut list: Vec<String> = run
            .attendance
            .iter()
            .filter(|(_, s)| **s == wanted)
            .map(|(id, _)| author_name(&people, Some(*id)))
            .collect();
        list.sort();
        list
    };
    let present = names_with(meeting_attendance::Attendance::Present);
    let apologies = names_with(meeting_attendance::Attendance::Apologies);
    let items = run
        .items
        .iter()
        .zip(&run.clocks)
        .enumerate()
        .map(|(i, (item, clock))| {
            let at = i32::try_from(i).unwrap_or(i32::MAX);
            MinutesItem {
                title: item.title.clone(),
                clock: *clock,
                decisions: decisions
                    .iter()
                    .filter(|d| d.item_position == at)
                    .map(|d| MinutesDecision {
                        text: d.text.clone(),
                        review_on: d.review_on,
                    })
                    .collect(),
                actions: actions
                    .iter()
                    .filter(|a| a.item_position == Some(at))
                    .map(|a| MinutesAction {
                        title: a.title.clone(),
                        owner: author_name(&people, Some(a.owner_id)),
                        due_on: a.due_on,
                    })
                    .collect(),
            }
        })
        .collect();
    let named = |id: Option<UserId>| match id {
        Some(_) => author_name(&people, id),
        None => Msg::new("sm-draft-nobody-named").render(lang),
    };
    let input = MinutesInput {
        title: m.title.clone(),
        // Stored text: in the team's zone, whoever closed the meeting.
        held: format::date_time_in(m.starts_at, Zone::stored(&run.access.team.time_zone), lang),
        purpose_line: m.purpose_line.clone(),
        facilitator: named(m.facilitator_id),
        note_taker: named(run.note_taker()),
        present,
        apologies,
        items,
        closed_at: now,
    };
    let body = draft(&input, lang);
    insert_version(db, m.id, body, false, None, now).await?;
    Ok(())
}

async fn insert_version(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
    body: String,
    published: bool,
    author: Option<UserId>,
    now: OffsetDateTime,
) -> Result<i32> {
    let last = meeting_minutes::Entity::find()
        .filter(meeting_minutes::Column::MeetingId.eq(meeting_id))
        .order_by_desc(meeting_minutes::Column::Version)
        .one(db)
        .await?
        .map_or(0, |m| m.version);
    let version = last + 1;
    meeting_minutes::ActiveModel {
        meeting_id: Set(meeting_id),
        version: Set(version),
        body: Set(body),
        published: Set(published),
        author_id: Set(author),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(version)
}

/// One version in the history.
#[derive(Debug, Clone, Serialize)]
pub struct VersionLine {
    /// 1, 2, ...
    pub version: i32,
    /// Published or draft.
    pub published: bool,
    /// Who wrote it ("Roundtable" for the first draft), in the reader's language.
    pub author: String,
    /// "3 Dec 2026, 15:02 UTC".
    pub when: String,
    /// Who wrote it (`None`: drafted at close, or a former account).
    pub author_id: Option<UserId>,
    /// When it was saved.
    pub created_at: OffsetDateTime,
}

/// The minutes as the caller may read them.
#[derive(Debug, Clone)]
pub struct MinutesView {
    /// The meeting's run.
    pub run: RunState,
    /// The version shown (none: nothing the caller may read yet).
    pub shown: Option<meeting_minutes::Model>,
    /// The versions the caller may read, newest first.
    pub versions: Vec<VersionLine>,
    /// Whether the caller may edit and publish.
    pub may_edit: bool,
}

/// Loads the minutes: `version` if given and readable, else the latest the caller may read
/// (editors: the latest version; members: the latest published one); the history in `lang`.
pub async fn view(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    version: Option<i32>,
    lang: Lang,
) -> Result<MinutesView> {
    let run = state(db, principal, slug, meeting_id, Action::ViewMeetings).await?;
    let user = principal.user_id.ok_or(ServiceError::Unauthenticated)?;
    let may_edit = run.access.may(principal, Action::EditMinutes) && run.may_edit_minutes(user);
    // The history without its texts (a meeting's minutes may be saved a hundred times); only
    // the version shown is read whole.
    use meeting_minutes::Column;
    let mut history = meeting_minutes::Entity::find()
        .select_only()
        .columns([
            Column::Version,
            Column::Published,
            Column::AuthorId,
            Column::CreatedAt,
        ])
        .filter(Column::MeetingId.eq(meeting_id));
    if !may_edit {
        history = history.filter(Column::Published.eq(true));
    }
    let rows: Vec<(i32, bool, Option<UserId>, OffsetDateTime)> = history
        .order_by_desc(Column::Version)
        .into_tuple()
        .all(db)
        .await?;
    let shown = match version.or_else(|| rows.first().map(|r| r.0)) {
        Some(v) if rows.iter().any(|r| r.0 == v) => meeting_minutes::Entity::find()
            .filter(Column::MeetingId.eq(meeting_id))
            .filter(Column::Version.eq(v))
            .one(db)
            .await?
            .map(Some)
            .ok_or(ServiceError::NotFound)?,
        Some(_) => return Err(ServiceError::NotFound),
        None => None,
    };
    let people = names_of(db, rows.iter().filter_map(|r| r.2)).await?;
    let versions = rows
        .into_iter()
        .map(|(version, published, author_id, created_at)| VersionLine {
            version,
            published,
            author: match author_id {
                None => Msg::new("mt-minutes-drafted-at-close").render(lang),
                id => author_name(&people, id),
            },
            when: format::date_time_in(created_at, run.access.zone, lang),
            author_id,
            created_at,
        })
        .collect();
    Ok(MinutesView {
        run,
        shown,
        versions,
        may_edit,
    })
}

/// The minutes form as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MinutesForm {
    /// The text, Markdown.
    #[serde(default)]
    pub body: String,
    /// `yes` publishes this version to the members.
    #[serde(default)]
    pub publish: String,
}

/// Saves a new version (a draft, or published to the members); returns its number.
pub async fn save(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    form: &MinutesForm,
    now: OffsetDateTime,
) -> Result<i32> {
    let (txn, access) = begin_locked(db, principal, slug, meeting_id, Action::EditMinutes).await?;
    let user = principal.user_id.ok_or(ServiceError::Unauthenticated)?;
    let run = load(&txn, access).await?;
    if !run.may_edit_minutes(user) {
        return Err(ServiceError::Forbidden);
    }
    if run.closed_at().is_none() {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-minutes-are-drafted-when",
        )));
    }
    let body = form.body.replace("\r\n", "\n").trim().to_owned();
    if body.is_empty() {
        return Err(invalid("body", Msg::new("sm-minutes-empty")));
    }
    if body.chars().count() > MAX_CHARS {
        return Err(invalid(
            "body",
            Msg::new("sm-minutes-too-long").arg("max", MAX_CHARS),
        ));
    }
    let publish = form.publish == "yes";
    let version = insert_version(&txn, meeting_id, body, publish, Some(user), now).await?;
    if publish {
        audit::record(
            &txn,
            audit::Entry {
                actor_id: Some(user),
                team_id: Some(run.access.team.id),
                action: audit::AuditAction::MinutesPublish,
                detail: json!({ "meeting_id": meeting_id, "version": version }),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(version)
}
