//! The leaders' meeting forms on `/api/v1`: creating a meeting (stored exactly as the web form
//! stores it), editing it (409 once cancelled, 422 where the form refuses a change), cancelling
//! and undoing, hiding and merging proposals, publishing the agreed agenda with reasons, and the
//! turnout and open rankings — each through the web's service, refused as the web refuses.

use roundtable::domain::clock::Clock;
use roundtable::domain::ids::MeetingId;
use roundtable::store::entities::{meeting_fixed_items, meetings};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::api_helpers::{
    assert_matrix, cast, created, expect, read_token, read_write_token, revalidates, send,
};
use crate::api_matrix::Row;
use crate::helpers::{TestApp, signed_in};
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, proposal_ids, propose, vote};

fn rfc(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap()
}

/// The JSON twin of `meeting_helpers::meeting_form`: the same meeting, times in RFC 3339.
fn new_meeting(app: &TestApp, privacy: &str) -> Value {
    let now = app.clock.now();
    let at = |hours: i64| rfc(now + Duration::hours(hours));
    json!({
        "title": "Weekly leadership meeting",
        "purpose_line": "Move the school improvement plan forward together.",
        "starts_at": at(3 * WINDOW_HOURS),
        "budget_minutes": 60,
        "place": "Room 4",
        "facilitator_id": null,
        "proposals_open": at(0),
        "proposals_close": at(WINDOW_HOURS),
        "voting_open": at(WINDOW_HOURS),
        "voting_close": at(2 * WINDOW_HOURS),
        "privacy": privacy,
        "results_visibility": "after_close",
        "agenda_rule": "sequential_irv",
        "fixed_items": [{"title": "Three-minute action scan", "minutes": 3}],
    })
}

/// What the meeting form stores, as one comparable text (ids and stamps left out).
async fn stored(app: &TestApp, id: MeetingId) -> String {
    let m = meetings::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let fixed: Vec<(i32, String, i32)> = meeting_fixed_items::Entity::find()
        .filter(meeting_fixed_items::Column::MeetingId.eq(id))
        .order_by_asc(meeting_fixed_items::Column::Position)
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|f| (f.position, f.title, f.minutes))
        .collect();
    format!(
        "{:?}",
        (
            (
                m.team_id,
                m.title,
                m.purpose_line,
                m.starts_at,
                m.budget_minutes
            ),
            (m.place, m.facilitator_id, m.created_by),
            (
                m.proposals_open_at,
                m.proposals_close_at,
                m.voting_open_at,
                m.voting_close_at
            ),
            (m.privacy, m.results_visibility, m.agenda_rule),
            (m.ballot_secret.is_some(), m.cancelled_at, m.cancel_reason),
            fixed,
        )
    )
}

fn meeting_id(body: &Value) -> MeetingId {
    MeetingId(body["id"].as_i64().unwrap())
}

