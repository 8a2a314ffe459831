//! Turnout and, for open ballots, who ranked what.
//!
//! Participation (`agenda_participation`: who has voted, when) is kept apart from the ballots,
//! so turnout and "who has not voted yet" never touch a ballot and keep a secret ballot secret.
//! Only an *open* meeting's ballots carry the voter, and only leaders read them, after voting
//! closes (see `docs/security.md`).

use crate::i18n::Msg;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::ids::{MeetingId, ProposalId, UserId};
use crate::domain::meeting::Privacy;
use crate::service::paging::Window;
use crate::service::teams::{Member, memberships_with_people};
use crate::service::{Result, ServiceError};
use crate::store::entities::{
    agenda_ballots, agenda_participation, agenda_proposals, memberships, users,
};

use super::{MeetingAccess, authorize, ballots, privacy, tally};

/// How many of the team's members have voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turnout {
    /// Members with a ballot.
    pub voted: u64,
    /// Members of the team (each may vote).
    pub members: u64,
}

impl Turnout {
    /// "12 of 20 have voted".
    #[must_use]
    pub fn sentence(&self) -> Msg {
        Msg::new("sm-turnout")
            .arg("voted", self.voted)
            .arg("members", self.members)
    }
}

/// The meeting's turnout: two counts, no names.
#[must_use]
pub fn turnout(access: &MeetingAccess) -> Turnout {
    Counts::of(access).turnout
}

/// What the meeting page counts: its active proposals, its ballots and its turnout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Proposals still on the ballot (not withdrawn, hidden or merged).
    pub proposals: u64,
    /// Ballots stored.
    pub ballots: u64,
    /// Members who have voted, of all members.
    pub turnout: Turnout,
}

impl Counts {
    /// The counts the database keeps on the meeting and team rows `access` was read with
    /// (triggers raise and lower them with every ballot, vote, proposal and membership:
    /// `migrations/src/m20261206_000002_kept_counts.rs`), so no page counts rows to show them.
    #[must_use]
    pub fn of(access: &MeetingAccess) -> Self {
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        let meeting = &access.meeting;
        Self {
            proposals: count(meeting.active_proposal_count),
            ballots: meeting.ballots(),
            turnout: Turnout {
                voted: count(meeting.voter_count),
                members: access.team.size(),
            },
        }
    }
}

/// The team's members without a ballot in meeting `id` (participation, never ballots), for
/// callers that pick the columns, order and bounds.
fn not_voted(
    team_id: crate::domain::ids::TeamId,
    id: MeetingId,
) -> sea_orm::Select<memberships::Entity> {
    use sea_orm::{QuerySelect, QueryTrait};

    let voted = agenda_participation::Entity::find()
        .select_only()
        .column(agenda_participation::Column::UserId)
        .filter(agenda_participation::Column::MeetingId.eq(id))
        .into_query();
    memberships_with_people(team_id).filter(memberships::Column::UserId.not_in_subquery(voted))
}

/// Lower-cased display name, the order of the lists of members.
fn lower_name() -> sea_orm::sea_query::Expr {
    use sea_orm::sea_query::{Expr, Func};

    Expr::expr(Func::lower(Expr::col((
        users::Entity,
        users::Column::DisplayName,
    ))))
}

/// The members' rows read as [`Member`]s.
fn members_of(rows: Vec<(UserId, String, memberships::Role)>) -> Vec<Member> {
    rows.into_iter()
        .map(|(id, name, role)| Member {
            id,
            label: crate::domain::team::member_label(id, &name),
            name,
            leader: role == memberships::Role::Leader,
        })
        .collect()
}

/// The turnout page's view (leaders only; participation, never ballots).
#[derive(Debug, Clone)]
pub struct NotVotedSlice {
    pub access: MeetingAccess,
    /// The meeting's phase, counts and turnout.
    pub facts: super::facts::Facts,
    /// How many members have not voted.
    pub total: u64,
    /// The page shown (clamped to the last).
    pub window: Window,
    /// This page's members who have not voted.
    pub members: Vec<Member>,
}

/// Page `page` (from 1, clamped to the last) of `per_page` members who have not voted, by name
/// (case ignored) then id, for the turnout page (leaders only; participation, never ballots).
/// The team's roster is kept per roster version (`rosters`); each request reads the access,
/// the meeting's facts and the ids of those who voted: four statements, none of which sorts
/// or anti-joins the whole team.
pub async fn not_voted_slice(
    db: &impl ConnectionTrait,
    rosters: &crate::service::teams::Rosters,
    principal: Principal,
    slug: &str,
    id: MeetingId,
    (page, per_page): (u64, u64),
) -> Result<NotVotedSlice> {
    use sea_orm::QuerySelect;
    use std::collections::HashSet;

    let access = authorize(db, principal, slug, id, Action::ViewVoters).await?;
    let facts = super::facts::state(db, &access).await?;
    let voted: HashSet<UserId> = agenda_participation::Entity::find()
        .select_only()
        .column(agenda_participation::Column::UserId)
        .filter(agenda_participation::Column::MeetingId.eq(id))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let roster = rosters
        .of(db, access.team.id, access.team.roster_version)
        .await?;
    let missing = || roster.iter().filter(|m| !voted.contains(&m.id));
    let total = crate::service::paging::count(missing().count());
    let window = Window::new(total, per_page, page);
    let members = window.cut(missing()).cloned().collect();
    Ok(NotVotedSlice {
        access,
        facts,
        total,
        window,
        members,
    })
}

