//! Persistence with sea-orm: opening the database (pragmas and backend choice live here and
//! nowhere else), migrations, entities and queries. Services call into this module; the pure
//! layers (`tally`, `domain`) never do.

mod connect;
pub mod entities;
pub mod ids;
pub mod lock;
pub mod scoped;

pub use connect::{Backend, Database, connect, connect_target, connect_with_pool};

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait};

/// Rows [`insert_in_chunks`] writes per statement: a few hundred rows of a few columns stays
/// well inside both engines' limits on bound values.
pub const INSERT_CHUNK: usize = 200;

/// Inserts `rows` a chunk per statement rather than a statement per row, so a write that
/// grows with the team (attendance, a secret meeting's ballots) takes a few round trips, not
/// thousands. Row order is kept (ids are given in it).
pub async fn insert_in_chunks<A>(db: &impl ConnectionTrait, rows: &[A]) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Clone + Send,
{
    for chunk in rows.chunks(INSERT_CHUNK) {
        A::Entity::insert_many(chunk.iter().cloned())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Applies every pending migration.
pub async fn migrate_up(db: &Database) -> Result<(), DbErr> {
    Migrator::up(&db.conn, None).await
}

/// Rolls back the last `steps` migrations (all of them with `None`).
pub async fn migrate_down(db: &Database, steps: Option<u32>) -> Result<(), DbErr> {
    Migrator::down(&db.conn, steps).await
}

/// One migration's name and whether it has been applied.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MigrationState {
    /// The migration's file name, e.g. `m20261123_000001_create_accounts`.
    pub name: String,
    /// `true` once applied to this database.
    pub applied: bool,
}

/// Every known migration with its state, in order.
pub async fn migration_status(db: &impl ConnectionTrait) -> Result<Vec<MigrationState>, DbErr> {
    let all = Migrator::get_migration_with_status(db).await?;
    Ok(all
        .iter()
        .map(|m| MigrationState {
            name: m.name().to_owned(),
            applied: matches!(m.status(), migrations::MigrationStatus::Applied),
        })
        .collect())
}
