//! Comments on proposals and budget ideas, the notification centre and one's own settings over
//! `/api/v1`: each endpoint for each role (the access matrix), a comment made through the API
//! stored and shown as the web form's, the pages' rules (own comments only, leaders hide,
//! windows), cursor pages in a stable order, marking notifications read, and `PATCH /me`
//! through the account page's services — on SQLite and PostgreSQL.

use roundtable::domain::ids::{MeetingId, RoundId};
use roundtable::store::entities::{audit_log, comments, users};
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};
use time::Duration;

use crate::action_helpers::{create_action, day};
use crate::api_helpers::{
    Cast, assert_matrix, cast, created, expect, not_found, read_token, read_write_token,
    revalidates, walk,
};
use crate::api_matrix::Row;
use crate::budget_helpers::{IDEAS_HOURS, create_round, idea_ids, propose_idea};
use crate::helpers::{
    Browser, TestApp, World, add_member, create_person, seed, signed_in, spawn_app,
};
use crate::meeting_helpers::{create_meeting, proposal_ids, propose};

/// The rows of this area; `{m}`/`{p}` are a meeting of team a and a proposal in it, `{r}`/`{i}`
/// a budget round of team a and an idea in it, `{pe}`/`{ie}` the member's comments there (to
/// edit) and `{ph}`/`{ih}` the member's comments there (to hide).
pub(crate) const ROWS: &[Row] = &[
    Row::get(
        "/api/v1/teams/{a}/meetings/{m}/proposals/{p}/comments",
        [401, 404, 200, 200, 200],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/meetings/{m}/proposals/{p}/comments",
        r#"{"body": "A comment from the matrix."}"#,
        [401, 404, 201, 201, 403],
    ),
    // Only the author edits: the leader may comment, but this comment is the member's.
    Row::write(
        "PATCH",
        "/api/v1/teams/{a}/meetings/{m}/proposals/{p}/comments/{pe}",
        r#"{"body": "Edited by its author."}"#,
        [401, 404, 200, 403, 403],
    ),
    // Hidden once by the leader; the admin is not a moderator of the team.
    Row::write(
        "POST",
        "/api/v1/teams/{a}/meetings/{m}/proposals/{p}/comments/{ph}/hide",
        r#"{"reason": "Off topic"}"#,
        [401, 404, 403, 200, 403],
    ),
    Row::get(
        "/api/v1/teams/{a}/budgets/{r}/ideas/{i}/comments",
        [401, 404, 200, 200, 200],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets/{r}/ideas/{i}/comments",
        r#"{"body": "A comment from the matrix."}"#,
        [401, 404, 201, 201, 403],
    ),
    Row::write(
        "PATCH",
        "/api/v1/teams/{a}/budgets/{r}/ideas/{i}/comments/{ie}",
        r#"{"body": "Edited by its author."}"#,
        [401, 404, 200, 403, 403],
    ),
    Row::write(
        "POST",
        "/api/v1/teams/{a}/budgets/{r}/ideas/{i}/comments/{ih}/hide",
        r#"{"reason": "Off topic"}"#,
        [401, 404, 403, 200, 403],
    ),
    Row::get("/api/v1/notifications", [401, 200, 200, 200, 200]),
    Row::write(
        "POST",
        "/api/v1/notifications/read",
        "{}",
        [401, 200, 200, 200, 200],
    ),
    Row::write(
        "PATCH",
        "/api/v1/me",
        r#"{"time_zone": "Europe/Paris"}"#,
        [401, 200, 200, 200, 200],
    ),
];

/// A team with a meeting taking proposals (one item) and a round taking ideas (one idea).
struct Setup {
    app: TestApp,
    world: World,
    leader: Browser,
    member: Browser,
    meeting: MeetingId,
    proposal: i64,
    round: RoundId,
    idea: i64,
}

