//! Errors of `/api/v1`: the site's JSON error format (`web::error`, `{"error", "message",
//! "fields"}`), with the API's own stable codes where the status alone is not enough
//! (`invalid_token`, `insufficient_scope`, `invalid_parameter`). The body is written by the
//! one error renderer (`web::error::render_error`) from the [`ErrorDetails`] put in the
//! response here, in the token owner's language.

use actix_web::body::BoxBody;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{IntoResponses, ToSchema};

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

// The error answers operations share, as sets for `responses(...)` of `#[utoipa::path]`. A set
// (an `IntoResponses` type) stands among the tuples; utoipa merges all into one map by status,
// a later entry replacing an earlier one of the same status. So an operation lists its
// successes, then a set, then its own error tuples: a 403 saying who may, a 404 or 400 that
// says more than the set's.

/// Error answers the shared response sets are made of: status and description.
const NO_TOKEN: (u16, &str) = (401, "No token, or not a current one");
const TOO_MANY: (u16, &str) = (429, "Too many requests with this token");
const NOT_FOUND: (u16, &str) = (404, "No such team or item, or not the owner's");
const BAD_BODY: (u16, &str) = (400, "A body that is not this JSON");
const TOO_LARGE: (u16, &str) = (413, "Body too large");
const BAD_PAGE: (u16, &str) = (400, "A bad `cursor` or `limit`");

/// One documented error answer: `description`, with an [`ErrorBody`] as JSON (what a
/// `(status = …, description = …, body = ErrorBody)` tuple of `#[utoipa::path]` gives).
fn error_response(description: &str) -> RefOr<Response> {
    let body = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("ErrorBody")))
        .build();
    ResponseBuilder::new()
        .description(description)
        .content("application/json", body)
        .build()
        .into()
}

/// The answers of a set, by status.
fn error_responses(answers: &[(u16, &str)]) -> BTreeMap<String, RefOr<Response>> {
    answers
        .iter()
        .map(|(status, description)| (status.to_string(), error_response(description)))
        .collect()
}

/// The refusals of every token route: 401 and 429.
pub struct TokenErrors;

impl IntoResponses for TokenErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        error_responses(&[NO_TOKEN, TOO_MANY])
    }
}

/// The refusals of a read (or a write without a body) of something in the owner's teams:
/// 401, 404 and 429.
pub struct ReadErrors;

impl IntoResponses for ReadErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        error_responses(&[NO_TOKEN, NOT_FOUND, TOO_MANY])
    }
}

/// The refusals of a paged list in the owner's teams: 400 (a bad `cursor` or `limit`), 401,
/// 404 and 429.
pub struct ListErrors;

impl IntoResponses for ListErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        error_responses(&[BAD_PAGE, NO_TOKEN, NOT_FOUND, TOO_MANY])
    }
}

/// The refusals of a write with a JSON body to something in the owner's teams: 400 (a body
/// that is not the JSON described), 401, 404, 413 and 429. Who may write (403) and what the
/// form refuses (409, 422) are the operation's own.
pub struct WriteErrors;

impl IntoResponses for WriteErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        error_responses(&[BAD_BODY, NO_TOKEN, NOT_FOUND, TOO_LARGE, TOO_MANY])
    }
}

/// The stable code the site's renderer gives a status (for the docs and tests).
pub fn code_of(status: StatusCode) -> &'static str {
    describe(status).0
}

#[cfg(test)]
mod tests {
    /// Every error answer (400 and up) of the document is an `ErrorBody`, described; every
    /// token route answers 401 and 429 (the shared sets and the operations' own tuples alike).
    #[test]
    fn every_error_answer_of_the_openapi_document_is_an_error_body() {
        let json = serde_json::to_value(crate::web::api::openapi::document_value()).unwrap();
        let mut errors = 0;
        for (path, item) in json["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                let Some(answers) = operation["responses"].as_object() else {
                    continue;
                };
                for (status, answer) in answers {
                    if status.as_str() >= "400" {
                        errors += 1;
                        assert_eq!(
                            answer["content"]["application/json"]["schema"]["$ref"],
                            "#/components/schemas/ErrorBody",
                            "{method} {path} {status}"
                        );
                        let described = answer["description"].as_str();
                        assert!(described.is_some_and(|d| !d.is_empty()), "{method} {path}");
                    }
                }
                let bearer = operation["security"]
                    .as_array()
                    .is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()));
                for status in ["401", "429"] {
                    let answered = answers.contains_key(status);
                    assert!(answered || !bearer, "{method} {path} {status}");
                }
            }
        }
        assert!(errors > 0);
    }
}
