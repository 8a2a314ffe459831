//! The conformance `rules.json` (RCTab options plus candidates), read as it is.

use serde::Deserialize;

use super::UNDECLARED_WRITE_INS;
use crate::tally::{Candidate, Rules, TallyError};

#[derive(Deserialize)]
struct RawCandidate {
    name: String,
    #[serde(default)]
    excluded: bool,
}

#[derive(Deserialize, Default)]
struct RawWriteIn {
    #[serde(default)]
    enabled: bool,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize, Default)]
struct RawBallots {
    #[serde(default)]
    weighted: bool,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RawSource {
    #[serde(default)]
    contest_name: Option<String>,
}

#[derive(Deserialize)]
struct RawRulesFile {
    #[serde(default)]
    source_case: Option<String>,
    #[serde(default)]
    source: Option<RawSource>,
    rules: Rules,
    #[serde(default)]
    candidates: Vec<RawCandidate>,
    #[serde(default)]
    undeclared_write_in: Option<RawWriteIn>,
    #[serde(default)]
    ballots: Option<RawBallots>,
    #[serde(default)]
    expected: Vec<String>,
}

/// A parsed rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesFile {
    /// Case name (`source_case`), if any.
    pub case: Option<String>,
    /// Contest name, if any.
    pub contest: Option<String>,
    /// The options.
    pub rules: Rules,
    /// Candidates in config order; the write-in pseudo-candidate last when enabled.
    pub candidates: Vec<Candidate>,
    /// Whether ballot lines start with a count.
    pub weighted: bool,
    /// Expected summary files (conformance cases).
    pub expected: Vec<String>,
}

/// Parse a `rules.json` text. A file holding only the `rules` object is accepted too
/// (candidates then come from the ballots).
pub fn parse_rules_file(text: &str) -> Result<RulesFile, TallyError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        TallyError::RulesFile(format!("line {}, column {}: {e}", e.line(), e.column()))
    })?;
    let raw: RawRulesFile = if value.get("rules").is_some() {
        serde_json::from_value(value).map_err(|e| TallyError::RulesFile(e.to_string()))?
    } else {
        RawRulesFile {
            source_case: None,
            source: None,
            rules: serde_json::from_value(value)
                .map_err(|e| TallyError::RulesFile(e.to_string()))?,
            candidates: Vec::new(),
            undeclared_write_in: None,
            ballots: None,
            expected: Vec::new(),
        }
    };
    raw.rules.validate().map_err(TallyError::InvalidRules)?;
    let mut candidates: Vec<Candidate> = raw
        .candidates
        .into_iter()
        .map(|c| Candidate {
            name: c.name,
            excluded: c.excluded,
            undeclared_write_in: false,
        })
        .collect();
    if let Some(w) = raw.undeclared_write_in.filter(|w| w.enabled) {
        candidates.push(Candidate {
            name: w.name.unwrap_or_else(|| UNDECLARED_WRITE_INS.to_string()),
            excluded: false,
            undeclared_write_in: true,
        });
    }
    Ok(RulesFile {
        case: raw.source_case,
        contest: raw.source.and_then(|s| s.contest_name),
        rules: raw.rules,
        candidates,
        weighted: raw.ballots.is_some_and(|b| b.weighted),
        expected: raw.expected,
    })
}
