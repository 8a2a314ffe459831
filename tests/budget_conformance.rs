#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Runs every Pabulib instance of `tests/conformance/pabulib/` with every rule its
//! `*.expected.json` lists and requires exactly the expected selected projects, in order,
//! the expected total cost and, where given, the per-voter endowment the Add1 loop kept.

mod common;

use std::path::PathBuf;
use std::time::Instant;

use roundtable::tally::budget::{Rule, parse_pabulib, run};

fn conformance_dir() -> PathBuf {
    common::conformance_dir("pabulib")
}

#[test]
fn every_pabulib_instance_matches_pabutools_for_every_rule() {
    let dir = conformance_dir();
    assert!(
        dir.is_dir(),
        "conformance folder missing: {}",
        dir.display()
    );
    let mut expected_files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    expected_files.sort();
    assert!(
        !expected_files.is_empty(),
        "no *.expected.json in {}",
        dir.display()
    );

    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &expected_files {
        let expected: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        let pb_name = expected["instance"]["file"].as_str().unwrap();
        let bytes = std::fs::read(dir.join(pb_name)).unwrap();
        let instance = parse_pabulib(&bytes).unwrap_or_else(|e| panic!("{pb_name}: {e}"));
        assert_eq!(
            instance.voters.len() as u64,
            expected["instance"]["num_voters"].as_u64().unwrap(),
            "{pb_name}: voter count"
        );
        for (key, entry) in expected["rules"].as_object().unwrap() {
            if entry["status"] != "ok" {
                continue;
            }
            let rule: Rule = key
                .parse()
                .unwrap_or_else(|e| panic!("{pb_name}: rule {key}: {e}"));
            let started = Instant::now();
            let outcome = run(&instance, rule).unwrap_or_else(|e| panic!("{pb_name}: {key}: {e}"));
            let elapsed = started.elapsed();
            let want: Vec<&str> = entry["selected"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let got: Vec<&str> = outcome.selected.iter().map(String::as_str).collect();
            checked += 1;
            let mut problems = Vec::new();
            if got != want {
                problems.push(format!("selected {got:?}, expected {want:?}"));
            }
            if outcome.total_cost != entry["total_cost"].as_str().unwrap() {
                problems.push(format!(
                    "total_cost {} expected {}",
                    outcome.total_cost, entry["total_cost"]
                ));
            }
            let endowment = entry["final_endowment_per_voter"].as_str();
            if let (Some(e), Some(c)) = (endowment, &outcome.completion)
                && c.endowment_per_voter.exact != e
            {
                problems.push(format!(
                    "endowment {} expected {e}",
                    c.endowment_per_voter.exact
                ));
            }
            if let Some(added) = entry["completion_added"].as_array() {
                let want: Vec<&str> = added.iter().map(|v| v.as_str().unwrap()).collect();
                let got: Vec<&str> = outcome
                    .completion
                    .as_ref()
                    .unwrap()
                    .greedy_added
                    .iter()
                    .map(String::as_str)
                    .collect();
                if got != want {
                    problems.push(format!("greedy fill {got:?} expected {want:?}"));
                }
            }
            let status = if problems.is_empty() { "ok" } else { "FAIL" };
            println!("{status:4} {pb_name} {key} ({:.3}s)", elapsed.as_secs_f64());
            if !problems.is_empty() {
                failures.push(format!("{pb_name} {key}: {}", problems.join("; ")));
            }
        }
    }
    println!("{checked} rule runs checked");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The reader's unit tests compare it with the reference reader on every conformance file,
/// which they take in at build time by name: a new file must be named there too.
#[test]
fn the_readers_unit_tests_name_every_conformance_file() {
    let listed = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/tally/budget/pabulib_read/tests.rs"),
    )
    .unwrap();
    let missing: Vec<String> = std::fs::read_dir(conformance_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".pb"))
        // Quoted, as `conformance!("…")` names it (rustfmt may break a long one over lines).
        .filter(|name| !listed.contains(&format!("\"{name}\"")))
        .collect();
    assert!(
        missing.is_empty(),
        "add to pabulib_read/tests.rs: {missing:?}"
    );
}
