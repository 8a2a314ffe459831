//! Recurring meetings over `/api/v1`: each endpoint for each role (the access matrix), a series
//! created through the API stored and materialised exactly as one created on the web form,
//! marking someone away re-planning the rota exactly as the web form does, swaps, cancelling
//! one meeting, editing and ending a series, the away dates' list a page at a time, and the
//! refusals (a member managing, another team's series, a read token writing, bad input).

use roundtable::domain::clock::Clock;
use roundtable::domain::ids::{SeriesId, UserId};
use roundtable::store::entities::{meeting_runs, meeting_series, meetings, series_occurrences};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use time::macros::datetime;

use crate::action_helpers::id_from;
use crate::api_helpers::{
    assert_matrix, created, expect, not_found, read_token, read_write_token, revalidates,
};
use crate::api_matrix::Row;
use crate::helpers::{
    Browser, TestApp, World, add_member, create_person, seed, signed_in, spawn_app,
};

/// The series endpoints' rows. `{s}` is a weekly series of team a (leader and member, no
/// timekeeper), `{occ}` its first meeting, where the leader holds `{role}` and the member the
/// other role, `{occ2}` its second meeting, `{member}` the member's id and `{away}` the
/// member's own away dates.
pub(crate) const ROWS: &[Row] = &[
    Row::get("/api/v1/teams/{a}/series", [401, 404, 200, 200, 403]),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/series",
        r#"{"title": "Matrix series", "purpose_template": "Matrix check-in — {date}", "starts_on": "2027-03-12"}"#,
        [401, 404, 403, 201, 403],
    ),
    Row::get("/api/v1/teams/{a}/series/{s}", [401, 404, 200, 200, 403]),
    Row::write(
        "PATCH",
        "/api/v1/teams/{a}/series/{s}",
        r#"{"place": "Room 5"}"#,
        [401, 404, 403, 200, 403],
    ),
    // The member does not hold the role: only its holder or a leader may pass it on.
    Row::write(
        "POST",
        "/api/v1/teams/{a}/series/{s}/swap",
        r#"{"occurrence_id": {occ}, "role": "{role}", "with_user_id": {member}}"#,
        [401, 404, 403, 200, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/series/{s}/occurrences/{occ2}/cancel",
        r#"{"reason": "Team away day"}"#,
        [401, 404, 403, 200, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/series/{s}/end",
        "{}",
        [401, 404, 403, 200, 403],
    ),
    Row::get("/api/v1/teams/{a}/away", [401, 404, 200, 200, 403]),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/away",
        r#"{"away_from": "2027-06-01", "away_until": "2027-06-03"}"#,
        [401, 404, 201, 201, 403],
    ),
    Row::get("/api/v1/teams/{a}/away/{away}", [401, 404, 200, 200, 403]),
    // The member removes their own; the leader then finds nothing.
    Row::write(
        "DELETE",
        "/api/v1/teams/{a}/away/{away}",
        "{}",
        [401, 404, 204, 404, 403],
    ),
];

/// The series form's fields, as the web form sends them.
fn web_form(starts_on: &str) -> Vec<(&'static str, String)> {
    vec![
        ("title", "Leadership check-in".to_owned()),
        (
            "purpose_template",
            "Weekly leadership check-in — {date}".to_owned(),
        ),
        ("cadence", "weekly".to_owned()),
        ("weekday", "4".to_owned()),
        ("start_time", "09:00".to_owned()),
        ("starts_on", starts_on.to_owned()),
        ("budget_minutes", "45".to_owned()),
        ("place", "Room 4".to_owned()),
        ("proposals_open_days", "7".to_owned()),
        ("voting_open_hours", "48".to_owned()),
        ("voting_close_hours", "1".to_owned()),
        ("privacy", "open".to_owned()),
        ("with_timekeeper", "on".to_owned()),
    ]
}

/// The same series as the API's JSON.
fn api_body(starts_on: &str) -> Value {
    json!({
        "title": "Leadership check-in",
        "purpose_template": "Weekly leadership check-in — {date}",
        "cadence": "weekly",
        "weekday": 4,
        "start_time": "09:00",
        "starts_on": starts_on,
        "budget_minutes": 45,
        "place": "Room 4",
        "proposals_open_days": 7,
        "voting_open_hours": 48,
        "voting_close_hours": 1,
        "privacy": "open",
        "with_timekeeper": true,
    })
}

