//! The action log over `/api/v1`: each endpoint for each role (the access matrix), an action
//! recorded through the API stored and shown exactly as one recorded on the web page, the
//! form's validation as 422 with fields, status moves with their history and audit, comments,
//! cursor pages in the page's order, the filters, ETags and the CSV the web page exports.

use roundtable::store::entities::{action_history, actions, audit_log};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::action_helpers::{create_action, day};
use crate::api_helpers::{
    assert_matrix, created, expect, get, if_none_match, not_found, read_token, read_write_token,
    revalidates, walk,
};
use crate::api_matrix::Row;
use crate::helpers::{TestApp, seed, signed_in, spawn_app};

/// The action endpoints' rows; `{act}` is an action of team a owned by the member,
/// `{member}` the member's id and `{due}` a day next week.
pub(crate) const ROWS: &[Row] = &[
    Row::get("/api/v1/teams/{a}/actions", [401, 404, 200, 200, 403]),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/actions",
        r#"{"title": "Matrix action", "owner_id": {member}, "due_on": "{due}"}"#,
        [401, 404, 201, 201, 403],
    ),
    Row::get("/api/v1/teams/{a}/actions.csv", [401, 404, 200, 200, 403]),
    Row::get("/api/v1/teams/{a}/actions/{act}", [401, 404, 200, 200, 403]),
    Row::get(
        "/api/v1/teams/{a}/actions/{act}/comments",
        [401, 404, 200, 200, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/actions/{act}/comments",
        r#"{"body": "On it."}"#,
        [401, 404, 201, 201, 403],
    ),
    // The owner moves it on; once done, it cannot move again (the page's rule).
    Row::write(
        "PATCH",
        "/api/v1/teams/{a}/actions/{act}",
        r#"{"status": "done"}"#,
        [401, 404, 200, 422, 403],
    ),
];

#[tokio::test]
async fn every_action_endpoint_answers_each_role_as_the_access_table_says() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let member = signed_in(&app, &world.member).await;
    let act = create_action(
        &member,
        &world.team_a,
        "Book the hall",
        world.member.id,
        &day(&app, 7),
    )
    .await;
    assert_matrix(
        &app,
        &world,
        ROWS,
        &[
            ("{act}", act.to_string()),
            ("{member}", world.member.id.to_string()),
            ("{due}", day(&app, 7)),
        ],
    )
    .await;
}

/// The stored fields people see of an action (not its id or times).
async fn stored(app: &TestApp, id: i64) -> (String, i64, String, String, String, Option<i64>) {
    let a = actions::Entity::find_by_id(roundtable::domain::ids::ActionId(id))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    (
        a.title,
        a.owner_id.0,
        a.due_on.to_string(),
        format!("{:?}/{:?}", a.status, a.source_kind),
        a.reason,
        a.created_by.map(|u| u.0),
    )
}

#[tokio::test]
async fn an_action_recorded_through_the_api_is_the_one_the_web_page_records() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let token = read_write_token(&leader).await;
    let a = &world.team_a;
    let due = day(&app, 10);

    let (location, from_api) = created(
        &app,
        ("POST", &format!("/api/v1/teams/{a}/actions")),
        &token,
        Some(json!({"title": "Order the chairs", "owner_id": world.member.id.0, "due_on": due})),
    )
    .await;
    let api_id = from_api["id"].as_i64().unwrap();
    assert_eq!(location, format!("/api/v1/teams/{a}/actions/{api_id}"));
    let from_web = create_action(&leader, a, "Order the chairs", world.member.id, &due).await;

    assert_eq!(stored(&app, api_id).await, stored(&app, from_web).await);
    // The same JSON for both, but for the id; the creation is the history's first line.
    let mut web_json = expect(
        &app,
        ("GET", &format!("/api/v1/teams/{a}/actions/{from_web}")),
        &token,
        None,
        200,
    )
    .await;
    let mut api_json = expect(&app, ("GET", &location), &token, None, 200).await;
    assert_eq!(api_json, from_api, "201 answers with the resource");
    for j in [&mut web_json, &mut api_json] {
        j["id"] = Value::Null;
        j["history"][0]["at"] = Value::Null;
    }
    assert_eq!(api_json, web_json);
    assert_eq!(api_json["status"], "open");
    assert_eq!(api_json["owner_id"], world.member.id.0);
    assert_eq!(api_json["due_on"], due.as_str());
    assert_eq!(api_json["history"][0]["to"], "open");
    assert!(api_json["history"][0]["from"].is_null());
    assert_eq!(api_json["may_change_status"], true, "a leader may");
    // Audited alike.
    let audits = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(audit_log::AuditAction::ActionCreate))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(audits.len(), 2);
    // And the web page shows it as it shows its own.
    let page = leader.get(&format!("/teams/{a}/actions/{api_id}")).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Order the chairs"));
    let list = leader
        .get(&format!("/teams/{a}/actions"))
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains(&format!("/teams/{a}/actions/{api_id}\"")));
    assert!(list.contains(&format!("/teams/{a}/actions/{from_web}\"")));
}

