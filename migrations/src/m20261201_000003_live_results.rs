//! `agenda_live_results`: the provisional count of a meeting that shows live results, kept in
//! the database so that several app servers share it. A saved ballot bumps `generation`; a
//! background task counts when `counted_generation` lags behind and stores the result, so a
//! results page only reads. `claimed_at` is a short lease: one server counts a meeting at a
//! time.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AgendaLiveResults {
    Table,
    MeetingId,
    Generation,
    CountedGeneration,
    ClaimedAt,
    CountedAt,
    BallotCount,
    Input,
    Outcome,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AgendaLiveResults::Table)
                    .col(big_integer(AgendaLiveResults::MeetingId).primary_key())
                    .col(big_integer(AgendaLiveResults::Generation))
                    .col(big_integer_null(AgendaLiveResults::CountedGeneration))
                    .col(timestamp_with_time_zone_null(AgendaLiveResults::ClaimedAt))
                    .col(timestamp_with_time_zone_null(AgendaLiveResults::CountedAt))
                    .col(integer(AgendaLiveResults::BallotCount).default(0))
                    .col(text_null(AgendaLiveResults::Input))
                    .col(text_null(AgendaLiveResults::Outcome))
                    .check(Expr::col(AgendaLiveResults::Generation).gte(0))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AgendaLiveResults::Table, AgendaLiveResults::MeetingId)
                            .to(Meetings::Table, Meetings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AgendaLiveResults::Table).to_owned())
            .await
    }
}
