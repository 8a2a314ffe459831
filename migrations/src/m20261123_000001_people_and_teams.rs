//! People, teams, memberships, invitations, password resets and the hash-chained audit log.
//!
//! The audit log's `prev_hash` is unique so that two concurrent appends cannot fork the chain.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    IsAdmin,
    AuthEpoch,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
    Slug,
    Name,
    Purpose,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    Id,
    TeamId,
    UserId,
    Role,
    JoinedAt,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    TeamId,
    TokenHash,
    Role,
    MaxUses,
    Uses,
    ExpiresAt,
    RevokedAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PasswordResets {
    Table,
    Id,
    UserId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    OccurredAt,
    ActorId,
    TeamId,
    Action,
    Detail,
    PrevHash,
    Hash,
}

fn role_check(column: impl IntoIden) -> Expr {
    Expr::col(column).is_in(["member", "leader"])
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    .col(string_uniq(Users::Email))
                    .col(string(Users::DisplayName))
                    .col(string(Users::PasswordHash))
                    .col(boolean(Users::IsAdmin).default(false))
                    .col(big_integer(Users::AuthEpoch).default(0))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Teams::Table)
                    .col(big_pk_auto(Teams::Id))
                    .col(string_uniq(Teams::Slug))
                    .col(string(Teams::Name))
                    .col(text(Teams::Purpose))
                    .col(timestamp_with_time_zone(Teams::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Memberships::Table)
                    .col(big_pk_auto(Memberships::Id))
                    .col(big_integer(Memberships::TeamId))
                    .col(big_integer(Memberships::UserId))
                    .col(string(Memberships::Role))
                    .col(timestamp_with_time_zone(Memberships::JoinedAt))
                    .check(role_check(Memberships::Role))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Memberships::Table, Memberships::TeamId)
                            .to(Teams::Table, Teams::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Memberships::Table, Memberships::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .index(
                        Index::create()
                            .name("ux_memberships_team_user")
                            .col(Memberships::TeamId)
                            .col(Memberships::UserId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_memberships_user")
                    .table(Memberships::Table)
                    .col(Memberships::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .col(big_pk_auto(Invitations::Id))
                    .col(big_integer(Invitations::TeamId))
                    .col(string_uniq(Invitations::TokenHash))
                    .col(string(Invitations::Role))
                    .col(integer(Invitations::MaxUses))
                    .col(integer(Invitations::Uses).default(0))
                    .col(timestamp_with_time_zone(Invitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Invitations::RevokedAt))
                    .col(big_integer_null(Invitations::CreatedBy))
                    .col(timestamp_with_time_zone(Invitations::CreatedAt))
                    .check(role_check(Invitations::Role))
                    .check(Expr::col(Invitations::MaxUses).gte(1))
                    .check(Expr::col(Invitations::Uses).gte(0))
                    .check(Expr::col(Invitations::Uses).lte(Expr::col(Invitations::MaxUses)))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitations::Table, Invitations::TeamId)
                            .to(Teams::Table, Teams::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitations::Table, Invitations::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PasswordResets::Table)
                    .col(big_pk_auto(PasswordResets::Id))
                    .col(big_integer(PasswordResets::UserId))
                    .col(string_uniq(PasswordResets::TokenHash))
                    .col(timestamp_with_time_zone(PasswordResets::ExpiresAt))
                    .col(timestamp_with_time_zone_null(PasswordResets::UsedAt))
                    .col(big_integer_null(PasswordResets::CreatedBy))
                    .col(timestamp_with_time_zone(PasswordResets::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PasswordResets::Table, PasswordResets::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PasswordResets::Table, PasswordResets::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // No foreign keys: the audit trail must outlive the rows it describes.
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::OccurredAt))
                    .col(big_integer_null(AuditLog::ActorId))
                    .col(big_integer_null(AuditLog::TeamId))
                    .col(string(AuditLog::Action))
                    .col(text(AuditLog::Detail))
                    .col(string_uniq(AuditLog::PrevHash))
                    .col(string_uniq(AuditLog::Hash))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_log_team")
                    .table(AuditLog::Table)
                    .col(AuditLog::TeamId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            PasswordResets::Table.into_iden(),
            Invitations::Table.into_iden(),
            Memberships::Table.into_iden(),
            Teams::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
