//! The co-created agenda over HTTP: the whole journey, windows, concurrency, other teams,
//! secret-ballot unlinkability, and recounting the published ballots with the CLI.

use std::collections::HashSet;

use futures_util::future::join_all;
use roundtable::service::audit;
use roundtable::service::meetings::tally::stored;
use roundtable::store::entities::{
    agenda_ballots, agenda_participation, agenda_tallies, audit_log, meetings,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use time::Duration;

use crate::helpers::{TestApp, seed, signed_in, spawn_app};
use crate::meeting_helpers::{
    WINDOW_HOURS, create_meeting, create_meeting_with_rule, members, proposal_ids, propose, vote,
};

async fn tally_row(
    app: &TestApp,
    meeting: roundtable::domain::ids::MeetingId,
) -> agenda_tallies::Model {
    agenda_tallies::Entity::find_by_id(meeting)
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the meeting was tallied")
}

#[tokio::test]
async fn the_whole_journey_from_proposals_to_the_published_agenda() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    let people = members(&app, &world.leader, slug, 7, "Voter").await;

    // The purpose line heads the meeting page.
    let page = people[0].get(&format!("/teams/{slug}/meetings/{id}")).await;
    assert_eq!(page.status(), 200);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Move the school improvement plan forward together.")
    );

    // Five members propose.
    let titles = [
        "Timetable clashes",
        "Moderation rubric",
        "Trip risk assessment",
        "Parents evening",
        "Staff wellbeing",
    ];
    for (person, title) in people.iter().zip(titles) {
        propose(person, slug, id, title, 20).await;
    }
    let items = proposal_ids(&app, id).await;
    assert_eq!(items.len(), 5);

    // Voting before its window is refused with a clear message.
    let early = vote(&people[0], slug, id, &items).await;
    assert_eq!(early.status(), 422);
    assert!(early.text().await.unwrap().contains("Voting is not open"));

    app.clock.advance(Duration::hours(WINDOW_HOURS));
    // The leader looks in while voting is open (sessions end after 12 idle hours).
    assert_eq!(
        leader
            .get(&format!("/teams/{slug}/meetings/{id}"))
            .await
            .status(),
        200
    );
    // Proposing after its window is refused with a clear message.
    let late = people[5]
        .post(
            &format!("/teams/{slug}/meetings/{id}/proposals"),
            &[
                ("title", "Late idea"),
                ("why", "It came up this morning."),
                ("minutes", "5"),
            ],
        )
        .await;
    assert_eq!(late.status(), 422);
    assert!(
        late.text()
            .await
            .unwrap()
            .contains("Proposals are not open")
    );

    // The home page shows the open vote, not yet voted, and the time left.
    let home = people[0].get("/").await.text().await.unwrap();
    assert!(home.contains("you have not voted yet"), "{home}");
    assert!(home.contains("left"));

    // Seven members vote; most put the first item first.
    let (a, b, c, d, e) = (items[0], items[1], items[2], items[3], items[4]);
    let ballots = [
        vec![a, b, c],
        vec![a, c],
        vec![a, b],
        vec![b, a],
        vec![b, c, a],
        vec![c, b],
        vec![d, e, a],
    ];
    for (person, order) in people.iter().zip(ballots.iter()) {
        let response = vote(person, slug, id, order).await;
        assert_eq!(response.status(), 200);
        assert!(response.text().await.unwrap().contains("Your receipt code"));
    }
    // Changing a ballot says when.
    let changed = vote(&people[6], slug, id, &[d, a, e])
        .await
        .text()
        .await
        .unwrap();
    assert!(changed.contains("You changed your ballot at"));
    let home = people[0].get("/").await.text().await.unwrap();
    assert!(home.contains("you have voted"));

    // Results stay hidden until the window closes.
    let hidden = people[0]
        .get(&format!("/teams/{slug}/meetings/{id}/results"))
        .await
        .text()
        .await
        .unwrap();
    assert!(hidden.contains("Results are hidden until voting closes"));

    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    let after = vote(&people[0], slug, id, &[b]).await;
    assert_eq!(after.status(), 422);
    assert!(after.text().await.unwrap().contains("Voting is not open"));

    let results = people[1]
        .get(&format!("/teams/{slug}/meetings/{id}/results"))
        .await;
    assert_eq!(results.status(), 200);
    let html = results.text().await.unwrap();
    assert!(html.contains("Place 1: Timetable clashes"), "{html}");
    assert!(html.contains("<svg"));
    assert!(html.contains("7 ballots counted"));

    // The leader publishes with one reorder and its reason.
    let row = tally_row(&app, id).await;
    let result = stored(&row).unwrap();
    let agenda = result.output.agenda.clone().unwrap();
    let included: Vec<i64> = agenda
        .items
        .iter()
        .filter(|i| i.included)
        .map(|i| {
            result
                .input
                .candidates
                .iter()
                .find(|c| c.name == i.id)
                .unwrap()
                .proposal_id
        })
        .collect();
    assert!(included.len() >= 2, "{agenda:?}");
    let moved = included[1];
    let mut fields: Vec<(String, String)> = included
        .iter()
        .map(|id| (format!("include_{id}"), "on".to_owned()))
        .collect();
    fields.push((format!("position_{moved}"), "1".to_owned()));
    // Without a reason the change is refused, next to the item.
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let refused = leader
        .post(
            &format!("/teams/{slug}/meetings/{id}/agenda/publish"),
            &refs,
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Give a reason"));
    fields.push((
        format!("reason_{moved}"),
        "the visitor leaves early".to_owned(),
    ));
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
    assert_eq!(
        published.status(),
        303,
        "{}",
        published.text().await.unwrap()
    );

    // Members see the difference and its reason.
    let agenda_page = people[3]
        .get(&format!("/teams/{slug}/meetings/{id}/agenda"))
        .await
        .text()
        .await
        .unwrap();
    assert!(agenda_page.contains("Moved by Leader:"), "{agenda_page}");
    assert!(agenda_page.contains("the visitor leaves early"));
    assert!(agenda_page.contains("Three-minute action scan"));
    let print = people[3]
        .get(&format!("/teams/{slug}/meetings/{id}/agenda/print"))
        .await;
    assert_eq!(print.status(), 200);
    let ics = people[3]
        .get(&format!("/teams/{slug}/meetings/{id}/agenda.ics"))
        .await;
    assert_eq!(ics.status(), 200);
    assert!(
        ics.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let ics = ics.text().await.unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("Three-minute action scan"));

    // The tally, the publication and the deviation are in an intact audit chain.
    let actions: Vec<String> = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action.name())
        .collect();
    for wanted in [
        "meeting.create",
        "meeting.tally",
        "agenda.publish",
        "agenda.deviation",
    ] {
        assert!(
            actions.iter().any(|a| a == wanted),
            "{wanted} missing from {actions:?}"
        );
    }
    assert_eq!(actions.iter().filter(|a| *a == "meeting.tally").count(), 1);
    assert!(matches!(
        audit::verify(&app.db.conn).await.unwrap(),
        audit::Verdict::Intact { .. }
    ));
}

