//! Sequential Phragmén for approval ballots, exact: every voter carries a load; each round
//! funds the project whose approvers would end with the smallest common load, and stops
//! (no skipping) as soon as a project with that smallest load no longer fits.
//! Loads are kept per *load class* (voters with equal load), and each project's sum of
//! approver loads is updated incrementally.

use std::collections::BTreeMap;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Zero};

use super::profile::Profile;

/// Result of a Phragmén run.
pub(crate) struct PhragmenRun {
    /// `(project, load of its approvers after funding it)`; load `None` = nobody approved it.
    pub funded: Vec<(usize, Option<BigRational>)>,
    /// Projects with the smallest new load when the rule stopped, and that load.
    pub stop: Option<(Vec<usize>, Option<BigRational>)>,
    /// `(position in funded, tied projects, chosen)`.
    pub ties: Vec<(usize, Vec<usize>, usize)>,
}

/// Runs sequential Phragmén; `profile` must use cardinality (approval) utilities.
/// Loads and load sums are integers over one common denominator (no gcd per comparison).
pub(crate) fn phragmen(
    costs: &[u64],
    budget: u64,
    profile: &Profile,
    ranks: &[u32],
) -> PhragmenRun {
    let approvals = profile.supporter_count();
    let rank = |p: usize| ranks.get(p).copied().unwrap_or(u32::MAX);
    let cost_of = |p: usize| costs.get(p).copied().unwrap_or(0);
    let mut candidates: Vec<usize> = (0..costs.len()).filter(|&p| cost_of(p) <= budget).collect();
    let mut denom = BigInt::one();
    let mut class_load: Vec<BigInt> = vec![BigInt::zero()];
    let mut group_class: Vec<usize> = vec![0; profile.groups.len()];
    let mut load_sum: Vec<BigInt> = vec![BigInt::zero(); costs.len()];
    let mut spent: u128 = 0;
    let mut run = PhragmenRun {
        funded: Vec::new(),
        stop: None,
        ties: Vec::new(),
    };
    while !candidates.is_empty() {
        // New load of p = num / (denom * s); None = +infinity (nobody approves p).
        let mut best: Option<Option<(BigInt, u64)>> = None;
        let mut tied: Vec<usize> = Vec::new();
        for &p in &candidates {
            let s = approvals.get(p).copied().unwrap_or(0);
            let load = (s > 0).then(|| {
                let sum = load_sum.get(p).cloned().unwrap_or_default();
                (sum + BigInt::from(cost_of(p)) * &denom, s)
            });
            let better = match (&best, &load) {
                (None, _) | (Some(None), Some(_)) => Some(true),
                (Some(None), None) => None,
                (Some(Some(_)), None) => Some(false),
                (Some(Some((bn, bs))), Some((n, s))) => {
                    match (n * BigInt::from(*bs)).cmp(&(bn * BigInt::from(*s))) {
                        std::cmp::Ordering::Less => Some(true),
                        std::cmp::Ordering::Equal => None,
                        std::cmp::Ordering::Greater => Some(false),
                    }
                }
            };
            match better {
                Some(true) => {
                    best = Some(load);
                    tied = vec![p];
                }
                None => tied.push(p),
                Some(false) => {}
            }
        }
        let Some(load) = best else { break };
        let load = load.map(|(n, s)| BigRational::new(n, &denom * BigInt::from(s)));
        tied.sort_by_key(|&p| rank(p));
        if tied
            .iter()
            .any(|&p| spent + u128::from(cost_of(p)) > u128::from(budget))
        {
            run.stop = Some((tied, load));
            break;
        }
        let Some(&chosen) = tied.first() else { break };
        if tied.len() > 1 {
            run.ties.push((run.funded.len(), tied.clone(), chosen));
        }
        spent += u128::from(cost_of(chosen));
        candidates.retain(|&p| p != chosen);
        if let Some(new_load) = &load {
            // Common denominator becomes lcm(denom, Q).
            let g = denom.gcd(new_load.denom());
            let f = new_load.denom() / &g;
            if !f.is_one() {
                for x in class_load.iter_mut().chain(load_sum.iter_mut()) {
                    *x *= &f;
                }
                denom *= &f;
            }
            let new_num = new_load.numer() * (&denom / new_load.denom());
            let new_class = class_load.len();
            class_load.push(new_num.clone());
            // old load class -> weight moved out of it, per project
            let mut moved: BTreeMap<usize, Vec<u64>> = BTreeMap::new();
            for s in profile
                .supporters
                .get(chosen)
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                let Some(slot) = group_class.get_mut(s.group) else {
                    continue;
                };
                let old = *slot;
                *slot = new_class;
                let per_project = moved.entry(old).or_insert_with(|| vec![0; costs.len()]);
                if let Some(group) = profile.groups.get(s.group) {
                    for &(q, _) in &group.utils {
                        if let Some(w) = per_project.get_mut(q) {
                            *w += s.weight;
                        }
                    }
                }
            }
            for (old, per_project) in moved {
                let delta = &new_num - class_load.get(old).cloned().unwrap_or_default();
                for (sum, &w) in load_sum.iter_mut().zip(&per_project) {
                    if w > 0 {
                        *sum += &delta * BigInt::from(w);
                    }
                }
            }
        }
        run.funded.push((chosen, load));
    }
    run
}
