#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Property tests of agenda composition: the budget holds, fixed items come first, included
//! items keep tally order, no left-out item would have fitted when it was considered, and
//! the same input gives the same agenda.

use proptest::prelude::*;
use roundtable::tally::agenda::{
    Agenda, AgendaError, AgendaItem, FixedItem, Reason, SlotKind, compose, rank_and_compose,
};
use roundtable::tally::{Ballot, Candidate, CandidateId, Election, Rules, rank_sequential};

fn items() -> impl Strategy<Value = Vec<AgendaItem>> {
    prop::collection::vec(1u32..=240, 0..30).prop_map(|minutes| {
        minutes
            .into_iter()
            .enumerate()
            .map(|(i, m)| AgendaItem::new(format!("p{i}"), format!("Proposal {i}"), m))
            .collect()
    })
}

fn fixed() -> impl Strategy<Value = Vec<FixedItem>> {
    prop::collection::vec(1u32..=20, 0..3).prop_map(|minutes| {
        minutes
            .into_iter()
            .enumerate()
            .map(|(i, m)| FixedItem::new(format!("Fixed {i}"), m))
            .collect()
    })
}

/// Fixed items that fit: the budget is at least their total.
fn input() -> impl Strategy<Value = (Vec<AgendaItem>, u32, Vec<FixedItem>)> {
    (items(), fixed(), 0u32..400).prop_map(|(items, fixed, extra)| {
        let reserved: u32 = fixed.iter().map(|f| f.minutes).sum();
        (items, (reserved + extra).max(1), fixed)
    })
}

