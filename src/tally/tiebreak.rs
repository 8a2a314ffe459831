//! Tie-breaks, as RCTab makes them: candidate order, generated permutation, seeded random,
//! previous-round counts then random, or stop and report.

use super::ballots::CandidateId;
use super::java_random::{JavaRandom, java_string_cmp, java_string_hash};
use super::outcome::TiePurpose;
use super::phrases::TieRule;
use super::rules::TiebreakMode;

/// Everything a tie-break may look at.
pub(crate) struct TieContext<'a> {
    pub mode: TiebreakMode,
    /// Each name's Java `String.hashCode()` (see [`name_hashes`]).
    pub hashes: &'a [u32],
    /// Candidate order used by `useCandidateOrder` / `generatePermutation`.
    pub permutation: &'a [CandidateId],
    /// Fixed-point tallies of earlier rounds.
    pub history: &'a History,
}

/// How every explanation of a tie decided by the seeded random draw ends.
pub(crate) const DRAW: &str = "chosen by the seeded random draw";

/// A tie-break's choice and its explanation, or `None` when a person must decide.
pub(crate) struct Broken {
    pub chosen: CandidateId,
    pub explanation: String,
}

/// Sort candidates by name in Java string order (RCTab sorts tied candidates first).
pub(crate) fn sort_by_name(ids: &mut [CandidateId], names: &[String]) {
    ids.sort_by(|a, b| java_string_cmp(name(names, *a), name(names, *b)));
}

/// Each candidate's place in Java name order, so that sorting by name is an integer sort.
pub(crate) fn name_ranks(names: &[String]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|a, b| {
        java_string_cmp(
            names.get(*a).map_or("", String::as_str),
            names.get(*b).map_or("", String::as_str),
        )
    });
    let mut rank = vec![0; names.len()];
    for (place, i) in order.into_iter().enumerate() {
        if let Some(r) = rank.get_mut(i) {
            *r = u32::try_from(place).unwrap_or(u32::MAX);
        }
    }
    rank
}

/// Each name's Java `String.hashCode()`, computed once per count for the `HashSet` order.
pub(crate) fn name_hashes(names: &[String]) -> Vec<u32> {
    names
        .iter()
        .map(|n| java_string_hash(n).cast_unsigned())
        .collect()
}

/// [`sort_by_name`] with the ranks of [`name_ranks`].
pub(crate) fn sort_by_rank(ids: &mut [CandidateId], rank: &[u32]) {
    ids.sort_unstable_by_key(|c| rank.get(c.index()).copied().unwrap_or(u32::MAX));
}

fn name(names: &[String], id: CandidateId) -> &str {
    names.get(id.index()).map_or("", String::as_str)
}

/// Break a tie among `tied` (sorted by name) in `round` (1-based).
pub(crate) fn break_tie(
    ctx: &TieContext<'_>,
    rng: &mut Option<JavaRandom>,
    purpose: TiePurpose,
    tied: &[CandidateId],
    round: u32,
) -> Option<Broken> {
    let elect = purpose == TiePurpose::Elect;
    match ctx.mode {
        TiebreakMode::StopCountingAndAsk => None,
        TiebreakMode::Random => random_pick(rng, tied).map(|chosen| Broken {
            chosen,
            explanation: DRAW.into(),
        }),
        TiebreakMode::UseCandidateOrder | TiebreakMode::GeneratePermutation => {
            let found = if elect {
                ctx.permutation.iter().find(|c| tied.contains(c))
            } else {
                ctx.permutation.iter().rev().find(|c| tied.contains(c))
            };
            let chosen = found.or_else(|| tied.first()).copied()?;
            Some(Broken {
                chosen,
                explanation: TieRule::Listed { first: elect }.english(),
            })
        }
        TiebreakMode::PreviousRoundCountsThenRandom | TiebreakMode::PreviousRoundCountsThenAsk => {
            previous_rounds(ctx, rng, elect, tied, round)
        }
    }
}

fn random_pick(rng: &mut Option<JavaRandom>, tied: &[CandidateId]) -> Option<CandidateId> {
    let r = rng.as_mut()?;
    tied.get(r.pick_index(tied.len())).copied()
}

