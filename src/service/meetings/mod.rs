//! Meetings and their co-created agenda: create and edit (leaders), proposals, ranked ballots,
//! the tally exactly once, results and the published agreed agenda.
//!
//! Every use case authorizes through `crate::access` (via [`authorize`]) before it loads or
//! changes anything; windows and ownership are checked here, against the injected clock's
//! `now`, inside the transaction that writes.

pub mod agreed;
pub mod ballots;
pub mod cancel;
pub mod capture;
mod facilitator;
pub mod facts;
pub mod form;
pub mod listing;
pub mod live;
pub mod minutes;
pub mod options;
pub mod proposals;
pub mod roles;
pub mod run;
mod save;
pub mod scan;
pub mod secrecy;
pub mod tally;
pub mod turnout;

use crate::domain::ids::{MeetingId, TeamId, UserId};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, TransactionTrait,
};
use time::OffsetDateTime;

use crate::access::{self, Action, Decision, Principal, TeamRole};
use crate::domain::meeting::{AgendaRule, Phase, Privacy, ResultsVisibility, Windows};
use crate::domain::zone::Zone;
use crate::service::teams::{self, TeamAccess};
use crate::service::{Result, ServiceError};
use crate::store::entities::{
    agenda_participation, agenda_publications, agenda_tallies, meeting_fixed_items, meetings,
    memberships, teams as team_rows, users,
};

pub use form::{MeetingForm, create, edit_form, new_form, update};

/// A meeting the caller may act on, with their team role.
#[derive(Debug, Clone)]
pub struct MeetingAccess {
    pub team: team_rows::Model,
    /// The caller's role in the team, if a member.
    pub role: Option<TeamRole>,
    pub meeting: meetings::Model,
    /// The zone the caller sees times in (their own, else the team's).
    pub zone: Zone,
}

impl MeetingAccess {
    /// Whether the caller may also do `action` here.
    pub fn may(&self, principal: Principal, action: Action) -> bool {
        access::authorize(principal, self.role, action) == Decision::Allow
    }
    /// The meeting's windows.
    pub fn windows(&self) -> Windows {
        windows(&self.meeting)
    }
    /// When the meeting ends if it runs its whole time budget.
    pub fn ends_at(&self) -> time::OffsetDateTime {
        self.meeting.starts_at + time::Duration::minutes(i64::from(self.meeting.budget_minutes))
    }
}

/// Loads a meeting of the team `slug` if `principal` may do `action` there; another team's
/// meeting answers `NotFound`.
pub async fn authorize(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    action: Action,
) -> Result<MeetingAccess> {
    // The team, the caller's role and the meeting in one statement (every meeting page starts
    // here): the meeting's columns, prefixed, from a LEFT JOIN on its id within the team, so a
    // missing meeting is a NULL row part and the team's own answers (not found, refused) come
    // first, as with two reads.
    let mut select = teams::team_and_role(principal, slug)?;
    for column in <meetings::Column as sea_orm::Iterable>::iter() {
        select = select.column_as(
            Expr::col((meetings::Entity, column)),
            format!("{MEETING_PREFIX}{}", sea_orm::IdenStatic::as_str(&column)),
        );
    }
    QueryTrait::query(&mut select).join(
        sea_orm::JoinType::LeftJoin,
        meetings::Entity,
        Expr::col((meetings::Entity, meetings::Column::TeamId))
            .equals((team_rows::Entity, team_rows::Column::Id))
            .and(Expr::col((meetings::Entity, meetings::Column::Id)).eq(meeting_id)),
    );
    let TeamAndMeeting { team, meeting } = select
        .into_model::<TeamAndMeeting>()
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let TeamAccess { team, role, zone } = teams::decide(principal, team, action)?;
    let meeting = meeting.ok_or(ServiceError::NotFound)?;
    Ok(MeetingAccess {
        team,
        role,
        meeting,
        zone,
    })
}

/// How [`authorize`] names the meeting's columns beside the team's.
const MEETING_PREFIX: &str = "meeting_";

