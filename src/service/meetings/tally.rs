//! The tally, exactly once per meeting: after the voting window closes, a background task
//! (every few seconds) or the first visit to the results page counts the ballots. The row in
//! `agenda_tallies` (primary key: the meeting) is written in the same transaction, under the
//! meeting's lock, so two requests or two server processes cannot count twice; the stored
//! result (input with rules and seed, engine output) is never changed afterwards.
//!
//! The same transaction destroys the meeting's ballot secret and, for secret meetings, rewrites
//! the ballot rows without voter keys (`secrecy`); after the commit, `secrecy` erases the old
//! row versions from the database files.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::meeting::AgendaRule;
use crate::domain::meeting::{Privacy, ResultsVisibility};
use crate::service::{Result, ServiceError, audit};
use crate::store::entities::{agenda_ballots, agenda_tallies, meetings};
use crate::tally::agenda::{
    Agenda, AgendaItem, FixedItem, ItemOutcome, Reason, compose, rank_and_compose,
};
use crate::tally::budget::{Completion, equal_shares, render_text};
use crate::tally::{
    Ballot, Candidate, CandidateId, Election, Rules, SequentialRanking, WinnerMode,
};

use super::{MeetingAccess, authorize, budget, fixed_items, lock, privacy, proposals, visibility};

/// One item as counted: the proposal and its candidate name (`#12 Timetable`, unique).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyCandidate {
    /// The proposal.
    pub proposal_id: i64,
    /// Candidate name in the election and in the ballot CSV.
    pub name: String,
    /// The proposal's title.
    pub title: String,
    /// Estimated minutes.
    pub minutes: u32,
}

/// Everything the count used: candidates (in this order), rules with the seed, budget and
/// fixed items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyInput {
    /// Candidates in election order.
    pub candidates: Vec<TallyCandidate>,
    /// Counting rules (sequential IRV: `multiPassIrv`, one seat per item, seeded).
    pub rules: Rules,
    /// The meeting's budget.
    pub budget_minutes: u32,
    /// Reserved items.
    pub fixed: Vec<FixedItem>,
    /// `sequential_irv` or `equal_shares`.
    #[serde(default = "sequential_irv")]
    pub rule: String,
}

fn sequential_irv() -> String {
    AgendaRule::SequentialIrv.as_str().to_owned()
}

/// The engine's output as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyOutput {
    /// The sequential-IRV ranking with every pass (absent without items or ballots).
    pub ranking: Option<SequentialRanking>,
    /// The composed agenda with the reason for every item.
    pub agenda: Option<Agenda>,
    /// Why the ranking is absent or the count fell back, for people.
    pub note: Option<String>,
    /// Equal shares of time: the Method of Equal Shares' explanation, step by step.
    #[serde(default)]
    pub equal_shares: Option<String>,
}

/// A stored (or provisional) result.
#[derive(Debug, Clone)]
pub struct TallyResult {
    /// What was counted.
    pub input: TallyInput,
    /// What came out.
    pub output: TallyOutput,
    /// Ballots counted.
    pub ballot_count: usize,
    /// When (`None`: provisional, voting still open).
    pub tallied_at: Option<OffsetDateTime>,
}

/// The deterministic seed of a meeting's count: from its id and its voting close.
pub fn seed_for(meeting: &meetings::Model) -> i64 {
    let text = format!(
        "roundtable agenda tally {} {}",
        meeting.id,
        meeting.voting_close_at.unix_timestamp()
    );
    let digest = Sha256::digest(text.as_bytes());
    let mut bytes = [0_u8; 8];
    for (b, d) in bytes.iter_mut().zip(digest.iter()) {
        *b = *d;
    }
    // Java's Random uses 48 bits of the seed; keep it positive and readable.
    i64::from_be_bytes(bytes) & 0x0000_7fff_ffff_ffff
}

