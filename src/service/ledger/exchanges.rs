//! Recording an exchange and every later move on it: confirm, adjust the minutes, dispute,
//! resolve (leaders), reverse (a correction). Confirmed entries are never edited.
//!
//! Concurrency: each write transaction starts with its write (on SQLite that takes the lock
//! before anything is read; on PostgreSQL a per-team advisory lock comes first), so two
//! requests with one idempotency key record once, and moves are conditional updates that
//! change nothing when the entry moved on meanwhile.

use sea_orm::ExprTrait;
use sea_orm::prelude::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use super::{LedgerAccess, access, invalid, lock_team, notify};
use crate::access::{Action, Principal};
use crate::domain::ledger::{
    self, Actor, Category, DAILY_LIMIT_MINUTES, Effective, HelpDate, IdempotencyKey, Minutes, Move,
    MoveError, Note, Outcome, PENDING_DAYS, Party, Reason, Recorder, Status,
};
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::{help_exchanges, help_posts, memberships};

/// The "record help" form as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ExchangeForm {
    /// `gave` (I helped `person`), `received` (`person` helped me) or `between` (a leader
    /// records `helper` → `helped`).
    #[serde(default)]
    pub direction: String,
    /// The other person (for `gave` / `received`).
    #[serde(default)]
    pub person: String,
    /// Helper (for `between`).
    #[serde(default)]
    pub helper: String,
    /// Helped (for `between`).
    #[serde(default)]
    pub helped: String,
    /// Minutes, 1 to 600.
    #[serde(default)]
    pub minutes: String,
    /// `YYYY-MM-DD`; empty means today.
    #[serde(default)]
    pub date: String,
    /// Short category.
    #[serde(default)]
    pub category: String,
    /// Private note.
    #[serde(default)]
    pub note: String,
    /// Help post it answers (optional).
    #[serde(default)]
    pub post_id: String,
    /// Action it served (optional).
    #[serde(default)]
    pub action_id: String,
    /// The form's idempotency key.
    #[serde(default)]
    pub idempotency_key: String,
}

/// What recording did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    /// The entry.
    pub id: i64,
    /// Its status.
    pub status: Status,
    /// `true` when the key had already recorded this entry (nothing new was written).
    pub duplicate: bool,
}

fn parse_id(raw: &str) -> Option<i64> {
    raw.trim().parse::<i64>().ok().filter(|id| *id > 0)
}

