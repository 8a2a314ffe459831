#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! In-process timing of `roundtable tally`'s phases on one ballot file (companion of
//! `benches/tally_file.sh`): read + parse (the CLI's streaming reader), the count, and the
//! RCTab summary JSON, each timed alone, best of `RUNS` (default 3).
//! `cargo run --release --example tally_file_phases -- BALLOTS.csv [RUNS]`.

use std::io::Read as _;
use std::time::Instant;

use roundtable::tally::formats::csv::{BallotParser, UnknownNames};
use roundtable::tally::formats::rctab_json::summaries;
use roundtable::tally::{Election, Rules, count_distinct};

fn best<T>(runs: u32, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut out = None;
    for _ in 0..runs {
        let start = Instant::now();
        let v = f();
        best = best.min(start.elapsed().as_secs_f64());
        out = Some(v);
    }
    (best, out.unwrap())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: tally_file_phases BALLOTS.csv [RUNS]");
    let runs: u32 = args.next().map_or(3, |r| r.parse().unwrap());
    let (parse_s, (candidates, ballots)) = best(runs, || {
        let mut file = std::fs::File::open(&path).unwrap();
        let mut parser = BallotParser::new(Vec::new(), false, UnknownNames::Add).unwrap();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        parser.expect_bytes(data.len() as u64);
        // In 1 MB pieces, as the CLI streams the file.
        let (mut pos, mut end) = (0, 0);
        loop {
            end = (end + (1 << 20)).min(data.len());
            let at_end = end == data.len();
            pos += parser.feed(&data[pos..end], at_end).unwrap();
            if at_end {
                break;
            }
        }
        parser.finish()
    });
    let distinct = ballots.len();
    let lines: u64 = ballots.iter().map(|b| b.weight()).sum();
    let election = Election {
        candidates,
        ballots,
        rules: Rules::default(),
    };
    // As the CLI does: the reader's ballots are distinct, so the count does not regroup them.
    let (count_s, outcome) = best(runs, || count_distinct(&election).unwrap().into_outcome());
    let (json_s, json) = best(runs, || {
        serde_json::to_string_pretty(&summaries(&outcome, None)).unwrap()
    });
    println!(
        "{lines} ballots ({distinct} distinct rankings), {} candidates: read+parse {parse_s:.3} s, \
         count {count_s:.3} s ({} rounds, winner {}), summary JSON {json_s:.4} s ({} bytes)",
        election.candidates.len(),
        outcome.rounds().len(),
        outcome.name(outcome.winners[0]),
        json.len()
    );
}
