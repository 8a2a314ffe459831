//! `series_swaps`: every change of who holds a role at an occurrence after the rota assigned
//! it: two members exchanging between occurrences, or a leader reassigning.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{OccurrenceId, SeriesId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "series_swaps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub series_id: SeriesId,
    /// The occurrence whose role changed hands.
    pub occurrence_id: OccurrenceId,
    /// The occurrence the other member gave up in exchange, if any.
    pub other_occurrence_id: Option<OccurrenceId>,
    /// Which role.
    pub role: RotaRole,
    /// Who held it.
    pub from_user_id: Option<UserId>,
    /// Who holds it now.
    pub to_user_id: Option<UserId>,
    /// Who made the change.
    pub by_id: Option<UserId>,
    /// Why: empty for a swap or reassignment, `away` (the holder was marked away), `back`
    /// (their away dates were removed).
    pub reason: String,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// Stored role; mapped to `domain::rota::Role` in `service::series`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum RotaRole {
    /// Runs the meeting.
    #[sea_orm(string_value = "facilitator")]
    Facilitator,
    /// Takes the notes.
    #[sea_orm(string_value = "note_taker")]
    NoteTaker,
    /// Keeps time.
    #[sea_orm(string_value = "timekeeper")]
    Timekeeper,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
