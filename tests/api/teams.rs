//! Teams: creation, invitations (single use, N uses, revoked, expired), roles, leaving.

use roundtable::store::entities::invitations;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

use crate::helpers::{create_person, seed, signed_in, spawn_app};

fn link_path(html: &str) -> String {
    let html = html.replace("&#x2F;", "/");
    let start = html
        .find("/invite/")
        .expect("an invitation link on the page");
    html[start..start + "/invite/".len() + 64].to_owned()
}

#[tokio::test]
async fn a_site_admin_creates_a_team_and_its_first_leader_joins() {
    let app = spawn_app().await;
    let admin = create_person(&app, "Admin", true).await;
    let browser = signed_in(&app, &admin).await;

    let bad = browser
        .post(
            "/admin/teams",
            &[("name", "Maths"), ("purpose", "too short")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let bad = bad.text().await.unwrap();
    assert!(
        bad.contains(r#"value="Maths""#),
        "the typed name comes back"
    );
    assert!(bad.contains("at least 10 characters"));

    let created = browser
        .post(
            "/admin/teams",
            &[
                ("name", "Maths Department"),
                ("purpose", "We plan maths teaching across the school."),
            ],
        )
        .await;
    let listed = browser.follow(created).await;
    assert!(listed.contains("Created Maths Department."));
    let path = link_path(&listed);
    let again = browser.get("/admin/teams").await.text().await.unwrap();
    assert!(!again.contains("/invite/"), "the link is shown once");

    let newcomer = app.browser();
    let page = newcomer.get(&path).await.text().await.unwrap();
    assert!(page.contains("Join Maths Department") && page.contains("We plan maths teaching"));
    let joined = newcomer
        .post(
            &path,
            &[
                ("display_name", "Lee"),
                ("email", "lee@school.test"),
                ("password", "a long new password"),
            ],
        )
        .await;
    assert_eq!(joined.status(), 303);
    assert_eq!(joined.headers()["location"], "/teams/maths-department");
    let team = newcomer
        .get("/teams/maths-department")
        .await
        .text()
        .await
        .unwrap();
    assert!(team.contains("Lee (you)") && team.contains("leader"));
    assert!(team.contains("Welcome: you have joined the team."));

    let used = app.browser().get(&path).await;
    assert_eq!(used.status(), 410, "single use");
    let used = used.text().await.unwrap();
    assert!(used.contains("has been used up") && used.contains("Ask <strong>Lee</strong>"));
    assert_eq!(
        app.browser()
            .get(&format!("/invite/{}", "0".repeat(64)))
            .await
            .status(),
        404,
        "a link nobody issued"
    );
    let duplicate = browser
        .post(
            "/admin/teams",
            &[
                ("name", "Maths Department"),
                ("purpose", "Another team with the same name."),
            ],
        )
        .await;
    assert_eq!(duplicate.status(), 422);
    assert!(
        duplicate
            .text()
            .await
            .unwrap()
            .contains("Another team already uses this address")
    );
}

#[tokio::test]
async fn an_invitation_admits_n_people_and_can_be_revoked() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let team = format!("/teams/{}", world.team_a);

    let bad = leader
        .post(
            &format!("{team}/invitations"),
            &[("role", "member"), ("max_uses", "500"), ("valid_days", "7")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains(r#"value="500""#));

    let page = leader
        .post(
            &format!("{team}/invitations"),
            &[("role", "member"), ("max_uses", "2"), ("valid_days", "7")],
        )
        .await;
    let page = leader.follow(page).await;
    assert!(page.contains("Invitation link created for a member."));
    let path = link_path(&page);
    for name in ["Ann", "Ben"] {
        let joined = app
            .browser()
            .post(
                &path,
                &[
                    ("display_name", name),
                    ("email", &format!("{name}@school.test")),
                    ("password", "a long new password"),
                ],
            )
            .await;
        assert_eq!(joined.status(), 303, "{name}");
    }
    assert_eq!(
        app.browser().get(&path).await.status(),
        410,
        "used up after 2"
    );

    let page = leader
        .post(
            &format!("{team}/invitations"),
            &[("role", "member"), ("max_uses", "5"), ("valid_days", "7")],
        )
        .await;
    let path = link_path(&leader.follow(page).await);
    let id = crate::access_helpers::newest_invitation(&app).await;
    assert_eq!(
        leader
            .post(&format!("{team}/invitations/{id}/revoke"), &[])
            .await
            .status(),
        303
    );
    let revoked = app.browser().get(&path).await;
    assert_eq!(revoked.status(), 410, "revoked");
    assert!(
        revoked
            .text()
            .await
            .unwrap()
            .contains("was withdrawn by a leader")
    );
}

#[tokio::test]
async fn an_expired_invitation_says_so_and_whom_to_ask() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let page = leader
        .post(
            &format!("/teams/{}/invitations", world.team_a),
            &[("role", "member"), ("max_uses", "1"), ("valid_days", "1")],
        )
        .await;
    let path = link_path(&leader.follow(page).await);
    let id = crate::access_helpers::newest_invitation(&app).await;
    let row = invitations::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let mut row: invitations::ActiveModel = row.into();
    row.expires_at = Set(time::OffsetDateTime::now_utc() - time::Duration::minutes(1));
    row.update(&app.db.conn).await.unwrap();

    let expired = app.browser().get(&path).await;
    assert_eq!(expired.status(), 410);
    assert!(expired.text().await.unwrap().contains("has expired"));
}

#[tokio::test]
async fn the_last_leader_can_neither_leave_nor_be_demoted() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let team = format!("/teams/{}", world.team_a);

    let page = leader.get(&team).await.text().await.unwrap();
    assert!(!page.contains("Make member"), "only leader: {page}");
    let demote = leader
        .post(
            &format!("{team}/members/{}/role", world.leader.id),
            &[("role", "member")],
        )
        .await;
    assert_eq!(demote.status(), 409);
    assert!(demote.text().await.unwrap().contains("at least one leader"));
    assert_eq!(
        leader.post(&format!("{team}/leave"), &[]).await.status(),
        409
    );

    // Hand over, then leave.
    let promote = leader
        .post(
            &format!("{team}/members/{}/role", world.member.id),
            &[("role", "leader")],
        )
        .await;
    assert_eq!(promote.status(), 303);
    assert_eq!(
        leader.post(&format!("{team}/leave"), &[]).await.status(),
        303
    );
    assert_eq!(leader.get(&team).await.status(), 404, "no longer a member");

    let member = signed_in(&app, &world.member).await;
    let page = member.get(&team).await.text().await.unwrap();
    assert!(
        page.contains("Password-reset link"),
        "the new leader manages the team"
    );
    // As the only leader, they are not offered a demotion the server would refuse.
    assert!(
        page.contains("The only leader: make someone else a leader first."),
        "{page}"
    );
    assert!(!page.contains("Make member"), "{page}");
}

#[tokio::test]
async fn the_team_page_shows_purpose_members_and_my_other_teams() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    crate::helpers::add_member(
        &app,
        &world.outsider,
        &world.team_b,
        &world.member,
        "member",
    )
    .await;
    let member = signed_in(&app, &world.member).await;

    let page = member
        .get(&format!("/teams/{}", world.team_a))
        .await
        .text()
        .await
        .unwrap();

    assert!(page.contains("A purpose long enough to be accepted"));
    assert!(page.contains("Leader") && page.contains("Member (you)"));
    assert!(page.contains("Your other teams") && page.contains("Team B"));
    assert!(!page.contains("Make leader"), "members do not manage");
}

#[tokio::test]
async fn a_closed_invitation_says_why_in_the_readers_language() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let team = format!("/teams/{}", world.team_a);
    let mut links = Vec::new();
    for _ in 0..3 {
        let page = leader
            .post(
                &format!("{team}/invitations"),
                &[("role", "member"), ("max_uses", "2"), ("valid_days", "7")],
            )
            .await;
        let path = link_path(&leader.follow(page).await);
        let id = crate::access_helpers::newest_invitation(&app).await;
        links.push((path, id));
    }
    let change = |id: i64, edit: fn(&mut invitations::ActiveModel)| {
        let app = &app;
        async move {
            let row = invitations::Entity::find_by_id(id)
                .one(&app.db.conn)
                .await
                .unwrap()
                .unwrap();
            let mut row: invitations::ActiveModel = row.into();
            edit(&mut row);
            row.update(&app.db.conn).await.unwrap();
        }
    };
    change(links[0].1, |r| {
        r.expires_at = Set(time::OffsetDateTime::now_utc() - time::Duration::minutes(1));
    })
    .await;
    change(links[1].1, |r| r.uses = Set(2)).await;
    let revoked = leader
        .post(&format!("{team}/invitations/{}/revoke", links[2].1), &[])
        .await;
    assert_eq!(revoked.status(), 303);

    let reader = crate::language_helpers::in_french(&app, &world.member).await;
    let reasons = [
        ("a expiré", "has expired"),
        ("a été utilisé autant de fois que prévu", "has been used up"),
        (
            "a été retiré par un responsable",
            "was withdrawn by a leader",
        ),
    ];
    for ((path, _), (french, english)) in links.iter().zip(reasons) {
        let closed = reader.get(path).await;
        assert_eq!(closed.status(), 410, "{path}");
        let page = crate::language_helpers::unescaped(closed.text().await.unwrap());
        crate::language_helpers::speaks(
            &page,
            &["Ce lien d'invitation ne fonctionne plus", french],
            &["no longer works", english],
        );
    }
}
