//! Pabulib `.pb` reader: META, PROJECTS and VOTES blocks, `;`-separated CSV, every vote type.
//! Money and points are exact decimals; errors carry 1-based line numbers; any byte
//! sequence gives `Ok` or `Err`, never a panic.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::hash::{Hash as _, Hasher as _};
use std::sync::Arc;

use super::super::ballots::FastMap;
use super::amount::{parse_decimal, rescale};
use super::error::BudgetError;
use super::instance::{Instance, Project, VoteType};
use super::voters::{BallotRef, Voters};

mod plain;
mod rows;

use rows::{Rows, split_at_byte, trim};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Start,
    Meta,
    Projects,
    Votes,
}

/// The rows of one block: every row's fields in one list, a row being a range of it, so a
/// row costs no allocation of its own.
#[derive(Default)]
struct Block<'t> {
    fields: Vec<Cow<'t, str>>,
    /// Per row: its line and the end of its fields in `fields` (it starts where the previous
    /// row ends).
    rows: Vec<(u64, usize)>,
}

impl<'t> Block<'t> {
    fn push(&mut self, line: u64, fields: &mut Vec<Cow<'t, str>>) {
        self.fields.append(fields);
        self.rows.push((line, self.fields.len()));
    }

    fn rows(&self) -> impl Iterator<Item = Row<'_, 't>> + '_ {
        let mut start = 0;
        self.rows.iter().map(move |&(line, end)| {
            let fields = self.fields.get(start..end).unwrap_or_default();
            start = end;
            Row { line, fields }
        })
    }
}

/// A row: its line and its fields, borrowed from its [`Block`].
#[derive(Clone, Copy)]
struct Row<'b, 't> {
    line: u64,
    fields: &'b [Cow<'t, str>],
}

impl<'b> Row<'b, '_> {
    fn get(&self, col: usize) -> Option<&'b str> {
        self.fields.get(col).map(AsRef::as_ref)
    }

    fn iter(&self) -> impl Iterator<Item = &'b str> + 'b {
        self.fields.iter().map(AsRef::as_ref)
    }
}

/// Parses a `.pb` file's bytes (UTF-8, optional byte-order mark).
///
/// The META and PROJECTS blocks are kept as rows until the VOTES heading; voters are then
/// built row by row as they are read, so the VOTES block is never held in full. Errors come
/// in the order of a reader that splits the whole file first: misplaced or missing blocks,
/// then META and PROJECTS, then voters in row order, then points out of range.
pub fn parse_pabulib(bytes: &[u8]) -> Result<Instance, BudgetError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        BudgetError::parse(line, "the file is not valid UTF-8")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Rows::new(text);
    let mut section = Section::Start;
    let (mut meta, mut projects) = (Block::default(), Block::default());
    // From the VOTES heading on: the voters read so far, or the first error of META, PROJECTS
    // or a voter, reported only once the rest of the file has no misplaced block.
    let mut votes: Option<Result<VotesReader, BudgetError>> = None;
    let mut record = Vec::new();
    loop {
        if let Some(Ok(voters)) = &mut votes {
            // Plain voter rows straight from the text; the rest as below.
            let (read, feeds) = voters.plain_rows(rows.rest());
            rows.skip(read, feeds);
        }
        let Some(line) = rows.next_into(&mut record) else {
            break;
        };
        let first = record.first().map(|f| trim(f)).unwrap_or_default();
        let rest_empty = || record.iter().skip(1).all(|f| trim(f).is_empty());
        if first.is_empty() && rest_empty() {
            continue;
        }
        // Only a short first field can be a heading (most rows are voters).
        let short = first.len() <= "projects".len();
        let heading = |name: &str| short && first.eq_ignore_ascii_case(name) && rest_empty();
        let next = if heading("meta") {
            Some(Section::Meta)
        } else if heading("projects") {
            Some(Section::Projects)
        } else if heading("votes") {
            Some(Section::Votes)
        } else {
            None
        };
        if let Some(next) = next {
            let expected = match section {
                Section::Start => Section::Meta,
                Section::Meta => Section::Projects,
                Section::Projects | Section::Votes => Section::Votes,
            };
            if next != expected || section == Section::Votes {
                return Err(BudgetError::parse(
                    line,
                    "blocks must come once each, in the order META, PROJECTS, VOTES",
                ));
            }
            section = next;
            if section == Section::Votes {
                votes = Some(build(&meta, &projects).map(|mut voters| {
                    // Room for a voter a line (one line is the header).
                    voters.instance.voters.reserve(rows.line_feeds_left());
                    voters
                }));
            }
            continue;
        }
        match section {
            Section::Start => {
                return Err(BudgetError::parse(line, "expected the META block first"));
            }
            Section::Meta => meta.push(line, &mut record),
            Section::Projects => projects.push(line, &mut record),
            Section::Votes => {
                if let Some(Ok(voters)) = &mut votes
                    && let Err(e) = voters.row(line, &record)
                {
                    votes = Some(Err(e));
                }
            }
        }
    }
    match votes {
        Some(voters) => voters?.finish(),
        None => Err(BudgetError::parse(
            rows.end_line(),
            "missing block: a .pb file has META, PROJECTS and VOTES",
        )),
    }
}

