//! Errors of `/api/v1`: the site's JSON error format (`web::error`, `{"error", "message",
//! "fields"}`), with the API's own stable codes where the status alone is not enough
//! (`invalid_token`, `insufficient_scope`, `invalid_parameter`). The body is written by the
//! one error renderer (`web::error::render_error`) from the [`ErrorDetails`] put in the
//! response here, in the token owner's language.

use actix_web::body::BoxBody;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::i18n::Msg;
use crate::service::{FieldErrors, ServiceError};
use crate::web::WebError;
use crate::web::error::{ErrorDetails, describe};

/// The `WWW-Authenticate` challenge of every 401 (RFC 6750).
pub const CHALLENGE: &str = "Bearer realm=\"roundtable\"";

/// What an API handler or the token check can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 401 `unauthorized`: no `Authorization: Bearer` header (cookies are not accepted).
    #[error("bearer token required")]
    MissingToken,
    /// 401 `invalid_token`: not a current token (unknown, malformed, revoked or expired).
    #[error("invalid bearer token")]
    InvalidToken,
    /// 403 `insufficient_scope`: a read token tried to write.
    #[error("the token's scope does not allow this")]
    InsufficientScope,
    /// 400 `invalid_parameter`: a query parameter could not be understood.
    #[error("invalid query parameter")]
    InvalidParameter(FieldErrors),
    /// 400 `invalid_body`: a JSON body that could not be read (not JSON, a missing or
    /// mistyped field); `fields.body` says what the parser found.
    #[error("invalid JSON body")]
    InvalidBody(FieldErrors),
    /// 415 `unsupported_media_type`: a body sent without `Content-Type: application/json`.
    #[error("the body is not declared as JSON")]
    UnsupportedMediaType,
    /// Anything the web layer can fail with (404, 403, 409, 422, 429, 500, 503 ...).
    #[error(transparent)]
    Web(#[from] WebError),
}

impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> Self {
        match error {
            // The token was valid, so "sign in" cannot be the answer; the owner lost access.
            ServiceError::Unauthenticated => Self::InvalidToken,
            // A form shows a closed window or a cancelled meeting beside its fields; to the
            // API it is the resource's state refusing the change.
            ServiceError::Invalid(fields) => match state_refusal(&fields) {
                Some(refusal) => Self::Web(WebError::Conflict(refusal.clone())),
                None => Self::Web(WebError::from(ServiceError::Invalid(fields))),
            },
            other => Self::Web(WebError::from(other)),
        }
    }
}

/// The message of a form problem that is really the state of the meeting (a window closed,
/// the meeting cancelled): `Some` makes it `409 conflict` instead of `422 invalid_input`.
fn state_refusal(fields: &FieldErrors) -> Option<&Msg> {
    use crate::service::meetings::cancel::{CONFLICT_FIELD, WINDOW_FIELD};
    fields
        .get(WINDOW_FIELD)
        .or_else(|| fields.get(CONFLICT_FIELD))
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(error: sea_orm::DbErr) -> Self {
        Self::Web(WebError::from(error))
    }
}

impl From<crate::auth::rate_limit::Refused> for ApiError {
    fn from(refused: crate::auth::rate_limit::Refused) -> Self {
        Self::Web(WebError::from(refused))
    }
}

impl ApiError {
    /// `invalid_parameter` for one query parameter.
    pub fn parameter(name: &str, message: Msg) -> Self {
        let mut fields = FieldErrors::new();
        fields.add(name, message);
        Self::InvalidParameter(fields)
    }

