//! `/api/v1` over HTTP: bearer tokens are the only way in, a token acts as its owner (the same
//! access table, route by route and role by role), read tokens only read, another team's
//! resources are 404, lists walk by cursor, reads revalidate by ETag, the rate limit answers
//! 429, and the OpenAPI document lists exactly the routes the router serves.

use std::collections::BTreeSet;

use roundtable::domain::ids::MeetingId;
use roundtable::store::entities::meetings;
use roundtable::web::api::API_ROUTES;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::Value;

use crate::api_matrix::{self, Row};
use crate::api_tokens::make_token;
use crate::helpers::{TestApp, seed, signed_in, spawn_app};
use crate::meeting_helpers::create_meeting;

async fn call(app: &TestApp, method: &str, path: &str, token: Option<&str>) -> reqwest::Response {
    let client = reqwest::Client::new();
    let url = app.url(path);
    let mut request = match method {
        "GET" => client.get(url),
        "POST" => client.post(url).json(&serde_json::json!({})),
        _ => client.delete(url),
    };
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

async fn json(response: reqwest::Response) -> Value {
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_bearer_token_acts_as_its_owner() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let member = signed_in(&app, &world.member).await;
    let token = make_token(&member, "Bot", "read", "30").await;

    let me = json(call(&app, "GET", "/api/v1/me", Some(&token)).await).await;
    assert_eq!(me["email"], world.member.email);
    assert_eq!(me["id"], world.member.id.0);
    assert_eq!(me["token"]["scope"], "read");
    let teams = json(call(&app, "GET", "/api/v1/teams", Some(&token)).await).await;
    let slugs: Vec<&str> = teams["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, [world.team_a.as_str()], "only the owner's teams");
    assert_eq!(teams["teams"][0]["role"], "member");
}

#[tokio::test]
async fn cookies_do_not_open_the_api_and_bad_tokens_get_401() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let member = signed_in(&app, &world.member).await;
    let token = make_token(&member, "Short", "read", "1").await;

    // A signed-in browser (session cookie, no bearer) is refused.
    let response = member.get("/api/v1/me").await;
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.headers()["www-authenticate"],
        "Bearer realm=\"roundtable\""
    );
    let body = json(response).await;
    assert_eq!(body["error"], "unauthorized");
    assert!(body["message"].as_str().unwrap().contains("Bearer"));
    assert!(body["fields"].as_object().unwrap().is_empty());
    // Neither is a session cookie beside a malformed header, nor a made-up or mangled token.
    let zeros = format!("rt_{}", "0".repeat(64));
    let bad_tokens: [&str; 4] = ["rt_", "not-a-token", &zeros, &token[..token.len() - 1]];
    for bad in bad_tokens {
        let response = call(&app, "GET", "/api/v1/me", Some(bad)).await;
        assert_eq!(response.status(), 401, "{bad}");
        assert_eq!(json(response).await["error"], "invalid_token");
    }
    assert_eq!(
        call(&app, "GET", "/api/v1/me", Some(&token)).await.status(),
        200
    );
    // Expired: a one-day token a day later.
    app.clock.advance(time::Duration::days(1));
    let response = call(&app, "GET", "/api/v1/me", Some(&token)).await;
    assert_eq!(response.status(), 401);
    assert_eq!(json(response).await["error"], "invalid_token");
}

#[tokio::test]
async fn a_read_token_cannot_write() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let member = signed_in(&app, &world.member).await;
    let read = make_token(&member, "Reader", "read", "30").await;
    let write = make_token(&member, "Writer", "read_write", "30").await;

    let response = call(&app, "POST", "/api/v1/teams", Some(&read)).await;
    assert_eq!(response.status(), 403);
    assert!(
        response.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("insufficient_scope")
    );
    assert_eq!(json(response).await["error"], "insufficient_scope");
    let response = call(&app, "DELETE", "/api/v1/me", Some(&read)).await;
    assert_eq!(response.status(), 403);
    // The same request with a read-write token passes the scope check (and this address
    // takes no POST): the refusal above was the scope's.
    let response = call(&app, "POST", "/api/v1/teams", Some(&write)).await;
    assert_eq!(response.status(), 405);
    assert_eq!(json(response).await["error"], "method_not_allowed");
    // No CSRF token is asked of a token request, and none is needed to be refused cleanly.
    assert_eq!(
        call(&app, "GET", "/api/v1/me", Some(&write)).await.status(),
        200
    );
}

