//! The command line (clap): `serve` (the default), `migrate`, `user`, `tally`, `budget`, `dev`.
//! Exit codes: 0 success, 1 failure while running, 2 bad configuration or input.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};

use crate::config::{ConfigError, Settings};
use crate::service::{ServiceError, accounts};
use crate::startup::Application;
use crate::store;

/// Roundtable: co-created agendas, ranked-choice votes and visible effort for staff teams.
#[derive(Debug, Parser)]
#[command(name = "roundtable", version, about, long_about = None)]
pub struct Cli {
    /// Configuration file (default: ./roundtable.toml when it exists).
    #[arg(long, global = true, env = "ROUNDTABLE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server, applying pending migrations first (the default command).
    Serve,
    /// Apply, roll back or list database migrations.
    Migrate {
        /// Which migration action.
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Check the audit log's hash chain.
    Audit {
        /// Which audit action.
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Count ranked ballots (IRV, STV, sequential IRV) from a CSV or JSON file, as RCTab does.
    /// Opens no database and reads no settings. Exit codes: 0 ok, 1 internal error, 2 bad input,
    /// 3 stopped on a tie the rules leave to a person.
    Tally(crate::commands::tally::TallyArgs),
    /// Decide which projects of a Pabulib `.pb` file are funded (Method of Equal Shares by
    /// default; greedy, sequential Phragmén and every pabutools rule key). Opens no database.
    /// Exit codes: 0 ok, 1 internal error, 2 bad input or unknown rule.
    Budget(crate::commands::budget::BudgetArgs),
    /// Manage accounts from the server's shell.
    User {
        /// Which account action.
        #[command(subcommand)]
        action: UserAction,
    },
    /// Send a test message, or see the mail queue.
    Mail {
        /// Which mail action.
        #[command(subcommand)]
        action: MailAction,
    },
    /// Development tools; never on a production database.
    Dev {
        /// Which development action.
        #[command(subcommand)]
        action: DevAction,
    },
}

/// `roundtable dev ...`
#[derive(Debug, Subcommand)]
pub enum DevAction {
    /// Fill an empty database with a made-up team (members sharing one password, read like
    /// `user create`'s) and a meeting whose voting is open, through the same services as the
    /// web forms; prints what it created as one JSON line. For load tests and demos.
    Seed(crate::commands::seed::SeedArgs),
}

/// `roundtable mail ...`
#[derive(Debug, Subcommand)]
pub enum MailAction {
    /// Send a test message now, with the `[mail]` settings, and report what the SMTP server
    /// said (exit code 1 when it refused or did not answer).
    Test {
        /// Where to send it.
        #[arg(long)]
        to: String,
    },
    /// Count queued, sent and given-up messages in the database's mail queue.
    Status,
}

/// `roundtable migrate ...`
#[derive(Debug, Subcommand)]
pub enum MigrateAction {
    /// Apply every pending migration.
    Up,
    /// Roll back the most recent migrations (one by default).
    Down {
        /// How many migrations to roll back.
        #[arg(long, default_value_t = 1, conflicts_with = "all")]
        steps: u32,
        /// Roll back every migration (drops all Roundtable tables and their data).
        #[arg(long)]
        all: bool,
    },
    /// List migrations and whether each is applied.
    Status,
}

/// `roundtable audit ...`
#[derive(Debug, Subcommand)]
pub enum AuditAction {
    /// Walk the chain and report the first edited or deleted row (exit code 1 when one is found).
    Verify,
}

/// `roundtable user ...`
#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Create an account. The password is read from a prompt, or from the first line of
    /// standard input when it is not a terminal; never from an argument.
    Create {
        /// Email address used to sign in.
        #[arg(long)]
        email: String,
        /// Name shown to teammates (default: the part of the email before @).
        #[arg(long)]
        name: Option<String>,
        /// Make this person a site administrator (can create teams and manage the instance).
        #[arg(long)]
        admin: bool,
    },
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    run(cli)
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    // File-only commands run before settings are read: no config file or database needed.
    match &cli.command {
        Some(Command::Tally(args)) => return crate::commands::tally::run(args),
        Some(Command::Budget(args)) => return crate::commands::budget::run(args),
        _ => {}
    }
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(e) => return report(&anyhow::Error::new(e)),
    };
    // The server logs at the configured level; one-off commands only say what went wrong.
    let quiet = !matches!(cli.command, None | Some(Command::Serve));
    crate::telemetry::init(if quiet { "warn" } else { &settings.log });
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return report(&anyhow::Error::new(e).context("starting the async runtime")),
    };
    let result = runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => serve(settings).await,
            Command::Migrate { action } => migrate(settings, action).await,
            Command::User { action } => user(settings, action).await,
            Command::Mail { action } => mail(settings, action).await,
            Command::Dev {
                action: DevAction::Seed(args),
            } => dev_seed(settings, &args).await,
            // Handled above, before settings are read.
            Command::Tally(_) | Command::Budget(_) => Ok(()),
            Command::Audit {
                action: AuditAction::Verify,
            } => audit_verify(settings).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

