use crate::domain::ids::UserId;
use proptest::prelude::*;
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

use super::*;

/// People numbered as in the tests' comments.
fn ids(people: &[i64]) -> Vec<UserId> {
    people.iter().copied().map(UserId).collect()
}

fn entry(helper: i64, helped: i64, minutes: i64, state: Effective) -> Entry {
    Entry {
        helper: UserId(helper),
        helped: UserId(helped),
        minutes,
        on: date!(2026 - 11 - 02),
        state,
    }
}

#[test]
fn minutes_and_dates_are_bounded() {
    assert!(Minutes::parse("0").is_err());
    assert!(Minutes::parse("601").is_err());
    assert_eq!(Minutes::parse(" 600 ").unwrap().get(), 600);
    let today = date!(2026 - 11 - 23);
    assert!(HelpDate::parse("2026-11-24", today).is_err());
    assert!(HelpDate::parse("2026-09-23", today).is_err());
    assert_eq!(
        HelpDate::parse("2026-09-24", today).unwrap().get(),
        date!(2026 - 09 - 24)
    );
    assert_eq!(HelpDate::parse("", today).unwrap().get(), today);
    assert!(HelpDate::parse("23/11/2026", today).is_err());
    assert!(IdempotencyKey::parse("short").is_err());
    assert!(IdempotencyKey::parse("abcDEF12-_").is_ok());
    assert!(Impact::parse("two\nlines here").is_err());
    assert_eq!(Category::parse("  ").unwrap().as_str(), "general");
}

#[test]
fn who_records_decides_the_first_state() {
    assert_eq!(
        on_record(Recorder::Party(Party::Helped)),
        (Status::Confirmed, None)
    );
    assert_eq!(
        on_record(Recorder::Party(Party::Helper)),
        (Status::Pending, Some(Party::Helped))
    );
    assert_eq!(
        on_record(Recorder::LeaderForBoth),
        (Status::Confirmed, None)
    );
}

#[test]
fn pending_entries_expire_at_fourteen_days() {
    let recorded = datetime!(2026-11-01 09:00 UTC);
    let expires = Some(recorded + Duration::days(PENDING_DAYS));
    let before = recorded + Duration::days(13);
    let after = recorded + Duration::days(14);
    assert_eq!(
        effective(Status::Pending, expires, false, before),
        Effective::Pending
    );
    assert_eq!(
        effective(Status::Pending, expires, false, after),
        Effective::Expired
    );
    assert_eq!(
        effective(Status::Confirmed, None, true, after),
        Effective::Reversed
    );
}

#[test]
fn the_turn_passes_when_minutes_are_adjusted() {
    let helped = Actor {
        party: Some(Party::Helped),
        leader: false,
    };
    let helper = Actor {
        party: Some(Party::Helper),
        leader: false,
    };
    let stranger = Actor {
        party: None,
        leader: false,
    };
    let leader = Actor {
        party: None,
        leader: true,
    };
    let p = Effective::Pending;
    assert_eq!(
        apply(p, Some(Party::Helped), helped, Move::Adjust),
        Ok(Outcome::AwaitingOther(Party::Helper))
    );
    assert_eq!(
        apply(p, Some(Party::Helped), helper, Move::Confirm),
        Err(MoveError::NotYourTurn)
    );
    assert_eq!(
        apply(p, Some(Party::Helped), stranger, Move::Confirm),
        Err(MoveError::NotParty)
    );
    assert_eq!(
        apply(p, Some(Party::Helped), leader, Move::Confirm),
        Err(MoveError::NotParty)
    );
    assert_eq!(
        apply(
            Effective::Expired,
            Some(Party::Helped),
            helped,
            Move::Confirm
        ),
        Err(MoveError::Expired)
    );
    assert_eq!(
        apply(Effective::Disputed, None, leader, Move::Resolve(false)),
        Ok(Outcome::Rejected)
    );
    let party_leader = Actor {
        party: Some(Party::Helper),
        leader: true,
    };
    assert_eq!(
        apply(Effective::Disputed, None, party_leader, Move::Resolve(true)),
        Err(MoveError::OwnDispute)
    );
    assert_eq!(
        apply(Effective::Reversed, None, helper, Move::Reverse),
        Err(MoveError::NotConfirmed)
    );
    assert_eq!(
        apply(Effective::Confirmed, None, stranger, Move::Reverse),
        Err(MoveError::NotParty)
    );
}