#[tokio::test]
async fn a_meeting_created_through_the_api_is_stored_as_the_web_form_stores_it() {
    let f = cast().await;
    let (app, a) = (&f.app, &f.world.team_a);
    let base = format!("/api/v1/teams/{a}/meetings");
    let from_web = create_meeting(app, &f.leader, a, "secret").await;

    let body = new_meeting(app, "secret");
    let (location, made) = created(app, ("POST", &base), &f.leader_token, Some(body.clone())).await;
    let id = meeting_id(&made);
    assert_eq!(location, format!("{base}/{id}"));
    assert_eq!(made["title"], "Weekly leadership meeting");
    assert_eq!(made["team"], a.as_str());
    assert_eq!(made["phase"], "proposing");
    assert_eq!(made["privacy"], "secret");
    assert_eq!(made["budget_minutes"], 60);
    assert!(made["cancelled"].is_null());
    assert_eq!(stored(app, id).await, stored(app, from_web).await);
    // The meeting reads back as created, and the web page shows it.
    let shown = expect(app, ("GET", &location), &f.member_token, None, 200).await;
    assert_eq!(shown, made);
    let page = f.member.get(&format!("/teams/{a}/meetings/{id}")).await;
    assert_eq!(page.status(), 200);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Weekly leadership meeting")
    );

    // Defaults: secret ballots, results after the close, sequential IRV, no fixed items.
    let mut minimal = body.clone();
    for key in [
        "privacy",
        "results_visibility",
        "agenda_rule",
        "fixed_items",
        "place",
        "facilitator_id",
    ] {
        minimal.as_object_mut().unwrap().remove(key);
    }
    let made = expect(app, ("POST", &base), &f.leader_token, Some(minimal), 201).await;
    assert_eq!(made["privacy"], "secret");
    assert_eq!(made["results_visibility"], "after_close");
    assert_eq!(made["agenda_rule"], "sequential_irv");
    assert_eq!(made["place"], "");

    // A member may not create one (403), nor a read token, nor anyone in another team (404).
    let refused = expect(
        app,
        ("POST", &base),
        &f.member_token,
        Some(body.clone()),
        403,
    )
    .await;
    assert_eq!(refused["error"], "forbidden");
    let read = read_token(&f.leader).await;
    let refused = expect(app, ("POST", &base), &read, Some(body.clone()), 403).await;
    assert_eq!(refused["error"], "insufficient_scope");
    let other = format!("/api/v1/teams/{}/meetings", f.world.team_b);
    expect(
        app,
        ("POST", &other),
        &f.leader_token,
        Some(body.clone()),
        404,
    )
    .await;

    // The form's checks, by the form's field names.
    let mut bad = body.clone();
    bad["title"] = json!("x");
    bad["budget_minutes"] = json!(2);
    bad["fixed_items"] = json!([{"title": "Scan", "minutes": 0}]);
    let refused = expect(app, ("POST", &base), &f.leader_token, Some(bad), 422).await;
    assert_eq!(refused["error"], "invalid_input");
    for field in ["title", "budget_minutes", "fixed_1_minutes"] {
        assert!(refused["fields"][field].is_string(), "{field}: {refused}");
    }
    let mut late = body.clone();
    late["voting_close"] = json!(rfc(app.clock.now() + Duration::hours(4 * WINDOW_HOURS)));
    let refused = expect(app, ("POST", &base), &f.leader_token, Some(late), 422).await;
    assert!(
        !refused["fields"].as_object().unwrap().is_empty(),
        "{refused}"
    );
    let mut live = body.clone();
    live["results_visibility"] = json!("live");
    let refused = expect(app, ("POST", &base), &f.leader_token, Some(live), 422).await;
    assert!(
        refused["fields"]["results_visibility"].is_string(),
        "{refused}"
    );
    // A time the calendar cannot place is refused like a mistyped one on the form.
    let mut far = body.clone();
    far["starts_at"] = json!("9999-12-31T23:59:00-23:59");
    let refused = expect(app, ("POST", &base), &f.leader_token, Some(far), 422).await;
    assert!(refused["fields"]["starts_at"].is_string(), "{refused}");
    // What the schema refuses is a bad body.
    for (key, value) in [
        ("starts_at", json!("next Tuesday")),
        ("privacy", json!("public")),
        (
            "fixed_items",
            json!([
                {"title": "One", "minutes": 1},
                {"title": "Two", "minutes": 1},
                {"title": "Three", "minutes": 1},
                {"title": "Four", "minutes": 1}
            ]),
        ),
        ("colour", json!("blue")),
    ] {
        let mut wrong = body.clone();
        wrong[key] = value;
        let refused = expect(app, ("POST", &base), &f.leader_token, Some(wrong), 400).await;
        assert_eq!(refused["error"], "invalid_body", "{key}");
    }
    // Nothing refused was stored.
    let count = meetings::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .len();
    assert_eq!(count, 3);
}

