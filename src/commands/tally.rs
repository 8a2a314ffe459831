//! `roundtable tally`: count a file of ranked ballots with the pure engine and print the
//! outcome. Reads files and writes to stdout/stderr; opens no database.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{DEFAULT_MAX_BYTES, read_limited, stream_limited};
use crate::tally::explain::{explain_end, explain_pass};
use crate::tally::formats::csv::{BallotParser, UnknownNames};
use crate::tally::formats::json_ballots::parse_json_ballots;
use crate::tally::formats::rctab_json::{pass_summary, write_summaries};
use crate::tally::formats::rules_json::{RulesFile, parse_rules_file};
use crate::tally::{Counted, Election, Rules, TallyError, WinnerMode, count, count_distinct};

/// Output format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Round-by-round explanation for people.
    #[default]
    Text,
    /// RCTab-compatible summary JSON (an array of summaries, one per pass, for multiPassIrv).
    Json,
    /// JSON Lines: a header (candidates, rules, seed, winners), then one compact pass per
    /// line (each round's changed tallies only). RCTab's summary lists every continuing
    /// candidate in every round, so a full multi-pass ranking of n items is about n³ in that
    /// format; this one grows with the rounds, about n².
    Compact,
}

/// Count ranked ballots (IRV, STV, bottoms-up, sequential IRV) with RCTab's rules.
///
/// Exit codes: 0 counted; 1 internal error; 2 bad input (unreadable, invalid, empty or too
/// large ballots, or bad rules); 3 the count stopped on a tie the rules leave to a person
/// (`stopCountingAndAsk`).
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Exit codes: 0 ok, 1 internal error, 2 bad input (ballots or rules; \
                        an empty ballot file; a file over --max-bytes), \
                        3 stopped on an unresolved tie (tiebreakMode stopCountingAndAsk)."
)]
pub struct TallyArgs {
    /// Ballots: CSV without header, cell i = rank i (`.json`: an array of rankings).
    #[arg(long, value_name = "FILE")]
    pub ballots: PathBuf,
    /// Rules: an RCTab conformance `rules.json` as it is, or just its `rules` object.
    /// Without it: single-winner IRV, seeded random tie-break, candidates from the ballots.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Seed for random tie-breaks (overrides `randomSeed` of the rules).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub seed: Option<i64>,
    /// Refuse a ballot or rules file larger than this many bytes (default 2 GiB).
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

enum Failure {
    Input(String),
    Internal(String),
}

impl From<TallyError> for Failure {
    fn from(e: TallyError) -> Self {
        match e {
            TallyError::Stuck { .. } => Self::Internal(e.to_string()),
            other => Self::Input(other.to_string()),
        }
    }
}

/// The election, its contest name, and whether its ballots are pairwise distinct (the CSV
/// reader sums identical lines into one ballot).
fn load(args: &TallyArgs) -> Result<(Election, Option<String>, bool), Failure> {
    let (file, unknown) = match &args.rules {
        Some(path) => {
            let bytes = read_limited(path, args.max_bytes).map_err(Failure::Input)?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Failure::Input(format!("{}: not UTF-8", path.display())))?;
            let file = parse_rules_file(&text)
                .map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
            // A rules file without candidates (just the `rules` object): names come from
            // the ballots.
            let unknown = if file.candidates.is_empty() {
                UnknownNames::Add
            } else {
                UnknownNames::Reject
            };
            (file, unknown)
        }
        None => (
            RulesFile {
                case: None,
                contest: None,
                rules: Rules::default(),
                candidates: Vec::new(),
                weighted: false,
                expected: Vec::new(),
            },
            UnknownNames::Add,
        ),
    };
    let path = &args.ballots;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let (candidates, ballots) = if is_json {
        let data = read_limited(path, args.max_bytes).map_err(Failure::Input)?;
        let text = String::from_utf8(data)
            .map_err(|_| Failure::Input(format!("{}: not UTF-8", path.display())))?;
        let mut candidates = file.candidates;
        let ballots = parse_json_ballots(&text, &mut candidates, unknown)
            .map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
        (candidates, ballots)
    } else {
        // Read in pieces: memory follows the distinct rankings, not the file size.
        let mut parser = BallotParser::new(file.candidates, file.weighted, unknown)?;
        if let Ok(meta) = std::fs::metadata(path) {
            parser.expect_bytes(meta.len());
        }
        stream_limited(
            path,
            args.max_bytes,
            |piece, at_end| parser.feed(piece, at_end),
            |e| format!("{}: {e}", path.display()),
        )
        .map_err(Failure::Input)?;
        parser.finish()
    };
    if ballots.is_empty() {
        return Err(Failure::Input(format!(
            "{}: no ballots (the file is empty or has only blank lines)",
            path.display()
        )));
    }
    if ballots.iter().all(crate::tally::Ballot::is_blank) {
        return Err(Failure::Input(format!(
            "{}: no ballots rank a candidate (every ballot is blank)",
            path.display()
        )));
    }
    let mut rules = file.rules;
    if let Some(seed) = args.seed {
        rules.random_seed = Some(seed);
    }
    Ok((
        Election {
            candidates,
            ballots,
            rules,
        },
        file.contest,
        !is_json,
    ))
}