fn previous_rounds(
    ctx: &TieContext<'_>,
    rng: &mut Option<JavaRandom>,
    elect: bool,
    tied: &[CandidateId],
    round: u32,
) -> Option<Broken> {
    // RCTab walks back one round at a time, each time over a `HashSet` of the contenders, and
    // keeps those with the most (fewest) votes. Rounds in which no contender's tally changed
    // cannot narrow the set, so the walk jumps over them (a tie among items at 0 votes since
    // round 1 costs one step, not one per round); re-ordering a set already in `HashSet` order
    // changes nothing, so the order is only rebuilt when the set shrinks.
    let mut contenders: Vec<CandidateId> = tied.to_vec();
    let mut ordered = false;
    let mut r = round.saturating_sub(1);
    while r > 0 {
        if r > ctx.history.rounds() {
            return None;
        }
        if !ordered {
            contenders = java_hash_set_order(&contenders, ctx.hashes);
            ordered = true;
        }
        let seen: Vec<(i64, u32)> = contenders
            .iter()
            .map(|c| ctx.history.at(c.index(), r))
            .collect();
        let best = if elect {
            seen.iter().map(|(v, _)| *v).max()
        } else {
            seen.iter().map(|(v, _)| *v).min()
        }?;
        let mut since = 1;
        let before = contenders.len();
        let mut kept = Vec::with_capacity(before);
        for (c, (v, from)) in contenders.iter().zip(&seen) {
            if *v == best {
                kept.push(*c);
                since = since.max(*from);
            }
        }
        contenders = kept;
        if let [only] = contenders.as_slice() {
            return Some(Broken {
                chosen: *only,
                explanation: TieRule::EarlierRound {
                    most: elect,
                    round: r,
                }
                .english(),
            });
        }
        if contenders.len() < before {
            ordered = false;
        }
        // Every contender has had its tally since round `since`: rounds `since..r` are alike.
        let next = since.min(r) - 1;
        if next == 0 && r > 1 && !ordered {
            // RCTab would look at round r - 1 (ordering the set) and find it alike.
            contenders = java_hash_set_order(&contenders, ctx.hashes);
        }
        r = next;
    }
    if ctx.mode == TiebreakMode::PreviousRoundCountsThenAsk {
        return None;
    }
    random_pick(rng, &contenders).map(|chosen| Broken {
        chosen,
        explanation: TieRule::DrawAfterEarlierRounds.english(),
    })
}

/// Each candidate's tally round by round, for the previous-round-counts tie-breaks, kept as
/// the rounds at which it changed: a long count (hundreds of thousands of rounds over a
/// thousand items) holds its changes, not a full row per round.
#[derive(Debug, Default)]
pub(crate) struct History {
    /// Per candidate: (round, tally from that round on; 0 when not counted).
    changes: Vec<Vec<(u32, i64)>>,
    /// Each candidate's latest tally, side by side so that a round's check reads one array.
    last: Vec<i64>,
    /// Candidates whose latest tally is not 0.
    nonzero: Vec<usize>,
    /// A spare list for the next round's `nonzero`.
    spare: Vec<usize>,
    /// The round in which each candidate was last counted.
    seen: Vec<u32>,
    rounds: u32,
}

impl History {
    /// Record round `round`'s tallies (`None`: not counted this round, as 0).
    #[cfg(test)]
    pub(crate) fn record(&mut self, round: u32, tallies: impl Iterator<Item = Option<i64>>) {
        let row: Vec<Option<i64>> = tallies.collect();
        let size = row.len();
        let counted = row
            .into_iter()
            .enumerate()
            .filter_map(|(c, v)| v.map(|v| (c, v)));
        self.record_counted(round, size, counted);
    }

    /// Record round `round` (rounds in increasing order) of a count of `size` candidates from
    /// the tallies of the candidates counted in it; every other candidate is at 0. It costs
    /// the counted candidates plus those that were above 0 the round before, not `size`.
    pub(crate) fn record_counted(
        &mut self,
        round: u32,
        size: usize,
        counted: impl Iterator<Item = (usize, i64)>,
    ) {
        if self.last.len() < size {
            self.last.resize(size, 0);
            self.changes.resize_with(size, Vec::new);
            self.seen.resize(size, 0);
        }
        let mut nonzero = std::mem::take(&mut self.spare);
        nonzero.clear();
        for (c, v) in counted {
            if let Some(seen) = self.seen.get_mut(c) {
                *seen = round;
            }
            self.set(c, round, v);
            if v != 0 {
                nonzero.push(c);
            }
        }
        // Candidates above 0 last round and not counted now drop to 0.
        let before = std::mem::replace(&mut self.nonzero, nonzero);
        for &c in &before {
            if self.seen.get(c) != Some(&round) {
                self.set(c, round, 0);
            }
        }
        self.spare = before;
        self.rounds = self.rounds.max(round);
    }

    fn set(&mut self, c: usize, round: u32, v: i64) {
        if let Some(last) = self.last.get_mut(c)
            && *last != v
        {
            *last = v;
            if let Some(list) = self.changes.get_mut(c) {
                list.push((round, v));
            }
        }
    }

    /// Rounds recorded.
    pub(crate) fn rounds(&self) -> u32 {
        self.rounds
    }

    /// Candidate `c`'s tally in `round`, and the first round since which it has had it.
    pub(crate) fn at(&self, c: usize, round: u32) -> (i64, u32) {
        let Some(list) = self.changes.get(c) else {
            return (0, 1);
        };
        let i = list.partition_point(|(r, _)| *r <= round);
        match i.checked_sub(1).and_then(|j| list.get(j)) {
            Some((from, v)) => (*v, *from),
            None => (0, 1),
        }
    }
}

