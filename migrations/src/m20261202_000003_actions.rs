//! The meeting itself and what follows it (issue 15): actions with their history and comments,
//! decisions taken on agenda items, attendance, when each agenda item started and ended, the
//! run of a meeting (note-taker, closed), and versioned minutes.
//!
//! An agenda item is named by its meeting and its 0-based position in the published agenda,
//! which cannot change once the meeting has started. A budget idea is named by kind and id
//! only: the budget tables are another migration's, so there is no foreign key to them.

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
enum Meetings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum HelpPosts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Actions {
    Table,
    Id,
    TeamId,
    Title,
    OwnerId,
    DueOn,
    Status,
    Reason,
    SourceKind,
    MeetingId,
    ItemPosition,
    HelpPostId,
    BudgetIdeaId,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ActionHistory {
    Table,
    Id,
    ActionId,
    ActorId,
    FromStatus,
    ToStatus,
    Reason,
    OccurredAt,
}

#[derive(DeriveIden)]
enum ActionComments {
    Table,
    Id,
    ActionId,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Decisions {
    Table,
    Id,
    TeamId,
    MeetingId,
    ItemPosition,
    Text,
    ReviewOn,
    RecordedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MeetingAttendance {
    Table,
    MeetingId,
    UserId,
    Status,
    RecordedAt,
}

#[derive(DeriveIden)]
enum MeetingItemTimings {
    Table,
    MeetingId,
    Position,
    StartedAt,
    EndedAt,
}

#[derive(DeriveIden)]
enum MeetingRuns {
    Table,
    MeetingId,
    NoteTakerId,
    ClosedAt,
    ClosedBy,
}

#[derive(DeriveIden)]
enum MeetingMinutes {
    Table,
    Id,
    MeetingId,
    Version,
    Body,
    Published,
    AuthorId,
    CreatedAt,
}

const STATUSES: [&str; 5] = ["open", "in_progress", "blocked", "done", "dropped"];

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
                    .table(Actions::Table)
                    .col(big_pk_auto(Actions::Id))
                    .col(big_integer(Actions::TeamId))
                    .col(string(Actions::Title))
                    .col(big_integer(Actions::OwnerId))
                    .col(date(Actions::DueOn))
                    .col(string(Actions::Status))
                    .col(text(Actions::Reason).default(""))
                    .col(string(Actions::SourceKind))
                    .col(big_integer_null(Actions::MeetingId))
                    .col(integer_null(Actions::ItemPosition))
                    .col(big_integer_null(Actions::HelpPostId))
                    .col(big_integer_null(Actions::BudgetIdeaId))
                    .col(big_integer_null(Actions::CreatedBy))
                    .col(timestamp_with_time_zone(Actions::CreatedAt))
                    .col(timestamp_with_time_zone(Actions::UpdatedAt))
                    .check(Expr::col(Actions::Status).is_in(STATUSES))
                    .check(Expr::col(Actions::SourceKind).is_in([
                        "none",
                        "agenda_item",
                        "help_post",
                        "budget_idea",
                    ]))
                    .foreign_key(&mut fk(
                        Actions::Table,
                        Actions::TeamId,
                        Teams::Table,
                        Teams::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Actions::Table,
                        Actions::OwnerId,
                        Users::Table,
                        Users::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Actions::Table,
                        Actions::MeetingId,
                        Meetings::Table,
                        Meetings::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Actions::Table,
                        Actions::HelpPostId,
                        HelpPosts::Table,
                        HelpPosts::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Actions::Table,
                        Actions::CreatedBy,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_actions_team_status",
            Actions::Table,
            &["team_id", "status", "due_on"],
        )
        .await?;
        index(
            manager,
            "ix_actions_owner",
            Actions::Table,
            &["owner_id", "status"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(ActionHistory::Table)
                    .col(big_pk_auto(ActionHistory::Id))
                    .col(big_integer(ActionHistory::ActionId))
                    .col(big_integer_null(ActionHistory::ActorId))
                    .col(string_null(ActionHistory::FromStatus))
                    .col(string(ActionHistory::ToStatus))
                    .col(text(ActionHistory::Reason).default(""))
                    .col(timestamp_with_time_zone(ActionHistory::OccurredAt))
                    .check(Expr::col(ActionHistory::ToStatus).is_in(STATUSES))
                    .foreign_key(&mut fk(
                        ActionHistory::Table,
                        ActionHistory::ActionId,
                        Actions::Table,
                        Actions::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ActionHistory::Table,
                        ActionHistory::ActorId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_action_history_action",
            ActionHistory::Table,
            &["action_id", "occurred_at"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(ActionComments::Table)
                    .col(big_pk_auto(ActionComments::Id))
                    .col(big_integer(ActionComments::ActionId))
                    .col(big_integer_null(ActionComments::AuthorId))
                    .col(text(ActionComments::Body))
                    .col(timestamp_with_time_zone(ActionComments::CreatedAt))
                    .foreign_key(&mut fk(
                        ActionComments::Table,
                        ActionComments::ActionId,
                        Actions::Table,
                        Actions::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ActionComments::Table,
                        ActionComments::AuthorId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_action_comments_action",
            ActionComments::Table,
            &["action_id"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(Decisions::Table)
                    .col(big_pk_auto(Decisions::Id))
                    .col(big_integer(Decisions::TeamId))
                    .col(big_integer(Decisions::MeetingId))
                    .col(integer(Decisions::ItemPosition))
                    .col(text(Decisions::Text))
                    .col(date_null(Decisions::ReviewOn))
                    .col(big_integer_null(Decisions::RecordedBy))
                    .col(timestamp_with_time_zone(Decisions::CreatedAt))
                    .foreign_key(&mut fk(
                        Decisions::Table,
                        Decisions::TeamId,
                        Teams::Table,
                        Teams::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Decisions::Table,
                        Decisions::MeetingId,
                        Meetings::Table,
                        Meetings::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Decisions::Table,
                        Decisions::RecordedBy,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_decisions_team_review",
            Decisions::Table,
            &["team_id", "review_on"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(MeetingAttendance::Table)
                    .col(big_integer(MeetingAttendance::MeetingId))
                    .col(big_integer(MeetingAttendance::UserId))
                    .col(string(MeetingAttendance::Status))
                    .col(timestamp_with_time_zone(MeetingAttendance::RecordedAt))
                    .primary_key(
                        Index::create()
                            .col(MeetingAttendance::MeetingId)
                            .col(MeetingAttendance::UserId),
                    )
                    .check(Expr::col(MeetingAttendance::Status).is_in(["present", "apologies"]))
                    .foreign_key(&mut fk(
                        MeetingAttendance::Table,
                        MeetingAttendance::MeetingId,
                        Meetings::Table,
                        Meetings::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        MeetingAttendance::Table,
                        MeetingAttendance::UserId,
                        Users::Table,
                        Users::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MeetingItemTimings::Table)
                    .col(big_integer(MeetingItemTimings::MeetingId))
                    .col(integer(MeetingItemTimings::Position))
                    .col(timestamp_with_time_zone(MeetingItemTimings::StartedAt))
                    .col(timestamp_with_time_zone_null(MeetingItemTimings::EndedAt))
                    .primary_key(
                        Index::create()
                            .col(MeetingItemTimings::MeetingId)
                            .col(MeetingItemTimings::Position),
                    )
                    .check(Expr::col(MeetingItemTimings::Position).gte(0))
                    .foreign_key(&mut fk(
                        MeetingItemTimings::Table,
                        MeetingItemTimings::MeetingId,
                        Meetings::Table,
                        Meetings::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MeetingRuns::Table)
                    .col(big_integer(MeetingRuns::MeetingId).primary_key())
                    .col(big_integer_null(MeetingRuns::NoteTakerId))
                    .col(timestamp_with_time_zone_null(MeetingRuns::ClosedAt))
                    .col(big_integer_null(MeetingRuns::ClosedBy))
                    .foreign_key(&mut fk(
                        MeetingRuns::Table,
                        MeetingRuns::MeetingId,
                        Meetings::Table,
                        Meetings::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        MeetingRuns::Table,
                        MeetingRuns::NoteTakerId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        MeetingRuns::Table,
                        MeetingRuns::ClosedBy,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MeetingMinutes::Table)
                    .col(big_pk_auto(MeetingMinutes::Id))
                    .col(big_integer(MeetingMinutes::MeetingId))
                    .col(integer(MeetingMinutes::Version))
                    .col(text(MeetingMinutes::Body))
                    .col(boolean(MeetingMinutes::Published).default(false))
                    .col(big_integer_null(MeetingMinutes::AuthorId))
                    .col(timestamp_with_time_zone(MeetingMinutes::CreatedAt))
                    .check(Expr::col(MeetingMinutes::Version).gte(1))
                    .foreign_key(&mut fk(
                        MeetingMinutes::Table,
                        MeetingMinutes::MeetingId,
                        Meetings::Table,
                        Meetings::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        MeetingMinutes::Table,
                        MeetingMinutes::AuthorId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .index(
                        Index::create()
                            .name("ux_meeting_minutes_version")
                            .col(MeetingMinutes::MeetingId)
                            .col(MeetingMinutes::Version)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MeetingMinutes::Table.into_iden(),
            MeetingRuns::Table.into_iden(),
            MeetingItemTimings::Table.into_iden(),
            MeetingAttendance::Table.into_iden(),
            Decisions::Table.into_iden(),
            ActionComments::Table.into_iden(),
            ActionHistory::Table.into_iden(),
            Actions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
