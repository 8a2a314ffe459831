//! Tie-breaks, as RCTab makes them: candidate order, generated permutation, seeded random,
//! previous-round counts then random, or stop and report.

use super::ballots::CandidateId;
use super::java_random::{JavaRandom, java_string_cmp, java_string_hash};
use super::outcome::TiePurpose;
use super::rules::TiebreakMode;

/// Everything a tie-break may look at.
pub(crate) struct TieContext<'a> {
    pub mode: TiebreakMode,
    pub names: &'a [String],
    /// Candidate order used by `useCandidateOrder` / `generatePermutation`.
    pub permutation: &'a [CandidateId],
    /// Fixed-point tallies of earlier rounds: `history[r][c]` for round `r + 1`.
    pub history: &'a [Vec<Option<i64>>],
}

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
            explanation: "chosen by the seeded random draw".into(),
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
                explanation: format!(
                    "listed {} in the tie-break order",
                    if elect { "first" } else { "last" }
                ),
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
    let mut contenders: Vec<CandidateId> = tied.to_vec();
    let mut r = round.saturating_sub(1);
    while r > 0 {
        let tallies = ctx.history.get(r as usize - 1)?;
        // RCTab walks a HashSet of the contenders: keep its iteration order.
        let ordered = java_hash_set_order(&contenders, ctx.names);
        let votes = |c: &CandidateId| tallies.get(c.index()).copied().flatten().unwrap_or(0);
        let best = if elect {
            ordered.iter().map(votes).max()
        } else {
            ordered.iter().map(votes).min()
        }?;
        contenders = ordered.into_iter().filter(|c| votes(c) == best).collect();
        if let [only] = contenders.as_slice() {
            return Some(Broken {
                chosen: *only,
                explanation: format!(
                    "had the {} votes in round {r}",
                    if elect { "most" } else { "fewest" }
                ),
            });
        }
        r -= 1;
    }
    if ctx.mode == TiebreakMode::PreviousRoundCountsThenAsk {
        return None;
    }
    random_pick(rng, &contenders).map(|chosen| Broken {
        chosen,
        explanation: "still tied in every earlier round; chosen by the seeded random draw".into(),
    })
}

/// The iteration order of `new java.util.HashSet<>(list)` for these names: by bucket index
/// `(h ^ (h >>> 16)) & (n - 1)`, ties in insertion order.
fn java_hash_set_order(list: &[CandidateId], names: &[String]) -> Vec<CandidateId> {
    // HashMap(max(size / 0.75 + 1, 16)) rounded up to a power of two.
    let wanted = (list.len() * 4 / 3 + 1).max(16);
    let buckets = wanted.next_power_of_two();
    let mask = u32::try_from(buckets - 1).unwrap_or(u32::MAX);
    let mut out: Vec<CandidateId> = list.to_vec();
    out.sort_by_key(|c| {
        let h = java_string_hash(name(names, *c)).cast_unsigned();
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
        let order = java_hash_set_order(&ids, &names);
        let bucket = |s: &str| {
            let h = java_string_hash(s).cast_unsigned();
            (h ^ (h >> 16)) & 15
        };
        let b: Vec<u32> = order.iter().map(|c| bucket(&names[c.index()])).collect();
        let mut sorted = b.clone();
        sorted.sort_unstable();
        assert_eq!(b, sorted);
    }
}