#[tokio::test]
async fn the_forms_rules_answer_422_with_fields_and_bad_bodies_400() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let member = signed_in(&app, &world.member).await;
    let token = read_write_token(&member).await;
    let read = read_token(&member).await;
    let list = format!("/api/v1/teams/{}/actions", world.team_a);

    let body = expect(
        &app,
        ("POST", &list),
        &token,
        Some(json!({"title": "", "owner_id": world.outsider.id.0, "due_on": "2001-01-01"})),
        422,
    )
    .await;
    assert_eq!(body["error"], "invalid_input");
    for field in ["title", "owner_id", "due_on"] {
        assert!(body["fields"][field].as_str().is_some(), "{field}: {body}");
    }
    let body = expect(
        &app,
        ("POST", &list),
        &token,
        Some(json!({"owner": 1})),
        400,
    )
    .await;
    assert_eq!(body["error"], "invalid_body");
    let body = expect(
        &app,
        ("POST", &list),
        &token,
        Some(json!({"title": 7})),
        400,
    )
    .await;
    assert_eq!(body["error"], "invalid_body");
    // A help request of no team of ours names nothing.
    let good = json!({"title": "Do it", "owner_id": world.member.id.0, "due_on": day(&app, 3), "help_post_id": 999999});
    expect(&app, ("POST", &list), &token, Some(good), 404).await;
    // A read token may not write, whatever the body.
    let ok = json!({"title": "Do it", "owner_id": world.member.id.0, "due_on": day(&app, 3)});
    let body = expect(&app, ("POST", &list), &read, Some(ok.clone()), 403).await;
    assert_eq!(body["error"], "insufficient_scope");
    assert_eq!(
        actions::Entity::find()
            .all(&app.db.conn)
            .await
            .unwrap()
            .len(),
        0
    );
    let created = expect(&app, ("POST", &list), &token, Some(ok), 201).await;

    let path = format!("{list}/{}", created["id"]);
    let body = expect(
        &app,
        ("PATCH", &path),
        &token,
        Some(json!({"status": "stuck"})),
        422,
    )
    .await;
    assert!(body["fields"]["status"].as_str().is_some(), "{body}");
    let body = expect(
        &app,
        ("PATCH", &path),
        &token,
        Some(json!({"status": "blocked"})),
        422,
    )
    .await;
    assert!(body["fields"]["reason"].as_str().is_some(), "{body}");
    // Owner and due day are not changed once recorded: the body says so.
    let body = expect(
        &app,
        ("PATCH", &path),
        &token,
        Some(json!({"status": "done", "due_on": "2030-01-01"})),
        400,
    )
    .await;
    assert_eq!(body["error"], "invalid_body");
    let moved = expect(
        &app,
        ("PATCH", &path),
        &token,
        Some(json!({"status": "blocked", "reason": "No hall yet"})),
        200,
    )
    .await;
    assert_eq!(moved["status"], "blocked");
    assert_eq!(moved["reason"], "No hall yet");
    assert_eq!(moved["history"][1]["from"], "open");
    assert_eq!(moved["history"][1]["to"], "blocked");
    assert_eq!(moved["history"][1]["actor_id"], world.member.id.0);
    let history = action_history::Entity::find()
        .order_by_asc(action_history::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(history.len(), 2);
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(audit_log::AuditAction::ActionStatus))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);

    // The leader's action: a member may not move it (403), but may comment on it.
    let leader = signed_in(&app, &world.leader).await;
    let theirs = create_action(
        &leader,
        &world.team_a,
        "Leader's task",
        world.leader.id,
        &day(&app, 5),
    )
    .await;
    let path = format!("{list}/{theirs}");
    let body = expect(
        &app,
        ("PATCH", &path),
        &token,
        Some(json!({"status": "done"})),
        403,
    )
    .await;
    assert_eq!(body["error"], "forbidden");
    let shown = expect(&app, ("GET", &path), &token, None, 200).await;
    assert_eq!(shown["may_change_status"], false);
    let body = expect(
        &app,
        ("POST", &format!("{path}/comments")),
        &token,
        Some(json!({"body": "  "})),
        422,
    )
    .await;
    assert!(body["fields"]["body"].as_str().is_some(), "{body}");
}