    fn details(&self) -> Option<ErrorDetails> {
        let (code, message, fields) = match self {
            Self::MissingToken => ("unauthorized", "api-error-unauthorized", FieldErrors::new()),
            Self::InvalidToken => (
                "invalid_token",
                "api-error-invalid-token",
                FieldErrors::new(),
            ),
            Self::InsufficientScope => (
                "insufficient_scope",
                "api-error-insufficient-scope",
                FieldErrors::new(),
            ),
            Self::InvalidParameter(fields) => {
                ("invalid_parameter", "error-bad-request", fields.clone())
            }
            Self::InvalidBody(fields) => ("invalid_body", "api-error-body", fields.clone()),
            Self::UnsupportedMediaType => (
                "unsupported_media_type",
                "api-error-content-type",
                FieldErrors::new(),
            ),
            Self::Web(_) => return None,
        };
        Some(ErrorDetails {
            code,
            message: Msg::new(message),
            fields,
            retry_after_seconds: None,
        })
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::MissingToken | Self::InvalidToken => StatusCode::UNAUTHORIZED,
            Self::InsufficientScope => StatusCode::FORBIDDEN,
            Self::InvalidParameter(_) | Self::InvalidBody(_) => StatusCode::BAD_REQUEST,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Web(e) => e.status_code(),
        }
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        let Some(details) = self.details() else {
            return match self {
                Self::Web(e) => e.error_response(),
                _ => HttpResponse::InternalServerError().finish(),
            };
        };
        let mut response = HttpResponse::build(self.status_code());
        match self {
            Self::MissingToken => {
                response.insert_header((header::WWW_AUTHENTICATE, CHALLENGE));
            }
            Self::InvalidToken => {
                response.insert_header((
                    header::WWW_AUTHENTICATE,
                    format!("{CHALLENGE}, error=\"invalid_token\""),
                ));
            }
            Self::InsufficientScope => {
                response.insert_header((
                    header::WWW_AUTHENTICATE,
                    format!("{CHALLENGE}, error=\"insufficient_scope\", scope=\"read_write\""),
                ));
            }
            _ => {}
        }
        let mut response = response.finish();
        response.extensions_mut().insert(details);
        response
    }
}

/// How a JSON request body that cannot be read is answered (the `JsonConfig` error handler of
/// the whole app): 400 `invalid_body` with the parser's finding in `fields.body`; a body over
/// the limit keeps actix's 413 (`payload_too_large`) and a body that is not
/// `application/json` is 415 `unsupported_media_type`, all rendered as JSON errors by the one
/// renderer.
pub fn json_body_error(
    error: actix_web::error::JsonPayloadError,
    _req: &actix_web::HttpRequest,
) -> actix_web::Error {
    use actix_web::error::JsonPayloadError as E;
    match error {
        E::Overflow { .. } | E::OverflowKnownLength { .. } => error.into(),
        E::ContentType => ApiError::UnsupportedMediaType.into(),
        E::Deserialize(e) => {
            let mut fields = FieldErrors::new();
            fields.add(
                "body",
                Msg::new("api-error-body-detail").arg("detail", e.to_string()),
            );
            ApiError::InvalidBody(fields).into()
        }
        other => {
            let mut fields = FieldErrors::new();
            fields.add(
                "body",
                Msg::new("api-error-body-detail").arg("detail", other.to_string()),
            );
            ApiError::InvalidBody(fields).into()
        }
    }
}

/// The JSON body of every `/api/v1` error, as the OpenAPI document describes it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable machine-readable code: `unauthorized`, `invalid_token`, `insufficient_scope`,
    /// `invalid_parameter`, `invalid_body`, `bad_request`, `forbidden`, `not_found`, `conflict`,
    /// `payload_too_large`, `unsupported_media_type`, `invalid_input`, `too_many_requests`,
    /// `internal_error`, `service_unavailable`.
    #[schema(example = "not_found")]
    pub error: String,
    /// A sentence for people, in the token owner's language.
    pub message: String,
    /// Problems by field or parameter name (empty when none).
    pub fields: std::collections::BTreeMap<String, String>,
    /// Seconds to wait, for 429 and 503 (also in `Retry-After`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
}

/// The stable code the site's renderer gives a status (for the docs and tests).
pub fn code_of(status: StatusCode) -> &'static str {
    describe(status).0
}
