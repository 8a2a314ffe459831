//! The ballot CSV of `tests/conformance/rctab/README.md`: no header, one ballot per line,
//! cell *i* is rank *i*; cells are empty, a candidate name, `(overvote)` or `A|B` (named
//! overvote); with `weighted`, the first cell is a positive count.
//!
//! The reader is written for speed on million-ballot files: it reads cells as slices of the
//! input (copying only quoted cells), looks names up by their bytes with a fast hash, and
//! groups identical lines while reading, so memory grows with the distinct rankings rather
//! than with the lines. It reads the CSV dialect of the `csv` crate's defaults exactly
//! (quotes, doubled quotes, `\r`/`\n`/`\r\n` line ends, blank lines skipped) and reports the
//! same line and column; a property test checks both against the `csv` crate.
//!
//! Any byte string is either parsed or rejected with a line and column; never a panic.

use super::{OVERVOTE_CELL, UNDECLARED_WRITE_INS};
use crate::tally::ballots::{Cell, FastMap};
use crate::tally::{Ballot, Candidate, CandidateId, TallyError};
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
///
/// Identical lines come back as one ballot carrying their summed weight, in order of first
/// appearance (the count groups identical ballots anyway).
pub fn parse_ballots(
    data: &[u8],
    candidates: &mut Vec<Candidate>,
    weighted: bool,
    unknown: UnknownNames,
) -> Result<Vec<Ballot>, TallyError> {
    let mut parser = BallotParser::new(std::mem::take(candidates), weighted, unknown)?;
    let result = parser.feed(data, true);
    let (list, ballots) = parser.finish();
    *candidates = list;
    result.map(|_| ballots)
}

/// Where a cell's bytes are: in the input, or (quoted cells) in the scratch buffer.
#[derive(Clone, Copy)]
enum Span {
    Input(usize, usize),
    Scratch(usize, usize),
}

/// A streaming ballot reader: feed it the input in pieces (each piece starting where the
/// previous call stopped consuming), then take the candidates and grouped ballots.
pub struct BallotParser {
    candidates: Vec<Candidate>,
    ids: FastMap<Box<[u8]>, CandidateId>,
    weighted: bool,
    unknown: UnknownNames,
    /// Distinct rankings: order of first appearance and summed weight.
    groups: FastMap<Box<[Cell]>, (usize, u64)>,
    /// Lines started so far (the `csv` crate's counter: 1 + line feeds read).
    line: u64,
    /// The line reported for the next record: the counter where the previous record ended.
    record_line: u64,
    /// Whether the start of the input (and a possible byte-order mark) has been read.
    started: bool,
    spans: Vec<Span>,
    scratch: Vec<u8>,
    cells: Vec<Cell>,
}

impl BallotParser {
    /// A reader resolving names against `candidates` (and extending it with `Add`).
    pub fn new(
        candidates: Vec<Candidate>,
        weighted: bool,
        unknown: UnknownNames,
    ) -> Result<Self, TallyError> {
        let mut ids = FastMap::default();
        for (i, c) in candidates.iter().enumerate() {
            let id = CandidateId(u32::try_from(i).map_err(|_| TallyError::Overflow)?);
            ids.insert(Box::from(c.name.as_bytes()), id);
        }
        Ok(Self {
            candidates,
            ids,
            weighted,
            unknown,
            groups: FastMap::default(),
            line: 1,
            record_line: 1,
            started: false,
            spans: Vec::new(),
            scratch: Vec::new(),
            cells: Vec::new(),
        })
    }

    /// Reads every complete record of `data` and returns how many bytes it consumed; the
    /// caller passes the rest again, followed by more input. With `at_end`, `data` is the
    /// last piece and everything is consumed.
    pub fn feed(&mut self, data: &[u8], at_end: bool) -> Result<usize, TallyError> {
        let mut pos = 0;
        if !self.started {
            const BOM: &[u8] = b"\xef\xbb\xbf";
            if data.len() < BOM.len() && !at_end {
                return Ok(0);
            }
            self.started = true;
            if data.starts_with(BOM) {
                pos = BOM.len();
            }
        }
        loop {
            // Line ends between records are skipped (no empty records), as by `csv`.
            while let Some(&b) = data.get(pos) {
                if b == b'\n' {
                    self.line += 1;
                } else if b != b'\r' {
                    break;
                }
                pos += 1;
            }
            if pos >= data.len() {
                return Ok(data.len());
            }
            let Some((end, newlines)) = self.split_record(data, pos, at_end) else {
                return Ok(pos);
            };
            let line = self.record_line;
            self.line += newlines;
            self.record_line = self.line;
            self.add_record(data, line)?;
            pos = end;
        }
    }

    /// The candidates (with any added names) and the distinct ballots in order of first
    /// appearance, each weighing the lines it stands for.
    #[must_use]
    pub fn finish(self) -> (Vec<Candidate>, Vec<Ballot>) {
        let mut slots: Vec<Option<Ballot>> = Vec::new();
        slots.resize_with(self.groups.len(), || None);
        for (cells, (order, weight)) in self.groups {
            if let Some(slot) = slots.get_mut(order) {
                *slot = Some(Ballot::from_cells(weight, cells));
            }
        }
        (self.candidates, slots.into_iter().flatten().collect())
    }

