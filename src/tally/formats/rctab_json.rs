//! RCTab's summary JSON (`expected_summary.json` structure): one value per pass.

use serde_json::{Map, Value, json};

use crate::tally::{Decimal, Inactive, Outcome, Pass, Round, Target};

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
