//! SQL shapes the services share, so a page asks for what it shows in as few round trips as
//! it can: a count as a scalar subquery of a larger statement ([`counted`]), and a slice of a
//! list together with the list's length in one statement ([`slice_and_total`]: the rows carry
//! `COUNT(*) OVER ()`, which both SQLite and PostgreSQL compute before the `LIMIT`).

use sea_orm::sea_query::{Expr, SelectStatement};
use sea_orm::{
    ConnectionTrait, DbErr, EntityTrait, FromQueryResult, PaginatorTrait, QueryResult, QuerySelect,
    QueryTrait, Select,
};

use crate::service::Result;
use crate::service::paging::Window;

/// A count of `rows`, as a scalar subquery of a larger statement.
pub(crate) fn counted<E: EntityTrait>(rows: Select<E>) -> SelectStatement {
    rows.select_only().expr(Expr::cust("COUNT(*)")).into_query()
}

/// `COUNT(*) OVER ()`: beside each row, how many rows (or groups) the whole result has before
/// any `LIMIT`, on SQLite and PostgreSQL alike.
pub(crate) fn total_over() -> Expr {
    Expr::cust("COUNT(*) OVER ()")
}

/// The column [`slice_and_total`] adds beside each row.
const TOTAL: &str = "rt_total_rows";

/// A row read with the length of the whole list it was cut from.
struct WithTotal<M> {
    row: M,
    total: i64,
}

impl<M: FromQueryResult> FromQueryResult for WithTotal<M> {
    fn from_query_result(res: &QueryResult, pre: &str) -> std::result::Result<Self, DbErr> {
        Ok(Self {
            row: M::from_query_result(res, pre)?,
            total: res.try_get(pre, TOTAL)?,
        })
    }
}

/// At most `limit` rows of `select` (already ordered) from `offset`, and how many rows
/// `select` has in all, in one statement. Only when no row comes back past the start (a page
/// beyond the end) does a second statement count the list; an empty list from the start
/// costs the one statement.
pub(crate) async fn slice_and_total<E>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    offset: u64,
    limit: u64,
) -> Result<(Vec<E::Model>, u64)>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    // SQLite's driver binds integers as i64: an offset past that is past any list.
    let offset = offset.min(i64::MAX.unsigned_abs());
    let rows = select
        .clone()
        .expr_as(total_over(), TOTAL)
        .offset((offset > 0).then_some(offset))
        .limit(limit)
        .into_model::<WithTotal<E::Model>>()
        .all(db)
        .await?;
    let total = match rows.first() {
        Some(first) => u64::try_from(first.total).unwrap_or(0),
        None if offset == 0 => 0,
        None => select.count(db).await?,
    };
    Ok((rows.into_iter().map(|r| r.row).collect(), total))
}

/// One page of a list read by [`page_of`].
#[derive(Debug)]
pub(crate) struct PageOf<M> {
    /// The page's rows, in order.
    pub rows: Vec<M>,
    /// How many rows the whole list has.
    pub total: u64,
    /// Which page this is, of how many.
    pub window: Window,
}

/// Page `wanted` (from 1; past the end, such as `last`, is the last page) of `select`
/// (already ordered), `per_page` rows a page, with the list's length: one statement, and a
/// second only when the page asked for is past the end.
pub(crate) async fn page_of<E>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    per_page: u64,
    wanted: u64,
) -> Result<PageOf<E::Model>>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    let asked = Window::new(u64::MAX, per_page, wanted);
    let (mut rows, mut total) =
        slice_and_total(db, select.clone(), asked.offset(), asked.limit()).await?;
    let window = Window::new(total, per_page, wanted);
    if rows.is_empty() && window.offset() != asked.offset() {
        (rows, total) = slice_and_total(db, select, window.offset(), window.limit()).await?;
    }
    Ok(PageOf {
        rows,
        total,
        window: Window::new(total, per_page, wanted),
    })
}
