//! Integration tests: the real server over HTTP, on SQLite by default and on PostgreSQL when
//! `ROUNDTABLE_TEST_DATABASE_URL` is a `postgres://` URL. One binary, one link step.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod access;
mod access_helpers;
mod accounts;
mod action_helpers;
mod actions;
mod audit;
mod budget_ballots;
mod budget_comments;
mod budget_helpers;
mod budgets;
mod cluster;
mod comments;
mod csrf;
mod errors;
mod health;
mod helpers;
mod languages;
mod ledger;
mod ledger_properties;
mod live_helpers;
mod live_meeting;
mod live_meeting_helpers;
mod live_results;
mod meeting_helpers;
mod meetings;
mod migrations;
mod notices;
mod overload;
mod pages;
mod private_files;
mod rate_limits;
mod scan;
mod secrecy;
mod security;
mod smtp_sink;
mod stored_values;
mod teams;
mod templates;
mod time_zones;
mod turnout;
