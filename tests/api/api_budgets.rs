//! `/api/v1` budget rounds over HTTP: rounds and ideas as the pages show them, proposing,
//! editing and withdrawing one's own idea through the web's service (422 with fields, 409
//! outside the ideas phase), ballots stored exactly as the web form stores them, results with
//! the rule's explanation, and the `.pb` and CSV files equal to the web's downloads.

use roundtable::domain::ids::RoundId;
use roundtable::store::entities::budget_ballots;
use roundtable::tally::budget::parse_pabulib;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use time::Duration;

use crate::api_helpers::{expect_status as expect, send as call};
use crate::api_matrix::{self, Row};
use crate::api_tokens::make_token;
use crate::budget_helpers::{
    IDEAS_HOURS, VOTING_CLOSES, VOTING_OPENS, create_round, idea_ids, propose_idea, vote_for,
};
use crate::helpers::{Browser, TestApp, World, seed, signed_in, spawn_app};

struct Fixture {
    app: TestApp,
    world: World,
    leader: Browser,
    member: Browser,
    round: RoundId,
    member_token: String,
    leader_token: String,
}

/// A round of team a in its ideas phase, and read-write tokens for its member and leader.
async fn fixture(ballot_type: &str) -> Fixture {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let round = create_round(&app, &leader, &world.team_a, "secret", ballot_type).await;
    let member_token = make_token(&member, "Bot", "read_write", "30").await;
    let leader_token = make_token(&leader, "Bot", "read_write", "30").await;
    Fixture {
        app,
        world,
        leader,
        member,
        round,
        member_token,
        leader_token,
    }
}

fn idea(title: &str, cost: &str) -> Value {
    json!({"title": title, "description": "Something the whole school will enjoy.", "cost": cost})
}

fn ids(list: &Value, key: &str) -> Vec<i64> {
    list[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().or_else(|| v["id"].as_i64()).unwrap())
        .collect()
}

async fn stored_selections(app: &TestApp, round: RoundId) -> Vec<String> {
    budget_ballots::Entity::find()
        .filter(budget_ballots::Column::RoundId.eq(round))
        .order_by_asc(budget_ballots::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.selection)
        .collect()
}