fn check_invariants(items: &[AgendaItem], budget: u32, fixed: &[FixedItem], agenda: &Agenda) {
    // The budget holds, and the totals agree with the slots.
    let total: u32 = agenda.slots.iter().map(|s| s.minutes).sum();
    assert_eq!(total, agenda.minutes_used);
    assert!(agenda.minutes_used <= budget);
    assert_eq!(agenda.minutes_used + agenda.minutes_left, budget);

    // Fixed items first, in the order given; then only ranked items.
    for (i, f) in fixed.iter().enumerate() {
        assert_eq!(agenda.slots[i].kind, SlotKind::Fixed { index: i });
        assert_eq!(agenda.slots[i].title, f.title);
    }
    let ranked: Vec<(String, u32)> = agenda.slots[fixed.len()..]
        .iter()
        .map(|s| match &s.kind {
            SlotKind::Item { id, rank } => (id.clone(), *rank),
            SlotKind::Fixed { .. } => panic!("a fixed item after a ranked one"),
        })
        .collect();

    // Included items keep tally order, and are exactly the items marked included.
    assert!(ranked.windows(2).all(|w| w[0].1 < w[1].1));
    let included: Vec<(String, u32)> = agenda
        .items
        .iter()
        .filter(|o| o.included)
        .map(|o| (o.id.clone(), o.rank))
        .collect();
    assert_eq!(ranked, included);

    // Slots are back to back from minute 0.
    let mut clock = 0;
    for s in &agenda.slots {
        assert_eq!(s.start_minute, clock);
        clock += s.minutes;
    }

    // Replay the walk: an item is left out only if it did not fit in the minutes left then.
    assert_eq!(agenda.items.len(), items.len());
    let mut left = budget - fixed.iter().map(|f| f.minutes).sum::<u32>();
    for (i, (item, out)) in items.iter().zip(&agenda.items).enumerate() {
        assert_eq!(out.rank as usize, i + 1);
        assert_eq!(out.id, item.id);
        assert!(!out.explanation.is_empty());
        if out.included {
            assert!(item.minutes <= left);
            left -= item.minutes;
            assert!(
                matches!(out.reason, Reason::Fits { minutes_left, .. } if minutes_left == left)
            );
        } else if let Reason::NotRanked {
            minutes,
            minutes_left,
        } = out.reason
        {
            // The count stopped early: no item still to place fitted any more.
            assert!(item.minutes > left, "{} not ranked but fitted", item.id);
            assert_eq!((minutes, minutes_left), (item.minutes, left));
            assert!(
                out.explanation
                    .starts_with("not ranked: the agenda was full")
            );
        } else {
            assert!(item.minutes > left, "{} left out but fitted", item.id);
            assert_eq!(
                out.reason,
                Reason::TooLong {
                    rank: out.rank,
                    minutes: item.minutes,
                    minutes_left: left,
                    over_by: item.minutes - left
                }
            );
            assert!(out.explanation.contains("would pass the"));
        }
    }
    assert_eq!(left, agenda.minutes_left);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn the_agenda_follows_the_rule((items, budget, fixed) in input()) {
        let agenda = compose(&items, budget, &fixed).unwrap();
        check_invariants(&items, budget, &fixed, &agenda);
    }

    #[test]
    fn same_input_same_agenda((items, budget, fixed) in input()) {
        prop_assert_eq!(compose(&items, budget, &fixed), compose(&items, budget, &fixed));
    }

    #[test]
    fn any_input_gives_an_agenda_or_a_typed_error(
        minutes in prop::collection::vec(0u32..300, 0..10),
        ids in prop::collection::vec(0u8..6, 0..10),
        budget in 0u32..100,
        fixed_minutes in prop::collection::vec(0u32..300, 0..4),
    ) {
        let items: Vec<AgendaItem> = minutes
            .iter()
            .zip(ids.iter().chain(std::iter::repeat(&9)))
            .map(|(m, id)| AgendaItem::new(id.to_string(), "t", *m))
            .collect();
        let fixed: Vec<FixedItem> =
            fixed_minutes.iter().map(|m| FixedItem::new("f", *m)).collect();
        match compose(&items, budget, &fixed) {
            Ok(agenda) => check_invariants(&items, budget, &fixed, &agenda),
            Err(AgendaError::ZeroBudget) => prop_assert_eq!(budget, 0),
            Err(AgendaError::FixedItemsOverBudget { fixed_minutes: f, over_by, .. }) => {
                prop_assert_eq!(f, u64::from(fixed_minutes.iter().sum::<u32>()));
                prop_assert_eq!(over_by, f - u64::from(budget));
            }
            Err(e) => {
                let expected = matches!(
                    e,
                    AgendaError::DuplicateId(_)
                        | AgendaError::ItemMinutes { .. }
                        | AgendaError::FixedMinutes { .. }
                );
                prop_assert!(expected, "unexpected error: {:?}", e);
            }
        }
    }

    #[test]
    fn an_election_agenda_follows_its_ranking(
        rankings in prop::collection::vec(prop::collection::vec(0u32..5, 1..5), 1..40),
        minutes in prop::collection::vec(1u32..=60, 5),
        budget in 3u32..200,
        seed in any::<i64>(),
    ) {
        let election = Election {
            candidates: (0..5).map(|i| Candidate::new(format!("Item {i}"))).collect(),
            ballots: rankings
                .iter()
                .map(|r| Ballot::ranking(&r.iter().map(|c| CandidateId(*c)).collect::<Vec<_>>()))
                .collect(),
            rules: Rules { random_seed: Some(seed), ..Rules::default() },
        };
        let fixed = [FixedItem::action_scan()];
        let out = rank_and_compose(&election, &minutes, budget, &fixed).unwrap();
        let item = |c: CandidateId| {
            let name = election.candidates[c.index()].name.clone();
            AgendaItem::new(name.clone(), name, minutes[c.index()])
        };
        let items: Vec<AgendaItem> = out
            .ranking
            .order
            .iter()
            .map(|r| item(r.candidate))
            .chain(out.ranking.not_ranked.iter().map(|c| item(*c)))
            .collect();
        prop_assert_eq!(items.len(), 5);
        check_invariants(&items, budget, &fixed, &out.agenda);
        prop_assert_eq!(&out, &rank_and_compose(&election, &minutes, budget, &fixed).unwrap());

        // Stopping early never changes the agenda: the full ranking composes the same slots.
        let full = rank_sequential(&election).unwrap();
        prop_assert_eq!(&full.order[..out.ranking.order.len()], &out.ranking.order[..]);
        let all: Vec<AgendaItem> = full.order.iter().map(|r| item(r.candidate)).collect();
        let agenda = compose(&all, budget, &fixed).unwrap();
        prop_assert_eq!(&agenda.slots, &out.agenda.slots);
    }
}
