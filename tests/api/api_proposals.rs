//! `/api/v1` proposals over HTTP: listing (paged, as the page shows them to each viewer),
//! proposing, editing and withdrawing one's own through the web's service, 409 outside the
//! window or in a cancelled meeting, 422 with fields, the CSV export on the web and the API.

use roundtable::domain::ids::MeetingId;
use serde_json::{Value, json};
use time::Duration;

use crate::api_helpers::{
    Cast, assert_matrix, cast, created, expect, read_token, read_write_token, revalidates, send,
    walk_rows,
};
use crate::api_matrix::Row;
use crate::helpers::signed_in;
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, propose};

fn item(title: &str, minutes: i64) -> Value {
    json!({"title": title, "why": "It keeps coming up and nobody owns it.", "minutes": minutes})
}

fn titles(list: &Value) -> Vec<String> {
    list["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_owned())
        .collect()
}

/// The [`Cast`] and a meeting of team a taking proposals.
async fn fixture() -> (Cast, MeetingId) {
    let f = cast().await;
    let meeting = create_meeting(&f.app, &f.leader, &f.world.team_a, "secret").await;
    (f, meeting)
}

#[tokio::test]
async fn proposals_are_listed_as_the_page_shows_them_to_each_viewer() {
    let (f, m) = fixture().await;
    let (app, a) = (&f.app, &f.world.team_a);
    let base = format!("/api/v1/teams/{a}/meetings/{m}/proposals");
    let web = format!("/teams/{a}/meetings/{m}/proposals");

    let (location, first) = created(
        app,
        ("POST", &base),
        &f.member_token,
        Some(item("Reading plan", 10)),
    )
    .await;
    assert_eq!(location, format!("{base}/{}", first["id"]));
    assert_eq!(first["title"], "Reading plan");
    assert_eq!(first["minutes"], 10);
    assert_eq!(first["author"], "Member");
    assert_eq!(first["mine"], true);
    assert_eq!(first["status"], "active");
    assert_eq!(first["comments"], 0);
    let second = expect(
        app,
        ("POST", &base),
        &f.member_token,
        Some(item("=Budget", 15)),
        201,
    )
    .await;
    // The leader proposes an item on the web and withdraws it; and hides the member's second.
    propose(&f.leader, a, m, "Staff rota", 5).await;
    let list = expect(app, ("GET", &base), &f.leader_token, None, 200).await;
    let rota = list["proposals"][2]["id"].as_i64().unwrap();
    let withdrawn = f.leader.post(&format!("{web}/{rota}/withdraw"), &[]).await;
    assert_eq!(withdrawn.status(), 303);
    let hidden = f
        .leader
        .post(
            &format!("{web}/{}/hide", second["id"]),
            &[("reason", "Off topic")],
        )
        .await;
    assert_eq!(hidden.status(), 303);

    // The member sees their own hidden item with its reason, but not the leader's withdrawn
    // one; the leader sees everything.
    let list = expect(app, ("GET", &base), &f.member_token, None, 200).await;
    assert_eq!(titles(&list), ["Reading plan", "=Budget"]);
    assert_eq!(list["proposals"][1]["status"], "hidden");
    assert_eq!(list["proposals"][1]["hidden_reason"], "Off topic");
    assert!(list["next_cursor"].is_null());
    let all = expect(app, ("GET", &base), &f.leader_token, None, 200).await;
    assert_eq!(titles(&all), ["Reading plan", "=Budget", "Staff rota"]);
    assert_eq!(all["proposals"][2]["status"], "withdrawn");
    assert_eq!(all["proposals"][0]["mine"], false);
    expect(
        app,
        ("GET", &format!("{base}/{rota}")),
        &f.member_token,
        None,
        404,
    )
    .await;
    let shown = expect(
        app,
        ("GET", &format!("{base}/{rota}")),
        &f.leader_token,
        None,
        200,
    )
    .await;
    assert_eq!(shown["status"], "withdrawn");
    // The page agrees.
    let page = f.member.get(&web).await.text().await.unwrap();
    assert!(page.contains("Reading plan") && page.contains("Off topic"));
    assert!(!page.contains("Staff rota"));
    // (Tera escapes the slashes of the link.)
    assert!(
        page.contains("proposals.csv\" download"),
        "the page links its export"
    );

    // A page at a time, in a stable order, every item once.
    let (walked, _) = walk_rows(app, &base, "proposals", &f.leader_token, 1).await;
    assert_eq!(titles(&json!({ "proposals": walked })), titles(&all));
    expect(
        app,
        ("GET", &format!("{base}?cursor=zz!")),
        &f.leader_token,
        None,
        400,
    )
    .await;

    // ETag round trip.
    revalidates(app, &base, &f.member_token).await;
    revalidates(app, &format!("{base}/{}", first["id"]), &f.member_token).await;

    // The CSV, on the API and the web alike: what the viewer sees, formulas defused.
    let csv = send(app, "GET", &format!("{base}.csv"), &f.member_token, None).await;
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let body = csv.text().await.unwrap();
    let web_csv = f.member.get(&format!("{web}.csv")).await;
    assert_eq!(web_csv.status(), 200);
    assert_eq!(web_csv.text().await.unwrap(), body);
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        roundtable::service::meetings::proposals::CSV_HEADER
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][1], "Reading plan");
    assert_eq!(&rows[0][4], "Member");
    assert_eq!(&rows[1][1], "'=Budget");
    assert_eq!(&rows[1][5], "hidden");
    assert_eq!(&rows[1][6], "Off topic");
    assert!(!body.contains("Staff rota"));
    let leader_csv = send(app, "GET", &format!("{base}.csv"), &f.leader_token, None).await;
    assert!(leader_csv.text().await.unwrap().contains("Staff rota"));
}

