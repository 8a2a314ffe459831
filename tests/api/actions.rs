//! The action log over HTTP: status changes by the owner and leaders only (with reasons and
//! history), comments, overdue by the injected clock, filters, the CSV export read back,
//! actions from a help request, and another team's actions answering 404.

use roundtable::store::entities::audit_log;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use time::Duration;

use crate::action_helpers::{create_action, day, move_action};
use crate::helpers::{add_member, create_person, seed, signed_in, spawn_app};

#[tokio::test]
async fn only_the_owner_and_leaders_change_an_action_and_every_change_is_kept() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let other = create_person(&app, "Other", false).await;
    add_member(&app, &world.leader, slug, &other, "member").await;
    let member = signed_in(&app, &world.member).await;
    let bystander = signed_in(&app, &other).await;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_action(
        &member,
        slug,
        "Book the hall",
        world.member.id,
        &day(&app, 7),
    )
    .await;

    // A member who does not own it cannot move it, and the page offers no form.
    assert_eq!(move_action(&bystander, slug, id, "done", "").await, 403);
    let page = bystander
        .get(&format!("/teams/{slug}/actions/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("Change the status"));

    // Blocked needs a reason; the form comes back with the message.
    let refused = member
        .post(
            &format!("/teams/{slug}/actions/{id}/status"),
            &[("status", "blocked"), ("reason", "")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Say why"));
    assert_eq!(
        move_action(&member, slug, id, "blocked", "Waiting on the caretaker").await,
        303
    );
    // A leader may move anyone's action; done is final.
    app.clock.advance(Duration::minutes(5));
    assert_eq!(move_action(&leader, slug, id, "done", "").await, 303);
    assert_eq!(move_action(&member, slug, id, "open", "").await, 422);

    // Any member comments.
    let commented = bystander
        .post(
            &format!("/teams/{slug}/actions/{id}/comments"),
            &[("body", "Thanks for sorting it.")],
        )
        .await;
    assert_eq!(commented.status(), 303);

    let page = member
        .get(&format!("/teams/{slug}/actions/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("created as open"), "{page}");
    assert!(page.contains("open → blocked"));
    assert!(page.contains("Waiting on the caretaker"));
    assert!(page.contains("blocked → done"));
    assert!(page.contains("Thanks for sorting it."));
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(audit_log::AuditAction::ActionStatus))
        .count(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(audited, 2);
}

#[tokio::test]
async fn overdue_follows_the_clock_and_my_open_actions_list_it_first() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let member = signed_in(&app, &world.member).await;
    let soon = create_action(
        &member,
        slug,
        "Send the letter",
        world.member.id,
        &day(&app, 1),
    )
    .await;
    let later = create_action(
        &member,
        slug,
        "Plan the trip",
        world.member.id,
        &day(&app, 5),
    )
    .await;
    let theirs = create_action(
        &member,
        slug,
        "Ask the head",
        world.leader.id,
        &day(&app, 1),
    )
    .await;

    let overdue = member
        .get(&format!("/teams/{slug}/actions?show=overdue"))
        .await;
    assert!(!overdue.text().await.unwrap().contains("Send the letter"));

    app.clock.advance(Duration::days(3));
    let member = signed_in(&app, &world.member).await;
    let overdue = member
        .get(&format!("/teams/{slug}/actions?show=overdue"))
        .await
        .text()
        .await
        .unwrap();
    assert!(overdue.contains("Send the letter"));
    assert!(overdue.contains("Ask the head"));
    assert!(!overdue.contains("Plan the trip"));
    let mine = member
        .get(&format!("/teams/{slug}/actions?show=mine"))
        .await
        .text()
        .await
        .unwrap();
    assert!(mine.contains("Send the letter") && mine.contains("Plan the trip"));
    assert!(!mine.contains("Ask the head"));
    let by_owner = member
        .get(&format!("/teams/{slug}/actions?owner={}", world.leader.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(by_owner.contains("Ask the head") && !by_owner.contains("Plan the trip"));

    let home = member.get("/").await.text().await.unwrap();
    let first = home.find(&format!("/actions/{soon}")).unwrap();
    let second = home.find(&format!("/actions/{later}")).unwrap();
    assert!(first < second, "overdue first");
    assert!(!home.contains(&format!("/actions/{theirs}\"")));

    // The team page shows the load: open and done per owner.
    let team = member
        .get(&format!("/teams/{slug}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(team.contains("Follow-through this term"));
}

#[tokio::test]
async fn the_csv_export_reads_back_as_the_actions() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let titles = ["Print \"rubric\", both sides", "=SUM(A1) is not a formula"];
    let a = create_action(&leader, slug, titles[0], world.member.id, &day(&app, 2)).await;
    let b = create_action(&leader, slug, titles[1], world.leader.id, &day(&app, 3)).await;
    assert_eq!(
        move_action(&leader, slug, b, "dropped", "No longer needed, sadly").await,
        303
    );

    let response = leader.get(&format!("/teams/{slug}/actions.csv")).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let body = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "id", "title", "owner", "due_on", "status", "reason", "overdue", "source"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], a.to_string());
    assert_eq!(&rows[0][1], titles[0]);
    assert_eq!(&rows[0][2], "Member");
    assert_eq!(&rows[0][3], day(&app, 2));
    assert_eq!(&rows[0][4], "open");
    assert_eq!(&rows[1][1], format!("'{}", titles[1]));
    assert_eq!(&rows[1][4], "dropped");
    assert_eq!(&rows[1][5], "No longer needed, sadly");
}

#[tokio::test]
async fn a_help_request_becomes_an_action_and_other_teams_see_nothing() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let member = signed_in(&app, &world.member).await;
    let asked = member
        .post(
            &format!("/teams/{slug}/help"),
            &[
                ("kind", "request"),
                ("title", "Cover period 3"),
                ("detail", ""),
                ("category", "cover"),
                ("estimated_minutes", "50"),
                ("expires_in_days", "14"),
                ("idempotency_key", &"k".repeat(32)),
            ],
        )
        .await;
    let post = crate::action_helpers::id_from(&asked);
    let leader = signed_in(&app, &world.leader).await;
    let form = leader
        .get(&format!("/teams/{slug}/actions?from_help={post}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(form.contains(&format!("name=\"help_post_id\" value=\"{post}\"")));
    let post_id = post.to_string();
    let owner = world.leader.id.to_string();
    let due = day(&app, 1);
    let created = leader
        .post(
            &format!("/teams/{slug}/actions"),
            &[
                ("title", "Cover period 3 for Member"),
                ("owner_id", &owner),
                ("due_on", &due),
                ("help_post_id", &post_id),
            ],
        )
        .await;
    let id = crate::action_helpers::id_from(&created);
    let page = member
        .get(&format!("/teams/{slug}/actions/{id}"))
        .await
        .text()
        .await
        .unwrap()
        .replace("&#x2F;", "/");
    assert!(page.contains(&format!(
        "<a href=\"/teams/{slug}/help/{post}\">a help request</a>"
    )));

    // An outsider gets 404 for the action, the list and a move; a foreign owner is refused.
    let outsider = signed_in(&app, &world.outsider).await;
    assert_eq!(
        outsider
            .get(&format!("/teams/{slug}/actions/{id}"))
            .await
            .status(),
        404
    );
    assert_eq!(move_action(&outsider, slug, id, "done", "").await, 404);
    let foreign_owner = world.outsider.id.to_string();
    let refused = leader
        .post(
            &format!("/teams/{slug}/actions"),
            &[
                ("title", "Someone else's job"),
                ("owner_id", &foreign_owner),
                ("due_on", &due),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    // The action of team a is not found through team b.
    let team_b = &world.team_b;
    assert_eq!(
        outsider
            .get(&format!("/teams/{team_b}/actions/{id}"))
            .await
            .status(),
        404
    );
}
