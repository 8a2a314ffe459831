//! Hand-checked cases of the agenda rule, its sentences and its errors; ranking and composing
//! in one step is `rank_tests.rs`.

use super::*;

fn items(spec: &[(&str, u32)]) -> Vec<AgendaItem> {
    spec.iter()
        .map(|(id, m)| AgendaItem::new(*id, format!("Item {id}"), *m))
        .collect()
}

pub(super) fn explanations(agenda: &Agenda) -> Vec<&str> {
    agenda
        .items
        .iter()
        .map(|i| i.explanation.as_str())
        .collect()
}

#[test]
fn skips_an_item_that_does_not_fit_and_takes_a_later_one() {
    let agenda = compose(
        &items(&[("a", 20), ("b", 15), ("c", 10), ("d", 25), ("e", 5)]),
        60,
        &[],
    )
    .unwrap();
    assert_eq!(
        explanations(&agenda),
        [
            "ranked 1st; 20 minutes fits (40 of 60 minutes left)",
            "ranked 2nd; 15 minutes fits (25 of 60 minutes left)",
            "ranked 3rd; 10 minutes fits (15 of 60 minutes left)",
            "ranked 4th; 25 minutes would pass the 60-minute budget by 10",
            "ranked 5th; 5 minutes fits (10 of 60 minutes left)",
        ]
    );
    let slots: Vec<(&str, u32)> = agenda
        .slots
        .iter()
        .map(|s| (s.title.as_str(), s.start_minute))
        .collect();
    assert_eq!(
        slots,
        [
            ("Item a", 0),
            ("Item b", 20),
            ("Item c", 35),
            ("Item e", 45)
        ]
    );
    assert_eq!((agenda.minutes_used, agenda.minutes_left), (50, 10));
    let d = &agenda.items[3];
    assert!(!d.included);
    assert_eq!(d.start_minute, None);
    assert_eq!(
        d.reason,
        Reason::TooLong {
            rank: 4,
            minutes: 25,
            minutes_left: 15,
            over_by: 10
        }
    );
    assert_eq!(agenda.items[4].start_minute, Some(45));
}

#[test]
fn fixed_items_are_reserved_first() {
    let fixed = [FixedItem::action_scan(), FixedItem::new("Check-ins", 10)];
    let agenda = compose(&items(&[("x", 30), ("y", 5), ("z", 1)]), 45, &fixed).unwrap();
    let slots: Vec<(&str, u32, &str)> = agenda
        .slots
        .iter()
        .map(|s| (s.title.as_str(), s.start_minute, s.explanation.as_str()))
        .collect();
    assert_eq!(
        slots,
        [
            (
                "Three-minute action scan",
                0,
                "fixed item; 3 minutes reserved first (42 of 45 minutes left)"
            ),
            (
                "Check-ins",
                3,
                "fixed item; 10 minutes reserved first (32 of 45 minutes left)"
            ),
            (
                "Item x",
                13,
                "ranked 1st; 30 minutes fits (2 of 45 minutes left)"
            ),
            (
                "Item z",
                43,
                "ranked 3rd; 1 minute fits (1 of 45 minutes left)"
            ),
        ]
    );
    assert_eq!(agenda.slots[1].kind, SlotKind::Fixed { index: 1 });
    assert_eq!(
        agenda.slots[3].kind,
        SlotKind::Item {
            id: "z".into(),
            rank: 3
        }
    );
    assert_eq!(
        agenda.items[1].explanation,
        "ranked 2nd; 5 minutes would pass the 45-minute budget by 3"
    );
    assert_eq!((agenda.minutes_used, agenda.minutes_left), (44, 1));
}

#[test]
fn an_exact_fit_leaves_nothing() {
    let agenda = compose(&items(&[("a", 30), ("b", 1)]), 30, &[]).unwrap();
    assert_eq!(
        explanations(&agenda),
        [
            "ranked 1st; 30 minutes fits (0 of 30 minutes left)",
            "ranked 2nd; 1 minute would pass the 30-minute budget by 1",
        ]
    );
    let one = compose(&items(&[("a", 1)]), 1, &[]).unwrap();
    assert_eq!(
        one.items[0].explanation,
        "ranked 1st; 1 minute fits (0 of 1 minute left)"
    );
}

