//! Pabulib `.pb` reader: META, PROJECTS and VOTES blocks, `;`-separated CSV, every vote type.
//! Money and points are exact decimals; errors carry 1-based line numbers; any byte
//! sequence gives `Ok` or `Err`, never a panic.

use super::super::ballots::FastMap;
use super::amount::{parse_decimal, rescale};
use super::error::BudgetError;
use super::instance::{Ballot, Instance, Project, VoteType, Voter};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Start,
    Meta,
    Projects,
    Votes,
}

/// A row: its fields stay in the `csv` record (two allocations, not one per field).
struct Row {
    line: u64,
    fields: csv::StringRecord,
}

/// Parses a `.pb` file's bytes (UTF-8, optional byte-order mark).
pub fn parse_pabulib(bytes: &[u8]) -> Result<Instance, BudgetError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        BudgetError::parse(line, "the file is not valid UTF-8")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (meta, projects, votes) = split_sections(text)?;
    build(meta, projects, votes)
}

/// Rows of the META, PROJECTS and VOTES blocks.
type Blocks = (Vec<Row>, Vec<Row>, Vec<Row>);

fn split_sections(text: &str) -> Result<Blocks, BudgetError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // csv's own line counter skips blank lines; count from byte offsets instead.
    let newlines: Vec<u64> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i as u64)
        .collect();
    let line_of = |byte: u64| newlines.partition_point(|&nl| nl <= byte) as u64 + 1;
    let mut section = Section::Start;
    let (mut meta, mut projects, mut votes) = (Vec::new(), Vec::new(), Vec::new());
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| line_of(p.byte()));
            BudgetError::parse(line, format!("unreadable row: {e}"))
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| line_of(p.byte()));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let first = record.get(0).unwrap_or_default().trim();
        let rest_empty = record.iter().skip(1).all(|f| f.trim().is_empty());
        let heading = |name: &str| rest_empty && first.eq_ignore_ascii_case(name);
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
            continue;
        }
        let row = Row {
            line,
            fields: record.clone(),
        };
        match section {
            Section::Start => {
                return Err(BudgetError::parse(line, "expected the META block first"));
            }
            Section::Meta => meta.push(row),
            Section::Projects => projects.push(row),
            Section::Votes => votes.push(row),
        }
    }
    if section != Section::Votes {
        return Err(BudgetError::parse(
            line_of(reader.position().byte()),
            "missing block: a .pb file has META, PROJECTS and VOTES",
        ));
    }
    Ok((meta, projects, votes))
}

fn field<'a>(row: &'a Row, col: usize, name: &str) -> Result<&'a str, BudgetError> {
    row.fields
        .get(col)
        .map(|s| s.trim())
        .ok_or_else(|| BudgetError::parse(row.line, format!("missing `{name}` value")))
}

fn header_columns(header: &Row, required: &[&str]) -> Result<Vec<usize>, BudgetError> {
    required
        .iter()
        .map(|name| {
            header
                .fields
                .iter()
                .position(|f| f.trim().eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    BudgetError::parse(header.line, format!("the header has no `{name}` column"))
                })
        })
        .collect()
}

fn column_index(header: &Row, name: &str) -> Option<usize> {
    header
        .fields
        .iter()
        .position(|f| f.trim().eq_ignore_ascii_case(name))
}

fn extras(header: &Row, skip: &[usize]) -> (Vec<String>, Vec<usize>) {
    header
        .fields
        .iter()
        .enumerate()
        .filter(|(i, _)| !skip.contains(i))
        .map(|(i, f)| (f.trim().to_string(), i))
        .unzip()
}

