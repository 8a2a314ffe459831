//! Rows that belong to a team (or to a meeting of one). Every lookup by an id that came from an
//! address goes through here with its owner, so a row of another team is never loaded by
//! accident: it reads exactly like a missing row, and both answer 404.

use crate::domain::ids::{TeamId, UserId};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PrimaryKeyTrait, QueryFilter};

use crate::store::entities::{
    actions, agenda_proposals, budget_ideas, budget_rounds, decisions, help_exchanges, help_posts,
    invitations, meetings, memberships, recognitions,
};

/// A table whose rows each belong to one parent row (a team, or a meeting).
pub trait Owned: EntityTrait {
    /// The column holding the owner's id.
    fn owner_column() -> Self::Column;
}

/// Tables owned by a team: their `team_id` is the owner.
pub trait TeamScoped: Owned {}

/// Tables owned by a meeting: their `meeting_id` is the owner.
pub trait MeetingScoped: Owned {}

/// Tables owned by a budget round: their `round_id` is the owner.
pub trait RoundScoped: Owned {}

macro_rules! owned_by {
    ($column:ident: $($entity:ident),+) => {
        $(impl Owned for $entity::Entity {
            fn owner_column() -> Self::Column {
                $entity::Column::$column
            }
        })+
    };
}

owned_by!(TeamId: meetings, help_posts, help_exchanges, invitations, recognitions, memberships, actions, decisions);
owned_by!(MeetingId: agenda_proposals);
owned_by!(TeamId: budget_rounds);
owned_by!(RoundId: budget_ideas);

impl TeamScoped for meetings::Entity {}
impl TeamScoped for help_posts::Entity {}
impl TeamScoped for help_exchanges::Entity {}
impl TeamScoped for invitations::Entity {}
impl TeamScoped for recognitions::Entity {}
impl TeamScoped for memberships::Entity {}
impl TeamScoped for actions::Entity {}
impl TeamScoped for decisions::Entity {}
impl MeetingScoped for agenda_proposals::Entity {}
impl TeamScoped for budget_rounds::Entity {}
impl RoundScoped for budget_ideas::Entity {}

use crate::store::entities::{meeting_series, member_away};
owned_by!(TeamId: meeting_series, member_away);
impl TeamScoped for crate::store::entities::meeting_series::Entity {}
impl TeamScoped for crate::store::entities::member_away::Entity {}

use crate::store::entities::role_maps;
owned_by!(TeamId: role_maps);
impl TeamScoped for role_maps::Entity {}

/// Row `id` if it belongs to `owner`; `None` when missing or another owner's.
pub async fn find_owned<E: Owned>(
    db: &impl ConnectionTrait,
    owner: impl Into<sea_orm::Value>,
    id: <E::PrimaryKey as PrimaryKeyTrait>::ValueType,
) -> Result<Option<E::Model>, DbErr> {
    E::find_by_id(id)
        .filter(E::owner_column().eq(owner))
        .one(db)
        .await
}

/// The membership of `user_id` in `team_id`, if they are in it (one per person and team).
pub async fn membership(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    user_id: UserId,
) -> Result<Option<memberships::Model>, DbErr> {
    memberships::Entity::find()
        .filter(memberships::Column::TeamId.eq(team_id))
        .filter(memberships::Column::UserId.eq(user_id))
        .one(db)
        .await
}
