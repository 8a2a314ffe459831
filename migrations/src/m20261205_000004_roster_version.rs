//! A team's roster version (issue 13): `teams.roster_version` goes up whenever the team's
//! membership changes (someone joins, leaves or changes role) or a member's display name
//! changes. Pages that list every member keep the roster they read, keyed by this number, so
//! a team of thousands is read once per change rather than once per request.
//!
//! The database keeps the number itself, with triggers, so that no write path (the services,
//! a seed, an operator's SQL) can change the roster without changing the version, and every
//! app server sharing the database sees the change at once.

use sea_orm_migration::prelude::*;

use crate::raw;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Teams {
    Table,
    RosterVersion,
}

const SQLITE_UP: &[&str] = &[
    "CREATE TRIGGER memberships_roster_insert AFTER INSERT ON memberships BEGIN \
     UPDATE teams SET roster_version = roster_version + 1 WHERE id = NEW.team_id; END",
    "CREATE TRIGGER memberships_roster_delete AFTER DELETE ON memberships BEGIN \
     UPDATE teams SET roster_version = roster_version + 1 WHERE id = OLD.team_id; END",
    "CREATE TRIGGER memberships_roster_update AFTER UPDATE ON memberships BEGIN \
     UPDATE teams SET roster_version = roster_version + 1 WHERE id IN (OLD.team_id, NEW.team_id); END",
    "CREATE TRIGGER users_roster_name AFTER UPDATE OF display_name ON users \
     WHEN OLD.display_name IS NOT NEW.display_name BEGIN \
     UPDATE teams SET roster_version = roster_version + 1 \
     WHERE id IN (SELECT team_id FROM memberships WHERE user_id = NEW.id); END",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS users_roster_name",
    "DROP TRIGGER IF EXISTS memberships_roster_update",
    "DROP TRIGGER IF EXISTS memberships_roster_delete",
    "DROP TRIGGER IF EXISTS memberships_roster_insert",
];

const POSTGRES_UP: &[&str] = &[
    "CREATE FUNCTION roster_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP IN ('UPDATE', 'DELETE') THEN
         UPDATE teams SET roster_version = roster_version + 1 WHERE id = OLD.team_id;
       END IF;
       IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.team_id <> OLD.team_id) THEN
         UPDATE teams SET roster_version = roster_version + 1 WHERE id = NEW.team_id;
       END IF;
       RETURN NULL;
     END $$",
    "CREATE TRIGGER memberships_roster AFTER INSERT OR UPDATE OR DELETE ON memberships \
     FOR EACH ROW EXECUTE FUNCTION roster_version_bump()",
    "CREATE FUNCTION roster_version_name() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       UPDATE teams SET roster_version = roster_version + 1
       WHERE id IN (SELECT team_id FROM memberships WHERE user_id = NEW.id);
       RETURN NULL;
     END $$",
    "CREATE TRIGGER users_roster_name AFTER UPDATE OF display_name ON users FOR EACH ROW \
     WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name) \
     EXECUTE FUNCTION roster_version_name()",
];

const POSTGRES_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS users_roster_name ON users",
    "DROP FUNCTION IF EXISTS roster_version_name()",
    "DROP TRIGGER IF EXISTS memberships_roster ON memberships",
    "DROP FUNCTION IF EXISTS roster_version_bump()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        raw::add_counter(manager, Teams::Table, Teams::RosterVersion).await?;
        raw::run_per_engine(manager, POSTGRES_UP, SQLITE_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        raw::run_per_engine(manager, POSTGRES_DOWN, SQLITE_DOWN).await?;
        raw::drop_column(manager, Teams::Table, Teams::RosterVersion).await
    }
}
