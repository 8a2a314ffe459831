//! An action's comments a page at a time (the API's list), by the same keyset query as the
//! other comment lists ([`super::paging`]); reading them is the action log's rule
//! (`ViewActions`), and another team's action answers `NotFound`.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::access::{Action, Principal};
use crate::domain::ids::ActionId;
use crate::format;
use crate::i18n::Lang;
use crate::service::actions::{self, CommentLine};
use crate::service::comments::paging;
use crate::service::meetings::{author_name, names_of};
use crate::service::{Result, ServiceError};
use crate::store::entities::action_comments;

/// One page of an action's comments (oldest first, by id) after the comment `after`, at most
/// `limit`, in `lang`'s words; and whether more follow.
pub async fn page(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: ActionId,
    (after, limit): (Option<i64>, u64),
    lang: Lang,
) -> Result<(Vec<CommentLine>, bool)> {
    let acc = actions::authorize(db, principal, slug, Action::ViewActions).await?;
    actions::find_in_team(db, acc.team.team.id, id).await?;
    let select = action_comments::Entity::find().filter(action_comments::Column::ActionId.eq(id));
    let (rows, more) = paging::by_id(db, select, action_comments::Column::Id, after, limit).await?;
    let people = names_of(db, rows.iter().filter_map(|c| c.author_id)).await?;
    let zone = acc.team.zone;
    let lines = rows
        .into_iter()
        .map(|c| CommentLine {
            who: author_name(&people, c.author_id),
            body: c.body,
            when: format::date_time_in(c.created_at, zone, lang),
            id: c.id,
            author_id: c.author_id,
            at: c.created_at,
        })
        .collect();
    Ok((lines, more))
}

/// One comment of an action, as [`page`] shows it (`NotFound` if it is not that action's).
pub async fn one(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: ActionId,
    comment_id: i64,
    lang: Lang,
) -> Result<CommentLine> {
    let after = comment_id.checked_sub(1);
    let (lines, _) = page(db, principal, slug, id, (after, 1), lang).await?;
    lines
        .into_iter()
        .find(|c| c.id == comment_id)
        .ok_or(ServiceError::NotFound)
}
