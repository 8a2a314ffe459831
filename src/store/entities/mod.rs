//! sea-orm entities, one file per table, kept apart from hand-written behaviour.

pub mod agenda_ballots;
pub mod agenda_deviations;
pub mod agenda_live_results;
pub mod agenda_participation;
pub mod agenda_proposals;
pub mod agenda_publications;
pub mod agenda_tallies;
pub mod audit_log;
pub mod comments;
pub mod help_exchanges;
pub mod help_posts;
pub mod help_responses;
pub mod invitations;
pub mod ledger_settings;
pub mod meeting_facilitators;
pub mod meeting_fixed_items;
pub mod meetings;
pub mod memberships;
pub mod notifications;
pub mod password_resets;
pub mod recognitions;
pub mod sessions;
pub mod teams;
pub mod users;
