//! Live results are counted in the background once per change and only read by pages: a crowd
//! loading the results page of a large meeting keeps the server's memory bounded.

use roundtable::service::meetings::live;
use roundtable::store::entities::{
    agenda_ballots, agenda_live_results, agenda_proposals, meetings,
};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use time::Duration;

use crate::helpers::{TestApp, seed, signed_in, spawn_app};
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, proposal_ids, propose, vote};

/// Turns a meeting's results to live (counts shown while voting is open).
async fn show_live(app: &TestApp, id: i64) {
    let meeting = meetings::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let mut active: meetings::ActiveModel = meeting.into();
    active.results_visibility = Set(meetings::ResultsVisibility::Live);
    active.update(&app.db.conn).await.unwrap();
}

/// Counts until the stored live count is current (the background task may get there first).
async fn count_now(app: &TestApp, id: i64) {
    for _ in 0..50 {
        live::count_due(
            &app.db.conn,
            roundtable::domain::clock::Clock::now(&*app.clock),
        )
        .await
        .unwrap();
        let row = agenda_live_results::Entity::find_by_id(id)
            .one(&app.db.conn)
            .await
            .unwrap()
            .unwrap();
        if row.counted_generation == Some(row.generation) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the live count never caught up");
}

async fn page(browser: &crate::helpers::Browser, url: &str) -> String {
    browser.get(url).await.text().await.unwrap()
}

/// VmHWM (peak resident memory) of this process, in kB.
fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[tokio::test]
async fn a_saved_ballot_is_counted_in_the_background_and_the_page_serves_that_count() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "open").await;
    show_live(&app, id).await;
    propose(&leader, slug, id, "Timetable", 20).await;
    propose(&leader, slug, id, "Rubric", 15).await;
    let items = proposal_ids(&app, id).await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    let url = format!("/teams/{slug}/meetings/{id}/results");
    let before = page(&leader, &url).await;
    assert!(before.contains("The live count is being made"), "{before}");

    assert_eq!(
        vote(&leader, slug, id, &[items[1], items[0]])
            .await
            .status(),
        200
    );
    let row = agenda_live_results::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.generation, 1);
    count_now(&app, id).await;
    let html = page(&leader, &url).await;
    assert!(html.contains("1 ballot counted"), "{html}");
    assert!(html.contains("Provisional"), "{html}");
    assert!(html.contains("Place 1: Rubric"), "{html}");

    // A changed ballot makes the count due again; the next count reflects it.
    assert_eq!(vote(&leader, slug, id, &[items[0]]).await.status(), 200);
    count_now(&app, id).await;
    let html = page(&leader, &url).await;
    assert!(html.contains("Place 1: Timetable"), "{html}");
}

#[tokio::test]
async fn fifty_concurrent_loads_of_a_large_live_count_keep_memory_bounded() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "open").await;
    show_live(&app, id).await;
    // 1,000 proposals and 200 ballots, written directly: the HTTP path is tested elsewhere.
    let now = roundtable::domain::clock::Clock::now(&*app.clock);
    let mut ids = Vec::new();
    for i in 0..1000_i32 {
        let row = agenda_proposals::ActiveModel {
            meeting_id: Set(id),
            author_id: Set(None),
            title: Set(format!("Proposal {i}")),
            why: Set("It matters.".to_owned()),
            minutes: Set(5 + i % 26),
            status: Set("active".to_owned()),
            hidden_reason: Set(None),
            merged_into: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db.conn)
        .await
        .unwrap();
        ids.push(row.id);
    }
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    for v in 0..200_usize {
        let ranking: Vec<i64> = (0..10)
            .map(|k| ids[(v * 37 + k * k * 101) % ids.len()])
            .collect();
        let mut unique = ranking.clone();
        unique.dedup();
        agenda_ballots::ActiveModel {
            meeting_id: Set(id),
            voter_key: Set(format!("voter-{v}")),
            voter_id: Set(None),
            ranking: Set(serde_json::to_string(&unique).unwrap()),
            receipt_hash: Set(format!("{v:064}")),
            ..Default::default()
        }
        .insert(&app.db.conn)
        .await
        .unwrap();
    }
    live::mark_changed(&app.db.conn, id).await.unwrap();
    count_now(&app, id).await;

    let url = format!("/teams/{slug}/meetings/{id}/results");
    let loads = (0..50).map(|_| {
        let b = &leader;
        let url = url.clone();
        async move {
            let r = b.get(&url).await;
            (r.status(), r.text().await.unwrap())
        }
    });
    let pages = futures_util::future::join_all(loads).await;
    for (status, html) in &pages {
        assert_eq!(status.as_u16(), 200);
        assert!(html.contains("200 ballots counted"));
        assert!(html.contains("not ranked: the agenda was full"));
    }
    let peak_mb = peak_rss_kb() / 1024;
    assert!(peak_mb < 500, "peak resident memory {peak_mb} MB");
}
