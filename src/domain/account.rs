//! Account values parsed once at the edge: email, display name, password.

use std::fmt;

use crate::domain::text::{Lines, check_controls};

/// A normalised (trimmed, lower-case) email address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` up to 254 characters, without spaces.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err("Enter an email address.".to_owned());
        }
        check_controls(&email, Lines::One)?;
        if email.chars().count() > 254 || email.chars().any(char::is_whitespace) {
            return Err("Enter a valid email address, like name@school.org.".to_owned());
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
            _ => Err("Enter a valid email address, like name@school.org.".to_owned()),
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
    pub fn parse(raw: &str) -> Result<Self, String> {
        let name = raw.trim();
        if name.is_empty() {
            return Err("Enter your name.".to_owned());
        }
        if name.chars().count() > 80 {
            return Err("Use at most 80 characters.".to_owned());
        }
        if name.chars().any(char::is_control) {
            return Err("Remove control characters from the name.".to_owned());
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
    pub fn parse(raw: &str) -> Result<Self, String> {
        let n = raw.chars().count();
        if n < PASSWORD_MIN {
            return Err(format!("Use at least {PASSWORD_MIN} characters."));
        }
        if n > PASSWORD_MAX {
            return Err(format!("Use at most {PASSWORD_MAX} characters."));
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
