//! An agenda proposal's own page: the item and its comment thread, with the forms to comment,
//! edit one's own comment and (leaders) hide one with a reason. The proposals list shows only
//! a count and a link here, so its cost does not grow with the discussion.

use crate::domain::ids::MeetingId;
use std::collections::BTreeMap;

use actix_web::HttpResponse;
use serde::Serialize;

use crate::service::comments::agenda::AgendaProposal;
use crate::service::comments::{self, Intent};
use crate::service::meetings::{self, proposals};
use crate::web::WebError;
use crate::web::comment_pages::CommentPage;
use crate::web::comments::{Posted, ThreadView};
use crate::web::context::{Ctx, status_for};
use crate::web::meetings::proposals::status_note;
use crate::web::meetings::{MeetingHeader, header};
use crate::web::visitor::Layout;

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

/// An agenda proposal's page (`/teams/{team}/meetings/{id}/proposals/{proposal}`).
pub struct ProposalThread {
    slug: String,
    meeting_id: MeetingId,
    proposal_id: i64,
}

impl CommentPage for ProposalThread {
    type Subject<'a> = AgendaProposal<'a>;
    type Parent = MeetingId;

    fn new(slug: String, meeting_id: MeetingId, proposal_id: i64) -> Self {
        Self {
            slug,
            meeting_id,
            proposal_id,
        }
    }

    fn subject(&self) -> AgendaProposal<'_> {
        AgendaProposal {
            slug: &self.slug,
            meeting_id: self.meeting_id,
            proposal_id: self.proposal_id,
        }
    }

    fn base(&self) -> String {
        format!(
            "/teams/{}/meetings/{}/proposals/{}",
            self.slug, self.meeting_id, self.proposal_id
        )
    }

    async fn render(
        &self,
        ctx: &Ctx,
        page: Option<u64>,
        posted: &Posted,
        errors: BTreeMap<String, String>,
    ) -> Result<HttpResponse, WebError> {
        let db = ctx.db();
        let now = ctx.now;
        let principal = ctx.principal();
        let subject = self.subject();
        let (access, row) = subject.load(db, principal, Intent::Read).await?;
        let thread = comments::thread(db, &subject, principal, page, now).await?;
        let merged_into = match row.merged_into {
            Some(into) => proposals::all(db, self.meeting_id)
                .await?
                .into_iter()
                .find(|p| p.id == into)
                .map(|p| p.title),
            None => None,
        };
        let base = self.base();
        let status = status_for(&errors);
        let view = ProposalPage {
            title: format!("{}: {}", row.title, access.meeting.title),
            layout: ctx.layout(),
            meeting: header(ctx, &access, now).await?,
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
        ctx.render(status, "proposal.html", &view)
    }
}
