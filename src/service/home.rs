//! The home page's content across a person's teams (issue 19, cohorts): for each team they
//! belong to, what is open now (proposals, voting, budget phases) and their own open actions,
//! each list capped at [`CAP`] with the number left over, so a person in many teams with many
//! items still gets a bounded page. Other features add their own per-team lists in the web
//! layer (`web::home::TeamHome`); this module only gathers what already existed.
//!
//! Reads only the person's own teams (their memberships), so nothing of another team shows.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;
use time::OffsetDateTime;

use crate::access::TeamRole;
use crate::domain::budget::BudgetPhase;
use crate::domain::ids::{TeamId, UserId};
use crate::service::actions::ActionLine;
use crate::service::{Result, actions, budgets, ledger, meetings, teams};
use crate::store::entities::teams as team_rows;

/// The most items of one kind shown per team; the rest are behind a "see all" link.
pub const CAP: usize = 10;

/// A list cut at [`CAP`], with how many were left out.
#[derive(Debug, Clone)]
pub struct Capped<T> {
    /// The first items, in order.
    pub items: Vec<T>,
    /// How many more there are.
    pub more: usize,
}

impl<T> Capped<T> {
    /// Keeps the first [`CAP`] of `all`.
    pub fn new(mut all: Vec<T>) -> Self {
        let more = all.len().saturating_sub(CAP);
        all.truncate(CAP);
        Self { items: all, more }
    }
}

/// What kind of window is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowKind {
    /// A meeting's proposal window.
    Proposing,
    /// A budget round's ideas phase.
    Ideas,
    /// A meeting's or budget round's voting window.
    Voting,
}

impl WindowKind {
    /// The value templates compare with.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Proposing => "proposing",
            Self::Ideas => "ideas",
            Self::Voting => "voting",
        }
    }
}

/// A meeting or budget round with a window open now.
#[derive(Debug, Clone)]
pub struct OpenItem {
    /// Meeting or round title.
    pub title: String,
    /// The page to act on.
    pub link: String,
    /// Which window.
    pub kind: WindowKind,
    /// For voting windows: whether the person has voted.
    pub voted: Option<bool>,
    /// When the window closes.
    pub closes_at: OffsetDateTime,
}

/// One team on a person's home page.
#[derive(Debug, Clone)]
pub struct TeamHome {
    /// The team.
    pub team: team_rows::Model,
    /// The person's role in it.
    pub role: TeamRole,
    /// Unread ledger notifications in this team.
    pub unread: u64,
    /// Meetings and budget rounds with a window open, closing soonest first.
    pub open_windows: Capped<OpenItem>,
    /// The person's own open actions in this team, overdue first then soonest due.
    pub actions: Capped<ActionLine>,
}

/// Every team of `user_id`, by name, with what is open and what they owe in each.
pub async fn home_of(
    db: &impl ConnectionTrait,
    user_id: UserId,
    now: OffsetDateTime,
) -> Result<Vec<TeamHome>> {
    let my_teams = teams::teams_of(db, user_id).await?;
    if my_teams.is_empty() {
        return Ok(Vec::new());
    }
    let unread = ledger::notify::unread_counts(db, user_id).await?;
    let mut windows: HashMap<TeamId, Vec<OpenItem>> = HashMap::new();
    for w in meetings::open_windows(db, user_id, now).await? {
        let base = format!("/teams/{}/meetings/{}", w.team.slug, w.meeting.id);
        windows.entry(w.team.id).or_default().push(OpenItem {
            title: w.meeting.title,
            link: if w.voting {
                format!("{base}/ballot")
            } else {
                format!("{base}/proposals")
            },
            kind: if w.voting {
                WindowKind::Voting
            } else {
                WindowKind::Proposing
            },
            voted: w.voting.then_some(w.voted),
            closes_at: w.closes_at,
        });
    }
    for p in budgets::open_phases(db, user_id, now).await? {
        let base = format!("/teams/{}/budgets/{}", p.team.slug, p.round.id);
        let voting = p.phase == BudgetPhase::Voting;
        windows.entry(p.team.id).or_default().push(OpenItem {
            title: p.round.title,
            link: if voting {
                format!("{base}/ballot")
            } else {
                format!("{base}/ideas")
            },
            kind: if voting {
                WindowKind::Voting
            } else {
                WindowKind::Ideas
            },
            voted: voting.then_some(p.voted),
            closes_at: p.ends_at,
        });
    }
    let mut owed: HashMap<String, Vec<ActionLine>> = HashMap::new();
    for (slug, line) in actions::my_open(db, user_id, now).await? {
        owed.entry(slug).or_default().push(line);
    }
    Ok(my_teams
        .into_iter()
        .map(|(team, role)| {
            let mut open = windows.remove(&team.id).unwrap_or_default();
            open.sort_by(|a, b| a.closes_at.cmp(&b.closes_at).then(a.link.cmp(&b.link)));
            TeamHome {
                unread: unread.get(&team.id).copied().unwrap_or(0),
                open_windows: Capped::new(open),
                actions: Capped::new(owed.remove(&team.slug).unwrap_or_default()),
                role,
                team,
            }
        })
        .collect())
}
