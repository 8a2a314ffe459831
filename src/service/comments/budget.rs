//! Comments on budget ideas: readable by whoever sees the round's ideas, open for new comments
//! and edits during the ideas phase while the idea is not withdrawn (comments are how people
//! improve ideas before review), moderated by the team's leaders as proposals are. Writes take
//! the round's lock, as idea changes do.

use crate::domain::ids::{IdeaId, RoundId};
use sea_orm::{ConnectionTrait, DatabaseTransaction};
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::budget::BudgetPhase;
use crate::domain::comment::Window;
use crate::i18n::Msg;
use crate::service::Result;
use crate::service::budgets::{self, RoundAccess, ideas};
use crate::service::comments::{Intent, Subject, SubjectKind, Target};
use crate::store::entities::budget_ideas;

/// The refusal outside the ideas phase.
pub fn comments_closed() -> Msg {
    Msg::new("so-comments-closed-ideas")
}

/// The refusal when the author withdrew the idea.
pub fn idea_withdrawn() -> Msg {
    Msg::new("so-comments-idea-withdrawn")
}

/// One budget idea, addressed as its pages address it.
#[derive(Debug, Clone, Copy)]
pub struct BudgetIdea<'a> {
    /// Team slug.
    pub slug: &'a str,
    pub round_id: RoundId,
    pub idea_id: IdeaId,
}

fn action(intent: Intent) -> Action {
    match intent {
        Intent::Read => Action::ViewBudgets,
        Intent::Write => Action::Comment,
        Intent::Moderate => Action::ModerateComments,
    }
}

impl BudgetIdea<'_> {
    /// The round and the idea, if `principal` may do `intent` in the round (another team's
    /// round or an idea of another round answers `NotFound`).
    pub async fn load(
        &self,
        db: &impl ConnectionTrait,
        principal: Principal,
        intent: Intent,
    ) -> Result<(RoundAccess, budget_ideas::Model)> {
        let access =
            budgets::authorize(db, principal, self.slug, self.round_id, action(intent)).await?;
        let idea = ideas::find(db, self.round_id, self.idea_id).await?;
        Ok((access, idea))
    }
}

impl Target for BudgetIdea<'_> {
    async fn resolve(
        &self,
        db: &impl ConnectionTrait,
        principal: Principal,
        intent: Intent,
        now: OffsetDateTime,
    ) -> Result<Subject> {
        let (access, idea) = self.load(db, principal, intent).await?;
        let window = if ideas::is_withdrawn(&idea) {
            Window::Closed(idea_withdrawn().key())
        } else if access.phase(now) == BudgetPhase::Ideas {
            Window::Open
        } else {
            Window::Closed(comments_closed().key())
        };
        Ok(Subject {
            kind: SubjectKind::BudgetIdea,
            id: idea.id.0,
            team_id: access.team.id,
            window,
            may_comment: access.may(principal, Action::Comment),
            moderator: access.may(principal, Action::ModerateComments),
            zone: access.zone,
        })
    }

    async fn lock(&self, txn: &DatabaseTransaction) -> Result<()> {
        budgets::lock(txn, self.round_id).await
    }
}
