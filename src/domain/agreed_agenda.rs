//! The agreed agenda: what a leader publishes after the tally, and every difference from the
//! tally with its reason. Pure: the service loads the tally and the leader's plan, this module
//! decides what changed and which reasons are missing.
//!
//! A reorder is judged the way a person sees it: the items that keep their tally order form
//! the longest run in order, and only the others count as moved. When several runs are as long,
//! the items the leader wrote a reason for are taken as the moved ones.

use crate::domain::ids::ProposalId;
use serde::{Deserialize, Serialize};

use crate::domain::text::{Lines, check_controls};
use crate::i18n::Msg;

/// Problems by field name (`reason_{id}`, `add_reason`).
pub type PlanProblems = Vec<(String, Msg)>;

/// An item of the tally's agenda (or left out by it), in tally order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyItem {
    pub proposal_id: ProposalId,
    pub title: String,
    pub minutes: u32,
    /// 1-based place in tally order.
    pub rank: u32,
    /// On the tally's agenda.
    pub included: bool,
}

/// The leader's choice for one tally item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    pub proposal_id: ProposalId,
    /// On the published agenda?
    pub include: bool,
    /// Requested position (1-based; `None` keeps tally order after the numbered ones).
    pub position: Option<u32>,
    /// The reason typed for a change (may be empty).
    pub reason: String,
}

/// An urgent item added by the leader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedItem {
    pub title: String,
    pub minutes: u32,
    /// Requested position (1-based among ranked and added items; `None`: at the end).
    pub position: Option<u32>,
    /// Why it is added.
    pub reason: String,
}

/// One item of the published agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedItem {
    pub title: String,
    pub minutes: u32,
    /// The proposal, for ranked items.
    pub proposal_id: Option<ProposalId>,
    /// Where the item comes from.
    pub kind: ItemKind,
    /// Place in tally order, for ranked items.
    pub rank: Option<u32>,
}

/// Where an item of the published agenda comes from. Stored in the publication's JSON as
/// `fixed`, `ranked` or `added`; any other stored value fails the read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A fixed item of the meeting (the three-minute scan, say).
    Fixed,
    /// Placed by the tally.
    Ranked,
    /// Added by a leader, with a reason.
    Added,
}

/// How the published agenda differs from the tally at one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeviationKind {
    /// On the agenda although the tally left it out, or not a proposal at all.
    Added,
    /// Left out although the tally put it on.
    Dropped,
    /// In another place than the tally's.
    Moved,
}

impl DeviationKind {
    /// The word a reason prompt uses ("this item is dropped compared with the tally").
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Dropped => "dropped",
            Self::Moved => "moved",
        }
    }
}

/// A difference from the tally, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deviation {
    pub kind: DeviationKind,
    /// The proposal, if the item is one.
    pub proposal_id: Option<ProposalId>,
    /// The item's title.
    pub title: String,
    /// The leader's reason.
    pub reason: String,
}

impl Deviation {
    /// "Added by Sam: fire-drill follow-up — urgent".
    pub fn sentence(&self, actor: impl Into<crate::i18n::Arg>) -> Msg {
        let key = match self.kind {
            DeviationKind::Added => "v-deviation-added",
            DeviationKind::Dropped => "v-deviation-dropped",
            DeviationKind::Moved => "v-deviation-moved",
        };
        Msg::new(key)
            .arg("actor", actor)
            .arg("title", self.title.as_str())
            .arg("reason", self.reason.as_str())
    }
}

/// The published agenda and its deviations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Ranked and added items in order (fixed items are placed first by the caller).
    pub items: Vec<PublishedItem>,
    /// Differences from the tally.
    pub deviations: Vec<Deviation>,
}

/// Field name of the reason box of a proposal's row.
pub fn reason_field(proposal_id: ProposalId) -> String {
    format!("reason_{proposal_id}")
}

