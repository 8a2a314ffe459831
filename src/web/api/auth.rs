//! Who is calling `/api/v1`: the `Authorization: Bearer` token and nothing else. A session
//! cookie is ignored here, so a page in a browser can never make an API call on a person's
//! behalf; that is also why the CSRF check (`web::middleware::csrf`, which skips `/api/`)
//! does not apply to token requests.
//!
//! [`authenticate`] wraps every token route: it checks the token (`service::api_tokens`),
//! counts the request against the token's rate limit (the shared buckets of ADR 0014),
//! refuses a read token anything but a read, and leaves an [`ApiCaller`] for the handler.

use std::future::{Ready, ready};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{Error, FromRequest, HttpMessage, HttpRequest, web};

use crate::access::Principal;
use crate::auth::rate_limit::Quota;
use crate::i18n::Lang;
use crate::service::api_tokens::Scope;
use crate::service::api_tokens::{self, Authenticated};
use crate::web::AppState;
use crate::web::api::errors::ApiError;

/// Requests per token: a burst of 300, then one a second (3,600 an hour) on average.
pub const API_PER_TOKEN: Quota = Quota {
    name: "api-token",
    burst: 300,
    period_seconds: 1,
};

/// The caller of an API request, as [`authenticate`] found them.
#[derive(Debug, Clone, Copy)]
pub struct ApiCaller {
    /// The token's row id.
    pub token_id: i64,
    /// The token's owner: every access decision is made for them.
    pub principal: Principal,
    /// What the token may do.
    pub scope: Scope,
    /// The language messages are written in.
    pub lang: Lang,
    /// The request's time, read once from the injected clock.
    pub now: time::OffsetDateTime,
}

impl FromRequest for ApiCaller {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // Only routes wrapped in `authenticate` ask for a caller; without one, no token.
        ready(
            req.extensions()
                .get::<ApiCaller>()
                .copied()
                .ok_or(ApiError::MissingToken),
        )
    }
}

/// Whether a method only reads.
pub fn reads_only(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The secret of an `Authorization: Bearer <secret>` header (scheme in any case).
pub fn bearer(req: &ServiceRequest) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| secret.trim())
        .filter(|s| !s.is_empty())
}

/// The token check around every `/api/v1` route that needs one.
pub async fn authenticate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    match caller(&req).await {
        Ok(caller) => {
            req.extensions_mut().insert(caller.lang);
            req.extensions_mut().insert(caller);
            next.call(req)
                .await
                .map(ServiceResponse::map_into_boxed_body)
        }
        Err(error) => Ok(req.error_response(error)),
    }
}

async fn caller(req: &ServiceRequest) -> Result<ApiCaller, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError::Web(anyhow::anyhow!("no app state").into()))?;
    let secret = bearer(req).ok_or(ApiError::MissingToken)?;
    let now = state.clock.now();
    let Authenticated {
        token_id,
        principal,
        scope,
        lang,
    } = api_tokens::authenticate(&state.db.conn, secret, now).await?;
    let lang = lang.unwrap_or_else(|| {
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map_or(Lang::En, Lang::negotiate)
    });
    // Counted before the scope check: a refused write still costs the caller a request.
    state
        .limits
        .check(&[(&API_PER_TOKEN, &token_id.to_string())], now)
        .await?;
    if scope == Scope::Read && !reads_only(req.method()) {
        return Err(ApiError::InsufficientScope);
    }
    Ok(ApiCaller {
        token_id,
        principal,
        scope,
        lang,
        now,
    })
}
