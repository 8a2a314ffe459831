//! Check-ins and role maps over `/api/v1`: each endpoint for each role (the access matrix),
//! one's own check-in written through the API stored as the web page stores it and shown on the
//! team's week, blockers linked to actions, role maps started, edited, published (edits then
//! versioned), closed (then 409), their history in cursor pages, validation as 422 with
//! fields, and another team's check-ins and maps answering 404.

use roundtable::store::entities::{checkins, role_maps};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::action_helpers::{create_action, day, id_from};
use crate::api_helpers::{
    assert_matrix, created, expect, not_found, read_token, read_write_token, revalidates,
};
use crate::api_matrix::Row;
use crate::checkin_helpers::{checked_in, stored};
use crate::helpers::{Browser, TestApp, seed, signed_in, spawn_app};

/// The check-in and role map rows; `{map}` is a draft of team a owned by the leader, `{ms}`
/// and `{ms2}` its milestones owned by the member, `{member}` the member's id, `{due}` a day
/// next week.
pub(crate) const ROWS: &[Row] = &[
    Row::get("/api/v1/teams/{a}/checkins", [401, 404, 200, 200, 403]),
    Row::get("/api/v1/teams/{a}/checkins/me", [401, 404, 200, 200, 403]),
    Row::write(
        "PUT",
        "/api/v1/teams/{a}/checkins/me",
        r#"{"moved": "The matrix moved."}"#,
        [401, 404, 201, 201, 403],
    ),
    Row::get("/api/v1/teams/{a}/role-maps", [401, 404, 200, 200, 403]),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/role-maps",
        r#"{"title": "Matrix map", "outcome": "The matrix passes.", "owner_id": {member}}"#,
        [401, 404, 201, 201, 403],
    ),
    Row::get(
        "/api/v1/teams/{a}/role-maps/{map}",
        [401, 404, 200, 200, 403],
    ),
    // A draft: any member edits it.
    Row::write(
        "PATCH",
        "/api/v1/teams/{a}/role-maps/{map}",
        r#"{"title": "Renamed map"}"#,
        [401, 404, 200, 200, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/role-maps/{map}/milestones",
        r#"{"title": "Matrix step", "owner_id": {member}, "due_on": "{due}"}"#,
        [401, 404, 201, 201, 403],
    ),
    Row::write(
        "PATCH",
        "/api/v1/teams/{a}/role-maps/{map}/milestones/{ms}",
        r#"{"title": "Step renamed"}"#,
        [401, 404, 200, 200, 403],
    ),
    Row::write(
        "PUT",
        "/api/v1/teams/{a}/role-maps/{map}/milestones/{ms}/done",
        r#"{"done": true}"#,
        [401, 404, 200, 200, 403],
    ),
    // Removed by the member: the leader finds it gone.
    Row::write(
        "DELETE",
        "/api/v1/teams/{a}/role-maps/{map}/milestones/{ms2}",
        "{}",
        [401, 404, 200, 404, 403],
    ),
    // Only its owner (the leader) or a leader publishes and closes.
    Row::write(
        "POST",
        "/api/v1/teams/{a}/role-maps/{map}/publish",
        "{}",
        [401, 404, 403, 200, 403],
    ),
    Row::get(
        "/api/v1/teams/{a}/role-maps/{map}/history",
        [401, 404, 200, 200, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/role-maps/{map}/close",
        "{}",
        [401, 404, 403, 200, 403],
    ),
];

/// A draft role map through the API; returns its JSON.
async fn new_map(app: &TestApp, slug: &str, token: &str, title: &str, owner: i64) -> Value {
    expect(
        app,
        ("POST", &format!("/api/v1/teams/{slug}/role-maps")),
        token,
        Some(json!({"title": title, "outcome": "Every class has a plan.", "owner_id": owner})),
        201,
    )
    .await
}

/// A milestone through the API; returns the map's JSON.
async fn new_milestone(app: &TestApp, map: &str, token: &str, title: &str, owner: i64) -> Value {
    expect(
        app,
        ("POST", &format!("{map}/milestones")),
        token,
        Some(json!({"title": title, "owner_id": owner, "due_on": day(app, 7)})),
        201,
    )
    .await
}

#[tokio::test]
async fn every_checkin_and_role_map_endpoint_answers_each_role_as_the_access_table_says() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let token = read_write_token(&leader).await;
    let map = new_map(&app, &world.team_a, &token, "Pilot", world.leader.id.0).await;
    let path = format!("/api/v1/teams/{}/role-maps/{}", world.team_a, map["id"]);
    new_milestone(&app, &path, &token, "First step", world.member.id.0).await;
    let map = new_milestone(&app, &path, &token, "Second step", world.member.id.0).await;
    assert_matrix(
        &app,
        &world,
        ROWS,
        &[
            ("{map}", map["id"].to_string()),
            ("{ms}", map["milestones"][0]["id"].to_string()),
            ("{ms2}", map["milestones"][1]["id"].to_string()),
            ("{member}", world.member.id.to_string()),
            ("{due}", day(&app, 7)),
        ],
    )
    .await;
}

