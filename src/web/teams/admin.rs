//! The site admin's list of every team, with the form that creates one and shows its first
//! leader's invitation link once.

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use crate::service::teams::{self, TeamForm};
use crate::web::WebError;
use crate::web::context::{Ctx, FieldMap, done_or_reshow, status_for};
use crate::web::pages::base_url;
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct AdminTeamRow {
    name: String,
    slug: String,
    members: u64,
}

#[derive(Serialize)]
struct AdminTeamsPage<'a> {
    title: &'static str,
    layout: Layout,
    teams: Vec<AdminTeamRow>,
    form: &'a TeamForm,
    errors: BTreeMap<String, String>,
    new_link: Option<String>,
    new_team: Option<String>,
}

async fn admin_page(
    ctx: &Ctx,
    form: &TeamForm,
    errors: FieldMap,
    created: Option<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let teams = teams::all_teams(ctx.db(), ctx.principal())
        .await?
        .into_iter()
        .map(|(team, members)| AdminTeamRow {
            name: team.name,
            slug: team.slug,
            members,
        })
        .collect();
    let status = status_for(&errors);
    let (new_team, new_link) =
        created.map_or((None, None), |(team, link)| (Some(team), Some(link)));
    let page = AdminTeamsPage {
        title: "Teams",
        layout: ctx.layout(),
        teams,
        form,
        errors,
        new_link,
        new_team,
    };
    ctx.render(status, "admin_teams.html", &page)
}

/// `GET /admin/teams`.
pub async fn admin_teams(ctx: Ctx) -> Result<HttpResponse, WebError> {
    admin_page(&ctx, &TeamForm::default(), BTreeMap::new(), None).await
}

/// `POST /admin/teams`: creates the team and shows its first leader's invitation link.
pub async fn create_team(
    req: HttpRequest,
    ctx: Ctx,
    form: web::Form<TeamForm>,
) -> Result<HttpResponse, WebError> {
    let result = teams::create_team(ctx.db(), ctx.principal(), &form).await;
    let fresh = TeamForm::default();
    done_or_reshow(
        result,
        |created| {
            let base = base_url(&ctx.state, &req);
            let link = format!("{base}/invite/{}", created.leader_invitation);
            admin_page(
                &ctx,
                &fresh,
                BTreeMap::new(),
                Some((created.team.name, link)),
            )
        },
        |errors| admin_page(&ctx, &form, errors, None),
    )
    .await
}
