//! Links between teams: a leader of one team proposes, a leader of the other accepts (both
//! sides consent), and a leader of either side may remove it (or decline a proposal) at any
//! time. Each change takes the acting team's lock and is audited.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::ids::{TeamId, TeamLinkId};
use crate::format;
use crate::i18n::{Lang, Msg};
use crate::service::teams::{self, TeamAccess};
use crate::service::{Result, ServiceError, audit, invalid};
use crate::store::entities::audit_log::AuditAction;
use crate::store::entities::{team_links, teams as team_rows};

/// Where a link stands, seen from one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    /// We proposed it; the other team's leaders have not accepted yet.
    Proposed,
    /// They proposed it; one of our leaders may accept.
    Awaiting,
    /// Both sides agreed.
    Linked,
}

/// One link on the settings page.
#[derive(Debug, Clone, Serialize)]
pub struct LinkLine {
    pub id: TeamLinkId,
    /// The other team's name.
    pub team_name: String,
    /// The other team's address segment.
    pub team_slug: String,
    pub state: LinkState,
    /// "3 Dec 2026, 10:00 UTC": when it was proposed, or accepted once linked.
    pub since: String,
    /// The same moment, unformatted (for the API).
    #[serde(skip)]
    pub since_at: OffsetDateTime,
}

/// The "link with another team" form as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LinkForm {
    /// The other team's address (`principals-cohort`, or `/teams/principals-cohort`).
    #[serde(default)]
    pub team: String,
}

/// The links of the team `slug`, linked first, then waiting for us, then proposed by us.
pub async fn list(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    lang: Lang,
) -> Result<(TeamAccess, Vec<LinkLine>)> {
    let access = teams::authorize(db, principal, slug, Action::ManageTeamLinks).await?;
    let team_id = access.team.id;
    let rows = team_links::Entity::find()
        .filter(
            Condition::any()
                .add(team_links::Column::TeamAId.eq(team_id))
                .add(team_links::Column::TeamBId.eq(team_id)),
        )
        .order_by_asc(team_links::Column::Id)
        .all(db)
        .await?;
    let others: std::collections::HashMap<TeamId, team_rows::Model> = team_rows::Entity::find()
        .filter(team_rows::Column::Id.is_in(rows.iter().map(|l| l.other(team_id))))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let mut lines: Vec<LinkLine> = rows
        .into_iter()
        .filter_map(|l| {
            let other = others.get(&l.other(team_id))?;
            let state = match l.accepted_at {
                Some(_) => LinkState::Linked,
                None if l.proposer_team_id == team_id => LinkState::Proposed,
                None => LinkState::Awaiting,
            };
            Some(LinkLine {
                id: l.id,
                team_name: other.name.clone(),
                team_slug: other.slug.clone(),
                state,
                since: format::date_time_in(
                    l.accepted_at.unwrap_or(l.proposed_at),
                    access.zone,
                    lang,
                ),
                since_at: l.accepted_at.unwrap_or(l.proposed_at),
            })
        })
        .collect();
    lines.sort_by_key(|l| match l.state {
        LinkState::Linked => 0,
        LinkState::Awaiting => 1,
        LinkState::Proposed => 2,
    });
    Ok((access, lines))
}

/// The other team's address segment from what the leader typed.
fn slug_of(typed: &str) -> &str {
    let typed = typed.trim().trim_end_matches('/');
    typed.rsplit("/teams/").next().unwrap_or(typed)
}

