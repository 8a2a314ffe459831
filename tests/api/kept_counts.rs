//! Counts the database keeps (issue 13): a meeting's ballots, voters and active proposals and
//! a team's members are kept on the meeting and team rows by triggers, so the meeting page reads
//! them instead of counting thousands of rows. Tested the way they would break: after every
//! kind of write — a vote, a changed ballot, a proposal hidden, restored and deleted by hand, a
//! member removed, an account deleted by hand (its votes and memberships go with it by
//! cascade), a secret meeting's ballots unlinked by the tally — every kept count equals the
//! rows counted, and the migration sets the counts from the rows already there. The first
//! ballot, as counted there, freezes the meeting's privacy and closes moderation.

use roundtable::domain::clock::Clock;
use roundtable::service::meetings::tally;
use roundtable::service::teams;
use roundtable::store;
use roundtable::store::entities::{
    agenda_ballots, agenda_participation, agenda_proposals, meetings, memberships,
    teams as team_rows, users,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use time::Duration;

use crate::helpers::{principal, seed, signed_in, spawn_app};
use crate::language_helpers::read;
use crate::meeting_helpers::{
    VotingMeeting, WINDOW_HOURS, create_meeting, meeting_form_at, members, proposal_ids, propose,
    vote, voting_meeting,
};

/// Asserts every meeting's and team's kept counts equal their rows; returns the sum of all
/// counts (so a caller can tell the check saw something).
async fn assert_kept_counts_match(db: &DatabaseConnection, when: &str) -> u64 {
    let mut seen = 0;
    for m in meetings::Entity::find().all(db).await.unwrap() {
        let ballots = agenda_ballots::Entity::find()
            .filter(agenda_ballots::Column::MeetingId.eq(m.id))
            .count(db)
            .await
            .unwrap();
        let voters = agenda_participation::Entity::find()
            .filter(agenda_participation::Column::MeetingId.eq(m.id))
            .count(db)
            .await
            .unwrap();
        let active = agenda_proposals::Entity::find()
            .filter(agenda_proposals::Column::MeetingId.eq(m.id))
            .filter(agenda_proposals::Column::Status.eq("active"))
            .count(db)
            .await
            .unwrap();
        let kept = (m.ballot_count, m.voter_count, m.active_proposal_count);
        let counted = (ballots, voters, active);
        let counted = (
            i64::try_from(counted.0).unwrap(),
            i64::try_from(counted.1).unwrap(),
            i64::try_from(counted.2).unwrap(),
        );
        assert_eq!(kept, counted, "meeting {} {when}", m.id);
        seen += ballots + voters + active;
    }
    for t in team_rows::Entity::find().all(db).await.unwrap() {
        let members = memberships::Entity::find()
            .filter(memberships::Column::TeamId.eq(t.id))
            .count(db)
            .await
            .unwrap();
        assert_eq!(
            t.member_count,
            i64::try_from(members).unwrap(),
            "team {} {when}",
            t.slug
        );
        seen += members;
    }
    seen
}

#[tokio::test]
async fn kept_counts_follow_every_kind_of_write() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let db = &app.db.conn;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    for title in ["Timetable", "Marking", "Trips"] {
        propose(&leader, slug, id, title, 15).await;
    }
    assert_kept_counts_match(db, "after proposing").await;
    let items = proposal_ids(&app, id).await;

    // By hand, past the services: hidden, restored, deleted.
    let set_status = |status: &'static str| {
        agenda_proposals::Entity::update_many()
            .col_expr(agenda_proposals::Column::Status, status.into())
            .filter(agenda_proposals::Column::Id.eq(items[2]))
            .exec(db)
    };
    set_status("hidden").await.unwrap();
    assert_kept_counts_match(db, "after hiding").await;
    set_status("active").await.unwrap();
    assert_kept_counts_match(db, "after restoring").await;
    agenda_proposals::Entity::delete_many()
        .filter(agenda_proposals::Column::Id.eq(items[2]))
        .exec(db)
        .await
        .unwrap();
    assert_kept_counts_match(db, "after deleting a proposal").await;

    let voters = members(&app, &world.leader, slug, 4, "Counted").await;
    assert_kept_counts_match(db, "after four joined").await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    for voter in &voters {
        assert_eq!(
            vote(voter, slug, id, &[items[0], items[1]]).await.status(),
            200
        );
    }
    // A changed ballot replaces the first: no new row.
    assert_eq!(
        vote(&voters[0], slug, id, &[items[1], items[0]])
            .await
            .status(),
        200
    );
    assert_kept_counts_match(db, "after voting").await;
    let page = read(&leader, &format!("/teams/{slug}/meetings/{id}")).await;
    assert!(
        page.contains("4 of 6 have voted") && page.contains("Ballots cast: 4."),
        "{page}"
    );

    // A member removed by a leader; an account deleted by hand (its participation and
    // memberships go by cascade, its secret ballot stays).
    let counted = |n: usize| format!("Counted{n}");
    let user_of = |name: String| async move {
        users::Entity::find()
            .filter(users::Column::DisplayName.eq(name))
            .one(db)
            .await
            .unwrap()
            .unwrap()
    };
    let removed = user_of(counted(3)).await;
    teams::remove_member(db, principal(&world.leader, false), slug, removed.id)
        .await
        .unwrap();
    let deleted = user_of(counted(2)).await;
    users::Entity::delete_by_id(deleted.id)
        .exec(db)
        .await
        .unwrap();
    assert_kept_counts_match(db, "after a removal and a deletion").await;
    let page = read(&leader, &format!("/teams/{slug}/meetings/{id}")).await;
    assert!(
        page.contains("3 of 4 have voted") && page.contains("Ballots cast: 4."),
        "{page}"
    );

    // The tally replaces a secret meeting's ballots with unlinked rows.
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    assert_eq!(tally::run_due(db, app.clock.now()).await.unwrap(), 1);
    assert!(assert_kept_counts_match(db, "after the tally").await > 0);
    let kept = meetings::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            kept.ballot_count,
            kept.voter_count,
            kept.active_proposal_count
        ),
        (4, 3, 2)
    );
}

