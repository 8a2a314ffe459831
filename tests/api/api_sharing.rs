//! Sharing meetings with linked teams on `/api/v1`: the share switch (leaders only, never with
//! a read token, the same state as the web's switch), what a linked team reads (nothing of a
//! team not linked, nothing unshared or unpublished, the published minutes as Markdown), the
//! list a page at a time in the web list's order; and the recount rules file, byte for byte the
//! results page's `rules.json`, refused before the close as the page refuses it.

use roundtable::domain::clock::Clock;
use roundtable::domain::ids::MeetingId;
use roundtable::store::entities::audit_log::AuditAction;
use roundtable::store::entities::{meeting_shares, meetings};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::{Value, json};
use time::Duration;

use crate::api_helpers::{
    Cast, cast, expect, expect_status, get, read_token, read_write_token, revalidates,
};
use crate::api_matrix::{self, Row};
use crate::cohorts::publish_minutes;
use crate::helpers::{Browser, TestApp, create_person, create_team, signed_in};
use crate::language_helpers::read;
use crate::live_meeting_helpers::{audited, publish_agenda};
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, members, proposal_ids, propose, vote};

/// `{m}` is a meeting of team a (not tallied), `{s}` a meeting of team b shared with team a
/// (linked), with a published agenda.
pub(crate) const ROWS: &[Row] = &[
    Row::write(
        "PUT",
        "/api/v1/teams/{a}/meetings/{m}/share",
        r#"{"shared": true}"#,
        [401, 404, 403, 200, 403],
    ),
    Row::get("/api/v1/teams/{a}/shared", [401, 404, 200, 200, 403]),
    Row::get("/api/v1/teams/{b}/shared", [401, 200, 404, 404, 403]),
    Row::get("/api/v1/teams/{a}/shared/{s}", [401, 404, 200, 200, 403]),
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/results/rules.json",
        [401, 404, 404, 404, 404],
    ),
];

/// Links `from` and `to` through the API: `from`'s leader proposes, `to`'s accepts.
async fn link(app: &TestApp, from: (&str, &str), to: (&str, &str)) {
    let (from, from_token) = from;
    let (to, to_token) = to;
    let proposed = expect(
        app,
        ("POST", &format!("/api/v1/teams/{from}/links")),
        from_token,
        Some(json!({ "team": to })),
        201,
    )
    .await;
    let id = proposed["id"].as_i64().unwrap();
    expect(
        app,
        ("POST", &format!("/api/v1/teams/{to}/links/{id}/accept")),
        to_token,
        None,
        200,
    )
    .await;
}

/// Whether the meeting has a share row.
async fn is_shared(app: &TestApp, meeting: MeetingId) -> bool {
    meeting_shares::Entity::find_by_id(meeting)
        .one(&app.db.conn)
        .await
        .unwrap()
        .is_some()
}

#[tokio::test]
async fn sharing_answers_each_role_as_the_access_table_says() {
    let Cast {
        app,
        world,
        leader,
        leader_token,
        ..
    } = cast().await;
    let outsider = signed_in(&app, &world.outsider).await;
    let outsider_token = read_write_token(&outsider).await;
    let m = create_meeting(&app, &leader, &world.team_a, "secret").await;
    let s = create_meeting(&app, &outsider, &world.team_b, "secret").await;
    publish_agenda(&app, s, &[("Moderation across schools", 20)]).await;
    link(
        &app,
        (&world.team_b, &outsider_token),
        (&world.team_a, &leader_token),
    )
    .await;
    expect(
        &app,
        (
            "PUT",
            &format!("/api/v1/teams/{}/meetings/{s}/share", world.team_b),
        ),
        &outsider_token,
        Some(json!({ "shared": true })),
        200,
    )
    .await;
    let tokens = api_matrix::persona_tokens(&app, &world).await;

    let fill = [("{m}", m.to_string()), ("{s}", s.to_string())];
    let failures = api_matrix::run(&app, &world, &tokens, ROWS, &fill).await;

    assert!(failures.is_empty(), "{failures:#?}");
}

/// Team a (leader, member) linked with team b (the outsider leads it); a cohort not linked
/// with either (led by Carla); team a's meeting with a published agenda, published minutes and
/// a later draft.
struct Sharing {
    cast: Cast,
    b: String,
    b_browser: Browser,
    b_token: String,
    cohort: String,
    cohort_token: String,
    meeting: MeetingId,
}

