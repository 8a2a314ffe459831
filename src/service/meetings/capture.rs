//! Decisions and actions captured live from an agenda item (issue 15): by whoever runs the
//! meeting or the note-taker, on an item that has been started, while the meeting is open.
//! Both are audited; an action goes into the team's action log with the item as its source.

use crate::domain::ids::{ActionId, MeetingId};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use crate::access::Principal;
use crate::domain::action::{DecisionText, review_date};
use crate::service::actions::create::{Source, insert, parse};
use crate::service::actions::{ActionForm, ActionLine, lines};
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::{actions, decisions};

use super::run::begin_recording;

/// The decision form as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DecisionForm {
    /// What was decided.
    #[serde(default)]
    pub text: String,
    /// When to look at it again (`YYYY-MM-DD`, optional).
    #[serde(default)]
    pub review_on: String,
}

/// Records a decision on the item at `position`; returns its id.
pub async fn record_decision(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    position: i32,
    form: &DecisionForm,
    now: OffsetDateTime,
) -> Result<i64> {
    // Access first (a refused caller learns nothing from the form's problems); a refused
    // form drops the transaction, which writes nothing.
    let (txn, state, user) = begin_recording(db, principal, slug, meeting_id, position).await?;
    let mut errors = FieldErrors::new();
    let text = DecisionText::parse(&form.text)
        .map_err(|e| errors.add("decision_text", e))
        .ok();
    let review = review_date(&form.review_on, state.access.zone.today(now))
        .map_err(|e| errors.add("review_on", e))
        .ok();
    let (Some(text), Some(review_on)) = (text, review) else {
        return Err(ServiceError::Invalid(errors));
    };
    let row = decisions::ActiveModel {
        team_id: Set(state.access.team.id),
        meeting_id: Set(meeting_id),
        item_position: Set(position),
        text: Set(text.as_str().to_owned()),
        review_on: Set(review_on),
        recorded_by: Set(Some(user)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(user),
            team_id: Some(state.access.team.id),
            action: audit::AuditAction::DecisionRecord,
            detail: json!({ "decision_id": row.id, "meeting_id": meeting_id,
                "item_position": position, "review_on": review_on.map(|d| d.to_string()) }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Records an action (what, owner, due) agreed on the item at `position`; returns its id.
#[allow(clippy::too_many_arguments)] // the request's parts, as every use case takes them
pub async fn record_action(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    position: i32,
    form: &ActionForm,
    delivery: crate::service::notices::Delivery<'_>,
    now: OffsetDateTime,
) -> Result<ActionId> {
    let (txn, state, user) = begin_recording(db, principal, slug, meeting_id, position).await?;
    let team_id = state.access.team.id;
    let new = parse(&txn, team_id, form, state.access.zone.today(now)).await?;
    let source = Source::AgendaItem(meeting_id, position);
    let id = insert(&txn, team_id, &new, source, user, delivery, now).await?;
    txn.commit().await?;
    Ok(id)
}

/// The meeting's decisions in item order, then as recorded.
pub async fn decisions_of(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
) -> Result<Vec<decisions::Model>> {
    Ok(decisions::Entity::find()
        .filter(decisions::Column::MeetingId.eq(meeting_id))
        .order_by_asc(decisions::Column::ItemPosition)
        .order_by_asc(decisions::Column::Id)
        .all(db)
        .await?)
}

/// The actions agreed on the meeting's items, in the order recorded.
pub async fn action_rows(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
) -> Result<Vec<actions::Model>> {
    Ok(actions::Entity::find()
        .filter(actions::Column::MeetingId.eq(meeting_id))
        .filter(actions::Column::SourceKind.eq(actions::SourceKind::AgendaItem))
        .order_by_asc(actions::Column::Id)
        .all(db)
        .await?)
}

/// [`action_rows`] as lists show them.
pub async fn actions_of(
    db: &impl ConnectionTrait,
    slug: &str,
    meeting_id: MeetingId,
    today: time::Date,
) -> Result<Vec<ActionLine>> {
    let rows = action_rows(db, meeting_id).await?;
    lines(db, slug, rows, today).await
}