/// The row [`authorize`] reads: the team with the caller's role, and the meeting if the team
/// has one with that id.
struct TeamAndMeeting {
    team: teams::TeamAndRole,
    meeting: Option<meetings::Model>,
}

impl sea_orm::FromQueryResult for TeamAndMeeting {
    fn from_query_result(row: &sea_orm::QueryResult, pre: &str) -> Result<Self, sea_orm::DbErr> {
        let team = teams::TeamAndRole::from_query_result(row, pre)?;
        let id = row.try_get::<Option<MeetingId>>(pre, &format!("{MEETING_PREFIX}id"))?;
        let meeting = match id {
            Some(_) => Some(meetings::Model::from_query_result(
                row,
                &format!("{pre}{MEETING_PREFIX}"),
            )?),
            None => None,
        };
        Ok(Self { team, meeting })
    }
}

/// Takes the meeting's write lock for the rest of the transaction. Ballots, proposal changes,
/// edits and the tally all take it first, so they are serialised per meeting: a ballot saved
/// while the window is open is always counted, and one arriving after the tally is refused.
/// (On SQLite the first write also takes the database's write lock, before any read, so
/// concurrent writers wait for each other instead of failing.)
pub async fn lock(db: &impl ConnectionTrait, meeting_id: MeetingId) -> Result<()> {
    crate::store::lock::row::<meetings::Entity>(db, meeting_id).await?;
    Ok(())
}

/// Authorizes on the pool (so a refused request writes nothing), then opens a transaction,
/// takes the meeting's lock and loads the meeting again inside it, for the current state.
pub async fn begin_locked(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    action: Action,
) -> Result<(DatabaseTransaction, MeetingAccess)> {
    authorize(db, principal, slug, meeting_id, action).await?;
    begin_locked_authorized(db, principal, slug, meeting_id, action).await
}

/// The second half of [`begin_locked`], for callers that authorized on the pool themselves
/// (and did something between, such as waiting for their turn to save).
pub async fn begin_locked_authorized(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    action: Action,
) -> Result<(DatabaseTransaction, MeetingAccess)> {
    let txn = db.begin().await?;
    lock(&txn, meeting_id).await?;
    let access = authorize(&txn, principal, slug, meeting_id, action).await?;
    Ok((txn, access))
}

/// The windows of a stored meeting.
pub fn windows(meeting: &meetings::Model) -> Windows {
    Windows {
        proposals_open: meeting.proposals_open_at,
        proposals_close: meeting.proposals_close_at,
        voting_open: meeting.voting_open_at,
        voting_close: meeting.voting_close_at,
        starts_at: meeting.starts_at,
    }
}

/// The stored privacy (an unreadable stored value already failed the read).
pub fn privacy(meeting: &meetings::Model) -> Privacy {
    meeting.privacy.into()
}

/// The stored results visibility.
pub fn visibility(meeting: &meetings::Model) -> ResultsVisibility {
    meeting.results_visibility.into()
}

/// The stored agenda rule.
pub fn rule(meeting: &meetings::Model) -> AgendaRule {
    meeting.agenda_rule.into()
}

// The one place stored meeting enums meet the domain's, both ways (domain stays free of sea-orm).

impl From<meetings::Privacy> for Privacy {
    fn from(stored: meetings::Privacy) -> Self {
        match stored {
            meetings::Privacy::Open => Self::Open,
            meetings::Privacy::Secret => Self::Secret,
        }
    }
}

impl From<Privacy> for meetings::Privacy {
    fn from(privacy: Privacy) -> Self {
        match privacy {
            Privacy::Open => Self::Open,
            Privacy::Secret => Self::Secret,
        }
    }
}

impl From<meetings::ResultsVisibility> for ResultsVisibility {
    fn from(stored: meetings::ResultsVisibility) -> Self {
        match stored {
            meetings::ResultsVisibility::AfterClose => Self::AfterClose,
            meetings::ResultsVisibility::Live => Self::Live,
        }
    }
}

