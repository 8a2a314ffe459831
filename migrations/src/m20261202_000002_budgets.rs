//! Participatory budgets (issue 14): a team's budget rounds with their phases, ballot type and
//! rule; ideas with their review (feasible, infeasible with a reason, cost adjusted with a
//! reason beside the original); supports; ballots (one per voter key and round, no timestamps,
//! no member id for secret rounds) with who-has-voted kept apart; the computed result (one row
//! per round: the guard that makes it run exactly once); publication, overrides with reasons,
//! and follow-through per funded idea.

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
enum BudgetRounds {
    Table,
    Id,
    TeamId,
    Title,
    Purpose,
    Amount,
    Currency,
    IdeasOpenAt,
    ReviewAt,
    VotingOpenAt,
    VotingCloseAt,
    BallotType,
    BallotMax,
    Rule,
    Privacy,
    BallotSecret,
    Imported,
    PhaseSeen,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BudgetIdeas {
    Table,
    Id,
    RoundId,
    Code,
    AuthorId,
    Title,
    Description,
    Location,
    Cost,
    OriginalCost,
    CostReason,
    Status,
    StatusReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BudgetSupports {
    Table,
    Id,
    RoundId,
    IdeaId,
    UserId,
}

#[derive(DeriveIden)]
enum BudgetBallots {
    Table,
    Id,
    RoundId,
    VoterKey,
    VoterId,
    Selection,
    ReceiptHash,
}

#[derive(DeriveIden)]
enum BudgetParticipation {
    Table,
    Id,
    RoundId,
    UserId,
    FirstVotedAt,
    LastVotedAt,
    Changes,
}

#[derive(DeriveIden)]
enum BudgetResults {
    Table,
    RoundId,
    ComputedAt,
    Rule,
    BallotCount,
    Input,
    Outcome,
    Greedy,
}

#[derive(DeriveIden)]
enum BudgetPublications {
    Table,
    RoundId,
    PublishedAt,
    PublishedBy,
}

#[derive(DeriveIden)]
enum BudgetOverrides {
    Table,
    Id,
    RoundId,
    IdeaId,
    Funded,
    Reason,
    ActorId,
}

#[derive(DeriveIden)]
enum BudgetFollowUps {
    Table,
    IdeaId,
    RoundId,
    OwnerId,
    Status,
    UpdatedAt,
}

fn fk_round(from: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(BudgetRounds::Table, BudgetRounds::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn fk_idea(from: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(BudgetIdeas::Table, BudgetIdeas::Id)
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

fn rounds() -> TableCreateStatement {
    Table::create()
        .table(BudgetRounds::Table)
        .col(big_pk_auto(BudgetRounds::Id))
        .col(big_integer(BudgetRounds::TeamId))
        .col(string(BudgetRounds::Title))
        .col(text(BudgetRounds::Purpose))
        .col(big_integer(BudgetRounds::Amount))
        .col(string(BudgetRounds::Currency))
        .col(timestamp_with_time_zone(BudgetRounds::IdeasOpenAt))
        .col(timestamp_with_time_zone(BudgetRounds::ReviewAt))
        .col(timestamp_with_time_zone(BudgetRounds::VotingOpenAt))
        .col(timestamp_with_time_zone(BudgetRounds::VotingCloseAt))
        .col(string(BudgetRounds::BallotType))
        .col(integer_null(BudgetRounds::BallotMax))
        .col(string(BudgetRounds::Rule))
        .col(string(BudgetRounds::Privacy))
        .col(string_null(BudgetRounds::BallotSecret))
        .col(boolean(BudgetRounds::Imported).default(false))
        .col(string(BudgetRounds::PhaseSeen).default("upcoming"))
        .col(big_integer_null(BudgetRounds::CreatedBy))
        .col(timestamp_with_time_zone(BudgetRounds::CreatedAt))
        .col(timestamp_with_time_zone(BudgetRounds::UpdatedAt))
        .check(Expr::col(BudgetRounds::Amount).gt(0))
        .check(Expr::col(BudgetRounds::BallotType).is_in([
            "approval",
            "approval_max",
            "knapsack",
            "ranked",
        ]))
        .check(Expr::col(BudgetRounds::Rule).is_in(["mes", "greedy", "phragmen"]))
        .check(Expr::col(BudgetRounds::Privacy).is_in(["open", "secret"]))
        .check(
            Expr::col(BudgetRounds::PhaseSeen)
                .is_in(["upcoming", "ideas", "review", "voting", "results"]),
        )
        .check(Expr::col(BudgetRounds::IdeasOpenAt).lt(Expr::col(BudgetRounds::ReviewAt)))
        .check(Expr::col(BudgetRounds::ReviewAt).lte(Expr::col(BudgetRounds::VotingOpenAt)))
        .check(Expr::col(BudgetRounds::VotingOpenAt).lt(Expr::col(BudgetRounds::VotingCloseAt)))
        .foreign_key(
            ForeignKey::create()
                .from(BudgetRounds::Table, BudgetRounds::TeamId)
                .to(Teams::Table, Teams::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(&mut fk_user(
            BudgetRounds::Table,
            BudgetRounds::CreatedBy,
            ForeignKeyAction::SetNull,
        ))
        .to_owned()
}

fn ideas() -> TableCreateStatement {
    Table::create()
        .table(BudgetIdeas::Table)
        .col(big_pk_auto(BudgetIdeas::Id))
        .col(big_integer(BudgetIdeas::RoundId))
        .col(string(BudgetIdeas::Code))
        .col(big_integer_null(BudgetIdeas::AuthorId))
        .col(string(BudgetIdeas::Title))
        .col(text(BudgetIdeas::Description))
        .col(string(BudgetIdeas::Location).default(""))
        .col(big_integer(BudgetIdeas::Cost))
        .col(big_integer_null(BudgetIdeas::OriginalCost))
        .col(text_null(BudgetIdeas::CostReason))
        .col(string(BudgetIdeas::Status))
        .col(text_null(BudgetIdeas::StatusReason))
        .col(timestamp_with_time_zone(BudgetIdeas::CreatedAt))
        .col(timestamp_with_time_zone(BudgetIdeas::UpdatedAt))
        .check(Expr::col(BudgetIdeas::Cost).gt(0))
        .check(Expr::col(BudgetIdeas::Status).is_in([
            "proposed",
            "withdrawn",
            "feasible",
            "infeasible",
        ]))
        .foreign_key(&mut fk_round(BudgetIdeas::Table, BudgetIdeas::RoundId))
        .foreign_key(&mut fk_user(
            BudgetIdeas::Table,
            BudgetIdeas::AuthorId,
            ForeignKeyAction::SetNull,
        ))
        .index(
            Index::create()
                .name("ux_budget_ideas_round_code")
                .col(BudgetIdeas::RoundId)
                .col(BudgetIdeas::Code)
                .unique(),
        )
        .to_owned()
}

fn supports() -> TableCreateStatement {
    Table::create()
        .table(BudgetSupports::Table)
        .col(big_pk_auto(BudgetSupports::Id))
        .col(big_integer(BudgetSupports::RoundId))
        .col(big_integer(BudgetSupports::IdeaId))
        .col(big_integer(BudgetSupports::UserId))
        .foreign_key(&mut fk_round(
            BudgetSupports::Table,
            BudgetSupports::RoundId,
        ))
        .foreign_key(&mut fk_idea(BudgetSupports::Table, BudgetSupports::IdeaId))
        .foreign_key(&mut fk_user(
            BudgetSupports::Table,
            BudgetSupports::UserId,
            ForeignKeyAction::Cascade,
        ))
        .index(
            Index::create()
                .name("ux_budget_supports_idea_user")
                .col(BudgetSupports::IdeaId)
                .col(BudgetSupports::UserId)
                .unique(),
        )
        .to_owned()
}

fn ballots() -> TableCreateStatement {
    Table::create()
        .table(BudgetBallots::Table)
        .col(big_pk_auto(BudgetBallots::Id))
        .col(big_integer(BudgetBallots::RoundId))
        .col(string(BudgetBallots::VoterKey))
        .col(big_integer_null(BudgetBallots::VoterId))
        .col(text(BudgetBallots::Selection))
        .col(string(BudgetBallots::ReceiptHash))
        .foreign_key(&mut fk_round(BudgetBallots::Table, BudgetBallots::RoundId))
        .foreign_key(&mut fk_user(
            BudgetBallots::Table,
            BudgetBallots::VoterId,
            ForeignKeyAction::SetNull,
        ))
        .index(
            Index::create()
                .name("ux_budget_ballots_round_voter")
                .col(BudgetBallots::RoundId)
                .col(BudgetBallots::VoterKey)
                .unique(),
        )
        .to_owned()
}

fn participation() -> TableCreateStatement {
    Table::create()
        .table(BudgetParticipation::Table)
        .col(big_pk_auto(BudgetParticipation::Id))
        .col(big_integer(BudgetParticipation::RoundId))
        .col(big_integer(BudgetParticipation::UserId))
        .col(timestamp_with_time_zone(BudgetParticipation::FirstVotedAt))
        .col(timestamp_with_time_zone(BudgetParticipation::LastVotedAt))
        .col(integer(BudgetParticipation::Changes).default(0))
        .foreign_key(&mut fk_round(
            BudgetParticipation::Table,
            BudgetParticipation::RoundId,
        ))
        .foreign_key(&mut fk_user(
            BudgetParticipation::Table,
            BudgetParticipation::UserId,
            ForeignKeyAction::Cascade,
        ))
        .index(
            Index::create()
                .name("ux_budget_participation_round_user")
                .col(BudgetParticipation::RoundId)
                .col(BudgetParticipation::UserId)
                .unique(),
        )
        .to_owned()
}

fn results() -> TableCreateStatement {
    Table::create()
        .table(BudgetResults::Table)
        .col(big_integer(BudgetResults::RoundId).primary_key())
        .col(timestamp_with_time_zone(BudgetResults::ComputedAt))
        .col(string(BudgetResults::Rule))
        .col(integer(BudgetResults::BallotCount))
        .col(text(BudgetResults::Input))
        .col(text(BudgetResults::Outcome))
        .col(text(BudgetResults::Greedy))
        .foreign_key(&mut fk_round(BudgetResults::Table, BudgetResults::RoundId))
        .to_owned()
}

fn publications() -> TableCreateStatement {
    Table::create()
        .table(BudgetPublications::Table)
        .col(big_integer(BudgetPublications::RoundId).primary_key())
        .col(timestamp_with_time_zone(BudgetPublications::PublishedAt))
        .col(big_integer_null(BudgetPublications::PublishedBy))
        .foreign_key(&mut fk_round(
            BudgetPublications::Table,
            BudgetPublications::RoundId,
        ))
        .foreign_key(&mut fk_user(
            BudgetPublications::Table,
            BudgetPublications::PublishedBy,
            ForeignKeyAction::SetNull,
        ))
        .to_owned()
}

fn overrides() -> TableCreateStatement {
    Table::create()
        .table(BudgetOverrides::Table)
        .col(big_pk_auto(BudgetOverrides::Id))
        .col(big_integer(BudgetOverrides::RoundId))
        .col(big_integer(BudgetOverrides::IdeaId))
        .col(boolean(BudgetOverrides::Funded))
        .col(text(BudgetOverrides::Reason))
        .col(big_integer_null(BudgetOverrides::ActorId))
        .foreign_key(&mut fk_round(
            BudgetOverrides::Table,
            BudgetOverrides::RoundId,
        ))
        .foreign_key(&mut fk_idea(
            BudgetOverrides::Table,
            BudgetOverrides::IdeaId,
        ))
        .foreign_key(&mut fk_user(
            BudgetOverrides::Table,
            BudgetOverrides::ActorId,
            ForeignKeyAction::SetNull,
        ))
        .index(
            Index::create()
                .name("ux_budget_overrides_idea")
                .col(BudgetOverrides::RoundId)
                .col(BudgetOverrides::IdeaId)
                .unique(),
        )
        .to_owned()
}

fn follow_ups() -> TableCreateStatement {
    Table::create()
        .table(BudgetFollowUps::Table)
        .col(big_integer(BudgetFollowUps::IdeaId).primary_key())
        .col(big_integer(BudgetFollowUps::RoundId))
        .col(big_integer_null(BudgetFollowUps::OwnerId))
        .col(string(BudgetFollowUps::Status))
        .col(timestamp_with_time_zone(BudgetFollowUps::UpdatedAt))
        .check(Expr::col(BudgetFollowUps::Status).is_in([
            "planned",
            "in_progress",
            "done",
            "dropped",
        ]))
        .foreign_key(&mut fk_idea(
            BudgetFollowUps::Table,
            BudgetFollowUps::IdeaId,
        ))
        .foreign_key(&mut fk_round(
            BudgetFollowUps::Table,
            BudgetFollowUps::RoundId,
        ))
        .foreign_key(&mut fk_user(
            BudgetFollowUps::Table,
            BudgetFollowUps::OwnerId,
            ForeignKeyAction::SetNull,
        ))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            rounds(),
            ideas(),
            supports(),
            ballots(),
            participation(),
            results(),
            publications(),
            overrides(),
            follow_ups(),
        ] {
            manager.create_table(table).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_budget_rounds_team")
                    .table(BudgetRounds::Table)
                    .col(BudgetRounds::TeamId)
                    .col(BudgetRounds::VotingCloseAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            BudgetFollowUps::Table.into_iden(),
            BudgetOverrides::Table.into_iden(),
            BudgetPublications::Table.into_iden(),
            BudgetResults::Table.into_iden(),
            BudgetParticipation::Table.into_iden(),
            BudgetBallots::Table.into_iden(),
            BudgetSupports::Table.into_iden(),
            BudgetIdeas::Table.into_iden(),
            BudgetRounds::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
