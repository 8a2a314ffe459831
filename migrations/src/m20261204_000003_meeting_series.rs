//! Recurring meetings with rotating roles (issue 19): a series (weekly or fortnightly, on a
//! weekday and local time in the team's zone, windows relative to each meeting, a purpose-line
//! template), its occurrences (each a normal meeting, one per series and date, cancelled alone
//! without being deleted), the timekeeper of each occurrence (facilitator and note-taker live
//! on the meeting itself), every swap of a role, and the dates a member is away.
//!
//! `UNIQUE(series_id, occurs_on)` is what makes topping a series up safe with several servers:
//! a second creator's insert fails instead of duplicating an occurrence.

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
enum MeetingSeries {
    Table,
    Id,
    TeamId,
    Title,
    PurposeTemplate,
    Language,
    Cadence,
    Weekday,
    StartMinute,
    FirstOn,
    BudgetMinutes,
    Place,
    ProposalsOpenDays,
    VotingOpenHours,
    VotingCloseHours,
    Privacy,
    WithTimekeeper,
    EndedAt,
    EndedBy,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SeriesOccurrences {
    Table,
    Id,
    SeriesId,
    OccursOn,
    MeetingId,
    TimekeeperId,
    CancelledAt,
    CancelledBy,
    CancelReason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SeriesSwaps {
    Table,
    Id,
    SeriesId,
    OccurrenceId,
    OtherOccurrenceId,
    Role,
    FromUserId,
    ToUserId,
    ById,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MemberAway {
    Table,
    Id,
    TeamId,
    UserId,
    AwayFrom,
    AwayUntil,
    CreatedBy,
    CreatedAt,
}

const ROLES: [&str; 3] = ["facilitator", "note_taker", "timekeeper"];

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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MeetingSeries::Table)
                    .col(big_pk_auto(MeetingSeries::Id))
                    .col(big_integer(MeetingSeries::TeamId))
                    .col(string(MeetingSeries::Title))
                    .col(string(MeetingSeries::PurposeTemplate))
                    .col(string_len(MeetingSeries::Language, 16).default("en"))
                    .col(string(MeetingSeries::Cadence))
                    .col(integer(MeetingSeries::Weekday))
                    .col(integer(MeetingSeries::StartMinute))
                    .col(date(MeetingSeries::FirstOn))
                    .col(integer(MeetingSeries::BudgetMinutes))
                    .col(string(MeetingSeries::Place).default(""))
                    .col(integer(MeetingSeries::ProposalsOpenDays))
                    .col(integer(MeetingSeries::VotingOpenHours))
                    .col(integer(MeetingSeries::VotingCloseHours))
                    .col(string(MeetingSeries::Privacy))
                    .col(boolean(MeetingSeries::WithTimekeeper).default(false))
                    .col(timestamp_with_time_zone_null(MeetingSeries::EndedAt))
                    .col(big_integer_null(MeetingSeries::EndedBy))
                    .col(big_integer_null(MeetingSeries::CreatedBy))
                    .col(timestamp_with_time_zone(MeetingSeries::CreatedAt))
                    .check(Expr::col(MeetingSeries::Cadence).is_in(["weekly", "fortnightly"]))
                    .check(Expr::col(MeetingSeries::Privacy).is_in(["open", "secret"]))
                    .check(Expr::col(MeetingSeries::Weekday).between(1, 7))
                    .check(Expr::col(MeetingSeries::StartMinute).between(0, 1439))
                    .check(Expr::col(MeetingSeries::BudgetMinutes).gt(0))
                    .foreign_key(&mut fk(
                        MeetingSeries::Table,
                        MeetingSeries::TeamId,
                        Teams::Table,
                        Teams::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        MeetingSeries::Table,
                        MeetingSeries::EndedBy,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        MeetingSeries::Table,
                        MeetingSeries::CreatedBy,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_meeting_series_team")
                    .table(MeetingSeries::Table)
                    .col(MeetingSeries::TeamId)
                    .col(MeetingSeries::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SeriesOccurrences::Table)
                    .col(big_pk_auto(SeriesOccurrences::Id))
                    .col(big_integer(SeriesOccurrences::SeriesId))
                    .col(date(SeriesOccurrences::OccursOn))
                    .col(big_integer(SeriesOccurrences::MeetingId))
                    .col(big_integer_null(SeriesOccurrences::TimekeeperId))
                    .col(timestamp_with_time_zone_null(
                        SeriesOccurrences::CancelledAt,
                    ))
                    .col(big_integer_null(SeriesOccurrences::CancelledBy))
                    .col(text(SeriesOccurrences::CancelReason).default(""))
                    .col(timestamp_with_time_zone(SeriesOccurrences::CreatedAt))
                    .foreign_key(&mut fk(
                        SeriesOccurrences::Table,
                        SeriesOccurrences::SeriesId,
                        MeetingSeries::Table,
                        MeetingSeries::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        SeriesOccurrences::Table,
                        SeriesOccurrences::MeetingId,
                        Meetings::Table,
                        Meetings::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        SeriesOccurrences::Table,
                        SeriesOccurrences::TimekeeperId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        SeriesOccurrences::Table,
                        SeriesOccurrences::CancelledBy,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .index(
                        Index::create()
                            .name("ux_series_occurrences_date")
                            .col(SeriesOccurrences::SeriesId)
                            .col(SeriesOccurrences::OccursOn)
                            .unique(),
                    )
                    .index(
                        Index::create()
                            .name("ux_series_occurrences_meeting")
                            .col(SeriesOccurrences::MeetingId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SeriesSwaps::Table)
                    .col(big_pk_auto(SeriesSwaps::Id))
                    .col(big_integer(SeriesSwaps::SeriesId))
                    .col(big_integer(SeriesSwaps::OccurrenceId))
                    .col(big_integer_null(SeriesSwaps::OtherOccurrenceId))
                    .col(string(SeriesSwaps::Role))
                    .col(big_integer_null(SeriesSwaps::FromUserId))
                    .col(big_integer_null(SeriesSwaps::ToUserId))
                    .col(big_integer_null(SeriesSwaps::ById))
                    .col(timestamp_with_time_zone(SeriesSwaps::CreatedAt))
                    .check(Expr::col(SeriesSwaps::Role).is_in(ROLES))
                    .foreign_key(&mut fk(
                        SeriesSwaps::Table,
                        SeriesSwaps::SeriesId,
                        MeetingSeries::Table,
                        MeetingSeries::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        SeriesSwaps::Table,
                        SeriesSwaps::OccurrenceId,
                        SeriesOccurrences::Table,
                        SeriesOccurrences::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        SeriesSwaps::Table,
                        SeriesSwaps::OtherOccurrenceId,
                        SeriesOccurrences::Table,
                        SeriesOccurrences::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        SeriesSwaps::Table,
                        SeriesSwaps::FromUserId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        SeriesSwaps::Table,
                        SeriesSwaps::ToUserId,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        SeriesSwaps::Table,
                        SeriesSwaps::ById,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_series_swaps_series")
                    .table(SeriesSwaps::Table)
                    .col(SeriesSwaps::SeriesId)
                    .col(SeriesSwaps::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MemberAway::Table)
                    .col(big_pk_auto(MemberAway::Id))
                    .col(big_integer(MemberAway::TeamId))
                    .col(big_integer(MemberAway::UserId))
                    .col(date(MemberAway::AwayFrom))
                    .col(date(MemberAway::AwayUntil))
                    .col(big_integer_null(MemberAway::CreatedBy))
                    .col(timestamp_with_time_zone(MemberAway::CreatedAt))
                    .check(Expr::col(MemberAway::AwayUntil).gte(Expr::col(MemberAway::AwayFrom)))
                    .foreign_key(&mut fk(
                        MemberAway::Table,
                        MemberAway::TeamId,
                        Teams::Table,
                        Teams::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        MemberAway::Table,
                        MemberAway::UserId,
                        Users::Table,
                        Users::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        MemberAway::Table,
                        MemberAway::CreatedBy,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_member_away_team")
                    .table(MemberAway::Table)
                    .col(MemberAway::TeamId)
                    .col(MemberAway::AwayUntil)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MemberAway::Table.into_iden(),
            SeriesSwaps::Table.into_iden(),
            SeriesOccurrences::Table.into_iden(),
            MeetingSeries::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
