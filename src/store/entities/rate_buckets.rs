//! `rate_buckets`: the rate limiters' counters, shared by every app server on the database.

use sea_orm::entity::prelude::*;

/// One limited key's count of recent attempts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rate_buckets")]
pub struct Model {
    /// Hex SHA-256 of the limiter's name and the key it limits.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key_hash: String,
    /// Attempts counted and not yet forgiven.
    pub count: i32,
    /// Unix milliseconds from which the next unit is forgiven.
    pub since_ms: i64,
    /// Unix milliseconds of the last counted attempt.
    pub last_ms: i64,
}

/// No relations declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
