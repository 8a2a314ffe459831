//! Writing a new exchange: once per idempotency key, within the per-day limit, audited, and
//! with the other person (or both, when a leader records) notified.

use crate::domain::ids::{ExchangeId, TeamId, UserId};
use crate::i18n::{Arg, Msg};
use sea_orm::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use super::super::{LedgerAccess, access, invalid, lock_team, names, notify};
use super::form::{ExchangeForm, Parsed, parse};
use crate::access::{Action, Principal};
use crate::domain::ledger::{
    self, DAILY_LIMIT_MINUTES, Effective, PENDING_DAYS, Party, Recorder, Status,
};
use crate::service::{Result, ServiceError, audit};
use crate::store::entities::help_exchanges;

/// What recording did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    /// The entry.
    pub id: ExchangeId,
    pub status: Status,
    /// `true` when the key had already recorded this entry (nothing new was written).
    pub duplicate: bool,
}

async fn by_key(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    recorded_by: UserId,
    key: &str,
) -> Result<Option<Recorded>> {
    Ok(help_exchanges::Entity::find()
        .filter(help_exchanges::Column::RecordedBy.eq(recorded_by))
        .filter(help_exchanges::Column::IdempotencyKey.eq(key))
        .filter(help_exchanges::Column::TeamId.eq(team_id))
        .one(db)
        .await?
        .map(|row| Recorded {
            id: row.id,
            status: Status::from(row.status),
            duplicate: true,
        }))
}

/// Minutes already on a member's day (pending, confirmed or disputed, not reversed or
/// expired), given and received together.
async fn minutes_on_day(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    member: UserId,
    day: time::Date,
    now: OffsetDateTime,
) -> Result<i64> {
    let rows = help_exchanges::Entity::find()
        .filter(help_exchanges::Column::TeamId.eq(team_id))
        .filter(help_exchanges::Column::OccurredOn.eq(day))
        .filter(
            help_exchanges::Column::HelperId
                .eq(member)
                .or(help_exchanges::Column::HelpedId.eq(member)),
        )
        .all(db)
        .await?;
    let reversed: Vec<ExchangeId> = rows.iter().filter_map(|r| r.reverses_id).collect();
    Ok(rows
        .iter()
        .filter(|r| r.kind == help_exchanges::EntryKind::Exchange)
        .filter(|r| {
            let status = Status::from(r.status);
            matches!(
                ledger::effective(status, r.expires_at, reversed.contains(&r.id), now),
                Effective::Pending | Effective::Confirmed | Effective::Disputed
            )
        })
        .map(|r| i64::from(r.minutes))
        .sum())
}

/// Records an exchange. By the helped person: confirmed at once and the helper is notified.
/// By the helper: pending until the helped person answers (lapses after 14 days). By a
/// leader for two others: confirmed at once, audited, both notified.
pub async fn record(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &ExchangeForm,
    now: OffsetDateTime,
) -> Result<Recorded> {
    let acc = access(db, principal, slug, Action::RecordHelp).await?;
    let p = parse(db, &acc, principal, form, now).await?;
    if let Some(done) = by_key(db, acc.team.id, acc.user_id, p.key.as_str()).await? {
        return Ok(done);
    }
    match insert(db, &acc, &p, now).await {
        Err(ServiceError::Conflict(_)) => by_key(db, acc.team.id, acc.user_id, p.key.as_str())
            .await?
            .ok_or_else(|| ServiceError::Conflict(Msg::new("conflict-please-try-again"))),
        other => other,
    }
}

async fn insert(
    db: &DatabaseConnection,
    acc: &LedgerAccess,
    p: &Parsed,
    now: OffsetDateTime,
) -> Result<Recorded> {
    let (status, awaiting) = ledger::on_record(p.recorder);
    let awaiting_id = awaiting.map(|party| match party {
        Party::Helper => p.helper,
        Party::Helped => p.helped,
    });
    let txn = db.begin().await?;
    lock_team(&txn, acc.team.id).await?;
    let row = help_exchanges::ActiveModel {
        team_id: Set(acc.team.id),
        helper_id: Set(p.helper),
        helped_id: Set(p.helped),
        minutes: Set(p.minutes.get()),
        occurred_on: Set(p.date.get()),
        category: Set(p.category.as_str().to_owned()),
        note: Set(p.note.get().map(str::to_owned)),
        kind: Set(help_exchanges::EntryKind::Exchange),
        status: Set(status.into()),
        awaiting_id: Set(awaiting_id),
        recorded_by: Set(acc.user_id),
        post_id: Set(p.post_id),
        action_ref: Set(p.action_id),
        reverses_id: Set(None),
        reason: Set(None),
        dispute_reason: Set(None),
        resolution_note: Set(None),
        resolved_by: Set(None),
        idempotency_key: Set(p.key.as_str().to_owned()),
        created_at: Set(now),
        expires_at: Set((status == Status::Pending).then(|| now + Duration::days(PENDING_DAYS))),
        confirmed_at: Set((status == Status::Confirmed).then_some(now)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for member in [p.helper, p.helped] {
        if minutes_on_day(&txn, acc.team.id, member, p.date.get(), now).await? > DAILY_LIMIT_MINUTES
        {
            let message = if member == acc.user_id {
                Msg::new("so-daily-limit-you")
            } else {
                let name = names(&txn, [member]).await?.remove(&member);
                Msg::new("so-daily-limit-member").arg(
                    "name",
                    name.map_or_else(|| Msg::new("so-this-member").into(), Arg::from),
                )
            };
            return Err(invalid("minutes", message));
        }
    }
    let on_behalf = p.recorder == Recorder::LeaderForBoth;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(acc.user_id),
            team_id: Some(acc.team.id),
            action: if on_behalf {
                audit::AuditAction::LedgerRecordForOthers
            } else {
                audit::AuditAction::LedgerRecord
            },
            detail: json!({ "exchange_id": row.id, "helper_id": p.helper, "helped_id": p.helped,
                "minutes": p.minutes.get(), "status": status.as_str() }),
        },
    )
    .await?;
    let names = names(&txn, [p.helper, p.helped, acc.user_id]).await?;
    let name = |id: UserId| names.get(&id).cloned().unwrap_or_default();
    let link = format!("/teams/{}/ledger/exchanges/{}", acc.team.slug, row.id);
    let minutes = p.minutes.get();
    let messages: Vec<(UserId, Msg)> = match p.recorder {
        Recorder::Party(Party::Helped) => vec![(
            p.helper,
            Msg::new("lg-notice-recorded-helped")
                .arg("name", name(p.helped))
                .arg("minutes", minutes),
        )],
        Recorder::Party(Party::Helper) => vec![(
            p.helped,
            Msg::new("lg-notice-recorded-helping")
                .arg("name", name(p.helper))
                .arg("minutes", minutes),
        )],
        Recorder::LeaderForBoth => {
            let text = Msg::new("lg-notice-recorded-between")
                .arg("leader", name(acc.user_id))
                .arg("helper", name(p.helper))
                .arg("helped", name(p.helped))
                .arg("minutes", minutes);
            vec![(p.helper, text.clone()), (p.helped, text)]
        }
    };
    for (to, message) in messages {
        notify::send(&txn, to, acc.team.id, &message, link.clone(), now).await?;
    }
    txn.commit().await?;
    Ok(Recorded {
        id: row.id,
        status,
        duplicate: false,
    })
}
