//! Rate limits on the doors people knock on: login, invitation acceptance and password reset,
//! per client IP and per account, using the `governor` crate's keyed GCRA limiters.

use std::num::NonZeroU32;
use std::time::Duration;

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
    /// Login attempts per client IP.
    pub login_per_ip: Limiter,
    /// Login attempts per email address (known or not).
    pub login_per_account: Limiter,
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
            login_per_ip: Limiter::new(20, Duration::from_secs(6)),
            login_per_account: Limiter::new(5, Duration::from_secs(60)),
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

#[cfg(test)]
mod tests {
    use super::*;

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
