//! Authentication: passwords (Argon2id), sessions, CSRF, rate limits, tokens, the cookie key.

pub mod cookie_key;
pub mod csrf;
pub mod password;
pub mod rate_limit;
pub mod session;
pub mod tokens;
pub mod unsubscribe;
