//! A team's members: the paged, searchable member list of the team page, and role changes and
//! removals under the team's lock, so the last leader always stays.

use crate::domain::ids::{TeamId, UserId};
use crate::i18n::{Lang, Msg};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;
use serde_json::json;

use crate::access::{self, Action, Decision, Principal, TeamRole};
use crate::service::paging::{self, Window};
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::{invitations, memberships, users};
use crate::store::scoped;

use super::invite::InvitationRow;
use super::{TeamAccess, authorize, begin_locked};

/// One member as the team page shows them.
#[derive(Debug, Clone, Serialize)]
pub struct MemberRow {
    pub user_id: UserId,
    pub display_name: String,
    pub role: TeamRole,
}

/// A member as name lists and person fields show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// User id.
    pub id: UserId,
    /// Display name.
    pub name: String,
    /// Leader?
    pub leader: bool,
    /// "Name (#id)": how a person field's list offers them and reads them back
    /// ([`crate::domain::team::member_label`]).
    pub label: String,
}

/// The team's memberships joined to their people, for callers that pick the columns they need
/// (`select_only().column(…)`): one query however large the team.
pub fn memberships_with_people(team_id: TeamId) -> sea_orm::Select<memberships::Entity> {
    use sea_orm::{JoinType, QuerySelect};

    let person = memberships::Entity::belongs_to(users::Entity)
        .from(memberships::Column::UserId)
        .to(users::Column::Id)
        .into();
    memberships::Entity::find()
        .join(JoinType::InnerJoin, person)
        .filter(memberships::Column::TeamId.eq(team_id))
}

/// A member as the roster lists them, with the sort key (the name in lower case).
fn member(id: UserId, name: String, role: memberships::Role) -> (String, Member) {
    (
        name.to_lowercase(),
        Member {
            id,
            label: crate::domain::team::member_label(id, &name),
            name,
            leader: role == memberships::Role::Leader,
        },
    )
}

/// The team's current members, by name (case-insensitive) then id: one joined query that
/// reads only ids, names and roles, however large the team.
pub async fn roster(db: &impl ConnectionTrait, team_id: TeamId) -> Result<Vec<Member>> {
    let mut out = members_read(db, memberships_with_people(team_id)).await?;
    Ok(by_name(&mut out))
}

/// The members `query` (over [`memberships_with_people`]) finds, reading ids, names and roles
/// only, each with its sort key.
async fn members_read(
    db: &impl ConnectionTrait,
    query: sea_orm::Select<memberships::Entity>,
) -> Result<Vec<(String, Member)>> {
    use sea_orm::QuerySelect;

    let rows: Vec<(UserId, String, memberships::Role)> = query
        .select_only()
        .column(memberships::Column::UserId)
        .column(users::Column::DisplayName)
        .column(memberships::Column::Role)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, role)| member(id, name, role))
        .collect())
}

/// Members by name (case-insensitive), then id.
fn by_name(keyed: &mut Vec<(String, Member)>) -> Vec<Member> {
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
    keyed.drain(..).map(|(_, m)| m).collect()
}

/// One member of the team `slug` as the member list shows them (whoever may see the team),
/// or `NotFound` when they are not in it.
pub async fn member_of(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    user_id: UserId,
) -> Result<MemberRow> {
    use sea_orm::QuerySelect;

    let access = authorize(db, principal, slug, Action::ViewTeam).await?;
    let row: Option<(UserId, String, memberships::Role)> = memberships_with_people(access.team.id)
        .filter(memberships::Column::UserId.eq(user_id))
        .select_only()
        .column(memberships::Column::UserId)
        .column(users::Column::DisplayName)
        .column(memberships::Column::Role)
        .into_tuple()
        .one(db)
        .await?;
    let (user_id, display_name, role) = row.ok_or(ServiceError::NotFound)?;
    Ok(MemberRow {
        user_id,
        display_name,
        role: role.into(),
    })
}

/// Those of `ids` who are current members of the team, as [`roster`] orders them: one
/// statement per 500 ids, however large the team (for pages that name a few people).
pub async fn members_among(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    ids: impl IntoIterator<Item = UserId>,
) -> Result<Vec<Member>> {
    let ids: Vec<UserId> = ids
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut out: Vec<(String, Member)> = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let these = memberships_with_people(team_id)
            .filter(memberships::Column::UserId.is_in(chunk.iter().copied()));
        out.extend(members_read(db, these).await?);
    }
    Ok(by_name(&mut out))
}