#[tokio::test]
async fn fifty_members_voting_at_once_make_fifty_ballots() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    propose(&leader, slug, id, "Timetable", 20).await;
    propose(&leader, slug, id, "Rubric", 20).await;
    let items = proposal_ids(&app, id).await;
    let voters = members(&app, &world.leader, slug, 50, "Crowd").await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    let responses = join_all(voters.iter().map(|v| vote(v, slug, id, &items))).await;
    for r in responses {
        assert_eq!(r.status(), 200);
    }
    let count = agenda_ballots::Entity::find()
        .filter(agenda_ballots::Column::MeetingId.eq(id))
        .count(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(count, 50);
}

#[tokio::test]
async fn one_member_submitting_twice_at_once_makes_one_ballot() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "open").await;
    propose(&leader, slug, id, "Timetable", 20).await;
    propose(&leader, slug, id, "Rubric", 20).await;
    let items = proposal_ids(&app, id).await;
    let member = signed_in(&app, &world.member).await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    let reversed: Vec<i64> = items.iter().rev().copied().collect();
    let (first, second) = tokio::join!(
        vote(&member, slug, id, &items),
        vote(&member, slug, id, &reversed)
    );
    assert_eq!(first.status(), 200);
    assert_eq!(second.status(), 200);
    let ballots = agenda_ballots::Entity::find()
        .filter(agenda_ballots::Column::MeetingId.eq(id))
        .count(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(ballots, 1);
    let participation = agenda_participation::Entity::find()
        .filter(agenda_participation::Column::MeetingId.eq(id))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(participation.len(), 1);
    assert_eq!(participation[0].changes, 1);
}