/// Prints one line to stderr and picks the exit code.
fn report(error: &anyhow::Error) -> ExitCode {
    eprintln!("error: {error:#}");
    ExitCode::from(exit_code(error))
}

/// 2 for configuration and input problems (known by their type anywhere in the chain, never
/// by their text), 1 for everything else.
fn exit_code(error: &anyhow::Error) -> u8 {
    let is_input = error
        .chain()
        .any(|cause| cause.is::<ConfigError>() || cause.is::<InputError>());
    if is_input { 2 } else { 1 }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let backend = settings.database_target()?.backend_name();
    let host = settings.host;
    let app = Application::build(settings).await?;
    tracing::info!(
        database = backend,
        "Roundtable is listening on http://{}",
        display_host(host, app.port())
    );
    app.run_until_stopped()
        .await
        .context("running the web server")
}

fn display_host(host: std::net::IpAddr, port: u16) -> String {
    match host {
        std::net::IpAddr::V6(v6) => format!("[{v6}]:{port}"),
        std::net::IpAddr::V4(v4) => format!("{v4}:{port}"),
    }
}

async fn migrate(settings: Settings, action: MigrateAction) -> anyhow::Result<()> {
    let db = store::connect(&settings).await?;
    match action {
        MigrateAction::Up => {
            store::migrate_up(&db)
                .await
                .context("applying migrations")?;
            println!("All migrations are applied.");
        }
        MigrateAction::Down { steps, all } => {
            let steps = if all { None } else { Some(steps) };
            store::migrate_down(&db, steps)
                .await
                .context("rolling back migrations")?;
            println!(
                "Rolled back {}.",
                steps.map_or("every migration".to_owned(), |n| format!(
                    "{n} migration(s)"
                ))
            );
        }
        MigrateAction::Status => {
            for m in store::migration_status(&db.conn)
                .await
                .context("reading migration status")?
            {
                println!(
                    "{} {}",
                    if m.applied { "applied" } else { "pending" },
                    m.name
                );
            }
        }
    }
    Ok(())
}

async fn mail(settings: Settings, action: MailAction) -> anyhow::Result<()> {
    match action {
        MailAction::Test { to } => {
            // The key only signs unsubscribe links, which a test message does not carry.
            let mailer = crate::mail::Mailer::from_settings(&settings, &[0; 64])?.ok_or_else(|| {
                anyhow::anyhow!(
                    "mail is off: set `mail.smtp_host`, `mail.from` and `public_url` (see docs/operations.md)"
                )
            })?;
            mailer.send_test(&to).await?;
            println!("Test message accepted by the SMTP server for {to}.");
            Ok(())
        }
        MailAction::Status => {
            let db = store::connect(&settings).await?;
            let counts = crate::service::notices::outbox::counts(&db.conn).await?;
            println!(
                "Mail queue: {} waiting, {} sent, {} given up.",
                counts.waiting, counts.sent, counts.failed
            );
            Ok(())
        }
    }
}

