//! An agenda proposal's own page: the item and its comment thread, with the forms to comment,
//! edit one's own comment and (leaders) hide one with a reason. The proposals list shows only
//! a count and a link here, so its cost does not grow with the discussion.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::service::ServiceError;
use crate::service::comments::agenda::AgendaProposal;
use crate::service::comments::{self, CommentForm, Intent};
use crate::service::meetings::{self, proposals};
use crate::web::comments::{PageQuery, Posted, ThreadView};
use crate::web::meetings::proposals::status_note;
use crate::web::meetings::{MeetingHeader, header};
use crate::web::pages::{render, see_other};
use crate::web::visitor::{Layout, Visitor};
use crate::web::{AppState, WebError};

#[derive(Serialize)]
struct ItemView {
    id: i64,
    title: String,
    why: String,
    minutes: i32,
    author: String,
    mine: bool,
    note: Option<String>,
}

#[derive(Serialize)]
struct ProposalPage {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    proposal: ItemView,
    thread: ThreadView,
}

fn target(slug: &str, meeting_id: i64, proposal_id: i64) -> AgendaProposal<'_> {
    AgendaProposal {
        slug,
        meeting_id,
        proposal_id,
    }
}

async fn page(
    state: &AppState,
    visitor: &Visitor,
    (slug, id, pid): (&str, i64, i64),
    page: Option<u64>,
    posted: &Posted,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let db = &state.db.conn;
    let now = state.clock.now();
    let principal = visitor.principal();
    let subject = target(slug, id, pid);
    let (access, row) = subject.load(db, principal, Intent::Read).await?;
    let thread = comments::thread(db, &subject, principal, page, now).await?;
    let merged_into = match row.merged_into {
        Some(into) => proposals::all(db, id)
            .await?
            .into_iter()
            .find(|p| p.id == into)
            .map(|p| p.title),
        None => None,
    };
    let base = format!("/teams/{slug}/meetings/{id}/proposals/{pid}");
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = ProposalPage {
        title: format!("{}: {}", row.title, access.meeting.title),
        layout: visitor.layout(),
        meeting: header(state, &access, now).await?,
        proposal: ItemView {
            id: row.id,
            note: status_note(&row, merged_into.as_deref()),
            title: row.title,
            why: row.why,
            minutes: row.minutes,
            author: meetings::name_of(db, row.author_id).await?,
            mine: row.author_id.is_some() && row.author_id == principal.user_id,
        },
        thread: ThreadView::new(thread, &base, format!("{base}/comments"), posted, errors),
    };
    render(state, status, "proposal.html", &view)
}

/// `GET /teams/{team}/meetings/{id}/proposals/{proposal}`.
pub async fn show(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64, i64)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, pid) = path.into_inner();
    page(
        &state,
        &visitor,
        (&slug, id, pid),
        query.page(),
        &Posted::Nothing,
        BTreeMap::new(),
    )
    .await
}

/// After a comment form: back to the thread at the comment, or the page again with the
/// refusal (422, the form as typed).
async fn after(
    state: &AppState,
    visitor: &Visitor,
    (slug, id, pid): (&str, i64, i64),
    page_query: Option<u64>,
    posted: Posted,
    result: Result<i64, ServiceError>,
) -> Result<HttpResponse, WebError> {
    match result {
        Ok(comment) => {
            let page = page_query.map_or_else(|| "last".to_owned(), |p| p.to_string());
            Ok(see_other(&format!(
                "/teams/{slug}/meetings/{id}/proposals/{pid}?page={page}#comment-{comment}"
            )))
        }
        Err(ServiceError::Invalid(errors)) => {
            page(
                state,
                visitor,
                (slug, id, pid),
                page_query,
                &posted,
                errors.into_map(),
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /teams/{team}/meetings/{id}/proposals/{proposal}/comments`.
pub async fn add(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64, i64)>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, pid) = path.into_inner();
    let form = form.into_inner();
    let result = comments::add(
        &state.db.conn,
        &target(&slug, id, pid),
        visitor.principal(),
        &form,
        state.clock.now(),
    )
    .await;
    after(
        &state,
        &visitor,
        (&slug, id, pid),
        None,
        Posted::Add(form),
        result,
    )
    .await
}

/// `POST /teams/{team}/meetings/{id}/proposals/{proposal}/comments/{comment}/edit`.
pub async fn edit(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64, i64, i64)>,
    query: web::Query<PageQuery>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, pid, cid) = path.into_inner();
    let form = form.into_inner();
    let result = comments::edit(
        &state.db.conn,
        &target(&slug, id, pid),
        visitor.principal(),
        cid,
        &form,
        state.clock.now(),
    )
    .await
    .map(|()| cid);
    let posted = Posted::Edit(cid, form);
    after(
        &state,
        &visitor,
        (&slug, id, pid),
        query.page(),
        posted,
        result,
    )
    .await
}

/// The hide form.
#[derive(Debug, Deserialize)]
pub struct HideForm {
    #[serde(default)]
    reason: String,
}

/// `POST /teams/{team}/meetings/{id}/proposals/{proposal}/comments/{comment}/hide`.
pub async fn hide(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64, i64, i64)>,
    query: web::Query<PageQuery>,
    form: web::Form<HideForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, pid, cid) = path.into_inner();
    let reason = form.into_inner().reason;
    let result = comments::hide(
        &state.db.conn,
        &target(&slug, id, pid),
        visitor.principal(),
        cid,
        &reason,
        state.clock.now(),
    )
    .await
    .map(|()| cid);
    let posted = Posted::Hide(cid, reason);
    after(
        &state,
        &visitor,
        (&slug, id, pid),
        query.page(),
        posted,
        result,
    )
    .await
}
