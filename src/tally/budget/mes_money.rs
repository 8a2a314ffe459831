//! The money side of one MES run: voters' money kept per *money class* over one common
//! denominator, the price ρ a project would cost its supporters, and the payment itself.
//! Everything here is exact; floats only order work.

use std::borrow::Cow;
use std::collections::BTreeMap;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, ToPrimitive, Zero};

use super::mes::{PaymentRaw, Purchase};
use super::profile::Profile;

/// Work shared by every MES run on one profile (the Add1 loop runs MES many times).
pub(crate) struct MesPrep {
    /// Per project: every project sharing a supporter group with it (itself included).
    pub neighbors: Vec<Vec<usize>>,
    /// Per project: `Some(u)` when every supporter has the same utility `u`.
    pub uniform: Vec<Option<u128>>,
    /// Per project: total utility.
    pub totals: Vec<u128>,
}

impl MesPrep {
    pub fn new(profile: &Profile) -> Self {
        let n = profile.supporters.len();
        let words = n.div_ceil(64).max(1);
        let mut bits = vec![0u64; n * words];
        let mut mask = vec![0u64; words];
        for group in &profile.groups {
            mask.iter_mut().for_each(|w| *w = 0);
            for &(p, _) in &group.utils {
                if let Some(w) = mask.get_mut(p / 64) {
                    *w |= 1 << (p % 64);
                }
            }
            for &(p, _) in &group.utils {
                let row = bits.get_mut(p * words..(p + 1) * words).unwrap_or_default();
                for (a, b) in row.iter_mut().zip(&mask) {
                    *a |= b;
                }
            }
        }
        let neighbors = (0..n)
            .map(|p| {
                let row = bits.get(p * words..(p + 1) * words).unwrap_or_default();
                (0..n)
                    .filter(|&q| row.get(q / 64).is_some_and(|w| w >> (q % 64) & 1 == 1))
                    .collect()
            })
            .collect();
        let uniform = profile
            .supporters
            .iter()
            .map(|s| {
                let first = s.first().map(|x| x.util);
                first.filter(|&u| s.iter().all(|x| x.util == u))
            })
            .collect();
        Self {
            neighbors,
            uniform,
            totals: profile.total_utility(),
        }
    }
}

/// Money classes over one common denominator `denom`: class `c` holds `num[c]` over the
/// denominator of version `ver[c]`, i.e. `num[c]·scale[ver[c]] / denom` each. A purchase
/// that changes the denominator only pushes a version; a class is brought to the current
/// denominator when a purchase touches it. Class 0 is the empty purse.
pub(crate) struct Classes {
    pub denom: BigInt,
    num: Vec<BigInt>,
    ver: Vec<u32>,
    /// `scale[v]` = `denom` / (denominator at version `v`); the last one is 1.
    scale: Vec<BigInt>,
    pub weight: Vec<u64>,
    /// Each class's money as a float (relative error below [`REL`]).
    pub approx: Vec<f64>,
    /// Each class's money as a reduced rational, once asked for.
    reduced: Vec<Option<BigRational>>,
    /// Σ weight·money over the current denominator (kept up to date by recorded runs).
    total: BigInt,
    /// `denom` as a product of word-sized factors (the first denominator, then every
    /// rescale), while they all fit: reducing then needs no gcd of big numbers.
    factors: Option<Vec<u64>>,
}

/// A generous bound on the relative error of a rational converted by [`ratio_f64`]
/// (the true bound is about 3·2⁻⁵³).
pub(crate) const REL: f64 = 1e-15;

/// `n / d` as a float: both shifted to at most 900 bits, converted, divided.
pub(crate) fn ratio_f64(n: &BigInt, d: &BigInt) -> f64 {
    let shift = n.bits().max(d.bits()).saturating_sub(900);
    let (a, b) = if shift == 0 {
        (n.to_f64(), d.to_f64())
    } else {
        ((n >> shift).to_f64(), (d >> shift).to_f64())
    };
    match (a, b) {
        (Some(a), Some(b)) if b != 0.0 => a / b,
        _ => f64::NAN,
    }
}

/// A rational as a float (see [`ratio_f64`]).
pub(crate) fn rat_f64(r: &BigRational) -> f64 {
    ratio_f64(r.numer(), r.denom())
}

