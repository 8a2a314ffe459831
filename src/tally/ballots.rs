//! Candidates and ballots: the input of a count, in a compact form.
//!
//! A ballot is a list of cells, cell *i* being rank *i + 1*. Each cell is one `u32`
//! (see [`Cell`]), so a million ten-rank ballots fit in about 40 MB.

use serde::{Deserialize, Serialize};

/// A `HashMap` with `rustc-hash`'s Fx hasher: much faster than SipHash for the short keys the
/// tally interns and groups (names, packed rankings). Not `HashDoS`-resistant: the keys are
/// ballots of one count, bounded by the input size (ADR 0010).
pub(crate) type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Finds identical rankings by hash, the rankings themselves staying where the caller keeps
/// them (in order of first appearance): no key is copied or allocated per ranking. The table
/// is one array of 8-byte slots (a 32-bit hash and the group), probed linearly and at most
/// half full, so a look-up usually costs one cache miss; a million rankings fit in 16 MB.
/// A hash match is confirmed by comparing the rankings in full, so grouping is exact.
pub(crate) struct RankingIndex {
    /// `hash << 32 | (group + 1)`; 0 is a free slot. The length is a power of two.
    slots: Vec<u64>,
    /// Occupied slots (= groups).
    used: usize,
}

impl RankingIndex {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Self {
            slots: vec![0; Self::slots_for(n)],
            used: 0,
        }
    }

    /// Slots for `n` groups: at most half full.
    fn slots_for(n: usize) -> usize {
        n.saturating_mul(2).max(16).next_power_of_two()
    }

    /// Where probing for `hash` starts in a table of `len` slots (a power of two).
    fn start(hash: u32, len: usize) -> usize {
        let spread = u64::from(hash).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32;
        (spread as usize) & (len - 1)
    }

    /// Room for `more` groups without growing the table again.
    pub(crate) fn reserve(&mut self, more: usize) {
        let want = Self::slots_for(self.used.saturating_add(more));
        if want > self.slots.len() {
            self.regrow(want);
        }
    }

    fn regrow(&mut self, len: usize) {
        let old = std::mem::replace(&mut self.slots, vec![0; len]);
        for slot in old.into_iter().filter(|&s| s != 0) {
            let mut i = Self::start((slot >> 32) as u32, len);
            while self.slots.get(i).is_some_and(|&s| s != 0) {
                i = (i + 1) & (len - 1);
            }
            if let Some(free) = self.slots.get_mut(i) {
                *free = slot;
            }
        }
    }

    /// The 32-bit hash under which [`RankingIndex::find_or_insert_hashed`] files `cells`.
    pub(crate) fn hash(cells: &[Cell]) -> u32 {
        use std::hash::{Hash as _, Hasher as _};
        let mut hasher = rustc_hash::FxHasher::default();
        cells.hash(&mut hasher);
        let full = hasher.finish();
        // Both halves folded into the 32-bit hash.
        (full ^ (full >> 32)) as u32
    }

    /// Reads the slot where the probe for each hash starts, all of them before any look-up:
    /// the reads do not depend on one another, so the processor overlaps their cache misses
    /// and the look-ups that follow find their slots in cache. Only a matter of speed.
    pub(crate) fn touch(&self, hashes: impl Iterator<Item = u32>) {
        let mut any = 0;
        for hash in hashes {
            let slot = self.slots.get(Self::start(hash, self.slots.len()));
            any |= slot.copied().unwrap_or(0);
        }
        std::hint::black_box(any);
    }

    /// The group whose cells (`cells_of(group)`) equal `cells`; otherwise `cells` becomes
    /// group number `groups so far` (the caller adds it) and `None` is returned.
    pub(crate) fn find_or_insert<'a>(
        &mut self,
        cells: &[Cell],
        cells_of: impl Fn(u32) -> &'a [Cell],
    ) -> Result<Option<u32>, crate::tally::TallyError> {
        self.find_or_insert_hashed(Self::hash(cells), cells, cells_of)
    }

    /// [`RankingIndex::find_or_insert`] with `hash` = [`RankingIndex::hash`] of `cells`.
    pub(crate) fn find_or_insert_hashed<'a>(
        &mut self,
        hash: u32,
        cells: &[Cell],
        cells_of: impl Fn(u32) -> &'a [Cell],
    ) -> Result<Option<u32>, crate::tally::TallyError> {
        if self.used.saturating_add(1).saturating_mul(2) > self.slots.len() {
            self.regrow(self.slots.len().saturating_mul(2));
        }
        let mask = self.slots.len() - 1;
        let mut i = Self::start(hash, self.slots.len());
        loop {
            let Some(slot) = self.slots.get_mut(i) else {
                return Err(crate::tally::TallyError::Overflow);
            };
            if *slot == 0 {
                let group = u32::try_from(self.used)
                    .ok()
                    .filter(|g| *g < u32::MAX)
                    .ok_or(crate::tally::TallyError::Overflow)?;
                *slot = (u64::from(hash) << 32) | u64::from(group + 1);
                self.used += 1;
                return Ok(None);
            }
            if (*slot >> 32) as u32 == hash {
                let group = (*slot as u32).wrapping_sub(1);
                if cells_of(group) == cells {
                    return Ok(Some(group));
                }
            }
            i = (i + 1) & mask;
        }
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

#[cfg(test)]
mod index_tests {
    use super::*;

    #[test]
    fn rankings_are_grouped_exactly_through_growth() {
        let rankings: Vec<Vec<Cell>> = (0..5000u32)
            .map(|i| {
                (0..(i % 7))
                    .map(|k| Cell::candidate(CandidateId(i % 13 + k)))
                    .collect()
            })
            .collect();
        let mut index = RankingIndex::with_capacity(0);
        let mut groups: Vec<&[Cell]> = Vec::new();
        let mut of_each = Vec::new();
        for r in &rankings {
            let found = index.find_or_insert(r, |g| groups[g as usize]).unwrap();
            of_each.push(found.unwrap_or_else(|| {
                groups.push(r);
                (groups.len() - 1) as u32
            }));
        }
        for (r, g) in rankings.iter().zip(&of_each) {
            assert_eq!(groups[*g as usize], r.as_slice());
        }
        let distinct: std::collections::HashSet<&Vec<Cell>> = rankings.iter().collect();
        assert_eq!(groups.len(), distinct.len());
    }
}
