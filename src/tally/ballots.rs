//! Candidates and ballots: the input of a count, in a compact form.
//!
//! A ballot is a list of cells, cell *i* being rank *i + 1*. Each cell is one `u32`
//! (see [`Cell`]), so a million ten-rank ballots fit in about 40 MB.

use serde::{Deserialize, Serialize};

/// A `HashMap` with `rustc-hash`'s Fx hasher: much faster than SipHash for the short keys the
/// tally interns and groups (names, packed rankings). Not `HashDoS`-resistant: the keys are
/// ballots of one count, bounded by the input size (ADR 0010).
pub(crate) type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A hasher for maps whose keys are already hashes: a `u64` passes through, a `u32` is
/// spread by one multiplication.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u32(&mut self, n: u32) {
        // Spread the key over the high bits too: the table takes its probe tags from them.
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Finds identical rankings by their 64-bit Fx hash, the rankings themselves staying where
/// the caller keeps them (in order of first appearance): no key is copied or allocated per
/// ranking, and the table holds 8 bytes a slot (a 32-bit hash and a group), so a million
/// rankings fit in 16 MB. Rankings with the same 32-bit hash are chained and compared in
/// full, so the grouping is exact.
pub(crate) struct RankingIndex {
    by_hash: std::collections::HashMap<u32, u32, std::hash::BuildHasherDefault<PassThrough>>,
    /// Per group: the next group with the same hash (`u32::MAX`: none).
    next: Vec<u32>,
}

impl RankingIndex {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Self {
            by_hash: std::collections::HashMap::with_capacity_and_hasher(n, Default::default()),
            next: Vec::with_capacity(n),
        }
    }

    /// Room for `more` groups without growing the table again.
    pub(crate) fn reserve(&mut self, more: usize) {
        self.by_hash.reserve(more);
        self.next.reserve(more);
    }

    /// The group whose cells (`cells_of(group)`) equal `cells`; otherwise `cells` becomes
    /// group `self.len()` (the caller adds it) and `None` is returned.
    pub(crate) fn find_or_insert<'a>(
        &mut self,
        cells: &[Cell],
        cells_of: impl Fn(u32) -> &'a [Cell],
    ) -> Result<Option<u32>, crate::tally::TallyError> {
        use std::hash::{Hash as _, Hasher as _};
        let mut hasher = rustc_hash::FxHasher::default();
        cells.hash(&mut hasher);
        let new = u32::try_from(self.next.len()).map_err(|_| crate::tally::TallyError::Overflow)?;
        let hash = hasher.finish();
        // Both halves folded into the 32-bit key.
        let key = (hash ^ (hash >> 32)) as u32;
        match self.by_hash.entry(key) {
            std::collections::hash_map::Entry::Occupied(mut e) => {
                let mut g = *e.get();
                loop {
                    if cells_of(g) == cells {
                        return Ok(Some(g));
                    }
                    match self.next.get(g as usize) {
                        Some(&n) if n != u32::MAX => g = n,
                        _ => break,
                    }
                }
                self.next.push(*e.get());
                e.insert(new);
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(new);
                self.next.push(u32::MAX);
            }
        }
        Ok(None)
    }
}

/// Index of a candidate in [`crate::tally::Election::candidates`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CandidateId(pub u32);

impl CandidateId {
    /// The index as `usize`.
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A candidate (or agenda item) of an election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// Display name; names are unique within an election.
    pub name: String,
    /// Excluded candidates may be marked on ballots but are never continuing.
    #[serde(default)]
    pub excluded: bool,
    /// RCTab's "Undeclared Write-ins" pseudo-candidate: dropped first while it holds votes,
    /// never elected.
    #[serde(default)]
    pub undeclared_write_in: bool,
}

impl Candidate {
    /// A plain declared candidate.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            excluded: false,
            undeclared_write_in: false,
        }
    }
}

/// What a voter marked at one rank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// Nothing usable at this rank (a skipped rank when a later rank is marked).
    Skipped,
    /// One candidate.
    Candidate(CandidateId),
    /// Several candidates at this rank, names unknown.
    Overvote,
    /// Several candidates at this rank, named (needed by `exhaustIfMultipleContinuing`).
    OvervoteOf(Vec<CandidateId>),
}

/// One cell of a ballot packed in a `u32`: `0` empty, `1` overvote, `2 + id` a candidate;
/// the top bit marks a cell that belongs to the same rank as the previous one (named overvote).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cell(u32);

const JOIN: u32 = 1 << 31;

/// A decoded rank position used by the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot<'a> {
    Empty,
    Overvote,
    One(CandidateId),
    /// Packed cells of a named overvote (all `Cell`s carry candidates).
    Many(&'a [Cell]),
}

impl Cell {
    pub(crate) const EMPTY: Self = Self(0);
    pub(crate) const OVERVOTE: Self = Self(1);

    pub(crate) fn candidate(id: CandidateId) -> Self {
        Self(id.0.saturating_add(2) & !JOIN)
    }

    /// A candidate cell that shares the previous cell's rank (named overvote).
    pub(crate) fn joined_candidate(id: CandidateId) -> Self {
        Self(Self::candidate(id).0 | JOIN)
    }

