//! `/api/v1` budget rounds, the leaders' side, over HTTP: a round created through the API is
//! stored exactly as the web form stores it, edited until voting closes (409 after), a `.pb`
//! import gives the same round as the web's import (413/422 on bad files); members support
//! ideas and take it back; leaders review ideas (as the review form), publish the outcome with
//! overrides and record the follow-through. Members get 403 on leaders' endpoints, another
//! team's round 404, a read token cannot write; rounds and ideas walk by cursor.

use roundtable::domain::ids::RoundId;
use roundtable::store::entities::{budget_ballots, budget_ideas, budget_rounds};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::api_helpers::{
    cast, created, expect, expect_status, read_token, read_write_token, send, walk,
};
use crate::api_matrix::{self, Row};
use crate::budget_helpers::{
    IDEAS_HOURS, VOTING_CLOSES, VOTING_OPENS, create_round, idea_ids, propose_idea, vote_for,
};
use crate::helpers::{TestApp, signed_in};
use roundtable::domain::clock::Clock;

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap()
}

/// The API body of the web helper's round form (`budget_helpers::round_form`), times as
/// RFC 3339 instants.
fn round_body(app: &TestApp, title: &str, ballot_type: &str) -> Value {
    let now = app.clock.now();
    let at = |hours: i64| rfc3339(now + Duration::hours(hours));
    json!({
        "title": title,
        "purpose": "Make the school grounds greener and more fun.",
        "amount": "1000",
        "currency": "EUR",
        "ideas_open": at(0),
        "review_at": at(IDEAS_HOURS),
        "voting_open": at(VOTING_OPENS),
        "voting_close": at(VOTING_CLOSES),
        "ballot_type": ballot_type,
        "rule": "mes",
        "privacy": "secret",
    })
}

async fn stored_round(app: &TestApp, id: i64) -> budget_rounds::Model {
    budget_rounds::Entity::find_by_id(RoundId(id))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
}

/// What a round's form decides, without its id, secret and time of creation.
fn settings(r: &budget_rounds::Model) -> Value {
    json!({
        "team": r.team_id, "title": r.title, "purpose": r.purpose, "amount": r.amount,
        "currency": r.currency, "ideas_open": rfc3339(r.ideas_open_at),
        "review": rfc3339(r.review_at), "voting_open": rfc3339(r.voting_open_at),
        "voting_close": rfc3339(r.voting_close_at), "ballot_type": format!("{:?}", r.ballot_type),
        "ballot_max": r.ballot_max, "rule": format!("{:?}", r.rule),
        "privacy": format!("{:?}", r.privacy), "imported": r.imported, "by": r.created_by,
    })
}

