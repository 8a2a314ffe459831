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
use crate::tally::ballots::{Cell, FastMap, RankingIndex};
use crate::tally::{Ballot, Candidate, CandidateId, TallyError};

mod names;

use names::{ShortNames, short_key};
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
    /// The names of at most 16 bytes again, for the plain-record path.
    short_ids: ShortNames,
    /// The input's expected size (see [`BallotParser::expect_bytes`]), until the first piece.
    expected_bytes: Option<u64>,
    weighted: bool,
    unknown: UnknownNames,
    /// Distinct rankings in order of first appearance, each with its summed weight.
    ballots: Vec<Ballot>,
    /// Finds a ranking among `ballots`.
    index: RankingIndex,
    /// Lines started so far (the `csv` crate's counter: 1 + line feeds read).
    line: u64,
    /// The line reported for the next record: the counter where the previous record ended.
    record_line: u64,
    /// Whether the start of the input (and a possible byte-order mark) has been read.
    started: bool,
    spans: Vec<Span>,
    scratch: Vec<u8>,
    cells: Vec<Cell>,
    /// Rankings read but not yet grouped, grouped [`BATCH`] at a time (see
    /// [`RankingIndex::touch`]): their cells one after another, and per ranking the end of
    /// its cells, its weight and its hash.
    queued_cells: Vec<Cell>,
    queued: Vec<(usize, u64, u32)>,
}

/// Rankings grouped together: enough for their table look-ups to overlap their cache misses.
const BATCH: usize = 16;

impl BallotParser {
    /// A reader resolving names against `candidates` (and extending it with `Add`).
    pub fn new(
        candidates: Vec<Candidate>,
        weighted: bool,
        unknown: UnknownNames,
    ) -> Result<Self, TallyError> {
        let mut ids = FastMap::default();
        let mut short_ids = ShortNames::new();
        for (i, c) in candidates.iter().enumerate() {
            let id = CandidateId(u32::try_from(i).map_err(|_| TallyError::Overflow)?);
            ids.insert(Box::from(c.name.as_bytes()), id);
            if let Some(key) = short_key(c.name.as_bytes()) {
                short_ids.insert(key, id);
            }
        }
        Ok(Self {
            candidates,
            ids,
            short_ids,
            expected_bytes: None,
            weighted,
            unknown,
            ballots: Vec::new(),
            index: RankingIndex::with_capacity(0),
            line: 1,
            record_line: 1,
            started: false,
            spans: Vec::new(),
            scratch: Vec::new(),
            cells: Vec::new(),
            queued_cells: Vec::new(),
            queued: Vec::with_capacity(BATCH),
        })
    }

    /// Tells the reader how many bytes the whole input has: after the first piece it makes
    /// room for the distinct rankings it then expects, instead of growing its table again
    /// and again (each growth rehashes every ranking and touches fresh memory).
    pub fn expect_bytes(&mut self, total: u64) {
        self.expected_bytes = Some(total);
    }

    /// Reads every complete record of `data` and returns how many bytes it consumed; the
    /// caller passes the rest again, followed by more input. With `at_end`, `data` is the
    /// last piece and everything is consumed.
    pub fn feed(&mut self, data: &[u8], at_end: bool) -> Result<usize, TallyError> {
        let used = self.read_records(data, at_end)?;
        if used > 0
            && let Some(total) = self.expected_bytes.take()
        {
            let seen = self.ballots.len() as u128;
            let estimate = u128::from(total) * seen / used as u128;
            let more = usize::try_from(estimate)
                .unwrap_or(usize::MAX)
                .saturating_sub(self.ballots.len())
                .min(1 << 25);
            self.index.reserve(more);
            self.ballots.reserve(more);
        }
        Ok(used)
    }

    fn read_records(&mut self, data: &[u8], at_end: bool) -> Result<usize, TallyError> {
        let read = self.read_queued(data, at_end);
        // The rankings still queued are grouped first, so an error grouping one of them (an
        // earlier line) comes before a later line's error.
        self.group_queued()?;
        read
    }

