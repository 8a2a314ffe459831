//! Argon2id password hashing and verification, run in `spawn_blocking` so a login never stalls
//! the web workers. Verification of an unknown email runs against a dummy hash so timing does
//! not reveal whether an account exists.
//!
//! Each hash takes Argon2id's 19 MiB of memory, so hashes run at most one per core at a time
//! ([`HashingBound`]): 2,000 people signing in at once then queue for the cores instead of
//! holding 2,000 × 19 MiB, and that memory is allocated once per permit and reused
//! ([`MEMORY`]). Callers wait for a permit *before* any transaction, so a queued sign-in
//! holds no database connection.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex};

use anyhow::{Context, anyhow};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{
    self, Output, ParamsString, PasswordHash, PasswordHasher, Salt, SaltString,
};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::Semaphore;

use crate::domain::account::Password;

/// At most `size` blocking jobs at once; the rest wait (in arrival order) for a permit.
#[derive(Debug)]
pub struct HashingBound {
    permits: Semaphore,
    size: usize,
    running: AtomicUsize,
    peak: AtomicUsize,
}

impl HashingBound {
    /// A bound of `size` jobs at once (at least one).
    pub fn new(size: usize) -> Self {
        let size = size.max(1);
        Self {
            permits: Semaphore::new(size),
            size,
            running: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }
    }

    /// How many jobs may run at once.
    pub fn size(&self) -> usize {
        self.size
    }

    /// The most jobs seen running at once since start (for tests and benchmarks).
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::Relaxed)
    }

    /// Runs `work` on the blocking pool once a permit is free.
    pub async fn run<T, F>(&'static self, work: F) -> anyhow::Result<T>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .context("the password hashing queue is closed")?;
        tokio::task::spawn_blocking(move || {
            let now = self.running.fetch_add(1, Ordering::Relaxed) + 1;
            self.peak.fetch_max(now, Ordering::Relaxed);
            let out = work();
            self.running.fetch_sub(1, Ordering::Relaxed);
            out
        })
        .await
        .context("password hashing task failed")
    }
}

/// One hash per core: `available_parallelism` (cgroup quotas included), or 1 if unknown.
pub fn bound_size(cores: Option<usize>) -> usize {
    cores.unwrap_or(1).max(1)
}

/// The process's bound on concurrent Argon2 work.
pub static HASHING: LazyLock<HashingBound> = LazyLock::new(|| {
    HashingBound::new(bound_size(
        std::thread::available_parallelism().ok().map(Into::into),
    ))
});

/// Argon2 working memory, kept for reuse: at most one buffer per [`HASHING`] permit ever
/// exists. Allocating 19 MiB per hash and freeing it let the allocator keep most of it (its
/// mmap threshold rises to the freed size, so later blocks come from arenas that rarely
/// shrink): 200 sign-ins, two at a time, left the server at 600 MB.
static MEMORY: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

/// Runs `work` with at least `blocks` blocks of Argon2 memory from [`MEMORY`].
fn with_memory<T>(blocks: usize, work: impl FnOnce(&mut [Block]) -> T) -> T {
    let taken = MEMORY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .pop();
    let mut memory = taken.unwrap_or_default();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let out = work(&mut memory);
    MEMORY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(memory);
    out
}

/// The PHC hash of `password` under `argon` and `salt`, computed in reused memory; the same
/// string `PasswordHasher::hash_password` gives.
fn hash_in_place<'a>(
    argon: &Argon2<'_>,
    password: &[u8],
    salt: Salt<'a>,
    output_len: usize,
) -> password_hash::Result<PasswordHash<'a>> {
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_bytes)?;
    let params = argon.params();
    let output = with_memory(params.block_count(), |memory| {
        Output::init_with(output_len, |out| {
            argon
                .hash_password_into_with_memory(password, salt_bytes, out, memory)
                .map_err(password_hash::Error::from)
        })
    })?;
    Ok(PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(params)?,
        salt: Some(salt),
        hash: Some(output),
    })
}

