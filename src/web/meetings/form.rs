//! The meeting form page (leaders), new or editing: the stored or default values, or what was
//! typed with its problems when a save was refused, and the choices it offers.

use crate::domain::ids::MeetingId;
use crate::domain::zone::Zone;
use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::domain::meeting::{Privacy, ResultsVisibility};
use crate::i18n::{Lang, text};
use crate::service::meetings::MeetingForm;
use crate::service::meetings::form::{self, AVAILABLE_RULES, FacilitatorChange, FacilitatorChoice};
use crate::web::WebError;
use crate::web::context::{Ctx, FieldMap, redirect_or_reshow, status_for};
use crate::web::person_fields::push_option;
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct Choice {
    value: &'static str,
    label: String,
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
    /// The facilitator choices as `<option>`s (least recently facilitated first), for `pick`.
    facilitator_options: String,
    history: Vec<FacilitatorChange>,
    rules: Vec<Choice>,
    privacy_options: Vec<Choice>,
    visibility_options: Vec<Choice>,
    /// The zone the times are typed in (the person's own, else the team's).
    zone: Zone,
}

fn rule_choices(lang: Lang) -> Vec<Choice> {
    AVAILABLE_RULES
        .iter()
        .map(|r| Choice {
            value: r.as_str(),
            label: text(
                lang,
                match r {
                    crate::domain::meeting::AgendaRule::SequentialIrv => "mt-form-rule-irv",
                    crate::domain::meeting::AgendaRule::EqualShares => "mt-form-rule-mes",
                },
            ),
        })
        .collect()
}

fn privacy_choices(lang: Lang) -> Vec<Choice> {
    vec![
        Choice {
            value: Privacy::Secret.as_str(),
            label: text(lang, "mt-form-privacy-secret"),
        },
        Choice {
            value: Privacy::Open.as_str(),
            label: text(lang, "mt-form-privacy-open"),
        },
    ]
}

fn visibility_choices(lang: Lang) -> Vec<Choice> {
    vec![
        Choice {
            value: ResultsVisibility::AfterClose.as_str(),
            label: text(lang, "mt-form-visibility-after-close"),
        },
        Choice {
            value: ResultsVisibility::Live.as_str(),
            label: text(lang, "mt-form-visibility-live"),
        },
    ]
}

/// The choices written once as `<option>`s: a team of 2,000 would otherwise be serialised into
/// the page's context and copied again into the template function.
fn facilitator_options(choices: &[FacilitatorChoice]) -> String {
    let mut out = String::with_capacity(choices.len() * 64);
    for choice in choices {
        push_option(&mut out, &choice.value, &choice.label);
    }
    out
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
    let lang = ctx.lang();
    let (team_slug, loaded, facilitators, history, zone) = match meeting_id {
        Some(id) => {
            let (access, form, choices) = form::edit_form(
                ctx.db(),
                &ctx.state.rosters,
                ctx.principal(),
                slug,
                id,
                ctx.now,
                lang,
            )
            .await?;
            let history = form::facilitator_history(ctx.db(), id, access.zone, lang).await?;
            (access.team.slug, form, choices, history, access.zone)
        }
        None => {
            let (access, form, choices) = form::new_form(
                ctx.db(),
                &ctx.state.rosters,
                ctx.principal(),
                slug,
                ctx.now,
                lang,
            )
            .await?;
            (access.team.slug, form, choices, Vec::new(), access.zone)
        }
    };
    let (title, action) = match meeting_id {
        Some(id) => (
            text(lang, "mt-form-title-edit"),
            format!("/teams/{team_slug}/meetings/{id}/edit"),
        ),
        None => (
            text(lang, "mt-form-title-new"),
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
        facilitator_options: facilitator_options(&facilitators),
        history,
        rules: rule_choices(lang),
        privacy_options: privacy_choices(lang),
        visibility_options: visibility_choices(lang),
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
        ctx.lang(),
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
        ctx.lang(),
        result,
        |()| format!("/teams/{slug}/meetings/{id}"),
        |errors| form_page(&ctx, &slug, Some(id), Some(&form), errors),
    )
    .await
}
