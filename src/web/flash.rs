//! One-line confirmations shown once, on the page a successful form redirects to
//! (post/redirect/get): reloading that page never submits the form again. A confirmation may
//! carry a secret link to copy (a new invitation or reset link): it lives only in the session
//! cookie, which is encrypted (`CookieContentSecurity::Private`), and is gone once shown.

use actix_session::Session;
use actix_web::HttpResponse;
use serde::{Deserialize, Serialize};

use crate::web::WebError;
use crate::web::context::Ctx;
use crate::web::pages::see_other;

const KEY: &str = "flash";

/// What the next page says once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    /// The confirmation, one sentence.
    pub message: String,
    /// A link to copy, shown only now.
    pub link: Option<FlashLink>,
    /// Where to go next, if there is an obvious next step.
    #[serde(default)]
    pub next: Option<FlashLink>,
}

/// A link to copy, with its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlashLink {
    /// What the link is and what to do with it.
    pub label: String,
    /// The address.
    pub href: String,
}

impl Flash {
    /// A plain confirmation.
    pub fn says(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            link: None,
            next: None,
        }
    }

    /// The same confirmation, offering the next step as a link.
    #[must_use]
    pub fn then(mut self, label: impl Into<String>, href: String) -> Self {
        self.next = Some(FlashLink {
            label: label.into(),
            href,
        });
        self
    }

    /// A confirmation with a link to copy.
    pub fn with_link(message: impl Into<String>, label: impl Into<String>, href: String) -> Self {
        Self {
            message: message.into(),
            link: Some(FlashLink {
                label: label.into(),
                href,
            }),
            next: None,
        }
    }
}

/// Keeps `flash` for the next page.
pub fn set(session: &Session, flash: &Flash) -> anyhow::Result<()> {
    session
        .insert(KEY, flash)
        .map_err(|e| anyhow::anyhow!("storing a confirmation in the session: {e}"))
}

/// The confirmation waiting for this page, taken out so it shows once. An unreadable one is
/// dropped: it was only a message.
pub fn take(session: &Session) -> Option<Flash> {
    session.remove_as::<Flash>(KEY).and_then(Result::ok)
}

/// Keeps `flash` for the next page and sends the browser there (303 See Other).
pub fn redirect(ctx: &Ctx, flash: &Flash, to: &str) -> Result<HttpResponse, WebError> {
    set(&ctx.visitor.session, flash)?;
    Ok(see_other(to))
}
