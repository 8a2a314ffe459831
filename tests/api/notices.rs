//! Notifications and mail over HTTP, with a real SMTP exchange (a sink on loopback): invitations
//! by mail, windows opening, a reminder only to those who have not voted, the published agenda
//! with its calendar file, actions assigned and overdue, the weekly digest, the notification
//! centre and its bell, choices per kind, unsubscribing without signing in, and a restart (or
//! a second server) between queueing and sending that neither loses nor repeats a message.

use std::time::Duration as StdDuration;

use mail_parser::MimeHeaders;
use roundtable::config::{Settings, SmtpTls};
use roundtable::domain::clock::Clock;
use roundtable::startup::Application;
use roundtable::store::entities::mail_outbox;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use time::Duration;

use crate::action_helpers::{create_action, day};
use crate::helpers::{
    TestApp, add_member, create_person, seed, signed_in, spawn_app, spawn_app_with_settings,
};
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, proposal_ids, propose, vote};
use crate::smtp_sink::SmtpSink;

/// Mail settings pointing at `port` on loopback, without TLS (a test sink).
fn mail_to(settings: &mut Settings, port: u16) {
    settings.public_url = Some("http://roundtable.test".to_owned());
    settings.mail.smtp_host = Some("127.0.0.1".to_owned());
    settings.mail.smtp_port = Some(port);
    settings.mail.smtp_tls = SmtpTls::None;
    settings.mail.from = Some("Roundtable <roundtable@school.test>".to_owned());
    settings.mail.reminder_hours = 1;
}

async fn app_with_sink() -> (TestApp, SmtpSink) {
    let sink = SmtpSink::start().await;
    let port = sink.port;
    let app = spawn_app_with_settings(|s| mail_to(s, port)).await;
    (app, sink)
}

/// The path of an absolute link in a mail (the test server is not at `public_url`).
fn path_of(link: &str) -> String {
    link.trim_start_matches("http://roundtable.test").to_owned()
}

/// Waits until the background tasks have had time for another pass (announcements every 5 s,
/// mail every 2 s) and `count` says the expected number of messages is queued and sent.
async fn settle() {
    tokio::time::sleep(StdDuration::from_secs(6)).await;
}