impl Setup {
    fn proposal_path(&self) -> String {
        format!(
            "/teams/{}/meetings/{}/proposals/{}",
            self.world.team_a, self.meeting, self.proposal
        )
    }

    fn idea_path(&self) -> String {
        format!(
            "/teams/{}/budgets/{}/ideas/{}",
            self.world.team_a, self.round, self.idea
        )
    }
}

async fn setup() -> Setup {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let meeting = create_meeting(&app, &leader, &world.team_a, "secret").await;
    propose(&leader, &world.team_a, meeting, "Timetable clashes", 20).await;
    let proposal = proposal_ids(&app, meeting).await[0];
    let round = create_round(&app, &leader, &world.team_a, "open", "approval").await;
    let proposed = propose_idea(&member, &world.team_a, round, "Fruit trees", "300").await;
    assert_eq!(proposed.status(), 303);
    let idea = idea_ids(&app, round).await[0];
    Setup {
        app,
        world,
        leader,
        member,
        meeting,
        proposal,
        round,
        idea,
    }
}

/// Comments through the web form as `who` on the page at `page`; returns the comment's id.
async fn web_comment(who: &Browser, page: &str, body: &str) -> i64 {
    let response = who
        .post(&format!("{page}/comments"), &[("body", body)])
        .await;
    assert_eq!(response.status(), 303, "{page}");
    let location = response.headers()["location"].to_str().unwrap();
    location
        .rsplit("#comment-")
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn every_comment_endpoint_answers_each_role_as_the_access_table_says() {
    let s = setup().await;
    let pe = web_comment(&s.member, &s.proposal_path(), "Mine to edit.").await;
    let ph = web_comment(&s.member, &s.proposal_path(), "Mine to be hidden.").await;
    let ie = web_comment(&s.member, &s.idea_path(), "Mine to edit.").await;
    let ih = web_comment(&s.member, &s.idea_path(), "Mine to be hidden.").await;
    assert_matrix(
        &s.app,
        &s.world,
        ROWS,
        &[
            ("{m}", s.meeting.to_string()),
            ("{p}", s.proposal.to_string()),
            ("{r}", s.round.to_string()),
            ("{i}", s.idea.to_string()),
            ("{pe}", pe.to_string()),
            ("{ph}", ph.to_string()),
            ("{ie}", ie.to_string()),
            ("{ih}", ih.to_string()),
        ],
    )
    .await;
}

/// What is stored of a comment, but for its id and times.
async fn stored(app: &TestApp, id: i64) -> (i64, String, i64, Option<i64>, String, bool, bool) {
    let c = comments::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    (
        c.team_id.0,
        format!("{:?}", c.subject_kind),
        c.subject_id,
        c.author_id.map(|u| u.0),
        c.body,
        c.edited_at.is_some(),
        c.hidden_at.is_some(),
    )
}

async fn audited(app: &TestApp, action: &str) -> usize {
    audit_log::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.action.name() == action)
        .count()
}

