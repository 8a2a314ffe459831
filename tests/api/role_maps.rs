//! Role maps over HTTP: a draft edited by two members, published by its owner (not by another
//! member), versioned edits whose history says who changed what, when, from what to what; a
//! closed map is read-only; milestones due soon or overdue on their owner's home page only;
//! another team's maps answer 404; bad input re-renders with messages; the list pages by 50;
//! the French pages have no English left.

use roundtable::domain::clock::Clock;
use roundtable::domain::zone::Zone;
use roundtable::format;
use roundtable::store::entities::{audit_log, role_map_versions, role_maps};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use time::Duration;

use crate::action_helpers::{day, id_from};
use crate::helpers::{
    Browser, Person, TestApp, add_member, add_members, create_person, seed, signed_in, spawn_app,
};
use crate::language_helpers::{choose_french, read, speaks, unescaped};

/// Starts a draft; returns its id.
async fn create_map(
    browser: &Browser,
    slug: &str,
    title: &str,
    outcome: &str,
    owner: &Person,
) -> i64 {
    let owner = owner.id.to_string();
    let response = browser
        .post(
            &format!("/teams/{slug}/roles"),
            &[("title", title), ("outcome", outcome), ("owner_id", &owner)],
        )
        .await;
    id_from(&response)
}

/// Adds a milestone; returns the status code.
async fn add_milestone(
    browser: &Browser,
    slug: &str,
    map: i64,
    title: &str,
    owner: &Person,
    due: &str,
) -> u16 {
    let owner = owner.id.to_string();
    browser
        .post(
            &format!("/teams/{slug}/roles/{map}/milestones"),
            &[("title", title), ("owner_id", &owner), ("due_on", due)],
        )
        .await
        .status()
        .as_u16()
}

/// The ids of a map's milestones, oldest first.
async fn milestone_ids(app: &TestApp, map: i64) -> Vec<i64> {
    use roundtable::store::entities::role_map_milestones;
    use sea_orm::QueryOrder;
    role_map_milestones::Entity::find()
        .filter(role_map_milestones::Column::RoleMapId.eq(map))
        .order_by_asc(role_map_milestones::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.id.0)
        .collect()
}

async fn page(browser: &Browser, path: &str) -> (u16, String) {
    let response = browser.get(path).await;
    let status = response.status().as_u16();
    (status, unescaped(response.text().await.unwrap()))
}

async fn post(browser: &Browser, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let response = browser.post(path, fields).await;
    let status = response.status().as_u16();
    (status, unescaped(response.text().await.unwrap()))
}

fn date_plus(app: &TestApp, days: i64) -> time::Date {
    (app.clock.now() + Duration::days(days)).date()
}

