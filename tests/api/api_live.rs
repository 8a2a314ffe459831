//! The live meeting and its minutes over `/api/v1`: each endpoint for each role (the access
//! matrix), a decision and an action captured through the API stored exactly as the live
//! page's forms store them, the state refusals as 409 and the form's validation as 422, the
//! note-taker's rights, the minutes (drafts for editors, published versions for members) and
//! their Markdown byte for byte as the web's download, the scan, another team's meeting 404
//! and a read token refused every write.

use roundtable::domain::ids::{MeetingId, UserId};
use roundtable::store::entities::{actions, decisions};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use time::Duration;

use crate::action_helpers::{create_action, day, move_action};
use crate::api_helpers::{
    assert_matrix, created, expect, read_token, read_write_token, revalidates, send,
};
use crate::api_matrix::Row;
use crate::helpers::{Browser, TestApp, add_member, create_person, seed, signed_in, spawn_app};
use crate::live_meeting_helpers::{live_post, publish_agenda};
use crate::meeting_helpers::create_meeting;

/// A write without a body (the live page's buttons).
const fn button(path: &'static str, expect: [u16; 5]) -> Row {
    Row {
        method: "POST",
        path,
        body: None,
        expect,
    }
}

/// The live endpoints' rows, in the order a meeting runs; `{m}` is a meeting of team a with a
/// published agenda of three items, `{member}` the member's id and `{due}` a day next week.
/// Only the leader may drive (there is no facilitator, and the member is not the note-taker).
pub(crate) const ROWS: &[Row] = &[
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/live",
        [401, 404, 200, 200, 200],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/meetings/{m}/live/note-taker",
        r#"{"note_taker_id": null}"#,
        [401, 404, 403, 200, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/meetings/{m}/live/attendance",
        r#"{"attendance": [{"user_id": {member}, "status": "present"}]}"#,
        [401, 404, 403, 200, 403],
    ),
    button(
        "/api/v1/teams/{a}/meetings/{m}/live/items/0/start",
        [401, 404, 403, 200, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/meetings/{m}/live/items/0/decisions",
        r#"{"text": "Matrix decision"}"#,
        [401, 404, 403, 201, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/meetings/{m}/live/items/0/actions",
        r#"{"title": "Matrix action", "owner_id": {member}, "due_on": "{due}"}"#,
        [401, 404, 403, 201, 403],
    ),
    button(
        "/api/v1/teams/{a}/meetings/{m}/live/items/0/end",
        [401, 404, 403, 200, 403],
    ),
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/minutes",
        [401, 404, 200, 200, 200],
    ),
    // The minutes are drafted when the meeting closes: not before.
    Row::write(
        "PUT",
        "/api/v1/teams/{a}/meetings/{m}/minutes",
        r#"{"body": "Too early", "publish": true}"#,
        [401, 404, 403, 409, 403],
    ),
    button(
        "/api/v1/teams/{a}/meetings/{m}/live/close",
        [401, 404, 403, 200, 403],
    ),
    button(
        "/api/v1/teams/{a}/meetings/{m}/live/items/1/start",
        [401, 404, 403, 409, 403],
    ),
    Row::write(
        "PUT",
        "/api/v1/teams/{a}/meetings/{m}/minutes",
        r#"{"body": "Matrix minutes", "publish": true}"#,
        [401, 404, 403, 200, 403],
    ),
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/minutes.md",
        [401, 404, 200, 200, 200],
    ),
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/scan",
        [401, 404, 200, 200, 200],
    ),
];

/// A meeting of `slug` with a published agenda of three items.
async fn running_meeting(app: &TestApp, leader: &Browser, slug: &str) -> MeetingId {
    let m = create_meeting(app, leader, slug, "secret").await;
    publish_agenda(
        app,
        m,
        &[
            ("Three-minute action scan", 3),
            ("Rubric", 10),
            ("Trip", 15),
        ],
    )
    .await;
    m
}

