//! What the tally does so that nobody holding the database files can link a secret ballot to
//! a voter afterwards (threat model: `docs/security.md`, "Ballots").
//!
//! Inside the tallying transaction, [`unlink_ballots`] rewrites a secret meeting's ballots
//! without any per-voter value: new rows in receipt-hash order (so ids and write order say
//! nothing about who voted when), no member id, and the voter key replaced by the ballot's
//! receipt hash (unique like the key, and already published with the results). The same
//! transaction sets the meeting's secret to NULL.
//!
//! Deleting a value does not erase its bytes. After the commit, [`erase_leftovers`] makes sure
//! the old versions cannot be read back: SQLite zeroes deleted content (`secure_delete`, set
//! for every connection in `store::connect`) and a `TRUNCATE` checkpoint empties the `-wal`
//! file that still holds the old pages; PostgreSQL rewrites `meetings` and `agenda_ballots`
//! with `VACUUM FULL` (a plain `VACUUM` frees dead tuples but leaves their bytes in the page).

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, Set, Statement,
};

use crate::service::Result;
use crate::store::entities::agenda_ballots;

/// Replaces a secret meeting's ballots with rows that hold the ranking and receipt hash only.
/// `ballots` must be the meeting's ballots in receipt-hash order; call inside the tallying
/// transaction, under the meeting's lock.
pub async fn unlink_ballots(
    txn: &impl ConnectionTrait,
    meeting_id: i64,
    ballots: &[agenda_ballots::Model],
) -> Result<()> {
    agenda_ballots::Entity::delete_many()
        .filter(agenda_ballots::Column::MeetingId.eq(meeting_id))
        .exec(txn)
        .await?;
    for ballot in ballots {
        agenda_ballots::ActiveModel {
            meeting_id: Set(meeting_id),
            voter_key: Set(ballot.receipt_hash.clone()),
            voter_id: Set(None),
            ranking: Set(ballot.ranking.clone()),
            receipt_hash: Set(ballot.receipt_hash.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Makes the versions of rows the tally deleted or overwrote unreadable from the database
/// files. Runs after the commit (PostgreSQL cannot `VACUUM` in a transaction). The tally has
/// already happened, so a failure is logged rather than returned; the next tally retries.
pub async fn erase_leftovers(db: &DatabaseConnection) {
    erase_leftovers_of(db, "VACUUM FULL meetings, agenda_ballots").await;
}

/// [`erase_leftovers`] for other ballot tables (budget rounds): `vacuum` is the
/// `VACUUM FULL ...` statement PostgreSQL runs; SQLite checkpoints its whole WAL either way.
pub async fn erase_leftovers_of(db: &DatabaseConnection, vacuum: &'static str) {
    if let Err(e) = erase(db, vacuum).await {
        tracing::warn!(
            error = %e,
            "could not erase old versions of ballot rows after the tally; they stay on disk until the next tally"
        );
    }
}

/// How many times `VACUUM FULL` is tried (3 s lock wait each, 1 s apart) before the leftovers
/// are left for the next tally.
const ERASE_ATTEMPTS: u32 = 8;

fn sqlx_err(e: sea_orm::sqlx::Error) -> sea_orm::DbErr {
    sea_orm::DbErr::Custom(e.to_string())
}

async fn erase(
    db: &DatabaseConnection,
    vacuum: &'static str,
) -> std::result::Result<(), sea_orm::DbErr> {
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            let row = db
                .query_one_raw(Statement::from_string(
                    DbBackend::Sqlite,
                    "PRAGMA wal_checkpoint(TRUNCATE)",
                ))
                .await?;
            // (busy, frames in the log, frames checkpointed): busy = 1 means a reader kept
            // the checkpoint from finishing.
            let busy: i32 = match row {
                Some(row) => row.try_get_by_index(0)?,
                None => 0,
            };
            if busy != 0 {
                return Err(sea_orm::DbErr::Custom(
                    "the WAL checkpoint was blocked by a reader".to_owned(),
                ));
            }
        }
        DbBackend::Postgres => {
            // `VACUUM FULL` needs an exclusive lock, and every query on the table queues behind
            // a waiting one: give up after a short wait rather than stall the site, and retry.
            let pool = db.get_postgres_connection_pool();
            let mut conn = pool.acquire().await.map_err(sqlx_err)?;
            sea_orm::sqlx::query("SET lock_timeout = '3s'")
                .execute(&mut *conn)
                .await
                .map_err(sqlx_err)?;
            // A reader scanning the table (a backup, a long report) can hold its lock for
            // longer than one wait: keep trying for about half a minute before giving up.
            let mut result = Ok(());
            for attempt in 0..ERASE_ATTEMPTS {
                if attempt > 0 {
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
                result = sea_orm::sqlx::query(vacuum)
                    .execute(&mut *conn)
                    .await
                    .map(drop);
                if result.is_ok() {
                    break;
                }
            }
            sea_orm::sqlx::query("RESET lock_timeout")
                .execute(&mut *conn)
                .await
                .map_err(sqlx_err)?;
            result.map_err(sqlx_err)?;
        }
        _ => {}
    }
    Ok(())
}
