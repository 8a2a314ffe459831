//! CSRF protection by the synchronizer-token pattern: each session holds a random token, every
//! form carries it in a hidden `csrf_token` field (or scripts send `X-CSRF-Token`), and this
//! middleware refuses any state-changing request whose token is missing or wrong with a 403,
//! before routing, so no POST route can forget the check. See ADR 0006.

use actix_session::{Session, SessionExt};
use actix_web::Error;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web::Bytes;

use crate::auth::tokens::{random_token, same_secret};
use crate::web::WebError;

/// Session key of the token.
pub const SESSION_KEY: &str = "csrf";
/// Form field carrying the token.
pub const FORM_FIELD: &str = "csrf_token";
/// Header carrying the token (for scripts).
pub const HEADER: &str = "x-csrf-token";

/// The session's token, created on first use.
pub fn token(session: &Session) -> Result<String, WebError> {
    if let Ok(Some(existing)) = session.get::<String>(SESSION_KEY) {
        return Ok(existing);
    }
    let fresh = random_token();
    session
        .insert(SESSION_KEY, &fresh)
        .map_err(|e| WebError::Unexpected(anyhow::anyhow!("storing CSRF token: {e}")))?;
    Ok(fresh)
}

fn changes_state(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Middleware: checks the token on every state-changing request outside `/api/` (the API uses
/// bearer tokens, not cookies).
pub async fn verify(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if !changes_state(req.method()) || req.path().starts_with("/api/") {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let expected = req.get_session().get::<String>(SESSION_KEY).ok().flatten();
    let sent = match req.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        Some(header) => Some(header.to_owned()),
        None => {
            let body = match req.extract::<Bytes>().await {
                Ok(body) => body,
                Err(e) => return Ok(req.error_response(e)),
            };
            let found = form_urlencoded::parse(&body)
                .find(|(key, _)| key == FORM_FIELD)
                .map(|(_, value)| value.into_owned());
            req.set_payload(Payload::from(body));
            found
        }
    };
    match (expected, sent) {
        (Some(expected), Some(sent)) if same_secret(&expected, &sent) => next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body),
        _ => Ok(req.error_response(WebError::Forbidden)),
    }
}
