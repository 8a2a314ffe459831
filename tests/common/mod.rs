//! Shared by the conformance tests: where the conformance cases are.

use std::path::{Path, PathBuf};

/// `$ROUNDTABLE_CONFORMANCE_DIR/<set>` when that variable is set, else the project's own copy,
/// `tests/conformance/<set>`. The tests fail when it is missing.
pub fn conformance_dir(set: &str) -> PathBuf {
    std::env::var_os("ROUNDTABLE_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance"))
        .join(set)
}