#[tokio::test]
async fn a_round_created_through_the_api_is_stored_as_the_web_form_stores_it() {
    let f = cast().await;
    let slug = &f.world.team_a;
    let path = format!("/api/v1/teams/{slug}/budgets");
    let web = create_round(&f.app, &f.leader, slug, "secret", "approval").await;
    let body = round_body(&f.app, "Green schoolyard", "approval");
    let (location, made) =
        created(&f.app, ("POST", &path), &f.leader_token, Some(body.clone())).await;
    let id = made["id"].as_i64().unwrap();
    assert_eq!(location, format!("{path}/{id}"));
    assert_eq!(made["phase"], "ideas");
    assert_eq!(made["amount"], "1000");
    assert_eq!(
        settings(&stored_round(&f.app, id).await),
        settings(&stored_round(&f.app, web.0).await),
        "the same round, whichever way it was made"
    );
    let shown = expect(&f.app, ("GET", &location), &f.member_token, None, 200).await;
    assert_eq!(shown, made);

    // A wall-clock time as the form takes it is read in the owner's zone, like the form.
    let mut local = body.clone();
    local["ideas_open"] = json!(roundtable::domain::meeting::input_value(
        f.app.clock.now(),
        roundtable::domain::zone::Zone::utc()
    ));
    let same = expect(&f.app, ("POST", &path), &f.leader_token, Some(local), 201).await;
    assert_eq!(same["windows"], made["windows"]);

    // The form's checks answer 422 with fields; a body that is not this JSON, 400.
    let mut bad = body.clone();
    bad["title"] = json!("x");
    bad["voting_close"] = body["review_at"].clone();
    bad["ballot_type"] = json!("approval_max");
    let refused = expect(&f.app, ("POST", &path), &f.leader_token, Some(bad), 422).await;
    for field in ["title", "voting_close", "ballot_max"] {
        assert!(refused["fields"][field].is_string(), "{field}: {refused}");
    }
    let mut ranked_phragmen = body.clone();
    ranked_phragmen["ballot_type"] = json!("ranked");
    ranked_phragmen["rule"] = json!("phragmen");
    let refused = expect(
        &f.app,
        ("POST", &path),
        &f.leader_token,
        Some(ranked_phragmen),
        422,
    )
    .await;
    assert!(refused["fields"]["rule"].is_string(), "{refused}");
    for broken in [
        json!({"title": "No times"}),
        {
            let mut b = body.clone();
            b["rule"] = json!("dictator");
            b
        },
        {
            let mut b = body.clone();
            b["colour"] = json!("green");
            b
        },
    ] {
        let answer = expect(&f.app, ("POST", &path), &f.leader_token, Some(broken), 400).await;
        assert_eq!(answer["error"], "invalid_body");
    }

    // Members may not; a read token may not; another team is not the leader's.
    expect(
        &f.app,
        ("POST", &path),
        &f.member_token,
        Some(body.clone()),
        403,
    )
    .await;
    let reader = read_token(&f.leader).await;
    let read_only = expect(&f.app, ("POST", &path), &reader, Some(body.clone()), 403).await;
    assert_eq!(read_only["error"], "insufficient_scope");
    let elsewhere = format!("/api/v1/teams/{}/budgets", f.world.team_b);
    expect(
        &f.app,
        ("POST", &elsewhere),
        &f.leader_token,
        Some(body),
        404,
    )
    .await;
    let rounds = budget_rounds::Entity::find()
        .all(&f.app.db.conn)
        .await
        .unwrap();
    assert_eq!(rounds.len(), 3, "only the web's and the two accepted");
}

#[tokio::test]
async fn a_round_is_edited_as_the_edit_form_edits_it_until_voting_closes() {
    let f = cast().await;
    let slug = &f.world.team_a;
    let round = create_round(&f.app, &f.leader, slug, "secret", "approval").await;
    let twin = create_round(&f.app, &f.leader, slug, "secret", "approval").await;
    let path = format!("/api/v1/teams/{slug}/budgets/{round}");

    // Only the fields given change; the web's edit form with the same change stores the same.
    let edited = expect(
        &f.app,
        ("PATCH", &path),
        &f.leader_token,
        Some(
            json!({"title": "Greener schoolyard", "ballot_type": "approval_max", "ballot_max": 2}),
        ),
        200,
    )
    .await;
    assert_eq!(edited["title"], "Greener schoolyard");
    assert_eq!(edited["ballot_type"], "approval_max");
    assert_eq!(edited["ballot_max"], 2);
    let mut form = crate::budget_helpers::round_form(&f.app, "secret", "approval_max");
    for (k, v) in &mut form {
        match k.as_str() {
            "title" => *v = "Greener schoolyard".to_owned(),
            "ballot_max" => *v = "2".to_owned(),
            _ => {}
        }
    }
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let web = f
        .leader
        .post(&format!("/teams/{slug}/budgets/{twin}/edit"), &fields)
        .await;
    assert_eq!(web.status(), 303);
    assert_eq!(
        settings(&stored_round(&f.app, round.0).await),
        settings(&stored_round(&f.app, twin.0).await)
    );

    // A field refused: 422 with the field; a member: 403; another team: 404.
    let late_review = rfc3339(f.app.clock.now() + Duration::hours(VOTING_CLOSES + 1));
    let refused = expect(
        &f.app,
        ("PATCH", &path),
        &f.leader_token,
        Some(json!({"review_at": late_review})),
        422,
    )
    .await;
    assert!(
        !refused["fields"].as_object().unwrap().is_empty(),
        "{refused}"
    );
    let title = json!({"title": "Mine now"});
    expect(
        &f.app,
        ("PATCH", &path),
        &f.member_token,
        Some(title.clone()),
        403,
    )
    .await;
    let elsewhere = format!("/api/v1/teams/{}/budgets/{round}", f.world.team_b);
    let outsider = signed_in(&f.app, &f.world.outsider).await;
    let outsider_token = read_write_token(&outsider).await;
    expect(
        &f.app,
        ("PATCH", &elsewhere),
        &outsider_token,
        Some(title.clone()),
        404,
    )
    .await;

    // Once voting has closed nothing changes: 409, as the form refuses it.
    f.app.clock.advance(Duration::hours(VOTING_CLOSES));
    let closed = expect(&f.app, ("PATCH", &path), &f.leader_token, Some(title), 409).await;
    assert_eq!(closed["error"], "conflict");
    assert_eq!(
        stored_round(&f.app, round.0).await.title,
        "Greener schoolyard"
    );
}