impl From<ResultsVisibility> for meetings::ResultsVisibility {
    fn from(visibility: ResultsVisibility) -> Self {
        match visibility {
            ResultsVisibility::AfterClose => Self::AfterClose,
            ResultsVisibility::Live => Self::Live,
        }
    }
}

impl From<meetings::AgendaRule> for AgendaRule {
    fn from(stored: meetings::AgendaRule) -> Self {
        match stored {
            meetings::AgendaRule::SequentialIrv => Self::SequentialIrv,
            meetings::AgendaRule::EqualShares => Self::EqualShares,
        }
    }
}

impl From<AgendaRule> for meetings::AgendaRule {
    fn from(rule: AgendaRule) -> Self {
        match rule {
            AgendaRule::SequentialIrv => Self::SequentialIrv,
            AgendaRule::EqualShares => Self::EqualShares,
        }
    }
}

/// The budget as stored (always positive by the schema).
pub fn budget(meeting: &meetings::Model) -> u32 {
    u32::try_from(meeting.budget_minutes).unwrap_or(0)
}

/// Whether the agreed agenda is published.
pub async fn is_published(db: &impl ConnectionTrait, meeting_id: MeetingId) -> Result<bool> {
    Ok(agenda_publications::Entity::find_by_id(meeting_id)
        .one(db)
        .await?
        .is_some())
}

/// The meeting's phase at `now`.
pub async fn phase(
    db: &impl ConnectionTrait,
    meeting: &meetings::Model,
    now: OffsetDateTime,
) -> Result<Phase> {
    let published = is_published(db, meeting.id).await?;
    Ok(phase_at(meeting, published, now))
}

/// The meeting's phase at `now`, when whether its agenda is `published` is known.
#[must_use]
pub fn phase_at(meeting: &meetings::Model, published: bool, now: OffsetDateTime) -> Phase {
    Phase::at(&windows(meeting), budget(meeting), published, now)
}

/// The fixed items in order.
pub async fn fixed_items(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
) -> Result<Vec<meeting_fixed_items::Model>> {
    Ok(meeting_fixed_items::Entity::find()
        .filter(meeting_fixed_items::Column::MeetingId.eq(meeting_id))
        .order_by_asc(meeting_fixed_items::Column::Position)
        .all(db)
        .await?)
}