    /// Reads the records of `data`, queueing their rankings; see [`Self::read_records`].
    fn read_queued(&mut self, data: &[u8], at_end: bool) -> Result<usize, TallyError> {
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
            if !self.weighted
                && let Some((end, newlines)) = self.plain_record(data, pos, at_end)
            {
                self.line += newlines;
                self.record_line = self.line;
                self.add_cells(1)?;
                pos = end;
                continue;
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
        (self.candidates, self.ballots)
    }

    /// Reads the record starting at `start` straight into `self.cells` when it is plain: no
    /// quotes, no named overvote, only empty cells, `(overvote)` and known names, complete
    /// in `data`. Returns the offset after its line end and the line feeds it contains, or
    /// `None` for the general path ([`Self::split_record`]), which gives the same cells
    /// and reports errors. Most ballot files are plain on every line.
    fn plain_record(&mut self, data: &[u8], start: usize, at_end: bool) -> Option<(usize, u64)> {
        self.cells.clear();
        let mut pos = start;
        loop {
            let rest = data.get(pos..)?;
            if rest.first() == Some(&b'"') {
                return None;
            }
            let run = rest
                .iter()
                .position(|&b| STOPS.get(usize::from(b)).copied().unwrap_or(false))
                .unwrap_or(rest.len());
            let field = rest.get(..run)?;
            let cell = if field.is_empty() {
                Cell::EMPTY
            } else if field == OVERVOTE_CELL.as_bytes() {
                Cell::OVERVOTE
            } else if let Some(key) = short_key(field) {
                Cell::candidate(self.short_ids.get(&key)?)
            } else {
                Cell::candidate(*self.ids.get(field)?)
            };
            self.cells.push(cell);
            let end = pos + run;
            match data.get(end) {
                Some(b',') => pos = end + 1,
                Some(b'\n') => return Some((end + 1, 1)),
                Some(b'\r') => return Some((end + 1, 0)),
                None if at_end => return Some((end, 0)),
                // `|` (a named overvote), or the record goes on in the next piece.
                _ => return None,
            }
        }
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
        self.add_cells(weight)
    }

    /// Queues the ranking in `self.cells`, standing for `weight` lines, for its group.
    fn add_cells(&mut self, weight: u64) -> Result<(), TallyError> {
        let hash = RankingIndex::hash(&self.cells);
        self.queued_cells.extend_from_slice(&self.cells);
        self.queued.push((self.queued_cells.len(), weight, hash));
        if self.queued.len() >= BATCH {
            self.group_queued()?;
        }
        Ok(())
    }

    /// Adds the queued rankings to their groups, in order, and empties the queue.
    fn group_queued(&mut self) -> Result<(), TallyError> {
        let mut queued = std::mem::take(&mut self.queued);
        let mut cells = std::mem::take(&mut self.queued_cells);
        let result = self.group(&queued, &cells);
        queued.clear();
        cells.clear();
        self.queued = queued;
        self.queued_cells = cells;
        result
    }

    fn group(&mut self, queued: &[(usize, u64, u32)], all: &[Cell]) -> Result<(), TallyError> {
        self.index.touch(queued.iter().map(|q| q.2));
        let mut start = 0;
        for &(end, weight, hash) in queued {
            let cells = all.get(start..end).unwrap_or_default();
            start = end;
            let ballots = &self.ballots;
            let found = self.index.find_or_insert_hashed(hash, cells, |g| {
                ballots
                    .get(g as usize)
                    .map(Ballot::cells)
                    .unwrap_or_default()
            })?;
            match found {
                Some(g) => {
                    if let Some(b) = self.ballots.get_mut(g as usize) {
                        b.add_weight(weight);
                    }
                }
                None => self
                    .ballots
                    .push(Ballot::from_cells(weight, Box::from(cells))),
            }
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
        let mut c = Candidate::new(name);
        c.undeclared_write_in = name == UNDECLARED_WRITE_INS;
        self.add_candidate(c)
    }

    fn add_candidate(&mut self, c: Candidate) -> Result<CandidateId, TallyError> {
        let id =
            CandidateId(u32::try_from(self.candidates.len()).map_err(|_| TallyError::Overflow)?);
        self.ids.insert(Box::from(c.name.as_bytes()), id);
        if let Some(key) = short_key(c.name.as_bytes()) {
            self.short_ids.insert(key, id);
        }
        self.candidates.push(c);
        Ok(id)
    }
}

/// Bytes that end a cell of a plain record (see [`BallotParser::plain_record`]).
#[expect(
    clippy::indexing_slicing,
    reason = "byte values index a 256-entry table, evaluated at compile time"
)]
const STOPS: [bool; 256] = {
    let mut t = [false; 256];
    t[b',' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'|' as usize] = true;
    t
};

fn count_line_feeds(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;
