//! The dependency rule: `src/tally/` and `src/domain/` stay pure (no database, web, async
//! runtime, filesystem, network, clock or environment), and dependencies point inwards
//! (web → service → domain): nothing in `src/service/` or `src/domain/` reaches into `web`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

const FORBIDDEN: &[&str] = &[
    "sea_orm",
    "actix",
    "tokio",
    "std::fs",
    "std::net",
    "std::env",
    "SystemTime",
    "Instant::now",
    "now_utc",
    "reqwest",
    "sqlx",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// What a layer below `web` must not name: the web layer itself.
const WEB: &[&str] = &["crate::web"];

fn violations(dir: &str) -> Vec<String> {
    violations_of(dir, FORBIDDEN)
}

fn violations_of(dir: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    assert!(root.is_dir(), "{} is missing", root.display());
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for word in forbidden {
                if code.contains(word) {
                    found.push(format!("{}:{}: uses `{word}`", file.display(), n + 1));
                }
            }
        }
    }
    found
}

#[test]
fn the_domain_is_pure() {
    let found = violations("src/domain");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_tally_engine_is_pure() {
    let found = violations("src/tally");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn services_and_the_domain_do_not_call_the_web_layer() {
    let mut found = violations_of("src/service", WEB);
    found.extend(violations_of("src/domain", WEB));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_checker_catches_a_violation() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("x.rs"),
        "use std::fs::read;\n// tokio in a comment is fine\n",
    )
    .unwrap();
    // `Path::join` with an absolute path replaces the base, so the temp dir is scanned as is.
    let found = violations(dir.path().to_str().unwrap());
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn the_checker_catches_a_call_into_web() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("x.rs"),
        "let s = crate::web::format::date_time(now);\n// crate::web in a comment is fine\n",
    )
    .unwrap();
    let found = violations_of(dir.path().to_str().unwrap(), WEB);
    assert_eq!(found.len(), 1, "{found:#?}");
}