#[tokio::test]
async fn editing_cancelling_and_undoing_follow_the_forms_rules() {
    let f = cast().await;
    let (app, a) = (&f.app, &f.world.team_a);
    let made = expect(
        app,
        ("POST", &format!("/api/v1/teams/{a}/meetings")),
        &f.leader_token,
        Some(new_meeting(app, "secret")),
        201,
    )
    .await;
    let id = meeting_id(&made);
    let path = format!("/api/v1/teams/{a}/meetings/{id}");

    // Only the fields sent change; the rest stay as stored.
    let before = stored(app, id).await;
    let same = expect(app, ("PATCH", &path), &f.leader_token, Some(json!({})), 200).await;
    assert_eq!(same, made);
    assert_eq!(stored(app, id).await, before);
    let member_id = f.world.member.id.0;
    let edited = expect(
        app,
        ("PATCH", &path),
        &f.leader_token,
        Some(json!({"title": "Renamed meeting", "place": "Library", "facilitator_id": member_id})),
        200,
    )
    .await;
    assert_eq!(edited["title"], "Renamed meeting");
    assert_eq!(edited["place"], "Library");
    assert_eq!(edited["windows"], made["windows"]);
    let row = meetings::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.facilitator_id, Some(f.world.member.id));
    expect(
        app,
        ("PATCH", &path),
        &f.leader_token,
        Some(json!({"facilitator_id": null})),
        200,
    )
    .await;
    let row = meetings::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.facilitator_id, None);
    assert_eq!(row.title, "Renamed meeting");
    // The edit form shows what the API stored.
    let form = f
        .leader
        .get(&format!("/teams/{a}/meetings/{id}/edit"))
        .await;
    assert!(form.text().await.unwrap().contains("Renamed meeting"));

    // Refusals: a member, a read token, another team's meeting, a field.
    expect(
        app,
        ("PATCH", &path),
        &f.member_token,
        Some(json!({"title": "Mine"})),
        403,
    )
    .await;
    let read = read_token(&f.leader).await;
    let refused = expect(
        app,
        ("PATCH", &path),
        &read,
        Some(json!({"title": "Mine"})),
        403,
    )
    .await;
    assert_eq!(refused["error"], "insufficient_scope");
    let outsider = signed_in(app, &f.world.outsider).await;
    let theirs = create_meeting(app, &outsider, &f.world.team_b, "secret").await;
    for team in [a, &f.world.team_b] {
        let path = format!("/api/v1/teams/{team}/meetings/{theirs}");
        expect(
            app,
            ("PATCH", &path),
            &f.leader_token,
            Some(json!({"title": "Ours"})),
            404,
        )
        .await;
        expect(
            app,
            ("POST", &format!("{path}/cancel")),
            &f.leader_token,
            Some(json!({"reason": "Snow day"})),
            404,
        )
        .await;
    }
    let refused = expect(
        app,
        ("PATCH", &path),
        &f.leader_token,
        Some(json!({"title": " "})),
        422,
    )
    .await;
    assert!(refused["fields"]["title"].is_string());

    // Cancelling: a reason is needed; then edits are a conflict; undo brings it back.
    let cancel = format!("{path}/cancel");
    let refused = expect(
        app,
        ("POST", &cancel),
        &f.leader_token,
        Some(json!({"reason": "x"})),
        422,
    )
    .await;
    assert!(refused["fields"]["reason"].is_string());
    expect(
        app,
        ("POST", &cancel),
        &f.member_token,
        Some(json!({"reason": "Snow day"})),
        403,
    )
    .await;
    let cancelled = expect(
        app,
        ("POST", &cancel),
        &f.leader_token,
        Some(json!({"reason": "Snow day"})),
        200,
    )
    .await;
    assert_eq!(cancelled["cancelled"]["reason"], "Snow day");
    let page = f.member.get(&format!("/teams/{a}/meetings/{id}")).await;
    assert!(page.text().await.unwrap().contains("Snow day"));
    let again = expect(
        app,
        ("POST", &cancel),
        &f.leader_token,
        Some(json!({"reason": "Snow day"})),
        409,
    )
    .await;
    assert_eq!(again["error"], "conflict");
    let refused = expect(
        app,
        ("PATCH", &path),
        &f.leader_token,
        Some(json!({"title": "Renamed again"})),
        409,
    )
    .await;
    assert_eq!(refused["error"], "conflict");
    // The web form refuses the same edit with the same status.
    let mut form = crate::meeting_helpers::meeting_form(app, "secret");
    form.retain(|(k, _)| k != "title");
    form.push(("title".to_owned(), "Renamed again".to_owned()));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let web = f
        .leader
        .post(&format!("/teams/{a}/meetings/{id}/edit"), &fields)
        .await;
    assert_eq!(web.status(), 409);
    let undo = format!("{cancel}/undo");
    expect(app, ("POST", &undo), &f.member_token, None, 403).await;
    let back = expect(app, ("POST", &undo), &f.leader_token, None, 200).await;
    assert!(back["cancelled"].is_null());
    expect(app, ("POST", &undo), &f.leader_token, None, 409).await;

    // Once the proposal window has closed, its times cannot change (the form's 422).
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    let earlier = rfc(app.clock.now() - Duration::minutes(30));
    let refused = expect(
        app,
        ("PATCH", &path),
        &f.leader_token,
        Some(json!({"proposals_close": earlier})),
        422,
    )
    .await;
    assert!(
        refused["fields"]["proposals_close"].is_string(),
        "{refused}"
    );
}

