//! Cohorts across teams (issue 19): one home page across a person's teams, grouped by team and
//! capped; links between teams agreed by both sides; published agendas and minutes shared
//! read-only with linked teams, and nothing else of theirs.

use roundtable::domain::clock::Clock;
use roundtable::domain::ids::MeetingId;
use roundtable::store::entities::audit_log::AuditAction;
use roundtable::store::entities::{meeting_minutes, team_links};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};

use crate::action_helpers::{create_action, day};
use crate::helpers::{
    Browser, Person, TestApp, add_member, create_person, create_team, seed, signed_in, spawn_app,
};
use crate::language_helpers::{in_french, read, speaks};
use crate::live_meeting_helpers::{audited, publish_agenda};
use crate::meeting_helpers::create_meeting;

/// The fixtures `tests/api/templates.rs` renders this feature's templates with.
pub fn fixture(name: &str) -> Option<Value> {
    let layout = json!({
        "user": { "id": 1, "email": "sam@school.test", "display_name": "Sam", "is_admin": false, "unread": 0 },
        "csrf_token": "0".repeat(64),
        "path": "/teams/team-a/links",
    });
    Some(match name {
        "team_links.html" => json!({ "title": "Linked teams", "layout": layout, "slug": "team-a",
            "team_name": "Team A",
            "links": [
                { "id": 1, "team_name": "Cohort", "team_slug": "cohort", "state": "linked", "since": "1 Dec 2026, 09:00 UTC" },
                { "id": 2, "team_name": "School B", "team_slug": "school-b", "state": "awaiting", "since": "2 Dec 2026, 09:00 UTC" },
                { "id": 3, "team_name": "School C", "team_slug": "school-c", "state": "proposed", "since": "3 Dec 2026, 09:00 UTC" }],
            "meetings": [
                { "meeting_id": 4, "title": "SLT", "starts": "1 Dec 2026, 09:00 UTC", "agenda_published": true, "minutes_published": true, "shared": true },
                { "meeting_id": 5, "title": "SLT 2", "starts": "8 Dec 2026, 09:00 UTC", "agenda_published": false, "minutes_published": false, "shared": false }],
            "form": { "team": "nowhere" }, "errors": { "team": "No team has this address." } }),
        "shared_list.html" => {
            json!({ "title": "Shared", "layout": layout, "slug": "team-a", "team_name": "Team A",
            "items": [{ "meeting_id": 4, "team_name": "Cohort", "title": "Cohort meeting", "starts": "1 Dec 2026, 09:00 UTC",
                "has_agenda": true, "has_minutes": true }] })
        }
        "shared_meeting.html" => {
            json!({ "title": "Cohort meeting", "layout": layout, "slug": "team-a", "team_name": "Team A",
            "from_team": "Cohort", "meeting_title": "Cohort meeting", "purpose_line": "Learn from each other.",
            "starts": "1 Dec 2026, 09:00 UTC", "place": "Online",
            "agenda": [{ "title": "Three-minute action scan", "minutes": 3, "fixed": true }],
            "minutes_html": "<p>We agreed.</p>" })
        }
        _ => return None,
    })
}

/// The part of the home page about the team `slug` (from its heading to the next team's).
fn section<'a>(home: &'a str, slug: &str) -> &'a str {
    let start = home
        .find(&format!("id=\"team-{slug}\""))
        .unwrap_or_else(|| panic!("no section for {slug} in {home}"));
    let rest = &home[start..];
    let end = rest[1..]
        .find("class=\"team-home\"")
        .map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

