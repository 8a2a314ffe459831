//! The meeting as it runs: who may drive it, how long each item took against its time box, and
//! the minutes Roundtable drafts when the facilitator closes the meeting.
//!
//! Pure: times come in as values (the service reads them from the injected clock).

use crate::domain::ids::UserId;
use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::format::date as day;

/// The facilitator drives the live meeting; a leader may stand in (no facilitator, or absent).
pub fn may_run(facilitator: Option<UserId>, person: UserId, leads_team: bool) -> bool {
    facilitator == Some(person) || leads_team
}

/// The note-taker and the team's leaders edit and publish the minutes.
pub fn may_edit_minutes(note_taker: Option<UserId>, person: UserId, leads_team: bool) -> bool {
    note_taker == Some(person) || leads_team
}

/// Whole minutes between two instants, to the nearest minute (never negative).
pub fn minutes_between(from: OffsetDateTime, to: OffsetDateTime) -> i64 {
    let seconds = (to - from).whole_seconds().max(0);
    (seconds + 30) / 60
}

/// Where an item stands in the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// Not started.
    Waiting,
    /// Started, not ended.
    Running,
    /// Ended.
    Done,
}

/// One agenda item's time box and what happened to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemClock {
    /// Minutes planned.
    pub planned: u32,
    pub started: Option<OffsetDateTime>,
    pub ended: Option<OffsetDateTime>,
}

impl ItemClock {
    /// Where it stands.
    pub fn state(&self) -> ItemState {
        match (self.started, self.ended) {
            (None, _) => ItemState::Waiting,
            (Some(_), None) => ItemState::Running,
            (Some(_), Some(_)) => ItemState::Done,
        }
    }
    /// Minutes used so far (a running item counts up to `now`).
    pub fn used(&self, now: OffsetDateTime) -> i64 {
        match self.started {
            None => 0,
            Some(start) => minutes_between(start, self.ended.unwrap_or(now)),
        }
    }
    /// Minutes over the time box (negative: under).
    pub fn over(&self, now: OffsetDateTime) -> i64 {
        self.used(now) - i64::from(self.planned)
    }
}

/// Planned and used minutes of the whole meeting.
pub fn totals(items: &[ItemClock], now: OffsetDateTime) -> (i64, i64) {
    items.iter().fold((0, 0), |(planned, used), item| {
        (planned + i64::from(item.planned), used + item.used(now))
    })
}

/// A decision as the minutes list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesDecision {
    /// What was decided.
    pub text: String,
    /// When to look at it again.
    pub review_on: Option<Date>,
}

/// An action as the minutes list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesAction {
    /// What.
    pub title: String,
    /// Who.
    pub owner: String,
    /// By when.
    pub due_on: Date,
}

/// One agenda item as the minutes show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesItem {
    pub title: String,
    /// Time box and timings.
    pub clock: ItemClock,
    /// Decisions taken on it.
    pub decisions: Vec<MinutesDecision>,
    /// Actions agreed on it.
    pub actions: Vec<MinutesAction>,
}

/// What the first draft of the minutes is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesInput {
    /// Meeting title.
    pub title: String,
    /// "3 Dec 2026, 14:00 UTC".
    pub held: String,
    pub purpose_line: String,
    /// Facilitator's name.
    pub facilitator: String,
    /// Note-taker's name.
    pub note_taker: String,
    /// Names of those present.
    pub present: Vec<String>,
    /// Names of those who sent apologies.
    pub apologies: Vec<String>,
    /// Items in agenda order.
    pub items: Vec<MinutesItem>,
    /// When the meeting closed.
    pub closed_at: OffsetDateTime,
}

fn names(list: &[String]) -> String {
    if list.is_empty() {
        "nobody recorded".to_owned()
    } else {
        list.join(", ")
    }
}

