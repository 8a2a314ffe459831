//! Sign-in, sessions, password changes and resets, rate limits.

use crate::helpers::{PASSWORD, create_person, seed, signed_in, spawn_app};

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    let person = create_person(&app, "Sam", false).await;
    let browser = app.browser();

    let wrong = browser
        .login(&person.email, "not the password at all")
        .await;
    assert_eq!(wrong.status(), 422);
    let wrong = wrong.text().await.unwrap();
    let unknown = browser
        .login("nobody@school.test", "not the password at all")
        .await;
    assert_eq!(unknown.status(), 422);
    let unknown = unknown.text().await.unwrap();

    let message = roundtable::service::accounts::login_failed().to_string();
    assert!(wrong.contains(&message) && unknown.contains(&message));
    // The typed email comes back; the password never does.
    assert!(wrong.contains(&format!(r#"value="{}""#, person.email)));
    assert!(!wrong.contains("not the password at all"));
}

#[tokio::test]
async fn signing_in_leads_to_the_page_asked_for_and_signing_out_needs_a_post() {
    let app = spawn_app().await;
    let person = create_person(&app, "Sam", false).await;
    let browser = app.browser();

    let response = browser
        .post(
            "/login",
            &[
                ("email", &person.email),
                ("password", PASSWORD),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/account");
    assert_eq!(browser.get("/account").await.status(), 200);

    assert_eq!(browser.get("/logout").await.status(), 405);
    assert_eq!(browser.post("/logout", &[]).await.status(), 303);
    assert_eq!(browser.get("/account").await.status(), 303, "signed out");
}

#[tokio::test]
async fn the_next_parameter_cannot_send_people_elsewhere() {
    let app = spawn_app().await;
    let person = create_person(&app, "Sam", false).await;
    let browser = app.browser();

    let response = browser
        .post(
            "/login",
            &[
                ("email", &person.email),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;

    assert_eq!(response.headers()["location"], "/");
}

#[tokio::test]
async fn changing_the_password_ends_every_other_session() {
    let app = spawn_app().await;
    let person = create_person(&app, "Sam", false).await;
    let laptop = signed_in(&app, &person).await;
    let phone = signed_in(&app, &person).await;

    let bad = laptop
        .post(
            "/account/password",
            &[
                ("current", "wrong wrong wrong"),
                ("new", "short"),
                ("confirm", "other"),
            ],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let bad = bad.text().await.unwrap();
    assert!(bad.contains("That is not your current password."));

    let new = "a brand new password here";
    let ok = laptop
        .post(
            "/account/password",
            &[("current", PASSWORD), ("new", new), ("confirm", new)],
        )
        .await;
    // A redirect, so a reload does not post the form again; the account page confirms once.
    let confirmed = laptop.follow(ok).await;
    assert!(
        confirmed.contains("Password changed. Every other session has been signed out."),
        "{confirmed}"
    );

    assert_eq!(
        laptop.get("/account").await.status(),
        200,
        "this session continues"
    );
    assert_eq!(
        phone.get("/account").await.status(),
        303,
        "the other session ended"
    );
    assert_eq!(app.browser().login(&person.email, new).await.status(), 303);
}

#[tokio::test]
async fn log_out_everywhere_ends_all_sessions() {
    let app = spawn_app().await;
    let person = create_person(&app, "Sam", false).await;
    let laptop = signed_in(&app, &person).await;
    let phone = signed_in(&app, &person).await;

    assert_eq!(
        laptop
            .post("/account/logout-everywhere", &[])
            .await
            .status(),
        303
    );

    assert_eq!(laptop.get("/account").await.status(), 303);
    assert_eq!(phone.get("/account").await.status(), 303);
}

#[tokio::test]
async fn an_idle_session_expires() {
    let app = spawn_app().await;
    let person = create_person(&app, "Sam", false).await;
    let browser = signed_in(&app, &person).await;
    let idle = i64::from(app.settings.session.idle_timeout_minutes);

    app.clock.advance(time::Duration::minutes(idle - 1));
    assert_eq!(
        browser.get("/account").await.status(),
        200,
        "activity keeps the session alive"
    );
    app.clock.advance(time::Duration::minutes(idle - 1));
    assert_eq!(browser.get("/account").await.status(), 200);
    app.clock.advance(time::Duration::minutes(idle + 1));
    assert_eq!(browser.get("/account").await.status(), 303, "idle too long");
}

#[tokio::test]
async fn repeated_failed_logins_are_rate_limited_with_a_wait() {
    let app = spawn_app().await;
    let person = create_person(&app, "Sam", false).await;
    let browser = app.browser();

    let mut last = None;
    for _ in 0..6 {
        last = Some(browser.login(&person.email, "wrong password guess").await);
    }
    let last = last.unwrap();
    assert_eq!(last.status(), 429);
    assert!(last.headers().contains_key("retry-after"));
    let body = last.text().await.unwrap();
    assert!(
        body.contains("Too many attempts") && body.contains("try again in"),
        "{body}"
    );
}

#[tokio::test]
async fn a_leader_issues_a_reset_link_that_works_once_and_ends_sessions() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let member_session = signed_in(&app, &world.member).await;
    let leader = signed_in(&app, &world.leader).await;

    let page = leader
        .post(
            &format!(
                "/teams/{}/members/{}/reset-link",
                world.team_a, world.member.id
            ),
            &[],
        )
        .await;
    let html = leader.follow(page).await.replace("&#x2F;", "/");
    assert!(html.contains("Password-reset link created."));
    let start = html.find("/reset/").unwrap();
    let path = html[start..start + "/reset/".len() + 64].to_owned();

    let stranger = app.browser();
    assert_eq!(stranger.get(&path).await.status(), 200);
    let mismatch = stranger
        .post(
            &path,
            &[("new", "one new password"), ("confirm", "another one")],
        )
        .await;
    assert_eq!(mismatch.status(), 422);
    let new = "the member's new password";
    let done = stranger
        .post(&path, &[("new", new), ("confirm", new)])
        .await;
    assert_eq!(done.status(), 303);

    assert_eq!(stranger.get(&path).await.status(), 404, "single use");
    assert_eq!(
        member_session.get("/account").await.status(),
        303,
        "old sessions ended"
    );
    assert_eq!(
        app.browser().login(&world.member.email, new).await.status(),
        303
    );
}

#[tokio::test]
async fn invitation_and_reset_attempts_are_rate_limited() {
    let app = spawn_app().await;
    let browser = app.browser();
    let bad = "cd".repeat(32);

    let mut statuses = Vec::new();
    for _ in 0..11 {
        statuses.push(
            browser
                .post(&format!("/invite/{bad}"), &[])
                .await
                .status()
                .as_u16(),
        );
    }
    assert_eq!(statuses[..10], [404; 10]);
    assert_eq!(statuses[10], 429);

    let mut last = 0;
    for _ in 0..6 {
        last = browser
            .post(
                &format!("/reset/{bad}"),
                &[("new", "a new password"), ("confirm", "a new password")],
            )
            .await
            .status()
            .as_u16();
    }
    assert_eq!(last, 429, "five attempts per reset link");
}

#[tokio::test]
async fn a_leader_cannot_issue_a_reset_link_for_someone_in_teams_they_do_not_lead() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    // The member also belongs to team B, which the leader does not lead.
    crate::helpers::add_member(
        &app,
        &world.outsider,
        &world.team_b,
        &world.member,
        "member",
    )
    .await;
    let leader = signed_in(&app, &world.leader).await;
    let path = format!(
        "/teams/{}/members/{}/reset-link",
        world.team_a, world.member.id
    );

    assert_eq!(leader.post(&path, &[]).await.status(), 403);

    // A site admin may.
    let admin = signed_in(&app, &world.admin).await;
    assert_eq!(admin.post(&path, &[]).await.status(), 303);
}
