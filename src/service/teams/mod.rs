//! Teams: who may act on one (`authorize`, `begin_locked` and the team's write lock), creating
//! a team (site admin) and listing teams. Members are in `members.rs`, invitation links in
//! `invite.rs`; every function asks `crate::access` first, and outsiders get `NotFound`.

mod invite;
mod members;
mod rosters;

pub use invite::{
    InvitationForm, InvitationRow, Invited, OpenInvitation, invitation_of_token, invitation_slice,
    invite, revoke_invitation,
};
pub use members::{
    MEMBERS_PER_PAGE, Member, MemberAfter, MemberFilter, MemberPage, MemberQuery, MemberRow,
    TeamOverview, change_role, member_ids, member_of, member_slice, members_among,
    memberships_with_people, overview, remove_member, roster,
};
pub use rosters::{ROSTERS_KEPT, Rosters};

use crate::domain::ids::{TeamId, UserId};
use crate::i18n::Msg;
use sea_orm::sea_query::{Expr, ExprTrait, SubQueryStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set, TransactionTrait,
};
use serde::Serialize;
use serde_json::json;

use crate::access::{self, Action, Decision, Principal, TeamRole};
use crate::domain::team::{Purpose, Slug, TeamName};
use crate::domain::zone::Zone;
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::{memberships, teams};

use invite::insert_invitation;

/// A team the caller may act on, with their membership.
#[derive(Debug, Clone)]
pub struct TeamAccess {
    pub team: teams::Model,
    /// The caller's role in it, if a member.
    pub role: Option<TeamRole>,
    /// The zone the caller sees this team's times in: their own, else the team's.
    pub zone: Zone,
}

/// Turns an access decision into a service result.
pub fn check(decision: Decision) -> Result<()> {
    match decision {
        Decision::Allow => Ok(()),
        Decision::Deny => Err(ServiceError::Forbidden),
        Decision::Hide => Err(ServiceError::NotFound),
        Decision::Login => Err(ServiceError::Unauthenticated),
    }
}

/// Loads a team by slug if `principal` may perform `action` on it.
pub async fn authorize(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    action: Action,
) -> Result<TeamAccess> {
    let found = team_and_role(principal, slug)?
        .into_model::<TeamAndRole>()
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    decide(principal, found, action)
}

/// The statement [`authorize`] runs: team `slug` and the caller's role in it (`caller_role`, a
/// scalar subquery, NULL for a non-member). Refused before any statement when nobody is
/// signed in (the same answer whether or not the team exists) or the slug cannot be one.
/// Callers that read a row of the team with it add their columns to this statement.
pub(crate) fn team_and_role(
    principal: Principal,
    slug: &str,
) -> Result<sea_orm::Select<teams::Entity>> {
    let Some(user_id) = principal.user_id else {
        return Err(ServiceError::Unauthenticated);
    };
    if slug.chars().any(char::is_control) {
        // No team has one (slugs are checked), and PostgreSQL refuses NUL in a query.
        return Err(ServiceError::NotFound);
    }
    Ok(teams::Entity::find()
        .filter(teams::Column::Slug.eq(slug))
        .expr_as(
            Expr::from(SubQueryStatement::from(
                memberships::Entity::find()
                    .select_only()
                    .column(memberships::Column::Role)
                    .filter(
                        Expr::col((memberships::Entity, memberships::Column::TeamId))
                            .equals((teams::Entity, teams::Column::Id)),
                    )
                    .filter(memberships::Column::UserId.eq(user_id))
                    .into_query(),
            )),
            "caller_role",
        ))
}

/// The access rules' answer for a team row read by [`team_and_role`].
pub(crate) fn decide(
    principal: Principal,
    TeamAndRole { team, role }: TeamAndRole,
    action: Action,
) -> Result<TeamAccess> {
    let role = role.map(TeamRole::from);
    check(access::authorize(principal, role, action))?;
    let zone = principal
        .zone
        .unwrap_or_else(|| Zone::stored(&team.time_zone));
    Ok(TeamAccess { team, role, zone })
}

/// A team row with the caller's stored role in it (`caller_role`), read by [`authorize`].
pub(crate) struct TeamAndRole {
    team: teams::Model,
    role: Option<memberships::Role>,
}

