//! Accepting an invitation link: as the signed-in person, or as a new account created on the
//! spot (rate-limited per address and per token).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::rate_limit::{INVITATION_PER_IP, INVITATION_PER_TOKEN};
use crate::i18n::{Lang, text, text_with};
use crate::service::ServiceError;
use crate::service::accounts::NewUser;
use crate::service::invitations::{self, Closed, ClosedInvitation, InvitationPreview, Joiner};
use crate::web::WebError;
use crate::web::context::{Ctx, FieldMap, done_or_reshow, status_for};
use crate::web::flash::{self, Flash};
use crate::web::pages::client_ip;
use crate::web::visitor::Layout;

/// The invitation form for a new account (the password is never sent back).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct JoinForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default, skip_serializing)]
    password: String,
}

#[derive(Serialize)]
struct InvitePage<'a> {
    title: String,
    layout: Layout,
    token: &'a str,
    invitation: InvitationPreview,
    form: &'a JoinForm,
    errors: BTreeMap<String, String>,
}

async fn invite_page(
    ctx: &Ctx,
    token: &str,
    form: &JoinForm,
    errors: FieldMap,
) -> Result<HttpResponse, WebError> {
    let invitation = match invitations::preview(ctx.db(), token).await {
        Err(ServiceError::NotFound) => return closed_page(ctx, token).await,
        other => other?,
    };
    let page = InvitePage {
        title: text_with(
            ctx.visitor.lang,
            "st-invite-heading",
            &[("team", invitation.team_name.clone())],
        ),
        layout: ctx.layout(),
        token,
        invitation,
        form,
        errors,
    };
    ctx.render(status_for(&page.errors), "invite.html", &page)
}

#[derive(Serialize)]
struct ClosedPage {
    title: String,
    layout: Layout,
    closed: ClosedView,
}

/// A closed invitation as the page shows it: why it closed, in the visitor's language.
#[derive(Serialize)]
struct ClosedView {
    team_name: String,
    why: String,
    leaders: Vec<String>,
}

impl ClosedView {
    fn new(closed: ClosedInvitation, lang: Lang) -> Self {
        let key = match closed.why {
            Closed::Expired => "st-closed-expired",
            Closed::UsedUp => "st-closed-used-up",
            Closed::Revoked => "st-closed-revoked",
        };
        Self {
            team_name: closed.team_name,
            why: text(lang, key),
            leaders: closed.leaders,
        }
    }
}

/// A link that worked once says why it no longer does and whom to ask (410 Gone); one that
/// was never issued is a plain 404.
async fn closed_page(ctx: &Ctx, token: &str) -> Result<HttpResponse, WebError> {
    let Some(closed) = invitations::closed(ctx.db(), token, ctx.now).await? else {
        return Err(WebError::NotFound);
    };
    let lang = ctx.visitor.lang;
    let page = ClosedPage {
        title: text(lang, "st-closed-heading"),
        layout: ctx.layout(),
        closed: ClosedView::new(closed, lang),
    };
    ctx.render(StatusCode::GONE, "invite_closed.html", &page)
}

/// `GET /invite/{token}`.
pub async fn invitation(ctx: Ctx, token: web::Path<String>) -> Result<HttpResponse, WebError> {
    invite_page(&ctx, &token, &JoinForm::default(), BTreeMap::new()).await
}

/// `POST /invite/{token}`: joins as the signed-in person or as a new account.
pub async fn accept(
    req: HttpRequest,
    ctx: Ctx,
    token: web::Path<String>,
    form: web::Form<JoinForm>,
) -> Result<HttpResponse, WebError> {
    ctx.state
        .limits
        .check(
            &[
                (&INVITATION_PER_IP, &client_ip(&req)),
                (&INVITATION_PER_TOKEN, &token),
            ],
            ctx.now,
        )
        .await?;
    let joiner = match &ctx.visitor.user {
        Some(user) => Joiner::Existing(user.id),
        None => Joiner::New(NewUser {
            email: &form.email,
            display_name: &form.display_name,
            password: &form.password,
            is_admin: false,
        }),
    };
    let result = match invitations::accept(ctx.db(), &token, joiner).await {
        Err(ServiceError::NotFound) => return closed_page(&ctx, &token).await,
        other => other,
    };
    done_or_reshow(
        ctx.lang(),
        result,
        |(user_id, slug)| {
            let ctx = &ctx;
            async move {
                if ctx.visitor.user.is_none() {
                    crate::web::auth::start_session(ctx, user_id, 0).await?;
                }
                let welcome = Flash::says(text(ctx.visitor.lang, "st-invite-welcome"));
                flash::redirect(ctx, &welcome, &format!("/teams/{slug}"))
            }
        },
        |errors| invite_page(&ctx, &token, &form, errors),
    )
    .await
}
