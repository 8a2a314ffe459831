//! The database URL: which backend it names, checked once with an answer people can act on,
//! and a `Debug`/`Display` that never shows the password.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

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
