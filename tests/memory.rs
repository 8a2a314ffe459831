//! Memory bounds, in a test binary of their own: the `api` binary runs its tests in parallel in
//! one process, so its peak resident memory is everyone's; here it is this test's alone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[allow(dead_code)]
#[path = "api/helpers.rs"]
mod helpers;
#[allow(dead_code)]
#[path = "api/live_helpers.rs"]
mod live_helpers;
#[allow(dead_code)]
#[path = "api/meeting_helpers.rs"]
mod meeting_helpers;

use roundtable::service::meetings::live;
use roundtable::store::entities::{agenda_ballots, agenda_proposals};
use sea_orm::{ActiveModelTrait, Set};
use time::Duration;

use helpers::{seed, signed_in, spawn_app};
use live_helpers::{count_now, show_live};
use meeting_helpers::{WINDOW_HOURS, create_meeting};

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
            status: Set(agenda_proposals::ProposalStatus::Active),
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
        let ranking: Vec<_> = (0..10)
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

/// VmHWM (peak resident memory) of this process, in kB.
fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}
