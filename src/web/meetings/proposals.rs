//! Proposal pages: the list with the "propose an item" form, editing and withdrawing one's own
//! item, and leaders hiding (with a reason) or merging items.

use crate::domain::ids::{MeetingId, ProposalId};
use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::access::{Action, Principal};
use crate::service::ServiceError;
use crate::service::comments::{self, SubjectKind};
use crate::service::meetings;
use crate::service::meetings::proposals::{self, ProposalForm, ProposalStatus};
use crate::web::WebError;
use crate::web::comment_pages::CommentPage;
use crate::web::comments::Posted;
use crate::web::context::{Ctx, redirect_or_reshow, status_for};
use crate::web::meetings::comments::ProposalThread;
use crate::web::meetings::{MeetingHeader, header, header_on};
use crate::web::pages::{download, see_other};
use crate::web::paging::{PageQuery, Pager};
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct ProposalView {
    id: ProposalId,
    title: String,
    why: String,
    minutes: i32,
    author: String,
    mine: bool,
    status: &'static str,
    note: Option<String>,
    /// Comments on it, hidden ones included (one grouped query for the page).
    comments: u64,
}

#[derive(Serialize)]
struct ProposalsPage<'a> {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    proposals: Vec<ProposalView>,
    /// The number of this page's first item (the list's `start`).
    first: u64,
    pager: Pager,
    others: Vec<ProposalView>,
    /// Items off the list this viewer may see beyond those shown.
    others_more: u64,
    form: &'a ProposalForm,
    errors: BTreeMap<String, String>,
    proposing_open: bool,
    editable: bool,
    can_propose: bool,
    can_moderate: bool,
}

/// Items on the list a proposals page shows (the CSV has them all).
pub const PROPOSALS_PER_PAGE: u64 = 50;

async fn page(
    ctx: &Ctx,
    slug: &str,
    id: MeetingId,
    wanted: u64,
    form: &ProposalForm,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let principal = ctx.principal();
    // Every read on one pooled connection (each statement on the pool would check one out
    // and back in, and sqlx pings it on the way back).
    let reads = ctx.reads().await?;
    let db = &reads;
    let now = ctx.now;
    // Only the items this viewer sees: withdrawn, hidden and merged ones are their author's
    // and the leaders'. A page of the list at a time, however many items there are.
    let listed =
        proposals::listed_page(db, principal, slug, id, wanted, PROPOSALS_PER_PAGE).await?;
    let access = listed.access;
    let meeting = header_on(ctx, db, &access, now).await?;
    let can_moderate =
        access.may(principal, Action::ManageMeetings) && access.meeting.ballots() == 0;
    let shown = || listed.active.iter().chain(&listed.others);
    // One query for every author and one for the comment counts: no query or scan per row.
    let names = meetings::names_of(db, shown().filter_map(|r| r.author_id)).await?;
    let counts = comments::counts(db, SubjectKind::AgendaProposal, shown().map(|r| r.id)).await?;
    let view = |p: &proposals::Proposal| ProposalView {
        id: p.id,
        title: p.title.clone(),
        why: p.why.clone(),
        minutes: p.minutes,
        author: meetings::author_name(&names, p.author_id),
        mine: proposals::is_author(principal, p),
        status: proposals::status_name(p.status),
        // The author sees why their item is off the list; leaders see everything.
        note: status_note(
            ctx.lang(),
            p,
            p.merged_into
                .and_then(|into| listed.merged_into.get(&into).map(String::as_str)),
        ),
        comments: counts.get(&p.id).copied().unwrap_or(0),
    };
    let active: Vec<ProposalView> = listed.active.iter().map(view).collect();
    let others: Vec<ProposalView> = listed.others.iter().map(view).collect();
    let base = format!("/teams/{slug}/meetings/{id}/proposals");
    let pager = Pager::for_total(listed.active_total, PROPOSALS_PER_PAGE, wanted, |p| {
        format!("{base}?page={p}")
    });
    let first = pager.offset(PROPOSALS_PER_PAGE) + 1;
    let others_more = listed.others_total.saturating_sub(others.len() as u64);
    let w = access.windows();
    let status = status_for(&errors);
    let page = ProposalsPage {
        title: crate::i18n::text_with(
            ctx.lang(),
            "mt-proposals-title",
            &[("title", access.meeting.title.clone())],
        ),
        layout: ctx.layout(),
        meeting,
        proposals: active,
        first,
        pager,
        others,
        others_more,
        form,
        errors,
        proposing_open: w.proposing(now),
        editable: w.proposals_editable(now),
        can_propose: access.may(principal, Action::ProposeItem),
        can_moderate,
    };
    drop(reads);
    ctx.render(status, "proposals.html", &page)
}

/// Why an item is off the list ("Hidden by a leader: …"), or `None` while it is on it.
pub(super) fn status_note(
    lang: crate::i18n::Lang,
    p: &proposals::Proposal,
    merged_into_title: Option<&str>,
) -> Option<String> {
    use crate::i18n::{text, text_with};
    match p.status {
        ProposalStatus::Hidden => Some(text_with(
            lang,
            "mt-proposal-hidden",
            &[("reason", p.hidden_reason.clone().unwrap_or_default())],
        )),
        ProposalStatus::Merged => Some(text_with(
            lang,
            "mt-proposal-merged",
            &[(
                "title",
                merged_into_title.map_or_else(|| text(lang, "mt-proposal-another"), str::to_owned),
            )],
        )),
        ProposalStatus::Withdrawn => Some(text(lang, "mt-proposal-withdrawn")),
        ProposalStatus::Active => None,
    }
}