/// Proposes a link from the team `slug` to the team the form names. Refused with a message
/// when that team does not exist, is this team, or a link (or proposal) already stands.
pub async fn propose(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &LinkForm,
    now: OffsetDateTime,
) -> Result<TeamLinkId> {
    let (txn, access) = teams::begin_locked(db, principal, slug, Action::ManageTeamLinks).await?;
    let wanted = slug_of(&form.team);
    if wanted.is_empty() {
        return Err(invalid("team", Msg::new("co-link-team-required")));
    }
    if wanted.chars().any(char::is_control) {
        // No team's slug has one (slugs are checked), and PostgreSQL refuses NUL in a query.
        return Err(invalid("team", Msg::new("co-link-team-unknown")));
    }
    let Some(other) = team_rows::Entity::find()
        .filter(team_rows::Column::Slug.eq(wanted))
        .one(&txn)
        .await?
    else {
        return Err(invalid("team", Msg::new("co-link-team-unknown")));
    };
    let team_id = access.team.id;
    if other.id == team_id {
        return Err(invalid("team", Msg::new("co-link-team-self")));
    }
    let (low, high) = if team_id < other.id {
        (team_id, other.id)
    } else {
        (other.id, team_id)
    };
    let exists = team_links::Entity::find()
        .filter(team_links::Column::TeamAId.eq(low))
        .filter(team_links::Column::TeamBId.eq(high))
        .one(&txn)
        .await?
        .is_some();
    if exists {
        return Err(invalid("team", Msg::new("co-link-team-exists")));
    }
    let row = team_links::ActiveModel {
        team_a_id: Set(low),
        team_b_id: Set(high),
        proposer_team_id: Set(team_id),
        proposed_by: Set(principal.user_id),
        proposed_at: Set(now),
        accepted_by: Set(None),
        accepted_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match ServiceError::from(e) {
        // The other side proposed at the same moment: the pair is unique.
        ServiceError::Conflict(_) => invalid("team", Msg::new("co-link-team-exists")),
        other => other,
    })?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(team_id),
            action: AuditAction::TeamLinkPropose,
            detail: json!({ "link": row.id, "with_team": other.id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// The link `id` of the team `slug` (either side), inside the team's locked transaction.
async fn link_of(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    id: TeamLinkId,
) -> Result<team_links::Model> {
    team_links::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|l| l.team_a_id == team_id || l.team_b_id == team_id)
        .ok_or(ServiceError::NotFound)
}

/// Accepts the other team's proposal `id` (a leader of the team it was proposed to). The
/// proposing side cannot accept its own proposal (409); accepting twice changes nothing.
pub async fn accept(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: TeamLinkId,
    now: OffsetDateTime,
) -> Result<String> {
    let (txn, access) = teams::begin_locked(db, principal, slug, Action::ManageTeamLinks).await?;
    let link = link_of(&txn, access.team.id, id).await?;
    let other_name = team_rows::Entity::find_by_id(link.other(access.team.id))
        .one(&txn)
        .await?
        .map(|t| t.name)
        .unwrap_or_default();
    if link.accepted_at.is_some() {
        return Ok(other_name);
    }
    if link.proposer_team_id == access.team.id {
        return Err(ServiceError::Conflict(Msg::new("co-link-accept-own")));
    }
    let mut row: team_links::ActiveModel = link.into();
    row.accepted_by = Set(principal.user_id);
    row.accepted_at = Set(Some(now));
    row.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: AuditAction::TeamLinkAccept,
            detail: json!({ "link": id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(other_name)
}

/// Removes the link `id` (or declines or withdraws a proposal), from either side. What the
/// other team shared stops being visible at once: visibility is checked against the link.
pub async fn remove(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: TeamLinkId,
) -> Result<String> {
    let (txn, access) = teams::begin_locked(db, principal, slug, Action::ManageTeamLinks).await?;
    let link = link_of(&txn, access.team.id, id).await?;
    let other = link.other(access.team.id);
    let other_name = team_rows::Entity::find_by_id(other)
        .one(&txn)
        .await?
        .map(|t| t.name)
        .unwrap_or_default();
    team_links::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: AuditAction::TeamLinkRemove,
            detail: json!({ "link": id, "with_team": other, "was_accepted": link.accepted_at.is_some() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(other_name)
}

#[cfg(test)]
mod tests {
    use super::slug_of;

    #[test]
    fn the_other_team_may_be_typed_as_a_slug_or_an_address() {
        assert_eq!(slug_of(" cohort "), "cohort");
        assert_eq!(slug_of("/teams/cohort/"), "cohort");
        assert_eq!(slug_of("https://rt.example/teams/cohort"), "cohort");
    }
}