#[tokio::test]
async fn leaders_hide_and_merge_proposals_until_the_first_ballot() {
    let f = cast().await;
    let (app, a) = (&f.app, &f.world.team_a);
    let m = create_meeting(app, &f.leader, a, "secret").await;
    for title in ["Reading plan", "Budget", "Budget again", "Trips"] {
        propose(&f.member, a, m, title, 10).await;
    }
    let ids = proposal_ids(app, m).await;
    let item = |i: usize| format!("/api/v1/teams/{a}/meetings/{m}/proposals/{}", ids[i]);

    let hidden = expect(
        app,
        ("POST", &format!("{}/hide", item(0))),
        &f.leader_token,
        Some(json!({"reason": "Off topic"})),
        200,
    )
    .await;
    assert_eq!(hidden["status"], "hidden");
    assert_eq!(hidden["hidden_reason"], "Off topic");
    // Its author sees why, as on the page.
    let seen = expect(app, ("GET", &item(0)), &f.member_token, None, 200).await;
    assert_eq!(seen["hidden_reason"], "Off topic");
    expect(
        app,
        ("POST", &format!("{}/hide", item(0))),
        &f.leader_token,
        Some(json!({"reason": "Off topic"})),
        409,
    )
    .await;
    let refused = expect(
        app,
        ("POST", &format!("{}/hide", item(1))),
        &f.leader_token,
        Some(json!({"reason": "x"})),
        422,
    )
    .await;
    assert!(refused["fields"]["reason"].is_string());
    expect(
        app,
        ("POST", &format!("{}/hide", item(1))),
        &f.member_token,
        Some(json!({"reason": "Off topic"})),
        403,
    )
    .await;

    let merged = expect(
        app,
        ("POST", &format!("{}/merge", item(2))),
        &f.leader_token,
        Some(json!({"into": ids[1]})),
        200,
    )
    .await;
    assert_eq!(merged["status"], "merged");
    assert_eq!(merged["merged_into"], ids[1]);
    for into in [ids[1], ids[0], 999_999] {
        let refused = expect(
            app,
            ("POST", &format!("{}/merge", item(1))),
            &f.leader_token,
            Some(json!({"into": into})),
            422,
        )
        .await;
        assert!(refused["fields"]["into"].is_string(), "{into}");
    }
    expect(
        app,
        ("POST", &format!("{}/merge", item(1))),
        &f.leader_token,
        Some(json!({"into": "two"})),
        400,
    )
    .await;
    // Another team's leader cannot see the meeting at all.
    let outsider = signed_in(app, &f.world.outsider).await;
    let theirs = read_write_token(&outsider).await;
    expect(
        app,
        ("POST", &format!("{}/hide", item(3))),
        &theirs,
        Some(json!({"reason": "Off topic"})),
        404,
    )
    .await;

    // Once a ballot is cast, items stay as they are.
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    let member = signed_in(app, &f.world.member).await;
    assert_eq!(vote(&member, a, m, &[ids[1], ids[3]]).await.status(), 200);
    let refused = expect(
        app,
        ("POST", &format!("{}/hide", item(3))),
        &f.leader_token,
        Some(json!({"reason": "Off topic"})),
        409,
    )
    .await;
    assert_eq!(refused["error"], "conflict");
}

