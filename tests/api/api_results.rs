//! Results and agreed agendas on `/api/v1`: the results the page shows (hidden while the
//! page hides them, live counts only where the page shows them, cancelled meetings), the
//! recount files byte for byte the page's, the RCTab summary equal to what `roundtable tally`
//! prints for the published ballots, the agreed agenda with its deviations, and the calendar.

use roundtable::domain::ids::MeetingId;
use serde_json::Value;
use time::Duration;

use crate::api_matrix::{self, Row};
use crate::api_tokens::make_token;
use crate::helpers::{Browser, TestApp, seed, signed_in, spawn_app};
use crate::live_helpers::{count_now, show_live};
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, members, proposal_ids, propose, vote};

/// The matrix's meeting (`{m}`, team a) is secret and not tallied: its results are hidden
/// and its recount files do not exist yet, for everyone.
pub(crate) const ROWS: &[Row] = &[
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/results",
        [401, 404, 200, 200, 200],
    ),
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/results/ballots.csv",
        [401, 404, 404, 404, 404],
    ),
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/results/receipts.csv",
        [401, 404, 404, 404, 404],
    ),
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/results/rctab.json",
        [401, 404, 404, 404, 404],
    ),
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/agenda",
        [401, 404, 200, 200, 200],
    ),
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/agenda.ics",
        [401, 404, 200, 200, 200],
    ),
    Row::get(
        "/api/v1/teams/{b}/meetings/{mb}/results",
        [401, 200, 404, 404, 200],
    ),
];

#[tokio::test]
async fn the_access_matrix_of_results_and_agendas() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let m = create_meeting(&app, &leader, &world.team_a, "secret").await;
    let outsider = signed_in(&app, &world.outsider).await;
    let mb = create_meeting(&app, &outsider, &world.team_b, "secret").await;
    let tokens = api_matrix::persona_tokens(&app, &world).await;
    let failures = api_matrix::run(
        &app,
        &world,
        &tokens,
        ROWS,
        &[("{mb}", mb.to_string()), ("{m}", m.to_string())],
    )
    .await;
    assert!(failures.is_empty(), "{failures:#?}");
}

