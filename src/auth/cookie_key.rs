//! The key that signs and encrypts session cookies: taken from `cookie_key` when configured
//! (needed when several servers share sessions), otherwise generated on first run into
//! `<data_dir>/cookie.key` with mode 0600 and reused afterwards.

use std::io::Write;
use std::path::Path;

use actix_web::cookie::Key;
use anyhow::{Context, anyhow, bail};

use crate::config::{ConfigError, Settings};

/// File name of the generated key inside the data folder.
pub const KEY_FILE: &str = "cookie.key";

/// Loads the configured key, or reads/creates the generated one.
pub fn load_or_create(settings: &Settings) -> anyhow::Result<Key> {
    if let Some(secret) = &settings.cookie_key {
        return Key::try_from(secret.expose().as_bytes()).map_err(|_| {
            ConfigError::Invalid {
                key: "cookie_key",
                message: "must be at least 64 characters".to_owned(),
            }
            .into()
        });
    }
    private_dir(&settings.data_dir).map_err(|e| {
        ConfigError::Unusable(anyhow::Error::new(e).context(format!(
            "setting `data_dir`: cannot create folder {}",
            settings.data_dir.display()
        )))
    })?;
    let path = settings.data_dir.join(KEY_FILE);
    if path.exists() {
        return read_key(&path);
    }
    let key = Key::generate();
    write_new_key(&path, key.master())?;
    tracing::info!(path = %path.display(), "generated a new cookie key");
    Ok(key)
}

/// The key the server uses, without creating one: `None` when neither configured nor generated
/// yet (commands that only check data, such as `audit verify`, must not invent a key).
pub fn load_existing(settings: &Settings) -> anyhow::Result<Option<Key>> {
    if settings.cookie_key.is_some() {
        return load_or_create(settings).map(Some);
    }
    let path = settings.data_dir.join(KEY_FILE);
    if path.exists() {
        return read_key(&path).map(Some);
    }
    Ok(None)
}

/// Creates the data folder (and missing parents) for the owner only (0700 on Unix).
fn private_dir(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

fn read_key(path: &Path) -> anyhow::Result<Key> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading cookie key {}", path.display()))?;
    let bytes = decode_hex(text.trim()).ok_or_else(|| {
        anyhow!(
            "cookie key {} is damaged; delete it to generate a new one (everyone will be signed out)",
            path.display()
        )
    })?;
    Key::try_from(bytes.as_slice()).map_err(|_| {
        anyhow!(
            "cookie key {} is too short; delete it to generate a new one",
            path.display()
        )
    })
}

fn write_new_key(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("creating cookie key {}", path.display()))?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    file.write_all(hex.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing cookie key {}", path.display()))
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| {
            text.get(i..i + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        })
        .collect()
}

/// Fails unless the key file exists with owner-only permissions (used by tests and `serve`).
pub fn check_permissions(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            bail!(
                "cookie key {} is readable by others (mode {mode:o}); run chmod 600 on it",
                path.display()
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_is_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings {
            data_dir: dir.path().to_path_buf(),
            ..Settings::default()
        };
        let first = load_or_create(&settings).unwrap();
        let path = dir.path().join(KEY_FILE);
        check_permissions(&path).unwrap();
        let second = load_or_create(&settings).unwrap();
        assert_eq!(first.master(), second.master());
    }
}
