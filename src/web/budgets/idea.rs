//! A budget idea's own page: the idea and its comment thread, with the forms to comment (during
//! the ideas phase), edit one's own comment and (leaders) hide one with a reason. The ideas
//! list shows only a count and a link here, so its cost does not grow with the discussion.

use crate::domain::ids::{IdeaId, RoundId};
use std::collections::BTreeMap;

use actix_web::HttpResponse;
use sea_orm::ActiveEnum;
use serde::Serialize;

use crate::i18n;
use crate::service::comments::budget::BudgetIdea;
use crate::service::comments::{self, Intent};
use crate::service::meetings;
use crate::web::WebError;
use crate::web::budgets::{RoundHeader, idea_status_label};
use crate::web::comment_pages::CommentPage;
use crate::web::comments::{Posted, ThreadView};
use crate::web::context::{Ctx, status_for};
use crate::web::visitor::Layout;

#[derive(Serialize)]
struct IdeaView {
    title: String,
    description: String,
    location: String,
    cost: String,
    author: String,
    mine: bool,
    status: String,
    status_reason: Option<String>,
}

#[derive(Serialize)]
struct IdeaPage {
    title: String,
    layout: Layout,
    round: RoundHeader,
    idea: IdeaView,
    thread: ThreadView,
}

/// A budget idea's page (`/teams/{team}/budgets/{id}/ideas/{idea}`).
pub struct IdeaThread {
    slug: String,
    round_id: RoundId,
    idea_id: IdeaId,
}

impl CommentPage for IdeaThread {
    type Subject<'a> = BudgetIdea<'a>;
    type Parent = RoundId;
    type Id = IdeaId;

    fn new(slug: String, round_id: RoundId, idea_id: IdeaId) -> Self {
        Self {
            slug,
            round_id,
            idea_id,
        }
    }

    fn subject(&self) -> BudgetIdea<'_> {
        BudgetIdea {
            slug: &self.slug,
            round_id: self.round_id,
            idea_id: self.idea_id,
        }
    }

    fn base(&self) -> String {
        format!(
            "/teams/{}/budgets/{}/ideas/{}",
            self.slug, self.round_id, self.idea_id
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
        let lang = ctx.visitor.lang;
        let principal = ctx.principal();
        let subject = self.subject();
        let (access, idea) = subject.load(db, principal, Intent::Read).await?;
        let thread = comments::thread(db, &subject, principal, page, now).await?;
        let base = self.base();
        let status = status_for(&errors);
        let view = IdeaPage {
            title: i18n::text_with(
                lang,
                "bg-idea-title",
                &[
                    ("idea", idea.title.clone()),
                    ("round", access.round.title.clone()),
                ],
            ),
            layout: ctx.layout(),
            round: RoundHeader::new(&access, now, lang),
            idea: IdeaView {
                cost: crate::format::money_in(idea.cost, &access.round.currency, lang),
                author: meetings::name_of(db, idea.author_id).await?,
                mine: idea.author_id.is_some() && idea.author_id == principal.user_id,
                status: idea_status_label(lang, &idea.status.to_value()),
                status_reason: idea.status_reason,
                title: idea.title,
                description: idea.description,
                location: idea.location,
            },
            thread: ThreadView::new(
                thread,
                &base,
                format!("{base}/comments"),
                posted,
                errors,
                lang,
            ),
        };
        ctx.render(status, "budget_idea.html", &view)
    }
}
