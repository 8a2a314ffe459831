//! `agenda_ballots`: one ranked ballot per voter key and meeting; no timestamps, by design.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{MeetingId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_ballots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: MeetingId,
    /// HMAC of the voter's id with the meeting's secret.
    pub voter_key: String,
    /// The voter, for open ballots only.
    pub voter_id: Option<UserId>,
    /// Proposal ids in ranked order, as a JSON array.
    pub ranking: String,
    /// SHA-256 of the receipt code the voter was shown.
    pub receipt_hash: String,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
