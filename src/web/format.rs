//! Numbers and dates formatted in Rust, not in templates: the handlers' name for
//! [`crate::format`], which lives outside `web` so that services may use it too.

pub use crate::format::*;
