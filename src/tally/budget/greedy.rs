//! Greedy by utility per unit of cost: sort once (ties by the tie-break rank), walk the
//! list, fund what still fits, skip what does not. Also the greedy fill after MES.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_rational::BigRational;

/// A project's total utility per unit of cost; a positive total at zero cost is infinite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Density {
    Finite(BigRational),
    Infinite,
}

impl Density {
    pub(crate) fn new(total: u128, cost: u64) -> Self {
        match (total, cost) {
            (0, _) => Density::Finite(BigRational::from_integer(BigInt::from(0u8))),
            (_, 0) => Density::Infinite,
            (t, c) => Density::Finite(BigRational::new(BigInt::from(t), BigInt::from(c))),
        }
    }
}

impl Ord for Density {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Density::Infinite, Density::Infinite) => Ordering::Equal,
            (Density::Infinite, _) => Ordering::Greater,
            (_, Density::Infinite) => Ordering::Less,
            (Density::Finite(a), Density::Finite(b)) => a.cmp(b),
        }
    }
}

impl PartialOrd for Density {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// One project considered by the walk.
pub(crate) struct GreedyStep {
    pub project: usize,
    pub funded: bool,
    pub density: Density,
    /// Money left after the decision, in smallest units.
    pub left: u128,
}

/// Walks projects not in `initial` by descending density; returns the added projects and
/// every decision in walk order.
pub(crate) fn greedy_walk(
    costs: &[u64],
    budget: u64,
    totals: &[u128],
    ranks: &[u32],
    initial: &[usize],
) -> (Vec<usize>, Vec<GreedyStep>) {
    let spent: u128 = initial
        .iter()
        .map(|&p| u128::from(costs.get(p).copied().unwrap_or(0)))
        .sum();
    let mut left = u128::from(budget).saturating_sub(spent);
    let mut order: Vec<(usize, Density)> = (0..costs.len())
        .filter(|p| !initial.contains(p))
        .map(|p| {
            (
                p,
                Density::new(
                    totals.get(p).copied().unwrap_or(0),
                    costs.get(p).copied().unwrap_or(0),
                ),
            )
        })
        .collect();
    let rank = |p: usize| ranks.get(p).copied().unwrap_or(u32::MAX);
    order.sort_by(|a, b| b.1.cmp(&a.1).then(rank(a.0).cmp(&rank(b.0))));
    let mut added = Vec::new();
    let mut steps = Vec::with_capacity(order.len());
    for (p, density) in order {
        let cost = u128::from(costs.get(p).copied().unwrap_or(0));
        let funded = cost <= left;
        if funded {
            left -= cost;
            added.push(p);
        }
        steps.push(GreedyStep {
            project: p,
            funded,
            density,
            left,
        });
    }
    (added, steps)
}