#[tokio::test]
async fn a_comment_made_through_the_api_is_the_one_the_web_form_makes() {
    let s = setup().await;
    let token = read_write_token(&s.member).await;
    let api_base = format!("/api/v1{}/comments", s.proposal_path());
    let text = "Could we fix this before the\nspring term?";

    let (location, from_api) = created(
        &s.app,
        ("POST", &api_base),
        &token,
        Some(json!({"body": format!("  {text}  ")})),
    )
    .await;
    assert_eq!(location, api_base.as_str());
    let api_id = from_api["id"].as_i64().unwrap();
    let web_id = web_comment(&s.member, &s.proposal_path(), text).await;

    assert_eq!(stored(&s.app, api_id).await, stored(&s.app, web_id).await);
    assert_eq!(stored(&s.app, api_id).await.4, text, "trimmed alike");
    assert_eq!(audited(&s.app, "comment.add").await, 2, "audited alike");
    // Listed alike, but for the id and the time.
    let list = expect(&s.app, ("GET", &api_base), &token, None, 200).await;
    let mut listed = list["comments"].as_array().unwrap().clone();
    assert_eq!(listed.len(), 2);
    assert_eq!(
        listed[0], from_api,
        "201 answers with the comment as listed"
    );
    for c in &mut listed {
        c["id"] = Value::Null;
        c["created_at"] = Value::Null;
    }
    assert_eq!(listed[0], listed[1]);
    assert_eq!(listed[0]["author_id"], s.world.member.id.0);
    assert_eq!(listed[0]["author"], "Member");
    assert_eq!(listed[0]["mine"], true);
    assert_eq!(listed[0]["editable"], true);
    assert_eq!(listed[0]["hideable"], false);
    assert_eq!(list["total"], 2);
    assert_eq!(list["can_comment"], true);
    assert!(list["closed"].is_null());
    // The web page shows the API's comment.
    let page = s.member.get(&s.proposal_path()).await.text().await.unwrap();
    assert!(page.contains(&format!("comment-{api_id}")), "{page}");
}

#[tokio::test]
async fn authors_edit_their_own_leaders_hide_and_others_see_only_the_note() {
    let s = setup().await;
    let member = read_write_token(&s.member).await;
    let leader = read_write_token(&s.leader).await;
    let colleague = create_person(&s.app, "Colleague", false).await;
    add_member(
        &s.app,
        &s.world.leader,
        &s.world.team_a,
        &colleague,
        "member",
    )
    .await;
    let colleague_browser = signed_in(&s.app, &colleague).await;
    let other = read_write_token(&colleague_browser).await;
    let base = format!("/api/v1{}/comments", s.proposal_path());
    let added = expect(
        &s.app,
        ("POST", &base),
        &member,
        Some(json!({"body": "First thoughts."})),
        201,
    )
    .await;
    let id = added["id"].as_i64().unwrap();
    let one = format!("{base}/{id}");

    // Bad input is 422 with the field; someone else's comment is refused.
    let empty = expect(
        &s.app,
        ("POST", &base),
        &member,
        Some(json!({"body": " "})),
        422,
    )
    .await;
    assert!(empty["fields"]["body"].is_string(), "{empty}");
    let theirs = expect(
        &s.app,
        ("PATCH", &one),
        &leader,
        Some(json!({"body": "Not mine to change."})),
        403,
    )
    .await;
    assert_eq!(theirs["error"], "forbidden");
    expect(
        &s.app,
        ("PATCH", &one),
        &member,
        Some(json!({"text": "wrong field"})),
        400,
    )
    .await;
    let edited = expect(
        &s.app,
        ("PATCH", &one),
        &member,
        Some(json!({"body": "Second thoughts."})),
        200,
    )
    .await;
    assert_eq!(edited["body"], "Second thoughts.");
    assert!(edited["edited_at"].is_string());
    assert_eq!(stored(&s.app, id).await.4, "Second thoughts.");

    // Only moderators hide; the reason is checked; hiding twice is a conflict.
    let refused = expect(
        &s.app,
        ("POST", &format!("{one}/hide")),
        &member,
        Some(json!({"reason": "Off topic"})),
        403,
    )
    .await;
    assert_eq!(refused["error"], "forbidden");
    let short = expect(
        &s.app,
        ("POST", &format!("{one}/hide")),
        &leader,
        Some(json!({"reason": "x"})),
        422,
    )
    .await;
    assert!(short["fields"]["reason"].is_string(), "{short}");
    assert!(
        !stored(&s.app, id).await.6,
        "a refused hide changes nothing"
    );
    let hidden = expect(
        &s.app,
        ("POST", &format!("{one}/hide")),
        &leader,
        Some(json!({"reason": "Personal remark"})),
        200,
    )
    .await;
    assert_eq!(hidden["hidden"], true);
    assert_eq!(
        hidden["body"], "Second thoughts.",
        "moderators still read it"
    );
    assert!(
        hidden["hidden_note"]
            .as_str()
            .unwrap()
            .contains("Personal remark")
    );
    let again = expect(
        &s.app,
        ("POST", &format!("{one}/hide")),
        &leader,
        Some(json!({"reason": "Personal remark"})),
        409,
    )
    .await;
    assert_eq!(again["error"], "conflict");
    let hidden_edit = expect(
        &s.app,
        ("PATCH", &one),
        &member,
        Some(json!({"body": "Third thoughts."})),
        409,
    )
    .await;
    assert_eq!(hidden_edit["error"], "conflict");
    assert_eq!(audited(&s.app, "comment.hide").await, 1);

    // As the page shows it: the note for everyone, the text for the author and leaders only.
    let seen_by_other = expect(&s.app, ("GET", &base), &other, None, 200).await;
    let c = &seen_by_other["comments"][0];
    assert!(c["body"].is_null(), "{c}");
    assert!(
        c["hidden_note"]
            .as_str()
            .unwrap()
            .contains("Personal remark")
    );
    let seen_by_author = expect(&s.app, ("GET", &base), &member, None, 200).await;
    assert_eq!(seen_by_author["comments"][0]["body"], "Second thoughts.");
    assert_eq!(seen_by_author["comments"][0]["editable"], false);
    let page = colleague_browser
        .get(&s.proposal_path())
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Personal remark") && !page.contains("Second thoughts."));
    // A comment of another subject is not this one's.
    let idea_base = format!("/api/v1{}/comments", s.idea_path());
    expect(
        &s.app,
        ("PATCH", &format!("{idea_base}/{id}")),
        &member,
        Some(json!({"body": "Wrong thread."})),
        404,
    )
    .await;
}