fn execute(args: &TallyArgs) -> Result<ExitCode, Failure> {
    let (election, contest, distinct) = load(args)?;
    if args.rules.is_none() {
        // Not silent: a meeting's web count uses its own rules and seed.
        eprintln!(
            "note: no --rules: single-winner IRV, ties broken by the draw seeded with {}; \
             to recount a meeting, pass its rules.json (rules, seed and items) too",
            election.rules.random_seed.unwrap_or(0)
        );
    }
    let counted = if distinct {
        count_distinct(&election)?
    } else {
        count(&election)?
    };
    let multi = election.rules.winner_election_mode == WinnerMode::MultiPassIrv;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write_outcome(&mut out, &counted, args.format, multi, contest.as_deref())
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Internal(format!("cannot write output: {e}")))?;
    let outcome = &counted.shell;
    if let Some(tie) = counted.unresolved_tie() {
        let names: Vec<&str> = tie.tied.iter().map(|c| outcome.name(*c)).collect();
        eprintln!(
            "error: stopped in round {} on a tie between {} (tiebreakMode asks a person)",
            tie.round,
            names.join(", ")
        );
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the explanation or the summary JSON one pass at a time: each pass is expanded,
/// written and dropped, so a long `multiPassIrv` ranking never holds every pass in full.
/// The JSON is the same text `serde_json::to_string_pretty` gives for the whole array.
fn write_outcome(
    out: &mut impl std::io::Write,
    counted: &Counted,
    format: Format,
    multi: bool,
    contest: Option<&str>,
) -> std::io::Result<()> {
    let outcome = &counted.shell;
    match format {
        Format::Text => {
            let many = counted.passes().len() > 1;
            for (i, pass) in counted.passes().enumerate() {
                out.write_all(explain_pass(outcome, i, &pass, many).as_bytes())?;
            }
            out.write_all(explain_end(outcome).as_bytes())
        }
        Format::Json if multi => write_summaries(out, outcome, counted.passes(), contest),
        Format::Compact => {
            let shell = &counted.shell;
            let header = serde_json::json!({
                "candidates": shell.candidate_names,
                "rules": shell.rules,
                "seed": shell.seed,
                "winners": shell.winners,
            });
            serde_json::to_writer(&mut *out, &header)?;
            out.write_all(b"\n")?;
            for pass in counted.compact_passes() {
                serde_json::to_writer(&mut *out, pass)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        }
        Format::Json => {
            let value = counted
                .passes()
                .last()
                .map_or(serde_json::Value::Null, |p| {
                    pass_summary(outcome, &p, contest)
                });
            serde_json::to_writer_pretty(&mut *out, &value)?;
            out.write_all(b"\n")
        }
    }
}

/// Run the command: prints the outcome to stdout, one-line errors to stderr; never panics.
#[must_use]
pub fn run(args: &TallyArgs) -> ExitCode {
    match execute(args) {
        Ok(code) => code,
        Err(Failure::Input(msg)) => {
            eprintln!("error: {}", msg.replace('\n', " "));
            ExitCode::from(2)
        }
        Err(Failure::Internal(msg)) => {
            eprintln!("internal error: {}", msg.replace('\n', " "));
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tally::explain::explain;
    use crate::tally::formats::rctab_json::summaries;
    use crate::tally::{Ballot, Candidate, CandidateId, tally};

    fn election(mode: WinnerMode) -> Election {
        let rank =
            |r: &[u32]| Ballot::ranking(&r.iter().map(|&i| CandidateId(i)).collect::<Vec<_>>());
        Election {
            candidates: ["Alpha", "Beta", "Gamma", "Delta"]
                .into_iter()
                .map(Candidate::new)
                .collect(),
            ballots: vec![
                rank(&[0, 1, 2]),
                rank(&[1, 0]),
                rank(&[2, 1, 0]),
                rank(&[0, 2]),
                rank(&[3, 1]),
            ],
            rules: Rules {
                winner_election_mode: mode,
                number_of_winners: if mode == WinnerMode::MultiPassIrv {
                    4
                } else {
                    1
                },
                random_seed: Some(7),
                ..Rules::default()
            },
        }
    }

    fn written(e: &Election, format: Format) -> String {
        let counted = count(e).expect("counts");
        let multi = e.rules.winner_election_mode == WinnerMode::MultiPassIrv;
        let mut out = Vec::new();
        write_outcome(&mut out, &counted, format, multi, Some("c")).expect("writes");
        String::from_utf8(out).expect("utf-8")
    }

    /// Writing pass by pass gives byte for byte what serialising the whole outcome gave.
    #[test]
    fn pass_by_pass_output_equals_the_whole_outcome() {
        for mode in [WinnerMode::MultiPassIrv, WinnerMode::SingleWinnerMajority] {
            let e = election(mode);
            let whole = tally(&e).expect("counts");
            assert_eq!(written(&e, Format::Text), explain(&whole));
            let mut all = summaries(&whole, Some("c"));
            let value = if mode == WinnerMode::MultiPassIrv {
                serde_json::Value::Array(all)
            } else {
                all.pop().expect("one pass")
            };
            let expected = serde_json::to_string_pretty(&value).expect("json") + "\n";
            assert_eq!(written(&e, Format::Json), expected);
        }
    }

    /// The compact lines expand to exactly the passes of the whole outcome.
    #[test]
    fn compact_lines_expand_to_the_whole_outcome() {
        let e = election(WinnerMode::MultiPassIrv);
        let whole = tally(&e).expect("counts");
        let text = written(&e, Format::Compact);
        let mut lines = text.lines();
        let header: serde_json::Value =
            serde_json::from_str(lines.next().expect("header")).expect("json");
        assert_eq!(header["candidates"][3], "Delta");
        let passes: Vec<crate::tally::Pass> = lines
            .map(|l| {
                serde_json::from_str::<crate::tally::CompactPass>(l)
                    .expect("a compact pass")
                    .expand(&whole.candidate_names)
            })
            .collect();
        assert_eq!(passes, whole.passes);
    }
}
