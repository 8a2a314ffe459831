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
//!
//! `VACUUM FULL` copies a deleted version that another transaction might still see ("recently
//! dead"): a statement that took its snapshot before the tally committed (the background
//! task, a page being read) would keep the voter keys on disk until the next tally. So the
//! tally notes its transaction id ([`Horizon::of`]) and the eraser first waits, briefly, until
//! no other session in the database holds a snapshot or transaction that old, and no
//! transaction that old is still running anywhere in the cluster (a snapshot, the eraser's own
//! included, reaches back to the oldest transaction running in any database).

use crate::domain::ids::MeetingId;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, Set,
    Statement,
};

use crate::service::Result;
use crate::store::entities::agenda_ballots;

/// Replaces a secret meeting's ballots with rows that hold the ranking and receipt hash only.
/// `ballots` must be the meeting's ballots in receipt-hash order; call inside the tallying
/// transaction, under the meeting's lock.
pub async fn unlink_ballots(
    txn: &impl ConnectionTrait,
    meeting_id: MeetingId,
    ballots: &[agenda_ballots::Model],
) -> Result<()> {
    agenda_ballots::Entity::delete_many()
        .filter(agenda_ballots::Column::MeetingId.eq(meeting_id))
        .exec(txn)
        .await?;
    let rows: Vec<agenda_ballots::ActiveModel> = ballots
        .iter()
        .map(|ballot| agenda_ballots::ActiveModel {
            meeting_id: Set(meeting_id),
            voter_key: Set(ballot.receipt_hash.clone()),
            voter_id: Set(None),
            ranking: Set(ballot.ranking.clone()),
            receipt_hash: Set(ballot.receipt_hash.clone()),
            ..Default::default()
        })
        .collect();
    crate::store::insert_in_chunks(txn, &rows).await?;
    Ok(())
}

/// The transaction that deleted the ballot secrets, as PostgreSQL numbers it (`txid_current`,
/// with its epoch): the eraser waits until nothing can still see what it deleted (SQLite has one
/// writer and needs none).
#[derive(Debug, Clone, Default)]
pub struct Horizon(Option<i64>);

impl Horizon {
    /// Notes the current transaction's id; call inside the tallying transaction, before commit.
    pub async fn of(txn: &impl ConnectionTrait) -> Result<Self> {
        if txn.get_database_backend() != DbBackend::Postgres {
            return Ok(Self(None));
        }
        let row = txn
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT txid_current() AS xid",
            ))
            .await?;
        Ok(Self(match row {
            Some(row) => Some(row.try_get::<i64>("", "xid")?),
            None => None,
        }))
    }
}

/// Makes the versions of rows the tally deleted or overwrote unreadable from the database
/// files. Runs after the commit (PostgreSQL cannot `VACUUM` in a transaction). The tally has
/// already happened, so a failure is logged rather than returned; the next tally retries.
pub async fn erase_leftovers(db: &DatabaseConnection, horizon: &Horizon) {
    erase_leftovers_of(db, "VACUUM FULL meetings, agenda_ballots", horizon).await;
}

/// [`erase_leftovers`] for other ballot tables (budget rounds): `vacuum` is the
/// `VACUUM FULL ...` statement PostgreSQL runs; SQLite checkpoints its whole WAL either way.
pub async fn erase_leftovers_of(db: &DatabaseConnection, vacuum: &'static str, horizon: &Horizon) {
    let clean = match erase(db, vacuum, horizon).await {
        Ok(clean) => {
            tracing::info!(vacuum, clean, "erased old versions of ballot rows");
            clean
        }
        Err(e) => {
            tracing::warn!(
                error = %e,
                "could not erase old versions of ballot rows after the tally; the background task tries again"
            );
            false
        }
    };
    if !clean {
        remember(db, vacuum, horizon).await;
    }
}

/// Erasures that did not finish cleanly (a lock held too long, a session older than the tally
/// still open), by database, for the background task to try again every tick
/// ([`retry_pending`]) until they do. Kept in memory: a restart leaves them to the next tally.
static PENDING: std::sync::Mutex<Vec<Pending>> = std::sync::Mutex::new(Vec::new());

struct Pending {
    database: String,
    vacuum: &'static str,
    horizon: Horizon,
}

/// Which database `db` is (several test servers share one process).
async fn database_key(db: &DatabaseConnection) -> std::result::Result<String, sea_orm::DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT current_database() || '@' || coalesce(inet_server_addr()::text, '') \
             || ':' || current_setting('port') AS key"
        }
        _ => "SELECT file AS key FROM pragma_database_list WHERE name = 'main'",
    };
    let row = db
        .query_one_raw(Statement::from_string(backend, sql))
        .await?;
    Ok(match row {
        Some(row) => row.try_get::<String>("", "key")?,
        None => String::new(),
    })
}

async fn remember(db: &DatabaseConnection, vacuum: &'static str, horizon: &Horizon) {
    let Ok(database) = database_key(db).await else {
        return;
    };
    if let Ok(mut pending) = PENDING.lock()
        && !pending
            .iter()
            .any(|p| p.database == database && p.vacuum == vacuum)
    {
        pending.push(Pending {
            database,
            vacuum,
            horizon: horizon.clone(),
        });
    }
}

