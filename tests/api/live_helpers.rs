//! Shared by the live-results tests: turn a meeting's results live, count until current.

use roundtable::domain::ids::MeetingId;
use roundtable::service::meetings::live;
use roundtable::store::entities::{agenda_live_results, meetings};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

use crate::helpers::TestApp;

/// Turns a meeting's results to live (counts shown while voting is open).
pub async fn show_live(app: &TestApp, id: MeetingId) {
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
pub async fn count_now(app: &TestApp, id: MeetingId) {
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
