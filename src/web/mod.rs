//! The HTTP layer (actix-web): thin handlers that parse input, call a service and render a
//! view model. Every route is a row of [`routes::ROUTES`]; error pages, security headers,
//! sessions, the CSRF check and panic recovery are wired here once.

pub mod actions;
pub mod api;
pub mod assets;
pub mod auth;
pub mod budgets;
pub mod calendar;
pub mod checkins;
pub mod cohorts;
pub mod comment_pages;
pub mod comments;
pub mod context;
pub mod error;
pub mod flash;
pub mod format;
pub mod health;
pub mod home;
pub mod ledger;
pub mod markdown;
pub mod meetings;
pub mod middleware;
pub mod notices;
pub mod pages;
pub mod paging;
pub mod person_fields;
pub mod receipt;
pub mod role_maps;
pub mod routes;
pub mod state;
pub mod tally_phrases;
pub mod teams;
pub mod templates;
pub mod visitor;

use actix_web::body::BoxBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, Resource, web};

pub use error::WebError;
pub use state::AppState;

/// A resource that answers 405 to methods it does not route and turns a panicking handler
/// into a 500 page. Recovery sits here, after routing, because actix needs sole ownership of
/// the request while it matches the path.
pub fn resource(
    path: &str,
) -> Resource<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<BoxBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    web::resource(path)
        .default_service(web::to(method_not_allowed))
        .wrap(from_fn(middleware::catch_panic))
}

async fn method_not_allowed() -> Result<HttpResponse, WebError> {
    Err(WebError::MethodNotAllowed)
}

/// Fallback for every unknown address.
pub async fn not_found() -> Result<HttpResponse, WebError> {
    Err(WebError::NotFound)
}
