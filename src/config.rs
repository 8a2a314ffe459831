//! Settings: built-in defaults → optional `roundtable.toml` → `ROUNDTABLE_*` environment
//! variables (`__` separates nested keys). Values are validated once here, so the rest of the
//! program receives typed, checked settings. Secrets never appear in `Debug` output.

use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// The environment variable prefix for every setting.
pub const ENV_PREFIX: &str = "ROUNDTABLE_";
/// The configuration file read from the working directory when no `--config` is given.
pub const DEFAULT_CONFIG_FILE: &str = "roundtable.toml";

/// A configuration problem, phrased for the person running the binary.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A value could not be read or has the wrong type (figment names the key and source).
    #[error("configuration: {0}")]
    Load(String),
    /// A value was read but is not acceptable.
    #[error("setting `{key}`: {message}")]
    Invalid {
        /// The setting's name as written in `roundtable.toml`.
        key: &'static str,
        /// What is wrong and what to do.
        message: String,
    },
    /// A value was accepted but does not work here (the database does not answer, a folder
    /// cannot be created, the port is taken); the message names the setting. Typed, so the
    /// CLI picks its exit code without reading the text.
    #[error(transparent)]
    Unusable(anyhow::Error),
}

/// All settings of one Roundtable process.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// `sqlite://PATH` or `postgres://USER@HOST:PORT/DB`; default: `sqlite://<data_dir>/roundtable.db`.
    pub database_url: Option<DatabaseUrl>,
    /// Folder for the SQLite database and the generated cookie key.
    pub data_dir: PathBuf,
    /// Address to listen on.
    pub host: IpAddr,
    /// Port to listen on (0 picks a free port).
    pub port: u16,
    /// Log filter in `tracing` syntax (`RUST_LOG` overrides it).
    pub log: String,
    /// Base URL people use to reach the site, used in invitation and reset links.
    pub public_url: Option<String>,
    /// Mark cookies `Secure` (set when the site is served over HTTPS).
    pub secure_cookies: bool,
    /// Key for session cookies (at least 64 characters); default: generated into `data_dir`.
    pub cookie_key: Option<Secret>,
    /// Largest accepted request body, in KiB.
    pub max_body_kib: usize,
    /// Session behaviour.
    pub session: SessionSettings,
    /// Reverse proxies (IPs or CIDR ranges) whose `Forwarded` / `X-Forwarded-For` headers are
    /// believed; empty (the default) means the socket peer is the client.
    #[serde(default)]
    pub trusted_proxies: Vec<IpNetwork>,
    /// Database connection pool.
    pub pool: PoolSettings,
}

/// Connection pool settings (`ROUNDTABLE_POOL__MAX_CONNECTIONS`, ...). When every connection
/// is busy for `acquire_timeout_ms`, a request answers 503 with `Retry-After` instead of waiting.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoolSettings {
    /// Most connections open at once; default: 8 on SQLite, 10 on PostgreSQL.
    pub max_connections: Option<u32>,
    /// Milliseconds a request waits for a free connection before answering 503.
    pub acquire_timeout_ms: u64,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_connections: None,
            acquire_timeout_ms: 5_000,
        }
    }
}

/// Session settings (`ROUNDTABLE_SESSION__IDLE_TIMEOUT_MINUTES`, ...).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionSettings {
    /// Minutes of inactivity after which a session ends.
    pub idle_timeout_minutes: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database_url: None,
            data_dir: PathBuf::from("data"),
            host: IpAddr::from([127, 0, 0, 1]),
            port: 8080,
            log: "info".to_owned(),
            public_url: None,
            secure_cookies: false,
            cookie_key: None,
            max_body_kib: 256,
            session: SessionSettings {
                idle_timeout_minutes: 12 * 60,
            },
            trusted_proxies: Vec::new(),
            pool: PoolSettings::default(),
        }
    }
}