/// A Pabulib file: four projects, five voters.
const PB: &str = "META\nkey;value\ndescription;Park improvements\ncurrency;EUR\nnum_projects;4\n\
num_votes;5\nbudget;1000\nvote_type;approval\nPROJECTS\nproject_id;cost;name\n1;600;Fountain\n\
2;500;Benches\n3;300;Trees\n4;200;Mural\nVOTES\nvoter_id;vote\n1;1,3\n2;1,2\n3;3,4\n4;2,3,4\n5;1\n";

/// A round's ideas and ballots as their codes say them (ids differ between rounds).
async fn contents(app: &TestApp, round: RoundId) -> (Vec<Value>, Vec<Vec<String>>) {
    let ideas = budget_ideas::Entity::find()
        .filter(budget_ideas::Column::RoundId.eq(round))
        .order_by_asc(budget_ideas::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap();
    let code = |id: i64| {
        ideas
            .iter()
            .find(|i| i.id.0 == id)
            .map(|i| i.code.clone())
            .unwrap()
    };
    let ballots = budget_ballots::Entity::find()
        .filter(budget_ballots::Column::RoundId.eq(round))
        .order_by_asc(budget_ballots::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|b| {
            let picks: Vec<i64> = serde_json::from_str(&b.selection).unwrap();
            let mut out = vec![b.voter_key];
            out.extend(picks.into_iter().map(code));
            out
        })
        .collect();
    let ideas = ideas
        .iter()
        .map(|i| {
            json!([
                i.code,
                i.title,
                i.description,
                i.cost,
                format!("{:?}", i.status)
            ])
        })
        .collect();
    (ideas, ballots)
}

#[tokio::test]
async fn a_pb_import_through_the_api_creates_the_same_round_as_the_web_import() {
    let f = cast().await;
    let slug = &f.world.team_a;
    let web = f
        .leader
        .post(
            &format!("/teams/{slug}/budgets/import"),
            &[("pb", PB), ("rule", "greedy")],
        )
        .await;
    assert_eq!(web.status(), 303);
    let web_id: i64 = web.headers()["location"]
        .to_str()
        .unwrap()
        .split('/')
        .nth(4)
        .unwrap()
        .parse()
        .unwrap();

    let path = format!("/api/v1/teams/{slug}/budgets/import");
    let import = |token: &str, query: &str, body: Vec<u8>| {
        reqwest::Client::new()
            .post(f.app.url(&format!("{path}{query}")))
            .bearer_auth(token.to_owned())
            .header("content-type", "text/plain; charset=utf-8")
            .body(body)
            .send()
    };
    let response = import(&f.leader_token, "?rule=greedy", PB.into())
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let made = expect_status(response, 201).await;
    let id = made["id"].as_i64().unwrap();
    assert_eq!(location, format!("/api/v1/teams/{slug}/budgets/{id}"));
    assert_eq!(made["imported"], true);
    assert_eq!(made["phase"], "results");
    assert_eq!(made["rule"], "greedy");
    assert_eq!(made["title"], "Park improvements");
    assert_eq!(
        settings(&stored_round(&f.app, id).await),
        settings(&stored_round(&f.app, web_id).await)
    );
    let (api_ideas, api_ballots) = contents(&f.app, RoundId(id)).await;
    assert_eq!(api_ideas.len(), 4);
    assert_eq!(api_ballots.len(), 5);
    assert_eq!(
        (api_ideas, api_ballots),
        contents(&f.app, RoundId(web_id)).await
    );
    let results = |round: i64| {
        let path = format!("/api/v1/teams/{slug}/budgets/{round}/results/ideas.csv");
        let (app, token) = (&f.app, &f.member_token);
        async move {
            send(app, "GET", &path, token, None)
                .await
                .text()
                .await
                .unwrap()
        }
    };
    let api_csv = results(id).await;
    assert_eq!(api_csv, results(web_id).await);
    assert!(api_csv.lines().count() == 5, "{api_csv}");

    // Without a rule, equal shares, as the form's default.
    let default = expect_status(import(&f.leader_token, "", PB.into()).await.unwrap(), 201).await;
    assert_eq!(default["rule"], "mes");

    // Bad files: the parser's finding under `pb`; an over-large body: 413.
    let bad = expect_status(
        import(&f.leader_token, "", b"not a file".to_vec())
            .await
            .unwrap(),
        422,
    )
    .await;
    let finding = bad["fields"]["pb"].as_str().unwrap();
    assert!(finding.contains(".pb"), "{finding}");
    let ordinal_phragmen = PB.replace("vote_type;approval", "vote_type;ordinal");
    let refused = expect_status(
        import(&f.leader_token, "?rule=phragmen", ordinal_phragmen.into())
            .await
            .unwrap(),
        422,
    )
    .await;
    assert!(refused["fields"]["rule"].is_string(), "{refused}");
    let huge = vec![b'x'; f.app.settings.max_body_kib * 1024 + 1];
    let too_large = import(&f.leader_token, "", huge).await.unwrap();
    assert_eq!(
        expect_status(too_large, 413).await["error"],
        "payload_too_large"
    );
    let not_text = expect_status(
        import(&f.leader_token, "", vec![0xff, 0xfe, 0x00])
            .await
            .unwrap(),
        400,
    )
    .await;
    assert_eq!(not_text["error"], "invalid_body");
    assert_eq!(
        import(&f.leader_token, "?rule=dictator", PB.into())
            .await
            .unwrap()
            .status(),
        400
    );

    // Members may not import; a read token may not; another team's leader is not this one.
    assert_eq!(
        import(&f.member_token, "", PB.into())
            .await
            .unwrap()
            .status(),
        403
    );
    let reader = read_token(&f.leader).await;
    assert_eq!(import(&reader, "", PB.into()).await.unwrap().status(), 403);
    let elsewhere = reqwest::Client::new()
        .post(
            f.app
                .url(&format!("/api/v1/teams/{}/budgets/import", f.world.team_b)),
        )
        .bearer_auth(&f.leader_token)
        .header("content-type", "text/plain")
        .body(PB)
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 404);
    let imported = budget_rounds::Entity::find()
        .all(&f.app.db.conn)
        .await
        .unwrap();
    assert_eq!(imported.len(), 3);
}