/// `GET /teams/{team}/meetings/{id}/proposals` (`?page=N` or `last`: fifty items a page).
pub async fn list(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let wanted = query.page().unwrap_or(1);
    page(
        &ctx,
        &slug,
        id,
        wanted,
        &ProposalForm::default(),
        BTreeMap::new(),
    )
    .await
}

/// `POST /teams/{team}/meetings/{id}/proposals`.
pub async fn propose(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
    form: web::Form<ProposalForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let now = ctx.now;
    let result = proposals::propose(ctx.db(), ctx.principal(), &slug, id, &form, now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        // The new item is the list's last.
        |_| format!("/teams/{slug}/meetings/{id}/proposals?page=last"),
        |errors| page(&ctx, &slug, id, 1, &form, errors),
    )
    .await
}

/// `GET /teams/{team}/meetings/{id}/proposals.csv`: the items this viewer sees on the page,
/// as CSV (columns: `proposals::CSV_HEADER`).
pub async fn csv(ctx: Ctx, path: web::Path<(String, MeetingId)>) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let (access, body) = proposals::export(ctx.db(), ctx.principal(), &slug, id).await?;
    Ok(download(
        &proposals::export_name(&access),
        "text/csv; charset=utf-8",
        body,
    ))
}

#[derive(Serialize)]
struct EditPage<'a> {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    proposal_id: ProposalId,
    form: &'a ProposalForm,
    errors: BTreeMap<String, String>,
}

async fn edit_page(
    ctx: &Ctx,
    path: (String, MeetingId, ProposalId),
    form: Option<&ProposalForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, proposal_id) = path;
    let now = ctx.now;
    let principal: Principal = ctx.principal();
    let (access, row) =
        proposals::for_edit(ctx.db(), principal, &slug, id, proposal_id, now).await?;
    let stored = ProposalForm {
        title: row.title,
        why: row.why,
        minutes: row.minutes.to_string(),
    };
    let status = status_for(&errors);
    let page = EditPage {
        title: crate::i18n::text(ctx.lang(), "mt-proposal-edit-title"),
        layout: ctx.layout(),
        meeting: header(ctx, &access, now).await?,
        proposal_id,
        form: form.unwrap_or(&stored),
        errors,
    };
    ctx.render(status, "proposal_edit.html", &page)
}

/// `GET /teams/{team}/meetings/{id}/proposals/{proposal}/edit`.
pub async fn edit_form(
    ctx: Ctx,
    path: web::Path<(String, MeetingId, ProposalId)>,
) -> Result<HttpResponse, WebError> {
    edit_page(&ctx, path.into_inner(), None, BTreeMap::new()).await
}

/// `POST /teams/{team}/meetings/{id}/proposals/{proposal}/edit`.
pub async fn edit(
    ctx: Ctx,
    path: web::Path<(String, MeetingId, ProposalId)>,
    form: web::Form<ProposalForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, proposal_id) = path.into_inner();
    let now = ctx.now;
    let result = proposals::edit(
        ctx.db(),
        ctx.principal(),
        &slug,
        id,
        proposal_id,
        &form,
        now,
    )
    .await;
    let back = format!("/teams/{slug}/meetings/{id}/proposals");
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| back,
        |errors| edit_page(&ctx, (slug, id, proposal_id), Some(&form), errors),
    )
    .await
}

/// `POST /teams/{team}/meetings/{id}/proposals/{proposal}/withdraw`.
pub async fn withdraw(
    ctx: Ctx,
    path: web::Path<(String, MeetingId, ProposalId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, proposal_id) = path.into_inner();
    proposals::withdraw(ctx.db(), ctx.principal(), &slug, id, proposal_id, ctx.now).await?;
    Ok(see_other(&format!("/teams/{slug}/meetings/{id}/proposals")))
}

/// Back to the proposals after a leader's hide or merge, or the item's page again with the
/// refusal beside its form.
async fn after_moderation(
    ctx: &Ctx,
    slug: &str,
    id: MeetingId,
    proposal_id: ProposalId,
    result: Result<(), ServiceError>,
) -> Result<HttpResponse, WebError> {
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| format!("/teams/{slug}/meetings/{id}/proposals"),
        |errors| async move {
            ProposalThread::after_refused_moderation(slug.to_owned(), id, proposal_id, errors)
                .render(ctx, None, &Posted::Nothing, BTreeMap::new())
                .await
        },
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct HideForm {
    #[serde(default)]
    reason: String,
}

/// `POST /teams/{team}/meetings/{id}/proposals/{proposal}/hide`.
pub async fn hide(
    ctx: Ctx,
    path: web::Path<(String, MeetingId, ProposalId)>,
    form: web::Form<HideForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, proposal_id) = path.into_inner();
    let result = proposals::hide(
        ctx.db(),
        ctx.principal(),
        &slug,
        id,
        proposal_id,
        &form.reason,
        ctx.now,
    )
    .await;
    after_moderation(&ctx, &slug, id, proposal_id, result).await
}

#[derive(Debug, Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    into: String,
}

/// `POST /teams/{team}/meetings/{id}/proposals/{proposal}/merge`.
pub async fn merge(
    ctx: Ctx,
    path: web::Path<(String, MeetingId, ProposalId)>,
    form: web::Form<MergeForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, proposal_id) = path.into_inner();
    let result = proposals::merge(
        ctx.db(),
        ctx.principal(),
        &slug,
        id,
        proposal_id,
        &form.into,
        ctx.now,
    )
    .await;
    after_moderation(&ctx, &slug, id, proposal_id, result).await
}
