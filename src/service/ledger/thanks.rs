//! Recognition: a public thank-you from one member to another with its impact in a line,
//! optionally linked to an exchange the two were in. Shown on the team page; the recipient may
//! hide it (and show it again).

use crate::domain::ids::{ActionId, ExchangeId, TeamId, UserId};
use crate::i18n::Msg;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use super::{Reader, access, names, notify};
use crate::access::{Action, Principal};
use crate::domain::ledger::{IdempotencyKey, Impact};
use crate::service::find_in_team;
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::{help_exchanges, recognitions};

/// The thank-you form as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ThanksForm {
    /// Recipient's user id.
    #[serde(default)]
    pub to: String,
    /// The impact in a line.
    #[serde(default)]
    pub impact: String,
    /// Exchange it is for (optional).
    #[serde(default)]
    pub exchange_id: String,
    /// Action it is for (optional).
    #[serde(default)]
    pub action_id: String,
    #[serde(default)]
    pub idempotency_key: String,
}

/// A thank-you as shown.
#[derive(Debug, Clone, Serialize)]
pub struct ThanksLine {
    pub id: i64,
    pub from: String,
    pub to: String,
    /// Recipient id.
    pub to_id: UserId,
    pub impact: String,
    /// When, formatted.
    pub when: String,
    /// Hidden by the recipient?
    pub hidden: bool,
    /// Sender id (for the API).
    #[serde(skip)]
    pub from_id: UserId,
    /// When (for the API).
    #[serde(skip)]
    pub at: OffsetDateTime,
}

async fn lines(
    db: &impl ConnectionTrait,
    rows: Vec<recognitions::Model>,
    reader: Reader,
) -> Result<Vec<ThanksLine>> {
    let people = names(db, rows.iter().flat_map(|r| [r.from_id, r.to_id])).await?;
    let name = |id: UserId| {
        people
            .get(&id)
            .cloned()
            .unwrap_or_else(|| reader.former_member())
    };
    Ok(rows
        .into_iter()
        .map(|r| ThanksLine {
            id: r.id,
            from: name(r.from_id),
            to: name(r.to_id),
            to_id: r.to_id,
            impact: r.impact,
            when: reader.date_time(r.created_at),
            hidden: r.hidden_at.is_some(),
            from_id: r.from_id,
            at: r.created_at,
        })
        .collect())
}

/// The team's public thank-yous (not hidden), newest first, at most 20, written for `reader`
/// (a zone, or a zone and a language). No access check: the caller has already been allowed
/// to see the team.
pub async fn public_for_team(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    reader: impl Into<Reader>,
) -> Result<Vec<ThanksLine>> {
    public_since(db, team_id, time::OffsetDateTime::UNIX_EPOCH, reader).await
}

/// The team's public thank-yous given since `since`, newest first, at most 20 (for the
/// meeting scan), written for `reader`. No access check.
pub async fn public_since(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    since: time::OffsetDateTime,
    reader: impl Into<Reader>,
) -> Result<Vec<ThanksLine>> {
    let rows = recognitions::Entity::find()
        .filter(recognitions::Column::TeamId.eq(team_id))
        .filter(recognitions::Column::HiddenAt.is_null())
        .filter(recognitions::Column::CreatedAt.gte(since))
        .order_by_desc(recognitions::Column::CreatedAt)
        .order_by_desc(recognitions::Column::Id)
        .limit(20)
        .all(db)
        .await?;
    lines(db, rows, reader.into()).await
}

/// Every thank-you a person received in the team (hidden ones included), newest first.
pub async fn received(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    user_id: UserId,
    reader: Reader,
) -> Result<Vec<ThanksLine>> {
    let rows = recognitions::Entity::find()
        .filter(recognitions::Column::TeamId.eq(team_id))
        .filter(recognitions::Column::ToId.eq(user_id))
        .order_by_desc(recognitions::Column::CreatedAt)
        .order_by_desc(recognitions::Column::Id)
        .all(db)
        .await?;
    lines(db, rows, reader).await
}

/// Says thank you; a double submit with the same key thanks once.
pub async fn thank(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &ThanksForm,
    now: OffsetDateTime,
) -> Result<()> {
    thank_note(db, principal, slug, form, now).await.map(|_| ())
}

