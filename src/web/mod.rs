//! The HTTP layer (actix-web): thin handlers that parse input, call a service and render a
//! view model. Error pages, security headers and panic recovery are wired here once.

pub mod assets;
pub mod error;
pub mod health;
pub mod home;
pub mod middleware;
pub mod state;
pub mod templates;

use actix_web::body::BoxBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, Resource, guard, web};

pub use error::WebError;
pub use state::AppState;

/// Registers every route of the application.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/").route(web::get().to(home::show)))
        .service(resource("/health").route(get_or_head().to(health::show)))
        .service(resource("/static/{path:.*}").route(get_or_head().to(assets::serve)));
}

/// A route answering GET and HEAD (actix drops the body for HEAD).
pub fn get_or_head() -> actix_web::Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

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
