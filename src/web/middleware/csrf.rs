//! The CSRF check as middleware: every state-changing request outside `/api/` must carry the
//! session's token (`auth::csrf`) or is refused with a 403 before routing, so no POST route can
//! forget it. See ADR 0006.

use actix_session::SessionExt;
use actix_web::Error;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web::Bytes;

use crate::auth::csrf::{FORM_FIELD, HEADER, SESSION_KEY, matches};
use crate::web::WebError;

fn changes_state(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Checks the token on every state-changing request outside `/api/` (the API uses bearer
/// tokens, not cookies). The token comes from the `X-CSRF-Token` header or the form body, which
/// is put back for the handler.
pub async fn verify(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // Unsubscribe links carry their own signature and are followed from mail programs
    // (RFC 8058 one-click) without cookies, so no session token can be asked for.
    if !changes_state(req.method())
        || req.path().starts_with("/api/")
        || req.path().starts_with("/unsubscribe/")
    {
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
    if matches(expected.as_deref(), sent.as_deref()) {
        next.call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body)
    } else {
        Ok(req.error_response(WebError::Forbidden))
    }
}
