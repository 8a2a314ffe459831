//! A meeting's proposals version (issue 13): `meetings.proposals_version` goes up whenever one
//! of the meeting's agenda proposals is added, changed (edited, withdrawn, hidden, merged) or
//! deleted. The ballot page keeps the meeting's ballot options under this number, so a ballot
//! of 1,000 items is read once per change rather than on every visit (the same pattern as
//! `teams.roster_version`, ADR 0020).
//!
//! The database keeps the number itself, with triggers, so that no write path can change the
//! proposals without changing the version, and every app server sharing the database sees the
//! change at once.

use sea_orm_migration::prelude::*;

use crate::raw;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Meetings {
    Table,
    ProposalsVersion,
}

const SQLITE_UP: &[&str] = &[
    "CREATE TRIGGER agenda_proposals_version_insert AFTER INSERT ON agenda_proposals BEGIN \
     UPDATE meetings SET proposals_version = proposals_version + 1 WHERE id = NEW.meeting_id; END",
    "CREATE TRIGGER agenda_proposals_version_delete AFTER DELETE ON agenda_proposals BEGIN \
     UPDATE meetings SET proposals_version = proposals_version + 1 WHERE id = OLD.meeting_id; END",
    "CREATE TRIGGER agenda_proposals_version_update AFTER UPDATE ON agenda_proposals BEGIN \
     UPDATE meetings SET proposals_version = proposals_version + 1 \
     WHERE id IN (OLD.meeting_id, NEW.meeting_id); END",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS agenda_proposals_version_update",
    "DROP TRIGGER IF EXISTS agenda_proposals_version_delete",
    "DROP TRIGGER IF EXISTS agenda_proposals_version_insert",
];

const POSTGRES_UP: &[&str] = &[
    "CREATE FUNCTION proposals_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP IN ('UPDATE', 'DELETE') THEN
         UPDATE meetings SET proposals_version = proposals_version + 1 WHERE id = OLD.meeting_id;
       END IF;
       IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.meeting_id <> OLD.meeting_id) THEN
         UPDATE meetings SET proposals_version = proposals_version + 1 WHERE id = NEW.meeting_id;
       END IF;
       RETURN NULL;
     END $$",
    "CREATE TRIGGER agenda_proposals_version AFTER INSERT OR UPDATE OR DELETE \
     ON agenda_proposals FOR EACH ROW EXECUTE FUNCTION proposals_version_bump()",
];

const POSTGRES_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS agenda_proposals_version ON agenda_proposals",
    "DROP FUNCTION IF EXISTS proposals_version_bump()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        raw::add_counter(manager, Meetings::Table, Meetings::ProposalsVersion).await?;
        raw::run_per_engine(manager, POSTGRES_UP, SQLITE_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        raw::run_per_engine(manager, POSTGRES_DOWN, SQLITE_DOWN).await?;
        raw::drop_column(manager, Meetings::Table, Meetings::ProposalsVersion).await
    }
}