#[tokio::test]
async fn lists_walk_by_cursor_in_the_pages_order_with_its_filters() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let a = &world.team_a;
    // Due days with ties, so the id breaks them.
    let mut made = Vec::new();
    for (i, days) in [5, 2, 5, 9, 2].into_iter().enumerate() {
        let owner = if i % 2 == 0 {
            world.member.id
        } else {
            world.leader.id
        };
        made.push(create_action(&leader, a, &format!("Task {i}"), owner, &day(&app, days)).await);
    }
    let expected: Vec<i64> = actions::Entity::find()
        .order_by_asc(actions::Column::DueOn)
        .order_by_asc(actions::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
        .iter()
        .map(|r| r.id.0)
        .collect();
    let member = signed_in(&app, &world.member).await;
    let token = read_token(&member).await;
    let list = format!("/api/v1/teams/{a}/actions");

    assert_eq!(
        walk(&app, &list, "actions", &token, 2).await.0,
        expected,
        "every action once, in the page's order"
    );
    let mine: Vec<i64> = expected
        .iter()
        .copied()
        .filter(|id| [made[0], made[2], made[4]].contains(id))
        .collect();
    let show_mine = format!("{list}?show=mine");
    assert_eq!(walk(&app, &show_mine, "actions", &token, 2).await.0, mine);
    let leaders = format!("{list}?owner={}", world.leader.id);
    let page = expect(&app, ("GET", &leaders), &token, None, 200).await;
    assert_eq!(page["actions"].as_array().unwrap().len(), 2);
    for (query, field) in [
        ("show=someday", "show"),
        ("owner=ana", "owner"),
        ("cursor=zz", "cursor"),
        ("limit=0", "limit"),
    ] {
        let body = expect(&app, ("GET", &format!("{list}?{query}")), &token, None, 400).await;
        assert_eq!(body["error"], "invalid_parameter");
        assert!(body["fields"][field].as_str().is_some(), "{query}: {body}");
    }

    // ETags: the list and one action revalidate, and a change makes a new version.
    let one = format!("{list}/{}", made[0]);
    revalidates(&app, &list, &token).await;
    let etag = revalidates(&app, &one, &token).await;
    let writer = read_write_token(&member).await;
    expect(
        &app,
        ("PATCH", &one),
        &writer,
        Some(json!({"status": "in_progress"})),
        200,
    )
    .await;
    assert_eq!(if_none_match(&app, &one, &token, &etag).await.status(), 200);

    // The CSV is the web page's, filters included.
    for query in ["", "?show=mine"] {
        let api = get(&app, &format!("{list}.csv{query}"), &token).await;
        assert_eq!(api.status(), 200);
        assert!(
            api.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let web = member.get(&format!("/teams/{a}/actions.csv{query}")).await;
        assert_eq!(
            api.text().await.unwrap(),
            web.text().await.unwrap(),
            "{query}"
        );
    }
}

#[tokio::test]
async fn comments_are_added_and_listed_in_pages_and_other_teams_actions_are_404() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let member = signed_in(&app, &world.member).await;
    let token = read_write_token(&member).await;
    let a = &world.team_a;
    let act = create_action(&member, a, "Print flyers", world.member.id, &day(&app, 4)).await;
    let comments = format!("/api/v1/teams/{a}/actions/{act}/comments");

    let mut ids = Vec::new();
    for text in ["First", "Second", "Third"] {
        let (location, c) = created(
            &app,
            ("POST", &comments),
            &token,
            Some(json!({"body": text})),
        )
        .await;
        assert_eq!(location, comments.as_str());
        assert_eq!(c["body"], text);
        assert_eq!(c["author_id"], world.member.id.0);
        assert_eq!(c["author"], "Member");
        ids.push(c["id"].as_i64().unwrap());
    }
    let (seen, pages) = walk(&app, &comments, "comments", &token, 2).await;
    assert_eq!(seen, ids);
    assert_eq!(pages, 2);
    let shown = expect(
        &app,
        ("GET", &format!("/api/v1/teams/{a}/actions/{act}")),
        &token,
        None,
        200,
    )
    .await;
    assert_eq!(shown["comments"], 3);
    // The web page shows them too.
    let page = member
        .get(&format!("/teams/{a}/actions/{act}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Second"));

    let outsider = signed_in(&app, &world.outsider).await;
    let b = &world.team_b;
    let theirs = create_action(&outsider, b, "Their task", world.outsider.id, &day(&app, 4)).await;
    for (method, path) in [
        ("GET", format!("/api/v1/teams/{b}/actions")),
        ("GET", format!("/api/v1/teams/{b}/actions/{theirs}")),
        ("GET", format!("/api/v1/teams/{a}/actions/{theirs}")),
        (
            "GET",
            format!("/api/v1/teams/{a}/actions/{theirs}/comments"),
        ),
        ("GET", format!("/api/v1/teams/{b}/actions.csv")),
        ("GET", format!("/api/v1/teams/{a}/actions/nine")),
        ("PATCH", format!("/api/v1/teams/{a}/actions/{theirs}")),
        (
            "POST",
            format!("/api/v1/teams/{a}/actions/{theirs}/comments"),
        ),
    ] {
        let body = match method {
            "PATCH" => Some(json!({"status": "done"})),
            "POST" => Some(json!({"body": "Sneaky"})),
            _ => None,
        };
        not_found(&app, (method, &path), &token, body).await;
    }
}
