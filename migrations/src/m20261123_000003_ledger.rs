//! The reciprocity ledger: help exchanges (with reversing entries), help posts and responses,
//! thank-you notes, in-app notifications and each team's ledger settings.
//!
//! The constraints say the rules so that concurrent requests cannot break them: no self-help,
//! 1..=600 minutes, a known kind and status, one reversal per entry, and one row per
//! idempotency key and person (a double submit records once).

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
enum LedgerSettings {
    Table,
    TeamId,
    Aggregates,
    UnmetAfterDays,
    TermStartsOn,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum HelpPosts {
    Table,
    Id,
    TeamId,
    AuthorId,
    Kind,
    Title,
    Detail,
    Category,
    EstimatedMinutes,
    ExpiresAt,
    ClosedAt,
    IdempotencyKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum HelpResponses {
    Table,
    Id,
    PostId,
    ResponderId,
    Message,
    CreatedAt,
}

#[derive(DeriveIden)]
enum HelpExchanges {
    Table,
    Id,
    TeamId,
    HelperId,
    HelpedId,
    Minutes,
    OccurredOn,
    Category,
    Note,
    Kind,
    Status,
    AwaitingId,
    RecordedBy,
    PostId,
    ActionRef,
    ReversesId,
    Reason,
    DisputeReason,
    ResolutionNote,
    ResolvedBy,
    IdempotencyKey,
    CreatedAt,
    ExpiresAt,
    ConfirmedAt,
}

#[derive(DeriveIden)]
enum Recognitions {
    Table,
    Id,
    TeamId,
    FromId,
    ToId,
    Impact,
    ExchangeId,
    ActionRef,
    HiddenAt,
    IdempotencyKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    TeamId,
    Message,
    Link,
    CreatedAt,
    ReadAt,
}

fn fk_team(from: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(Teams::Table, Teams::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn fk_user(from: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LedgerSettings::Table)
                    .col(big_integer(LedgerSettings::TeamId).primary_key())
                    .col(string(LedgerSettings::Aggregates).default("everyone"))
                    .col(integer(LedgerSettings::UnmetAfterDays).default(7))
                    .col(date_null(LedgerSettings::TermStartsOn))
                    .col(timestamp_with_time_zone(LedgerSettings::UpdatedAt))
                    .check(Expr::col(LedgerSettings::Aggregates).is_in(["everyone", "leaders"]))
                    .check(Expr::col(LedgerSettings::UnmetAfterDays).between(1, 60))
                    .foreign_key(&mut fk_team(LedgerSettings::Table, LedgerSettings::TeamId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HelpPosts::Table)
                    .col(big_pk_auto(HelpPosts::Id))
                    .col(big_integer(HelpPosts::TeamId))
                    .col(big_integer(HelpPosts::AuthorId))
                    .col(string(HelpPosts::Kind))
                    .col(string(HelpPosts::Title))
                    .col(text(HelpPosts::Detail))
                    .col(string(HelpPosts::Category))
                    .col(integer(HelpPosts::EstimatedMinutes))
                    .col(timestamp_with_time_zone(HelpPosts::ExpiresAt))
                    .col(timestamp_with_time_zone_null(HelpPosts::ClosedAt))
                    .col(string(HelpPosts::IdempotencyKey))
                    .col(timestamp_with_time_zone(HelpPosts::CreatedAt))
                    .check(Expr::col(HelpPosts::Kind).is_in(["offer", "request"]))
                    .check(Expr::col(HelpPosts::EstimatedMinutes).between(1, 600))
                    .foreign_key(&mut fk_team(HelpPosts::Table, HelpPosts::TeamId))
                    .foreign_key(&mut fk_user(HelpPosts::Table, HelpPosts::AuthorId))
                    .index(
                        Index::create()
                            .name("ux_help_posts_idempotency")
                            .col(HelpPosts::AuthorId)
                            .col(HelpPosts::IdempotencyKey)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_help_posts_team")
                    .table(HelpPosts::Table)
                    .col(HelpPosts::TeamId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HelpResponses::Table)
                    .col(big_pk_auto(HelpResponses::Id))
                    .col(big_integer(HelpResponses::PostId))
                    .col(big_integer(HelpResponses::ResponderId))
                    .col(text(HelpResponses::Message))
                    .col(timestamp_with_time_zone(HelpResponses::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HelpResponses::Table, HelpResponses::PostId)
                            .to(HelpPosts::Table, HelpPosts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut fk_user(
                        HelpResponses::Table,
                        HelpResponses::ResponderId,
                    ))
                    // One response per person and post: a double submit answers once.
                    .index(
                        Index::create()
                            .name("ux_help_responses_post_responder")
                            .col(HelpResponses::PostId)
                            .col(HelpResponses::ResponderId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HelpExchanges::Table)
                    .col(big_pk_auto(HelpExchanges::Id))
                    .col(big_integer(HelpExchanges::TeamId))
                    .col(big_integer(HelpExchanges::HelperId))
                    .col(big_integer(HelpExchanges::HelpedId))
                    .col(integer(HelpExchanges::Minutes))
                    .col(date(HelpExchanges::OccurredOn))
                    .col(string(HelpExchanges::Category))
                    .col(text_null(HelpExchanges::Note))
                    .col(string(HelpExchanges::Kind))
                    .col(string(HelpExchanges::Status))
                    .col(big_integer_null(HelpExchanges::AwaitingId))
                    .col(big_integer(HelpExchanges::RecordedBy))
                    .col(big_integer_null(HelpExchanges::PostId))
                    .col(big_integer_null(HelpExchanges::ActionRef))
                    .col(big_integer_null(HelpExchanges::ReversesId).unique_key())
                    .col(text_null(HelpExchanges::Reason))
                    .col(text_null(HelpExchanges::DisputeReason))
                    .col(text_null(HelpExchanges::ResolutionNote))
                    .col(big_integer_null(HelpExchanges::ResolvedBy))
                    .col(string(HelpExchanges::IdempotencyKey))
                    .col(timestamp_with_time_zone(HelpExchanges::CreatedAt))
                    .col(timestamp_with_time_zone_null(HelpExchanges::ExpiresAt))
                    .col(timestamp_with_time_zone_null(HelpExchanges::ConfirmedAt))
                    .check(Expr::col(HelpExchanges::HelperId).ne(Expr::col(HelpExchanges::HelpedId)))
                    .check(Expr::col(HelpExchanges::Minutes).between(1, 600))
                    .check(Expr::col(HelpExchanges::Kind).is_in(["exchange", "reversal"]))
                    .check(Expr::col(HelpExchanges::Status).is_in([
                        "pending",
                        "confirmed",
                        "disputed",
                        "rejected",
                    ]))
                    // A reversal names the entry it reverses and says why; nothing else does.
                    .check(Expr::cust(
                        "(kind = 'reversal' AND reverses_id IS NOT NULL AND reason IS NOT NULL \
                         AND status = 'confirmed') OR (kind = 'exchange' AND reverses_id IS NULL)",
                    ))
                    // Pending entries always know whose turn it is and when they lapse.
                    .check(Expr::cust(
                        "status <> 'pending' OR (awaiting_id IS NOT NULL AND expires_at IS NOT NULL)",
                    ))
                    .foreign_key(&mut fk_team(HelpExchanges::Table, HelpExchanges::TeamId))
                    .foreign_key(&mut fk_user(HelpExchanges::Table, HelpExchanges::HelperId))
                    .foreign_key(&mut fk_user(HelpExchanges::Table, HelpExchanges::HelpedId))
                    .foreign_key(&mut fk_user(HelpExchanges::Table, HelpExchanges::RecordedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HelpExchanges::Table, HelpExchanges::PostId)
                            .to(HelpPosts::Table, HelpPosts::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(HelpExchanges::Table, HelpExchanges::ReversesId)
                            .to(HelpExchanges::Table, HelpExchanges::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .index(
                        Index::create()
                            .name("ux_help_exchanges_idempotency")
                            .col(HelpExchanges::RecordedBy)
                            .col(HelpExchanges::IdempotencyKey)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_help_exchanges_team_date")
                    .table(HelpExchanges::Table)
                    .col(HelpExchanges::TeamId)
                    .col(HelpExchanges::OccurredOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Recognitions::Table)
                    .col(big_pk_auto(Recognitions::Id))
                    .col(big_integer(Recognitions::TeamId))
                    .col(big_integer(Recognitions::FromId))
                    .col(big_integer(Recognitions::ToId))
                    .col(string(Recognitions::Impact))
                    .col(big_integer_null(Recognitions::ExchangeId))
                    .col(big_integer_null(Recognitions::ActionRef))
                    .col(timestamp_with_time_zone_null(Recognitions::HiddenAt))
                    .col(string(Recognitions::IdempotencyKey))
                    .col(timestamp_with_time_zone(Recognitions::CreatedAt))
                    .check(Expr::col(Recognitions::FromId).ne(Expr::col(Recognitions::ToId)))
                    .foreign_key(&mut fk_team(Recognitions::Table, Recognitions::TeamId))
                    .foreign_key(&mut fk_user(Recognitions::Table, Recognitions::FromId))
                    .foreign_key(&mut fk_user(Recognitions::Table, Recognitions::ToId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Recognitions::Table, Recognitions::ExchangeId)
                            .to(HelpExchanges::Table, HelpExchanges::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .index(
                        Index::create()
                            .name("ux_recognitions_idempotency")
                            .col(Recognitions::FromId)
                            .col(Recognitions::IdempotencyKey)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(big_pk_auto(Notifications::Id))
                    .col(big_integer(Notifications::UserId))
                    .col(big_integer(Notifications::TeamId))
                    .col(text(Notifications::Message))
                    .col(string(Notifications::Link))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(&mut fk_user(Notifications::Table, Notifications::UserId))
                    .foreign_key(&mut fk_team(Notifications::Table, Notifications::TeamId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_notifications_user")
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Notifications::Table.into_iden(),
            Recognitions::Table.into_iden(),
            HelpExchanges::Table.into_iden(),
            HelpResponses::Table.into_iden(),
            HelpPosts::Table.into_iden(),
            LedgerSettings::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
