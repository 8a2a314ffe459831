//! A cancelled meeting (issue 19): when it was cancelled, by whom and why. A cancelled meeting
//! stays (its page says so); its windows, notices, tally and calendar entry honour the state.
//! `cancelled_at` NULL means live. One column per `ALTER` (SQLite).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Meetings {
    Table,
    CancelledAt,
    CancelledBy,
    CancelReason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            ColumnDef::new(Meetings::CancelledAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Meetings::CancelledBy)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(Meetings::CancelReason)
                .string()
                .not_null()
                .default("")
                .to_owned(),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Meetings::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Meetings::CancelReason,
            Meetings::CancelledBy,
            Meetings::CancelledAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Meetings::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