#[tokio::test]
async fn a_member_of_another_team_gets_404_everywhere() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    let outsider = signed_in(&app, &world.outsider).await;
    for path in [
        "",
        "/proposals",
        "/ballot",
        "/results",
        "/agenda",
        "/agenda.ics",
        "/agenda/print",
        "/edit",
    ] {
        let response = outsider
            .get(&format!("/teams/{slug}/meetings/{id}{path}"))
            .await;
        assert_eq!(response.status(), 404, "{path}");
    }
    // Nor through their own team's address.
    let own = outsider
        .get(&format!("/teams/{}/meetings/{id}", world.team_b))
        .await;
    assert_eq!(own.status(), 404);
    let post = outsider
        .post(
            &format!("/teams/{slug}/meetings/{id}/proposals"),
            &[("title", "x")],
        )
        .await;
    assert_eq!(post.status(), 404);
}

#[tokio::test]
async fn after_the_tally_no_secret_ballot_can_be_linked_to_a_member() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    for title in ["Timetable", "Rubric", "Trip"] {
        propose(&leader, slug, id, title, 10).await;
    }
    let items = proposal_ids(&app, id).await;
    let voters = members(&app, &world.leader, slug, 6, "Secret").await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    assert_eq!(
        leader
            .get(&format!("/teams/{slug}/meetings/{id}"))
            .await
            .status(),
        200
    );
    for (i, v) in voters.iter().enumerate() {
        let mut order = items.clone();
        order.rotate_left(i % 3);
        assert_eq!(vote(v, slug, id, &order).await.status(), 200);
    }
    // Privacy cannot be loosened once ballots exist.
    let meeting = meetings::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert!(meeting.ballot_secret.is_some());
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    assert_eq!(
        leader
            .get(&format!("/teams/{slug}/meetings/{id}/results"))
            .await
            .status(),
        200
    );

    let meeting = meetings::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        meeting.ballot_secret, None,
        "the per-meeting secret is destroyed"
    );
    let ballots = agenda_ballots::Entity::find()
        .filter(agenda_ballots::Column::MeetingId.eq(id))
        .order_by_asc(agenda_ballots::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(ballots.len(), 6);
    // No member id, no timestamp: the row holds the key, the ranking and the receipt hash only.
    assert!(ballots.iter().all(|b| b.voter_id.is_none()));
    // Row order says nothing about who voted when: ids follow the receipt hashes.
    let hashes: Vec<&str> = ballots.iter().map(|b| b.receipt_hash.as_str()).collect();
    let mut sorted = hashes.clone();
    sorted.sort_unstable();
    assert_eq!(hashes, sorted);
    // Voter keys are HMACs under a secret that no longer exists: no member id, email or name,
    // and no keyless hash of them, appears in any ballot row.
    let people = roundtable::store::entities::users::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    for b in &ballots {
        let row = format!("{}|{}|{}", b.voter_key, b.ranking, b.receipt_hash);
        for p in &people {
            for guess in [
                roundtable::service::meetings::ballots::voter_key("", p.id),
                roundtable::auth::tokens::token_hash(&p.id.to_string()),
                p.email.clone(),
                p.display_name.clone(),
            ] {
                assert!(!row.contains(&guess), "ballot {} reveals {}", b.id, p.email);
            }
        }
    }
    // Who voted is known (participation), but kept in its own table.
    let voted = agenda_participation::Entity::find()
        .filter(agenda_participation::Column::MeetingId.eq(id))
        .count(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(voted, 6);
    // The audit log holds no voter key or receipt.
    let audit_text: String = audit_log::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.detail)
        .collect();
    for b in &ballots {
        assert!(!audit_text.contains(&b.voter_key));
        assert!(!audit_text.contains(&b.receipt_hash));
    }
}

