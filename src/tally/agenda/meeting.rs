//! A meeting's count as the service stores it: the input (candidates with their proposals,
//! rules with the seed, budget, fixed items, the agenda rule), [`compute`] from rankings to
//! the ranked agenda (or the equal-shares agenda), and the output with its explanations.
//! Pure: the service loads ballots and proposals and stores the result.

use serde::{Deserialize, Serialize};

use super::{Agenda, AgendaItem, FixedItem, ItemOutcome, Reason, compose, rank_and_compose};
use crate::tally::budget::{self, Completion, equal_shares, render_text};
use crate::tally::phrases::{English, Note, Phrases, Shares};
use crate::tally::{
    Ballot, Candidate, CandidateId, Election, Rules, SequentialRanking, TiebreakMode, WinnerMode,
};

/// The agenda rule that orders items by sequential IRV and fills the time in that order.
pub const SEQUENTIAL_IRV: &str = "sequential_irv";
/// The agenda rule that gives every member an equal share of the time (Method of Equal
/// Shares, minutes as cost).
pub const EQUAL_SHARES: &str = "equal_shares";

/// One item as counted: the proposal and its candidate name (`#12 Timetable`, unique).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyCandidate {
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

/// The rules of a meeting's count: sequential IRV over `items` items, ties broken by earlier
/// rounds' counts and only then by the draw seeded with `seed` (RCTab's
/// `previousRoundCountsThenRandom`; see `docs/tally-rules.md`).
#[must_use]
pub fn agenda_rules(items: usize, seed: i64) -> Rules {
    Rules {
        winner_election_mode: WinnerMode::MultiPassIrv,
        number_of_winners: u32::try_from(items.max(1)).unwrap_or(u32::MAX),
        tiebreak_mode: TiebreakMode::PreviousRoundCountsThenRandom,
        random_seed: Some(seed),
        ..Rules::default()
    }
}

fn sequential_irv() -> String {
    SEQUENTIAL_IRV.to_owned()
}

/// The engine's output as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// What `note` says, kept so that it can be said in any language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_kind: Option<Note>,
    /// The Method of Equal Shares' outcome that `equal_shares` explains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shares_outcome: Option<budget::Outcome>,
}

impl TallyOutput {
    /// The note in the language of `p` (a note stored before its kind was kept, and not one
    /// of the English notes, as it is).
    #[must_use]
    pub fn note_in<P: Phrases + ?Sized>(&self, p: &P) -> Option<String> {
        let note = self.note.as_deref()?;
        Some(match self.note_kind.clone().or_else(|| Note::parse(note)) {
            Some(kind) => p.note(&kind),
            None => note.to_owned(),
        })
    }
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
    let in_order = |note: Note| {
        let items: Vec<AgendaItem> = input
            .candidates
            .iter()
            .map(|c| AgendaItem::new(c.name.clone(), c.title.clone(), c.minutes))
            .collect();
        TallyOutput {
            ranking: None,
            agenda: compose(&items, input.budget_minutes, &input.fixed).ok(),
            note: Some(English.note(&note)),
            equal_shares: None,
            note_kind: Some(note),
            shares_outcome: None,
        }
    };
    if input.candidates.is_empty() {
        return in_order(Note::NoItems);
    }
    if ballots.is_empty() {
        return in_order(Note::NoBallots);
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
            return in_order(Note::CountFailed {
                error: e.to_string(),
            });
        }
    };
    if input.rule != EQUAL_SHARES {
        return TallyOutput {
            ranking: Some(ranked.ranking),
            agenda: Some(ranked.agenda),
            note: None,
            equal_shares: None,
            note_kind: None,
            shares_outcome: None,
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
    // An item nobody ranked has no supporters to pay for it: it is not offered to the method
    // (whose completion step would otherwise fill spare time with it).
    let ranked_by_someone = |name: &str| approvals.iter().any(|a| a.iter().any(|n| n == name));
    let projects: Vec<(String, u64)> = input
        .candidates
        .iter()
        .filter(|c| ranked_by_someone(&c.name))
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
            agenda: equal_shares_agenda(input, &outcome.selected, &priority, &approvals),
            equal_shares: Some(render_text(&outcome)),
            ranking: Some(ranked.ranking),
            note: None,
            note_kind: None,
            shares_outcome: Some(outcome),
        },
        Err(e) => {
            let note = Note::SharesFailed {
                error: e.to_string(),
            };
            TallyOutput {
                ranking: Some(ranked.ranking),
                agenda: Some(ranked.agenda),
                note: Some(English.note(&note)),
                equal_shares: None,
                note_kind: Some(note),
                shares_outcome: None,
            }
        }
    }
}

