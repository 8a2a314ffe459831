//! Settings: built-in defaults → optional `roundtable.toml` → `ROUNDTABLE_*` environment
//! variables (`__` separates nested keys). Values are validated once here, so the rest of the
//! program receives typed, checked settings. Secrets never appear in `Debug` output.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

mod database;
mod mail;
#[cfg(test)]
mod tests;
mod values;

pub use database::{DatabaseTarget, DatabaseUrl};
pub use mail::{MailSettings, SmtpTls};
pub use values::{IpNetwork, Secret};

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
    /// Where the rate limits keep their counts: `auto` (the default: in this process on
    /// SQLite, in the database on PostgreSQL, where several app servers may share it),
    /// `memory` or `database`.
    #[serde(default)]
    pub rate_limit_store: RateLimitStore,
    /// Outgoing mail (off unless `mail.smtp_host` is set).
    #[serde(default)]
    pub mail: MailSettings,
}

/// Where the rate limits keep their counts (`rate_limit_store`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RateLimitStore {
    /// In this process on SQLite (one server), in the database on PostgreSQL.
    #[default]
    Auto,
    /// In this process: each server counts alone.
    Memory,
    /// In the database: every server on it shares the counts.
    Database,
}

/// Connection pool settings (`ROUNDTABLE_POOL__MAX_CONNECTIONS`, ...). When every connection
/// is busy for `acquire_timeout_ms`, a request answers 503 with `Retry-After` instead of waiting.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoolSettings {
    /// Most connections open at once; default: 8 on SQLite, 10 on PostgreSQL.
    pub max_connections: Option<u32>,
    /// Connections kept open while idle (at most `max_connections`); default: every one of
    /// them on PostgreSQL, where opening a connection costs a TLS handshake and a new server
    /// process (about 100 ms on loopback) that a request would otherwise wait for; none on
    /// SQLite, where opening is cheap.
    #[serde(default)]
    pub min_connections: Option<u32>,
    /// Milliseconds a request waits for a free connection before answering 503.
    pub acquire_timeout_ms: u64,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_connections: None,
            min_connections: None,
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
            rate_limit_store: RateLimitStore::Auto,
            mail: MailSettings::default(),
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
        self.mail.validate(self.public_url.as_deref())?;
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