#[tokio::test]
async fn the_published_ballots_recount_with_the_cli_to_the_same_result() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    for title in ["Timetable, term 2", "Rubric", "Trip", "Parents"] {
        propose(&leader, slug, id, title, 15).await;
    }
    let items = proposal_ids(&app, id).await;
    let voters = members(&app, &world.leader, slug, 9, "Count").await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    assert_eq!(
        leader
            .get(&format!("/teams/{slug}/meetings/{id}"))
            .await
            .status(),
        200
    );
    let mut receipts = Vec::new();
    for (i, v) in voters.iter().enumerate() {
        let mut order = items.clone();
        order.rotate_left(i % 4);
        order.truncate(1 + i % 3);
        let html = vote(v, slug, id, &order).await.text().await.unwrap();
        let marker = "yours will be <code class=\"hash\">";
        let start = html.find(marker).unwrap() + marker.len();
        receipts.push(html[start..start + 64].to_owned());
    }
    app.clock.advance(Duration::hours(WINDOW_HOURS + 1));
    let base = format!("/teams/{slug}/meetings/{id}/results");
    let ballots = leader
        .get(&format!("{base}/ballots.csv"))
        .await
        .bytes()
        .await
        .unwrap();
    let rules = leader
        .get(&format!("{base}/rules.json"))
        .await
        .bytes()
        .await
        .unwrap();
    let receipt_list = voters[0]
        .get(&format!("{base}/receipts.csv"))
        .await
        .text()
        .await
        .unwrap();
    for r in &receipts {
        assert!(receipt_list.contains(r.as_str()), "receipt {r} is listed");
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ballots.csv"), &ballots).unwrap();
    std::fs::write(dir.path().join("rules.json"), &rules).unwrap();
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
    let summaries: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let recounted: Vec<String> = summaries
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["results"].as_array().unwrap().clone())
        .flat_map(|round| round["tallyResults"].as_array().unwrap().clone())
        .filter_map(|r| r["elected"].as_str().map(str::to_owned))
        .collect();
    let result = stored(&tally_row(&app, id).await).unwrap();
    let ranking = result.output.ranking.unwrap();
    let published: Vec<String> = ranking
        .order
        .iter()
        .map(|r| ranking.name(r.candidate).to_owned())
        .collect();
    // The meeting's count stops once no item left fits the time; the full recount ranks
    // every item, and its first places are the published ones.
    assert_eq!(recounted[..published.len()], published[..]);
    assert_eq!(recounted.len(), 4);
    assert_eq!(published.len() + ranking.not_ranked.len(), 4);
    let unique: HashSet<&String> = recounted.iter().collect();
    assert_eq!(unique.len(), 4);
}