#[tokio::test]
async fn turnout_and_open_rankings_are_the_leaders_and_only_after_the_close() {
    let f = cast().await;
    let (app, a) = (&f.app, &f.world.team_a);
    let open = create_meeting(app, &f.leader, a, "open").await;
    let secret = create_meeting(app, &f.leader, a, "secret").await;
    for m in [open, secret] {
        propose(&f.leader, a, m, "=Reading plan", 10).await;
        propose(&f.leader, a, m, "Trips", 10).await;
    }
    let path = |m: MeetingId, what: &str| format!("/api/v1/teams/{a}/meetings/{m}/{what}");
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    let member = signed_in(app, &f.world.member).await;
    let ids = proposal_ids(app, open).await;
    assert_eq!(
        vote(&member, a, open, &[ids[1], ids[0]]).await.status(),
        200
    );

    let turnout = expect(
        app,
        ("GET", &path(open, "turnout")),
        &f.leader_token,
        None,
        200,
    )
    .await;
    assert_eq!(turnout["voted"], 1);
    assert_eq!(turnout["members"], 2);
    assert_eq!(
        turnout["not_voted"],
        json!([{"user_id": f.world.leader.id.0, "name": "Leader"}])
    );
    assert_eq!(turnout["voting_open"], true);
    assert_eq!(turnout["rankings_available"], false);
    // The page says the same.
    let page = f
        .leader
        .get(&format!("/teams/{a}/meetings/{open}/turnout"))
        .await;
    assert!(page.text().await.unwrap().contains("1 of 2 has voted"));
    // ETag round trip.
    revalidates(app, &path(open, "turnout"), &f.leader_token).await;
    // Members see only the counts on the meeting page, never this.
    expect(
        app,
        ("GET", &path(open, "turnout")),
        &f.member_token,
        None,
        403,
    )
    .await;
    for what in ["rankings", "rankings.csv"] {
        expect(app, ("GET", &path(open, what)), &f.leader_token, None, 409).await;
        expect(app, ("GET", &path(open, what)), &f.member_token, None, 403).await;
    }

    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    let rankings = expect(
        app,
        ("GET", &path(open, "rankings")),
        &f.leader_token,
        None,
        200,
    )
    .await;
    assert_eq!(
        rankings,
        json!({"rankings": [{"voter": "Member", "items": ["Trips", "=Reading plan"]}], "next_cursor": null})
    );
    let csv = send(
        app,
        "GET",
        &path(open, "rankings.csv"),
        &f.leader_token,
        None,
    )
    .await;
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = csv.text().await.unwrap();
    assert_eq!(
        text,
        "voter,ranking (best first)\nMember,Trips,'=Reading plan\n"
    );
    // The page's download is the same file, defused the same way.
    let web_csv = f
        .leader
        .get(&format!("/teams/{a}/meetings/{open}/rankings.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(web_csv, text);
    let turnout = expect(
        app,
        ("GET", &path(open, "turnout")),
        &f.leader_token,
        None,
        200,
    )
    .await;
    assert_eq!(turnout["rankings_available"], true);
    assert_eq!(turnout["voting_open"], false);
    // A secret ballot has no rankings to show.
    for what in ["rankings", "rankings.csv"] {
        expect(
            app,
            ("GET", &path(secret, what)),
            &f.leader_token,
            None,
            404,
        )
        .await;
    }
    let turnout = expect(
        app,
        ("GET", &path(secret, "turnout")),
        &f.leader_token,
        None,
        200,
    )
    .await;
    assert_eq!(turnout["voted"], 0);
    assert_eq!(turnout["rankings_available"], false);
}

#[tokio::test]
async fn leaders_publish_the_agreed_agenda_with_reasons_after_the_tally() {
    let f = cast().await;
    let (app, a) = (&f.app, &f.world.team_a);
    let m = create_meeting(app, &f.leader, a, "secret").await;
    for title in ["Reading plan", "Trips", "Rota"] {
        propose(&f.leader, a, m, title, 10).await;
    }
    let ids = proposal_ids(app, m).await;
    let publish = format!("/api/v1/teams/{a}/meetings/{m}/agenda/publish");
    // Made now: the leader's session expires over the clock's jumps, the token does not.
    let read = read_token(&f.leader).await;
    // Before the tally there is nothing to publish.
    expect(
        app,
        ("POST", &publish),
        &f.leader_token,
        Some(json!({})),
        409,
    )
    .await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    let member = signed_in(app, &f.world.member).await;
    assert_eq!(
        vote(&member, a, m, &[ids[0], ids[1], ids[2]])
            .await
            .status(),
        200
    );
    expect(
        app,
        ("POST", &publish),
        &f.leader_token,
        Some(json!({})),
        409,
    )
    .await;
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));

    expect(
        app,
        ("POST", &publish),
        &f.member_token,
        Some(json!({})),
        403,
    )
    .await;
    expect(app, ("POST", &publish), &read, Some(json!({})), 403).await;
    // A move needs a reason, under the form's field name.
    let moved = json!({"items": [{"proposal_id": ids[2], "position": 1}]});
    let refused = expect(app, ("POST", &publish), &f.leader_token, Some(moved), 422).await;
    assert!(
        refused["fields"][format!("reason_{}", ids[2])].is_string(),
        "{refused}"
    );
    let stranger = json!({"items": [{"proposal_id": 999_999, "include": false, "reason": "Gone"}]});
    let refused = expect(
        app,
        ("POST", &publish),
        &f.leader_token,
        Some(stranger),
        422,
    )
    .await;
    assert!(refused["fields"]["items"].is_string(), "{refused}");
    let no_reason = json!({"added": {"title": "Fire drill", "minutes": 5, "reason": ""}});
    let refused = expect(
        app,
        ("POST", &publish),
        &f.leader_token,
        Some(no_reason),
        422,
    )
    .await;
    assert!(refused["fields"]["add_reason"].is_string(), "{refused}");

    let body = json!({
        "items": [{"proposal_id": ids[2], "position": 1, "reason": "The rota is due on Friday"}],
        "added": {"title": "Fire drill", "minutes": 5, "reason": "The inspector asked for it"},
    });
    let agenda = expect(app, ("POST", &publish), &f.leader_token, Some(body), 200).await;
    assert_eq!(agenda["state"], "published");
    let titles: Vec<&str> = agenda["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Three-minute action scan",
            "Rota",
            "Reading plan",
            "Trips",
            "Fire drill"
        ]
    );
    let reasons: Vec<&str> = agenda["deviations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["reason"].as_str().unwrap())
        .collect();
    assert!(reasons.contains(&"The rota is due on Friday"), "{agenda}");
    assert!(reasons.contains(&"The inspector asked for it"), "{agenda}");
    // Everyone reads the same agreed agenda, on the API and on the page.
    let read_back = expect(
        app,
        ("GET", &format!("/api/v1/teams/{a}/meetings/{m}/agenda")),
        &f.member_token,
        None,
        200,
    )
    .await;
    assert_eq!(read_back, agenda);
    let page = member.get(&format!("/teams/{a}/meetings/{m}/agenda")).await;
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("The inspector asked for it")
    );
    // Publishing again replaces it: the tally as it is needs no reasons.
    let plain = expect(
        app,
        ("POST", &publish),
        &f.leader_token,
        Some(json!({})),
        200,
    )
    .await;
    assert_eq!(plain["deviations"], json!([]));
    assert_eq!(plain["items"].as_array().unwrap().len(), 4);
}

