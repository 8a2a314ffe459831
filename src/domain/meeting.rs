//! Meetings as values: parsed fields, ballot options, the windows and the lifecycle phase
//! that follows the clock, and the rules for changing a meeting once people have taken part.
//!
//! Pure: the current time is always passed in (from the injected `Clock`).

use serde::Serialize;
use time::{Duration, OffsetDateTime, PrimitiveDateTime};

use crate::domain::text::{Lines, check_controls};

/// Problems by field name, in the order found (the service turns them into `FieldErrors`).
pub type Problems = Vec<(&'static str, String)>;

pub(crate) fn text_between(
    raw: &str,
    min: usize,
    max: usize,
    what: &str,
    lines: Lines,
) -> Result<String, String> {
    let text = raw.trim();
    let n = text.chars().count();
    if n == 0 {
        return Err(format!("Enter {what}."));
    }
    if n < min {
        return Err(format!("Use at least {min} characters."));
    }
    if n > max {
        return Err(format!("Use at most {max} characters."));
    }
    check_controls(text, lines)?;
    Ok(text.to_owned())
}

macro_rules! text_newtype {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr, $what:expr, $lines:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        pub struct $name(String);

        impl $name {
            /// Trims and checks the length.
            pub fn parse(raw: &str) -> Result<Self, String> {
                text_between(raw, $min, $max, $what, $lines).map(Self)
            }
            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}

text_newtype!(
    /// A meeting's title: 2 to 120 characters.
    MeetingTitle, 2, 120, "the meeting's title", Lines::One
);
text_newtype!(
    /// An agenda item's title: 2 to 120 characters.
    ItemTitle, 2, 120, "a title", Lines::One
);
text_newtype!(
    /// Why an item matters: 10 to 1,000 characters.
    Why, 10, 1000, "why it matters", Lines::Many
);
text_newtype!(
    /// A leader's reason (for hiding an item or changing the agenda): 3 to 300 characters.
    Reason, 3, 300, "a reason", Lines::Many
);

/// One sentence linking the meeting to the team's purpose: 10 to 200 characters, one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PurposeLine(String);

impl PurposeLine {
    /// Trims and checks it is one short line.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(
                "Write one sentence linking this meeting to the team's purpose.".to_owned(),
            );
        }
        if text.contains('\n') || text.contains('\r') {
            return Err("Keep the purpose line to one sentence on one line.".to_owned());
        }
        text_between(text, 10, 200, "the purpose line", Lines::One).map(Self)
    }
    /// The sentence.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Place or link: up to 200 characters, may be empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place(String);

impl Place {
    /// Trims and checks the length.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.trim();
        if text.chars().count() > 200 {
            return Err("Use at most 200 characters.".to_owned());
        }
        check_controls(text, Lines::One)?;
        Ok(Self(text.to_owned()))
    }
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An item's estimated (or a fixed item's reserved) minutes: 1 to 240.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ItemMinutes(u32);

impl ItemMinutes {
    /// 1 to 240 whole minutes.
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.trim().parse::<u32>() {
            Ok(n) if (1..=240).contains(&n) => Ok(Self(n)),
            _ => Err("Enter whole minutes from 1 to 240.".to_owned()),
        }
    }
    /// The minutes.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// A meeting's time budget: 5 to 1,440 minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BudgetMinutes(u32);

impl BudgetMinutes {
    /// 5 to 1,440 whole minutes.
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.trim().parse::<u32>() {
            Ok(n) if (5..=1440).contains(&n) => Ok(Self(n)),
            _ => Err("Enter the meeting's length in whole minutes, from 5 to 1,440.".to_owned()),
        }
    }
    /// The minutes.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// Parses a UTC date and time as a `datetime-local` input sends it: `2026-11-23T14:02`.
pub fn parse_utc(raw: &str) -> Result<OffsetDateTime, String> {
    let text = raw.trim();
    let long = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let short = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let spaced = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    PrimitiveDateTime::parse(text, &short)
        .or_else(|_| PrimitiveDateTime::parse(text, &long))
        .or_else(|_| PrimitiveDateTime::parse(text, &spaced))
        .map(PrimitiveDateTime::assume_utc)
        .map(|t| t.replace_second(0).unwrap_or(t))
        .map_err(|_| "Enter a date and time (UTC), like 2026-11-23T14:00.".to_owned())
}

/// Formats a time for a `datetime-local` input (UTC).
pub fn input_value(at: OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    at.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .unwrap_or_default()
}

macro_rules! stored_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:expr),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// Parses the stored (or submitted) text.
            pub fn parse(text: &str) -> Option<Self> {
                match text.trim() { $($text => Some(Self::$variant),)+ _ => None }
            }
            /// The stored text.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }
    };
}

