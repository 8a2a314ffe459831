//! The voters of an instance, kept flat: every ballot's projects in one list, every id in one
//! string, and a fixed-size row a voter pointing into them. A file of 50,000 voters is a few
//! allocations instead of two a voter (an id `String` and a ballot `Vec`), which the reader
//! spent a fifth of its time making and freeing (`docs/benchmarks.md`, "Budget CLI").

use std::sync::{Arc, OnceLock};

use super::instance::{Ballot, Voter};

/// A ballot as stored, borrowed: project references are indices into the instance's projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotRef<'a> {
    /// Approved projects, no order meaning.
    Approval(&'a [usize]),
    /// Ranked projects, most preferred first.
    Ordinal(&'a [usize]),
    /// Projects with points (scaled by 10^[`super::Instance::points_scale`]), in ballot
    /// order.
    Cardinal(&'a [(usize, u64)]),
}

impl BallotRef<'_> {
    /// The projects on the ballot, in ballot order.
    pub fn projects(self) -> impl Iterator<Item = usize> {
        let (picks, scored): (&[usize], &[(usize, u64)]) = match self {
            Self::Approval(p) | Self::Ordinal(p) => (p, &[]),
            Self::Cardinal(p) => (&[], p),
        };
        picks.iter().copied().chain(scored.iter().map(|&(p, _)| p))
    }

    /// An owned copy.
    #[must_use]
    pub fn to_ballot(self) -> Ballot {
        match self {
            Self::Approval(p) => Ballot::Approval(p.to_vec()),
            Self::Ordinal(p) => Ballot::Ordinal(p.to_vec()),
            Self::Cardinal(p) => Ballot::Cardinal(p.to_vec()),
        }
    }
}

impl Ballot {
    /// The ballot, borrowed.
    #[must_use]
    pub fn as_ballot_ref(&self) -> BallotRef<'_> {
        match self {
            Self::Approval(p) => BallotRef::Approval(p),
            Self::Ordinal(p) => BallotRef::Ordinal(p),
            Self::Cardinal(p) => BallotRef::Cardinal(p),
        }
    }
}

/// One voter, borrowed from [`Voters`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoterRef<'a> {
    /// Opaque voter id.
    pub id: &'a str,
    /// What they voted.
    pub ballot: BallotRef<'a>,
    /// Values of the extra VOTES columns ([`super::Instance::voter_columns`]), shared between
    /// the voters with the same values.
    pub extra: &'a Arc<[String]>,
}

impl VoterRef<'_> {
    /// An owned copy.
    #[must_use]
    pub fn to_voter(self) -> Voter {
        Voter {
            id: self.id.to_owned(),
            ballot: self.ballot.to_ballot(),
            extra: Arc::clone(self.extra),
        }
    }
}

/// Which list a voter's ballot lies in, and how it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Approval,
    Ordinal,
    Cardinal,
}

/// Where one voter's id and ballot lie.
#[derive(Debug, Clone)]
struct Row {
    /// Byte range of the id in [`Voters::ids`].
    id: (usize, usize),
    kind: Kind,
    /// Range of the ballot in [`Voters::picks`] or, when cardinal, [`Voters::scored`].
    ballot: (usize, usize),
    /// Index of the voter's extra values in [`Voters::extras`].
    extra: usize,
}

/// The voters of an instance, in file order (see the module's documentation). Two lists of
/// voters are equal when they hold the same voters in the same order.
#[derive(Debug, Clone, Default)]
pub struct Voters {
    rows: Vec<Row>,
    ids: String,
    /// Approval and ordinal ballots' projects, one voter after another.
    picks: Vec<usize>,
    /// Cardinal ballots' projects and points, one voter after another.
    scored: Vec<(usize, u64)>,
    /// The lists of extra column values the voters have, each shared by the voters with the
    /// same (an index a voter rather than an `Arc` a voter: no reference count to touch).
    extras: Vec<Arc<[String]>>,
}

impl Voters {
    /// No voters.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// How many voters there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Makes room for `voters` more.
    pub fn reserve(&mut self, voters: usize) {
        self.rows.reserve(voters);
    }

    /// Adds a voter at the end.
    pub fn push(&mut self, id: &str, ballot: BallotRef<'_>, extra: Arc<[String]>) {
        let extra = self.share(extra);
        self.push_shared(id, ballot, extra);
    }

    /// Keeps a list of extra values for the voters pushed with the index it returns; the list
    /// just kept before is reused when it is the same `Arc` or both are empty.
    pub(super) fn share(&mut self, extra: Arc<[String]>) -> usize {
        if let Some(last) = self.extras.last()
            && (Arc::ptr_eq(last, &extra) || (last.is_empty() && extra.is_empty()))
        {
            return self.extras.len() - 1;
        }
        self.extras.push(extra);
        self.extras.len() - 1
    }

