//! Comments on agenda proposals: readable by whoever sees the meeting's proposals, open for
//! new comments and edits during the proposal window while the item is still on the list,
//! moderated by the team's leaders. Writes take the meeting's lock, as proposal changes do.

use crate::domain::ids::{MeetingId, ProposalId};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::comment::Window;
use crate::i18n::Msg;
use crate::service::comments::{Intent, Subject, SubjectKind, Target};
use crate::service::meetings::{self, MeetingAccess, proposals};
use crate::service::{Result, ServiceError};
use crate::store::entities::agenda_proposals;

/// The refusal when the proposal window is not open.
pub fn comments_closed() -> Msg {
    Msg::new("so-comments-closed-proposals")
}

/// The refusal when the item has been withdrawn, hidden or merged.
pub fn item_closed() -> Msg {
    Msg::new("so-comments-item-closed")
}

/// One agenda proposal, addressed as its pages address it.
#[derive(Debug, Clone, Copy)]
pub struct AgendaProposal<'a> {
    /// Team slug.
    pub slug: &'a str,
    pub meeting_id: MeetingId,
    pub proposal_id: ProposalId,
}

fn action(intent: Intent) -> Action {
    match intent {
        Intent::Read => Action::ViewMeetings,
        Intent::Write => Action::Comment,
        Intent::Moderate => Action::ModerateComments,
    }
}

impl AgendaProposal<'_> {
    /// The meeting and the proposal, if `principal` may do `intent` and see the item: a
    /// withdrawn, hidden or merged item is shown only to its author and leaders, as on the
    /// proposals page; to anyone else it answers `NotFound`.
    pub async fn load(
        &self,
        db: &impl ConnectionTrait,
        principal: Principal,
        intent: Intent,
    ) -> Result<(MeetingAccess, agenda_proposals::Model)> {
        let access =
            meetings::authorize(db, principal, self.slug, self.meeting_id, action(intent)).await?;
        let row = agenda_proposals::Entity::find_by_id(self.proposal_id)
            .filter(agenda_proposals::Column::MeetingId.eq(self.meeting_id))
            .one(db)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if !proposals::visible_to(&access, principal, &row) {
            return Err(ServiceError::NotFound);
        }
        Ok((access, row))
    }
}

impl Target for AgendaProposal<'_> {
    async fn resolve(
        &self,
        db: &impl ConnectionTrait,
        principal: Principal,
        intent: Intent,
        now: OffsetDateTime,
    ) -> Result<Subject> {
        let (access, row) = self.load(db, principal, intent).await?;
        let window = if row.status != proposals::ProposalStatus::Active {
            Window::Closed(item_closed().key())
        } else if meetings::cancel::is_cancelled(&access.meeting) {
            Window::Closed("mt-cancelled-refused")
        } else if access.windows().proposing(now) {
            Window::Open
        } else {
            Window::Closed(comments_closed().key())
        };
        Ok(Subject {
            kind: SubjectKind::AgendaProposal,
            id: row.id.0,
            team_id: access.team.id,
            window,
            may_comment: access.may(principal, Action::Comment),
            moderator: access.may(principal, Action::ModerateComments),
            zone: access.zone,
        })
    }

    async fn lock(&self, txn: &DatabaseTransaction) -> Result<()> {
        meetings::lock(txn, self.meeting_id).await
    }
}
