//! Responses to a help post: one per member and post (the unique constraint refuses a second),
//! audited, with a notice to the post's author.

use crate::domain::ids::{PostId, UserId};
use crate::i18n::Msg;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use super::{access, invalid, names, notify};
use crate::access::{Action, Principal};
use crate::domain::ledger::Detail;
use crate::service::find_in_team;
use crate::service::{Result, ServiceError, audit};
use crate::store::entities::{help_posts, help_responses};

/// A response as shown.
#[derive(Debug, Clone, Serialize)]
pub struct ResponseLine {
    /// The responder, so a page can tell the viewer's own response apart.
    pub responder_id: UserId,
    /// The responder's display name.
    pub name: String,
    /// What they said.
    pub message: String,
    /// When, formatted.
    pub when: String,
    /// When (for the API).
    #[serde(skip)]
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ResponseForm {
    /// What the responder says.
    #[serde(default)]
    pub message: String,
}

/// Answers a post (once per person; a second answer is refused as a conflict).
pub async fn respond(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: PostId,
    form: &ResponseForm,
    now: OffsetDateTime,
) -> Result<()> {
    let acc = access(db, principal, slug, Action::PostHelp).await?;
    let post = find_in_team::<help_posts::Entity>(db, acc.team.id, id).await?;
    if post.author_id == acc.user_id {
        return Err(invalid("message", Msg::new("so-own-post")));
    }
    if post.closed_at.is_some() || post.expires_at <= now {
        return Err(ServiceError::Conflict(Msg::new("conflict-post-closed")));
    }
    let message = Detail::parse(&form.message).map_err(|e| invalid("message", e))?;
    if message.as_str().is_empty() {
        return Err(invalid("message", Msg::new("so-say-how-you-help")));
    }
    let txn = db.begin().await?;
    help_responses::ActiveModel {
        post_id: Set(post.id),
        responder_id: Set(acc.user_id),
        message: Set(message.as_str().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match ServiceError::from(e) {
        ServiceError::Conflict(_) => {
            ServiceError::Conflict(Msg::new("conflict-have-already-responded-post"))
        }
        other => other,
    })?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(acc.user_id),
            team_id: Some(acc.team.id),
            action: audit::AuditAction::HelpPostRespond,
            detail: json!({ "post_id": post.id }),
        },
    )
    .await?;
    let me = names(&txn, [acc.user_id])
        .await?
        .remove(&acc.user_id)
        .unwrap_or_default();
    notify::send(
        &txn,
        post.author_id,
        acc.team.id,
        &Msg::new("lg-notice-responded")
            .arg("name", me)
            .arg("title", post.title.as_str()),
        format!("/teams/{}/help/{}", acc.team.slug, post.id),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
