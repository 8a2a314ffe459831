//! Shared by the page benchmarks (`page_bench`, `budget_bench`): deterministic data, bulk
//! inserts, signing in, and timing concurrent requests to one page.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use sea_orm::{DatabaseConnection, EntityTrait};

/// Concurrent requests per page.
pub const CONCURRENCY: usize = 16;
/// Every seeded person's password.
pub const PASSWORD: &str = "a long enough bench password";

/// SplitMix64: small and deterministic.
pub struct Gen(pub u64);

impl Gen {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Inserts rows 500 at a time.
pub async fn insert_chunks<A, I>(db: &DatabaseConnection, rows: I)
where
    A: sea_orm::ActiveModelTrait + Send,
    I: IntoIterator<Item = A>,
{
    let rows: Vec<A> = rows.into_iter().collect();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(500).collect();
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec(db)
            .await
            .unwrap();
    }
}

/// A client signed in as `email`.
pub async fn sign_in(base: &str, email: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let html = client
        .get(format!("{base}/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let marker = r#"name="csrf_token" value=""#;
    let start = html.find(marker).unwrap() + marker.len();
    let token = html[start..start + 64].to_owned();
    let response = client
        .post(format!("{base}/login"))
        .form(&[
            ("email", email),
            ("password", PASSWORD),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "sign-in failed");
    client
}

/// Timings of one page.
pub struct Figures {
    pub p50: Duration,
    pub p99: Duration,
    pub bytes: usize,
    pub statuses: Vec<u16>,
}

/// Fires `requests` requests, `CONCURRENCY` at a time, after a warm-up.
pub async fn measure(client: &reqwest::Client, url: &str, requests: usize) -> Figures {
    // Warm up (templates, statement caches, connections).
    for _ in 0..4 {
        client.get(url).send().await.unwrap().bytes().await.unwrap();
    }
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let workers = (0..CONCURRENCY).map(|_| {
        let client = client.clone();
        let url = url.to_owned();
        let next = next.clone();
        tokio::spawn(async move {
            let mut out = Vec::new();
            while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < requests {
                let started = Instant::now();
                let response = client.get(&url).send().await.unwrap();
                let status = response.status().as_u16();
                let body = response.bytes().await.unwrap();
                out.push((started.elapsed(), body.len(), status));
            }
            out
        })
    });
    let mut all = Vec::new();
    for worker in workers {
        all.extend(worker.await.unwrap());
    }
    all.sort_by_key(|(d, _, _)| *d);
    let at = |q: f64| all[((all.len() as f64 * q).ceil() as usize).saturating_sub(1)].0;
    Figures {
        p50: at(0.50),
        p99: at(0.99),
        bytes: all.iter().map(|(_, b, _)| *b).max().unwrap_or(0),
        statuses: {
            let mut s: Vec<u16> = all.iter().map(|(_, _, s)| *s).collect();
            s.sort_unstable();
            s.dedup();
            s
        },
    }
}

/// The load average, as `/proc/loadavg` gives it.
pub fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}
