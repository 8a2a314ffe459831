//! The keyset page every comment list of the API shares (a proposal's, an idea's, an
//! action's): rows after the last id seen, by id, one more than asked to know whether another
//! page follows. The order is the id's, so a walk is stable whatever is added meanwhile.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::service::Result;

/// One page of `select` (already narrowed to one subject's comments) ordered by `id`: the
/// rows with an id above `after`, at most `limit` of them, and whether more follow.
pub async fn by_id<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: sea_orm::Select<E>,
    id: impl ColumnTrait,
    after: Option<i64>,
    limit: u64,
) -> Result<(Vec<E::Model>, bool)> {
    let select = match after {
        Some(after) => select.filter(id.gt(after)),
        None => select,
    };
    let mut rows = select
        .order_by_asc(id)
        .limit(limit.saturating_add(1))
        .all(db)
        .await?;
    let more = u64::try_from(rows.len()).unwrap_or(u64::MAX) > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok((rows, more))
}
