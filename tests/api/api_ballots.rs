//! `/api/v1` ballots over HTTP: one's own ballot read and cast through the ballot form's
//! service (the same stored row as the web form), 409 outside voting or in a cancelled
//! meeting, 422 for unknown, repeated or no items.

use roundtable::auth::tokens::token_hash;
use roundtable::domain::ids::MeetingId;
use roundtable::store::entities::{agenda_ballots, agenda_participation};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use time::Duration;

use crate::api_helpers::{expect_status as expect, send as call};
use crate::api_matrix::{self, Row};
use crate::api_tokens::make_token;
use crate::helpers::{Browser, TestApp, World, seed, signed_in, spawn_app};
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, proposal_ids, propose, vote};

struct Fixture {
    app: TestApp,
    world: World,
    leader: Browser,
    member: Browser,
    meeting: MeetingId,
    items: Vec<i64>,
}

/// A meeting of team a (`privacy`) with three items, its voting window open.
async fn voting(privacy: &str) -> Fixture {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let meeting = create_meeting(&app, &leader, &world.team_a, privacy).await;
    for title in ["Reading plan", "Staff rota", "Timetable"] {
        propose(&member, &world.team_a, meeting, title, 10).await;
    }
    let items = proposal_ids(&app, meeting).await;
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    Fixture {
        app,
        world,
        leader,
        member,
        meeting,
        items,
    }
}

