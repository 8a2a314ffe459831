//! Recording an exchange ([`record`], its form in [`form`]) and every later move on it
//! ([`moves`]): confirm, adjust the minutes, dispute, resolve (leaders), reverse (a
//! correction). Confirmed entries are never edited.
//!
//! Concurrency: each write transaction starts with its write (on SQLite that takes the lock
//! before anything is read; on PostgreSQL a per-team advisory lock comes first), so two
//! requests with one idempotency key record once, and moves are conditional updates that
//! change nothing when the entry moved on meanwhile.

mod form;
mod moves;
mod record;

use crate::domain::ids::ExchangeId;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use time::OffsetDateTime;

pub use form::ExchangeForm;
pub use moves::{MoveForm, MoveKind, act};
pub use record::{Recorded, record};

use super::LedgerAccess;
use crate::domain::ledger::{self, Effective, Status};
use crate::service::find_in_team;
use crate::service::{Result, ServiceError};
use crate::store::entities::help_exchanges;

/// Loads an entry of this team that the caller may see (a party, or a leader); anyone else
/// gets `NotFound`, as for an entry of another team.
pub async fn visible(
    db: &impl ConnectionTrait,
    acc: &LedgerAccess,
    id: ExchangeId,
) -> Result<help_exchanges::Model> {
    let row = find_in_team::<help_exchanges::Entity>(db, acc.team.id, id).await?;
    if row.helper_id == acc.user_id || row.helped_id == acc.user_id || acc.is_leader() {
        Ok(row)
    } else {
        Err(ServiceError::NotFound)
    }
}

/// The reversing entry of `id`, if any.
pub async fn reversal_of(
    db: &impl ConnectionTrait,
    id: ExchangeId,
) -> Result<Option<help_exchanges::Model>> {
    Ok(help_exchanges::Entity::find()
        .filter(help_exchanges::Column::ReversesId.eq(id))
        .one(db)
        .await?)
}

/// Whether `row` is a correction (reversal) rather than an entry of help; reversals have no
/// page of their own.
pub fn is_reversal(row: &help_exchanges::Model) -> bool {
    row.kind == help_exchanges::EntryKind::Reversal
}

/// The state of a stored entry as of `now`.
pub async fn state_of(
    db: &impl ConnectionTrait,
    row: &help_exchanges::Model,
    now: OffsetDateTime,
) -> Result<Effective> {
    let status = Status::from(row.status);
    let reversed = status == Status::Confirmed && reversal_of(db, row.id).await?.is_some();
    Ok(ledger::effective(status, row.expires_at, reversed, now))
}
