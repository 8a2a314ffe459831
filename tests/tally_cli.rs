#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! `roundtable tally` end to end: the built binary counts RCTab conformance cases and prints
//! RCTab's winners and round tallies (`--format json`) or an explanation naming the winner
//! (`--format text`); bad input exits with code 2 and one line on stderr.
//!
//! Runs from an empty temporary folder with no `ROUNDTABLE_*` variables, so a local
//! configuration file or environment cannot change what the command does.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn case(name: &str) -> PathBuf {
    let dir = common::conformance_dir("rctab").join(name);
    assert!(
        dir.is_dir(),
        "conformance case {} is missing",
        dir.display()
    );
    dir.canonicalize().unwrap()
}

fn roundtable(args: &[&str]) -> Output {
    let cwd = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_roundtable"));
    cmd.args(args).current_dir(cwd.path());
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("ROUNDTABLE_") {
            cmd.env_remove(key);
        }
    }
    cmd.output().unwrap()
}

fn tally(case_dir: &Path, format: &str) -> Output {
    let ballots = case_dir.join("ballots.csv");
    let rules = case_dir.join("rules.json");
    roundtable(&[
        "tally",
        "--ballots",
        ballots.to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
        "--format",
        format,
    ])
}

/// `"12.5000"` and `"12.5"` are the same quantity.
fn number(v: &Value) -> String {
    let text = v.as_str().map_or_else(|| v.to_string(), str::to_string);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// Winners in order of election, and each round's tally by candidate name.
fn winners_and_tallies(summary: &Value) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let rounds = summary["results"].as_array().expect("results array");
    let mut winners = Vec::new();
    let mut tallies = Vec::new();
    for round in rounds {
        for result in round["tallyResults"].as_array().into_iter().flatten() {
            if let Some(w) = result["elected"].as_str() {
                winners.push(w.to_string());
            }
        }
        let tally = round["tally"].as_object().expect("tally object");
        tallies.push(tally.iter().map(|(k, v)| (k.clone(), number(v))).collect());
    }
    (winners, tallies)
}

fn expected(case_dir: &Path) -> Value {
    let text = std::fs::read_to_string(case_dir.join("expected_summary.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn json_output_matches_rctab_winners_and_round_tallies() {
    // A seeded random tie-break (IRV) and a three-seat STV count.
    for name in [
        "tiebreak_seed_test",
        "test_set_multi_winner_whole_threshold",
    ] {
        let dir = case(name);
        let out = tally(&dir, "json");
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let actual: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let (want_winners, want_tallies) = winners_and_tallies(&expected(&dir));
        let (winners, tallies) = winners_and_tallies(&actual);
        assert!(!want_winners.is_empty(), "{name}: no winners expected?");
        assert_eq!(winners, want_winners, "{name}: winners");
        assert_eq!(tallies, want_tallies, "{name}: round tallies");
    }
}

#[test]
fn ballots_without_rules_say_which_rules_and_seed_were_used() {
    let ballots = case("tiebreak_seed_test").join("ballots.csv");
    let out = roundtable(&["tally", "--ballots", ballots.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("no --rules") && err.contains("seeded with 0") && err.contains("rules.json"),
        "{err}"
    );
    // With the rules file there is nothing to warn about.
    let out = tally(&case("tiebreak_seed_test"), "text");
    assert!(!stderr(&out).contains("no --rules"), "{}", stderr(&out));
}

#[test]
fn text_output_names_the_winner() {
    let dir = case("tiebreak_seed_test");
    let (winners, _) = winners_and_tallies(&expected(&dir));
    let out = tally(&dir, "text");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("Winners: {}.", winners[0])),
        "winner missing from:\n{text}"
    );
    assert!(text.contains("Round 1:"), "{text}");
}

/// Exit code 2 and exactly one non-empty line on stderr, starting with `error:`.
fn assert_input_error(out: &Output, mentions: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "expected one line on stderr, got:\n{err}");
    assert!(lines[0].starts_with("error:"), "{err}");
    assert!(lines[0].contains(mentions), "{err}");
}

