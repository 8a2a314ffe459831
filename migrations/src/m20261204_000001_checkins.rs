//! Weekly check-ins (issue 19): one row per member, team and ISO week (`2026-W49`, computed on
//! the team's clock), with four short answers. A blocker may name one of the team's actions,
//! which the check-in then marks as blocked; the action's status and reason from before are
//! kept here so that unlinking gives them back.

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
enum Actions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Checkins {
    Table,
    Id,
    TeamId,
    UserId,
    Week,
    Moved,
    Blocking,
    NextUp,
    Improvement,
    BlockerActionId,
    PriorStatus,
    PriorReason,
    CreatedAt,
    UpdatedAt,
}

fn fk(
    column: impl IntoIden,
    to: impl IntoIden,
    to_column: impl IntoIden,
    action: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(Checkins::Table, column)
        .to(to, to_column)
        .on_delete(action)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Checkins::Table)
                    .col(big_pk_auto(Checkins::Id))
                    .col(big_integer(Checkins::TeamId))
                    .col(big_integer(Checkins::UserId))
                    .col(string_len(Checkins::Week, 8))
                    .col(text(Checkins::Moved).default(""))
                    .col(text(Checkins::Blocking).default(""))
                    .col(text(Checkins::NextUp).default(""))
                    .col(text(Checkins::Improvement).default(""))
                    .col(big_integer_null(Checkins::BlockerActionId))
                    .col(string_null(Checkins::PriorStatus))
                    .col(text(Checkins::PriorReason).default(""))
                    .col(timestamp_with_time_zone(Checkins::CreatedAt))
                    .col(timestamp_with_time_zone(Checkins::UpdatedAt))
                    .check(Expr::col(Checkins::PriorStatus).is_in([
                        "open",
                        "in_progress",
                        "blocked",
                        "done",
                        "dropped",
                    ]))
                    .foreign_key(&mut fk(
                        Checkins::TeamId,
                        Teams::Table,
                        Teams::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Checkins::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Checkins::BlockerActionId,
                        Actions::Table,
                        Actions::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .index(
                        Index::create()
                            .name("ux_checkins_team_user_week")
                            .col(Checkins::TeamId)
                            .col(Checkins::UserId)
                            .col(Checkins::Week)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_checkins_team_week")
                    .table(Checkins::Table)
                    .col(Checkins::TeamId)
                    .col(Checkins::Week)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_checkins_blocker_action")
                    .table(Checkins::Table)
                    .col(Checkins::BlockerActionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Checkins::Table).to_owned())
            .await
    }
}
