#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Replays inputs through the fuzz harness (`fuzz/src/lib.rs`, the functions the libFuzzer
//! targets call), so `cargo test` on a fresh clone checks them without cargo-fuzz:
//! every crash the fuzzer found (`fuzz/regressions/<target>/`), the hand-written seeds
//! (`fuzz/seeds/<target>/`), and the conformance files `fuzz/seed_corpus.sh` seeds from.
//! A committed file's name ends in `.ok` or `.err`: whether the program must accept it.

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use harness::Verdict;

type Target = fn(&[u8]) -> Verdict;

const TARGETS: &[(&str, Target)] = &[
    ("ballots_csv", harness::ballots_csv),
    ("ballots_json", harness::ballots_json),
    ("pabulib", harness::pabulib),
    ("rules_json", harness::rules_json),
    ("ballot_form", harness::ballot_form),
    ("meeting_form", harness::meeting_form),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs one input; a panic fails the test naming the input.
fn replay(target: Target, name: &str, data: &[u8]) -> Verdict {
    catch_unwind(AssertUnwindSafe(|| target(data)))
        .unwrap_or_else(|_| panic!("{name} still crashes its fuzz target (see the panic above)"))
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut list: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    list.sort();
    list
}

/// Replays `fuzz/<folder>/<target>/*`, checking each file's expected verdict; returns how
/// many files it read.
fn replay_committed(folder: &str) -> usize {
    let mut n = 0;
    for (name, target) in TARGETS {
        for path in files(&root().join("fuzz").join(folder).join(name)) {
            let shown = path.strip_prefix(root()).unwrap().display().to_string();
            let want_ok = match path.extension().and_then(|e| e.to_str()) {
                Some("ok") => true,
                Some("err") => false,
                _ => panic!("{shown}: name it .ok or .err (the expected verdict)"),
            };
            let verdict = replay(*target, &shown, &std::fs::read(&path).unwrap());
            assert_eq!(verdict.is_ok(), want_ok, "{shown}: {verdict:?}");
            n += 1;
        }
    }
    n
}

#[test]
fn every_crash_the_fuzzer_found_is_handled() {
    // Empty until a target crashes; the folder is there so the first regression has a home.
    replay_committed("regressions");
}

#[test]
fn the_hand_written_seeds_give_their_verdicts() {
    assert!(replay_committed("seeds") >= 12);
}

fn conformance() -> PathBuf {
    root().join("tests/conformance")
}

/// The conformance files the corpus starts from are accepted, and every property the
/// harness checks holds on them (readers agree, round trips are exact).
#[test]
fn the_conformance_seeds_pass_the_harness() {
    let mut cases = 0;
    for case in files(&conformance().join("rctab")) {
        let rules = case.join("rules.json");
        if let Ok(text) = std::fs::read(&rules) {
            let verdict = replay(harness::rules_json, &rules.display().to_string(), &text);
            assert!(verdict.is_ok(), "{}: {verdict:?}", rules.display());
            cases += 1;
        }
        let ballots = case.join("ballots.csv");
        let Ok(data) = std::fs::read(&ballots) else {
            continue;
        };
        // The seed script takes the first 16 KiB of the larger files; so does this test.
        let data = head(&data, 16384);
        let shown = ballots.display().to_string();
        let verdict = replay(harness::ballots_csv, &shown, data);
        assert!(verdict.is_ok(), "{shown}: {verdict:?}");
        let weighted = std::fs::read_to_string(&rules).is_ok_and(|t| {
            serde_json::from_str::<serde_json::Value>(&t).unwrap()["ballots"]["weighted"]
                == serde_json::json!(true)
        });
        let json = as_json_ballots(data, weighted);
        let verdict = replay(harness::ballots_json, &shown, json.as_bytes());
        assert!(verdict.is_ok(), "{shown} as JSON: {verdict:?}");
    }
    assert!(cases >= 40, "only {cases} RCTab cases found");
    let mut pbs = 0;
    for pb in files(&conformance().join("pabulib")) {
        if pb.extension().is_some_and(|e| e == "pb") {
            let data = std::fs::read(&pb).unwrap();
            let verdict = replay(
                harness::pabulib,
                &pb.display().to_string(),
                head(&data, 32768),
            );
            // A cut file may end inside PROJECTS; the whole small ones must be accepted.
            if data.len() <= 32768 {
                assert!(verdict.is_ok(), "{}: {verdict:?}", pb.display());
            }
            pbs += 1;
        }
    }
    assert!(pbs >= 15, "only {pbs} Pabulib files found");
}

/// The first `limit` bytes, cut after the last line end, as `seed_corpus.sh` cuts them.
fn head(data: &[u8], limit: usize) -> &[u8] {
    if data.len() <= limit {
        return data;
    }
    let cut = &data[..limit];
    match cut.iter().rposition(|&b| b == b'\n') {
        Some(end) if end > 0 => &cut[..=end],
        _ => cut,
    }
}

/// The first 40 ballots as JSON ballots, as `seed_corpus.sh` writes them.
fn as_json_ballots(data: &[u8], weighted: bool) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let items: Vec<serde_json::Value> = reader
        .records()
        .take(40)
        .map(|r| {
            let row: Vec<String> = r.unwrap().iter().map(str::to_owned).collect();
            match row.split_first() {
                Some((count, ranks)) if weighted => serde_json::json!({
                    "weight": count.trim().parse::<u64>().unwrap_or(1),
                    "ranks": ranks,
                }),
                _ => serde_json::json!(row),
            }
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}
