//! Team pages: the team page (purpose, members, roles, your other teams), member management,
//! invitations and reset links. The site admin's team list is `teams/admin.rs`, accepting an
//! invitation `teams/join.rs`; their handlers are re-exported here for the route table.

mod admin;
mod join;

pub use admin::{admin_teams, create_team};
pub use join::{JoinForm, accept, invitation};

use crate::domain::ids::UserId;
use crate::domain::zone::Zone;
use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::i18n::{text, text_with};
use crate::service::accounts;
use crate::service::teams::{
    self, InvitationForm, InvitationRow, MemberPage, MemberQuery, MemberRow,
};
use crate::web::WebError;
use crate::web::context::{Ctx, FieldMap, done_or_reshow, status_for};
use crate::web::flash::{self, Flash};
use crate::web::pages::{base_url, see_other};
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct TeamLink {
    name: String,
    slug: String,
    role: String,
}

/// The member list's search and page (`?q=...&page=...`), kept through member actions so a
/// leader comes back to the page they were on.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<String>,
}

impl ListQuery {
    fn member_query(&self) -> MemberQuery {
        MemberQuery {
            search: self.q.trim().to_owned(),
            // A page that is not a number shows the first page rather than an error.
            page: self
                .page
                .as_deref()
                .and_then(|p| p.trim().parse().ok())
                .unwrap_or(1),
        }
    }

    /// `?q=...&page=...` for links back to the same list (empty for the first, unfiltered page).
    fn suffix(&self) -> String {
        let query = self.member_query();
        list_suffix(&query.search, query.page)
    }
}

fn list_suffix(search: &str, page: u64) -> String {
    let mut pairs = form_urlencoded::Serializer::new(String::new());
    if !search.is_empty() {
        pairs.append_pair("q", search);
    }
    if page > 1 {
        pairs.append_pair("page", &page.to_string());
    }
    let encoded = pairs.finish();
    if encoded.is_empty() {
        String::new()
    } else {
        format!("?{encoded}")
    }
}

/// The member list's paging, formatted for the template.
#[derive(Serialize)]
struct MemberList {
    rows: Vec<MemberRow>,
    search: String,
    total: u64,
    team_total: u64,
    page: u64,
    pages: u64,
    first: u64,
    last: u64,
    /// `?q=...&page=...` of this page, appended to member actions.
    here: String,
    prev: Option<String>,
    next: Option<String>,
    /// Leaders in the team: the only leader is not offered "Make member".
    leaders: u64,
}

impl MemberList {
    fn new(slug: &str, search: &str, members: MemberPage) -> Self {
        let link = |page: u64| format!("/teams/{slug}{}#members", list_suffix(search, page));
        let per_page = teams::MEMBERS_PER_PAGE;
        let first = if members.total == 0 {
            0
        } else {
            (members.page - 1) * per_page + 1
        };
        Self {
            search: search.to_owned(),
            total: members.total,
            team_total: members.team_total,
            page: members.page,
            pages: members.pages,
            first,
            last: (first + members.rows.len() as u64).saturating_sub(1),
            here: list_suffix(search, members.page),
            prev: (members.page > 1).then(|| link(members.page - 1)),
            next: (members.page < members.pages).then(|| link(members.page + 1)),
            leaders: members.leaders,
            rows: members.rows,
        }
    }
}

#[derive(Serialize)]
struct TeamPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    purpose: String,
    my_role: Option<&'static str>,
    can_manage: bool,
    members: MemberList,
    invitations: Vec<InvitationRow>,
    other_teams: Vec<TeamLink>,
    invite_form: &'a InvitationForm,
    errors: BTreeMap<String, String>,
    thanks: Vec<crate::service::ledger::thanks::ThanksLine>,
    /// Open and done actions per owner this term (members only, as the action log).
    follow_through: Vec<crate::service::actions::load::OwnerLoad>,
    /// The site sends mail, so invitations can go to addresses.
    mail_enabled: bool,
    /// The team's zone, and the one the visitor sees times in.
    team_zone: &'static str,
    viewer_zone: &'static str,
    /// The team-zone form's value (the stored zone, or what was typed after a refusal).
    time_zone: String,
    /// What linked teams share with this one (members only; issue 19 cohorts).
    shared: Vec<crate::service::cohorts::shared::SharedItem>,
}