/// Hashes a password with Argon2id (default parameters) and a random salt (PHC string format).
pub async fn hash(password: Password) -> anyhow::Result<String> {
    HASHING
        .run(move || {
            let salt = SaltString::generate(&mut OsRng);
            hash_in_place(
                &Argon2::default(),
                password.expose().as_bytes(),
                salt.as_salt(),
                Params::DEFAULT_OUTPUT_LEN,
            )
            .map(|h| h.to_string())
            .map_err(|e| anyhow!("hashing password: {e}"))
        })
        .await?
}

/// A real Argon2id hash of a random string, verified against when the email is unknown.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(b"roundtable dummy password", &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Whether `candidate` matches the PHC string `stored`, with the parameters it names.
fn matches(candidate: &[u8], stored: &PasswordHash<'_>) -> password_hash::Result<bool> {
    let expected = stored.hash.ok_or(password_hash::Error::Password)?;
    let salt = stored.salt.ok_or(password_hash::Error::Password)?;
    let algorithm = Algorithm::try_from(stored.algorithm)?;
    let version = stored
        .version
        .map(Version::try_from)
        .transpose()?
        .unwrap_or_default();
    let params = Params::try_from(stored)?;
    let argon = Argon2::new(algorithm, version, params);
    let computed = hash_in_place(&argon, candidate, salt, expected.len())?;
    // `Output` compares in constant time.
    Ok(computed.hash == Some(expected))
}

/// Checks `candidate` against a stored hash, or against a dummy hash when `stored` is `None`
/// (unknown account), so both paths cost the same. Returns `true` only for a real match.
pub async fn verify(candidate: String, stored: Option<String>) -> anyhow::Result<bool> {
    HASHING
        .run(move || {
            let known = stored.is_some();
            let hash_text = stored.unwrap_or_else(|| DUMMY_HASH.clone());
            let parsed = PasswordHash::new(&hash_text)
                .map_err(|e| anyhow!("stored hash is malformed: {e}"))?;
            let matched = matches(candidate.as_bytes(), &parsed)
                .map_err(|e| anyhow!("verifying password: {e}"))?;
            Ok(known && matched)
        })
        .await?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bound_is_one_hash_per_core_and_never_zero() {
        assert_eq!(bound_size(Some(2)), 2);
        assert_eq!(bound_size(Some(16)), 16);
        assert_eq!(bound_size(Some(0)), 1);
        assert_eq!(bound_size(None), 1);
        assert!(HASHING.size() >= 1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_jobs_than_the_bound_run_at_once() {
        static BOUND: LazyLock<HashingBound> = LazyLock::new(|| HashingBound::new(2));
        // Each job stays running long enough for unbounded jobs to overlap (the blocking pool
        // would run all sixteen at once); the count, not the time, is what is checked.
        let jobs = (0..16).map(|i| {
            BOUND.run(move || {
                std::thread::sleep(std::time::Duration::from_millis(20));
                i
            })
        });
        let done = futures_util::future::join_all(jobs).await;
        assert_eq!(done.into_iter().map(|r| r.unwrap()).sum::<i32>(), 120);
        let peak = BOUND.peak();
        assert!((1..=2).contains(&peak), "{peak} jobs ran at once");
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let password = Password::parse("a long enough test password").unwrap();
        let stored = hash(password).await.unwrap();
        assert!(
            verify(
                "a long enough test password".to_owned(),
                Some(stored.clone())
            )
            .await
            .unwrap()
        );
        assert!(
            !verify("another password".to_owned(), Some(stored))
                .await
                .unwrap()
        );
        assert!(!verify("anything".to_owned(), None).await.unwrap());
    }

    #[tokio::test]
    async fn hashes_match_the_argon2_crate_both_ways() {
        // Hashes stored before memory was reused must still verify, and new ones must read
        // as ordinary Argon2id PHC strings.
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default()
            .hash_password(b"a long enough test password", &salt)
            .unwrap();
        let ours = hash_in_place(
            &Argon2::default(),
            b"a long enough test password",
            salt.as_salt(),
            Params::DEFAULT_OUTPUT_LEN,
        )
        .unwrap();
        assert_eq!(ours.to_string(), theirs.to_string());
        assert!(
            verify(
                "a long enough test password".to_owned(),
                Some(theirs.to_string())
            )
            .await
            .unwrap()
        );
    }
}