/// The answers people see of a stored check-in.
fn answers(row: &checkins::Model) -> [String; 5] {
    [
        row.week.clone(),
        row.moved.clone(),
        row.blocking.clone(),
        row.next_up.clone(),
        format!("{:?}", row.blocker_action_id),
    ]
}

#[tokio::test]
async fn ones_own_checkin_written_through_the_api_is_the_web_pages() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let member = signed_in(&app, &world.member).await;
    let leader = signed_in(&app, &world.leader).await;
    let token = read_write_token(&member).await;
    let read = read_token(&member).await;
    let leads = read_token(&leader).await;
    let a = &world.team_a;
    let me = format!("/api/v1/teams/{a}/checkins/me");
    let week = format!("/api/v1/teams/{a}/checkins");

    let before = expect(&app, ("GET", &me), &token, None, 200).await;
    assert!(before["checkin"].is_null());
    assert_eq!(before["current"], true);
    let body = json!({"moved": "Posters up", "blocking": "", "next": "Book the hall", "improvement": "Shorter meeting"});
    let (location, written) = created(&app, ("PUT", &me), &token, Some(body.clone())).await;
    let this_week = before["week"].as_str().unwrap();
    assert_eq!(location, format!("{me}?week={this_week}"));
    assert_eq!(written["checkin"]["moved"], "Posters up");
    assert_eq!(written["checkin"]["next"], "Book the hall");
    // A second write the same week changes it.
    let mut changed = body.clone();
    changed["moved"] = json!("Posters and flyers up");
    let again = expect(&app, ("PUT", &me), &token, Some(changed.clone()), 200).await;
    assert_eq!(again["checkin"]["moved"], "Posters and flyers up");
    assert_eq!(expect(&app, ("GET", &me), &token, None, 200).await, again);

    // The leader sees the member's entry and, for now, that they have not checked in.
    let seen = expect(&app, ("GET", &week), &leads, None, 200).await;
    assert_eq!(seen["entries"].as_array().unwrap().len(), 1);
    assert_eq!(seen["entries"][0]["who"], "Member");
    assert_eq!(seen["entries"][0]["mine"], false);
    assert_eq!(seen["not_checked_in"]["names"], json!(["Leader"]));
    assert_eq!(
        (seen["checked_in"].as_u64(), seen["members"].as_u64()),
        (Some(1), Some(2))
    );
    // The leader writes the same on the web page: stored alike.
    checked_in(
        &leader,
        a,
        [
            "Posters and flyers up",
            "",
            "Book the hall",
            "Shorter meeting",
        ],
        "",
    )
    .await;
    let rows = stored(&app, a).await;
    assert_eq!(rows.len(), 2);
    assert_eq!(answers(&rows[0]), answers(&rows[1]));
    assert_eq!(rows[0].improvement, rows[1].improvement);
    // And the web page shows the API's.
    let page = leader
        .get(&format!("/teams/{a}/checkins"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Posters and flyers up"));

    // The member reads the week a page at a time, without the names of who is missing.
    let first = expect(&app, ("GET", &format!("{week}?limit=1")), &token, None, 200).await;
    assert!(first["not_checked_in"].is_null());
    assert_eq!(first["entries"][0]["mine"], true);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = expect(
        &app,
        ("GET", &format!("{week}?limit=1&cursor={cursor}")),
        &token,
        None,
        200,
    )
    .await;
    assert_eq!(second["entries"][0]["who"], "Leader");
    assert!(second["next_cursor"].is_null());
    // A past week: nothing written, read-only.
    let previous = first["previous_week"].as_str().unwrap();
    let past = expect(
        &app,
        ("GET", &format!("{me}?week={previous}")),
        &token,
        None,
        200,
    )
    .await;
    assert_eq!(past["week"], previous);
    assert_eq!(past["current"], false);
    assert!(past["checkin"].is_null());

    // ETag round trip on one's own check-in.
    revalidates(&app, &me, &read).await;

    // Validation and scope.
    let body = expect(&app, ("PUT", &me), &token, Some(json!({})), 422).await;
    assert!(body["fields"]["entry"].as_str().is_some(), "{body}");
    let body = expect(
        &app,
        ("PUT", &me),
        &token,
        Some(json!({"moved": "x".repeat(5000)})),
        422,
    )
    .await;
    assert!(body["fields"]["moved"].as_str().is_some(), "{body}");
    let body = expect(
        &app,
        ("PUT", &me),
        &token,
        Some(json!({"blocking": "Keys", "action": 999999})),
        422,
    )
    .await;
    assert!(body["fields"]["action"].as_str().is_some(), "{body}");
    let body = expect(
        &app,
        ("PUT", &me),
        &token,
        Some(json!({"moved": "x", "when": "now"})),
        400,
    )
    .await;
    assert_eq!(body["error"], "invalid_body");
    expect(&app, ("PUT", &me), &read, Some(changed), 403).await;
    assert_eq!(stored(&app, a).await.len(), 2);
}

#[tokio::test]
async fn a_blocker_named_through_the_api_blocks_its_action_and_other_teams_are_404() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let member = signed_in(&app, &world.member).await;
    let token = read_write_token(&member).await;
    let a = &world.team_a;
    let act = create_action(&member, a, "Book the hall", world.member.id, &day(&app, 7)).await;

    let body = json!({"blocking": "Waiting for the caretaker's keys", "action": act});
    let saved = expect(
        &app,
        ("PUT", &format!("/api/v1/teams/{a}/checkins/me")),
        &token,
        Some(body),
        201,
    )
    .await;
    assert_eq!(saved["checkin"]["action"], act);
    let action = expect(
        &app,
        ("GET", &format!("/api/v1/teams/{a}/actions/{act}")),
        &token,
        None,
        200,
    )
    .await;
    assert_eq!(action["status"], "blocked");
    assert_eq!(action["reason"], "Waiting for the caretaker's keys");
    assert!(!action["blocked_from"].as_str().unwrap().is_empty());
    let week = expect(
        &app,
        ("GET", &format!("/api/v1/teams/{a}/checkins")),
        &token,
        None,
        200,
    )
    .await;
    assert_eq!(week["entries"][0]["action"]["id"], act);

    let b = &world.team_b;
    for (method, path) in [
        ("GET", format!("/api/v1/teams/{b}/checkins")),
        ("GET", format!("/api/v1/teams/{b}/checkins/me")),
        ("PUT", format!("/api/v1/teams/{b}/checkins/me")),
        ("GET", format!("/api/v1/teams/{b}/role-maps")),
        ("POST", format!("/api/v1/teams/{b}/role-maps")),
    ] {
        let body = match method {
            "PUT" => Some(json!({"moved": "x"})),
            "POST" => Some(json!({"title": "Theirs", "outcome": "Not ours.", "owner_id": 1})),
            _ => None,
        };
        not_found(&app, (method, &path), &token, body).await;
    }
    let outsider = signed_in(&app, &world.outsider).await;
    let theirs = read_write_token(&outsider).await;
    let map = new_map(&app, b, &theirs, "Their project", world.outsider.id.0).await;
    let id = &map["id"];
    for path in [
        format!("/api/v1/teams/{b}/role-maps/{id}"),
        format!("/api/v1/teams/{a}/role-maps/{id}"),
        format!("/api/v1/teams/{a}/role-maps/{id}/history"),
        format!("/api/v1/teams/{a}/role-maps/x"),
    ] {
        expect(&app, ("GET", &path), &token, None, 404).await;
    }
    expect(
        &app,
        ("POST", &format!("/api/v1/teams/{a}/role-maps/{id}/publish")),
        &token,
        None,
        404,
    )
    .await;
}