async fn sharing() -> Sharing {
    let cast = cast().await;
    let app = &cast.app;
    let b = cast.world.team_b.clone();
    let b_browser = signed_in(app, &cast.world.outsider).await;
    let b_token = read_write_token(&b_browser).await;
    let carla = create_person(app, "Carla", false).await;
    let cohort = create_team(app, &cast.world.admin, "Cohort", &carla).await;
    let cohort_token = read_write_token(&signed_in(app, &carla).await).await;
    link(
        app,
        (&b, &b_token),
        (&cast.world.team_a, &cast.leader_token),
    )
    .await;
    let meeting = create_meeting(app, &cast.leader, &cast.world.team_a, "secret").await;
    publish_agenda(
        app,
        meeting,
        &[("Moderation across schools", 20), ("Shared rubric", 15)],
    )
    .await;
    publish_minutes(app, meeting, "We agreed to **share rubrics**.", true).await;
    publish_minutes(app, meeting, "A draft nobody else should read.", false).await;
    Sharing {
        cast,
        b,
        b_browser,
        b_token,
        cohort,
        cohort_token,
        meeting,
    }
}

#[tokio::test]
async fn the_api_switch_and_the_web_switch_set_the_same_share_state() {
    let Sharing {
        cast,
        b,
        b_browser,
        b_token,
        meeting,
        ..
    } = sharing().await;
    let app = &cast.app;
    let a = &cast.world.team_a;
    let share = format!("/api/v1/teams/{a}/meetings/{meeting}/share");
    let web_share = format!("/teams/{a}/meetings/{meeting}/share");
    let read_by_b = format!("/api/v1/teams/{b}/shared/{meeting}");
    assert_eq!(get(app, &read_by_b, &b_token).await.status(), 404);

    // Shared through the API: the answer is the state, the web's links page and the linked
    // team's web page agree.
    let state = expect(
        app,
        ("PUT", &share),
        &cast.leader_token,
        Some(json!({ "shared": true })),
        200,
    )
    .await;
    assert_eq!(state["meeting_id"], meeting.0);
    assert_eq!(state["shared"], true);
    assert_eq!(state["agenda_published"], true);
    assert_eq!(state["minutes_published"], true);
    assert_eq!(state["title"], "Weekly leadership meeting");
    assert!(is_shared(app, meeting).await);
    let links = expect(
        app,
        ("GET", &format!("/api/v1/teams/{a}/links")),
        &cast.leader_token,
        None,
        200,
    )
    .await;
    assert_eq!(links["meetings"][0]["shared"], true);
    let page = read(&b_browser, &format!("/teams/{b}/shared/{meeting}")).await;
    assert!(page.contains("Moderation across schools"), "{page}");
    // Again: the same answer, and one audit entry only.
    let again = expect(
        app,
        ("PUT", &share),
        &cast.leader_token,
        Some(json!({ "shared": true })),
        200,
    )
    .await;
    assert_eq!(again, state);
    assert_eq!(audited(app, AuditAction::MeetingShare).await, 1);

    // Stopped on the web: the API sees it at once.
    let stopped = cast.leader.post(&web_share, &[("shared", "0")]).await;
    assert_eq!(stopped.status(), 303);
    assert!(!is_shared(app, meeting).await);
    assert_eq!(get(app, &read_by_b, &b_token).await.status(), 404);
    assert_eq!(
        b_browser
            .get(&format!("/teams/{b}/shared/{meeting}"))
            .await
            .status(),
        404
    );
    // Shared on the web, stopped through the API: the same rows either way.
    assert_eq!(
        cast.leader
            .post(&web_share, &[("shared", "1")])
            .await
            .status(),
        303
    );
    assert!(is_shared(app, meeting).await);
    expect(app, ("GET", &read_by_b), &b_token, None, 200).await;
    let state = expect(
        app,
        ("PUT", &share),
        &cast.leader_token,
        Some(json!({ "shared": false })),
        200,
    )
    .await;
    assert_eq!(state["shared"], false);
    assert!(!is_shared(app, meeting).await);
    assert_eq!(get(app, &read_by_b, &b_token).await.status(), 404);
    assert_eq!(audited(app, AuditAction::MeetingShare).await, 2);
    assert_eq!(audited(app, AuditAction::MeetingUnshare).await, 2);
}

