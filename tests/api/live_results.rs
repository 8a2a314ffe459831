//! Live results are counted in the background once per change and only read by pages (the
//! memory bound under a crowd of readers is `tests/memory.rs`, a process of its own).

use roundtable::store::entities::agenda_live_results;
use sea_orm::EntityTrait;
use time::Duration;

use crate::helpers::{seed, signed_in, spawn_app};
use crate::live_helpers::{count_now, show_live};
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, proposal_ids, propose, vote};

async fn page(browser: &crate::helpers::Browser, url: &str) -> String {
    browser.get(url).await.text().await.unwrap()
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
