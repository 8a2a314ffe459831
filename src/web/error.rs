//! One error type for handlers, and the renderer that turns every error status into a page
//! (HTML routes) or `{"error": "<stable_code>", "message": "...", "fields": {...}}` (routes under
//! `/api/`).
//! Unexpected errors are logged with their whole cause chain; the page shows no internals.
//! Overload (no free database connection in time) is an answer, not a bug: 503 with
//! `Retry-After`, logged at WARN, decided here for every error path ([`is_overload`]).

use std::collections::BTreeMap;

use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::{StatusCode, header};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpMessage, HttpResponse, ResponseError, web};
use serde::Serialize;

use crate::i18n::{Lang, Msg};
use crate::service::{FieldErrors, ServiceError};
use crate::web::AppState;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// 400: the request itself is malformed.
    #[error("bad request: {0}")]
    BadRequest(Msg),
    /// 401: sign in first (HTML routes redirect to the login page).
    #[error("sign in required")]
    SignInRequired,
    /// 403: the person may not do this (or a CSRF check failed).
    #[error("forbidden")]
    Forbidden,
    /// 404: nothing here, or nothing this person may know exists.
    #[error("not found")]
    NotFound,
    /// 405: the address exists but not for this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 409: the change conflicts with the current state.
    #[error("conflict: {0}")]
    Conflict(Msg),
    /// 422: the input was understood but is not acceptable.
    #[error("invalid input: {message}")]
    Invalid {
        /// Summary for the person.
        message: Msg,
        /// Problems by field name.
        fields: FieldErrors,
    },
    /// 429: too many attempts; try again after this many seconds.
    #[error("too many requests")]
    TooManyRequests {
        /// Seconds until the next attempt is allowed.
        retry_after_seconds: u64,
    },
    /// 500: a bug or an outage. The chain is logged, never shown. When the cause is overload
    /// ([`is_overload`]) it answers 503 with `Retry-After` instead.
    #[error("unexpected error: {0:#}")]
    Unexpected(#[from] anyhow::Error),
}

/// Seconds a client is asked to wait when the server is overloaded.
pub const OVERLOAD_RETRY_SECONDS: u64 = 2;

/// Whether an error means "try again in a moment": every pooled database connection stayed
/// busy for the whole acquire timeout (overload), or the database dropped the connection the
/// request was using (it restarted or was shut down: the pool does not test connections before
/// handing them out, so a connection that died while idle fails its next statement once and is
/// discarded). Looks through the cause chain, so a `DbErr` wrapped in `ServiceError::Unexpected`
/// or `anyhow` contexts is found wherever it was raised.
pub fn is_overload(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        if let Some(db) = cause.downcast_ref::<sea_orm::DbErr>() {
            return db_overload(db);
        }
        cause
            .downcast_ref::<sea_orm::sqlx::Error>()
            .is_some_and(sqlx_unavailable)
    })
}

fn db_overload(error: &sea_orm::DbErr) -> bool {
    use sea_orm::{ConnAcquireErr, DbErr, RuntimeErr};
    match error {
        DbErr::ConnectionAcquire(ConnAcquireErr::Timeout) => true,
        DbErr::Conn(RuntimeErr::SqlxError(e))
        | DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e)) => sqlx_unavailable(e),
        _ => false,
    }
}

/// A pool timeout, a broken connection (I/O), or PostgreSQL's "operator intervention" class
/// (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
fn sqlx_unavailable(error: &sea_orm::sqlx::Error) -> bool {
    use sea_orm::sqlx::Error;
    match error {
        Error::PoolTimedOut | Error::Io(_) => true,
        Error::Database(db) => db.code().is_some_and(|code| code.starts_with("57P")),
        _ => false,
    }
}

/// The public, stable description of an error, carried in the response's extensions until the
/// error renderer turns it into a page or JSON body in the reader's language.
#[derive(Debug, Clone)]
pub struct ErrorDetails {
    /// Stable machine-readable code (`not_found`, `invalid_input`, ...).
    pub code: &'static str,
    /// Message safe to show to anyone.
    pub message: Msg,
    /// Field problems for 422.
    pub fields: FieldErrors,
    /// Seconds to wait for 429.
    pub retry_after_seconds: Option<u64>,
}

