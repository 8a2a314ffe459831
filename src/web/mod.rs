//! The HTTP layer (actix-web): thin handlers that parse input, call a service and render a
//! view model. Error pages, security headers and panic recovery are wired here once.

pub mod assets;
pub mod auth;
pub mod error;
pub mod format;
pub mod health;
pub mod home;
pub mod ledger;
pub mod meetings;
pub mod middleware;
pub mod pages;
pub mod state;
pub mod teams;
pub mod templates;
pub mod visitor;

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
        .service(resource("/static/{path:.*}").route(get_or_head().to(assets::serve)))
        .service(
            resource("/login")
                .route(web::get().to(auth::login_page))
                .route(web::post().to(auth::login)),
        )
        .service(resource("/logout").route(web::post().to(auth::logout)))
        .service(resource("/account").route(web::get().to(auth::account_page)))
        .service(resource("/account/password").route(web::post().to(auth::change_password)))
        .service(
            resource("/account/logout-everywhere").route(web::post().to(auth::logout_everywhere)),
        )
        .service(
            resource("/reset/{token}")
                .route(web::get().to(auth::reset_page))
                .route(web::post().to(auth::reset)),
        )
        .service(
            resource("/invite/{token}")
                .route(web::get().to(teams::invitation))
                .route(web::post().to(teams::accept)),
        )
        .service(
            resource("/admin/teams")
                .route(web::get().to(teams::admin_teams))
                .route(web::post().to(teams::create_team)),
        )
        .service(resource("/teams/{team}").route(web::get().to(teams::show)))
        .service(resource("/teams/{team}/leave").route(web::post().to(teams::leave)))
        .service(resource("/teams/{team}/invitations").route(web::post().to(teams::invite)))
        .service(
            resource("/teams/{team}/invitations/{id}/revoke").route(web::post().to(teams::revoke)),
        )
        .service(
            resource("/teams/{team}/members/{user}/role").route(web::post().to(teams::change_role)),
        )
        .service(
            resource("/teams/{team}/members/{user}/remove").route(web::post().to(teams::remove)),
        )
        .service(
            resource("/teams/{team}/members/{user}/reset-link")
                .route(web::post().to(teams::reset_link)),
        );
    meeting_routes(cfg);
    ledger_routes(cfg);
}

/// Meetings, proposals, ballots, results and the agreed agenda (issue 7).
fn meeting_routes(cfg: &mut web::ServiceConfig) {
    use meetings::{agenda, ballot, proposals, results};
    cfg.service(
        resource("/teams/{team}/meetings")
            .route(web::get().to(meetings::list))
            .route(web::post().to(meetings::create)),
    )
    .service(resource("/teams/{team}/meetings/new").route(web::get().to(meetings::new_form)))
    .service(resource("/teams/{team}/meetings/{id}").route(web::get().to(meetings::show)))
    .service(
        resource("/teams/{team}/meetings/{id}/edit")
            .route(web::get().to(meetings::edit_form))
            .route(web::post().to(meetings::update)),
    )
    .service(
        resource("/teams/{team}/meetings/{id}/proposals")
            .route(web::get().to(proposals::list))
            .route(web::post().to(proposals::propose)),
    )
    .service(
        resource("/teams/{team}/meetings/{id}/proposals/{proposal}/edit")
            .route(web::get().to(proposals::edit_form))
            .route(web::post().to(proposals::edit)),
    )
    .service(
        resource("/teams/{team}/meetings/{id}/proposals/{proposal}/withdraw")
            .route(web::post().to(proposals::withdraw)),
    )
    .service(
        resource("/teams/{team}/meetings/{id}/proposals/{proposal}/hide")
            .route(web::post().to(proposals::hide)),
    )
    .service(
        resource("/teams/{team}/meetings/{id}/proposals/{proposal}/merge")
            .route(web::post().to(proposals::merge)),
    )
    .service(
        resource("/teams/{team}/meetings/{id}/ballot")
            .route(web::get().to(ballot::show))
            .route(web::post().to(ballot::cast)),
    )
    .service(resource("/teams/{team}/meetings/{id}/results").route(web::get().to(results::show)))
    .service(
        resource("/teams/{team}/meetings/{id}/results/ballots.csv")
            .route(web::get().to(results::ballots_csv)),
    )
    .service(
        resource("/teams/{team}/meetings/{id}/results/receipts.csv")
            .route(web::get().to(results::receipts_csv)),
    )
    .service(
        resource("/teams/{team}/meetings/{id}/results/rules.json")
            .route(web::get().to(results::rules_json)),
    )
    .service(resource("/teams/{team}/meetings/{id}/agenda").route(web::get().to(agenda::show)))
    .service(
        resource("/teams/{team}/meetings/{id}/agenda.ics").route(web::get().to(agenda::calendar)),
    )
    .service(
        resource("/teams/{team}/meetings/{id}/agenda/print").route(web::get().to(agenda::print)),
    )
    .service(
        resource("/teams/{team}/meetings/{id}/agenda/publish")
            .route(web::get().to(agenda::publish_form))
            .route(web::post().to(agenda::publish)),
    );
}

/// The reciprocity ledger, help posts and thank-you notes.
fn ledger_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/teams/{team}/ledger").route(web::get().to(ledger::team)))
        .service(
            resource("/teams/{team}/ledger/members.csv").route(web::get().to(ledger::team_csv)),
        )
        .service(resource("/teams/{team}/ledger/me").route(web::get().to(ledger::me)))
        .service(resource("/teams/{team}/ledger/me.csv").route(web::get().to(ledger::me_csv)))
        .service(resource("/teams/{team}/ledger/settings").route(web::post().to(ledger::settings)))
        .service(
            resource("/teams/{team}/ledger/notifications/read")
                .route(web::post().to(ledger::read_notifications)),
        )
        .service(resource("/teams/{team}/ledger/exchanges").route(web::post().to(ledger::record)))
        .service(
            resource("/teams/{team}/ledger/exchanges/{id}")
                .route(web::get().to(ledger::exchange::show)),
        )
        .service(
            resource("/teams/{team}/ledger/exchanges/{id}/confirm")
                .route(web::post().to(ledger::exchange::confirm)),
        )
        .service(
            resource("/teams/{team}/ledger/exchanges/{id}/adjust")
                .route(web::post().to(ledger::exchange::adjust)),
        )
        .service(
            resource("/teams/{team}/ledger/exchanges/{id}/dispute")
                .route(web::post().to(ledger::exchange::dispute)),
        )
        .service(
            resource("/teams/{team}/ledger/exchanges/{id}/resolve")
                .route(web::post().to(ledger::exchange::resolve)),
        )
        .service(
            resource("/teams/{team}/ledger/exchanges/{id}/reverse")
                .route(web::post().to(ledger::exchange::reverse)),
        )
        .service(
            resource("/teams/{team}/help")
                .route(web::get().to(ledger::help::list))
                .route(web::post().to(ledger::help::create)),
        )
        .service(resource("/teams/{team}/help/{id}").route(web::get().to(ledger::help::show)))
        .service(
            resource("/teams/{team}/help/{id}/responses")
                .route(web::post().to(ledger::help::respond)),
        )
        .service(
            resource("/teams/{team}/help/{id}/close").route(web::post().to(ledger::help::close)),
        )
        .service(resource("/teams/{team}/thanks").route(web::post().to(ledger::thank)))
        .service(
            resource("/teams/{team}/thanks/{id}/hide").route(web::post().to(ledger::hide_thanks)),
        )
        .service(
            resource("/teams/{team}/thanks/{id}/show").route(web::post().to(ledger::show_thanks)),
        );
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