/// Tries again the erasures of this database that did not finish cleanly; the background task
/// calls it every tick. Each stays pending until it succeeds.
pub async fn retry_pending(db: &DatabaseConnection) {
    let Ok(database) = database_key(db).await else {
        return;
    };
    let mine: Vec<Pending> = match PENDING.lock() {
        Ok(mut pending) => {
            let (mine, others) = pending.drain(..).partition(|p| p.database == database);
            *pending = others;
            mine
        }
        Err(_) => return,
    };
    for job in mine {
        match erase(db, job.vacuum, &job.horizon).await {
            Ok(true) => {
                tracing::info!(
                    vacuum = job.vacuum,
                    "erased old ballot row versions on a later try"
                );
            }
            _ => remember(db, job.vacuum, &job.horizon).await,
        }
    }
}

/// How many times the erasure is tried (for PostgreSQL a 3 s lock wait each, 1 s apart)
/// before the leftovers are left for the next tally.
const ERASE_ATTEMPTS: u32 = 8;

/// How long the eraser waits for sessions whose snapshot predates the tally (checked every
/// 50 ms) before it vacuums anyway and leaves the rest to [`retry_pending`], so the request
/// that tallied is not held up by a long report.
const HORIZON_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// What may still see rows deleted by transaction `$1` (a `txid_current` value): sessions in
/// this database, other than the caller, whose snapshot's oldest transaction or whose own
/// transaction is not newer (`pg_stat_activity` shows the 32-bit `xid`, without the epoch); and,
/// anywhere in the cluster, a transaction that old still running. The second matters because a
/// snapshot's horizon is cluster-wide: while a transaction in another database began before the
/// tally, `VACUUM FULL`'s own snapshot reaches back past the tally and it keeps the deleted rows.
const OLDER_SESSIONS: &str = "SELECT ( \
       SELECT count(*) FROM pg_stat_activity \
       WHERE datname = current_database() AND pid <> pg_backend_pid() \
         AND ((backend_xmin IS NOT NULL \
               AND age(backend_xmin) >= age(($1::bigint % 4294967296)::text::xid)) \
           OR (backend_xid IS NOT NULL \
               AND age(backend_xid) >= age(($1::bigint % 4294967296)::text::xid))) \
     ) + CASE WHEN txid_snapshot_xmin(txid_current_snapshot()) <= $1::bigint THEN 1 ELSE 0 END \
     AS n";

/// Waits until no other session can see what the tally deleted, so `VACUUM FULL` drops it
/// rather than copying it as recently dead; `false` when one still could after the wait.
async fn wait_for_newer_snapshots(
    conn: &mut sea_orm::sqlx::PgConnection,
    xid: i64,
) -> std::result::Result<bool, sea_orm::DbErr> {
    let deadline = tokio::time::Instant::now() + HORIZON_WAIT;
    loop {
        let older: i64 = sea_orm::sqlx::query_scalar(OLDER_SESSIONS)
            .bind(xid)
            .fetch_one(&mut *conn)
            .await
            .map_err(sqlx_err)?;
        if older == 0 {
            return Ok(true);
        }
        if tokio::time::Instant::now() >= deadline {
            tracing::warn!(
                sessions = older,
                "sessions older than the tally are still open; erasing what can be erased now"
            );
            return Ok(false);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

fn sqlx_err(e: sea_orm::sqlx::Error) -> sea_orm::DbErr {
    sea_orm::DbErr::Custom(e.to_string())
}

/// Erases; `Ok(false)` when it ran but a session older than the tally may have kept the old
/// versions (try again later).
async fn erase(
    db: &DatabaseConnection,
    vacuum: &'static str,
    horizon: &Horizon,
) -> std::result::Result<bool, sea_orm::DbErr> {
    let mut clean = true;
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            // A reader in the WAL keeps the checkpoint from finishing: try again shortly.
            let mut result = Ok(());
            for attempt in 0..ERASE_ATTEMPTS {
                if attempt > 0 {
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
                result = checkpoint(db).await;
                if result.is_ok() {
                    break;
                }
            }
            result?;
        }
        DbBackend::Postgres => {
            // `VACUUM FULL` needs an exclusive lock, and every query on the table queues behind
            // a waiting one: give up after a short wait rather than stall the site, and retry.
            let pool = db.get_postgres_connection_pool();
            let mut conn = pool.acquire().await.map_err(sqlx_err)?;
            if let Some(xid) = horizon.0 {
                clean = wait_for_newer_snapshots(&mut conn, xid).await?;
            }
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
                match &result {
                    Ok(()) => break,
                    Err(e) => tracing::info!(vacuum, attempt, error = %e, "erasure waits"),
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
    Ok(clean)
}

/// Empties SQLite's WAL into the database file (`secure_delete` zeroes what was deleted).
async fn checkpoint(db: &DatabaseConnection) -> std::result::Result<(), sea_orm::DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA wal_checkpoint(TRUNCATE)",
        ))
        .await?;
    // (busy, frames in the log, frames checkpointed): busy = 1 means a reader kept the
    // checkpoint from finishing.
    let busy: i32 = match row {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    if busy != 0 {
        return Err(sea_orm::DbErr::Custom(
            "the WAL checkpoint was blocked by a reader".to_owned(),
        ));
    }
    Ok(())
}
