//! Pure domain types and rules: newtypes parsed once at the edge, state machines, and the
//! injected [`clock::Clock`] trait. No database, web, async runtime, filesystem or clock here.

pub mod account;
pub mod action;
pub mod agreed_agenda;
pub mod budget;
pub mod checkin;
pub mod clock;
pub mod comment;
pub mod ids;
pub mod ledger;
pub mod meeting;
pub mod meeting_run;
pub mod notice;
pub mod redirect;
pub mod role_map;
pub mod rota;
pub mod series;
pub mod team;
pub mod text;
pub mod zone;