/// Builds the count's input from the meeting as it is now.
pub async fn input(db: &impl ConnectionTrait, meeting: &meetings::Model) -> Result<TallyInput> {
    let items = proposals::active(db, meeting.id).await?;
    let candidates: Vec<TallyCandidate> = items
        .into_iter()
        .map(|p| TallyCandidate {
            proposal_id: p.id,
            name: format!("#{} {}", p.id, p.title.replace('|', "/")),
            title: p.title,
            minutes: u32::try_from(p.minutes).unwrap_or(0),
        })
        .collect();
    let fixed = fixed_items(db, meeting.id)
        .await?
        .into_iter()
        .map(|f| FixedItem::new(f.title, u32::try_from(f.minutes).unwrap_or(0)))
        .collect();
    let rules = Rules {
        winner_election_mode: WinnerMode::MultiPassIrv,
        number_of_winners: u32::try_from(candidates.len().max(1)).unwrap_or(u32::MAX),
        random_seed: Some(seed_for(meeting)),
        ..Rules::default()
    };
    Ok(TallyInput {
        candidates,
        rules,
        budget_minutes: budget(meeting),
        fixed,
        rule: meeting.agenda_rule.clone(),
    })
}

/// Counts rankings (proposal ids, best first) with the pure engine.
pub fn compute(input: &TallyInput, rankings: &[Vec<i64>]) -> TallyOutput {
    let index = |id: i64| {
        input
            .candidates
            .iter()
            .position(|c| c.proposal_id == id)
            .and_then(|i| u32::try_from(i).ok())
            .map(CandidateId)
    };
    let ballots: Vec<Ballot> = rankings
        .iter()
        .map(|r| {
            let ids: Vec<CandidateId> = r.iter().filter_map(|id| index(*id)).collect();
            Ballot::ranking(&ids)
        })
        .filter(|b| !b.is_blank())
        .collect();
    let in_order = |note: &str| {
        let items: Vec<AgendaItem> = input
            .candidates
            .iter()
            .map(|c| AgendaItem::new(c.name.clone(), c.title.clone(), c.minutes))
            .collect();
        TallyOutput {
            ranking: None,
            agenda: compose(&items, input.budget_minutes, &input.fixed).ok(),
            note: Some(note.to_owned()),
            equal_shares: None,
        }
    };
    if input.candidates.is_empty() {
        return in_order("No items were proposed: the agenda holds the fixed items only.");
    }
    if ballots.is_empty() {
        return in_order("No ballots were cast: items are listed in the order they were proposed.");
    }
    let election = Election {
        candidates: input
            .candidates
            .iter()
            .map(|c| Candidate::new(c.name.clone()))
            .collect(),
        ballots,
        rules: input.rules.clone(),
    };
    let minutes: Vec<u32> = input.candidates.iter().map(|c| c.minutes).collect();
    let ranked = match rank_and_compose(&election, &minutes, input.budget_minutes, &input.fixed) {
        Ok(ranked) => ranked,
        Err(e) => {
            return in_order(&format!(
                "The count could not finish ({e}); items are listed in the order they were proposed."
            ));
        }
    };
    if input.rule != AgendaRule::EqualShares.as_str() {
        return TallyOutput {
            ranking: Some(ranked.ranking),
            agenda: Some(ranked.agenda),
            note: None,
            equal_shares: None,
        };
    }
    // Equal shares of time: every item a member ranked counts as approved by them; minutes are
    // the cost; ties follow the sequential-IRV order just computed.
    let priority: Vec<String> = ranked.agenda.items.iter().map(|i| i.id.clone()).collect();
    let names = |r: &Vec<i64>| -> Vec<String> {
        r.iter()
            .filter_map(|id| input.candidates.iter().find(|c| c.proposal_id == *id))
            .map(|c| c.name.clone())
            .collect()
    };
    let approvals: Vec<Vec<String>> = rankings
        .iter()
        .map(names)
        .filter(|a| !a.is_empty())
        .collect();
    let projects: Vec<(String, u64)> = input
        .candidates
        .iter()
        .map(|c| (c.name.clone(), u64::from(c.minutes)))
        .collect();
    let reserved: u32 = input.fixed.iter().map(|f| f.minutes).sum();
    let available = u64::from(input.budget_minutes.saturating_sub(reserved));
    match equal_shares(
        &projects,
        available,
        &approvals,
        &priority,
        Completion::Add1FullGreedy,
    ) {
        Ok(outcome) => TallyOutput {
            agenda: equal_shares_agenda(input, &outcome.selected, &priority),
            equal_shares: Some(render_text(&outcome)),
            ranking: Some(ranked.ranking),
            note: None,
        },
        Err(e) => TallyOutput {
            ranking: Some(ranked.ranking),
            agenda: Some(ranked.agenda),
            note: Some(format!(
                "Equal shares could not run ({e}); the agenda follows the ranked order."
            )),
            equal_shares: None,
        },
    }
}