#[tokio::test]
async fn a_draft_is_edited_together_published_by_its_owner_and_later_edits_are_versioned() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let ana = create_person(&app, "Ana", false).await;
    add_member(&app, &world.leader, slug, &ana, "member").await;
    let member = signed_in(&app, &world.member).await;
    let ana_b = signed_in(&app, &ana).await;
    let leader = signed_in(&app, &world.leader).await;

    // The member starts a draft owned by Ana; both edit it.
    let map = create_map(
        &member,
        slug,
        "Reading pilot",
        "Every Y7 class reads daily by March.",
        &ana,
    )
    .await;
    let base = format!("/teams/{slug}/roles/{map}");
    assert_eq!(
        add_milestone(
            &member,
            slug,
            map,
            "Pilot in Y7",
            &world.member,
            &day(&app, 10)
        )
        .await,
        303
    );
    let ana_id = ana.id.to_string();
    let (status, _) = post(
        &ana_b,
        &base,
        &[
            ("title", "Reading pilot"),
            ("outcome", "Every Y7 and Y8 class reads daily by March."),
            ("owner_id", &ana_id),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, draft) = page(&member, &base).await;
    assert!(draft.contains("Every Y7 and Y8 class reads daily by March."));
    assert!(draft.contains("Pilot in Y7"));
    assert!(
        draft.contains("No versions yet"),
        "drafts are not versioned"
    );
    assert_eq!(
        role_map_versions::Entity::find()
            .count(&app.db.conn)
            .await
            .unwrap(),
        0
    );

    // A member who neither owns the map nor leads cannot publish it, and is not offered to.
    assert!(!draft.contains("Publish the role map"));
    assert_eq!(post(&member, &format!("{base}/publish"), &[]).await.0, 403);
    let (_, owners_view) = page(&ana_b, &base).await;
    assert!(owners_view.contains("Publish the role map"));
    assert_eq!(post(&ana_b, &format!("{base}/publish"), &[]).await.0, 303);
    let when = format::date_time(app.clock.now(), Zone::utc());
    let (_, published) = page(&member, &base).await;
    assert!(
        published.contains(&format!("Version 1 — Ana published the role map, {when}")),
        "{published}"
    );

    // After publication: the owner's change of a due date is version 2, with before and after.
    app.clock.advance(Duration::hours(3));
    let milestone = milestone_ids(&app, map).await[0];
    let member_id = world.member.id.to_string();
    let to = date_plus(&app, 17);
    // The date the milestone was given before the clock moved on.
    let before = format::date((app.clock.now() - Duration::hours(3) + Duration::days(10)).date());
    let (status, _) = post(
        &ana_b,
        &format!("{base}/milestones/{milestone}"),
        &[
            ("title", "Pilot in Y7"),
            ("owner_id", &member_id),
            ("due_on", &to.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let when = format::date_time(app.clock.now(), Zone::utc());
    let (_, history) = page(&member, &base).await;
    let line = format!(
        "Version 2 — Ana changed the due date of “Pilot in Y7” from {before} to {}, {when}",
        format::date(to)
    );
    assert!(history.contains(&line), "missing {line:?} in {history}");

    // A member who is not the owner may no longer edit, but ticks their own milestone done.
    let (status, _) = post(
        &member,
        &base,
        &[
            ("title", "Mine now"),
            ("outcome", "Something else entirely, really."),
            ("owner_id", &member_id),
        ],
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(
        add_milestone(
            &member,
            slug,
            map,
            "Sneaked in",
            &world.member,
            &day(&app, 3)
        )
        .await,
        403
    );
    let (status, _) = post(
        &member,
        &format!("{base}/milestones/{milestone}/done"),
        &[("done", "yes")],
    )
    .await;
    assert_eq!(status, 303);
    let (_, history) = page(&leader, &base).await;
    assert!(
        history.contains("Version 3 — Member marked “Pilot in Y7” done"),
        "{history}"
    );
    // Saving the same values again stores no empty version.
    let (status, _) = post(
        &ana_b,
        &format!("{base}/milestones/{milestone}"),
        &[
            ("title", "Pilot in Y7"),
            ("owner_id", &member_id),
            ("due_on", &to.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(
        role_map_versions::Entity::find()
            .filter(role_map_versions::Column::RoleMapId.eq(map))
            .count(&app.db.conn)
            .await
            .unwrap(),
        3
    );
    let stored = role_maps::Entity::find_by_id(roundtable::domain::ids::RoleMapId(map))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.version, 3);

    // Every write is audited.
    for (action, at_least) in [
        (audit_log::AuditAction::RoleMapCreate, 1),
        (audit_log::AuditAction::RoleMapEdit, 4),
        (audit_log::AuditAction::RoleMapPublish, 1),
    ] {
        let n = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq(action))
            .count(&app.db.conn)
            .await
            .unwrap();
        assert!(n >= at_least, "{action:?}: {n}");
    }

    // A leader closes it; from then on it is read-only, with a clear message.
    assert_eq!(post(&member, &format!("{base}/close"), &[]).await.0, 403);
    assert_eq!(post(&leader, &format!("{base}/close"), &[]).await.0, 303);
    let (_, closed) = page(&ana_b, &base).await;
    assert!(closed.contains("This role map is closed and read-only."));
    assert!(closed.contains("Version 4 — Leader closed the role map"));
    assert!(!closed.contains("Save the milestone"));
    assert!(!closed.contains("Edit the role map"));
    assert!(!closed.contains("/done\""));
    let (status, body) = post(
        &ana_b,
        &format!("{base}/milestones/{milestone}"),
        &[
            ("title", "Pilot again"),
            ("owner_id", &member_id),
            ("due_on", &to.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 409);
    assert!(body.contains("This role map is closed: it can no longer be changed."));
    for path in [
        format!("{base}/milestones/{milestone}/done"),
        format!("{base}/milestones/{milestone}/remove"),
        format!("{base}/publish"),
    ] {
        let (status, _) = post(&leader, &path, &[("done", "no")]).await;
        assert_eq!(status, 409, "{path}");
    }
    assert_eq!(
        role_map_versions::Entity::find()
            .filter(role_map_versions::Column::RoleMapId.eq(map))
            .count(&app.db.conn)
            .await
            .unwrap(),
        4
    );
}

#[tokio::test]
async fn milestones_due_soon_and_overdue_show_on_their_owners_home_page_only() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let member = signed_in(&app, &world.member).await;
    let leader = signed_in(&app, &world.leader).await;
    let map = create_map(
        &leader,
        slug,
        "Moderation",
        "Every rubric is moderated by two staff.",
        &world.leader,
    )
    .await;
    for (title, days) in [
        ("Rubric drafted", 3),
        ("Samples chosen", -2),
        ("Final review", 30),
    ] {
        assert_eq!(
            add_milestone(&leader, slug, map, title, &world.member, &day(&app, days)).await,
            303
        );
    }
    assert_eq!(
        add_milestone(
            &leader,
            slug,
            map,
            "Leader's own step",
            &world.leader,
            &day(&app, 1)
        )
        .await,
        303
    );
    // Drafts are not agreed yet: nothing on the home page.
    let (_, home) = page(&member, "/").await;
    assert!(!home.contains("Rubric drafted"));
    assert_eq!(
        post(&leader, &format!("/teams/{slug}/roles/{map}/publish"), &[])
            .await
            .0,
        303
    );

    let (_, home) = page(&member, "/").await;
    assert!(home.contains("Rubric drafted"), "{home}");
    assert!(home.contains("Samples chosen"));
    assert!(
        !home.contains("Final review"),
        "due in 30 days is not due soon"
    );
    assert!(!home.contains("Leader&#x27;s own step") && !home.contains("Leader's own step"));
    assert!(home.contains(&format!("/teams/{slug}/roles/{map}")));
    assert!(home.contains(&format::date(date_plus(&app, 3))));
    let (_, leaders_home) = page(&leader, "/").await;
    assert!(!leaders_home.contains("Rubric drafted"));
    assert!(!leaders_home.contains("Samples chosen"));
    assert!(leaders_home.contains("own step"));

    // The service other features call returns the open milestones due by a day, with their
    // team.
    let far = date_plus(&app, 365);
    let all = roundtable::service::role_maps::milestones_for_user(
        &app.db.conn,
        world.member.id,
        None,
        far,
    )
    .await
    .unwrap();
    let titles: Vec<&str> = all.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles, ["Samples chosen", "Rubric drafted", "Final review"]);
    assert!(
        all.iter()
            .all(|m| m.team_slug == *slug && m.role_map_id.0 == map && !m.done)
    );
    assert_eq!(all[0].team_name, "Team A");

    // Once done, a milestone leaves the home page.
    let first = milestone_ids(&app, map).await[0];
    assert_eq!(
        post(
            &member,
            &format!("/teams/{slug}/roles/{map}/milestones/{first}/done"),
            &[("done", "yes")]
        )
        .await
        .0,
        303
    );
    let (_, home) = page(&member, "/").await;
    assert!(!home.contains("Rubric drafted"));
    assert!(home.contains("Samples chosen"));
}

#[tokio::test]
async fn another_teams_role_maps_answer_404() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let outsider = signed_in(&app, &world.outsider).await;
    let map = create_map(
        &leader,
        &world.team_a,
        "Moderation",
        "Every rubric is moderated by two staff.",
        &world.leader,
    )
    .await;
    assert_eq!(
        add_milestone(
            &leader,
            &world.team_a,
            map,
            "Rubric drafted",
            &world.leader,
            &day(&app, 3)
        )
        .await,
        303
    );
    let milestone = milestone_ids(&app, map).await[0];
    let (a, b) = (&world.team_a, &world.team_b);
    for path in [
        format!("/teams/{a}/roles"),
        format!("/teams/{a}/roles/{map}"),
        format!("/teams/{b}/roles/{map}"),
    ] {
        assert_eq!(outsider.get(&path).await.status(), 404, "{path}");
    }
    let outsider_id = world.outsider.id.to_string();
    for team in [a, b] {
        for (path, fields) in [
            (
                format!("/teams/{team}/roles/{map}"),
                vec![
                    ("title", "Taken"),
                    ("outcome", "Nothing good comes of this one."),
                    ("owner_id", outsider_id.as_str()),
                ],
            ),
            (
                format!("/teams/{team}/roles/{map}/milestones"),
                vec![
                    ("title", "Mine"),
                    ("owner_id", outsider_id.as_str()),
                    ("due_on", "2027-01-01"),
                ],
            ),
            (
                format!("/teams/{team}/roles/{map}/milestones/{milestone}/done"),
                vec![("done", "yes")],
            ),
            (
                format!("/teams/{team}/roles/{map}/milestones/{milestone}/remove"),
                vec![],
            ),
            (format!("/teams/{team}/roles/{map}/publish"), vec![]),
            (format!("/teams/{team}/roles/{map}/close"), vec![]),
        ] {
            assert_eq!(outsider.post(&path, &fields).await.status(), 404, "{path}");
        }
    }
    // A milestone of another map cannot be reached through this one.
    let other = create_map(
        &leader,
        a,
        "Timetable",
        "The new timetable starts in September.",
        &world.leader,
    )
    .await;
    let (status, _) = post(
        &leader,
        &format!("/teams/{a}/roles/{other}/milestones/{milestone}/remove"),
        &[],
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(milestone_ids(&app, map).await.len(), 1);
}

#[tokio::test]
async fn bad_input_re_renders_the_form_with_messages_and_what_was_typed() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let member = signed_in(&app, &world.member).await;
    let me = world.member.id.to_string();
    let outsider = world.outsider.id.to_string();

    let (status, body) = post(
        &member,
        &format!("/teams/{slug}/roles"),
        &[
            ("title", "Reading pilot"),
            ("outcome", "  "),
            ("owner_id", &me),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Write the outcome: one sentence"));
    assert!(body.contains("value=\"Reading pilot\""));
    let (status, body) = post(
        &member,
        &format!("/teams/{slug}/roles"),
        &[
            ("title", "Reading pilot"),
            ("outcome", "Every class reads. Then we review it."),
            ("owner_id", &outsider),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Write the outcome as one sentence."));
    assert!(body.contains("Choose a member of this team."));
    assert_eq!(
        role_maps::Entity::find().count(&app.db.conn).await.unwrap(),
        0
    );

    let map = create_map(
        &member,
        slug,
        "Reading pilot",
        "Every Y7 class reads daily by March.",
        &world.member,
    )
    .await;
    let base = format!("/teams/{slug}/roles/{map}");
    let (status, body) = post(
        &member,
        &format!("{base}/milestones"),
        &[
            ("title", "Pilot in Y7"),
            ("owner_id", &me),
            ("due_on", "2027-02-30"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("This is not a date"));
    assert!(body.contains("value=\"Pilot in Y7\""));
    let (status, body) = post(
        &member,
        &format!("{base}/milestones"),
        &[
            ("title", "Pilot in Y7"),
            ("owner_id", &outsider),
            ("due_on", ""),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Choose a due date."));
    assert!(body.contains("Choose a member of this team."));
    assert!(milestone_ids(&app, map).await.is_empty());

    // Editing a milestone with a bad date shows the message in that milestone's form.
    assert_eq!(
        add_milestone(
            &member,
            slug,
            map,
            "Pilot in Y7",
            &world.member,
            &day(&app, 5)
        )
        .await,
        303
    );
    let milestone = milestone_ids(&app, map).await[0];
    let (status, body) = post(
        &member,
        &format!("{base}/milestones/{milestone}"),
        &[
            ("title", "Pilot in Y7 and Y8"),
            ("owner_id", &me),
            ("due_on", "next week"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body.contains(&format!("id=\"m{milestone}-due-error\"")),
        "{body}"
    );
    assert!(body.contains("value=\"Pilot in Y7 and Y8\""));
    let (status, body) = post(
        &member,
        &base,
        &[
            ("title", "Reading pilot"),
            ("outcome", ""),
            ("owner_id", &me),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Write the outcome: one sentence"));
}

#[tokio::test]
async fn the_list_shows_fifty_role_maps_a_page() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let member = signed_in(&app, &world.member).await;
    create_map(
        &member,
        slug,
        "First project",
        "The first project reaches its outcome.",
        &world.member,
    )
    .await;
    let team_id = role_maps::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .team_id;
    let now = app.clock.now();
    for i in 2..=120 {
        role_maps::ActiveModel {
            team_id: Set(team_id),
            title: Set(format!("Project {i:03}")),
            outcome: Set("Something is true at the end of it.".to_owned()),
            owner_id: Set(world.member.id),
            status: Set(role_maps::Status::Draft),
            version: Set(0),
            created_by: Set(Some(world.member.id)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db.conn)
        .await
        .unwrap();
    }
    let rows = |html: &str| {
        html.matches(&format!("<td><a href=\"/teams/{slug}/roles/"))
            .count()
    };
    let first = read(&member, &format!("/teams/{slug}/roles")).await;
    assert_eq!(rows(&first), 50);
    assert!(first.contains("Project 120"), "newest first");
    assert!(first.contains("Page 1 of 3"));
    assert!(first.contains("?page=2\" rel=\"next\""));
    let last = read(&member, &format!("/teams/{slug}/roles?page=3")).await;
    assert_eq!(rows(&last), 20);
    assert!(last.contains("First project"));
    let beyond = read(&member, &format!("/teams/{slug}/roles?page=99")).await;
    assert_eq!(rows(&beyond), 20);
    assert!(beyond.contains("Page 3 of 3"));
}

#[tokio::test]
async fn role_map_pages_speak_french() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let member = signed_in(&app, &world.member).await;
    let leader = signed_in(&app, &world.leader).await;
    choose_french(&member).await;
    choose_french(&leader).await;
    let map = create_map(
        &member,
        slug,
        "Reading pilot",
        "Every Y7 class reads daily by March.",
        &world.member,
    )
    .await;
    let base = format!("/teams/{slug}/roles/{map}");
    assert_eq!(
        add_milestone(
            &member,
            slug,
            map,
            "Pilot in Y7",
            &world.member,
            &day(&app, 3)
        )
        .await,
        303
    );
    assert_eq!(
        add_milestone(&member, slug, map, "Samples", &world.member, &day(&app, -1)).await,
        303
    );
    let draft = read(&member, &base).await;
    speaks(
        &draft,
        &[
            "Ceci est un brouillon",
            ">Publier la carte des rôles</button>",
            ">Ajouter un jalon</h3>",
            "Pas encore de version",
            ">en retard</strong>",
        ],
        &[
            "This is a draft",
            "Publish the role map",
            "Add a milestone",
            "No versions yet",
            ">overdue<",
            ">Owner<",
            ">Due<",
        ],
    );
    assert_eq!(post(&member, &format!("{base}/publish"), &[]).await.0, 303);
    let milestone = milestone_ids(&app, map).await[0];
    let me = world.member.id.to_string();
    let to = date_plus(&app, 10);
    assert_eq!(
        post(
            &member,
            &format!("{base}/milestones/{milestone}"),
            &[
                ("title", "Pilot in Y7"),
                ("owner_id", &me),
                ("due_on", &to.to_string())
            ]
        )
        .await
        .0,
        303
    );
    let published = read(&leader, &base).await;
    speaks(
        &published,
        &[
            "Version 1 — Member a publié la carte des rôles",
            &format!(
                "Version 2 — Member a changé l'échéance de « Pilot in Y7 » du {} au {}",
                format::date_in(date_plus(&app, 3), roundtable::i18n::Lang::Fr),
                format::date_in(to, roundtable::i18n::Lang::Fr)
            ),
            ">Historique</h2>",
            ">Clôturer la carte des rôles</button>",
            ">Pilote</dt>",
            "publiée",
        ],
        &[
            "published the role map",
            "changed the due date",
            ">History<",
            "Close the role map",
            "Version 2 — Member changed",
        ],
    );
    let list = read(&member, &format!("/teams/{slug}/roles")).await;
    speaks(
        &list,
        &[
            "Une page par projet",
            ">Nouvelle carte des rôles</h2>",
            ">Commencer le brouillon</button>",
            "<title>Cartes des rôles · Team A",
        ],
        &[
            "One page per project",
            "New role map",
            "Start the draft",
            "newest first",
        ],
    );
    let (status, refused) = post(
        &member,
        &format!("/teams/{slug}/roles"),
        &[("title", "x"), ("outcome", ""), ("owner_id", "")],
    )
    .await;
    assert_eq!(status, 422);
    speaks(
        &refused,
        &[
            "Nommez le projet",
            "Écrivez le résultat attendu",
            "Choisissez un membre de cette équipe.",
        ],
        &[
            "Name the project",
            "Write the outcome",
            "Choose a member of this team.",
        ],
    );
    let home = read(&member, "/").await;
    speaks(&home, &["Jalons à échéance"], &["Milestones due"]);
}

#[tokio::test]
async fn years_of_finished_milestones_never_hide_one_due_this_week() {
    use roundtable::store::entities::role_map_milestones;

    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let member = signed_in(&app, &world.member).await;
    let leader = signed_in(&app, &world.leader).await;
    let map = create_map(
        &leader,
        slug,
        "Moderation",
        "Rubrics moderated.",
        &world.leader,
    )
    .await;
    assert_eq!(
        add_milestone(
            &leader,
            slug,
            map,
            "Due this week",
            &world.member,
            &day(&app, 3)
        )
        .await,
        303
    );
    assert_eq!(
        post(&leader, &format!("/teams/{slug}/roles/{map}/publish"), &[])
            .await
            .0,
        303
    );
    // Six hundred milestones the member finished over the past years, straight into the
    // table (more than a map holds, and more than the 500 read per person).
    let now = app.clock.now();
    let done: Vec<role_map_milestones::ActiveModel> = (0..600)
        .map(|n| role_map_milestones::ActiveModel {
            role_map_id: Set(roundtable::domain::ids::RoleMapId(map)),
            title: Set(format!("Finished {n}")),
            owner_id: Set(world.member.id),
            due_on: Set((now - Duration::days(2000 - n)).date()),
            done: Set(true),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    roundtable::store::insert_in_chunks(&app.db.conn, &done)
        .await
        .unwrap();
    let (_, home) = page(&member, "/").await;
    assert!(home.contains("Due this week"), "{home}");
    assert!(!home.contains("Finished 1"), "{home}");
}

#[tokio::test]
async fn a_large_teams_owner_fields_type_a_name_from_one_list() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let people = add_members(&app, &world.leader, slug, "Many", 101).await;
    let leader = signed_in(&app, &world.leader).await;
    let map = create_map(
        &leader,
        slug,
        "Reading pilot",
        "Every class reads.",
        &people[7],
    )
    .await;
    let due = format::iso(date_plus(&app, 30));
    for (n, owner) in people.iter().take(3).enumerate() {
        let title = format!("Step {n}");
        assert_eq!(
            add_milestone(&leader, slug, map, &title, owner, &due).await,
            303
        );
    }

    // Five owner fields (the map, three milestones, a new one), one list of 103 names.
    let (status, html) = page(&leader, &format!("/teams/{slug}/roles/{map}")).await;
    assert_eq!(status, 200);
    assert_eq!(html.matches("list=\"member-names\"").count(), 5, "{html}");
    assert_eq!(html.matches("<datalist id=\"member-names\">").count(), 1);
    assert!(!html.contains("<select id=\"owner\""), "{html}");
    // Each field shows its owner by the name the list offers.
    for (person, name) in [(&people[7], "Many007"), (&people[1], "Many001")] {
        let shown = format!("value=\"{name} (#{})\"", person.id);
        assert!(html.contains(&shown), "{shown}: {html}");
    }
    assert_eq!(
        html.matches("Many050 (#").count(),
        1,
        "one list, not one per field"
    );

    // A name from the list is read back; a name without its number is not.
    let owner = format!("Many050 (#{})", people[50].id);
    let path = format!("/teams/{slug}/roles/{map}/milestones");
    let (status, _) = post(
        &leader,
        &path,
        &[("title", "Step 3"), ("owner_id", &owner), ("due_on", &due)],
    )
    .await;
    assert_eq!(status, 303);
    let (status, html) = post(
        &leader,
        &path,
        &[
            ("title", "Step 4"),
            ("owner_id", "Many050"),
            ("due_on", &due),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("value=\"Many050\""),
        "what was typed is kept: {html}"
    );
    let (_, html) = page(&leader, &format!("/teams/{slug}/roles/{map}")).await;
    assert!(html.contains("Step 3") && html.contains(&format!("value=\"{owner}\"")));
}