#[tokio::test]
async fn idea_comments_close_with_the_ideas_phase_but_leaders_still_hide() {
    let s = setup().await;
    let member = read_write_token(&s.member).await;
    let leader = read_write_token(&s.leader).await;
    let base = format!("/api/v1{}/comments", s.idea_path());
    let added = expect(
        &s.app,
        ("POST", &base),
        &member,
        Some(json!({"body": "Could the kitchen use the fruit?"})),
        201,
    )
    .await;
    let id = added["id"].as_i64().unwrap();
    assert_eq!(stored(&s.app, id).await.1, "BudgetIdea");

    s.app
        .clock
        .advance(Duration::hours(IDEAS_HOURS) + Duration::minutes(1));
    let closed = expect(
        &s.app,
        ("POST", &base),
        &member,
        Some(json!({"body": "Too late now."})),
        409,
    )
    .await;
    assert_eq!(closed["error"], "conflict");
    expect(
        &s.app,
        ("PATCH", &format!("{base}/{id}")),
        &member,
        Some(json!({"body": "Too late to edit."})),
        409,
    )
    .await;
    let list = expect(&s.app, ("GET", &base), &member, None, 200).await;
    assert_eq!(list["can_comment"], false);
    assert!(list["closed"].is_string(), "{list}");
    expect(
        &s.app,
        ("POST", &format!("{base}/{id}/hide")),
        &leader,
        Some(json!({"reason": "Personal remark"})),
        200,
    )
    .await;
}