#[tokio::test]
async fn the_migration_sets_the_counts_from_the_rows_already_there() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let VotingMeeting { id, items, voters } =
        voting_meeting(&app, &world, &leader, "open", (2, "Before")).await;
    for voter in &voters {
        assert_eq!(
            vote(voter, slug, id, &[items[0], items[1]]).await.status(),
            200
        );
    }
    // Back to before the counts (the columns and triggers go), then up again.
    store::migrate_down(&app.db, Some(1)).await.unwrap();
    store::migrate_up(&app.db).await.unwrap();
    let db = &app.db.conn;
    assert!(assert_kept_counts_match(db, "after the migration").await > 0);
    let kept = meetings::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            kept.ballot_count,
            kept.voter_count,
            kept.active_proposal_count
        ),
        (2, 2, 2)
    );
}

#[tokio::test]
async fn the_first_ballot_freezes_the_privacy_and_closes_moderation_as_counted() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let created = app.clock.now();
    let VotingMeeting { id, items, voters } =
        voting_meeting(&app, &world, &leader, "open", (1, "First")).await;
    let edit = format!("/teams/{slug}/meetings/{id}/edit");
    let item = format!("/teams/{slug}/meetings/{id}/proposals/{}", items[0]);
    // The edit form as created, with another privacy: the windows are unchanged.
    let as_created = |privacy: &str| meeting_form_at(created, privacy);
    let post = |form: Vec<(String, String)>| {
        let leader = &leader;
        let edit = edit.clone();
        async move {
            let fields: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let response = leader.post(&edit, &fields).await;
            let status = response.status().as_u16();
            (status, response.text().await.unwrap())
        }
    };
    // No ballot yet: the privacy may change, and the item page offers a merge.
    assert_eq!(post(as_created("secret")).await.0, 303);
    assert!(read(&leader, &item).await.contains("name=\"into\""));
    assert_eq!(post(as_created("open")).await.0, 303);

    assert_eq!(vote(&voters[0], slug, id, &[items[0]]).await.status(), 200);
    let (status, page) = post(as_created("secret")).await;
    assert_eq!(status, 422, "{page}");
    assert!(
        page.contains("ballot privacy can no longer change"),
        "{page}"
    );
    assert!(!read(&leader, &item).await.contains("name=\"into\""));
    let kept = meetings::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.ballot_count, 1);
}
