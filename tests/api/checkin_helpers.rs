//! Check-ins for tests: write one over HTTP, read the stored rows, move the clock to a moment.

use roundtable::domain::clock::Clock;
use roundtable::domain::ids::TeamId;
use roundtable::store::entities::{checkins, teams};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use time::OffsetDateTime;

use crate::helpers::{Browser, TestApp};

/// Posts a check-in with these answers and action (`""`: none); returns the response.
pub async fn check_in(
    browser: &Browser,
    slug: &str,
    answers: [&str; 4],
    action: &str,
) -> reqwest::Response {
    let [moved, blocking, next, improvement] = answers;
    browser
        .post(
            &format!("/teams/{slug}/checkins"),
            &[
                ("moved", moved),
                ("blocking", blocking),
                ("next", next),
                ("improvement", improvement),
                ("action", action),
            ],
        )
        .await
}

/// [`check_in`], asserting it was saved (a redirect back to the check-ins, not to sign in).
pub async fn checked_in(browser: &Browser, slug: &str, answers: [&str; 4], action: &str) {
    let response = check_in(browser, slug, answers, action).await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap();
    assert!(location.ends_with("/checkins#mine"), "{location}");
}

/// The team's id.
pub async fn team_id(app: &TestApp, slug: &str) -> TeamId {
    teams::Entity::find()
        .filter(teams::Column::Slug.eq(slug))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Every check-in of the team, oldest first.
pub async fn stored(app: &TestApp, slug: &str) -> Vec<checkins::Model> {
    checkins::Entity::find()
        .filter(checkins::Column::TeamId.eq(team_id(app, slug).await))
        .order_by_asc(checkins::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
}

/// Moves the test clock forward to `at` (which must be ahead of it).
pub fn move_clock_to(app: &TestApp, at: OffsetDateTime) {
    let by = at - app.clock.now();
    assert!(by.is_positive(), "the clock only moves forward");
    app.clock.advance(by);
}

/// Moves the test clock to a Wednesday noon (UTC, the test teams' zone) a week or more ahead:
/// a meeting from the test form starts about a day later, so its scan reads the same ISO
/// week as check-ins written now, whatever day the suite runs.
pub fn to_wednesday_noon(app: &TestApp) {
    let now = app.clock.now();
    let days = (i64::from(time::Weekday::Wednesday.number_days_from_monday())
        - i64::from(now.weekday().number_days_from_monday()))
    .rem_euclid(7)
        + 7;
    let wednesday_noon =
        (now + time::Duration::days(days)).replace_time(time::macros::time!(12:00));
    move_clock_to(app, wednesday_noon);
}

/// The next Sunday at `hour:minute` UTC, at least an hour ahead of the test clock.
pub fn next_sunday_utc(app: &TestApp, hour: u8, minute: u8) -> OffsetDateTime {
    let now = app.clock.now();
    let mut day = now.date();
    loop {
        let at = day.with_hms(hour, minute, 0).unwrap().assume_utc();
        if day.weekday() == time::Weekday::Sunday && at > now + time::Duration::hours(1) {
            return at;
        }
        day = day.next_day().unwrap();
    }
}

/// Page text as people read it (Tera escapes `'` and `/`).
pub async fn read(browser: &Browser, path: &str) -> (u16, String) {
    let response = browser.get(path).await;
    let status = response.status().as_u16();
    let text = response
        .text()
        .await
        .unwrap()
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/");
    (status, text)
}
