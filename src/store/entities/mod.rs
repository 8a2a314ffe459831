//! sea-orm entities, one file per table, kept apart from hand-written behaviour.

pub mod audit_log;
pub mod invitations;
pub mod memberships;
pub mod password_resets;
pub mod teams;
pub mod users;
