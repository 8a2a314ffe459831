#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! RCTab conformance: every case of `tests/conformance/rctab/` must reproduce RCTab's
//! expected summary exactly: winners, every round's tally, threshold, inactive ballots and
//! transfers, and the summary block. Vote quantities are compared as exact decimals.
//! The test fails (never skips) when the shared folder is missing.

mod common;

use std::path::PathBuf;

use roundtable::tally::formats::csv::{UnknownNames, parse_ballots};
use roundtable::tally::formats::rctab_json::summaries;
use roundtable::tally::formats::rules_json::parse_rules_file;
use roundtable::tally::{Decimal, Election, tally};
use serde_json::Value;

/// Cases that may not pass, each with its reason (also listed in `docs/tally-rules.md`).
const SKIPPED: &[(&str, &str)] = &[];

fn cases_dir() -> PathBuf {
    common::conformance_dir("rctab")
}

fn case_names() -> Vec<String> {
    let dir = cases_dir();
    assert!(
        dir.is_dir(),
        "conformance folder {} is missing: the RCTab cases must be present",
        dir.display()
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().join("rules.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Compare JSON values, numbers-as-strings as exact decimals; collect differences.
fn compare(
    path: &str,
    expected: &Value,
    actual: &Value,
    diffs: &mut Vec<String>,
    exact: &mut bool,
) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => compare(&format!("{path}.{k}"), ev, av, diffs, exact),
                    None => diffs.push(format!("{path}.{k}: missing (expected {ev})")),
                }
            }
            for k in a.keys().filter(|k| !e.contains_key(*k)) {
                diffs.push(format!("{path}.{k}: unexpected {}", a[k]));
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                diffs.push(format!(
                    "{path}: {} items expected, {} found",
                    e.len(),
                    a.len()
                ));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                compare(&format!("{path}[{i}]"), ev, av, diffs, exact);
            }
        }
        (Value::String(e), Value::String(a)) => {
            if e != a {
                match (Decimal::parse(e), Decimal::parse(a)) {
                    (Some(x), Some(y)) if x == y => *exact = false,
                    _ => diffs.push(format!("{path}: expected {e:?}, found {a:?}")),
                }
            }
        }
        (e, a) => {
            if e != a {
                diffs.push(format!("{path}: expected {e}, found {a}"));
            }
        }
    }
}

/// Run one case; returns the differences (empty = pass) and whether strings matched exactly.
fn run_case(name: &str) -> (Vec<String>, bool) {
    let dir = cases_dir().join(name);
    let rules_text = std::fs::read_to_string(dir.join("rules.json")).unwrap();
    let file = parse_rules_file(&rules_text).unwrap();
    let data = std::fs::read(dir.join("ballots.csv")).unwrap();
    let mut candidates = file.candidates.clone();
    let ballots = parse_ballots(&data, &mut candidates, file.weighted, UnknownNames::Reject)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let election = Election {
        candidates,
        ballots,
        rules: file.rules.clone(),
    };
    let outcome = match tally(&election) {
        Ok(o) => o,
        Err(e) => return (vec![format!("tally failed: {e}")], false),
    };
    let actual = summaries(&outcome, None);
    let mut diffs = Vec::new();
    let mut exact = true;
    if actual.len() != file.expected.len() {
        diffs.push(format!(
            "{} passes expected, {} found",
            file.expected.len(),
            actual.len()
        ));
    }
    for (i, (fname, a)) in file.expected.iter().zip(&actual).enumerate() {
        let text = std::fs::read_to_string(dir.join(fname)).unwrap();
        let mut e: Value = serde_json::from_str(&text).unwrap();
        e.as_object_mut().unwrap().remove("config");
        let mut a = a.clone();
        a.as_object_mut().unwrap().remove("config");
        compare(&format!("pass{}", i + 1), &e, &a, &mut diffs, &mut exact);
    }
    (diffs, exact)
}

#[test]
fn every_rctab_case_matches_round_by_round() {
    let names = case_names();
    assert!(
        names.len() >= 47,
        "expected at least 47 cases, found {}",
        names.len()
    );
    let mut failed = Vec::new();
    let mut passed = 0;
    let mut exact_strings = 0;
    for name in &names {
        if let Some((_, why)) = SKIPPED.iter().find(|(n, _)| n == name) {
            eprintln!("SKIP {name}: {why}");
            continue;
        }
        let (diffs, exact) = run_case(name);
        if diffs.is_empty() {
            passed += 1;
            exact_strings += usize::from(exact);
        } else {
            eprintln!("FAIL {name}:");
            for d in diffs.iter().take(12) {
                eprintln!("    {d}");
            }
            failed.push(name.clone());
        }
    }
    eprintln!(
        "conformance: {passed}/{} passed, {} with byte-identical numbers, {} skipped",
        names.len(),
        exact_strings,
        SKIPPED.len()
    );
    assert!(failed.is_empty(), "failing cases: {failed:?}");
}

#[test]
fn skipped_cases_exist() {
    let names = case_names();
    for (n, _) in SKIPPED {
        assert!(
            names.iter().any(|x| x == n),
            "skip list names unknown case {n}"
        );
    }
}
