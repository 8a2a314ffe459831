//! Roundtable's schema as sea-orm migrations, written with the SeaQuery DSL so one source
//! serves SQLite and PostgreSQL. Migrations only add (or create-copy-rename); each file is one
//! step and has a working `down`. Applied automatically at start-up.

pub use sea_orm_migration::prelude::*;
pub use sea_orm_migration::{MigrationStatus, MigratorTrait};

mod m20261123_000001_people_and_teams;
mod m20261123_000002_meetings;
mod m20261123_000003_ledger;
mod m20261201_000002_sessions;
mod m20261201_000003_live_results;
mod m20261201_000004_ledger_people;
mod m20261202_000002_budgets;
mod m20261202_000003_actions;
mod m20261202_000004_comments;
mod m20261202_000005_ledger_sums_index;
mod m20261203_000001_rate_buckets;
mod m20261203_000002_notices_and_mail;
mod m20261203_000003_time_zones;
mod m20261203_000004_languages;
mod m20261204_000001_checkins;
mod m20261204_000002_role_maps;
mod m20261204_000003_meeting_series;
mod m20261204_000004_cohorts_and_feeds;
mod m20261205_000001_meeting_cancelled;
mod m20261205_000002_series_edits;
mod m20261205_000003_api_tokens;
mod m20261205_000004_roster_version;
mod m20261206_000001_proposals_version;
mod m20261206_000002_kept_counts;
mod raw;

/// The list of migrations, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_people_and_teams::Migration),
            Box::new(m20261123_000002_meetings::Migration),
            Box::new(m20261123_000003_ledger::Migration),
            Box::new(m20261201_000002_sessions::Migration),
            Box::new(m20261201_000003_live_results::Migration),
            Box::new(m20261201_000004_ledger_people::Migration),
            Box::new(m20261202_000002_budgets::Migration),
            Box::new(m20261202_000004_comments::Migration),
            Box::new(m20261202_000003_actions::Migration),
            Box::new(m20261202_000005_ledger_sums_index::Migration),
            Box::new(m20261203_000001_rate_buckets::Migration),
            Box::new(m20261203_000002_notices_and_mail::Migration),
            Box::new(m20261203_000003_time_zones::Migration),
            Box::new(m20261203_000004_languages::Migration),
            Box::new(m20261204_000001_checkins::Migration),
            Box::new(m20261204_000002_role_maps::Migration),
            Box::new(m20261204_000003_meeting_series::Migration),
            Box::new(m20261204_000004_cohorts_and_feeds::Migration),
            Box::new(m20261205_000001_meeting_cancelled::Migration),
            Box::new(m20261205_000002_series_edits::Migration),
            Box::new(m20261205_000003_api_tokens::Migration),
            Box::new(m20261205_000004_roster_version::Migration),
            Box::new(m20261206_000001_proposals_version::Migration),
            Box::new(m20261206_000002_kept_counts::Migration),
        ]
    }
}