async fn is_member(db: &impl ConnectionTrait, team_id: i64, user_id: i64) -> Result<bool> {
    Ok(memberships::Entity::find()
        .filter(memberships::Column::TeamId.eq(team_id))
        .filter(memberships::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .is_some())
}

struct Parsed {
    helper: i64,
    helped: i64,
    recorder: Recorder,
    minutes: Minutes,
    date: HelpDate,
    category: Category,
    note: Note,
    post_id: Option<i64>,
    action_id: Option<i64>,
    key: IdempotencyKey,
}

async fn parse(
    db: &impl ConnectionTrait,
    acc: &LedgerAccess,
    principal: Principal,
    form: &ExchangeForm,
    now: OffsetDateTime,
) -> Result<Parsed> {
    let mut errors = FieldErrors::new();
    let me = acc.user_id;
    let (helper, helped, person_field) = match form.direction.trim() {
        "gave" => (Some(me), parse_id(&form.person), "person"),
        "received" => (parse_id(&form.person), Some(me), "person"),
        "between" => (parse_id(&form.helper), parse_id(&form.helped), "helped"),
        _ => {
            errors.add("direction", "Choose whether you gave or received the help.");
            (None, None, "person")
        }
    };
    if form.direction.trim() != "" && (helper.is_none() || helped.is_none()) {
        errors.add(person_field, "Choose a member of the team.");
    }
    for id in [helper, helped].into_iter().flatten() {
        if !is_member(db, acc.team.id, id).await? {
            errors.add(person_field, "Choose a member of the team.");
        }
    }
    if helper.is_some() && helper == helped {
        errors.add(
            person_field,
            "Help to yourself is not recorded; choose someone else.",
        );
    }
    let minutes = Minutes::parse(&form.minutes)
        .map_err(|e| errors.add("minutes", e))
        .ok();
    let date = HelpDate::parse(&form.date, now.date())
        .map_err(|e| errors.add("date", e))
        .ok();
    let category = Category::parse(&form.category)
        .map_err(|e| errors.add("category", e))
        .ok();
    let note = Note::parse(&form.note)
        .map_err(|e| errors.add("note", e))
        .ok();
    let key = IdempotencyKey::parse(&form.idempotency_key)
        .map_err(|e| errors.add("idempotency_key", e))
        .ok();
    let post_id = parse_id(&form.post_id);
    if let Some(post) = post_id {
        let found = help_posts::Entity::find_by_id(post)
            .filter(help_posts::Column::TeamId.eq(acc.team.id))
            .one(db)
            .await?;
        if found.is_none() {
            errors.add("post_id", "That help post is not in this team.");
        }
    }
    let (
        Some(helper),
        Some(helped),
        Some(minutes),
        Some(date),
        Some(category),
        Some(note),
        Some(key),
    ) = (helper, helped, minutes, date, category, note, key)
    else {
        return Err(ServiceError::Invalid(errors));
    };
    errors.into_result()?;
    let recorder = if helper == me {
        Recorder::Party(Party::Helper)
    } else if helped == me {
        Recorder::Party(Party::Helped)
    } else {
        // Recording for two other people is a leader's right (audited).
        super::teams::check(crate::access::authorize(
            principal,
            acc.role,
            Action::RecordHelpForOthers,
        ))?;
        Recorder::LeaderForBoth
    };
    Ok(Parsed {
        helper,
        helped,
        recorder,
        minutes,
        date,
        category,
        note,
        post_id,
        action_id: parse_id(&form.action_id),
        key,
    })
}

async fn by_key(
    db: &impl ConnectionTrait,
    team_id: i64,
    recorded_by: i64,
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
            status: Status::parse(&row.status).unwrap_or(Status::Pending),
            duplicate: true,
        }))
}

/// Minutes already on a member's day (pending, confirmed or disputed, not reversed or
/// expired), given and received together.
async fn minutes_on_day(
    db: &impl ConnectionTrait,
    team_id: i64,
    member: i64,
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
    let reversed: Vec<i64> = rows.iter().filter_map(|r| r.reverses_id).collect();
    Ok(rows
        .iter()
        .filter(|r| r.kind == "exchange")
        .filter(|r| {
            let status = Status::parse(&r.status).unwrap_or(Status::Rejected);
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
            .ok_or_else(|| ServiceError::Conflict("Please try again.".to_owned())),
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
        kind: Set("exchange".to_owned()),
        status: Set(status.as_str().to_owned()),
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
            let who = if member == acc.user_id {
                "you".to_owned()
            } else {
                super::names(&txn, [member])
                    .await?
                    .remove(&member)
                    .unwrap_or_else(|| "this member".to_owned())
            };
            return Err(invalid(
                "minutes",
                format!("That would make more than 12 hours of help for {who} on that day."),
            ));
        }
    }
    let on_behalf = p.recorder == Recorder::LeaderForBoth;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(acc.user_id),
            team_id: Some(acc.team.id),
            action: if on_behalf {
                "ledger.record_for_others"
            } else {
                "ledger.record"
            },
            detail: json!({ "exchange_id": row.id, "helper_id": p.helper, "helped_id": p.helped,
                "minutes": p.minutes.get(), "status": status.as_str() }),
        },
    )
    .await?;
    let names = super::names(&txn, [p.helper, p.helped, acc.user_id]).await?;
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let link = format!("/teams/{}/ledger/exchanges/{}", acc.team.slug, row.id);
    let minutes = p.minutes.get();
    let messages: Vec<(i64, String)> = match p.recorder {
        Recorder::Party(Party::Helped) => vec![(
            p.helper,
            format!(
                "{} recorded that you helped them for {minutes} minutes. Thank you!",
                name(p.helped)
            ),
        )],
        Recorder::Party(Party::Helper) => vec![(
            p.helped,
            format!(
                "{} recorded helping you for {minutes} minutes. Please confirm, adjust or dispute it.",
                name(p.helper)
            ),
        )],
        Recorder::LeaderForBoth => {
            let text = format!(
                "{} recorded that {} helped {} for {minutes} minutes.",
                name(acc.user_id),
                name(p.helper),
                name(p.helped)
            );
            vec![(p.helper, text.clone()), (p.helped, text)]
        }
    };
    for (to, message) in messages {
        notify::send(&txn, to, acc.team.id, message, link.clone(), now).await?;
    }
    txn.commit().await?;
    Ok(Recorded {
        id: row.id,
        status,
        duplicate: false,
    })
}

