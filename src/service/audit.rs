//! The append-only audit log. Each row stores the SHA-256 of the previous row and a hash of its
//! own content, so an edited row no longer matches its hash and a deleted row breaks the chain
//! at its successor. `roundtable audit verify` walks the chain.
//!
//! Appends happen inside the use case's transaction, after its first write, so the row exists
//! exactly when the change committed. PostgreSQL appends take an advisory lock; on SQLite the
//! transaction already holds the write lock. `prev_hash` is unique, so a fork is impossible.

use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryOrder, Set, Statement,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::store::entities::audit_log;

/// `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Something worth recording.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Who did it (`None` for the CLI).
    pub actor_id: Option<i64>,
    /// Team concerned.
    pub team_id: Option<i64>,
    /// Stable action name, e.g. `invitation.create`.
    pub action: &'static str,
    /// Details (never secrets such as tokens or passwords).
    pub detail: serde_json::Value,
}

/// Appends an entry; call inside the use case's transaction, after its first write.
pub async fn record(db: &impl ConnectionTrait, entry: Entry) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(727272)",
        ))
        .await?;
    }
    let last = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .one(db)
        .await?;
    let prev_hash = last.map_or_else(|| GENESIS.to_owned(), |row| row.hash);
    // Microsecond precision: what both databases store exactly.
    let now = OffsetDateTime::now_utc();
    let occurred_at = now
        .replace_nanosecond(now.nanosecond() / 1_000 * 1_000)
        .unwrap_or(now);
    let detail = entry.detail.to_string();
    let hash = row_hash(
        &prev_hash,
        occurred_at,
        entry.actor_id,
        entry.team_id,
        entry.action,
        &detail,
    );
    audit_log::ActiveModel {
        occurred_at: Set(occurred_at),
        actor_id: Set(entry.actor_id),
        team_id: Set(entry.team_id),
        action: Set(entry.action.to_owned()),
        detail: Set(detail),
        prev_hash: Set(prev_hash),
        hash: Set(hash),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

fn row_hash(
    prev_hash: &str,
    occurred_at: OffsetDateTime,
    actor_id: Option<i64>,
    team_id: Option<i64>,
    action: &str,
    detail: &str,
) -> String {
    let mut hasher = Sha256::new();
    let stamp = occurred_at.unix_timestamp_nanos() / 1_000;
    let canonical = serde_json::json!([
        prev_hash,
        stamp.to_string(),
        actor_id,
        team_id,
        action,
        detail
    ]);
    hasher.update(canonical.to_string().as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Verdict {
    /// Every row matches its hash and links to its predecessor.
    Intact {
        /// Number of rows.
        rows: u64,
        /// Hash of the newest row (record it elsewhere to detect removal of the newest rows).
        head: String,
    },
    /// The row's content no longer matches its hash.
    Edited {
        /// The first edited row.
        id: i64,
    },
    /// The row does not link to the row before it: rows between were deleted (or edited).
    Deleted {
        /// The row whose predecessor is missing.
        after_gap_id: i64,
        /// The last intact row before the gap (`None` when the first rows were deleted).
        before_gap_id: Option<i64>,
    },
}

/// Walks the whole chain in order and reports the first problem.
pub async fn verify(db: &impl ConnectionTrait) -> Result<Verdict, DbErr> {
    let rows = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?;
    let mut expected_prev = GENESIS.to_owned();
    let mut previous_id = None;
    let mut count = 0_u64;
    for row in rows {
        let recomputed = row_hash(
            &row.prev_hash,
            row.occurred_at,
            row.actor_id,
            row.team_id,
            &row.action,
            &row.detail,
        );
        if recomputed != row.hash {
            return Ok(Verdict::Edited { id: row.id });
        }
        if row.prev_hash != expected_prev {
            return Ok(Verdict::Deleted {
                after_gap_id: row.id,
                before_gap_id: previous_id,
            });
        }
        expected_prev = row.hash;
        previous_id = Some(row.id);
        count += 1;
    }
    Ok(Verdict::Intact {
        rows: count,
        head: expected_prev,
    })
}