fn field<'b>(row: &Row<'b, '_>, col: usize, name: &str) -> Result<&'b str, BudgetError> {
    row.get(col)
        .map(trim)
        .ok_or_else(|| BudgetError::parse(row.line, format!("missing `{name}` value")))
}

fn header_columns(header: &Row<'_, '_>, required: &[&str]) -> Result<Vec<usize>, BudgetError> {
    required
        .iter()
        .map(|name| {
            column_index(header, name).ok_or_else(|| {
                BudgetError::parse(header.line, format!("the header has no `{name}` column"))
            })
        })
        .collect()
}

fn column_index(header: &Row<'_, '_>, name: &str) -> Option<usize> {
    header
        .iter()
        .position(|f| f.trim().eq_ignore_ascii_case(name))
}

fn extras(header: &Row<'_, '_>, skip: &[usize]) -> (Vec<String>, Vec<usize>) {
    header
        .iter()
        .enumerate()
        .filter(|(i, _)| !skip.contains(i))
        .map(|(i, f)| (f.trim().to_string(), i))
        .unzip()
}

/// Builds META and PROJECTS; the voters come next, row by row.
fn build(meta_rows: &Block<'_>, project_rows: &Block<'_>) -> Result<VotesReader, BudgetError> {
    let mut meta = Vec::new();
    let mut budget_raw = None;
    let mut vote_type = VoteType::Approval;
    for (i, row) in meta_rows.rows().enumerate() {
        let key = field(&row, 0, "key")?.to_string();
        let value = row.get(1).unwrap_or_default().to_string();
        if i == 0 && key.eq_ignore_ascii_case("key") {
            continue;
        }
        match key.to_ascii_lowercase().as_str() {
            "budget" => {
                let parsed = parse_decimal(&value).ok_or_else(|| {
                    BudgetError::parse(
                        row.line,
                        format!("budget `{value}` is not a non-negative decimal"),
                    )
                })?;
                budget_raw = Some(parsed);
            }
            "vote_type" => {
                vote_type = VoteType::parse(&value).ok_or_else(|| {
                    BudgetError::parse(row.line, format!("unknown vote_type `{}`", value.trim()))
                })?;
            }
            "num_projects" | "num_votes" => {}
            _ => meta.push((key, value)),
        }
    }
    let budget_raw = budget_raw.ok_or_else(|| BudgetError::parse(1, "META has no `budget`"))?;

    let mut prows = project_rows.rows();
    let header = prows
        .next()
        .ok_or_else(|| BudgetError::parse(1, "PROJECTS has no header line"))?;
    let cols = header_columns(&header, &["project_id", "cost"])?;
    let (id_col, cost_col) = (
        cols.first().copied().unwrap_or(0),
        cols.get(1).copied().unwrap_or(1),
    );
    let (project_columns, project_extra_cols) = extras(&header, &[id_col, cost_col]);
    let mut raw_projects = Vec::new();
    let mut index = ProjectIndex::default();
    let mut scale = budget_raw.1;
    for row in prows {
        let id = field(&row, id_col, "project_id")?.to_string();
        if id.is_empty() {
            return Err(BudgetError::parse(row.line, "empty project_id"));
        }
        let cost_text = field(&row, cost_col, "cost")?;
        let cost = parse_decimal(cost_text).ok_or_else(|| {
            BudgetError::parse(
                row.line,
                format!("cost `{cost_text}` is not a non-negative decimal"),
            )
        })?;
        scale = scale.max(cost.1);
        if index.insert(&id, raw_projects.len()).is_some() {
            return Err(BudgetError::parse(
                row.line,
                format!("project `{id}` appears twice"),
            ));
        }
        let extra = project_extra_cols
            .iter()
            .map(|&c| row.get(c).unwrap_or_default().to_string())
            .collect();
        raw_projects.push((row.line, id, cost, extra));
    }
    let too_big = |line| BudgetError::parse(line, "amount too large");
    let budget = rescale(budget_raw.0, budget_raw.1, scale).ok_or_else(|| too_big(1))?;
    let mut projects = Vec::with_capacity(raw_projects.len());
    for (line, id, (digits, decimals), extra) in raw_projects {
        let cost = rescale(digits, decimals, scale).ok_or_else(|| too_big(line))?;
        projects.push(Project { id, cost, extra });
    }

    Ok(VotesReader {
        instance: Instance {
            meta,
            vote_type,
            scale,
            budget,
            projects,
            project_columns,
            points_scale: 0,
            voters: Voters::new(),
            voter_columns: Vec::new(),
        },
        index,
        columns: None,
        plain: None,
        points: Vec::new(),
        ballot: Vec::new(),
        id_text: String::new(),
        extras: FastMap::default(),
        spans: Spans::default(),
        no_extras: 0,
    })
}