#[tokio::test]
async fn invitations_go_to_each_address_with_its_own_link() {
    let (app, sink) = app_with_sink().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let slug = &world.team_a;
    let bad = leader
        .post(
            &format!("/teams/{slug}/invitations"),
            &[
                ("role", "member"),
                ("max_uses", "1"),
                ("valid_days", "7"),
                ("emails", "ana@school.test\nnot an address"),
            ],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let page = bad.text().await.unwrap();
    assert!(page.contains("is not an email address"), "{page}");
    assert!(page.contains("ana@school.test"), "the form is re-filled");

    let sent = leader
        .post(
            &format!("/teams/{slug}/invitations"),
            &[
                ("role", "member"),
                ("max_uses", "5"),
                ("valid_days", "7"),
                (
                    "emails",
                    "ana@school.test, ben@school.test\nANA@school.test",
                ),
            ],
        )
        .await;
    let page = leader.follow(sent).await;
    assert!(
        page.contains("2 addresses each get their own link"),
        "{page}"
    );
    let mail = sink.wait_for(2).await;
    assert_eq!(mail.len(), 2, "one message per distinct address");
    let links: Vec<String> = ["ana@school.test", "ben@school.test"]
        .iter()
        .map(|to| {
            let got = sink.to(to);
            assert_eq!(got.len(), 1, "{to}");
            assert!(got[0].subject().contains("Join Team A"));
            got[0].link_with("/invite/").expect("an invitation link")
        })
        .collect();
    assert_ne!(links[0], links[1], "each address has its own link");
    // The link works, once.
    let visitor = app.browser();
    let invitation = visitor.get(&path_of(&links[0])).await;
    assert_eq!(invitation.status(), 200);
    // Invitations carry no unsubscribe link (they are not a notification kind).
    assert!(!mail[0].data.contains("List-Unsubscribe"));
}

#[tokio::test]
async fn without_smtp_addresses_are_refused_and_the_link_is_shown() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let slug = &world.team_a;
    let team = leader
        .get(&format!("/teams/{slug}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !team.contains("name=\"emails\""),
        "no address field without mail"
    );
    let refused = leader
        .post(
            &format!("/teams/{slug}/invitations"),
            &[
                ("role", "member"),
                ("max_uses", "1"),
                ("valid_days", "7"),
                ("emails", "ana@school.test"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("does not send email")
    );
    let made = leader
        .post(
            &format!("/teams/{slug}/invitations"),
            &[("role", "member"), ("max_uses", "1"), ("valid_days", "7")],
        )
        .await;
    let page = leader.follow(made).await;
    assert!(
        page.contains("Invitation link created"),
        "the link to copy is shown"
    );
    assert!(page.contains("invite&#x2F;"), "{page}");
    let queued = mail_outbox::Entity::find()
        .count(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(queued, 0, "nothing is queued when the site sends no mail");
}

#[tokio::test]
async fn windows_open_and_only_those_who_have_not_voted_are_reminded() {
    let (app, sink) = app_with_sink().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let voter = create_person(&app, "Voter", false).await;
    add_member(&app, &world.leader, slug, &voter, "member").await;
    let voter_browser = signed_in(&app, &voter).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    propose(&leader, slug, id, "Timetable clashes", 20).await;

    // Proposals open: every member (leader, member, voter) is told once, by mail and in-app.
    let opened = sink.wait_for(3).await;
    assert!(
        opened
            .iter()
            .all(|m| m.subject().starts_with("Proposals open"))
    );
    let link = opened[0]
        .link_with("/proposals")
        .expect("a link to propose");
    assert!(link.starts_with("http://roundtable.test/teams/"), "{link}");
    assert!(opened[0].data.contains("List-Unsubscribe-Post"));

    // Voting opens.
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    sink.wait_for(6).await;
    let items = proposal_ids(&app, id).await;
    assert_eq!(vote(&voter_browser, slug, id, &items).await.status(), 200);

    // An hour before close (the test's `reminder_hours`): only the two who did not vote.
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) - Duration::minutes(30));
    let all = sink.wait_for(8).await;
    settle().await;
    let reminders: Vec<_> = sink
        .messages()
        .into_iter()
        .filter(|m| m.subject().starts_with("Voting closes soon"))
        .collect();
    let mut to: Vec<String> = reminders.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(
        to,
        vec![world.leader.email.clone(), world.member.email.clone()]
    );
    assert!(!to.contains(&voter.email));
    assert_eq!(sink.messages().len(), all.len(), "announced once each");

    // The bell counts the in-app copies; the centre lists them; marking read clears it.
    let home = voter_browser.get("/").await.text().await.unwrap();
    assert!(
        home.contains("Notifications <span class=\"badge count\">2"),
        "{home}"
    );
    let centre = voter_browser
        .get("/notifications")
        .await
        .text()
        .await
        .unwrap();
    assert!(centre.contains("Proposals are open for"));
    assert!(centre.contains("Voting is open for"));
    assert!(
        !centre.contains("you have not voted"),
        "the voter was not reminded"
    );
    let read = voter_browser.post("/notifications/read", &[]).await;
    let page = voter_browser.follow(read).await;
    assert!(page.contains("Marked 2 notifications as read"), "{page}");
    assert!(page.contains("Nothing unread"));
}

#[tokio::test]
async fn the_published_agenda_arrives_with_its_calendar_file() {
    let (app, sink) = app_with_sink().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    propose(&leader, slug, id, "Timetable clashes", 20).await;
    propose(&member, slug, id, "Moderation rubric", 15).await;
    sink.wait_for(2).await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    let items = proposal_ids(&app, id).await;
    vote(&leader, slug, id, &items).await;
    vote(&member, slug, id, &items).await;
    sink.wait_for(4).await;
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    let before = sink.messages().len();
    let fields: Vec<(String, String)> = items
        .iter()
        .map(|i| (format!("include_{i}"), "on".to_owned()))
        .collect();
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let published = leader
        .post(
            &format!("/teams/{slug}/meetings/{id}/agenda/publish"),
            &refs,
        )
        .await;
    assert_eq!(
        published.status(),
        303,
        "{}",
        published.text().await.unwrap()
    );
    sink.wait_for(before + 2).await;
    let agenda: Vec<_> = sink
        .messages()
        .into_iter()
        .filter(|m| m.subject().starts_with("Agenda:"))
        .collect();
    assert_eq!(agenda.len(), 2, "both members");
    let message = agenda[0].parsed();
    let text = message.body_text(0).unwrap().into_owned();
    assert!(text.contains("Timetable clashes (20 min)"), "{text}");
    let ics = message
        .attachments()
        .find(|a| a.attachment_name() == Some("agenda.ics"))
        .expect("the calendar file is attached");
    let calendar = String::from_utf8(ics.contents().to_vec()).unwrap();
    let lines: Vec<&str> = calendar.split("\r\n").collect();
    assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
    assert!(lines.contains(&"BEGIN:VEVENT") && lines.contains(&"END:VEVENT"));
    assert_eq!(
        lines.iter().rev().find(|l| !l.is_empty()),
        Some(&"END:VCALENDAR")
    );
    let meeting = roundtable::store::entities::meetings::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let start = meeting
        .starts_at
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap();
    assert!(
        lines.contains(&format!("DTSTART:{start}").as_str()),
        "{calendar}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("SUMMARY:Weekly leadership meeting"))
    );
}

#[tokio::test]
async fn assigned_and_overdue_actions_are_told_once_and_unsubscribing_needs_no_sign_in() {
    let (app, sink) = app_with_sink().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let first = create_action(
        &leader,
        slug,
        "Book the hall",
        world.member.id,
        &day(&app, 1),
    )
    .await;
    let assigned = sink.wait_for(1).await;
    assert_eq!(assigned[0].to, vec![world.member.email.clone()]);
    assert!(assigned[0].subject().contains("Book the hall"));
    // Taking an action on oneself tells nobody.
    create_action(
        &leader,
        slug,
        "Write minutes",
        world.leader.id,
        &day(&app, 1),
    )
    .await;

    // Overdue: each owner told once, however many passes run.
    app.clock.advance(Duration::days(2));
    let late = sink
        .wait_until(|m| m.subject() == "Overdue: Book the hall")
        .await;
    assert_eq!(late[0].to, vec![world.member.email.clone()]);
    assert!(late[0].link_with(&format!("/actions/{first}")).is_some());
    sink.wait_until(|m| m.subject() == "Overdue: Write minutes")
        .await;
    settle().await;
    assert_eq!(sink.messages().len(), 3, "overdue told once to each owner");

    // The unsubscribe link: a GET only asks; a forged one is 404; the one-click POST works
    // from a client with no session and no CSRF token.
    let link = assigned[0]
        .link_with("/unsubscribe/")
        .expect("an unsubscribe link");
    let path = path_of(&link);
    let stranger = reqwest::Client::new();
    let ask = stranger.get(app.url(&path)).send().await.unwrap();
    assert_eq!(ask.status(), 200);
    assert!(ask.text().await.unwrap().contains("Stop these emails?"));
    let forged = path.replacen(
        &world.member.id.to_string(),
        &world.leader.id.to_string(),
        1,
    );
    let refused = stranger
        .post(app.url(&forged))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 404);
    let done = stranger
        .post(app.url(&path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains("Emails stopped"));

    // Next assignment: in the app, not by mail (sessions ended while the days passed).
    let leader = signed_in(&app, &world.leader).await;
    create_action(
        &leader,
        slug,
        "Order chairs",
        world.member.id,
        &day(&app, 3),
    )
    .await;
    settle().await;
    assert_eq!(sink.messages().len(), 3, "no mail after unsubscribing");
    let member = signed_in(&app, &world.member).await;
    let centre = member.get("/notifications").await.text().await.unwrap();
    assert!(
        centre.contains("You own the action “Order chairs”"),
        "{centre}"
    );
    let account = member.get("/account").await.text().await.unwrap();
    assert!(
        account.contains(
            "id=\"action_assigned-in_app\" name=\"action_assigned\" value=\"in_app\" checked"
        ),
        "{account}"
    );
}

#[tokio::test]
async fn choices_per_kind_are_saved_and_a_bad_choice_is_refused() {
    let (app, sink) = app_with_sink().await;
    let world = seed(&app).await;
    let member = signed_in(&app, &world.member).await;
    let mut fields = vec![
        ("proposals_open", "off"),
        ("voting_open", "in_app"),
        ("voting_reminder", "email"),
        ("agenda_published", "email"),
        ("action_assigned", "off"),
        ("action_overdue", "email"),
        ("digest", "sms"),
    ];
    let refused = member.post("/account/notifications", &fields).await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Choose email, in the app only, or off."));
    assert!(
        page.contains("id=\"proposals_open-off\" name=\"proposals_open\" value=\"off\" checked"),
        "the form is re-filled"
    );
    fields[6] = ("digest", "email");
    let saved = member.post("/account/notifications", &fields).await;
    assert!(
        member
            .follow(saved)
            .await
            .contains("Notification choices saved.")
    );

    // Off means nothing at all: an assignment leaves no notification and no mail.
    let leader = signed_in(&app, &world.leader).await;
    create_action(
        &leader,
        &world.team_a,
        "Call parents",
        world.member.id,
        &day(&app, 2),
    )
    .await;
    let centre = member.get("/notifications").await.text().await.unwrap();
    assert!(!centre.contains("Call parents"));

    // The digest (chosen by mail) arrives on Monday, once.
    let now = app.clock.now();
    let days_to_monday = (7 - i64::from(now.weekday().number_days_from_monday())) % 7;
    app.clock.advance(Duration::days(if days_to_monday == 0 {
        7
    } else {
        days_to_monday
    }));
    let digest = sink.wait_until(|m| m.subject().contains("your week")).await;
    assert_eq!(digest[0].to, vec![world.member.email.clone()]);
    assert!(
        digest[0].subject().contains("your week"),
        "{}",
        digest[0].subject()
    );
    assert!(
        digest[0].text().contains("Call parents"),
        "{}",
        digest[0].text()
    );
    settle().await;
    assert_eq!(
        sink.messages()
            .iter()
            .filter(|m| m.subject().contains("your week"))
            .count(),
        1
    );
}

/// A server that cannot reach SMTP keeps the message and retries; another process on the same
/// database sends it once after a restart; two servers sending at once never repeat one.
#[tokio::test]
async fn a_restart_between_queueing_and_sending_sends_each_message_once() {
    // A port with nothing listening yet.
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let first = spawn_app_with_settings(|s| mail_to(s, port)).await;
    let world = seed(&first).await;
    let leader = signed_in(&first, &world.leader).await;
    let sent = leader
        .post(
            &format!("/teams/{}/invitations", world.team_a),
            &[
                ("role", "member"),
                ("max_uses", "1"),
                ("valid_days", "7"),
                ("emails", "ana@school.test\nben@school.test"),
            ],
        )
        .await;
    assert_eq!(sent.status(), 303);
    // Wait for a failed attempt (connection refused), then stop the server.
    let mut failed = 0;
    for _ in 0..100 {
        failed = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Attempts.gte(1))
            .count(&first.db.conn)
            .await
            .unwrap();
        if failed == 2 {
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    assert_eq!(failed, 2, "both attempted and kept");
    first.server.stop(true).await;

    // The SMTP server comes back; two servers start on the same database.
    let sink = SmtpSink::start_on(port).await;
    let second = Application::build_with(first.settings.clone(), first.clock.clone(), |_| {})
        .await
        .unwrap();
    let third = Application::build_with(first.settings.clone(), first.clock.clone(), |_| {})
        .await
        .unwrap();
    let handles = [second.server_handle(), third.server_handle()];
    // The stopped server's pool may be closing with it (on PostgreSQL its connections then
    // fail); the rest of the test uses a pool of a running server.
    let db = second.database().clone();
    tokio::spawn(second.run_until_stopped());
    tokio::spawn(third.run_until_stopped());
    // Past the backoff after the first failure.
    first.clock.advance(Duration::minutes(2));
    sink.wait_for(2).await;

    // Ten more while both servers send.
    for i in 0..10 {
        let to = format!("person{i}@school.test");
        let letter = roundtable::service::notices::Letter {
            kind: "invitation",
            user_id: None,
            to: &to,
            lang: roundtable::i18n::Lang::En,
            subject: roundtable::i18n::Msg::verbatim("Join"),
            body: vec![roundtable::i18n::Msg::verbatim(format!("Message {i}"))],
        };
        roundtable::service::notices::queue_mail(&db.conn, letter, first.clock.now())
            .await
            .unwrap();
    }
    sink.wait_for(12).await;
    settle().await;
    let mut to: Vec<String> = sink.messages().into_iter().flat_map(|m| m.to).collect();
    to.sort();
    let before = to.len();
    to.dedup();
    assert_eq!(before, 12, "each message sent once");
    assert_eq!(to.len(), 12);
    let unsent = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::SentAt.is_null())
        .count(&db.conn)
        .await
        .unwrap();
    assert_eq!(unsent, 0);
    for handle in handles {
        handle.stop(true).await;
    }
}

#[tokio::test]
async fn the_mail_test_command_sends_through_the_settings() {
    let sink = SmtpSink::start().await;
    let port = sink.port.to_string();
    let bin = env!("CARGO_BIN_EXE_roundtable");
    let data = tempfile::tempdir().unwrap();
    let run = |port: String| {
        let data = data.path().to_path_buf();
        tokio::task::spawn_blocking(move || {
            std::process::Command::new(bin)
                .args(["mail", "test", "--to", "head@school.test"])
                .env("ROUNDTABLE_DATA_DIR", &data)
                .env("ROUNDTABLE_PUBLIC_URL", "http://roundtable.test")
                .env("ROUNDTABLE_MAIL__SMTP_HOST", "127.0.0.1")
                .env("ROUNDTABLE_MAIL__SMTP_PORT", port)
                .env("ROUNDTABLE_MAIL__SMTP_TLS", "none")
                .env(
                    "ROUNDTABLE_MAIL__FROM",
                    "Roundtable <roundtable@school.test>",
                )
                .output()
                .unwrap()
        })
    };
    let ok = run(port).await.unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("accepted"));
    let got = sink.wait_for(1).await;
    assert_eq!(got[0].to, vec!["head@school.test".to_owned()]);
    assert!(got[0].subject().contains("test message"));
    drop(sink);
    // Nothing listening: a clear failure, not a hang or a panic.
    let closed = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port().to_string()
    };
    let failed = run(closed).await.unwrap();
    assert!(!failed.status.success());
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("SMTP server"), "{stderr}");
}