#[tokio::test]
async fn a_member_of_two_teams_sees_both_on_one_home_page_with_their_own_items() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let carla = create_person(&app, "Carla", false).await;
    let cohort = create_team(&app, &world.admin, "Cohort", &carla).await;
    add_member(&app, &carla, &cohort, &world.member, "member").await;
    let leader = signed_in(&app, &world.leader).await;
    let carla_browser = signed_in(&app, &carla).await;
    let meeting = create_meeting(&app, &leader, &world.team_a, "secret").await;
    let in_a = create_action(
        &leader,
        &world.team_a,
        "Book the hall",
        world.member.id,
        &day(&app, 3),
    )
    .await;
    let in_cohort = create_action(
        &carla_browser,
        &cohort,
        "Draft the cohort note",
        world.member.id,
        &day(&app, 5),
    )
    .await;
    let carlas = create_action(
        &carla_browser,
        &cohort,
        "Carla's own task",
        carla.id,
        &day(&app, 5),
    )
    .await;

    let member = signed_in(&app, &world.member).await;
    let home = read(&member, "/").await;
    let a = section(&home, &world.team_a);
    let c = section(&home, &cohort);
    assert!(a.contains("Team A") && c.contains("Cohort"), "{home}");
    assert!(
        a.contains(&format!("/teams/{}/actions/{in_a}\"", world.team_a)),
        "{a}"
    );
    assert!(!a.contains("Draft the cohort note"), "{a}");
    assert!(
        c.contains(&format!("/teams/{cohort}/actions/{in_cohort}\"")),
        "{c}"
    );
    assert!(
        !home.contains(&format!("/actions/{carlas}\"")),
        "only my actions: {home}"
    );
    assert!(
        a.contains(&format!(
            "/teams/{}/meetings/{meeting}/proposals",
            world.team_a
        )),
        "the open window is in its team: {a}"
    );
    assert!(a.contains("proposals are open"));
    assert!(!c.contains("proposals are open"), "{c}");
    assert!(c.contains("You have no open actions.") || c.contains("Draft the cohort note"));

    // Many items: ten per team, then a link to all of them.
    for n in 0..11 {
        create_action(
            &leader,
            &world.team_a,
            &format!("Extra task {n}"),
            world.member.id,
            &day(&app, 10 + n),
        )
        .await;
    }
    let home = read(&member, "/").await;
    let a = section(&home, &world.team_a);
    assert_eq!(a.matches("/actions/").count(), 10, "ten actions: {a}");
    assert!(a.contains("See all my actions here (2 more)"), "{a}");
    assert!(a.contains(&format!(
        "/teams/{}/actions?owner={}",
        world.team_a, world.member.id
    )));
    assert!(section(&home, &cohort).contains("Draft the cohort note"));
}

#[tokio::test]
async fn the_home_page_across_teams_speaks_french_without_english_left() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let carla = create_person(&app, "Carla", false).await;
    let cohort = create_team(&app, &world.admin, "Cohort", &carla).await;
    add_member(&app, &carla, &cohort, &world.member, "member").await;
    let leader = signed_in(&app, &world.leader).await;
    create_meeting(&app, &leader, &world.team_a, "secret").await;
    for n in 0..12 {
        create_action(
            &leader,
            &world.team_a,
            &format!("Tâche {n}"),
            world.member.id,
            &day(&app, 2 + n),
        )
        .await;
    }
    let member = in_french(&app, &world.member).await;
    let home = read(&member, "/").await;
    speaks(
        &home,
        &[
            "Vos équipes",
            "Mes actions en cours",
            "les propositions sont ouvertes",
            "Voir toutes mes actions ici (2 de plus)",
            "Vous n'avez aucune action en cours.",
        ],
        &[
            "Your teams",
            "My open actions",
            "proposals are open",
            "See all my actions",
            "You have no open actions",
            ": due",
        ],
    );
}

/// Team A (leader: `world.leader`) and a cohort (leader: Carla, with a second member Dee),
/// and browsers for each.
struct Cohort {
    app: TestApp,
    world: crate::helpers::World,
    cohort: String,
    carla: Browser,
    dee: Browser,
    leader: Browser,
    member: Browser,
    outsider: Browser,
}

async fn cohort() -> Cohort {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let carla: Person = create_person(&app, "Carla", false).await;
    let dee = create_person(&app, "Dee", false).await;
    let cohort = create_team(&app, &world.admin, "Cohort", &carla).await;
    add_member(&app, &carla, &cohort, &dee, "member").await;
    Cohort {
        carla: signed_in(&app, &carla).await,
        dee: signed_in(&app, &dee).await,
        leader: signed_in(&app, &world.leader).await,
        member: signed_in(&app, &world.member).await,
        outsider: signed_in(&app, &world.outsider).await,
        cohort,
        world,
        app,
    }
}

async fn link_id(app: &TestApp) -> i64 {
    team_links::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .id
        .0
}

