//! Covering indexes for the ledger's sums. Every team and personal ledger page sums the team's
//! counted exchanges (confirmed, not reversed; by day, per member or pair) in the database;
//! with only `(team_id, occurred_on)` each summed row, and each row of the "not reversed"
//! subquery, cost a lookup of the whole table row. These indexes hold every column those
//! queries read, so they are answered from the indexes alone; the first is ordered by helper
//! and helped, so the team view's per-pair sums group without sorting.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HelpExchanges {
    Table,
    TeamId,
    Kind,
    Status,
    OccurredOn,
    HelperId,
    HelpedId,
    Minutes,
    ReversesId,
}

const NAME: &str = "ix_help_exchanges_counted_sums";
const REVERSALS: &str = "ix_help_exchanges_team_reverses";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(HelpExchanges::Table)
                    .col(HelpExchanges::TeamId)
                    .col(HelpExchanges::Kind)
                    .col(HelpExchanges::Status)
                    .col(HelpExchanges::HelperId)
                    .col(HelpExchanges::HelpedId)
                    .col(HelpExchanges::OccurredOn)
                    .col(HelpExchanges::Minutes)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(REVERSALS)
                    .table(HelpExchanges::Table)
                    .col(HelpExchanges::TeamId)
                    .col(HelpExchanges::ReversesId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(REVERSALS)
                    .table(HelpExchanges::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(NAME)
                    .table(HelpExchanges::Table)
                    .to_owned(),
            )
            .await
    }
}