/// Project indices by id. Ids of at most 15 bytes (nearly all) are looked up as one integer,
/// their bytes and length, so a look-up neither hashes a string nor compares bytes.
#[derive(Default)]
struct ProjectIndex {
    short: FastMap<u128, usize>,
    long: FastMap<String, usize>,
}

impl ProjectIndex {
    /// The id's bytes and length as one integer, if it has at most 15 bytes.
    fn key(id: &str) -> Option<u128> {
        short_key(id.as_bytes(), 0, id.len())
    }

    /// Adds an id; returns the index it had if it was already there.
    fn insert(&mut self, id: &str, p: usize) -> Option<usize> {
        match Self::key(id) {
            Some(key) => self.short.insert(key, p),
            None => self.long.insert(id.to_string(), p),
        }
    }

    fn get(&self, id: &str) -> Option<usize> {
        match Self::key(id) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(id).copied(),
        }
    }
}

/// The bytes `start..end` of `bytes` and their length as one integer ([`ProjectIndex::key`]),
/// if they are at most 15: one 16-byte load, masked to the length, where `bytes` go on far
/// enough (nearly always, as a value is read inside its file), else built a byte at a time.
fn short_key(bytes: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end.checked_sub(start).filter(|&n| n < 16)?;
    let length = (len as u128) << 120;
    if let Some(wide) = bytes
        .get(start..start + 16)
        .and_then(|b| <[u8; 16]>::try_from(b).ok())
    {
        let mask = (1u128 << (8 * len)) - 1;
        return Some((u128::from_le_bytes(wide) & mask) | length);
    }
    // Built in registers: a copy to the stack and a wide load back stalls the look-up.
    let value = bytes.get(start..end)?;
    let bits = value.iter().rev().fold(0, |k, &b| (k << 8) | u128::from(b));
    Some(bits | length)
}

/// The id of voter `n` (0-based) of a block without a `voter_id` column: its number, written
/// into `text`.
fn numbered(text: &mut String, n: usize) -> &str {
    text.clear();
    let _ = write!(text, "{}", n + 1);
    text.as_str()
}

/// Where a VOTES row's values are, from the block's header row.
struct VoteColumns {
    vote: usize,
    id: Option<usize>,
    /// Only for cumulative and scoring votes.
    points: Option<usize>,
    /// The extra columns, in header order.
    extra: Vec<usize>,
}

