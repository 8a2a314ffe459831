//! The meeting overview's timeline (proposing → voting → results → agenda, with the current
//! step marked) and the one thing the person can do now, with its deadline. Pure: it reads the
//! phase, the windows and what the person may do.

use serde::Serialize;
use time::OffsetDateTime;

use crate::domain::meeting::{Phase, Windows};
use crate::domain::zone::Zone;
use crate::i18n::{Lang, text, text_with};
use crate::web::format::date_time_in;

/// One step of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub label: String,
    /// `done`, `current` or `upcoming`.
    pub state: &'static str,
    /// When it opens, closes or happened.
    pub when: String,
}

/// The primary button: what to do now, where, and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextStep {
    pub label: String,
    /// Path under the meeting's address ("" for the overview itself).
    pub path: &'static str,
    /// "until 3 Dec 2026, 17:00 UTC", or empty.
    pub by: String,
}

/// What the person may do and has done, as the overview knows it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Person {
    pub can_propose: bool,
    pub can_vote: bool,
    pub voted: bool,
    pub can_manage: bool,
    pub can_publish: bool,
}

/// The four steps, with the current one marked, in `lang`.
#[must_use]
pub fn timeline(lang: Lang, phase: Phase, w: &Windows, zone: Zone) -> Vec<Step> {
    let date_time = |at| date_time_in(at, zone, lang);
    let span = |from, to| {
        text_with(
            lang,
            "mt-step-span",
            &[("from", date_time(from)), ("to", date_time(to))],
        )
    };
    let at = match phase {
        Phase::Draft => 0,
        Phase::Proposing => 1,
        Phase::Voting => 2,
        Phase::Tallied => 3,
        Phase::Published | Phase::Held | Phase::Closed => 4,
    };
    let state = |step: usize| match step.cmp(&at) {
        std::cmp::Ordering::Less => "done",
        std::cmp::Ordering::Equal => "current",
        std::cmp::Ordering::Greater => "upcoming",
    };
    vec![
        Step {
            label: text(lang, "mt-step-proposing"),
            state: state(1),
            when: span(w.proposals_open, w.proposals_close),
        },
        Step {
            label: text(lang, "mt-step-voting"),
            state: state(2),
            when: span(w.voting_open, w.voting_close),
        },
        Step {
            label: text(lang, "mt-step-results"),
            state: state(3),
            when: text_with(lang, "mt-step-from", &[("at", date_time(w.voting_close))]),
        },
        Step {
            label: text(lang, "mt-step-agenda"),
            state: state(4),
            when: text_with(lang, "mt-step-meeting", &[("at", date_time(w.starts_at))]),
        },
    ]
}

