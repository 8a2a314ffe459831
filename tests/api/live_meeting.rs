//! The meeting itself over HTTP: run live from start to close with the injected clock (items
//! started and ended, attendance, the note-taker, two decisions and three actions), minutes
//! drafted with exactly those, edited and published as versions, and who may do what.

use roundtable::store::entities::audit_log::AuditAction;
use time::Duration;

use crate::action_helpers::day;
use crate::helpers::{add_member, add_members, create_person, seed, signed_in, spawn_app};
use crate::live_meeting_helpers::{audited, live_post, page, publish_agenda};
use crate::meeting_helpers::create_meeting;

#[tokio::test]
async fn a_meeting_runs_live_from_start_to_close_and_its_minutes_are_published() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let other = create_person(&app, "Other", false).await;
    add_member(&app, &world.leader, slug, &other, "member").await;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let bystander = signed_in(&app, &other).await;
    let m = create_meeting(&app, &leader, slug, "secret").await;
    let live = format!("/teams/{slug}/meetings/{m}/live");

    // Before publication the page says so and nothing can be started.
    assert!(page(&member, &live).await.contains("not published yet"));
    assert_eq!(live_post(&leader, slug, m, "items/0/start", &[]).await, 409);
    publish_agenda(
        &app,
        m,
        &[
            ("Three-minute action scan", 3),
            ("Rubric", 10),
            ("Trip", 15),
        ],
    )
    .await;

    // A member who is neither facilitator nor leader sees the page but cannot drive it.
    let html = page(&member, &live).await;
    assert!(
        html.contains("Rubric") && !html.contains("Start “Rubric”"),
        "{html}"
    );
    assert_eq!(live_post(&member, slug, m, "items/0/start", &[]).await, 403);

    // Roles and attendance in one step (the leader stands in for the facilitator).
    let member_id = world.member.id.to_string();
    assert_eq!(
        live_post(
            &leader,
            slug,
            m,
            "note-taker",
            &[("note_taker_id", "999999")]
        )
        .await,
        422
    );
    assert_eq!(
        live_post(
            &leader,
            slug,
            m,
            "note-taker",
            &[("note_taker_id", &member_id)]
        )
        .await,
        303
    );
    let (l, o) = (world.leader.id, other.id);
    let attendance = [
        (format!("attendance_{l}"), "present"),
        (format!("attendance_{member_id}"), "present"),
        (format!("attendance_{o}"), "apologies"),
    ];
    let fields: Vec<(&str, &str)> = attendance.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        live_post(&leader, slug, m, "attendance", &fields).await,
        303
    );

    // Items by the server's clock: starting the next ends the one running.
    assert_eq!(live_post(&leader, slug, m, "items/0/start", &[]).await, 303);
    app.clock.advance(Duration::minutes(4));
    assert_eq!(live_post(&leader, slug, m, "items/1/start", &[]).await, 303);
    assert_eq!(live_post(&leader, slug, m, "items/0/start", &[]).await, 409);
    assert_eq!(
        live_post(
            &leader,
            slug,
            m,
            "items/2/decisions",
            &[("text", "Too early")]
        )
        .await,
        409
    );

    // The note-taker and the leader capture two decisions and three actions.
    let review = day(&app, 40);
    assert_eq!(
        live_post(
            &member,
            slug,
            m,
            "items/1/decisions",
            &[("text", "Adopt the new rubric"), ("review_on", &review)]
        )
        .await,
        303
    );
    let refused = member
        .post(
            &format!("{live}/items/1/decisions"),
            &[("text", "x"), ("review_on", "")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    assert!(refused.contains("Write the decision") && refused.contains("value=\"x\""));
    assert_eq!(
        live_post(
            &leader,
            slug,
            m,
            "items/1/decisions",
            &[("text", "Moderate in pairs")]
        )
        .await,
        303
    );
    assert_eq!(
        live_post(
            &bystander,
            slug,
            m,
            "items/1/decisions",
            &[("text", "Not mine")]
        )
        .await,
        403
    );
    let due = day(&app, 7);
    for (item, title, owner) in [
        ("0", "Chase the blocked bookings", l),
        ("1", "Print rubric copies", world.member.id),
        ("1", "Book moderation slots", l),
    ] {
        let owner = owner.to_string();
        let fields = [
            ("title", title),
            ("owner_id", owner.as_str()),
            ("due_on", due.as_str()),
        ];
        assert_eq!(
            live_post(&leader, slug, m, &format!("items/{item}/actions"), &fields).await,
            303
        );
    }
    let fields = [
        ("title", "Nobody's job"),
        ("owner_id", "999999"),
        ("due_on", due.as_str()),
    ];
    assert_eq!(
        live_post(&leader, slug, m, "items/1/actions", &fields).await,
        422
    );

    app.clock.advance(Duration::minutes(12));
    let html = page(&member, &live).await;
    assert!(
        html.contains("4 min used") && html.contains("12 min used"),
        "{html}"
    );
    assert!(html.contains("2 min over"));
    assert!(html.contains("Time used: <strong>16 min</strong> of 28 min planned"));
    assert_eq!(live_post(&leader, slug, m, "items/1/end", &[]).await, 303);
    assert_eq!(live_post(&leader, slug, m, "items/1/end", &[]).await, 409);
    assert_eq!(live_post(&member, slug, m, "close", &[]).await, 403);
    assert_eq!(live_post(&leader, slug, m, "close", &[]).await, 303);
    assert_eq!(live_post(&leader, slug, m, "items/2/start", &[]).await, 409);

    // The draft: members do not see it yet; the note-taker does, with exactly what happened.
    let minutes = format!("/teams/{slug}/meetings/{m}/minutes");
    assert!(
        page(&bystander, &minutes)
            .await
            .contains("not published yet")
    );
    let html = page(&member, &minutes).await;
    assert!(html.contains("<textarea") && html.contains("draft"));
    // The draft's Markdown, as the edit box holds it; the page shows it as HTML.
    assert!(html.contains("<h2>Not reached</h2>"), "{html}");
    let draft = html
        .split("<textarea id=\"minutes-body\" name=\"body\" rows=\"24\">")
        .nth(1)
        .unwrap()
        .split("</textarea>")
        .next()
        .unwrap();
    assert!(
        draft.contains("### 1. Three-minute action scan (3 min planned, 4 min used)"),
        "{draft}"
    );
    assert!(draft.contains("### 2. Rubric (10 min planned, 12 min used)"));
    assert!(draft.contains("- Present: Leader, Member"));
    assert!(draft.contains("- Apologies: Other"));
    assert!(draft.contains("Facilitator: nobody named. Notes: Member."));
    assert_eq!(draft.matches("- Decision: ").count(), 2);
    assert!(draft.contains("- Decision: Adopt the new rubric (review on"));
    assert!(draft.contains("- Decision: Moderate in pairs\n"));
    assert_eq!(draft.matches("- Action: ").count(), 3);
    assert!(draft.contains("- Action: Print rubric copies — Member, due"));
    assert!(draft.contains("## Not reached\n\n- Trip (15 min)"));
    assert!(!draft.contains("Too early") && !draft.contains("Nobody&#x27;s job"));

    // Edited and published by the note-taker; a bystander may not; drafts after publishing
    // keep the published version in front of the members.
    let edited = format!(
        "{}\nAgreed to revisit the trip next week. <script>alert(1)</script>",
        draft.replace("&#x27;", "'").replace("&quot;", "\"")
    );
    assert_eq!(
        bystander
            .post(&minutes, &[("body", "Mine"), ("publish", "yes")])
            .await
            .status(),
        403
    );
    let empty = member
        .post(&minutes, &[("body", "  "), ("publish", "yes")])
        .await;
    assert_eq!(empty.status(), 422);
    let saved = member
        .post(&minutes, &[("body", &edited), ("publish", "yes")])
        .await;
    assert_eq!(saved.status(), 303);
    assert!(
        saved.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("?version=2")
    );
    assert_eq!(
        leader
            .post(&minutes, &[("body", "A later draft"), ("publish", "")])
            .await
            .status(),
        303
    );
    let read = page(&bystander, &minutes).await;
    assert!(
        read.contains("Agreed to revisit the trip next week.") && !read.contains("A later draft")
    );
    assert!(
        read.contains("Version 2, published") && read.contains("minutes.md?version=2"),
        "the published version, not the app's: {read}"
    );
    assert!(
        read.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !read.contains("<script>alert"),
        "what members typed is shown, never run: {read}"
    );
    assert_eq!(
        bystander
            .get(&format!("{minutes}?version=3"))
            .await
            .status(),
        404
    );
    assert!(page(&leader, &minutes).await.contains("A later draft"));
    let md = bystander
        .get(&format!("/teams/{slug}/meetings/{m}/minutes.md"))
        .await;
    assert_eq!(md.status(), 200);
    assert!(
        md.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/markdown")
    );
    let md = md.text().await.unwrap();
    assert!(
        md.starts_with("# Minutes: ")
            && md.ends_with("Agreed to revisit the trip next week. <script>alert(1)</script>")
    );

    // The log: every decision, the close, the publication, each action and the roles.
    assert_eq!(audited(&app, AuditAction::DecisionRecord).await, 2);
    assert_eq!(audited(&app, AuditAction::ActionCreate).await, 3);
    assert_eq!(audited(&app, AuditAction::MeetingClose).await, 1);
    assert_eq!(audited(&app, AuditAction::MinutesPublish).await, 1);
    assert_eq!(audited(&app, AuditAction::MeetingAttendance).await, 1);
    assert_eq!(audited(&app, AuditAction::MeetingNoteTaker).await, 1);
    // The actions are in the log with the item as their source.
    let log = page(&bystander, &format!("/teams/{slug}/actions?meeting={m}")).await;
    assert_eq!(log.matches("agenda item 2 of").count(), 2, "{log}");
}

#[tokio::test]
async fn attendance_is_marked_a_hundred_people_a_page_and_each_page_keeps_the_others() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let quiet = add_members(&app, &world.leader, slug, "Quiet", 101).await;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let m = create_meeting(&app, &leader, slug, "secret").await;
    publish_agenda(&app, m, &[("Rubric", 10)]).await;
    let live = format!("/teams/{slug}/meetings/{m}/live");
    let rows = |html: &str| html.matches("value=\"apologies\"").count();

    // 103 members (the leader, the seeded member, 101 more): 100 on the first page, 3 next.
    let first = page(&leader, &live).await;
    assert_eq!(rows(&first), 100, "{first}");
    assert!(first.contains("0 present, 0 with apologies, 103 not recorded."));
    assert!(
        first.contains("?people=2#attendance\" rel=\"next\""),
        "{first}"
    );
    let second = page(&leader, &format!("{live}?people=2")).await;
    assert_eq!(rows(&second), 3, "{second}");
    assert!(second.contains("name=\"people\" value=\"2\""), "{second}");

    // Saving one page records its people and leaves the other page's as they were.
    let (early, late) = (quiet[0].id, quiet[100].id);
    let on_first = [(format!("attendance_{early}"), "present")];
    let on_second = [(format!("attendance_{late}"), "apologies")];
    for (fields, people) in [(&on_first, "1"), (&on_second, "2")] {
        let mut form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        form.push(("people", people));
        let response = leader.post(&format!("{live}/attendance"), &form).await;
        assert_eq!(response.status(), 303);
        let to = response.headers()["location"].to_str().unwrap().to_owned();
        let expected = if people == "2" {
            "?people=2#attendance"
        } else {
            "live#attendance"
        };
        assert!(to.ends_with(expected), "{to}");
    }
    let html = page(&leader, &live).await;
    assert!(
        html.contains("1 present, 1 with apologies, 101 not recorded."),
        "{html}"
    );
    let cleared = [
        (format!("attendance_{early}"), ""),
        ("people".to_owned(), "1"),
    ];
    let form: Vec<(&str, &str)> = cleared.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(live_post(&leader, slug, m, "attendance", &form).await, 303);
    let html = page(&leader, &live).await;
    assert!(
        html.contains("0 present, 1 with apologies, 102 not recorded."),
        "{html}"
    );

    // Someone who does not run the meeting sees who was recorded, not the form.
    let seen = page(&member, &live).await;
    assert_eq!(rows(&seen), 0);
    assert!(seen.contains("Quiet100: apologies"), "{seen}");
    assert!(!seen.contains("Quiet000"), "{seen}");

    // A team this large types an action's owner from one list of names on the page, not a
    // selector of every member per item.
    assert_eq!(live_post(&leader, slug, m, "items/0/start", &[]).await, 303);
    let html = page(&leader, &live).await;
    assert_eq!(
        html.matches("<datalist id=\"member-names\">").count(),
        1,
        "{html}"
    );
    assert_eq!(html.matches("Quiet050 (#").count(), 1, "one list: {html}");
    assert!(html.contains("name=\"owner_id\" type=\"text\" list=\"member-names\""));
    assert!(!html.contains("<select id=\"a0-owner\""), "{html}");
    let owner = format!("Quiet050 (#{})", quiet[50].id);
    let due = day(&app, 7);
    let fields = [
        ("title", "Share the rubric"),
        ("owner_id", owner.as_str()),
        ("due_on", due.as_str()),
    ];
    assert_eq!(
        live_post(&leader, slug, m, "items/0/actions", &fields).await,
        303
    );
    let typed_badly = [
        ("title", "Nobody's job"),
        ("owner_id", "Quiet050"),
        ("due_on", due.as_str()),
    ];
    assert_eq!(
        live_post(&leader, slug, m, "items/0/actions", &typed_badly).await,
        422
    );
    let log = page(&leader, &format!("/teams/{slug}/actions?meeting={m}")).await;
    assert!(
        log.contains("Share the rubric") && log.contains("Quiet050"),
        "{log}"
    );
}
