//! Teams and their members: create (site admin), view, invite, change roles, remove, leave.
//! Every function asks `crate::access` first; outsiders get `NotFound`.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::Serialize;
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::access::{self, Action, Decision, Principal, TeamRole};
use crate::auth::tokens::{random_token, token_hash};
use crate::domain::team::{MaxUses, Purpose, Slug, TeamName, ValidDays};
use crate::service::find_in_team;
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::{invitations, memberships, teams, users};
use crate::store::scoped;

/// A team the caller may act on, with their membership.
#[derive(Debug, Clone)]
pub struct TeamAccess {
    /// The team.
    pub team: teams::Model,
    /// The caller's role in it, if a member.
    pub role: Option<TeamRole>,
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
    let Some(user_id) = principal.user_id else {
        // The same answer whether or not the team exists.
        return Err(ServiceError::Unauthenticated);
    };
    if slug.chars().any(char::is_control) {
        // No team has one (slugs are checked), and PostgreSQL refuses NUL in a query.
        return Err(ServiceError::NotFound);
    }
    let team = teams::Entity::find()
        .filter(teams::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let role = membership(db, team.id, user_id).await?;
    check(access::authorize(principal, role, action))?;
    Ok(TeamAccess { team, role })
}

async fn membership(
    db: &impl ConnectionTrait,
    team_id: i64,
    user_id: i64,
) -> Result<Option<TeamRole>> {
    scoped::membership(db, team_id, user_id)
        .await?
        .map(|m| stored_role(&m.role))
        .transpose()
}

/// A role read from the database; a value outside the known set is an error, never a guess.
pub(crate) fn stored_role(text: &str) -> Result<TeamRole> {
    TeamRole::parse(text)
        .ok_or_else(|| ServiceError::Unexpected(anyhow::anyhow!("unreadable stored role {text:?}")))
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
}

/// A created team and the single-use link for its first leader.
#[derive(Debug, Clone)]
pub struct CreatedTeam {
    /// The team.
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
    let (Some(name), Some(purpose), Some(slug)) = (name, purpose, slug) else {
        return Err(ServiceError::Invalid(errors));
    };
    let txn = db.begin().await?;
    let now = OffsetDateTime::now_utc();
    let team = teams::ActiveModel {
        slug: Set(slug.as_str().to_owned()),
        name: Set(name.as_str().to_owned()),
        purpose: Set(purpose.as_str().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match ServiceError::from(e) {
        ServiceError::Conflict(_) => {
            let mut errors = FieldErrors::new();
            errors.add(
                "slug",
                "Another team already uses this address; choose another.",
            );
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

async fn insert_invitation(
    db: &impl ConnectionTrait,
    team_id: i64,
    created_by: Option<i64>,
    role: TeamRole,
    max_uses: i32,
    days: i64,
    now: OffsetDateTime,
) -> Result<String> {
    let token = random_token();
    invitations::ActiveModel {
        team_id: Set(team_id),
        token_hash: Set(token_hash(&token)),
        role: Set(role.as_str().to_owned()),
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
    // One grouped count for every team, not one count per team.
    let counts: std::collections::HashMap<i64, i64> = memberships::Entity::find()
        .select_only()
        .column(memberships::Column::TeamId)
        .column_as(memberships::Column::Id.count(), "n")
        .group_by(memberships::Column::TeamId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(teams
        .into_iter()
        .map(|team| {
            let members = counts
                .get(&team.id)
                .map_or(0, |n| u64::try_from(*n).unwrap_or(0));
            (team, members)
        })
        .collect())
}

/// The teams a person belongs to, with their role, by name.
pub async fn teams_of(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<(teams::Model, TeamRole)>> {
    let rows = memberships::Entity::find()
        .filter(memberships::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.team_id).collect();
    let by_id: std::collections::HashMap<i64, teams::Model> = teams::Entity::find()
        .filter(teams::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let mut out: Vec<(teams::Model, TeamRole)> = rows
        .into_iter()
        .filter_map(|row| {
            Some((
                by_id.get(&row.team_id)?.clone(),
                TeamRole::parse(&row.role)?,
            ))
        })
        .collect();
    out.sort_by(|a, b| a.0.name.cmp(&b.0.name).then(a.0.id.cmp(&b.0.id)));
    Ok(out)
}

/// One member as the team page shows them.
#[derive(Debug, Clone, Serialize)]
pub struct MemberRow {
    /// User id.
    pub user_id: i64,
    /// Name.
    pub display_name: String,
    /// Role.
    pub role: TeamRole,
}

/// An open invitation as leaders see it.
#[derive(Debug, Clone, Serialize)]
pub struct InvitationRow {
    /// Id (for revoking).
    pub id: i64,
    /// Role given.
    pub role: String,
    /// "2 of 5".
    pub uses: i32,
    /// Limit.
    pub max_uses: i32,
    /// Expiry, formatted.
    pub expires: String,
}

/// What the team page needs.
#[derive(Debug, Clone)]
pub struct TeamOverview {
    /// Access (team and caller's role).
    pub access: TeamAccess,
    /// One page of members, leaders first, then by name.
    pub members: MemberPage,
    /// Open invitations (only for those who manage members).
    pub invitations: Vec<InvitationRow>,
    /// Whether the caller may manage members.
    pub can_manage: bool,
}

/// Members shown per page of the team page.
pub const MEMBERS_PER_PAGE: u64 = 50;

/// Which members the team page lists: a search text and a 1-based page number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberQuery {
    /// Matched against names (and, for those who manage members, email addresses); case is
    /// ignored. Empty lists everyone.
    pub search: String,
    /// 1-based page; past the last page shows the last page.
    pub page: u64,
}

/// One page of the member list.
#[derive(Debug, Clone)]
pub struct MemberPage {
    /// The members on this page, leaders first, then by name.
    pub rows: Vec<MemberRow>,
    /// Members matching the search, on every page.
    pub total: u64,
    /// Members in the team (whatever the search).
    pub team_total: u64,
    /// This page (1-based, within `1..=pages`).
    pub page: u64,
    /// Number of pages (at least 1).
    pub pages: u64,
}

/// Loads the team page: one page of members in two queries (a count and a joined page), so
/// the cost does not grow with the size of the team.
pub async fn overview(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    query: &MemberQuery,
) -> Result<TeamOverview> {
    let access = authorize(db, principal, slug, Action::ViewTeam).await?;
    let can_manage =
        access::authorize(principal, access.role, Action::ManageMembers) == Decision::Allow;
    let members = member_page(db, access.team.id, query, can_manage).await?;
    let invitations = if can_manage {
        let now = OffsetDateTime::now_utc();
        invitations::Entity::find()
            .filter(invitations::Column::TeamId.eq(access.team.id))
            .filter(invitations::Column::RevokedAt.is_null())
            .filter(invitations::Column::ExpiresAt.gt(now))
            .order_by_asc(invitations::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .filter(|i| i.uses < i.max_uses)
            .map(|i| InvitationRow {
                id: i.id,
                role: i.role,
                uses: i.uses,
                max_uses: i.max_uses,
                expires: crate::format::date_time(i.expires_at),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(TeamOverview {
        access,
        members,
        invitations,
        can_manage,
    })
}

/// `%text%` for `LIKE`, with `\`, `%` and `_` taken literally.
fn like_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.to_lowercase().chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// One page of a team's members (leaders first, then by name, then id), with counts.
async fn member_page(
    db: &impl ConnectionTrait,
    team_id: i64,
    query: &MemberQuery,
    with_email: bool,
) -> Result<MemberPage> {
    use sea_orm::sea_query::{
        Alias, Expr, ExprTrait, Func, LikeExpr, Order, Query, SelectStatement,
    };

    let m = memberships::Entity;
    let u = users::Entity;
    let search = query.search.trim();
    let base = || -> SelectStatement {
        let mut select = Query::select();
        select
            .from(m)
            .inner_join(
                u,
                Expr::col((u, users::Column::Id)).equals((m, memberships::Column::UserId)),
            )
            .and_where(Expr::col((m, memberships::Column::TeamId)).eq(team_id));
        if !search.is_empty() {
            let pattern = like_pattern(search);
            let name = Expr::expr(Func::lower(Expr::col((u, users::Column::DisplayName))))
                .like(LikeExpr::new(pattern.clone()).escape('\\'));
            let condition = if with_email {
                name.or(
                    Expr::expr(Func::lower(Expr::col((u, users::Column::Email))))
                        .like(LikeExpr::new(pattern).escape('\\')),
                )
            } else {
                name
            };
            select.and_where(condition);
        }
        select
    };
    let count = |mut select: SelectStatement| {
        select.expr_as(
            Expr::col((m, memberships::Column::Id)).count(),
            Alias::new("n"),
        );
        select
    };
    let total = count_of(db, &count(base())).await?;
    let team_total = if search.is_empty() {
        total
    } else {
        memberships::Entity::find()
            .filter(memberships::Column::TeamId.eq(team_id))
            .count(db)
            .await?
    };
    let pages = Ord::max(total.div_ceil(MEMBERS_PER_PAGE), 1);
    let page = query.page.clamp(1, pages);
    let mut select = base();
    select
        .column((m, memberships::Column::UserId))
        .column((m, memberships::Column::Role))
        .column((u, users::Column::DisplayName))
        .order_by_expr(
            Expr::case(
                Expr::col((m, memberships::Column::Role)).eq(TeamRole::Leader.as_str()),
                0,
            )
            .finally(1)
            .into(),
            Order::Asc,
        )
        .order_by_expr(
            Func::lower(Expr::col((u, users::Column::DisplayName))).into(),
            Order::Asc,
        )
        .order_by((m, memberships::Column::UserId), Order::Asc)
        .limit(MEMBERS_PER_PAGE)
        .offset((page - 1) * MEMBERS_PER_PAGE);
    let rows = db
        .query_all(&select)
        .await?
        .into_iter()
        .filter_map(|row| {
            let user_id: i64 = row.try_get("", "user_id").ok()?;
            let role: String = row.try_get("", "role").ok()?;
            let display_name: String = row.try_get("", "display_name").ok()?;
            Some(MemberRow {
                user_id,
                display_name,
                role: TeamRole::parse(&role)?,
            })
        })
        .collect();
    Ok(MemberPage {
        rows,
        total,
        team_total,
        page,
        pages,
    })
}

async fn count_of(
    db: &impl ConnectionTrait,
    select: &sea_orm::sea_query::SelectStatement,
) -> Result<u64> {
    let n: i64 = match db.query_one(select).await? {
        Some(row) => row.try_get("", "n")?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or(0))
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
}

impl Default for InvitationForm {
    fn default() -> Self {
        Self {
            role: "member".to_owned(),
            max_uses: "1".to_owned(),
            valid_days: "7".to_owned(),
        }
    }
}

/// Creates an invitation link; the token is returned once and only its hash is stored.
pub async fn invite(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &InvitationForm,
) -> Result<String> {
    let (txn, access) = begin_locked(db, principal, slug, Action::ManageMembers).await?;
    let mut errors = FieldErrors::new();
    let role = TeamRole::parse(form.role.trim());
    if role.is_none() {
        errors.add("role", "Choose member or leader.");
    }
    let uses = MaxUses::parse(&form.max_uses)
        .map_err(|e| errors.add("max_uses", e))
        .ok();
    let days = ValidDays::parse(&form.valid_days)
        .map_err(|e| errors.add("valid_days", e))
        .ok();
    let (Some(role), Some(uses), Some(days)) = (role, uses, days) else {
        return Err(ServiceError::Invalid(errors));
    };
    let token = insert_invitation(
        &txn,
        access.team.id,
        principal.user_id,
        role,
        uses.get(),
        days.get(),
        OffsetDateTime::now_utc(),
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
    Ok(token)
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
    active.revoked_at = Set(Some(OffsetDateTime::now_utc()));
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

/// Takes the team's write lock for the rest of the transaction, as the meeting services do
/// with their meeting (`meetings::lock`): on PostgreSQL the row lock serialises every change
/// to the team's members, so "the last leader stays" is checked against committed state; on
/// SQLite this first statement being a write takes the database's write lock before any read,
/// so concurrent writers wait (busy timeout) instead of failing with "database is locked".
pub async fn lock(db: &impl ConnectionTrait, team_id: i64) -> Result<()> {
    teams::Entity::update_many()
        .col_expr(teams::Column::Id, Expr::col(teams::Column::Id))
        .filter(teams::Column::Id.eq(team_id))
        .exec(db)
        .await?;
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

async fn leader_count(db: &impl ConnectionTrait, team_id: i64) -> Result<u64> {
    Ok(memberships::Entity::find()
        .filter(memberships::Column::TeamId.eq(team_id))
        .filter(memberships::Column::Role.eq(TeamRole::Leader.as_str()))
        .count(db)
        .await?)
}

async fn member_row(
    db: &impl ConnectionTrait,
    team_id: i64,
    user_id: i64,
) -> Result<memberships::Model> {
    scoped::membership(db, team_id, user_id)
        .await?
        .ok_or(ServiceError::NotFound)
}

const LAST_LEADER: &str = "A team needs at least one leader: make someone else a leader first.";

/// Promotes or demotes a member. The last leader cannot be demoted.
pub async fn change_role(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    user_id: i64,
    role: &str,
) -> Result<()> {
    let new_role = TeamRole::parse(role).ok_or_else(|| {
        let mut errors = FieldErrors::new();
        errors.add("role", "Choose member or leader.");
        ServiceError::Invalid(errors)
    })?;
    let (txn, access) = begin_locked(db, principal, slug, Action::ManageMembers).await?;
    let row = member_row(&txn, access.team.id, user_id).await?;
    if row.role == new_role.as_str() {
        return Ok(());
    }
    if new_role == TeamRole::Member && leader_count(&txn, access.team.id).await? <= 1 {
        return Err(ServiceError::Conflict(LAST_LEADER.to_owned()));
    }
    let old = row.role.clone();
    let mut active: memberships::ActiveModel = row.into();
    active.role = Set(new_role.as_str().to_owned());
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: audit::AuditAction::MemberRoleChange,
            detail: json!({ "user_id": user_id, "from": old, "to": new_role.as_str() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes a member (by a leader or admin), or the caller themself (leaving).
pub async fn remove_member(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    user_id: i64,
) -> Result<()> {
    let leaving = principal.user_id == Some(user_id);
    let action = if leaving {
        Action::LeaveTeam
    } else {
        Action::ManageMembers
    };
    let (txn, access) = begin_locked(db, principal, slug, action).await?;
    let row = member_row(&txn, access.team.id, user_id).await?;
    if row.role == TeamRole::Leader.as_str() && leader_count(&txn, access.team.id).await? <= 1 {
        return Err(ServiceError::Conflict(LAST_LEADER.to_owned()));
    }
    memberships::Entity::delete_by_id(row.id).exec(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: if leaving {
                audit::AuditAction::MemberLeave
            } else {
                audit::AuditAction::MemberRemove
            },
            detail: json!({ "user_id": user_id, "role": row.role }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