#[test]
fn gini_matches_hand_computed_cases() {
    // Σ|xi − xj| over ordered pairs / (2 n Σx).
    assert!((gini(&[0, 0, 0, 10]) - 0.75).abs() < 1e-12); // 60 / 80
    assert!((gini(&[1, 2, 3, 4]) - 0.25).abs() < 1e-12); // 20 / 80
    assert!((gini(&[5, 5, 5]) - 0.0).abs() < 1e-12);
    assert!((gini(&[0, 0]) - 0.0).abs() < 1e-12);
    assert!((gini(&[]) - 0.0).abs() < 1e-12);
    assert!((gini(&[0, 30]) - 0.5).abs() < 1e-12); // 60 / 120
    // 10, 20, 30, 40, 100: ordered-pair differences sum 2 × 400 = 800; 800 / (2·5·200) = 0.4.
    assert!((gini(&[100, 10, 40, 20, 30]) - 0.4).abs() < 1e-12);
}

#[test]
fn top_shares_match_hand_computed_cases() {
    let given = [100, 10, 40, 20, 30, 0, 0, 0, 0, 0, 0];
    assert!((top_share(&given, 1) - 0.5).abs() < 1e-12);
    // 11 members: the top 20 % is 3 people (ceil 2.2): 100 + 40 + 30 = 170 of 200.
    assert_eq!(top_fifth(11), 3);
    assert_eq!(top_fifth(5), 1);
    assert_eq!(top_fifth(1), 1);
    let c = concentration(&given);
    assert!((c.top20 - 0.85).abs() < 1e-12);
    assert_eq!(c.top20_people, 3);
    assert!((top_share(&[0, 0], 1) - 0.0).abs() < 1e-12);
}

#[test]
fn the_index_needs_two_exchanges() {
    let one = per_member(
        &[entry(1, 2, 30, Effective::Confirmed)],
        &ids(&[1, 2]),
        None,
    );
    assert_eq!(one[&UserId(1)].shown_index(), None);
    let two = per_member(
        &[
            entry(1, 2, 30, Effective::Confirmed),
            entry(2, 1, 10, Effective::Confirmed),
        ],
        &ids(&[1, 2]),
        None,
    );
    assert_eq!(two[&UserId(1)].shown_index(), Some(0.5)); // (30 − 10) / 40
    assert_eq!(two[&UserId(2)].shown_index(), Some(-0.5));
}

#[test]
fn carrying_the_load_needs_share_index_and_three_exchanges() {
    // Sam (1) gave 3 × 60 to 2, 3, 4; Lee (2) gave 20 to Sam. Five members.
    let entries = [
        entry(1, 2, 60, Effective::Confirmed),
        entry(1, 3, 60, Effective::Confirmed),
        entry(1, 4, 60, Effective::Confirmed),
        entry(2, 1, 20, Effective::Confirmed),
        entry(3, 4, 500, Effective::Pending),
    ];
    let members = ids(&[1, 2, 3, 4, 5]);
    let totals = per_member(&entries, &members, None);
    let signals = carrying_the_load(&totals, members.len());
    assert_eq!(signals.len(), 1);
    assert_eq!(signals[0].member, UserId(1));
    assert!((signals[0].share - 0.9).abs() < 1e-12); // 180 / 200
    assert!((signals[0].index - 0.8).abs() < 1e-12); // (180 − 20) / 200
    assert_eq!(quiet(&totals, &members), vec![UserId(5)]);
    // Two exchanges are not enough.
    let few = per_member(&entries[..2], &members, None);
    assert!(carrying_the_load(&few, members.len()).is_empty());
}

#[test]
fn months_and_terms_follow_the_calendar() {
    let today = date!(2026 - 01 - 15);
    let mut e = entry(1, 2, 30, Effective::Confirmed);
    e.on = date!(2025 - 12 - 31);
    let months = monthly(&[e], today, 3);
    assert_eq!(
        months.iter().map(|m| (m.year, m.month)).collect::<Vec<_>>(),
        vec![(2025, 11), (2025, 12), (2026, 1)]
    );
    assert_eq!(months[1].minutes, 30);
    assert_eq!(term_start(today, None), date!(2026 - 01 - 01));
    assert_eq!(
        term_start(date!(2026 - 10 - 01), None),
        date!(2026 - 09 - 01)
    );
    assert_eq!(
        term_start(date!(2026 - 05 - 01), None),
        date!(2026 - 04 - 01)
    );
    assert_eq!(
        term_start(today, Some(date!(2026 - 01 - 05))),
        date!(2026 - 01 - 05)
    );
    assert_eq!(window_start(today, 4), date!(2025 - 12 - 19));
}