    /// The list of extra values [`Voters::share`] gave `index`.
    pub(super) fn shared(&self, index: usize) -> Option<&Arc<[String]>> {
        self.extras.get(index)
    }

    /// Adds a voter at the end whose extra values are the list [`Voters::share`] gave
    /// `extra`.
    pub(super) fn push_shared(&mut self, id: &str, ballot: BallotRef<'_>, extra: usize) {
        let (kind, ballot) = match ballot {
            BallotRef::Approval(p) => (Kind::Approval, append(&mut self.picks, p)),
            BallotRef::Ordinal(p) => (Kind::Ordinal, append(&mut self.picks, p)),
            BallotRef::Cardinal(p) => (Kind::Cardinal, append(&mut self.scored, p)),
        };
        self.push_row(id, kind, ballot, extra);
    }

    /// Adds a cardinal voter whose ballot is the `points` entries after those of the voters
    /// before it, given later in one piece by [`Voters::set_scored`] (the reader learns the
    /// points' common scale only at the end of the file).
    pub(super) fn push_cardinal_later(&mut self, id: &str, points: usize, extra: usize) {
        let start = self.scored_end();
        self.push_row(id, Kind::Cardinal, (start, start + points), extra);
    }

    /// Sets every cardinal voter's projects and points at once, in voter order, after
    /// [`Voters::push_cardinal_later`]. Refuses, giving `scored` back and changing nothing,
    /// when it is not exactly as long as the cardinal voters' ballots together.
    pub(super) fn set_scored(
        &mut self,
        scored: Vec<(usize, u64)>,
    ) -> Result<(), Vec<(usize, u64)>> {
        if scored.len() != self.scored_end() {
            return Err(scored);
        }
        self.scored = scored;
        Ok(())
    }

    /// Where the cardinal voters' ballots end, counting those still to be given.
    fn scored_end(&self) -> usize {
        self.rows
            .iter()
            .rev()
            .find(|r| r.kind == Kind::Cardinal)
            .map_or(0, |r| r.ballot.1)
    }

    fn push_row(&mut self, id: &str, kind: Kind, ballot: (usize, usize), extra: usize) {
        let start = self.ids.len();
        self.ids.push_str(id);
        self.rows.push(Row {
            id: (start, self.ids.len()),
            kind,
            ballot,
            extra,
        });
    }

    /// The `n`-th voter (0-based), if there are that many.
    #[must_use]
    pub fn get(&self, n: usize) -> Option<VoterRef<'_>> {
        self.rows.get(n).map(|r| self.voter(r))
    }

    /// The voters in order.
    #[must_use]
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            voters: self,
            rows: self.rows.iter(),
        }
    }

    /// The ballots alone, in voter order: what the rules read (no id is sliced).
    pub fn ballots(&self) -> impl ExactSizeIterator<Item = BallotRef<'_>> {
        self.rows.iter().map(|r| self.ballot(r))
    }

    fn voter<'a>(&'a self, row: &'a Row) -> VoterRef<'a> {
        VoterRef {
            id: self.ids.get(row.id.0..row.id.1).unwrap_or_default(),
            ballot: self.ballot(row),
            extra: self.extras.get(row.extra).unwrap_or_else(|| no_extras()),
        }
    }

    fn ballot(&self, row: &Row) -> BallotRef<'_> {
        let (from, to) = row.ballot;
        match row.kind {
            Kind::Approval => BallotRef::Approval(self.picks.get(from..to).unwrap_or_default()),
            Kind::Ordinal => BallotRef::Ordinal(self.picks.get(from..to).unwrap_or_default()),
            Kind::Cardinal => BallotRef::Cardinal(self.scored.get(from..to).unwrap_or_default()),
        }
    }
}

/// An empty list of extra values (for an index [`Voters::share`] did not give, which the
/// reader never passes).
fn no_extras() -> &'static Arc<[String]> {
    static NONE: OnceLock<Arc<[String]>> = OnceLock::new();
    NONE.get_or_init(Arc::default)
}

/// Appends `items` to `list`; returns where they lie.
fn append<T: Copy>(list: &mut Vec<T>, items: &[T]) -> (usize, usize) {
    let start = list.len();
    list.extend_from_slice(items);
    (start, list.len())
}

impl PartialEq for Voters {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Voters {}

impl FromIterator<Voter> for Voters {
    fn from_iter<I: IntoIterator<Item = Voter>>(voters: I) -> Self {
        let mut out = Self::new();
        for v in voters {
            out.push(&v.id, v.ballot.as_ballot_ref(), v.extra);
        }
        out
    }
}

/// The voters of a [`Voters`], in order.
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    voters: &'a Voters,
    rows: std::slice::Iter<'a, Row>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = VoterRef<'a>;

