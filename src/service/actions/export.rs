//! The action log as CSV: one row per action with its source, readable back by any
//! spreadsheet (a test parses it again).

use super::ActionLine;
use crate::service::ledger::views::{csv_cell, csv_finish};
use crate::service::{Result, ServiceError};

/// The columns, in order.
pub const HEADER: [&str; 8] = [
    "id", "title", "owner", "due_on", "status", "reason", "overdue", "source",
];

/// The lines as CSV.
pub fn actions_csv(lines: &[ActionLine]) -> Result<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| ServiceError::Unexpected(anyhow::Error::new(e));
    out.write_record(HEADER).map_err(fail)?;
    for l in lines {
        out.write_record([
            l.id.to_string(),
            csv_cell(&l.title),
            csv_cell(&l.owner),
            l.due_iso.clone(),
            l.status.as_str().to_owned(),
            csv_cell(&l.reason),
            if l.overdue { "yes" } else { "no" }.to_owned(),
            csv_cell(&l.source),
        ])
        .map_err(fail)?;
    }
    csv_finish(out)
}
