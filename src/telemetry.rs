//! Logging: `tracing` with a filter from `RUST_LOG` or the `log` setting; one line per request
//! (with its request id) from tracing-actix-web's root span.

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::format::FmtSpan;

/// Installs the global subscriber once; later calls are ignored (tests call it repeatedly).
/// Logs go to standard error, so a command's standard output stays what it prints (the JSON
/// of `dev seed`, `tally` and `budget`): a slow-statement warning under load once broke it.
pub fn init(default_filter: &str) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(default_filter))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_span_events(FmtSpan::CLOSE)
        .try_init();
}

/// Checks a filter string, for config validation.
pub fn validate_filter(filter: &str) -> Result<(), String> {
    EnvFilter::try_new(filter).map(|_| ()).map_err(|e| {
        format!("`{filter}` is not a valid log filter ({e}); try `info` or `roundtable=debug,info`")
    })
}
