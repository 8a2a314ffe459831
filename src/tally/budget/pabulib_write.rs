//! Pabulib `.pb` writer: the inverse of the reader (`parse(write(i)) == i` for any valid
//! instance whose ids are free of `,` and surrounding spaces).

use super::amount::format_scaled;
use super::error::BudgetError;
use super::instance::Instance;
use super::voters::BallotRef;

/// Writes an instance as `.pb` text (`\n` line ends, `;` separators, CSV quoting).
pub fn write_pabulib(instance: &Instance) -> Result<String, BudgetError> {
    instance.validate()?;
    let marker = |s: &str| ["meta", "projects", "votes"].contains(&s.to_ascii_lowercase().as_str());
    let bad_id = |id: &str| id.is_empty() || id.contains(',') || id.trim() != id || marker(id);
    if let Some(p) = instance.projects.iter().find(|p| bad_id(&p.id)) {
        return Err(BudgetError::Invalid(format!(
            "project id `{}` cannot be written to a .pb file",
            p.id
        )));
    }
    let bad_voter = |id: &str| id.is_empty() || id.trim() != id || marker(id);
    if let Some(v) = instance.voters.iter().find(|v| bad_voter(v.id)) {
        return Err(BudgetError::Invalid(format!(
            "voter id `{}` cannot be written to a .pb file",
            v.id
        )));
    }
    let special = ["key", "budget", "vote_type", "num_projects", "num_votes"];
    if let Some((k, _)) = instance.meta.iter().find(|(k, _)| {
        k.is_empty()
            || k.trim() != k
            || marker(k)
            || special.contains(&k.to_ascii_lowercase().as_str())
    }) {
        return Err(BudgetError::Invalid(format!(
            "META key `{k}` cannot be written as a plain META line"
        )));
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let err = |e: csv::Error| BudgetError::Invalid(format!("cannot write: {e}"));
    let scale = instance.scale;
    w.write_record(["META"]).map_err(err)?;
    w.write_record(["key", "value"]).map_err(err)?;
    for (k, v) in &instance.meta {
        w.write_record([k.as_str(), v.as_str()]).map_err(err)?;
    }
    let budget = format_scaled(u128::from(instance.budget), scale);
    w.write_record(["budget", budget.as_str()]).map_err(err)?;
    w.write_record(["vote_type", instance.vote_type.as_str()])
        .map_err(err)?;
    w.write_record(["num_projects", &instance.projects.len().to_string()])
        .map_err(err)?;
    w.write_record(["num_votes", &instance.voters.len().to_string()])
        .map_err(err)?;

    w.write_record(["PROJECTS"]).map_err(err)?;
    let mut header = vec!["project_id".to_string(), "cost".to_string()];
    header.extend(instance.project_columns.iter().cloned());
    w.write_record(&header).map_err(err)?;
    for p in &instance.projects {
        let mut row = vec![p.id.clone(), format_scaled(u128::from(p.cost), scale)];
        row.extend(
            (0..instance.project_columns.len())
                .map(|i| p.extra.get(i).cloned().unwrap_or_default()),
        );
        w.write_record(&row).map_err(err)?;
    }

    w.write_record(["VOTES"]).map_err(err)?;
    let cardinal = instance.vote_type.is_cardinal();
    let mut header = vec!["voter_id".to_string(), "vote".to_string()];
    if cardinal {
        header.push("points".to_string());
    }
    header.extend(instance.voter_columns.iter().cloned());
    w.write_record(&header).map_err(err)?;
    let id_of = |p: &usize| {
        instance
            .projects
            .get(*p)
            .map(|p| p.id.as_str())
            .unwrap_or_default()
    };
    for v in &instance.voters {
        let (vote, points) = match v.ballot {
            BallotRef::Approval(ps) | BallotRef::Ordinal(ps) => {
                (ps.iter().map(id_of).collect::<Vec<_>>().join(","), None)
            }
            BallotRef::Cardinal(ps) => (
                ps.iter()
                    .map(|(p, _)| id_of(p))
                    .collect::<Vec<_>>()
                    .join(","),
                Some(
                    ps.iter()
                        .map(|(_, x)| format_scaled(u128::from(*x), instance.points_scale))
                        .collect::<Vec<_>>()
                        .join(","),
                ),
            ),
        };
        let mut row = vec![v.id.to_owned(), vote];
        if cardinal {
            row.push(points.unwrap_or_default());
        }
        row.extend(
            (0..instance.voter_columns.len()).map(|i| v.extra.get(i).cloned().unwrap_or_default()),
        );
        w.write_record(&row).map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| BudgetError::Invalid(format!("cannot write: {e}")))?;
    String::from_utf8(bytes).map_err(|e| BudgetError::Invalid(format!("cannot write: {e}")))
}
