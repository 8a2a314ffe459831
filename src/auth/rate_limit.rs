//! Rate limits on the doors people knock on: login, invitation acceptance and password reset,
//! per client IP and per link; and the sign-in guard, which keeps password guessing expensive
//! without letting anyone lock a member out (see `docs/security.md`, "Sign-in throttling").
//!
//! Every limit is a leaky count ([`Bucket`]): each attempt adds one, one is forgiven per
//! period, and a key at its allowance waits for the next forgiveness. The policies below are
//! pure functions of the buckets and the time; where the buckets live is the [`Store`]'s
//! business: in this process (one server, the SQLite default) or in the database's
//! `rate_buckets` table, so that several app servers behind a load balancer share one count
//! and an attacker's budget does not grow with the number of servers (ADR 0014).

mod store;

use time::OffsetDateTime;

pub use store::{Store, StoreKind};

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

/// A plain limit: `burst` attempts at once, then one more every `period_seconds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    /// The limiter's name, part of every key it stores.
    pub name: &'static str,
    /// Attempts allowed at once.
    pub burst: u32,
    /// Seconds after which one attempt is forgiven.
    pub period_seconds: u64,
}

/// Every login attempt per client IP, failed or not: a generous cap on hashing work.
pub const LOGIN_PER_IP: Quota = Quota {
    name: "login-ip",
    burst: 100,
    period_seconds: 2,
};
/// Invitation acceptances per client IP.
pub const INVITATION_PER_IP: Quota = Quota {
    name: "invitation-ip",
    burst: 10,
    period_seconds: 30,
};
/// Invitation acceptances per invitation link.
pub const INVITATION_PER_TOKEN: Quota = Quota {
    name: "invitation-link",
    burst: 10,
    period_seconds: 30,
};
/// Password-reset attempts per client IP.
pub const RESET_PER_IP: Quota = Quota {
    name: "reset-ip",
    burst: 10,
    period_seconds: 30,
};
/// Password-reset attempts per reset link.
pub const RESET_PER_TOKEN: Quota = Quota {
    name: "reset-link",
    burst: 5,
    period_seconds: 60,
};

/// "Forgot password" requests per address typed (whether or not it has an account).
pub const RESET_REQUEST_PER_ADDRESS: Quota = Quota {
    name: "reset-request",
    burst: 3,
    period_seconds: 600,
};

/// Why an attempt is not let through.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// Too many attempts: try again after this many seconds.
    #[error("too many attempts; wait {0} s")]
    Wait(u64),
    /// The shared counters could not be read or written (the attempt is refused, not waved
    /// through: a database outage must not open the door to guessing).
    #[error("the rate limits could not be checked")]
    Store(#[from] sea_orm::DbErr),
}

/// A count of recent attempts that forgets one every period. Times are Unix milliseconds, so
/// buckets mean the same on every server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bucket {
    /// Attempts counted and not yet forgiven.
    pub count: u32,
    /// From when the next unit is forgiven.
    pub since_ms: i64,
    /// When the last attempt was counted.
    pub last_ms: i64,
}

fn period_ms(seconds: u64) -> i64 {
    i64::try_from(seconds.saturating_mul(1000))
        .unwrap_or(i64::MAX)
        .max(1)
}

impl Bucket {
    /// Forgives the units whose periods have passed by `now_ms` and returns what is left.
    /// Partial periods are kept (the next forgiveness is a whole period after the last).
    fn current(&mut self, now_ms: i64, leak_seconds: u64) -> u32 {
        let leak = period_ms(leak_seconds);
        if self.count == 0 {
            self.since_ms = now_ms;
            return 0;
        }
        let elapsed = now_ms.saturating_sub(self.since_ms).max(0);
        let leaked = u32::try_from(elapsed / leak).unwrap_or(u32::MAX);
        if leaked >= self.count {
            self.count = 0;
            self.since_ms = now_ms;
        } else if leaked > 0 {
            self.count -= leaked;
            self.since_ms = self
                .since_ms
                .saturating_add(i64::from(leaked).saturating_mul(leak));
        }
        self.count
    }

    /// Whole seconds (at least one) until the next unit is forgiven.
    fn next_leak(&self, now_ms: i64, leak_seconds: u64) -> u64 {
        let due = self.since_ms.saturating_add(period_ms(leak_seconds));
        let ms = u64::try_from(due.saturating_sub(now_ms)).unwrap_or(0);
        ms.div_ceil(1000).max(1)
    }

    fn count_one(&mut self, now_ms: i64) {
        if self.count == 0 {
            self.since_ms = now_ms;
        }
        self.count = self.count.saturating_add(1);
        self.last_ms = now_ms;
    }
}

/// The plain limit on one bucket: counts the attempt, or says how long to wait.
pub fn quota_check(quota: &Quota, bucket: &mut Bucket, now_ms: i64) -> Result<(), u64> {
    if bucket.current(now_ms, quota.period_seconds) >= quota.burst {
        return Err(bucket.next_leak(now_ms, quota.period_seconds));
    }
    bucket.count_one(now_ms);
    Ok(())
}

