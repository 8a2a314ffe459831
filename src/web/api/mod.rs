//! The JSON API under `/api/v1` (issue 20): thin handlers over the same services and the same
//! access table as the web pages, authenticated only by personal API tokens
//! (`Authorization: Bearer`, see [`auth`]), described by an OpenAPI 3.1 document generated
//! from these handlers ([`openapi`], ADR 0019).
//!
//! Every endpoint is a row of [`API_ROUTES`]: the router is built from it, the OpenAPI test
//! checks the document lists exactly its paths, and `docs/architecture.md` shows it. Reads
//! answer with an `ETag` and honour `If-None-Match` ([`json_with_etag`]); lists paginate with
//! an opaque cursor ([`cursor`]). The account page's token section lives in [`account`].

pub mod account;
pub mod auth;
pub mod cursor;
pub mod errors;
pub mod me;
pub mod meetings;
pub mod openapi;
pub mod teams;

use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use crate::auth::tokens::hex;
use crate::web::resource;
use crate::web::routes::{Access, Method};
use errors::ApiError;

/// One endpoint of the API.
#[derive(Clone, Copy)]
pub struct ApiRoute {
    /// Method answered.
    pub method: Method,
    /// Full path pattern (`{name}` is one segment), as in the OpenAPI document.
    pub path: &'static str,
    /// The handler, as `module::function`.
    pub handler: &'static str,
    /// Who may use it: the access table's row the service checks for the token's owner.
    pub access: Access,
    /// Whether a bearer token is needed (only the OpenAPI document is public).
    pub needs_token: bool,
    attach: fn(actix_web::Route) -> actix_web::Route,
}

impl std::fmt::Debug for ApiRoute {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} → {}",
            self.method.as_str(),
            self.path,
            self.handler
        )
    }
}

macro_rules! api_route {
    ($method:ident $path:literal => $handler:path, $access:expr, $token:expr) => {
        ApiRoute {
            method: Method::$method,
            path: $path,
            handler: stringify!($handler),
            access: $access,
            needs_token: $token,
            attach: |r| r.to($handler),
        }
    };
}

use crate::access::Action;
use Access::{Public, Rule, SignedIn};

/// Every `/api/v1` endpoint, in matching order.
pub const API_ROUTES: &[ApiRoute] = &[
    api_route!(Get "/api/v1/openapi.json" => openapi::document, Public, false),
    api_route!(Get "/api/v1/me" => me::show, SignedIn, true),
    api_route!(Get "/api/v1/teams" => teams::list, SignedIn, true),
    api_route!(Get "/api/v1/teams/{team}/meetings" => meetings::list, Rule(Action::ViewMeetings), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}" => meetings::show, Rule(Action::ViewMeetings), true),
];

/// Registers every route of [`API_ROUTES`]: one resource per path (other methods answer 405,
/// or 403 `insufficient_scope` first for a read token), token routes behind [`auth::authenticate`].
pub fn configure(cfg: &mut web::ServiceConfig) {
    let mut paths: Vec<&'static str> = Vec::new();
    for route in API_ROUTES {
        if !paths.contains(&route.path) {
            paths.push(route.path);
        }
    }
    for path in paths {
        let mut resource = resource(path);
        let mut needs_token = false;
        for route in API_ROUTES.iter().filter(|r| r.path == path) {
            needs_token |= route.needs_token;
            let method = match route.method {
                Method::Get | Method::GetOrHead => web::get(),
                Method::Post => web::post(),
            };
            resource = resource.route((route.attach)(method));
        }
        if needs_token {
            cfg.service(resource.wrap(from_fn(auth::authenticate)));
        } else {
            cfg.service(resource);
        }
    }
}

/// The table as Markdown, for `docs/architecture.md` (a test keeps the two in step).
pub fn markdown_table() -> String {
    let mut out = String::from("| Method | Path | Handler | Access |\n| --- | --- | --- | --- |\n");
    for route in API_ROUTES {
        let access = if route.needs_token {
            format!("bearer token; {}", route.access.describe())
        } else {
            route.access.describe().to_owned()
        };
        out.push_str(&format!(
            "| {} | `{}` | `api::{}` | {} |\n",
            route.method.as_str(),
            route.path,
            route.handler,
            access
        ));
    }
    out
}

/// `body` as JSON with a strong `ETag` (a hash of the bytes), or `304 Not Modified` when the
/// request's `If-None-Match` already names it. Clients revalidate (`no-cache`); nothing is
/// stored by shared caches (`private`).
pub fn json_with_etag(req: &HttpRequest, body: &impl Serialize) -> Result<HttpResponse, ApiError> {
    let bytes = serde_json::to_vec(body)
        .map_err(|e| ApiError::Web(anyhow::Error::new(e).context("JSON encoding").into()))?;
    let digest = <sha2::Sha256 as sha2::Digest>::digest(&bytes);
    let tag = format!("\"{}\"", hex(digest.get(..16).unwrap_or_default()));
    let cache = (header::CACHE_CONTROL, "private, no-cache");
    if matches_etag(req.headers().get(header::IF_NONE_MATCH), &tag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, tag))
            .insert_header(cache)
            .finish());
    }
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::ETAG, tag))
        .insert_header(cache)
        .body(bytes))
}

/// Whether an `If-None-Match` header names `tag` (weak comparison, as RFC 9110 asks for it).
fn matches_etag(header: Option<&HeaderValue>, tag: &str) -> bool {
    let Some(value) = header.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    value.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == tag
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_compares_weakly_and_accepts_lists_and_star() {
        let tag = "\"abc\"";
        let h = |s: &'static str| HeaderValue::from_static(s);
        assert!(matches_etag(Some(&h("\"abc\"")), tag));
        assert!(matches_etag(Some(&h("W/\"abc\"")), tag));
        assert!(matches_etag(Some(&h("\"x\", \"abc\"")), tag));
        assert!(matches_etag(Some(&h("*")), tag));
        assert!(!matches_etag(Some(&h("\"abd\"")), tag));
        assert!(!matches_etag(None, tag));
    }

    #[test]
    fn every_route_names_an_access_rule_with_a_row_and_no_route_is_listed_twice() {
        for (i, route) in API_ROUTES.iter().enumerate() {
            assert!(route.path.starts_with("/api/v1/"), "{route:?}");
            if let Access::Rule(action) = route.access {
                assert!(
                    crate::access::MATRIX.iter().any(|(a, _, _)| *a == action),
                    "{route:?}"
                );
            }
            assert!(
                !API_ROUTES
                    .iter()
                    .skip(i + 1)
                    .any(|r| r.path == route.path && r.method == route.method),
                "{route:?} twice"
            );
        }
    }
}
