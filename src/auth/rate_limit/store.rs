//! Where the rate limiters' buckets live: in this process, or in the database's `rate_buckets`
//! table for several app servers. Either way a check reads its buckets, applies a pure policy
//! and writes them back as one step, so parallel attempts cannot slip past a count.

use std::collections::HashMap;
use std::sync::Mutex;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, TransactionTrait,
};
use sha2::{Digest, Sha256};

use super::Bucket;
use crate::store::entities::rate_buckets;

/// Buckets idle this long (a day) are forgotten.
pub const IDLE_MS: i64 = 24 * 60 * 60 * 1000;
/// The memory store prunes idle buckets when it holds more than this many.
const MEMORY_PRUNE_AT: usize = 50_000;

/// Which store a [`Store`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    /// In this process only.
    Memory,
    /// In the database, shared by every server on it.
    Database,
}

/// The buckets of every limiter.
#[derive(Debug)]
pub enum Store {
    /// In this process: right for one server (the SQLite default).
    Memory(Mutex<HashMap<String, Bucket>>),
    /// In the database: shared by every app server on it.
    Database(DatabaseConnection),
}

/// A stored key: hex SHA-256 of the limiter's name and the parts it limits (so no address,
/// account or link is kept in clear).
pub fn key(name: &str, parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    hash.update(name.as_bytes());
    for part in parts {
        hash.update([0]);
        hash.update(part.as_bytes());
    }
    crate::auth::tokens::hex(&hash.finalize())
}

impl Store {
    /// An empty store in this process.
    pub fn memory() -> Self {
        Self::Memory(Mutex::new(HashMap::new()))
    }

    /// A store in `db`'s `rate_buckets` table.
    pub fn database(db: DatabaseConnection) -> Self {
        Self::Database(db)
    }

    /// Which store this is.
    pub fn kind(&self) -> StoreKind {
        match self {
            Self::Memory(_) => StoreKind::Memory,
            Self::Database(_) => StoreKind::Database,
        }
    }

    /// Applies `policy` to the buckets of `keys` (distinct; missing ones start empty, in the
    /// order given) and keeps what it leaves, as one step.
    pub async fn with<R>(
        &self,
        keys: &[String],
        now_ms: i64,
        policy: impl FnOnce(&mut [Bucket]) -> R,
    ) -> Result<R, DbErr> {
        match self {
            Self::Memory(map) => Ok(with_memory(map, keys, now_ms, policy)),
            Self::Database(db) => with_database(db, keys, now_ms, policy).await,
        }
    }

    /// Deletes buckets last used before `before_ms`.
    pub async fn prune(&self, before_ms: i64) -> Result<u64, DbErr> {
        match self {
            Self::Memory(map) => {
                let mut map = map
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let was = map.len();
                map.retain(|_, b| b.last_ms >= before_ms);
                Ok(u64::try_from(was - map.len()).unwrap_or(0))
            }
            Self::Database(db) => Ok(rate_buckets::Entity::delete_many()
                .filter(rate_buckets::Column::LastMs.lt(before_ms))
                .exec(db)
                .await?
                .rows_affected),
        }
    }
}

fn with_memory<R>(
    map: &Mutex<HashMap<String, Bucket>>,
    keys: &[String],
    now_ms: i64,
    policy: impl FnOnce(&mut [Bucket]) -> R,
) -> R {
    // A poisoned lock only means another request panicked mid-update; the counts are still
    // meaningful, so keep using them.
    let mut map = map
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if map.len() > MEMORY_PRUNE_AT {
        map.retain(|_, b| b.last_ms >= now_ms - IDLE_MS);
    }
    let mut buckets: Vec<Bucket> = keys
        .iter()
        .map(|k| map.get(k).copied().unwrap_or_default())
        .collect();
    let result = policy(&mut buckets);
    for (k, b) in keys.iter().zip(buckets) {
        if b.count == 0 {
            map.remove(k);
        } else {
            map.insert(k.clone(), b);
        }
    }
    result
}

/// One transaction: make sure each row exists (in key order, so two servers lock the same
/// rows in the same order and cannot deadlock; on SQLite this first write also takes the
/// database's write lock), lock and read them, apply the policy, write them back.
async fn with_database<R>(
    db: &DatabaseConnection,
    keys: &[String],
    now_ms: i64,
    policy: impl FnOnce(&mut [Bucket]) -> R,
) -> Result<R, DbErr> {
    use rate_buckets::{ActiveModel, Column, Entity};
    let mut sorted: Vec<&String> = keys.iter().collect();
    sorted.sort();
    sorted.dedup();
    let txn = db.begin().await?;
    let fresh = sorted.iter().map(|k| ActiveModel {
        key_hash: Set((*k).clone()),
        count: Set(0),
        since_ms: Set(now_ms),
        last_ms: Set(now_ms),
    });
    Entity::insert_many(fresh)
        .on_conflict(OnConflict::column(Column::KeyHash).do_nothing().to_owned())
        .exec_without_returning(&txn)
        .await?;
    let mut select = Entity::find()
        .filter(Column::KeyHash.is_in(sorted.iter().map(|k| k.as_str())))
        .order_by_asc(Column::KeyHash);
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        select = sea_orm::QuerySelect::lock_exclusive(select);
    }
    let rows: HashMap<String, rate_buckets::Model> = select
        .all(&txn)
        .await?
        .into_iter()
        .map(|row| (row.key_hash.clone(), row))
        .collect();
    let mut buckets: Vec<Bucket> = keys
        .iter()
        .map(|k| {
            rows.get(k).map_or_else(Bucket::default, |row| Bucket {
                count: u32::try_from(row.count).unwrap_or(0),
                since_ms: row.since_ms,
                last_ms: row.last_ms,
            })
        })
        .collect();
    let result = policy(&mut buckets);
    for (k, b) in keys.iter().zip(&buckets) {
        let before = rows.get(k);
        let count = i32::try_from(b.count).unwrap_or(i32::MAX);
        if before
            .is_some_and(|r| r.count == count && r.since_ms == b.since_ms && r.last_ms == b.last_ms)
        {
            continue;
        }
        Entity::update_many()
            .col_expr(Column::Count, count.into())
            .col_expr(Column::SinceMs, b.since_ms.into())
            .col_expr(Column::LastMs, b.last_ms.into())
            .filter(Column::KeyHash.eq(k.as_str()))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(result)
}