/// Loads an entry of this team that the caller may see (a party, or a leader); anyone else
/// gets `NotFound`, as for an entry of another team.
pub async fn visible(
    db: &impl ConnectionTrait,
    acc: &LedgerAccess,
    id: i64,
) -> Result<help_exchanges::Model> {
    let row = help_exchanges::Entity::find_by_id(id)
        .filter(help_exchanges::Column::TeamId.eq(acc.team.id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if row.helper_id == acc.user_id || row.helped_id == acc.user_id || acc.is_leader() {
        Ok(row)
    } else {
        Err(ServiceError::NotFound)
    }
}

/// The reversing entry of `id`, if any.
pub async fn reversal_of(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<help_exchanges::Model>> {
    Ok(help_exchanges::Entity::find()
        .filter(help_exchanges::Column::ReversesId.eq(id))
        .one(db)
        .await?)
}

/// The state of a stored entry as of `now`.
pub async fn state_of(
    db: &impl ConnectionTrait,
    row: &help_exchanges::Model,
    now: OffsetDateTime,
) -> Result<Effective> {
    let status = Status::parse(&row.status).unwrap_or(Status::Rejected);
    let reversed = status == Status::Confirmed && reversal_of(db, row.id).await?.is_some();
    Ok(ledger::effective(status, row.expires_at, reversed, now))
}

/// A move on an existing entry, as submitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MoveForm {
    /// New minutes (adjust) or final minutes (resolve; empty keeps them).
    #[serde(default)]
    pub minutes: String,
    /// Reason (dispute, resolve, reverse).
    #[serde(default)]
    pub reason: String,
    /// `confirm` or `reject` (resolve).
    #[serde(default)]
    pub decision: String,
    /// Idempotency key (reverse).
    #[serde(default)]
    pub idempotency_key: String,
}

/// Which move a route performs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveKind {
    /// The awaited party agrees.
    Confirm,
    /// The awaited party proposes other minutes.
    Adjust,
    /// The awaited party disputes.
    Dispute,
    /// A leader settles a dispute.
    Resolve,
    /// A party or leader corrects a confirmed entry.
    Reverse,
}

fn refused(error: MoveError) -> ServiceError {
    match error {
        MoveError::NotParty | MoveError::NotLeader | MoveError::OwnDispute => {
            ServiceError::Forbidden
        }
        other => ServiceError::Conflict(other.to_string()),
    }
}

/// Applies a move; returns the entry's id (a new reversing entry's id for `Reverse`).
pub async fn act(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: i64,
    kind: MoveKind,
    form: &MoveForm,
    now: OffsetDateTime,
) -> Result<i64> {
    let action = if kind == MoveKind::Resolve {
        Action::RecordHelpForOthers
    } else {
        Action::RecordHelp
    };
    let acc = access(db, principal, slug, action).await?;
    let row = visible(db, &acc, id).await?;
    let state = state_of(db, &row, now).await?;
    let party = if row.helper_id == acc.user_id {
        Some(Party::Helper)
    } else if row.helped_id == acc.user_id {
        Some(Party::Helped)
    } else {
        None
    };
    let awaiting = row.awaiting_id.map(|who| {
        if who == row.helper_id {
            Party::Helper
        } else {
            Party::Helped
        }
    });
    let actor = Actor {
        party,
        leader: acc.is_leader(),
    };
    let mut errors = FieldErrors::new();
    let mv = match kind {
        MoveKind::Confirm => Move::Confirm,
        MoveKind::Adjust => Move::Adjust,
        MoveKind::Dispute => Move::Dispute,
        MoveKind::Reverse => Move::Reverse,
        MoveKind::Resolve => match form.decision.trim() {
            "confirm" => Move::Resolve(true),
            "reject" => Move::Resolve(false),
            _ => {
                errors.add("decision", "Choose confirm or reject.");
                Move::Resolve(false)
            }
        },
    };
    let outcome = ledger::apply(state, awaiting, actor, mv).map_err(refused)?;
    let minutes = match kind {
        MoveKind::Adjust => Minutes::parse(&form.minutes)
            .map_err(|e| errors.add("minutes", e))
            .ok(),
        MoveKind::Resolve if !form.minutes.trim().is_empty() => Minutes::parse(&form.minutes)
            .map_err(|e| errors.add("minutes", e))
            .ok(),
        _ => None,
    };
    let reason = match kind {
        MoveKind::Dispute | MoveKind::Resolve | MoveKind::Reverse => Reason::parse(&form.reason)
            .map_err(|e| errors.add("reason", e))
            .ok(),
        _ => None,
    };
    errors.into_result()?;
    if kind == MoveKind::Adjust && minutes.map(Minutes::get) == Some(row.minutes) {
        return Err(invalid(
            "minutes",
            "That is the same number of minutes; confirm instead.",
        ));
    }
    let txn = db.begin().await?;
    lock_team(&txn, acc.team.id).await?;
    let mut result_id = row.id;
    match outcome {
        Outcome::Reversed => {
            let key = IdempotencyKey::parse(&form.idempotency_key)
                .map_or_else(|_| format!("reverse-{}", row.id), |k| k.as_str().to_owned());
            let reversal = help_exchanges::ActiveModel {
                team_id: Set(row.team_id),
                helper_id: Set(row.helper_id),
                helped_id: Set(row.helped_id),
                minutes: Set(row.minutes),
                occurred_on: Set(row.occurred_on),
                category: Set(row.category.clone()),
                note: Set(None),
                kind: Set("reversal".to_owned()),
                status: Set(Status::Confirmed.as_str().to_owned()),
                awaiting_id: Set(None),
                recorded_by: Set(acc.user_id),
                post_id: Set(None),
                action_ref: Set(None),
                reverses_id: Set(Some(row.id)),
                reason: Set(reason.as_ref().map(|r| r.as_str().to_owned())),
                dispute_reason: Set(None),
                resolution_note: Set(None),
                resolved_by: Set(None),
                idempotency_key: Set(key),
                created_at: Set(now),
                expires_at: Set(None),
                confirmed_at: Set(Some(now)),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(|e| match ServiceError::from(e) {
                ServiceError::Conflict(_) => {
                    ServiceError::Conflict("This entry has already been corrected.".to_owned())
                }
                other => other,
            })?;
            result_id = reversal.id;
        }
        _ => {
            let mut update = help_exchanges::Entity::update_many()
                .filter(help_exchanges::Column::Id.eq(row.id))
                .filter(help_exchanges::Column::Status.eq(row.status.clone()))
                .filter(help_exchanges::Column::Minutes.eq(row.minutes));
            update = match row.awaiting_id {
                Some(who) => update.filter(help_exchanges::Column::AwaitingId.eq(who)),
                None => update.filter(help_exchanges::Column::AwaitingId.is_null()),
            };
            update = match outcome {
                Outcome::Confirmed => update
                    .col_expr(
                        help_exchanges::Column::Status,
                        Expr::value(Status::Confirmed.as_str()),
                    )
                    .col_expr(help_exchanges::Column::AwaitingId, Expr::value(None::<i64>))
                    .col_expr(help_exchanges::Column::ConfirmedAt, Expr::value(Some(now))),
                Outcome::AwaitingOther(next) => update.col_expr(
                    help_exchanges::Column::AwaitingId,
                    Expr::value(Some(match next {
                        Party::Helper => row.helper_id,
                        Party::Helped => row.helped_id,
                    })),
                ),
                Outcome::Disputed => update
                    .col_expr(
                        help_exchanges::Column::Status,
                        Expr::value(Status::Disputed.as_str()),
                    )
                    .col_expr(help_exchanges::Column::AwaitingId, Expr::value(None::<i64>))
                    .col_expr(
                        help_exchanges::Column::DisputeReason,
                        Expr::value(reason.as_ref().map(|r| r.as_str().to_owned())),
                    ),
                _ => update.col_expr(
                    help_exchanges::Column::Status,
                    Expr::value(Status::Rejected.as_str()),
                ),
            };
            if kind == MoveKind::Resolve {
                update = update
                    .col_expr(
                        help_exchanges::Column::ResolutionNote,
                        Expr::value(reason.as_ref().map(|r| r.as_str().to_owned())),
                    )
                    .col_expr(
                        help_exchanges::Column::ResolvedBy,
                        Expr::value(Some(acc.user_id)),
                    );
            }
            if let Some(m) = minutes {
                update = update.col_expr(help_exchanges::Column::Minutes, Expr::value(m.get()));
            }
            let changed = update.exec(&txn).await?;
            if changed.rows_affected != 1 {
                return Err(ServiceError::Conflict(
                    "This entry changed meanwhile; reload the page.".to_owned(),
                ));
            }
        }
    }
    let action_name = match kind {
        MoveKind::Confirm => "ledger.confirm",
        MoveKind::Adjust => "ledger.adjust",
        MoveKind::Dispute => "ledger.dispute",
        MoveKind::Resolve => "ledger.resolve",
        MoveKind::Reverse => "ledger.reverse",
    };
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(acc.user_id),
            team_id: Some(acc.team.id),
            action: action_name,
            detail: json!({ "exchange_id": row.id, "result_id": result_id,
                "minutes_before": row.minutes, "minutes_after": minutes.map(Minutes::get),
                "reason": reason.as_ref().map(Reason::as_str),
                "decision": form.decision.trim() }),
        },
    )
    .await?;
    let names = super::names(&txn, [acc.user_id]).await?;
    let me = names.get(&acc.user_id).cloned().unwrap_or_default();
    let link = format!("/teams/{}/ledger/exchanges/{}", acc.team.slug, row.id);
    let text = match outcome {
        Outcome::Confirmed => format!(
            "{me} confirmed the {} minutes of help.",
            minutes.map_or(row.minutes, Minutes::get)
        ),
        Outcome::AwaitingOther(_) => format!(
            "{me} suggested {} minutes instead of {}. Please confirm, adjust or dispute.",
            minutes.map_or(row.minutes, Minutes::get),
            row.minutes
        ),
        Outcome::Disputed => format!("{me} disputed the entry; a leader will resolve it."),
        Outcome::Rejected => format!("{me} resolved the dispute: the entry does not count."),
        Outcome::Reversed => format!("{me} corrected the entry with a reversing entry."),
    };
    for to in [row.helper_id, row.helped_id] {
        if to != acc.user_id {
            notify::send(&txn, to, acc.team.id, text.clone(), link.clone(), now).await?;
        }
    }
    txn.commit().await?;
    Ok(result_id)
}