/// The agenda of an equal-shares count: the chosen items in the order the method chose them,
/// then every other item (in sequential-IRV order) marked as not chosen.
fn equal_shares_agenda(
    input: &TallyInput,
    selected: &[String],
    priority: &[String],
) -> Option<Agenda> {
    let item = |name: &String| {
        input
            .candidates
            .iter()
            .find(|c| &c.name == name)
            .map(|c| AgendaItem::new(c.name.clone(), c.name.clone(), c.minutes))
    };
    let chosen: Vec<AgendaItem> = selected.iter().filter_map(item).collect();
    let mut agenda = compose(&chosen, input.budget_minutes, &input.fixed).ok()?;
    for entry in &mut agenda.items {
        entry.explanation = match entry.explanation.split_once(';') {
            Some((_, rest)) => format!(
                "chosen {} by equal shares;{rest}",
                crate::tally::agenda::ordinal(entry.rank)
            ),
            None => entry.explanation.clone(),
        };
    }
    let left = agenda.minutes_left;
    for name in priority.iter().filter(|n| !selected.contains(n)) {
        let Some(it) = item(name) else { continue };
        let rank = priority
            .iter()
            .position(|p| p == name)
            .and_then(|i| u32::try_from(i + 1).ok())
            .unwrap_or(0);
        let (reason, explanation) = if it.minutes > left {
            let reason = Reason::TooLong {
                rank,
                minutes: it.minutes,
                minutes_left: left,
                over_by: it.minutes - left,
            };
            (
                reason,
                format!(
                    "not chosen by equal shares; {} minutes would pass the {}-minute budget by {}",
                    it.minutes,
                    input.budget_minutes,
                    it.minutes - left
                ),
            )
        } else {
            (
                Reason::Fits {
                    rank,
                    minutes: it.minutes,
                    minutes_left: left,
                },
                "not chosen by equal shares: too few members ranked it for its minutes".to_owned(),
            )
        };
        agenda.items.push(ItemOutcome {
            id: it.id,
            title: it.title,
            rank,
            minutes: it.minutes,
            included: false,
            start_minute: None,
            reason,
            explanation,
        });
    }
    Some(agenda)
}

async fn rankings(
    db: &impl ConnectionTrait,
    meeting_id: i64,
) -> Result<Vec<agenda_ballots::Model>> {
    Ok(agenda_ballots::Entity::find()
        .filter(agenda_ballots::Column::MeetingId.eq(meeting_id))
        .order_by_asc(agenda_ballots::Column::ReceiptHash)
        .order_by_asc(agenda_ballots::Column::Id)
        .all(db)
        .await?)
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))
}