async fn team_page(
    ctx: &Ctx,
    slug: &str,
    list: &ListQuery,
    invite_form: &InvitationForm,
    errors: FieldMap,
    typed_zone: Option<&str>,
) -> Result<HttpResponse, WebError> {
    let query = list.member_query();
    let overview = teams::overview(
        ctx.db(),
        &ctx.state.rosters,
        ctx.principal(),
        slug,
        &query,
        ctx.lang(),
    )
    .await?;
    let other_teams = match &ctx.visitor.user {
        Some(user) => teams::teams_of(ctx.db(), user.id)
            .await?
            .into_iter()
            .filter(|(team, _)| team.id != overview.access.team.id)
            .map(|(team, role)| TeamLink {
                name: team.name,
                slug: team.slug,
                role: role.as_str().to_owned(),
            })
            .collect(),
        None => Vec::new(),
    };
    let status = status_for(&errors);
    let thanks = crate::service::ledger::thanks::public_for_team(
        ctx.db(),
        overview.access.team.id,
        (overview.access.zone, ctx.lang()),
    )
    .await?;
    let follow_through = match overview.access.role {
        Some(_) => {
            crate::service::actions::load::per_owner(ctx.db(), overview.access.team.id, ctx.now)
                .await?
        }
        None => Vec::new(),
    };
    let shared = match overview.access.role {
        Some(_) => {
            crate::service::cohorts::shared::items_for(
                ctx.db(),
                overview.access.team.id,
                overview.access.zone,
                ctx.lang(),
            )
            .await?
        }
        None => Vec::new(),
    };
    let team_zone = Zone::stored(&overview.access.team.time_zone);
    let page = TeamPage {
        shared,
        team_zone: team_zone.name(),
        viewer_zone: overview.access.zone.name(),
        time_zone: typed_zone.map_or_else(|| team_zone.name().to_owned(), str::to_owned),
        follow_through,
        title: overview.access.team.name.clone(),
        layout: ctx.layout(),
        slug: overview.access.team.slug.clone(),
        purpose: overview.access.team.purpose.clone(),
        my_role: overview.access.role.map(|r| r.as_str()),
        can_manage: overview.can_manage,
        members: MemberList::new(&overview.access.team.slug, &query.search, overview.members),
        invitations: overview.invitations,
        other_teams,
        invite_form,
        mail_enabled: ctx.state.settings.mail.enabled(),
        errors,
        thanks,
    };
    ctx.render(status, "team.html", &page)
}

/// `GET /teams/{team}`.
pub async fn show(
    ctx: Ctx,
    slug: web::Path<String>,
    list: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let fresh = InvitationForm::default();
    team_page(&ctx, &slug, &list, &fresh, BTreeMap::new(), None).await
}

/// `POST /teams/{team}/invitations`: back to the team page, which shows the new link once.
pub async fn invite(
    req: HttpRequest,
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<InvitationForm>,
) -> Result<HttpResponse, WebError> {
    let delivery = crate::service::notices::Delivery::of(&ctx.state.settings);
    let result = teams::invite(ctx.db(), ctx.principal(), &slug, &form, delivery, ctx.now).await;
    let first_page = ListQuery::default();
    done_or_reshow(
        ctx.lang(),
        result,
        |invited| {
            let lang = ctx.visitor.lang;
            let flash = match invited {
                teams::Invited::Link(token) => Flash::with_link(
                    text_with(
                        lang,
                        "st-team-invite-created",
                        &[("role", form.role.trim().to_owned())],
                    ),
                    text(lang, "st-team-invite-copy"),
                    format!("{}/invite/{token}", base_url(&ctx.state, &req)),
                ),
                teams::Invited::Mailed(1) => Flash::says(text(lang, "st-team-invite-mailed-one")),
                teams::Invited::Mailed(n) => Flash::says(text_with(
                    lang,
                    "st-team-invite-mailed",
                    &[("count", n.to_string())],
                )),
            };
            std::future::ready(flash::redirect(&ctx, &flash, &format!("/teams/{slug}")))
        },
        |errors| team_page(&ctx, &slug, &first_page, &form, errors, None),
    )
    .await
}

