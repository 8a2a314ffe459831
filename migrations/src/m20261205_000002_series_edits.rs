//! Series edits and away re-plans (issue 19): why a role changed hands at an occurrence.
//! `series_swaps.reason` is empty for a swap or a leader's reassignment, `away` when the
//! holder was marked away and the rota gave the role to someone else, `back` when their away
//! dates were removed and the role went back to them. One column per `ALTER` (SQLite).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SeriesSwaps {
    Table,
    Reason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SeriesSwaps::Table)
                    .add_column(
                        ColumnDef::new(SeriesSwaps::Reason)
                            .string()
                            .not_null()
                            .default(""),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SeriesSwaps::Table)
                    .drop_column(SeriesSwaps::Reason)
                    .to_owned(),
            )
            .await
    }
}