/// The voters of the VOTES block, built as its rows are read.
struct VotesReader {
    /// Everything but the voters' cardinal ballots, which wait for the points' common scale.
    instance: Instance,
    /// Project index by id.
    index: ProjectIndex,
    /// Set by the block's first row, its header.
    columns: Option<VoteColumns>,
    /// The columns' roles for rows read in one pass ([`plain`]), when that path applies.
    plain: Option<Vec<plain::Column>>,
    /// Cardinal ballots before the common scale, voter after voter: the voter's line, a
    /// project and its exact points.
    points: Vec<(u64, usize, (u128, u32))>,
    /// Scratch: the current row's projects, in ballot order.
    ballot: Vec<usize>,
    /// Scratch: the id of a voter without one (its number).
    id_text: String,
    /// Extra column values shared by the voters that have the same ones (most voters repeat
    /// a few combinations, such as age, sex and voting method): by the values' hash, their
    /// indices in the voters' table ([`Voters::share`]).
    extras: FastMap<u64, Vec<usize>>,
    /// The same, by the text of their columns in a row.
    spans: Spans,
    /// The index of an empty list of values, when the block has no extra columns.
    no_extras: usize,
}

/// Lists of extra values by the text of their columns in a row (the values joined by `;`),
/// for the rows read in one pass ([`plain`]): a text of at most 15 bytes by its short key
/// ([`short_key`]), a longer one by itself.
#[derive(Default)]
struct Spans {
    short: FastMap<u128, usize>,
    long: FastMap<Box<[u8]>, usize>,
}

impl Spans {
    /// The voters' table index of the list whose columns are `bytes[start..end]`.
    fn get(&self, bytes: &[u8], start: usize, end: usize) -> Option<usize> {
        match short_key(bytes, start, end) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(bytes.get(start..end)?).copied(),
        }
    }

    /// Keeps `index` for the list of `values`, unless a value holds a `;` (their text in a
    /// row would then not tell the values apart; such rows are not read in one pass).
    fn insert<'v>(&mut self, values: impl Iterator<Item = &'v str> + Clone, index: usize) {
        if values.clone().any(|v| v.contains(';')) {
            return;
        }
        let mut text = Vec::new();
        for (i, value) in values.enumerate() {
            if i > 0 {
                text.push(b';');
            }
            text.extend_from_slice(value.as_bytes());
        }
        match short_key(&text, 0, text.len()) {
            Some(key) => self.short.insert(key, index),
            None => self.long.insert(text.into_boxed_slice(), index),
        };
    }
}

