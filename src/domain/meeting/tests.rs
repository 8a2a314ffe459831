//! Hand-checked cases of the meeting values: parsing, window order, the phase at a given time,
//! what may change once ballots exist, and "time left" in words.

use super::*;
use time::Duration;
use time::macros::datetime;

fn windows() -> Windows {
    Windows {
        proposals_open: datetime!(2026-11-01 09:00 UTC),
        proposals_close: datetime!(2026-11-05 09:00 UTC),
        voting_open: datetime!(2026-11-05 09:00 UTC),
        voting_close: datetime!(2026-11-08 09:00 UTC),
        starts_at: datetime!(2026-11-09 15:00 UTC),
    }
}

#[test]
fn every_phase_has_words_in_each_language() {
    use crate::i18n::Lang;
    let phases = [
        (Phase::Draft, "draft: proposals not open yet"),
        (Phase::Proposing, "proposing"),
        (Phase::Voting, "voting"),
        (Phase::Tallied, "tallied"),
        (Phase::Published, "agenda published"),
        (Phase::Held, "being held"),
        (Phase::Closed, "closed"),
    ];
    let mut french = std::collections::BTreeSet::new();
    for (phase, english) in phases {
        assert_eq!(phase.label().render(Lang::En), english);
        let words = phase.label().render(Lang::Fr);
        assert_ne!(words, english, "{phase:?}");
        assert!(!words.starts_with("mt-"), "{phase:?} has no French words");
        french.insert(words);
    }
    assert_eq!(french.len(), phases.len());
    assert_eq!(
        Phase::Published.label().render(Lang::Fr),
        "ordre du jour publié"
    );
}

#[test]
fn the_phase_follows_the_clock() {
    let w = windows();
    let at = |t| Phase::at(&w, 60, false, t);
    assert_eq!(at(datetime!(2026-10-30 00:00 UTC)), Phase::Draft);
    assert_eq!(at(datetime!(2026-11-01 09:00 UTC)), Phase::Proposing);
    assert_eq!(at(datetime!(2026-11-05 09:00 UTC)), Phase::Voting);
    assert_eq!(at(datetime!(2026-11-08 09:00 UTC)), Phase::Tallied);
    assert_eq!(
        Phase::at(&w, 60, true, datetime!(2026-11-08 10:00 UTC)),
        Phase::Published
    );
    assert_eq!(at(datetime!(2026-11-09 15:30 UTC)), Phase::Held);
    assert_eq!(at(datetime!(2026-11-09 16:00 UTC)), Phase::Closed);
}

#[test]
fn windows_must_come_in_order() {
    let mut w = windows();
    assert!(w.check().is_empty());
    w.voting_close = w.voting_open;
    w.starts_at = datetime!(2026-11-01 00:00 UTC);
    let fields: Vec<_> = w.check().into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["voting_close", "starts_at"]);
}

fn current(has_ballots: bool) -> Current {
    Current {
        windows: windows(),
        privacy: Privacy::Secret,
        visibility: ResultsVisibility::AfterClose,
        has_ballots,
    }
}

#[test]
fn an_open_window_can_be_extended_and_a_closed_one_never_reopens() {
    let mut w = windows();
    w.voting_close = datetime!(2026-11-08 12:00 UTC);
    let now = datetime!(2026-11-06 00:00 UTC);
    let changes = check_change(
        &current(true),
        &w,
        Privacy::Secret,
        ResultsVisibility::AfterClose,
        now,
    )
    .unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].kind, "extend");
    let after = datetime!(2026-11-08 10:00 UTC);
    let problems = check_change(
        &current(true),
        &w,
        Privacy::Secret,
        ResultsVisibility::AfterClose,
        after,
    )
    .unwrap_err();
    assert_eq!(problems[0].0, "voting_close");
}

#[test]
fn secrecy_and_hidden_results_cannot_be_loosened_after_the_first_ballot() {
    let w = windows();
    let now = datetime!(2026-11-06 00:00 UTC);
    let loosen = check_change(
        &current(true),
        &w,
        Privacy::Open,
        ResultsVisibility::Live,
        now,
    )
    .unwrap_err();
    let fields: Vec<_> = loosen.iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, ["privacy", "results_visibility"]);
    assert!(
        check_change(
            &current(false),
            &w,
            Privacy::Open,
            ResultsVisibility::Live,
            now
        )
        .is_ok()
    );
}

#[test]
fn values_are_parsed_once() {
    assert!(ItemMinutes::parse("0").is_err());
    assert!(ItemMinutes::parse("241").is_err());
    assert_eq!(ItemMinutes::parse(" 25 ").unwrap().get(), 25);
    assert!(PurposeLine::parse("Two\nlines here").is_err());
    let utc = crate::domain::zone::Zone::utc();
    let london = crate::domain::zone::Zone::parse("Europe/London").unwrap();
    assert_eq!(
        parse_local("2026-11-23T14:02", utc).unwrap(),
        datetime!(2026-11-23 14:02 UTC)
    );
    assert_eq!(
        parse_local("2026-07-23T14:02", london).unwrap(),
        datetime!(2026-07-23 13:02 UTC)
    );
    assert!(
        parse_local("tomorrow", utc)
            .unwrap_err()
            .to_string()
            .contains("UTC")
    );
    assert!(
        parse_local("2026-03-29T01:30", london)
            .unwrap_err()
            .to_string()
            .contains("clocks go forward")
    );
    assert_eq!(
        input_value(datetime!(2026-11-23 14:02 UTC), utc),
        "2026-11-23T14:02"
    );
    assert_eq!(
        input_value(datetime!(2026-07-23 13:02 UTC), london),
        "2026-07-23T14:02"
    );
}

#[test]
fn time_left_reads_naturally() {
    let now = datetime!(2026-11-01 09:00 UTC);
    let words = |minutes: i64| time_left(now, now + Duration::minutes(minutes)).to_string();
    assert_eq!(words(45), "45 minutes left");
    assert_eq!(words(51 * 60), "2 days 3 hours left");
    assert_eq!(words(0), "closed");
    assert_eq!(words(1), "1 minute left");
    assert_eq!(words(61), "1 hour 1 minute left");
    assert_eq!(words(24 * 60), "1 day left");
    assert_eq!(
        time_until(now, now + Duration::minutes(120)).render(crate::i18n::Lang::Fr),
        "2 heures"
    );
}