#[tokio::test]
async fn another_teams_resources_are_not_found() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let outsider = signed_in(&app, &world.outsider).await;
    let meeting_b = create_meeting(&app, &outsider, &world.team_b, "secret").await;
    let member = signed_in(&app, &world.member).await;
    let token = make_token(&member, "Bot", "read", "30").await;
    let b = &world.team_b;
    let a = &world.team_a;

    for path in [
        format!("/api/v1/teams/{b}/meetings"),
        format!("/api/v1/teams/{b}/meetings/{meeting_b}"),
        format!("/api/v1/teams/{a}/meetings/{meeting_b}"),
        "/api/v1/teams/no-such-team/meetings".to_owned(),
        format!("/api/v1/teams/{a}/meetings/not-a-number"),
        "/api/v1/no-such-endpoint".to_owned(),
    ] {
        let response = call(&app, "GET", &path, Some(&token)).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(json(response).await["error"], "not_found", "{path}");
    }
    let response = call(
        &app,
        "GET",
        &format!("/api/v1/teams/{b}/meetings/{meeting_b}"),
        None,
    )
    .await;
    assert_eq!(response.status(), 401, "no token: nothing to learn");
}

#[tokio::test]
async fn a_cursor_walk_returns_every_meeting_once_in_order() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let mut ids: Vec<MeetingId> = Vec::new();
    for _ in 0..7 {
        ids.push(create_meeting(&app, &leader, &world.team_a, "secret").await);
    }
    // Spread the starts, keeping two pairs equal so the id breaks the ties.
    let base = meetings::Entity::find_by_id(ids[0])
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .starts_at;
    for (i, id) in ids.iter().enumerate() {
        let shift = [0, 2, 2, 1, 5, 0, 3][i];
        meetings::ActiveModel {
            id: Set(*id),
            starts_at: Set(base + time::Duration::days(shift)),
            ..Default::default()
        }
        .update(&app.db.conn)
        .await
        .unwrap();
    }
    let expected: Vec<i64> = meetings::Entity::find()
        .filter(meetings::Column::Id.is_in(ids.clone()))
        .order_by_desc(meetings::Column::StartsAt)
        .order_by_desc(meetings::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id.0)
        .collect();
    let member = signed_in(&app, &world.member).await;
    let token = make_token(&member, "Bot", "read", "30").await;
    let list = format!("/api/v1/teams/{}/meetings", world.team_a);

    let mut seen: Vec<i64> = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("{list}?limit=3&cursor={c}"),
            None => format!("{list}?limit=3"),
        };
        let response = call(&app, "GET", &path, Some(&token)).await;
        assert_eq!(response.status(), 200);
        let page = json(response).await;
        let rows = page["meetings"].as_array().unwrap();
        assert!(rows.len() <= 3);
        seen.extend(rows.iter().map(|m| m["id"].as_i64().unwrap()));
        pages += 1;
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
        assert!(pages < 10, "the walk ends");
    }
    assert_eq!(seen, expected, "every meeting once, in order");
    assert_eq!(pages, 3);
    // The default page holds them all; the body names the team and the phase.
    let all = json(call(&app, "GET", &list, Some(&token)).await).await;
    assert_eq!(all["meetings"].as_array().unwrap().len(), 7);
    assert!(all["next_cursor"].is_null());
    assert_eq!(all["meetings"][0]["team"], world.team_a.as_str());
    assert_eq!(all["meetings"][0]["phase"], "proposing");

    for (query, field) in [
        ("?limit=0", "limit"),
        ("?limit=101", "limit"),
        ("?limit=many", "limit"),
        ("?cursor=not-ours", "cursor"),
    ] {
        let response = call(&app, "GET", &format!("{list}{query}"), Some(&token)).await;
        assert_eq!(response.status(), 400, "{query}");
        let body = json(response).await;
        assert_eq!(body["error"], "invalid_parameter");
        assert!(body["fields"][field].as_str().is_some(), "{query}: {body}");
    }
}

#[tokio::test]
async fn reads_carry_an_etag_and_answer_304_while_unchanged() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let meeting = create_meeting(&app, &leader, &world.team_a, "secret").await;
    let token = make_token(&leader, "Bot", "read", "30").await;
    let path = format!("/api/v1/teams/{}/meetings/{meeting}", world.team_a);
    let get = |etag: Option<String>| {
        let mut request = reqwest::Client::new()
            .get(app.url(&path))
            .bearer_auth(&token);
        if let Some(etag) = etag {
            request = request.header("If-None-Match", etag);
        }
        request.send()
    };

    let first = get(None).await.unwrap();
    assert_eq!(first.status(), 200);
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let body = json(first).await;
    assert_eq!(body["id"], meeting.0);
    assert_eq!(body["title"], "Weekly leadership meeting");

    let again = get(Some(etag.clone())).await.unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
    assert!(again.bytes().await.unwrap().is_empty());
    let other = get(Some("\"something-else\"".to_owned())).await.unwrap();
    assert_eq!(other.status(), 200);

    meetings::ActiveModel {
        id: Set(meeting),
        title: Set("Renamed meeting".to_owned()),
        ..Default::default()
    }
    .update(&app.db.conn)
    .await
    .unwrap();
    let changed = get(Some(etag.clone())).await.unwrap();
    assert_eq!(changed.status(), 200, "a change makes a new version");
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
    // Lists revalidate the same way.
    let list = format!("/api/v1/teams/{}/meetings", world.team_a);
    let first = call(&app, "GET", &list, Some(&token)).await;
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let again = reqwest::Client::new()
        .get(app.url(&list))
        .bearer_auth(&token)
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}