impl Settings {
    /// Loads settings from defaults, the config file (if present) and the environment.
    ///
    /// `config_file` is `Some` when the person named a file explicitly; it must then exist.
    pub fn load(config_file: Option<&Path>) -> Result<Self, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        match config_file {
            Some(path) => {
                if !path.is_file() {
                    return Err(ConfigError::Invalid {
                        key: "--config",
                        message: format!(
                            "the file {} does not exist; check the path",
                            path.display()
                        ),
                    });
                }
                figment = figment.merge(Toml::file_exact(path));
            }
            None => figment = figment.merge(Toml::file(DEFAULT_CONFIG_FILE)),
        }
        // CONFIG and TEST_DATABASE_URL are read elsewhere (CLI, test harness), not settings.
        let env = Env::prefixed(ENV_PREFIX)
            .ignore(&["config", "test_database_url"])
            .split("__");
        let settings: Settings = figment
            .merge(env)
            .extract()
            .map_err(|e| ConfigError::Load(one_line(&e)))?;
        settings.validate()?;
        Ok(settings)
    }

    /// Checks values that types alone cannot express.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if let Some(url) = &self.database_url {
            url.target().map_err(|message| ConfigError::Invalid {
                key: "database_url",
                message,
            })?;
        }
        crate::telemetry::validate_filter(&self.log).map_err(|message| ConfigError::Invalid {
            key: "log",
            message,
        })?;
        if self.data_dir.as_os_str().is_empty() {
            return Err(invalid("data_dir", "must not be empty"));
        }
        if self.max_body_kib == 0 {
            return Err(invalid("max_body_kib", "must be at least 1"));
        }
        if self.session.idle_timeout_minutes == 0 {
            return Err(invalid(
                "session.idle_timeout_minutes",
                "must be at least 1",
            ));
        }
        if self.pool.max_connections == Some(0) {
            return Err(invalid("pool.max_connections", "must be at least 1"));
        }
        if self.pool.acquire_timeout_ms == 0 {
            return Err(invalid("pool.acquire_timeout_ms", "must be at least 1"));
        }
        if let Some(key) = &self.cookie_key
            && key.expose().len() < 64
        {
            return Err(invalid(
                "cookie_key",
                "must be at least 64 characters; or remove it to use a generated key",
            ));
        }
        if let Some(public) = &self.public_url {
            let parsed = url::Url::parse(public).map_err(|e| {
                invalid(
                    "public_url",
                    &format!("{e}; use a URL like https://roundtable.example.org"),
                )
            })?;
            if !matches!(parsed.scheme(), "http" | "https") {
                return Err(invalid("public_url", "must start with http:// or https://"));
            }
        }
        Ok(())
    }

    /// The database to use: the configured URL, or the default SQLite file in `data_dir`.
    pub fn database_target(&self) -> Result<DatabaseTarget, ConfigError> {
        match &self.database_url {
            Some(url) => url.target().map_err(|message| ConfigError::Invalid {
                key: "database_url",
                message,
            }),
            None => Ok(DatabaseTarget::Sqlite {
                path: self.data_dir.join("roundtable.db"),
                create_parent: true,
            }),
        }
    }

    /// The `host:port` string to bind.
    pub fn bind_address(&self) -> String {
        match self.host {
            IpAddr::V6(v6) => format!("[{v6}]:{}", self.port),
            IpAddr::V4(v4) => format!("{v4}:{}", self.port),
        }
    }
}

fn invalid(key: &'static str, message: &str) -> ConfigError {
    ConfigError::Invalid {
        key,
        message: message.to_owned(),
    }
}

fn one_line(error: &figment::Error) -> String {
    error
        .clone()
        .into_iter()
        .map(|e| {
            e.to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Where the data lives, parsed from a database URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseTarget {
    /// An SQLite file.
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// Create the parent folder if missing (only for the default location).
        create_parent: bool,
    },
    /// A PostgreSQL database; the URL is kept whole for the driver.
    Postgres(DatabaseUrl),
}

impl DatabaseTarget {
    /// `"sqlite"` or `"postgres"`, as reported by `/health`.
    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Sqlite { .. } => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }
}

/// A database URL. `Debug` and `Display` hide the password.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    /// Wraps a URL; it is checked by [`DatabaseUrl::target`].
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The full URL, password included: only for handing to the driver.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Parses the scheme and path, or explains what is wrong.
    pub fn target(&self) -> Result<DatabaseTarget, String> {
        let raw = self.0.trim();
        if let Some(rest) = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
        {
            if rest.is_empty() || rest.contains('?') || rest == ":memory:" {
                return Err(format!(
                    "`{}` is not a usable SQLite file; use sqlite://PATH/TO/roundtable.db",
                    self
                ));
            }
            return Ok(DatabaseTarget::Sqlite {
                path: PathBuf::from(rest),
                create_parent: false,
            });
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            let parsed = url::Url::parse(raw)
                .map_err(|e| format!("`{self}` is not a valid PostgreSQL URL ({e})"))?;
            if parsed.host_str().unwrap_or_default().is_empty() {
                return Err(format!(
                    "`{self}` names no host; use postgres://USER@HOST:5432/DATABASE"
                ));
            }
            let db = parsed.path().trim_start_matches('/');
            if db.is_empty() || db.contains('/') {
                return Err(format!(
                    "`{self}` names no database; use postgres://USER@HOST:5432/DATABASE"
                ));
            }
            return Ok(DatabaseTarget::Postgres(self.clone()));
        }
        let scheme = raw.split(':').next().unwrap_or_default();
        Err(format!(
            "unknown scheme `{scheme}` in `{self}`; use sqlite://PATH or postgres://USER@HOST:PORT/DATABASE"
        ))
    }

    /// The URL with its password replaced by `***`.
    pub fn redacted(&self) -> String {
        match url::Url::parse(&self.0) {
            Ok(mut parsed) if parsed.password().is_some() => {
                // Setting a password only fails for URLs that cannot have one.
                let _ = parsed.set_password(Some("***"));
                parsed.to_string()
            }
            Ok(_) => self.0.clone(),
            Err(_) => "<unparseable URL>".to_owned(),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({:?})", self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// An IP address or CIDR range (`10.0.0.0/8`, `::1`), as written in `trusted_proxies`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IpNetwork {
    addr: IpAddr,
    prefix: u8,
}

impl IpNetwork {
    /// Whether `ip` is in this range (an IPv4-mapped IPv6 address counts as IPv4).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 @ IpAddr::V4(_) => v4,
        };
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl TryFrom<String> for IpNetwork {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let bad = || format!("`{text}` is not an IP address or CIDR range like 10.0.0.0/8");
        let (addr, prefix) = match text.trim().split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (text.trim(), None),
        };
        let addr: IpAddr = addr.parse().map_err(|_| bad())?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(bad)?,
            None => max,
        };
        Ok(Self { addr, prefix })
    }
}

