use super::*;

const T0: i64 = 1_800_000_000_000;

fn secs(s: u64) -> i64 {
    T0 + period_ms(s)
}

/// The guard over three named buckets, as a store would hand them over.
#[derive(Default)]
struct Guard {
    buckets: std::collections::HashMap<String, Bucket>,
}

impl Guard {
    fn split(&mut self, account: &str, ip: &str) -> [Bucket; 3] {
        let get = |k: String| self.buckets.get(&k).copied().unwrap_or_default();
        [
            get(format!("p {account} {ip}")),
            get(format!("i {ip}")),
            get(format!("a {account}")),
        ]
    }
    fn keep(&mut self, account: &str, ip: &str, [p, i, a]: [Bucket; 3]) {
        self.buckets.insert(format!("p {account} {ip}"), p);
        self.buckets.insert(format!("i {ip}"), i);
        self.buckets.insert(format!("a {account}"), a);
    }
    fn begin_at(&mut self, account: &str, ip: &str, now: i64) -> Result<(), u64> {
        let [mut p, mut i, mut a] = self.split(account, ip);
        let result = guard_begin(&mut p, &mut i, &mut a, now);
        self.keep(account, ip, [p, i, a]);
        result
    }
    fn succeeded(&mut self, account: &str, ip: &str) {
        let [mut p, mut i, mut a] = self.split(account, ip);
        guard_succeeded(&mut p, &mut i, &mut a);
        self.keep(account, ip, [p, i, a]);
    }
}

#[test]
fn one_address_gets_five_failures_on_an_account_then_waits() {
    let mut guard = Guard::default();
    for _ in 0..PAIR_FREE {
        assert!(guard.begin_at("sam@x.org", "10.0.0.1", T0).is_ok());
    }
    let wait = guard.begin_at("sam@x.org", "10.0.0.1", T0).unwrap_err();
    assert_eq!(wait, PAIR_LEAK_SECONDS);
    assert!(guard.begin_at("sam@x.org", "10.0.0.2", T0).is_ok(), "owner");
    assert!(
        guard.begin_at("kim@x.org", "10.0.0.1", T0).is_ok(),
        "colleague"
    );
    let later = secs(PAIR_LEAK_SECONDS);
    assert!(guard.begin_at("sam@x.org", "10.0.0.1", later).is_ok());
    assert!(
        guard.begin_at("sam@x.org", "10.0.0.1", later).is_err(),
        "one per minute"
    );
}

#[test]
fn a_right_password_forgives_the_attempt() {
    let mut guard = Guard::default();
    for _ in 0..20 {
        assert!(guard.begin_at("sam@x.org", "10.0.0.1", T0).is_ok());
        guard.succeeded("sam@x.org", "10.0.0.1");
    }
}

#[test]
fn one_address_trying_many_accounts_is_stopped() {
    let mut guard = Guard::default();
    for i in 0..IP_FREE {
        assert!(
            guard
                .begin_at(&format!("p{i}@x.org"), "10.0.0.9", T0)
                .is_ok()
        );
    }
    assert!(guard.begin_at("new@x.org", "10.0.0.9", T0).is_err());
    assert!(guard.begin_at("new@x.org", "10.0.0.8", T0).is_ok());
}

#[test]
fn an_account_under_attack_slows_failing_addresses_only() {
    let mut guard = Guard::default();
    for i in 0..ACCOUNT_FREE + 3 {
        assert!(
            guard
                .begin_at("sam@x.org", &format!("10.1.0.{i}"), T0)
                .is_ok()
        );
    }
    let wait = guard.begin_at("sam@x.org", "10.1.0.1", T0).unwrap_err();
    assert_eq!(wait, account_delay(ACCOUNT_FREE + 3));
    assert!(
        guard.begin_at("sam@x.org", "192.0.2.7", T0).is_ok(),
        "owner"
    );
    assert_eq!(account_delay(ACCOUNT_FREE), 1);
    assert_eq!(account_delay(ACCOUNT_FREE + 4), 16);
    assert_eq!(account_delay(u32::MAX), ACCOUNT_MAX_DELAY_SECONDS);
}

#[test]
fn the_burst_is_allowed_then_refused_with_a_wait_and_refills_one_per_period() {
    let quota = Quota {
        name: "t",
        burst: 3,
        period_seconds: 60,
    };
    let mut bucket = Bucket::default();
    for _ in 0..3 {
        assert!(quota_check(&quota, &mut bucket, T0).is_ok());
    }
    assert_eq!(quota_check(&quota, &mut bucket, T0), Err(60));
    assert_eq!(quota_check(&quota, &mut bucket, secs(59)), Err(1));
    assert!(
        quota_check(&quota, &mut bucket, secs(60)).is_ok(),
        "one forgiven"
    );
    assert!(quota_check(&quota, &mut bucket, secs(61)).is_err());
    assert!(quota_check(&quota, &mut bucket, secs(60 * 4)).is_ok());
}

#[test]
fn partial_periods_are_kept_not_lost() {
    let mut bucket = Bucket::default();
    bucket.count_one(T0);
    bucket.count_one(T0);
    // 1.5 periods later: one forgiven, the half period still counts towards the next.
    assert_eq!(bucket.current(T0 + 90_000, 60), 1);
    assert_eq!(bucket.current(T0 + 119_999, 60), 1);
    assert_eq!(bucket.current(T0 + 120_000, 60), 0);
}

#[tokio::test]
async fn the_memory_store_keeps_counts_between_checks() {
    let limits = RateLimits::new(Store::memory());
    let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
    for _ in 0..RESET_PER_TOKEN.burst {
        limits
            .check(&[(&RESET_PER_TOKEN, "link")], now)
            .await
            .unwrap();
    }
    let refused = limits.check(&[(&RESET_PER_TOKEN, "link")], now).await;
    assert!(matches!(refused, Err(Refused::Wait(60))), "{refused:?}");
    limits
        .check(&[(&RESET_PER_TOKEN, "other link")], now)
        .await
        .unwrap();
    let pruned = limits.prune(now + time::Duration::days(2)).await.unwrap();
    assert_eq!(pruned, 2);
    limits
        .check(&[(&RESET_PER_TOKEN, "link")], now)
        .await
        .unwrap();
}

#[test]
fn stored_keys_name_the_limiter_and_hide_what_they_limit() {
    let a = store::key("reset-ip", &["10.0.0.1"]);
    assert_eq!(a.len(), 64);
    assert!(!a.contains("10.0.0.1"));
    assert_ne!(a, store::key("invitation-ip", &["10.0.0.1"]));
    assert_ne!(
        store::key("signin-pair", &["a", "bc"]),
        store::key("signin-pair", &["ab", "c"])
    );
}