/// Indexes (into `ranks`) of a longest increasing run, preferring to keep items without a
/// reason (`cheap[i]`): what stays in tally order.
fn kept_in_order(ranks: &[u32], cheap: &[bool]) -> Vec<bool> {
    let n = ranks.len();
    // best[i] = (length, cheap count) of the best run ending at i; prev[i] its predecessor.
    let mut best: Vec<(usize, usize)> = Vec::with_capacity(n);
    let mut prev: Vec<Option<usize>> = Vec::with_capacity(n);
    for i in 0..n {
        let own = usize::from(cheap.get(i).copied().unwrap_or(false));
        let mut score = (1, own);
        let mut from = None;
        for j in 0..i {
            if ranks.get(j) < ranks.get(i)
                && let Some(&(len, c)) = best.get(j)
            {
                let candidate = (len + 1, c + own);
                if candidate > score {
                    score = candidate;
                    from = Some(j);
                }
            }
        }
        best.push(score);
        prev.push(from);
    }
    let mut keep = vec![false; n];
    let mut at = best
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i);
    while let Some(i) = at {
        if let Some(k) = keep.get_mut(i) {
            *k = true;
        }
        at = prev.get(i).copied().flatten();
    }
    keep
}

/// Builds the agreed agenda from the tally and the leader's plan; every difference needs a
/// reason, reported against the row's reason box when missing.
pub fn plan(
    tally: &[TallyItem],
    rows: &[PlanRow],
    added: Option<&AddedItem>,
) -> Result<Plan, PlanProblems> {
    let mut problems = PlanProblems::new();
    let reason_of = |id: ProposalId| {
        rows.iter()
            .find(|r| r.proposal_id == id)
            .map(|r| r.reason.trim().to_owned())
            .unwrap_or_default()
    };
    let included = |id: ProposalId| {
        rows.iter().find(|r| r.proposal_id == id).map_or_else(
            || tally.iter().any(|t| t.proposal_id == id && t.included),
            |r| r.include,
        )
    };
    // Order the kept items: numbered positions first (ties by tally order), then the rest.
    let mut kept: Vec<(&TallyItem, Option<u32>)> = tally
        .iter()
        .filter(|t| included(t.proposal_id))
        .map(|t| {
            let position = rows
                .iter()
                .find(|r| r.proposal_id == t.proposal_id)
                .and_then(|r| r.position);
            (t, position)
        })
        .collect();
    kept.sort_by_key(|(t, position)| (position.unwrap_or(u32::MAX), t.rank));
    let mut deviations = Vec::new();
    let mut need =
        |problems: &mut PlanProblems, id: ProposalId, kind: DeviationKind, title: &str| {
            let reason = reason_of(id);
            if reason.chars().count() < 3 {
                let message = match kind {
                    DeviationKind::Added => "v-plan-reason-added",
                    DeviationKind::Dropped => "v-plan-reason-dropped",
                    DeviationKind::Moved => "v-plan-reason-moved",
                };
                problems.push((reason_field(id), Msg::new(message)));
            } else if let Err(message) = check_controls(&reason, Lines::Many) {
                problems.push((reason_field(id), message));
            } else {
                deviations.push(Deviation {
                    kind,
                    proposal_id: Some(id),
                    title: title.to_owned(),
                    reason,
                });
            }
        };
    for t in tally
        .iter()
        .filter(|t| t.included && !included(t.proposal_id))
    {
        need(
            &mut problems,
            t.proposal_id,
            DeviationKind::Dropped,
            &t.title,
        );
    }
    for (t, _) in kept.iter().filter(|(t, _)| !t.included) {
        need(&mut problems, t.proposal_id, DeviationKind::Added, &t.title);
    }
    let on_tally: Vec<&TallyItem> = kept
        .iter()
        .map(|(t, _)| *t)
        .filter(|t| t.included)
        .collect();
    let ranks: Vec<u32> = on_tally.iter().map(|t| t.rank).collect();
    let cheap: Vec<bool> = on_tally
        .iter()
        .map(|t| reason_of(t.proposal_id).is_empty())
        .collect();
    let keep = kept_in_order(&ranks, &cheap);
    for (t, stays) in on_tally.iter().zip(keep) {
        if !stays {
            need(&mut problems, t.proposal_id, DeviationKind::Moved, &t.title);
        }
    }
    let mut items: Vec<PublishedItem> = kept
        .iter()
        .map(|(t, _)| PublishedItem {
            title: t.title.clone(),
            minutes: t.minutes,
            proposal_id: Some(t.proposal_id),
            kind: ItemKind::Ranked,
            rank: Some(t.rank),
        })
        .collect();
    if let Some(add) = added {
        if add.reason.trim().chars().count() < 3 {
            problems.push(("add_reason".to_owned(), Msg::new("v-plan-add-reason")));
        } else if let Err(message) = check_controls(add.reason.trim(), Lines::Many) {
            problems.push(("add_reason".to_owned(), message));
        } else {
            deviations.push(Deviation {
                kind: DeviationKind::Added,
                proposal_id: None,
                title: add.title.clone(),
                reason: add.reason.trim().to_owned(),
            });
        }
        let at = add
            .position
            .map_or(items.len(), |p| {
                usize::try_from(p.saturating_sub(1)).unwrap_or(0)
            })
            .min(items.len());
        items.insert(
            at,
            PublishedItem {
                title: add.title.clone(),
                minutes: add.minutes,
                proposal_id: None,
                kind: ItemKind::Added,
                rank: None,
            },
        );
    }
    if problems.is_empty() {
        Ok(Plan { items, deviations })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally() -> Vec<TallyItem> {
        ["A", "B", "C", "D"]
            .iter()
            .enumerate()
            .map(|(i, t)| TallyItem {
                proposal_id: ProposalId(i as i64 + 1),
                title: (*t).to_owned(),
                minutes: 10,
                rank: i as u32 + 1,
                included: i < 3,
            })
            .collect()
    }

    fn row(id: i64, include: bool, position: Option<u32>, reason: &str) -> PlanRow {
        PlanRow {
            proposal_id: ProposalId(id),
            include,
            position,
            reason: reason.to_owned(),
        }
    }

    #[test]
    fn the_tally_as_it_is_needs_no_reason() {
        let plan = plan(&tally(), &[], None).unwrap();
        assert!(plan.deviations.is_empty());
        let titles: Vec<_> = plan.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["A", "B", "C"]);
    }

    #[test]
    fn one_move_is_one_deviation_on_the_item_with_the_reason() {
        let rows = [row(3, true, Some(1), "the visitor leaves early")];
        let plan = plan(&tally(), &rows, None).unwrap();
        let titles: Vec<_> = plan.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["C", "A", "B"]);
        assert_eq!(plan.deviations.len(), 1);
        assert_eq!(
            plan.deviations[0].sentence("Sam").to_string(),
            "Moved by Sam: C — the visitor leaves early"
        );
    }

    #[test]
    fn a_move_without_reason_is_refused() {
        let rows = [row(3, true, Some(1), "")];
        let problems = plan(&tally(), &rows, None).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "reason_3");
        assert_eq!(
            problems[0].1.to_string(),
            "Give a reason: this item is moved compared with the tally."
        );
    }

    #[test]
    fn drops_and_additions_need_reasons() {
        let rows = [
            row(1, false, None, "settled by email"),
            row(4, true, None, "the deadline is Friday"),
        ];
        let added = AddedItem {
            title: "fire-drill follow-up".to_owned(),
            minutes: 5,
            position: Some(1),
            reason: "urgent".to_owned(),
        };
        let plan = plan(&tally(), &rows, Some(&added)).unwrap();
        let titles: Vec<_> = plan.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["fire-drill follow-up", "B", "C", "D"]);
        let kinds: Vec<_> = plan.deviations.iter().map(|d| d.kind.as_str()).collect();
        assert_eq!(kinds, ["dropped", "added", "added"]);
        assert_eq!(
            plan.deviations[2].sentence("Sam").to_string(),
            "Added by Sam: fire-drill follow-up — urgent"
        );
    }

    #[test]
    fn a_published_item_keeps_its_stored_kind_and_refuses_an_unknown_one() {
        let stored =
            r#"{"title":"Scan","minutes":3,"proposal_id":null,"kind":"fixed","rank":null}"#;
        let item: PublishedItem = serde_json::from_str(stored).unwrap();
        assert_eq!(item.kind, ItemKind::Fixed);
        assert_eq!(serde_json::to_string(&item).unwrap(), stored);
        let unknown = stored.replace("\"fixed\"", "\"bonus\"");
        assert!(serde_json::from_str::<PublishedItem>(&unknown).is_err());
    }
}
