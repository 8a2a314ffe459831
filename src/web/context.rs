//! The `Ctx` extractor: everything a handler hands to a service, taken once per request, so a
//! handler says `ctx.db()`, `ctx.principal()` and `ctx.now` instead of reaching into the state,
//! the visitor and the clock separately (and cannot read the clock twice with two answers).
//! Also the one shape of a form POST: [`redirect_or_reshow`].

use std::collections::BTreeMap;
use std::future::{Future, Ready, ready};
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use sea_orm::{DatabaseConnection, DatabaseTransaction, TransactionTrait};
use serde::Serialize;
use time::OffsetDateTime;

use crate::access::Principal;
use crate::i18n::Lang;
use crate::service::ServiceError;
use crate::web::pages::{render, see_other};
use crate::web::visitor::{Layout, SignedIn, Visitor};
use crate::web::{AppState, WebError};

/// Who asks, with what, and when: the state (database, templates, settings, limits), the
/// checked visitor and the clock's reading for this request.
pub struct Ctx {
    /// Shared application state.
    pub state: web::Data<AppState>,
    /// The person asking (checked against their session on extraction).
    pub visitor: Visitor,
    /// The injected clock's time, read once: every decision in one request sees the same now.
    pub now: OffsetDateTime,
}

impl Ctx {
    /// The connection pool services run on.
    pub fn db(&self) -> &DatabaseConnection {
        &self.state.db.conn
    }

    /// One pooled connection for all the reads of a page, in a transaction (one snapshot on
    /// SQLite). Each statement on the pool checks a connection out and back in (sqlx pings it
    /// on the way back); a page of two dozen statements on one connection saves most of that.
    /// For pages that only read: the transaction is rolled back when it is dropped.
    pub async fn reads(&self) -> Result<DatabaseTransaction, WebError> {
        Ok(self.db().begin().await?)
    }

    /// The roster of `team` at `version` (its `roster_version`, as read with the team for this
    /// request): kept from an earlier request at the same version, else read now.
    pub async fn roster(
        &self,
        team: crate::domain::ids::TeamId,
        version: i64,
    ) -> Result<std::sync::Arc<Vec<crate::service::teams::Member>>, WebError> {
        Ok(self.state.rosters.of(self.db(), team, version).await?)
    }

    /// The person fields' options for `team` at `version` (its `roster_version`), written
    /// once per version from [`Ctx::roster`].
    pub async fn member_options(
        &self,
        team: crate::domain::ids::TeamId,
        version: i64,
    ) -> Result<std::sync::Arc<crate::web::person_fields::MemberOptions>, WebError> {
        if let Some(kept) = self.state.person_fields.get(team, version) {
            return Ok(kept);
        }
        let members = self.roster(team, version).await?;
        Ok(self.state.person_fields.keep(team, version, &members))
    }

    /// For access decisions in services.
    pub fn principal(&self) -> Principal {
        self.visitor.principal()
    }

    /// The language the page speaks to this visitor.
    pub fn lang(&self) -> Lang {
        self.visitor.lang
    }

    /// The layout model (person and CSRF token) every page needs.
    pub fn layout(&self) -> Layout {
        self.visitor.layout()
    }

    /// The signed-in person, or the sign-in redirect.
    pub fn require_user(&self) -> Result<&SignedIn, WebError> {
        self.visitor.require_user()
    }

    /// Renders `template` with `view` as an HTML response.
    pub fn render(
        &self,
        status: StatusCode,
        template: &str,
        view: &impl Serialize,
    ) -> Result<HttpResponse, WebError> {
        render(&self.state, status, template, view)
    }
}

impl FromRequest for Ctx {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let visitor = Visitor::from_request(req, payload);
        Box::pin(async move {
            let state =
                state.ok_or_else(|| WebError::Unexpected(anyhow::anyhow!("no app state")))?;
            let visitor = visitor.await?;
            let now = state.clock.now();
            Ok(Ctx {
                state,
                visitor,
                now,
            })
        })
    }
}

/// What a refused form shows next to its fields, by field name.
pub type FieldMap = BTreeMap<String, String>;

/// The status of a page that may show a refused form: 200, or 422 when it has problems (409
/// when a problem is a conflict with the current state, such as a cancelled meeting).
pub fn status_for(errors: &FieldMap) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else if errors.contains_key(crate::service::meetings::cancel::CONFLICT_FIELD) {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// The one shape of a form POST: on success `done` answers (a page or a redirect), on invalid
/// input `reshow` renders the form again with the person's input and the field problems (422),
/// and any other error becomes its error page. Input is never thrown away by a redirect.
pub async fn done_or_reshow<T, D, R>(
    lang: Lang,
    result: Result<T, ServiceError>,
    done: impl FnOnce(T) -> D,
    reshow: impl FnOnce(FieldMap) -> R,
) -> Result<HttpResponse, WebError>
where
    D: Future<Output = Result<HttpResponse, WebError>>,
    R: Future<Output = Result<HttpResponse, WebError>>,
{
    match result {
        Ok(value) => done(value).await,
        Err(ServiceError::Invalid(errors)) => reshow(errors.in_language(lang)).await,
        Err(other) => Err(other.into()),
    }
}

/// [`done_or_reshow`] for the usual success: `303 See Other` to the address `location` gives.
pub async fn redirect_or_reshow<T, R>(
    lang: Lang,
    result: Result<T, ServiceError>,
    location: impl FnOnce(T) -> String,
    reshow: impl FnOnce(FieldMap) -> R,
) -> Result<HttpResponse, WebError>
where
    R: Future<Output = Result<HttpResponse, WebError>>,
{
    done_or_reshow(lang, result, |value| redirected(&location(value)), reshow).await
}

fn redirected(location: &str) -> Ready<Result<HttpResponse, WebError>> {
    ready(Ok(see_other(location)))
}
