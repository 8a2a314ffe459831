//! The session middleware: an encrypted, HttpOnly, SameSite=Lax cookie (actix-session's cookie
//! store). What a session holds and when it ends is `auth::session`'s business.

use actix_session::SessionMiddleware;
use actix_session::config::{BrowserSession, CookieContentSecurity};
use actix_session::storage::CookieSessionStore;
use actix_web::cookie::{Key, SameSite};

use crate::auth::session::COOKIE_NAME;
use crate::config::Settings;

/// Builds the session middleware from the settings and key.
pub fn middleware(settings: &Settings, key: Key) -> SessionMiddleware<CookieSessionStore> {
    SessionMiddleware::builder(CookieSessionStore::default(), key)
        .cookie_name(COOKIE_NAME.to_owned())
        .cookie_secure(settings.secure_cookies)
        .cookie_http_only(true)
        .cookie_same_site(SameSite::Lax)
        .cookie_content_security(CookieContentSecurity::Private)
        .session_lifecycle(BrowserSession::default())
        .build()
}
