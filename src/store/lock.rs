//! Per-row write locks: the way every service serialises changes to one team, meeting or
//! budget round. A no-op update of the row's primary key (`SET id = id WHERE id = ?`) takes
//! the row lock on PostgreSQL until the transaction ends; on SQLite, a write as the first
//! statement takes the database's write lock before any read, so concurrent writers wait for
//! each other (busy timeout) instead of failing with "database is locked". Either way, what
//! the transaction reads next is the committed state nobody else can change until it ends.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Iterable, PrimaryKeyToColumn, QueryFilter,
    Value,
};

/// Takes the write lock on row `id` of `E` for the rest of `db`'s transaction (a missing row
/// locks nothing; the caller's next read finds it missing).
pub async fn row<E>(db: &impl ConnectionTrait, id: impl Into<Value>) -> Result<(), DbErr>
where
    E: EntityTrait,
    E::PrimaryKey: PrimaryKeyToColumn<Column = E::Column>,
{
    let Some(key) = E::PrimaryKey::iter().next() else {
        return Ok(());
    };
    let column = key.into_column();
    E::update_many()
        .col_expr(column, Expr::col(column))
        .filter(column.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