/// The matrix's meeting (`{m}`, team a) has open ballots and is in its proposal window;
/// `{p}` is to be hidden, `{q}` merged into `{r}`. The rows run in order: edit, moderate,
/// read, publish (no tally yet), then cancel and undo.
pub(crate) const ROWS: &[Row] = &[
    Row::write(
        "POST",
        "/api/v1/teams/{a}/meetings",
        NEW_MEETING,
        [401, 404, 403, 201, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{b}/meetings",
        NEW_MEETING,
        [401, 201, 404, 404, 403],
    ),
    Row::write(
        "PATCH",
        "/api/v1/teams/{a}/meetings/{m}",
        r#"{"place": "Room 5"}"#,
        [401, 404, 403, 200, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/meetings/{m}/proposals/{p}/hide",
        r#"{"reason": "Off topic"}"#,
        [401, 404, 403, 200, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/meetings/{m}/proposals/{q}/merge",
        r#"{"into": {r}}"#,
        [401, 404, 403, 200, 403],
    ),
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/turnout",
        [401, 404, 403, 200, 403],
    ),
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/rankings",
        [401, 404, 403, 409, 403],
    ),
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/rankings.csv",
        [401, 404, 403, 409, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/meetings/{m}/agenda/publish",
        "{}",
        [401, 404, 403, 409, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/meetings/{m}/cancel",
        r#"{"reason": "Snow day"}"#,
        [401, 404, 403, 200, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/meetings/{m}/cancel/undo",
        "{}",
        [401, 404, 403, 200, 403],
    ),
];

const NEW_MEETING: &str = r#"{"title": "Matrix meeting", "purpose_line": "Move the school plan forward together.", "starts_at": "{t18}", "budget_minutes": 60, "proposals_open": "{t0}", "proposals_close": "{t6}", "voting_open": "{t6}", "voting_close": "{t12}"}"#;

#[tokio::test]
async fn every_meeting_admin_endpoint_answers_each_role_as_the_access_table_says() {
    let f = cast().await;
    let (app, a) = (&f.app, &f.world.team_a);
    let m = create_meeting(app, &f.leader, a, "open").await;
    for title in ["Hide me", "Merge me", "Keep me"] {
        propose(&f.member, a, m, title, 10).await;
    }
    let ids = proposal_ids(app, m).await;
    let now = app.clock.now();
    let at = |hours: i64| rfc(now + Duration::hours(hours));
    let fill = [
        ("{m}", m.to_string()),
        ("{p}", ids[0].to_string()),
        ("{q}", ids[1].to_string()),
        ("{r}", ids[2].to_string()),
        ("{t0}", at(0)),
        ("{t6}", at(WINDOW_HOURS)),
        ("{t12}", at(2 * WINDOW_HOURS)),
        ("{t18}", at(3 * WINDOW_HOURS)),
    ];
    assert_matrix(app, &f.world, ROWS, &fill).await;
}