#[tokio::test]
async fn equal_shares_of_time_gives_a_united_minority_its_item() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting_with_rule(&app, &leader, slug, "secret", "equal_shares").await;
    propose(&leader, slug, id, "Timetable", 30).await;
    propose(&leader, slug, id, "Rubric", 30).await;
    propose(&leader, slug, id, "Inclusion", 20).await;
    let items = proposal_ids(&app, id).await;
    let voters = members(&app, &world.leader, slug, 10, "Share").await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    for (i, v) in voters.iter().enumerate() {
        let order = if i < 7 {
            vec![items[0], items[1]]
        } else {
            vec![items[2]]
        };
        assert_eq!(vote(v, slug, id, &order).await.status(), 200);
    }
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    let html = voters[0]
        .get(&format!("/teams/{slug}/meetings/{id}/results"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Equal shares of time"), "{html}");
    let result = stored(&tally_row(&app, id).await).unwrap();
    let chosen: Vec<String> = result
        .output
        .agenda
        .unwrap()
        .items
        .into_iter()
        .filter(|i| i.included)
        .map(|i| i.id)
        .collect();
    assert!(
        chosen.iter().any(|c| c.ends_with("Inclusion")),
        "{chosen:?}"
    );
}

#[tokio::test]
async fn a_place_decided_by_the_draw_says_so_on_the_results_and_the_agenda() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    propose(&leader, slug, id, "Timetable", 15).await;
    propose(&leader, slug, id, "Marking", 15).await;
    let items = proposal_ids(&app, id).await;
    let voters = members(&app, &world.leader, slug, 2, "Tie").await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    // One first preference each: a 1–1 tie in every round, so only the draw can decide.
    assert_eq!(vote(&voters[0], slug, id, &[items[0]]).await.status(), 200);
    assert_eq!(vote(&voters[1], slug, id, &[items[1]]).await.status(), 200);
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    let html = voters[0]
        .get(&format!("/teams/{slug}/meetings/{id}/results"))
        .await
        .text()
        .await
        .unwrap();
    let result = stored(&tally_row(&app, id).await).unwrap();
    let seed = result.input.rules.random_seed.unwrap();
    assert_eq!(
        serde_json::to_value(&result.input.rules).unwrap()["tiebreakMode"],
        "previousRoundCountsThenRandom",
        "the agenda's tie-break is recorded with the result"
    );
    let first = &result.output.agenda.as_ref().unwrap().items[0];
    assert!(first.drawn, "{first:?}");
    let other = if first.id.ends_with("Timetable") {
        format!("#{} Marking", items[1])
    } else {
        format!("#{} Timetable", items[0])
    };
    // Beside the item in the agenda table, in its "why" column and beside its place.
    assert!(html.contains("decided by the draw</span>"), "{html}");
    let sentence = format!("tied 1–1 with {other} in round 1;");
    assert!(html.contains(&sentence), "{sentence} missing from {html}");
    assert!(
        html.contains(&format!("seeded random draw (seed {seed})")),
        "{html}"
    );
    assert!(html.contains("Tie-break: tied 1–1"), "{html}");
    // The agenda the vote built says it too.
    let agenda = voters[1]
        .get(&format!("/teams/{slug}/meetings/{id}/agenda"))
        .await;
    assert_eq!(agenda.status(), 200);
    let agenda = agenda.text().await.unwrap();
    assert!(agenda.contains(&sentence), "agenda page: {agenda}");
}

#[tokio::test]
async fn a_saved_ballot_redirects_to_its_receipt_which_shows_once() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    propose(&leader, slug, id, "Timetable", 15).await;
    propose(&leader, slug, id, "Marking", 15).await;
    let items = proposal_ids(&app, id).await;
    let voter = &members(&app, &world.leader, slug, 1, "Receipt").await[0];
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    let fields = [
        (format!("rank_{}", items[1]), "1".to_owned()),
        (format!("rank_{}", items[0]), "2".to_owned()),
    ];
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let saved = voter
        .post(&format!("/teams/{slug}/meetings/{id}/ballot"), &refs)
        .await;
    assert_eq!(saved.status(), 303);
    let location = saved.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(
        location,
        format!("/teams/{slug}/meetings/{id}/ballot/receipt")
    );
    let receipt = voter.get(&location).await.text().await.unwrap();
    assert!(receipt.contains("Your receipt code"), "{receipt}");
    let marking = receipt.find("<li>Marking</li>").unwrap();
    let timetable = receipt.find("<li>Timetable</li>").unwrap();
    assert!(marking < timetable, "the ranking as saved: {receipt}");
    // A reload does not save again and never shows the code again.
    let again = voter.get(&location).await;
    assert_eq!(again.status(), 303);
    let ballot = voter.follow(again).await;
    assert!(ballot.contains("shown once"), "{ballot}");
    assert!(
        !ballot.contains("class=\"receipt\""),
        "the code is not shown again: {ballot}"
    );
    let participation = agenda_participation::Entity::find()
        .filter(agenda_participation::Column::MeetingId.eq(id))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(participation.changes, 0, "saved exactly once");
}