/// Creates the series of [`web_form`] on the web page as `leader`; returns its id.
async fn web_series(leader: &Browser, slug: &str, starts_on: &str) -> SeriesId {
    let form = web_form(starts_on);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = leader.post(&format!("/teams/{slug}/series"), &fields).await;
    SeriesId(id_from(&response))
}

/// Moves the test clock to Thursday 11 March 2027, 12:00 UTC, seeds the world and signs the
/// leader in (sessions end after a long idle time, so after the move).
async fn world_at_thursday(app: &TestApp) -> (World, Browser) {
    let at = datetime!(2027-03-11 12:00 UTC);
    let now = app.clock.now();
    assert!(at > now);
    app.clock.advance(at - now);
    let world = seed(app).await;
    let leader = signed_in(app, &world.leader).await;
    (world, leader)
}

/// The series' occurrences with their meetings, by date.
async fn occurrences(
    app: &TestApp,
    id: SeriesId,
) -> Vec<(series_occurrences::Model, meetings::Model)> {
    let rows = series_occurrences::Entity::find()
        .filter(series_occurrences::Column::SeriesId.eq(id))
        .order_by_asc(series_occurrences::Column::OccursOn)
        .all(&app.db.conn)
        .await
        .unwrap();
    let mut out = Vec::new();
    for o in rows {
        let m = meetings::Entity::find_by_id(o.meeting_id)
            .one(&app.db.conn)
            .await
            .unwrap()
            .unwrap();
        out.push((o, m));
    }
    out
}

/// The holders (facilitator, note-taker, timekeeper) of each occurrence, by date.
async fn rotas(app: &TestApp, id: SeriesId) -> Vec<[Option<UserId>; 3]> {
    let mut out = Vec::new();
    for (o, m) in occurrences(app, id).await {
        let notes = meeting_runs::Entity::find_by_id(m.id)
            .one(&app.db.conn)
            .await
            .unwrap()
            .and_then(|r| r.note_taker_id);
        out.push([m.facilitator_id, notes, o.timekeeper_id]);
    }
    out
}

/// The holder of `role` at `occurrence` in a series' JSON.
fn holder(occurrence: &Value, role: &str) -> Option<i64> {
    occurrence["rota"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["role"] == role)
        .and_then(|h| h["user_id"].as_i64())
}

#[tokio::test]
async fn every_series_endpoint_answers_each_role_as_the_access_table_says() {
    let app = spawn_app().await;
    let (world, leader) = world_at_thursday(&app).await;
    let slug = world.team_a.clone();
    let id = web_series(&leader, &slug, "2027-03-12").await;
    let made = occurrences(&app, id).await;
    let leader_role = if made[0].1.facilitator_id == Some(world.leader.id) {
        "facilitator"
    } else {
        "note_taker"
    };
    let member = signed_in(&app, &world.member).await;
    let away = member
        .post(
            &format!("/teams/{slug}/series/away"),
            &[("away_from", "2027-05-03"), ("away_until", "2027-05-04")],
        )
        .await;
    assert_eq!(away.status(), 303);
    let away_id = roundtable::store::entities::member_away::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_matrix(
        &app,
        &world,
        ROWS,
        &[
            ("{s}", id.to_string()),
            ("{occ}", made[0].0.id.to_string()),
            ("{occ2}", made[1].0.id.to_string()),
            ("{role}", leader_role.to_owned()),
            ("{member}", world.member.id.to_string()),
            ("{away}", away_id.to_string()),
        ],
    )
    .await;
}

/// The stored settings of a series that the two ways of creating it must agree on.
fn settings(s: &meeting_series::Model) -> Value {
    json!({
        "title": s.title,
        "purpose_template": s.purpose_template,
        "language": s.language,
        "cadence": format!("{:?}", s.cadence),
        "weekday": s.weekday,
        "start_minute": s.start_minute,
        "first_on": s.first_on.to_string(),
        "budget_minutes": s.budget_minutes,
        "place": s.place,
        "proposals_open_days": s.proposals_open_days,
        "voting_open_hours": s.voting_open_hours,
        "voting_close_hours": s.voting_close_hours,
        "privacy": format!("{:?}", s.privacy),
        "with_timekeeper": s.with_timekeeper,
        "ended": s.ended_at.is_some(),
    })
}

