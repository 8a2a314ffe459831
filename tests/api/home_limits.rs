//! The home page's per-team lists are cut at ten in SQL (issue 19, gap 4): with more than ten
//! open windows, open actions and milestones due in a team, each list shows the first ten in
//! a stable order and says how many more there are, with a link to all of them.

use roundtable::domain::clock::Clock;
use roundtable::domain::ids::UserId;
use roundtable::store::entities::actions;
use sea_orm::{EntityTrait, Set};

use crate::action_helpers::{create_action, day, id_from};
use crate::checkin_helpers::team_id;
use crate::helpers::{Browser, seed, signed_in, spawn_app};
use crate::language_helpers::read;
use crate::meeting_helpers::create_meeting;

/// Where `needle` first appears in `hay` (panics when missing, with the page).
fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {hay}"))
}

/// Starts a role map of `leader` (`leader_id`) in `slug` with `milestones` (title, due day)
/// owned by `owner`, and publishes it; returns its id.
async fn published_map(
    leader: &Browser,
    leader_id: UserId,
    slug: &str,
    owner: UserId,
    milestones: &[(String, String)],
) -> i64 {
    let leader_id = leader_id.to_string();
    let owner = owner.to_string();
    let response = leader
        .post(
            &format!("/teams/{slug}/roles"),
            &[
                ("title", "Moderation"),
                ("outcome", "Every rubric is moderated by two staff."),
                ("owner_id", &leader_id),
            ],
        )
        .await;
    let map = id_from(&response);
    for (title, due) in milestones {
        let response = leader
            .post(
                &format!("/teams/{slug}/roles/{map}/milestones"),
                &[("title", title), ("owner_id", &owner), ("due_on", due)],
            )
            .await;
        assert_eq!(response.status(), 303);
    }
    let response = leader
        .post(&format!("/teams/{slug}/roles/{map}/publish"), &[])
        .await;
    assert_eq!(response.status(), 303);
    map
}

#[tokio::test]
async fn each_list_on_the_home_page_shows_ten_in_order_then_how_many_more() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let mut meetings = Vec::new();
    for _ in 0..12 {
        meetings.push(create_meeting(&app, &leader, slug, "secret").await);
    }
    // Due in 20 days down to 9: the soonest due come first, whatever the order recorded.
    let mut action_ids = Vec::new();
    for n in 0..12 {
        let id = create_action(
            &leader,
            slug,
            &format!("Task due in {}", 20 - n),
            world.member.id,
            &day(&app, 20 - n),
        )
        .await;
        action_ids.push(id);
    }
    let milestones: Vec<(String, String)> = (0..13)
        .map(|n| (format!("Step {n:02}"), day(&app, n / 2 - 1)))
        .collect();
    let map = published_map(&leader, world.leader.id, slug, world.member.id, &milestones).await;

    let member = signed_in(&app, &world.member).await;
    let home = read(&member, "/").await;
    // The member is in Team A only: the whole page is its section.
    let a = home.as_str();

    // Open windows: all close at the same time, so the first ten meetings by id show.
    for (i, m) in meetings.iter().enumerate() {
        let link = format!("/teams/{slug}/meetings/{m}/proposals\"");
        assert_eq!(a.contains(&link), i < 10, "meeting {i}: {a}");
    }
    assert!(a.contains("2 more are open:"), "{a}");
    assert!(
        a.contains(&format!("href=\"/teams/{slug}/meetings\"")),
        "{a}"
    );
    assert!(
        a.contains(&format!("href=\"/teams/{slug}/budgets\"")),
        "{a}"
    );

    // Actions: the ten due soonest (the last ten recorded), soonest first.
    assert_eq!(
        a.matches(&format!("/teams/{slug}/actions/")).count(),
        10,
        "{a}"
    );
    for (i, id) in action_ids.iter().enumerate() {
        let link = format!("/teams/{slug}/actions/{id}\"");
        assert_eq!(a.contains(&link), i >= 2, "action {i}: {a}");
    }
    assert!(
        at(a, &format!("/actions/{}\"", action_ids[11]))
            < at(a, &format!("/actions/{}\"", action_ids[2])),
        "soonest due first: {a}"
    );
    assert!(a.contains("See all my actions here (2 more)"), "{a}");
    assert!(a.contains(&format!(
        "href=\"/teams/{slug}/actions?owner={}\"",
        world.member.id
    )));

    // Milestones: the ten due soonest (overdue first), then "3 more".
    assert_eq!(
        a.matches(&format!("/teams/{slug}/roles/{map}\"")).count(),
        10,
        "{a}"
    );
    for n in 0..13 {
        assert_eq!(a.contains(&format!("Step {n:02}")), n < 10, "step {n}: {a}");
    }
    assert!(at(a, "Step 00") < at(a, "Step 02"), "overdue first: {a}");
    assert!(
        a.contains("3 more milestones due: see the role maps"),
        "{a}"
    );
    assert!(a.contains(&format!("href=\"/teams/{slug}/roles\"")), "{a}");

    // The leader owns none of them and sees no "more" links.
    let home = read(&leader, "/").await;
    let mine = home.as_str();
    assert!(!mine.contains("See all my actions here"), "{mine}");
    assert!(
        !mine.contains("milestones due: see the role maps"),
        "{mine}"
    );
    assert!(mine.contains("2 more are open:"), "{mine}");
}

#[tokio::test]
async fn a_thousand_open_actions_still_show_ten_and_the_right_count() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let a = team_id(&app, &world.team_a).await;
    let today = app.clock.now().date();
    let now = app.clock.now();
    let statuses = [
        actions::Status::Open,
        actions::Status::InProgress,
        actions::Status::Blocked,
        actions::Status::Done,
        actions::Status::Dropped,
    ];
    // 1,000 actions of the member: 600 open in some way, 400 finished or given up.
    let rows = (0..1000i64).map(|n| actions::ActiveModel {
        team_id: Set(a),
        title: Set(format!("Bulk task {n}")),
        owner_id: Set(world.member.id),
        due_on: Set(today + time::Duration::days(n % 90 + 1)),
        status: Set(statuses[usize::try_from(n % 5).unwrap()]),
        reason: Set(if n % 5 >= 2 {
            "Because".to_owned()
        } else {
            String::new()
        }),
        source_kind: Set(actions::SourceKind::None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    });
    let rows: Vec<_> = rows.collect();
    for chunk in rows.chunks(200) {
        actions::Entity::insert_many(chunk.to_vec())
            .exec(&app.db.conn)
            .await
            .unwrap();
    }
    let member = signed_in(&app, &world.member).await;
    let home = read(&member, "/").await;
    let section_a = home.as_str();
    assert_eq!(
        section_a
            .matches(&format!("/teams/{}/actions/", world.team_a))
            .count(),
        10,
        "{section_a}"
    );
    assert!(
        section_a.contains("See all my actions here (590 more)"),
        "{section_a}"
    );
    // Only tasks due tomorrow show (n % 90 == 0: n = 0, 90, 180, ... of the open kinds).
    assert!(section_a.contains("Bulk task 0<"), "{section_a}");
    assert!(!section_a.contains("Bulk task 1<"), "{section_a}");
    assert!(
        !section_a.contains("Bulk task 3<"),
        "done ones never show: {section_a}"
    );
}