#[tokio::test]
async fn the_overview_shows_where_the_meeting_is_and_the_one_thing_to_do_now() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    propose(&leader, slug, id, "Timetable", 15).await;
    let items = proposal_ids(&app, id).await;
    let voter = &members(&app, &world.leader, slug, 1, "Next").await[0];
    let base = format!("/teams/{slug}/meetings/{id}");
    let current = |html: &str| {
        let at = html.find("aria-current=\"step\"").expect("a current step");
        let label = "<span class=\"step-label\">";
        let start = at + html[at..].find(label).unwrap() + label.len();
        let end = start + html[start..].find('<').unwrap();
        html[start..end].to_owned()
    };
    let html = voter.get(&base).await.text().await.unwrap();
    assert_eq!(current(&html), "Proposing");
    assert!(html.contains("proposals\">Propose an item</a>"), "{html}");
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    let html = voter.get(&base).await.text().await.unwrap();
    assert_eq!(current(&html), "Voting");
    assert!(html.contains("ballot\">Rank the items</a>"), "{html}");
    assert_eq!(vote(voter, slug, id, &[items[0]]).await.status(), 200);
    let html = voter.get(&base).await.text().await.unwrap();
    assert!(html.contains("ballot\">Change your ballot</a>"), "{html}");
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    let html = voter.get(&base).await.text().await.unwrap();
    assert_eq!(current(&html), "Results");
    assert!(html.contains("results\">See the results</a>"), "{html}");
}

/// The value a form field shows (`name="…"` then `value="…"`).
fn field_value(html: &str, name: &str) -> String {
    let at = html
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("no field {name}"));
    let rest = &html[at..];
    let start = rest.find("value=\"").unwrap() + "value=\"".len();
    let end = start + rest[start..].find('"').unwrap();
    rest[start..end].to_owned()
}

#[tokio::test]
async fn the_meeting_form_starts_from_the_teams_habits() {
    use roundtable::domain::clock::Clock;
    use roundtable::domain::meeting::{input_value, parse_local};
    use roundtable::domain::zone::Zone;

    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let new = format!("/teams/{slug}/meetings/new");

    // A first meeting: proposals open now, voting closes a day before the start, 60 minutes.
    let html = leader.get(&new).await.text().await.unwrap();
    let time = |name: &str| parse_local(&field_value(&html, name), Zone::utc()).unwrap();
    assert_eq!(
        field_value(&html, "proposals_open"),
        input_value(app.clock.now(), Zone::utc())
    );
    assert_eq!(time("voting_close"), time("starts_at") - Duration::days(1));
    assert_eq!(time("voting_open"), time("starts_at") - Duration::days(3));
    assert_eq!(time("proposals_close"), time("voting_open"));
    assert_eq!(field_value(&html, "budget_minutes"), "60");
    assert!(
        html.contains("Starts (UTC)"),
        "the form names the time zone"
    );

    // A 45-minute meeting in the library, facilitated by the leader.
    let mut form = crate::meeting_helpers::meeting_form(&app, "secret");
    let leader_id = world.leader.id.to_string();
    for (k, v) in &mut form {
        match k.as_str() {
            "budget_minutes" => *v = "45".to_owned(),
            "place" => *v = "Library".to_owned(),
            "facilitator_id" => v.clone_from(&leader_id),
            _ => {}
        }
    }
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let created = leader
        .post(&format!("/teams/{slug}/meetings"), &fields)
        .await;
    assert_eq!(created.status(), 303);
    let location = created.headers()["location"].to_str().unwrap().to_owned();

    // The next meeting starts from the team's latest one.
    let html = leader.get(&new).await.text().await.unwrap();
    assert_eq!(field_value(&html, "budget_minutes"), "45");
    assert_eq!(field_value(&html, "place"), "Library");

    // Editing it, its own facilitator has not "last facilitated" this very meeting.
    let edit = leader
        .get(&format!("{location}/edit"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        edit.contains("(last facilitated: never)"),
        "this meeting is not its own last facilitation: {edit}"
    );
}

#[tokio::test]
async fn pages_mark_where_you_are_and_only_admins_see_the_status_link() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    let html = leader
        .get(&format!("/teams/{slug}/meetings/{id}/proposals"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("proposals\" aria-current=\"page\">Proposals</a>"),
        "{html}"
    );
    assert_eq!(html.matches("aria-current=\"page\"").count(), 1, "{html}");
    assert!(!html.contains("Service status"), "members do not need it");
    assert!(html.contains("href=\"/static/favicon.svg\""));

    let admin = signed_in(&app, &world.admin).await;
    let home = admin.get("/").await.text().await.unwrap();
    assert!(home.contains("Service status"), "{home}");
    let icon = leader.get("/static/favicon.svg").await;
    assert_eq!(icon.status(), 200);
    assert_eq!(icon.headers()["content-type"], "image/svg+xml");
}