/// The agenda of an equal-shares count: the chosen items in the order the method chose them,
/// then every other item (in sequential-IRV order) marked as not chosen.
fn equal_shares_agenda(
    input: &TallyInput,
    selected: &[String],
    priority: &[String],
    approvals: &[Vec<String>],
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
        entry.shares = Some(Shares::Chosen);
        entry.explanation = English.shares(Shares::Chosen, &entry.reason, input.budget_minutes);
    }
    let left = agenda.minutes_left;
    for name in priority.iter().filter(|n| !selected.contains(n)) {
        let Some(it) = item(name) else { continue };
        let rank = priority
            .iter()
            .position(|p| p == name)
            .and_then(|i| u32::try_from(i + 1).ok())
            .unwrap_or(0);
        let nobody = !approvals.iter().any(|a| a.contains(name));
        let (reason, verdict) = if !nobody && it.minutes > left {
            let reason = Reason::TooLong {
                rank,
                minutes: it.minutes,
                minutes_left: left,
                over_by: it.minutes - left,
            };
            (reason, Shares::TooLong)
        } else {
            let reason = Reason::Fits {
                rank,
                minutes: it.minutes,
                minutes_left: left,
            };
            (
                reason,
                if nobody {
                    Shares::Nobody
                } else {
                    Shares::TooFew
                },
            )
        };
        let explanation = English.shares(verdict, &reason, input.budget_minutes);
        agenda.items.push(ItemOutcome {
            id: it.id,
            title: it.title,
            rank,
            minutes: it.minutes,
            included: false,
            start_minute: None,
            reason,
            explanation,
            ties: Vec::new(),
            drawn: false,
            shares: Some(verdict),
        });
    }
    Some(agenda)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(rule: &str) -> TallyInput {
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
            rule: rule.to_owned(),
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
        let output = compute(&input(SEQUENTIAL_IRV), &ballots());
        assert_eq!(included(&output), ["#1 Timetable", "#2 Rubric"]);
        assert!(output.equal_shares.is_none());
    }

    #[test]
    fn equal_shares_of_time_give_a_minority_that_agrees_its_time() {
        let output = compute(&input(EQUAL_SHARES), &ballots());
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
        let a = compute(&input(SEQUENTIAL_IRV), &ballots());
        let b = compute(&input(SEQUENTIAL_IRV), &ballots());
        assert_eq!(a, b);
    }

    #[test]
    fn equal_shares_leave_out_an_item_nobody_ranked_even_with_time_to_spare() {
        let mut input = input(EQUAL_SHARES);
        input.candidates.push(TallyCandidate {
            proposal_id: 4,
            name: "#4 Parking".to_owned(),
            title: "Parking".to_owned(),
            minutes: 1,
        });
        input.budget_minutes = 120;
        let output = compute(&input, &ballots());
        let agenda = output.agenda.unwrap();
        let parking = agenda.items.iter().find(|i| i.id == "#4 Parking").unwrap();
        assert!(!parking.included);
        assert_eq!(
            parking.explanation,
            "not chosen by equal shares: nobody ranked it"
        );
        assert!(agenda.minutes_left >= 1, "there was time to spare");
    }

    #[test]
    fn a_place_decided_by_the_draw_says_so_with_the_seed() {
        let mut input = input(SEQUENTIAL_IRV);
        input.rules = agenda_rules(3, 4506);
        input.budget_minutes = 200;
        // Timetable and Rubric tie 2–2 in every round; Inclusion is nobody's first.
        let rankings = vec![vec![1, 3], vec![1, 3], vec![2, 3], vec![2, 3]];
        let output = compute(&input, &rankings);
        let agenda = output.agenda.unwrap();
        let first = &agenda.items[0];
        assert!(first.drawn, "{first:?}");
        let other = if first.id == "#1 Timetable" {
            "#2 Rubric"
        } else {
            "#1 Timetable"
        };
        assert_eq!(first.ties.len(), 1, "{:?}", first.ties);
        assert!(
            first.ties[0].starts_with(&format!("tied 2–2 with {other} in round 2;")),
            "{}",
            first.ties[0]
        );
        assert!(
            first.ties[0].ends_with("seeded random draw (seed 4506)"),
            "{}",
            first.ties[0]
        );
        // A place nobody tied for says nothing.
        let last = agenda
            .items
            .iter()
            .find(|i| i.id == "#3 Inclusion")
            .unwrap();
        assert!(last.ties.is_empty() && !last.drawn, "{last:?}");
    }

    #[test]
    fn earlier_rounds_break_a_tie_before_the_draw() {
        let mut input = input(SEQUENTIAL_IRV);
        input.candidates.push(TallyCandidate {
            proposal_id: 4,
            name: "#4 Parking".to_owned(),
            title: "Parking".to_owned(),
            minutes: 5,
        });
        input.rules = agenda_rules(4, 4506);
        input.budget_minutes = 200;
        // Round 1: Timetable 5, Rubric 3, Inclusion 2, Parking 1 (its ballot goes to
        // Inclusion). Round 2: Rubric and Inclusion tie at 3; Inclusion had fewer in round 1.
        // Round 3: Timetable and Rubric tie 5–5 to be elected; Timetable had more in round 2.
        let mut rankings = vec![vec![1]; 5];
        rankings.extend(vec![vec![2]; 3]);
        rankings.extend(vec![vec![3, 2]; 2]);
        rankings.push(vec![4, 3]);
        let output = compute(&input, &rankings);
        let first = &output.agenda.unwrap().items[0];
        assert_eq!(first.id, "#1 Timetable");
        assert!(!first.drawn);
        assert_eq!(
            first.ties,
            [
                "tied 5–5 with #2 Rubric in round 3; this item was elected: \
              had the most votes in round 2"
            ]
        );
    }

    /// The stored count is compared with a recount as JSON (the crash test, the audit), and an
    /// equal-shares count stores approximations beside its exact prices: a float must read back
    /// as the same float (serde_json's `float_roundtrip`; without it 17/84 came back 1 ulp off).
    #[test]
    fn a_stored_float_reads_back_exactly() {
        for x in [17.0_f64 / 84.0, 25.0 / 28.0, 0.1 + 0.2, 1.0 / 3.0] {
            let text = serde_json::to_string(&x).unwrap();
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(back, serde_json::json!(x), "{text}");
        }
    }
}