/// Stores minutes of `meeting` as its next version, published or as a draft.
pub(crate) async fn publish_minutes(
    app: &TestApp,
    meeting: MeetingId,
    body: &str,
    published: bool,
) {
    let version = meeting_minutes::Entity::find()
        .filter(meeting_minutes::Column::MeetingId.eq(meeting))
        .all(&app.db.conn)
        .await
        .unwrap()
        .len() as i32
        + 1;
    meeting_minutes::ActiveModel {
        meeting_id: Set(meeting),
        version: Set(version),
        body: Set(body.to_owned()),
        published: Set(published),
        author_id: Set(None),
        created_at: Set(app.clock.now()),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap();
}

#[tokio::test]
async fn a_link_needs_a_leader_of_each_side_and_either_side_can_remove_it() {
    let c = cohort().await;
    let a = &c.world.team_a;
    // Only leaders manage links.
    assert_eq!(
        c.member.get(&format!("/teams/{a}/links")).await.status(),
        403
    );
    assert_eq!(
        c.outsider.get(&format!("/teams/{a}/links")).await.status(),
        404
    );
    let refused = c
        .member
        .post(&format!("/teams/{a}/links"), &[("team", &c.cohort)])
        .await;
    assert_eq!(refused.status(), 403);

    // Bad input is shown again with a message.
    for (typed, message) in [
        ("", "Enter the other team&#x27;s address."),
        ("no-such-team", "No team has this address."),
        (a.as_str(), "A team cannot be linked with itself."),
    ] {
        let response = c
            .leader
            .post(&format!("/teams/{a}/links"), &[("team", typed)])
            .await;
        assert_eq!(response.status(), 422, "{typed}");
        let html = response.text().await.unwrap();
        assert!(html.contains(message), "{typed}: {html}");
        assert!(
            html.contains(&format!("value=\"{typed}\"")) || typed.contains('/'),
            "{html}"
        );
    }

    let proposed = c
        .leader
        .post(
            &format!("/teams/{a}/links"),
            &[("team", &format!("/teams/{}", c.cohort))],
        )
        .await;
    assert_eq!(proposed.status(), 303);
    let id = link_id(&c.app).await;
    let again = c
        .carla
        .post(&format!("/teams/{}/links", c.cohort), &[("team", a)])
        .await;
    assert_eq!(again.status(), 422, "the pair exists once");
    // The proposing side cannot accept its own proposal; another team's leader cannot touch it.
    assert_eq!(
        c.leader
            .post(&format!("/teams/{a}/links/{id}/accept"), &[])
            .await
            .status(),
        409
    );
    assert_eq!(
        c.outsider
            .post(&format!("/teams/{}/links/{id}/accept", c.world.team_b), &[])
            .await
            .status(),
        404
    );
    assert_eq!(
        c.dee
            .post(&format!("/teams/{}/links/{id}/accept", c.cohort), &[])
            .await
            .status(),
        403
    );
    let page = read(&c.carla, &format!("/teams/{}/links", c.cohort)).await;
    assert!(page.contains("Accept the link with Team A"), "{page}");

    let accepted = c
        .carla
        .post(&format!("/teams/{}/links/{id}/accept", c.cohort), &[])
        .await;
    assert_eq!(accepted.status(), 303);
    let row = team_links::Entity::find()
        .one(&c.app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert!(row.accepted_at.is_some());
    let page = read(&c.leader, &format!("/teams/{a}/links")).await;
    assert!(page.contains("linked since"), "{page}");

    // Either side removes it.
    let removed = c
        .leader
        .post(&format!("/teams/{a}/links/{id}/remove"), &[])
        .await;
    assert_eq!(removed.status(), 303);
    assert!(
        team_links::Entity::find()
            .one(&c.app.db.conn)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(audited(&c.app, AuditAction::TeamLinkPropose).await, 1);
    assert_eq!(audited(&c.app, AuditAction::TeamLinkAccept).await, 1);
    assert_eq!(audited(&c.app, AuditAction::TeamLinkRemove).await, 1);
}

#[tokio::test]
async fn a_shared_meeting_is_readable_by_the_linked_team_and_nothing_else_is() {
    let c = cohort().await;
    let a = &c.world.team_a;
    let cohort_slug = &c.cohort;
    // The cohort's meeting, with a published agenda and published minutes (and a later draft).
    let meeting = create_meeting(&c.app, &c.carla, cohort_slug, "secret").await;
    let private = create_meeting(&c.app, &c.carla, cohort_slug, "secret").await;
    publish_agenda(&c.app, meeting, &[("Moderation across schools", 20)]).await;
    publish_minutes(&c.app, meeting, "We agreed to **share rubrics**.", true).await;
    publish_minutes(&c.app, meeting, "A draft nobody else should read.", false).await;
    publish_agenda(&c.app, private, &[("Staffing, confidential", 15)]).await;
    let shared_path = format!("/teams/{a}/shared/{meeting}");

    // Shared but not linked: 404.
    let share = c
        .carla
        .post(
            &format!("/teams/{cohort_slug}/meetings/{meeting}/share"),
            &[("shared", "1")],
        )
        .await;
    assert_eq!(share.status(), 303);
    assert_eq!(c.member.get(&shared_path).await.status(), 404, "unlinked");
    assert_eq!(
        c.dee
            .post(
                &format!("/teams/{cohort_slug}/meetings/{private}/share"),
                &[("shared", "1")]
            )
            .await
            .status(),
        403
    );

    // Linked (proposed by the cohort, accepted by Team A).
    c.carla
        .post(&format!("/teams/{cohort_slug}/links"), &[("team", a)])
        .await;
    let id = link_id(&c.app).await;
    assert_eq!(
        c.member.get(&shared_path).await.status(),
        404,
        "proposed is not linked"
    );
    assert_eq!(
        c.leader
            .post(&format!("/teams/{a}/links/{id}/accept"), &[])
            .await
            .status(),
        303
    );

    let page = read(&c.member, &shared_path).await;
    assert!(page.contains("Moderation across schools"), "{page}");
    assert!(page.contains("<strong>share rubrics</strong>"), "{page}");
    assert!(!page.contains("A draft nobody else should read"), "{page}");
    assert!(page.contains("Shared by Cohort, read-only."), "{page}");
    let team_page = read(&c.member, &format!("/teams/{a}")).await;
    assert!(
        team_page.contains(&shared_path),
        "the team page lists it: {team_page}"
    );
    let list = read(&c.member, &format!("/teams/{a}/shared")).await;
    assert!(
        list.contains(&shared_path) && !list.contains(&format!("/shared/{private}")),
        "{list}"
    );

    // The unshared meeting, and everything else of the cohort, stay 404.
    assert_eq!(
        c.member
            .get(&format!("/teams/{a}/shared/{private}"))
            .await
            .status(),
        404
    );
    for path in [
        format!("/teams/{cohort_slug}"),
        format!("/teams/{cohort_slug}/meetings/{meeting}"),
        format!("/teams/{cohort_slug}/meetings/{meeting}/agenda"),
        format!("/teams/{cohort_slug}/meetings/{meeting}/minutes"),
        format!("/teams/{cohort_slug}/meetings/{meeting}/proposals"),
        format!("/teams/{cohort_slug}/meetings/{meeting}/ballot"),
        format!("/teams/{cohort_slug}/actions"),
        format!("/teams/{cohort_slug}/ledger"),
        format!("/teams/{cohort_slug}/shared/{meeting}"),
    ] {
        assert_eq!(c.member.get(&path).await.status(), 404, "{path}");
    }
    // A team not linked sees nothing, even with the meeting's id.
    assert_eq!(
        c.outsider
            .get(&format!("/teams/{}/shared/{meeting}", c.world.team_b))
            .await
            .status(),
        404
    );

    // Stopping the share, or removing the link, hides it again.
    c.carla
        .post(
            &format!("/teams/{cohort_slug}/meetings/{meeting}/share"),
            &[("shared", "0")],
        )
        .await;
    assert_eq!(c.member.get(&shared_path).await.status(), 404, "unshared");
    c.carla
        .post(
            &format!("/teams/{cohort_slug}/meetings/{meeting}/share"),
            &[("shared", "1")],
        )
        .await;
    assert_eq!(c.member.get(&shared_path).await.status(), 200);
    c.carla
        .post(&format!("/teams/{cohort_slug}/links/{id}/remove"), &[])
        .await;
    assert_eq!(
        c.member.get(&shared_path).await.status(),
        404,
        "link removed"
    );
    assert_eq!(audited(&c.app, AuditAction::MeetingShare).await, 2);
    assert_eq!(audited(&c.app, AuditAction::MeetingUnshare).await, 1);
}