impl From<IpNetwork> for String {
    fn from(net: IpNetwork) -> Self {
        format!("{}/{}", net.addr, net.prefix)
    }
}

/// A secret string: `Debug` prints `[redacted]`, and there is no `Display`.
#[derive(Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_hides_the_database_password_and_cookie_key() {
        let settings = Settings {
            database_url: Some(DatabaseUrl::new(
                "postgres://app:hunter2@db.example:5432/rt",
            )),
            cookie_key: Some(Secret::new("k".repeat(64))),
            ..Settings::default()
        };
        let shown = format!("{settings:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains(&"k".repeat(64)), "{shown}");
        assert!(shown.contains("app:***@db.example"), "{shown}");
    }

    #[test]
    fn unknown_scheme_is_rejected_with_the_setting_named() {
        let settings = Settings {
            database_url: Some(DatabaseUrl::new("postgress://x@y/z")),
            ..Settings::default()
        };
        let err = settings.validate().unwrap_err().to_string();
        assert!(err.contains("database_url"), "{err}");
        assert!(err.contains("unknown scheme `postgress`"), "{err}");
    }

    #[test]
    fn sqlite_and_postgres_urls_parse() {
        assert_eq!(
            DatabaseUrl::new("sqlite://data/x.db").target().unwrap(),
            DatabaseTarget::Sqlite {
                path: PathBuf::from("data/x.db"),
                create_parent: false
            }
        );
        assert!(matches!(
            DatabaseUrl::new("postgres://postgres@127.0.0.1:5432/rt").target(),
            Ok(DatabaseTarget::Postgres(_))
        ));
        assert!(
            DatabaseUrl::new("postgres://postgres@127.0.0.1:5432/")
                .target()
                .is_err()
        );
        assert!(DatabaseUrl::new("sqlite::memory:").target().is_err());
    }

    #[test]
    fn trusted_proxies_are_addresses_or_ranges() {
        let net = |t: &str| IpNetwork::try_from(t.to_owned());
        let ip = |t: &str| t.parse::<IpAddr>().unwrap();
        assert!(net("10.0.0.0/8").unwrap().contains(ip("10.200.1.2")));
        assert!(!net("10.0.0.0/8").unwrap().contains(ip("11.0.0.1")));
        assert!(net("127.0.0.1").unwrap().contains(ip("127.0.0.1")));
        assert!(!net("127.0.0.1").unwrap().contains(ip("127.0.0.2")));
        assert!(net("127.0.0.1").unwrap().contains(ip("::ffff:127.0.0.1")));
        assert!(net("0.0.0.0/0").unwrap().contains(ip("192.0.2.1")));
        assert!(net("fd00::/8").unwrap().contains(ip("fd12::1")));
        assert!(!net("fd00::/8").unwrap().contains(ip("10.0.0.1")));
        for bad in ["", "10.0.0.0/33", "::/129", "proxy.local", "10.0.0.0/x"] {
            assert!(net(bad).is_err(), "{bad}");
        }
        let err = Figment::from(Serialized::defaults(Settings::default()))
            .merge(("trusted_proxies", vec!["10.0.0.0/99"]))
            .extract::<Settings>()
            .unwrap_err()
            .to_string();
        assert!(err.contains("10.0.0.0/99"), "{err}");
    }

    #[test]
    fn default_database_is_a_file_in_the_data_folder() {
        let target = Settings::default().database_target().unwrap();
        assert_eq!(
            target,
            DatabaseTarget::Sqlite {
                path: PathBuf::from("data/roundtable.db"),
                create_parent: true
            }
        );
    }
}