#[tokio::test]
async fn members_support_ideas_and_take_it_back_during_the_ideas_phase() {
    let f = cast().await;
    let slug = &f.world.team_a;
    let round = create_round(&f.app, &f.leader, slug, "secret", "approval").await;
    assert_eq!(
        propose_idea(&f.leader, slug, round, "Trees", "200")
            .await
            .status(),
        303
    );
    let idea = idea_ids(&f.app, round).await[0];
    let path = format!("/api/v1/teams/{slug}/budgets/{round}/ideas/{idea}/support");
    let supported = expect(&f.app, ("POST", &path), &f.member_token, None, 200).await;
    assert_eq!(
        (
            supported["supported"].clone(),
            supported["supporters"].clone()
        ),
        (json!(true), json!(1))
    );
    let again = expect(&f.app, ("POST", &path), &f.member_token, None, 200).await;
    assert_eq!(again["supporters"], 1, "supporting twice counts once");

    // The web's button takes it back (it toggles); the API's DELETE is idempotent.
    let web = f
        .member
        .post(
            &format!("/teams/{slug}/budgets/{round}/ideas/{idea}/support"),
            &[],
        )
        .await;
    assert_eq!(web.status(), 303);
    let shown = format!("/api/v1/teams/{slug}/budgets/{round}/ideas/{idea}");
    let read = expect(&f.app, ("GET", &shown), &f.member_token, None, 200).await;
    assert_eq!(read["supported"], false);
    for _ in 0..2 {
        let taken = expect(&f.app, ("DELETE", &path), &f.member_token, None, 200).await;
        assert_eq!(
            (taken["supported"].clone(), taken["supporters"].clone()),
            (json!(false), json!(0))
        );
    }
    expect(&f.app, ("POST", &path), &f.leader_token, None, 200).await;

    let reader = read_token(&f.member).await;
    expect(&f.app, ("POST", &path), &reader, None, 403).await;
    let elsewhere = format!("/api/v1/teams/{slug}/budgets/{round}/ideas/999999/support");
    expect(&f.app, ("POST", &elsewhere), &f.member_token, None, 404).await;

    f.app.clock.advance(Duration::hours(IDEAS_HOURS));
    let late = expect(&f.app, ("POST", &path), &f.member_token, None, 409).await;
    assert_eq!(late["error"], "conflict");
    let read = expect(&f.app, ("GET", &shown), &f.member_token, None, 200).await;
    assert_eq!(read["supporters"], 1, "the leader's support stays");
}

