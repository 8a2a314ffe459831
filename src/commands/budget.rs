//! `roundtable budget FILE.pb --rule RULE --format json|text`: runs a participatory-budgeting
//! rule on a Pabulib file and prints the outcome. Exit 0 ok, 2 bad input (also a file over
//! `--max-bytes`), 1 internal error.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{DEFAULT_MAX_BYTES, read_limited};
use crate::tally::budget::{Rule, parse_pabulib, render_text, run as run_rule};

/// Output format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Readable explanation.
    #[default]
    Text,
    /// The full outcome as JSON (`selected`, `total_cost`, `steps`, ...).
    Json,
}

/// Arguments of `roundtable budget`.
#[derive(clap::Args, Debug)]
pub struct BudgetArgs {
    /// The Pabulib `.pb` file.
    pub file: PathBuf,
    /// Rule key: mes (default: MES + Add1 + greedy fill), greedy, phragmen, or any
    /// conformance key such as greedy_cost, mes_cost, mes_cost_add1_greedy.
    #[arg(long, default_value = "mes")]
    pub rule: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Refuse a file larger than this many bytes (default 2 GiB).
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

/// Runs the command; errors go to stderr on one line.
pub fn run(args: &BudgetArgs) -> ExitCode {
    match execute(args) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err((code, message)) => {
            eprintln!("error: {}", message.replace('\n', " "));
            ExitCode::from(code)
        }
    }
}

fn execute(args: &BudgetArgs) -> Result<String, (u8, String)> {
    let rule: Rule = args.rule.parse().map_err(|e| (2, format!("{e}")))?;
    let bytes = read_limited(&args.file, args.max_bytes).map_err(|e| (2, e))?;
    let instance =
        parse_pabulib(&bytes).map_err(|e| (2, format!("{}: {e}", args.file.display())))?;
    let outcome =
        run_rule(&instance, rule).map_err(|e| (2, format!("{}: {e}", args.file.display())))?;
    match args.format {
        Format::Text => Ok(render_text(&outcome)),
        Format::Json => serde_json::to_string_pretty(&outcome)
            .map_err(|e| (1, format!("cannot render JSON: {e}"))),
    }
}