    fn next(&mut self) -> Option<VoterRef<'a>> {
        self.rows.next().map(|r| self.voters.voter(r))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.rows.size_hint()
    }
}

impl<'a> DoubleEndedIterator for Iter<'a> {
    fn next_back(&mut self) -> Option<VoterRef<'a>> {
        self.rows.next_back().map(|r| self.voters.voter(r))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Voters {
    type Item = VoterRef<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Voter> {
        let extra: Arc<[String]> = Arc::from(vec!["18-25".to_string()]);
        vec![
            Voter {
                id: "a".into(),
                ballot: Ballot::Approval(vec![2, 0]),
                extra: Arc::clone(&extra),
            },
            Voter {
                id: String::new(),
                ballot: Ballot::Ordinal(vec![]),
                extra: Arc::default(),
            },
            Voter {
                id: "voter-3".into(),
                ballot: Ballot::Cardinal(vec![(1, 30), (0, 15)]),
                extra,
            },
            Voter {
                id: "d".into(),
                ballot: Ballot::Ordinal(vec![1, 2, 0]),
                extra: Arc::default(),
            },
        ]
    }

    #[test]
    fn voters_read_back_as_pushed() {
        let owned = sample();
        let voters: Voters = owned.iter().cloned().collect();
        assert_eq!(voters.len(), 4);
        let back: Vec<Voter> = voters.iter().map(VoterRef::to_voter).collect();
        assert_eq!(back, owned);
        assert_eq!(
            voters
                .get(2)
                .map(|v| v.ballot.projects().collect::<Vec<_>>()),
            Some(vec![1, 0])
        );
        assert!(voters.get(4).is_none());
        assert!(
            voters
                .ballots()
                .eq(owned.iter().map(|v| v.ballot.as_ballot_ref()))
        );
        assert_eq!(voters.iter().rev().map(|v| v.id).next(), Some("d"));
    }

    #[test]
    fn equal_when_the_same_voters_in_the_same_order() {
        let owned = sample();
        let a: Voters = owned.iter().cloned().collect();
        let b: Voters = owned.iter().cloned().collect();
        assert_eq!(a, b);
        let mut swapped = owned.clone();
        swapped.swap(0, 3);
        assert_ne!(a, swapped.into_iter().collect::<Voters>());
        let shorter: Voters = owned.into_iter().take(3).collect();
        assert_ne!(a, shorter);
    }

    #[test]
    fn extra_values_are_kept_once_a_list() {
        let mut voters = Voters::new();
        let list: Arc<[String]> = Arc::from(vec!["30".to_string()]);
        for id in ["a", "b"] {
            voters.push(id, BallotRef::Approval(&[]), Arc::clone(&list));
        }
        // Empty lists are one, however many `Arc`s they come in.
        voters.push("c", BallotRef::Approval(&[]), Arc::default());
        voters.push("d", BallotRef::Approval(&[]), Arc::default());
        let kept = voters.share(Arc::clone(&list));
        voters.push_shared("e", BallotRef::Approval(&[]), kept);
        assert_eq!(voters.extras.len(), 3);
        let extras: Vec<&Arc<[String]>> = voters.iter().map(|v| v.extra).collect();
        assert!(Arc::ptr_eq(extras[0], &list) && Arc::ptr_eq(extras[1], &list));
        assert!(extras[2].is_empty() && Arc::ptr_eq(extras[2], extras[3]));
        assert!(Arc::ptr_eq(extras[4], &list));
        // An index no list was kept under reads as no values.
        voters.push_shared("f", BallotRef::Approval(&[]), 99);
        assert!(voters.get(5).is_some_and(|v| v.extra.is_empty()));
    }

    #[test]
    fn cardinal_ballots_given_later_read_as_pushed() {
        let mut later = Voters::new();
        let none = later.share(Arc::default());
        later.push_cardinal_later("x", 2, none);
        later.push_cardinal_later("y", 0, none);
        later.push_cardinal_later("z", 1, none);
        // Too few or too many entries for the ballots pushed: refused, nothing changed.
        assert!(later.set_scored(vec![(0, 5), (1, 7)]).is_err());
        assert!(
            later
                .set_scored(vec![(0, 5), (1, 7), (2, 9), (3, 1)])
                .is_err()
        );
        assert_eq!(later.set_scored(vec![(0, 5), (1, 7), (2, 9)]), Ok(()));
        let mut pushed = Voters::new();
        pushed.push("x", BallotRef::Cardinal(&[(0, 5), (1, 7)]), Arc::default());
        pushed.push("y", BallotRef::Cardinal(&[]), Arc::default());
        pushed.push("z", BallotRef::Cardinal(&[(2, 9)]), Arc::default());
        assert_eq!(later, pushed);
    }
}