#[tokio::test]
async fn leaders_review_ideas_as_the_review_form_does() {
    let f = cast().await;
    let slug = &f.world.team_a;
    let round = create_round(&f.app, &f.leader, slug, "secret", "approval").await;
    for title in ["Trees", "Benches", "Pool", "Mural"] {
        assert_eq!(
            propose_idea(&f.member, slug, round, title, "200")
                .await
                .status(),
            303
        );
    }
    let ideas = idea_ids(&f.app, round).await;
    let review = |idea: i64| format!("/api/v1/teams/{slug}/budgets/{round}/ideas/{idea}/review");
    let web_review = |idea: i64, fields: Vec<(&'static str, &'static str)>| {
        let path = format!("/teams/{slug}/budgets/{round}/ideas/{idea}/review");
        let leader = &f.leader;
        async move { leader.post(&path, &fields).await }
    };

    // Infeasible needs a reason; a new cost needs its reason: 422 with the field.
    let no_reason = expect(
        &f.app,
        ("POST", &review(ideas[0])),
        &f.leader_token,
        Some(json!({"decision": "infeasible"})),
        422,
    )
    .await;
    assert!(no_reason["fields"]["reason"].is_string(), "{no_reason}");
    let no_cost_reason = expect(
        &f.app,
        ("POST", &review(ideas[0])),
        &f.leader_token,
        Some(json!({"decision": "feasible", "cost": "150"})),
        422,
    )
    .await;
    assert!(no_cost_reason["fields"]["cost_reason"].is_string());
    expect(
        &f.app,
        ("POST", &review(ideas[0])),
        &f.leader_token,
        Some(json!({"decision": "maybe"})),
        400,
    )
    .await;

    // The API and the form store the same decisions.
    let infeasible = expect(
        &f.app,
        ("POST", &review(ideas[0])),
        &f.leader_token,
        Some(json!({"decision": "infeasible", "reason": "The pool needs a permit we cannot get."})),
        200,
    )
    .await;
    assert_eq!(infeasible["status"], "infeasible");
    assert_eq!(
        infeasible["status_reason"],
        "The pool needs a permit we cannot get."
    );
    let web = web_review(
        ideas[1],
        vec![
            ("decision", "infeasible"),
            ("reason", "The pool needs a permit we cannot get."),
            ("cost", ""),
            ("cost_reason", ""),
        ],
    )
    .await;
    assert_eq!(web.status(), 303);
    let adjusted = expect(&f.app, ("POST", &review(ideas[2])), &f.leader_token, Some(json!({"decision": "feasible", "cost": "150", "cost_reason": "A supplier offered a discount."})), 200)
    .await;
    assert_eq!(
        (adjusted["cost"].clone(), adjusted["original_cost"].clone()),
        (json!("150"), json!("200"))
    );
    let web = web_review(
        ideas[3],
        vec![
            ("decision", "feasible"),
            ("reason", ""),
            ("cost", "150"),
            ("cost_reason", "A supplier offered a discount."),
        ],
    )
    .await;
    assert_eq!(web.status(), 303);
    let stored = budget_ideas::Entity::find()
        .filter(budget_ideas::Column::RoundId.eq(round))
        .order_by_asc(budget_ideas::Column::Id)
        .all(&f.app.db.conn)
        .await
        .unwrap();
    let decision = |i: &budget_ideas::Model| {
        json!([
            format!("{:?}", i.status),
            i.status_reason,
            i.cost,
            i.original_cost,
            i.cost_reason
        ])
    };
    assert_eq!(decision(&stored[0]), decision(&stored[1]));
    assert_eq!(decision(&stored[2]), decision(&stored[3]));

    // Members may not review; another team's round is missing; after voting opens, 409.
    let feasible = json!({"decision": "feasible"});
    expect(
        &f.app,
        ("POST", &review(ideas[2])),
        &f.member_token,
        Some(feasible.clone()),
        403,
    )
    .await;
    let elsewhere = format!(
        "/api/v1/teams/{}/budgets/{round}/ideas/{}/review",
        f.world.team_b, ideas[2]
    );
    let outsider = signed_in(&f.app, &f.world.outsider).await;
    let outsider_token = read_write_token(&outsider).await;
    expect(
        &f.app,
        ("POST", &elsewhere),
        &outsider_token,
        Some(feasible.clone()),
        404,
    )
    .await;
    f.app.clock.advance(Duration::hours(VOTING_OPENS));
    let late = expect(
        &f.app,
        ("POST", &review(ideas[2])),
        &f.leader_token,
        Some(feasible),
        409,
    )
    .await;
    assert_eq!(late["error"], "conflict");
}

