//! The meeting form page (leaders), new or editing: the stored or default values, or what was
//! typed with its problems when a save was refused, and the choices it offers.

use crate::domain::ids::MeetingId;
use crate::domain::zone::Zone;
use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::domain::meeting::{Privacy, ResultsVisibility};
use crate::service::meetings::MeetingForm;
use crate::service::meetings::form::{self, AVAILABLE_RULES, FacilitatorChange, FacilitatorChoice};
use crate::web::WebError;
use crate::web::context::{Ctx, FieldMap, redirect_or_reshow, status_for};
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct Choice {
    value: &'static str,
    label: &'static str,
}

#[derive(Serialize)]
struct MeetingFormPage<'a> {
    title: String,
    layout: Layout,
    team_slug: String,
    action: String,
    editing: bool,
    form: &'a MeetingForm,
    errors: BTreeMap<String, String>,
    facilitators: Vec<FacilitatorChoice>,
    history: Vec<FacilitatorChange>,
    rules: Vec<Choice>,
    privacy_options: Vec<Choice>,
    visibility_options: Vec<Choice>,
    /// The zone the times are typed in (the person's own, else the team's).
    zone: Zone,
}

fn rule_choices() -> Vec<Choice> {
    AVAILABLE_RULES
        .iter()
        .map(|r| Choice {
            value: r.as_str(),
            label: match r {
                crate::domain::meeting::AgendaRule::SequentialIrv => {
                    "Ranked order (sequential IRV), then fill the time"
                }
                crate::domain::meeting::AgendaRule::EqualShares => {
                    "Equal shares of time (Method of Equal Shares, minutes as cost)"
                }
            },
        })
        .collect()
}

fn privacy_choices() -> Vec<Choice> {
    vec![
        Choice {
            value: Privacy::Secret.as_str(),
            label: "Secret: nobody can link a ballot to a person after the tally",
        },
        Choice {
            value: Privacy::Open.as_str(),
            label: "Open: leaders can see who ranked what",
        },
    ]
}

fn visibility_choices() -> Vec<Choice> {
    vec![
        Choice {
            value: ResultsVisibility::AfterClose.as_str(),
            label: "After voting closes (recommended: no bandwagon)",
        },
        Choice {
            value: ResultsVisibility::Live.as_str(),
            label: "Live while voting (open ballots only)",
        },
    ]
}

/// The meeting form, new (`meeting_id` is `None`) or editing, with the stored or default
/// values, or with `typed` and its problems when a save was refused.
async fn form_page(
    ctx: &Ctx,
    slug: &str,
    meeting_id: Option<MeetingId>,
    typed: Option<&MeetingForm>,
    errors: FieldMap,
) -> Result<HttpResponse, WebError> {
    let (team_slug, loaded, facilitators, history, zone) = match meeting_id {
        Some(id) => {
            let (access, form, choices) =
                form::edit_form(ctx.db(), ctx.principal(), slug, id, ctx.now).await?;
            let history = form::facilitator_history(ctx.db(), id, access.zone).await?;
            (access.team.slug, form, choices, history, access.zone)
        }
        None => {
            let (access, form, choices) =
                form::new_form(ctx.db(), ctx.principal(), slug, ctx.now).await?;
            (access.team.slug, form, choices, Vec::new(), access.zone)
        }
    };
    let (title, action) = match meeting_id {
        Some(id) => (
            "Edit meeting".to_owned(),
            format!("/teams/{team_slug}/meetings/{id}/edit"),
        ),
        None => (
            "New meeting".to_owned(),
            format!("/teams/{team_slug}/meetings"),
        ),
    };
    let status = status_for(&errors);
    let page = MeetingFormPage {
        title,
        layout: ctx.layout(),
        team_slug,
        action,
        editing: meeting_id.is_some(),
        form: typed.unwrap_or(&loaded),
        errors,
        facilitators,
        history,
        rules: rule_choices(),
        privacy_options: privacy_choices(),
        visibility_options: visibility_choices(),
        zone,
    };
    ctx.render(status, "meeting_form.html", &page)
}

/// `GET /teams/{team}/meetings/new`.
pub async fn new_form(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, WebError> {
    form_page(&ctx, &slug, None, None, BTreeMap::new()).await
}

/// `POST /teams/{team}/meetings`.
pub async fn create(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<MeetingForm>,
) -> Result<HttpResponse, WebError> {
    let result = form::create(ctx.db(), ctx.principal(), &slug, &form, ctx.now).await;
    redirect_or_reshow(
        result,
        |id| format!("/teams/{slug}/meetings/{id}"),
        |errors| form_page(&ctx, &slug, None, Some(&form), errors),
    )
    .await
}

/// `GET /teams/{team}/meetings/{id}/edit`.
pub async fn edit_form(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    form_page(&ctx, &slug, Some(id), None, BTreeMap::new()).await
}

/// `POST /teams/{team}/meetings/{id}/edit`.
pub async fn update(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    form: web::Form<MeetingForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let result = form::update(ctx.db(), ctx.principal(), &slug, id, &form, ctx.now).await;
    redirect_or_reshow(
        result,
        |()| format!("/teams/{slug}/meetings/{id}"),
        |errors| form_page(&ctx, &slug, Some(id), Some(&form), errors),
    )
    .await
}