/// [`thank`], returning the note's id and whether the key had already thanked (`true`:
/// nothing new).
pub async fn thank_note(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &ThanksForm,
    now: OffsetDateTime,
) -> Result<(i64, bool)> {
    let acc = access(db, principal, slug, Action::ThankMember).await?;
    let mut errors = FieldErrors::new();
    let to = crate::domain::team::member_choice(&form.to);
    let to = match to {
        Some(id) if id == acc.user_id => {
            errors.add("to", Msg::new("so-thank-someone-else"));
            None
        }
        Some(id) => crate::store::scoped::membership(db, acc.team.id, id)
            .await?
            .map(|m| m.user_id),
        None => None,
    };
    if to.is_none() {
        errors.add("to", Msg::new("so-choose-team-member"));
    }
    let impact = Impact::parse(&form.impact)
        .map_err(|e| errors.add("impact", e))
        .ok();
    let key = IdempotencyKey::parse(&form.idempotency_key)
        .map_err(|e| errors.add("idempotency_key", e))
        .ok();
    let exchange_id = form.exchange_id.trim().parse::<i64>().ok().map(ExchangeId);
    if let (Some(exchange), Some(to)) = (exchange_id, to) {
        let ok = help_exchanges::Entity::find_by_id(exchange)
            .filter(help_exchanges::Column::TeamId.eq(acc.team.id))
            .one(db)
            .await?
            .is_some_and(|e| {
                (e.helper_id == to && e.helped_id == acc.user_id)
                    || (e.helped_id == to && e.helper_id == acc.user_id)
            });
        if !ok {
            errors.add("exchange_id", Msg::new("so-link-exchange-between-you"));
        }
    }
    let (Some(to), Some(impact), Some(key)) = (to, impact, key) else {
        return Err(ServiceError::Invalid(errors));
    };
    errors.into_result()?;
    let existing = recognitions::Entity::find()
        .filter(recognitions::Column::FromId.eq(acc.user_id))
        .filter(recognitions::Column::IdempotencyKey.eq(key.as_str()))
        .one(db)
        .await?;
    if let Some(existing) = existing {
        return Ok((existing.id, true));
    }
    let txn = db.begin().await?;
    let inserted = recognitions::ActiveModel {
        team_id: Set(acc.team.id),
        from_id: Set(acc.user_id),
        to_id: Set(to),
        impact: Set(impact.as_str().to_owned()),
        exchange_id: Set(exchange_id),
        action_ref: Set(form.action_id.trim().parse::<i64>().ok().map(ActionId)),
        hidden_at: Set(None),
        idempotency_key: Set(key.as_str().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let row = match inserted {
        Ok(row) => row,
        // The same key won a race: the thank-you exists once.
        Err(e) => {
            drop(txn);
            return match ServiceError::from(e) {
                ServiceError::Conflict(_) => recognitions::Entity::find()
                    .filter(recognitions::Column::FromId.eq(acc.user_id))
                    .filter(recognitions::Column::IdempotencyKey.eq(key.as_str()))
                    .one(db)
                    .await?
                    .map(|r| (r.id, true))
                    .ok_or_else(|| ServiceError::Conflict(Msg::new("conflict-please-try-again"))),
                other => Err(other),
            };
        }
    };
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(acc.user_id),
            team_id: Some(acc.team.id),
            action: audit::AuditAction::RecognitionCreate,
            detail: json!({ "recognition_id": row.id, "to": to }),
        },
    )
    .await?;
    let me = names(&txn, [acc.user_id])
        .await?
        .remove(&acc.user_id)
        .unwrap_or_default();
    notify::send(
        &txn,
        to,
        acc.team.id,
        &Msg::new("lg-notice-thanked")
            .arg("name", me)
            .arg("impact", impact.as_str()),
        format!("/teams/{}/ledger/me", acc.team.slug),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok((row.id, false))
}

/// The recipient hides (or shows again) a thank-you on the team page.
pub async fn set_hidden(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: i64,
    hidden: bool,
    now: OffsetDateTime,
) -> Result<()> {
    let acc = access(db, principal, slug, Action::ThankMember).await?;
    let row = find_in_team::<recognitions::Entity>(db, acc.team.id, id).await?;
    if row.to_id != acc.user_id {
        return Err(ServiceError::Forbidden);
    }
    let txn = db.begin().await?;
    let mut active: recognitions::ActiveModel = row.into();
    active.hidden_at = Set(hidden.then_some(now));
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(acc.user_id),
            team_id: Some(acc.team.id),
            action: if hidden {
                audit::AuditAction::RecognitionHide
            } else {
                audit::AuditAction::RecognitionShow
            },
            detail: json!({ "recognition_id": id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Where a page of thank-you notes resumes: just after this note (newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThanksAfter {
    /// The last note's creation.
    pub created_at: OffsetDateTime,
    /// The last note's id (the tie-breaker).
    pub id: i64,
}

/// One page of the team's public thank-you notes (not hidden, newest first), as the team page
/// shows them, for whoever may see the team: up to `limit` after `after`, keyset in SQL;
/// `true` when more follow.
pub async fn public_page(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    after: Option<ThanksAfter>,
    limit: u64,
    lang: crate::i18n::Lang,
) -> Result<(crate::service::teams::TeamAccess, Vec<ThanksLine>, bool)> {
    use sea_orm::sea_query::ExprTrait;
    let team = crate::service::teams::authorize(db, principal, slug, Action::ViewTeam).await?;
    let mut query = recognitions::Entity::find()
        .filter(recognitions::Column::TeamId.eq(team.team.id))
        .filter(recognitions::Column::HiddenAt.is_null());
    if let Some(after) = after {
        query = query.filter(
            recognitions::Column::CreatedAt.lt(after.created_at).or(
                recognitions::Column::CreatedAt
                    .eq(after.created_at)
                    .and(recognitions::Column::Id.lt(after.id)),
            ),
        );
    }
    let mut rows = query
        .order_by_desc(recognitions::Column::CreatedAt)
        .order_by_desc(recognitions::Column::Id)
        .limit(limit.saturating_add(1))
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let reader = Reader {
        zone: team.zone,
        lang,
    };
    let lines = lines(db, rows, reader).await?;
    Ok((team, lines, more))
}

/// One thank-you note of the team as its sender or recipient sees it (hidden or not); another
/// team's note, or one the caller is neither side of, is `NotFound`.
pub async fn note(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    id: i64,
    lang: crate::i18n::Lang,
) -> Result<ThanksLine> {
    let acc = access(db, principal, slug, Action::ThankMember).await?;
    let row = find_in_team::<recognitions::Entity>(db, acc.team.id, id).await?;
    if row.from_id != acc.user_id && row.to_id != acc.user_id {
        return Err(ServiceError::NotFound);
    }
    lines(db, vec![row], Reader::of(&acc, lang))
        .await?
        .into_iter()
        .next()
        .ok_or(ServiceError::NotFound)
}
