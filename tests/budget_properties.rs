#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Property tests of the budget rules and the Pabulib reader/writer.

use std::collections::HashMap;

use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;
use roundtable::tally::budget::{
    Ballot, Instance, Project, Rule, Step, VoteType, Voter, parse_pabulib, run, write_pabulib,
};

const RULES: &[&str] = &[
    "greedy_cost",
    "greedy_cardinality",
    "mes_cost",
    "mes_cardinality",
    "mes_cost_add1",
    "mes_cost_add1_greedy",
    "mes_cardinality_add1_greedy",
    "mes_cost_add1_full",
    "mes_cost_add1_full_greedy",
    "phragmen",
];

fn ballot_strategy(projects: usize, vote_type: VoteType) -> BoxedStrategy<Ballot> {
    let subset = proptest::sample::subsequence((0..projects).collect::<Vec<_>>(), 0..=projects);
    match vote_type {
        VoteType::Ordinal => subset.prop_shuffle().prop_map(Ballot::Ordinal).boxed(),
        VoteType::Cumulative | VoteType::Scoring => subset
            .prop_flat_map(|ps| {
                let n = ps.len();
                (Just(ps), proptest::collection::vec(0u64..20, n))
            })
            .prop_map(|(ps, pts)| Ballot::Cardinal(ps.into_iter().zip(pts).collect()))
            .boxed(),
        _ => subset.prop_map(Ballot::Approval).boxed(),
    }
}

fn instance_strategy(vote_types: Vec<VoteType>) -> impl Strategy<Value = Instance> {
    (1usize..7, proptest::sample::select(vote_types)).prop_flat_map(|(np, vote_type)| {
        (
            proptest::collection::vec(0u64..120, np),
            0u64..300,
            proptest::collection::vec(ballot_strategy(np, vote_type), 0..25),
            0u32..3,
        )
            .prop_map(move |(costs, budget, ballots, scale)| Instance {
                meta: vec![("description".into(), "generated; \"quoted\"".into())],
                vote_type,
                scale,
                budget,
                projects: costs
                    .into_iter()
                    .enumerate()
                    .map(|(i, cost)| Project {
                        id: format!("p{i}"),
                        cost,
                        extra: vec![format!("name {i}")],
                    })
                    .collect(),
                project_columns: vec!["name".into()],
                points_scale: 0,
                voters: ballots
                    .into_iter()
                    .enumerate()
                    .map(|(i, ballot)| Voter {
                        id: format!("v{i}"),
                        ballot,
                        extra: Default::default(),
                    })
                    .collect(),
                voter_columns: vec![],
            })
    })
}

fn approval_instances() -> impl Strategy<Value = Instance> {
    instance_strategy(vec![VoteType::Approval])
}

fn any_instances() -> impl Strategy<Value = Instance> {
    instance_strategy(vec![
        VoteType::Approval,
        VoteType::Ordinal,
        VoteType::Cumulative,
        VoteType::Scoring,
    ])
}