    pub(crate) fn candidate_id(self) -> Option<CandidateId> {
        let v = self.0 & !JOIN;
        (v >= 2).then(|| CandidateId(v - 2))
    }

    fn joined(self) -> bool {
        self.0 & JOIN != 0
    }
}

/// A ballot: its ranks and how many identical ballots it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ballot {
    weight: u64,
    cells: Box<[Cell]>,
}

impl Ballot {
    /// A ballot standing for `weight` identical ballots.
    #[must_use]
    pub fn new(weight: u64, marks: &[Mark]) -> Self {
        let mut cells = Vec::with_capacity(marks.len());
        for m in marks {
            match m {
                Mark::Skipped => cells.push(Cell::EMPTY),
                Mark::Candidate(c) => cells.push(Cell::candidate(*c)),
                Mark::Overvote => cells.push(Cell::OVERVOTE),
                Mark::OvervoteOf(list) if list.is_empty() => cells.push(Cell::OVERVOTE),
                Mark::OvervoteOf(list) => {
                    for (i, c) in list.iter().enumerate() {
                        let cell = Cell::candidate(*c);
                        cells.push(if i == 0 { cell } else { Cell(cell.0 | JOIN) });
                    }
                }
            }
        }
        Self {
            weight,
            cells: cells.into_boxed_slice(),
        }
    }

    /// A ballot from packed cells (the fast CSV reader builds them directly).
    pub(crate) fn from_cells(weight: u64, cells: Box<[Cell]>) -> Self {
        Self { weight, cells }
    }

    /// A simple ranking: first choice first, no skips or overvotes.
    #[must_use]
    pub fn ranking(ids: &[CandidateId]) -> Self {
        Self {
            weight: 1,
            cells: ids.iter().map(|c| Cell::candidate(*c)).collect(),
        }
    }

    /// The same ballot counted `weight` times.
    #[must_use]
    pub fn with_weight(mut self, weight: u64) -> Self {
        self.weight = weight;
        self
    }

    /// How many identical ballots this one stands for.
    #[must_use]
    pub fn weight(&self) -> u64 {
        self.weight
    }

    /// Count `more` identical ballots into this one (saturating: past `u64` the count
    /// refuses the total as an overflow).
    pub(crate) fn add_weight(&mut self, more: u64) {
        self.weight = self.weight.saturating_add(more);
    }

    /// Packed cells (used as the grouping key).
    pub(crate) fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// True when nothing is marked at any rank.
    #[must_use]
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| *c == Cell::EMPTY)
    }

    /// The marks rank by rank (rank 1 first).
    #[must_use]
    pub fn marks(&self) -> Vec<Mark> {
        slots(&self.cells)
            .map(|(_, s)| match s {
                Slot::Empty => Mark::Skipped,
                Slot::Overvote => Mark::Overvote,
                Slot::One(c) => Mark::Candidate(c),
                Slot::Many(cells) => {
                    Mark::OvervoteOf(cells.iter().filter_map(|c| c.candidate_id()).collect())
                }
            })
            .collect()
    }

    /// Every candidate id mentioned on the ballot.
    pub(crate) fn candidate_ids(&self) -> impl Iterator<Item = CandidateId> + '_ {
        self.cells.iter().filter_map(|c| c.candidate_id())
    }
}

/// Iterate `(rank, slot)` over packed cells, rank starting at 1.
pub(crate) fn slots(cells: &[Cell]) -> impl Iterator<Item = (u32, Slot<'_>)> + '_ {
    let mut i = 0usize;
    let mut rank = 0u32;
    std::iter::from_fn(move || {
        let first = *cells.get(i)?;
        let start = i;
        i += 1;
        while cells.get(i).is_some_and(|c| c.joined()) {
            i += 1;
        }
        rank += 1;
        let slot = if i - start > 1 {
            Slot::Many(cells.get(start..i).unwrap_or_default())
        } else if first == Cell::EMPTY {
            Slot::Empty
        } else if first == Cell::OVERVOTE {
            Slot::Overvote
        } else {
            first.candidate_id().map_or(Slot::Empty, Slot::One)
        };
        Some((rank, slot))
    })
}

#[derive(Serialize, Deserialize)]
struct BallotRepr {
    #[serde(default = "one")]
    weight: u64,
    marks: Vec<Mark>,
}

fn one() -> u64 {
    1
}

impl Serialize for Ballot {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        BallotRepr {
            weight: self.weight,
            marks: self.marks(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Ballot {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = BallotRepr::deserialize(d)?;
        Ok(Self::new(r.weight, &r.marks))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_round_trip_through_cells() {
        let marks = vec![
            Mark::Skipped,
            Mark::Candidate(CandidateId(3)),
            Mark::OvervoteOf(vec![CandidateId(0), CandidateId(1)]),
            Mark::Overvote,
            Mark::Candidate(CandidateId(0)),
        ];
        let b = Ballot::new(2, &marks);
        assert_eq!(b.marks(), marks);
        assert_eq!(b.weight(), 2);
        assert!(!b.is_blank());
        assert!(Ballot::new(1, &[Mark::Skipped, Mark::Skipped]).is_blank());
    }
}
