#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Budget-rule benchmark (harness = false): every rule on Łódź 2020 (51,472 voters,
//! 151 projects, from `tests/conformance/pabulib`) and on a generated
//! 100,000-voter × 150-project approval instance. Prints wall time per rule and the
//! process's peak resident memory (VmHWM), and one JSON line per run for comparison with
//! `benches/pabutools_compare.py`.
//!
//! `cargo bench --bench budget` runs everything; `-- --write-generated FILE.pb` also saves
//! the generated instance for pabutools; `-- --only lodz|generated` picks one instance;
//! `-- --only parse` times the `.pb` reader on Łódź against the greedy rule (best of 20).

use std::path::PathBuf;
use std::time::Instant;

use roundtable::tally::budget::{
    Ballot, Instance, Project, Rule, VoteType, Voter, parse_pabulib, run, write_pabulib,
};

const RULES: &[&str] = &[
    "greedy_cost",
    "greedy_cardinality",
    "mes_cost",
    "mes_cardinality",
    "phragmen",
    "mes_cost_add1",
    "mes_cost_add1_greedy",
    "mes_cardinality_add1",
    "mes_cardinality_add1_greedy",
    "mes_cost_add1_full",
    "mes_cost_add1_full_greedy",
];

/// Deterministic generator (64-bit LCG), so every run benchmarks the same instance.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// 100,000 voters, 150 projects with costs 10,000..1,000,000, budget 20% of the total;
/// each voter approves 1..=8 projects drawn with a popularity skew.
fn generated() -> Instance {
    let mut rng = Lcg(20240601);
    let projects: Vec<Project> = (0..150)
        .map(|i| Project {
            id: format!("g{i:03}"),
            cost: 10_000 + rng.below(99) * 10_000,
            extra: vec![],
        })
        .collect();
    let total: u64 = projects.iter().map(|p| p.cost).sum();
    let voters = (0..100_000)
        .map(|v| {
            let k = 1 + rng.below(8) as usize;
            let mut ballot = Vec::with_capacity(k);
            while ballot.len() < k {
                // skew: min of two uniform draws favours low indices
                let p = rng.below(150).min(rng.below(150)) as usize;
                if !ballot.contains(&p) {
                    ballot.push(p);
                }
            }
            Voter {
                id: v.to_string(),
                ballot: Ballot::Approval(ballot),
                extra: Default::default(),
            }
        })
        .collect();
    Instance {
        meta: vec![("description".into(), "generated benchmark instance".into())],
        vote_type: VoteType::Approval,
        scale: 0,
        budget: total / 5,
        projects,
        project_columns: vec![],
        points_scale: 0,
        voters,
        voter_columns: vec![],
    }
}

fn peak_memory_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn bench(name: &str, instance: &Instance) {
    println!(
        "\n{name}: {} voters, {} projects",
        instance.voters.len(),
        instance.projects.len()
    );
    println!(
        "{:<28} {:>10} {:>9} {:>12}",
        "rule", "seconds", "selected", "peak MB"
    );
    for key in RULES {
        let rule: Rule = key.parse().unwrap();
        let start = Instant::now();
        let outcome = run(instance, rule).unwrap();
        let secs = start.elapsed().as_secs_f64();
        let peak = peak_memory_kb() as f64 / 1024.0;
        println!(
            "{key:<28} {secs:>10.3} {:>9} {peak:>12.1}",
            outcome.selected.len()
        );
        let line = serde_json::json!({"instance": name, "rule": key, "seconds": secs, "selected": outcome.selected, "total_cost": outcome.total_cost});
        println!("JSON {line}");
    }
}

fn lodz_path() -> PathBuf {
    std::env::var_os("ROUNDTABLE_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/conformance"))
        .join("pabulib/Poland_Lodz_2020.pb")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let write_to = args
        .iter()
        .position(|a| a == "--write-generated")
        .and_then(|i| args.get(i + 1))
        .cloned();

    if only.as_deref() == Some("parse") {
        let bytes = std::fs::read(lodz_path()).unwrap();
        let best = |f: &mut dyn FnMut()| {
            (0..20)
                .map(|_| {
                    let start = Instant::now();
                    f();
                    start.elapsed().as_secs_f64()
                })
                .fold(f64::MAX, f64::min)
        };
        let parse = best(&mut || {
            parse_pabulib(&bytes).unwrap();
        });
        let lodz = parse_pabulib(&bytes).unwrap();
        let greedy = best(&mut || {
            run(&lodz, "greedy_cost".parse().unwrap()).unwrap();
        });
        println!(
            "Poland_Lodz_2020.pb ({} bytes, {} voters): parse {parse:.4} s, greedy_cost {greedy:.4} s (best of 20)",
            bytes.len(),
            lodz.voters.len()
        );
        return;
    }
    if only.as_deref().is_none_or(|o| o == "lodz") {
        let path = lodz_path();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let start = Instant::now();
        let lodz = parse_pabulib(&bytes).unwrap();
        println!(
            "parse Poland_Lodz_2020.pb: {:.3} s",
            start.elapsed().as_secs_f64()
        );
        bench("Poland_Lodz_2020", &lodz);
    }
    if only.as_deref().is_none_or(|o| o == "generated") {
        let start = Instant::now();
        let instance = generated();
        println!(
            "\ngenerate 100,000 x 150: {:.3} s",
            start.elapsed().as_secs_f64()
        );
        if let Some(path) = write_to {
            std::fs::write(&path, write_pabulib(&instance).unwrap()).unwrap();
            println!("wrote {path}");
        }
        bench("generated_100k_150", &instance);
    }
    println!(
        "\npeak resident memory (VmHWM): {:.1} MB",
        peak_memory_kb() as f64 / 1024.0
    );
}
