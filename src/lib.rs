//! Roundtable: a participatory agenda and voting platform for staff teams.
//!
//! Dependencies point inwards: `web` → `service` → (`domain`, `tally`, `access`, `store`).
//! `tally` and `domain` are pure (no database, web, async runtime, filesystem or clock);
//! `tests/architecture.rs` enforces it.

pub mod access;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod domain;
pub mod format;
pub mod i18n;
pub mod mail;
pub mod recent;
pub mod service;
pub mod startup;
pub mod store;
pub mod tally;
pub mod telemetry;
pub mod web;
