//! JSON ballots: an array whose items are either a list of cells (same cell text as the CSV)
//! or `{"weight": n, "ranks": [cells]}`.

use serde::Deserialize;

use super::csv::{UnknownNames, parse_ballots};
use crate::tally::{Ballot, Candidate, TallyError};

#[derive(Deserialize)]
#[serde(untagged)]
enum Item {
    Ranks(Vec<String>),
    Weighted { weight: u64, ranks: Vec<String> },
}

/// Parse JSON ballots, resolving names like [`parse_ballots`].
pub fn parse_json_ballots(
    text: &str,
    candidates: &mut Vec<Candidate>,
    unknown: UnknownNames,
) -> Result<Vec<Ballot>, TallyError> {
    let items: Vec<Item> = serde_json::from_str(text).map_err(|e| TallyError::Parse {
        line: u64::try_from(e.line()).unwrap_or(0),
        column: u64::try_from(e.column()).unwrap_or(0),
        message: e.to_string(),
    })?;
    let mut out = Vec::with_capacity(items.len());
    // Flexible: rankings differ in length (the `csv` writer refuses that by default, which
    // refused every file with a short ballot; found by the fuzz harness's seeds).
    let mut wtr = ::csv::WriterBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_writer(Vec::new());
    for item in &items {
        let (weight, ranks) = match item {
            Item::Ranks(r) => (1, r),
            Item::Weighted { weight, ranks } => (*weight, ranks),
        };
        let mut row = vec![weight.to_string()];
        row.extend(ranks.iter().cloned());
        wtr.write_record(&row)
            .map_err(|e| TallyError::RulesFile(e.to_string()))?;
    }
    let data = wtr
        .into_inner()
        .map_err(|e| TallyError::RulesFile(e.to_string()))?;
    out.extend(
        parse_ballots(&data, candidates, true, unknown).map_err(|e| match e {
            TallyError::Parse {
                line,
                column,
                message,
            } => TallyError::Parse {
                line,
                column: column.saturating_sub(1),
                message: format!("ballot {line}: {message}"),
            },
            other => other,
        })?,
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rankings_of_different_lengths_are_read() {
        let mut candidates = Vec::new();
        let text = r#"[["A","B",""],["B"],{"weight":3,"ranks":["C","A|B"]},[]]"#;
        let ballots = parse_json_ballots(text, &mut candidates, UnknownNames::Add).unwrap();
        assert_eq!(ballots.len(), 4);
        assert_eq!(ballots[2].weight(), 3);
        assert_eq!(candidates.len(), 3);
    }
}
