//! The home page.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::web::{AppState, WebError};

/// View model of the home page.
#[derive(Debug, Serialize)]
pub struct HomePage {
    /// Page title.
    pub title: &'static str,
    /// `true` while the instance has no site administrator yet.
    pub setup_needed: bool,
}

/// `GET /`.
pub async fn show(state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let setup_needed = !crate::service::accounts::admin_exists(&state.db.conn).await?;
    let page = HomePage {
        title: "Home",
        setup_needed,
    };
    let html = state.templates.render("home.html", &page)?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html))
}