async fn audit_verify(settings: Settings) -> anyhow::Result<()> {
    use crate::service::audit::{self, Verdict};
    // The chain is keyed with a key derived from the cookie key: never generate one here.
    let cookie_key = crate::auth::cookie_key::load_existing(&settings)?.ok_or_else(|| {
        anyhow::anyhow!(
            "no cookie key: set `cookie_key` or `data_dir` as the server has them; the audit chain is keyed with it"
        )
    })?;
    let key = audit::ChainKey::derive(cookie_key.master());
    let db = store::connect(&settings).await?;
    match audit::verify_with(&db.conn, &key)
        .await
        .context("reading the audit log")?
    {
        Verdict::Intact {
            rows,
            head,
            unkeyed,
        } => {
            println!("Audit log intact: {rows} rows; newest hash {head}.");
            println!(
                "Keep that hash somewhere else: if it ever disappears, newer rows were removed."
            );
            if unkeyed == rows && rows > 0 {
                println!(
                    "No row is keyed yet (all predate keyed hashes): the next recorded change keys the chain."
                );
            } else if unkeyed > 0 {
                println!(
                    "The oldest {unkeyed} rows predate keyed hashes; the first keyed row after them vouches for them."
                );
            }
            Ok(())
        }
        Verdict::Edited { id } => {
            bail!("audit log row {id} was edited: its content no longer matches its hash")
        }
        Verdict::Deleted {
            after_gap_id,
            before_gap_id,
        } => bail!(
            "audit log rows were deleted or altered before row {after_gap_id} (last intact row: {})",
            before_gap_id.map_or("none".to_owned(), |id| id.to_string())
        ),
    }
}

async fn user(settings: Settings, action: UserAction) -> anyhow::Result<()> {
    match action {
        UserAction::Create { email, name, admin } => {
            let password = read_password()?;
            let name =
                name.unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_owned());
            let db = store::connect(&settings).await?;
            store::migrate_up(&db)
                .await
                .context("applying migrations")?;
            let created = accounts::create_user(
                &db.conn,
                accounts::NewUser {
                    email: &email,
                    display_name: &name,
                    password: &password,
                    is_admin: admin,
                },
            )
            .await
            .map_err(describe_service_error)?;
            println!(
                "Created {}account for {} (id {}).",
                if admin { "site administrator " } else { "" },
                created.email,
                created.id
            );
            Ok(())
        }
    }
}

async fn dev_seed(
    settings: Settings,
    args: &crate::commands::seed::SeedArgs,
) -> anyhow::Result<()> {
    let password = read_password()?;
    // The seed's changes are audited like the web forms', in the chain the server keys.
    let (db, _) = crate::startup::open_database(&settings).await?;
    let seeded = crate::commands::seed::run(&db.conn, args, &password).await?;
    println!("{}", serde_json::to_string(&seeded)?);
    Ok(())
}

/// A problem with what the person typed on the command line (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(String);

fn describe_service_error(error: ServiceError) -> anyhow::Error {
    match error {
        ServiceError::Invalid(fields) => {
            let text = fields
                .in_language(crate::i18n::Lang::En)
                .into_iter()
                .map(|(field, problem)| format!("{field}: {problem}"))
                .collect::<Vec<_>>()
                .join("; ");
            anyhow::Error::new(InputError(text))
        }
        ServiceError::Conflict(message) => anyhow::Error::new(InputError(message.to_string())),
        other => anyhow::Error::new(other),
    }
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (12-128 characters): ")?;
        let second = rpassword::prompt_password("Repeat the password: ")?;
        if first != second {
            return Err(anyhow::Error::new(InputError(
                "the two passwords differ; nothing was created".to_owned(),
            )));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuration_problems_exit_with_2_by_their_type_not_their_text() {
        let unusable = anyhow::Error::new(ConfigError::Unusable(anyhow::anyhow!(
            "setting `database_url`: cannot connect"
        )))
        .context("starting");
        assert_eq!(exit_code(&unusable), 2);
        let input = anyhow::Error::new(InputError("no such team".to_owned()));
        assert_eq!(exit_code(&input), 2);
        // A message that merely reads like one is an ordinary failure.
        let lookalike = anyhow::anyhow!("setting the table failed");
        assert_eq!(exit_code(&lookalike), 1);
    }
}