/// Stable code, and catalogue keys of the page title and default message, for a status.
pub fn describe(status: StatusCode) -> (&'static str, &'static str, &'static str) {
    match status.as_u16() {
        400 => (
            "bad_request",
            "error-bad-request-title",
            "error-bad-request",
        ),
        401 => (
            "unauthorized",
            "error-unauthorized-title",
            "error-unauthorized",
        ),
        403 => ("forbidden", "error-forbidden-title", "error-forbidden"),
        404 => ("not_found", "error-not-found-title", "error-not-found"),
        405 => (
            "method_not_allowed",
            "error-method-not-allowed-title",
            "error-method-not-allowed",
        ),
        409 => ("conflict", "error-conflict-title", "error-conflict"),
        413 => (
            "payload_too_large",
            "error-payload-too-large-title",
            "error-payload-too-large",
        ),
        422 => (
            "invalid_input",
            "error-invalid-input-title",
            "error-invalid-input",
        ),
        429 => (
            "too_many_requests",
            "error-too-many-requests-title",
            "error-too-many-requests",
        ),
        503 => (
            "service_unavailable",
            "error-service-unavailable-title",
            "error-service-unavailable",
        ),
        s if s >= 500 => ("internal_error", "error-internal-title", "error-internal"),
        _ => ("error", "error-other-title", "error-other"),
    }
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::SignInRequired => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unexpected(e) if is_overload(e) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        let status = self.status_code();
        let (code, _, default_message) = describe(status);
        let mut details = ErrorDetails {
            code,
            message: Msg::new(default_message),
            fields: FieldErrors::new(),
            retry_after_seconds: None,
        };
        match self {
            Self::BadRequest(m) | Self::Conflict(m) => details.message = m.clone(),
            Self::Invalid { message, fields } => {
                details.message = message.clone();
                details.fields = fields.clone();
            }
            Self::TooManyRequests {
                retry_after_seconds,
            } => details.retry_after_seconds = Some(*retry_after_seconds),
            Self::Unexpected(e) if is_overload(e) => {
                tracing::warn!(error = %format!("{e:#}"), "overloaded: answered 503");
                details.retry_after_seconds = Some(OVERLOAD_RETRY_SECONDS);
            }
            Self::Unexpected(e) => tracing::error!(error = %format!("{e:#}"), "request failed"),
            Self::SignInRequired | Self::Forbidden | Self::NotFound | Self::MethodNotAllowed => {}
        }
        let mut response = HttpResponse::build(status);
        if let Some(seconds) = details.retry_after_seconds {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        let mut response = response.finish();
        response.extensions_mut().insert(details);
        response
    }
}

impl From<ServiceError> for WebError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::NotFound => Self::NotFound,
            ServiceError::Unauthenticated => Self::SignInRequired,
            ServiceError::Forbidden => Self::Forbidden,
            ServiceError::Conflict(m) => Self::Conflict(m),
            ServiceError::Invalid(fields) => Self::Invalid {
                message: Msg::new("error-invalid-input"),
                fields,
            },
            ServiceError::Unexpected(e) => Self::Unexpected(e),
        }
    }
}

impl From<crate::auth::rate_limit::Refused> for WebError {
    fn from(refused: crate::auth::rate_limit::Refused) -> Self {
        use crate::auth::rate_limit::Refused;
        match refused {
            Refused::Wait(retry_after_seconds) => Self::TooManyRequests {
                retry_after_seconds,
            },
            Refused::Store(e) => Self::from(e),
        }
    }
}

impl From<sea_orm::DbErr> for WebError {
    fn from(error: sea_orm::DbErr) -> Self {
        Self::Unexpected(anyhow::Error::new(error).context("database call failed"))
    }
}

#[derive(Serialize)]
struct ErrorPage<'a> {
    layout: ErrorLayout,
    title: &'a str,
    message: &'a str,
    fields: &'a BTreeMap<String, String>,
    retry_after: Option<String>,
    request_id: Option<String>,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    error: &'a str,
    message: &'a str,
    /// Always present (empty when no field is at fault), so clients need not test for it.
    fields: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after_seconds: Option<u64>,
}