/// Where a page of the members who have not voted resumes: after this name (compared as the
/// database lowercases it) and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameAfter {
    /// The last name seen, as stored.
    pub name: String,
    pub id: UserId,
}

/// One page of the members who have not voted (leaders only; participation, never ballots):
/// the turnout, up to `limit` members after `after` by name (case ignored) then id, and whether
/// more follow. Two counts and one bounded query, however large the team.
pub async fn not_voted_page(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: MeetingId,
    after: Option<&NameAfter>,
    limit: u64,
) -> Result<(MeetingAccess, Turnout, Vec<Member>, bool)> {
    use sea_orm::sea_query::{Expr, ExprTrait, Func, Order};
    use sea_orm::{QueryOrder, QuerySelect};

    let access = authorize(db, principal, slug, id, Action::ViewVoters).await?;
    let counts = turnout(&access);
    let name = lower_name;
    let mut select = not_voted(access.team.id, id)
        .select_only()
        .column(memberships::Column::UserId)
        .column(users::Column::DisplayName)
        .column(memberships::Column::Role);
    if let Some(after) = after {
        let theirs = || Func::lower(Expr::val(after.name.clone()));
        select = select.filter(
            name().gt(theirs()).or(name()
                .eq(theirs())
                .and(Expr::col((memberships::Entity, memberships::Column::UserId)).gt(after.id))),
        );
    }
    let mut rows: Vec<(UserId, String, memberships::Role)> = select
        .order_by(name(), Order::Asc)
        .order_by(memberships::Column::UserId, Order::Asc)
        .limit(limit.saturating_add(1))
        .into_tuple()
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let members = members_of(rows);
    Ok((access, counts, members, more))
}

/// One member's ranking of an open ballot.
#[derive(Debug, Clone)]
pub struct OpenRanking {
    /// The voter's name.
    pub voter: String,
    /// Item titles, first choice first.
    pub items: Vec<String>,
}

/// An open meeting's ballots with their voters, after voting closes (leaders only). A secret
/// meeting answers `NotFound` (there is nothing to show); before the close, `Conflict`.
pub async fn open_rankings(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: MeetingId,
    now: OffsetDateTime,
) -> Result<(MeetingAccess, Vec<OpenRanking>)> {
    let access = authorize(db, principal, slug, id, Action::ViewVoters).await?;
    rankings_readable(&access, now)?;
    let titles = titles_of(db, id).await?;
    let rows = tally::rankings(db, id).await?;
    let names = super::names_of(db, rows.iter().filter_map(|b| b.voter_id)).await?;
    let mut out: Vec<OpenRanking> = rows
        .iter()
        .map(|b| ranking_of(b, &names, &titles))
        .collect();
    out.sort_by_cached_key(|r| r.voter.to_lowercase());
    Ok((access, out))
}

/// One page of [`open_rankings`] as the rankings page shows them: by voter name (case ignored;
/// a former member's ballot first), then ballot id; page `page` (from 1, clamped to the last)
/// of `per_page`. Also the number of ballots and the page shown. The same refusals; a count and
/// two bounded queries, however many voted (the number of ballots is kept on the meeting).
pub async fn open_rankings_slice(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: MeetingId,
    now: OffsetDateTime,
    page: u64,
    per_page: u64,
) -> Result<(MeetingAccess, u64, u64, Vec<OpenRanking>)> {
    use sea_orm::sea_query::{Expr, Func, Order};
    use sea_orm::{JoinType, QueryOrder, QuerySelect};

    let access = authorize(db, principal, slug, id, Action::ViewVoters).await?;
    rankings_readable(&access, now)?;
    // Kept on the meeting's row (read with the access) by the database.
    let total = access.meeting.ballots();
    let window = Window::new(total, per_page, page);
    let voter = agenda_ballots::Entity::belongs_to(users::Entity)
        .from(agenda_ballots::Column::VoterId)
        .to(users::Column::Id)
        .into();
    let name = Func::lower(Func::coalesce([
        Expr::col((users::Entity, users::Column::DisplayName)),
        Expr::val(""),
    ]));
    let rows = agenda_ballots::Entity::find()
        .join(JoinType::LeftJoin, voter)
        .filter(agenda_ballots::Column::MeetingId.eq(id))
        .order_by(Expr::expr(name), Order::Asc)
        .order_by(agenda_ballots::Column::Id, Order::Asc)
        .offset(window.offset())
        .limit(window.limit())
        .all(db)
        .await?;
    let titles = titles_of(db, id).await?;
    let names = super::names_of(db, rows.iter().filter_map(|b| b.voter_id)).await?;
    let shown = rows
        .iter()
        .map(|b| ranking_of(b, &names, &titles))
        .collect();
    Ok((access, total, window.page, shown))
}