/// The caller's participation record, if they have voted.
pub async fn participation(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
    user_id: Option<UserId>,
) -> Result<Option<agenda_participation::Model>> {
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    Ok(agenda_participation::Entity::find()
        .filter(agenda_participation::Column::MeetingId.eq(meeting_id))
        .filter(agenda_participation::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

/// The stored tally, if it has run.
pub async fn stored_tally(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
) -> Result<Option<agenda_tallies::Model>> {
    Ok(agenda_tallies::Entity::find_by_id(meeting_id)
        .one(db)
        .await?)
}

/// When the meeting was tallied, if it was (one lookup by key, without reading the count).
pub async fn tallied_at(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
) -> Result<Option<OffsetDateTime>> {
    Ok(agenda_tallies::Entity::find_by_id(meeting_id)
        .select_only()
        .column(agenda_tallies::Column::TalliedAt)
        .into_tuple::<OffsetDateTime>()
        .one(db)
        .await?)
}

/// How a person whose account is gone is named.
pub const FORMER_MEMBER: &str = "a former member";

/// A person's name (or "a former member").
pub async fn name_of(db: &impl ConnectionTrait, user_id: Option<UserId>) -> Result<String> {
    let Some(id) = user_id else {
        return Ok(FORMER_MEMBER.to_owned());
    };
    Ok(users::Entity::find_by_id(id)
        .one(db)
        .await?
        .map_or_else(|| FORMER_MEMBER.to_owned(), |u| u.display_name))
}

/// Display names of several users in one query (a list page must not ask once per row);
/// missing ids are simply absent (see [`author_name`]).
pub async fn names_of(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = UserId>,
) -> Result<std::collections::HashMap<UserId, String>> {
    let ids: std::collections::BTreeSet<UserId> = ids.into_iter().collect();
    let mut out = std::collections::HashMap::with_capacity(ids.len());
    let ids: Vec<UserId> = ids.into_iter().collect();
    // Bounded IN lists (SQLite limits the bound values of one statement).
    for chunk in ids.chunks(500) {
        out.extend(
            users::Entity::find()
                .filter(users::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .map(|u| (u.id, u.display_name)),
        );
    }
    Ok(out)
}

/// The name a list shows for an author looked up with [`names_of`] (as [`name_of`] does).
pub fn author_name(
    names: &std::collections::HashMap<UserId, String>,
    user_id: Option<UserId>,
) -> String {
    user_id
        .and_then(|id| names.get(&id).cloned())
        .unwrap_or_else(|| FORMER_MEMBER.to_owned())
}

/// The team's meetings, latest start first then by id, each with its phase at `now`. Three
/// statements however many meetings the team has held (which of them are published is one
/// read, not one per meeting).
pub async fn list(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    now: OffsetDateTime,
) -> Result<(TeamAccess, Vec<(meetings::Model, Phase)>)> {
    let access = teams::authorize(db, principal, slug, Action::ViewMeetings).await?;
    let team_meetings =
        meetings::Entity::find().filter(meetings::Column::TeamId.eq(access.team.id));
    let published: std::collections::HashSet<MeetingId> = agenda_publications::Entity::find()
        .select_only()
        .column(agenda_publications::Column::MeetingId)
        .filter(
            agenda_publications::Column::MeetingId.in_subquery(
                team_meetings
                    .clone()
                    .select_only()
                    .column(meetings::Column::Id)
                    .into_query(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let rows = team_meetings
        .order_by_desc(meetings::Column::StartsAt)
        .order_by_desc(meetings::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            let phase = Phase::at(&windows(&m), budget(&m), published.contains(&m.id), now);
            (m, phase)
        })
        .collect();
    Ok((access, rows))
}

/// A meeting whose proposing or voting window is open, for a member's home page.
#[derive(Debug, Clone)]
pub struct OpenWindow {
    pub team: team_rows::Model,
    pub meeting: meetings::Model,
    /// `true` for voting, `false` for proposing.
    pub voting: bool,
    /// Whether the member has voted (voting windows).
    pub voted: bool,
    /// When the window closes.
    pub closes_at: OffsetDateTime,
}

/// The meetings of `user_id`'s teams where proposing or voting is open at `now` (cancelled
/// meetings have no open window).
pub async fn open_windows(
    db: &impl ConnectionTrait,
    user_id: UserId,
    now: OffsetDateTime,
) -> Result<Vec<OpenWindow>> {
    let team_ids: Vec<TeamId> = memberships::Entity::find()
        .filter(memberships::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.team_id)
        .collect();
    if team_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = meetings::Entity::find()
        .filter(meetings::Column::TeamId.is_in(team_ids))
        .filter(meetings::Column::ProposalsOpenAt.lte(now))
        .filter(meetings::Column::VotingCloseAt.gt(now))
        .filter(meetings::Column::CancelledAt.is_null())
        .order_by_asc(meetings::Column::VotingCloseAt)
        .order_by_asc(meetings::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for meeting in rows {
        let w = windows(&meeting);
        let (voting, closes_at) = if w.voting(now) {
            (true, w.voting_close)
        } else if w.proposing(now) {
            (false, w.proposals_close)
        } else {
            continue;
        };
        let voted = voting
            && participation(db, meeting.id, Some(user_id))
                .await?
                .is_some();
        let Some(team) = team_rows::Entity::find_by_id(meeting.team_id)
            .one(db)
            .await?
        else {
            continue;
        };
        out.push(OpenWindow {
            team,
            meeting,
            voting,
            voted,
            closes_at,
        });
    }
    Ok(out)
}
