//! The reciprocity ledger over HTTP: recording, answering, expiry, corrections, limits,
//! idempotency, privacy, the team view and its exports, help posts and thanks.

use roundtable::store::entities::help_exchanges::EntryStatus;
use roundtable::store::entities::{help_exchanges, teams as team_rows};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::helpers::{
    Browser, Person, TestApp, World, add_member, create_person, seed, signed_in, spawn_app,
};

fn key(tag: &str) -> String {
    format!("test-key-{tag}-{}", uuid::Uuid::new_v4().simple())
}

async fn record(
    browser: &Browser,
    team: &str,
    direction: &str,
    person: &Person,
    minutes: &str,
) -> reqwest::Response {
    browser
        .post(
            &format!("/teams/{team}/ledger/exchanges"),
            &[
                ("direction", direction),
                ("person", &person.id.to_string()),
                ("minutes", minutes),
                ("category", "planning"),
                ("note", "private words"),
                ("idempotency_key", &key("r")),
            ],
        )
        .await
}

async fn newest(app: &TestApp) -> help_exchanges::Model {
    help_exchanges::Entity::find()
        .order_by_desc(help_exchanges::Column::Id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
}

async fn text(browser: &Browser, path: &str) -> (u16, String) {
    let response = browser.get(path).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

struct Cast {
    app: TestApp,
    world: World,
    leader: Browser,
    member: Browser,
    third: Person,
    third_browser: Browser,
}

async fn cast() -> Cast {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let third = create_person(&app, "Kim", false).await;
    add_member(&app, &world.leader, &world.team_a, &third, "member").await;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let third_browser = signed_in(&app, &third).await;
    Cast {
        app,
        world,
        leader,
        member,
        third,
        third_browser,
    }
}

#[tokio::test]
async fn help_recorded_by_the_helped_person_counts_at_once_and_the_helper_is_told() {
    let c = cast().await;
    let team = &c.world.team_a;
    let response = record(&c.member, team, "received", &c.world.leader, "45").await;
    assert_eq!(response.status(), 303);
    assert_eq!(newest(&c.app).await.status, EntryStatus::Confirmed);

    let (status, page) = text(&c.leader, &format!("/teams/{team}/ledger/me")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Member recorded that you helped them for 45 minutes"));
    assert!(page.contains("45 min (1 exchange)"));
    let (_, team_page) = text(&c.member, &format!("/teams/{team}/ledger")).await;
    assert!(team_page.contains("Leader helped Member: 45 min (1 exchange)"));
    assert!(
        !team_page.contains("private words"),
        "notes are never in the team view"
    );
}

#[tokio::test]
async fn help_recorded_by_the_helper_is_pending_until_confirmed_and_never_counted_before() {
    let c = cast().await;
    let team = &c.world.team_a;
    assert_eq!(
        record(&c.leader, team, "gave", &c.world.member, "30")
            .await
            .status(),
        303
    );
    let entry = newest(&c.app).await;
    assert_eq!(entry.status, EntryStatus::Pending);
    let (_, before) = text(&c.leader, &format!("/teams/{team}/ledger/members.csv")).await;
    assert!(before.contains("Leader,0,0,0,0"), "{before}");

    let (_, waiting) = text(&c.member, &format!("/teams/{team}/ledger/me")).await;
    assert!(waiting.contains("For you to confirm"));
    let confirm = c
        .member
        .post(
            &format!("/teams/{team}/ledger/exchanges/{}/confirm", entry.id),
            &[],
        )
        .await;
    assert_eq!(confirm.status(), 303);
    // The entry's page says it is confirmed, once, and offers what is next.
    let shown = c.member.follow(confirm).await;
    assert!(
        shown.contains("Confirmed: this help now counts in the team ledger."),
        "{shown}"
    );
    assert!(
        shown.contains("me#waiting\">See what else is waiting for you</a>"),
        "{shown}"
    );
    let (_, again) = text(
        &c.member,
        &format!("/teams/{team}/ledger/exchanges/{}", entry.id),
    )
    .await;
    assert!(!again.contains("Confirmed: this help"), "shown once");
    let (_, after) = text(&c.leader, &format!("/teams/{team}/ledger/members.csv")).await;
    assert!(after.contains("Leader,30,1,0,0"), "{after}");
    assert!(after.contains("Member,0,0,30,1"), "{after}");
}

#[tokio::test]
async fn pending_entries_lapse_after_fourteen_days() {
    let c = cast().await;
    let team = &c.world.team_a;
    record(&c.leader, team, "gave", &c.world.member, "30").await;
    let entry = newest(&c.app).await;
    c.app.clock.advance(time::Duration::days(14));
    // Sessions time out when idle; sign in again.
    let member = signed_in(&c.app, &c.world.member).await;
    let late = member
        .post(
            &format!("/teams/{team}/ledger/exchanges/{}/confirm", entry.id),
            &[],
        )
        .await;
    assert_eq!(late.status(), 409);
    let (_, page) = text(
        &member,
        &format!("/teams/{team}/ledger/exchanges/{}", entry.id),
    )
    .await;
    assert!(page.contains("expired"));
}

#[tokio::test]
async fn adjusted_minutes_go_back_to_the_helper_to_confirm() {
    let c = cast().await;
    let team = &c.world.team_a;
    record(&c.leader, team, "gave", &c.world.member, "60").await;
    let id = newest(&c.app).await.id;
    let path = format!("/teams/{team}/ledger/exchanges/{id}");
    let adjust = c
        .member
        .post(&format!("{path}/adjust"), &[("minutes", "40")])
        .await;
    assert_eq!(adjust.status(), 303);
    // Now it is the helper's turn; the helped person cannot confirm their own suggestion.
    assert_eq!(
        c.member
            .post(&format!("{path}/confirm"), &[])
            .await
            .status(),
        409
    );
    assert_eq!(
        c.leader
            .post(&format!("{path}/confirm"), &[])
            .await
            .status(),
        303
    );
    let row = newest(&c.app).await;
    assert_eq!((row.status, row.minutes), (EntryStatus::Confirmed, 40));
}

#[tokio::test]
async fn a_non_party_cannot_confirm() {
    let c = cast().await;
    let team = &c.world.team_a;
    record(&c.member, team, "gave", &c.third, "20").await;
    let id = newest(&c.app).await.id;
    let path = format!("/teams/{team}/ledger/exchanges/{id}/confirm");
    // The leader sees the entry but is not one of the two people.
    assert_eq!(c.leader.post(&path, &[]).await.status(), 403);
    // The helper cannot confirm their own entry.
    assert_eq!(c.member.post(&path, &[]).await.status(), 409);
    let outsider = signed_in(&c.app, &c.world.outsider).await;
    assert_eq!(outsider.post(&path, &[]).await.status(), 404);
    assert_eq!(newest(&c.app).await.status, EntryStatus::Pending);
    // Another member who is not a party cannot even see it.
    let spare = create_person(&c.app, "Ari", false).await;
    add_member(&c.app, &c.world.leader, team, &spare, "member").await;
    let spare = signed_in(&c.app, &spare).await;
    assert_eq!(spare.post(&path, &[]).await.status(), 404);
    assert_eq!(
        spare
            .get(&format!("/teams/{team}/ledger/exchanges/{id}"))
            .await
            .status(),
        404
    );
    assert_eq!(c.third_browser.post(&path, &[]).await.status(), 303);
}

#[tokio::test]
async fn an_entry_of_another_team_is_not_found() {
    let c = cast().await;
    record(
        &c.member,
        &c.world.team_a,
        "received",
        &c.world.leader,
        "20",
    )
    .await;
    let id = newest(&c.app).await.id;
    let outsider = signed_in(&c.app, &c.world.outsider).await;
    let b = &c.world.team_b;
    for path in [
        format!("/teams/{b}/ledger/exchanges/{id}"),
        format!("/teams/{}/ledger/exchanges/{id}", c.world.team_a),
    ] {
        assert_eq!(outsider.get(&path).await.status(), 404, "{path}");
    }
    assert_eq!(
        outsider
            .post(
                &format!("/teams/{b}/ledger/exchanges/{id}/reverse"),
                &[("reason", "not ours")]
            )
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn a_double_submit_with_one_key_records_once() {
    let c = cast().await;
    let team = c.world.team_a.clone();
    let path = format!("/teams/{team}/ledger/exchanges");
    let one_key = key("double");
    let person = c.world.leader.id.to_string();
    let fields = [
        ("direction", "received"),
        ("person", person.as_str()),
        ("minutes", "25"),
        ("idempotency_key", one_key.as_str()),
    ];
    let (a, b) = tokio::join!(c.member.post(&path, &fields), c.member.post(&path, &fields));
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (303, 303));
    let count = help_exchanges::Entity::find()
        .filter(help_exchanges::Column::IdempotencyKey.eq(one_key.as_str()))
        .count(&c.app.db.conn)
        .await
        .unwrap();
    assert_eq!(count, 1);
    // And once more, later: still one.
    assert_eq!(c.member.post(&path, &fields).await.status(), 303);
    assert_eq!(
        help_exchanges::Entity::find()
            .count(&c.app.db.conn)
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn bad_input_is_shown_again_with_messages_at_the_fields() {
    let c = cast().await;
    let team = &c.world.team_a;
    let me = c.world.member.id.to_string();
    let response = c
        .member
        .post(
            &format!("/teams/{team}/ledger/exchanges"),
            &[
                ("direction", "gave"),
                ("person", &me),
                ("minutes", "601"),
                ("date", "2999-01-01"),
                ("category", "marking"),
                ("idempotency_key", &key("bad")),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Help to yourself is not recorded"));
    assert!(page.contains("Enter whole minutes from 1 to 600."));
    assert!(page.contains("The date cannot be in the future."));
    assert!(
        page.contains(r#"value="marking""#),
        "the typed values are kept"
    );
    assert_eq!(
        help_exchanges::Entity::find()
            .count(&c.app.db.conn)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn nobody_records_more_than_twelve_hours_in_a_day() {
    let c = cast().await;
    let team = &c.world.team_a;
    assert_eq!(
        record(&c.member, team, "received", &c.world.leader, "600")
            .await
            .status(),
        303
    );
    let response = record(&c.third_browser, team, "received", &c.world.leader, "121").await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("more than 12 hours of help for Leader")
    );
    assert_eq!(
        record(&c.third_browser, team, "received", &c.world.leader, "120")
            .await
            .status(),
        303
    );
}

#[tokio::test]
async fn the_database_refuses_self_help_and_minutes_out_of_range() {
    let c = cast().await;
    let team = team_rows::Entity::find()
        .filter(team_rows::Column::Slug.eq(c.world.team_a.as_str()))
        .one(&c.app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let now = time::OffsetDateTime::now_utc();
    let row = |helper: roundtable::domain::ids::UserId,
               helped: roundtable::domain::ids::UserId,
               minutes: i32,
               key: &str| help_exchanges::ActiveModel {
        team_id: Set(team.id),
        helper_id: Set(helper),
        helped_id: Set(helped),
        minutes: Set(minutes),
        occurred_on: Set(now.date()),
        category: Set("general".to_owned()),
        note: Set(None),
        kind: Set(help_exchanges::EntryKind::Exchange),
        status: Set(help_exchanges::EntryStatus::Confirmed),
        awaiting_id: Set(None),
        recorded_by: Set(helped),
        post_id: Set(None),
        action_ref: Set(None),
        reverses_id: Set(None),
        reason: Set(None),
        dispute_reason: Set(None),
        resolution_note: Set(None),
        resolved_by: Set(None),
        idempotency_key: Set(key.to_owned()),
        created_at: Set(now),
        expires_at: Set(None),
        confirmed_at: Set(Some(now)),
        ..Default::default()
    };
    let (l, m) = (c.world.leader.id, c.world.member.id);
    assert!(
        row(m, m, 30, "k1k1k1k1")
            .insert(&c.app.db.conn)
            .await
            .is_err()
    );
    assert!(
        row(l, m, 0, "k2k2k2k2")
            .insert(&c.app.db.conn)
            .await
            .is_err()
    );
    assert!(
        row(l, m, 601, "k3k3k3k3")
            .insert(&c.app.db.conn)
            .await
            .is_err()
    );
    assert!(
        row(l, m, 30, "k4k4k4k4")
            .insert(&c.app.db.conn)
            .await
            .is_ok()
    );
    assert!(
        row(l, m, 30, "k4k4k4k4")
            .insert(&c.app.db.conn)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn disputes_are_resolved_by_a_leader_with_a_reason() {
    let c = cast().await;
    let team = &c.world.team_a;
    record(&c.member, team, "gave", &c.third, "90").await;
    let id = newest(&c.app).await.id;
    let path = format!("/teams/{team}/ledger/exchanges/{id}");
    assert_eq!(
        c.third_browser
            .post(
                &format!("{path}/dispute"),
                &[("reason", "It was a short chat")]
            )
            .await
            .status(),
        303
    );
    // A member cannot resolve; a leader must give a reason.
    assert_eq!(
        c.third_browser
            .post(
                &format!("{path}/resolve"),
                &[("decision", "reject"), ("reason", "mine")]
            )
            .await
            .status(),
        403
    );
    assert_eq!(
        c.leader
            .post(
                &format!("{path}/resolve"),
                &[("decision", "confirm"), ("reason", "")]
            )
            .await
            .status(),
        422
    );
    let (_, team_page) = text(&c.leader, &format!("/teams/{team}/ledger")).await;
    assert!(team_page.contains("Disputes to resolve"));
    assert_eq!(
        c.leader
            .post(
                &format!("{path}/resolve"),
                &[
                    ("decision", "confirm"),
                    ("minutes", "20"),
                    ("reason", "We agreed on 20")
                ]
            )
            .await
            .status(),
        303
    );
    let row = newest(&c.app).await;
    assert_eq!((row.status, row.minutes), (EntryStatus::Confirmed, 20));
    assert_eq!(row.resolution_note.as_deref(), Some("We agreed on 20"));
}

#[tokio::test]
async fn a_correction_is_a_reversing_entry_and_the_original_stays() {
    let c = cast().await;
    let team = &c.world.team_a;
    record(&c.member, team, "received", &c.world.leader, "50").await;
    let original = newest(&c.app).await;
    let path = format!("/teams/{team}/ledger/exchanges/{}/reverse", original.id);
    assert_eq!(c.member.post(&path, &[("reason", "")]).await.status(), 422);
    assert_eq!(
        c.member
            .post(&path, &[("reason", "Recorded the wrong person")])
            .await
            .status(),
        303
    );
    assert_eq!(
        c.member.post(&path, &[("reason", "Again")]).await.status(),
        409
    );
    let reversal = newest(&c.app).await;
    assert_eq!(reversal.reverses_id, Some(original.id));
    let unchanged = help_exchanges::Entity::find_by_id(original.id)
        .one(&c.app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unchanged, original, "confirmed entries are never edited");
    let (_, csv) = text(&c.member, &format!("/teams/{team}/ledger/members.csv")).await;
    assert!(csv.contains("Leader,0,0,0,0"), "{csv}");
}

#[tokio::test]
async fn leaders_may_keep_aggregates_to_themselves() {
    let c = cast().await;
    let team = &c.world.team_a;
    let settings = format!("/teams/{team}/ledger/settings");
    assert_eq!(
        c.member
            .post(
                &settings,
                &[("aggregates", "leaders"), ("unmet_after_days", "7")]
            )
            .await
            .status(),
        403
    );
    assert_eq!(
        c.leader
            .post(
                &settings,
                &[("aggregates", "nobody"), ("unmet_after_days", "7")]
            )
            .await
            .status(),
        422
    );
    assert_eq!(
        c.leader
            .post(
                &settings,
                &[("aggregates", "leaders"), ("unmet_after_days", "3")]
            )
            .await
            .status(),
        303
    );
    assert_eq!(
        c.member
            .get(&format!("/teams/{team}/ledger"))
            .await
            .status(),
        403
    );
    assert_eq!(
        c.member
            .get(&format!("/teams/{team}/ledger/members.csv"))
            .await
            .status(),
        403
    );
    assert_eq!(
        c.member
            .get(&format!("/teams/{team}/ledger/me"))
            .await
            .status(),
        200
    );
    assert_eq!(
        c.leader
            .get(&format!("/teams/{team}/ledger"))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn the_team_table_sorts_without_javascript_and_exports_csv() {
    let c = cast().await;
    let team = &c.world.team_a;
    record(&c.member, team, "received", &c.world.leader, "60").await;
    record(&c.third_browser, team, "received", &c.world.leader, "60").await;
    record(&c.leader, team, "received", &c.third, "30").await;
    let (_, csv) = text(
        &c.member,
        &format!("/teams/{team}/ledger/members.csv?sort=name&dir=asc"),
    )
    .await;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "member,given_minutes,given_count,received_minutes,received_count,balance_index,share_of_team_help,last_exchange"
    );
    assert!(lines[1].starts_with("Kim,30,1,60,1,-0.33,0.2000,"), "{csv}");
    assert!(
        lines[2].starts_with("Leader,120,2,30,1,0.60,0.8000,"),
        "{csv}"
    );
    assert!(lines[3].starts_with("Member,0,0,60,1,,0.0000,"), "{csv}");
    let (_, by_given) = text(
        &c.member,
        &format!("/teams/{team}/ledger/members.csv?sort=given"),
    )
    .await;
    assert!(by_given.lines().nth(1).unwrap().starts_with("Leader,"));
    let (status, page) = text(
        &c.member,
        &format!("/teams/{team}/ledger?sort=received&dir=desc"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"aria-sort="descending""#));
    assert!(page.contains("<svg"));
    assert!(page.contains("Who helped whom"));
    // Leader gave 80 % over 8 weeks with 3 exchanges and index 0.6: support, not blame.
    assert!(page.contains("Leader gave 80% of the team&#x27;s help over the last 8 weeks — who can share the load?"), "{page}");
}

#[tokio::test]
async fn thanks_are_public_and_the_recipient_may_hide_them() {
    let c = cast().await;
    let team = &c.world.team_a;
    let leader_id = c.world.leader.id.to_string();
    let thank = c
        .member
        .post(
            &format!("/teams/{team}/thanks"),
            &[
                ("to", &leader_id),
                ("impact", "The rubric cut moderation time by 30 minutes"),
                ("idempotency_key", &key("t")),
            ],
        )
        .await;
    assert_eq!(thank.status(), 303);
    let (_, team_page) = text(&c.third_browser, &format!("/teams/{team}")).await;
    assert!(
        team_page.contains("Member thanked Leader: “The rubric cut moderation time by 30 minutes”")
    );
    let id = {
        use roundtable::store::entities::recognitions;
        recognitions::Entity::find()
            .one(&c.app.db.conn)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    // Only the recipient may hide it.
    assert_eq!(
        c.member
            .post(&format!("/teams/{team}/thanks/{id}/hide"), &[])
            .await
            .status(),
        403
    );
    assert_eq!(
        c.leader
            .post(&format!("/teams/{team}/thanks/{id}/hide"), &[])
            .await
            .status(),
        303
    );
    let (_, hidden) = text(&c.third_browser, &format!("/teams/{team}")).await;
    assert!(!hidden.contains("The rubric cut moderation time"));
    let (_, mine) = text(&c.leader, &format!("/teams/{team}/ledger/me")).await;
    assert!(mine.contains("hidden from the team page"));
}

#[tokio::test]
async fn a_request_nobody_answers_shows_as_unmet() {
    let c = cast().await;
    let team = &c.world.team_a;
    let post = c
        .member
        .post(
            &format!("/teams/{team}/help"),
            &[
                ("kind", "request"),
                ("title", "Cover period 3 on Friday"),
                ("detail", "Year 9 science"),
                ("category", "cover"),
                ("estimated_minutes", "50"),
                ("expires_in_days", "14"),
                ("idempotency_key", &key("p")),
            ],
        )
        .await;
    assert_eq!(post.status(), 303);
    let location = post.headers()["location"].to_str().unwrap().to_owned();
    let (_, fresh) = text(&c.leader, &format!("/teams/{team}/ledger")).await;
    assert!(!fresh.contains("Requests still waiting"));
    c.app.clock.advance(time::Duration::days(7));
    // Sessions time out when idle; sign in again.
    let leader = signed_in(&c.app, &c.world.leader).await;
    let third = signed_in(&c.app, &c.third).await;
    let member = signed_in(&c.app, &c.world.member).await;
    let (_, later) = text(&leader, &format!("/teams/{team}/ledger")).await;
    assert!(later.contains("Requests still waiting"));
    assert!(later.contains("Cover period 3 on Friday"));
    // A response means it is no longer unmet.
    let respond = third
        .post(
            &format!("{location}/responses"),
            &[("message", "I can take it")],
        )
        .await;
    assert_eq!(respond.status(), 303);
    let (_, answered) = text(&leader, &format!("/teams/{team}/ledger")).await;
    assert!(!answered.contains("Requests still waiting"));
    let (_, page) = text(&member, &location).await;
    assert!(page.contains("I can take it"));
}

#[tokio::test]
async fn a_leader_records_for_two_others_and_it_is_audited() {
    let c = cast().await;
    let team = &c.world.team_a;
    let fields = |k: &str| {
        vec![
            ("direction".to_owned(), "between".to_owned()),
            ("helper".to_owned(), c.world.member.id.to_string()),
            ("helped".to_owned(), c.third.id.to_string()),
            ("minutes".to_owned(), "15".to_owned()),
            ("idempotency_key".to_owned(), k.to_owned()),
        ]
    };
    let as_refs = |v: &Vec<(String, String)>| {
        v.iter()
            .map(|(a, b)| (a.clone(), b.clone()))
            .collect::<Vec<_>>()
    };
    let member_fields = as_refs(&fields(&key("m")));
    let member_refs: Vec<(&str, &str)> = member_fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    // A member may not record for two other people.
    let spare = create_person(&c.app, "Ari", false).await;
    add_member(&c.app, &c.world.leader, team, &spare, "member").await;
    let spare = signed_in(&c.app, &spare).await;
    assert_eq!(
        spare
            .post(&format!("/teams/{team}/ledger/exchanges"), &member_refs)
            .await
            .status(),
        403
    );
    let leader_fields = as_refs(&fields(&key("l")));
    let leader_refs: Vec<(&str, &str)> = leader_fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        c.leader
            .post(&format!("/teams/{team}/ledger/exchanges"), &leader_refs)
            .await
            .status(),
        303
    );
    let row = newest(&c.app).await;
    assert_eq!(row.status, EntryStatus::Confirmed);
    assert_eq!(row.recorded_by, c.world.leader.id);
    let audited = {
        use roundtable::store::entities::audit_log;
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("ledger.record_for_others"))
            .count(&c.app.db.conn)
            .await
            .unwrap()
    };
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn the_home_page_counts_unread_notifications_until_they_are_read() {
    let c = cast().await;
    let team = &c.world.team_a;
    let link = format!("/teams/{team}/ledger/me#notifications");
    let (_, before) = text(&c.leader, "/").await;
    assert!(!before.contains(&link), "no notifications yet: {before}");

    record(&c.member, team, "received", &c.world.leader, "45").await;
    let (_, one) = text(&c.leader, "/").await;
    assert!(one.contains(&link), "{one}");
    assert!(one.contains(">1 unread notification<"), "{one}");
    record(&c.third_browser, team, "received", &c.world.leader, "15").await;
    let (_, two) = text(&c.leader, "/").await;
    assert!(two.contains(">2 unread notifications<"), "{two}");
    let (_, others) = text(&c.member, "/").await;
    assert!(!others.contains("unread notification"), "{others}");

    let read = c
        .leader
        .post(&format!("/teams/{team}/ledger/notifications/read"), &[])
        .await;
    assert_eq!(read.status(), 303);
    let (_, after) = text(&c.leader, "/").await;
    assert!(!after.contains("unread notification"), "{after}");
}