/// What each materialised meeting of a series is, apart from its team and rota.
async fn materialised(app: &TestApp, id: SeriesId) -> Vec<Value> {
    occurrences(app, id)
        .await
        .into_iter()
        .map(|(o, m)| {
            json!({
                "occurs_on": o.occurs_on.to_string(),
                "cancelled": o.cancelled_at.is_some(),
                "title": m.title,
                "purpose_line": m.purpose_line,
                "starts_at": m.starts_at.to_string(),
                "budget_minutes": m.budget_minutes,
                "place": m.place,
                "privacy": format!("{:?}", m.privacy),
                "proposals_open_at": m.proposals_open_at.to_string(),
                "proposals_close_at": m.proposals_close_at.to_string(),
                "voting_open_at": m.voting_open_at.to_string(),
                "voting_close_at": m.voting_close_at.to_string(),
            })
        })
        .collect()
}

#[tokio::test]
async fn a_series_created_through_the_api_equals_one_created_on_the_web_form() {
    let app = spawn_app().await;
    let (world, leader) = world_at_thursday(&app).await;
    // Team a on the web form; team b (led by the outsider) through the API.
    let on_web = web_series(&leader, &world.team_a, "2027-03-12").await;
    let outsider = signed_in(&app, &world.outsider).await;
    let t = read_write_token(&outsider).await;
    let path = format!("/api/v1/teams/{}/series", world.team_b);
    let (location, body) = created(&app, ("POST", &path), &t, Some(api_body("2027-03-12"))).await;
    let through_api = SeriesId(body["id"].as_i64().unwrap());
    assert_eq!(location, format!("{path}/{through_api}"));

    let stored = |id: SeriesId| {
        let db = app.db.conn.clone();
        async move {
            meeting_series::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
        }
    };
    assert_eq!(
        settings(&stored(through_api).await),
        settings(&stored(on_web).await)
    );
    let web_meetings = materialised(&app, on_web).await;
    assert_eq!(web_meetings.len(), 4, "the next four meetings exist");
    assert_eq!(materialised(&app, through_api).await, web_meetings);

    // The answer describes what was stored, and reads back the same.
    assert_eq!(body["title"], "Leadership check-in");
    assert_eq!(body["cadence"], "weekly");
    assert_eq!(body["weekday"], 4);
    assert_eq!(body["start_time"], "09:00");
    assert_eq!(body["first_on"], "2027-03-18");
    assert_eq!(body["privacy"], "open");
    assert_eq!(body["with_timekeeper"], true);
    assert_eq!(body["ended"], false);
    assert_eq!(body["may_manage"], true);
    assert_eq!(
        body["roles"],
        json!(["facilitator", "note_taker", "timekeeper"])
    );
    let next = body["next_occurrences"].as_array().unwrap();
    assert_eq!(next.len(), 4);
    assert_eq!(next[0]["occurs_on"], "2027-03-18");
    assert_eq!(next[0]["starts_at"], "2027-03-18T09:00:00Z");
    assert_eq!(
        next[0]["purpose_line"],
        "Weekly leadership check-in — 18 Mar 2027"
    );
    let meeting = next[0]["meeting_id"].as_i64().unwrap();
    assert_eq!(
        next[0]["id"].as_i64().unwrap(),
        occurrences(&app, through_api).await[0].0.id.0
    );
    // Its meetings are the team's meetings.
    expect(
        &app,
        (
            "GET",
            &format!("/api/v1/teams/{}/meetings/{meeting}", world.team_b),
        ),
        &t,
        None,
        200,
    )
    .await;
    let shown = expect(&app, ("GET", &location), &t, None, 200).await;
    assert_eq!(shown, body);
    revalidates(&app, &location, &t).await;

    // Fields left out take the web form's defaults; refused fields answer 422 with `fields`.
    let defaults = expect(
        &app,
        ("POST", &path),
        &t,
        Some(json!({ "title": "Defaults", "starts_on": "2027-03-12" })),
        201,
    )
    .await;
    assert_eq!(defaults["cadence"], "weekly");
    assert_eq!(defaults["start_time"], "09:00");
    assert_eq!(defaults["budget_minutes"], 60);
    assert_eq!(defaults["privacy"], "secret");
    assert_eq!(defaults["with_timekeeper"], false);
    let refused = expect(
        &app,
        ("POST", &path),
        &t,
        Some(json!({ "title": "", "weekday": 9, "voting_open_hours": 2, "voting_close_hours": 3 })),
        422,
    )
    .await;
    assert_eq!(refused["error"], "invalid_input");
    for field in ["title", "weekday", "voting_close_hours"] {
        assert!(refused["fields"][field].is_string(), "{field}: {refused}");
    }
    let unknown = expect(
        &app,
        ("POST", &path),
        &t,
        Some(json!({ "title": "Monthly", "cadence": "monthly" })),
        400,
    )
    .await;
    assert_eq!(unknown["error"], "invalid_body");
}

