//! The `Visitor` extractor: who is asking (checked against the user's auth epoch, the idle
//! timeout and the server-side session row on every request) and the session's CSRF token, for forms and the layout.

use crate::domain::ids::UserId;
use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use serde::Serialize;

use crate::access::Principal;
use crate::auth::csrf;
use crate::auth::session::{SessionUser, USER_KEY, still_valid};
use crate::domain::zone::Zone;
use crate::i18n::Lang;
use crate::service::sessions;
use crate::web::{AppState, WebError};

/// A signed-in person, as pages see them.
#[derive(Debug, Clone, Serialize)]
pub struct SignedIn {
    /// User id.
    pub id: UserId,
    /// Email address.
    pub email: String,
    /// Name shown to teammates.
    pub display_name: String,
    /// Site administrator?
    pub is_admin: bool,
    /// Current auth epoch.
    #[serde(skip)]
    pub epoch: i64,
    /// Unread notifications in all their teams (the bell in the header).
    pub unread: u64,
    /// Their own time zone, if they chose one.
    pub zone: Option<Zone>,
    /// Their chosen language, if they chose one (else their browser's).
    pub language: Option<Lang>,
}

/// What every page's layout needs: the person (for the navigation) and the CSRF token.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    /// The signed-in person, if any.
    pub user: Option<SignedIn>,
    /// Token for the forms on the page.
    pub csrf_token: String,
    /// The confirmation of the form that led here, shown once.
    pub flash: Option<crate::web::flash::Flash>,
    /// The request's path (marks the current page in navigation).
    pub path: String,
    /// The language of the page.
    pub lang: Lang,
}

/// The person making the request.
pub struct Visitor {
    /// Signed-in person, if any.
    pub user: Option<SignedIn>,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// The session itself (for signing in and out).
    pub session: Session,
    /// The request's path.
    pub path: String,
    /// The language pages speak to them: their choice, else their browser's.
    pub lang: Lang,
}

impl Visitor {
    /// For access decisions.
    pub fn principal(&self) -> Principal {
        Principal {
            user_id: self.user.as_ref().map(|u| u.id),
            is_admin: self.user.as_ref().is_some_and(|u| u.is_admin),
            zone: self.user.as_ref().and_then(|u| u.zone),
        }
    }

    /// The layout model for a page; takes the waiting confirmation, so call it once per page.
    pub fn layout(&self) -> Layout {
        Layout {
            user: self.user.clone(),
            csrf_token: self.csrf_token.clone(),
            flash: crate::web::flash::take(&self.session),
            path: self.path.clone(),
            lang: self.lang,
        }
    }

    /// The signed-in person, or a redirect to the login page.
    pub fn require_user(&self) -> Result<&SignedIn, WebError> {
        self.user.as_ref().ok_or(WebError::SignInRequired)
    }
}

impl FromRequest for Visitor {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let session = req.get_session();
        let path = req.path().to_owned();
        let browser_lang = req
            .headers()
            .get(actix_web::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map_or(Lang::En, Lang::negotiate);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let req = req.clone();
        Box::pin(async move {
            let state =
                state.ok_or_else(|| WebError::Unexpected(anyhow::anyhow!("no app state")))?;
            let csrf_token = csrf::token(&session)?;
            let now = state.clock.now().unix_timestamp();
            let idle = i64::from(state.settings.session.idle_timeout_minutes) * 60;
            let mut user = None;
            if let Ok(Some(stored)) = session.get::<SessionUser>(USER_KEY) {
                let found = sessions::live_account(&state.db.conn, &stored.sid, stored.id).await?;
                match found {
                    Some(sessions::LiveAccount {
                        user: model,
                        unread,
                    }) if still_valid(&stored, model.auth_epoch, now, idle) => {
                        if now - stored.seen >= 60 {
                            sessions::touch(&state.db.conn, &stored.sid, state.clock.now()).await?;
                            let refreshed = SessionUser {
                                seen: now,
                                ..stored
                            };
                            session.insert(USER_KEY, refreshed).map_err(|e| {
                                WebError::Unexpected(anyhow::anyhow!("session: {e}"))
                            })?;
                        }
                        user = Some(SignedIn {
                            unread,
                            id: model.id,
                            email: model.email,
                            display_name: model.display_name,
                            is_admin: model.is_admin,
                            epoch: model.auth_epoch,
                            zone: model.time_zone.as_deref().map(Zone::stored),
                            language: model.language.as_deref().and_then(Lang::parse),
                        });
                    }
                    _ => {
                        session.remove(USER_KEY);
                    }
                }
            }
            let lang = user
                .as_ref()
                .and_then(|u| u.language)
                .unwrap_or(browser_lang);
            // For the error page, should this request end in one.
            req.extensions_mut().insert(lang);
            Ok(Visitor {
                user,
                csrf_token,
                session,
                path,
                lang,
            })
        })
    }
}