impl Classes {
    pub fn new(endowment: &BigRational, voters: u64) -> Self {
        Self {
            denom: endowment.denom().clone(),
            num: vec![BigInt::zero(), endowment.numer().clone()],
            ver: vec![0, 0],
            scale: vec![BigInt::one()],
            weight: vec![0, voters],
            approx: vec![0.0, rat_f64(endowment)],
            reduced: vec![Some(BigRational::zero()), Some(endowment.reduced())],
            total: endowment.numer() * BigInt::from(voters),
            factors: endowment.denom().to_u64().map(|d| vec![d]),
        }
    }
    pub fn len(&self) -> usize {
        self.num.len()
    }
    fn current(&self) -> u32 {
        u32::try_from(self.scale.len().saturating_sub(1)).unwrap_or(u32::MAX)
    }
    /// Adds a class holding `n` over the current denominator.
    fn push(&mut self, n: BigInt) -> u32 {
        self.approx.push(ratio_f64(&n, &self.denom));
        self.num.push(n);
        self.ver.push(self.current());
        self.reduced.push(None);
        self.weight.push(0);
        u32::try_from(self.num.len() - 1).unwrap_or(u32::MAX)
    }
    /// Class `c`'s money over the current denominator.
    pub fn num(&self, c: u32) -> Cow<'_, BigInt> {
        let n = self.num.get(c as usize).unwrap_or_else(|| zero_int());
        let v = self.ver.get(c as usize).copied().unwrap_or(0);
        match self.scale.get(v as usize) {
            Some(f) if v != self.current() => Cow::Owned(n * f),
            _ => Cow::Borrowed(n),
        }
    }
    /// Brings class `c` to the current denominator.
    fn normalize(&mut self, c: u32) {
        let cur = self.current();
        let slots = (self.num.get_mut(c as usize), self.ver.get_mut(c as usize));
        if let (Some(n), Some(v)) = slots
            && *v != cur
        {
            if let Some(f) = self.scale.get(*v as usize) {
                *n *= f;
            }
            *v = cur;
        }
    }
    /// Multiplies the common denominator by `f`.
    fn rescale(&mut self, f: &BigInt) {
        if f.is_one() {
            return;
        }
        for s in &mut self.scale {
            *s *= f;
        }
        self.scale.push(BigInt::one());
        self.denom *= f;
        self.total *= f;
        if let (Some(list), Some(f)) = (&mut self.factors, f.to_u64()) {
            list.push(f);
        } else {
            self.factors = None;
        }
    }
    /// `n / denom` in lowest terms (`n ≥ 0`). With the denominator's factors known, the
    /// common factors are found one word-sized factor at a time: dividing out
    /// gcd(n, f) for each factor f in turn removes exactly gcd(n, denom).
    pub fn reduce(&self, n: BigInt) -> BigRational {
        let Some(factors) = &self.factors else {
            return BigRational::new(n, self.denom.clone());
        };
        let (mut n, mut d) = (n, self.denom.clone());
        for &f in factors {
            if f <= 1 {
                continue;
            }
            let h = (&n % f).to_u64().unwrap_or(0).gcd(&f);
            if h > 1 {
                n /= h;
                d /= h;
            }
        }
        BigRational::new_raw(n, d)
    }
    /// Class `c`'s money, reduced (computed once per class: a class's money never changes).
    fn money(&mut self, c: u32) -> BigRational {
        if let Some(Some(r)) = self.reduced.get(c as usize) {
            return r.clone();
        }
        let r = self.reduce(self.num(c).into_owned());
        if let Some(slot) = self.reduced.get_mut(c as usize) {
            *slot = Some(r.clone());
        }
        r
    }
}

fn zero_int() -> &'static BigInt {
    static ZERO: std::sync::OnceLock<BigInt> = std::sync::OnceLock::new();
    ZERO.get_or_init(BigInt::zero)
}

/// (new class, paid each over the common denominator, weight, groups).
type Move = (u32, BigInt, u64, Vec<usize>);

/// Charges the supporters of `project` at price ρ per unit of utility and marks every
/// project sharing a supporter with it for re-evaluation.
#[allow(clippy::too_many_arguments)]
pub(crate) fn pay(
    project: usize,
    r: &BigRational,
    profile: &Profile,
    prep: &MesPrep,
    group_class: &mut [u32],
    classes: &mut Classes,
    dirty: &mut [bool],
    record: bool,
) -> Option<Purchase> {
    let r = r.reduced();
    let (p_num, q_den) = (r.numer(), r.denom());
    // New common denominator D' = lcm(D, Q): scale every live class by f = Q / gcd(D, Q).
    let g = classes.denom.gcd(q_den);
    let f = q_den / &g;
    let h = &classes.denom / &g;
    classes.rescale(&f);
    let unit_price = p_num * &h; // price per unit of utility, over D'
    let supporters = profile
        .supporters
        .get(project)
        .map(Vec::as_slice)
        .unwrap_or_default();
    // (old class, utility) -> (new class, paid each over D', weight, groups)
    let mut moves: BTreeMap<(u32, u128), Move> = BTreeMap::new();
    for s in supporters {
        let Some(slot) = group_class.get_mut(s.group) else {
            continue;
        };
        let c = *slot;
        if c == 0 {
            continue;
        }
        let entry = moves.entry((c, s.util)).or_insert_with(|| {
            classes.normalize(c);
            let money = classes.num(c).into_owned();
            let price = &unit_price * BigInt::from(s.util);
            if price >= money {
                (0, money, 0, Vec::new())
            } else {
                let left = &money - &price;
                (classes.push(left), price, 0, Vec::new())
            }
        });
        *slot = entry.0;
        entry.2 += s.weight;
        if record {
            entry.3.push(s.group);
        }
        if let Some(w) = classes.weight.get_mut(c as usize) {
            *w -= s.weight;
        }
        if let Some(w) = classes.weight.get_mut(entry.0 as usize) {
            *w += s.weight;
        }
    }
    for &q in prep
        .neighbors
        .get(project)
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        if let Some(d) = dirty.get_mut(q) {
            *d = true;
        }
    }
    if !record {
        return None;
    }
    // Everyone who keeps money paid the same price per unit of utility: reduce it once.
    let mut price_of: BTreeMap<u128, BigRational> = BTreeMap::new();
    let mut payments = Vec::with_capacity(moves.len());
    let mut spent = BigInt::zero();
    for ((old, util), (new, paid, weight, groups)) in moves {
        spent += &paid * BigInt::from(weight);
        let paid = if new == 0 {
            classes.money(old)
        } else {
            price_of
                .entry(util)
                .or_insert_with(|| classes.reduce(paid))
                .clone()
        };
        payments.push(PaymentRaw {
            weight,
            groups,
            paid,
            left: classes.money(new),
        });
    }
    classes.total -= spent;
    let total = classes.total.clone();
    Some(Purchase {
        project,
        rho: r,
        payments,
        money_left: classes.reduce(total),
    })
}