#[tokio::test]
async fn another_teams_proposal_or_idea_is_not_found() {
    let s = setup().await;
    let outsider = signed_in(&s.app, &s.world.outsider).await;
    let theirs = create_meeting(&s.app, &outsider, &s.world.team_b, "secret").await;
    propose(&outsider, &s.world.team_b, theirs, "Their item", 10).await;
    let their_item = proposal_ids(&s.app, theirs).await[0];
    let member = read_write_token(&s.member).await;
    let (a, b) = (&s.world.team_a, &s.world.team_b);
    let (m, p) = (s.meeting, s.proposal);
    for path in [
        // Team b's proposal, under either slug.
        format!("/api/v1/teams/{b}/meetings/{theirs}/proposals/{their_item}/comments"),
        format!("/api/v1/teams/{a}/meetings/{theirs}/proposals/{their_item}/comments"),
        // Team a's proposal under another meeting, or not a number.
        format!("/api/v1/teams/{a}/meetings/{theirs}/proposals/{p}/comments"),
        format!("/api/v1/teams/{a}/meetings/{m}/proposals/x/comments"),
        format!(
            "/api/v1/teams/{a}/budgets/{}/ideas/{}/comments",
            s.round,
            s.idea + 99
        ),
    ] {
        not_found(&s.app, ("GET", &path), &member, None).await;
        expect(
            &s.app,
            ("POST", &path),
            &member,
            Some(json!({"body": "Hello there."})),
            404,
        )
        .await;
    }
}

