//! Candidate names of at most 16 bytes, found by value in a small direct-mapped table. The
//! reader looks up every cell of every line (ten million look-ups for a million ten-rank
//! ballots), and a general hash-map look-up (hash the bytes, probe, compare bytes) was most of
//! the reading time; here a name is three words, one multiplication picks its slot and three
//! comparisons confirm it.

use crate::tally::CandidateId;
use crate::tally::ballots::FastMap;

/// A name of at most 16 bytes as two little-endian words (its first and last eight bytes,
/// overlapping when shorter than 16; zero-padded below 8) and its length: equal keys are
/// equal names.
pub(super) type ShortKey = (u64, u64, usize);

/// The key of a name of at most 16 bytes.
pub(super) fn short_key(name: &[u8]) -> Option<ShortKey> {
    let n = name.len();
    let word = |bytes: Option<&[u8]>| {
        bytes
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            .map_or(0, u64::from_le_bytes)
    };
    if n > 16 {
        None
    } else if n >= 8 {
        Some((word(name.get(..8)), word(name.get(n - 8..)), n))
    } else {
        let head = name
            .iter()
            .rev()
            .fold(0u64, |w, &b| (w << 8) | u64::from(b));
        Some((head, 0, n))
    }
}

const SLOTS: usize = 256;
/// No name has this key (names here are at most 16 bytes).
const FREE: ShortKey = (0, 0, usize::MAX);

/// Short names and their ids: each in its slot when the slot was free, and all of them in
/// `all`, which answers for a name whose slot another name took.
pub(super) struct ShortNames {
    slots: Vec<(ShortKey, CandidateId)>,
    all: FastMap<ShortKey, CandidateId>,
}

impl ShortNames {
    pub(super) fn new() -> Self {
        Self {
            slots: vec![(FREE, CandidateId(0)); SLOTS],
            all: FastMap::default(),
        }
    }

    fn slot(key: &ShortKey) -> usize {
        let mixed =
            (key.0 ^ key.1.rotate_left(29) ^ key.2 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> 56) as usize
    }

    pub(super) fn insert(&mut self, key: ShortKey, id: CandidateId) {
        if let Some(slot) = self.slots.get_mut(Self::slot(&key))
            && slot.0 == FREE
        {
            *slot = (key, id);
        }
        self.all.insert(key, id);
    }

    #[inline]
    pub(super) fn get(&self, key: &ShortKey) -> Option<CandidateId> {
        match self.slots.get(Self::slot(key)) {
            Some((k, id)) if k == key => Some(*id),
            _ => self.all.get(key).copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tell_short_names_apart() {
        let names: [&[u8]; 7] = [
            b"",
            b"A",
            b"A\0",
            b"Candidate 01",
            b"Candidate 10",
            b"12345678",
            b"123456789abcdefg",
        ];
        let keys: Vec<ShortKey> = names.iter().map(|n| short_key(n).unwrap()).collect();
        for (i, a) in keys.iter().enumerate() {
            for b in keys.iter().skip(i + 1) {
                assert_ne!(a, b);
            }
        }
        assert_eq!(short_key(b"123456789abcdefgh"), None);
    }

    #[test]
    fn every_name_is_found_even_when_slots_collide() {
        let mut table = ShortNames::new();
        let keys: Vec<ShortKey> = (0..1000u32)
            .map(|i| short_key(format!("n{i}").as_bytes()).unwrap())
            .collect();
        for (i, k) in keys.iter().enumerate() {
            table.insert(*k, CandidateId(i as u32));
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(table.get(k), Some(CandidateId(i as u32)));
        }
        assert_eq!(table.get(&short_key(b"missing").unwrap()), None);
    }
}
