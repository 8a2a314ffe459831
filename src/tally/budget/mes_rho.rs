//! The price ρ a project would cost its supporters: the smallest ρ with
//! Σ min(money_i, ρ·u_i) = cost. Computed first in floats with a running error bound;
//! whenever a decision inside (or the affordability) is not clear by a wide margin, the
//! exact integer computation over the common denominator decides.

use num_bigint::BigInt;
use num_rational::BigRational;

use super::mes_money::{Classes, REL, rat_f64};
use super::profile::Support;

/// Reusable buffers for [`rho`].
#[derive(Default)]
pub(crate) struct Scratch {
    entries: Vec<(u32, u128, u64)>,
    merged: Vec<(u32, u128, u64)>,
    acc: Vec<u64>,
    touched: Vec<u32>,
}

/// A price known to lie within `value ± err`; `exact` once it has been computed exactly.
pub(crate) struct Approx {
    pub value: f64,
    pub err: f64,
    pub exact: Option<BigRational>,
}

impl Approx {
    pub fn lo(&self) -> f64 {
        self.value - self.err
    }
    pub fn hi(&self) -> f64 {
        self.value + self.err
    }
    pub fn exact(r: BigRational) -> Self {
        let value = rat_f64(&r);
        Self {
            value,
            err: value.abs() * 4.0 * REL,
            exact: Some(r),
        }
    }
}

/// ρ of a project (see [`rho`]), in floats when every decision is clear by a wide margin,
/// exactly otherwise; `None` when the supporters together hold less than the cost.
pub(crate) fn price(
    cost: u64,
    uniform: Option<u128>,
    supporters: &[Support],
    group_class: &[u32],
    classes: &Classes,
    scratch: &mut Scratch,
) -> Option<Approx> {
    let Some(u) = uniform else {
        return rho_general(cost, supporters, group_class, classes, scratch).map(Approx::exact);
    };
    gather(supporters, group_class, classes, scratch);
    if let Some(clear) = float_uniform(cost, u, classes, scratch) {
        return clear;
    }
    exact_uniform(cost, u, classes, scratch).map(Approx::exact)
}

/// The smallest ρ with Σ min(money_i, ρ·u_i) = cost over supporters, or `None` when the
/// supporters together hold less than the cost. Integer arithmetic over the common
/// denominator; the result is returned unreduced.
pub(crate) fn rho(
    cost: u64,
    uniform: Option<u128>,
    supporters: &[Support],
    group_class: &[u32],
    classes: &Classes,
    scratch: &mut Scratch,
) -> Option<BigRational> {
    match uniform {
        Some(u) => {
            gather(supporters, group_class, classes, scratch);
            exact_uniform(cost, u, classes, scratch)
        }
        None => rho_general(cost, supporters, group_class, classes, scratch),
    }
}

/// Sums the supporters' weights per money class (`acc`) and lists the classes with money
/// by ascending money (`touched`); floats order them unless two are within 10⁻¹².
fn gather(supporters: &[Support], group_class: &[u32], classes: &Classes, scratch: &mut Scratch) {
    let Scratch { acc, touched, .. } = scratch;
    for &c in touched.iter() {
        if let Some(a) = acc.get_mut(c as usize) {
            *a = 0;
        }
    }
    acc.resize(classes.len(), 0);
    touched.clear();
    for s in supporters {
        let c = group_class.get(s.group).copied().unwrap_or(0);
        if c == 0 {
            continue;
        }
        if let Some(a) = acc.get_mut(c as usize) {
            if *a == 0 {
                touched.push(c);
            }
            *a += s.weight;
        }
    }
    let approx = |c: u32| classes.approx.get(c as usize).copied().unwrap_or(0.0);
    touched.sort_unstable_by(|&a, &b| {
        let (x, y) = (approx(a), approx(b));
        if (x - y).abs() > 1e-12 * x.abs().max(y.abs()) {
            x.total_cmp(&y)
        } else {
            classes.num(a).cmp(&classes.num(b))
        }
    });
}