#[tokio::test]
async fn rounds_and_ideas_are_listed_as_the_pages_show_them_and_walk_by_cursor() {
    let f = fixture("approval").await;
    let (slug, round) = (&f.world.team_a, f.round);
    let second = create_round(&f.app, &f.leader, slug, "open", "ranked").await;
    let token = &f.member_token;

    let first = expect(
        call(
            &f.app,
            "GET",
            &format!("/api/v1/teams/{slug}/budgets?limit=1"),
            token,
            None,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(first["rounds"].as_array().unwrap().len(), 1);
    let cursor = first["next_cursor"].as_str().unwrap();
    let rest = expect(
        call(
            &f.app,
            "GET",
            &format!("/api/v1/teams/{slug}/budgets?limit=1&cursor={cursor}"),
            token,
            None,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(rest["next_cursor"], Value::Null);
    let mut walked = [ids(&first, "rounds"), ids(&rest, "rounds")].concat();
    walked.sort_unstable();
    assert_eq!(walked, [round.0, second.0], "every round once");

    let shown = expect(
        call(
            &f.app,
            "GET",
            &format!("/api/v1/teams/{slug}/budgets/{round}"),
            token,
            None,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(shown["title"], "Green schoolyard");
    assert_eq!(shown["amount"], "1000");
    assert_eq!(shown["amount_minor"], 100_000);
    assert_eq!(shown["currency"], "EUR");
    assert_eq!(shown["phase"], "ideas");
    assert_eq!(shown["ballot_type"], "approval");
    assert_eq!(shown["rule"], "mes");
    assert_eq!(shown["privacy"], "secret");

    // Ideas proposed on the web are listed, with the support shown on the page.
    for (title, cost) in [("Trees", "200"), ("Benches", "150"), ("Mural", "100")] {
        assert_eq!(
            propose_idea(&f.member, slug, round, title, cost)
                .await
                .status(),
            303
        );
    }
    let web_ids = idea_ids(&f.app, round).await;
    let supported = f
        .leader
        .post(
            &format!("/teams/{slug}/budgets/{round}/ideas/{}/support", web_ids[0]),
            &[],
        )
        .await;
    assert_eq!(supported.status(), 303);
    let base = format!("/api/v1/teams/{slug}/budgets/{round}/ideas");
    let page = expect(
        call(&f.app, "GET", &format!("{base}?limit=2"), token, None).await,
        200,
    )
    .await;
    let cursor = page["next_cursor"].as_str().unwrap().to_owned();
    let last = expect(
        call(
            &f.app,
            "GET",
            &format!("{base}?limit=2&cursor={cursor}"),
            token,
            None,
        )
        .await,
        200,
    )
    .await;
    assert_eq!([ids(&page, "ideas"), ids(&last, "ideas")].concat(), web_ids);
    assert_eq!(page["ideas"][0]["title"], "Trees");
    assert_eq!(page["ideas"][0]["cost"], "200");
    assert_eq!(page["ideas"][0]["supporters"], 1);
    assert_eq!(
        page["ideas"][0]["supported"], false,
        "the leader supports it, not me"
    );
    assert_eq!(page["ideas"][0]["mine"], true);
    assert_eq!(page["ideas"][0]["author"], "Member");
    assert_eq!(page["ideas"][0]["status"], "proposed");

    // ETag round trip.
    let one = call(
        &f.app,
        "GET",
        &format!("{base}/{}", web_ids[1]),
        token,
        None,
    )
    .await;
    let tag = one.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(expect(one, 200).await["title"], "Benches");
    let again = reqwest::Client::new()
        .get(f.app.url(&format!("{base}/{}", web_ids[1])))
        .bearer_auth(token)
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    // One idea reads its own supporters, as the list does.
    let trees = expect(
        call(
            &f.app,
            "GET",
            &format!("{base}/{}", web_ids[0]),
            token,
            None,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(trees, page["ideas"][0]);

    // A bad cursor is 400; another team's round and an idea of another round are 404.
    let bad = call(&f.app, "GET", &format!("{base}?cursor=%21%21"), token, None).await;
    assert_eq!(expect(bad, 400).await["error"], "invalid_parameter");
    let other = &f.world.team_b;
    let elsewhere = call(
        &f.app,
        "GET",
        &format!("/api/v1/teams/{other}/budgets/{round}"),
        &f.leader_token,
        None,
    )
    .await;
    assert_eq!(elsewhere.status(), 404);
    let wrong_round = format!("/api/v1/teams/{slug}/budgets/{second}/ideas/{}", web_ids[0]);
    assert_eq!(
        call(&f.app, "GET", &wrong_round, token, None)
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn ideas_are_proposed_edited_and_withdrawn_as_on_the_page_with_422_and_409() {
    let f = fixture("approval").await;
    let (slug, round) = (&f.world.team_a, f.round);
    let base = format!("/api/v1/teams/{slug}/budgets/{round}/ideas");
    let token = &f.member_token;

    let response = call(&f.app, "POST", &base, token, Some(idea("Trees", "200.50"))).await;
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let made = expect(response, 201).await;
    let id = made["id"].as_i64().unwrap();
    assert_eq!(location, format!("{base}/{id}"));
    assert_eq!(made["cost"], "200.50");
    assert_eq!(made["cost_minor"], 20_050);
    assert_eq!(made["mine"], true);
    let fetched = expect(call(&f.app, "GET", &location, token, None).await, 200).await;
    assert_eq!(fetched, made, "the created body is the resource");
    assert_eq!(
        idea_ids(&f.app, round).await,
        [id],
        "stored as the web stores it"
    );

    // Validation: the form's messages, by field.
    let refused = call(&f.app, "POST", &base, token, Some(idea("", "5000"))).await;
    let body = expect(refused, 422).await;
    assert_eq!(body["error"], "invalid_input");
    assert!(body["fields"]["title"].is_string(), "{body}");
    assert!(
        body["fields"]["cost"].is_string(),
        "more than the round's amount: {body}"
    );
    let unreadable = call(&f.app, "POST", &base, token, Some(json!({"title": 3}))).await;
    assert_eq!(expect(unreadable, 400).await["error"], "invalid_body");

    // Editing: only one's own; a read token may not.
    let edited = call(
        &f.app,
        "PATCH",
        &location,
        token,
        Some(idea("More trees", "300")),
    )
    .await;
    assert_eq!(expect(edited, 200).await["title"], "More trees");
    let not_mine = call(
        &f.app,
        "PATCH",
        &location,
        &f.leader_token,
        Some(idea("Mine now", "1")),
    )
    .await;
    assert_eq!(not_mine.status(), 403);
    let reader = make_token(&f.member, "Reader", "read", "30").await;
    let read_only = call(&f.app, "POST", &base, &reader, Some(idea("Benches", "100"))).await;
    assert_eq!(expect(read_only, 403).await["error"], "insufficient_scope");

    // Withdrawing keeps the idea, marked; a withdrawn idea cannot be edited (409).
    let withdrawn = call(&f.app, "POST", &format!("{location}/withdraw"), token, None).await;
    assert_eq!(expect(withdrawn, 200).await["status"], "withdrawn");
    let late_edit = call(
        &f.app,
        "PATCH",
        &location,
        token,
        Some(idea("Trees", "200")),
    )
    .await;
    assert_eq!(expect(late_edit, 409).await["error"], "conflict");

    // Once review starts, proposing is refused as a conflict with the round's phase.
    f.app.clock.advance(Duration::hours(IDEAS_HOURS));
    let late = call(&f.app, "POST", &base, token, Some(idea("Late", "100"))).await;
    let body = expect(late, 409).await;
    assert_eq!(body["error"], "conflict");
    assert_eq!(idea_ids(&f.app, round).await, [id]);
}

/// Proposes ideas over the web (as the member) and opens voting; returns their ids.
async fn to_voting(f: &Fixture, ideas: &[(&str, &str)]) -> Vec<i64> {
    for (title, cost) in ideas {
        let r = propose_idea(&f.member, &f.world.team_a, f.round, title, cost).await;
        assert_eq!(r.status(), 303);
    }
    f.app.clock.advance(Duration::hours(VOTING_OPENS));
    idea_ids(&f.app, f.round).await
}

#[tokio::test]
async fn an_approval_ballot_through_the_api_is_stored_as_the_web_form_stores_it() {
    let f = fixture("knapsack").await;
    let (slug, round) = (&f.world.team_a, f.round);
    let ideas = to_voting(&f, &[("Trees", "200"), ("Benches", "150"), ("Pool", "900")]).await;
    let path = format!("/api/v1/teams/{slug}/budgets/{round}/ballot");

    // The member on the web, the leader through the API (naming the ideas in another order).
    assert_eq!(
        vote_for(&f.member, slug, round, &[ideas[0], ideas[1]])
            .await
            .status(),
        200
    );
    let cast = call(
        &f.app,
        "PUT",
        &path,
        &f.leader_token,
        Some(json!({"ideas": [ideas[1], ideas[0]]})),
    )
    .await;
    assert_eq!(cast.headers()["location"].to_str().unwrap(), path);
    let receipt = expect(cast, 201).await;
    assert_eq!(receipt["changed"], false);
    assert_eq!(receipt["receipt_code"].as_str().unwrap().len(), 19);
    let stored = stored_selections(&f.app, round).await;
    assert_eq!(stored.len(), 2);
    assert_eq!(
        stored[0], stored[1],
        "the same ballot, whichever way it was cast"
    );

    let mine = expect(call(&f.app, "GET", &path, &f.leader_token, None).await, 200).await;
    assert_eq!(mine["ideas"], json!([ideas[0], ideas[1]]));
    assert_eq!(mine["ballot_type"], "knapsack");
    let web_voter = expect(call(&f.app, "GET", &path, &f.member_token, None).await, 200).await;
    assert_eq!(
        web_voter["ideas"], mine["ideas"],
        "the web ballot read back through the API"
    );

    // Changing it answers 200; the form's limits and the API's own checks are 422.
    let changed = call(
        &f.app,
        "PUT",
        &path,
        &f.leader_token,
        Some(json!({"ideas": [ideas[0]]})),
    )
    .await;
    assert_eq!(expect(changed, 200).await["changed"], true);
    for (body, field) in [
        (json!({"ideas": [ideas[0], ideas[2]]}), "ballot"),
        (json!({"ideas": []}), "ballot"),
        (json!({"ideas": [ideas[0], ideas[0]]}), "ideas"),
        (json!({"ideas": [999_999]}), "ideas"),
    ] {
        let refused = expect(
            call(&f.app, "PUT", &path, &f.leader_token, Some(body.clone())).await,
            422,
        )
        .await;
        assert!(refused["fields"][field].is_string(), "{body}: {refused}");
    }
    let reader = make_token(&f.leader, "Reader", "read", "30").await;
    let read_only = call(
        &f.app,
        "PUT",
        &path,
        &reader,
        Some(json!({"ideas": [ideas[0]]})),
    )
    .await;
    assert_eq!(read_only.status(), 403);

    // After voting closes: 409.
    f.app
        .clock
        .advance(Duration::hours(VOTING_CLOSES - VOTING_OPENS));
    let late = call(
        &f.app,
        "PUT",
        &path,
        &f.leader_token,
        Some(json!({"ideas": [ideas[1]]})),
    )
    .await;
    assert_eq!(expect(late, 409).await["error"], "conflict");
}

#[tokio::test]
async fn a_ranked_ballot_through_the_api_keeps_its_order_as_the_form_stores_it() {
    let f = fixture("ranked").await;
    let (slug, round) = (&f.world.team_a, f.round);
    let ideas = to_voting(
        &f,
        &[("Trees", "200"), ("Benches", "150"), ("Mural", "100")],
    )
    .await;
    let ranks = [(ideas[2], "1"), (ideas[0], "2")];
    let fields: Vec<(String, &str)> = ranks
        .iter()
        .map(|(id, r)| (format!("rank_{id}"), *r))
        .collect();
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let web = f
        .member
        .post(&format!("/teams/{slug}/budgets/{round}/ballot"), &refs)
        .await;
    assert_eq!(web.status(), 303);
    let path = format!("/api/v1/teams/{slug}/budgets/{round}/ballot");
    let cast = call(
        &f.app,
        "PUT",
        &path,
        &f.leader_token,
        Some(json!({"ideas": [ideas[2], ideas[0]]})),
    )
    .await;
    assert_eq!(
        expect(cast, 201).await["ideas"],
        json!([ideas[2], ideas[0]])
    );
    let stored = stored_selections(&f.app, round).await;
    assert_eq!(stored[0], stored[1]);
    assert_eq!(
        stored[0],
        format!("[{},{}]", ideas[2], ideas[0]),
        "best first"
    );
}

#[tokio::test]
async fn results_and_files_are_the_pages_and_the_pb_reads_back() {
    let f = fixture("approval").await;
    let (slug, round) = (&f.world.team_a, f.round);
    let base = format!("/api/v1/teams/{slug}/budgets/{round}/results");
    let ideas = to_voting(&f, &[("Trees", "200"), ("Benches", "150"), ("Pool", "900")]).await;

    // While voting is open: no results, no files.
    let hidden = expect(call(&f.app, "GET", &base, &f.member_token, None).await, 200).await;
    assert_eq!(hidden["computed"], Value::Null);
    assert_eq!(hidden["phase"], "voting");
    assert_eq!(
        call(
            &f.app,
            "GET",
            &format!("{base}/round.pb"),
            &f.member_token,
            None
        )
        .await
        .status(),
        404
    );

    assert_eq!(
        vote_for(&f.member, slug, round, &[ideas[0], ideas[1]])
            .await
            .status(),
        200
    );
    let cast = call(
        &f.app,
        "PUT",
        &format!("/api/v1/teams/{slug}/budgets/{round}/ballot"),
        &f.leader_token,
        Some(json!({"ideas": [ideas[0], ideas[2]]})),
    )
    .await;
    assert_eq!(cast.status(), 201);
    f.app
        .clock
        .advance(Duration::hours(VOTING_CLOSES - VOTING_OPENS));

    let results = expect(call(&f.app, "GET", &base, &f.member_token, None).await, 200).await;
    let c = &results["computed"];
    assert_eq!(c["voters"], 2);
    assert_eq!(c["rule"], "mes");
    let funded = ids(c, "funded");
    assert_eq!(funded[0], ideas[0], "both voters chose the trees");
    assert_eq!(c["funded"][0]["votes"], 2);
    assert_eq!(c["funded"][0]["step"], 1);
    let explanation = c["funded"][0]["explanation"].as_str().unwrap();
    assert!(
        explanation.contains("2") && explanation.contains("EUR"),
        "{explanation}"
    );
    assert_eq!(c["published"], Value::Null);

    // The files are the web's, byte for byte; the `.pb` reads back with the project's reader.
    let pb = call(
        &f.app,
        "GET",
        &format!("{base}/round.pb"),
        &f.member_token,
        None,
    )
    .await;
    assert!(
        pb.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let pb = pb.bytes().await.unwrap();
    let web_pb = f
        .member
        .get(&format!("/teams/{slug}/budgets/{round}/results/round.pb"))
        .await;
    assert_eq!(pb, web_pb.bytes().await.unwrap());
    let instance = parse_pabulib(&pb).unwrap();
    assert_eq!(instance.projects.len(), 3);
    let csv = call(
        &f.app,
        "GET",
        &format!("{base}/ideas.csv"),
        &f.member_token,
        None,
    )
    .await;
    let csv = csv.text().await.unwrap();
    let web_csv = f
        .member
        .get(&format!("/teams/{slug}/budgets/{round}/results/ideas.csv"))
        .await;
    assert_eq!(csv, web_csv.text().await.unwrap());
    let funded_rows = csv
        .lines()
        .skip(1)
        .filter(|l| l.split(',').nth(4) == Some("true"))
        .count();
    assert_eq!(funded_rows, funded.len(), "{csv}");
}

/// The budget endpoints' rows of the access matrix in the ideas phase: `{r}` is a round of
/// team a, `{i}` an idea its member proposed, `{j}` one its leader proposed.
pub(crate) const ROWS: &[Row] = &[
    Row::get("/api/v1/teams/{a}/budgets", [401, 404, 200, 200, 200]),
    Row::get("/api/v1/teams/{b}/budgets", [401, 200, 404, 404, 200]),
    Row::get("/api/v1/teams/{a}/budgets/{r}", [401, 404, 200, 200, 200]),
    // The round {r} belongs to team a: in team b it is missing whoever asks.
    Row::get("/api/v1/teams/{b}/budgets/{r}", [401, 404, 404, 404, 404]),
    Row::get(
        "/api/v1/teams/{a}/budgets/{r}/ideas",
        [401, 404, 200, 200, 200],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets/{r}/ideas",
        r#"{"title": "Benches", "description": "Places to sit in the shade.", "cost": "150"}"#,
        [401, 404, 201, 201, 403],
    ),
    Row::get(
        "/api/v1/teams/{a}/budgets/{r}/ideas/{i}",
        [401, 404, 200, 200, 200],
    ),
    // Only its author edits or withdraws an idea: the leader is refused by the service.
    Row::write(
        "PATCH",
        "/api/v1/teams/{a}/budgets/{r}/ideas/{i}",
        r#"{"title": "More trees", "description": "Shade for the whole yard.", "cost": "250"}"#,
        [401, 404, 200, 403, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets/{r}/ideas/{i}/withdraw",
        "{}",
        [401, 404, 200, 403, 403],
    ),
    Row::get(
        "/api/v1/teams/{a}/budgets/{r}/ballot",
        [401, 404, 404, 404, 404],
    ),
    Row::write(
        "PUT",
        "/api/v1/teams/{a}/budgets/{r}/ballot",
        r#"{"ideas": [{j}]}"#,
        [401, 404, 409, 409, 403],
    ),
    Row::get(
        "/api/v1/teams/{a}/budgets/{r}/results",
        [401, 404, 200, 200, 200],
    ),
    Row::get(
        "/api/v1/teams/{a}/budgets/{r}/results/round.pb",
        [401, 404, 404, 404, 404],
    ),
    Row::get(
        "/api/v1/teams/{a}/budgets/{r}/results/ideas.csv",
        [401, 404, 404, 404, 404],
    ),
];

/// The same round once voting is open.
pub(crate) const VOTING_ROWS: &[Row] = &[
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets/{r}/ideas",
        r#"{"title": "Late", "description": "Too late for this round.", "cost": "10"}"#,
        [401, 404, 409, 409, 403],
    ),
    Row::write(
        "PUT",
        "/api/v1/teams/{a}/budgets/{r}/ballot",
        r#"{"ideas": [{j}]}"#,
        [401, 404, 201, 201, 403],
    ),
    Row::get(
        "/api/v1/teams/{a}/budgets/{r}/ballot",
        [401, 404, 200, 200, 404],
    ),
];

/// The same round once voting has closed.
pub(crate) const CLOSED_ROWS: &[Row] = &[
    Row::get(
        "/api/v1/teams/{a}/budgets/{r}/results",
        [401, 404, 200, 200, 200],
    ),
    Row::get(
        "/api/v1/teams/{a}/budgets/{r}/results/round.pb",
        [401, 404, 200, 200, 200],
    ),
    Row::get(
        "/api/v1/teams/{a}/budgets/{r}/results/ideas.csv",
        [401, 404, 200, 200, 200],
    ),
    Row::get(
        "/api/v1/teams/{b}/budgets/{r}/results/round.pb",
        [401, 404, 404, 404, 404],
    ),
    Row::write(
        "PUT",
        "/api/v1/teams/{a}/budgets/{r}/ballot",
        r#"{"ideas": [{j}]}"#,
        [401, 404, 409, 409, 403],
    ),
];

#[tokio::test]
async fn every_budget_endpoint_answers_each_role_as_the_access_table_says() {
    let f = fixture("approval").await;
    let slug = &f.world.team_a;
    assert_eq!(
        propose_idea(&f.member, slug, f.round, "Trees", "200")
            .await
            .status(),
        303
    );
    assert_eq!(
        propose_idea(&f.leader, slug, f.round, "Mural", "100")
            .await
            .status(),
        303
    );
    let ideas = idea_ids(&f.app, f.round).await;
    let tokens = api_matrix::persona_tokens(&f.app, &f.world).await;
    let fill = [
        ("{r}", f.round.to_string()),
        ("{i}", ideas[0].to_string()),
        ("{j}", ideas[1].to_string()),
    ];

    let mut failures = api_matrix::run(&f.app, &f.world, &tokens, ROWS, &fill).await;
    f.app.clock.advance(Duration::hours(VOTING_OPENS));
    failures.extend(api_matrix::run(&f.app, &f.world, &tokens, VOTING_ROWS, &fill).await);
    f.app
        .clock
        .advance(Duration::hours(VOTING_CLOSES - VOTING_OPENS));
    failures.extend(api_matrix::run(&f.app, &f.world, &tokens, CLOSED_ROWS, &fill).await);

    assert!(failures.is_empty(), "{failures:#?}");
}
