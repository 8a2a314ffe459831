//! Comments on agenda proposals over HTTP: add, edit own, a leader hides with a reason, the
//! proposal window, bad input, other teams, and paging — on SQLite and PostgreSQL.

use roundtable::store::entities::{audit_log, comments};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use time::Duration;

use crate::helpers::{
    Browser, TestApp, World, add_member, create_person, seed, signed_in, spawn_app,
};
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, proposal_ids, propose};

struct Setup {
    app: TestApp,
    world: World,
    leader: Browser,
    member: Browser,
    other: Browser,
    meeting: roundtable::domain::ids::MeetingId,
    item: i64,
}

impl Setup {
    fn page(&self) -> String {
        format!(
            "/teams/{}/meetings/{}/proposals/{}",
            self.world.team_a, self.meeting, self.item
        )
    }
}

async fn setup() -> Setup {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let meeting = create_meeting(&app, &leader, &world.team_a, "secret").await;
    propose(&leader, &world.team_a, meeting, "Timetable clashes", 20).await;
    let item = proposal_ids(&app, meeting).await[0];
    let member = signed_in(&app, &world.member).await;
    let colleague = create_person(&app, "Colleague", false).await;
    add_member(&app, &world.leader, &world.team_a, &colleague, "member").await;
    let other = signed_in(&app, &colleague).await;
    Setup {
        app,
        world,
        leader,
        member,
        other,
        meeting,
        item,
    }
}

async fn comment(s: &Setup, who: &Browser, body: &str) -> reqwest::Response {
    who.post(&format!("{}/comments", s.page()), &[("body", body)])
        .await
}