#[tokio::test]
async fn leaders_publish_the_outcome_with_overrides_and_record_the_follow_through() {
    let f = cast().await;
    let slug = &f.world.team_a;
    let round = create_round(&f.app, &f.leader, slug, "secret", "approval").await;
    for (title, cost) in [("Trees", "200"), ("Benches", "150"), ("Pool", "900")] {
        assert_eq!(
            propose_idea(&f.member, slug, round, title, cost)
                .await
                .status(),
            303
        );
    }
    let ideas = idea_ids(&f.app, round).await;
    let base = format!("/api/v1/teams/{slug}/budgets/{round}");
    let publish = format!("{base}/results/publish");
    let follow = |idea: i64| format!("{base}/ideas/{idea}/follow-up");
    let none = json!({"overrides": []});

    // Before voting closes: nothing to publish or follow up.
    let early = expect(
        &f.app,
        ("POST", &publish),
        &f.leader_token,
        Some(none.clone()),
        409,
    )
    .await;
    assert_eq!(early["error"], "conflict");
    f.app.clock.advance(Duration::hours(VOTING_OPENS));
    assert_eq!(
        vote_for(&f.member, slug, round, &[ideas[0], ideas[1]])
            .await
            .status(),
        200
    );
    assert_eq!(
        vote_for(&f.leader, slug, round, &[ideas[0]]).await.status(),
        200
    );
    f.app
        .clock
        .advance(Duration::hours(VOTING_CLOSES - VOTING_OPENS));
    let planned = json!({"status": "planned", "owner_id": f.world.member.id.0});
    expect(
        &f.app,
        ("POST", &follow(ideas[0])),
        &f.leader_token,
        Some(planned.clone()),
        409,
    )
    .await;

    // Members may not publish; overrides name ideas on the ballot, once, with a reason.
    expect(
        &f.app,
        ("POST", &publish),
        &f.member_token,
        Some(none.clone()),
        403,
    )
    .await;
    for (body, field) in [
        (
            json!({"overrides": [{"idea_id": 999_999, "reason": "Not an idea here."}]}),
            "overrides".to_owned(),
        ),
        (
            json!({"overrides": [{"idea_id": ideas[2], "reason": "A"}, {"idea_id": ideas[2], "reason": "B"}]}),
            "overrides".to_owned(),
        ),
        (
            json!({"overrides": [{"idea_id": ideas[2], "reason": "x"}]}),
            format!("reason_{}", ideas[2]),
        ),
    ] {
        let refused = expect(
            &f.app,
            ("POST", &publish),
            &f.leader_token,
            Some(body.clone()),
            422,
        )
        .await;
        assert!(refused["fields"][&field].is_string(), "{body}: {refused}");
    }
    let reason = "The benches were already given by the parents' association.";
    let published = expect(
        &f.app,
        ("POST", &publish),
        &f.leader_token,
        Some(json!({"overrides": [{"idea_id": ideas[1], "reason": reason}]})),
        200,
    )
    .await;
    let p = &published["computed"]["published"];
    assert_eq!(
        p["overrides"],
        json!([{"idea_id": ideas[1], "funded": false, "reason": reason}])
    );
    assert_eq!(
        p["funded"],
        json!([ideas[0]]),
        "the rule funds trees and benches; benches overridden"
    );
    let read = expect(
        &f.app,
        ("GET", &format!("{base}/results")),
        &f.member_token,
        None,
        200,
    )
    .await;
    assert_eq!(read, published, "what everyone reads");
    let twice = expect(&f.app, ("POST", &publish), &f.leader_token, Some(none), 409).await;
    assert_eq!(twice["error"], "conflict");

    // Follow-through: funded ideas only, owners from the team.
    let recorded = expect(
        &f.app,
        ("POST", &follow(ideas[0])),
        &f.leader_token,
        Some(planned.clone()),
        200,
    )
    .await;
    assert_eq!(recorded["status"], "planned");
    assert_eq!(recorded["owner_id"], f.world.member.id.0);
    assert_eq!(recorded["owner"], "Member");
    let done = expect(
        &f.app,
        ("POST", &follow(ideas[0])),
        &f.leader_token,
        Some(json!({"status": "done"})),
        200,
    )
    .await;
    assert_eq!(
        (done["status"].clone(), done["owner_id"].clone()),
        (json!("done"), Value::Null)
    );
    let not_member = json!({"status": "planned", "owner_id": f.world.outsider.id.0});
    let refused = expect(
        &f.app,
        ("POST", &follow(ideas[0])),
        &f.leader_token,
        Some(not_member),
        422,
    )
    .await;
    assert!(refused["fields"]["owner_id"].is_string(), "{refused}");
    // Not funded once overridden.
    expect(
        &f.app,
        ("POST", &follow(ideas[1])),
        &f.leader_token,
        Some(planned.clone()),
        409,
    )
    .await;
    expect(
        &f.app,
        ("POST", &follow(ideas[0])),
        &f.member_token,
        Some(planned),
        403,
    )
    .await;
    let results = expect(
        &f.app,
        ("GET", &format!("{base}/results")),
        &f.member_token,
        None,
        200,
    )
    .await;
    let first = results["computed"]["funded"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == ideas[0])
        .unwrap()
        .clone();
    assert_eq!(first["follow_up"]["status"], "done");
}