fn build(
    meta_rows: Vec<Row>,
    project_rows: Vec<Row>,
    vote_rows: Vec<Row>,
) -> Result<Instance, BudgetError> {
    let mut meta = Vec::new();
    let mut budget_raw = None;
    let mut vote_type = VoteType::Approval;
    for (i, row) in meta_rows.iter().enumerate() {
        let key = field(row, 0, "key")?.to_string();
        let value = row.fields.get(1).unwrap_or_default().to_string();
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

    let mut prows = project_rows.iter();
    let header = prows
        .next()
        .ok_or_else(|| BudgetError::parse(1, "PROJECTS has no header line"))?;
    let cols = header_columns(header, &["project_id", "cost"])?;
    let (id_col, cost_col) = (
        cols.first().copied().unwrap_or(0),
        cols.get(1).copied().unwrap_or(1),
    );
    let (project_columns, project_extra_cols) = extras(header, &[id_col, cost_col]);
    let mut raw_projects = Vec::new();
    let mut index: FastMap<String, usize> = FastMap::default();
    let mut scale = budget_raw.1;
    for row in prows {
        let id = field(row, id_col, "project_id")?.to_string();
        if id.is_empty() {
            return Err(BudgetError::parse(row.line, "empty project_id"));
        }
        let cost_text = field(row, cost_col, "cost")?;
        let cost = parse_decimal(cost_text).ok_or_else(|| {
            BudgetError::parse(
                row.line,
                format!("cost `{cost_text}` is not a non-negative decimal"),
            )
        })?;
        scale = scale.max(cost.1);
        if index.insert(id.clone(), raw_projects.len()).is_some() {
            return Err(BudgetError::parse(
                row.line,
                format!("project `{id}` appears twice"),
            ));
        }
        let extra = project_extra_cols
            .iter()
            .map(|&c| row.fields.get(c).unwrap_or_default().to_string())
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

    let (voters, voter_columns, points_scale) = build_voters(&vote_rows, &index, vote_type)?;
    Ok(Instance {
        meta,
        vote_type,
        scale,
        budget,
        projects,
        project_columns,
        points_scale,
        voters,
        voter_columns,
    })
}

type RawBallot = Vec<(usize, (u128, u32))>;

fn build_voters(
    rows: &[Row],
    index: &FastMap<String, usize>,
    vote_type: VoteType,
) -> Result<(Vec<Voter>, Vec<String>, u32), BudgetError> {
    let mut vrows = rows.iter();
    let Some(header) = vrows.next() else {
        return Ok((Vec::new(), Vec::new(), 0));
    };
    let vote_col = header_columns(header, &["vote"])?
        .first()
        .copied()
        .unwrap_or(0);
    let id_col = column_index(header, "voter_id");
    let points_col = column_index(header, "points");
    if vote_type.is_cardinal() && points_col.is_none() {
        return Err(BudgetError::parse(
            header.line,
            "cumulative/scoring votes need a `points` column",
        ));
    }
    let mut skip: Vec<usize> = vec![vote_col];
    skip.extend(id_col);
    skip.extend(points_col);
    let (voter_columns, extra_cols) = extras(header, &skip);
    let mut raw: Vec<(String, RawBallot, Vec<String>)> = Vec::with_capacity(rows.len());
    let mut points_scale = 0;
    for (n, row) in vrows.enumerate() {
        let id = match id_col {
            Some(c) => field(row, c, "voter_id")?.to_string(),
            None => (n + 1).to_string(),
        };
        let vote = row
            .fields
            .get(vote_col)
            .map(|s| s.trim())
            .unwrap_or_default();
        let mut ballot: RawBallot = Vec::new();
        let names: Vec<&str> = vote
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let points: Vec<&str> = match (vote_type.is_cardinal(), points_col) {
            (true, Some(c)) => {
                let text = row.fields.get(c).map(|s| s.trim()).unwrap_or_default();
                text.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            _ => Vec::new(),
        };
        if vote_type.is_cardinal() && points.len() != names.len() {
            return Err(BudgetError::parse(
                row.line,
                format!("{} projects but {} points", names.len(), points.len()),
            ));
        }
        for (k, name) in names.iter().enumerate() {
            let p = *index.get(*name).ok_or_else(|| {
                BudgetError::parse(row.line, format!("vote for unknown project `{name}`"))
            })?;
            let pts = match points.get(k) {
                Some(text) => parse_decimal(text).ok_or_else(|| {
                    BudgetError::parse(
                        row.line,
                        format!("points `{text}` are not a non-negative decimal"),
                    )
                })?,
                None => (1, 0),
            };
            points_scale = u32::max(points_scale, pts.1);
            match ballot.iter_mut().find(|(q, _)| *q == p) {
                // A repeated project: approval/ordinal keep the first mention, points the last
                // (as a Python dict would).
                Some(entry) if vote_type.is_cardinal() => entry.1 = pts,
                Some(_) => {}
                None => ballot.push((p, pts)),
            }
        }
        let extra = extra_cols
            .iter()
            .map(|&c| row.fields.get(c).unwrap_or_default().to_string())
            .collect();
        raw.push((id, ballot, extra));
    }
    let mut voters = Vec::with_capacity(raw.len());
    for (row, (id, ballot, extra)) in rows.iter().skip(1).zip(raw) {
        let ballot = match vote_type {
            VoteType::Approval | VoteType::Choose1 => {
                Ballot::Approval(ballot.into_iter().map(|(p, _)| p).collect())
            }
            VoteType::Ordinal => Ballot::Ordinal(ballot.into_iter().map(|(p, _)| p).collect()),
            VoteType::Cumulative | VoteType::Scoring => {
                let mut scaled = Vec::with_capacity(ballot.len());
                for (p, (digits, decimals)) in ballot {
                    let v = rescale(digits, decimals, points_scale)
                        .ok_or_else(|| BudgetError::parse(row.line, "points too large"))?;
                    scaled.push((p, v));
                }
                Ballot::Cardinal(scaled)
            }
        };
        voters.push(Voter { id, ballot, extra });
    }
    Ok((voters, voter_columns, points_scale))
}