/// The uniform-utility walk in floats with a running bound on the absolute error of the
/// remaining cost: `Some(result)` when every comparison was clear (by 4× its error
/// bound), `None` when the exact walk must decide.
#[allow(clippy::cast_precision_loss)]
fn float_uniform(
    cost: u64,
    u: u128,
    classes: &Classes,
    scratch: &Scratch,
) -> Option<Option<Approx>> {
    const EPS: f64 = f64::EPSILON;
    let weight = |c: u32| scratch.acc.get(c as usize).copied().unwrap_or(0);
    let total: u64 = scratch.touched.iter().map(|&c| weight(c)).sum();
    if total >= 1 << 52 {
        return None;
    }
    let mut left = total as f64;
    let uf = u as f64;
    let mut rem = cost as f64;
    let mut err = rem * EPS;
    for &c in &scratch.touched {
        let m = classes.approx.get(c as usize).copied().unwrap_or(0.0);
        let t = m * left;
        let margin = 4.0 * (err + t * (REL + 2.0 * EPS));
        if rem + margin < t {
            if rem <= 4.0 * err {
                return None;
            }
            let denom = uf * left;
            let value = rem / denom;
            let rel = 4.0 * (err / rem.abs().max(f64::MIN_POSITIVE) + 6.0 * EPS);
            return Some(Some(Approx {
                value,
                err: value.abs() * rel,
                exact: None,
            }));
        }
        if rem - margin <= t {
            return None;
        }
        let w = weight(c) as f64;
        let mw = m * w;
        rem -= mw;
        err += mw * (REL + 2.0 * EPS) + rem.abs() * EPS;
        left -= w;
    }
    Some(None)
}

/// The uniform-utility walk, exact.
fn exact_uniform(cost: u64, u: u128, classes: &Classes, scratch: &Scratch) -> Option<BigRational> {
    let weight = |c: u32| scratch.acc.get(c as usize).copied().unwrap_or(0);
    let mut left: u128 = scratch.touched.iter().map(|&c| u128::from(weight(c))).sum();
    let mut remaining = BigInt::from(cost) * &classes.denom;
    for &c in &scratch.touched {
        let money = &*classes.num(c);
        // remaining·u <= money·(u·left)  <=>  remaining <= money·left
        if remaining <= money * BigInt::from(left) {
            return Some(BigRational::new_raw(
                remaining,
                &classes.denom * BigInt::from(u * left),
            ));
        }
        remaining -= money * BigInt::from(weight(c));
        left -= u128::from(weight(c));
    }
    None
}

fn rho_general(
    cost: u64,
    supporters: &[Support],
    group_class: &[u32],
    classes: &Classes,
    scratch: &mut Scratch,
) -> Option<BigRational> {
    let Scratch {
        entries, merged, ..
    } = scratch;
    entries.clear();
    for s in supporters {
        let c = group_class.get(s.group).copied().unwrap_or(0);
        if c != 0 {
            entries.push((c, s.util, s.weight));
        }
    }
    entries.sort_unstable_by_key(|e| (e.0, e.1));
    merged.clear();
    for &(c, u, w) in entries.iter() {
        match merged.last_mut() {
            Some(last) if last.0 == c && last.1 == u => last.2 += w,
            _ => merged.push((c, u, w)),
        }
    }
    // Ascending money per unit of utility: N_a/u_a vs N_b/u_b.
    merged.sort_by(|a, b| {
        if a.1 == b.1 {
            classes.num(a.0).cmp(&classes.num(b.0))
        } else {
            (&*classes.num(a.0) * BigInt::from(b.1)).cmp(&(&*classes.num(b.0) * BigInt::from(a.1)))
        }
    });
    // remaining = R / D, utility left = U.
    let mut remaining = BigInt::from(cost) * &classes.denom;
    let mut utility: u128 = merged.iter().map(|&(_, u, w)| u * u128::from(w)).sum();
    for &(c, u, w) in merged.iter() {
        let money = &*classes.num(c);
        if &remaining * BigInt::from(u) <= money * BigInt::from(utility) {
            return Some(BigRational::new_raw(
                remaining,
                &classes.denom * BigInt::from(utility),
            ));
        }
        remaining -= money * BigInt::from(w);
        utility -= u * u128::from(w);
    }
    None
}