#[tokio::test]
async fn members_cannot_manage_a_series_another_teams_is_not_found_and_a_read_token_cannot_write() {
    let app = spawn_app().await;
    let (world, leader) = world_at_thursday(&app).await;
    let a = world.team_a.clone();
    let id = web_series(&leader, &a, "2027-03-12").await;
    let made = occurrences(&app, id).await;
    let member = signed_in(&app, &world.member).await;
    let m = read_write_token(&member).await;
    let base = format!("/api/v1/teams/{a}/series");
    let one = format!("{base}/{id}");
    let cancel = format!("{one}/occurrences/{}/cancel", made[0].0.id);
    let reason = json!({ "reason": "Not mine to cancel" });
    for (method, path, body) in [
        ("POST", base.as_str(), Some(api_body("2027-03-12"))),
        ("PATCH", one.as_str(), Some(json!({ "title": "Renamed" }))),
        ("POST", &format!("{one}/end"), None),
        ("POST", cancel.as_str(), Some(reason.clone())),
    ] {
        let refused = expect(&app, (method, path), &m, body, 403).await;
        assert_eq!(refused["error"], "forbidden", "{method} {path}");
    }
    // The member reads it, and is told they may not manage it.
    let shown = expect(&app, ("GET", &one), &m, None, 200).await;
    assert_eq!(shown["may_manage"], false);
    assert!(
        occurrences(&app, id)
            .await
            .iter()
            .all(|(o, _)| o.cancelled_at.is_none())
    );

    // Another team's series is not found, whichever team's path names it.
    let outsider = signed_in(&app, &world.outsider).await;
    let o = read_write_token(&outsider).await;
    let b = world.team_b.clone();
    for path in [
        one.clone(),
        format!("/api/v1/teams/{b}/series/{id}"),
        format!("/api/v1/teams/{b}/series/{id}/end"),
    ] {
        let method = if path.ends_with("/end") {
            "POST"
        } else {
            "GET"
        };
        not_found(&app, (method, &path), &o, None).await;
    }
    let l = read_write_token(&leader).await;
    expect(
        &app,
        (
            "POST",
            &format!(
                "/api/v1/teams/{b}/series/{id}/occurrences/{}/cancel",
                made[0].0.id
            ),
        ),
        &o,
        Some(reason.clone()),
        404,
    )
    .await;
    expect(&app, ("GET", &format!("{base}/999999")), &l, None, 404).await;
    expect(&app, ("GET", &format!("{base}/nine")), &l, None, 404).await;

    // A read token reads but cannot write, even a leader's.
    let read = read_token(&leader).await;
    expect(&app, ("GET", &one), &read, None, 200).await;
    for (method, path, body) in [
        ("POST", base.clone(), Some(api_body("2027-03-12"))),
        ("PATCH", one.clone(), Some(json!({ "title": "Renamed" }))),
        ("POST", format!("{one}/end"), None),
        (
            "POST",
            format!("/api/v1/teams/{a}/away"),
            Some(json!({ "away_from": "2027-06-01", "away_until": "2027-06-02" })),
        ),
    ] {
        let refused = expect(&app, (method, &path), &read, body, 403).await;
        assert_eq!(refused["error"], "insufficient_scope", "{method} {path}");
    }
    let series = meeting_series::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(series.title, "Leadership check-in");
    assert!(series.ended_at.is_none());
}

