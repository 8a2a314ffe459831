//! The first reader, on the `csv` crate: the property test's reference.
use std::collections::HashMap;

use super::{OVERVOTE_CELL, UNDECLARED_WRITE_INS, UnknownNames, parse_error};
use crate::tally::{Ballot, Candidate, CandidateId, Mark, TallyError};

/// Parse ballots, resolving names against (and possibly extending) `candidates`.
pub(super) fn parse_ballots(
    data: &[u8],
    candidates: &mut Vec<Candidate>,
    weighted: bool,
    unknown: UnknownNames,
) -> Result<Vec<Ballot>, TallyError> {
    let mut ids: HashMap<String, CandidateId> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        let id = CandidateId(u32::try_from(i).map_err(|_| TallyError::Overflow)?);
        ids.insert(c.name.clone(), id);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut ballots = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut marks: Vec<Mark> = Vec::new();
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let (l, c) = e.position().map_or((line, 1), |p| (p.line(), 1));
                return Err(parse_error(l, c, format!("unreadable CSV: {e}")));
            }
        }
        let line = record.position().map_or(line, csv::Position::line);
        marks.clear();
        let mut weight = 1u64;
        for (i, field) in record.iter().enumerate() {
            let column = u64::try_from(i + 1).unwrap_or(u64::MAX);
            let text = std::str::from_utf8(field)
                .map_err(|_| parse_error(line, column, "cell is not valid UTF-8"))?;
            if weighted && i == 0 {
                weight = text
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|w| *w > 0)
                    .ok_or_else(|| {
                        parse_error(
                            line,
                            column,
                            format!("expected a positive count, found {text:?}"),
                        )
                    })?;
                continue;
            }
            let mut resolve = |name: &str| -> Result<CandidateId, TallyError> {
                if let Some(id) = ids.get(name) {
                    return Ok(*id);
                }
                if unknown == UnknownNames::Reject || name.trim().is_empty() {
                    return Err(parse_error(
                        line,
                        column,
                        format!("unknown candidate {name:?}"),
                    ));
                }
                let id =
                    CandidateId(u32::try_from(candidates.len()).map_err(|_| TallyError::Overflow)?);
                let mut c = Candidate::new(name);
                c.undeclared_write_in = name == UNDECLARED_WRITE_INS;
                candidates.push(c);
                ids.insert(name.to_string(), id);
                Ok(id)
            };
            let mark = if text.is_empty() {
                Mark::Skipped
            } else if text == OVERVOTE_CELL {
                Mark::Overvote
            } else if text.contains('|') {
                let list = text
                    .split('|')
                    .map(&mut resolve)
                    .collect::<Result<Vec<_>, _>>()?;
                Mark::OvervoteOf(list)
            } else {
                Mark::Candidate(resolve(text)?)
            };
            marks.push(mark);
        }
        if weighted && record.is_empty() {
            return Err(parse_error(line, 1, "missing count"));
        }
        ballots.push(Ballot::new(weight, &marks));
    }
    Ok(ballots)
}
