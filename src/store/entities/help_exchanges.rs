//! `help_exchanges`: "helper helped helped for N minutes", and reversing entries (corrections).

use sea_orm::entity::prelude::*;

use crate::domain::ids::{ActionId, ExchangeId, PostId, TeamId, UserId};

/// One ledger entry.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "help_exchanges")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: ExchangeId,
    pub team_id: TeamId,
    /// Who gave the help.
    pub helper_id: UserId,
    /// Who received it (never the helper: checked by the database).
    pub helped_id: UserId,
    /// 1 to 600 (checked by the database).
    pub minutes: i32,
    /// The day the help happened.
    pub occurred_on: TimeDate,
    /// Short category ("planning", "cover", ...).
    pub category: String,
    /// Seen by the two people and leaders only.
    pub note: Option<String>,
    pub kind: EntryKind,
    pub status: EntryStatus,
    /// Whose answer a pending entry waits for.
    pub awaiting_id: Option<UserId>,
    /// Who wrote the entry.
    pub recorded_by: UserId,
    /// The help post it answers, if any.
    pub post_id: Option<PostId>,
    /// The action it served, if any (an id in the actions table).
    pub action_ref: Option<ActionId>,
    /// For a reversal: the entry it reverses (unique).
    pub reverses_id: Option<ExchangeId>,
    /// For a reversal: why.
    pub reason: Option<String>,
    /// Why a party disputed it.
    pub dispute_reason: Option<String>,
    /// The leader's reason when resolving a dispute.
    pub resolution_note: Option<String>,
    /// The leader who resolved the dispute.
    pub resolved_by: Option<UserId>,
    /// Unique per recorder: a double submit records once.
    pub idempotency_key: String,
    /// When written.
    pub created_at: TimeDateTimeWithTimeZone,
    /// When a pending entry lapses (14 days after it was recorded).
    pub expires_at: Option<TimeDateTimeWithTimeZone>,
    /// When it became confirmed.
    pub confirmed_at: Option<TimeDateTimeWithTimeZone>,
}

/// An entry of help, or the correction that reverses one.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum EntryKind {
    /// "A helped B for N minutes".
    #[sea_orm(string_value = "exchange")]
    Exchange,
    /// Cancels the entry in `reverses_id` (with a reason); never edited.
    #[sea_orm(string_value = "reversal")]
    Reversal,
}

/// An entry's stored status; mapped to `domain::ledger::Status`. An unknown stored value fails
/// the read rather than being taken for pending or rejected.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum EntryStatus {
    /// Waits for the other party (lapses at `expires_at`).
    #[sea_orm(string_value = "pending")]
    Pending,
    /// Both parties agree; counts in the ledger.
    #[sea_orm(string_value = "confirmed")]
    Confirmed,
    /// A party disputes it; a leader resolves.
    #[sea_orm(string_value = "disputed")]
    Disputed,
    /// Refused; does not count.
    #[sea_orm(string_value = "rejected")]
    Rejected,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