/// The first draft, in Markdown: purpose, attendance, each item reached with its time planned
/// and used, decisions and actions (owners and dates), then the items not reached.
pub fn draft(input: &MinutesInput) -> String {
    let mut out = format!("# Minutes: {}\n\n", input.title);
    out.push_str(&format!("Held {}.\n\n", input.held));
    out.push_str(&format!("**Purpose:** {}\n\n", input.purpose_line));
    out.push_str(&format!(
        "Facilitator: {}. Notes: {}.\n\n",
        input.facilitator, input.note_taker
    ));
    out.push_str("## Attendance\n\n");
    out.push_str(&format!("- Present: {}\n", names(&input.present)));
    out.push_str(&format!("- Apologies: {}\n\n", names(&input.apologies)));
    let (reached, not_reached): (Vec<&MinutesItem>, Vec<&MinutesItem>) = input
        .items
        .iter()
        .partition(|i| i.clock.state() != ItemState::Waiting);
    out.push_str("## Items\n\n");
    if reached.is_empty() {
        out.push_str("No item was taken.\n\n");
    }
    for (n, item) in reached.iter().enumerate() {
        out.push_str(&format!(
            "### {}. {} ({} min planned, {} min used)\n\n",
            n + 1,
            item.title,
            item.clock.planned,
            item.clock.used(input.closed_at)
        ));
        for d in &item.decisions {
            match d.review_on {
                Some(on) => {
                    out.push_str(&format!("- Decision: {} (review on {})\n", d.text, day(on)))
                }
                None => out.push_str(&format!("- Decision: {}\n", d.text)),
            }
        }
        for a in &item.actions {
            out.push_str(&format!(
                "- Action: {} — {}, due {}\n",
                a.title,
                a.owner,
                day(a.due_on)
            ));
        }
        if item.decisions.is_empty() && item.actions.is_empty() {
            out.push_str("- Discussed; no decision or action recorded.\n");
        }
        out.push('\n');
    }
    let (planned, used) = totals(
        &input.items.iter().map(|i| i.clock).collect::<Vec<_>>(),
        input.closed_at,
    );
    out.push_str(&format!(
        "Time: {used} min used of {planned} min planned.\n\n"
    ));
    out.push_str("## Not reached\n\n");
    if not_reached.is_empty() {
        out.push_str("Every item was reached.\n");
    }
    for item in not_reached {
        out.push_str(&format!("- {} ({} min)\n", item.title, item.clock.planned));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn items_count_their_minutes_and_running_items_count_up_to_now() {
        let start = datetime!(2026-12-03 14:00 UTC);
        let item = ItemClock {
            planned: 10,
            started: Some(start),
            ended: Some(start + time::Duration::minutes(12)),
        };
        assert_eq!(item.used(start), 12);
        assert_eq!(item.over(start), 2);
        let running = ItemClock {
            planned: 5,
            started: Some(start),
            ended: None,
        };
        assert_eq!(running.state(), ItemState::Running);
        assert_eq!(running.used(start + time::Duration::seconds(150)), 3);
        assert_eq!(
            totals(&[item, running], start + time::Duration::minutes(4)),
            (15, 16)
        );
    }

    #[test]
    fn the_draft_lists_what_happened_and_what_was_not_reached() {
        let start = datetime!(2026-12-03 14:00 UTC);
        let text = draft(&MinutesInput {
            title: "SLT".to_owned(),
            held: "3 Dec 2026, 14:00 UTC".to_owned(),
            purpose_line: "Move the plan.".to_owned(),
            facilitator: "Sam".to_owned(),
            note_taker: "Lee".to_owned(),
            present: vec!["Sam".to_owned(), "Lee".to_owned()],
            apologies: vec![],
            items: vec![
                MinutesItem {
                    title: "Rubric".to_owned(),
                    clock: ItemClock {
                        planned: 10,
                        started: Some(start),
                        ended: Some(start + time::Duration::minutes(8)),
                    },
                    decisions: vec![MinutesDecision {
                        text: "Adopt it".to_owned(),
                        review_on: Some(date!(2027 - 01 - 10)),
                    }],
                    actions: vec![MinutesAction {
                        title: "Print copies".to_owned(),
                        owner: "Lee".to_owned(),
                        due_on: date!(2026 - 12 - 10),
                    }],
                },
                MinutesItem {
                    title: "Trip".to_owned(),
                    clock: ItemClock {
                        planned: 5,
                        started: None,
                        ended: None,
                    },
                    decisions: vec![],
                    actions: vec![],
                },
            ],
            closed_at: start + time::Duration::minutes(9),
        });
        assert!(text.contains("**Purpose:** Move the plan."));
        assert!(text.contains("- Present: Sam, Lee"));
        assert!(text.contains("- Apologies: nobody recorded"));
        assert!(text.contains("### 1. Rubric (10 min planned, 8 min used)"));
        assert!(text.contains("- Decision: Adopt it (review on 10 Jan 2027)"));
        assert!(text.contains("- Action: Print copies — Lee, due 10 Dec 2026"));
        assert!(text.contains("## Not reached\n\n- Trip (5 min)"));
    }
}
