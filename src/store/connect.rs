//! Opens the database named by the settings. SQLite gets its pragmas here (WAL,
//! `synchronous=FULL`, foreign keys, `secure_delete`, busy timeout) and its files are private
//! to the owner; PostgreSQL keeps its safe defaults.
//! A configuration mistake is reported in one line naming `database_url`, and never silently
//! turns into a fresh empty database somewhere else.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use sea_orm::sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sea_orm::sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, SqlxPostgresConnector, SqlxSqliteConnector};

use crate::config::{ConfigError, DatabaseTarget, DatabaseUrl, PoolSettings, Settings};

/// Which database engine a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// Embedded SQLite file (the zero set-up default).
    Sqlite,
    /// PostgreSQL server (production).
    Postgres,
}

impl Backend {
    /// Lower-case name for logs and `/health`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// An open connection pool and the engine behind it.
#[derive(Debug, Clone)]
pub struct Database {
    /// The sea-orm connection pool.
    pub conn: DatabaseConnection,
    /// The engine, for the few places that must know it.
    pub backend: Backend,
}

const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Rows a SQLite connection's thread may read ahead of the task that consumes them.
const ROW_BUFFER: usize = 1024;
/// How long the one-off admin connection (creating a missing database) may take.
const MIN_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Default pool sizes (`pool.max_connections` overrides them).
const SQLITE_POOL: u32 = 8;
const POSTGRES_POOL: u32 = 10;

/// Opens the database the settings name (creating the default SQLite folder if needed), with
/// the configured pool size and acquire timeout.
pub async fn connect(settings: &Settings) -> anyhow::Result<Database> {
    let target = settings.database_target()?;
    // Every failure here is about `database_url` or `data_dir`.
    connect_with_pool(&target, &settings.pool)
        .await
        .map_err(|e| ConfigError::Unusable(e).into())
}

/// Opens a database target with the default pool.
pub async fn connect_target(target: &DatabaseTarget) -> anyhow::Result<Database> {
    connect_with_pool(target, &PoolSettings::default()).await
}

/// Opens a database target with the given pool settings.
pub async fn connect_with_pool(
    target: &DatabaseTarget,
    pool: &PoolSettings,
) -> anyhow::Result<Database> {
    let acquire = Duration::from_millis(pool.acquire_timeout_ms);
    match target {
        DatabaseTarget::Sqlite {
            path,
            create_parent,
        } => {
            let size = pool.max_connections.unwrap_or(SQLITE_POOL);
            connect_sqlite(path, *create_parent, size, acquire).await
        }
        DatabaseTarget::Postgres(url) => connect_postgres(url, pg_sizes(pool), acquire).await,
    }
}

async fn connect_sqlite(
    path: &Path,
    create_parent: bool,
    size: u32,
    acquire: Duration,
) -> anyhow::Result<Database> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if !parent.is_dir() {
        if create_parent {
            create_private_dir(&parent).with_context(|| {
                format!(
                    "setting `data_dir`: cannot create folder {}",
                    parent.display()
                )
            })?;
        } else {
            bail!(
                "setting `database_url`: the folder {} does not exist; create it or fix the path",
                parent.display()
            );
        }
    }
    let is_new = !path.exists();
    if is_new {
        // SQLite would create the file with the umask's mode (often 0644) and give `-wal` and
        // `-shm` the main file's mode: create it first, for the owner only.
        create_private_file(path).with_context(|| {
            format!(
                "setting `database_url`: cannot create SQLite database {}",
                path.display()
            )
        })?;
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        // Deleted and overwritten content is zeroed, so a destroyed ballot secret or voter key
        // cannot be read back from the file (see `service::meetings::secrecy`).
        .pragma("secure_delete", "ON")
        .busy_timeout(BUSY_TIMEOUT)
        // sqlx runs each connection on its own thread and hands rows back through a channel
        // of this many (50 by default): a 1,000-row read (a ballot page's items) was twenty
        // waits for the reader to drain it. Rows are small; the bound still holds.
        .row_buffer_size(ROW_BUFFER);
    let pool = SqlitePoolOptions::new()
        .max_connections(size)
        // See `pg_pool_options`: an embedded file has no link to lose, so the ping on every
        // checkout was only a round trip to the connection's worker thread.
        .test_before_acquire(false)
        .acquire_timeout(acquire)
        .connect_with(options)
        .await
        .map_err(|e| {
            anyhow!(
                "setting `database_url`: cannot open SQLite database {}: {e}",
                path.display()
            )
        })?;
    if is_new {
        tracing::info!(path = %path.display(), "created a new SQLite database");
    }
    Ok(Database {
        conn: SqlxSqliteConnector::from_sqlx_sqlite_pool(pool),
        backend: Backend::Sqlite,
    })
}

/// Creates a folder (and missing parents) readable by the owner only (0700 on Unix).
fn create_private_dir(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

/// Creates an empty file readable and writable by the owner only (0600 on Unix).
fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

/// The PostgreSQL pool's `(size, warm)`: `pool.max_connections` (default 10) and
/// `pool.min_connections` (default all of them, never more).
fn pg_sizes(pool: &PoolSettings) -> (u32, u32) {
    let size = pool.max_connections.unwrap_or(POSTGRES_POOL);
    (size, pool.min_connections.unwrap_or(size).min(size))
}

/// `(size, warm)`: the pool's most connections, and how many it keeps open while idle.
async fn connect_postgres(
    url: &DatabaseUrl,
    (size, warm): (u32, u32),
    acquire: Duration,
) -> anyhow::Result<Database> {
    let options = PgConnectOptions::from_str(url.expose()).map_err(|e| {
        anyhow!("setting `database_url`: `{url}` is not a valid PostgreSQL URL ({e})")
    })?;
    let options = with_generic_plans(options, url.expose());
    let name = options.get_database().unwrap_or("postgres").to_owned();
    let pool = match open_pg_pool(options.clone(), (size, warm), acquire).await {
        Ok(pool) => pool,
        Err(e) if is_missing_database(&e) => {
            create_pg_database(&options, &name, url).await?;
            tracing::info!(database = %name, "created PostgreSQL database (it did not exist)");
            open_pg_pool(options, (size, warm), acquire)
                .await
                .map_err(|e| unreachable_pg(url, &e))?
        }
        Err(e) => return Err(unreachable_pg(url, &e)),
    };
    Ok(Database {
        conn: SqlxPostgresConnector::from_sqlx_postgres_pool(pool),
        backend: Backend::Postgres,
    })
}

/// Asks PostgreSQL to plan each prepared statement once per connection
/// (`plan_cache_mode = force_generic_plan`), unless the URL sets `plan_cache_mode` itself.
///
/// sqlx prepares every statement and keeps it per connection, but PostgreSQL's default
/// (`auto`) plans a statement afresh on every execution while it judges a plan for the
/// parameters' values cheaper than a generic one, which for this application's statements
/// (look-ups and counts by key, small slices) is nearly always: the planning then cost several
/// times the execution (a meeting page: about 1.9 ms of planning at bind against 0.25 ms of
/// execution, `docs/benchmarks.md`). The statements' plans do not depend on the values.
fn with_generic_plans(options: PgConnectOptions, url: &str) -> PgConnectOptions {
    if url.contains("plan_cache_mode") {
        options
    } else {
        options.options([("plan_cache_mode", "force_generic_plan")])
    }
}

async fn open_pg_pool(
    options: PgConnectOptions,
    (size, warm): (u32, u32),
    acquire: Duration,
) -> Result<sea_orm::sqlx::PgPool, sea_orm::sqlx::Error> {
    pg_pool_options((size, warm), acquire)
        .connect_with(options)
        .await
}

/// The PostgreSQL pool's options: at most `size` connections, `warm` of them kept open (sqlx
/// opens them in the background at start and again whenever one closes, so a burst after a
/// quiet spell does not wait for new connections).
fn pg_pool_options((size, warm): (u32, u32), acquire: Duration) -> PgPoolOptions {
    PgPoolOptions::new()
        .max_connections(size)
        .min_connections(warm)
        // sqlx pings a pooled connection on every checkout by default: a round trip before
        // each statement (a page makes a dozen or more). It pings on every return to the pool
        // anyway, and a connection that has died since fails its statement and is discarded.
        .test_before_acquire(false)
        .acquire_timeout(acquire)
}

fn is_missing_database(error: &sea_orm::sqlx::Error) -> bool {
    matches!(error, sea_orm::sqlx::Error::Database(db) if db.code().as_deref() == Some("3D000"))
}

fn unreachable_pg(url: &DatabaseUrl, error: &sea_orm::sqlx::Error) -> anyhow::Error {
    anyhow!(
        "setting `database_url`: cannot connect to PostgreSQL at {url} ({error}); check that the server is running and the URL is right"
    )
}

async fn create_pg_database(
    options: &PgConnectOptions,
    name: &str,
    url: &DatabaseUrl,
) -> anyhow::Result<()> {
    let admin = open_pg_pool(
        options.clone().database("postgres"),
        (1, 0),
        MIN_CONNECT_TIMEOUT,
    )
    .await
    .map_err(|e| unreachable_pg(url, &e))?;
    let admin = SqlxPostgresConnector::from_sqlx_postgres_pool(admin);
    let result = admin
        .execute_unprepared(&format!("CREATE DATABASE {}", quote_ident(name)))
        .await;
    admin.close().await.ok();
    match result {
        Ok(_) => Ok(()),
        // Another process created it between our attempts: that is what we wanted.
        Err(e) if is_duplicate_database(&e) => Ok(()),
        Err(e) => Err(anyhow!(
            "setting `database_url`: database `{name}` does not exist and could not be created ({e}); create it or grant CREATEDB"
        )),
    }
}

/// PostgreSQL's `duplicate_database` (SQLSTATE 42P04), by its code rather than its text.
fn is_duplicate_database(error: &sea_orm::DbErr) -> bool {
    use sea_orm::{DbErr, RuntimeErr};
    matches!(error, DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))
        if matches!(&**e, sea_orm::sqlx::Error::Database(db) if db.code().as_deref() == Some("42P04")))
}

/// Quotes a PostgreSQL identifier (doubling embedded quotes).
pub(crate) fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_postgres_pool_keeps_its_warm_connections_open() {
        let options = pg_pool_options((10, 10), Duration::from_secs(5));
        assert_eq!(options.get_max_connections(), 10);
        assert_eq!(options.get_min_connections(), 10);
        assert!(!options.get_test_before_acquire());
        let options = pg_pool_options((4, 0), Duration::from_secs(5));
        assert_eq!(options.get_min_connections(), 0);
    }

    #[test]
    fn every_postgres_connection_is_kept_warm_unless_told_otherwise() {
        let pool = |max, min| PoolSettings {
            max_connections: max,
            min_connections: min,
            ..PoolSettings::default()
        };
        assert_eq!(pg_sizes(&PoolSettings::default()), (10, 10));
        assert_eq!(pg_sizes(&pool(Some(4), None)), (4, 4));
        assert_eq!(pg_sizes(&pool(None, Some(2))), (10, 2));
        assert_eq!(
            pg_sizes(&pool(Some(5), Some(20))),
            (5, 5),
            "never more than the pool"
        );
        assert_eq!(pg_sizes(&pool(None, Some(0))), (10, 0));
    }
}