/// The user ids of the team's current members, in id order (only the ids are read).
pub async fn member_ids(db: &impl ConnectionTrait, team_id: TeamId) -> Result<Vec<UserId>> {
    use sea_orm::QuerySelect;

    Ok(memberships::Entity::find()
        .select_only()
        .column(memberships::Column::UserId)
        .filter(memberships::Column::TeamId.eq(team_id))
        .order_by_asc(memberships::Column::UserId)
        .into_tuple()
        .all(db)
        .await?)
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
    /// Leaders in the team (the last one cannot be made a member).
    pub leaders: u64,
}

/// Loads the team page: without a search, one page of the team's roster as kept for its
/// roster version (`rosters`: no statement once read); with one, a count and a joined page,
/// so the cost does not grow with the size of the team. Invitations' expiry in `lang`'s words.
pub async fn overview(
    db: &impl ConnectionTrait,
    rosters: &super::Rosters,
    principal: Principal,
    slug: &str,
    query: &MemberQuery,
    lang: Lang,
) -> Result<TeamOverview> {
    let access = authorize(db, principal, slug, Action::ViewTeam).await?;
    let can_manage =
        access::authorize(principal, access.role, Action::ManageMembers) == Decision::Allow;
    let roster = rosters
        .of(db, access.team.id, access.team.roster_version)
        .await?;
    let members = if query.search.trim().is_empty() {
        roster_page(&roster, query.page)
    } else {
        member_page(db, &roster, access.team.id, query, can_manage).await?
    };
    let invitations = if can_manage {
        use sea_orm::sea_query::{Expr, ExprTrait};
        let now = crate::clock::now();
        // Open ones only, chosen by the database: a team that grew by invitation has one
        // used-up row per member, which the page must not read.
        invitations::Entity::find()
            .filter(invitations::Column::TeamId.eq(access.team.id))
            .filter(invitations::Column::RevokedAt.is_null())
            .filter(invitations::Column::ExpiresAt.gt(now))
            .filter(
                Expr::col(invitations::Column::Uses).lt(Expr::col(invitations::Column::MaxUses)),
            )
            .order_by_asc(invitations::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|i| InvitationRow {
                id: i.id,
                role: TeamRole::from(i.role).as_str().to_owned(),
                uses: i.uses,
                max_uses: i.max_uses,
                expires: crate::format::date_time_in(i.expires_at, access.zone, lang),
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

/// The team's memberships joined to their people, narrowed by `search` (names, and for those
/// who manage members also email addresses, case ignored) as the team page searches.
fn member_select(
    team_id: TeamId,
    search: &str,
    with_email: bool,
) -> sea_orm::sea_query::SelectStatement {
    use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query};

    let m = memberships::Entity;
    let u = users::Entity;
    let mut select = Query::select();
    select
        .from(m)
        .inner_join(
            u,
            Expr::col((u, users::Column::Id)).equals((m, memberships::Column::UserId)),
        )
        .and_where(Expr::col((m, memberships::Column::TeamId)).eq(team_id));
    let search = search.trim();
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
}

/// 0 for leaders, 1 for members: the team page lists leaders first.
fn leaders_first() -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, ExprTrait};
    Expr::case(
        Expr::col((memberships::Entity, memberships::Column::Role)).eq(memberships::Role::Leader),
        0,
    )
    .finally(1)
    .into()
}

/// Selects a member row's columns in the team page's order: leaders first, then by name
/// (case ignored), then by id.
fn member_columns_in_order(select: &mut sea_orm::sea_query::SelectStatement) {
    use sea_orm::sea_query::{Expr, Func, Order};

    let (m, u) = (memberships::Entity, users::Entity);
    select
        .column((m, memberships::Column::UserId))
        .column((m, memberships::Column::Role))
        .column((u, users::Column::DisplayName))
        .order_by_expr(leaders_first(), Order::Asc)
        .order_by_expr(
            Func::lower(Expr::col((u, users::Column::DisplayName))).into(),
            Order::Asc,
        )
        .order_by((m, memberships::Column::UserId), Order::Asc);
}

/// Reads the rows of [`member_columns_in_order`].
async fn member_rows(
    db: &impl ConnectionTrait,
    select: &sea_orm::sea_query::SelectStatement,
) -> Result<Vec<MemberRow>> {
    Ok(db
        .query_all(select)
        .await?
        .into_iter()
        .map(|row| {
            // An unreadable row (an unknown stored role) is an error, never a member left out.
            let role: memberships::Role = row.try_get("", "role")?;
            Ok(MemberRow {
                user_id: row.try_get("", "user_id")?,
                display_name: row.try_get("", "display_name")?,
                role: role.into(),
            })
        })
        .collect::<std::result::Result<_, sea_orm::DbErr>>()?)
}

/// One page of the whole team from its `roster` (by name, then id), in the member list's
/// order: leaders first, then by name, then id.
fn roster_page(roster: &[Member], page: u64) -> MemberPage {
    let (team_total, leaders) = roster_counts(roster);
    let window = Window::new(team_total, MEMBERS_PER_PAGE, page);
    let in_order = roster
        .iter()
        .filter(|m| m.leader)
        .chain(roster.iter().filter(|m| !m.leader));
    let rows = window
        .cut(in_order)
        .map(|m| MemberRow {
            user_id: m.id,
            display_name: m.name.clone(),
            role: if m.leader {
                TeamRole::Leader
            } else {
                TeamRole::Member
            },
        })
        .collect();
    MemberPage {
        rows,
        total: team_total,
        team_total,
        page: window.page,
        pages: window.pages,
        leaders,
    }
}

/// How many members `roster` has, and how many of them lead.
fn roster_counts(roster: &[Member]) -> (u64, u64) {
    (
        paging::count(roster.len()),
        paging::count(roster.iter().filter(|m| m.leader).count()),
    )
}

/// One page of the members matching a search (leaders first, then by name, then id): a
/// count and a joined page; the team's counts come from its kept `roster`.
async fn member_page(
    db: &impl ConnectionTrait,
    roster: &[Member],
    team_id: TeamId,
    query: &MemberQuery,
    with_email: bool,
) -> Result<MemberPage> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, SelectStatement};

    let m = memberships::Entity;
    let search = query.search.trim();
    let base = || member_select(team_id, search, with_email);
    let count = |mut select: SelectStatement| {
        select.expr_as(
            Expr::col((m, memberships::Column::Id)).count(),
            Alias::new("n"),
        );
        select
    };
    let total = count_of(db, &count(base())).await?;
    let (team_total, leaders) = roster_counts(roster);
    let window = Window::new(total, MEMBERS_PER_PAGE, query.page);
    let mut select = base();
    member_columns_in_order(&mut select);
    select.limit(window.limit()).offset(window.offset());
    let rows = member_rows(db, &select).await?;
    Ok(MemberPage {
        rows,
        total,
        team_total,
        page: window.page,
        pages: window.pages,
        leaders,
    })
}

