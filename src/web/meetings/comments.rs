//! An agenda proposal's own page: the item and its comment thread, with the forms to comment,
//! edit one's own comment and (leaders) hide one with a reason. The proposals list shows only
//! a count and a link here, so its cost does not grow with the discussion.

use crate::domain::ids::{MeetingId, ProposalId};
use std::collections::BTreeMap;

use actix_web::HttpResponse;
use serde::Serialize;

use crate::access::Action;
use crate::service::comments::agenda::AgendaProposal;
use crate::service::comments::{self, Intent};
use crate::service::meetings::proposals::ProposalStatus;
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
    id: ProposalId,
    title: String,
    why: String,
    minutes: i32,
    author: String,
    mine: bool,
    note: Option<String>,
}

/// A leader's hide and merge forms for an item still on the list, before any ballot: here,
/// on the item's own page, so the list does not carry a selector of every other item per item.
#[derive(Serialize)]
struct Moderation {
    /// The other items on the list, to merge this one into.
    others: Vec<Choice>,
    errors: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct Choice {
    id: ProposalId,
    title: String,
}

#[derive(Serialize)]
struct ProposalPage {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    proposal: ItemView,
    moderation: Option<Moderation>,
    refused: Vec<String>,
    thread: ThreadView,
}

/// An agenda proposal's page (`/teams/{team}/meetings/{id}/proposals/{proposal}`).
pub struct ProposalThread {
    slug: String,
    meeting_id: MeetingId,
    proposal_id: ProposalId,
    /// A refused hide or merge, shown beside those forms (the comment forms have their own).
    refused: BTreeMap<String, String>,
}

impl ProposalThread {
    /// The page again after a refused hide or merge, with `errors` beside the moderation forms
    /// (or at the top, when the item can no longer be moderated).
    pub fn after_refused_moderation(
        slug: String,
        meeting_id: MeetingId,
        proposal_id: ProposalId,
        errors: BTreeMap<String, String>,
    ) -> Self {
        Self {
            refused: errors,
            ..Self::new(slug, meeting_id, proposal_id)
        }
    }
}

impl CommentPage for ProposalThread {
    type Subject<'a> = AgendaProposal<'a>;
    type Parent = MeetingId;
    type Id = ProposalId;

    fn new(slug: String, meeting_id: MeetingId, proposal_id: ProposalId) -> Self {
        Self {
            slug,
            meeting_id,
            proposal_id,
            refused: BTreeMap::new(),
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
        let moderating = row.status == ProposalStatus::Active
            && access.may(principal, Action::ManageMeetings)
            && access.meeting.ballots() == 0;
        // The items on the list, for a leader's merge choice: as the ballot lists them, read
        // once per change to the meeting's items. A merged item needs one title.
        let listed = if moderating {
            Some(ctx.state.ballot_options.of(db, &access.meeting).await?)
        } else {
            None
        };
        let merged_into = match row.merged_into {
            Some(into) => proposals::title_of(db, self.meeting_id, into).await?,
            None => None,
        };
        let status = if errors.is_empty() {
            status_for(&self.refused)
        } else {
            status_for(&errors)
        };
        let moderation = moderating.then(|| Moderation {
            others: listed
                .iter()
                .flat_map(|listed| listed.iter())
                .filter(|o| o.id != row.id)
                .map(|o| Choice {
                    id: o.id,
                    title: o.title.clone(),
                })
                .collect(),
            errors: self.refused.clone(),
        });
        // A refusal the item's page has no form for any more (a ballot was cast meanwhile).
        let refused = if moderating {
            Vec::new()
        } else {
            self.refused.values().cloned().collect()
        };
        let base = self.base();
        let view = ProposalPage {
            title: crate::i18n::text_with(
                ctx.lang(),
                "mt-proposal-page-title",
                &[
                    ("item", row.title.clone()),
                    ("meeting", access.meeting.title.clone()),
                ],
            ),
            layout: ctx.layout(),
            meeting: header(ctx, &access, now).await?,
            proposal: ItemView {
                id: row.id,
                note: status_note(ctx.lang(), &row, merged_into.as_deref()),
                title: row.title,
                why: row.why,
                minutes: row.minutes,
                author: meetings::name_of(db, row.author_id).await?,
                mine: row.author_id.is_some() && row.author_id == principal.user_id,
            },
            moderation,
            refused,
            thread: ThreadView::new(
                thread,
                &base,
                format!("{base}/comments"),
                posted,
                errors,
                ctx.lang(),
            ),
        };
        ctx.render(status, "proposal.html", &view)
    }
}