/// The iteration order of `new java.util.HashSet<>(list)` for these names: by bucket index
/// `(h ^ (h >>> 16)) & (n - 1)`, ties in insertion order.
fn java_hash_set_order(list: &[CandidateId], hashes: &[u32]) -> Vec<CandidateId> {
    // HashMap(max(size / 0.75 + 1, 16)) rounded up to a power of two.
    let wanted = (list.len() * 4 / 3 + 1).max(16);
    let buckets = wanted.next_power_of_two();
    let mask = u32::try_from(buckets - 1).unwrap_or(u32::MAX);
    let mut out: Vec<CandidateId> = list.to_vec();
    out.sort_by_key(|c| {
        let h = hashes.get(c.index()).copied().unwrap_or(0);
        (h ^ (h >> 16)) & mask
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_set_order_follows_buckets() {
        let names: Vec<String> = ["Sneezy", "Dopey", "Happy"]
            .iter()
            .map(|s| (*s).to_string())
            .collect();
        let ids = [CandidateId(0), CandidateId(1), CandidateId(2)];
        let order = java_hash_set_order(&ids, &name_hashes(&names));
        let bucket = |s: &str| {
            let h = java_string_hash(s).cast_unsigned();
            (h ^ (h >> 16)) & 15
        };
        let b: Vec<u32> = order.iter().map(|c| bucket(&names[c.index()])).collect();
        let mut sorted = b.clone();
        sorted.sort_unstable();
        assert_eq!(b, sorted);
    }

    /// RCTab's walk as written: every earlier round, the set re-ordered each time.
    fn reference(
        rows: &[Vec<Option<i64>>],
        names: &[String],
        rng: &mut Option<JavaRandom>,
        elect: bool,
        tied: &[CandidateId],
        round: u32,
    ) -> Option<(CandidateId, String)> {
        let mut contenders: Vec<CandidateId> = tied.to_vec();
        let mut r = round.saturating_sub(1);
        while r > 0 {
            let tallies = rows.get(r as usize - 1)?;
            let ordered = java_hash_set_order(&contenders, &name_hashes(names));
            let votes = |c: &CandidateId| tallies.get(c.index()).copied().flatten().unwrap_or(0);
            let best = if elect {
                ordered.iter().map(votes).max()
            } else {
                ordered.iter().map(votes).min()
            }?;
            contenders = ordered.into_iter().filter(|c| votes(c) == best).collect();
            if let [only] = contenders.as_slice() {
                return Some((*only, format!("round {r}")));
            }
            r -= 1;
        }
        random_pick(rng, &contenders).map(|c| (c, "draw".to_owned()))
    }

    #[test]
    fn skipping_alike_rounds_decides_exactly_as_walking_every_round() {
        let mut draws = JavaRandom::new(99);
        for case in 0..400 {
            let n = 2 + draws.pick_index(40);
            let rounds = 1 + draws.pick_index(30);
            let names: Vec<String> = (0..n).map(|i| format!("#{i} Item {case}")).collect();
            // Tallies that mostly stay put and take few values, so ties and alike rounds abound.
            let mut rows: Vec<Vec<Option<i64>>> = Vec::new();
            let mut now: Vec<Option<i64>> =
                (0..n).map(|_| Some(draws.pick_index(3) as i64)).collect();
            for _ in 0..rounds {
                for v in &mut now {
                    if draws.pick_index(4) == 0 {
                        *v = match draws.pick_index(5) {
                            0 => None,
                            k => Some(k as i64 % 3),
                        };
                    }
                }
                rows.push(now.clone());
            }
            let mut history = History::default();
            for (i, row) in rows.iter().enumerate() {
                history.record(u32::try_from(i + 1).unwrap(), row.iter().copied());
            }
            let k = 2 + draws.pick_index(n - 1);
            let mut tied: Vec<CandidateId> = (0..n)
                .map(|i| CandidateId(u32::try_from(i).unwrap()))
                .collect();
            while tied.len() > k {
                tied.remove(draws.pick_index(tied.len()));
            }
            let elect = draws.pick_index(2) == 0;
            let round = u32::try_from(rounds + 1).unwrap();
            let permutation: Vec<CandidateId> = Vec::new();
            let hashes = name_hashes(&names);
            let ctx = TieContext {
                mode: TiebreakMode::PreviousRoundCountsThenRandom,
                hashes: &hashes,
                permutation: &permutation,
                history: &history,
            };
            let seed = i64::from(case);
            let got = previous_rounds(&ctx, &mut Some(JavaRandom::new(seed)), elect, &tied, round)
                .map(|b| (b.chosen, b.explanation));
            let want = reference(
                &rows,
                &names,
                &mut Some(JavaRandom::new(seed)),
                elect,
                &tied,
                round,
            );
            match (got, want) {
                (Some((c, e)), Some((wc, we))) => {
                    assert_eq!(c, wc, "case {case}");
                    assert!(
                        e.ends_with(&we) || (we == "draw" && e.ends_with(DRAW)),
                        "case {case}: {e} / {we}"
                    );
                }
                (g, w) => assert_eq!(g.map(|x| x.0), w.map(|x| x.0), "case {case}"),
            }
        }
    }
}
