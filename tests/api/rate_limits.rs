//! Rate limits kept in the database are shared by every server on it (ADR 0014): a guesser
//! gains nothing by landing on another server, and parallel attempts cannot slip past a count.

use std::sync::Arc;

use roundtable::auth::rate_limit::{PAIR_FREE, RateLimits, Refused, Store};
use roundtable::config::RateLimitStore;
use roundtable::startup::Application;

use crate::helpers::{Browser, create_person, spawn_app_with_settings};

#[tokio::test]
async fn two_servers_on_one_database_share_the_sign_in_limits() {
    let a = spawn_app_with_settings(|s| s.rate_limit_store = RateLimitStore::Database).await;
    let person = create_person(&a, "Sam", false).await;
    // A second server on the same database and data folder (so the same cookie key).
    let second = Application::build_with(a.settings.clone(), a.clock.clone(), |_| {})
        .await
        .unwrap();
    let b_address = format!("http://127.0.0.1:{}", second.port());
    let b_server = second.server_handle();
    tokio::spawn(second.run_until_stopped());
    let browser_for = |base: &str| Browser {
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .unwrap(),
        base: base.to_owned(),
    };
    let (on_a, on_b) = (browser_for(&a.address), browser_for(&b_address));

    let mut statuses = Vec::new();
    for i in 0..=PAIR_FREE {
        let browser = if i % 2 == 0 { &on_a } else { &on_b };
        let answer = browser.login(&person.email, "a wrong guess").await;
        statuses.push(answer.status().as_u16());
    }
    let wrong = usize::try_from(PAIR_FREE).unwrap();
    assert_eq!(statuses[..wrong], vec![422; wrong], "{statuses:?}");
    assert_eq!(statuses[wrong], 429, "the sixth guess, on either server");
    assert_eq!(
        on_a.login(&person.email, "a wrong guess").await.status(),
        429
    );
    b_server.stop(false).await;
}

#[tokio::test]
async fn parallel_attempts_cannot_slip_past_the_shared_count() {
    let app = spawn_app_with_settings(|_| {}).await;
    // Two stores on one database stand for two servers.
    let servers = [
        Arc::new(RateLimits::new(Store::database(app.db.conn.clone()))),
        Arc::new(RateLimits::new(Store::database(app.db.conn.clone()))),
    ];
    let now = time::OffsetDateTime::now_utc();
    let attempts: Vec<_> = (0..20)
        .map(|i| {
            let limits = servers[i % 2].clone();
            tokio::spawn(async move { limits.login_begin("sam@x.org", "10.0.0.1", now).await })
        })
        .collect();
    let mut allowed = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            Ok(()) => allowed += 1,
            Err(Refused::Wait(_)) => {}
            Err(Refused::Store(e)) => panic!("the store failed under contention: {e}"),
        }
    }
    assert_eq!(allowed, PAIR_FREE, "exactly the free failures, never more");

    // A right password forgives its attempt on every server.
    servers[0]
        .login_succeeded("kim@x.org", "10.0.0.2", now)
        .await
        .unwrap();
    for _ in 0..PAIR_FREE {
        servers[1]
            .login_begin("kim@x.org", "10.0.0.2", now)
            .await
            .unwrap();
        servers[0]
            .login_succeeded("kim@x.org", "10.0.0.2", now)
            .await
            .unwrap();
    }
    servers[1]
        .login_begin("kim@x.org", "10.0.0.2", now)
        .await
        .unwrap();

    // Idle counts are forgotten.
    let pruned = servers[0]
        .prune(now + time::Duration::days(2))
        .await
        .unwrap();
    assert!(pruned >= 4, "{pruned}");
    servers[1]
        .login_begin("sam@x.org", "10.0.0.1", now + time::Duration::days(2))
        .await
        .unwrap();
}