#[tokio::test]
async fn rounds_and_ideas_walk_by_cursor_over_several_pages() {
    let f = cast().await;
    let slug = &f.world.team_a;
    let rounds_path = format!("/api/v1/teams/{slug}/budgets");
    let mut made = Vec::new();
    for n in 0..5 {
        let mut body = round_body(&f.app, &format!("Round {n}"), "approval");
        // Two rounds close at the same time: the id breaks the tie.
        let close = f.app.clock.now() + Duration::hours(VOTING_CLOSES + (n % 3));
        body["voting_close"] = json!(rfc3339(close));
        let round = expect(
            &f.app,
            ("POST", &rounds_path),
            &f.leader_token,
            Some(body),
            201,
        )
        .await;
        made.push((
            round["windows"]["voting_close_at"]
                .as_str()
                .unwrap()
                .to_owned(),
            round["id"].as_i64().unwrap(),
        ));
    }
    made.sort();
    made.reverse();
    let expected: Vec<i64> = made.iter().map(|(_, id)| *id).collect();

    let (rounds, pages) = walk(&f.app, &rounds_path, "rounds", &f.member_token, 2).await;
    assert_eq!(
        rounds, expected,
        "latest close first, then highest id; each once"
    );
    assert_eq!(pages, 3);

    let round = expected[0];
    for n in 0..5 {
        let r = propose_idea(&f.member, slug, RoundId(round), &format!("Idea {n}"), "100").await;
        assert_eq!(r.status(), 303);
    }
    let ideas_path = format!("{rounds_path}/{round}/ideas");
    let (ideas, pages) = walk(&f.app, &ideas_path, "ideas", &f.member_token, 2).await;
    assert_eq!(ideas, idea_ids(&f.app, RoundId(round)).await);
    assert_eq!(pages, 3);

    // A cursor this API did not make is refused.
    for path in [rounds_path, ideas_path] {
        let bad = expect(
            &f.app,
            ("GET", &format!("{path}?cursor=!!")),
            &f.member_token,
            None,
            400,
        )
        .await;
        assert_eq!(bad["error"], "invalid_parameter");
    }
}

