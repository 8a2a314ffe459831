//! The proposal and voting windows, the phase they put a meeting in at a given time, the
//! rules for changing them once people have taken part, and the "time left" people read.

use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::{Privacy, Problems, ResultsVisibility};
use crate::i18n::Msg;

/// The four window times and the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Windows {
    pub proposals_open: OffsetDateTime,
    pub proposals_close: OffsetDateTime,
    pub voting_open: OffsetDateTime,
    /// Voting closes (the tally runs once after this).
    pub voting_close: OffsetDateTime,
    /// The meeting starts.
    pub starts_at: OffsetDateTime,
}

impl Windows {
    /// Checks the order: proposals, then voting, then the meeting.
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        if self.proposals_close <= self.proposals_open {
            problems.push(("proposals_close", Msg::new("v-proposals-close-order")));
        }
        if self.voting_open < self.proposals_close {
            problems.push(("voting_open", Msg::new("v-voting-open-order")));
        }
        if self.voting_close <= self.voting_open {
            problems.push(("voting_close", Msg::new("v-voting-close-order")));
        }
        if self.starts_at < self.voting_close {
            problems.push(("starts_at", Msg::new("v-starts-at-order")));
        }
        problems
    }

    /// Proposing is open at `now`.
    pub fn proposing(&self, now: OffsetDateTime) -> bool {
        self.proposals_open <= now && now < self.proposals_close
    }

    /// Authors may still edit or withdraw their items (until voting opens).
    pub fn proposals_editable(&self, now: OffsetDateTime) -> bool {
        self.proposals_open <= now && now < self.voting_open
    }

    /// Voting is open at `now`.
    pub fn voting(&self, now: OffsetDateTime) -> bool {
        self.voting_open <= now && now < self.voting_close
    }

    /// Voting has closed: the tally is due.
    pub fn voting_closed(&self, now: OffsetDateTime) -> bool {
        now >= self.voting_close
    }
}

/// Where a meeting is in its lifecycle: it follows the clock, never a job someone may forget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Before proposals open.
    Draft,
    /// Proposals open (or closed, waiting for voting to open).
    Proposing,
    /// Voting open.
    Voting,
    /// Voting closed: tallied (or about to be), agenda not yet published.
    Tallied,
    /// The agreed agenda is published.
    Published,
    /// The meeting is running.
    Held,
    /// The meeting is over.
    Closed,
}

impl Phase {
    /// The phase at `now`.
    pub fn at(
        windows: &Windows,
        budget_minutes: u32,
        published: bool,
        now: OffsetDateTime,
    ) -> Self {
        let ends = windows.starts_at + Duration::minutes(i64::from(budget_minutes));
        if now < windows.proposals_open {
            Self::Draft
        } else if now < windows.voting_open {
            Self::Proposing
        } else if now < windows.voting_close {
            Self::Voting
        } else if now < windows.starts_at {
            if published {
                Self::Published
            } else {
                Self::Tallied
            }
        } else if now < ends {
            Self::Held
        } else {
            Self::Closed
        }
    }

    /// Words for people ("agenda published"), rendered in the reader's language.
    pub fn label(self) -> Msg {
        Msg::new(match self {
            Self::Draft => "mt-phase-draft",
            Self::Proposing => "mt-phase-proposing",
            Self::Voting => "mt-phase-voting",
            Self::Tallied => "mt-phase-tallied",
            Self::Published => "mt-phase-published",
            Self::Held => "mt-phase-held",
            Self::Closed => "mt-phase-closed",
        })
    }
}

/// What the meeting is like now, for judging a change.
#[derive(Debug, Clone, Copy)]
pub struct Current {
    /// Current windows.
    pub windows: Windows,
    /// Current privacy.
    pub privacy: Privacy,
    /// Current results visibility.
    pub visibility: ResultsVisibility,
    /// At least one ballot exists.
    pub has_ballots: bool,
}