/// The stored fields people see of a role map.
async fn map_row(app: &TestApp, id: &Value) -> (String, String, i64, String, i32) {
    let m = role_maps::Entity::find_by_id(roundtable::domain::ids::RoleMapId(id.as_i64().unwrap()))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    (
        m.title,
        m.outcome,
        m.owner_id.0,
        format!("{:?}", m.status),
        m.version,
    )
}

async fn web_map(browser: &Browser, slug: &str, title: &str, owner: i64) -> i64 {
    let owner = owner.to_string();
    let response = browser
        .post(
            &format!("/teams/{slug}/roles"),
            &[
                ("title", title),
                ("outcome", "Every class has a plan."),
                ("owner_id", &owner),
            ],
        )
        .await;
    id_from(&response)
}

#[tokio::test]
async fn a_role_map_is_started_edited_published_versioned_and_closed_through_the_api() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let token = read_write_token(&leader).await;
    let theirs = read_write_token(&member).await;
    let a = &world.team_a;
    let maps = format!("/api/v1/teams/{a}/role-maps");

    let (location, map) = created(&app, ("POST", &maps), &token, Some(json!({"title": "Reading pilot", "outcome": "Every class has a plan.", "owner_id": world.leader.id.0}))).await;
    assert_eq!(location, format!("{maps}/{}", map["id"]));
    assert_eq!(map["status"], "draft");
    assert_eq!(map["may_edit"], true);
    let from_web = web_map(&leader, a, "Reading pilot", world.leader.id.0).await;
    assert_eq!(
        map_row(&app, &map["id"]).await,
        map_row(&app, &json!(from_web)).await
    );
    let page = leader.get(&format!("/teams/{a}/roles/{}", map["id"])).await;
    assert!(page.text().await.unwrap().contains("Reading pilot"));

    // Validation: the form's checks, by field.
    let body = expect(
        &app,
        ("POST", &maps),
        &token,
        Some(json!({"title": "", "outcome": "", "owner_id": world.outsider.id.0})),
        422,
    )
    .await;
    for field in ["title", "outcome", "owner_id"] {
        assert!(body["fields"][field].as_str().is_some(), "{field}: {body}");
    }
    let bad = json!({"title": "Step", "owner_id": world.member.id.0, "due_on": "someday"});
    let body = expect(
        &app,
        ("POST", &format!("{location}/milestones")),
        &token,
        Some(bad),
        422,
    )
    .await;
    assert!(body["fields"]["due_on"].as_str().is_some(), "{body}");

    // Milestones, edits in draft (any member), publication by the owner only.
    let map = new_milestone(&app, &location, &token, "Plan the term", world.member.id.0).await;
    let ms = map["milestones"][0]["id"].clone();
    assert_eq!(map["milestones"][0]["may_mark_done"], true);
    let edited = expect(
        &app,
        ("PATCH", &location),
        &theirs,
        Some(json!({"outcome": "Every class reads daily."})),
        200,
    )
    .await;
    assert_eq!(edited["outcome"], "Every class reads daily.");
    assert_eq!(edited["title"], "Reading pilot", "left out: kept");
    expect(
        &app,
        ("POST", &format!("{location}/publish")),
        &theirs,
        None,
        403,
    )
    .await;
    let published = expect(
        &app,
        ("POST", &format!("{location}/publish")),
        &token,
        None,
        200,
    )
    .await;
    assert_eq!(published["status"], "published");
    assert_eq!(published["version"], 1);
    expect(
        &app,
        ("POST", &format!("{location}/publish")),
        &token,
        None,
        409,
    )
    .await;
    // Published: the member may no longer edit, but ticks their own milestone.
    expect(
        &app,
        ("PATCH", &location),
        &theirs,
        Some(json!({"title": "Mine now"})),
        403,
    )
    .await;
    let ticked = expect(
        &app,
        ("PUT", &format!("{location}/milestones/{ms}/done")),
        &theirs,
        Some(json!({"done": true})),
        200,
    )
    .await;
    assert_eq!(ticked["milestones"][0]["done"], true);
    let moved = expect(
        &app,
        ("PATCH", &format!("{location}/milestones/{ms}")),
        &token,
        Some(json!({"due_on": day(&app, 14)})),
        200,
    )
    .await;
    assert_eq!(moved["milestones"][0]["due_on"], day(&app, 14).as_str());
    assert_eq!(moved["milestones"][0]["title"], "Plan the term");
    assert_eq!(moved["version"], 3);
    assert_eq!(moved["versions"], 3);

    // The history, newest first, a page at a time; the ETag round trip.
    let history = format!("{location}/history");
    let first = expect(
        &app,
        ("GET", &format!("{history}?limit=2")),
        &theirs,
        None,
        200,
    )
    .await;
    let versions: Vec<i64> = first["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, [3, 2]);
    assert_eq!(first["versions"][1]["actor_id"], world.member.id.0);
    assert!(
        first["versions"][0]["text"]
            .as_str()
            .unwrap()
            .contains("Plan the term")
    );
    let cursor = first["next_cursor"].as_str().unwrap();
    let rest = expect(
        &app,
        ("GET", &format!("{history}?limit=2&cursor={cursor}")),
        &theirs,
        None,
        200,
    )
    .await;
    assert_eq!(rest["versions"][0]["version"], 1);
    assert!(rest["next_cursor"].is_null());
    revalidates(&app, &history, &theirs).await;

    // The list: newest first, a page at a time.
    let first = expect(
        &app,
        ("GET", &format!("{maps}?limit=1")),
        &theirs,
        None,
        200,
    )
    .await;
    assert_eq!(first["role_maps"][0]["id"], from_web);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = expect(
        &app,
        ("GET", &format!("{maps}?limit=1&cursor={cursor}")),
        &theirs,
        None,
        200,
    )
    .await;
    assert_eq!(second["role_maps"][0]["id"], map["id"]);
    assert_eq!(second["role_maps"][0]["status"], "published");
    assert!(second["next_cursor"].is_null());

    // Closed: read-only.
    let closed = expect(
        &app,
        ("POST", &format!("{location}/close")),
        &token,
        None,
        200,
    )
    .await;
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["may_edit"], false);
    let body = expect(
        &app,
        ("PATCH", &location),
        &token,
        Some(json!({"title": "Again"})),
        409,
    )
    .await;
    assert_eq!(body["error"], "conflict");
    expect(
        &app,
        ("DELETE", &format!("{location}/milestones/{ms}")),
        &token,
        None,
        409,
    )
    .await;
    let read = read_token(&leader).await;
    expect(
        &app,
        ("POST", &format!("{location}/close")),
        &read,
        None,
        403,
    )
    .await;
}
