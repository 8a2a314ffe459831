//! The token form as posted, and its one parse into a [`NewToken`]: a name of 1 to
//! [`MAX_NAME`] characters, a scope (`read` or `read_write`) and a lifetime of 1 to
//! [`super::MAX_DAYS`] days ([`super::DEFAULT_DAYS`] when left empty).

use serde::Deserialize;

use crate::i18n::Msg;
use crate::service::{FieldErrors, ServiceError};
use crate::store::entities::api_tokens::Scope;

use super::{DEFAULT_DAYS, MAX_DAYS};

/// Longest token name, in characters.
pub const MAX_NAME: usize = 100;

/// The account page's "new token" form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TokenForm {
    /// What the token is for.
    #[serde(default)]
    pub token_name: String,
    /// `read` or `read_write`.
    #[serde(default)]
    pub token_scope: String,
    /// Days it lasts; empty for the default.
    #[serde(default)]
    pub token_days: String,
}

/// A token request that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewToken {
    pub name: String,
    pub scope: Scope,
    pub days: u32,
}

impl TryFrom<&TokenForm> for NewToken {
    type Error = ServiceError;

    fn try_from(form: &TokenForm) -> Result<Self, Self::Error> {
        let mut errors = FieldErrors::new();
        let name = form.token_name.trim().to_owned();
        if name.is_empty() {
            errors.add("token_name", Msg::new("api-token-name-empty"));
        } else if name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
            errors.add(
                "token_name",
                Msg::new("api-token-name-long").arg("max", MAX_NAME as u64),
            );
        }
        let scope = match form.token_scope.trim() {
            "read" => Some(Scope::Read),
            "read_write" => Some(Scope::ReadWrite),
            _ => {
                errors.add("token_scope", Msg::new("api-token-scope-unknown"));
                None
            }
        };
        let days_typed = form.token_days.trim();
        let days = if days_typed.is_empty() {
            Some(DEFAULT_DAYS)
        } else {
            match days_typed.parse::<u32>() {
                Ok(days) if (1..=MAX_DAYS).contains(&days) => Some(days),
                _ => {
                    errors.add(
                        "token_days",
                        Msg::new("api-token-days-range").arg("max", u64::from(MAX_DAYS)),
                    );
                    None
                }
            }
        };
        match (scope, days) {
            (Some(scope), Some(days)) if errors.is_empty() => Ok(Self { name, scope, days }),
            _ => Err(ServiceError::Invalid(errors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, scope: &str, days: &str) -> TokenForm {
        TokenForm {
            token_name: name.to_owned(),
            token_scope: scope.to_owned(),
            token_days: days.to_owned(),
        }
    }

    #[test]
    fn a_good_form_parses_and_empty_days_take_the_default() {
        let new = NewToken::try_from(&form(" Intranet ", "read", "")).unwrap();
        assert_eq!(new.name, "Intranet");
        assert_eq!(new.scope, Scope::Read);
        assert_eq!(new.days, DEFAULT_DAYS);
        let new = NewToken::try_from(&form("Bot", "read_write", "365")).unwrap();
        assert_eq!((new.scope, new.days), (Scope::ReadWrite, 365));
    }

    #[test]
    fn every_bad_field_is_named() {
        let Err(ServiceError::Invalid(errors)) = NewToken::try_from(&form("", "admin", "366"))
        else {
            panic!("expected field errors");
        };
        for field in ["token_name", "token_scope", "token_days"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        for days in ["0", "-1", "ten", "1.5"] {
            assert!(
                NewToken::try_from(&form("x", "read", days)).is_err(),
                "{days}"
            );
        }
        assert!(NewToken::try_from(&form(&"x".repeat(101), "read", "")).is_err());
    }
}
