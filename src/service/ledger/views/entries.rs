//! Entries one at a time and a page at a time, as far as the caller may see them: the two
//! people of an entry see it, and leaders see every entry of their team (the rule of
//! [`exchanges::visible`]); nobody else learns it exists. Notes go with them, as on the
//! entry's page.

use crate::domain::ids::{ExchangeId, UserId};
use std::collections::BTreeMap;

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use time::{Date, OffsetDateTime};

use super::super::exchanges;
use super::super::{LedgerAccess, access, names};
use super::{EntryLine, line, sums, with_state};
use crate::access::{Action, Principal};
use crate::domain::ledger::{Actor, AllowedMoves, Effective, allowed_moves, party_of};
use crate::service::{Result, ServiceError};
use crate::store::entities::help_exchanges;

/// One entry as its page shows it.
#[derive(Debug, Clone)]
pub struct EntryDetail {
    /// Access and settings.
    pub access: LedgerAccess,
    /// The entry as lists show it (with its note).
    pub line: EntryLine,
    /// The stored entry.
    pub model: help_exchanges::Model,
    /// Its state now.
    pub state: Effective,
    /// The names of its helper, helped person and recorder (a former member is missing).
    pub people: BTreeMap<UserId, String>,
    /// Why it was corrected, if a reversing entry names it.
    pub reversal_reason: Option<String>,
}

impl EntryDetail {
    /// What the caller may do to it now (exactly what the moves would accept).
    pub fn allowed(&self) -> AllowedMoves {
        let m = &self.model;
        allowed_moves(
            self.state,
            m.awaiting_id
                .and_then(|who| party_of(who, m.helper_id, m.helped_id)),
            Actor {
                party: party_of(self.access.user_id, m.helper_id, m.helped_id),
                leader: self.access.is_leader(),
            },
        )
    }
}

/// One entry the caller may see (`ViewOwnLedger`): `NotFound` for an entry of another team,
/// one the caller is not in (unless they lead the team), or a reversal (it has no page).
pub async fn entry(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: ExchangeId,
    now: OffsetDateTime,
) -> Result<EntryDetail> {
    let acc = access(db, principal, slug, Action::ViewOwnLedger).await?;
    let model = exchanges::visible(db, &acc, id).await?;
    if exchanges::is_reversal(&model) {
        return Err(ServiceError::NotFound);
    }
    let reversal = exchanges::reversal_of(db, model.id).await?;
    let people = names(db, [model.helper_id, model.helped_id, model.recorded_by]).await?;
    let row = with_state(db, vec![model.clone()], now)
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)?;
    Ok(EntryDetail {
        line: line(&row, &people, acc.user_id, true),
        state: row.state,
        people,
        reversal_reason: reversal.and_then(|r| r.reason),
        model,
        access: acc,
    })
}

/// Where a page of entries resumes: after this day and id (newest first).
pub type EntryAfter = (Date, ExchangeId);

/// Up to `limit` entries the caller may see after `after`, newest day first, then highest id;
/// `only_mine` keeps to the entries the caller is in (for a leader, who sees every entry of
/// the team). The flag says whether more follow.
pub async fn visible_entries(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    only_mine: bool,
    after: Option<EntryAfter>,
    limit: u64,
    now: OffsetDateTime,
) -> Result<(LedgerAccess, Vec<EntryLine>, bool)> {
    use help_exchanges::Column;

    let acc = access(db, principal, slug, Action::ViewOwnLedger).await?;
    let team_id = acc.team.id;
    let mut query = help_exchanges::Entity::find();
    query = if only_mine || !acc.is_leader() {
        query.filter(sums::involving(team_id, acc.user_id))
    } else {
        query
            .filter(Column::TeamId.eq(team_id))
            .filter(Column::Kind.eq("exchange"))
    };
    if let Some((day, id)) = after {
        query = query.filter(
            Condition::any().add(Column::OccurredOn.lt(day)).add(
                Condition::all()
                    .add(Column::OccurredOn.eq(day))
                    .add(Column::Id.lt(id)),
            ),
        );
    }
    let mut models = query
        .order_by_desc(Column::OccurredOn)
        .order_by_desc(Column::Id)
        .limit(limit.saturating_add(1))
        .all(db)
        .await?;
    let more = models.len() as u64 > limit;
    models.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let rows = with_state(db, models, now).await?;
    let names = names(
        db,
        rows.iter()
            .flat_map(|r| [r.model.helper_id, r.model.helped_id]),
    )
    .await?;
    let lines = rows
        .iter()
        .map(|r| line(r, &names, acc.user_id, true))
        .collect();
    Ok((acc, lines, more))
}