#[tokio::test]
async fn each_token_is_rate_limited_with_retry_after() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let member = signed_in(&app, &world.member).await;
    let token = make_token(&member, "Busy", "read", "30").await;
    let other = make_token(&member, "Quiet", "read", "30").await;
    let burst = roundtable::web::api::auth::API_PER_TOKEN.burst;

    let mut limited = None;
    for i in 0..=burst {
        let response = call(&app, "GET", "/api/v1/me", Some(&token)).await;
        if response.status() == 429 {
            limited = Some((i, response));
            break;
        }
        assert_eq!(response.status(), 200, "request {i}");
    }
    let (i, response) = limited.expect("a 429 once the burst is spent");
    assert_eq!(
        i, burst,
        "the whole burst is allowed (the clock stands still)"
    );
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(wait >= 1);
    let body = json(response).await;
    assert_eq!(body["error"], "too_many_requests");
    // Per token: another token of the same person is not held back.
    assert_eq!(
        call(&app, "GET", "/api/v1/me", Some(&other)).await.status(),
        200
    );
    // Once the wait has passed, the token works again.
    app.clock.advance(time::Duration::seconds(wait as i64));
    assert_eq!(
        call(&app, "GET", "/api/v1/me", Some(&token)).await.status(),
        200
    );
}

#[tokio::test]
async fn the_openapi_document_lists_every_route_the_router_serves() {
    let app = spawn_app().await;

    let response = app.get("/api/v1/openapi.json").await;

    assert_eq!(response.status(), 200, "public: no token needed");
    let doc: Value = response.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1."));
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["type"],
        "http"
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|k| ["get", "post", "put", "patch", "delete"].contains(&k.as_str()))
                .map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect();
    let routed: BTreeSet<(String, String)> = API_ROUTES
        .iter()
        .map(|r| (r.method.as_str().to_owned(), r.path.to_owned()))
        .collect();
    assert_eq!(documented, routed);
    // Token routes name the bearer scheme; every error body is the one schema.
    for route in API_ROUTES.iter().filter(|r| r.needs_token) {
        let op = &doc["paths"][route.path][route.method.as_str().to_lowercase()];
        assert_eq!(
            op["security"][0]["bearer"],
            serde_json::json!([]),
            "{route:?}"
        );
        assert!(op["responses"]["401"].is_object(), "{route:?}");
    }
    assert!(doc["components"]["schemas"]["ErrorBody"]["properties"]["fields"].is_object());
    // And the router really serves every documented path (a token route answers 401, not 404).
    for (method, path) in &routed {
        let concrete = path.replace("{team}", "t").replace("{meeting}", "1");
        let status = call(&app, method, &concrete, None).await.status();
        assert!(status == 200 || status == 401, "{method} {path}: {status}");
    }
}

/// The meeting endpoints' rows of the access matrix (`crate::api_matrix`); `{m}` is a
/// meeting of team a.
pub(crate) const ROWS: &[Row] = &[
    Row::get("/api/v1/openapi.json", [200, 200, 200, 200, 200]),
    Row::get("/api/v1/me", [401, 200, 200, 200, 200]),
    Row::get("/api/v1/teams", [401, 200, 200, 200, 200]),
    Row::get("/api/v1/teams/{a}/meetings", [401, 404, 200, 200, 200]),
    Row::get("/api/v1/teams/{b}/meetings", [401, 200, 404, 404, 200]),
    Row::get("/api/v1/teams/{a}/meetings/{m}", [401, 404, 200, 200, 200]),
    // The meeting {m} belongs to team a: in team b it is missing whoever asks.
    Row::get("/api/v1/teams/{b}/meetings/{m}", [401, 404, 404, 404, 404]),
];

#[tokio::test]
async fn every_endpoint_answers_each_role_as_the_access_table_says() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let meeting = create_meeting(&app, &leader, &world.team_a, "secret").await;
    let tokens = api_matrix::persona_tokens(&app, &world).await;

    let failures =
        api_matrix::run(&app, &world, &tokens, ROWS, &[("{m}", meeting.to_string())]).await;

    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_architecture_doc_shows_the_api_route_table_from_the_code() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/architecture.md"))
        .unwrap();
    let table = roundtable::web::api::markdown_table();
    assert!(
        doc.contains(&table),
        "docs/architecture.md must contain:\n{table}"
    );
}
