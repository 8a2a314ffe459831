//! sea-orm entities, one file per table, kept apart from hand-written behaviour.

pub mod agenda_ballots;
pub mod agenda_deviations;
pub mod agenda_participation;
pub mod agenda_proposals;
pub mod agenda_publications;
pub mod agenda_tallies;
pub mod audit_log;
pub mod invitations;
pub mod meeting_facilitators;
pub mod meeting_fixed_items;
pub mod meetings;
pub mod memberships;
pub mod password_resets;
pub mod teams;
pub mod users;
