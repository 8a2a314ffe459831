//! The ballot CSV of `tests/conformance/rctab/README.md`: no header, one ballot per line,
//! cell *i* is rank *i*; cells are empty, a candidate name, `(overvote)` or `A|B` (named
//! overvote); with `weighted`, the first cell is a positive count.
//!
//! Any byte string is either parsed or rejected with a line and column; never a panic.

use std::collections::HashMap;

use super::{OVERVOTE_CELL, UNDECLARED_WRITE_INS};
use crate::tally::{Ballot, Candidate, CandidateId, Mark, TallyError};

fn parse_error(line: u64, column: u64, message: impl Into<String>) -> TallyError {
    TallyError::Parse {
        line,
        column,
        message: message.into(),
    }
}

/// How to treat names not in the candidate list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownNames {
    /// Reject the file (a rules file lists the candidates).
    Reject,
    /// Add them to the candidate list in order of first appearance.
    Add,
}

/// Parse ballots, resolving names against (and possibly extending) `candidates`.
pub fn parse_ballots(
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
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut ballots = Vec::new();
    let mut record = ::csv::ByteRecord::new();
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
        let line = record.position().map_or(line, ::csv::Position::line);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<Candidate> {
        list.iter().map(|n| Candidate::new(*n)).collect()
    }

    #[test]
    fn reads_quoted_names_overvotes_and_blank_ballots() {
        let mut c = names(&["A", "Mavodones, Nicholas M. Jr.", "B"]);
        let data = b"A,\"Mavodones, Nicholas M. Jr.\",\n(overvote),,B\nA|B,,\n,,\n\"\"\n";
        let b = parse_ballots(data, &mut c, false, UnknownNames::Reject).unwrap();
        assert_eq!(b.len(), 5);
        assert_eq!(b[0].marks()[1], Mark::Candidate(CandidateId(1)));
        assert_eq!(b[1].marks()[0], Mark::Overvote);
        assert_eq!(
            b[2].marks()[0],
            Mark::OvervoteOf(vec![CandidateId(0), CandidateId(2)])
        );
        assert!(b[3].is_blank());
        assert!(b[4].is_blank());
    }

    #[test]
    fn unknown_name_reports_line_and_column() {
        let mut c = names(&["A"]);
        let err = parse_ballots(b"A,\nA,Zed\n", &mut c, false, UnknownNames::Reject).unwrap_err();
        assert_eq!(
            err,
            TallyError::Parse {
                line: 2,
                column: 2,
                message: "unknown candidate \"Zed\"".into()
            }
        );
    }

    #[test]
    fn weighted_lines_need_a_positive_count() {
        let mut c = names(&["A"]);
        let b = parse_ballots(b"3,A\n", &mut c, true, UnknownNames::Reject).unwrap();
        assert_eq!(b[0].weight(), 3);
        assert!(parse_ballots(b"0,A\n", &mut c, true, UnknownNames::Reject).is_err());
        assert!(parse_ballots(b"x,A\n", &mut c, true, UnknownNames::Reject).is_err());
    }

    #[test]
    fn discovers_candidates_when_asked() {
        let mut c = Vec::new();
        let b = parse_ballots(b"B,A\nA,C\n", &mut c, false, UnknownNames::Add).unwrap();
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].name, "B");
        assert_eq!(b.len(), 2);
    }
}
