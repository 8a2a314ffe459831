//! RCTab's summary JSON (`expected_summary.json` structure): one value per pass.

use serde_json::{Map, Value, json};

use crate::tally::{Decimal, Inactive, Outcome, Pass, Round, SequentialRanking, Target};

fn s(d: Decimal) -> Value {
    Value::String(d.to_string())
}

fn inactive(i: &Inactive) -> Value {
    let mut m = Map::new();
    m.insert("exhaustedChoices".into(), s(i.exhausted_choices));
    m.insert("overvotes".into(), s(i.overvotes));
    m.insert("repeatedRankings".into(), s(i.repeated_rankings));
    m.insert("skippedRankings".into(), s(i.skipped_rankings));
    if let Some(f) = i.final_round_surplus {
        m.insert("finalRoundSurplus".into(), s(f));
    }
    Value::Object(m)
}

fn round(outcome: &Outcome, r: &Round) -> Value {
    let tally: Map<String, Value> = r
        .tally
        .iter()
        .map(|(c, v)| (outcome.name(*c).to_string(), s(*v)))
        .collect();
    let decisions = r
        .elected
        .iter()
        .map(|d| ("elected", d))
        .chain(r.eliminated.iter().map(|d| ("eliminated", d)))
        .map(|(kind, d)| {
            let transfers: Map<String, Value> = d
                .transfers
                .iter()
                .map(|(t, v)| {
                    let key = match t {
                        Target::Candidate(c) => outcome.name(*c).to_string(),
                        Target::Exhausted => "exhausted".to_string(),
                        Target::ResidualSurplus => "residual surplus".to_string(),
                    };
                    (key, s(*v))
                })
                .collect();
            json!({ kind: outcome.name(d.candidate), "transfers": transfers })
        })
        .collect::<Vec<_>>();
    json!({
        "round": r.number,
        "tally": tally,
        "threshold": s(r.threshold),
        "inactiveBallots": inactive(&r.inactive),
        "tallyResults": decisions,
    })
}

/// The summary of one pass, as RCTab writes it (keys sorted; vote quantities as strings).
#[must_use]
pub fn pass_summary(outcome: &Outcome, pass: &Pass, contest: Option<&str>) -> Value {
    let results: Vec<Value> = pass.rounds.iter().map(|r| round(outcome, r)).collect();
    let final_threshold = pass.rounds.last().map_or(Decimal::ZERO, |r| r.threshold);
    json!({
        "config": {
            "contest": contest.unwrap_or(""),
            "generatedBy": concat!("Roundtable ", env!("CARGO_PKG_VERSION")),
        },
        "jsonFormatVersion": "1",
        "results": results,
        "summary": {
            "finalThreshold": s(final_threshold),
            "numCandidates": outcome.candidate_names.len(),
            "numWinners": pass.seats,
            "totalNumBallots": pass.total_ballots.to_string(),
            "undervotes": pass.undervotes,
        },
    })
}

/// One summary per pass, in pass order.
#[must_use]
pub fn summaries(outcome: &Outcome, contest: Option<&str>) -> Vec<Value> {
    outcome
        .passes
        .iter()
        .map(|p| pass_summary(outcome, p, contest))
        .collect()
}

/// Writes one summary per pass as a JSON array, each pass expanded, written and dropped in
/// turn: the same text `serde_json::to_string_pretty` gives for the whole array, without ever
/// holding every pass in full. `roundtable tally --format json` prints a `multiPassIrv` count
/// this way, and a meeting's `rctab.json` is written by the same function.
///
/// # Errors
/// When `out` cannot be written to.
pub fn write_summaries(
    out: &mut impl std::io::Write,
    outcome: &Outcome,
    passes: impl IntoIterator<Item = Pass>,
    contest: Option<&str>,
) -> std::io::Result<()> {
    out.write_all(b"[")?;
    let mut any = false;
    for pass in passes {
        out.write_all(if any { b",\n" } else { b"\n" })?;
        any = true;
        let text = serde_json::to_string_pretty(&pass_summary(outcome, &pass, contest))?;
        for (j, line) in text.lines().enumerate() {
            if j > 0 {
                out.write_all(b"\n")?;
            }
            // One level deeper inside the array; JSON strings hold no raw newlines.
            out.write_all(b"  ")?;
            out.write_all(line.as_bytes())?;
        }
    }
    out.write_all(if any { b"\n]\n" } else { b"]\n" })
}

/// [`write_summaries`] for the passes of a stored sequential ranking (a meeting's count).
///
/// # Errors
/// When `out` cannot be written to.
pub fn write_ranking(
    out: &mut impl std::io::Write,
    ranking: &SequentialRanking,
    contest: Option<&str>,
) -> std::io::Result<()> {
    let shell = Outcome {
        winners: ranking.order.iter().map(|r| r.candidate).collect(),
        candidate_names: ranking.candidate_names.clone(),
        passes: Vec::new(),
        seed: ranking.seed,
        rules: ranking.rules.clone(),
    };
    let passes = ranking
        .passes
        .iter()
        .map(|p| p.expand(&ranking.candidate_names));
    write_summaries(out, &shell, passes, contest)
}
