//! Rate limits on the doors people knock on: login, invitation acceptance and password reset,
//! per client IP and per link, using the `governor` crate's keyed GCRA limiters; and
//! [`LoginGuard`], which keeps password guessing expensive without letting anyone lock a
//! member out (see `docs/security.md`, "Sign-in throttling").
//!
//! The state is per server process (like the limiters): several app servers each keep their
//! own, which multiplies an attacker's budget by the number of servers, not more.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// One keyed limiter with its quota.
#[derive(Debug)]
pub struct Limiter {
    inner: DefaultKeyedRateLimiter<String>,
    clock: DefaultClock,
}

impl Limiter {
    /// `burst` attempts at once, then one more every `period`.
    pub fn new(burst: u32, period: Duration) -> Self {
        let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst);
        Self {
            inner: RateLimiter::keyed(quota),
            clock: DefaultClock::default(),
        }
    }

    /// Counts an attempt for `key`; `Err(seconds)` says how long to wait.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        if self.inner.len() > 50_000 {
            self.inner.retain_recent();
        }
        self.inner
            .check_key(&key.to_owned())
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()).as_secs().max(1))
    }
}

/// The limiters of one server process.
#[derive(Debug)]
pub struct RateLimits {
    /// Every login attempt per client IP, failed or not: a generous cap on hashing work.
    pub login_per_ip: Limiter,
    /// Failed sign-ins per (account, IP), per IP and per account.
    pub login_failures: LoginGuard,
    /// Invitation acceptances per client IP.
    pub invitation_per_ip: Limiter,
    /// Invitation acceptances per invitation link.
    pub invitation_per_token: Limiter,
    /// Password-reset attempts per client IP.
    pub reset_per_ip: Limiter,
    /// Password-reset attempts per reset link.
    pub reset_per_token: Limiter,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            login_per_ip: Limiter::new(100, Duration::from_secs(2)),
            login_failures: LoginGuard::default(),
            invitation_per_ip: Limiter::new(10, Duration::from_secs(30)),
            invitation_per_token: Limiter::new(10, Duration::from_secs(30)),
            reset_per_ip: Limiter::new(10, Duration::from_secs(30)),
            reset_per_token: Limiter::new(5, Duration::from_secs(60)),
        }
    }
}

/// Checks several limiters; the longest wait wins.
pub fn check_all(checks: &[(&Limiter, &str)]) -> Result<(), u64> {
    let mut wait = 0;
    for (limiter, key) in checks {
        if let Err(seconds) = limiter.check(key) {
            wait = wait.max(seconds);
        }
    }
    if wait == 0 { Ok(()) } else { Err(wait) }
}

/// Failures from one IP on one account before that pair must wait.
pub const PAIR_FREE: u32 = 5;
/// After [`PAIR_FREE`], one more try per this many seconds (one failure forgiven each time).
pub const PAIR_LEAK_SECONDS: u64 = 60;
/// Failures from one IP (any accounts) before that IP must wait: stops one address from
/// trying a password on many accounts. One colleague behind a shared address cannot reach it
/// alone (their own account stops them at [`PAIR_FREE`]).
pub const IP_FREE: u32 = 30;
/// One failure from an IP forgiven per this many seconds.
pub const IP_LEAK_SECONDS: u64 = 10;
/// Failures on one account (from all IPs) before the growing delay starts.
pub const ACCOUNT_FREE: u32 = 10;
/// One failure on an account forgiven per this many seconds.
pub const ACCOUNT_LEAK_SECONDS: u64 = 60;
/// Longest delay the account rule asks for.
pub const ACCOUNT_MAX_DELAY_SECONDS: u64 = 15 * 60;

/// A count of recent failures that forgets one every `leak` seconds.
#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    since: Instant,
    last: Instant,
}

