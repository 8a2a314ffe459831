//! Ballot options read once per change (issue 13): the database raises
//! `meetings.proposals_version` with every proposal added, edited, withdrawn or changed by
//! hand (triggers, so no write path can forget), and the ballot page keeps a meeting's options
//! under that number. Tested the way it would break: a ballot page read before a change must
//! show the change after it.

use roundtable::domain::ids::MeetingId;
use roundtable::store::entities::{agenda_proposals, meetings};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::helpers::{Browser, TestApp, seed, signed_in, spawn_app};
use crate::meeting_helpers::{create_meeting, proposal_ids, propose};

async fn version(app: &TestApp, id: MeetingId) -> i64 {
    meetings::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .proposals_version
}

async fn ballot(browser: &Browser, slug: &str, id: MeetingId) -> String {
    let response = browser
        .get(&format!("/teams/{slug}/meetings/{id}/ballot"))
        .await;
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

#[tokio::test]
async fn the_ballot_shows_every_change_of_the_proposals_made_after_it_was_read() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = world.team_a.as_str();
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    let other = create_meeting(&app, &leader, slug, "secret").await;
    let (start, other_start) = (version(&app, id).await, version(&app, other).await);

    propose(&leader, slug, id, "Timetable review", 10).await;
    let proposed = version(&app, id).await;
    assert!(proposed > start, "a proposal raises it");
    assert!(ballot(&leader, slug, id).await.contains("Timetable review"));

    propose(&leader, slug, id, "Playground rota", 5).await;
    let page = ballot(&leader, slug, id).await;
    assert!(page.contains("Timetable review") && page.contains("Playground rota"));
    let ids = proposal_ids(&app, id).await;
    let (first, second) = (ids[0], ids[1]);

    let edited = leader
        .post(
            &format!("/teams/{slug}/meetings/{id}/proposals/{first}/edit"),
            &[
                ("title", "Timetable review for term two"),
                ("why", "It keeps coming up and nobody owns it."),
                ("minutes", "15"),
            ],
        )
        .await;
    assert_eq!(edited.status(), 303);
    let page = ballot(&leader, slug, id).await;
    assert!(
        page.contains("Timetable review for term two"),
        "an edit shows"
    );
    assert!(page.contains("15 min"), "{page}");

    let withdrawn = leader
        .post(
            &format!("/teams/{slug}/meetings/{id}/proposals/{second}/withdraw"),
            &[],
        )
        .await;
    assert_eq!(withdrawn.status(), 303);
    assert!(
        !ballot(&leader, slug, id).await.contains("Playground rota"),
        "a withdrawn item leaves the ballot"
    );

    // A change that bypasses the services is caught too: the database keeps the number.
    let before = version(&app, id).await;
    agenda_proposals::Entity::update_many()
        .col_expr(agenda_proposals::Column::Title, "Renamed by hand".into())
        .filter(agenda_proposals::Column::Id.eq(first))
        .exec(&app.db.conn)
        .await
        .unwrap();
    assert!(
        version(&app, id).await > before,
        "an update by hand raises it"
    );
    assert!(ballot(&leader, slug, id).await.contains("Renamed by hand"));
    agenda_proposals::Entity::delete_many()
        .filter(agenda_proposals::Column::Id.eq(first))
        .exec(&app.db.conn)
        .await
        .unwrap();
    assert!(
        !ballot(&leader, slug, id).await.contains("Renamed by hand"),
        "a delete by hand shows"
    );

    assert_eq!(
        version(&app, other).await,
        other_start,
        "another meeting's proposals version stays"
    );
}