/// Which members a list asks for: the team page's search, and optionally one role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberFilter {
    /// As [`MemberQuery::search`].
    pub search: String,
    /// Only leaders, or only members.
    pub role: Option<TeamRole>,
}

/// Where a list of members resumes: after this member in the team page's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberAfter {
    /// Whether they lead the team (leaders come first).
    pub leader: bool,
    /// Their name as stored.
    pub name: String,
    pub id: UserId,
}

/// Up to `limit` of the team's members after `after`, in the team page's order (leaders
/// first, then by name, then id), matching `filter` as the team page searches for this
/// caller; the flag says whether more follow. Only what the team page shows: ids, names, roles.
pub async fn member_slice(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    filter: &MemberFilter,
    after: Option<&MemberAfter>,
    limit: u64,
) -> Result<(TeamAccess, Vec<MemberRow>, bool)> {
    use sea_orm::sea_query::{Cond, Expr, ExprTrait, Func};

    let access = authorize(db, principal, slug, Action::ViewTeam).await?;
    let can_manage =
        access::authorize(principal, access.role, Action::ManageMembers) == Decision::Allow;
    let (m, u) = (memberships::Entity, users::Entity);
    let mut select = member_select(access.team.id, &filter.search, can_manage);
    if let Some(role) = filter.role {
        let stored = match role {
            TeamRole::Leader => memberships::Role::Leader,
            TeamRole::Member => memberships::Role::Member,
        };
        select.and_where(Expr::col((m, memberships::Column::Role)).eq(stored));
    }
    if let Some(after) = after {
        let rank = i32::from(!after.leader);
        let name = || Expr::expr(Func::lower(Expr::col((u, users::Column::DisplayName))));
        let their_name = || Func::lower(Expr::val(after.name.clone()));
        select.cond_where(
            Cond::any().add(leaders_first().gt(rank)).add(
                Cond::all().add(leaders_first().eq(rank)).add(
                    Cond::any().add(name().gt(their_name())).add(
                        Cond::all()
                            .add(name().eq(their_name()))
                            .add(Expr::col((m, memberships::Column::UserId)).gt(after.id)),
                    ),
                ),
            ),
        );
    }
    member_columns_in_order(&mut select);
    select.limit(limit.saturating_add(1));
    let mut rows = member_rows(db, &select).await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok((access, rows, more))
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

async fn leader_count(db: &impl ConnectionTrait, team_id: TeamId) -> Result<u64> {
    Ok(memberships::Entity::find()
        .filter(memberships::Column::TeamId.eq(team_id))
        .filter(memberships::Column::Role.eq(memberships::Role::Leader))
        .count(db)
        .await?)
}

async fn member_row(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    user_id: UserId,
) -> Result<memberships::Model> {
    scoped::membership(db, team_id, user_id)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Why the last leader cannot step down or be removed.
fn last_leader() -> Msg {
    Msg::new("conflict-last-leader")
}

/// Promotes or demotes a member. The last leader cannot be demoted.
pub async fn change_role(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    user_id: UserId,
    role: &str,
) -> Result<()> {
    let new_role = TeamRole::parse(role).ok_or_else(|| {
        let mut errors = FieldErrors::new();
        errors.add("role", Msg::new("so-choose-member-or-leader"));
        ServiceError::Invalid(errors)
    })?;
    let (txn, access) = begin_locked(db, principal, slug, Action::ManageMembers).await?;
    let row = member_row(&txn, access.team.id, user_id).await?;
    if TeamRole::from(row.role) == new_role {
        return Ok(());
    }
    if new_role == TeamRole::Member && leader_count(&txn, access.team.id).await? <= 1 {
        return Err(ServiceError::Conflict(last_leader()));
    }
    let old = TeamRole::from(row.role);
    let mut active: memberships::ActiveModel = row.into();
    active.role = Set(new_role.into());
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: audit::AuditAction::MemberRoleChange,
            detail: json!({ "user_id": user_id, "from": old.as_str(), "to": new_role.as_str() }),
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
    user_id: UserId,
) -> Result<()> {
    let leaving = principal.user_id == Some(user_id);
    let action = if leaving {
        Action::LeaveTeam
    } else {
        Action::ManageMembers
    };
    let (txn, access) = begin_locked(db, principal, slug, action).await?;
    let row = member_row(&txn, access.team.id, user_id).await?;
    if TeamRole::from(row.role) == TeamRole::Leader
        && leader_count(&txn, access.team.id).await? <= 1
    {
        return Err(ServiceError::Conflict(last_leader()));
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
            detail: json!({ "user_id": user_id, "role": TeamRole::from(row.role).as_str() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster(leaders: &[i64], size: i64) -> Vec<Member> {
        (1..=size)
            .map(|i| Member {
                id: UserId(i),
                name: format!("Person {i:04}"),
                leader: leaders.contains(&i),
                label: String::new(),
            })
            .collect()
    }

    #[test]
    fn a_roster_page_lists_leaders_first_then_the_roster_order() {
        let team = roster(&[7, 120], 120);
        let first = roster_page(&team, 1);
        let ids: Vec<i64> = first.rows.iter().map(|r| r.user_id.0).collect();
        assert_eq!(&ids[..4], [7, 120, 1, 2]);
        assert_eq!(ids.len(), 50);
        assert_eq!(first.rows[0].role, TeamRole::Leader);
        assert_eq!(first.rows[2].role, TeamRole::Member);
        assert_eq!(
            (first.total, first.team_total, first.pages, first.leaders),
            (120, 120, 3, 2)
        );
        let last = roster_page(&team, 9);
        assert_eq!(last.page, 3, "past the last page shows the last page");
        let ids: Vec<i64> = last.rows.iter().map(|r| r.user_id.0).collect();
        assert_eq!(
            ids,
            (100..=119).collect::<Vec<_>>(),
            "7 and 120 came first, so the last page starts one later than it would"
        );
        assert_eq!(roster_page(&team, 0).page, 1);
        let empty = roster_page(&[], 1);
        assert_eq!((empty.rows.len(), empty.pages, empty.page), (0, 1, 1));
    }
}