impl Failures {
    fn current(&mut self, now: Instant, leak: u64) -> u32 {
        let leaked = now.saturating_duration_since(self.since).as_secs() / leak.max(1);
        let leaked = u32::try_from(leaked).unwrap_or(u32::MAX);
        if leaked > 0 {
            self.count = self.count.saturating_sub(leaked);
            self.since = now;
        }
        self.count
    }
    /// Seconds until the next failure is forgiven.
    fn next_leak(&self, now: Instant, leak: u64) -> u64 {
        leak.saturating_sub(now.saturating_duration_since(self.since).as_secs())
            .max(1)
    }
}

#[derive(Debug, Default)]
struct Tables {
    pairs: HashMap<(String, String), Failures>,
    ips: HashMap<String, Failures>,
    accounts: HashMap<String, Failures>,
}

/// Failed sign-ins, counted per (account, IP), per IP and per account.
///
/// - an (account, IP) pair gets [`PAIR_FREE`] failures, then one try a minute;
/// - an IP gets [`IP_FREE`] failures over all accounts, then one try per [`IP_LEAK_SECONDS`];
/// - an account under attack (more than [`ACCOUNT_FREE`] recent failures) makes every IP that
///   has already failed on it wait a delay that doubles with each further failure (capped);
///   an IP that has not failed on the account is never slowed by it, so the owner signs in
///   from their own address with the right password while others guess.
///
/// An attempt is counted as a failure when it starts ([`LoginGuard::begin`]), so parallel
/// guesses cannot slip past the counts, and forgiven when the password was right
/// ([`LoginGuard::succeeded`]).
#[derive(Debug, Default)]
pub struct LoginGuard {
    tables: Mutex<Tables>,
}

impl LoginGuard {
    /// Checks and counts an attempt for `account` from `ip`; `Err(seconds)` says how long to
    /// wait (the attempt is then not counted).
    pub fn begin(&self, account: &str, ip: &str) -> Result<(), u64> {
        self.begin_at(account, ip, Instant::now())
    }

    /// Forgives the attempt counted by [`LoginGuard::begin`]: the password was right.
    pub fn succeeded(&self, account: &str, ip: &str) {
        let Ok(mut t) = self.tables.lock() else {
            return;
        };
        let t = &mut *t;
        t.pairs.remove(&(account.to_owned(), ip.to_owned()));
        for f in [t.ips.get_mut(ip), t.accounts.get_mut(account)]
            .into_iter()
            .flatten()
        {
            f.count = f.count.saturating_sub(1);
        }
    }

    fn begin_at(&self, account: &str, ip: &str, now: Instant) -> Result<(), u64> {
        // A poisoned lock only means another request panicked mid-update; the counts are
        // still meaningful, so keep using them.
        let mut t = self
            .tables
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if t.pairs.len() > 50_000 || t.ips.len() > 50_000 || t.accounts.len() > 50_000 {
            forget_quiet(&mut t, now);
        }
        let fresh = Failures {
            count: 0,
            since: now,
            last: now,
        };
        let key = (account.to_owned(), ip.to_owned());
        let mut pair = t.pairs.get(&key).copied().unwrap_or(fresh);
        let mut by_ip = t.ips.get(ip).copied().unwrap_or(fresh);
        let mut by_account = t.accounts.get(account).copied().unwrap_or(fresh);
        let pair_count = pair.current(now, PAIR_LEAK_SECONDS);
        let ip_count = by_ip.current(now, IP_LEAK_SECONDS);
        let account_count = by_account.current(now, ACCOUNT_LEAK_SECONDS);
        let mut wait = 0;
        if pair_count >= PAIR_FREE {
            wait = wait.max(pair.next_leak(now, PAIR_LEAK_SECONDS));
        }
        if ip_count >= IP_FREE {
            wait = wait.max(by_ip.next_leak(now, IP_LEAK_SECONDS));
        }
        if pair_count > 0 && account_count >= ACCOUNT_FREE {
            let delay = account_delay(account_count);
            let waited = now.saturating_duration_since(pair.last).as_secs();
            if waited < delay {
                wait = wait.max(delay - waited);
            }
        }
        if wait > 0 {
            t.pairs.insert(key, pair);
            return Err(wait);
        }
        for f in [&mut pair, &mut by_ip, &mut by_account] {
            f.count = f.count.saturating_add(1);
            f.last = now;
        }
        t.pairs.insert(key, pair);
        t.ips.insert(ip.to_owned(), by_ip);
        t.accounts.insert(account.to_owned(), by_account);
        Ok(())
    }
}

