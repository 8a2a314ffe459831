//! Session contents and rules. Sessions live in an encrypted, HttpOnly, SameSite=Lax cookie
//! (the middleware is `web::middleware::session`). A session names the user and their *auth epoch*: bumping the
//! epoch (password change, "log out everywhere", reset) ends every other session. A session
//! idle for longer than the configured timeout ends too. The cookie also names a server-side
//! session (`crate::service::sessions`): signing out deletes that row, so a copy of the
//! cookie opens nothing afterwards.

use crate::domain::ids::UserId;
use actix_session::Session;
use serde::{Deserialize, Serialize};

/// Session key holding [`SessionUser`].
pub const USER_KEY: &str = "user";
/// Name of the session cookie.
pub const COOKIE_NAME: &str = "roundtable_session";

/// Who the session belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    /// The server-side session id (only its hash is stored). Cookies from before server-side
    /// sessions have none and are treated as signed out.
    #[serde(default)]
    pub sid: String,
    /// The user's id.
    pub id: UserId,
    /// Their auth epoch at login.
    pub epoch: i64,
    /// Unix seconds of the last request.
    pub seen: i64,
}

/// Starts a signed-in session with a fresh id (no session fixation), keeping no old state.
pub fn sign_in(
    session: &Session,
    user_id: UserId,
    epoch: i64,
    sid: String,
    now: i64,
) -> anyhow::Result<()> {
    // `clear` + `renew`, not `purge`: a purged session stays purged for this response.
    session.clear();
    session.renew();
    session
        .insert(
            USER_KEY,
            SessionUser {
                sid,
                id: user_id,
                epoch,
                seen: now,
            },
        )
        .map_err(|e| anyhow::anyhow!("storing session: {e}"))
}

/// Ends the session entirely (the caller also deletes the server-side row).
pub fn sign_out(session: &Session) {
    session.purge();
}

/// The server-side session id of a signed-in cookie, if any.
pub fn session_id(session: &Session) -> Option<String> {
    match session.get::<SessionUser>(USER_KEY) {
        Ok(Some(stored)) if !stored.sid.is_empty() => Some(stored.sid),
        _ => None,
    }
}

/// Whether a stored session is still valid at `now`, given the user's current epoch.
pub fn still_valid(
    stored: &SessionUser,
    current_epoch: i64,
    now: i64,
    idle_timeout_seconds: i64,
) -> bool {
    stored.epoch == current_epoch && now - stored.seen <= idle_timeout_seconds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_end_on_epoch_change_or_idleness() {
        let s = &SessionUser {
            sid: "x".to_owned(),
            id: UserId(1),
            epoch: 3,
            seen: 1_000,
        };
        assert!(still_valid(s, 3, 1_000 + 600, 720 * 60));
        assert!(!still_valid(s, 4, 1_000, 720 * 60));
        assert!(!still_valid(s, 3, 1_000 + 720 * 60 + 1, 720 * 60));
    }
}
