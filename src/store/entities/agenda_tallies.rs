//! `agenda_tallies`: the stored, immutable tally of a meeting; its primary key guards exactly-once.

use sea_orm::entity::prelude::*;

use crate::domain::ids::MeetingId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_tallies")]
pub struct Model {
    /// The meeting (primary key: one tally per meeting).
    #[sea_orm(primary_key, auto_increment = false)]
    pub meeting_id: MeetingId,
    /// When it ran.
    pub tallied_at: TimeDateTimeWithTimeZone,
    /// `sequential_irv` or `equal_shares`.
    pub rule: super::meetings::AgendaRule,
    /// Seed for random tie-breaks.
    pub seed: i64,
    /// Ballots counted.
    pub ballot_count: i32,
    /// Input: candidates, rules, budget and fixed items, as JSON.
    pub input: String,
    /// Engine output, as JSON.
    pub outcome: String,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
