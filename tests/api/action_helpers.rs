//! Actions for tests: record one over HTTP and read its id back, and the day as a form sends it.

use roundtable::domain::clock::Clock;
use time::Duration;

use crate::helpers::{Browser, TestApp};

/// The test clock's day plus `days`, as a date input sends it.
pub fn day(app: &TestApp, days: i64) -> String {
    (app.clock.now() + Duration::days(days)).date().to_string()
}

/// The id at the end of a `303` response's location.
pub fn id_from(response: &reqwest::Response) -> i64 {
    assert_eq!(response.status(), 303, "expected a redirect");
    let location = response.headers()["location"].to_str().unwrap();
    location
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Records an action outside a meeting; returns its id.
pub async fn create_action(
    browser: &Browser,
    slug: &str,
    title: &str,
    owner: roundtable::domain::ids::UserId,
    due: &str,
) -> i64 {
    let owner = owner.to_string();
    let response = browser
        .post(
            &format!("/teams/{slug}/actions"),
            &[("title", title), ("owner_id", &owner), ("due_on", due)],
        )
        .await;
    id_from(&response)
}

/// Moves an action; returns the status code.
pub async fn move_action(browser: &Browser, slug: &str, id: i64, to: &str, reason: &str) -> u16 {
    browser
        .post(
            &format!("/teams/{slug}/actions/{id}/status"),
            &[("status", to), ("reason", reason)],
        )
        .await
        .status()
        .as_u16()
}