#[test]
fn a_missing_ballot_file_exits_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-ballots.csv");
    let out = roundtable(&["tally", "--ballots", missing.to_str().unwrap()]);
    assert_input_error(&out, "no-such-ballots.csv");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_rules_file_exits_2_with_one_line() {
    let ballots = case("tiebreak_seed_test").join("ballots.csv");
    let out = roundtable(&[
        "tally",
        "--ballots",
        ballots.to_str().unwrap(),
        "--rules",
        "/no/such/rules.json",
    ]);
    assert_input_error(&out, "rules.json");
}

#[test]
fn a_malformed_csv_exits_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    // Invalid UTF-8 in the second cell of line 2.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, b"A,B\nA,\xff\xfe\n").unwrap();
    let out = roundtable(&["tally", "--ballots", bad.to_str().unwrap()]);
    assert_input_error(&out, "line 2, column 2");
    assert!(out.stdout.is_empty());

    // A name the rules file does not list.
    let unknown = dir.path().join("unknown.csv");
    std::fs::write(&unknown, "George Gervin,Nobody Known\n").unwrap();
    let rules = case("tiebreak_seed_test").join("rules.json");
    let out = roundtable(&[
        "tally",
        "--ballots",
        unknown.to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
    ]);
    assert_input_error(&out, "Nobody Known");
}

#[test]
fn an_empty_or_blank_ballot_file_is_bad_input_not_a_count() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [
        ("empty.csv", &b""[..]),
        ("blank-lines.csv", b"\n\n\r\n\n"),
        ("empty.json", b"[]"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let out = roundtable(&["tally", "--ballots", path.to_str().unwrap()]);
        assert_input_error(&out, "no ballots");
        assert!(out.stdout.is_empty(), "{name}");
    }
    // Ballots that rank nobody (all undervotes): no candidate can be elected with 0 votes.
    let blank = dir.path().join("undervotes.csv");
    std::fs::write(&blank, ",,\n,\n").unwrap();
    let rules = case("tiebreak_seed_test").join("rules.json");
    for extra in [&[][..], &["--rules", rules.to_str().unwrap()][..]] {
        let mut args = vec!["tally", "--ballots", blank.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = roundtable(&args);
        assert_input_error(&out, "no ballots");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn input_over_max_bytes_is_refused() {
    // An endless device is read only up to the limit.
    let out = roundtable(&["tally", "--ballots", "/dev/zero", "--max-bytes", "100000"]);
    assert_input_error(&out, "--max-bytes 100000");
    let out = roundtable(&["budget", "/dev/zero", "--max-bytes", "100000"]);
    assert_input_error(&out, "--max-bytes 100000");

    // A regular file over the limit is refused; at the limit it is counted.
    let dir = case("tiebreak_seed_test");
    let ballots = dir.join("ballots.csv");
    let size = std::fs::metadata(&ballots).unwrap().len();
    let rules = dir.join("rules.json");
    let run = |limit: u64| {
        roundtable(&[
            "tally",
            "--ballots",
            ballots.to_str().unwrap(),
            "--rules",
            rules.to_str().unwrap(),
            "--max-bytes",
            &limit.to_string(),
        ])
    };
    assert_input_error(&run(size - 1), "--max-bytes");
    let out = run(size.max(std::fs::metadata(&rules).unwrap().len()));
    assert!(out.status.success(), "{}", stderr(&out));

    let file = common::conformance_dir("pabulib").join("France_Toulouse_2019.pb");
    let size = std::fs::metadata(&file).unwrap().len();
    let budget = |limit: u64| {
        roundtable(&[
            "budget",
            file.to_str().unwrap(),
            "--rule",
            "greedy",
            "--max-bytes",
            &limit.to_string(),
        ])
    };
    assert_input_error(&budget(size - 1), "--max-bytes");
    assert!(budget(size).status.success());
}
