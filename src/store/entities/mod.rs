//! sea-orm entities, one file per table, kept apart from hand-written behaviour.

pub mod audit_log;
pub mod help_exchanges;
pub mod help_posts;
pub mod help_responses;
pub mod invitations;
pub mod ledger_settings;
pub mod memberships;
pub mod notifications;
pub mod password_resets;
pub mod recognitions;
pub mod teams;
pub mod users;
