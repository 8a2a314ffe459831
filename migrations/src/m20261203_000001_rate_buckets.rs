//! `rate_buckets`: the rate limiters' counters, kept in the database so that several app
//! servers behind one load balancer share them (an attacker's budget does not grow with the
//! number of servers). One row per limited key; the key is a SHA-256 of the limiter's name and
//! what it limits (an address, an account, a link), so no address or e-mail is kept in clear.
//! Rows idle for a day are deleted by the background task.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RateBuckets {
    Table,
    KeyHash,
    Count,
    SinceMs,
    LastMs,
}

const IDLE_INDEX: &str = "ix_rate_buckets_last_ms";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RateBuckets::Table)
                    .col(
                        ColumnDef::new(RateBuckets::KeyHash)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(RateBuckets::Count).integer().not_null())
                    .col(
                        ColumnDef::new(RateBuckets::SinceMs)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(RateBuckets::LastMs).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(IDLE_INDEX)
                    .table(RateBuckets::Table)
                    .col(RateBuckets::LastMs)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RateBuckets::Table).to_owned())
            .await
    }
}