/// The one primary action for this person now, if any, in `lang`.
#[must_use]
pub fn next_step(
    lang: Lang,
    phase: Phase,
    w: &Windows,
    person: Person,
    now: OffsetDateTime,
    zone: Zone,
) -> Option<NextStep> {
    let step = |key: &str, path, by: Option<OffsetDateTime>| {
        Some(NextStep {
            label: text(lang, key),
            path,
            by: by
                .map(|t| {
                    text_with(
                        lang,
                        "mt-next-until",
                        &[("at", date_time_in(t, zone, lang))],
                    )
                })
                .unwrap_or_default(),
        })
    };
    match phase {
        Phase::Draft if person.can_manage => step("mt-next-edit", "/edit", None),
        Phase::Draft => None,
        Phase::Proposing if w.proposing(now) && person.can_propose => {
            step("mt-next-propose", "/proposals", Some(w.proposals_close))
        }
        Phase::Proposing => step("mt-next-see-proposals", "/proposals", None),
        Phase::Voting if person.can_vote && person.voted => {
            step("mt-next-change-ballot", "/ballot", Some(w.voting_close))
        }
        Phase::Voting if person.can_vote => step("mt-next-rank", "/ballot", Some(w.voting_close)),
        Phase::Voting => step("mt-next-see-proposals", "/proposals", None),
        Phase::Tallied if person.can_publish => {
            step("mt-next-publish", "/agenda/publish", Some(w.starts_at))
        }
        Phase::Tallied => step("mt-next-results", "/results", None),
        Phase::Published => step("mt-next-agenda", "/agenda", None),
        Phase::Held => step("mt-next-live", "/live", None),
        Phase::Closed => step("mt-next-minutes", "/minutes", None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;
    use time::macros::datetime;

    fn windows() -> Windows {
        let t = datetime!(2026-12-01 09:00 UTC);
        Windows {
            proposals_open: t,
            proposals_close: t + Duration::hours(6),
            voting_open: t + Duration::hours(6),
            voting_close: t + Duration::hours(12),
            starts_at: t + Duration::hours(24),
        }
    }

    #[test]
    fn the_current_step_follows_the_phase() {
        let states = |p| -> Vec<&str> {
            timeline(Lang::En, p, &windows(), Zone::utc())
                .iter()
                .map(|s| s.state)
                .collect()
        };
        assert_eq!(states(Phase::Draft), ["upcoming"; 4]);
        assert_eq!(
            states(Phase::Voting),
            ["done", "current", "upcoming", "upcoming"]
        );
        assert_eq!(
            states(Phase::Tallied),
            ["done", "done", "current", "upcoming"]
        );
        assert_eq!(states(Phase::Held), ["done", "done", "done", "current"]);
    }

    #[test]
    fn one_primary_action_with_its_deadline() {
        let w = windows();
        let voting = w.voting_open + Duration::hours(1);
        let member = Person {
            can_propose: true,
            can_vote: true,
            ..Person::default()
        };
        let next = next_step(Lang::En, Phase::Voting, &w, member, voting, Zone::utc()).unwrap();
        assert_eq!(
            (next.label.as_str(), next.path),
            ("Rank the items", "/ballot")
        );
        assert_eq!(
            next.by,
            format!(
                "until {}",
                date_time_in(w.voting_close, Zone::utc(), Lang::En)
            )
        );
        let voted = Person {
            voted: true,
            ..member
        };
        assert_eq!(
            next_step(Lang::En, Phase::Voting, &w, voted, voting, Zone::utc())
                .unwrap()
                .label,
            "Change your ballot"
        );
        let leader = Person {
            can_manage: true,
            can_publish: true,
            ..member
        };
        let after = w.voting_close + Duration::hours(1);
        assert_eq!(
            next_step(Lang::En, Phase::Tallied, &w, leader, after, Zone::utc())
                .unwrap()
                .path,
            "/agenda/publish"
        );
        assert_eq!(
            next_step(Lang::En, Phase::Tallied, &w, member, after, Zone::utc())
                .unwrap()
                .path,
            "/results"
        );
        // Proposals closed, voting not open yet: nothing to propose.
        let gap = Windows {
            voting_open: w.proposals_close + Duration::hours(1),
            ..w
        };
        let between = gap.proposals_close + Duration::minutes(30);
        assert_eq!(
            next_step(
                Lang::En,
                Phase::Proposing,
                &gap,
                member,
                between,
                Zone::utc()
            )
            .unwrap()
            .label,
            "See the proposed items"
        );
        assert!(
            next_step(
                Lang::En,
                Phase::Draft,
                &w,
                member,
                w.proposals_open,
                Zone::utc()
            )
            .is_none()
        );
        let french = next_step(Lang::Fr, Phase::Voting, &w, member, voting, Zone::utc()).unwrap();
        assert_eq!(french.label, "Classer les points");
        assert_eq!(french.by, "jusqu'au 1 déc. 2026, 21:00 UTC");
        let steps = timeline(Lang::Fr, Phase::Voting, &w, Zone::utc());
        assert_eq!(
            steps[1].when,
            "1 déc. 2026, 15:00 UTC à 1 déc. 2026, 21:00 UTC"
        );
    }
}