impl sea_orm::FromQueryResult for TeamAndRole {
    fn from_query_result(row: &sea_orm::QueryResult, pre: &str) -> Result<Self, sea_orm::DbErr> {
        Ok(Self {
            team: teams::Model::from_query_result(row, pre)?,
            role: row.try_get(pre, "caller_role")?,
        })
    }
}

/// The stored role is read as `memberships::Role` (an unknown value fails the read); the
/// access rules speak `TeamRole`.
impl From<memberships::Role> for TeamRole {
    fn from(role: memberships::Role) -> Self {
        match role {
            memberships::Role::Member => Self::Member,
            memberships::Role::Leader => Self::Leader,
        }
    }
}

impl From<TeamRole> for memberships::Role {
    fn from(role: TeamRole) -> Self {
        match role {
            TeamRole::Member => Self::Member,
            TeamRole::Leader => Self::Leader,
        }
    }
}

/// Sets the team's time zone (leaders and site admins): its meetings keep their instants,
/// and members who chose no zone of their own now see them in this one.
pub async fn set_time_zone(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    raw: &str,
) -> Result<Zone> {
    let access = authorize(db, principal, slug, Action::ManageTeamSettings).await?;
    let zone = Zone::parse(raw).map_err(|message| crate::service::invalid("time_zone", message))?;
    let txn = db.begin().await?;
    let from = access.team.time_zone.clone();
    let mut team: teams::ActiveModel = access.team.into();
    team.time_zone = Set(zone.name().to_owned());
    let team = team.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(team.id),
            action: audit::AuditAction::TeamTimeZone,
            detail: json!({ "from": from, "to": zone.name() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(zone)
}

/// A team as typed in the "new team" form.
#[derive(Debug, Default, Clone, Serialize, serde::Deserialize)]
pub struct TeamForm {
    /// Display name.
    pub name: String,
    /// Optional address segment (derived from the name when empty).
    #[serde(default)]
    pub slug: String,
    /// Standing purpose.
    pub purpose: String,
    /// IANA time zone the team meets in (empty: the creator's own, else UTC).
    #[serde(default)]
    pub time_zone: String,
}

/// A created team and the single-use link for its first leader.
#[derive(Debug, Clone)]
pub struct CreatedTeam {
    pub team: teams::Model,
    /// Invitation token for the first leader (shown once).
    pub leader_invitation: String,
}

/// Creates a team (site admins only) and a 7-day leader invitation.
pub async fn create_team(
    db: &DatabaseConnection,
    principal: Principal,
    form: &TeamForm,
) -> Result<CreatedTeam> {
    check(access::authorize(principal, None, Action::ManageInstance))?;
    let mut errors = FieldErrors::new();
    let name = TeamName::parse(&form.name)
        .map_err(|e| errors.add("name", e))
        .ok();
    let purpose = Purpose::parse(&form.purpose)
        .map_err(|e| errors.add("purpose", e))
        .ok();
    let slug = match (&name, form.slug.trim().is_empty()) {
        (_, false) => Slug::parse(&form.slug)
            .map_err(|e| errors.add("slug", e))
            .ok(),
        (Some(name), true) => Slug::from_name(name)
            .map_err(|e| errors.add("slug", e))
            .ok(),
        (None, true) => None,
    };
    let zone = match form.time_zone.trim() {
        "" => Some(principal.zone.unwrap_or_else(Zone::utc)),
        typed => Zone::parse(typed)
            .map_err(|e| errors.add("time_zone", e))
            .ok(),
    };
    let (Some(name), Some(purpose), Some(slug), Some(zone)) = (name, purpose, slug, zone) else {
        return Err(ServiceError::Invalid(errors));
    };
    let txn = db.begin().await?;
    let now = crate::clock::now();
    let team = teams::ActiveModel {
        slug: Set(slug.as_str().to_owned()),
        name: Set(name.as_str().to_owned()),
        purpose: Set(purpose.as_str().to_owned()),
        time_zone: Set(zone.name().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match ServiceError::from(e) {
        ServiceError::Conflict(_) => {
            let mut errors = FieldErrors::new();
            errors.add("slug", Msg::new("so-team-address-taken"));
            ServiceError::Invalid(errors)
        }
        other => other,
    })?;
    let token = insert_invitation(
        &txn,
        team.id,
        principal.user_id,
        TeamRole::Leader,
        1,
        7,
        now,
    )
    .await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(team.id),
            action: audit::AuditAction::TeamCreate,
            detail: json!({ "slug": team.slug, "leader_invitation": true }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(CreatedTeam {
        team,
        leader_invitation: token,
    })
}

/// A team with its number of members (kept on its row by the database).
fn with_size(team: teams::Model) -> (teams::Model, u64) {
    let members = team.size();
    (team, members)
}

/// Every team of the instance (site admins only), by name.
pub async fn all_teams(
    db: &impl ConnectionTrait,
    principal: Principal,
) -> Result<Vec<(teams::Model, u64)>> {
    check(access::authorize(principal, None, Action::ManageInstance))?;
    let teams = teams::Entity::find()
        .order_by_asc(teams::Column::Name)
        .order_by_asc(teams::Column::Id)
        .all(db)
        .await?;
    Ok(teams.into_iter().map(with_size).collect())
}

/// Where the list of every team resumes: after this team, by name then id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamAfter {
    pub name: String,
    pub id: TeamId,
}

/// Up to `limit` of the instance's teams after `after` (site admins only), by name then id,
/// each with its member count; the flag says whether more follow. Keyset in SQL.
pub async fn team_slice(
    db: &impl ConnectionTrait,
    principal: Principal,
    after: Option<&TeamAfter>,
    limit: u64,
) -> Result<(Vec<(teams::Model, u64)>, bool)> {
    use sea_orm::Condition;

    check(access::authorize(principal, None, Action::ManageInstance))?;
    let mut select = teams::Entity::find();
    if let Some(after) = after {
        select = select.filter(
            Condition::any()
                .add(teams::Column::Name.gt(after.name.as_str()))
                .add(
                    Condition::all()
                        .add(teams::Column::Name.eq(after.name.as_str()))
                        .add(teams::Column::Id.gt(after.id)),
                ),
        );
    }
    let mut rows = select
        .order_by_asc(teams::Column::Name)
        .order_by_asc(teams::Column::Id)
        .limit(limit.saturating_add(1))
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok((rows.into_iter().map(with_size).collect(), more))
}

/// The teams a person belongs to, with their role, by name.
pub async fn teams_of(
    db: &impl ConnectionTrait,
    user_id: UserId,
) -> Result<Vec<(teams::Model, TeamRole)>> {
    let rows = memberships::Entity::find()
        .filter(memberships::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let ids: Vec<TeamId> = rows.iter().map(|r| r.team_id).collect();
    let by_id: std::collections::HashMap<TeamId, teams::Model> = teams::Entity::find()
        .filter(teams::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let mut out: Vec<(teams::Model, TeamRole)> = rows
        .into_iter()
        .filter_map(|row| Some((by_id.get(&row.team_id)?.clone(), TeamRole::from(row.role))))
        .collect();
    out.sort_by(|a, b| a.0.name.cmp(&b.0.name).then(a.0.id.cmp(&b.0.id)));
    Ok(out)
}

/// Takes the team's write lock for the rest of the transaction, as the meeting services do
/// with their meeting (`meetings::lock`): on PostgreSQL the row lock serialises every change
/// to the team's members, so "the last leader stays" is checked against committed state; on
/// SQLite this first statement being a write takes the database's write lock before any read,
/// so concurrent writers wait (busy timeout) instead of failing with "database is locked".
pub async fn lock(db: &impl ConnectionTrait, team_id: TeamId) -> Result<()> {
    crate::store::lock::row::<teams::Entity>(db, team_id).await?;
    Ok(())
}

/// Authorizes on the pool (so a refused request writes nothing), then opens a transaction,
/// takes the team's lock and authorizes again inside it, against the current memberships.
pub async fn begin_locked(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    action: Action,
) -> Result<(DatabaseTransaction, TeamAccess)> {
    let before = authorize(db, principal, slug, action).await?;
    let txn = db.begin().await?;
    lock(&txn, before.team.id).await?;
    let access = authorize(&txn, principal, slug, action).await?;
    Ok((txn, access))
}
