//! Argon2id password hashing and verification, run in `spawn_blocking` so a login never stalls
//! the web workers. Verification of an unknown email runs against a dummy hash so timing does
//! not reveal whether an account exists.

use std::sync::LazyLock;

use anyhow::{Context, anyhow};
use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::domain::account::Password;

/// Hashes a password with Argon2id and a random salt (PHC string format).
pub async fn hash(password: Password) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.expose().as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow!("hashing password: {e}"))
    })
    .await
    .context("password hashing task failed")?
}

/// A real Argon2id hash of a random string, verified against when the email is unknown.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(b"roundtable dummy password", &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Checks `candidate` against a stored hash, or against a dummy hash when `stored` is `None`
/// (unknown account), so both paths cost the same. Returns `true` only for a real match.
pub async fn verify(candidate: String, stored: Option<String>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let hash_text = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let parsed =
            PasswordHash::new(&hash_text).map_err(|e| anyhow!("stored hash is malformed: {e}"))?;
        let matches = Argon2::default()
            .verify_password(candidate.as_bytes(), &parsed)
            .is_ok();
        Ok(known && matches)
    })
    .await
    .context("password verification task failed")?
}