#[tokio::test]
async fn a_read_token_reads_but_cannot_write() {
    let s = setup().await;
    let read = read_token(&s.member).await;
    let base = format!("/api/v1{}/comments", s.proposal_path());
    expect(&s.app, ("GET", &base), &read, None, 200).await;
    expect(&s.app, ("GET", "/api/v1/notifications"), &read, None, 200).await;
    for (method, path, body) in [
        (
            "POST",
            base.clone(),
            json!({"body": "Not with this token."}),
        ),
        ("PATCH", format!("{base}/1"), json!({"body": "Nor this."})),
        (
            "POST",
            format!("{base}/1/hide"),
            json!({"reason": "Nor this."}),
        ),
        ("POST", "/api/v1/notifications/read".to_owned(), json!({})),
        ("PATCH", "/api/v1/me".to_owned(), json!({"language": "fr"})),
    ] {
        let refused = expect(&s.app, (method, &path), &read, Some(body), 403).await;
        assert_eq!(refused["error"], "insufficient_scope", "{method} {path}");
    }
    let none = comments::Entity::find().all(&s.app.db.conn).await.unwrap();
    assert!(none.is_empty());
    let me = users::Entity::find_by_id(s.world.member.id)
        .one(&s.app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(me.language, None);
}

#[tokio::test]
async fn comment_lists_page_by_id_in_a_stable_order() {
    let s = setup().await;
    let token = read_write_token(&s.member).await;
    let base = format!("/api/v1{}/comments", s.proposal_path());
    for n in 1..=5 {
        expect(
            &s.app,
            ("POST", &base),
            &token,
            Some(json!({"body": format!("Comment number {n}.")})),
            201,
        )
        .await;
    }
    let all: Vec<i64> = comments::Entity::find()
        .order_by_asc(comments::Column::Id)
        .all(&s.app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();

    let (ids, pages) = walk(&s.app, &base, "comments", &token, 2).await;
    assert_eq!(ids, all);
    assert_eq!(pages, 3);
    // A comment added mid-walk comes after the rows already seen, never among them.
    let first = expect(
        &s.app,
        ("GET", &format!("{base}?limit=2")),
        &token,
        None,
        200,
    )
    .await;
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let late = expect(
        &s.app,
        ("POST", &base),
        &token,
        Some(json!({"body": "A late comment."})),
        201,
    )
    .await;
    let rest = expect(
        &s.app,
        ("GET", &format!("{base}?limit=100&cursor={cursor}")),
        &token,
        None,
        200,
    )
    .await;
    let rest: Vec<i64> = rest["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    let mut expected = all[2..].to_vec();
    expected.push(late["id"].as_i64().unwrap());
    assert_eq!(rest, expected);
    // Bad paging is 400; reads revalidate.
    for bad in ["limit=0", "limit=101", "cursor=%21%21"] {
        let body = expect(&s.app, ("GET", &format!("{base}?{bad}")), &token, None, 400).await;
        assert_eq!(body["error"], "invalid_parameter", "{bad}");
    }
    revalidates(&s.app, &base, &token).await;

    // An action's comments page by the same query.
    let leader = read_write_token(&s.leader).await;
    let act = create_action(
        &s.leader,
        &s.world.team_a,
        "Book the hall",
        s.world.member.id,
        &day(&s.app, 7),
    )
    .await;
    let action_base = format!("/api/v1/teams/{}/actions/{act}/comments", s.world.team_a);
    let mut made = Vec::new();
    for n in 1..=5 {
        let c = expect(
            &s.app,
            ("POST", &action_base),
            &leader,
            Some(json!({"body": format!("Action note {n}.")})),
            201,
        )
        .await;
        assert_eq!(c["body"], format!("Action note {n}."));
        made.push(c["id"].as_i64().unwrap());
    }
    let (ids, pages) = walk(&s.app, &action_base, "comments", &token, 2).await;
    assert_eq!(ids, made);
    assert_eq!(pages, 3);
    let other_team = format!("/api/v1/teams/{}/actions/{act}/comments", s.world.team_b);
    expect(&s.app, ("GET", &other_team), &token, None, 404).await;
}

#[tokio::test]
async fn notifications_page_newest_first_and_are_marked_read_all_or_some() {
    // No meeting or round here: their announcements would arrive in the background.
    let Cast {
        app,
        world,
        leader: leader_browser,
        member: member_browser,
        leader_token: leader,
        member_token: member,
    } = cast().await;
    let mut actions = Vec::new();
    for title in ["Call parents", "Order chairs", "Book the hall"] {
        actions.push(
            create_action(
                &leader_browser,
                &world.team_a,
                title,
                world.member.id,
                &day(&app, 3),
            )
            .await,
        );
    }

    let (ids, pages) = walk(&app, "/api/v1/notifications", "notifications", &member, 2).await;
    assert!(ids.len() >= 3, "{ids:?}");
    assert!(pages >= 2);
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
    let list = expect(&app, ("GET", "/api/v1/notifications"), &member, None, 200).await;
    let total = ids.len() as u64;
    assert_eq!(list["unread"], total);
    let newest = &list["notifications"][0];
    assert_eq!(newest["kind"], "action_assigned");
    assert_eq!(newest["team"], world.team_a.as_str());
    assert_eq!(newest["team_name"], "Team A");
    assert_eq!(newest["unread"], true);
    let web_link = format!("/teams/{}/actions/{}", world.team_a, actions[2]);
    assert_eq!(newest["link"], web_link.as_str());
    assert_eq!(newest["api_link"], format!("/api/v1{web_link}"));
    assert!(
        newest["message"]
            .as_str()
            .unwrap()
            .contains("Book the hall")
    );
    // The page shows the same notification.
    let centre = member_browser
        .get("/notifications")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        centre.contains(&web_link.replace('/', "&#x2F;")),
        "{centre}"
    );
    revalidates(&app, "/api/v1/notifications", &member).await;

    // Some by id (another person's ids change nothing), then all.
    let first = ids[0];
    let theirs = expect(
        &app,
        ("POST", "/api/v1/notifications/read"),
        &leader,
        Some(json!({"ids": [first]})),
        200,
    )
    .await;
    assert_eq!(theirs["marked"], 0);
    let one = expect(
        &app,
        ("POST", "/api/v1/notifications/read"),
        &member,
        Some(json!({"ids": [first]})),
        200,
    )
    .await;
    assert_eq!(one, json!({"marked": 1, "unread": total - 1}));
    let list = expect(&app, ("GET", "/api/v1/notifications"), &member, None, 200).await;
    assert_eq!(list["notifications"][0]["unread"], false);
    assert_eq!(list["notifications"][1]["unread"], true);
    // An unknown field does not mean all.
    expect(
        &app,
        ("POST", "/api/v1/notifications/read"),
        &member,
        Some(json!({"id": first})),
        400,
    )
    .await;
    let all = expect(
        &app,
        ("POST", "/api/v1/notifications/read"),
        &member,
        Some(json!({})),
        200,
    )
    .await;
    assert_eq!(all, json!({"marked": total - 1, "unread": 0}));
}

/// A person's stored time zone and language.
async fn settings_of(
    app: &TestApp,
    id: roundtable::domain::ids::UserId,
) -> (Option<String>, Option<String>) {
    let u = users::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    (u.time_zone, u.language)
}

#[tokio::test]
async fn own_settings_change_through_the_account_pages_services() {
    let s = setup().await;
    let token = read_write_token(&s.member).await;
    let me = expect(&s.app, ("GET", "/api/v1/me"), &token, None, 200).await;
    assert_eq!(me["notifications"]["digest"], "off", "{me}");
    assert_eq!(me["notifications"]["action_assigned"], "email");
    assert!(me["notifications"].get("ledger").is_none());

    let changed = expect(
        &s.app,
        ("PATCH", "/api/v1/me"),
        &token,
        Some(json!({
            "time_zone": "Europe/Paris",
            "language": "fr",
            "notifications": {"digest": "email", "voting_open": "in_app"},
        })),
        200,
    )
    .await;
    assert_eq!(changed["time_zone"], "Europe/Paris");
    assert_eq!(changed["language"], "fr");
    assert_eq!(changed["notifications"]["digest"], "email");
    assert_eq!(changed["notifications"]["voting_open"], "in_app");
    assert_eq!(changed["notifications"]["action_assigned"], "email", "kept");
    assert_eq!(
        expect(&s.app, ("GET", "/api/v1/me"), &token, None, 200).await,
        changed
    );
    // The same as the account page's forms store.
    s.leader
        .post("/account/time-zone", &[("time_zone", "Europe/Paris")])
        .await;
    s.leader
        .post("/account/language", &[("language", "fr")])
        .await;
    assert_eq!(
        settings_of(&s.app, s.world.member.id).await,
        settings_of(&s.app, s.world.leader.id).await
    );
    let account = s.member.get("/account").await.text().await.unwrap();
    assert!(
        account.contains("id=\"digest-email\" name=\"digest\" value=\"email\" checked"),
        "the account page shows the API's choice"
    );

    // An unknown zone or language is 422 with its field, and nothing is saved.
    let refused = expect(
        &s.app,
        ("PATCH", "/api/v1/me"),
        &token,
        Some(json!({"time_zone": "Mars/Olympus", "language": "de", "notifications": {"digest": "off"}})),
        422,
    )
    .await;
    assert_eq!(refused["error"], "invalid_input");
    assert!(refused["fields"]["time_zone"].is_string(), "{refused}");
    assert!(refused["fields"]["language"].is_string(), "{refused}");
    let half = expect(
        &s.app,
        ("PATCH", "/api/v1/me"),
        &token,
        Some(json!({"language": "en", "time_zone": "Nowhere/Else"})),
        422,
    )
    .await;
    assert!(half["fields"].get("language").is_none(), "{half}");
    let after = expect(&s.app, ("GET", "/api/v1/me"), &token, None, 200).await;
    assert_eq!(after, changed, "all or nothing");
    // Unknown kinds or channels are not this body.
    for body in [
        json!({"notifications": {"ledger": "off"}}),
        json!({"notifications": {"digest": "sms"}}),
        json!({"zone": "Europe/Paris"}),
    ] {
        expect(&s.app, ("PATCH", "/api/v1/me"), &token, Some(body), 400).await;
    }
    // Empty choices go back to the defaults: each team's zone, the browser's language.
    let cleared = expect(
        &s.app,
        ("PATCH", "/api/v1/me"),
        &token,
        Some(json!({"time_zone": "", "language": ""})),
        200,
    )
    .await;
    assert!(cleared["time_zone"].is_null());
    assert!(cleared["language"].is_null());
}
