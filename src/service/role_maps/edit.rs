//! Changing a role map: starting a draft, editing its fields and milestones, ticking a
//! milestone done, publishing and closing. Every change takes the map's row lock first, checks
//! who may make it in the map's status (`domain::role_map::rights`), and is audited; once the
//! map is published each change is stored as a new version with its field-by-field diff.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::json;
use time::OffsetDateTime;

use super::forms::{DoneForm, MapForm, MilestoneForm, parse_map, parse_milestone};
use super::{MapAccess, authorize, find_in_team, milestones_of, state_of};
use crate::access::{Action, Principal};
use crate::domain::ids::{MilestoneId, RoleMapId};
use crate::domain::role_map::{
    self as rules, Change, Field, MAX_MILESTONES, MapState, Rights, Status,
};
use crate::i18n::Msg;
use crate::service::{Result, ServiceError, audit, invalid};
use crate::store::entities::{role_map_milestones, role_map_versions, role_maps};

/// Starts a draft role map; any member may. Returns its id.
pub async fn create(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    form: &MapForm,
    now: OffsetDateTime,
) -> Result<RoleMapId> {
    let acc = authorize(db, principal, slug, Action::EditRoleMaps).await?;
    let team_id = acc.team.team.id;
    let fields = parse_map(db, team_id, form).await?;
    let txn = db.begin().await?;
    let row = role_maps::ActiveModel {
        team_id: Set(team_id),
        title: Set(fields.title.as_str().to_owned()),
        outcome: Set(fields.outcome.as_str().to_owned()),
        owner_id: Set(fields.owner),
        status: Set(Status::Draft.into()),
        version: Set(0),
        created_by: Set(Some(acc.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(acc.user_id),
            team_id: Some(team_id),
            action: audit::AuditAction::RoleMapCreate,
            detail: json!({ "role_map": row.id, "title": row.title, "owner": row.owner_id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// A change under way: the map locked in its transaction, and its state before.
struct Editing {
    txn: DatabaseTransaction,
    acc: MapAccess,
    map: role_maps::Model,
    before: MapState,
}

impl Editing {
    /// Authorizes `action`, finds the map in the team (404 otherwise), locks it and reads it.
    async fn begin(
        db: &DatabaseConnection,
        principal: Principal,
        slug: &str,
        id: RoleMapId,
        action: Action,
    ) -> Result<Self> {
        let acc = authorize(db, principal, slug, action).await?;
        let team_id = acc.team.team.id;
        find_in_team(db, team_id, id).await?;
        let txn = db.begin().await?;
        crate::store::lock::row::<role_maps::Entity>(&txn, id).await?;
        let map = find_in_team(&txn, team_id, id).await?;
        let milestones = milestones_of(&txn, id).await?;
        let before = state_of(&map, &milestones);
        Ok(Self {
            txn,
            acc,
            map,
            before,
        })
    }

    fn status(&self) -> Status {
        self.map.status.into()
    }

    /// What the caller may change; a closed map refuses with a message saying so.
    fn rights(&self) -> Result<Rights> {
        if self.status() == Status::Closed {
            return Err(ServiceError::Conflict(Msg::new("rm-closed-read-only")));
        }
        Ok(rules::rights(
            self.status(),
            self.map.owner_id == self.acc.user_id,
            self.acc.is_leader(),
        ))
    }

    /// Refuses unless the caller may change everything on the map.
    fn require_edit_all(&self) -> Result<()> {
        if self.rights()?.edit_all {
            Ok(())
        } else {
            Err(ServiceError::Forbidden)
        }
    }

    /// One milestone of this map, or `NotFound`.
    async fn milestone(&self, id: MilestoneId) -> Result<role_map_milestones::Model> {
        role_map_milestones::Entity::find_by_id(id)
            .filter(role_map_milestones::Column::RoleMapId.eq(self.map.id))
            .one(&self.txn)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// Stores a new version when the map is published and something changed, audits the
    /// change and commits.
    async fn finish(self, now: OffsetDateTime) -> Result<()> {
        let id = self.map.id;
        let map = find_in_team(&self.txn, self.acc.team.team.id, id).await?;
        let milestones = milestones_of(&self.txn, id).await?;
        let changes = rules::diff(&self.before, &state_of(&map, &milestones));
        if changes.is_empty() {
            return Ok(());
        }
        let version = if Status::from(map.status) == Status::Published {
            Some(self.store_version(&map, &changes, now).await?)
        } else {
            let mut active: role_maps::ActiveModel = map.into();
            active.updated_at = Set(now);
            active.update(&self.txn).await?;
            None
        };
        audit::record(
            &self.txn,
            audit::Entry {
                actor_id: Some(self.acc.user_id),
                team_id: Some(self.acc.team.team.id),
                action: audit::AuditAction::RoleMapEdit,
                detail: json!({ "role_map": id, "version": version, "changes": changes }),
            },
        )
        .await?;
        self.txn.commit().await?;
        Ok(())
    }

    /// Inserts the next version with `changes` and moves the map's version number to it.
    async fn store_version(
        &self,
        map: &role_maps::Model,
        changes: &[Change],
        now: OffsetDateTime,
    ) -> Result<i32> {
        let version = map.version + 1;
        role_map_versions::ActiveModel {
            role_map_id: Set(map.id),
            version: Set(version),
            actor_id: Set(Some(self.acc.user_id)),
            changes: Set(
                serde_json::to_string(changes).map_err(|e| ServiceError::Unexpected(e.into()))?
            ),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&self.txn)
        .await?;
        let mut active: role_maps::ActiveModel = map.clone().into();
        active.version = Set(version);
        active.updated_at = Set(now);
        active.update(&self.txn).await?;
        Ok(version)
    }

    /// Publishes or closes the map (its owner or a leader), as one version.
    async fn move_to(self, to: Status, now: OffsetDateTime) -> Result<()> {
        if !rules::may_move(self.map.owner_id, self.acc.user_id, self.acc.is_leader()) {
            return Err(ServiceError::Forbidden);
        }
        rules::check_move(self.status(), to).map_err(ServiceError::Conflict)?;
        let (field, action) = match to {
            Status::Closed => (Field::Closed, audit::AuditAction::RoleMapClose),
            _ => (Field::Published, audit::AuditAction::RoleMapPublish),
        };
        let mut active: role_maps::ActiveModel = self.map.clone().into();
        active.status = Set(to.into());
        let map = active.update(&self.txn).await?;
        let version = self
            .store_version(&map, &[Change::event(field)], now)
            .await?;
        audit::record(
            &self.txn,
            audit::Entry {
                actor_id: Some(self.acc.user_id),
                team_id: Some(self.acc.team.team.id),
                action,
                detail: json!({ "role_map": map.id, "version": version }),
            },
        )
        .await?;
        self.txn.commit().await?;
        Ok(())
    }
}

/// Changes the map's title, outcome and owner (a draft: any member; published: its owner or
/// a leader).
pub async fn update_map(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: RoleMapId,
    form: &MapForm,
    now: OffsetDateTime,
) -> Result<()> {
    let editing = Editing::begin(db, principal, slug, id, Action::EditRoleMaps).await?;
    editing.require_edit_all()?;
    let fields = parse_map(&editing.txn, editing.acc.team.team.id, form).await?;
    let mut active: role_maps::ActiveModel = editing.map.clone().into();
    active.title = Set(fields.title.as_str().to_owned());
    active.outcome = Set(fields.outcome.as_str().to_owned());
    active.owner_id = Set(fields.owner);
    active.update(&editing.txn).await?;
    editing.finish(now).await
}

/// Adds a milestone (at most `MAX_MILESTONES` per map).
pub async fn add_milestone(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: RoleMapId,
    form: &MilestoneForm,
    now: OffsetDateTime,
) -> Result<()> {
    let editing = Editing::begin(db, principal, slug, id, Action::EditRoleMaps).await?;
    editing.require_edit_all()?;
    let today = editing.acc.team.zone.today(now);
    let fields = parse_milestone(&editing.txn, editing.acc.team.team.id, form, today).await?;
    let count = role_map_milestones::Entity::find()
        .filter(role_map_milestones::Column::RoleMapId.eq(id))
        .count(&editing.txn)
        .await?;
    if count >= MAX_MILESTONES as u64 {
        return Err(invalid(
            "title",
            Msg::new("rm-v-too-many-milestones").arg("max", MAX_MILESTONES),
        ));
    }
    role_map_milestones::ActiveModel {
        role_map_id: Set(id),
        title: Set(fields.title.as_str().to_owned()),
        owner_id: Set(fields.owner),
        due_on: Set(fields.due_on),
        done: Set(false),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&editing.txn)
    .await?;
    editing.finish(now).await
}

/// Changes a milestone's title, owner and due date.
pub async fn update_milestone(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    (id, milestone): (RoleMapId, MilestoneId),
    form: &MilestoneForm,
    now: OffsetDateTime,
) -> Result<()> {
    let editing = Editing::begin(db, principal, slug, id, Action::EditRoleMaps).await?;
    let row = editing.milestone(milestone).await?;
    editing.require_edit_all()?;
    let today = editing.acc.team.zone.today(now);
    let fields = parse_milestone(&editing.txn, editing.acc.team.team.id, form, today).await?;
    let mut active: role_map_milestones::ActiveModel = row.into();
    active.title = Set(fields.title.as_str().to_owned());
    active.owner_id = Set(fields.owner);
    active.due_on = Set(fields.due_on);
    active.update(&editing.txn).await?;
    editing.finish(now).await
}

/// Removes a milestone.
pub async fn remove_milestone(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    (id, milestone): (RoleMapId, MilestoneId),
    now: OffsetDateTime,
) -> Result<()> {
    let editing = Editing::begin(db, principal, slug, id, Action::EditRoleMaps).await?;
    let row = editing.milestone(milestone).await?;
    editing.require_edit_all()?;
    role_map_milestones::Entity::delete_by_id(row.id)
        .exec(&editing.txn)
        .await?;
    editing.finish(now).await
}

/// Marks a milestone done or not done: whoever may edit the map, and on a published map
/// also the milestone's owner.
pub async fn set_done(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    (id, milestone): (RoleMapId, MilestoneId),
    form: &DoneForm,
    now: OffsetDateTime,
) -> Result<()> {
    let editing = Editing::begin(db, principal, slug, id, Action::EditRoleMaps).await?;
    let row = editing.milestone(milestone).await?;
    if !rules::may_mark_done(editing.rights()?, row.owner_id, editing.acc.user_id) {
        return Err(ServiceError::Forbidden);
    }
    let mut active: role_map_milestones::ActiveModel = row.into();
    active.done = Set(form.is_done());
    active.update(&editing.txn).await?;
    editing.finish(now).await
}

/// Publishes a draft (its owner or a leader): version 1.
pub async fn publish(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: RoleMapId,
    now: OffsetDateTime,
) -> Result<()> {
    Editing::begin(db, principal, slug, id, Action::PublishRoleMaps)
        .await?
        .move_to(Status::Published, now)
        .await
}

/// Closes a published map (its owner or a leader); it is read-only from then on.
pub async fn close(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    id: RoleMapId,
    now: OffsetDateTime,
) -> Result<()> {
    Editing::begin(db, principal, slug, id, Action::PublishRoleMaps)
        .await?
        .move_to(Status::Closed, now)
        .await
}
