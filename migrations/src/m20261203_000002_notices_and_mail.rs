//! Notifications of every kind, each person's choice per kind, and the mail queue.
//!
//! - `notifications.kind` says what a notification is about (`ledger` for the rows written
//!   before this migration), so one notification centre can show every kind.
//! - `notification_preferences`: one row per person and kind they changed from its default
//!   (`email`, `in_app` or `off`).
//! - `notice_dispatches`: one row per announcement fanned out ("voting opened for meeting 7");
//!   its primary key is what makes an announcement happen once even with several app servers.
//! - `mail_outbox`: messages to send, written in the same transaction as what they announce and
//!   sent by a background task that leases rows, so a restart or a second server neither loses
//!   nor repeats one.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    UserId,
    ReadAt,
    Kind,
}

#[derive(DeriveIden)]
enum NotificationPreferences {
    Table,
    UserId,
    Kind,
    Channel,
}

#[derive(DeriveIden)]
enum NoticeDispatches {
    Table,
    Key,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    UserId,
    Kind,
    ToAddress,
    Subject,
    Body,
    AttachmentName,
    AttachmentType,
    Attachment,
    CreatedAt,
    NextAttemptAt,
    Attempts,
    LeaseOwner,
    LeaseUntil,
    SentAt,
    FailedAt,
    LastError,
}

const UNREAD_INDEX: &str = "ix_notifications_user_unread";
const DUE_INDEX: &str = "ix_mail_outbox_due";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Notifications::Table)
                    .add_column(
                        ColumnDef::new(Notifications::Kind)
                            .string_len(32)
                            .not_null()
                            .default("ledger"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(UNREAD_INDEX)
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .col(Notifications::ReadAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NotificationPreferences::Table)
                    .col(big_integer(NotificationPreferences::UserId))
                    .col(string_len(NotificationPreferences::Kind, 32))
                    .col(string_len(NotificationPreferences::Channel, 16))
                    .primary_key(
                        Index::create()
                            .col(NotificationPreferences::UserId)
                            .col(NotificationPreferences::Kind),
                    )
                    .check(
                        Expr::col(NotificationPreferences::Channel)
                            .is_in(["email", "in_app", "off"]),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                NotificationPreferences::Table,
                                NotificationPreferences::UserId,
                            )
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NoticeDispatches::Table)
                    .col(string_len(NoticeDispatches::Key, 120).primary_key())
                    .col(timestamp_with_time_zone(NoticeDispatches::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MailOutbox::Table)
                    .col(big_pk_auto(MailOutbox::Id))
                    .col(big_integer_null(MailOutbox::UserId))
                    .col(string_len(MailOutbox::Kind, 32))
                    .col(string_len(MailOutbox::ToAddress, 320))
                    .col(string_len(MailOutbox::Subject, 300))
                    .col(text(MailOutbox::Body))
                    .col(string_len_null(MailOutbox::AttachmentName, 120))
                    .col(string_len_null(MailOutbox::AttachmentType, 120))
                    .col(text_null(MailOutbox::Attachment))
                    .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                    .col(timestamp_with_time_zone(MailOutbox::NextAttemptAt))
                    .col(integer(MailOutbox::Attempts).default(0))
                    .col(string_len_null(MailOutbox::LeaseOwner, 64))
                    .col(timestamp_with_time_zone_null(MailOutbox::LeaseUntil))
                    .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::FailedAt))
                    .col(text_null(MailOutbox::LastError))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MailOutbox::Table, MailOutbox::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(DUE_INDEX)
                    .table(MailOutbox::Table)
                    .col(MailOutbox::SentAt)
                    .col(MailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MailOutbox::Table.into_iden(),
            NoticeDispatches::Table.into_iden(),
            NotificationPreferences::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name(UNREAD_INDEX)
                    .table(Notifications::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Notifications::Table)
                    .drop_column(Notifications::Kind)
                    .to_owned(),
            )
            .await
    }
}
