#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Property tests of the tally engine: conservation of votes, determinism under a seed,
//! ballot order irrelevance, majority winner, and a CSV parser that never panics.

use proptest::prelude::*;
use roundtable::tally::formats::csv::{UnknownNames, parse_ballots};
use roundtable::tally::{
    Ballot, Candidate, CandidateId, CompactPass, Decimal, Election, Mark, Outcome, OvervoteRule,
    Rules, SequentialRanking, Target, TiebreakMode, WinnerMode, rank_sequential, tally,
};

fn candidates(n: usize) -> Vec<Candidate> {
    (0..n).map(|i| Candidate::new(format!("C{i}"))).collect()
}

fn mark(n: u32) -> impl Strategy<Value = Mark> {
    prop_oneof![
        8 => (0..n).prop_map(|c| Mark::Candidate(CandidateId(c))),
        1 => Just(Mark::Skipped),
        1 => Just(Mark::Overvote),
    ]
}

fn ballots(n: u32) -> impl Strategy<Value = Vec<Ballot>> {
    prop::collection::vec(
        (prop::collection::vec(mark(n), 0..=n as usize), 1u64..4),
        0..60,
    )
    .prop_map(|v| v.into_iter().map(|(m, w)| Ballot::new(w, &m)).collect())
}

fn rules() -> impl Strategy<Value = Rules> {
    (
        prop_oneof![
            Just((WinnerMode::SingleWinnerMajority, 1)),
            Just((WinnerMode::MultiWinnerAllowMultipleWinnersPerRound, 2)),
            Just((WinnerMode::MultiWinnerAllowOnlyOneWinnerPerRound, 3)),
            Just((WinnerMode::BottomsUp, 2)),
            Just((WinnerMode::MultiPassIrv, 2)),
        ],
        prop_oneof![
            Just(OvervoteRule::ExhaustImmediately),
            Just(OvervoteRule::AlwaysSkipToNextRank)
        ],
        prop_oneof![
            Just(TiebreakMode::Random),
            Just(TiebreakMode::UseCandidateOrder),
            Just(TiebreakMode::PreviousRoundCountsThenRandom),
            Just(TiebreakMode::GeneratePermutation)
        ],
        any::<i64>(),
        any::<bool>(),
        prop::option::of(0u32..3),
        1u32..5,
    )
        .prop_map(|((mode, seats), ov, tb, seed, batch, skip, places)| Rules {
            winner_election_mode: mode,
            number_of_winners: seats,
            tiebreak_mode: tb,
            random_seed: Some(seed),
            overvote_rule: ov,
            batch_elimination: batch,
            max_skipped_ranks_allowed: skip,
            decimal_places_for_vote_arithmetic: places,
            ..Rules::default()
        })
}

fn election() -> impl Strategy<Value = Election> {
    (2u32..7).prop_flat_map(|n| {
        (ballots(n), rules()).prop_map(move |(ballots, rules)| Election {
            candidates: candidates(n as usize),
            ballots,
            rules,
        })
    })
}

fn sum(values: impl Iterator<Item = Decimal>) -> Decimal {
    values.fold(Decimal::ZERO, |acc, d| {
        let s = acc.scale.max(d.scale);
        Decimal {
            mantissa: acc.mantissa_at(s) + d.mantissa_at(s),
            scale: s,
        }
    })
}