/// The sign-in guard on its three buckets — the (account, IP) pair, the IP, the account:
///
/// - an (account, IP) pair gets [`PAIR_FREE`] failures, then one try a minute;
/// - an IP gets [`IP_FREE`] failures over all accounts, then one try per [`IP_LEAK_SECONDS`];
/// - an account under attack (more than [`ACCOUNT_FREE`] recent failures) makes every IP that
///   has already failed on it wait a delay that doubles with each further failure (capped);
///   an IP that has not failed on the account is never slowed by it, so the owner signs in
///   from their own address with the right password while others guess.
///
/// An attempt is counted as a failure when it starts, so parallel guesses cannot slip past the
/// counts, and forgiven by [`guard_succeeded`] when the password was right. A refused attempt
/// is not counted.
pub fn guard_begin(
    pair: &mut Bucket,
    by_ip: &mut Bucket,
    by_account: &mut Bucket,
    now_ms: i64,
) -> Result<(), u64> {
    let pair_count = pair.current(now_ms, PAIR_LEAK_SECONDS);
    let ip_count = by_ip.current(now_ms, IP_LEAK_SECONDS);
    let account_count = by_account.current(now_ms, ACCOUNT_LEAK_SECONDS);
    let mut wait = 0;
    if pair_count >= PAIR_FREE {
        wait = wait.max(pair.next_leak(now_ms, PAIR_LEAK_SECONDS));
    }
    if ip_count >= IP_FREE {
        wait = wait.max(by_ip.next_leak(now_ms, IP_LEAK_SECONDS));
    }
    if pair_count > 0 && account_count >= ACCOUNT_FREE {
        let delay = account_delay(account_count);
        let waited = u64::try_from(now_ms.saturating_sub(pair.last_ms).max(0) / 1000).unwrap_or(0);
        if waited < delay {
            wait = wait.max(delay - waited);
        }
    }
    if wait > 0 {
        return Err(wait);
    }
    for bucket in [pair, by_ip, by_account] {
        bucket.count_one(now_ms);
    }
    Ok(())
}

/// Forgives the attempt [`guard_begin`] counted: the password was right.
pub fn guard_succeeded(pair: &mut Bucket, by_ip: &mut Bucket, by_account: &mut Bucket) {
    *pair = Bucket::default();
    by_ip.count = by_ip.count.saturating_sub(1);
    by_account.count = by_account.count.saturating_sub(1);
}

/// Seconds an IP that failed on an account under attack waits: 1, 2, 4, ... up to the cap.
fn account_delay(account_failures: u32) -> u64 {
    let excess = account_failures.saturating_sub(ACCOUNT_FREE).min(20);
    (1_u64 << excess).min(ACCOUNT_MAX_DELAY_SECONDS)
}

/// The limits of the site, over one [`Store`] of buckets.
#[derive(Debug)]
pub struct RateLimits {
    store: Store,
}

fn unix_ms(now: OffsetDateTime) -> i64 {
    i64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

impl RateLimits {
    /// Limits kept in `store`.
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    /// Where the buckets live.
    pub fn kind(&self) -> StoreKind {
        self.store.kind()
    }

    /// Checks each quota for its key (all or nothing); the longest wait wins.
    pub async fn check(
        &self,
        checks: &[(&Quota, &str)],
        now: OffsetDateTime,
    ) -> Result<(), Refused> {
        let now_ms = unix_ms(now);
        let keys: Vec<String> = checks
            .iter()
            .map(|(q, key)| store::key(q.name, &[key]))
            .collect();
        self.store
            .with(&keys, now_ms, |buckets| {
                let mut wait = 0;
                for ((quota, _), bucket) in checks.iter().zip(buckets.iter_mut()) {
                    if let Err(seconds) = quota_check(quota, bucket, now_ms) {
                        wait = wait.max(seconds);
                    }
                }
                if wait == 0 { Ok(()) } else { Err(wait) }
            })
            .await?
            .map_err(Refused::Wait)
    }

    /// A sign-in attempt for `account` from `ip`: the per-IP cap on attempts, then the guard
    /// against guessing (see [`guard_begin`]).
    pub async fn login_begin(
        &self,
        account: &str,
        ip: &str,
        now: OffsetDateTime,
    ) -> Result<(), Refused> {
        let now_ms = unix_ms(now);
        let [pair, by_ip, by_account] = guard_keys(account, ip);
        let keys = [
            store::key(LOGIN_PER_IP.name, &[ip]),
            pair,
            by_ip,
            by_account,
        ];
        // One step over all four counts: the plain cap first, then the guard.
        self.store
            .with(&keys, now_ms, |buckets| match buckets {
                [attempts, pair, by_ip, by_account] => {
                    quota_check(&LOGIN_PER_IP, attempts, now_ms)?;
                    guard_begin(pair, by_ip, by_account, now_ms)
                }
                _ => Ok(()),
            })
            .await?
            .map_err(Refused::Wait)
    }

    /// Forgives the attempt [`RateLimits::login_begin`] counted: the password was right.
    pub async fn login_succeeded(
        &self,
        account: &str,
        ip: &str,
        now: OffsetDateTime,
    ) -> Result<(), Refused> {
        self.store
            .with(&guard_keys(account, ip), unix_ms(now), |buckets| {
                if let [pair, by_ip, by_account] = buckets {
                    guard_succeeded(pair, by_ip, by_account);
                }
            })
            .await?;
        Ok(())
    }

    /// Deletes buckets idle for a day (only the database store keeps them; the memory store
    /// forgets its own as it grows). Returns how many went.
    pub async fn prune(&self, now: OffsetDateTime) -> Result<u64, sea_orm::DbErr> {
        self.store.prune(unix_ms(now) - store::IDLE_MS).await
    }
}

fn guard_keys(account: &str, ip: &str) -> [String; 3] {
    [
        store::key("signin-pair", &[account, ip]),
        store::key("signin-ip", &[ip]),
        store::key("signin-account", &[account]),
    ]
}

#[cfg(test)]
mod tests;