fn parse_exact(s: &str) -> BigRational {
    if let Some((n, d)) = s.split_once('/') {
        return BigRational::new(n.parse().unwrap(), d.parse().unwrap());
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits: BigInt = format!("{int}{frac}").parse().unwrap();
    BigRational::new(digits, num_traits::pow(BigInt::from(10), frac.len()))
}

fn budget_in_currency(i: &Instance) -> BigRational {
    BigRational::new(
        BigInt::from(i.budget),
        num_traits::pow(BigInt::from(10), i.scale as usize),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn total_cost_never_exceeds_the_budget(instance in approval_instances()) {
        for key in RULES {
            let outcome = run(&instance, key.parse().unwrap()).unwrap();
            prop_assert!(instance.cost_of(&outcome.selected_indices) <= u128::from(instance.budget), "{key}");
            let mut seen = outcome.selected.clone();
            seen.sort();
            seen.dedup();
            prop_assert_eq!(seen.len(), outcome.selected.len(), "{} funds a project twice", key);
        }
    }

    #[test]
    fn every_applicable_rule_respects_the_budget_on_every_ballot_kind(instance in any_instances()) {
        for key in ["greedy_cost", "greedy_points", "greedy_cardinal", "mes_cost", "mes_cardinal", "mes_borda", "mes_cost_add1_greedy", "mes_cardinal_add1_greedy", "mes_borda_add1_greedy"] {
            let rule: Rule = key.parse().unwrap();
            if let Ok(outcome) = run(&instance, rule) {
                prop_assert!(instance.cost_of(&outcome.selected_indices) <= u128::from(instance.budget), "{key}");
            }
        }
    }

    #[test]
    fn greedy_leaves_no_unfunded_project_that_fits_the_leftover(instance in any_instances()) {
        for key in ["greedy_cost", "greedy_cardinality", "mes_cost_add1_greedy", "mes_cost_add1_full_greedy"] {
            let outcome = run(&instance, key.parse().unwrap()).unwrap();
            let leftover = u128::from(instance.budget) - instance.cost_of(&outcome.selected_indices);
            for (p, project) in instance.projects.iter().enumerate() {
                if !outcome.selected_indices.contains(&p) {
                    prop_assert!(u128::from(project.cost) > leftover, "{key}: {} fits", project.id);
                }
            }
        }
    }

    #[test]
    fn mes_without_completion_never_charges_a_voter_more_than_their_share(instance in any_instances()) {
        let n = instance.voters.len().max(1);
        let share = budget_in_currency(&instance) / BigInt::from(n);
        for key in ["mes_cost", "mes_cardinality"] {
            let outcome = run(&instance, key.parse().unwrap()).unwrap();
            let mut paid: HashMap<String, BigRational> = HashMap::new();
            for step in &outcome.steps {
                if let Step::MesBuy { payments, .. } = step {
                    for p in payments {
                        for v in &p.voter_ids {
                            *paid.entry(v.clone()).or_default() += parse_exact(&p.paid_each.exact);
                        }
                    }
                }
            }
            for (voter, total) in paid {
                prop_assert!(total <= share, "{key}: voter {voter} paid {total} > {share}");
            }
        }
    }

    #[test]
    fn the_same_input_gives_the_same_output_whatever_the_ballot_order(instance in approval_instances(), seed in any::<u64>()) {
        let mut shuffled = instance.clone();
        let len = shuffled.voters.len();
        if len > 1 {
            let k = (seed as usize) % len;
            let mut voters: Vec<Voter> = shuffled.voters.iter().map(|v| v.to_voter()).collect();
            voters.rotate_left(k);
            voters.reverse();
            shuffled.voters = voters.into_iter().collect();
        }
        for key in RULES {
            let rule: Rule = key.parse().unwrap();
            let a = run(&instance, rule).unwrap();
            let b = run(&instance, rule).unwrap();
            prop_assert_eq!(&a, &b);
            let c = run(&shuffled, rule).unwrap();
            prop_assert_eq!(&a.selected, &c.selected, "{} depends on ballot order", key);
        }
    }

    #[test]
    fn the_parser_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_pabulib(&bytes);
    }

    #[test]
    fn the_parser_never_panics_on_damaged_files(instance in any_instances(), cut in any::<usize>(), byte in any::<u8>()) {
        let text = write_pabulib(&instance).unwrap().into_bytes();
        let mut damaged = text.clone();
        if !damaged.is_empty() {
            let at = cut % damaged.len();
            damaged[at] = byte;
            let _ = parse_pabulib(&damaged);
            let _ = parse_pabulib(&text[..at]);
        }
    }

    #[test]
    fn writing_then_parsing_gives_back_the_instance(instance in any_instances()) {
        let text = write_pabulib(&instance).unwrap();
        let parsed = parse_pabulib(text.as_bytes()).unwrap();
        prop_assert_eq!(parsed, instance);
    }
}