/// Team a of `app` with four members (leader, member, Ana, Bo) and the web form's series, at
/// Thursday 11 March 2027; returns the world, the leader's browser, the series and the names
/// by id.
async fn four_member_series(app: &TestApp) -> (World, Browser, SeriesId, Vec<(UserId, String)>) {
    let (world, leader) = world_at_thursday(app).await;
    let mut people = vec![
        (world.leader.id, "Leader".to_owned()),
        (world.member.id, "Member".to_owned()),
    ];
    for name in ["Ana", "Bo"] {
        let p = create_person(app, name, false).await;
        add_member(app, &world.leader, &world.team_a, &p, "member").await;
        people.push((p.id, name.to_owned()));
    }
    let id = web_series(&leader, &world.team_a, "2027-03-12").await;
    (world, leader, id, people)
}

/// The rota by names, so two apps compare whatever their ids.
async fn named_rotas(app: &TestApp, id: SeriesId, people: &[(UserId, String)]) -> Vec<Vec<String>> {
    let name = |u: Option<UserId>| {
        u.and_then(|u| people.iter().find(|(p, _)| *p == u))
            .map_or_else(|| "-".to_owned(), |(_, n)| n.clone())
    };
    rotas(app, id)
        .await
        .into_iter()
        .map(|r| r.iter().map(|u| name(*u)).collect())
        .collect()
}

#[tokio::test]
async fn marking_someone_away_through_the_api_replans_the_rota_as_the_web_form_does() {
    // Two servers set up alike: one marks the first facilitator away on the web, the other
    // through the API; the rotas, and what the series shows, come out the same.
    let web_app = spawn_app().await;
    let api_app = spawn_app().await;
    let (web_world, web_leader, web_id, web_people) = four_member_series(&web_app).await;
    let (world, leader, id, people) = four_member_series(&api_app).await;
    let before = named_rotas(&api_app, id, &people).await;
    assert_eq!(named_rotas(&web_app, web_id, &web_people).await, before);

    let first = rotas(&api_app, id).await[0];
    let away = first[0].unwrap();
    let away_name = people.iter().find(|(p, _)| *p == away).unwrap().1.clone();
    let web_away = web_people.iter().find(|(_, n)| *n == away_name).unwrap().0;
    let marked = web_leader
        .post(
            &format!("/teams/{}/series/away", web_world.team_a),
            &[
                ("user_id", web_away.to_string().as_str()),
                ("away_from", "2027-03-15"),
                ("away_until", "2027-03-20"),
            ],
        )
        .await;
    assert_eq!(marked.status(), 303);

    let l = read_write_token(&leader).await;
    let a = world.team_a.clone();
    let (location, entry) = created(
        &api_app,
        ("POST", &format!("/api/v1/teams/{a}/away")),
        &l,
        Some(json!({ "user_id": away, "away_from": "2027-03-15", "away_until": "2027-03-20" })),
    )
    .await;
    assert_eq!(entry["user_id"], json!(away));
    assert_eq!(entry["name"], away_name.as_str());
    assert_eq!(entry["away_from"], "2027-03-15");
    assert_eq!(entry["away_until"], "2027-03-20");
    assert_eq!(entry["created_by"], json!(world.leader.id));
    assert_eq!(entry["removable"], true);
    assert_eq!(location, format!("/api/v1/teams/{a}/away/{}", entry["id"]));
    assert_eq!(
        expect(&api_app, ("GET", &location), &l, None, 200).await,
        entry
    );

    let after = named_rotas(&api_app, id, &people).await;
    assert_eq!(after, named_rotas(&web_app, web_id, &web_people).await);
    assert_ne!(after[0][0], away_name, "a stand-in facilitates");
    assert_eq!(after[1..], before[1..], "other weeks stay");

    // The series shows the change, with its reason, as the page does.
    let shown = expect(
        &api_app,
        ("GET", &format!("/api/v1/teams/{a}/series/{id}")),
        &l,
        None,
        200,
    )
    .await;
    let change = &shown["swaps"][0];
    assert_eq!(change["reason"], "away");
    assert_eq!(change["role"], "facilitator");
    assert_eq!(change["from_user_id"], json!(away));
    assert_eq!(
        change["to_user_id"].as_i64(),
        holder(&shown["next_occurrences"][0], "facilitator")
    );
    assert!(
        change["text"]
            .as_str()
            .unwrap()
            .contains(&format!("({away_name} is away)")),
        "{change}"
    );

    // The team's list shows the dates; `mine` only the token owner's own.
    let team_list = expect(
        &api_app,
        ("GET", &format!("/api/v1/teams/{a}/away")),
        &l,
        None,
        200,
    )
    .await;
    assert_eq!(team_list["away"], json!([entry.clone()]));
    let mine = expect(
        &api_app,
        ("GET", &format!("/api/v1/teams/{a}/away?mine=true")),
        &l,
        None,
        200,
    )
    .await;
    let expected = if away == world.leader.id {
        json!([entry.clone()])
    } else {
        json!([])
    };
    assert_eq!(mine["away"], expected);

    // Removing the dates gives the role back.
    expect(&api_app, ("DELETE", &location), &l, None, 204).await;
    assert_eq!(named_rotas(&api_app, id, &people).await, before);
    let shown = expect(
        &api_app,
        ("GET", &format!("/api/v1/teams/{a}/series/{id}")),
        &l,
        None,
        200,
    )
    .await;
    assert_eq!(shown["swaps"][0]["reason"], "back");
    expect(&api_app, ("GET", &location), &l, None, 404).await;
    expect(&api_app, ("DELETE", &location), &l, None, 404).await;
}

