//! sea-orm entities, one file per table, kept apart from hand-written behaviour.

pub mod users;
