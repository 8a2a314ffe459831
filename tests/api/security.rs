//! Issue 11: promises of docs/security.md under attack: no open redirect, the last-leader rule
//! and single-use invitations under races (and no "database is locked"), sign-in throttling
//! that cannot lock a member out, sessions that end on the server, control characters refused.

use roundtable::access::TeamRole;
use roundtable::domain::text::CONTROL_MESSAGE;
use roundtable::store::entities::{meetings, memberships, teams as team_rows, users};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::helpers::{
    Browser, PASSWORD, TestApp, add_member, create_person, seed, signed_in, spawn_app,
    spawn_app_with_settings,
};
use crate::meeting_helpers::meeting_form;

#[tokio::test]
async fn sign_in_never_redirects_off_site_and_never_fails() {
    let app = spawn_app().await;
    let person = create_person(&app, "Sam", false).await;
    for next in ["/%09/evil.example", "/%0d%0a/x", "/%0b/x", "//evil.example"] {
        let page = app.browser().get(&format!("/login?next={next}")).await;
        assert_eq!(page.status(), 200, "{next}");
        let html = page.text().await.unwrap();
        assert!(!html.contains("evil.example"), "{next}: {html}");
    }
    for next in [
        "/\t/evil.example",
        "/\r\n/x",
        "/\u{b}/x",
        "/%2F/evil.example",
        "/\\evil.example",
        "/ok/\u{0}",
    ] {
        let browser = app.browser();
        let response = browser
            .post(
                "/login",
                &[
                    ("email", person.email.as_str()),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(response.status(), 303, "{next:?}");
        assert_eq!(response.headers()["location"], "/", "{next:?}");
    }
}

async fn leaders(app: &TestApp, slug: &str) -> u64 {
    let team = team_rows::Entity::find()
        .filter(team_rows::Column::Slug.eq(slug))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    memberships::Entity::find()
        .filter(memberships::Column::TeamId.eq(team.id))
        .filter(memberships::Column::Role.eq(TeamRole::Leader.as_str()))
        .count(&app.db.conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn two_leaders_demoting_each_other_or_leaving_at_once_leave_a_leader() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = world.team_a.clone();
    let one = world.leader.clone();
    let two = create_person(&app, "Second", false).await;
    add_member(&app, &one, &slug, &two, "leader").await;
    let b1 = signed_in(&app, &one).await;
    let b2 = signed_in(&app, &two).await;
    let people = [(&one, &b1), (&two, &b2)];

    for round in 0..20 {
        let leaving = round % 2 == 1;
        let (t1, t2) = (b1.csrf().await, b2.csrf().await);
        let (p1, p2) = if leaving {
            let path = format!("/teams/{slug}/leave");
            (path.clone(), path)
        } else {
            (
                format!("/teams/{slug}/members/{}/role", two.id),
                format!("/teams/{slug}/members/{}/role", one.id),
            )
        };
        let f1 = [("role", "member"), ("csrf_token", t1.as_str())];
        let f2 = [("role", "member"), ("csrf_token", t2.as_str())];
        let (r1, r2) = tokio::join!(b1.post_raw(&p1, &f1), b2.post_raw(&p2, &f2));
        let mut statuses = [r1.status().as_u16(), r2.status().as_u16()];
        statuses.sort_unstable();
        assert_eq!(leaders(&app, &slug).await, 1, "round {round}: {statuses:?}");
        assert_eq!(statuses[0], 303, "round {round}: one wins: {statuses:?}");
        let refused = if leaving { vec![409] } else { vec![403, 409] };
        assert!(
            refused.contains(&statuses[1]),
            "round {round}: the other is refused: {statuses:?}"
        );
        // Put the second leader back for the next round.
        let mut remaining = None;
        let mut gone = None;
        for (person, _) in people {
            let row = memberships::Entity::find()
                .filter(memberships::Column::UserId.eq(person.id))
                .filter(memberships::Column::Role.eq(TeamRole::Leader.as_str()))
                .one(&app.db.conn)
                .await
                .unwrap();
            if row.is_some() {
                remaining = Some(person);
            } else {
                gone = Some(person);
            }
        }
        let (remaining, gone) = (remaining.unwrap(), gone.unwrap());
        if leaving {
            add_member(&app, remaining, &slug, gone, "leader").await;
        } else {
            roundtable::service::teams::change_role(
                &app.db.conn,
                roundtable::access::Principal {
                    user_id: Some(remaining.id),
                    is_admin: false,
                    zone: None,
                },
                &slug,
                gone.id,
                "leader",
            )
            .await
            .unwrap();
        }
        assert_eq!(leaders(&app, &slug).await, 2);
    }
}

#[tokio::test]
async fn eight_people_using_a_single_use_invitation_at_once_admit_one() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let page = leader
        .post(
            &format!("/teams/{}/invitations", world.team_a),
            &[("role", "member"), ("max_uses", "1"), ("valid_days", "7")],
        )
        .await;
    let html = leader.follow(page).await.replace("&#x2F;", "/");
    let start = html.find("/invite/").unwrap();
    let path = html[start..start + "/invite/".len() + 64].to_owned();

    let browsers: Vec<Browser> = (0..8).map(|_| app.browser()).collect();
    let mut tokens = Vec::new();
    for browser in &browsers {
        tokens.push(browser.csrf().await);
    }
    // Every request is ready (CSRF token in hand) before any is sent, then all go at once.
    let handles: Vec<_> = browsers
        .iter()
        .zip(tokens)
        .enumerate()
        .map(|(i, (browser, token))| {
            let client = browser.client.clone();
            let url = app.url(&path);
            tokio::spawn(async move {
                let email = format!("joiner{i}@school.test");
                client
                    .post(url)
                    .form(&[
                        ("display_name", "Joiner"),
                        ("email", email.as_str()),
                        ("password", PASSWORD),
                        ("csrf_token", token.as_str()),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for handle in handles {
        statuses.push(handle.await.unwrap());
    }
    statuses.sort_unstable();
    // The others are told the link has been used up (410 Gone), not a generic 404.
    assert_eq!(statuses, [303, 410, 410, 410, 410, 410, 410, 410]);
    let joined = users::Entity::find()
        .filter(users::Column::Email.like("joiner%"))
        .count(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(joined, 1, "no account is left behind by a refused join");
}

/// A browser whose requests say they come from `ip` through the trusted proxy on 127.0.0.1.
async fn login_from(app: &TestApp, ip: &str, email: &str, password: &str) -> u16 {
    let browser = app.browser();
    let token = browser.csrf().await;
    browser
        .client
        .post(app.url("/login"))
        .header("x-forwarded-for", ip)
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn app_behind_proxy() -> TestApp {
    spawn_app_with_settings(|s| {
        s.trusted_proxies = vec!["127.0.0.1".to_owned().try_into().unwrap()];
    })
    .await
}

#[tokio::test]
async fn the_owner_signs_in_from_their_own_address_while_others_guess() {
    let app = app_behind_proxy().await;
    let owner = create_person(&app, "Owner", false).await;
    let mut statuses = Vec::new();
    for i in 1..=10 {
        for _ in 0..2 {
            let ip = format!("203.0.113.{i}");
            statuses.push(login_from(&app, &ip, &owner.email, "a wrong guess here").await);
        }
    }
    assert!(
        statuses.iter().all(|s| [422, 429].contains(s)),
        "{statuses:?}"
    );
    assert!(
        statuses.contains(&429),
        "guessing gets slower: {statuses:?}"
    );
    assert_eq!(
        login_from(&app, "203.0.113.1", &owner.email, "another wrong guess").await,
        429,
        "an address that failed waits"
    );

    assert_eq!(
        login_from(&app, "198.51.100.7", &owner.email, PASSWORD).await,
        303,
        "the right password from the owner's address goes through"
    );
}

#[tokio::test]
async fn one_colleagues_failures_do_not_block_another_behind_the_same_address() {
    let app = app_behind_proxy().await;
    let kim = create_person(&app, "Kim", false).await;
    let lee = create_person(&app, "Lee", false).await;
    let school = "192.0.2.50";
    let mut statuses = Vec::new();
    for _ in 0..20 {
        statuses.push(login_from(&app, school, &kim.email, "forgot my password").await);
    }
    assert_eq!(statuses[..5], [422; 5], "{statuses:?}");
    assert!(statuses[5..].iter().all(|s| *s == 429), "{statuses:?}");

    assert_eq!(login_from(&app, school, &lee.email, PASSWORD).await, 303);
    assert_eq!(
        login_from(&app, "192.0.2.51", &kim.email, PASSWORD).await,
        303,
        "Kim from home"
    );
}

#[tokio::test]
async fn forwarded_addresses_are_ignored_unless_the_proxy_is_trusted() {
    let app = spawn_app().await;
    let owner = create_person(&app, "Owner", false).await;
    let mut last = 0;
    for i in 1..=6 {
        last = login_from(
            &app,
            &format!("203.0.113.{i}"),
            &owner.email,
            "wrong guess!!",
        )
        .await;
    }
    assert_eq!(
        last, 429,
        "every guess came from 127.0.0.1, whatever the header said"
    );
}

/// The session cookie a response set, as `name=value`.
fn session_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("roundtable_session="))
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_copied_cookie_opens_nothing_after_logout() {
    let app = spawn_app().await;
    let person = create_person(&app, "Sam", false).await;
    let browser = app.browser();
    let response = browser.login(&person.email, PASSWORD).await;
    assert_eq!(response.status(), 303);
    let cookie = session_cookie(&response);
    let copy = |path: &'static str| {
        app.browser()
            .client
            .get(app.url(path))
            .header("cookie", cookie.clone())
            .send()
    };
    assert_eq!(
        copy("/account").await.unwrap().status(),
        200,
        "the copy works"
    );

    assert_eq!(browser.post("/logout", &[]).await.status(), 303);

    assert_eq!(browser.get("/account").await.status(), 303);
    assert_eq!(
        copy("/account").await.unwrap().status(),
        303,
        "signed out on the server"
    );
}

async fn meeting_count(app: &TestApp) -> u64 {
    meetings::Entity::find().count(&app.db.conn).await.unwrap()
}

#[tokio::test]
async fn control_characters_are_refused_with_the_field_named_and_never_stored() {
    let app = spawn_app().await;
    let world = seed(&app).await;

    // Sign-in: PostgreSQL cannot even compare a NUL.
    let page = app
        .browser()
        .login("sam\0@school.test", "a wrong guess here")
        .await;
    assert_eq!(page.status(), 422);
    let html = page.text().await.unwrap();
    assert!(html.contains(r#"id="email-error""#) && html.contains(CONTROL_MESSAGE));

    // A meeting: place, title, purpose line.
    let leader = signed_in(&app, &world.leader).await;
    for (field, value) in [
        ("place", "Room 4\u{1b}[31m"),
        ("place", "Room\0 4"),
        ("title", "Weekly\r\nmeeting"),
        ("title", "Weekly\u{7} meeting"),
        ("purpose_line", "Move the plan forward\0 together."),
    ] {
        let mut form = meeting_form(&app, "open");
        for (k, v) in &mut form {
            if k == field {
                *v = value.to_owned();
            }
        }
        let fields: Vec<(&str, &str)> =
            form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let response = leader
            .post(&format!("/teams/{}/meetings", world.team_a), &fields)
            .await;
        assert_eq!(response.status(), 422, "{field} {value:?}");
        let html = response.text().await.unwrap();
        assert!(
            html.contains(&format!(r#"id="{field}-error""#)),
            "{field} {value:?}: {html}"
        );
    }
    assert_eq!(meeting_count(&app).await, 0, "nothing stored");

    // A new account through an invitation: the name.
    let token = roundtable::service::teams::invite(
        &app.db.conn,
        roundtable::access::Principal {
            user_id: Some(world.leader.id),
            is_admin: false,
            zone: None,
        },
        &world.team_a,
        &Default::default(),
        roundtable::service::notices::Delivery::in_app_only(),
        roundtable::clock::now(),
    )
    .await
    .unwrap();
    let token = token.token().expect("a link").to_owned();
    let join = app
        .browser()
        .post(
            &format!("/invite/{token}"),
            &[
                ("display_name", "Eve\0"),
                ("email", "eve@school.test"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(join.status(), 422);
    assert!(
        join.text()
            .await
            .unwrap()
            .contains(r#"id="display_name-error""#)
    );
    let eve = users::Entity::find()
        .filter(users::Column::Email.eq("eve@school.test"))
        .count(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(eve, 0);

    // The ledger: a note with NUL, a category with ESC.
    let member = signed_in(&app, &world.member).await;
    for (field, value) in [("note", "thanks\0"), ("category", "plan\u{1b}ning")] {
        let mut fields = vec![
            ("direction", "received"),
            ("minutes", "20"),
            ("idempotency_key", "control-chars-key"),
        ];
        let person = world.leader.id.to_string();
        fields.push(("person", person.as_str()));
        fields.push((field, value));
        let response = member
            .post(
                &format!("/teams/{}/ledger/exchanges", world.team_a),
                &fields,
            )
            .await;
        assert_eq!(response.status(), 422, "{field}");
        assert!(response.text().await.unwrap().contains(CONTROL_MESSAGE));
    }

    // A team (site admin): name and purpose.
    let admin = signed_in(&app, &world.admin).await;
    for (name, purpose) in [
        ("Bell\u{7} team", "A purpose long enough to be accepted."),
        ("Fine team", "A purpose long enough\0 to be accepted."),
    ] {
        let response = admin
            .post(
                "/admin/teams",
                &[("name", name), ("slug", ""), ("purpose", purpose)],
            )
            .await;
        assert_eq!(response.status(), 422, "{name:?} {purpose:?}");
    }
    assert_eq!(
        team_rows::Entity::find().count(&app.db.conn).await.unwrap(),
        2
    );
}

#[tokio::test]
async fn changing_ones_password_cancels_open_reset_links() {
    let app = spawn_app().await;
    let world = seed(&app).await;
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
    let start = html.find("/reset/").unwrap();
    let path = html[start..start + "/reset/".len() + 64].to_owned();
    assert_eq!(app.browser().get(&path).await.status(), 200);

    let member = signed_in(&app, &world.member).await;
    let new = "the member's own new password";
    let changed = member
        .post(
            "/account/password",
            &[("current", PASSWORD), ("new", new), ("confirm", new)],
        )
        .await;
    assert_eq!(changed.status(), 303);

    assert_eq!(app.browser().get(&path).await.status(), 404);
    let taken_over = app
        .browser()
        .post(
            &path,
            &[
                ("new", "an attacker's password"),
                ("confirm", "an attacker's password"),
            ],
        )
        .await;
    assert_eq!(taken_over.status(), 404);
    assert_eq!(
        app.browser().login(&world.member.email, new).await.status(),
        303
    );
}