fn api(slug: &str, m: MeetingId, rest: &str) -> String {
    format!("/api/v1/teams/{slug}/meetings/{m}/{rest}")
}

#[tokio::test]
async fn every_live_endpoint_answers_each_role_as_the_access_table_says() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let m = running_meeting(&app, &leader, &world.team_a).await;
    assert_matrix(
        &app,
        &world,
        ROWS,
        &[
            ("{m}", m.to_string()),
            ("{member}", world.member.id.to_string()),
            ("{due}", day(&app, 7)),
        ],
    )
    .await;
}

/// The stored fields of a meeting's decisions people see (not ids, meeting or times).
async fn stored_decisions(
    app: &TestApp,
    m: MeetingId,
) -> Vec<(i32, String, Option<String>, Option<i64>)> {
    decisions::Entity::find()
        .filter(decisions::Column::MeetingId.eq(m))
        .order_by_asc(decisions::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|d| {
            (
                d.item_position,
                d.text,
                d.review_on.map(|r| r.to_string()),
                d.recorded_by.map(|u| u.0),
            )
        })
        .collect()
}

/// The stored fields of a meeting's actions people see.
async fn stored_actions(app: &TestApp, m: MeetingId) -> Vec<(String, i64, String, String)> {
    actions::Entity::find()
        .filter(actions::Column::MeetingId.eq(m))
        .order_by_asc(actions::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|a| {
            (
                a.title,
                a.owner_id.0,
                a.due_on.to_string(),
                format!(
                    "{:?}/{:?}/{:?}/{:?}/{:?}",
                    a.status,
                    a.source_kind,
                    a.item_position,
                    a.created_by.map(|u| u.0),
                    a.reason
                ),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_decision_and_an_action_captured_through_the_api_are_the_web_forms() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let token = read_write_token(&leader).await;
    let by_api = running_meeting(&app, &leader, slug).await;
    let by_web = running_meeting(&app, &leader, slug).await;
    let (review, due) = (day(&app, 40), day(&app, 7));
    let owner = world.member.id.to_string();

    // Before an item starts nothing can be recorded on it: 409 as the page's 409.
    let early = send(
        &app,
        "POST",
        &api(slug, by_api, "live/items/1/decisions"),
        &token,
        Some(json!({"text": "Too early"})),
    )
    .await;
    assert_eq!(early.status(), 409);
    assert_eq!(
        live_post(
            &leader,
            slug,
            by_web,
            "items/1/decisions",
            &[("text", "Too early")]
        )
        .await,
        409
    );

    let live = expect(
        &app,
        ("POST", &api(slug, by_api, "live/items/1/start")),
        &token,
        None,
        200,
    )
    .await;
    assert_eq!(live["items"][1]["state"], "running");
    assert_eq!(live["timer"]["running_position"], 1);
    assert_eq!(
        live_post(&leader, slug, by_web, "items/1/start", &[]).await,
        303
    );

    let (location, decision) = created(
        &app,
        ("POST", &api(slug, by_api, "live/items/1/decisions")),
        &token,
        Some(json!({"text": "Adopt the new rubric", "review_on": review})),
    )
    .await;
    assert_eq!(location, api(slug, by_api, "live"));
    assert_eq!(decision["text"], "Adopt the new rubric");
    assert_eq!(decision["review_on"], review.as_str());
    assert_eq!(decision["item_position"], 1);
    assert_eq!(
        live_post(
            &leader,
            slug,
            by_web,
            "items/1/decisions",
            &[("text", "Adopt the new rubric"), ("review_on", &review)]
        )
        .await,
        303
    );

    let (location, action) = created(
        &app,
        ("POST", &api(slug, by_api, "live/items/1/actions")),
        &token,
        Some(json!({"title": "Print rubric copies", "owner_id": world.member.id.0, "due_on": due})),
    )
    .await;
    assert_eq!(
        location,
        format!("/api/v1/teams/{slug}/actions/{}", action["id"])
    );
    assert_eq!(action["meeting_id"], by_api.0);
    assert_eq!(action["item_position"], 1);
    let fields = [
        ("title", "Print rubric copies"),
        ("owner_id", owner.as_str()),
        ("due_on", due.as_str()),
    ];
    assert_eq!(
        live_post(&leader, slug, by_web, "items/1/actions", &fields).await,
        303
    );

    // Stored alike, row for row.
    assert_eq!(
        stored_decisions(&app, by_api).await,
        stored_decisions(&app, by_web).await
    );
    assert_eq!(stored_decisions(&app, by_api).await.len(), 1);
    assert_eq!(
        stored_actions(&app, by_api).await,
        stored_actions(&app, by_web).await
    );
    assert_eq!(stored_actions(&app, by_api).await.len(), 1);

    // The live state shows what was captured, on its item.
    let live = expect(&app, ("GET", &api(slug, by_api, "live")), &token, None, 200).await;
    let item = &live["items"][1];
    assert_eq!(item["title"], "Rubric");
    assert_eq!(item["planned_minutes"], 10);
    assert_eq!(item["decisions"][0]["text"], "Adopt the new rubric");
    assert_eq!(item["actions"][0]["title"], "Print rubric copies");
    assert_eq!(item["actions"][0]["owner_id"], world.member.id.0);
    assert_eq!(live["items"][0]["state"], "waiting");
    assert_eq!(live["may_run"], true);
    revalidates(&app, &api(slug, by_api, "live"), &token).await;

    // The form's validation, as 422 with the form's field names.
    let refused = expect(
        &app,
        ("POST", &api(slug, by_api, "live/items/1/decisions")),
        &token,
        Some(json!({"text": "x", "review_on": "not a day"})),
        422,
    )
    .await;
    assert!(refused["fields"]["decision_text"].is_string(), "{refused}");
    assert!(refused["fields"]["review_on"].is_string(), "{refused}");
    let refused = expect(
        &app,
        ("POST", &api(slug, by_api, "live/items/1/actions")),
        &token,
        Some(json!({"title": "Nobody's job", "owner_id": 999_999, "due_on": due})),
        422,
    )
    .await;
    assert!(refused["fields"]["owner_id"].is_string(), "{refused}");
    // A missing field is the parser's 400; a position past the agenda is 404.
    expect(
        &app,
        ("POST", &api(slug, by_api, "live/items/1/actions")),
        &token,
        Some(json!({"title": "No owner"})),
        400,
    )
    .await;
    expect(
        &app,
        ("POST", &api(slug, by_api, "live/items/7/start")),
        &token,
        None,
        404,
    )
    .await;
    assert_eq!(stored_decisions(&app, by_api).await.len(), 1);
    assert_eq!(stored_actions(&app, by_api).await.len(), 1);
}

#[tokio::test]
async fn a_meeting_runs_through_the_api_and_its_minutes_are_the_webs() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let other = create_person(&app, "Other", false).await;
    add_member(&app, &world.leader, slug, &other, "member").await;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let bystander = signed_in(&app, &other).await;
    let lead = read_write_token(&leader).await;
    let notes = read_write_token(&member).await;
    let watch = read_write_token(&bystander).await;
    let m = running_meeting(&app, &leader, slug).await;

    // Roles and attendance: the member takes the notes.
    expect(
        &app,
        ("POST", &api(slug, m, "live/note-taker")),
        &lead,
        Some(json!({"note_taker_id": 999_999})),
        422,
    )
    .await;
    let live = expect(
        &app,
        ("POST", &api(slug, m, "live/note-taker")),
        &lead,
        Some(json!({"note_taker_id": world.member.id.0})),
        200,
    )
    .await;
    assert_eq!(live["note_taker"]["user_id"], world.member.id.0);
    assert_eq!(live["note_taker"]["name"], "Member");
    let present = |id: UserId, status: &str| json!({"user_id": id.0, "status": status});
    let live = expect(
        &app,
        ("POST", &api(slug, m, "live/attendance")),
        &lead,
        Some(json!({"attendance": [
            present(world.leader.id, "present"),
            present(world.member.id, "present"),
            present(other.id, "apologies"),
            present(world.outsider.id, "present"),
        ]})),
        200,
    )
    .await;
    let status_of = |live: &Value, id: UserId| {
        live["attendance"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["user_id"] == id.0)
            .map(|a| a["status"].clone())
    };
    assert_eq!(status_of(&live, world.member.id), Some(json!("present")));
    assert_eq!(status_of(&live, other.id), Some(json!("apologies")));
    assert_eq!(status_of(&live, world.outsider.id), None, "not a member");

    // Items by the server's clock; the note-taker records but may not drive.
    expect(
        &app,
        ("POST", &api(slug, m, "live/items/0/start")),
        &notes,
        None,
        403,
    )
    .await;
    expect(
        &app,
        ("POST", &api(slug, m, "live/items/0/start")),
        &lead,
        None,
        200,
    )
    .await;
    app.clock.advance(Duration::minutes(4));
    expect(
        &app,
        ("POST", &api(slug, m, "live/items/1/start")),
        &lead,
        None,
        200,
    )
    .await;
    expect(
        &app,
        ("POST", &api(slug, m, "live/items/0/start")),
        &lead,
        None,
        409,
    )
    .await;
    expect(
        &app,
        ("POST", &api(slug, m, "live/items/0/end")),
        &lead,
        None,
        409,
    )
    .await;
    expect(
        &app,
        ("POST", &api(slug, m, "live/items/1/decisions")),
        &notes,
        Some(json!({"text": "Moderate in pairs"})),
        201,
    )
    .await;
    expect(
        &app,
        ("POST", &api(slug, m, "live/items/1/decisions")),
        &watch,
        Some(json!({"text": "Not mine"})),
        403,
    )
    .await;
    app.clock.advance(Duration::minutes(12));
    let live = expect(&app, ("GET", &api(slug, m, "live")), &watch, None, 200).await;
    assert_eq!(live["items"][0]["used_minutes"], 4);
    assert_eq!(live["items"][0]["over_minutes"], 1);
    assert_eq!(live["items"][1]["used_minutes"], 12);
    assert_eq!(live["items"][1]["over_minutes"], 2);
    assert_eq!(live["timer"]["used_minutes"], 16);
    assert_eq!(live["timer"]["planned_minutes"], 28);
    assert_eq!(live["may_run"], false);
    assert_eq!(live["may_record"], false);
    let live = expect(
        &app,
        ("POST", &api(slug, m, "live/items/1/end")),
        &lead,
        None,
        200,
    )
    .await;
    assert_eq!(live["items"][1]["state"], "done");
    assert!(live["timer"]["running_position"].is_null());

    // Minutes cannot be written before the close; the member may not close.
    let minutes = api(slug, m, "minutes");
    expect(
        &app,
        ("PUT", &minutes),
        &notes,
        Some(json!({"body": "Too early"})),
        409,
    )
    .await;
    expect(
        &app,
        ("POST", &api(slug, m, "live/close")),
        &notes,
        None,
        403,
    )
    .await;
    let live = expect(
        &app,
        ("POST", &api(slug, m, "live/close")),
        &lead,
        None,
        200,
    )
    .await;
    assert!(live["closed_at"].is_string());
    expect(
        &app,
        ("POST", &api(slug, m, "live/close")),
        &lead,
        None,
        409,
    )
    .await;
    expect(
        &app,
        ("POST", &api(slug, m, "live/items/2/start")),
        &lead,
        None,
        409,
    )
    .await;

    // The draft: the note-taker sees it, a member does not yet.
    let unseen = expect(&app, ("GET", &minutes), &watch, None, 200).await;
    assert!(unseen["version"].is_null() && unseen["body"].is_null());
    assert_eq!(unseen["closed"], true);
    let draft = expect(&app, ("GET", &minutes), &notes, None, 200).await;
    assert_eq!(draft["version"], 1);
    assert_eq!(draft["published"], false);
    assert_eq!(draft["may_edit"], true);
    assert!(draft["versions"][0]["author_id"].is_null());
    let body = draft["body"].as_str().unwrap().to_owned();
    assert!(
        body.contains("### 2. Rubric (10 min planned, 12 min used)"),
        "{body}"
    );
    assert!(body.contains("- Decision: Moderate in pairs"));
    assert!(body.contains("- Apologies: Other"));
    assert!(body.contains("## Not reached\n\n- Trip (15 min)"));

    // minutes.md is the web's download, byte for byte, headers too.
    let web_md = member
        .get(&format!("/teams/{slug}/meetings/{m}/minutes.md"))
        .await;
    assert_eq!(web_md.status(), 200);
    let api_md = send(&app, "GET", &api(slug, m, "minutes.md"), &notes, None).await;
    assert_eq!(api_md.status(), 200);
    for name in ["content-type", "content-disposition"] {
        assert_eq!(api_md.headers()[name], web_md.headers()[name], "{name}");
    }
    let api_bytes = api_md.bytes().await.unwrap();
    assert_eq!(api_bytes, web_md.bytes().await.unwrap());
    assert_eq!(std::str::from_utf8(&api_bytes).unwrap(), body);
    expect(
        &app,
        ("GET", &api(slug, m, "minutes.md")),
        &watch,
        None,
        404,
    )
    .await;

    // Saved as a new version, published, by the note-taker; a bystander may not.
    expect(
        &app,
        ("PUT", &minutes),
        &watch,
        Some(json!({"body": "Mine", "publish": true})),
        403,
    )
    .await;
    let refused = expect(
        &app,
        ("PUT", &minutes),
        &notes,
        Some(json!({"body": "   ", "publish": true})),
        422,
    )
    .await;
    assert!(refused["fields"]["body"].is_string());
    let edited = format!("{body}\nAgreed to revisit the trip next week.");
    let saved = expect(
        &app,
        ("PUT", &minutes),
        &notes,
        Some(json!({"body": edited, "publish": true})),
        200,
    )
    .await;
    assert_eq!(saved["version"], 2);
    assert_eq!(saved["published"], true);
    assert_eq!(saved["versions"][0]["author_id"], world.member.id.0);
    // A later draft by the leader through the web form stays behind the published version.
    assert_eq!(
        leader
            .post(
                &format!("/teams/{slug}/meetings/{m}/minutes"),
                &[("body", "A later draft"), ("publish", "")]
            )
            .await
            .status(),
        303
    );
    let read = expect(&app, ("GET", &minutes), &watch, None, 200).await;
    assert_eq!(read["version"], 2);
    assert_eq!(read["body"], edited.trim());
    assert_eq!(read["versions"].as_array().unwrap().len(), 1);
    assert_eq!(read["may_edit"], false);
    revalidates(&app, &minutes, &watch).await;
    let latest = expect(&app, ("GET", &minutes), &lead, None, 200).await;
    assert_eq!(latest["version"], 3);
    assert_eq!(latest["body"], "A later draft");
    expect(
        &app,
        ("GET", &format!("{minutes}?version=3")),
        &watch,
        None,
        404,
    )
    .await;
    expect(
        &app,
        ("GET", &format!("{minutes}?version=two")),
        &watch,
        None,
        400,
    )
    .await;
    let v1 = expect(
        &app,
        ("GET", &format!("{minutes}?version=1")),
        &lead,
        None,
        200,
    )
    .await;
    assert_eq!(v1["body"], body.as_str());
    for who in [(&bystander, &watch), (&leader, &lead)] {
        for query in ["", "?version=2"] {
            let web = who
                .0
                .get(&format!("/teams/{slug}/meetings/{m}/minutes.md{query}"))
                .await
                .bytes()
                .await
                .unwrap();
            let from_api = send(
                &app,
                "GET",
                &format!("{}{query}", api(slug, m, "minutes.md")),
                who.1,
                None,
            )
            .await
            .bytes()
            .await
            .unwrap();
            assert_eq!(from_api, web, "minutes.md{query}");
        }
    }
}

#[tokio::test]
async fn the_scan_is_the_pages_and_another_teams_meeting_is_not_found() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let outsider = signed_in(&app, &world.outsider).await;
    let token = read_write_token(&leader).await;
    let reader = read_token(&leader).await;
    let foreign = read_write_token(&outsider).await;
    let m = running_meeting(&app, &leader, slug).await;
    let stuck = create_action(
        &leader,
        slug,
        "Book the hall",
        world.member.id,
        &day(&app, 3),
    )
    .await;
    assert_eq!(
        move_action(&leader, slug, stuck, "blocked", "Waiting on the caretaker").await,
        303
    );

    let scan = expect(&app, ("GET", &api(slug, m, "scan")), &token, None, 200).await;
    assert!(
        scan["since"]
            .as_str()
            .unwrap()
            .starts_with("since the team began")
    );
    assert_eq!(scan["stuck"][0]["id"], stuck);
    assert_eq!(scan["stuck"][0]["status"], "blocked");
    assert_eq!(scan["moved"][0]["action_id"], stuck);
    assert_eq!(scan["moved"][0]["title"], "Book the hall");
    assert!(
        scan["checkins"]["week_label"]
            .as_str()
            .unwrap()
            .contains("-W")
    );
    let html =
        crate::live_meeting_helpers::page(&leader, &format!("/teams/{slug}/meetings/{m}/scan"))
            .await;
    assert!(html.contains("Book the hall") && html.contains("since the team began"));
    revalidates(&app, &api(slug, m, "scan"), &token).await;

    // Another team's meeting: 404 through either team's path, for reads and writes.
    let b = &world.team_b;
    for rest in ["live", "minutes", "minutes.md", "scan"] {
        expect(&app, ("GET", &api(b, m, rest)), &foreign, None, 404).await;
        expect(&app, ("GET", &api(slug, m, rest)), &foreign, None, 404).await;
    }
    expect(
        &app,
        ("POST", &api(b, m, "live/items/0/start")),
        &foreign,
        None,
        404,
    )
    .await;
    expect(
        &app,
        ("PUT", &api(b, m, "minutes")),
        &foreign,
        Some(json!({"body": "Theirs"})),
        404,
    )
    .await;
    expect(
        &app,
        ("GET", &api(slug, MeetingId(999_999), "live")),
        &token,
        None,
        404,
    )
    .await;

    // A read token reads, but cannot write.
    expect(&app, ("GET", &api(slug, m, "live")), &reader, None, 200).await;
    for (method, rest, body) in [
        ("POST", "live/items/0/start", None),
        (
            "POST",
            "live/note-taker",
            Some(json!({"note_taker_id": null})),
        ),
        ("POST", "live/attendance", Some(json!({"attendance": []}))),
        (
            "POST",
            "live/items/0/decisions",
            Some(json!({"text": "Read only"})),
        ),
        ("POST", "live/close", None),
        ("PUT", "minutes", Some(json!({"body": "Read only"}))),
    ] {
        let refused = expect(&app, (method, &api(slug, m, rest)), &reader, body, 403).await;
        assert_eq!(refused["error"], "insufficient_scope", "{method} {rest}");
    }
    let live = expect(&app, ("GET", &api(slug, m, "live")), &token, None, 200).await;
    assert!(
        live["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["state"] == "waiting")
    );
    assert!(live["note_taker"]["user_id"].is_null());
}