stored_enum!(
    /// Whether leaders can see who ranked what.
    Privacy {
        /// Ballots carry the voter's id (leaders can see names).
        Open = "open",
        /// Voter keys are HMACs with a secret destroyed at the tally.
        Secret = "secret",
    }
);

stored_enum!(
    /// When counts may be seen.
    ResultsVisibility {
        /// Only after the voting window closes (no bandwagon).
        AfterClose = "after_close",
        /// Provisional counts while voting (open ballots only).
        Live = "live",
    }
);

stored_enum!(
    /// How the ranked ballots become an agenda.
    AgendaRule {
        /// Sequential IRV order, then fill the time budget.
        SequentialIrv = "sequential_irv",
        /// Method of Equal Shares with minutes as cost.
        EqualShares = "equal_shares",
    }
);

impl ResultsVisibility {
    /// `true` when `self` shows results no earlier than `other` (a tightening or no change).
    pub fn at_least_as_strict_as(self, other: Self) -> bool {
        self == Self::AfterClose || other == Self::Live
    }
}

/// The four window times and the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Windows {
    /// Proposals open.
    pub proposals_open: OffsetDateTime,
    /// Proposals close.
    pub proposals_close: OffsetDateTime,
    /// Voting opens.
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
            problems.push((
                "proposals_close",
                "Close proposals after they open.".to_owned(),
            ));
        }
        if self.voting_open < self.proposals_close {
            problems.push((
                "voting_open",
                "Open voting when proposals close or later.".to_owned(),
            ));
        }
        if self.voting_close <= self.voting_open {
            problems.push(("voting_close", "Close voting after it opens.".to_owned()));
        }
        if self.starts_at < self.voting_close {
            problems.push((
                "starts_at",
                "Start the meeting when voting closes or later.".to_owned(),
            ));
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

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "draft: proposals not open yet",
            Self::Proposing => "proposing",
            Self::Voting => "voting",
            Self::Tallied => "tallied",
            Self::Published => "agenda published",
            Self::Held => "being held",
            Self::Closed => "closed",
        }
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
                problems.push((
                    close_field,
                    "This window has closed; it cannot be changed or reopened.".to_owned(),
                ));
            }
            continue;
        }
        if now >= old_open && new_open != old_open {
            problems.push((
                open_field,
                "This window is open; its opening time cannot change.".to_owned(),
            ));
        }
        if new_close != old_close {
            if new_close <= now {
                problems.push((
                    close_field,
                    "Choose a closing time in the future.".to_owned(),
                ));
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
        problems.push((
            "privacy",
            "Ballots have been cast: ballot privacy can no longer change.".to_owned(),
        ));
    }
    if current.has_ballots && !visibility.at_least_as_strict_as(current.visibility) {
        problems.push((
            "results_visibility",
            "Ballots have been cast: results can be hidden longer, but not shown earlier."
                .to_owned(),
        ));
    }
    if privacy == Privacy::Secret && visibility == ResultsVisibility::Live {
        problems.push((
            "results_visibility",
            "Secret ballots show results only after voting closes.".to_owned(),
        ));
    }
    if problems.is_empty() {
        Ok(changes)
    } else {
        Err(problems)
    }
}

/// "2 days 3 hours left", "45 minutes left", "closed".
pub fn time_left(now: OffsetDateTime, until: OffsetDateTime) -> String {
    let left = until - now;
    if left <= Duration::ZERO {
        return "closed".to_owned();
    }
    let minutes = left.whole_minutes().max(1);
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    let text = if days > 0 {
        if hours > 0 {
            format!("{} {}", plural(days, "day"), plural(hours, "hour"))
        } else {
            plural(days, "day")
        }
    } else if hours > 0 {
        if mins > 0 {
            format!("{} {}", plural(hours, "hour"), plural(mins, "minute"))
        } else {
            plural(hours, "hour")
        }
    } else {
        plural(mins, "minute")
    };
    format!("{text} left")
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert_eq!(
            parse_utc("2026-11-23T14:02").unwrap(),
            datetime!(2026-11-23 14:02 UTC)
        );
        assert!(parse_utc("tomorrow").is_err());
        assert_eq!(
            input_value(datetime!(2026-11-23 14:02 UTC)),
            "2026-11-23T14:02"
        );
    }

    #[test]
    fn time_left_reads_naturally() {
        let now = datetime!(2026-11-01 09:00 UTC);
        assert_eq!(
            time_left(now, now + Duration::minutes(45)),
            "45 minutes left"
        );
        assert_eq!(
            time_left(now, now + Duration::hours(51)),
            "2 days 3 hours left"
        );
        assert_eq!(time_left(now, now), "closed");
    }
}
