//! The meeting page reads its phase, cancel offer, counts, how many fixed items there are, the
//! visitor's vote and the facilitator's name in one statement (`service::meetings::facts`, issue 13). Each of those
//! is changed here after the page was read, and the page must show the change: a merged
//! statement that read a column from the wrong row, or for the wrong person, would not.

use roundtable::domain::clock::Clock;
use roundtable::store::entities::{
    agenda_participation, meeting_fixed_items, meeting_runs, meetings,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use time::Duration;

use crate::helpers::{Browser, TestApp, seed, signed_in, spawn_app};
use crate::live_meeting_helpers::publish_agenda;
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, members, proposal_ids, propose, vote};

async fn read(browser: &Browser, path: &str) -> String {
    let response = browser.get(path).await;
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

async fn changes_of(app: &TestApp, meeting: roundtable::domain::ids::MeetingId) -> Vec<i32> {
    agenda_participation::Entity::find()
        .filter(agenda_participation::Column::MeetingId.eq(meeting))
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.changes)
        .collect()
}

#[tokio::test]
async fn the_meeting_page_shows_each_fact_changed_after_it_was_read() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = world.team_a.as_str();
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    // A second meeting of the same team, whose facts must not leak into the first's.
    let other = create_meeting(&app, &leader, slug, "secret").await;
    propose(&leader, slug, id, "Timetable", 15).await;
    propose(&leader, slug, id, "Marking", 15).await;
    propose(&leader, slug, other, "Elsewhere", 5).await;
    let items = proposal_ids(&app, id).await;
    let voters = members(&app, &world.leader, slug, 2, "Facts").await;
    let base = format!("/teams/{slug}/meetings/{id}");
    // The leader's cancel form (its section's heading).
    let cancel_form = "id=\"cancel-h\"";

    let before = read(&voters[0], &base).await;
    assert!(before.contains("not chosen yet"), "{before}");
    assert!(before.contains("0 of 4 have voted"), "{before}");
    assert!(before.contains("Proposed items: 2"), "{before}");
    assert!(!before.contains("You voted"), "{before}");
    let leaders = read(&leader, &base).await;
    assert!(leaders.contains(cancel_form), "{leaders}");

    // The facilitator is chosen (by hand: the page reads, whoever wrote).
    let mut meeting: meetings::ActiveModel = meetings::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .into();
    meeting.facilitator_id = Set(Some(world.member.id));
    meeting.update(&app.db.conn).await.unwrap();
    let named = read(&voters[0], &base).await;
    // The seeded member is called "Member"; the facilitator's line names them.
    assert!(
        named.contains("<dd>Member</dd>") && !named.contains("not chosen yet"),
        "{named}"
    );

    // The fixed items: read only when the facts count some, so removing them hides the section
    // and adding them back shows them, in order, on this meeting only.
    let reserved = "Reserved at the start";
    assert!(
        named.contains("Three-minute action scan (3 min)"),
        "{named}"
    );
    meeting_fixed_items::Entity::delete_many()
        .filter(meeting_fixed_items::Column::MeetingId.eq(id))
        .exec(&app.db.conn)
        .await
        .unwrap();
    let none = read(&voters[0], &base).await;
    assert!(!none.contains(reserved), "{none}");
    assert!(
        read(&voters[0], &format!("/teams/{slug}/meetings/{other}"))
            .await
            .contains(reserved),
        "the other meeting keeps its fixed item"
    );
    for (position, title, minutes) in [(1, "Check-in round", 5), (0, "Welcome", 2)] {
        meeting_fixed_items::ActiveModel {
            meeting_id: Set(id),
            position: Set(position),
            title: Set(title.to_owned()),
            minutes: Set(minutes),
            ..Default::default()
        }
        .insert(&app.db.conn)
        .await
        .unwrap();
    }
    let two = read(&voters[0], &base).await;
    let welcome = two.find("Welcome (2 min)").expect("the first fixed item");
    let round = two.find("Check-in round (5 min)").expect("the second");
    assert!(welcome < round, "in position order: {two}");

    // One voter votes, then changes it; the other voter's page says nothing of it.
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    assert_eq!(vote(&voters[0], slug, id, &[items[0]]).await.status(), 200);
    let voted = read(&voters[0], &base).await;
    assert!(voted.contains("You voted at"), "{voted}");
    assert!(voted.contains("1 of 4 has voted"), "{voted}");
    assert!(voted.contains("Ballots cast: 1."), "{voted}");
    assert!(!read(&voters[1], &base).await.contains("You voted"));
    assert_eq!(
        vote(&voters[0], slug, id, &[items[1], items[0]])
            .await
            .status(),
        200
    );
    assert_eq!(changes_of(&app, id).await, vec![1]);
    let changed = read(&voters[0], &base).await;
    assert!(
        changed.contains("You voted, and changed your ballot at"),
        "{changed}"
    );
    // The other meeting has no vote of theirs.
    assert!(
        !read(&voters[0], &format!("/teams/{slug}/meetings/{other}"))
            .await
            .contains("You voted")
    );

    // A closed live run takes the leader's cancel form away.
    meeting_runs::ActiveModel {
        meeting_id: Set(id),
        note_taker_id: Set(None),
        closed_at: Set(Some(app.clock.now())),
        closed_by: Set(Some(world.leader.id)),
    }
    .insert(&app.db.conn)
    .await
    .unwrap();
    assert!(!read(&leader, &base).await.contains(cancel_form));
    assert!(
        read(&leader, &format!("/teams/{slug}/meetings/{other}"))
            .await
            .contains(cancel_form),
        "another meeting's run does not count"
    );

    // A published agenda is the page's phase once voting has closed.
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    let unpublished = read(&voters[1], &base).await;
    assert!(unpublished.contains("<dd>tallied</dd>"), "{unpublished}");
    publish_agenda(&app, id, &[("Timetable", 15)]).await;
    let published = read(&voters[1], &base).await;
    assert!(
        published.contains("<dd>agenda published</dd>"),
        "{published}"
    );
}
