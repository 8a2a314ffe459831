//! Hand-checked cases of ranking an election and composing its agenda in one step
//! (`rank_and_compose`), including the worked example in `docs/tally-rules.md`.

use super::tests::explanations;
use super::*;
use crate::tally::{Ballot, Candidate, CandidateId, Election, Rules, TiebreakMode};

fn election(rules: Rules) -> Election {
    let (a, b, c) = (CandidateId(0), CandidateId(1), CandidateId(2));
    Election {
        candidates: vec![
            Candidate::new("Timetable"),
            Candidate::new("Rubric"),
            Candidate::new("Trip"),
        ],
        ballots: vec![
            Ballot::ranking(&[b, a, c]).with_weight(4),
            Ballot::ranking(&[a, c, b]).with_weight(3),
            Ballot::ranking(&[c, a, b]).with_weight(2),
        ],
        rules,
    }
}

#[test]
fn ranks_an_election_then_composes() {
    // Place 1: Timetable 3, Rubric 4, Trip 2; Trip is eliminated and its 2 go to Timetable
    // (5 of 9). Place 2, without Timetable: its 3 ballots go to Trip (5 against Rubric's 4).
    // Then 17 minutes are left and Rubric needs 25: no place 3 is counted.
    let e = election(Rules::default());
    let out = rank_and_compose(&e, &[30, 25, 10], 60, &[FixedItem::action_scan()]).unwrap();
    let order: Vec<&str> = out.agenda.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(order, ["Timetable", "Trip", "Rubric"]);
    assert_eq!(
        out.ranking
            .order
            .iter()
            .map(|r| r.candidate)
            .collect::<Vec<_>>(),
        [CandidateId(0), CandidateId(2)]
    );
    assert_eq!(out.ranking.passes.len(), 2);
    assert_eq!(out.ranking.not_ranked, [CandidateId(1)]);
    assert_eq!(
        explanations(&out.agenda),
        [
            "ranked 1st; 30 minutes fits (27 of 60 minutes left)",
            "ranked 2nd; 10 minutes fits (17 of 60 minutes left)",
            "not ranked: the agenda was full (25 minutes; 17 of 60 minutes left)",
        ]
    );
    assert_eq!(
        out.agenda.items[2].reason,
        Reason::NotRanked {
            minutes: 25,
            minutes_left: 17
        }
    );
    // With room for every item, every place is counted.
    let all = rank_and_compose(&e, &[30, 25, 10], 90, &[]).unwrap();
    assert_eq!(all.ranking.order.len(), 3);
    assert!(all.ranking.not_ranked.is_empty());
}

#[test]
fn the_ranking_stops_once_nothing_left_can_fit() {
    // 40 one-vote items of 30 minutes for a 60-minute meeting: two places are enough.
    let n = 40_u32;
    let e = Election {
        candidates: (0..n)
            .map(|i| Candidate::new(format!("Item {i:02}")))
            .collect(),
        ballots: (0..n)
            .map(|i| {
                Ballot::ranking(&[CandidateId(i), CandidateId((i + 1) % n)])
                    .with_weight(u64::from(i % 3 + 1))
            })
            .collect(),
        rules: Rules::default(),
    };
    let out = rank_and_compose(&e, &vec![30; n as usize], 60, &[]).unwrap();
    assert_eq!(out.ranking.order.len(), 2);
    assert_eq!(out.ranking.passes.len(), 2);
    assert_eq!(out.agenda.items.len(), n as usize);
    assert_eq!(out.agenda.minutes_left, 0);
    let not_ranked = out
        .agenda
        .items
        .iter()
        .filter(|i| matches!(i.reason, Reason::NotRanked { .. }))
        .count();
    assert_eq!(not_ranked, n as usize - 2);
    // The full ranking gives the same agenda.
    let full = crate::tally::rank_sequential(&e).unwrap();
    assert_eq!(full.order[..2], out.ranking.order[..]);
}

#[test]
fn rank_and_compose_refuses_bad_input() {
    let e = election(Rules::default());
    assert_eq!(
        rank_and_compose(&e, &[30, 25], 60, &[]),
        Err(AgendaError::MinutesPerCandidate {
            candidates: 3,
            minutes: 2
        })
    );
    assert_eq!(
        rank_and_compose(&e, &[30, 25, 10], 0, &[]),
        Err(AgendaError::ZeroBudget)
    );
    let mut excluded = election(Rules::default());
    if let Some(c) = excluded.candidates.get_mut(1) {
        c.excluded = true;
    }
    let out = rank_and_compose(&excluded, &[30, 0, 10], 60, &[]).unwrap();
    assert_eq!(out.agenda.items.len(), 2);
    let tie = Election {
        ballots: vec![
            Ballot::ranking(&[CandidateId(0)]),
            Ballot::ranking(&[CandidateId(1)]),
        ],
        ..election(Rules {
            tiebreak_mode: TiebreakMode::StopCountingAndAsk,
            random_seed: None,
            ..Rules::default()
        })
    };
    assert!(matches!(
        rank_and_compose(&tie, &[5, 5, 5], 60, &[]),
        Err(AgendaError::IncompleteRanking { items: 3, .. })
    ));
}

#[test]
fn the_documented_example() {
    // docs/tally-rules.md, "Agenda composition".
    let items = [
        AgendaItem::new("12", "Timetable", 20),
        AgendaItem::new("7", "Rubric", 15),
        AgendaItem::new("3", "Trip", 10),
        AgendaItem::new("9", "Staff survey", 25),
        AgendaItem::new("4", "Fire drill", 5),
    ];
    let agenda = compose(&items, 60, &[FixedItem::action_scan()]).unwrap();
    let slots: Vec<(u32, &str)> = agenda
        .slots
        .iter()
        .map(|s| (s.start_minute, s.title.as_str()))
        .collect();
    assert_eq!(
        slots,
        [
            (0, "Three-minute action scan"),
            (3, "Timetable"),
            (23, "Rubric"),
            (38, "Trip"),
            (48, "Fire drill")
        ]
    );
    assert_eq!(
        agenda.slots[0].explanation,
        "fixed item; 3 minutes reserved first (57 of 60 minutes left)"
    );
    assert_eq!(
        explanations(&agenda),
        [
            "ranked 1st; 20 minutes fits (37 of 60 minutes left)",
            "ranked 2nd; 15 minutes fits (22 of 60 minutes left)",
            "ranked 3rd; 10 minutes fits (12 of 60 minutes left)",
            "ranked 4th; 25 minutes would pass the 60-minute budget by 13",
            "ranked 5th; 5 minutes fits (7 of 60 minutes left)",
        ]
    );
    assert_eq!((agenda.minutes_used, agenda.minutes_left), (53, 7));
}