async fn api(app: &TestApp, token: &str, path: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn api_json(app: &TestApp, token: &str, path: &str) -> Value {
    let response = api(app, token, path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

async fn bytes(response: reqwest::Response) -> Vec<u8> {
    assert_eq!(response.status(), 200, "{}", response.url());
    response.bytes().await.unwrap().to_vec()
}

/// `roundtable tally --ballots ballots.csv --rules rules.json --format json`, as the results
/// page tells people to recount, on the files the page offers.
async fn cli_recount(browser: &Browser, base: &str) -> Vec<u8> {
    let ballots = bytes(browser.get(&format!("{base}/ballots.csv")).await).await;
    let rules = bytes(browser.get(&format!("{base}/rules.json")).await).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ballots.csv"), ballots).unwrap();
    std::fs::write(dir.path().join("rules.json"), rules).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .args([
            "tally",
            "--ballots",
            "ballots.csv",
            "--rules",
            "rules.json",
            "--format",
            "json",
        ])
        .current_dir(dir.path())
        .env_remove("ROUNDTABLE_DATABASE_URL")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Two meetings voted on by the same nine members: in the first every item fits the time
/// (the count places them all), in the second one item cannot fit (the count stops early).
#[tokio::test]
async fn results_and_recount_files_are_the_pages_and_the_rctab_summary_is_the_clis() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let fits = create_meeting(&app, &leader, slug, "secret").await;
    let full = create_meeting(&app, &leader, slug, "secret").await;
    for title in ["Timetable, term 2", "Rubric", "Trip", "Parents"] {
        propose(&leader, slug, fits, title, 10).await;
        propose(&leader, slug, full, title, 15).await;
    }
    let voters = members(&app, &world.leader, slug, 9, "Voter").await;
    let member = signed_in(&app, &world.member).await;
    let token = make_token(&member, "Results", "read", "30").await;
    let results = |id: MeetingId| format!("/api/v1/teams/{slug}/meetings/{id}/results");
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    for id in [fits, full] {
        let items = proposal_ids(&app, id).await;
        for (i, v) in voters.iter().enumerate() {
            let mut order = items.clone();
            order.rotate_left(i % 4);
            order.truncate(1 + i % 3);
            assert_eq!(vote(v, slug, id, &order).await.status(), 200);
        }
    }

    // While voting is open, a secret meeting shows nothing and offers no files.
    let hidden = api_json(&app, &token, &results(fits)).await;
    assert_eq!(hidden["state"], "hidden");
    assert_eq!(hidden["ballot_count"], 0);
    assert_eq!(hidden["agenda"], serde_json::json!([]));
    assert_eq!(hidden["places"], serde_json::json!([]));
    for file in ["ballots.csv", "receipts.csv", "rctab.json"] {
        let path = format!("{}/{file}", results(fits));
        assert_eq!(api(&app, &token, &path).await.status(), 404, "{path}");
    }

    app.clock.advance(Duration::hours(WINDOW_HOURS + 1));
    // A session idle since before the jump has expired: sign in again.
    let member = signed_in(&app, &world.member).await;
    let body = api_json(&app, &token, &results(fits)).await;
    assert_eq!(body["state"], "final");
    assert_eq!(body["ballot_count"], 9);
    assert!(body["seed"].is_i64());
    assert!(body["tallied_at"].is_string());
    let statuses: Vec<&str> = body["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["fixed", "placed", "placed", "placed", "placed"]);
    assert_eq!(body["minutes_used"], 43);
    let places = body["places"].as_array().unwrap();
    assert_eq!(places.len(), 4, "one count per place");
    let first_round = &places[0]["rounds"][0];
    assert_eq!(first_round["round"], 1);
    let votes: u64 = first_round["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["votes"].as_str().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(votes, 9, "every ballot counts once in the first round");
    assert_eq!(
        places[0]["winner_proposal_id"],
        body["agenda"][1]["proposal_id"]
    );
    assert!(body["explanation"].as_str().unwrap().contains("Round 1"));

    // Revalidation by ETag.
    let response = api(&app, &token, &results(fits)).await;
    let tag = response.headers()["etag"].to_str().unwrap().to_owned();
    let again = reqwest::Client::new()
        .get(app.url(&results(fits)))
        .bearer_auth(&token)
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);

    // The page links the RCTab summary beside the other files.
    let page_base = format!("/teams/{slug}/meetings/{fits}/results");
    let page = member.get(&page_base).await.text().await.unwrap();
    // The meeting's address is escaped in the page's HTML.
    let meeting = format!("/teams/{slug}/meetings/{fits}").replace('/', "&#x2F;");
    assert!(
        page.contains(&format!("href=\"{meeting}/results/rctab.json\"")),
        "{page}"
    );

    for (id, passes) in [(fits, 4), (full, 3)] {
        let page_base = format!("/teams/{slug}/meetings/{id}/results");
        // The API's files are the page's, byte for byte.
        for file in ["ballots.csv", "receipts.csv", "rctab.json"] {
            let web = bytes(member.get(&format!("{page_base}/{file}")).await).await;
            let from_api = bytes(api(&app, &token, &format!("{}/{file}", results(id))).await).await;
            assert_eq!(web, from_api, "{file}");
        }
        let rctab = bytes(api(&app, &token, &format!("{}/rctab.json", results(id))).await).await;
        let cli = cli_recount(&member, &page_base).await;
        if passes == 4 {
            // Every item placed: exactly what the CLI prints.
            assert_eq!(
                String::from_utf8(rctab).unwrap(),
                String::from_utf8(cli).unwrap()
            );
        } else {
            // The count stopped once no item left could fit: its passes are the CLI's first.
            let ours: Vec<Value> = serde_json::from_slice(&rctab).unwrap();
            let theirs: Vec<Value> = serde_json::from_slice(&cli).unwrap();
            assert_eq!(ours.len(), passes);
            assert_eq!(theirs.len(), 4);
            assert_eq!(ours[..], theirs[..passes]);
            let body = api_json(&app, &token, &results(id)).await;
            let statuses: Vec<&str> = body["agenda"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["status"].as_str().unwrap())
                .collect();
            assert_eq!(
                statuses,
                ["fixed", "placed", "placed", "placed", "not_ranked"]
            );
        }
    }
}

#[tokio::test]
async fn live_counts_are_shown_only_where_the_page_shows_them() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let open = create_meeting(&app, &leader, slug, "open").await;
    let secret = create_meeting(&app, &leader, slug, "secret").await;
    let cancelled = create_meeting(&app, &leader, slug, "open").await;
    for id in [open, secret, cancelled] {
        show_live(&app, id).await;
        propose(&leader, slug, id, "Timetable", 20).await;
        propose(&leader, slug, id, "Rubric", 15).await;
    }
    let member = signed_in(&app, &world.member).await;
    let token = make_token(&member, "Live", "read", "30").await;
    let results = |id: MeetingId| format!("/api/v1/teams/{slug}/meetings/{id}/results");
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    let before = api_json(&app, &token, &results(open)).await;
    assert_eq!(before["state"], "counting");
    for id in [open, secret] {
        let items = proposal_ids(&app, id).await;
        assert_eq!(
            vote(&leader, slug, id, &[items[1], items[0]])
                .await
                .status(),
            200
        );
    }
    count_now(&app, open).await;

    let live = api_json(&app, &token, &results(open)).await;
    assert_eq!(live["state"], "provisional");
    assert_eq!(live["ballot_count"], 1);
    assert!(live["tallied_at"].is_null());
    assert_eq!(live["places"][0]["winner"], "Rubric");
    let html = member
        .get(&format!("/teams/{slug}/meetings/{open}/results"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Place 1: Rubric"), "{html}");

    // Secret ballots are never counted live, whatever the meeting's visibility says.
    let hidden = api_json(&app, &token, &results(secret)).await;
    assert_eq!(hidden["state"], "hidden");
    assert_eq!(hidden["ballot_count"], 0);
    assert_eq!(hidden["places"], serde_json::json!([]));
    assert_eq!(hidden["agenda"], serde_json::json!([]));

    let response = leader
        .post(
            &format!("/teams/{slug}/meetings/{cancelled}/cancel"),
            &[("reason", "Snow closure")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let body = api_json(&app, &token, &results(cancelled)).await;
    assert_eq!(body["state"], "cancelled");
    assert_eq!(body["places"], serde_json::json!([]));
}

#[tokio::test]
async fn the_agreed_agenda_lists_every_deviation_and_its_calendar_is_the_pages() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    for title in ["Timetable", "Rubric", "Trip"] {
        propose(&leader, slug, id, title, 10).await;
    }
    let items = proposal_ids(&app, id).await;
    let voters = members(&app, &world.leader, slug, 3, "Agenda").await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    for v in &voters {
        assert_eq!(vote(v, slug, id, &items).await.status(), 200);
    }
    let member = signed_in(&app, &world.member).await;
    let token = make_token(&member, "Agenda", "read", "30").await;
    let path = format!("/api/v1/teams/{slug}/meetings/{id}/agenda");

    let before = api_json(&app, &token, &path).await;
    assert_eq!(before["state"], "not_published");
    assert_eq!(before["tallied"], false);
    assert_eq!(before["items"], serde_json::json!([]));

    app.clock.advance(Duration::hours(WINDOW_HOURS + 1));
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    // Everyone ranked Timetable, Rubric, Trip: the leader drops Trip and moves Rubric first.
    let (timetable, rubric) = (items[0].to_string(), items[1].to_string());
    let fields = [
        (format!("include_{timetable}"), "on".to_owned()),
        (format!("include_{rubric}"), "on".to_owned()),
        (format!("position_{rubric}"), "1".to_owned()),
        (
            format!("reason_{rubric}"),
            "the visitor leaves early".to_owned(),
        ),
        (
            format!("reason_{}", items[2]),
            "settled by email".to_owned(),
        ),
    ];
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let published = leader
        .post(
            &format!("/teams/{slug}/meetings/{id}/agenda/publish"),
            &refs,
        )
        .await;
    let location = published.headers().get("location").cloned();
    assert_eq!(
        location.unwrap(),
        format!("/teams/{slug}/meetings/{id}/agenda").as_str(),
        "{}",
        published.text().await.unwrap()
    );

    let agenda = api_json(&app, &token, &path).await;
    assert_eq!(agenda["state"], "published");
    assert_eq!(agenda["tallied"], true);
    assert_eq!(agenda["published_by"], "Leader");
    let items_shown: Vec<(&str, &str)> = agenda["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["title"].as_str().unwrap(), i["origin"].as_str().unwrap()))
        .collect();
    assert_eq!(
        items_shown,
        [
            ("Three-minute action scan", "fixed"),
            ("Rubric", "ranked"),
            ("Timetable", "ranked")
        ]
    );
    assert_eq!(agenda["items"][1]["rank"], 2);
    assert_eq!(agenda["total_minutes"], 23);
    let deviations: Vec<(&str, &str)> = agenda["deviations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["kind"].as_str().unwrap(), d["reason"].as_str().unwrap()))
        .collect();
    assert!(
        deviations.contains(&("moved", "the visitor leaves early")),
        "{deviations:?}"
    );
    assert!(
        deviations.contains(&("dropped", "settled by email")),
        "{deviations:?}"
    );
    assert!(
        agenda["deviations"][0]["sentence"]
            .as_str()
            .unwrap()
            .contains("by Leader")
    );

    let web = bytes(
        member
            .get(&format!("/teams/{slug}/meetings/{id}/agenda.ics"))
            .await,
    )
    .await;
    let from_api = api(&app, &token, &format!("{path}.ics")).await;
    assert!(
        from_api.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let from_api = bytes(from_api).await;
    assert_eq!(
        String::from_utf8(web).unwrap(),
        String::from_utf8(from_api).unwrap()
    );

    // Another team's member learns nothing.
    let outsider = signed_in(&app, &world.outsider).await;
    let theirs = make_token(&outsider, "Other", "read", "30").await;
    for p in [path.clone(), format!("{path}.ics")] {
        assert_eq!(api(&app, &theirs, &p).await.status(), 404, "{p}");
    }
}