/// Seconds an IP that failed on an account under attack waits: 1, 2, 4, ... up to the cap.
fn account_delay(account_failures: u32) -> u64 {
    let excess = account_failures.saturating_sub(ACCOUNT_FREE).min(20);
    (1_u64 << excess).min(ACCOUNT_MAX_DELAY_SECONDS)
}

fn forget_quiet(t: &mut Tables, now: Instant) {
    let quiet = |f: &Failures| now.saturating_duration_since(f.last).as_secs() > 3600;
    t.pairs.retain(|_, f| !quiet(f));
    t.ips.retain(|_, f| !quiet(f));
    t.accounts.retain(|_, f| !quiet(f));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_gets_five_failures_on_an_account_then_waits() {
        let guard = LoginGuard::default();
        let t0 = Instant::now();
        for _ in 0..PAIR_FREE {
            assert!(guard.begin_at("sam@x.org", "10.0.0.1", t0).is_ok());
        }
        let wait = guard.begin_at("sam@x.org", "10.0.0.1", t0).unwrap_err();
        assert_eq!(wait, PAIR_LEAK_SECONDS);
        assert!(guard.begin_at("sam@x.org", "10.0.0.2", t0).is_ok(), "owner");
        assert!(
            guard.begin_at("kim@x.org", "10.0.0.1", t0).is_ok(),
            "colleague"
        );
        let later = t0 + Duration::from_secs(PAIR_LEAK_SECONDS);
        assert!(guard.begin_at("sam@x.org", "10.0.0.1", later).is_ok());
    }

    #[test]
    fn a_right_password_forgives_the_attempt() {
        let guard = LoginGuard::default();
        let t0 = Instant::now();
        for _ in 0..20 {
            assert!(guard.begin_at("sam@x.org", "10.0.0.1", t0).is_ok());
            guard.succeeded("sam@x.org", "10.0.0.1");
        }
    }

    #[test]
    fn one_address_trying_many_accounts_is_stopped() {
        let guard = LoginGuard::default();
        let t0 = Instant::now();
        for i in 0..IP_FREE {
            assert!(
                guard
                    .begin_at(&format!("p{i}@x.org"), "10.0.0.9", t0)
                    .is_ok()
            );
        }
        assert!(guard.begin_at("new@x.org", "10.0.0.9", t0).is_err());
        assert!(guard.begin_at("new@x.org", "10.0.0.8", t0).is_ok());
    }

    #[test]
    fn an_account_under_attack_slows_failing_addresses_only() {
        let guard = LoginGuard::default();
        let t0 = Instant::now();
        for i in 0..ACCOUNT_FREE + 3 {
            assert!(
                guard
                    .begin_at("sam@x.org", &format!("10.1.0.{i}"), t0)
                    .is_ok()
            );
        }
        let wait = guard.begin_at("sam@x.org", "10.1.0.1", t0).unwrap_err();
        assert_eq!(wait, account_delay(ACCOUNT_FREE + 3));
        assert!(
            guard.begin_at("sam@x.org", "192.0.2.7", t0).is_ok(),
            "owner"
        );
        assert_eq!(account_delay(ACCOUNT_FREE), 1);
        assert_eq!(account_delay(ACCOUNT_FREE + 4), 16);
        assert_eq!(account_delay(u32::MAX), ACCOUNT_MAX_DELAY_SECONDS);
    }

    #[test]
    fn the_burst_is_allowed_then_refused_with_a_wait() {
        let limiter = Limiter::new(3, Duration::from_secs(60));
        for _ in 0..3 {
            assert!(limiter.check("a").is_ok());
        }
        let wait = limiter.check("a").unwrap_err();
        assert!((1..=60).contains(&wait), "{wait}");
        assert!(limiter.check("b").is_ok(), "keys are independent");
    }
}
