//! Help posts, thank-you notes and the ledger's settings over `/api/v1`: every endpoint as each
//! role (the access matrix), a post and a thank-you made through the API stored exactly as the
//! web forms store them, the forms' rules (422 with fields, 409 for a closed post or a second
//! response), hiding someone else's note refused as the web refuses it, another team's post and
//! note 404, read tokens, cursor pages with the `kind` filter, ETags, settings and notifications.

use roundtable::domain::ids::PostId;
use roundtable::store::entities::{
    audit_log, help_posts, help_responses, ledger_settings, notifications, recognitions,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::api_helpers::{
    assert_matrix, cast, created, expect, if_none_match, not_found, read_token, read_write_token,
    revalidates, walk,
};
use crate::api_matrix::Row;
use crate::helpers::{Browser, TestApp, signed_in};

/// The area's rows; `{p}` is a request the leader posted in team a, `{n}` a thank-you from the
/// leader to the member, `{l}` the leader's id.
pub(crate) const ROWS: &[Row] = &[
    Row::get("/api/v1/teams/{a}/help", [401, 404, 200, 200, 403]),
    Row::get("/api/v1/teams/{b}/help", [401, 200, 404, 404, 403]),
    // Keys are per author: the member and the leader each post once.
    Row::write(
        "POST",
        "/api/v1/teams/{a}/help",
        r#"{"kind": "offer", "title": "Matrix offer", "idempotency_key": "matrix-post"}"#,
        [401, 404, 201, 201, 403],
    ),
    Row::get("/api/v1/teams/{a}/help/{p}", [401, 404, 200, 200, 403]),
    Row::get("/api/v1/teams/{b}/help/{p}", [401, 404, 404, 404, 403]),
    // The member answers the leader's request; the leader may not answer their own.
    Row::write(
        "POST",
        "/api/v1/teams/{a}/help/{p}/responses",
        r#"{"message": "I can take it"}"#,
        [401, 404, 201, 422, 403],
    ),
    // Only its author (or a leader) closes it.
    Row::write(
        "POST",
        "/api/v1/teams/{a}/help/{p}/close",
        "{}",
        [401, 404, 403, 200, 403],
    ),
    Row::get("/api/v1/teams/{a}/thanks", [401, 404, 200, 200, 200]),
    // The member thanks the leader; the leader cannot thank themself.
    Row::write(
        "POST",
        "/api/v1/teams/{a}/thanks",
        r#"{"to": {l}, "impact": "Planned the whole trip", "idempotency_key": "matrix-thanks"}"#,
        [401, 404, 201, 422, 403],
    ),
    // Only the recipient (the member) hides or shows {n}.
    Row::write(
        "POST",
        "/api/v1/teams/{a}/thanks/{n}/hide",
        "{}",
        [401, 404, 200, 403, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/thanks/{n}/show",
        "{}",
        [401, 404, 200, 403, 403],
    ),
    Row::write(
        "PATCH",
        "/api/v1/teams/{a}/ledger/settings",
        r#"{"unmet_after_days": 5}"#,
        [401, 404, 403, 200, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/ledger/notifications/read",
        "{}",
        [401, 404, 204, 204, 403],
    ),
];

fn key(tag: &str) -> String {
    format!("api-{tag}-{}", uuid::Uuid::new_v4().simple())
}

/// The web form's fields of a help post.
fn post_fields<'a>(kind: &'a str, title: &'a str, key: &'a str) -> [(&'a str, &'a str); 7] {
    [
        ("kind", kind),
        ("title", title),
        ("detail", "Year 9 science, room 4"),
        ("category", "Cover"),
        ("estimated_minutes", "50"),
        ("expires_in_days", "10"),
        ("idempotency_key", key),
    ]
}

/// Posts through the web form; the new post's id.
async fn web_post(app: &TestApp, browser: &Browser, team: &str, kind: &str, title: &str) -> i64 {
    let k = key("web");
    let response = browser
        .post(
            &format!("/teams/{team}/help"),
            &post_fields(kind, title, &k),
        )
        .await;
    assert_eq!(response.status(), 303);
    newest_post(app).await.id.0
}

async fn newest_post(app: &TestApp) -> help_posts::Model {
    help_posts::Entity::find()
        .order_by_desc(help_posts::Column::Id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
}

/// Thanks through the web form; the note's id.
async fn web_thanks(app: &TestApp, browser: &Browser, team: &str, to: i64, impact: &str) -> i64 {
    let k = key("web");
    let response = browser
        .post(
            &format!("/teams/{team}/thanks"),
            &[
                ("to", &to.to_string()),
                ("impact", impact),
                ("idempotency_key", &k),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    recognitions::Entity::find()
        .order_by_desc(recognitions::Column::Id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn every_help_endpoint_answers_each_role_as_the_access_table_says() {
    let c = cast().await;
    let a = &c.world.team_a;
    let post = web_post(&c.app, &c.leader, a, "request", "Cover period 3").await;
    let note = web_thanks(&c.app, &c.leader, a, c.world.member.id.0, "Ran the fair").await;
    let fill = [
        ("{p}", post.to_string()),
        ("{n}", note.to_string()),
        ("{l}", c.world.leader.id.to_string()),
    ];
    assert_matrix(&c.app, &c.world, ROWS, &fill).await;
}

/// What people see of a stored post (not its id, key or times but its lifetime).
async fn stored_post(app: &TestApp, id: i64) -> (String, String, String, String, i32, i64, i64) {
    let p = help_posts::Entity::find_by_id(PostId(id))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert!(p.closed_at.is_none());
    (
        format!("{:?}", p.kind),
        p.title,
        p.detail,
        p.category,
        p.estimated_minutes,
        p.author_id.0,
        (p.expires_at - p.created_at).whole_days(),
    )
}

/// What people see of a stored thank-you (not its id, key or time).
async fn stored_note(app: &TestApp, id: i64) -> (i64, i64, String, bool, Option<i64>) {
    let n = recognitions::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    (
        n.from_id.0,
        n.to_id.0,
        n.impact,
        n.hidden_at.is_some(),
        n.exchange_id.map(|e| e.0),
    )
}

#[tokio::test]
async fn a_post_and_a_thank_you_made_through_the_api_are_the_web_forms() {
    let c = cast().await;
    let a = &c.world.team_a;
    let list = format!("/api/v1/teams/{a}/help");
    let k = key("api");
    let body = json!({
        "kind": "request", "title": "Cover period 3", "detail": "Year 9 science, room 4",
        "category": "Cover", "estimated_minutes": 50, "expires_in_days": 10,
        "idempotency_key": k,
    });
    let (location, made) =
        created(&c.app, ("POST", &list), &c.member_token, Some(body.clone())).await;
    let api_id = made["id"].as_i64().unwrap();
    assert_eq!(location, format!("{list}/{api_id}"));
    assert_eq!(made["kind"], "request");
    assert_eq!(made["category"], "cover");
    assert_eq!(made["author_id"], c.world.member.id.0);
    assert_eq!(made["open"], true);
    assert_eq!(made["mine"], true);
    assert_eq!(made["may_close"], true);
    assert_eq!(made["may_respond"], false);
    assert_eq!(made["response_count"], 0);
    let web_id = web_post(&c.app, &c.member, a, "request", "Cover period 3").await;
    assert_eq!(
        stored_post(&c.app, api_id).await,
        stored_post(&c.app, web_id).await
    );
    // The same key again posts nothing new.
    let again = expect(&c.app, ("POST", &list), &c.member_token, Some(body), 200).await;
    assert_eq!(again["id"], api_id);
    assert_eq!(
        help_posts::Entity::find()
            .all(&c.app.db.conn)
            .await
            .unwrap()
            .len(),
        2
    );
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(audit_log::AuditAction::HelpPostCreate))
        .all(&c.app.db.conn)
        .await
        .unwrap();
    assert_eq!(audited.len(), 2);
    // The API's post is on the web page; the GET answers as the 201 did.
    let page = c.leader.get(&format!("/teams/{a}/help")).await;
    assert!(
        page.text()
            .await
            .unwrap()
            .contains(&format!("/teams/{a}/help/{api_id}"))
    );
    let shown = expect(&c.app, ("GET", &location), &c.member_token, None, 200).await;
    assert_eq!(shown, made);

    // A thank-you, through the API and through the form.
    let thanks = format!("/api/v1/teams/{a}/thanks");
    let body = json!({"to": c.world.leader.id.0, "impact": "Ran the book fair",
        "idempotency_key": key("api")});
    let note = expect(
        &c.app,
        ("POST", &thanks),
        &c.member_token,
        Some(body.clone()),
        201,
    )
    .await;
    assert_eq!(note["from_id"], c.world.member.id.0);
    assert_eq!(note["from"], "Member");
    assert_eq!(note["to_id"], c.world.leader.id.0);
    assert_eq!(note["to"], "Leader");
    assert_eq!(note["hidden"], false);
    let api_note = note["id"].as_i64().unwrap();
    let web_note = web_thanks(
        &c.app,
        &c.member,
        a,
        c.world.leader.id.0,
        "Ran the book fair",
    )
    .await;
    assert_eq!(
        stored_note(&c.app, api_note).await,
        stored_note(&c.app, web_note).await
    );
    let again = expect(&c.app, ("POST", &thanks), &c.member_token, Some(body), 200).await;
    assert_eq!(again["id"], api_note);
    // The recipient is told, as by the form.
    let told = notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(c.world.leader.id))
        .all(&c.app.db.conn)
        .await
        .unwrap();
    assert_eq!(told.len(), 2);
    // Both are public: newest first.
    let listed = expect(&c.app, ("GET", &thanks), &c.leader_token, None, 200).await;
    let ids: Vec<i64> = listed["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [web_note, api_note]);
    let team_page = c.leader.get(&format!("/teams/{a}")).await.text().await;
    assert!(team_page.unwrap().contains("Ran the book fair"));
}

#[tokio::test]
async fn responses_and_closing_follow_the_pages_rules() {
    let c = cast().await;
    let a = &c.world.team_a;
    let post = web_post(&c.app, &c.leader, a, "request", "Mark the mocks").await;
    let path = format!("/api/v1/teams/{a}/help/{post}");
    let responses = format!("{path}/responses");

    // Bad bodies and the form's rules.
    for body in [json!({"message": 3}), json!({"text": "Hi"})] {
        let answer = expect(
            &c.app,
            ("POST", &responses),
            &c.member_token,
            Some(body),
            400,
        )
        .await;
        assert_eq!(answer["error"], "invalid_body");
    }
    let answer = expect(
        &c.app,
        ("POST", &responses),
        &c.member_token,
        Some(json!({"message": "  "})),
        422,
    )
    .await;
    assert!(answer["fields"]["message"].as_str().is_some(), "{answer}");
    let answer = expect(
        &c.app,
        ("POST", &responses),
        &c.leader_token,
        Some(json!({"message": "Me"})),
        422,
    )
    .await;
    assert!(answer["fields"]["message"].as_str().is_some(), "{answer}");

    let (location, answered) = created(
        &c.app,
        ("POST", &responses),
        &c.member_token,
        Some(json!({"message": "I can take half"})),
    )
    .await;
    assert_eq!(location, path.as_str());
    assert_eq!(answered["response_count"], 1);
    assert_eq!(
        answered["responses"][0]["responder_id"],
        c.world.member.id.0
    );
    assert_eq!(answered["responses"][0]["name"], "Member");
    assert_eq!(answered["responses"][0]["message"], "I can take half");
    assert_eq!(answered["may_respond"], false);
    assert_eq!(answered["may_close"], false);
    // The author is told, as by the form.
    let told = notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(c.world.leader.id))
        .all(&c.app.db.conn)
        .await
        .unwrap();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].link, format!("/teams/{a}/help/{post}"));
    // A second answer is a conflict.
    let answer = expect(
        &c.app,
        ("POST", &responses),
        &c.member_token,
        Some(json!({"message": "Again"})),
        409,
    )
    .await;
    assert_eq!(answer["error"], "conflict");

    // The member may not close the leader's post; the leader may, twice over.
    let close = format!("{path}/close");
    let answer = expect(&c.app, ("POST", &close), &c.member_token, None, 403).await;
    assert_eq!(answer["error"], "forbidden");
    let etag = revalidates(&c.app, &path, &c.member_token).await;
    let closed = expect(&c.app, ("POST", &close), &c.leader_token, None, 200).await;
    assert_eq!(closed["open"], false);
    assert!(closed["closed_at"].as_str().is_some());
    assert_eq!(closed["may_close"], false);
    expect(&c.app, ("POST", &close), &c.leader_token, None, 200).await;
    assert_eq!(
        if_none_match(&c.app, &path, &c.member_token, &etag)
            .await
            .status(),
        200,
        "closing makes a new version"
    );
    // A closed post takes no more responses, and leaves the list.
    let third = crate::helpers::create_person(&c.app, "Third", false).await;
    crate::helpers::add_member(&c.app, &c.world.leader, a, &third, "member").await;
    let third = signed_in(&c.app, &third).await;
    let third_token = read_write_token(&third).await;
    let answer = expect(
        &c.app,
        ("POST", &responses),
        &third_token,
        Some(json!({"message": "Late"})),
        409,
    )
    .await;
    assert_eq!(answer["error"], "conflict");
    let list = expect(
        &c.app,
        ("GET", &format!("/api/v1/teams/{a}/help")),
        &third_token,
        None,
        200,
    )
    .await;
    assert_eq!(list["posts"], json!([]));
    assert_eq!(
        help_responses::Entity::find()
            .all(&c.app.db.conn)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn the_list_walks_by_cursor_newest_first_with_the_kind_filter() {
    let c = cast().await;
    let a = &c.world.team_a;
    let mut made = Vec::new();
    for (i, kind) in ["offer", "request", "request", "offer", "request"]
        .into_iter()
        .enumerate()
    {
        made.push((
            web_post(&c.app, &c.member, a, kind, &format!("Post {i}")).await,
            kind,
        ));
    }
    // A day later every post is still open.
    c.app.clock.advance(time::Duration::days(1));
    let token = read_token(&signed_in(&c.app, &c.world.leader).await).await;
    let list = format!("/api/v1/teams/{a}/help");

    let newest_first: Vec<i64> = made.iter().rev().map(|(id, _)| *id).collect();
    assert_eq!(
        walk(&c.app, &list, "posts", &token, 2).await.0,
        newest_first
    );
    let requests: Vec<i64> = made
        .iter()
        .rev()
        .filter(|(_, kind)| *kind == "request")
        .map(|(id, _)| *id)
        .collect();
    let only_requests = format!("{list}?kind=request");
    assert_eq!(
        walk(&c.app, &only_requests, "posts", &token, 2).await.0,
        requests
    );
    for (query, field) in [
        ("kind=wish", "kind"),
        ("cursor=zz", "cursor"),
        ("limit=101", "limit"),
    ] {
        let body = expect(
            &c.app,
            ("GET", &format!("{list}?{query}")),
            &token,
            None,
            400,
        )
        .await;
        assert_eq!(body["error"], "invalid_parameter");
        assert!(body["fields"][field].as_str().is_some(), "{query}: {body}");
    }
    let etag = revalidates(&c.app, &list, &token).await;
    c.app.clock.advance(time::Duration::days(10));
    assert_eq!(
        if_none_match(&c.app, &list, &token, &etag).await.status(),
        200
    );
    let expired = expect(&c.app, ("GET", &list), &token, None, 200).await;
    assert_eq!(expired["posts"], json!([]), "every post expired");
    // A read token may not post.
    let body = json!({"kind": "offer", "title": "Sneaky", "idempotency_key": key("r")});
    let answer = expect(&c.app, ("POST", &list), &token, Some(body), 403).await;
    assert_eq!(answer["error"], "insufficient_scope");
    assert_eq!(
        help_posts::Entity::find()
            .all(&c.app.db.conn)
            .await
            .unwrap()
            .len(),
        5
    );
}

#[tokio::test]
async fn the_forms_rules_answer_422_with_fields() {
    let c = cast().await;
    let a = &c.world.team_a;
    let list = format!("/api/v1/teams/{a}/help");
    let answer = expect(
        &c.app,
        ("POST", &list),
        &c.member_token,
        Some(
            json!({"kind": "wish", "title": "ab", "category": "x".repeat(41),
            "estimated_minutes": 601, "expires_in_days": 61, "idempotency_key": "short"}),
        ),
        422,
    )
    .await;
    assert_eq!(answer["error"], "invalid_input");
    for field in [
        "kind",
        "title",
        "category",
        "estimated_minutes",
        "expires_in_days",
        "idempotency_key",
    ] {
        assert!(
            answer["fields"][field].as_str().is_some(),
            "{field}: {answer}"
        );
    }
    let answer = expect(
        &c.app,
        ("POST", &list),
        &c.member_token,
        Some(
            json!({"kind": "offer", "title": "Fine", "colour": "red", "idempotency_key": key("x")}),
        ),
        400,
    )
    .await;
    assert_eq!(answer["error"], "invalid_body");
    let thanks = format!("/api/v1/teams/{a}/thanks");
    let answer = expect(
        &c.app,
        ("POST", &thanks),
        &c.member_token,
        Some(json!({"to": c.world.outsider.id.0, "impact": "Hi", "idempotency_key": key("t")})),
        422,
    )
    .await;
    for field in ["to", "impact"] {
        assert!(
            answer["fields"][field].as_str().is_some(),
            "{field}: {answer}"
        );
    }
    assert_eq!(
        recognitions::Entity::find()
            .all(&c.app.db.conn)
            .await
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn only_the_recipient_hides_a_note_and_other_teams_are_404() {
    let c = cast().await;
    let a = &c.world.team_a;
    let b = &c.world.team_b;
    let note = web_thanks(
        &c.app,
        &c.member,
        a,
        c.world.leader.id.0,
        "Ran the book fair",
    )
    .await;
    let thanks = format!("/api/v1/teams/{a}/thanks");

    // The sender may not hide it: the API refuses as the web does.
    let answer = expect(
        &c.app,
        ("POST", &format!("{thanks}/{note}/hide")),
        &c.member_token,
        None,
        403,
    )
    .await;
    assert_eq!(answer["error"], "forbidden");
    assert_eq!(
        c.member
            .post(&format!("/teams/{a}/thanks/{note}/hide"), &[])
            .await
            .status(),
        403
    );
    assert!(!stored_note(&c.app, note).await.3);
    // The recipient hides it: off the public list and the team page, still theirs to show.
    let hidden = expect(
        &c.app,
        ("POST", &format!("{thanks}/{note}/hide")),
        &c.leader_token,
        None,
        200,
    )
    .await;
    assert_eq!(hidden["hidden"], true);
    assert_eq!(hidden["id"], note);
    let listed = expect(&c.app, ("GET", &thanks), &c.member_token, None, 200).await;
    assert_eq!(listed["notes"], json!([]));
    let team_page = c.member.get(&format!("/teams/{a}")).await.text().await;
    assert!(!team_page.unwrap().contains("Ran the book fair"));
    let shown = expect(
        &c.app,
        ("POST", &format!("{thanks}/{note}/show")),
        &c.leader_token,
        None,
        200,
    )
    .await;
    assert_eq!(shown["hidden"], false);
    let listed = expect(&c.app, ("GET", &thanks), &c.member_token, None, 200).await;
    assert_eq!(listed["notes"][0]["id"], note);
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.is_in([
            audit_log::AuditAction::RecognitionHide,
            audit_log::AuditAction::RecognitionShow,
        ]))
        .all(&c.app.db.conn)
        .await
        .unwrap();
    assert_eq!(audited.len(), 2);

    // Team b's post and note: missing from team a, and team b is not ours.
    let outsider = signed_in(&c.app, &c.world.outsider).await;
    let theirs = web_post(&c.app, &outsider, b, "offer", "Their offer").await;
    let ours = web_post(&c.app, &c.leader, a, "offer", "Our offer").await;
    for (method, path) in [
        ("GET", format!("/api/v1/teams/{a}/help/{theirs}")),
        ("POST", format!("/api/v1/teams/{a}/help/{theirs}/responses")),
        ("POST", format!("/api/v1/teams/{a}/help/{theirs}/close")),
        ("GET", format!("/api/v1/teams/{b}/help/{theirs}")),
        ("GET", format!("/api/v1/teams/{b}/help/{ours}")),
        ("GET", format!("/api/v1/teams/{a}/help/nine")),
        ("GET", format!("/api/v1/teams/{b}/help")),
        ("GET", format!("/api/v1/teams/{b}/thanks")),
        ("POST", format!("/api/v1/teams/{b}/thanks/{note}/hide")),
        ("POST", format!("/api/v1/teams/{a}/thanks/999999/hide")),
        ("PATCH", format!("/api/v1/teams/{b}/ledger/settings")),
    ] {
        let body = match (method, path.ends_with("responses")) {
            ("POST", true) => Some(json!({"message": "Sneaky"})),
            ("PATCH", _) => Some(json!({})),
            _ => None,
        };
        not_found(&c.app, (method, &path), &c.member_token, body).await;
    }
    // A read token may not thank, hide, respond, close, change settings or mark read.
    let read = read_token(&c.leader).await;
    for (method, path, body) in [
        (
            "POST",
            thanks.clone(),
            Some(
                json!({"to": c.world.member.id.0, "impact": "Thanks a lot", "idempotency_key": key("r")}),
            ),
        ),
        ("POST", format!("{thanks}/{note}/hide"), None),
        ("POST", format!("/api/v1/teams/{a}/help/{ours}/close"), None),
        (
            "PATCH",
            format!("/api/v1/teams/{a}/ledger/settings"),
            Some(json!({"aggregates": "leaders"})),
        ),
        (
            "POST",
            format!("/api/v1/teams/{a}/ledger/notifications/read"),
            None,
        ),
    ] {
        let answer = expect(&c.app, (method, &path), &read, body, 403).await;
        assert_eq!(answer["error"], "insufficient_scope", "{path}");
    }
    assert!(!stored_note(&c.app, note).await.3);
    assert_eq!(
        recognitions::Entity::find()
            .all(&c.app.db.conn)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        help_posts::Entity::find_by_id(PostId(ours))
            .one(&c.app.db.conn)
            .await
            .unwrap()
            .unwrap()
            .closed_at
            .is_none()
    );
}

#[tokio::test]
async fn the_thanks_list_walks_by_cursor() {
    let c = cast().await;
    let a = &c.world.team_a;
    let mut made = Vec::new();
    for i in 0..5 {
        let (from, to) = if i % 2 == 0 {
            (&c.member, c.world.leader.id.0)
        } else {
            (&c.leader, c.world.member.id.0)
        };
        made.push(web_thanks(&c.app, from, a, to, &format!("Helped out {i}")).await);
    }
    let admin = signed_in(&c.app, &c.world.admin).await;
    let token = read_token(&admin).await;
    let list = format!("/api/v1/teams/{a}/thanks");
    let (seen, _) = walk(&c.app, &list, "notes", &token, 2).await;
    made.reverse();
    assert_eq!(seen, made, "a site admin sees the team page's notes too");
    revalidates(&c.app, &list, &token).await;
}

#[tokio::test]
async fn leaders_change_the_settings_as_the_form_does_and_notifications_are_read() {
    let c = cast().await;
    let a = &c.world.team_a;
    let settings = format!("/api/v1/teams/{a}/ledger/settings");
    let answer = expect(
        &c.app,
        ("PATCH", &settings),
        &c.member_token,
        Some(json!({"aggregates": "leaders"})),
        403,
    )
    .await;
    assert_eq!(answer["error"], "forbidden");
    let answer = expect(
        &c.app,
        ("PATCH", &settings),
        &c.leader_token,
        Some(json!({"aggregates": "nobody", "unmet_after_days": 61, "term_starts_on": "soon"})),
        422,
    )
    .await;
    for field in ["aggregates", "unmet_after_days", "term_starts_on"] {
        assert!(
            answer["fields"][field].as_str().is_some(),
            "{field}: {answer}"
        );
    }
    let answer = expect(
        &c.app,
        ("PATCH", &settings),
        &c.leader_token,
        Some(json!({"visible": "leaders"})),
        400,
    )
    .await;
    assert_eq!(answer["error"], "invalid_body");
    let saved = expect(
        &c.app,
        ("PATCH", &settings),
        &c.leader_token,
        Some(json!({"aggregates": "leaders", "term_starts_on": "2026-09-01"})),
        200,
    )
    .await;
    assert_eq!(
        saved,
        json!({"aggregates": "leaders", "unmet_after_days": 7, "term_starts_on": "2026-09-01"})
    );
    let stored = |app: &TestApp| {
        let conn = app.db.conn.clone();
        async move {
            let row = ledger_settings::Entity::find()
                .one(&conn)
                .await
                .unwrap()
                .unwrap();
            (row.aggregates, row.unmet_after_days, row.term_starts_on)
        }
    };
    let from_api = stored(&c.app).await;
    // Absent fields keep their values.
    let saved = expect(
        &c.app,
        ("PATCH", &settings),
        &c.leader_token,
        Some(json!({"unmet_after_days": 3})),
        200,
    )
    .await;
    assert_eq!(saved["aggregates"], "leaders");
    assert_eq!(saved["term_starts_on"], "2026-09-01");
    assert_eq!(saved["unmet_after_days"], 3);
    // The web form stores the same row for the same fields.
    let web = c
        .leader
        .post(
            &format!("/teams/{a}/ledger/settings"),
            &[
                ("aggregates", "leaders"),
                ("unmet_after_days", "7"),
                ("term_starts_on", "2026-09-01"),
            ],
        )
        .await;
    assert_eq!(web.status(), 303);
    assert_eq!(stored(&c.app).await, from_api);
    // The member no longer sees the aggregates.
    let answer = expect(
        &c.app,
        ("GET", &format!("/api/v1/teams/{a}/ledger")),
        &c.member_token,
        None,
        403,
    )
    .await;
    assert_eq!(answer["error"], "forbidden");
    // `""` goes back to the default term.
    let saved = expect(
        &c.app,
        ("PATCH", &settings),
        &c.leader_token,
        Some(json!({"term_starts_on": ""})),
        200,
    )
    .await;
    assert!(saved["term_starts_on"].is_null());

    // Notifications: a thank-you tells the leader; marking read clears only theirs.
    web_thanks(
        &c.app,
        &c.member,
        a,
        c.world.leader.id.0,
        "Ran the book fair",
    )
    .await;
    web_thanks(
        &c.app,
        &c.leader,
        a,
        c.world.member.id.0,
        "Kept the minutes",
    )
    .await;
    let unread = |user: roundtable::domain::ids::UserId| {
        let conn = c.app.db.conn.clone();
        async move {
            notifications::Entity::find()
                .filter(notifications::Column::UserId.eq(user))
                .filter(notifications::Column::ReadAt.is_null())
                .all(&conn)
                .await
                .unwrap()
                .len()
        }
    };
    assert_eq!(unread(c.world.leader.id).await, 1);
    expect(
        &c.app,
        (
            "POST",
            &format!("/api/v1/teams/{a}/ledger/notifications/read"),
        ),
        &c.leader_token,
        None,
        204,
    )
    .await;
    assert_eq!(unread(c.world.leader.id).await, 0);
    assert_eq!(unread(c.world.member.id).await, 1);
}