/// Tallies the meeting if its voting window has closed and it has not been tallied yet;
/// `true` when this call did it.
pub async fn tally_meeting(
    db: &DatabaseConnection,
    meeting_id: i64,
    now: OffsetDateTime,
) -> Result<bool> {
    let txn = db.begin().await?;
    lock(&txn, meeting_id).await?;
    if agenda_tallies::Entity::find_by_id(meeting_id)
        .one(&txn)
        .await?
        .is_some()
    {
        return Ok(false);
    }
    let Some(meeting) = meetings::Entity::find_by_id(meeting_id).one(&txn).await? else {
        return Ok(false);
    };
    if now < meeting.voting_close_at {
        return Ok(false);
    }
    let input = input(&txn, &meeting).await?;
    let ballots = rankings(&txn, meeting_id).await?;
    let lists: Vec<Vec<i64>> = ballots.iter().map(super::ballots::ranking).collect();
    let output = compute(&input, &lists);
    let seed = input.rules.random_seed.unwrap_or(0);
    agenda_tallies::ActiveModel {
        meeting_id: Set(meeting_id),
        tallied_at: Set(now),
        rule: Set(meeting.agenda_rule.clone()),
        seed: Set(seed),
        ballot_count: Set(i32::try_from(ballots.len()).unwrap_or(i32::MAX)),
        input: Set(to_json(&input)?),
        outcome: Set(to_json(&output)?),
    }
    .insert(&txn)
    .await?;
    if privacy(&meeting) == Privacy::Secret {
        super::secrecy::unlink_ballots(&txn, meeting_id, &ballots).await?;
    }
    let team_id = meeting.team_id;
    let order: Vec<i64> = output
        .agenda
        .as_ref()
        .map(|a| {
            a.items
                .iter()
                .filter_map(|i| input.candidates.iter().find(|c| c.name == i.id))
                .map(|c| c.proposal_id)
                .collect()
        })
        .unwrap_or_default();
    let mut active: meetings::ActiveModel = meeting.into();
    active.ballot_secret = Set(None);
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: None,
            team_id: Some(team_id),
            action: "meeting.tally",
            detail: json!({
                "meeting_id": meeting_id,
                "seed": seed,
                "ballots": ballots.len(),
                "order": order,
                "secret_destroyed": true,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    super::secrecy::erase_leftovers(db).await;
    Ok(true)
}

/// Tallies every meeting whose voting window has closed and that has not been tallied (its
/// ballot secret still exists); returns how many this call tallied.
pub async fn run_due(db: &DatabaseConnection, now: OffsetDateTime) -> Result<usize> {
    let due = meetings::Entity::find()
        .filter(meetings::Column::VotingCloseAt.lte(now))
        .filter(meetings::Column::BallotSecret.is_not_null())
        .order_by_asc(meetings::Column::VotingCloseAt)
        .order_by_asc(meetings::Column::Id)
        .all(db)
        .await?;
    let mut done = 0;
    for meeting in due {
        if tally_meeting(db, meeting.id, now).await? {
            done += 1;
        }
    }
    Ok(done)
}

/// Reads a stored tally.
pub fn stored(row: &agenda_tallies::Model) -> Result<TallyResult> {
    let input: TallyInput = serde_json::from_str(&row.input).map_err(|e| {
        ServiceError::Unexpected(anyhow::Error::new(e).context("stored tally input"))
    })?;
    let output: TallyOutput = serde_json::from_str(&row.outcome).map_err(|e| {
        ServiceError::Unexpected(anyhow::Error::new(e).context("stored tally outcome"))
    })?;
    Ok(TallyResult {
        input,
        output,
        ballot_count: usize::try_from(row.ballot_count).unwrap_or(0),
        tallied_at: Some(row.tallied_at),
    })
}

/// What the results page may show.
#[derive(Debug, Clone)]
pub enum Results {
    /// Voting is open and results are hidden until it closes.
    Hidden,
    /// Voting is open and this meeting shows live, provisional counts.
    Provisional(TallyResult),
    /// The stored result.
    Final(TallyResult),
}

/// The results of a meeting: tallies first if the window has closed and nobody has yet.
pub async fn results(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: i64,
    now: OffsetDateTime,
) -> Result<(MeetingAccess, Results)> {
    let access = authorize(db, principal, slug, meeting_id, Action::ViewMeetings).await?;
    if access.windows().voting_closed(now) {
        tally_meeting(db, meeting_id, now).await?;
        let row = super::stored_tally(db, meeting_id)
            .await?
            .ok_or_else(|| ServiceError::Unexpected(anyhow::anyhow!("tally row missing")))?;
        let result = stored(&row)?;
        return Ok((access, Results::Final(result)));
    }
    let live = visibility(&access.meeting) == ResultsVisibility::Live
        && privacy(&access.meeting) == Privacy::Open
        && now >= access.meeting.voting_open_at;
    if !live {
        return Ok((access, Results::Hidden));
    }
    let input = input(db, &access.meeting).await?;
    let ballots = rankings(db, meeting_id).await?;
    let lists: Vec<Vec<i64>> = ballots.iter().map(super::ballots::ranking).collect();
    let output = compute(&input, &lists);
    Ok((
        access,
        Results::Provisional(TallyResult {
            input,
            output,
            ballot_count: ballots.len(),
            tallied_at: None,
        }),
    ))
}

/// The published ballots after the tally: `(receipt hash, candidate names best first)`, in
/// receipt-hash order. `NotFound` before the tally.
pub async fn published_ballots(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: i64,
    now: OffsetDateTime,
) -> Result<(MeetingAccess, TallyResult, Vec<(String, Vec<String>)>)> {
    let (access, results) = results(db, principal, slug, meeting_id, now).await?;
    let Results::Final(result) = results else {
        return Err(ServiceError::NotFound);
    };
    let rows = rankings(db, meeting_id)
        .await?
        .into_iter()
        .map(|b| {
            let names = super::ballots::ranking(&b)
                .into_iter()
                .filter_map(|id| {
                    result
                        .input
                        .candidates
                        .iter()
                        .find(|c| c.proposal_id == id)
                        .map(|c| c.name.clone())
                })
                .collect();
            (b.receipt_hash, names)
        })
        .collect();
    Ok((access, result, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(rule: AgendaRule) -> TallyInput {
        let candidate = |id: i64, title: &str, minutes: u32| TallyCandidate {
            proposal_id: id,
            name: format!("#{id} {title}"),
            title: title.to_owned(),
            minutes,
        };
        TallyInput {
            candidates: vec![
                candidate(1, "Timetable", 30),
                candidate(2, "Rubric", 30),
                candidate(3, "Inclusion", 20),
            ],
            rules: Rules {
                winner_election_mode: WinnerMode::MultiPassIrv,
                number_of_winners: 3,
                random_seed: Some(7),
                ..Rules::default()
            },
            budget_minutes: 63,
            fixed: vec![FixedItem::action_scan()],
            rule: rule.as_str().to_owned(),
        }
    }

    fn ballots() -> Vec<Vec<i64>> {
        let mut all = vec![vec![1, 2]; 7];
        all.extend(vec![vec![3]; 3]);
        all
    }

    fn included(output: &TallyOutput) -> Vec<String> {
        output
            .agenda
            .as_ref()
            .unwrap()
            .items
            .iter()
            .filter(|i| i.included)
            .map(|i| i.title.clone())
            .collect()
    }

    #[test]
    fn ranked_order_fills_the_time_with_the_majority_items() {
        let output = compute(&input(AgendaRule::SequentialIrv), &ballots());
        assert_eq!(included(&output), ["#1 Timetable", "#2 Rubric"]);
        assert!(output.equal_shares.is_none());
    }

    #[test]
    fn equal_shares_of_time_give_a_minority_that_agrees_its_time() {
        let output = compute(&input(AgendaRule::EqualShares), &ballots());
        let chosen = included(&output);
        assert!(chosen.contains(&"#3 Inclusion".to_owned()), "{chosen:?}");
        assert!(chosen.contains(&"#1 Timetable".to_owned()), "{chosen:?}");
        let agenda = output.agenda.unwrap();
        assert!(agenda.minutes_used <= 63);
        let left_out = agenda.items.iter().find(|i| !i.included).unwrap();
        assert!(
            left_out
                .explanation
                .starts_with("not chosen by equal shares")
        );
        assert!(output.equal_shares.unwrap().contains("Rule:"));
    }

    #[test]
    fn the_same_ballots_and_seed_give_the_same_result() {
        let a = compute(&input(AgendaRule::SequentialIrv), &ballots());
        let b = compute(&input(AgendaRule::SequentialIrv), &ballots());
        assert_eq!(a, b);
    }
}
