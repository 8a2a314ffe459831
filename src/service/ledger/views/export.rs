//! The CSV exports: the team table (no notes) and a person's own entries (with their notes).

use super::{MyEntries, TeamLedger};
use crate::service::{Result, ServiceError};

/// The team table as CSV (no notes).
pub fn team_csv(ledger: &TeamLedger) -> Result<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut write = |record: Vec<String>| {
        out.write_record(&record)
            .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))
    };
    write(
        [
            "member",
            "given_minutes",
            "given_count",
            "received_minutes",
            "received_count",
            "balance_index",
            "share_of_team_help",
            "last_exchange",
        ]
        .map(str::to_owned)
        .to_vec(),
    )?;
    for l in &ledger.lines {
        write(vec![
            cell(&l.name),
            l.totals.given_minutes.to_string(),
            l.totals.given_count.to_string(),
            l.totals.received_minutes.to_string(),
            l.totals.received_count.to_string(),
            l.index.map(|i| format!("{i:.2}")).unwrap_or_default(),
            format!("{:.4}", l.share),
            l.totals.last.map(|d| d.to_string()).unwrap_or_default(),
        ])?;
    }
    finish(out)
}

/// The caller's own entries as CSV (with their notes: they are one of the two people).
pub fn my_csv(ledger: &MyEntries) -> Result<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "id", "date", "helper", "helped", "minutes", "category", "status", "counted", "note",
    ])
    .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))?;
    for l in &ledger.lines {
        out.write_record([
            l.id.to_string(),
            l.on.to_string(),
            cell(&l.helper),
            cell(&l.helped),
            l.minutes.to_string(),
            cell(&l.category),
            l.state.label().to_owned(),
            if l.state.counts() { "yes" } else { "no" }.to_owned(),
            cell(l.note.as_deref().unwrap_or_default()),
        ])
        .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))?;
    }
    finish(out)
}

/// A spreadsheet must not run a typed name or note as a formula (the action log's export
/// uses it too).
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The written CSV as text.
pub fn finish(out: csv::Writer<Vec<u8>>) -> Result<String> {
    let bytes = out
        .into_inner()
        .map_err(|e| ServiceError::Unexpected(anyhow::anyhow!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_in_csv_cells_are_defused() {
        assert_eq!(super::cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(super::cell("@Sam"), "'@Sam");
        assert_eq!(super::cell("Sam"), "Sam");
    }
}
