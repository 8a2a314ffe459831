//! CSRF protection by the synchronizer-token pattern: each session holds a random token and
//! every form carries it in a hidden `csrf_token` field (or scripts send `X-CSRF-Token`). This
//! module owns the token; the middleware that refuses a state-changing request without it is
//! web's (`web::middleware::csrf`), so auth never depends on the web layer. See ADR 0006.

use actix_session::Session;

use crate::auth::tokens::{random_token, same_secret};

/// Session key of the token.
pub const SESSION_KEY: &str = "csrf";
/// Form field carrying the token.
pub const FORM_FIELD: &str = "csrf_token";
/// Header carrying the token (for scripts).
pub const HEADER: &str = "x-csrf-token";

/// The session's token, created on first use.
pub fn token(session: &Session) -> anyhow::Result<String> {
    if let Ok(Some(existing)) = session.get::<String>(SESSION_KEY) {
        return Ok(existing);
    }
    let fresh = random_token();
    session
        .insert(SESSION_KEY, &fresh)
        .map_err(|e| anyhow::anyhow!("storing CSRF token: {e}"))?;
    Ok(fresh)
}

/// Whether `sent` is the session's token (`expected`), compared in constant time; a session
/// without a token accepts nothing.
pub fn matches(expected: Option<&str>, sent: Option<&str>) -> bool {
    match (expected, sent) {
        (Some(expected), Some(sent)) => same_secret(expected, sent),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sessions_own_token_matches() {
        assert!(matches(Some("abc"), Some("abc")));
        assert!(!matches(Some("abc"), Some("abd")));
        assert!(!matches(Some("abc"), None));
        assert!(!matches(None, Some("abc")));
        assert!(!matches(None, None));
    }
}
