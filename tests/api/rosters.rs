//! Rosters read once per change (issue 13): the database raises `teams.roster_version` with
//! every join, departure, change of role or of a member's name (triggers, so no write path can
//! forget), and pages that list every member keep the roster under that number. Tested the way
//! it would break: a page read before a change must show the change after it.

use roundtable::service::teams;
use roundtable::store::entities::{memberships, teams as team_rows, users};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::helpers::{add_member, create_person, principal, seed, signed_in, spawn_app};

async fn version(app: &crate::helpers::TestApp, slug: &str) -> i64 {
    team_rows::Entity::find()
        .filter(team_rows::Column::Slug.eq(slug))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .roster_version
}

#[tokio::test]
async fn the_roster_version_rises_with_every_change_of_membership_or_name() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let (a, b) = (world.team_a.as_str(), world.team_b.as_str());
    let db = &app.db.conn;
    let start = version(&app, a).await;
    let other_team = version(&app, b).await;

    let newcomer = create_person(&app, "Newcomer", false).await;
    add_member(&app, &world.leader, a, &newcomer, "member").await;
    let joined = version(&app, a).await;
    assert!(joined > start, "joining raises it");

    let leader = principal(&world.leader, false);
    teams::change_role(db, leader, a, newcomer.id, "leader")
        .await
        .unwrap();
    let promoted = version(&app, a).await;
    assert!(promoted > joined, "a change of role raises it");

    teams::remove_member(db, leader, a, newcomer.id)
        .await
        .unwrap();
    let left = version(&app, a).await;
    assert!(left > promoted, "leaving raises it");

    // Writes that bypass the services are caught too: the database keeps the number.
    let team_a = team_rows::Entity::find()
        .filter(team_rows::Column::Slug.eq(a))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    memberships::ActiveModel {
        team_id: Set(team_a.id),
        user_id: Set(newcomer.id),
        role: Set(memberships::Role::Member),
        joined_at: Set(time::OffsetDateTime::now_utc()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let inserted = version(&app, a).await;
    assert!(inserted > left, "an insert by hand raises it");
    users::Entity::update_many()
        .col_expr(users::Column::DisplayName, "Renamed".into())
        .filter(users::Column::Id.eq(newcomer.id))
        .exec(db)
        .await
        .unwrap();
    assert!(
        version(&app, a).await > inserted,
        "a member's new name raises it"
    );
    assert_eq!(
        version(&app, b).await,
        other_team,
        "another team's roster is untouched"
    );
}

#[tokio::test]
async fn a_page_read_before_a_change_shows_the_change_after_it() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let actions = format!("/teams/{slug}/actions");
    let page = || async { leader.get(&actions).await.text().await.unwrap() };
    assert!(!page().await.contains("Newcomer"));

    // Kept at the old version: a join must not be missed.
    let newcomer = create_person(&app, "Newcomer", false).await;
    add_member(&app, &world.leader, slug, &newcomer, "member").await;
    assert!(
        page().await.contains("Newcomer"),
        "the new member is listed"
    );

    // A new name (written straight to the database) shows too.
    users::Entity::update_many()
        .col_expr(users::Column::DisplayName, "Newly Named".into())
        .filter(users::Column::Id.eq(newcomer.id))
        .exec(&app.db.conn)
        .await
        .unwrap();
    let html = page().await;
    assert!(
        html.contains("Newly Named") && !html.contains("Newcomer"),
        "{html}"
    );

    // And a departure.
    teams::remove_member(
        &app.db.conn,
        principal(&world.leader, false),
        slug,
        newcomer.id,
    )
    .await
    .unwrap();
    assert!(!page().await.contains("Newly Named"));
}
