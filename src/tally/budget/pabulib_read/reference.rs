//! The `.pb` reader as it was before it built voters while reading the VOTES block (every
//! block split into rows first), kept to check that the reader gives the same instance and
//! the same error on any text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use super::super::amount::{parse_decimal, rescale};
use super::super::error::BudgetError;
use super::super::instance::{Ballot, Instance, Project, VoteType, Voter};
use super::rows::Rows;
use super::{Block, FastMap, Section, column_index, extras, field, header_columns};

/// Parses a `.pb` file's bytes (UTF-8, optional byte-order mark).
pub(super) fn parse_pabulib(bytes: &[u8]) -> Result<Instance, BudgetError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        BudgetError::parse(line, "the file is not valid UTF-8")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (meta, projects, votes) = split_sections(text)?;
    build(&meta, &projects, &votes)
}

/// Rows of the META, PROJECTS and VOTES blocks.
type Blocks<'t> = (Block<'t>, Block<'t>, Block<'t>);

fn split_sections(text: &str) -> Result<Blocks<'_>, BudgetError> {
    let mut rows = Rows::new(text);
    let mut section = Section::Start;
    let (mut meta, mut projects, mut votes) =
        (Block::default(), Block::default(), Block::default());
    let mut record = Vec::new();
    while let Some(line) = rows.next_into(&mut record) {
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let first = record.first().map(|f| f.trim()).unwrap_or_default();
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
        match section {
            Section::Start => {
                return Err(BudgetError::parse(line, "expected the META block first"));
            }
            Section::Meta => meta.push(line, &mut record),
            Section::Projects => projects.push(line, &mut record),
            Section::Votes => votes.push(line, &mut record),
        }
    }
    if section != Section::Votes {
        return Err(BudgetError::parse(
            rows.end_line(),
            "missing block: a .pb file has META, PROJECTS and VOTES",
        ));
    }
    Ok((meta, projects, votes))
}

fn build(
    meta_rows: &Block<'_>,
    project_rows: &Block<'_>,
    vote_rows: &Block<'_>,
) -> Result<Instance, BudgetError> {
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
    let mut index: FastMap<String, usize> = FastMap::default();
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
        if index.insert(id.clone(), raw_projects.len()).is_some() {
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

    let (voters, voter_columns, points_scale) = build_voters(vote_rows, &index, vote_type)?;
    Ok(Instance {
        meta,
        vote_type,
        scale,
        budget,
        projects,
        project_columns,
        points_scale,
        voters: voters.into_iter().collect(),
        voter_columns,
    })
}

/// A cardinal ballot before the points' common scale is known: project and exact points.
type RawPoints = Vec<(usize, (u128, u32))>;

fn build_voters(
    rows: &Block<'_>,
    index: &FastMap<String, usize>,
    vote_type: VoteType,
) -> Result<(Vec<Voter>, Vec<String>, u32), BudgetError> {
    let mut vrows = rows.rows();
    let Some(header) = vrows.next() else {
        return Ok((Vec::new(), Vec::new(), 0));
    };
    let vote_col = header_columns(&header, &["vote"])?
        .first()
        .copied()
        .unwrap_or(0);
    let id_col = column_index(&header, "voter_id");
    // Only cumulative and scoring votes have points; for the other types a `points` column is
    // kept like any other extra column, so writing the instance back loses nothing.
    let points_col = column_index(&header, "points").filter(|_| vote_type.is_cardinal());
    if vote_type.is_cardinal() && points_col.is_none() {
        return Err(BudgetError::parse(
            header.line,
            "cumulative/scoring votes need a `points` column",
        ));
    }
    let mut skip: Vec<usize> = vec![vote_col];
    skip.extend(id_col);
    skip.extend(points_col);
    let (voter_columns, extra_cols) = extras(&header, &skip);
    let mut voters = Vec::with_capacity(rows.rows.len());
    // Cardinal ballots wait here, with their line, until every row is read.
    let mut cardinal: Vec<(u64, RawPoints)> = Vec::new();
    let mut points_scale = 0;
    // Scratch lists reused by every row.
    let mut names: Vec<&str> = Vec::new();
    let mut points: Vec<&str> = Vec::new();
    let mut ballot: RawPoints = Vec::new();
    for (n, row) in vrows.enumerate() {
        let id = match id_col {
            Some(c) => field(&row, c, "voter_id")?.to_string(),
            None => (n + 1).to_string(),
        };
        let vote = row.get(vote_col).map(str::trim).unwrap_or_default();
        names.clear();
        names.extend(vote.split(',').map(str::trim).filter(|s| !s.is_empty()));
        points.clear();
        if let (true, Some(c)) = (vote_type.is_cardinal(), points_col) {
            let text = row.get(c).map(str::trim).unwrap_or_default();
            points.extend(text.split(',').map(str::trim).filter(|s| !s.is_empty()));
        }
        if vote_type.is_cardinal() && points.len() != names.len() {
            return Err(BudgetError::parse(
                row.line,
                format!("{} projects but {} points", names.len(), points.len()),
            ));
        }
        ballot.clear();
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
        let extra: Vec<String> = extra_cols
            .iter()
            .map(|&c| row.get(c).unwrap_or_default().to_string())
            .collect();
        let ballot = match vote_type {
            VoteType::Approval | VoteType::Choose1 => {
                Ballot::Approval(ballot.iter().map(|(p, _)| *p).collect())
            }
            VoteType::Ordinal => Ballot::Ordinal(ballot.iter().map(|(p, _)| *p).collect()),
            VoteType::Cumulative | VoteType::Scoring => {
                cardinal.push((row.line, ballot.clone()));
                Ballot::Cardinal(Vec::new())
            }
        };
        voters.push(Voter {
            id,
            ballot,
            extra: extra.into(),
        });
    }
    // Points need the scale of the whole block; their errors come after every row's own.
    for (voter, (line, raw)) in voters.iter_mut().zip(cardinal) {
        let mut scaled = Vec::with_capacity(raw.len());
        for (p, (digits, decimals)) in raw {
            let v = rescale(digits, decimals, points_scale)
                .ok_or_else(|| BudgetError::parse(line, "points too large"))?;
            scaled.push((p, v));
        }
        voter.ballot = Ballot::Cardinal(scaled);
    }
    Ok((voters, voter_columns, points_scale))
}
