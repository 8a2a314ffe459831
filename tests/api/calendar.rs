//! The personal calendar feed (issue 19): a secret address made on the account page serves the
//! person's meetings in every team, their actions' and milestones' due dates as iCalendar
//! (parsed back here with the `icalendar` crate's parser); a revoked or replaced address
//! answers 404; the token is never stored in clear.

use icalendar::{Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime};
use roundtable::domain::clock::Clock;
use roundtable::domain::ids::{TeamId, UserId};
use roundtable::store::entities::audit_log::AuditAction;
use roundtable::store::entities::{
    calendar_feeds, meetings, role_map_milestones, role_maps, teams,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use time::Duration;

use crate::action_helpers::{create_action, day};
use crate::helpers::{
    Browser, TestApp, add_member, create_person, create_team, seed, signed_in, spawn_app,
};
use crate::live_meeting_helpers::audited;
use crate::meeting_helpers::create_meeting;

/// Makes (or remakes) the person's feed on the account page; returns the address's path.
async fn make_feed(browser: &Browser) -> String {
    let made = browser.post("/account/calendar", &[]).await;
    assert_eq!(made.status(), 303);
    let account = browser.follow(made).await.replace("&#x2F;", "/");
    let start = account
        .find("/calendar/")
        .expect("the address is shown once");
    let end = account[start..].find(".ics").unwrap() + start + 4;
    account[start..end].to_owned()
}

async fn team_id(app: &TestApp, slug: &str) -> TeamId {
    teams::Entity::find()
        .filter(teams::Column::Slug.eq(slug))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A published role map in `team` with one milestone owned by `owner`, due in `days`.
async fn milestone(app: &TestApp, team: TeamId, owner: UserId, title: &str, days: i64) {
    let now = app.clock.now();
    let map = role_maps::ActiveModel {
        team_id: Set(team),
        title: Set("Reading pilot".to_owned()),
        outcome: Set("Every Y7 pupil reads daily.".to_owned()),
        owner_id: Set(owner),
        status: Set(role_maps::Status::Published),
        version: Set(1),
        created_by: Set(Some(owner)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap();
    role_map_milestones::ActiveModel {
        role_map_id: Set(map.id),
        title: Set(title.to_owned()),
        owner_id: Set(owner),
        due_on: Set((now + Duration::days(days)).date()),
        done: Set(false),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap();
}

struct Parsed {
    summary: String,
    description: String,
    url: String,
    start: DatePerhapsTime,
}

fn parse(text: &str) -> Vec<Parsed> {
    let calendar: Calendar = text.parse().expect("the feed parses as iCalendar");
    calendar
        .components
        .iter()
        .filter_map(CalendarComponent::as_event)
        .map(|e| Parsed {
            summary: e.get_summary().unwrap_or_default().to_owned(),
            description: e.get_description().unwrap_or_default().to_owned(),
            url: e.get_url().unwrap_or_default().to_owned(),
            start: e.get_start().expect("every event starts"),
        })
        .collect()
}

#[tokio::test]
async fn the_feed_lists_my_meetings_actions_and_milestones_and_parses_back() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let carla = create_person(&app, "Carla", false).await;
    let cohort = create_team(&app, &world.admin, "Cohort", &carla).await;
    add_member(&app, &carla, &cohort, &world.member, "member").await;
    let leader = signed_in(&app, &world.leader).await;
    let carla_browser = signed_in(&app, &carla).await;
    let in_a = create_meeting(&app, &leader, &world.team_a, "secret").await;
    let in_cohort = create_meeting(&app, &carla_browser, &cohort, "secret").await;
    let elsewhere = create_meeting(
        &app,
        &signed_in(&app, &world.outsider).await,
        &world.team_b,
        "secret",
    )
    .await;
    let due = day(&app, 4);
    let mine = create_action(
        &leader,
        &world.team_a,
        "Book the hall",
        world.member.id,
        &due,
    )
    .await;
    let theirs = create_action(
        &leader,
        &world.team_a,
        "Ask the head",
        world.leader.id,
        &due,
    )
    .await;
    milestone(
        &app,
        team_id(&app, &cohort).await,
        world.member.id,
        "Pilot in Y7",
        20,
    )
    .await;

    let member = signed_in(&app, &world.member).await;
    let path = make_feed(&member).await;
    // The feed needs no session: the token stands in for the person.
    let response = app.get(&path).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let events = parse(&response.text().await.unwrap());

    let meeting = meetings::Entity::find_by_id(in_a)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let a = events
        .iter()
        .find(|e| {
            e.url
                .ends_with(&format!("/teams/{}/meetings/{in_a}", world.team_a))
        })
        .expect("the meeting in team A");
    assert_eq!(a.summary, "Weekly leadership meeting");
    assert!(
        a.description
            .contains("Move the school improvement plan forward together."),
        "{}",
        a.description
    );
    assert!(
        a.description
            .contains(&format!("/teams/{}/meetings/{in_a}/agenda", world.team_a))
    );
    match &a.start {
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(at)) => {
            assert_eq!(at.timestamp(), meeting.starts_at.unix_timestamp());
        }
        other => panic!("a meeting starts at a UTC time, not {other:?}"),
    }
    assert!(
        events.iter().any(|e| e
            .url
            .ends_with(&format!("/teams/{cohort}/meetings/{in_cohort}"))),
        "every team"
    );
    assert!(
        !events
            .iter()
            .any(|e| e.url.contains(&format!("/meetings/{elsewhere}"))),
        "not other teams'"
    );

    let action = events
        .iter()
        .find(|e| e.url.ends_with(&format!("/actions/{mine}")))
        .expect("my action");
    assert_eq!(action.summary, "Action due: Book the hall");
    match &action.start {
        DatePerhapsTime::Date(d) => assert_eq!(d.to_string(), due),
        other => panic!("a due date is a whole day, not {other:?}"),
    }
    assert!(
        !events
            .iter()
            .any(|e| e.url.ends_with(&format!("/actions/{theirs}"))),
        "only mine"
    );
    let pilot = events
        .iter()
        .find(|e| e.summary == "Milestone due: Pilot in Y7")
        .expect("my milestone");
    assert!(matches!(pilot.start, DatePerhapsTime::Date(_)));
    assert!(pilot.url.contains(&format!("/teams/{cohort}/roles/")));
    assert_eq!(events.len(), 4, "two meetings, one action, one milestone");
}

#[tokio::test]
async fn a_revoked_or_replaced_address_answers_404_and_the_token_is_not_stored() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let member = signed_in(&app, &world.member).await;
    let account = member.get("/account").await.text().await.unwrap();
    assert!(
        account.contains("You have no calendar address."),
        "{account}"
    );

    let first = make_feed(&member).await;
    assert_eq!(app.get(&first).await.status(), 200);
    let token = first
        .trim_start_matches("/calendar/")
        .trim_end_matches(".ics");
    assert_eq!(token.len(), 64);
    assert_eq!(
        app.get(&format!("/calendar/{token}")).await.status(),
        404,
        "only as .ics"
    );
    let row = calendar_feeds::Entity::find_by_id(world.member.id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(row.token_hash, token);
    assert!(!format!("{row:?}").contains(token), "stored hashed only");
    let account = member.get("/account").await.text().await.unwrap();
    assert!(!account.contains(token), "shown only once");

    let second = make_feed(&member).await;
    assert_ne!(first, second);
    assert_eq!(
        app.get(&first).await.status(),
        404,
        "the old address stops working"
    );
    assert_eq!(app.get(&second).await.status(), 200);

    let revoked = member.post("/account/calendar/revoke", &[]).await;
    assert_eq!(revoked.status(), 303);
    assert_eq!(app.get(&second).await.status(), 404, "revoked");
    assert_eq!(app.get("/calendar/not-a-token.ics").await.status(), 404);
    assert_eq!(
        app.get(&format!("/calendar/{}.ics", "0".repeat(64)))
            .await
            .status(),
        404
    );
    assert_eq!(audited(&app, AuditAction::CalendarFeedCreate).await, 2);
    assert_eq!(audited(&app, AuditAction::CalendarFeedRevoke).await, 1);
}
