//! The reciprocity ledger over `/api/v1`: every endpoint as each role, help recorded through the
//! API stored and shown exactly as the web's, the web's confirmation rules, what the ledger
//! page hides from a member hidden here too, validation, conflicts, read tokens, another team,
//! cursors and ETags.

use roundtable::domain::ids::ExchangeId;
use roundtable::store::entities::help_exchanges;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};

use crate::api_matrix::{self, Row};
use crate::api_tokens::make_token;
use crate::helpers::{
    Browser, Person, TestApp, World, add_member, create_person, seed, signed_in, spawn_app,
};

pub(crate) const ROWS: &[Row] = &[
    Row::get("/api/v1/teams/{a}/ledger", [401, 404, 200, 200, 403]),
    Row::get("/api/v1/teams/{b}/ledger", [401, 200, 404, 404, 403]),
    Row::get(
        "/api/v1/teams/{a}/ledger/members.csv",
        [401, 404, 200, 200, 403],
    ),
    Row::get("/api/v1/teams/{a}/ledger/me", [401, 404, 200, 200, 403]),
    Row::get("/api/v1/teams/{a}/ledger/me.csv", [401, 404, 200, 200, 403]),
    Row::get(
        "/api/v1/teams/{a}/ledger/entries",
        [401, 404, 200, 200, 403],
    ),
    Row::get(
        "/api/v1/teams/{a}/ledger/entries/{e}",
        [401, 404, 200, 200, 403],
    ),
    // The entry is the member's and the leader's: in team b it is missing whoever asks.
    Row::get(
        "/api/v1/teams/{b}/ledger/entries/{e}",
        [401, 404, 404, 404, 403],
    ),
    // The member gives to the leader (201); the leader cannot give to themself (422).
    Row::write(
        "POST",
        "/api/v1/teams/{a}/ledger/entries",
        r#"{"direction": "gave", "person": {l}, "minutes": 30, "category": "planning",
            "idempotency_key": "matrix-record"}"#,
        [401, 404, 201, 422, 403],
    ),
    // {e} waits for the member: they confirm it; then it waits for nobody.
    Row::write(
        "POST",
        "/api/v1/teams/{a}/ledger/entries/{e}/confirm",
        "{}",
        [401, 404, 200, 409, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/ledger/entries/{e}/adjust",
        r#"{"minutes": 20}"#,
        [401, 404, 409, 409, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/ledger/entries/{e}/dispute",
        r#"{"reason": "It was shorter"}"#,
        [401, 404, 409, 409, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/ledger/entries/{e}/resolve",
        r#"{"decision": "confirm", "reason": "Checked"}"#,
        // The leader is one of the two people: not theirs to settle.
        [401, 404, 403, 403, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/ledger/entries/{e}/reverse",
        r#"{"reason": "Recorded twice", "idempotency_key": "matrix-reverse"}"#,
        [401, 404, 200, 409, 403],
    ),
];

fn key(tag: &str) -> String {
    format!("api-{tag}-{}", uuid::Uuid::new_v4().simple())
}

/// The leader records that they helped the member (pending until the member answers) on the
/// web; the entry's id.
async fn leader_gave(app: &TestApp, leader: &Browser, team: &str, to: &Person) -> i64 {
    let response = leader
        .post(
            &format!("/teams/{team}/ledger/exchanges"),
            &[
                ("direction", "gave"),
                ("person", &to.id.to_string()),
                ("minutes", "40"),
                ("category", "planning"),
                ("idempotency_key", &key("web")),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    newest(app).await.id.0
}

async fn newest(app: &TestApp) -> help_exchanges::Model {
    help_exchanges::Entity::find()
        .order_by_desc(help_exchanges::Column::Id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
}

async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let client = reqwest::Client::new();
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = client.request(method, app.url(path)).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

async fn get_json(app: &TestApp, path: &str, token: &str) -> (u16, Value) {
    let response = send(app, "GET", path, token, None).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

struct Cast {
    app: TestApp,
    world: World,
    leader: Browser,
    member: Browser,
    member_token: String,
    leader_token: String,
}

async fn cast() -> Cast {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let member_token = make_token(&member, "Ledger", "read_write", "30").await;
    let leader_token = make_token(&leader, "Ledger", "read_write", "30").await;
    Cast {
        app,
        world,
        leader,
        member,
        member_token,
        leader_token,
    }
}

#[tokio::test]
async fn every_ledger_endpoint_answers_each_role_as_the_access_table_says() {
    let c = cast().await;
    let entry = leader_gave(&c.app, &c.leader, &c.world.team_a, &c.world.member).await;
    let tokens = api_matrix::persona_tokens(&c.app, &c.world).await;

    let fill = [
        ("{e}", entry.to_string()),
        ("{l}", c.world.leader.id.to_string()),
    ];
    let failures = api_matrix::run(&c.app, &c.world, &tokens, ROWS, &fill).await;

    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn help_recorded_through_the_api_is_stored_and_shown_as_the_webs() {
    let c = cast().await;
    let team = &c.world.team_a;
    let body = json!({
        "direction": "received", "person": c.world.leader.id.0, "minutes": 45,
        "category": "planning", "note": "private words", "idempotency_key": key("api"),
    });
    let path = format!("/api/v1/teams/{team}/ledger/entries");

    let response = send(&c.app, "POST", &path, &c.member_token, Some(body.clone())).await;
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let entry: Value = response.json().await.unwrap();
    let api_row = newest(&c.app).await;
    assert_eq!(location, format!("{path}/{}", api_row.id.0));
    // Recorded by the helped person: counted at once, as on the web.
    assert_eq!(entry["state"], "confirmed");
    assert_eq!(entry["counted"], true);
    assert_eq!(entry["helper_id"], c.world.leader.id.0);
    assert_eq!(entry["note"], "private words");
    // The same key again records nothing new.
    let again = send(&c.app, "POST", &path, &c.member_token, Some(body)).await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.json::<Value>().await.unwrap()["id"], entry["id"]);
    assert_eq!(newest(&c.app).await.id, api_row.id);

    // The same help recorded on the web is stored the same way.
    let web = c
        .member
        .post(
            &format!("/teams/{team}/ledger/exchanges"),
            &[
                ("direction", "received"),
                ("person", &c.world.leader.id.to_string()),
                ("minutes", "45"),
                ("category", "planning"),
                ("note", "private words"),
                ("idempotency_key", &key("web")),
            ],
        )
        .await;
    assert_eq!(web.status(), 303);
    let web_row = newest(&c.app).await;
    assert_ne!(web_row.id, api_row.id);
    // Everything but the row's id, key and moment is the same.
    let strip = |r: &help_exchanges::Model| {
        let mut r = r.clone();
        r.id = ExchangeId(0);
        r.idempotency_key = String::new();
        r.created_at = api_row.created_at;
        r.confirmed_at = api_row.confirmed_at;
        r
    };
    assert_eq!(strip(&api_row), strip(&web_row));

    // The web's exports and the API's are the same bytes.
    for (web_path, api_path) in [
        (
            format!("/teams/{team}/ledger/me.csv"),
            format!("/api/v1/teams/{team}/ledger/me.csv"),
        ),
        (
            format!("/teams/{team}/ledger/members.csv?window=all&sort=name"),
            format!("/api/v1/teams/{team}/ledger/members.csv?window=all&sort=name"),
        ),
    ] {
        let from_web = c.member.get(&web_path).await.text().await.unwrap();
        let response = send(&c.app, "GET", &api_path, &c.member_token, None).await;
        assert_eq!(response.status(), 200);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        assert_eq!(response.text().await.unwrap(), from_web, "{api_path}");
    }
    // The web's personal page and the API's totals agree.
    let (_, me) = get_json(
        &c.app,
        &format!("/api/v1/teams/{team}/ledger/me"),
        &c.member_token,
    )
    .await;
    let all = me["periods"].as_array().unwrap().last().unwrap();
    assert_eq!(all["span"], "all");
    assert_eq!(all["totals"]["received_minutes"], 90);
    assert_eq!(me["entries"], 2);
    let (_, table) = get_json(
        &c.app,
        &format!("/api/v1/teams/{team}/ledger?window=all"),
        &c.leader_token,
    )
    .await;
    let leader_line = table["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == c.world.leader.id.0)
        .unwrap();
    assert_eq!(leader_line["totals"]["given_minutes"], 90);
    assert_eq!(table["team_minutes"], 90);
}

#[tokio::test]
async fn help_recorded_by_the_helper_waits_for_the_helped_persons_answer() {
    let c = cast().await;
    let team = &c.world.team_a;
    let path = format!("/api/v1/teams/{team}/ledger/entries");
    let body = json!({"direction": "gave", "person": c.world.member.id.0, "minutes": 30,
        "idempotency_key": key("gave")});
    let response = send(&c.app, "POST", &path, &c.leader_token, Some(body)).await;
    assert_eq!(response.status(), 201);
    let entry: Value = response.json().await.unwrap();
    assert_eq!(entry["state"], "pending");
    assert_eq!(entry["counted"], false);
    assert_eq!(entry["awaiting_id"], c.world.member.id.0);
    assert_eq!(
        entry["may_answer"], false,
        "the helper does not confirm their own"
    );
    let id = entry["id"].as_i64().unwrap();
    let confirm = format!("{path}/{id}/confirm");

    // The helper may not confirm (the entry waits for the other person): refused by the same
    // rules as the web.
    let refused = send(&c.app, "POST", &confirm, &c.leader_token, Some(json!({}))).await;
    assert_eq!(refused.status(), 409);
    let (_, mine) = get_json(&c.app, &format!("{path}/{id}"), &c.member_token).await;
    assert_eq!(mine["awaits_me"], true);
    assert_eq!(mine["may_answer"], true);
    let done = send(&c.app, "POST", &confirm, &c.member_token, Some(json!({}))).await;
    assert_eq!(done.status(), 200);
    assert_eq!(done.json::<Value>().await.unwrap()["state"], "confirmed");
    // Twice: the entry no longer waits.
    let twice = send(&c.app, "POST", &confirm, &c.member_token, Some(json!({}))).await;
    assert_eq!(twice.status(), 409);
    assert_eq!(twice.json::<Value>().await.unwrap()["error"], "conflict");

    // A dispute needs a reason (422 with fields); with one, a leader settles it.
    let second = leader_gave(&c.app, &c.leader, team, &c.world.member).await;
    let dispute = format!("{path}/{second}/dispute");
    let bare = send(&c.app, "POST", &dispute, &c.member_token, Some(json!({}))).await;
    assert_eq!(bare.status(), 422);
    assert!(bare.json::<Value>().await.unwrap()["fields"]["reason"].is_string());
    let disputed = send(
        &c.app,
        "POST",
        &dispute,
        &c.member_token,
        Some(json!({"reason": "It was an hour less"})),
    )
    .await;
    assert_eq!(disputed.status(), 200);
    assert_eq!(disputed.json::<Value>().await.unwrap()["state"], "disputed");
}

#[tokio::test]
async fn bad_input_is_422_with_fields_and_bad_parameters_400() {
    let c = cast().await;
    let team = &c.world.team_a;
    let path = format!("/api/v1/teams/{team}/ledger/entries");
    let response = send(
        &c.app,
        "POST",
        &path,
        &c.member_token,
        Some(
            json!({"direction": "gave", "person": c.world.member.id.0, "minutes": 0,
            "date": "2999-01-01", "idempotency_key": key("bad")}),
        ),
    )
    .await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    for field in ["person", "minutes", "date"] {
        assert!(body["fields"][field].is_string(), "{field}: {body}");
    }
    let unreadable = send(
        &c.app,
        "POST",
        &path,
        &c.member_token,
        Some(json!({"minutes": "x"})),
    )
    .await;
    assert_eq!(unreadable.status(), 400);
    assert_eq!(
        unreadable.json::<Value>().await.unwrap()["error"],
        "invalid_body"
    );
    for query in ["?window=decade", "?sort=height", "?dir=up"] {
        let (status, body) = get_json(
            &c.app,
            &format!("/api/v1/teams/{team}/ledger{query}"),
            &c.member_token,
        )
        .await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(body["error"], "invalid_parameter");
    }
    let (status, _) = get_json(&c.app, &format!("{path}?mine=maybe"), &c.member_token).await;
    assert_eq!(status, 400);
    let (status, _) = get_json(&c.app, &format!("{path}?cursor=junk"), &c.member_token).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn a_member_cannot_see_what_the_ledger_page_hides_from_them() {
    let c = cast().await;
    let team = &c.world.team_a;
    let kim = create_person(&c.app, "Kim", false).await;
    add_member(&c.app, &c.world.leader, team, &kim, "member").await;
    // An entry between the leader and Kim: not the member's.
    let theirs = leader_gave(&c.app, &c.leader, team, &kim).await;
    let own = leader_gave(&c.app, &c.leader, team, &c.world.member).await;

    let entries = format!("/api/v1/teams/{team}/ledger/entries");
    let (_, page) = get_json(&c.app, &entries, &c.member_token).await;
    let ids: Vec<i64> = page["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [own]);
    let (status, _) = get_json(&c.app, &format!("{entries}/{theirs}"), &c.member_token).await;
    assert_eq!(status, 404, "as on the web, where the entry's page is 404");
    assert_eq!(
        c.member
            .get(&format!("/teams/{team}/ledger/exchanges/{theirs}"))
            .await
            .status(),
        404
    );
    // A leader sees every entry of the team, or only their own with `mine`.
    let (_, all) = get_json(&c.app, &entries, &c.leader_token).await;
    assert_eq!(all["entries"].as_array().unwrap().len(), 2);
    let (_, kim_entry) = get_json(&c.app, &format!("{entries}/{theirs}"), &c.leader_token).await;
    assert_eq!(kim_entry["helped_id"], kim.id.0);

    // The team keeps its aggregates to leaders: the page and the API refuse the member alike.
    let settings = c
        .leader
        .post(
            &format!("/teams/{team}/ledger/settings"),
            &[("aggregates", "leaders"), ("unmet_after_days", "7")],
        )
        .await;
    assert_eq!(settings.status(), 303);
    assert_eq!(
        c.member
            .get(&format!("/teams/{team}/ledger"))
            .await
            .status(),
        403
    );
    for path in ["ledger", "ledger/members.csv"] {
        let response = send(
            &c.app,
            "GET",
            &format!("/api/v1/teams/{team}/{path}"),
            &c.member_token,
            None,
        )
        .await;
        assert_eq!(response.status(), 403, "{path}");
        let (status, _) = get_json(
            &c.app,
            &format!("/api/v1/teams/{team}/{path}"),
            &c.leader_token,
        )
        .await;
        assert_eq!(status, 200, "{path}");
    }
    let (_, me) = get_json(
        &c.app,
        &format!("/api/v1/teams/{team}/ledger/me"),
        &c.member_token,
    )
    .await;
    assert_eq!(me["sees_team"], false);
}

#[tokio::test]
async fn read_tokens_other_teams_cursors_and_etags() {
    let c = cast().await;
    let team = &c.world.team_a;
    for _ in 0..3 {
        leader_gave(&c.app, &c.leader, team, &c.world.member).await;
    }
    let read = make_token(&c.member, "Read", "read", "30").await;
    let entries = format!("/api/v1/teams/{team}/ledger/entries");
    let write = send(
        &c.app,
        "POST",
        &entries,
        &read,
        Some(
            json!({"direction": "gave", "person": c.world.leader.id.0, "minutes": 5,
            "idempotency_key": key("read")}),
        ),
    )
    .await;
    assert_eq!(write.status(), 403);
    assert_eq!(
        write.json::<Value>().await.unwrap()["error"],
        "insufficient_scope"
    );

    // Another team's ledger is not found.
    let (status, _) = get_json(
        &c.app,
        &format!("/api/v1/teams/{}/ledger/me", c.world.team_b),
        &c.member_token,
    )
    .await;
    assert_eq!(status, 404);

    // A walk one entry at a time sees each once, newest first.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = cursor.map_or(String::new(), |c| format!("&cursor={c}"));
        let (status, page) = get_json(&c.app, &format!("{entries}?limit=1{query}"), &read).await;
        assert_eq!(status, 200);
        seen.extend(
            page["entries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_i64().unwrap()),
        );
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    let mut expected = seen.clone();
    expected.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(seen, expected);
    assert_eq!(seen.len(), 3);

    // ETag round trip, and a change answers 200 again.
    let me = format!("/api/v1/teams/{team}/ledger/me");
    let first = send(&c.app, "GET", &me, &read, None).await;
    let tag = first.headers()["etag"].to_str().unwrap().to_owned();
    let client = reqwest::Client::new();
    let again = client
        .get(c.app.url(&me))
        .bearer_auth(&read)
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    let confirm = format!("{entries}/{}/confirm", seen[0]);
    assert_eq!(
        send(&c.app, "POST", &confirm, &c.member_token, Some(json!({})))
            .await
            .status(),
        200
    );
    let changed = client
        .get(c.app.url(&me))
        .bearer_auth(&read)
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
}

/// Adds `count` members to the team straight into the database (they never sign in).
async fn add_quiet_members(app: &TestApp, slug: &str, count: usize) {
    use roundtable::store::entities::{memberships, teams, users};
    use sea_orm::{ColumnTrait, QueryFilter, Set};
    let team = teams::Entity::find()
        .filter(teams::Column::Slug.eq(slug))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let now = time::OffsetDateTime::now_utc();
    let people = (0..count).map(|i| users::ActiveModel {
        email: Set(format!("quiet{i:03}@school.test")),
        // Names that tie, so the id breaks the tie.
        display_name: Set(format!("Quiet {}", i % 7)),
        password_hash: Set("not a usable hash".to_owned()),
        is_admin: Set(false),
        auth_epoch: Set(0),
        created_at: Set(now),
        ..Default::default()
    });
    users::Entity::insert_many(people)
        .exec(&app.db.conn)
        .await
        .unwrap();
    let ids = users::Entity::find()
        .filter(users::Column::Email.starts_with("quiet"))
        .all(&app.db.conn)
        .await
        .unwrap();
    let rows = ids.iter().map(|u| memberships::ActiveModel {
        team_id: Set(team.id),
        user_id: Set(u.id),
        role: Set(memberships::Role::Member),
        joined_at: Set(now),
        ..Default::default()
    });
    memberships::Entity::insert_many(rows)
        .exec(&app.db.conn)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_team_table_comes_a_page_at_a_time_in_every_sort() {
    let c = cast().await;
    let team = &c.world.team_a;
    add_quiet_members(&c.app, team, 40).await;
    // Some counted help, so the numeric sorts are not all ties.
    let path = format!("/api/v1/teams/{team}/ledger/entries");
    for (minutes, k) in [(45, "one"), (20, "two")] {
        let body = json!({"direction": "received", "person": c.world.leader.id.0,
            "minutes": minutes, "idempotency_key": key(k)});
        let response = send(&c.app, "POST", &path, &c.member_token, Some(body)).await;
        assert_eq!(response.status(), 201);
    }
    let ledger = format!("/api/v1/teams/{team}/ledger");

    for query in [
        "",
        "sort=name&",
        "sort=name&dir=desc&",
        "sort=received&dir=asc&",
        "sort=index&",
        "sort=last&window=all&",
    ] {
        // The whole table in one page (42 lines fit in 100) is the order to walk.
        let (status, whole) = get_json(
            &c.app,
            &format!("{ledger}?{query}limit=100"),
            &c.leader_token,
        )
        .await;
        assert_eq!(status, 200, "{query}");
        assert_eq!(whole["members_total"], 42);
        assert!(whole["next_cursor"].is_null());
        let expected: Vec<i64> = whole["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_i64().unwrap())
            .collect();
        assert_eq!(expected.len(), 42);
        let mut seen = Vec::new();
        let mut pages = 0;
        let mut next = format!("{ledger}?{query}limit=10");
        loop {
            let (status, page) = get_json(&c.app, &next, &c.leader_token).await;
            assert_eq!(status, 200, "{next}");
            pages += 1;
            let lines = page["members"].as_array().unwrap();
            assert!(lines.len() <= 10);
            seen.extend(lines.iter().map(|m| m["id"].as_i64().unwrap()));
            // The totals on every page; the lists below them on the first only.
            assert_eq!(page["team_minutes"], whole["team_minutes"]);
            assert_eq!(page["concentration"], whole["concentration"]);
            assert_eq!(page["members_total"], 42);
            if pages == 1 {
                assert_eq!(page["edges"], whole["edges"]);
                assert!(page["months"].is_array());
            } else {
                assert!(page.get("edges").is_none(), "{page}");
                assert!(page.get("carrying").is_none(), "{page}");
            }
            match page["next_cursor"].as_str() {
                Some(cursor) => next = format!("{ledger}?{query}limit=10&cursor={cursor}"),
                None => break,
            }
            assert!(pages < 10, "the walk ends");
        }
        assert_eq!(pages, 5, "{query}");
        assert_eq!(
            seen, expected,
            "every member once, in the table's order: {query}"
        );
    }
    let (_, first) = get_json(&c.app, &format!("{ledger}?limit=10"), &c.leader_token).await;
    assert_eq!(
        first["members"][0]["id"], c.world.leader.id.0,
        "most minutes given first"
    );
    assert_eq!(first["members"].as_array().unwrap().len(), 10);
    let (_, default) = get_json(&c.app, &ledger, &c.leader_token).await;
    assert_eq!(
        default["members"].as_array().unwrap().len(),
        25,
        "25 lines unless asked"
    );
    // A cursor of one sort does not walk another; junk and bad limits are refused.
    let cursor = first["next_cursor"].as_str().unwrap();
    for query in [
        format!("sort=name&cursor={cursor}"),
        format!("dir=asc&cursor={cursor}"),
        "cursor=zz".to_owned(),
        "limit=0".to_owned(),
    ] {
        let (status, body) = get_json(&c.app, &format!("{ledger}?{query}"), &c.leader_token).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(body["error"], "invalid_parameter");
    }
    // The CSV stays whole.
    let csv = send(
        &c.app,
        "GET",
        &format!("{ledger}/members.csv"),
        &c.leader_token,
        None,
    )
    .await;
    assert_eq!(csv.status(), 200);
    assert_eq!(
        csv.text().await.unwrap().lines().count(),
        43,
        "a header and every member"
    );
}
