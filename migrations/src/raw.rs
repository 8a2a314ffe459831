//! What the SeaQuery DSL cannot say (triggers), written once per engine, and the version
//! counters those triggers raise (ADR 0020).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// Runs `postgres` on PostgreSQL, else `sqlite`, one statement after another.
pub(crate) async fn run_per_engine(
    manager: &SchemaManager<'_>,
    postgres: &[&str],
    sqlite: &[&str],
) -> Result<(), DbErr> {
    let statements = match manager.get_database_backend() {
        DbBackend::Postgres => postgres,
        _ => sqlite,
    };
    let db = manager.get_connection();
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

/// Adds the version counter `column` (`BIGINT NOT NULL DEFAULT 0`) to `table`.
pub(crate) async fn add_counter(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    column: impl IntoIden,
) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(table)
                .add_column(ColumnDef::new(column).big_integer().not_null().default(0))
                .to_owned(),
        )
        .await
}

/// Drops `column` from `table` (the `down` of [`add_counter`]).
pub(crate) async fn drop_column(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    column: impl IntoIden,
) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(table).drop_column(column).to_owned())
        .await
}