#[tokio::test]
async fn only_a_leader_with_a_read_write_token_switches_sharing_and_bad_bodies_are_refused() {
    let Sharing {
        cast, b_token, b, ..
    } = sharing().await;
    let app = &cast.app;
    let a = &cast.world.team_a;
    let meeting = create_meeting(app, &cast.leader, a, "secret").await;
    let share = format!("/api/v1/teams/{a}/meetings/{meeting}/share");
    let on = Some(json!({ "shared": true }));

    let read_only = read_token(&cast.leader).await;
    let refused = expect(app, ("PUT", &share), &read_only, on.clone(), 403).await;
    assert_eq!(refused["error"], "insufficient_scope");
    let refused = expect(app, ("PUT", &share), &cast.member_token, on.clone(), 403).await;
    assert_eq!(refused["error"], "forbidden");
    // Team b's leader may not share team a's meeting, nor team a's leader through team b;
    // a meeting id that names nothing is the same 404.
    expect(app, ("PUT", &share), &b_token, on.clone(), 404).await;
    for path in [
        format!("/api/v1/teams/{b}/meetings/{meeting}/share"),
        format!("/api/v1/teams/{a}/meetings/999999/share"),
        format!("/api/v1/teams/{a}/meetings/first/share"),
    ] {
        let missing = expect(app, ("PUT", &path), &cast.leader_token, on.clone(), 404).await;
        assert_eq!(missing["error"], "not_found", "{path}");
    }
    assert!(!is_shared(app, meeting).await);
    assert_eq!(audited(app, AuditAction::MeetingShare).await, 0);

    // Bodies that are not `{"shared": bool}`: 400 with the parser's finding; not JSON: 415.
    for body in [
        json!({}),
        json!({ "shared": "yes" }),
        json!({ "shared": 1 }),
        json!({ "shared": true, "team": "b" }),
        json!(true),
        json!(null),
    ] {
        let refused = expect(
            app,
            ("PUT", &share),
            &cast.leader_token,
            Some(body.clone()),
            400,
        )
        .await;
        assert_eq!(refused["error"], "invalid_body", "{body}");
        assert!(refused["fields"]["body"].is_string(), "{body}");
    }
    let not_json = reqwest::Client::new()
        .put(app.url(&share))
        .bearer_auth(&cast.leader_token)
        .header("content-type", "application/json")
        .body("shared=1")
        .send()
        .await
        .unwrap();
    assert_eq!(expect_status(not_json, 400).await["error"], "invalid_body");
    let form = reqwest::Client::new()
        .put(app.url(&share))
        .bearer_auth(&cast.leader_token)
        .form(&[("shared", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        expect_status(form, 415).await["error"],
        "unsupported_media_type"
    );
    assert!(!is_shared(app, meeting).await);
}

#[tokio::test]
async fn a_linked_team_reads_the_agreed_agenda_and_the_published_minutes_and_nothing_else() {
    let Sharing {
        cast,
        b,
        b_browser,
        b_token,
        cohort,
        cohort_token,
        meeting,
    } = sharing().await;
    let app = &cast.app;
    let a = &cast.world.team_a;
    let unshared = create_meeting(app, &cast.leader, a, "secret").await;
    publish_agenda(app, unshared, &[("Staffing, confidential", 15)]).await;
    expect(
        app,
        (
            "PUT",
            &format!("/api/v1/teams/{a}/meetings/{meeting}/share"),
        ),
        &cast.leader_token,
        Some(json!({ "shared": true })),
        200,
    )
    .await;
    let path = format!("/api/v1/teams/{b}/shared/{meeting}");

    let read_by_b = expect(app, ("GET", &path), &b_token, None, 200).await;
    assert_eq!(read_by_b["meeting_id"], meeting.0);
    assert_eq!(read_by_b["from_team"], "Team A");
    assert_eq!(read_by_b["title"], "Weekly leadership meeting");
    assert_eq!(
        read_by_b["purpose_line"],
        "Move the school improvement plan forward together."
    );
    assert_eq!(read_by_b["place"], "Room 4");
    assert!(read_by_b["starts_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        read_by_b["agenda"],
        json!([
            { "title": "Moderation across schools", "minutes": 20, "fixed": false },
            { "title": "Shared rubric", "minutes": 15, "fixed": false },
        ])
    );
    // The published version, as Markdown (the page shows it as HTML); never the draft.
    assert_eq!(read_by_b["minutes"], "We agreed to **share rubrics**.");
    revalidates(app, &path, &b_token).await;
    let page = read(&b_browser, &format!("/teams/{b}/shared/{meeting}")).await;
    assert!(page.contains("<strong>share rubrics</strong>"), "{page}");
    assert!(page.contains("Shared rubric"), "{page}");

    // Minutes only (no agenda): `agenda` is null.
    let minutes_only = create_meeting(app, &cast.leader, a, "secret").await;
    publish_minutes(app, minutes_only, "Short notes.", true).await;
    expect(
        app,
        (
            "PUT",
            &format!("/api/v1/teams/{a}/meetings/{minutes_only}/share"),
        ),
        &cast.leader_token,
        Some(json!({ "shared": true })),
        200,
    )
    .await;
    let notes_only = expect(
        app,
        ("GET", &format!("/api/v1/teams/{b}/shared/{minutes_only}")),
        &b_token,
        None,
        200,
    )
    .await;
    assert_eq!(notes_only["agenda"], Value::Null);
    assert_eq!(notes_only["minutes"], "Short notes.");

    // Not shared; a team's own meeting through its own shared list; a team not linked (even
    // after proposing a link); an id that names nothing: 404.
    let not_found: [(String, &String); 6] = [
        (format!("/api/v1/teams/{b}/shared/{unshared}"), &b_token),
        (
            format!("/api/v1/teams/{a}/shared/{meeting}"),
            &cast.member_token,
        ),
        (
            format!("/api/v1/teams/{cohort}/shared/{meeting}"),
            &cohort_token,
        ),
        (format!("/api/v1/teams/{b}/shared/999999"), &b_token),
        (format!("/api/v1/teams/{b}/shared/latest"), &b_token),
        // The other team's address is not a way in either.
        (format!("/api/v1/teams/{a}/shared/{meeting}"), &b_token),
    ];
    for (path, token) in &not_found {
        let answer = expect(app, ("GET", path), token, None, 404).await;
        assert_eq!(answer["error"], "not_found", "{path}");
    }
    expect(
        app,
        ("POST", &format!("/api/v1/teams/{cohort}/links")),
        &cohort_token,
        Some(json!({ "team": a })),
        201,
    )
    .await;
    let cohort_path = format!("/api/v1/teams/{cohort}/shared/{meeting}");
    assert_eq!(get(app, &cohort_path, &cohort_token).await.status(), 404);
    let cohort_list = expect(
        app,
        ("GET", &format!("/api/v1/teams/{cohort}/shared")),
        &cohort_token,
        None,
        200,
    )
    .await;
    assert_eq!(cohort_list["meetings"], json!([]));
    assert_eq!(cohort_list["next_cursor"], Value::Null);

    // The list: what is shared and published, nothing else.
    let list = expect(
        app,
        ("GET", &format!("/api/v1/teams/{b}/shared")),
        &b_token,
        None,
        200,
    )
    .await;
    let ids: Vec<i64> = list["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["meeting_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [minutes_only.0, meeting.0]);
    assert_eq!(list["meetings"][1]["from_team"], "Team A");
    assert_eq!(list["meetings"][1]["has_agenda"], true);
    assert_eq!(list["meetings"][1]["has_minutes"], true);
    assert_eq!(list["meetings"][0]["has_agenda"], false);
    assert_eq!(list["next_cursor"], Value::Null);
}

#[tokio::test]
async fn the_shared_list_pages_in_the_web_lists_order() {
    let Sharing {
        cast,
        b,
        b_browser,
        b_token,
        meeting,
        ..
    } = sharing().await;
    let app = &cast.app;
    let a = &cast.world.team_a;
    let mut shared = vec![meeting];
    for n in 0..4 {
        let m = create_meeting(app, &cast.leader, a, "secret").await;
        publish_agenda(app, m, &[("Item", 10 + n)]).await;
        shared.push(m);
    }
    // Shared but with nothing published, and published but not shared: never listed.
    let empty = create_meeting(app, &cast.leader, a, "secret").await;
    let unshared = create_meeting(app, &cast.leader, a, "secret").await;
    publish_agenda(app, unshared, &[("Private", 10)]).await;
    for m in shared.iter().chain([&empty]) {
        expect(
            app,
            ("PUT", &format!("/api/v1/teams/{a}/meetings/{m}/share")),
            &cast.leader_token,
            Some(json!({ "shared": true })),
            200,
        )
        .await;
    }
    // The first meeting moved to start last: it comes first, then the others (same start) by
    // highest id.
    let mut first = meetings::Entity::find_by_id(meeting)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    first.starts_at = Set(app.clock.now() + Duration::days(10));
    first.update(&app.db.conn).await.unwrap();
    let mut expected: Vec<i64> = shared.iter().skip(1).map(|m| m.0).rev().collect();
    expected.insert(0, meeting.0);

    let mut seen: Vec<i64> = Vec::new();
    let mut pages = 0;
    let mut cursor: Option<String> = None;
    loop {
        let query = cursor.map_or(String::new(), |c| format!("&cursor={c}"));
        let path = format!("/api/v1/teams/{b}/shared?limit=2{query}");
        let page = expect(app, ("GET", &path), &b_token, None, 200).await;
        pages += 1;
        let rows = page["meetings"].as_array().unwrap();
        assert!(rows.len() <= 2);
        seen.extend(rows.iter().map(|m| m["meeting_id"].as_i64().unwrap()));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, expected);
    // The web list shows the same meetings in the same order.
    let html = read(&b_browser, &format!("/teams/{b}/shared")).await;
    let positions: Vec<usize> = expected
        .iter()
        .map(|id| {
            html.find(&format!("/teams/{b}/shared/{id}\""))
                .unwrap_or_else(|| panic!("{id} missing: {html}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{html}");
    for hidden in [empty, unshared] {
        assert!(!html.contains(&format!("/shared/{hidden}\"")), "{html}");
        assert!(!seen.contains(&hidden.0));
    }
    revalidates(app, &format!("/api/v1/teams/{b}/shared"), &b_token).await;

    // Bad paging parameters: 400 naming the parameter.
    for (query, name) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("cursor=not-a-cursor", "cursor"),
    ] {
        let path = format!("/api/v1/teams/{b}/shared?{query}");
        let refused = expect(app, ("GET", &path), &b_token, None, 400).await;
        assert_eq!(refused["error"], "invalid_parameter", "{query}");
        assert!(refused["fields"][name].is_string(), "{query}");
    }
}

#[tokio::test]
async fn the_rules_file_is_the_results_pages_byte_for_byte_and_refused_before_the_close_alike() {
    let Cast {
        app,
        world,
        leader,
        member,
        member_token,
        ..
    } = cast().await;
    let slug = &world.team_a;
    let id = create_meeting(&app, &leader, slug, "open").await;
    for title in ["Timetable", "Rubric", "Trip"] {
        propose(&leader, slug, id, title, 10).await;
    }
    let voters = members(&app, &world.leader, slug, 3, "Voter").await;
    let web_path = format!("/teams/{slug}/meetings/{id}/results/rules.json");
    let api_path = format!("/api/v1/teams/{slug}/meetings/{id}/results/rules.json");
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    let items = proposal_ids(&app, id).await;
    for (i, v) in voters.iter().enumerate() {
        let mut order = items.clone();
        order.rotate_left(i);
        assert_eq!(vote(v, slug, id, &order).await.status(), 200);
    }

    // While voting is open: the page has no file, nor has the API (the same status).
    let web = member.get(&web_path).await.status().as_u16();
    let api = get(&app, &api_path, &member_token).await;
    assert_eq!(web, 404);
    assert_eq!(api.status().as_u16(), web);
    assert_eq!(expect_status(api, 404).await["error"], "not_found");

    app.clock.advance(Duration::hours(WINDOW_HOURS + 1));
    // A session idle since before the jump has expired: sign in again.
    let member = signed_in(&app, &world.member).await;
    let web = member.get(&web_path).await;
    assert_eq!(web.status(), 200);
    let web_type = web.headers()["content-type"].to_str().unwrap().to_owned();
    let web_name = web.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    let web_bytes = web.bytes().await.unwrap();
    let api = get(&app, &api_path, &member_token).await;
    assert_eq!(api.status(), 200);
    assert_eq!(api.headers()["content-type"].to_str().unwrap(), web_type);
    assert_eq!(
        api.headers()["content-disposition"].to_str().unwrap(),
        web_name
    );
    assert_eq!(
        web_name,
        format!("attachment; filename=\"meeting-{id}-rules.json\"")
    );
    let api_bytes = api.bytes().await.unwrap();
    assert_eq!(api_bytes, web_bytes);
    let rules: Value = serde_json::from_slice(&api_bytes).unwrap();
    assert_eq!(rules["source"]["contestName"], "Weekly leadership meeting");
    let names: Vec<&str> = rules["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["#1 Timetable", "#2 Rubric", "#3 Trip"]);
    assert!(rules["rules"].is_object());

    // Another team's token finds no such meeting.
    let outsider = signed_in(&app, &world.outsider).await;
    let theirs = read_token(&outsider).await;
    assert_eq!(get(&app, &api_path, &theirs).await.status(), 404);
}
