//! Account values parsed once at the edge: email, display name, password.

use std::fmt;

use crate::domain::text::{Lines, check_controls};
use crate::i18n::Msg;

/// A normalised (trimmed, lower-case) email address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` up to 254 characters, without spaces.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err(Msg::new("v-email-empty"));
        }
        check_controls(&email, Lines::One)?;
        if email.chars().count() > 254 || email.chars().any(char::is_whitespace) {
            return Err(Msg::new("v-email-invalid"));
        }
        match email.split_once('@') {
            Some((local, domain))
                if !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.') =>
            {
                Ok(Self(email))
            }
            _ => Err(Msg::new("v-email-invalid")),
        }
    }
    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A name shown to teammates: 1 to 80 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// Trims and checks the length.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(Msg::new("v-name-empty"));
        }
        if name.chars().count() > 80 {
            return Err(Msg::new("v-too-long").arg("max", 80));
        }
        if name.chars().any(char::is_control) {
            return Err(Msg::new("v-name-control"));
        }
        Ok(Self(name.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password of 12 to 128 characters. `Debug` never shows it.
#[derive(Clone)]
pub struct Password(String);

/// Fewest characters a password may have.
pub const PASSWORD_MIN: usize = 12;
/// Most characters a password may have (bounds hashing cost).
pub const PASSWORD_MAX: usize = 128;

impl Password {
    /// Checks the length (in characters, not bytes).
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let n = raw.chars().count();
        if n < PASSWORD_MIN {
            return Err(Msg::new("v-too-short").arg("min", PASSWORD_MIN));
        }
        if n > PASSWORD_MAX {
            return Err(Msg::new("v-too-long").arg("max", PASSWORD_MAX));
        }
        Ok(Self(raw.to_owned()))
    }
    /// The password itself, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Sam@School.ORG ").unwrap().as_str(),
            "sam@school.org"
        );
        for bad in [
            "",
            "sam",
            "sam@",
            "@school.org",
            "sam@school",
            "s am@school.org",
            "a@b@c.org",
            "sam\0@school.org",
            "sam\u{1b}@school.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_are_12_to_128_characters() {
        assert!(Password::parse(&"x".repeat(11)).is_err());
        assert!(Password::parse(&"x".repeat(12)).is_ok());
        assert!(Password::parse(&"é".repeat(128)).is_ok());
        assert!(Password::parse(&"x".repeat(129)).is_err());
        assert_eq!(
            format!("{:?}", Password::parse(&"secret".repeat(3)).unwrap()),
            "Password([redacted])"
        );
    }
}