#[tokio::test]
async fn swapping_cancelling_editing_and_ending_through_the_api() {
    let app = spawn_app().await;
    let (world, leader, id, people) = four_member_series(&app).await;
    let a = world.team_a.clone();
    let one = format!("/api/v1/teams/{a}/series/{id}");
    let made = occurrences(&app, id).await;
    let before = rotas(&app, id).await;

    // The holder of a role passes it on; the swap is recorded as the page records it.
    let holder_id = before[0][1].unwrap();
    let with = people
        .iter()
        .map(|(p, _)| *p)
        .find(|p| !before[0].contains(&Some(*p)))
        .unwrap();
    let l = read_write_token(&leader).await;
    let swapped = expect(
        &app,
        ("POST", &format!("{one}/swap")),
        &l,
        Some(json!({ "occurrence_id": made[0].0.id, "role": "note_taker", "with_user_id": with })),
        200,
    )
    .await;
    assert_eq!(
        holder(&swapped["next_occurrences"][0], "note_taker"),
        Some(with.0)
    );
    assert_eq!(rotas(&app, id).await[0][1], Some(with));
    let swap = &swapped["swaps"][0];
    assert_eq!(swap["reason"], "swap");
    assert_eq!(swap["role"], "note_taker");
    assert_eq!(swap["occurrence_id"], json!(made[0].0.id));
    assert_eq!(swap["from_user_id"], json!(holder_id));
    assert_eq!(swap["to_user_id"], json!(with));
    assert_eq!(swap["by_user_id"], json!(world.leader.id));
    // Refused as the form refuses: the same person, a role not rotated, a past meeting.
    for (body, field) in [
        (
            json!({ "occurrence_id": made[0].0.id, "role": "note_taker", "with_user_id": with }),
            "with_user_id",
        ),
        (
            json!({ "occurrence_id": 999_999, "role": "facilitator", "with_user_id": with }),
            "occurrence_id",
        ),
        (
            json!({ "occurrence_id": made[0].0.id, "role": "note_taker", "with_user_id": 999_999 }),
            "with_user_id",
        ),
    ] {
        let refused = expect(&app, ("POST", &format!("{one}/swap")), &l, Some(body), 422).await;
        assert!(refused["fields"][field].is_string(), "{refused}");
    }
    let bad = expect(
        &app,
        ("POST", &format!("{one}/swap")),
        &l,
        Some(json!({ "occurrence_id": made[0].0.id, "role": "chair", "with_user_id": with })),
        400,
    )
    .await;
    assert_eq!(bad["error"], "invalid_body");

    // Cancelling one meeting: a reason is needed; the meeting is cancelled with it.
    let cancel = format!("{one}/occurrences/{}/cancel", made[1].0.id);
    let refused = expect(
        &app,
        ("POST", &cancel),
        &l,
        Some(json!({ "reason": "" })),
        422,
    )
    .await;
    assert!(refused["fields"]["reason"].is_string());
    let cancelled = expect(
        &app,
        ("POST", &cancel),
        &l,
        Some(json!({ "reason": "Team away day" })),
        200,
    )
    .await;
    let second = &cancelled["next_occurrences"][1];
    assert_eq!(second["id"], json!(made[1].0.id));
    assert_eq!(second["cancelled"], true);
    assert_eq!(second["cancel_reason"], "Team away day");
    let meeting = meetings::Entity::find_by_id(made[1].1.id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert!(meeting.cancelled_at.is_some());
    expect(
        &app,
        ("POST", &format!("{one}/occurrences/999999/cancel")),
        &l,
        Some(json!({ "reason": "Nothing there" })),
        404,
    )
    .await;

    // Editing: fields left out keep their value; the upcoming meetings follow.
    let edited = expect(
        &app,
        ("PATCH", &one),
        &l,
        Some(json!({ "place": "Room 5", "budget_minutes": 30 })),
        200,
    )
    .await;
    assert_eq!(edited["place"], "Room 5");
    assert_eq!(edited["budget_minutes"], 30);
    assert_eq!(edited["title"], "Leadership check-in");
    assert_eq!(edited["start_time"], "09:00");
    let now_made = occurrences(&app, id).await;
    assert_eq!(now_made[0].1.place, "Room 5");
    assert_eq!(now_made[0].1.budget_minutes, 30);
    assert_eq!(now_made[1].1.place, "Room 4", "the cancelled one stays");
    let refused = expect(
        &app,
        ("PATCH", &one),
        &l,
        Some(json!({ "weekday": 9, "title": "x" })),
        422,
    )
    .await;
    assert!(refused["fields"]["weekday"].is_string());
    assert!(refused["fields"]["title"].is_string());
    let unknown = expect(
        &app,
        ("PATCH", &one),
        &l,
        Some(json!({ "privacy": "secret" })),
        400,
    )
    .await;
    assert_eq!(unknown["error"], "invalid_body");

    // Ending: no new meeting after; ending again changes nothing.
    let ended = expect(&app, ("POST", &format!("{one}/end")), &l, None, 200).await;
    assert_eq!(ended["ended"], true);
    assert!(ended["ended_at"].is_string());
    let again = expect(&app, ("POST", &format!("{one}/end")), &l, None, 200).await;
    assert_eq!(again["ended_at"], ended["ended_at"]);
    let count = occurrences(&app, id).await.len();
    app.clock.advance(time::Duration::days(14));
    let later = signed_in(&app, &world.leader).await;
    let l = read_write_token(&later).await;
    expect(&app, ("GET", &one), &l, None, 200).await;
    assert_eq!(occurrences(&app, id).await.len(), count);
}

#[tokio::test]
async fn the_series_and_the_away_dates_come_a_page_at_a_time() {
    let app = spawn_app().await;
    let (world, leader) = world_at_thursday(&app).await;
    let a = world.team_a.clone();
    let l = read_write_token(&leader).await;
    let base = format!("/api/v1/teams/{a}/series");
    let mut ids = Vec::new();
    for title in ["First series", "Second series", "Third series"] {
        let mut body = api_body("2027-03-12");
        body["title"] = json!(title);
        let created = expect(&app, ("POST", &base), &l, Some(body), 201).await;
        ids.push(created["id"].as_i64().unwrap());
    }
    let page = expect(&app, ("GET", &format!("{base}?limit=2")), &l, None, 200).await;
    let titles: Vec<&str> = page["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Third series", "Second series"], "newest first");
    let cursor = page["next_cursor"].as_str().unwrap().to_owned();
    let rest = expect(
        &app,
        ("GET", &format!("{base}?limit=2&cursor={cursor}")),
        &l,
        None,
        200,
    )
    .await;
    assert_eq!(rest["series"][0]["id"], json!(ids[0]));
    assert_eq!(rest["series"].as_array().unwrap().len(), 1);
    assert!(rest["next_cursor"].is_null());
    assert_eq!(
        rest["series"][0]["rhythm"],
        "Every week on Thursday at 09:00 (UTC)"
    );
    revalidates(&app, &base, &l).await;
    for bad in ["limit=0", "limit=101", "cursor=!!"] {
        let refused = expect(&app, ("GET", &format!("{base}?{bad}")), &l, None, 400).await;
        assert_eq!(refused["error"], "invalid_parameter", "{bad}");
    }

    // Away dates: soonest ending first, then by id; those over are not listed.
    let away = format!("/api/v1/teams/{a}/away");
    let member = signed_in(&app, &world.member).await;
    let m = read_write_token(&member).await;
    for (who, from, until) in [
        (&l, "2027-05-01", "2027-05-10"),
        (&m, "2027-04-01", "2027-04-02"),
        (&l, "2027-04-01", "2027-04-02"),
    ] {
        expect(
            &app,
            ("POST", &away),
            who,
            Some(json!({ "away_from": from, "away_until": until })),
            201,
        )
        .await;
    }
    let refused = expect(
        &app,
        ("POST", &away),
        &m,
        Some(json!({ "away_from": "2027-05-10", "away_until": "2027-05-01" })),
        422,
    )
    .await;
    assert!(refused["fields"]["away_until"].is_string());
    // A member may not mark someone else away.
    let other = expect(
        &app,
        ("POST", &away),
        &m,
        Some(json!({ "user_id": world.leader.id, "away_from": "2027-05-01", "away_until": "2027-05-02" })),
        403,
    )
    .await;
    assert_eq!(other["error"], "forbidden");
    let first = expect(&app, ("GET", &format!("{away}?limit=2")), &m, None, 200).await;
    let rows = first["away"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["name"], "Member");
    assert_eq!(rows[0]["removable"], true);
    assert_eq!(rows[1]["name"], "Leader");
    assert_eq!(rows[1]["away_until"], "2027-04-02");
    assert_eq!(rows[1]["removable"], false, "not the member's own");
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let next = expect(
        &app,
        ("GET", &format!("{away}?limit=2&cursor={cursor}")),
        &m,
        None,
        200,
    )
    .await;
    assert_eq!(next["away"][0]["away_until"], "2027-05-10");
    assert!(next["next_cursor"].is_null());
    let mine = expect(&app, ("GET", &format!("{away}?mine=true")), &m, None, 200).await;
    assert_eq!(mine["away"].as_array().unwrap().len(), 1);
    assert_eq!(mine["away"][0]["user_id"], json!(world.member.id));
    let bad = expect(&app, ("GET", &format!("{away}?mine=maybe")), &m, None, 400).await;
    assert_eq!(bad["error"], "invalid_parameter");
    revalidates(&app, &away, &m).await;
    // The member cannot remove the leader's dates; the leader can remove the member's.
    let leaders = rows[1]["id"].as_i64().unwrap();
    let members = rows[0]["id"].as_i64().unwrap();
    expect(
        &app,
        ("DELETE", &format!("{away}/{leaders}")),
        &m,
        None,
        403,
    )
    .await;
    expect(
        &app,
        ("DELETE", &format!("{away}/{members}")),
        &l,
        None,
        204,
    )
    .await;
    // Another team's entry is not found.
    let outsider = signed_in(&app, &world.outsider).await;
    let o = read_write_token(&outsider).await;
    let b = world.team_b.clone();
    expect(
        &app,
        ("GET", &format!("/api/v1/teams/{b}/away/{leaders}")),
        &o,
        None,
        404,
    )
    .await;
    expect(
        &app,
        ("DELETE", &format!("/api/v1/teams/{b}/away/{leaders}")),
        &o,
        None,
        404,
    )
    .await;

    // Once over (on the team's clock) dates leave the list.
    app.clock.advance(time::Duration::days(90));
    let later = signed_in(&app, &world.member).await;
    let m = read_write_token(&later).await;
    let over = expect(&app, ("GET", &away), &m, None, 200).await;
    assert_eq!(over["away"], json!([]));
}