/// The pure model the property test drives: entries as the service stores them.
#[derive(Debug, Clone)]
struct Stored {
    helper: UserId,
    helped: UserId,
    minutes: i64,
    status: Status,
    awaiting: Option<Party>,
    expires_at: Option<OffsetDateTime>,
    reversed: bool,
}

#[derive(Debug, Clone)]
enum Op {
    Record {
        helper: UserId,
        helped: UserId,
        minutes: i64,
        by: u8,
    },
    Act {
        entry: usize,
        person: UserId,
        mv: u8,
    },
    Wait {
        days: i64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..5_i64, 0..5_i64, 1..=600_i64, 0..3_u8).prop_map(|(helper, helped, minutes, by)| {
            Op::Record {
                helper: UserId(helper),
                helped: UserId(helped),
                minutes,
                by,
            }
        }),
        (0..40_usize, 0..6_i64, 0..6_u8).prop_map(|(entry, person, mv)| Op::Act {
            entry,
            person: UserId(person),
            mv
        }),
        (1..10_i64).prop_map(|days| Op::Wait { days }),
    ]
}

proptest! {
    #[test]
    fn given_equals_received_and_pending_never_counts(ops in prop::collection::vec(op(), 1..80)) {
        let leader = UserId(5);
        let mut now = datetime!(2026-11-01 09:00 UTC);
        let mut book: Vec<Stored> = Vec::new();
        for op in ops {
            match op {
                Op::Record { helper, helped, minutes, by } => {
                    if helper == helped {
                        continue; // refused by the service and the database
                    }
                    let recorder = match by {
                        0 => Recorder::Party(Party::Helper),
                        1 => Recorder::Party(Party::Helped),
                        _ => Recorder::LeaderForBoth,
                    };
                    let (status, awaiting) = on_record(recorder);
                    book.push(Stored {
                        helper, helped, minutes, status, awaiting,
                        expires_at: Some(now + Duration::days(PENDING_DAYS)),
                        reversed: false,
                    });
                }
                Op::Act { entry, person, mv } => {
                    let Some(stored) = book.get_mut(entry) else { continue };
                    let party = if person == stored.helper {
                        Some(Party::Helper)
                    } else if person == stored.helped {
                        Some(Party::Helped)
                    } else {
                        None
                    };
                    let actor = Actor { party, leader: person == leader };
                    let state = effective(stored.status, stored.expires_at, stored.reversed, now);
                    let mv = match mv {
                        0 => Move::Confirm,
                        1 => Move::Adjust,
                        2 => Move::Dispute,
                        3 => Move::Resolve(true),
                        4 => Move::Resolve(false),
                        _ => Move::Reverse,
                    };
                    let result = apply(state, stored.awaiting, actor, mv);
                    if party.is_none() && matches!(mv, Move::Confirm | Move::Adjust | Move::Dispute) {
                        // A non-party never confirms, adjusts or disputes.
                        prop_assert!(result.is_err());
                    }
                    match result {
                        Ok(Outcome::Confirmed) => { stored.status = Status::Confirmed; stored.awaiting = None; }
                        Ok(Outcome::AwaitingOther(next)) => {
                            stored.awaiting = Some(next);
                            stored.minutes = (stored.minutes % 600) + 1;
                        }
                        Ok(Outcome::Disputed) => { stored.status = Status::Disputed; stored.awaiting = None; }
                        Ok(Outcome::Rejected) => stored.status = Status::Rejected,
                        Ok(Outcome::Reversed) => stored.reversed = true,
                        Err(_) => {} // a refused move changes nothing
                    }
                }
                Op::Wait { days } => now += Duration::days(days),
            }
            let entries: Vec<Entry> = book.iter().map(|s| Entry {
                helper: s.helper,
                helped: s.helped,
                minutes: s.minutes,
                on: date!(2026 - 11 - 01),
                state: effective(s.status, s.expires_at, s.reversed, now),
            }).collect();
            let totals = per_member(&entries, &ids(&[0, 1, 2, 3, 4]), None);
            let given: i64 = totals.values().map(|t| t.given_minutes).sum();
            let received: i64 = totals.values().map(|t| t.received_minutes).sum();
            prop_assert_eq!(given, received);
            let confirmed: i64 = entries.iter().filter(|e| e.state == Effective::Confirmed).map(|e| e.minutes).sum();
            prop_assert_eq!(given, confirmed);
            for t in totals.values() {
                if let Some(index) = balance_index(t.given_minutes, t.received_minutes) {
                    prop_assert!((-1.0..=1.0).contains(&index));
                }
            }
        }
    }
}
