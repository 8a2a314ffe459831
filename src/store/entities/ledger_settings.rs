//! `ledger_settings`: one team's ledger choices (who sees aggregates, when a request is unmet,
//! when the term started). A team without a row uses the defaults.

use sea_orm::entity::prelude::*;

use crate::domain::ids::TeamId;

/// One team's settings.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_settings")]
pub struct Model {
    /// The team (also the primary key).
    #[sea_orm(primary_key, auto_increment = false)]
    pub team_id: TeamId,
    /// `everyone` or `leaders` (checked by the database).
    pub aggregates: String,
    /// Days after which an unanswered request shows as unmet.
    pub unmet_after_days: i32,
    /// First day of the current term, when the team set one.
    pub term_starts_on: Option<TimeDate>,
    /// Last change.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
