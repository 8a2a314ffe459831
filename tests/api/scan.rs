//! The three-minute scan over HTTP: for a constructed history it shows exactly the action that
//! moved since the previous meeting, the blocked one, the overdue one, the unmet help request
//! and the decision due for review, and says so in a sentence where a section is empty.

use roundtable::domain::checkin::IsoWeek;
use roundtable::domain::clock::Clock;
use roundtable::domain::meeting::input_value;
use roundtable::domain::zone::Zone;
use time::Duration;

use crate::action_helpers::{create_action, day, move_action};
use crate::checkin_helpers::{checked_in, read};
use crate::helpers::{seed, signed_in, spawn_app};
use crate::live_meeting_helpers::{live_post, page, publish_agenda};
use crate::meeting_helpers::{create_meeting, meeting_form};

/// The part of `html` between the first `from` and the next `to`.
fn between(html: &str, from: &str, to: &str) -> String {
    html.split(from)
        .nth(1)
        .unwrap()
        .split(to)
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_scan_shows_exactly_what_changed_since_the_previous_meeting() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let me = world.leader.id;

    // The previous meeting (it starts in 18 hours) took two decisions on its first item.
    let previous = create_meeting(&app, &leader, slug, "secret").await;
    publish_agenda(&app, previous, &[("Rubric", 10)]).await;
    assert_eq!(
        live_post(&leader, slug, previous, "items/0/start", &[]).await,
        303
    );
    for (text, review) in [
        ("Review the rubric", day(&app, 3)),
        ("Revisit the trip", day(&app, 60)),
    ] {
        let fields = [("text", text), ("review_on", review.as_str())];
        assert_eq!(
            live_post(&leader, slug, previous, "items/0/decisions", &fields).await,
            303
        );
    }
    // Actions before it: one blocked then, one due in two days, two quiet ones, one done.
    let blocked = create_action(&leader, slug, "Fix the projector", me, &day(&app, 30)).await;
    assert_eq!(
        move_action(&leader, slug, blocked, "blocked", "Waiting on IT").await,
        303
    );
    create_action(&leader, slug, "Send the survey", me, &day(&app, 2)).await;
    let moved = create_action(&leader, slug, "Draft the timetable", me, &day(&app, 30)).await;
    create_action(&leader, slug, "Order books", me, &day(&app, 30)).await;
    let finished = create_action(&leader, slug, "Clean the lab", me, &day(&app, 30)).await;
    assert_eq!(move_action(&leader, slug, finished, "done", "").await, 303);
    let key = format!("scan-{}", uuid::Uuid::new_v4().simple());
    let help = [
        ("kind", "request"),
        ("title", "Cover period 3"),
        ("detail", "Year 9"),
        ("category", "cover"),
        ("estimated_minutes", "50"),
        ("expires_in_days", "14"),
        ("idempotency_key", key.as_str()),
    ];
    assert_eq!(
        leader
            .post(&format!("/teams/{slug}/help"), &help)
            .await
            .status(),
        303
    );

    // After the previous meeting one action moves, and the next meeting is created.
    app.clock.advance(Duration::hours(20));
    let leader = signed_in(&app, &world.leader).await;
    assert_eq!(
        move_action(&leader, slug, moved, "in_progress", "").await,
        303
    );
    let next = create_meeting(&app, &leader, slug, "secret").await;

    // Eight days on: the survey is overdue, the request unmet, the rubric due for review.
    app.clock.advance(Duration::days(8) - Duration::hours(20));
    let member = signed_in(&app, &world.member).await;
    let scan = page(&member, &format!("/teams/{slug}/meetings/{next}/scan")).await;
    let section = |from: &str, to: &str| between(&scan, from, to);
    let moved_part = section("Actions that moved", "Blocked or overdue");
    assert!(
        moved_part.contains("Draft the timetable") && moved_part.contains("open → in progress"),
        "{scan}"
    );
    assert_eq!(moved_part.matches("<li>").count(), 1);
    let stuck = section("Blocked or overdue", "Decisions due for review");
    assert!(stuck.contains("Fix the projector") && stuck.contains("blocked: Waiting on IT"));
    assert!(stuck.contains("Send the survey") && stuck.contains("overdue"));
    assert_eq!(stuck.matches("<li>").count(), 2);
    let reviews = section("Decisions due for review", "Unmet help requests");
    assert!(reviews.contains("Review the rubric") && !reviews.contains("Revisit the trip"));
    assert_eq!(reviews.matches("<li>").count(), 1);
    let unmet = section("Unmet help requests", "Recognitions");
    assert!(unmet.contains("Cover period 3"));
    assert_eq!(unmet.matches("<li>").count(), 1);
    assert!(scan.contains("Nobody was thanked in the ledger."));
    for absent in ["Order books", "Clean the lab"] {
        assert!(!scan.contains(absent), "{absent} should not be in the scan");
    }
    // The same scan heads the meeting page and the live page's first item. The meeting page
    // reads the previous meeting in its facts statement; the scan page reads it on its own:
    // both name the same meeting.
    let meeting_page = page(&member, &format!("/teams/{slug}/meetings/{next}")).await;
    assert!(meeting_page.contains("Draft the timetable"));
    let since = |html: &str| {
        let start = html.find("since ").expect("the scan's since line");
        let rest = html.get(start..).unwrap_or_default();
        rest.get(..=rest.find(')').expect("the previous meeting's title"))
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(since(&meeting_page), since(&scan));
    assert!(!since(&scan).contains("the team began"), "{scan}");
    publish_agenda(&app, next, &[("Three-minute action scan", 3)]).await;
    let live = page(&member, &format!("/teams/{slug}/meetings/{next}/live")).await;
    assert!(live.contains("Review the rubric") && live.contains("Cover period 3"));

    // The first meeting has no previous one: everything since the team began.
    let first = page(&member, &format!("/teams/{slug}/meetings/{previous}/scan")).await;
    assert!(first.contains("since the team began"));
    let first_page = page(&member, &format!("/teams/{slug}/meetings/{previous}")).await;
    assert!(first_page.contains("since the team began"), "{first_page}");
}

#[tokio::test]
async fn a_meeting_next_week_scans_next_weeks_check_ins_not_this_weeks() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    // This week's check-in, with a blocker.
    checked_in(&member, slug, ["", "Blocker of this week", "", ""], "").await;
    // A meeting a week and two hours from now, but no later than the end of next week (late
    // on a Sunday, a week and two hours on is the week after next): in next week, the team
    // running on UTC.
    let end_of_next_week = (IsoWeek::at(app.clock.now(), Zone::utc()).monday()
        + Duration::days(14))
    .midnight()
    .assume_utc()
        - Duration::minutes(1);
    let starts = Ord::min(
        app.clock.now() + Duration::days(7) + Duration::hours(2),
        end_of_next_week,
    );
    let mut form = meeting_form(&app, "secret");
    for (k, v) in &mut form {
        if k == "starts_at" {
            *v = input_value(starts, Zone::utc());
        }
    }
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let response = leader
        .post(&format!("/teams/{slug}/meetings"), &fields)
        .await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let meeting = location.rsplit('/').next().unwrap().to_owned();
    let scan_path = format!("/teams/{slug}/meetings/{meeting}/scan");
    let next_week = IsoWeek::at(starts, Zone::utc());
    let this_week = IsoWeek::at(app.clock.now(), Zone::utc());
    assert_ne!(next_week.label(), this_week.label());
    let monday = next_week.monday();
    let words = format!("week of {} {}", monday.day(), monday.month());

    // Read ahead, the scan is about next week: nobody has checked in for it yet.
    let (_, scan) = read(&member, &scan_path).await;
    assert!(scan.contains("Check-ins of the meeting's week"), "{scan}");
    assert!(scan.contains(&words), "{scan}");
    assert!(scan.contains(": 0 of 2 checked in."), "{scan}");
    assert!(
        scan.contains(&format!("/checkins?week={}", next_week.label())),
        "{scan}"
    );
    assert!(!scan.contains("Blocker of this week"), "{scan}");
    assert!(scan.contains("No blockers that week."), "{scan}");
    // The meeting page counts the week in its facts statement (the scan page on its own) and
    // lists blockers only when the counts have some: the same answers.
    let meeting_path = format!("/teams/{slug}/meetings/{meeting}");
    let (_, page) = read(&member, &meeting_path).await;
    assert!(page.contains(&words), "{page}");
    assert!(page.contains(": 0 of 2 checked in."), "{page}");
    assert!(page.contains("No blockers that week."), "{page}");
    assert!(!page.contains("Blocker of this week"), "{page}");

    // A week on (the injected clock), next week's check-in shows and last week's does not.
    app.clock.advance(Duration::days(7));
    let member = signed_in(&app, &world.member).await;
    checked_in(&member, slug, ["", "Blocker of next week", "", ""], "").await;
    let (_, scan) = read(&member, &scan_path).await;
    assert!(scan.contains(": 1 of 2 checked in."), "{scan}");
    assert!(scan.contains("Blocker of next week"), "{scan}");
    assert!(!scan.contains("Blocker of this week"), "{scan}");
    let (_, page) = read(&member, &meeting_path).await;
    assert!(page.contains(": 1 of 2 checked in."), "{page}");
    assert!(page.contains("Blocker of next week"), "{page}");
    assert!(!page.contains("Blocker of this week"), "{page}");
}

