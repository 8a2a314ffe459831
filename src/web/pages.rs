//! Helpers shared by page handlers: rendering, redirects, links, form errors.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use crate::service::{FieldErrors, ServiceError};
use crate::web::{AppState, WebError};

/// Renders a template as an HTML response with the given status.
pub fn render(
    state: &AppState,
    status: StatusCode,
    template: &str,
    view: &impl Serialize,
) -> Result<HttpResponse, WebError> {
    let html = state.templates.render(template, view)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html))
}

/// `303 See Other` to a local path (after a successful POST).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((LOCATION, location.to_owned()))
        .finish()
}

/// Only local paths are followed after sign-in (no open redirect).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// The site's base URL for links people copy: `public_url`, else what the request used.
pub fn base_url(state: &AppState, req: &HttpRequest) -> String {
    match &state.settings.public_url {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None => {
            let info = req.connection_info();
            format!("{}://{}", info.scheme(), info.host())
        }
    }
}

/// Splits a service error into field problems (to show with the form) or a page error.
pub fn field_errors(error: ServiceError) -> Result<BTreeMap<String, String>, WebError> {
    match error {
        ServiceError::Invalid(errors) => Ok(errors.into_map()),
        other => Err(other.into()),
    }
}

/// A single field problem as a map (for pages that build their own).
pub fn one_error(field: &str, message: &str) -> BTreeMap<String, String> {
    let mut errors = FieldErrors::new();
    errors.add(field, message);
    errors.into_map()
}

/// The client address used as a rate-limit key (the socket peer; proxies are not trusted).
pub fn client_ip(req: &HttpRequest) -> String {
    req.peer_addr()
        .map_or_else(|| "unknown".to_owned(), |addr| addr.ip().to_string())
}
