//! Invitation links a leader issues and revokes (accepting one is `service::invitations`): the
//! token is shown once and only its hash is stored.

use crate::domain::ids::{TeamId, UserId};
use crate::i18n::Msg;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, Set};
use serde::Serialize;
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::access::{Action, Principal, TeamRole};
use crate::auth::tokens::{random_token, token_hash};
use crate::domain::team::{MaxUses, ValidDays};
use crate::service::find_in_team;
use crate::service::notices::{self, Delivery};
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::invitations;

use super::{TeamAccess, authorize, begin_locked};

/// An open invitation as leaders see it.
#[derive(Debug, Clone, Serialize)]
pub struct InvitationRow {
    /// Id (for revoking).
    pub id: i64,
    /// Role given.
    pub role: String,
    /// Times the link has been used; the row disappears once it reaches `max_uses`.
    pub uses: i32,
    pub max_uses: i32,
    /// Expiry, formatted.
    pub expires: String,
}

pub(super) async fn insert_invitation(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    created_by: Option<UserId>,
    role: TeamRole,
    max_uses: i32,
    days: i64,
    now: OffsetDateTime,
) -> Result<String> {
    let token = random_token();
    invitations::ActiveModel {
        team_id: Set(team_id),
        token_hash: Set(token_hash(&token)),
        role: Set(role.into()),
        max_uses: Set(max_uses),
        uses: Set(0),
        expires_at: Set(now + Duration::days(days)),
        revoked_at: Set(None),
        created_by: Set(created_by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The "invite people" form as typed.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct InvitationForm {
    /// `member` or `leader`.
    pub role: String,
    /// How many people may use the link.
    pub max_uses: String,
    /// Days until it expires.
    pub valid_days: String,
    /// Addresses to mail a link each to, one per line (optional; only when the site sends
    /// mail).
    #[serde(default)]
    pub emails: String,
}

impl Default for InvitationForm {
    fn default() -> Self {
        Self {
            role: "member".to_owned(),
            max_uses: "1".to_owned(),
            valid_days: "7".to_owned(),
            emails: String::new(),
        }
    }
}

/// What an invitation made: one link to copy, or single-use links mailed to addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invited {
    /// The token of the link (shown once).
    Link(String),
    /// How many addresses were each sent their own link.
    Mailed(usize),
}

impl Invited {
    /// The link's token, when one link was made to share.
    pub fn token(&self) -> Option<&str> {
        match self {
            Invited::Link(token) => Some(token),
            Invited::Mailed(_) => None,
        }
    }
}

/// Most addresses one form may invite.
pub const MAX_ADDRESSES: usize = 200;

/// The addresses typed (one per line, or separated by commas or spaces), checked; duplicates
/// are dropped.
fn addresses(text: &str) -> std::result::Result<Vec<String>, Msg> {
    let mut out: Vec<String> = Vec::new();
    // Seen addresses in a set: a pasted list of thousands is checked in linear time.
    let mut seen = std::collections::HashSet::new();
    for raw in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        if raw.parse::<lettre::Address>().is_err() {
            return Err(Msg::new("so-not-an-email").arg("address", raw));
        }
        let address = raw.to_lowercase();
        if seen.insert(address.clone()) {
            out.push(address);
        }
    }
    if out.len() > MAX_ADDRESSES {
        return Err(Msg::new("so-too-many-addresses")
            .arg("max", MAX_ADDRESSES)
            .arg("count", out.len()));
    }
    Ok(out)
}

/// Creates an invitation link (the token is returned once and only its hash is stored), or,
/// with addresses, one single-use link per address, each mailed to its address.
pub async fn invite(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &InvitationForm,
    delivery: Delivery<'_>,
    now: OffsetDateTime,
) -> Result<Invited> {
    let (txn, access) = begin_locked(db, principal, slug, Action::ManageMembers).await?;
    let mut errors = FieldErrors::new();
    let role = TeamRole::parse(form.role.trim());
    if role.is_none() {
        errors.add("role", Msg::new("so-choose-member-or-leader"));
    }
    let uses = MaxUses::parse(&form.max_uses)
        .map_err(|e| errors.add("max_uses", e))
        .ok();
    let days = ValidDays::parse(&form.valid_days)
        .map_err(|e| errors.add("valid_days", e))
        .ok();
    let emails = match addresses(&form.emails) {
        Ok(list) if !list.is_empty() && !delivery.mail => {
            errors.add("emails", Msg::new("so-invite-no-mail"));
            None
        }
        Ok(list) => Some(list),
        Err(message) => {
            errors.add("emails", message);
            None
        }
    };
    let (Some(role), Some(uses), Some(days), Some(emails)) = (role, uses, days, emails) else {
        return Err(ServiceError::Invalid(errors));
    };
    if !emails.is_empty() {
        // The addresses have no account yet: they read the inviting leader's language, who
        // invites people of their own school.
        let lang = match principal.user_id {
            Some(id) => notices::recipient(&txn, id)
                .await?
                .map_or(crate::i18n::Lang::En, |r| r.lang),
            None => crate::i18n::Lang::En,
        };
        for address in &emails {
            let token = insert_invitation(
                &txn,
                access.team.id,
                principal.user_id,
                role,
                1,
                days.get(),
                now,
            )
            .await?;
            let link = delivery.link(&format!("/invite/{token}"));
            let letter = notices::Letter {
                kind: "invitation",
                user_id: None,
                to: address,
                lang,
                subject: Msg::new("mail-invite-subject").arg("team", access.team.name.as_str()),
                body: vec![
                    Msg::new("mail-invite-body")
                        .arg("team", access.team.name.as_str())
                        .arg("role", role.as_str()),
                    Msg::verbatim(""),
                    Msg::new("mail-invite-link").arg("days", days.get()),
                    Msg::verbatim(link),
                    Msg::verbatim(""),
                    Msg::new("mail-invite-ignore"),
                ],
            };
            notices::queue_mail(&txn, letter, now).await?;
        }
        audit::record(
            &txn,
            audit::Entry {
                actor_id: principal.user_id,
                team_id: Some(access.team.id),
                action: audit::AuditAction::InvitationCreate,
                detail: json!({ "role": role.as_str(), "max_uses": 1, "valid_days": days.get(), "mailed": emails.len() }),
            },
        )
        .await?;
        txn.commit().await?;
        return Ok(Invited::Mailed(emails.len()));
    }
    let token = insert_invitation(
        &txn,
        access.team.id,
        principal.user_id,
        role,
        uses.get(),
        days.get(),
        now,
    )
    .await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: audit::AuditAction::InvitationCreate,
            detail: json!({ "role": role.as_str(), "max_uses": uses.get(), "valid_days": days.get() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(Invited::Link(token))
}

/// Revokes an invitation of this team.
pub async fn revoke_invitation(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    invitation_id: i64,
) -> Result<()> {
    let (txn, access) = begin_locked(db, principal, slug, Action::ManageMembers).await?;
    let invitation =
        find_in_team::<invitations::Entity>(&txn, access.team.id, invitation_id).await?;
    let mut active: invitations::ActiveModel = invitation.into();
    active.revoked_at = Set(Some(crate::clock::now()));
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: audit::AuditAction::InvitationRevoke,
            detail: json!({ "invitation_id": invitation_id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// An open invitation as the API lists it: its stored values, times unformatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvitation {
    pub id: i64,
    /// Role given.
    pub role: TeamRole,
    /// Times the link has been used.
    pub uses: i32,
    pub max_uses: i32,
    pub expires_at: OffsetDateTime,
    pub created_at: OffsetDateTime,
}

impl From<invitations::Model> for OpenInvitation {
    fn from(i: invitations::Model) -> Self {
        Self {
            id: i.id,
            role: i.role.into(),
            uses: i.uses,
            max_uses: i.max_uses,
            expires_at: i.expires_at,
            created_at: i.created_at,
        }
    }
}

/// Up to `limit` of the team's open invitations (not revoked, not expired at `now`, not used
/// up: those the team page lists to leaders) after the id `after`, by id; the flag says
/// whether more follow. Keyset in SQL: `id > after ORDER BY id LIMIT limit + 1`.
pub async fn invitation_slice(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    after: Option<i64>,
    limit: u64,
    now: OffsetDateTime,
) -> Result<(TeamAccess, Vec<OpenInvitation>, bool)> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

    let access = authorize(db, principal, slug, Action::ManageMembers).await?;
    let mut select = invitations::Entity::find()
        .filter(invitations::Column::TeamId.eq(access.team.id))
        .filter(invitations::Column::RevokedAt.is_null())
        .filter(invitations::Column::ExpiresAt.gt(now))
        .filter(Expr::col(invitations::Column::Uses).lt(Expr::col(invitations::Column::MaxUses)));
    if let Some(after) = after {
        select = select.filter(invitations::Column::Id.gt(after));
    }
    let mut rows: Vec<OpenInvitation> = select
        .order_by_asc(invitations::Column::Id)
        .limit(limit.saturating_add(1))
        .all(db)
        .await?
        .into_iter()
        .map(OpenInvitation::from)
        .collect();
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok((access, rows, more))
}

/// The team's invitation whose link is `token` (for those who manage members), e.g. to show
/// the one just made.
pub async fn invitation_of_token(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    token: &str,
) -> Result<OpenInvitation> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let access = authorize(db, principal, slug, Action::ManageMembers).await?;
    invitations::Entity::find()
        .filter(invitations::Column::TeamId.eq(access.team.id))
        .filter(invitations::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
        .map(OpenInvitation::from)
        .ok_or(ServiceError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_lowercased_and_kept_once_in_order() {
        assert_eq!(
            addresses("b@school.test, A@school.test;b@SCHOOL.test\n\n a@school.test "),
            Ok(vec!["b@school.test".to_owned(), "a@school.test".to_owned()])
        );
        assert_eq!(addresses("  "), Ok(Vec::new()));
        assert_eq!(
            addresses("a@school.test nobody"),
            Err(Msg::new("so-not-an-email").arg("address", "nobody"))
        );
    }

    #[test]
    fn a_pasted_list_of_thousands_is_counted_and_refused() {
        // Each address twice: 20,000 distinct ones in 40,000 (a form may hold that many).
        let text: String = (0..40_000)
            .map(|i| format!("person{}@school.test\n", i % 20_000))
            .collect();
        assert_eq!(
            addresses(&text),
            Err(Msg::new("so-too-many-addresses")
                .arg("max", MAX_ADDRESSES)
                .arg("count", 20_000_usize))
        );
        let most: String = (0..MAX_ADDRESSES * 3)
            .map(|i| format!("person{}@school.test ", i % MAX_ADDRESSES))
            .collect();
        assert_eq!(addresses(&most).map(|a| a.len()), Ok(MAX_ADDRESSES));
    }
}