#[tokio::test]
async fn a_long_history_shows_the_latest_fifty_of_each_list_and_counts_the_rest() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let me = world.leader.id;
    // A first meeting (counting from the team's start) after 55 actions, 52 of them moved.
    let mut ids = Vec::new();
    for n in 1..=55 {
        ids.push(create_action(&leader, slug, &format!("Task {n:02}"), me, &day(&app, 2)).await);
    }
    for id in ids.iter().take(52) {
        assert_eq!(
            move_action(&leader, slug, *id, "in_progress", "").await,
            303
        );
    }
    let meeting = create_meeting(&app, &leader, slug, "secret").await;
    // Three days on every one is overdue.
    app.clock.advance(Duration::days(3));
    let leader = signed_in(&app, &world.leader).await;
    let scan = page(&leader, &format!("/teams/{slug}/meetings/{meeting}/scan")).await;
    let section = |from: &str, to: &str| between(&scan, from, to);
    let moved = section("Actions that moved", "Blocked or overdue");
    // The latest 50 changes, oldest first: Task 03 to Task 52; the first two are counted.
    assert_eq!(moved.matches("<li>").count(), 51, "{moved}");
    assert!(
        !moved.contains("Task 01<") && !moved.contains("Task 02<"),
        "{moved}"
    );
    assert!(moved.find("Task 03<").unwrap() < moved.find("Task 52<").unwrap());
    assert!(
        moved.contains("and 2 earlier changes: see the action log"),
        "{moved}"
    );
    let stuck = section("Blocked or overdue", "Decisions due for review");
    assert_eq!(stuck.matches("<li>").count(), 51, "{stuck}");
    assert!(
        stuck.contains("and 5 more blocked or overdue actions: see the action log"),
        "{stuck}"
    );

    // Changes after the meeting has ended belong to the next one's scan, not to this one's.
    app.clock.advance(Duration::days(2));
    let leader = signed_in(&app, &world.leader).await;
    assert_eq!(
        move_action(&leader, slug, ids[54], "in_progress", "").await,
        303
    );
    let later = page(&leader, &format!("/teams/{slug}/meetings/{meeting}/scan")).await;
    let later_moved = between(&later, "Actions that moved", "Blocked or overdue");
    assert!(!later_moved.contains("Task 55<"), "{later_moved}");
    assert!(
        later_moved.contains("and 2 earlier changes"),
        "{later_moved}"
    );
}