    /// Splits the record starting at `start` into `self.spans`; returns the offset after its
    /// line end and the line feeds it contains, or `None` when `data` ends inside it.
    fn split_record(&mut self, data: &[u8], start: usize, at_end: bool) -> Option<(usize, u64)> {
        self.spans.clear();
        self.scratch.clear();
        let mut pos = start;
        let mut newlines = 0u64;
        loop {
            // One field; `quoted_from` is where its bytes start in the scratch buffer.
            let mut quoted_from = None;
            if data.get(pos) == Some(&b'"') {
                pos += 1;
                let from = self.scratch.len();
                quoted_from = Some(from);
                loop {
                    let rest = data.get(pos..).unwrap_or_default();
                    let Some(k) = rest.iter().position(|&b| b == b'"') else {
                        if !at_end {
                            return None;
                        }
                        newlines += count_line_feeds(rest);
                        self.scratch.extend_from_slice(rest);
                        self.spans.push(Span::Scratch(from, self.scratch.len()));
                        return Some((data.len(), newlines));
                    };
                    let inside = rest.get(..k).unwrap_or_default();
                    newlines += count_line_feeds(inside);
                    self.scratch.extend_from_slice(inside);
                    pos += k + 1;
                    match data.get(pos) {
                        Some(b'"') => {
                            self.scratch.push(b'"');
                            pos += 1;
                        }
                        None if !at_end => return None,
                        _ => break,
                    }
                }
            }
            // An unquoted field, or what follows a closing quote up to the delimiter.
            let rest = data.get(pos..).unwrap_or_default();
            let run = rest
                .iter()
                .position(|&b| matches!(b, b',' | b'\r' | b'\n'))
                .unwrap_or(rest.len());
            let end = pos + run;
            match quoted_from {
                Some(from) => {
                    self.scratch
                        .extend_from_slice(rest.get(..run).unwrap_or_default());
                    self.spans.push(Span::Scratch(from, self.scratch.len()));
                }
                None => self.spans.push(Span::Input(pos, end)),
            }
            match data.get(end) {
                Some(b',') => pos = end + 1,
                Some(b'\n') => return Some((end + 1, newlines + 1)),
                Some(_) => return Some((end + 1, newlines)),
                None if at_end => return Some((end, newlines)),
                None => return None,
            }
        }
    }

    /// Turns the split record into cells and adds it to its group.
    fn add_record(&mut self, data: &[u8], line: u64) -> Result<(), TallyError> {
        self.cells.clear();
        let mut weight = 1u64;
        let spans = std::mem::take(&mut self.spans);
        let scratch = std::mem::take(&mut self.scratch);
        let result = self.record_cells(data, &scratch, &spans, line, &mut weight);
        self.spans = spans;
        self.scratch = scratch;
        result?;
        if self.weighted && self.spans.is_empty() {
            return Err(parse_error(line, 1, "missing count"));
        }
        if let Some((_, total)) = self.groups.get_mut(self.cells.as_slice()) {
            // Past u64 the count refuses the total as an overflow.
            *total = total.saturating_add(weight);
        } else {
            let order = self.groups.len();
            self.groups
                .insert(Box::from(self.cells.as_slice()), (order, weight));
        }
        Ok(())
    }

    fn record_cells(
        &mut self,
        data: &[u8],
        scratch: &[u8],
        spans: &[Span],
        line: u64,
        weight: &mut u64,
    ) -> Result<(), TallyError> {
        for (i, span) in spans.iter().enumerate() {
            let column = u64::try_from(i + 1).unwrap_or(u64::MAX);
            let field = match *span {
                Span::Input(a, b) => data.get(a..b),
                Span::Scratch(a, b) => scratch.get(a..b),
            }
            .unwrap_or_default();
            if self.weighted && i == 0 {
                let text = std::str::from_utf8(field)
                    .map_err(|_| parse_error(line, column, "cell is not valid UTF-8"))?;
                *weight = text
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
            if field.is_empty() {
                self.cells.push(Cell::EMPTY);
                continue;
            }
            if field == OVERVOTE_CELL.as_bytes() {
                self.cells.push(Cell::OVERVOTE);
                continue;
            }
            let named_overvote = field.contains(&b'|');
            if !named_overvote && let Some(id) = self.ids.get(field) {
                self.cells.push(Cell::candidate(*id));
                continue;
            }
            let text = std::str::from_utf8(field)
                .map_err(|_| parse_error(line, column, "cell is not valid UTF-8"))?;
            if named_overvote {
                for (k, name) in text.split('|').enumerate() {
                    let id = self.resolve(name, line, column)?;
                    self.cells.push(if k == 0 {
                        Cell::candidate(id)
                    } else {
                        Cell::joined_candidate(id)
                    });
                }
            } else {
                let id = self.resolve(text, line, column)?;
                self.cells.push(Cell::candidate(id));
            }
        }
        Ok(())
    }

    fn resolve(&mut self, name: &str, line: u64, column: u64) -> Result<CandidateId, TallyError> {
        if let Some(id) = self.ids.get(name.as_bytes()) {
            return Ok(*id);
        }
        if self.unknown == UnknownNames::Reject || name.trim().is_empty() {
            return Err(parse_error(
                line,
                column,
                format!("unknown candidate {name:?}"),
            ));
        }
        let id =
            CandidateId(u32::try_from(self.candidates.len()).map_err(|_| TallyError::Overflow)?);
        let mut c = Candidate::new(name);
        c.undeclared_write_in = name == UNDECLARED_WRITE_INS;
        self.candidates.push(c);
        self.ids.insert(Box::from(name.as_bytes()), id);
        Ok(id)
    }
}

fn count_line_feeds(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

#[cfg(test)]
mod reference {
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
                    let id = CandidateId(
                        u32::try_from(candidates.len()).map_err(|_| TallyError::Overflow)?,
                    );
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tally::Mark;

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

    #[test]
    fn groups_identical_lines_in_order_of_first_appearance() {
        let mut c = names(&["A", "B"]);
        let b = parse_ballots(
            b"B,A\nA\nB,A\n\"B\",A\n",
            &mut c,
            false,
            UnknownNames::Reject,
        )
        .unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].weight(), 3);
        assert_eq!(b[0].marks()[0], Mark::Candidate(CandidateId(1)));
        assert_eq!(b[1].weight(), 1);
    }

