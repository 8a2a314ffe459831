//! Budget rounds for tests: a round form relative to the test clock, and ways to read ids back.

use roundtable::domain::clock::Clock;
use roundtable::domain::ids::RoundId;
use roundtable::domain::meeting::input_value;
use roundtable::domain::zone::Zone;
use roundtable::store::entities::budget_ideas;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use time::Duration;

use crate::helpers::{Browser, TestApp};

/// Hours of each phase: ideas open now for two hours, review for one, voting for two (all
/// under the 12-hour session idle timeout, so signed-in browsers survive the clock jumps).
pub const IDEAS_HOURS: i64 = 2;
/// Hours from the start to voting opening.
pub const VOTING_OPENS: i64 = 3;
/// Hours from the start to voting closing.
pub const VOTING_CLOSES: i64 = 5;

/// A round of 1,000 EUR with the given ballot type and privacy.
pub fn round_form(app: &TestApp, privacy: &str, ballot_type: &str) -> Vec<(String, String)> {
    let now = app.clock.now();
    let at = |hours: i64| input_value(now + Duration::hours(hours), Zone::utc());
    [
        ("title", "Green schoolyard".to_owned()),
        (
            "purpose",
            "Make the school grounds greener and more fun.".to_owned(),
        ),
        ("amount", "1000".to_owned()),
        ("currency", "EUR".to_owned()),
        ("ideas_open", input_value(now, Zone::utc())),
        ("review_at", at(IDEAS_HOURS)),
        ("voting_open", at(VOTING_OPENS)),
        ("voting_close", at(VOTING_CLOSES)),
        ("ballot_type", ballot_type.to_owned()),
        ("ballot_max", String::new()),
        ("rule", "mes".to_owned()),
        ("privacy", privacy.to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// Creates a round over HTTP as `leader`; returns its id.
pub async fn create_round(
    app: &TestApp,
    leader: &Browser,
    slug: &str,
    privacy: &str,
    ballot_type: &str,
) -> RoundId {
    let form = round_form(app, privacy, ballot_type);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let response = leader
        .post(&format!("/teams/{slug}/budgets"), &fields)
        .await;
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    assert_eq!(status, 303, "{:?}", response.text().await.unwrap());
    location
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Proposes an idea; returns the response.
pub async fn propose_idea(
    browser: &Browser,
    slug: &str,
    round: RoundId,
    title: &str,
    cost: &str,
) -> reqwest::Response {
    browser
        .post(
            &format!("/teams/{slug}/budgets/{round}/ideas"),
            &[
                ("title", title),
                ("description", "Something the whole school will enjoy."),
                ("cost", cost),
                ("location", ""),
            ],
        )
        .await
}

/// The ideas of a round, oldest first.
pub async fn idea_ids(app: &TestApp, round: RoundId) -> Vec<i64> {
    budget_ideas::Entity::find()
        .filter(budget_ideas::Column::RoundId.eq(round))
        .order_by_asc(budget_ideas::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.id.0)
        .collect()
}

/// Casts an approval-type ballot for `ideas`.
pub async fn vote_for(
    browser: &Browser,
    slug: &str,
    round: RoundId,
    ideas: &[i64],
) -> reqwest::Response {
    let fields: Vec<String> = ideas.iter().map(|id| format!("idea_{id}")).collect();
    let refs: Vec<(&str, &str)> = fields.iter().map(|f| (f.as_str(), "on")).collect();
    let saved = browser
        .post(&format!("/teams/{slug}/budgets/{round}/ballot"), &refs)
        .await;
    // A saved ballot redirects to its receipt (post/redirect/get); a refused one answers here.
    if saved.status() == 303 {
        let location = saved.headers()["location"].to_str().unwrap().to_owned();
        return browser.get(&location).await;
    }
    saved
}