async fn text(who: &Browser, path: &str) -> String {
    let response = who.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

async fn only_comment_id(s: &Setup) -> i64 {
    comments::Entity::find()
        .filter(comments::Column::SubjectId.eq(s.item))
        .one(&s.app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn audited(s: &Setup, action: &str) -> usize {
    audit_log::Entity::find()
        .all(&s.app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.action.name() == action)
        .count()
}

#[tokio::test]
async fn members_comment_edit_their_own_and_leaders_hide_with_a_reason_everyone_sees() {
    let s = setup().await;
    let added = comment(&s, &s.member, "Could we fix this before the\nspring term?").await;
    assert_eq!(added.status(), 303);
    let location = added.headers()["location"].to_str().unwrap().to_owned();
    let id = only_comment_id(&s).await;
    assert!(location.ends_with(&format!("#comment-{id}")), "{location}");

    // Everyone in the team reads it; the list shows a count and a link, not the thread.
    let page = text(&s.other, &s.page()).await;
    assert!(page.contains("Could we fix this before the\nspring term?"));
    let list = text(
        &s.other,
        &format!("/teams/{}/meetings/{}/proposals", s.world.team_a, s.meeting),
    )
    .await;
    assert!(list.contains("· 1 comment<"), "{list}");
    // The list links each item relative to the meeting (…/meetings/{id}/proposals).
    assert!(
        list.contains(&format!(r#"href="proposals/{}""#, s.item)),
        "{list}"
    );

    // Only the author edits it.
    let edit = format!("{}/comments/{id}/edit", s.page());
    let by_other = s.other.post(&edit, &[("body", "Hijacked")]).await;
    assert_eq!(by_other.status(), 403);
    let by_author = s
        .member
        .post(&edit, &[("body", "Could we fix this before spring?")])
        .await;
    assert_eq!(by_author.status(), 303);
    let page = text(&s.other, &s.page()).await;
    assert!(page.contains("Could we fix this before spring?"));
    assert!(page.contains("edited"));
    assert!(!page.contains("Hijacked"));

    // Members cannot hide; leaders can, with a reason.
    let hide = format!("{}/comments/{id}/hide", s.page());
    let by_member = s.other.post(&hide, &[("reason", "I disagree")]).await;
    assert_eq!(by_member.status(), 403);
    let no_reason = s.leader.post(&hide, &[("reason", " ")]).await;
    assert_eq!(no_reason.status(), 422);
    assert!(no_reason.text().await.unwrap().contains("Enter a reason."));
    let hidden = s.leader.post(&hide, &[("reason", "Names a pupil")]).await;
    assert_eq!(hidden.status(), 303);

    // Everyone sees that it was hidden and why; only its author and leaders keep the text.
    let page = text(&s.other, &s.page()).await;
    assert!(page.contains("Hidden by a leader: Names a pupil"));
    assert!(!page.contains("Could we fix this before spring?"));
    for who in [&s.member, &s.leader] {
        let page = text(who, &s.page()).await;
        assert!(page.contains("Hidden by a leader: Names a pupil"));
        assert!(page.contains("Could we fix this before spring?"));
    }
    // A hidden comment is not edited any more, nor hidden twice.
    let late_edit = s.member.post(&edit, &[("body", "Sneaky change")]).await;
    assert_eq!(late_edit.status(), 409);
    let twice = s.leader.post(&hide, &[("reason", "Again")]).await;
    assert_eq!(twice.status(), 409);

    assert_eq!(audited(&s, "comment.add").await, 1);
    assert_eq!(audited(&s, "comment.edit").await, 1);
    assert_eq!(audited(&s, "comment.hide").await, 1);
}

#[tokio::test]
async fn bad_input_comes_back_with_the_form_filled_in_and_a_message() {
    let s = setup().await;
    let empty = comment(&s, &s.member, "   ").await;
    assert_eq!(empty.status(), 422);
    assert!(empty.text().await.unwrap().contains("Enter a comment."));

    let control = comment(&s, &s.member, "Terminal \u{1b}[31m trick").await;
    assert_eq!(control.status(), 422);
    let page = control.text().await.unwrap();
    assert!(page.contains("Remove control characters"), "{page}");
    assert!(page.contains("Terminal"), "the form keeps what was typed");

    let long = comment(&s, &s.member, &"x".repeat(2001)).await;
    assert_eq!(long.status(), 422);
    assert!(
        long.text()
            .await
            .unwrap()
            .contains("Use at most 2000 characters.")
    );

    // A refused edit shows its message beside the comment, with the text as typed.
    assert_eq!(comment(&s, &s.member, "First thought").await.status(), 303);
    let id = only_comment_id(&s).await;
    let edit = s
        .member
        .post(
            &format!("{}/comments/{id}/edit", s.page()),
            &[("body", "Second\u{0}thought")],
        )
        .await;
    assert_eq!(edit.status(), 422);
    let page = edit.text().await.unwrap();
    assert!(page.contains(&format!("edit-{id}-error")), "{page}");
    assert!(page.contains("Second"));
    assert_eq!(audited(&s, "comment.add").await, 1);
    assert_eq!(audited(&s, "comment.edit").await, 0);
}

#[tokio::test]
async fn comments_close_with_the_proposal_window_but_leaders_can_still_hide() {
    let s = setup().await;
    assert_eq!(
        comment(&s, &s.member, "Before the close").await.status(),
        303
    );
    let id = only_comment_id(&s).await;
    s.app
        .clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));

    let late = comment(&s, &s.member, "After the close").await;
    assert_eq!(late.status(), 422);
    let page = late.text().await.unwrap();
    assert!(
        page.contains("Comments on proposals are open only during the proposal window"),
        "{page}"
    );
    let late_edit = s
        .member
        .post(
            &format!("{}/comments/{id}/edit", s.page()),
            &[("body", "Changed after the close")],
        )
        .await;
    assert_eq!(late_edit.status(), 422);
    assert!(
        late_edit
            .text()
            .await
            .unwrap()
            .contains("open only during the proposal window")
    );
    // The page says so instead of offering the form.
    let page = text(&s.member, &s.page()).await;
    assert!(page.contains("open only during the proposal window"));
    assert!(!page.contains("Post comment"));

    let hidden = s
        .leader
        .post(
            &format!("{}/comments/{id}/hide", s.page()),
            &[("reason", "Off topic")],
        )
        .await;
    assert_eq!(hidden.status(), 303);
    assert_eq!(audited(&s, "comment.add").await, 1);
}

#[tokio::test]
async fn another_teams_proposal_and_comments_answer_404() {
    let s = setup().await;
    assert_eq!(
        comment(&s, &s.member, "Inside the team").await.status(),
        303
    );
    let id = only_comment_id(&s).await;
    let outsider = signed_in(&s.app, &s.world.outsider).await;
    assert_eq!(outsider.get(&s.page()).await.status(), 404);
    assert_eq!(comment(&s, &outsider, "Let me in").await.status(), 404);
    let hide = outsider
        .post(
            &format!("{}/comments/{id}/hide", s.page()),
            &[("reason", "Mine now")],
        )
        .await;
    assert_eq!(hide.status(), 404);

    // The outsider's own team address does not reach team a's meeting either.
    let via_b = format!(
        "/teams/{}/meetings/{}/proposals/{}",
        s.world.team_b, s.meeting, s.item
    );
    assert_eq!(outsider.get(&via_b).await.status(), 404);
    // Nor does a team-a address with a proposal of no meeting of theirs.
    let wrong_item = format!(
        "/teams/{}/meetings/{}/proposals/999999",
        s.world.team_a, s.meeting
    );
    assert_eq!(s.member.get(&wrong_item).await.status(), 404);
    assert_eq!(audited(&s, "comment.hide").await, 0);
}

#[tokio::test]
async fn a_long_discussion_pages_oldest_first() {
    let s = setup().await;
    for i in 0..51 {
        let response = comment(&s, &s.member, &format!("Point number {i:02}")).await;
        assert_eq!(response.status(), 303);
    }
    let first = text(&s.other, &s.page()).await;
    assert!(first.contains("Point number 00"));
    assert!(first.contains("Point number 49"));
    assert!(!first.contains("Point number 50"));
    assert!(first.contains("Page 1 of 2"));
    let last = text(&s.other, &format!("{}?page=last", s.page())).await;
    assert!(last.contains("Point number 50"));
    assert!(!last.contains("Point number 00"));
    assert!(last.contains("Earlier comments"));
}