/// Renders any error status as an HTML page or JSON, unless the handler already wrote its own
/// page or JSON body (a form shown again with the person's input, for example).
pub fn render_error<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let details = res.response().extensions().get::<ErrorDetails>().cloned();
    let already_rendered = res
        .response()
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.starts_with("application/json"));
    if details.is_none() && already_rendered {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (code, title, default_message) = describe(status);
    let details = details.unwrap_or_else(|| ErrorDetails {
        code,
        message: Msg::new(default_message),
        fields: FieldErrors::new(),
        retry_after_seconds: None,
    });
    let (req, original) = res.into_parts();
    let lang = request_lang(&req);
    let title = crate::i18n::text(lang, title);
    let message = details.message.render(lang);
    let fields = details.fields.in_language(lang);
    let mut builder = HttpResponse::build(status);
    for (name, value) in original.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            builder.append_header((name.clone(), value.clone()));
        }
    }
    let is_api = req.path().starts_with("/api/");
    let response = if status == StatusCode::UNAUTHORIZED && !is_api {
        // People get the login page, then come back here (GET only: a form must be re-sent).
        let next = if req.method() == actix_web::http::Method::GET {
            req.uri()
                .path_and_query()
                .map_or("/", |pq| pq.as_str())
                .to_owned()
        } else {
            "/".to_owned()
        };
        let location = format!(
            "/login?next={}",
            form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
        );
        builder
            .status(StatusCode::SEE_OTHER)
            .insert_header((header::LOCATION, location))
            .finish()
    } else if is_api {
        builder.json(ErrorJson {
            error: details.code,
            message: &message,
            fields: &fields,
            retry_after_seconds: details.retry_after_seconds,
        })
    } else {
        let request_id = req
            .extensions()
            .get::<tracing_actix_web::RequestId>()
            .map(ToString::to_string);
        let page = ErrorPage {
            layout: ErrorLayout { lang },
            title: &title,
            message: &message,
            fields: &fields,
            retry_after: details.retry_after_seconds.map(|s| human_wait(s, lang)),
            request_id: status.is_server_error().then_some(request_id).flatten(),
        };
        let html = req
            .app_data::<web::Data<AppState>>()
            .and_then(|state| state.templates.render("error.html", &page).ok())
            .unwrap_or_else(|| format!("<!doctype html><title>{title}</title><h1>{title}</h1>"));
        builder.content_type("text/html; charset=utf-8").body(html)
    };
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body::<B>(),
    ))
}

/// What the base layout needs on an error page: its language (no person, no forms).
#[derive(Serialize)]
struct ErrorLayout {
    lang: Lang,
}

/// The language of an error page: the visitor's when the handler got that far, else the
/// browser's `Accept-Language`.
fn request_lang(req: &actix_web::HttpRequest) -> Lang {
    if let Some(lang) = req.extensions().get::<Lang>() {
        return *lang;
    }
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::En, Lang::negotiate)
}

/// "about 2 minutes", "45 seconds".
pub fn human_wait(seconds: u64, lang: Lang) -> String {
    match seconds {
        0..=1 => crate::i18n::text(lang, "wait-a-second"),
        2..=59 => Msg::new("wait-seconds").arg("count", seconds).render(lang),
        60 => crate::i18n::text(lang, "wait-a-minute"),
        _ => Msg::new("wait-minutes")
            .arg("count", seconds.div_ceil(60))
            .render(lang),
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::{ConnAcquireErr, DbErr};

    use super::*;

    #[test]
    fn a_pool_timeout_is_a_503_however_it_is_wrapped() {
        let direct = WebError::from(DbErr::ConnectionAcquire(ConnAcquireErr::Timeout));
        assert_eq!(direct.status_code(), StatusCode::SERVICE_UNAVAILABLE);
        let through_service = WebError::from(ServiceError::from(DbErr::ConnectionAcquire(
            ConnAcquireErr::Timeout,
        )));
        assert_eq!(
            through_service.status_code(),
            StatusCode::SERVICE_UNAVAILABLE
        );
        let response = through_service.error_response();
        assert_eq!(response.headers().get(header::RETRY_AFTER).unwrap(), "2");
    }

    #[test]
    fn a_dropped_database_connection_is_a_503() {
        use sea_orm::RuntimeErr;
        let lost = std::io::Error::from(std::io::ErrorKind::UnexpectedEof);
        let error = DbErr::Query(RuntimeErr::SqlxError(std::sync::Arc::new(
            sea_orm::sqlx::Error::Io(lost),
        )));
        let web = WebError::from(ServiceError::from(error));
        assert_eq!(web.status_code(), StatusCode::SERVICE_UNAVAILABLE);
        let response = web.error_response();
        assert_eq!(response.headers().get(header::RETRY_AFTER).unwrap(), "2");
    }

    #[test]
    fn other_database_failures_stay_500() {
        let closed = WebError::from(DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed));
        assert_eq!(closed.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
        let query = WebError::from(DbErr::Custom("no such table".to_owned()));
        assert_eq!(query.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
