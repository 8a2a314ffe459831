//! A team's members and its meetings' calendar over `/api/v1`, and cancelled meetings in the
//! meeting JSON: each role as the access table says, the team page's order, search and roles,
//! cursors, and a cancellation seen alike in JSON and iCalendar.

use serde_json::Value;

use crate::api_matrix::{self, Row};
use crate::api_tokens::make_token;
use crate::helpers::{TestApp, add_member, create_person, seed, signed_in, spawn_app};
use crate::meeting_helpers::create_meeting;

pub(crate) const ROWS: &[Row] = &[
    Row::get("/api/v1/teams/{a}/members", [401, 404, 200, 200, 200]),
    Row::get("/api/v1/teams/{b}/members", [401, 200, 404, 404, 200]),
    Row::get("/api/v1/teams/{a}/meetings.ics", [401, 404, 200, 200, 200]),
    Row::get("/api/v1/teams/{b}/meetings.ics", [401, 200, 404, 404, 200]),
];

async fn get(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn members_and_the_calendar_answer_each_role_as_the_access_table_says() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let tokens = api_matrix::persona_tokens(&app, &world).await;

    let failures = api_matrix::run(&app, &world, &tokens, ROWS, &[]).await;

    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn members_walk_in_the_team_pages_order_with_its_search_and_roles() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    for (name, role) in [("anna", "member"), ("Zoe", "leader"), ("bob", "member")] {
        let person = create_person(&app, name, false).await;
        add_member(&app, &world.leader, &world.team_a, &person, role).await;
    }
    let member = signed_in(&app, &world.member).await;
    let token = make_token(&member, "Members", "read", "30").await;
    let path = format!("/api/v1/teams/{}/members", world.team_a);

    let mut seen: Vec<(String, String)> = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = cursor.map_or(String::new(), |c| format!("&cursor={c}"));
        let response = get(&app, &format!("{path}?limit=2{query}"), &token).await;
        assert_eq!(response.status(), 200);
        let page: Value = response.json().await.unwrap();
        for m in page["members"].as_array().unwrap() {
            seen.push((
                m["name"].as_str().unwrap().to_owned(),
                m["role"].as_str().unwrap().to_owned(),
            ));
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    // Leaders first, then by name with case ignored, each once.
    let names: Vec<&str> = seen.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.len() == 5, "{seen:?}");
    assert!(seen[..2].iter().all(|(_, r)| r == "leader"), "{seen:?}");
    assert!(seen[2..].iter().all(|(_, r)| r == "member"), "{seen:?}");
    let lowered: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    let mut sorted = lowered.clone();
    sorted[..2].sort();
    sorted[2..].sort();
    assert_eq!(lowered, sorted);

    let found: Value = get(&app, &format!("{path}?q=ANN"), &token)
        .await
        .json()
        .await
        .unwrap();
    let found: Vec<&str> = found["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert!(found.iter().all(|n| n.to_lowercase().contains("ann")) && !found.is_empty());
    let leaders: Value = get(&app, &format!("{path}?role=leader"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(leaders["members"].as_array().unwrap().len(), 2);
    // A member's search does not look into email addresses (only managers' does, as on the page).
    let by_mail: Value = get(&app, &format!("{path}?q=%40"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert!(
        by_mail["members"].as_array().unwrap().is_empty(),
        "{by_mail}"
    );
    let bad = get(&app, &format!("{path}?role=owner"), &token).await;
    assert_eq!(bad.status(), 400);
    assert_eq!(
        bad.json::<Value>().await.unwrap()["error"],
        "invalid_parameter"
    );
    // ETag round trip.
    let first = get(&app, &path, &token).await;
    let tag = first.headers()["etag"].to_str().unwrap().to_owned();
    let again = reqwest::Client::new()
        .get(app.url(&path))
        .bearer_auth(&token)
        .header("if-none-match", tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}

#[tokio::test]
async fn a_cancelled_meeting_says_so_in_json_and_in_the_calendar() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let team = &world.team_a;
    let kept = create_meeting(&app, &leader, team, "secret").await;
    let cancelled = create_meeting(&app, &leader, team, "secret").await;
    let done = leader
        .post(
            &format!("/teams/{team}/meetings/{cancelled}/cancel"),
            &[("reason", "Snow closure")],
        )
        .await;
    assert_eq!(done.status(), 303);
    let token = make_token(&member, "Calendar", "read", "30").await;

    let one: Value = get(
        &app,
        &format!("/api/v1/teams/{team}/meetings/{cancelled}"),
        &token,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(one["cancelled"]["reason"], "Snow closure");
    assert!(one["cancelled"]["at"].as_str().unwrap().ends_with('Z'));
    let list: Value = get(&app, &format!("/api/v1/teams/{team}/meetings"), &token)
        .await
        .json()
        .await
        .unwrap();
    let by_id = |id: i64| {
        list["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .cloned()
            .unwrap()
    };
    assert!(by_id(kept.0)["cancelled"].is_null());
    assert_eq!(by_id(cancelled.0)["cancelled"]["reason"], "Snow closure");

    let response = get(&app, &format!("/api/v1/teams/{team}/meetings.ics"), &token).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let text = response.text().await.unwrap();
    let events: Vec<&str> = text.split("BEGIN:VEVENT").skip(1).collect();
    assert_eq!(events.len(), 2, "{text}");
    let event_of = |id: i64| {
        events
            .iter()
            .find(|e| e.contains(&format!("UID:meeting-{id}@roundtable")))
            .copied()
            .unwrap()
    };
    assert!(event_of(cancelled.0).contains("STATUS:CANCELLED"), "{text}");
    assert!(!event_of(kept.0).contains("STATUS:CANCELLED"), "{text}");
    // Another team's calendar is not found.
    let other = get(
        &app,
        &format!("/api/v1/teams/{}/meetings.ics", world.team_b),
        &token,
    )
    .await;
    assert_eq!(other.status(), 404);
}
