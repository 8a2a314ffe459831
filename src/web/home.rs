//! The home page: your teams when signed in; what Roundtable is and how to start otherwise.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::service::{accounts, teams};
use crate::web::pages::render;
use crate::web::visitor::{Layout, Visitor};
use crate::web::{AppState, WebError};

/// One of my teams.
#[derive(Debug, Serialize)]
pub struct MyTeam {
    /// Team name.
    pub name: String,
    /// Address segment.
    pub slug: String,
    /// My role.
    pub role: &'static str,
}

/// View model of the home page.
#[derive(Debug, Serialize)]
pub struct HomePage {
    /// Page title.
    pub title: &'static str,
    /// Layout (person, CSRF token).
    pub layout: Layout,
    /// `true` while the instance has no site administrator yet.
    pub setup_needed: bool,
    /// The signed-in person's teams.
    pub my_teams: Vec<MyTeam>,
}

/// `GET /`.
pub async fn show(state: web::Data<AppState>, visitor: Visitor) -> Result<HttpResponse, WebError> {
    let setup_needed = !accounts::admin_exists(&state.db.conn).await?;
    let my_teams = match &visitor.user {
        Some(user) => teams::teams_of(&state.db.conn, user.id)
            .await?
            .into_iter()
            .map(|(team, role)| MyTeam {
                name: team.name,
                slug: team.slug,
                role: role.as_str(),
            })
            .collect(),
        None => Vec::new(),
    };
    let page = HomePage {
        title: "Home",
        layout: visitor.layout(),
        setup_needed,
        my_teams,
    };
    render(&state, StatusCode::OK, "home.html", &page)
}
