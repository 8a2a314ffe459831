//! The meeting as it runs: who may drive it, how long each item took against its time box, and
//! the minutes Roundtable drafts when the facilitator closes the meeting.
//!
//! Pure: times come in as values (the service reads them from the injected clock).

use crate::domain::ids::UserId;
use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::i18n::{Arg, Lang, Msg};

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

/// The names of a list, or "nobody recorded", in `lang`.
fn names(list: &[String], lang: Lang) -> String {
    if list.is_empty() {
        Msg::new("sm-draft-nobody-recorded").render(lang)
    } else {
        list.join(", ")
    }
}

/// The first draft, in Markdown and in `lang` (the language of the person who closes the
/// meeting; once stored it is content and stays as written): purpose, attendance, each item
/// reached with its time planned and used, decisions and actions (owners and dates), then the
/// items not reached.
pub fn draft(input: &MinutesInput, lang: Lang) -> String {
    let mut out = String::new();
    // One line of the draft, then `end` (the blank lines of Markdown).
    let line = |out: &mut String, msg: Msg, end: &str| {
        out.push_str(&msg.render(lang));
        out.push_str(end);
    };
    line(
        &mut out,
        Msg::new("sm-draft-heading").arg("title", input.title.as_str()),
        "\n\n",
    );
    line(
        &mut out,
        Msg::new("sm-draft-held").arg("held", input.held.as_str()),
        "\n\n",
    );
    line(
        &mut out,
        Msg::new("sm-draft-purpose").arg("purpose", input.purpose_line.as_str()),
        "\n\n",
    );
    line(
        &mut out,
        Msg::new("sm-draft-roles")
            .arg("facilitator", input.facilitator.as_str())
            .arg("note_taker", input.note_taker.as_str()),
        "\n\n",
    );
    line(&mut out, Msg::new("sm-draft-attendance"), "\n\n");
    line(
        &mut out,
        Msg::new("sm-draft-present").arg("names", names(&input.present, lang)),
        "\n",
    );
    line(
        &mut out,
        Msg::new("sm-draft-apologies").arg("names", names(&input.apologies, lang)),
        "\n\n",
    );
    let (reached, not_reached): (Vec<&MinutesItem>, Vec<&MinutesItem>) = input
        .items
        .iter()
        .partition(|i| i.clock.state() != ItemState::Waiting);
    line(&mut out, Msg::new("sm-draft-items"), "\n\n");
    if reached.is_empty() {
        line(&mut out, Msg::new("sm-draft-no-item"), "\n\n");
    }
    for (n, item) in reached.iter().enumerate() {
        line(
            &mut out,
            Msg::new("sm-draft-item")
                .arg("number", n + 1)
                .arg("title", item.title.as_str())
                .arg("planned", item.clock.planned)
                .arg("used", item.clock.used(input.closed_at)),
            "\n\n",
        );
        for d in &item.decisions {
            let decision = match d.review_on {
                Some(on) => Msg::new("sm-draft-decision-review")
                    .arg("text", d.text.as_str())
                    .arg("date", Arg::day(on)),
                None => Msg::new("sm-draft-decision").arg("text", d.text.as_str()),
            };
            line(&mut out, decision, "\n");
        }
        for a in &item.actions {
            line(
                &mut out,
                Msg::new("sm-draft-action")
                    .arg("title", a.title.as_str())
                    .arg("owner", a.owner.as_str())
                    .arg("due", Arg::day(a.due_on)),
                "\n",
            );
        }
        if item.decisions.is_empty() && item.actions.is_empty() {
            line(&mut out, Msg::new("sm-draft-discussed"), "\n");
        }
        out.push('\n');
    }
    let (planned, used) = totals(
        &input.items.iter().map(|i| i.clock).collect::<Vec<_>>(),
        input.closed_at,
    );
    line(
        &mut out,
        Msg::new("sm-draft-time")
            .arg("used", used)
            .arg("planned", planned),
        "\n\n",
    );
    line(&mut out, Msg::new("sm-draft-not-reached"), "\n\n");
    if not_reached.is_empty() {
        line(&mut out, Msg::new("sm-draft-all-reached"), "\n");
    }
    for item in not_reached {
        line(
            &mut out,
            Msg::new("sm-draft-not-reached-item")
                .arg("title", item.title.as_str())
                .arg("minutes", item.clock.planned),
            "\n",
        );
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
        let input = MinutesInput {
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
        };
        let text = draft(&input, Lang::En);
        assert_eq!(
            text,
            "# Minutes: SLT\n\nHeld 3 Dec 2026, 14:00 UTC.\n\n**Purpose:** Move the plan.\n\n\
             Facilitator: Sam. Notes: Lee.\n\n## Attendance\n\n- Present: Sam, Lee\n\
             - Apologies: nobody recorded\n\n## Items\n\n\
             ### 1. Rubric (10 min planned, 8 min used)\n\n\
             - Decision: Adopt it (review on 10 Jan 2027)\n\
             - Action: Print copies — Lee, due 10 Dec 2026\n\n\
             Time: 8 min used of 15 min planned.\n\n## Not reached\n\n- Trip (5 min)\n"
        );
        assert!(text.contains("**Purpose:** Move the plan."));
        assert!(text.contains("- Present: Sam, Lee"));
        assert!(text.contains("- Apologies: nobody recorded"));
        assert!(text.contains("### 1. Rubric (10 min planned, 8 min used)"));
        assert!(text.contains("- Decision: Adopt it (review on 10 Jan 2027)"));
        assert!(text.contains("- Action: Print copies — Lee, due 10 Dec 2026"));
        assert!(text.contains("## Not reached\n\n- Trip (5 min)"));

        // Written in the language of the person who closes the meeting.
        let french = draft(&input, Lang::Fr);
        assert!(french.starts_with("# Compte rendu : SLT\n\n"), "{french}");
        assert!(french.contains("- Excusés : personne\n"), "{french}");
        assert!(french.contains("### 1. Rubric (10 min prévues, 8 min utilisées)"));
        assert!(french.contains("- Décision : Adopt it (à revoir le 10 janv. 2027)"));
        assert!(french.contains("- Action : Print copies — Lee, échéance le 10 déc. 2026"));
        assert!(french.contains("## Points non abordés\n\n- Trip (5 min)"));
    }
}
