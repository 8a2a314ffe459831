//! `audit_log`: append-only, each row carrying the hash of the previous one.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{TeamId, UserId};

/// One audit entry.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    /// Primary key, increasing.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// When it happened.
    pub occurred_at: TimeDateTimeWithTimeZone,
    /// Who did it (none for the CLI).
    pub actor_id: Option<UserId>,
    /// Team concerned, if any.
    pub team_id: Option<TeamId>,
    /// What happened; an unknown stored name fails the read.
    pub action: AuditAction,
    /// Details as JSON text.
    pub detail: String,
    /// Hash of the previous row (64 zeros for the first).
    pub prev_hash: String,
    /// Hash of this row's content and `prev_hash`.
    #[sea_orm(unique)]
    pub hash: String,
}

/// The closed set of audited actions. The stored text is part of each row's hash, so a
/// variant's string value never changes once released.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum AuditAction {
    /// A team was founded.
    #[sea_orm(string_value = "team.create")]
    TeamCreate,
    /// A leader invited someone.
    #[sea_orm(string_value = "invitation.create")]
    InvitationCreate,
    /// A leader revoked an invitation.
    #[sea_orm(string_value = "invitation.revoke")]
    InvitationRevoke,
    /// Someone joined through an invitation.
    #[sea_orm(string_value = "member.join")]
    MemberJoin,
    /// A member's role changed.
    #[sea_orm(string_value = "member.role_change")]
    MemberRoleChange,
    /// A member left the team.
    #[sea_orm(string_value = "member.leave")]
    MemberLeave,
    /// A leader removed a member.
    #[sea_orm(string_value = "member.remove")]
    MemberRemove,
    /// A leader changed the team's time zone.
    #[sea_orm(string_value = "team.time_zone")]
    TeamTimeZone,
    /// A meeting was scheduled.
    #[sea_orm(string_value = "meeting.create")]
    MeetingCreate,
    /// A meeting's details changed.
    #[sea_orm(string_value = "meeting.update")]
    MeetingUpdate,
    /// A voting window was extended.
    #[sea_orm(string_value = "meeting.window_extend")]
    MeetingWindowExtend,
    /// A voting window was moved otherwise.
    #[sea_orm(string_value = "meeting.window_change")]
    MeetingWindowChange,
    /// A meeting's agenda was counted.
    #[sea_orm(string_value = "meeting.tally")]
    MeetingTally,
    /// The agreed agenda was published.
    #[sea_orm(string_value = "agenda.publish")]
    AgendaPublish,
    /// The published agenda deviates from the count.
    #[sea_orm(string_value = "agenda.deviation")]
    AgendaDeviation,
    /// A proposal was hidden.
    #[sea_orm(string_value = "proposal.hide")]
    ProposalHide,
    /// Proposals were merged.
    #[sea_orm(string_value = "proposal.merge")]
    ProposalMerge,
    /// A help post was created.
    #[sea_orm(string_value = "help_post.create")]
    HelpPostCreate,
    /// Someone responded to a help post.
    #[sea_orm(string_value = "help_post.respond")]
    HelpPostRespond,
    /// A help post was closed.
    #[sea_orm(string_value = "help_post.close")]
    HelpPostClose,
    /// Someone thanked someone.
    #[sea_orm(string_value = "recognition.create")]
    RecognitionCreate,
    /// A thank-you was hidden.
    #[sea_orm(string_value = "recognition.hide")]
    RecognitionHide,
    /// A hidden thank-you was shown again.
    #[sea_orm(string_value = "recognition.show")]
    RecognitionShow,
    /// The ledger settings changed.
    #[sea_orm(string_value = "ledger.settings")]
    LedgerSettings,
    /// Someone recorded an exchange they took part in.
    #[sea_orm(string_value = "ledger.record")]
    LedgerRecord,
    /// Someone recorded an exchange for others.
    #[sea_orm(string_value = "ledger.record_for_others")]
    LedgerRecordForOthers,
    /// An exchange was confirmed.
    #[sea_orm(string_value = "ledger.confirm")]
    LedgerConfirm,
    /// An exchange's minutes were adjusted.
    #[sea_orm(string_value = "ledger.adjust")]
    LedgerAdjust,
    /// An exchange was disputed.
    #[sea_orm(string_value = "ledger.dispute")]
    LedgerDispute,
    /// A dispute was resolved.
    #[sea_orm(string_value = "ledger.resolve")]
    LedgerResolve,
    /// An exchange was reversed.
    #[sea_orm(string_value = "ledger.reverse")]
    LedgerReverse,
    /// Someone changed their password.
    #[sea_orm(string_value = "account.password_change")]
    AccountPasswordChange,
    /// A password reset link was issued.
    #[sea_orm(string_value = "password_reset.issue")]
    PasswordResetIssue,
    /// A password reset link was used.
    #[sea_orm(string_value = "password_reset.use")]
    PasswordResetUse,
    /// A budget round was created (by hand or from a Pabulib file).
    #[sea_orm(string_value = "budget.create")]
    BudgetCreate,
    /// A budget round's details or phase dates changed.
    #[sea_orm(string_value = "budget.update")]
    BudgetUpdate,
    /// A budget round entered its next phase (seen by the background task).
    #[sea_orm(string_value = "budget.phase")]
    BudgetPhase,
    /// A leader reviewed an idea: feasible, infeasible with a reason, or cost adjusted.
    #[sea_orm(string_value = "budget.review")]
    BudgetReview,
    /// A round was computed (exactly once).
    #[sea_orm(string_value = "budget.compute")]
    BudgetCompute,
    /// The outcome was published.
    #[sea_orm(string_value = "budget.publish")]
    BudgetPublish,
    /// The published outcome overrides the rule for an idea, with a reason.
    #[sea_orm(string_value = "budget.override")]
    BudgetOverride,
    /// A funded idea's owner or status changed.
    #[sea_orm(string_value = "budget.follow_up")]
    BudgetFollowUp,
    /// Someone commented on a proposal or idea.
    #[sea_orm(string_value = "comment.add")]
    CommentAdd,
    /// An author edited their comment.
    #[sea_orm(string_value = "comment.edit")]
    CommentEdit,
    /// A leader hid a comment with a reason.
    #[sea_orm(string_value = "comment.hide")]
    CommentHide,
    /// An action was recorded.
    #[sea_orm(string_value = "action.create")]
    ActionCreate,
    /// An action's status changed.
    #[sea_orm(string_value = "action.status")]
    ActionStatus,
    /// A meeting recorded a decision.
    #[sea_orm(string_value = "decision.record")]
    DecisionRecord,
    /// Attendance was taken.
    #[sea_orm(string_value = "meeting.attendance")]
    MeetingAttendance,
    /// A note-taker was chosen.
    #[sea_orm(string_value = "meeting.note_taker")]
    MeetingNoteTaker,
    /// The facilitator closed the meeting (the minutes were drafted).
    #[sea_orm(string_value = "meeting.close")]
    MeetingClose,
    /// Minutes were published.
    #[sea_orm(string_value = "minutes.publish")]
    MinutesPublish,
    /// A leader proposed linking their team with another.
    #[sea_orm(string_value = "team_link.propose")]
    TeamLinkPropose,
    /// A leader of the other team accepted a link.
    #[sea_orm(string_value = "team_link.accept")]
    TeamLinkAccept,
    /// A leader of either side removed a link (or declined a proposal).
    #[sea_orm(string_value = "team_link.remove")]
    TeamLinkRemove,
    /// A leader shared a meeting's published agenda and minutes with linked teams.
    #[sea_orm(string_value = "meeting.share")]
    MeetingShare,
    /// A leader stopped sharing a meeting.
    #[sea_orm(string_value = "meeting.unshare")]
    MeetingUnshare,
    /// A person made (or remade) their secret calendar address.
    #[sea_orm(string_value = "calendar_feed.create")]
    CalendarFeedCreate,
    /// A person revoked their calendar address.
    #[sea_orm(string_value = "calendar_feed.revoke")]
    CalendarFeedRevoke,
    /// A person made a personal API token (its name and scope, never the secret).
    #[sea_orm(string_value = "api_token.create")]
    ApiTokenCreate,
    /// A person revoked one of their API tokens.
    #[sea_orm(string_value = "api_token.revoke")]
    ApiTokenRevoke,
    /// A member wrote or changed their check-in of the week.
    #[sea_orm(string_value = "checkin.save")]
    CheckinSave,
    /// A role map was started (a draft).
    #[sea_orm(string_value = "role_map.create")]
    RoleMapCreate,
    /// A role map or one of its milestones was changed.
    #[sea_orm(string_value = "role_map.edit")]
    RoleMapEdit,
    /// A role map was published.
    #[sea_orm(string_value = "role_map.publish")]
    RoleMapPublish,
    /// A role map was closed.
    #[sea_orm(string_value = "role_map.close")]
    RoleMapClose,
    /// A leader started a series of recurring meetings.
    #[sea_orm(string_value = "series.create")]
    SeriesCreate,
    /// An occurrence of a series was created ahead of time (its meeting and rota).
    #[sea_orm(string_value = "series.occurrence_create")]
    SeriesOccurrenceCreate,
    /// A leader cancelled one occurrence.
    #[sea_orm(string_value = "series.occurrence_cancel")]
    SeriesOccurrenceCancel,
    /// A leader ended a series.
    #[sea_orm(string_value = "series.end")]
    SeriesEnd,
    /// A role of an occurrence changed hands (a swap or a leader's reassignment).
    #[sea_orm(string_value = "series.swap")]
    SeriesSwap,
    /// A member was marked away (by themselves or a leader).
    #[sea_orm(string_value = "member.away")]
    MemberAway,
    /// A member's away dates were removed.
    #[sea_orm(string_value = "member.away_remove")]
    MemberAwayRemove,
    /// A leader edited a series (its schedule and defaults, applied to later occurrences).
    #[sea_orm(string_value = "series.edit")]
    SeriesEdit,
    /// A leader cancelled a meeting (standalone or a series occurrence).
    #[sea_orm(string_value = "meeting.cancel")]
    MeetingCancel,
    /// A leader undid a meeting's cancellation before it started.
    #[sea_orm(string_value = "meeting.uncancel")]
    MeetingUncancel,
}

impl AuditAction {
    /// The stored name, e.g. `invitation.create` (what the hash chain covers).
    #[must_use]
    pub fn name(self) -> String {
        self.to_value()
    }
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_value())
    }
}

impl std::str::FromStr for AuditAction {
    type Err = DbErr;

    /// Parses a stored name; an unknown one is an error, never a default.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        <Self as ActiveEnum>::try_from_value(&s.to_owned())
    }
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
