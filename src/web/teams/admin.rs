//! The site admin's list of every team, with the form that creates one (its first leader's
//! invitation link is shown once, on the list it redirects to).

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use crate::i18n::{text, text_with};
use crate::service::teams::{self, TeamForm};
use crate::web::WebError;
use crate::web::context::{Ctx, FieldMap, done_or_reshow, status_for};
use crate::web::flash::{self, Flash};
use crate::web::pages::base_url;
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct AdminTeamRow {
    name: String,
    slug: String,
    /// How many members, as the reader writes numbers ("1,204", "1 204").
    members: String,
}

#[derive(Serialize)]
struct AdminTeamsPage<'a> {
    title: String,
    layout: Layout,
    teams: Vec<AdminTeamRow>,
    form: &'a TeamForm,
    errors: BTreeMap<String, String>,
    /// The zone preselected: as typed, else the admin's own, else UTC.
    time_zone: String,
}

async fn admin_page(
    ctx: &Ctx,
    form: &TeamForm,
    errors: FieldMap,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.visitor.lang;
    let teams = teams::all_teams(ctx.db(), ctx.principal())
        .await?
        .into_iter()
        .map(|(team, members)| AdminTeamRow {
            name: team.name,
            slug: team.slug,
            members: crate::format::number_in(i64::try_from(members).unwrap_or(i64::MAX), lang),
        })
        .collect();
    let status = status_for(&errors);
    let page = AdminTeamsPage {
        title: text(lang, "st-admin-heading"),
        layout: ctx.layout(),
        teams,
        time_zone: match form.time_zone.trim() {
            "" => ctx.principal().zone.map_or("UTC", |z| z.name()).to_owned(),
            typed => typed.to_owned(),
        },
        form,
        errors,
    };
    ctx.render(status, "admin_teams.html", &page)
}

/// `GET /admin/teams`.
pub async fn admin_teams(ctx: Ctx) -> Result<HttpResponse, WebError> {
    admin_page(&ctx, &TeamForm::default(), BTreeMap::new()).await
}

/// `POST /admin/teams`: creates the team and goes back to the list, which shows its first
/// leader's invitation link once.
pub async fn create_team(
    req: HttpRequest,
    ctx: Ctx,
    form: web::Form<TeamForm>,
) -> Result<HttpResponse, WebError> {
    let result = teams::create_team(ctx.db(), ctx.principal(), &form).await;
    done_or_reshow(
        ctx.lang(),
        result,
        |created| {
            let base = base_url(&ctx.state, &req);
            let link = format!("{base}/invite/{}", created.leader_invitation);
            let team = [("team", created.team.name.clone())];
            let lang = ctx.visitor.lang;
            let flash = Flash::with_link(
                text_with(lang, "st-admin-created", &team),
                text_with(lang, "st-admin-leader-link", &team),
                link,
            );
            std::future::ready(flash::redirect(&ctx, &flash, "/admin/teams"))
        },
        |errors| admin_page(&ctx, &form, errors),
    )
    .await
}