async fn ballots_of(app: &TestApp, meeting: MeetingId) -> Vec<agenda_ballots::Model> {
    agenda_ballots::Entity::find()
        .filter(agenda_ballots::Column::MeetingId.eq(meeting))
        .order_by_asc(agenda_ballots::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
}

/// The value the ballot page shows in item `id`'s rank field (`None`: blank).
fn rank_on_page(page: &str, id: i64) -> Option<String> {
    let at = page.find(&format!("name=\"rank_{id}\""))?;
    let input = &page[at..at + page[at..].find('>')?];
    let value = input.split("value=\"").nth(1)?;
    Some(value.split('"').next()?.to_owned())
}

#[tokio::test]
async fn a_ballot_cast_through_the_api_is_stored_as_the_web_form_stores_it() {
    let f = voting("open").await;
    let (app, a, m) = (&f.app, &f.world.team_a, f.meeting);
    let path = format!("/api/v1/teams/{a}/meetings/{m}/ballot");
    let web = format!("/teams/{a}/meetings/{m}/ballot");
    let [x, y, z] = f.items[..] else {
        panic!("three items")
    };
    let member_token = make_token(&f.member, "Bot", "read_write", "30").await;

    // The leader votes on the web, the member the same ranking through the API.
    let receipt = vote(&f.leader, a, m, &[z, x]).await;
    assert_eq!(receipt.status(), 200);
    expect(call(app, "GET", &path, &member_token, None).await, 404).await;
    let response = call(
        app,
        "PUT",
        &path,
        &member_token,
        Some(json!({"ranking": [z, x]})),
    )
    .await;
    assert_eq!(response.headers()["location"], path.as_str());
    let cast = expect(response, 201).await;
    assert_eq!(cast["ranking"], json!([z, x]));
    assert_eq!(cast["changed"], false);
    let code = cast["receipt_code"].as_str().unwrap();
    assert_eq!(
        code.len(),
        19,
        "four groups of four, as on the receipt page"
    );
    assert_eq!(cast["receipt_hash"], token_hash(code));

    // The two stored rows differ only in who cast them and their receipts.
    let rows = ballots_of(app, m).await;
    assert_eq!(rows.len(), 2);
    let (web_row, api_row) = (&rows[0], &rows[1]);
    assert_eq!(api_row.ranking, web_row.ranking);
    assert_eq!(web_row.voter_id, Some(f.world.leader.id));
    assert_eq!(api_row.voter_id, Some(f.world.member.id));
    assert_eq!(api_row.voter_key.len(), web_row.voter_key.len());
    assert_eq!(api_row.receipt_hash, token_hash(code));

    // What the API cast, the web ballot page shows; what the web casts, the API reads.
    let page = f.member.get(&web).await.text().await.unwrap();
    assert_eq!(rank_on_page(&page, z).as_deref(), Some("1"));
    assert_eq!(rank_on_page(&page, x).as_deref(), Some("2"));
    assert_eq!(rank_on_page(&page, y), None);
    vote(&f.member, a, m, &[y, z, x]).await;
    let mine = expect(call(app, "GET", &path, &member_token, None).await, 200).await;
    assert_eq!(mine["ranking"], json!([y, z, x]));
    assert_eq!(mine["changes"], 1);

    // Changing it through the API replaces the same row, with a new receipt, as the form does.
    let changed = expect(
        call(
            app,
            "PUT",
            &path,
            &member_token,
            Some(json!({"ranking": [x]})),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(changed["changed"], true);
    let after = ballots_of(app, m).await;
    assert_eq!(after.len(), 2);
    assert_eq!(after[1].id, api_row.id);
    assert_eq!(after[1].ranking, format!("[{x}]"));
    assert_ne!(after[1].receipt_hash, api_row.receipt_hash);
    let record = agenda_participation::Entity::find()
        .filter(agenda_participation::Column::MeetingId.eq(m))
        .filter(agenda_participation::Column::UserId.eq(f.world.member.id))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(record.changes, 2);

    // ETag round trip on one's ballot.
    let response = call(app, "GET", &path, &member_token, None).await;
    let tag = response.headers()["etag"].to_str().unwrap().to_owned();
    let again = reqwest::Client::new()
        .get(app.url(&path))
        .bearer_auth(&member_token)
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}

#[tokio::test]
async fn a_secret_ballot_through_the_api_keeps_no_voter_id_like_the_web() {
    let f = voting("secret").await;
    let (app, a, m) = (&f.app, &f.world.team_a, f.meeting);
    let member_token = make_token(&f.member, "Bot", "read_write", "30").await;
    vote(&f.leader, a, m, &[f.items[1]]).await;
    let path = format!("/api/v1/teams/{a}/meetings/{m}/ballot");
    expect(
        call(
            app,
            "PUT",
            &path,
            &member_token,
            Some(json!({"ranking": [f.items[1]]})),
        )
        .await,
        201,
    )
    .await;
    let rows = ballots_of(app, m).await;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].voter_id, None);
    assert_eq!(rows[1].voter_id, None);
    assert_eq!(rows[0].ranking, rows[1].ranking);
}

#[tokio::test]
async fn bad_rankings_are_422_and_closed_or_cancelled_meetings_409() {
    let f = voting("secret").await;
    let (app, a, m) = (&f.app, &f.world.team_a, f.meeting);
    let path = format!("/api/v1/teams/{a}/meetings/{m}/ballot");
    let token = make_token(&f.member, "Bot", "read_write", "30").await;
    let first = f.items[0];

    for ranking in [json!([]), json!([first, 999_999]), json!([first, first])] {
        let refused = expect(
            call(app, "PUT", &path, &token, Some(json!({"ranking": ranking}))).await,
            422,
        )
        .await;
        assert_eq!(refused["error"], "invalid_input");
        assert!(refused["fields"]["ranking"].is_string(), "{refused}");
    }
    expect(
        call(app, "PUT", &path, &token, Some(json!({"ranks": [first]}))).await,
        400,
    )
    .await;
    assert!(ballots_of(app, m).await.is_empty());
    // A read token cannot vote; another team's meeting is missing; an admin may not vote.
    let read = make_token(&f.member, "Reader", "read", "30").await;
    expect(
        call(app, "PUT", &path, &read, Some(json!({"ranking": [first]}))).await,
        403,
    )
    .await;
    let b = &f.world.team_b;
    expect(
        call(
            app,
            "PUT",
            &format!("/api/v1/teams/{b}/meetings/{m}/ballot"),
            &token,
            Some(json!({"ranking": [first]})),
        )
        .await,
        404,
    )
    .await;
    // A meeting still taking proposals, or cancelled, refuses ballots as conflicts.
    let proposing = create_meeting(app, &f.leader, a, "secret").await;
    let early = format!("/api/v1/teams/{a}/meetings/{proposing}/ballot");
    let refused = expect(
        call(
            app,
            "PUT",
            &early,
            &token,
            Some(json!({"ranking": [first]})),
        )
        .await,
        409,
    )
    .await;
    assert_eq!(refused["error"], "conflict");
    let cancelled = f
        .leader
        .post(
            &format!("/teams/{a}/meetings/{m}/cancel"),
            &[("reason", "Snow closure")],
        )
        .await;
    assert_eq!(cancelled.status(), 303);
    expect(
        call(app, "PUT", &path, &token, Some(json!({"ranking": [first]}))).await,
        409,
    )
    .await;
    // After the voting window, too.
    let closed = create_meeting(app, &f.leader, a, "secret").await;
    f.app
        .clock
        .advance(Duration::hours(2 * WINDOW_HOURS) + Duration::minutes(1));
    let late = format!("/api/v1/teams/{a}/meetings/{closed}/ballot");
    expect(
        call(app, "PUT", &late, &token, Some(json!({"ranking": [first]}))).await,
        409,
    )
    .await;
}

/// Rows for the meeting `{v}` (voting open) and its item `{i}`, and `{m}` (proposals open).
pub(crate) const ROWS: &[Row] = &[
    Row::write(
        "PUT",
        "/api/v1/teams/{a}/meetings/{v}/ballot",
        r#"{"ranking": [{i}]}"#,
        [401, 404, 201, 201, 403],
    ),
    // The admin may see the meeting but has no ballot in it.
    Row::get(
        "/api/v1/teams/{a}/meetings/{v}/ballot",
        [401, 404, 200, 200, 404],
    ),
    Row::get(
        "/api/v1/teams/{b}/meetings/{v}/ballot",
        [401, 404, 404, 404, 404],
    ),
    Row::write(
        "PUT",
        "/api/v1/teams/{a}/meetings/{m}/ballot",
        r#"{"ranking": [{i}]}"#,
        [401, 404, 409, 409, 403],
    ),
];

#[tokio::test]
async fn every_ballot_endpoint_answers_each_role_as_the_access_table_says() {
    let f = voting("secret").await;
    let proposing = create_meeting(&f.app, &f.leader, &f.world.team_a, "secret").await;
    let tokens = api_matrix::persona_tokens(&f.app, &f.world).await;

    let fill = [
        ("{v}", f.meeting.to_string()),
        ("{i}", f.items[0].to_string()),
        ("{m}", proposing.to_string()),
    ];
    let failures = api_matrix::run(&f.app, &f.world, &tokens, ROWS, &fill).await;

    assert!(failures.is_empty(), "{failures:#?}");
}