#[tokio::test]
async fn a_budget_round_announces_its_ideas_and_voting_and_reminds_who_has_not_voted() {
    use crate::budget_helpers::{
        VOTING_CLOSES, VOTING_OPENS, create_round, idea_ids, propose_idea, vote_for,
    };
    let (app, sink) = app_with_sink().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let round = create_round(&app, &leader, slug, "secret", "approval").await;
    let ideas = sink.wait_for(2).await;
    assert!(
        ideas
            .iter()
            .all(|m| m.subject() == "Ideas open: Green schoolyard")
    );
    assert!(
        ideas[0]
            .link_with(&format!("/budgets/{round}/ideas"))
            .is_some()
    );
    assert!(
        ideas[0].text().contains("spend 1,000 EUR"),
        "{}",
        ideas[0].text()
    );
    propose_idea(&leader, slug, round, "Raised beds", "300").await;

    app.clock.advance(Duration::hours(VOTING_OPENS));
    sink.wait_until(|m| m.subject() == "Voting open: Green schoolyard")
        .await;
    let member = signed_in(&app, &world.member).await;
    let ids = idea_ids(&app, round).await;
    assert_eq!(vote_for(&member, slug, round, &ids).await.status(), 200);

    // Within the test's one-hour reminder: only the leader, who has not voted.
    app.clock
        .advance(Duration::hours(VOTING_CLOSES - VOTING_OPENS) - Duration::minutes(30));
    let reminders = sink
        .wait_until(|m| m.subject() == "Voting closes soon: Green schoolyard")
        .await;
    settle().await;
    let reminded: Vec<String> = sink
        .messages()
        .into_iter()
        .filter(|m| m.subject().starts_with("Voting closes soon"))
        .flat_map(|m| m.to)
        .collect();
    assert_eq!(reminded, vec![world.leader.email.clone()], "{reminders:?}");
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_a_link_mailed_to_the_address_and_says_nothing_of_others()
{
    let (app, sink) = app_with_sink().await;
    let world = seed(&app).await;
    let login = app.get("/login").await.text().await.unwrap();
    assert!(
        login.contains(r#"href="/password/forgot""#),
        "the sign-in page offers it"
    );

    let visitor = app.browser();
    let bad = visitor
        .post("/password/forgot", &[("email", "not an address")])
        .await;
    assert_eq!(bad.status(), 422);
    assert!(
        bad.text()
            .await
            .unwrap()
            .contains(r#"value="not an address""#)
    );

    // A known and an unknown address get the same answer; only the known one gets mail.
    let known = visitor
        .follow(
            visitor
                .post(
                    "/password/forgot",
                    &[("email", &world.member.email.to_uppercase())],
                )
                .await,
        )
        .await;
    let unknown = visitor
        .follow(
            visitor
                .post("/password/forgot", &[("email", "nobody@school.test")])
                .await,
        )
        .await;
    let same =
        |page: &str, address: &str| page.contains(&format!("If an account uses {address}, a link"));
    assert!(same(&known, &world.member.email), "{known}");
    assert!(same(&unknown, "nobody@school.test"), "{unknown}");
    let mail = sink
        .wait_until(|m| m.to.contains(&world.member.email))
        .await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].subject(), "Choose a new Roundtable password");
    // Asking again at once sends nothing more (an unused link is still on its way).
    visitor
        .post("/password/forgot", &[("email", &world.member.email)])
        .await;
    settle().await;
    assert_eq!(sink.to(&world.member.email).len(), 1);
    assert!(sink.to("nobody@school.test").is_empty());

    let path = path_of(&mail[0].link_with("/reset/").unwrap());
    let new = "a fresh password for the member";
    let done = visitor.post(&path, &[("new", new), ("confirm", new)]).await;
    assert_eq!(done.status(), 303);
    assert_eq!(visitor.get(&path).await.status(), 404, "single use");
    assert_eq!(
        app.browser().login(&world.member.email, new).await.status(),
        303
    );
}

#[tokio::test]
async fn without_mail_a_forgotten_password_is_a_leaders_reset_link() {
    let app = spawn_app().await;
    let login = app.get("/login").await.text().await.unwrap();
    assert!(!login.contains("/password/forgot"));
    assert!(login.contains("Ask a team leader for a reset link."));
    let page = app.get("/password/forgot").await.text().await.unwrap();
    assert!(page.contains("This site does not send email"), "{page}");
    assert!(!page.contains(r#"action="/password/forgot""#));
}

#[tokio::test]
async fn each_person_is_told_in_their_own_language() {
    let (app, sink) = app_with_sink().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let chose = member
        .post("/account/language", &[("language", "fr")])
        .await;
    assert_eq!(chose.status(), 303);
    create_meeting(&app, &leader, slug, "secret").await;

    // Proposals open: the same announcement, written once per language.
    let opened = sink.wait_for(2).await;
    let to = |address: &str| {
        opened
            .iter()
            .find(|m| m.to.iter().any(|t| t == address))
            .unwrap_or_else(|| panic!("no mail to {address}"))
    };
    let french = to(&world.member.email);
    let english = to(&world.leader.email);
    assert!(
        french.subject().starts_with("Propositions ouvertes : "),
        "{}",
        french.subject()
    );
    assert!(
        french
            .text()
            .contains("Proposez un point, avec les minutes qu'il demande."),
        "{}",
        french.text()
    );
    assert!(english.subject().starts_with("Proposals open: "));
    assert!(
        english
            .text()
            .contains("Propose an item, with the minutes it needs.")
    );
    let centre = member.get("/notifications").await.text().await.unwrap();
    assert!(
        centre.contains("Les propositions sont ouvertes pour"),
        "{centre}"
    );
    let theirs = leader.get("/notifications").await.text().await.unwrap();
    assert!(theirs.contains("Proposals are open for"), "{theirs}");
}

#[tokio::test]
async fn mail_to_one_address_speaks_its_readers_language() {
    let (app, sink) = app_with_sink().await;
    let world = seed(&app).await;
    // A French leader invites: the address has no account, so it reads the leader's language.
    let leader = crate::language_helpers::in_french(&app, &world.leader).await;
    let sent = leader
        .post(
            &format!("/teams/{}/invitations", world.team_a),
            &[
                ("role", "member"),
                ("max_uses", "1"),
                ("valid_days", "7"),
                ("emails", "ana@school.test"),
            ],
        )
        .await;
    assert_eq!(sent.status(), 303);
    let invited = sink
        .wait_until(|m| m.to.iter().any(|t| t == "ana@school.test"))
        .await;
    let invited = &invited[0];
    assert_eq!(invited.subject(), "Rejoindre Team A sur Roundtable");
    crate::language_helpers::speaks(
        &invited.text(),
        &[
            "Vous êtes invité à rejoindre Team A en tant que membre sur Roundtable",
            "pendant 7 jours :",
            "Si vous ne vous attendiez pas à ce message, ignorez-le.",
        ],
        &["You are invited", "days:", "ignore this message"],
    );
    assert!(invited.link_with("/invite/").is_some());

    // Reset links: the member chose French; Kim chose nothing and reads English.
    crate::language_helpers::in_french(&app, &world.member).await;
    let kim = create_person(&app, "Kim", false).await;
    let visitor = app.browser();
    for address in [&world.member.email, &kim.email] {
        let asked = visitor
            .post("/password/forgot", &[("email", address)])
            .await;
        assert_eq!(asked.status(), 303);
    }
    let french = sink
        .wait_until(|m| m.to.contains(&world.member.email))
        .await;
    let french = &french[0];
    assert_eq!(
        french.subject(),
        "Choisir un nouveau mot de passe Roundtable"
    );
    crate::language_helpers::speaks(
        &french.text(),
        &[
            "Bonjour Member,",
            "pour choisir un nouveau mot de passe pour cette adresse. Il ne fonctionne qu'une fois, pendant 24 heures :",
            "votre mot de passe reste inchangé.",
        ],
        &["Hello", "password stays"],
    );
    assert!(french.link_with("/reset/").is_some());
    let english = sink.wait_until(|m| m.to.contains(&kim.email)).await;
    let english = &english[0];
    assert_eq!(english.subject(), "Choose a new Roundtable password");
    crate::language_helpers::speaks(
        &english.text(),
        &[
            "Hello Kim,",
            "It works once, for 24 hours:",
            "If you did not ask, ignore this message: your password stays as it is.",
        ],
        &["Bonjour"],
    );
}

#[tokio::test]
async fn a_notice_mail_shows_moments_on_the_readers_own_clock_and_its_unsubscribe_page_speaks_their_language()
 {
    let (app, sink) = app_with_sink().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let member = crate::language_helpers::in_french(&app, &world.member).await;
    let zoned = member
        .post("/account/time-zone", &[("time_zone", "America/New_York")])
        .await;
    assert_eq!(zoned.status(), 303);
    create_meeting(&app, &leader, slug, "secret").await;

    let opened = sink.wait_for(2).await;
    let to = |address: &str| {
        opened
            .iter()
            .find(|m| m.to.iter().any(|t| t == address))
            .unwrap_or_else(|| panic!("no mail to {address}"))
    };
    let theirs = to(&world.member.email).text();
    let new_york = |text: &str| text.contains(" EST") || text.contains(" EDT");
    assert!(new_york(&theirs), "the member's own zone: {theirs}");
    assert!(!theirs.contains(" UTC"), "{theirs}");
    let team_clock = to(&world.leader.email).text();
    assert!(!new_york(&team_clock), "the team's zone: {team_clock}");
    // The footer is in the member's language too.
    assert!(theirs.contains("Arrêter ces e-mails : "), "{theirs}");
    assert!(team_clock.contains("Stop these emails: "), "{team_clock}");

    // The unsubscribe link, opened with no session: the person's chosen language.
    let link = to(&world.member.email)
        .link_with("/unsubscribe/")
        .expect("an unsubscribe link");
    let stranger = reqwest::Client::new();
    let ask = stranger
        .get(app.url(&path_of(&link)))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(ask.status(), 200);
    let page = crate::language_helpers::unescaped(ask.text().await.unwrap());
    crate::language_helpers::speaks(
        &page,
        &[
            "<html lang=\"fr\"",
            "Arrêter ces e-mails ?",
            "<strong>Ouverture des propositions ou des idées</strong>",
        ],
        &["Stop these emails?", "Proposals or ideas open"],
    );
    let done = stranger
        .post(app.url(&path_of(&link)))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    let done = crate::language_helpers::unescaped(done.text().await.unwrap());
    assert!(done.contains("E-mails arrêtés"), "{done}");

    // The account page and the notification centre name kinds in French.
    let account = crate::language_helpers::read(&member, "/account").await;
    crate::language_helpers::speaks(
        &account,
        &[
            "Ouverture des propositions ou des idées",
            "Dans l'application seulement",
        ],
        &["Proposals or ideas open", "In the app only"],
    );
    let centre = crate::language_helpers::read(&member, "/notifications").await;
    crate::language_helpers::speaks(
        &centre,
        &[">Propositions ouvertes</span>"],
        &[">Proposals open<"],
    );
}