/// `POST /teams/{team}/time-zone`.
pub async fn set_time_zone(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<crate::web::auth::TimeZoneForm>,
) -> Result<HttpResponse, WebError> {
    let result = teams::set_time_zone(ctx.db(), ctx.principal(), &slug, &form.time_zone).await;
    let fresh = InvitationForm::default();
    let first_page = ListQuery::default();
    done_or_reshow(
        ctx.lang(),
        result,
        |zone| {
            let notice = Flash::says(crate::i18n::text_with(
                ctx.visitor.lang,
                "team-zone-saved",
                &[("zone", zone.name().to_owned())],
            ));
            std::future::ready(flash::redirect(&ctx, &notice, &format!("/teams/{slug}")))
        },
        |errors| {
            team_page(
                &ctx,
                &slug,
                &first_page,
                &fresh,
                errors,
                Some(form.time_zone.as_str()),
            )
        },
    )
    .await
}

/// `POST /teams/{team}/invitations/{id}/revoke`.
pub async fn revoke(ctx: Ctx, path: web::Path<(String, i64)>) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    teams::revoke_invitation(ctx.db(), ctx.principal(), &slug, id).await?;
    Ok(see_other(&format!("/teams/{slug}")))
}

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    role: String,
}

/// `POST /teams/{team}/members/{user}/role`.
pub async fn change_role(
    ctx: Ctx,
    path: web::Path<(String, UserId)>,
    list: web::Query<ListQuery>,
    form: web::Form<RoleForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, user_id) = path.into_inner();
    teams::change_role(ctx.db(), ctx.principal(), &slug, user_id, form.role.trim()).await?;
    Ok(see_other(&format!(
        "/teams/{slug}{}#members",
        list.suffix()
    )))
}

/// `POST /teams/{team}/members/{user}/remove`.
pub async fn remove(
    ctx: Ctx,
    path: web::Path<(String, UserId)>,
    list: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let (slug, user_id) = path.into_inner();
    teams::remove_member(ctx.db(), ctx.principal(), &slug, user_id).await?;
    Ok(see_other(&format!(
        "/teams/{slug}{}#members",
        list.suffix()
    )))
}

/// `POST /teams/{team}/leave`.
pub async fn leave(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, WebError> {
    let user = ctx.require_user()?;
    teams::remove_member(ctx.db(), ctx.principal(), &slug, user.id).await?;
    Ok(see_other("/"))
}

/// `POST /teams/{team}/members/{user}/reset-link`: back to the member list, which shows the
/// 24-hour reset link once.
pub async fn reset_link(
    req: HttpRequest,
    ctx: Ctx,
    path: web::Path<(String, UserId)>,
    list: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let (slug, user_id) = path.into_inner();
    let delivery = crate::service::notices::Delivery::of(&ctx.state.settings);
    let issued =
        accounts::issue_reset_link(ctx.db(), ctx.principal(), &slug, user_id, delivery, ctx.now)
            .await?;
    let lang = ctx.visitor.lang;
    let hours = [("hours", accounts::RESET_VALID_HOURS.to_string())];
    let flash = match issued {
        accounts::ResetIssued::Link(token) => Flash::with_link(
            text(lang, "st-team-reset-created"),
            text_with(lang, "st-team-reset-copy", &hours),
            format!("{}/reset/{token}", base_url(&ctx.state, &req)),
        ),
        accounts::ResetIssued::Mailed => {
            Flash::says(text_with(lang, "st-team-reset-mailed", &hours))
        }
    };
    flash::redirect(&ctx, &flash, &format!("/teams/{slug}{}", list.suffix()))
}