/// A window change worth auditing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WindowChange {
    /// `proposals_close`, `voting_close`, ...
    pub field: &'static str,
    /// `extend` (later close while open), or `change`.
    pub kind: &'static str,
    /// Old time (RFC 3339).
    pub from: String,
    /// New time (RFC 3339).
    pub to: String,
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Checks a change of windows and ballot options against what has already happened, and lists
/// the window changes to audit. Rules: a closed window never changes (a closed ballot is never
/// reopened); an open window keeps its opening; privacy is frozen once a ballot exists; results
/// visibility may then only be tightened; live counts only for open ballots.
pub fn check_change(
    current: &Current,
    windows: &Windows,
    privacy: Privacy,
    visibility: ResultsVisibility,
    now: OffsetDateTime,
) -> Result<Vec<WindowChange>, Problems> {
    let mut problems = Problems::new();
    let mut changes = Vec::new();
    let pairs = [
        (
            "proposals_open",
            "proposals_close",
            current.windows.proposals_open,
            current.windows.proposals_close,
            windows.proposals_open,
            windows.proposals_close,
        ),
        (
            "voting_open",
            "voting_close",
            current.windows.voting_open,
            current.windows.voting_close,
            windows.voting_open,
            windows.voting_close,
        ),
    ];
    for (open_field, close_field, old_open, old_close, new_open, new_close) in pairs {
        if now >= old_close {
            if new_open != old_open || new_close != old_close {
                problems.push((close_field, Msg::new("v-window-closed")));
            }
            continue;
        }
        if now >= old_open && new_open != old_open {
            problems.push((open_field, Msg::new("v-window-open-fixed")));
        }
        if new_close != old_close {
            if new_close <= now {
                problems.push((close_field, Msg::new("v-closing-in-future")));
            }
            let kind = if now >= old_open && new_close > old_close {
                "extend"
            } else {
                "change"
            };
            changes.push(WindowChange {
                field: close_field,
                kind,
                from: rfc3339(old_close),
                to: rfc3339(new_close),
            });
        }
        if new_open != old_open {
            changes.push(WindowChange {
                field: open_field,
                kind: "change",
                from: rfc3339(old_open),
                to: rfc3339(new_open),
            });
        }
    }
    if current.has_ballots && privacy != current.privacy {
        problems.push(("privacy", Msg::new("v-privacy-frozen")));
    }
    if current.has_ballots && !visibility.at_least_as_strict_as(current.visibility) {
        problems.push(("results_visibility", Msg::new("v-visibility-tighten-only")));
    }
    if privacy == Privacy::Secret && visibility == ResultsVisibility::Live {
        problems.push(("results_visibility", Msg::new("v-secret-live")));
    }
    if problems.is_empty() {
        Ok(changes)
    } else {
        Err(problems)
    }
}

/// "2 days 3 hours left", "45 minutes left", "closed".
pub fn time_left(now: OffsetDateTime, until: OffsetDateTime) -> Msg {
    if until <= now {
        return Msg::new("v-time-closed");
    }
    Msg::new("v-time-left").arg("time", time_until(now, until))
}

/// The time from `now` to `until` in words, to the minute and at most two units: "2 days
/// 3 hours", "45 minutes" (at least a minute).
pub fn time_until(now: OffsetDateTime, until: OffsetDateTime) -> Msg {
    let minutes = (until - now).whole_minutes().max(1);
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    if days > 0 {
        if hours > 0 {
            Msg::new("v-duration-days-hours")
                .arg("days", days)
                .arg("hours", hours)
        } else {
            Msg::new("v-duration-days").arg("days", days)
        }
    } else if hours > 0 {
        if mins > 0 {
            Msg::new("v-duration-hours-minutes")
                .arg("hours", hours)
                .arg("minutes", mins)
        } else {
            Msg::new("v-duration-hours").arg("hours", hours)
        }
    } else {
        Msg::new("v-duration-minutes").arg("minutes", mins)
    }
}
