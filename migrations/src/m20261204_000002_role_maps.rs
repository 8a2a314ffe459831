//! Role maps (issue 19): one page per project with its outcome, owner and milestones, drafted
//! together, then published and closed. Every change after publication is kept as a version
//! (who, when, and each field's value before and after, as JSON).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum RoleMaps {
    Table,
    Id,
    TeamId,
    Title,
    Outcome,
    OwnerId,
    Status,
    Version,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RoleMapMilestones {
    Table,
    Id,
    RoleMapId,
    Title,
    OwnerId,
    DueOn,
    Done,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RoleMapVersions {
    Table,
    Id,
    RoleMapId,
    Version,
    ActorId,
    Changes,
    CreatedAt,
}

fn fk(
    from: impl IntoIden,
    column: impl IntoIden,
    to: impl IntoIden,
    to_column: impl IntoIden,
    action: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(to, to_column)
        .on_delete(action)
        .to_owned()
}

use ForeignKeyAction::{Cascade, SetNull};

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: &[&str],
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table);
    for col in cols {
        index.col(Alias::new(*col));
    }
    manager.create_index(index.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RoleMaps::Table)
                    .col(big_pk_auto(RoleMaps::Id))
                    .col(big_integer(RoleMaps::TeamId))
                    .col(string(RoleMaps::Title))
                    .col(text(RoleMaps::Outcome))
                    .col(big_integer(RoleMaps::OwnerId))
                    .col(string(RoleMaps::Status))
                    .col(integer(RoleMaps::Version).default(0))
                    .col(big_integer_null(RoleMaps::CreatedBy))
                    .col(timestamp_with_time_zone(RoleMaps::CreatedAt))
                    .col(timestamp_with_time_zone(RoleMaps::UpdatedAt))
                    .check(Expr::col(RoleMaps::Status).is_in(["draft", "published", "closed"]))
                    .check(Expr::col(RoleMaps::Version).gte(0))
                    .foreign_key(&mut fk(
                        RoleMaps::Table,
                        RoleMaps::TeamId,
                        Teams::Table,
                        Teams::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        RoleMaps::Table,
                        RoleMaps::OwnerId,
                        Users::Table,
                        Users::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        RoleMaps::Table,
                        RoleMaps::CreatedBy,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_role_maps_team",
            RoleMaps::Table,
            &["team_id", "id"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoleMapMilestones::Table)
                    .col(big_pk_auto(RoleMapMilestones::Id))
                    .col(big_integer(RoleMapMilestones::RoleMapId))
                    .col(string(RoleMapMilestones::Title))
                    .col(big_integer(RoleMapMilestones::OwnerId))
                    .col(date(RoleMapMilestones::DueOn))
                    .col(boolean(RoleMapMilestones::Done).default(false))
                    .col(timestamp_with_time_zone(RoleMapMilestones::CreatedAt))
                    .foreign_key(&mut fk(
                        RoleMapMilestones::Table,
                        RoleMapMilestones::RoleMapId,
                        RoleMaps::Table,
                        RoleMaps::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        RoleMapMilestones::Table,
                        RoleMapMilestones::OwnerId,
                        Users::Table,
                        Users::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_role_map_milestones_map",
            RoleMapMilestones::Table,
            &["role_map_id", "due_on"],
        )
        .await?;
        index(
            manager,
            "ix_role_map_milestones_owner",
            RoleMapMilestones::Table,
            &["owner_id", "done", "due_on"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoleMapVersions::Table)
                    .col(big_pk_auto(RoleMapVersions::Id))
                    .col(big_integer(RoleMapVersions::RoleMapId))
                    .col(integer(RoleMapVersions::Version))
                    .col(big_integer_null(RoleMapVersions::ActorId))
                    .col(text(RoleMapVersions::Changes))
                    .col(timestamp_with_time_zone(RoleMapVersions::CreatedAt))
                    .check(Expr::col(RoleMapVersions::Version).gte(1))
                    .foreign_key(&mut fk(
                        RoleMapVersions::Table,
                        RoleMapVersions::RoleMapId,
                        RoleMaps::Table,
                        RoleMaps::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        RoleMapVersions::Table,
                        RoleMapVersions::ActorId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .index(
                        Index::create()
                            .name("ux_role_map_versions_version")
                            .col(RoleMapVersions::RoleMapId)
                            .col(RoleMapVersions::Version)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RoleMapVersions::Table.into_iden(),
            RoleMapMilestones::Table.into_iden(),
            RoleMaps::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
