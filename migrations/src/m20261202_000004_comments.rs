//! `comments`: plain-text comments on something members can discuss before a vote — an agenda
//! proposal or a budget idea — built once for both. `subject_kind` + `subject_id` name the
//! subject; there is no foreign key on `subject_id` because the subject lives in a different
//! table per kind (and budget ideas arrive in a later migration), so the services check it.
//! A hidden comment keeps its row (who hid it, when, why) so moderation stays visible.

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
enum Comments {
    Table,
    Id,
    TeamId,
    SubjectKind,
    SubjectId,
    AuthorId,
    Body,
    CreatedAt,
    EditedAt,
    HiddenAt,
    HiddenBy,
    HiddenReason,
}

fn fk_user(column: Comments) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(Comments::Table, column)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::SetNull)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Comments::Table)
                    .col(big_pk_auto(Comments::Id))
                    .col(big_integer(Comments::TeamId))
                    .col(string(Comments::SubjectKind))
                    .col(big_integer(Comments::SubjectId))
                    .col(big_integer_null(Comments::AuthorId))
                    .col(text(Comments::Body))
                    .col(timestamp_with_time_zone(Comments::CreatedAt))
                    .col(timestamp_with_time_zone_null(Comments::EditedAt))
                    .col(timestamp_with_time_zone_null(Comments::HiddenAt))
                    .col(big_integer_null(Comments::HiddenBy))
                    .col(text_null(Comments::HiddenReason))
                    .check(
                        Expr::col(Comments::SubjectKind).is_in(["agenda_proposal", "budget_idea"]),
                    )
                    // A hidden comment always says when and why (who, unless that account was deleted).
                    .check(
                        Expr::col(Comments::HiddenAt)
                            .is_null()
                            .and(Expr::col(Comments::HiddenReason).is_null())
                            .or(Expr::col(Comments::HiddenAt)
                                .is_not_null()
                                .and(Expr::col(Comments::HiddenReason).is_not_null())),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comments::Table, Comments::TeamId)
                            .to(Teams::Table, Teams::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut fk_user(Comments::AuthorId))
                    .foreign_key(&mut fk_user(Comments::HiddenBy))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_comments_subject_created")
                    .table(Comments::Table)
                    .col(Comments::SubjectKind)
                    .col(Comments::SubjectId)
                    .col(Comments::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Comments::Table).to_owned())
            .await
    }
}