/// The leaders' endpoints in the ideas phase: `{r}` is a round of team a, `{i}` an idea its
/// member proposed, `{j}` one its leader proposed.
pub(crate) const ROWS: &[Row] = &[
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets",
        r#"{"title": "Matrix round", "purpose": "A round made by the matrix.", "amount": "500", "ideas_open": "{t0}", "review_at": "{t1}", "voting_open": "{t2}", "voting_close": "{t3}"}"#,
        [401, 404, 403, 201, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{b}/budgets",
        r#"{"title": "Matrix round", "purpose": "A round made by the matrix.", "amount": "500", "ideas_open": "{t0}", "review_at": "{t1}", "voting_open": "{t2}", "voting_close": "{t3}"}"#,
        [401, 201, 404, 404, 403],
    ),
    Row::write(
        "PATCH",
        "/api/v1/teams/{a}/budgets/{r}",
        r#"{"title": "Renamed round"}"#,
        [401, 404, 403, 200, 403],
    ),
    // The round {r} belongs to team a: in team b it is missing, even to b's leader.
    Row::write(
        "PATCH",
        "/api/v1/teams/{b}/budgets/{r}",
        r#"{"title": "Renamed round"}"#,
        [401, 404, 404, 404, 403],
    ),
    // The matrix sends JSON: the leader's import is read as a file and refused (422).
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets/import",
        "{}",
        [401, 404, 403, 422, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets/{r}/ideas/{j}/support",
        "{}",
        [401, 404, 200, 200, 403],
    ),
    Row::write(
        "DELETE",
        "/api/v1/teams/{a}/budgets/{r}/ideas/{j}/support",
        "{}",
        [401, 404, 200, 200, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets/{r}/ideas/{i}/review",
        r#"{"decision": "feasible"}"#,
        [401, 404, 403, 200, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{b}/budgets/{r}/ideas/{i}/review",
        r#"{"decision": "feasible"}"#,
        [401, 404, 404, 404, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets/{r}/ideas/{j}/follow-up",
        r#"{"status": "planned"}"#,
        [401, 404, 403, 409, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets/{r}/results/publish",
        r#"{"overrides": []}"#,
        [401, 404, 403, 409, 403],
    ),
];

/// The same round once voting has closed, with a ballot for `{j}`.
pub(crate) const CLOSED_ROWS: &[Row] = &[
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets/{r}/ideas/{j}/support",
        "{}",
        [401, 404, 409, 409, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets/{r}/ideas/{i}/review",
        r#"{"decision": "feasible"}"#,
        [401, 404, 403, 409, 403],
    ),
    Row::write(
        "PATCH",
        "/api/v1/teams/{a}/budgets/{r}",
        r#"{"title": "Too late"}"#,
        [401, 404, 403, 409, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets/{r}/results/publish",
        r#"{"overrides": []}"#,
        [401, 404, 403, 200, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets/{r}/ideas/{j}/follow-up",
        r#"{"status": "in_progress"}"#,
        [401, 404, 403, 200, 403],
    ),
];

#[tokio::test]
async fn every_leaders_endpoint_answers_each_role_as_the_access_table_says() {
    let f = cast().await;
    let slug = &f.world.team_a;
    let round = create_round(&f.app, &f.leader, slug, "secret", "approval").await;
    assert_eq!(
        propose_idea(&f.member, slug, round, "Trees", "200")
            .await
            .status(),
        303
    );
    assert_eq!(
        propose_idea(&f.leader, slug, round, "Mural", "100")
            .await
            .status(),
        303
    );
    let ideas = idea_ids(&f.app, round).await;
    let tokens = api_matrix::persona_tokens(&f.app, &f.world).await;
    let now = f.app.clock.now();
    let at = |days: i64| rfc3339(now + Duration::days(days));
    let fill = [
        ("{r}", round.to_string()),
        ("{i}", ideas[0].to_string()),
        ("{j}", ideas[1].to_string()),
        ("{t0}", at(1)),
        ("{t1}", at(2)),
        ("{t2}", at(3)),
        ("{t3}", at(4)),
    ];
    let mut failures = api_matrix::run(&f.app, &f.world, &tokens, ROWS, &fill).await;
    f.app.clock.advance(Duration::hours(VOTING_OPENS));
    assert_eq!(
        vote_for(&f.member, slug, round, &[ideas[1]]).await.status(),
        200
    );
    f.app
        .clock
        .advance(Duration::hours(VOTING_CLOSES - VOTING_OPENS));
    failures.extend(api_matrix::run(&f.app, &f.world, &tokens, CLOSED_ROWS, &fill).await);
    assert!(failures.is_empty(), "{failures:#?}");
}
