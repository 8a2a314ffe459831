//! The append-only audit log. Each row stores the hash of the previous row and a hash of its
//! own content, so an edited row no longer matches its hash and a deleted row breaks the chain
//! at its successor. `roundtable audit verify` walks the chain.
//!
//! Row hashes are keyed: HMAC-SHA256 under a [`ChainKey`] derived from the cookie key, which
//! lives outside the database (`data_dir/cookie.key` or the `cookie_key` setting, so servers
//! sharing the cookie key share the chain key). Someone who can only write to the database
//! cannot compute a valid hash for an edited row, so cannot re-chain the rows after it. Keyed
//! hashes are stored as `k1:<hex>`; rows written before keying hold a plain SHA-256 (`<hex>`)
//! and are still checked, but once a keyed row exists every later row must be keyed, and the
//! first keyed row's MAC covers the plain rows before it through `prev_hash`.
//!
//! The services append with `record(db, entry)`; the key is found by the database the
//! connection talks to ([`install_key`] registers it at start-up), so call sites need no key.
//!
//! Appends happen inside the use case's transaction, after its first write, so the row exists
//! exactly when the change committed. PostgreSQL appends take an advisory lock; on SQLite the
//! transaction already holds the write lock. `prev_hash` is unique, so a fork is impossible.

use crate::domain::ids::{TeamId, UserId};
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use hmac::{Hmac, Mac};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult, QueryOrder,
    QuerySelect, Set, Statement,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::auth::tokens::hex;
use crate::store::entities::audit_log;
pub use crate::store::entities::audit_log::AuditAction;

/// `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Prefix of a keyed row hash (version 1: HMAC-SHA256 under the [`ChainKey`]).
pub const KEYED_PREFIX: &str = "k1:";

/// The secret that keys the chain; kept outside the database.
#[derive(Clone, PartialEq, Eq)]
pub struct ChainKey([u8; 32]);

impl std::fmt::Debug for ChainKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChainKey(***)")
    }
}

impl ChainKey {
    /// Derives the chain key from the cookie key's master bytes (a separate key for a separate
    /// purpose: the chain key never signs a cookie, and cannot be turned back into one).
    pub fn derive(cookie_master: &[u8]) -> Self {
        Self(mac(cookie_master, b"roundtable audit chain v1"))
    }
}

fn mac(key: &[u8], message: &[u8]) -> [u8; 32] {
    // HMAC takes keys of any length; `new_from_slice` cannot fail for it.
    match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mut m) => {
            m.update(message);
            m.finalize().into_bytes().into()
        }
        Err(_) => [0_u8; 32],
    }
}

fn keys() -> &'static RwLock<HashMap<String, ChainKey>> {
    static KEYS: OnceLock<RwLock<HashMap<String, ChainKey>>> = OnceLock::new();
    KEYS.get_or_init(|| RwLock::new(HashMap::new()))
}

/// Which database a connection talks to (the file, or server and database name).
async fn database_identity(db: &impl ConnectionTrait) -> Result<String, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT current_database() || '@' || coalesce(host(inet_server_addr()), 'socket') \
             || ':' || coalesce(inet_server_port()::text, '') AS id"
        }
        _ => "SELECT file AS id FROM pragma_database_list WHERE name = 'main'",
    };
    let row = db
        .query_one_raw(Statement::from_string(backend, sql))
        .await?
        .ok_or_else(|| DbErr::Custom("the database did not say which it is".to_owned()))?;
    row.try_get_by_index(0)
}

/// Registers the chain key for the database `db` talks to; `record` on any connection to it
/// uses that key from then on.
pub async fn install_key(db: &impl ConnectionTrait, key: ChainKey) -> Result<(), DbErr> {
    let id = database_identity(db).await?;
    keys()
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(id, key);
    Ok(())
}

async fn installed_key(db: &impl ConnectionTrait) -> Result<ChainKey, DbErr> {
    let id = database_identity(db).await?;
    keys()
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(&id)
        .cloned()
        .ok_or_else(|| {
            DbErr::Custom(format!(
                "no audit chain key installed for database {id}; build the application first"
            ))
        })
}

/// Something worth recording.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Who did it (`None` for the CLI).
    pub actor_id: Option<UserId>,
    /// Team concerned.
    pub team_id: Option<TeamId>,
    /// What happened.
    pub action: AuditAction,
    /// Details (never secrets such as tokens or passwords).
    pub detail: serde_json::Value,
}

