//! `meeting_series`: a rhythm of recurring meetings: cadence, weekday and local time in the
//! team's zone, the defaults each occurrence is created with, and whether it has ended.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{SeriesId, TeamId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_series")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: SeriesId,
    pub team_id: TeamId,
    /// Each occurrence's title.
    pub title: String,
    /// The purpose line with `{date}` where the occurrence's date goes.
    pub purpose_template: String,
    /// The language the date is written in (the creating leader's).
    pub language: String,
    /// How often.
    pub cadence: Cadence,
    /// ISO weekday, 1 = Monday.
    pub weekday: i32,
    /// Minutes after local midnight in the team's zone.
    pub start_minute: i32,
    /// The first occurrence's date (fortnights count from it).
    pub first_on: TimeDate,
    /// Each occurrence's time budget.
    pub budget_minutes: i32,
    /// Place or link.
    pub place: String,
    /// Proposals open this many days before the meeting.
    pub proposals_open_days: i32,
    /// Proposals close and voting opens this many hours before.
    pub voting_open_hours: i32,
    /// Voting closes this many hours before.
    pub voting_close_hours: i32,
    /// `open` or `secret` ballots.
    pub privacy: super::meetings::Privacy,
    /// Whether each occurrence has a timekeeper too.
    pub with_timekeeper: bool,
    /// Ended: no occurrence is created after this.
    pub ended_at: Option<TimeDateTimeWithTimeZone>,
    pub ended_by: Option<UserId>,
    pub created_by: Option<UserId>,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// Stored cadence; mapped to `domain::series::Cadence` in `service::series`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Cadence {
    /// Every week.
    #[sea_orm(string_value = "weekly")]
    Weekly,
    /// Every other week.
    #[sea_orm(string_value = "fortnightly")]
    Fortnightly,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
