//! Indexes for a person's entries and the per-member sums (issue 13): the personal page and
//! the team view sum by helper and by helped within a team, and page through a person's
//! entries by day, instead of reading every exchange of the team.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HelpExchanges {
    Table,
    TeamId,
    HelperId,
    HelpedId,
    OccurredOn,
}

const BY_HELPER: &str = "ix_help_exchanges_team_helper_date";
const BY_HELPED: &str = "ix_help_exchanges_team_helped_date";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, person) in [
            (BY_HELPER, HelpExchanges::HelperId),
            (BY_HELPED, HelpExchanges::HelpedId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(HelpExchanges::Table)
                        .col(HelpExchanges::TeamId)
                        .col(person)
                        .col(HelpExchanges::OccurredOn)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [BY_HELPER, BY_HELPED] {
            manager
                .drop_index(
                    Index::drop()
                        .name(name)
                        .table(HelpExchanges::Table)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