/// Appends an entry; call inside the use case's transaction, after its first write.
pub async fn record(db: &impl ConnectionTrait, entry: Entry) -> Result<(), DbErr> {
    let key = installed_key(db).await?;
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
    let now = crate::clock::now();
    let occurred_at = now
        .replace_nanosecond(now.nanosecond() / 1_000 * 1_000)
        .unwrap_or(now);
    let detail = entry.detail.to_string();
    let content = canonical(
        &prev_hash,
        occurred_at,
        entry.actor_id,
        entry.team_id,
        &entry.action.name(),
        &detail,
    );
    let hash = keyed_hash(&key, &content);
    audit_log::ActiveModel {
        occurred_at: Set(occurred_at),
        actor_id: Set(entry.actor_id),
        team_id: Set(entry.team_id),
        action: Set(entry.action),
        detail: Set(detail),
        prev_hash: Set(prev_hash),
        hash: Set(hash),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The bytes a row's hash covers.
fn canonical(
    prev_hash: &str,
    occurred_at: OffsetDateTime,
    actor_id: Option<UserId>,
    team_id: Option<TeamId>,
    action: &str,
    detail: &str,
) -> String {
    let stamp = occurred_at.unix_timestamp_nanos() / 1_000;
    serde_json::json!([
        prev_hash,
        stamp.to_string(),
        actor_id,
        team_id,
        action,
        detail
    ])
    .to_string()
}

/// The hash of rows written before the chain was keyed (anyone can recompute it).
fn plain_hash(content: &str) -> String {
    hex(&Sha256::digest(content.as_bytes()))
}

fn keyed_hash(key: &ChainKey, content: &str) -> String {
    format!("{KEYED_PREFIX}{}", hex(&mac(&key.0, content.as_bytes())))
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
        /// Oldest rows written before the chain was keyed (plain SHA-256); someone with
        /// database write access could re-chain them only if no keyed row follows.
        unkeyed: u64,
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

/// A row as stored, its action kept as text.
#[derive(FromQueryResult)]
struct StoredRow {
    id: i64,
    occurred_at: OffsetDateTime,
    actor_id: Option<UserId>,
    team_id: Option<TeamId>,
    action: String,
    detail: String,
    prev_hash: String,
    hash: String,
}

/// Walks the whole chain in order with the key installed for this database and reports the
/// first problem.
pub async fn verify(db: &impl ConnectionTrait) -> Result<Verdict, DbErr> {
    let key = installed_key(db).await?;
    verify_with(db, &key).await
}

/// Walks the whole chain in order with `key` and reports the first problem.
pub async fn verify_with(db: &impl ConnectionTrait, key: &ChainKey) -> Result<Verdict, DbErr> {
    // The stored text, not the parsed action: the hash covers the text, and a tampered name
    // must show up as an edited row rather than abort the walk.
    let rows = audit_log::Entity::find()
        .select_only()
        .columns([
            audit_log::Column::Id,
            audit_log::Column::OccurredAt,
            audit_log::Column::ActorId,
            audit_log::Column::TeamId,
            audit_log::Column::Action,
            audit_log::Column::Detail,
            audit_log::Column::PrevHash,
            audit_log::Column::Hash,
        ])
        .order_by_asc(audit_log::Column::Id)
        .into_model::<StoredRow>()
        .all(db)
        .await?;
    let mut expected_prev = GENESIS.to_owned();
    let mut previous_id = None;
    let mut count = 0_u64;
    let mut unkeyed = 0_u64;
    let mut keyed_seen = false;
    for row in rows {
        let content = canonical(
            &row.prev_hash,
            row.occurred_at,
            row.actor_id,
            row.team_id,
            &row.action,
            &row.detail,
        );
        let keyed = row.hash.starts_with(KEYED_PREFIX);
        let recomputed = if keyed {
            keyed_hash(key, &content)
        } else {
            plain_hash(&content)
        };
        // A plain row after a keyed one is a re-chained edit: keying is never switched off.
        let downgraded = !keyed && keyed_seen;
        let matches: bool =
            subtle::ConstantTimeEq::ct_eq(recomputed.as_bytes(), row.hash.as_bytes()).into();
        if downgraded || !matches {
            return Ok(Verdict::Edited { id: row.id });
        }
        if keyed {
            keyed_seen = true;
        } else {
            unkeyed += 1;
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
        unkeyed,
    })
}
