//! Meetings and their co-created agenda: fixed items, facilitator history, proposals, ranked
//! ballots (one per voter key and meeting), who has voted (kept apart from the ballots), the
//! tally (one row per meeting: the guard that makes it run exactly once) and the published
//! agenda with its deviations from the tally.
//!
//! Ballot rows carry no timestamps and no user id for secret meetings, so that nothing in the
//! row links it to a person once the per-meeting secret is destroyed.

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
    TeamId,
    Title,
    PurposeLine,
    StartsAt,
    BudgetMinutes,
    Place,
    FacilitatorId,
    ProposalsOpenAt,
    ProposalsCloseAt,
    VotingOpenAt,
    VotingCloseAt,
    Privacy,
    ResultsVisibility,
    AgendaRule,
    BallotSecret,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MeetingFixedItems {
    Table,
    Id,
    MeetingId,
    Position,
    Title,
    Minutes,
}

#[derive(DeriveIden)]
enum MeetingFacilitators {
    Table,
    Id,
    MeetingId,
    UserId,
    AssignedAt,
    AssignedBy,
}

#[derive(DeriveIden)]
enum AgendaProposals {
    Table,
    Id,
    MeetingId,
    AuthorId,
    Title,
    Why,
    Minutes,
    Status,
    HiddenReason,
    MergedInto,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AgendaBallots {
    Table,
    Id,
    MeetingId,
    VoterKey,
    VoterId,
    Ranking,
    ReceiptHash,
}

#[derive(DeriveIden)]
enum AgendaParticipation {
    Table,
    Id,
    MeetingId,
    UserId,
    FirstVotedAt,
    LastVotedAt,
    Changes,
}

#[derive(DeriveIden)]
enum AgendaTallies {
    Table,
    MeetingId,
    TalliedAt,
    Rule,
    Seed,
    BallotCount,
    Input,
    Outcome,
}

#[derive(DeriveIden)]
enum AgendaPublications {
    Table,
    MeetingId,
    PublishedAt,
    PublishedBy,
    Items,
}

#[derive(DeriveIden)]
enum AgendaDeviations {
    Table,
    Id,
    MeetingId,
    Position,
    Kind,
    ProposalId,
    Title,
    Reason,
    ActorId,
}

fn minutes_check(column: impl IntoIden) -> Expr {
    Expr::col(column).between(1, 240)
}

fn fk_meeting(from: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(Meetings::Table, Meetings::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn fk_user(
    from: impl IntoIden,
    column: impl IntoIden,
    action: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(Users::Table, Users::Id)
        .on_delete(action)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Meetings::Table)
                    .col(big_pk_auto(Meetings::Id))
                    .col(big_integer(Meetings::TeamId))
                    .col(string(Meetings::Title))
                    .col(text(Meetings::PurposeLine))
                    .col(timestamp_with_time_zone(Meetings::StartsAt))
                    .col(integer(Meetings::BudgetMinutes))
                    .col(string(Meetings::Place).default(""))
                    .col(big_integer_null(Meetings::FacilitatorId))
                    .col(timestamp_with_time_zone(Meetings::ProposalsOpenAt))
                    .col(timestamp_with_time_zone(Meetings::ProposalsCloseAt))
                    .col(timestamp_with_time_zone(Meetings::VotingOpenAt))
                    .col(timestamp_with_time_zone(Meetings::VotingCloseAt))
                    .col(string(Meetings::Privacy))
                    .col(string(Meetings::ResultsVisibility))
                    .col(string(Meetings::AgendaRule))
                    .col(string_null(Meetings::BallotSecret))
                    .col(big_integer_null(Meetings::CreatedBy))
                    .col(timestamp_with_time_zone(Meetings::CreatedAt))
                    .col(timestamp_with_time_zone(Meetings::UpdatedAt))
                    .check(
                        Expr::col(Meetings::BudgetMinutes)
                            .gte(1)
                            .and(Expr::col(Meetings::BudgetMinutes).lte(1440)),
                    )
                    .check(Expr::col(Meetings::Privacy).is_in(["open", "secret"]))
                    .check(Expr::col(Meetings::ResultsVisibility).is_in(["after_close", "live"]))
                    .check(
                        Expr::col(Meetings::AgendaRule).is_in(["sequential_irv", "equal_shares"]),
                    )
                    .check(
                        Expr::col(Meetings::ProposalsOpenAt)
                            .lt(Expr::col(Meetings::ProposalsCloseAt)),
                    )
                    .check(
                        Expr::col(Meetings::ProposalsCloseAt)
                            .lte(Expr::col(Meetings::VotingOpenAt)),
                    )
                    .check(Expr::col(Meetings::VotingOpenAt).lt(Expr::col(Meetings::VotingCloseAt)))
                    .check(Expr::col(Meetings::VotingCloseAt).lte(Expr::col(Meetings::StartsAt)))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Meetings::Table, Meetings::TeamId)
                            .to(Teams::Table, Teams::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut fk_user(
                        Meetings::Table,
                        Meetings::FacilitatorId,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk_user(
                        Meetings::Table,
                        Meetings::CreatedBy,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_meetings_team_starts")
                    .table(Meetings::Table)
                    .col(Meetings::TeamId)
                    .col(Meetings::StartsAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_meetings_voting_close")
                    .table(Meetings::Table)
                    .col(Meetings::VotingCloseAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MeetingFixedItems::Table)
                    .col(big_pk_auto(MeetingFixedItems::Id))
                    .col(big_integer(MeetingFixedItems::MeetingId))
                    .col(integer(MeetingFixedItems::Position))
                    .col(string(MeetingFixedItems::Title))
                    .col(integer(MeetingFixedItems::Minutes))
                    .check(minutes_check(MeetingFixedItems::Minutes))
                    .foreign_key(&mut fk_meeting(
                        MeetingFixedItems::Table,
                        MeetingFixedItems::MeetingId,
                    ))
                    .index(
                        Index::create()
                            .name("ux_meeting_fixed_items_position")
                            .col(MeetingFixedItems::MeetingId)
                            .col(MeetingFixedItems::Position)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MeetingFacilitators::Table)
                    .col(big_pk_auto(MeetingFacilitators::Id))
                    .col(big_integer(MeetingFacilitators::MeetingId))
                    .col(big_integer_null(MeetingFacilitators::UserId))
                    .col(timestamp_with_time_zone(MeetingFacilitators::AssignedAt))
                    .col(big_integer_null(MeetingFacilitators::AssignedBy))
                    .foreign_key(&mut fk_meeting(
                        MeetingFacilitators::Table,
                        MeetingFacilitators::MeetingId,
                    ))
                    .foreign_key(&mut fk_user(
                        MeetingFacilitators::Table,
                        MeetingFacilitators::UserId,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk_user(
                        MeetingFacilitators::Table,
                        MeetingFacilitators::AssignedBy,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgendaProposals::Table)
                    .col(big_pk_auto(AgendaProposals::Id))
                    .col(big_integer(AgendaProposals::MeetingId))
                    .col(big_integer_null(AgendaProposals::AuthorId))
                    .col(string(AgendaProposals::Title))
                    .col(text(AgendaProposals::Why))
                    .col(integer(AgendaProposals::Minutes))
                    .col(string(AgendaProposals::Status))
                    .col(text_null(AgendaProposals::HiddenReason))
                    .col(big_integer_null(AgendaProposals::MergedInto))
                    .col(timestamp_with_time_zone(AgendaProposals::CreatedAt))
                    .col(timestamp_with_time_zone(AgendaProposals::UpdatedAt))
                    .check(minutes_check(AgendaProposals::Minutes))
                    .check(Expr::col(AgendaProposals::Status).is_in([
                        "active",
                        "withdrawn",
                        "hidden",
                        "merged",
                    ]))
                    .foreign_key(&mut fk_meeting(
                        AgendaProposals::Table,
                        AgendaProposals::MeetingId,
                    ))
                    .foreign_key(&mut fk_user(
                        AgendaProposals::Table,
                        AgendaProposals::AuthorId,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AgendaProposals::Table, AgendaProposals::MergedInto)
                            .to(AgendaProposals::Table, AgendaProposals::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_agenda_proposals_meeting")
                    .table(AgendaProposals::Table)
                    .col(AgendaProposals::MeetingId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgendaBallots::Table)
                    .col(big_pk_auto(AgendaBallots::Id))
                    .col(big_integer(AgendaBallots::MeetingId))
                    .col(string(AgendaBallots::VoterKey))
                    .col(big_integer_null(AgendaBallots::VoterId))
                    .col(text(AgendaBallots::Ranking))
                    .col(string(AgendaBallots::ReceiptHash))
                    .foreign_key(&mut fk_meeting(
                        AgendaBallots::Table,
                        AgendaBallots::MeetingId,
                    ))
                    .foreign_key(&mut fk_user(
                        AgendaBallots::Table,
                        AgendaBallots::VoterId,
                        ForeignKeyAction::SetNull,
                    ))
                    .index(
                        Index::create()
                            .name("ux_agenda_ballots_meeting_voter")
                            .col(AgendaBallots::MeetingId)
                            .col(AgendaBallots::VoterKey)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgendaParticipation::Table)
                    .col(big_pk_auto(AgendaParticipation::Id))
                    .col(big_integer(AgendaParticipation::MeetingId))
                    .col(big_integer(AgendaParticipation::UserId))
                    .col(timestamp_with_time_zone(AgendaParticipation::FirstVotedAt))
                    .col(timestamp_with_time_zone(AgendaParticipation::LastVotedAt))
                    .col(integer(AgendaParticipation::Changes).default(0))
                    .foreign_key(&mut fk_meeting(
                        AgendaParticipation::Table,
                        AgendaParticipation::MeetingId,
                    ))
                    .foreign_key(&mut fk_user(
                        AgendaParticipation::Table,
                        AgendaParticipation::UserId,
                        ForeignKeyAction::Cascade,
                    ))
                    .index(
                        Index::create()
                            .name("ux_agenda_participation_meeting_user")
                            .col(AgendaParticipation::MeetingId)
                            .col(AgendaParticipation::UserId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgendaTallies::Table)
                    .col(big_integer(AgendaTallies::MeetingId).primary_key())
                    .col(timestamp_with_time_zone(AgendaTallies::TalliedAt))
                    .col(string(AgendaTallies::Rule))
                    .col(big_integer(AgendaTallies::Seed))
                    .col(integer(AgendaTallies::BallotCount))
                    .col(text(AgendaTallies::Input))
                    .col(text(AgendaTallies::Outcome))
                    .foreign_key(&mut fk_meeting(
                        AgendaTallies::Table,
                        AgendaTallies::MeetingId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgendaPublications::Table)
                    .col(big_integer(AgendaPublications::MeetingId).primary_key())
                    .col(timestamp_with_time_zone(AgendaPublications::PublishedAt))
                    .col(big_integer_null(AgendaPublications::PublishedBy))
                    .col(text(AgendaPublications::Items))
                    .foreign_key(&mut fk_meeting(
                        AgendaPublications::Table,
                        AgendaPublications::MeetingId,
                    ))
                    .foreign_key(&mut fk_user(
                        AgendaPublications::Table,
                        AgendaPublications::PublishedBy,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgendaDeviations::Table)
                    .col(big_pk_auto(AgendaDeviations::Id))
                    .col(big_integer(AgendaDeviations::MeetingId))
                    .col(integer(AgendaDeviations::Position))
                    .col(string(AgendaDeviations::Kind))
                    .col(big_integer_null(AgendaDeviations::ProposalId))
                    .col(string(AgendaDeviations::Title))
                    .col(text(AgendaDeviations::Reason))
                    .col(big_integer_null(AgendaDeviations::ActorId))
                    .check(Expr::col(AgendaDeviations::Kind).is_in(["added", "dropped", "moved"]))
                    .foreign_key(&mut fk_meeting(
                        AgendaDeviations::Table,
                        AgendaDeviations::MeetingId,
                    ))
                    .foreign_key(&mut fk_user(
                        AgendaDeviations::Table,
                        AgendaDeviations::ActorId,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AgendaDeviations::Table.into_iden(),
            AgendaPublications::Table.into_iden(),
            AgendaTallies::Table.into_iden(),
            AgendaParticipation::Table.into_iden(),
            AgendaBallots::Table.into_iden(),
            AgendaProposals::Table.into_iden(),
            MeetingFacilitators::Table.into_iden(),
            MeetingFixedItems::Table.into_iden(),
            Meetings::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