    /// The reference's ballots grouped the way the fast reader groups them.
    fn grouped(ballots: Vec<Ballot>) -> Vec<Ballot> {
        let mut out: Vec<Ballot> = Vec::new();
        for b in ballots {
            match out.iter_mut().find(|o| o.cells() == b.cells()) {
                Some(o) => *o = o.clone().with_weight(o.weight().saturating_add(b.weight())),
                None => out.push(b),
            }
        }
        out
    }

    /// Reads `data` in pieces of the given sizes, as the CLI does from a file.
    fn parse_in_pieces(
        data: &[u8],
        candidates: Vec<Candidate>,
        weighted: bool,
        unknown: UnknownNames,
        piece: usize,
    ) -> (Vec<Candidate>, Result<Vec<Ballot>, TallyError>) {
        let mut parser = BallotParser::new(candidates, weighted, unknown).unwrap();
        let mut pending: Vec<u8> = Vec::new();
        let mut result = Ok(());
        for chunk in data.chunks(piece.max(1)) {
            pending.extend_from_slice(chunk);
            match parser.feed(&pending, false) {
                Ok(used) => {
                    pending.drain(..used);
                }
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        if result.is_ok() {
            result = parser.feed(&pending, true).map(|_| ());
        }
        let (c, b) = parser.finish();
        (c, result.map(|()| b))
    }

    fn same_as_reference(data: &[u8], start: &[Candidate], weighted: bool, piece: usize) {
        for unknown in [UnknownNames::Reject, UnknownNames::Add] {
            let mut want_c = start.to_vec();
            let want = reference::parse_ballots(data, &mut want_c, weighted, unknown).map(grouped);
            let mut got_c = start.to_vec();
            let got = parse_ballots(data, &mut got_c, weighted, unknown);
            assert_eq!(got, want, "{:?}", String::from_utf8_lossy(data));
            if want.is_ok() {
                assert_eq!(got_c, want_c);
            }
            let (piece_c, pieces) = parse_in_pieces(data, start.to_vec(), weighted, unknown, piece);
            assert_eq!(
                pieces,
                want,
                "pieces of {piece}: {:?}",
                String::from_utf8_lossy(data)
            );
            if want.is_ok() {
                assert_eq!(piece_c, want_c);
            }
        }
    }

    #[test]
    fn reads_like_the_csv_crate_on_edge_cases() {
        let start = names(&["A", "B", "C|D", "(overvote)", ""]);
        for data in [
            &b""[..],
            b"\n\n\r\n",
            b"A\r\nZed\r\n",
            b"A\rB\r\rZed",
            b"A,\"B\nC\",\n\"\"\"A\"\"\"\nZed",
            b"\"A\"B,\"A\nZed",
            b"A,\"\"\"",
            b"A,\"B\"\"",
            b"2,A\n3,A\n\n,B\n",
            b"18446744073709551615,A\n1,A\n",
            b"A|B,C|D\n(overvote)|A\n|A\n",
            b"A,\xff\n",
            b"\xef\xbb\xbfA\n",
        ] {
            for weighted in [false, true] {
                for piece in [1, 2, 3, 7, 1000] {
                    same_as_reference(data, &start, weighted, piece);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn reads_like_the_csv_crate(
            tokens in proptest::collection::vec(proptest::sample::select(vec![
                &b"A"[..], b"B", b"Zed", b",", b"|", b"\"", b"\r", b"\n", b"\r\n", b"1", b"0",
                b" ", b"(overvote)", b"\xff", b"A|B",
            ]), 0..40),
            weighted in proptest::bool::ANY,
            piece in 1usize..9,
        ) {
            let data = tokens.concat();
            same_as_reference(&data, &names(&["A", "B", "A|B", "(overvote)"]), weighted, piece);
        }
    }
}