/// Whether the meeting's rankings may be read now: `NotFound` for a secret ballot (there is
/// nothing to show), `Conflict` before voting closes.
fn rankings_readable(access: &MeetingAccess, now: OffsetDateTime) -> Result<()> {
    if privacy(&access.meeting) != Privacy::Open {
        return Err(ServiceError::NotFound);
    }
    if !access.windows().voting_closed(now) {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-rankings-are-shown-voting",
        )));
    }
    Ok(())
}

/// The meeting's items' titles by id (two columns, not the items' texts).
async fn titles_of(
    db: &impl ConnectionTrait,
    id: MeetingId,
) -> Result<HashMap<ProposalId, String>> {
    use sea_orm::QuerySelect;

    Ok(agenda_proposals::Entity::find()
        .select_only()
        .column(agenda_proposals::Column::Id)
        .column(agenda_proposals::Column::Title)
        .filter(agenda_proposals::Column::MeetingId.eq(id))
        .into_tuple::<(ProposalId, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// A ballot as the rankings show it: its voter's name and its items' titles, best first.
fn ranking_of(
    ballot: &agenda_ballots::Model,
    names: &HashMap<UserId, String>,
    titles: &HashMap<ProposalId, String>,
) -> OpenRanking {
    OpenRanking {
        voter: super::author_name(names, ballot.voter_id),
        items: ballots::ranking::<ProposalId>(ballot)
            .into_iter()
            .map(|p| {
                titles
                    .get(&p)
                    .cloned()
                    .unwrap_or_else(|| format!("item #{p}"))
            })
            .collect(),
    }
}

/// Where a page of an open meeting's rankings resumes: after this ballot, in the order of the
/// receipts file (receipt hash, then id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotAfter {
    pub receipt_hash: String,
    pub id: i64,
}

/// One page of [`open_rankings`] in the receipts file's order (receipt hash, then id): up to
/// `limit` ballots after `after` with their voters, each item by title, and whether more
/// follow; the same refusals. One bounded query of ballots and one of their voters' names per
/// page, however many voted (the ballots no longer change once voting has closed).
pub async fn open_rankings_page(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: MeetingId,
    now: OffsetDateTime,
    after: Option<&BallotAfter>,
    limit: u64,
) -> Result<(Vec<(BallotAfter, OpenRanking)>, bool)> {
    use sea_orm::sea_query::ExprTrait;
    use sea_orm::{QueryOrder, QuerySelect};

    let access = authorize(db, principal, slug, id, Action::ViewVoters).await?;
    rankings_readable(&access, now)?;
    let mut select =
        agenda_ballots::Entity::find().filter(agenda_ballots::Column::MeetingId.eq(id));
    if let Some(after) = after {
        select = select.filter(
            agenda_ballots::Column::ReceiptHash
                .gt(after.receipt_hash.clone())
                .or(agenda_ballots::Column::ReceiptHash
                    .eq(after.receipt_hash.clone())
                    .and(agenda_ballots::Column::Id.gt(after.id))),
        );
    }
    let mut rows = select
        .order_by_asc(agenda_ballots::Column::ReceiptHash)
        .order_by_asc(agenda_ballots::Column::Id)
        .limit(limit.saturating_add(1))
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let titles = titles_of(db, id).await?;
    let names = super::names_of(db, rows.iter().filter_map(|b| b.voter_id)).await?;
    let page = rows
        .iter()
        .map(|b| {
            let key = BallotAfter {
                receipt_hash: b.receipt_hash.clone(),
                id: b.id,
            };
            (key, ranking_of(b, &names, &titles))
        })
        .collect();
    Ok((page, more))
}

/// The header of the rankings file.
pub const RANKINGS_CSV_HEADER: [&str; 2] = ["voter", "ranking (best first)"];

/// Open rankings as CSV: the voter, then the items first choice first (one row per ballot,
/// rows of different lengths), cells defused against spreadsheet formulas.
pub fn rankings_csv(rows: &[OpenRanking]) -> Result<String> {
    use crate::service::ledger::views::{csv_cell, csv_finish};
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let fail = |e: csv::Error| ServiceError::Unexpected(anyhow::Error::new(e));
    out.write_record(RANKINGS_CSV_HEADER).map_err(fail)?;
    for row in rows {
        let mut record = vec![csv_cell(&row.voter)];
        record.extend(row.items.iter().map(|item| csv_cell(item)));
        out.write_record(&record).map_err(fail)?;
    }
    csv_finish(out)
}
