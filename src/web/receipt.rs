//! A saved ballot's receipt between the POST and the page it redirects to (post/redirect/get).
//! It lives only in the encrypted session cookie (never in a URL, a log or the database) and
//! the receipt page takes it out as it shows it, so the code is seen once; a reload goes back
//! to the ballot.

use actix_web::HttpResponse;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::service::meetings::ballots::Receipt;
use crate::web::WebError;
use crate::web::context::Ctx;
use crate::web::flash::{self, Flash};
use crate::web::pages::see_other;

/// Session key of the receipt waiting to be shown.
const KEY: &str = "ballot_receipt";

/// A receipt kept for the next page.
#[derive(Debug, Serialize, Deserialize)]
pub struct HeldReceipt {
    /// What it is a receipt for (`meeting 4`, `budget round 2`): a receipt is shown only on
    /// its own ballot's receipt page.
    subject: String,
    /// The receipt code.
    pub code: String,
    /// Its SHA-256.
    pub hash: String,
    /// The ballot replaced an earlier one.
    pub changed: bool,
    /// When it was saved, in Unix seconds.
    at: i64,
}

impl HeldReceipt {
    /// When the ballot was saved (`fallback` if the stored time is unreadable).
    #[must_use]
    pub fn at(&self, fallback: OffsetDateTime) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(self.at).unwrap_or(fallback)
    }
}

/// Keeps `receipt` for the receipt page of `subject` and sends the browser to `to`.
pub fn hold<Id>(
    ctx: &Ctx,
    subject: &str,
    receipt: Receipt<Id>,
    to: &str,
) -> Result<HttpResponse, WebError> {
    let held = HeldReceipt {
        subject: subject.to_owned(),
        code: receipt.code,
        hash: receipt.hash,
        changed: receipt.changed,
        at: receipt.at.unix_timestamp(),
    };
    ctx.visitor
        .session
        .insert(KEY, &held)
        .map_err(|e| WebError::Unexpected(anyhow::anyhow!("keeping the receipt: {e}")))?;
    Ok(see_other(to))
}

/// The receipt waiting for `subject`, taken out of the session.
pub fn take(ctx: &Ctx, subject: &str) -> Option<HeldReceipt> {
    let session = &ctx.visitor.session;
    match session.get::<HeldReceipt>(KEY) {
        Ok(Some(held)) if held.subject == subject => {
            session.remove(KEY);
            Some(held)
        }
        _ => None,
    }
}

/// What a receipt page answers when no receipt waits (a reload, another tab): the ballot, with
/// a line saying the code was shown once.
pub fn shown_once(ctx: &Ctx, ballot: &str) -> Result<HttpResponse, WebError> {
    flash::redirect(
        ctx,
        &Flash::says(
            "Your receipt code was shown once, right after you saved your ballot; \
             this is your ballot as it stands.",
        ),
        ballot,
    )
}