/// Tallies + inactive + residual surplus so far + blank ballots = all ballots, every round.
fn check_conservation(outcome: &Outcome) {
    for pass in &outcome.passes {
        let total = Decimal::from_int(i128::from(pass.total_ballots));
        let mut residual = Decimal::ZERO;
        for round in &pass.rounds {
            let i = &round.inactive;
            let counted = sum(round.tally.iter().map(|(_, v)| *v).chain([
                i.overvotes,
                i.skipped_rankings,
                i.exhausted_choices,
                i.repeated_rankings,
                i.final_round_surplus.unwrap_or_default(),
                residual,
                Decimal::from_int(i128::from(pass.undervotes)),
            ]));
            assert_eq!(
                counted, total,
                "round {} does not conserve votes",
                round.number
            );
            let this_round = round
                .elected
                .iter()
                .flat_map(|d| d.transfers.iter())
                .filter(|(t, _)| *t == Target::ResidualSurplus)
                .map(|(_, v)| *v);
            residual = sum(std::iter::once(residual).chain(this_round));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn votes_are_conserved_every_round(e in election()) {
        let outcome = tally(&e).unwrap();
        check_conservation(&outcome);
    }

    #[test]
    fn same_ballots_and_seed_give_the_same_outcome(e in election()) {
        prop_assert_eq!(tally(&e).unwrap(), tally(&e).unwrap());
    }

    #[test]
    fn ballot_order_does_not_matter(e in election(), seed in any::<u64>()) {
        let mut shuffled = e.clone();
        // Deterministic Fisher-Yates with a small LCG.
        let mut s = seed;
        for i in (1..shuffled.ballots.len()).rev() {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let j = usize::try_from((s >> 33) % (i as u64 + 1)).unwrap();
            shuffled.ballots.swap(i, j);
        }
        prop_assert_eq!(tally(&e).unwrap(), tally(&shuffled).unwrap());
    }

    #[test]
    fn a_strict_majority_of_first_choices_wins_irv(
        n in 2u32..7,
        rest in ballots(6),
        extra in 1u64..5,
    ) {
        let rest: Vec<Ballot> = rest
            .into_iter()
            .filter(|b| b.marks().iter().all(|m| match m {
                Mark::Candidate(c) => c.0 < n,
                _ => true,
            }))
            .collect();
        let others: u64 = rest.iter().map(Ballot::weight).sum();
        let mut ballots = rest;
        ballots.push(Ballot::ranking(&[CandidateId(0)]).with_weight(others + extra));
        let e = Election { candidates: candidates(n as usize), ballots, rules: Rules::default() };
        let outcome = tally(&e).unwrap();
        prop_assert_eq!(outcome.winners, vec![CandidateId(0)]);
    }

    #[test]
    fn a_compact_pass_expands_to_the_full_pass(e in election()) {
        let outcome = tally(&e).unwrap();
        for pass in &outcome.passes {
            let compact = CompactPass::from_pass(pass);
            prop_assert_eq!(&compact.expand(&outcome.candidate_names), pass);
            let json = serde_json::to_string(&compact).unwrap();
            let back: CompactPass = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, compact);
        }
    }

    #[test]
    fn a_ranking_stored_with_full_passes_reads_as_the_compact_one(e in election()) {
        // Rows written before passes were compact hold `outcome` with every round in full.
        let ranking = rank_sequential(&e).unwrap();
        let old = serde_json::json!({"order": ranking.order, "outcome": ranking.to_outcome()});
        let read: SequentialRanking = serde_json::from_value(old).unwrap();
        prop_assert_eq!(read.to_outcome(), ranking.to_outcome());
        let new: SequentialRanking =
            serde_json::from_str(&serde_json::to_string(&ranking).unwrap()).unwrap();
        prop_assert_eq!(new, ranking);
    }

    #[test]
    fn sequential_ranking_places_every_candidate(e in election()) {
        let ranking = rank_sequential(&e).unwrap();
        let mut placed: Vec<u32> = ranking.order.iter().map(|r| r.candidate.0).collect();
        placed.sort_unstable();
        let all: Vec<u32> = (0..u32::try_from(e.candidates.len()).unwrap()).collect();
        prop_assert_eq!(placed, all);
    }

    #[test]
    fn the_csv_parser_never_panics(data in prop::collection::vec(any::<u8>(), 0..400), weighted in any::<bool>()) {
        let mut c = candidates(3);
        let _ = parse_ballots(&data, &mut c, weighted, UnknownNames::Reject);
        let mut c = Vec::new();
        let _ = parse_ballots(&data, &mut c, weighted, UnknownNames::Add);
    }

    #[test]
    fn csv_like_text_never_panics(
        lines in prop::collection::vec(
            prop::collection::vec(prop_oneof![
                Just(String::new()), Just("C0".to_string()), Just("C1|C2".to_string()),
                Just("(overvote)".to_string()), Just("\"C2\"".to_string()), Just("7".to_string()),
                "[a-zA-Z0-9 ,|\"]{0,6}",
            ], 0..5),
            0..20,
        ),
        weighted in any::<bool>(),
    ) {
        let text = lines.iter().map(|l| l.join(",")).collect::<Vec<_>>().join("\n");
        let mut c = candidates(3);
        if let Ok(b) = parse_ballots(text.as_bytes(), &mut c, weighted, UnknownNames::Reject) {
            let e = Election { candidates: c, ballots: b, rules: Rules::default() };
            prop_assert!(tally(&e).is_ok());
        }
    }
}

#[test]
fn stop_counting_and_ask_reports_the_tie() {
    let e = Election {
        candidates: candidates(3),
        ballots: vec![
            Ballot::ranking(&[CandidateId(0)]),
            Ballot::ranking(&[CandidateId(1)]),
            Ballot::ranking(&[CandidateId(2)]).with_weight(2),
        ],
        rules: Rules {
            tiebreak_mode: TiebreakMode::StopCountingAndAsk,
            random_seed: None,
            ..Rules::default()
        },
    };
    let outcome = tally(&e).unwrap();
    let tie = outcome.unresolved_tie().expect("a tie");
    assert_eq!(tie.round, 1);
    assert_eq!(tie.tied, vec![CandidateId(0), CandidateId(1)]);
    assert!(outcome.winners.is_empty());
}

#[test]
fn stv_transfers_surplus_fractionally() {
    // 10 ballots, 2 seats: quota floor(10/3)+1 = 4; A has 6, surplus 2 → fraction 0.3333.
    let (a, b, c) = (CandidateId(0), CandidateId(1), CandidateId(2));
    let e = Election {
        candidates: candidates(3),
        ballots: vec![
            Ballot::ranking(&[a, b]).with_weight(6),
            Ballot::ranking(&[b]).with_weight(1),
            Ballot::ranking(&[c]).with_weight(3),
        ],
        rules: Rules::stv(2),
    };
    let outcome = tally(&e).unwrap();
    let r1 = &outcome.rounds()[0];
    assert_eq!(r1.threshold.to_string(), "4");
    assert_eq!(r1.elected[0].candidate, a);
    let moved: Vec<String> = r1.elected[0]
        .transfers
        .iter()
        .map(|(_, v)| v.to_string())
        .collect();
    assert_eq!(moved, vec!["1.9998", "0.0002"]);
    assert_eq!(outcome.winners, vec![a, c]);
    check_conservation(&outcome);
}