#[test]
fn fixed_items_filling_the_budget_leave_every_item_out() {
    let agenda = compose(&items(&[("a", 5)]), 3, &[FixedItem::action_scan()]).unwrap();
    assert_eq!(agenda.slots.len(), 1);
    assert_eq!(
        agenda.items[0].explanation,
        "ranked 1st; 5 minutes would pass the 3-minute budget by 5"
    );
    let empty = compose(&[], 60, &[FixedItem::action_scan()]).unwrap();
    assert_eq!((empty.minutes_used, empty.minutes_left), (3, 57));
    assert!(empty.items.is_empty());
}

#[test]
fn large_numbers_are_grouped() {
    let agenda = compose(&items(&[("a", 240), ("b", 240)]), 1440, &[]).unwrap();
    assert_eq!(
        agenda.items[0].explanation,
        "ranked 1st; 240 minutes fits (1,200 of 1,440 minutes left)"
    );
}

#[test]
fn ordinals_follow_english() {
    let cases = [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (10, "10th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (14, "14th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (100, "100th"),
        (101, "101st"),
        (102, "102nd"),
        (111, "111th"),
        (112, "112th"),
        (113, "113th"),
        (1001, "1001st"),
        (1011, "1011th"),
        (0, "0th"),
    ];
    for (n, text) in cases {
        assert_eq!(ordinal(n), text);
    }
}

#[test]
fn ranks_in_sentences_use_ordinals() {
    let many: Vec<AgendaItem> = (1..=112)
        .map(|i| AgendaItem::new(format!("i{i}"), format!("Item {i}"), 1))
        .collect();
    let agenda = compose(&many, 500, &[]).unwrap();
    for (rank, word) in [(11, "11th"), (12, "12th"), (13, "13th"), (21, "21st")] {
        assert!(
            agenda.items[rank - 1]
                .explanation
                .starts_with(&format!("ranked {word}; 1 minute fits")),
            "{}",
            agenda.items[rank - 1].explanation
        );
    }
    assert!(agenda.items[100].explanation.starts_with("ranked 101st;"));
    assert!(agenda.items[111].explanation.starts_with("ranked 112th;"));
}

#[test]
fn bad_input_is_a_typed_error() {
    assert_eq!(
        compose(&items(&[("a", 5)]), 0, &[]),
        Err(AgendaError::ZeroBudget)
    );
    let over = compose(
        &[],
        10,
        &[FixedItem::new("Scan", 8), FixedItem::new("Check-ins", 5)],
    )
    .unwrap_err();
    assert_eq!(
        over,
        AgendaError::FixedItemsOverBudget {
            fixed_minutes: 13,
            budget_minutes: 10,
            over_by: 3
        }
    );
    assert_eq!(
        over.to_string(),
        "the fixed items take 13 minutes, 3 more than the 10-minute budget"
    );
    assert_eq!(
        compose(&items(&[("a", 5), ("b", 5), ("a", 1)]), 60, &[]),
        Err(AgendaError::DuplicateId("a".into()))
    );
    for m in [0, 241] {
        assert_eq!(
            compose(&items(&[("a", m)]), 60, &[]),
            Err(AgendaError::ItemMinutes {
                id: "a".into(),
                minutes: m
            })
        );
    }
    assert!(matches!(
        compose(&[], 60, &[FixedItem::new("Scan", 0)]),
        Err(AgendaError::FixedMinutes { .. })
    ));
}

#[test]
fn serialises_with_tagged_reasons() {
    let agenda = compose(&items(&[("a", 50), ("b", 20)]), 60, &[]).unwrap();
    let json = serde_json::to_value(&agenda).unwrap();
    assert_eq!(
        json["items"][1]["reason"],
        serde_json::json!({"kind": "too_long", "rank": 2, "minutes": 20, "minutes_left": 10, "over_by": 10})
    );
    assert_eq!(json["slots"][0]["kind"]["kind"], "item");
    let back: Agenda = serde_json::from_value(json).unwrap();
    assert_eq!(back, agenda);
}
