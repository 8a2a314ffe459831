//! Turnout and, for open ballots, who ranked what.
//!
//! Participation (`agenda_participation`: who has voted, when) is kept apart from the ballots,
//! so turnout and "who has not voted yet" never touch a ballot and keep a secret ballot secret.
//! Only an *open* meeting's ballots carry the voter, and only leaders read them, after voting
//! closes (see `docs/security.md`).

use crate::i18n::Msg;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::ids::{MeetingId, ProposalId};
use crate::domain::meeting::Privacy;
use crate::service::teams::{Member, roster};
use crate::service::{Result, ServiceError};
use crate::store::entities::{agenda_participation, memberships};

use super::{MeetingAccess, authorize, ballots, privacy, proposals, tally};

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
pub async fn turnout(db: &impl ConnectionTrait, access: &MeetingAccess) -> Result<Turnout> {
    let voted = agenda_participation::Entity::find()
        .filter(agenda_participation::Column::MeetingId.eq(access.meeting.id))
        .count(db)
        .await?;
    let members = memberships::Entity::find()
        .filter(memberships::Column::TeamId.eq(access.team.id))
        .count(db)
        .await?;
    Ok(Turnout { voted, members })
}

/// Who has voted and who has not: what a leader needs to remind people.
#[derive(Debug, Clone)]
pub struct Voters {
    pub access: MeetingAccess,
    pub turnout: Turnout,
    /// Members without a ballot, by name.
    pub not_voted: Vec<Member>,
}

/// The members who have not voted yet (leaders only; participation, never ballots).
pub async fn voters(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: MeetingId,
) -> Result<Voters> {
    let access = authorize(db, principal, slug, id, Action::ViewVoters).await?;
    let voted: std::collections::HashSet<_> = agenda_participation::Entity::find()
        .filter(agenda_participation::Column::MeetingId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.user_id)
        .collect();
    let members = roster(db, access.team.id).await?;
    let turnout = Turnout {
        voted: voted.len() as u64,
        members: members.len() as u64,
    };
    let not_voted = members
        .into_iter()
        .filter(|m| !voted.contains(&m.id))
        .collect();
    Ok(Voters {
        access,
        turnout,
        not_voted,
    })
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
    if privacy(&access.meeting) != Privacy::Open {
        return Err(ServiceError::NotFound);
    }
    if !access.windows().voting_closed(now) {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-rankings-are-shown-voting",
        )));
    }
    let titles: std::collections::HashMap<ProposalId, String> = proposals::all(db, id)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let rows = tally::rankings(db, id).await?;
    let names = super::names_of(db, rows.iter().filter_map(|b| b.voter_id)).await?;
    let mut out: Vec<OpenRanking> = rows
        .iter()
        .map(|b| OpenRanking {
            voter: super::author_name(&names, b.voter_id),
            items: ballots::ranking::<ProposalId>(b)
                .into_iter()
                .map(|p| {
                    titles
                        .get(&p)
                        .cloned()
                        .unwrap_or_else(|| format!("item #{p}"))
                })
                .collect(),
        })
        .collect();
    out.sort_by_cached_key(|r| r.voter.to_lowercase());
    Ok((access, out))
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