#[tokio::test]
async fn proposing_validates_and_is_refused_when_the_window_or_meeting_forbids() {
    let (f, m) = fixture().await;
    let (app, a) = (&f.app, &f.world.team_a);
    let base = format!("/api/v1/teams/{a}/meetings/{m}/proposals");

    // 422 with the form's fields; a body that is not this JSON is 400.
    let bad = expect(
        app,
        ("POST", &base),
        &f.member_token,
        Some(json!({"title": "", "why": "", "minutes": 0})),
        422,
    )
    .await;
    assert_eq!(bad["error"], "invalid_input");
    for field in ["title", "why", "minutes"] {
        assert!(bad["fields"][field].is_string(), "{bad}");
    }
    let unreadable = expect(
        app,
        ("POST", &base),
        &f.member_token,
        Some(json!({"title": "x"})),
        400,
    )
    .await;
    assert_eq!(unreadable["error"], "invalid_body");
    // A read token cannot write; another team's meeting is missing.
    let read = read_token(&f.member).await;
    expect(app, ("POST", &base), &read, Some(item("Anything", 5)), 403).await;
    let outsider = signed_in(app, &f.world.outsider).await;
    let outsider_token = read_write_token(&outsider).await;
    expect(app, ("GET", &base), &outsider_token, None, 404).await;
    let b = &f.world.team_b;
    expect(
        app,
        ("GET", &format!("/api/v1/teams/{b}/meetings/{m}/proposals")),
        &outsider_token,
        None,
        404,
    )
    .await;

    // Editing one's own, as the edit form does; someone else's is refused.
    let made = expect(
        app,
        ("POST", &base),
        &f.member_token,
        Some(item("Timetable", 10)),
        201,
    )
    .await;
    let own = format!("{base}/{}", made["id"]);
    let edited = expect(
        app,
        ("PATCH", &own),
        &f.member_token,
        Some(item("Timetable changes", 20)),
        200,
    )
    .await;
    assert_eq!(edited["title"], "Timetable changes");
    assert_eq!(edited["minutes"], 20);
    let page = f
        .member
        .get(&format!("/teams/{a}/meetings/{m}/proposals"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Timetable changes"));
    expect(
        app,
        ("PATCH", &own),
        &f.leader_token,
        Some(item("Mine now", 5)),
        403,
    )
    .await;
    let bad = expect(
        app,
        ("PATCH", &own),
        &f.member_token,
        Some(item("", 5)),
        422,
    )
    .await;
    assert!(bad["fields"]["title"].is_string());
    expect(
        app,
        ("PATCH", &format!("{base}/999999")),
        &f.member_token,
        Some(item("x", 5)),
        404,
    )
    .await;

    // Withdrawing: once; then the item is no longer open.
    let spare = expect(
        app,
        ("POST", &base),
        &f.member_token,
        Some(item("Spare", 5)),
        201,
    )
    .await;
    let spare = format!("{base}/{}", spare["id"]);
    expect(
        app,
        ("POST", &format!("{spare}/withdraw")),
        &f.leader_token,
        None,
        403,
    )
    .await;
    let gone = expect(
        app,
        ("POST", &format!("{spare}/withdraw")),
        &f.member_token,
        None,
        200,
    )
    .await;
    assert_eq!(gone["status"], "withdrawn");
    expect(
        app,
        ("POST", &format!("{spare}/withdraw")),
        &f.member_token,
        None,
        409,
    )
    .await;
    expect(
        app,
        ("PATCH", &spare),
        &f.member_token,
        Some(item("Back", 5)),
        409,
    )
    .await;

    // Once voting opens, proposing, editing and withdrawing are refused as conflicts.
    f.app
        .clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    let closed = expect(
        app,
        ("POST", &base),
        &f.member_token,
        Some(item("Late", 5)),
        409,
    )
    .await;
    assert_eq!(closed["error"], "conflict");
    expect(
        app,
        ("PATCH", &own),
        &f.member_token,
        Some(item("Later", 5)),
        409,
    )
    .await;
    expect(
        app,
        ("POST", &format!("{own}/withdraw")),
        &f.member_token,
        None,
        409,
    )
    .await;

    // A cancelled meeting refuses proposals while its window would be open.
    let cancelled = create_meeting(app, &f.leader, a, "secret").await;
    let response = f
        .leader
        .post(
            &format!("/teams/{a}/meetings/{cancelled}/cancel"),
            &[("reason", "Snow closure")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let refused = expect(
        app,
        (
            "POST",
            &format!("/api/v1/teams/{a}/meetings/{cancelled}/proposals"),
        ),
        &f.member_token,
        Some(item("Any", 5)),
        409,
    )
    .await;
    assert_eq!(refused["error"], "conflict");
}

/// Rows for the meeting `{m}` (proposals open) and its item `{p}`, proposed by the member.
pub(crate) const ROWS: &[Row] = &[
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/proposals",
        [401, 404, 200, 200, 200],
    ),
    Row::get(
        "/api/v1/teams/{b}/meetings/{m}/proposals",
        [401, 404, 404, 404, 404],
    ),
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/proposals.csv",
        [401, 404, 200, 200, 200],
    ),
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/proposals/{p}",
        [401, 404, 200, 200, 200],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/meetings/{m}/proposals",
        r#"{"title": "Matrix item", "why": "Because it matters.", "minutes": 5}"#,
        [401, 404, 201, 201, 403],
    ),
    Row::write(
        "PATCH",
        "/api/v1/teams/{a}/meetings/{m}/proposals/{p}",
        r#"{"title": "Matrix item, edited", "why": "Because it matters.", "minutes": 5}"#,
        [401, 404, 200, 403, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/meetings/{m}/proposals/{p}/withdraw",
        "{}",
        [401, 404, 200, 403, 403],
    ),
];

#[tokio::test]
async fn every_proposal_endpoint_answers_each_role_as_the_access_table_says() {
    let (f, meeting) = fixture().await;
    propose(&f.member, &f.world.team_a, meeting, "Reading plan", 10).await;
    let p = crate::meeting_helpers::proposal_ids(&f.app, meeting).await[0];
    let fill = [("{m}", meeting.to_string()), ("{p}", p.to_string())];
    assert_matrix(&f.app, &f.world, ROWS, &fill).await;
}
