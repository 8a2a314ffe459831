//! Exact decimal numbers with a scale, as RCTab prints them (`java.math.BigDecimal` style).
//!
//! Vote arithmetic inside the engine is fixed-point `i64` at `decimalPlacesForVoteArithmetic`
//! places; this type is what results carry, so `"7"` and `"7.0000"` print as RCTab prints them.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `mantissa × 10^-scale`, e.g. `Decimal { mantissa: 405, scale: 2 }` is `4.05`.
/// Equality and order are numerical: `7` equals `7.0000` (the scale only affects printing).
#[derive(Debug, Clone, Copy, Default)]
pub struct Decimal {
    /// Unscaled value.
    pub mantissa: i128,
    /// Number of digits after the decimal point.
    pub scale: u32,
}

/// `10^n` as `i128` (saturating for absurd `n`).
#[must_use]
pub fn pow10(n: u32) -> i128 {
    10_i128.checked_pow(n).unwrap_or(i128::MAX)
}

impl Decimal {
    /// Zero with scale 0.
    pub const ZERO: Self = Self {
        mantissa: 0,
        scale: 0,
    };

    /// A whole number.
    #[must_use]
    pub fn from_int(v: i128) -> Self {
        Self {
            mantissa: v,
            scale: 0,
        }
    }

    /// The mantissa at another (larger or equal) scale.
    #[must_use]
    pub fn mantissa_at(&self, scale: u32) -> i128 {
        if scale >= self.scale {
            self.mantissa.saturating_mul(pow10(scale - self.scale))
        } else {
            self.mantissa / pow10(self.scale - scale)
        }
    }

    /// The value truncated (toward zero) to `scale` places, as a fixed-point `i64`.
    #[must_use]
    pub fn to_fixed(&self, scale: u32) -> i64 {
        i64::try_from(self.mantissa_at(scale)).unwrap_or(i64::MAX)
    }

    /// The value rounded up (away from zero for positives) to `scale` places.
    #[must_use]
    pub fn to_fixed_ceil(&self, scale: u32) -> i64 {
        i64::try_from(self.ceil_at(scale)).unwrap_or(i64::MAX)
    }

    /// The smallest mantissa at `scale` whose value is at least this one: for a whole number
    /// `t` of `scale`-place units, `t ≥ self` exactly when `t ≥ self.ceil_at(scale)`, so a
    /// count compares its fixed-point tallies with a threshold without converting each.
    #[must_use]
    pub fn ceil_at(&self, scale: u32) -> i128 {
        let down = self.mantissa_at(scale);
        let back = Self {
            mantissa: down,
            scale,
        };
        if back.cmp(self) == Ordering::Less {
            down.saturating_add(1)
        } else {
            down
        }
    }

    /// Parse `"15"`, `"-2.50"`, `"0.125"` (plain decimal notation only).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let (neg, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) || frac.len() > 30 {
            return None;
        }
        let mut m: i128 = 0;
        for c in int.chars().chain(frac.chars()) {
            m = m
                .checked_mul(10)?
                .checked_add(i128::from(c.to_digit(10)?))?;
        }
        Some(Self {
            mantissa: if neg { -m } else { m },
            scale: u32::try_from(frac.len()).ok()?,
        })
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        if self.scale == other.scale {
            return self.mantissa.cmp(&other.mantissa);
        }
        let s = self.scale.max(other.scale);
        self.mantissa_at(s).cmp(&other.mantissa_at(s))
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl std::hash::Hash for Decimal {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let (mut m, mut s) = (self.mantissa, self.scale);
        while s > 0 && m % 10 == 0 {
            m /= 10;
            s -= 1;
        }
        m.hash(state);
        s.hash(state);
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let p = pow10(self.scale);
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let a = self.mantissa.unsigned_abs();
        let pu = p.unsigned_abs();
        write!(
            f,
            "{sign}{}.{:0width$}",
            a / pu,
            a % pu,
            width = self.scale as usize
        )
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let text = match &v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => return Err(serde::de::Error::custom("expected a decimal number")),
        };
        Self::parse(&text).ok_or_else(|| serde::de::Error::custom("invalid decimal number"))
    }
}

/// A [`Decimal`] kept in 16 bytes instead of 32, for results that hold many of them (a
/// multi-pass ranking of 1,000 items keeps millions). Every value the count produces has an
/// `i64` mantissa (vote arithmetic is fixed-point `i64`); anything larger is boxed. It prints,
/// serialises and reads back exactly as the `Decimal` it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Packed {
    /// The usual case.
    Small {
        /// Unscaled value.
        mantissa: i64,
        /// Number of digits after the decimal point.
        scale: u32,
    },
    /// A mantissa beyond `i64`.
    Big(Box<Decimal>),
}

impl Packed {
    /// The value as a [`Decimal`].
    #[must_use]
    pub fn get(&self) -> Decimal {
        match self {
            Self::Small { mantissa, scale } => Decimal {
                mantissa: i128::from(*mantissa),
                scale: *scale,
            },
            Self::Big(d) => **d,
        }
    }
}

impl From<Decimal> for Packed {
    fn from(d: Decimal) -> Self {
        match i64::try_from(d.mantissa) {
            Ok(mantissa) => Self::Small {
                mantissa,
                scale: d.scale,
            },
            Err(_) => Self::Big(Box::new(d)),
        }
    }
}

impl Serialize for Packed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Packed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Decimal::deserialize(d).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_with_scale() {
        let d = Decimal::parse("2.3330").unwrap();
        assert_eq!(d.to_string(), "2.3330");
        assert_eq!(Decimal::parse("15").unwrap().to_string(), "15");
        assert_eq!(Decimal::parse("-0.05").unwrap().to_string(), "-0.05");
        assert_eq!(Decimal::parse("2.333").unwrap(), d);
        assert!(Decimal::parse("1e5").is_none());
        assert!(Decimal::parse("").is_none());
    }

    #[test]
    fn a_packed_decimal_is_half_the_size_and_keeps_every_digit() {
        assert_eq!(std::mem::size_of::<Packed>(), 16);
        for text in ["7", "7.0000", "-0.05", "123456789012345678901234567.5"] {
            let d = Decimal::parse(text).unwrap();
            let packed = Packed::from(d);
            assert_eq!(packed.get().to_string(), text);
            assert_eq!(
                serde_json::to_string(&packed).unwrap(),
                serde_json::to_string(&d).unwrap()
            );
            let back: Packed = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
            assert_eq!(back, packed);
        }
        assert!(matches!(
            Packed::from(Decimal::parse("123456789012345678901234567.5").unwrap()),
            Packed::Big(_)
        ));
    }

    #[test]
    fn rounds_to_fixed() {
        let d = Decimal::parse("4.05").unwrap();
        assert_eq!(d.to_fixed(1), 40);
        assert_eq!(d.to_fixed_ceil(1), 41);
        assert_eq!(Decimal::parse("4.1").unwrap().to_fixed_ceil(1), 41);
    }
}
