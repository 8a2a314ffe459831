//! Exact numbers: decimal amounts stored as scaled integers, big rationals, and their
//! rendering for people (decimal when exact, `p/q` otherwise) and for JSON.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};
use serde::Serialize;

/// Parses a non-negative decimal (`12`, `12.5`, `8000,0`) into `(digits, decimals)`.
pub(crate) fn parse_decimal(text: &str) -> Option<(u128, u32)> {
    let t = text.trim().replace(',', ".");
    let t = t.strip_prefix('+').unwrap_or(&t);
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, f),
        None => (t, ""),
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let decimals = u32::try_from(frac.len()).ok()?;
    let mut value: u128 = 0;
    for b in int.bytes().chain(frac.bytes()) {
        value = value.checked_mul(10)?.checked_add(u128::from(b - b'0'))?;
    }
    Some((value, decimals))
}

/// Rescales `(digits, decimals)` to `scale` decimals as a `u64`, if it fits.
pub(crate) fn rescale(value: u128, decimals: u32, scale: u32) -> Option<u64> {
    let factor = 10u128.checked_pow(scale.checked_sub(decimals)?)?;
    u64::try_from(value.checked_mul(factor)?).ok()
}

/// Formats a scaled integer with exactly `scale` decimals (`scale == 0`: plain integer).
pub(crate) fn format_scaled(units: u128, scale: u32) -> String {
    if scale == 0 {
        return units.to_string();
    }
    let s = format!("{units:0>width$}", width = scale as usize + 1);
    let (int, frac) = s.split_at(s.len() - scale as usize);
    format!("{int}.{frac}")
}

/// Formats a scaled integer in the shortest exact decimal form (`1404775.68`, `44720`).
pub(crate) fn format_scaled_short(units: u128, scale: u32) -> String {
    let s = format_scaled(units, scale);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `10^scale` as a big integer.
pub(crate) fn pow10(scale: u32) -> BigInt {
    num_traits::pow(BigInt::from(10u8), scale as usize)
}

/// An exact rational rendered for people: a finite decimal when there is one
/// (`30421/9` stays a fraction, `19/2` becomes `9.5`).
pub(crate) fn format_rational(r: &BigRational) -> String {
    let (num, den) = (r.numer(), r.denom());
    if den == &BigInt::from(1u8) {
        return num.to_string();
    }
    let mut d = den.clone();
    let (two, five) = (BigInt::from(2u8), BigInt::from(5u8));
    let mut decimals = 0u32;
    let mut twos = 0u32;
    let mut fives = 0u32;
    while d.is_even() {
        d /= &two;
        twos += 1;
    }
    while (&d % &five).is_zero() {
        d /= &five;
        fives += 1;
    }
    if d == BigInt::from(1u8) && twos.max(fives) <= 30 {
        decimals = twos.max(fives);
    }
    if decimals == 0 {
        return format!("{num}/{den}");
    }
    let scaled = num * pow10(decimals) / den;
    let negative = scaled < BigInt::zero();
    let digits = scaled.magnitude().to_string();
    let digits = format!("{digits:0>width$}", width = decimals as usize + 1);
    let (int, frac) = digits.split_at(digits.len() - decimals as usize);
    let sign = if negative { "-" } else { "" };
    format!("{sign}{int}.{}", frac.trim_end_matches('0'))
}

/// A rational as `f64`, for display only (never for a decision).
pub(crate) fn approx(r: &BigRational) -> f64 {
    r.to_f64().unwrap_or(f64::NAN)
}

/// An exact number with a float beside it for display: `{"exact": "30421/9", "approx": 3380.11}`.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Exact {
    /// Exact value: integer, finite decimal, or `p/q`.
    pub exact: String,
    /// Rounded value, for charts and tables only.
    #[serde(deserialize_with = "approx_or_nan")]
    pub approx: f64,
}

/// JSON writes a value that is not a number (`NaN`) as `null`: read it back as `NaN`.
fn approx_or_nan<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let value: Option<f64> = serde::Deserialize::deserialize(d)?;
    Ok(value.unwrap_or(f64::NAN))
}

impl Exact {
    pub(crate) fn new(r: &BigRational) -> Self {
        Self {
            exact: format_rational(r),
            approx: approx(r),
        }
    }
}

impl std::fmt::Display for Exact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.exact.contains('/') {
            write!(f, "{:.2}", self.approx)
        } else {
            f.write_str(&self.exact)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_parse_and_format() {
        assert_eq!(parse_decimal("1404775.68"), Some((140477568, 2)));
        assert_eq!(parse_decimal("8000,0"), Some((80000, 1)));
        assert_eq!(parse_decimal("x"), None);
        assert_eq!(parse_decimal("-1"), None);
        assert_eq!(format_scaled(140477568, 2), "1404775.68");
        assert_eq!(format_scaled(5, 2), "0.05");
        assert_eq!(format_scaled_short(4472000, 2), "44720");
        let r = BigRational::new(BigInt::from(19), BigInt::from(2));
        assert_eq!(format_rational(&r), "9.5");
        let r = BigRational::new(BigInt::from(30421), BigInt::from(9));
        assert_eq!(format_rational(&r), "30421/9");
    }
}