impl VotesReader {
    /// Reads one row: the header, then one voter per row.
    fn row(&mut self, line: u64, fields: &[Cow<'_, str>]) -> Result<(), BudgetError> {
        let row = Row { line, fields };
        let Some(columns) = &self.columns else {
            let columns = self.header(&row)?;
            self.plain = plain::roles(self.instance.vote_type, &columns);
            self.columns = Some(columns);
            return Ok(());
        };
        let vote_type = self.instance.vote_type;
        let n = self.instance.voters.len();
        let given_id = columns.id.map(|c| field(&row, c, "voter_id")).transpose()?;
        let names = || {
            let vote = row.get(columns.vote).map(trim).unwrap_or_default();
            split_at_byte(vote, b',')
                .map(trim)
                .filter(|s| !s.is_empty())
        };
        let points = || {
            let text = columns.points.and_then(|c| row.get(c)).map(trim);
            let text = text.unwrap_or_default();
            split_at_byte(text, b',')
                .map(trim)
                .filter(|s| !s.is_empty())
        };
        if vote_type.is_cardinal() && points().count() != names().count() {
            return Err(BudgetError::parse(
                line,
                format!(
                    "{} projects but {} points",
                    names().count(),
                    points().count()
                ),
            ));
        }
        self.ballot.clear();
        let first_points = self.points.len();
        let mut texts = points();
        for name in names() {
            let p = self.index.get(name).ok_or_else(|| {
                BudgetError::parse(line, format!("vote for unknown project `{name}`"))
            })?;
            if !vote_type.is_cardinal() {
                // A repeated project: approval and ordinal ballots keep the first mention.
                if !self.ballot.contains(&p) {
                    self.ballot.push(p);
                }
                continue;
            }
            let text = texts.next().unwrap_or_default();
            let pts = parse_decimal(text).ok_or_else(|| {
                BudgetError::parse(
                    line,
                    format!("points `{text}` are not a non-negative decimal"),
                )
            })?;
            self.instance.points_scale = u32::max(self.instance.points_scale, pts.1);
            let mine = self.points.get_mut(first_points..).unwrap_or_default();
            match mine.iter_mut().find(|entry| entry.1 == p) {
                // Points keep the last mention of a repeated project (as a Python dict would).
                Some(entry) => entry.2 = pts,
                None => self.points.push((line, p, pts)),
            }
        }
        let extra = self.extras(&row);
        let id = match given_id {
            Some(id) => id,
            None => numbered(&mut self.id_text, n),
        };
        let voters = &mut self.instance.voters;
        match vote_type {
            VoteType::Approval | VoteType::Choose1 => {
                voters.push_shared(id, BallotRef::Approval(&self.ballot), extra);
            }
            VoteType::Ordinal => voters.push_shared(id, BallotRef::Ordinal(&self.ballot), extra),
            VoteType::Cumulative | VoteType::Scoring => {
                voters.push_cardinal_later(id, self.points.len() - first_points, extra);
            }
        }
        Ok(())
    }

    /// Reads the block's header row.
    fn header(&mut self, header: &Row<'_, '_>) -> Result<VoteColumns, BudgetError> {
        let vote_type = self.instance.vote_type;
        let vote = header_columns(header, &["vote"])?
            .first()
            .copied()
            .unwrap_or(0);
        let id = column_index(header, "voter_id");
        // Only cumulative and scoring votes have points; for the other types a `points`
        // column is kept like any other extra column, so writing the instance back loses
        // nothing.
        let points = column_index(header, "points").filter(|_| vote_type.is_cardinal());
        if vote_type.is_cardinal() && points.is_none() {
            return Err(BudgetError::parse(
                header.line,
                "cumulative/scoring votes need a `points` column",
            ));
        }
        let mut skip: Vec<usize> = vec![vote];
        skip.extend(id);
        skip.extend(points);
        let (names, extra) = extras(header, &skip);
        self.instance.voter_columns = names;
        if extra.is_empty() {
            self.no_extras = self.instance.voters.share(Arc::default());
        }
        Ok(VoteColumns {
            vote,
            id,
            points,
            extra,
        })
    }

    /// The voter's extra column values, shared with the voters before it that have the same:
    /// their index in the voters' table.
    fn extras(&mut self, row: &Row<'_, '_>) -> usize {
        let cols = self
            .columns
            .as_ref()
            .map(|c| c.extra.as_slice())
            .unwrap_or_default();
        if cols.is_empty() {
            return self.no_extras;
        }
        let values = || cols.iter().map(|&c| row.get(c).unwrap_or_default());
        let voters = &mut self.instance.voters;
        let mut hasher = rustc_hash::FxHasher::default();
        values().for_each(|v| v.hash(&mut hasher));
        let same = self.extras.entry(hasher.finish()).or_default();
        let found = same.iter().copied().find(|&i| {
            voters
                .shared(i)
                .is_some_and(|e| e.iter().map(String::as_str).eq(values()))
        });
        if let Some(index) = found {
            return index;
        }
        let new = voters.share(values().map(str::to_string).collect());
        same.push(new);
        // A list is new here once; rows read in one pass find it by its text from then on.
        if self.plain.is_some() {
            self.spans.insert(values(), new);
        }
        new
    }

    /// The instance, once every row is read: cardinal ballots get their points on the
    /// common scale (their errors come after every row's own).
    fn finish(mut self) -> Result<Instance, BudgetError> {
        let scale = self.instance.points_scale;
        // Every cardinal ballot's entries, voter after voter: the ranges the voters were
        // given as their rows were read.
        let scored = self
            .points
            .into_iter()
            .map(|(line, p, (digits, decimals))| {
                rescale(digits, decimals, scale)
                    .map(|v| (p, v))
                    .ok_or_else(|| BudgetError::parse(line, "points too large"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.instance.voters.set_scored(scored).map_err(|_| {
            BudgetError::Invalid("the cardinal ballots' points were lost while reading".into())
        })?;
        Ok(self.instance)
    }
}

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;
