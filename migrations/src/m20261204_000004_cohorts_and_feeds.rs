//! Cohorts across teams and the personal calendar feed (issue 19).
//!
//! `team_links`: two teams linked by their leaders' consent. The pair is stored once, lower
//! id first (`CHECK(team_a_id < team_b_id)`, `UNIQUE(team_a_id, team_b_id)`), with the side
//! that proposed it; `accepted_at` is NULL while the other side has not accepted.
//! `meeting_shares`: a meeting whose published agenda and minutes its leaders share, read-only,
//! with every team linked to its own. `calendar_feeds`: one secret feed address per person,
//! stored as the SHA-256 of its token only; regenerating replaces the hash, revoking deletes it.

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
enum TeamLinks {
    Table,
    Id,
    TeamAId,
    TeamBId,
    ProposerTeamId,
    ProposedBy,
    ProposedAt,
    AcceptedBy,
    AcceptedAt,
}

#[derive(DeriveIden)]
enum MeetingShares {
    Table,
    MeetingId,
    TeamId,
    SharedBy,
    SharedAt,
}

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    UserId,
    TokenHash,
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TeamLinks::Table)
                    .col(big_pk_auto(TeamLinks::Id))
                    .col(big_integer(TeamLinks::TeamAId))
                    .col(big_integer(TeamLinks::TeamBId))
                    .col(big_integer(TeamLinks::ProposerTeamId))
                    .col(big_integer_null(TeamLinks::ProposedBy))
                    .col(timestamp_with_time_zone(TeamLinks::ProposedAt))
                    .col(big_integer_null(TeamLinks::AcceptedBy))
                    .col(timestamp_with_time_zone_null(TeamLinks::AcceptedAt))
                    .check(Expr::col(TeamLinks::TeamAId).lt(Expr::col(TeamLinks::TeamBId)))
                    .check(
                        Expr::col(TeamLinks::ProposerTeamId)
                            .eq(Expr::col(TeamLinks::TeamAId))
                            .or(Expr::col(TeamLinks::ProposerTeamId)
                                .eq(Expr::col(TeamLinks::TeamBId))),
                    )
                    .foreign_key(&mut fk(
                        TeamLinks::Table,
                        TeamLinks::TeamAId,
                        Teams::Table,
                        Teams::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        TeamLinks::Table,
                        TeamLinks::TeamBId,
                        Teams::Table,
                        Teams::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        TeamLinks::Table,
                        TeamLinks::ProposedBy,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        TeamLinks::Table,
                        TeamLinks::AcceptedBy,
                        Users::Table,
                        Users::Id,
                        SetNull,
                    ))
                    .index(
                        Index::create()
                            .name("ux_team_links_pair")
                            .col(TeamLinks::TeamAId)
                            .col(TeamLinks::TeamBId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_team_links_team_b")
                    .table(TeamLinks::Table)
                    .col(TeamLinks::TeamBId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MeetingShares::Table)
                    .col(big_integer(MeetingShares::MeetingId).primary_key())
                    .col(big_integer(MeetingShares::TeamId))
                    .col(big_integer_null(MeetingShares::SharedBy))
                    .col(timestamp_with_time_zone(MeetingShares::SharedAt))
                    .foreign_key(&mut fk(
                        MeetingShares::Table,
                        MeetingShares::MeetingId,
                        Meetings::Table,
                        Meetings::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        MeetingShares::Table,
                        MeetingShares::TeamId,
                        Teams::Table,
                        Teams::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        MeetingShares::Table,
                        MeetingShares::SharedBy,
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
                    .name("ix_meeting_shares_team")
                    .table(MeetingShares::Table)
                    .col(MeetingShares::TeamId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarFeeds::Table)
                    .col(big_integer(CalendarFeeds::UserId).primary_key())
                    .col(string_len(CalendarFeeds::TokenHash, 64).unique_key())
                    .col(timestamp_with_time_zone(CalendarFeeds::CreatedAt))
                    .foreign_key(&mut fk(
                        CalendarFeeds::Table,
                        CalendarFeeds::UserId,
                        Users::Table,
                        Users::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CalendarFeeds::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(MeetingShares::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(TeamLinks::Table).to_owned())
            .await
    }
}
