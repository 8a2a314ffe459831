//! Pages stay small as teams and meetings grow (issue 13): sizes in bytes, which are
//! deterministic; speed is measured by the `page_bench` example, never here.

use roundtable::domain::ids::MeetingId;
use roundtable::store::entities::{agenda_proposals, help_exchanges, memberships, users};
use sea_orm::{EntityTrait, Set};
use time::Duration;

use roundtable::domain::clock::Clock;

use crate::helpers::{Browser, TestApp, create_person, create_team, signed_in, spawn_app};
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting};

/// The most a page may weigh for a team of 2,000 with a meeting of 1,000 items.
const PAGE_LIMIT: usize = 300 * 1024;

/// Adds `count` members straight into the database (no password hashing: they never sign in).
async fn add_many_members(app: &TestApp, team_slug: &str, count: usize) {
    let team = roundtable::store::entities::teams::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.slug == team_slug)
        .unwrap();
    let now = time::OffsetDateTime::now_utc();
    for chunk in (0..count).collect::<Vec<_>>().chunks(200) {
        let people = chunk.iter().map(|i| users::ActiveModel {
            email: Set(format!("person{i:05}@district.test")),
            display_name: Set(format!("Person {i:05} Example-Surname")),
            password_hash: Set("not a usable hash".to_owned()),
            is_admin: Set(false),
            auth_epoch: Set(0),
            created_at: Set(now),
            ..Default::default()
        });
        users::Entity::insert_many(people)
            .exec(&app.db.conn)
            .await
            .unwrap();
    }
    let ids: Vec<roundtable::domain::ids::UserId> = users::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|u| u.email.starts_with("person"))
        .map(|u| u.id)
        .collect();
    for chunk in ids.chunks(200) {
        let rows = chunk.iter().map(|id| memberships::ActiveModel {
            team_id: Set(team.id),
            user_id: Set(*id),
            role: Set(memberships::Role::Member),
            joined_at: Set(now),
            ..Default::default()
        });
        memberships::Entity::insert_many(rows)
            .exec(&app.db.conn)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn the_team_page_of_two_thousand_members_is_small_and_pages_through_everyone() {
    let app = spawn_app().await;
    let admin = create_person(&app, "Admin", true).await;
    let leader = create_person(&app, "Leader", false).await;
    let slug = create_team(&app, &admin, "District network", &leader).await;
    add_many_members(&app, &slug, 1999).await;
    let browser = signed_in(&app, &leader).await;

    let first = browser.get(&format!("/teams/{slug}")).await;
    assert_eq!(first.status(), 200);
    let html = first.text().await.unwrap();
    assert!(html.len() < PAGE_LIMIT, "team page is {} bytes", html.len());
    assert!(html.contains("2000 members"), "the count covers everyone");
    assert!(html.contains("Page 1 of 40"), "fifty per page");
    // Leaders first, then by name; a leader can act on each member shown.
    assert!(html.find("Leader").unwrap() < html.find("Person 00000").unwrap());
    assert!(html.contains("Remove Person 00048 Example-Surname"));
    assert!(
        !html.contains("Person 00049 Example-Surname"),
        "the 51st is on page 2"
    );

    // The next-page link works without JavaScript and reaches the 51st member's actions.
    let next = browser
        .get(&format!("/teams/{slug}?page=2"))
        .await
        .text()
        .await
        .unwrap();
    assert!(next.contains("Page 2 of 40"));
    assert!(next.contains("Remove Person 00049 Example-Surname"));
    assert!(
        next.contains("/remove?page=2"),
        "actions on page 2 come back to page 2"
    );

    // Search by name, and by email for those who manage members.
    let by_name = browser
        .get(&format!("/teams/{slug}?q=person+01234"))
        .await
        .text()
        .await
        .unwrap();
    assert!(by_name.contains("1 matching"), "{by_name}");
    assert!(by_name.contains("Remove Person 01234 Example-Surname"));
    let by_email = browser
        .get(&format!("/teams/{slug}?q=person01998%40district"))
        .await
        .text()
        .await
        .unwrap();
    assert!(by_email.contains("Remove Person 01998 Example-Surname"));
    // `%` and `_` are taken literally, not as wildcards.
    let literal = browser
        .get(&format!("/teams/{slug}?q=%25"))
        .await
        .text()
        .await
        .unwrap();
    assert!(literal.contains("No member matches"), "{literal}");
}

/// Who wrote the thousand proposals of [`district_meeting`].
enum Author {
    Admin,
    Leader,
}

/// A team whose leader is signed in, with a secret meeting of 1,000 proposals by `author`.
async fn district_meeting(author: Author) -> (TestApp, String, Browser, MeetingId) {
    let app = spawn_app().await;
    let admin = create_person(&app, "Admin", true).await;
    let leader = create_person(&app, "Leader", false).await;
    let slug = create_team(&app, &admin, "District network", &leader).await;
    let browser = signed_in(&app, &leader).await;
    let meeting = create_meeting(&app, &browser, &slug, "secret").await;
    let author = match author {
        Author::Admin => admin.id,
        Author::Leader => leader.id,
    };
    a_thousand_proposals(&app, meeting, author).await;
    (app, slug, browser, meeting)
}

/// 1,000 active proposals by `author`, written directly (the HTTP path is tested elsewhere).
async fn a_thousand_proposals(
    app: &TestApp,
    meeting: MeetingId,
    author: roundtable::domain::ids::UserId,
) {
    let now = time::OffsetDateTime::now_utc();
    for chunk in (0..1000).collect::<Vec<_>>().chunks(200) {
        let items = chunk.iter().map(|i| agenda_proposals::ActiveModel {
            meeting_id: Set(meeting),
            author_id: Set(Some(author)),
            title: Set(format!("Agenda item {i:04}: a realistic title")),
            why: Set("Several colleagues raised it this term and it needs a decision.".to_owned()),
            minutes: Set(10),
            status: Set(agenda_proposals::ProposalStatus::Active),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        agenda_proposals::Entity::insert_many(items)
            .exec(&app.db.conn)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_leader_moderating_a_thousand_proposals_gets_small_pages() {
    // Before any ballot a leader may hide or merge each item. The list once carried a selector
    // of every other item under every item (1,000 × 999 options, about 50 MB); the forms now
    // live on the item's own page, with one selector.
    let (app, slug, browser, meeting) = district_meeting(Author::Admin).await;
    let base = format!("/teams/{slug}/meetings/{meeting}/proposals");

    let list = browser.get(&base).await;
    assert_eq!(list.status(), 200);
    let html = list.text().await.unwrap();
    assert!(
        html.len() < PAGE_LIMIT,
        "proposals page is {} bytes",
        html.len()
    );
    assert!(!html.contains("<option"), "no selector on the list");
    assert_eq!(html.matches("the forms are on its page").count(), 1);

    let ids = crate::meeting_helpers::proposal_ids(&app, meeting).await;
    let (kept, duplicate) = (ids[0], ids[1]);
    let item = browser.get(&format!("{base}/{duplicate}")).await;
    assert_eq!(item.status(), 200);
    let html = item.text().await.unwrap();
    assert!(html.len() < PAGE_LIMIT, "item page is {} bytes", html.len());
    assert_eq!(
        html.matches("<option").count(),
        999,
        "every other item, once"
    );

    // A refusal comes back on the item's page, beside its form.
    let refused = browser
        .post(&format!("{base}/{duplicate}/hide"), &[("reason", "")])
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains(r#"id="hide-reason-error""#), "{html}");
    assert!(html.contains("Merge this duplicate into"));

    // A refused comment hide on the same page stays with the comment, not the item's form.
    let posted = browser
        .post(
            &format!("{base}/{duplicate}/comments"),
            &[("body", "Same as item 1?")],
        )
        .await;
    assert_eq!(posted.status(), 303);
    let comment = posted.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit("#comment-")
        .next()
        .unwrap()
        .to_owned();
    let refused = browser
        .post(
            &format!("{base}/{duplicate}/comments/{comment}/hide"),
            &[("reason", "")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(!html.contains(r#"id="hide-reason-error""#), "{html}");
    assert!(
        html.contains(&format!(r#"id="hide-{comment}-error""#)),
        "{html}"
    );

    let merged = browser
        .post(
            &format!("{base}/{duplicate}/merge"),
            &[("into", kept.to_string().as_str())],
        )
        .await;
    assert_eq!(merged.status(), 303);
    let html = browser
        .get(&format!("{base}/{duplicate}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Merged into “Agenda item 0000"), "{html}");
    assert!(
        !html.contains("Merge this duplicate into"),
        "only items on the list"
    );
    // Nor is the merged item offered on another's page any more.
    let html = browser
        .get(&format!("{base}/{}", ids[2]))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(html.matches("<option").count(), 998, "merged item gone");
    assert!(!html.contains(&format!(r#"<option value="{duplicate}">"#)));
    assert!(html.contains(&format!(r#"<option value="{kept}">"#)));
}

#[tokio::test]
async fn the_ballot_page_of_a_thousand_items_is_small_and_refilled_on_errors() {
    let (app, slug, browser, meeting) = district_meeting(Author::Leader).await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));

    let page = browser
        .get(&format!("/teams/{slug}/meetings/{meeting}/ballot"))
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.len() < PAGE_LIMIT,
        "ballot page is {} bytes",
        html.len()
    );
    assert_eq!(
        html.matches(r#"type="number" min="1" max="1000""#).count(),
        1000
    );
    assert!(!html.contains("<option"), "no selector of every rank");

    // Two items with rank 1 and a rank out of range: 422, with what was typed kept.
    let ids = crate::meeting_helpers::proposal_ids(&app, meeting).await;
    let (a, b, c) = (
        format!("rank_{}", ids[0]),
        format!("rank_{}", ids[1]),
        format!("rank_{}", ids[2]),
    );
    let response = browser
        .post(
            &format!("/teams/{slug}/meetings/{meeting}/ballot"),
            &[(a.as_str(), "1"), (b.as_str(), "1"), (c.as_str(), "1001")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let again = response.text().await.unwrap();
    assert!(
        again.len() < PAGE_LIMIT,
        "re-filled page is {} bytes",
        again.len()
    );
    assert!(
        again.contains("Another item already has rank 1"),
        "duplicate named"
    );
    assert!(
        again.contains("Choose a rank from 1 to 1000"),
        "range named"
    );
    assert!(again.contains(r#"value="1001""#), "what was typed is kept");
    assert_eq!(again.matches(r#"value="1""#).count(), 2, "both ranks kept");
}

#[tokio::test]
async fn my_ledger_page_in_a_team_of_two_thousand_is_small_and_pages_through_my_entries() {
    let app = spawn_app().await;
    let admin = create_person(&app, "Admin", true).await;
    let leader = create_person(&app, "Leader", false).await;
    let slug = create_team(&app, &admin, "District network", &leader).await;
    add_many_members(&app, &slug, 1999).await;
    let team_id = roundtable::store::entities::teams::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.slug == slug)
        .unwrap()
        .id;
    let people: Vec<users::Model> = users::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|u| u.email.starts_with("person"))
        .collect();
    // 120 confirmed exchanges: the leader helped 120 different members for 30 minutes each.
    let now = app.clock.now();
    let rows = people
        .iter()
        .take(120)
        .enumerate()
        .map(|(i, p)| help_exchanges::ActiveModel {
            team_id: Set(team_id),
            helper_id: Set(leader.id),
            helped_id: Set(p.id),
            minutes: Set(30),
            occurred_on: Set(now.date() - Duration::days((i % 30) as i64)),
            category: Set("cover".to_owned()),
            note: Set(None),
            kind: Set(help_exchanges::EntryKind::Exchange),
            status: Set(help_exchanges::EntryStatus::Confirmed),
            awaiting_id: Set(None),
            recorded_by: Set(p.id),
            idempotency_key: Set(format!("size-{i}")),
            created_at: Set(now),
            expires_at: Set(None),
            confirmed_at: Set(Some(now)),
            ..Default::default()
        });
    help_exchanges::Entity::insert_many(rows)
        .exec(&app.db.conn)
        .await
        .unwrap();
    let browser = signed_in(&app, &leader).await;

    let html = browser
        .get(&format!("/teams/{slug}/ledger/me"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.len() < PAGE_LIMIT,
        "my ledger page is {} bytes",
        html.len()
    );
    assert!(
        html.contains("60 h"),
        "all-time total of 120 × 30 min: {html}"
    );
    assert!(html.contains("Page 1 of 3"), "fifty entries per page");
    assert!(
        html.contains("and 100 more"),
        "twenty people listed, the rest counted"
    );
    assert!(
        !html.contains(r#"<select id="person""#),
        "no selector of 2,000 members"
    );
    assert_eq!(
        html.matches("<option value=\"Person ").count(),
        1999,
        "one shared list"
    );
    let last = browser
        .get(&format!("/teams/{slug}/ledger/me?page=3"))
        .await
        .text()
        .await
        .unwrap();
    assert!(last.contains("Page 3 of 3"));
    assert!(last.contains("showing 101–120"), "{last}");
    // A page past the end (or `last`) shows the last page, with the same count.
    for past in ["99", "last"] {
        let html = browser
            .get(&format!("/teams/{slug}/ledger/me?page={past}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Page 3 of 3"), "{past}: {html}");
        assert!(html.contains("showing 101–120"), "{past}: {html}");
        assert!(html.contains("and 100 more"), "{past}: {html}");
    }

    // A name chosen from the list records help with that member.
    let chosen = &people[500];
    let person = format!("{} (#{})", chosen.display_name, chosen.id);
    let response = browser
        .post(
            &format!("/teams/{slug}/ledger/exchanges"),
            &[
                ("direction", "received"),
                ("person", person.as_str()),
                ("minutes", "45"),
                ("date", ""),
                ("category", "planning"),
                ("note", ""),
                ("idempotency_key", "size-test-key-0001"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let recorded = help_exchanges::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .any(|e| e.helper_id == chosen.id && e.helped_id == leader.id && e.minutes == 45);
    assert!(recorded);
}

#[tokio::test]
async fn the_proposals_page_names_authors_and_the_item_a_proposal_was_merged_into() {
    let app = spawn_app().await;
    let admin = create_person(&app, "Admin", true).await;
    let leader = create_person(&app, "Leader", false).await;
    let slug = create_team(&app, &admin, "District network", &leader).await;
    let browser = signed_in(&app, &leader).await;
    let meeting = create_meeting(&app, &browser, &slug, "secret").await;
    crate::meeting_helpers::propose(&browser, &slug, meeting, "Attendance policy", 10).await;
    crate::meeting_helpers::propose(&browser, &slug, meeting, "Attendance rules", 10).await;
    let ids = crate::meeting_helpers::proposal_ids(&app, meeting).await;
    let (kept, merged) = (ids[0], ids[1]);
    let response = browser
        .post(
            &format!("/teams/{slug}/meetings/{meeting}/proposals/{merged}/merge"),
            &[("into", kept.to_string().as_str())],
        )
        .await;
    assert_eq!(response.status(), 303);

    let html = browser
        .get(&format!("/teams/{slug}/meetings/{meeting}/proposals"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Merged into “Attendance policy”"), "{html}");
    assert!(html.contains("Leader"), "the author is named");
}

#[tokio::test]
async fn a_thousand_proposals_are_listed_fifty_a_page_with_the_ones_off_the_list_below() {
    let (app, slug, browser, meeting) = district_meeting(Author::Leader).await;
    let base = format!("/teams/{slug}/meetings/{meeting}/proposals");
    let ids = crate::meeting_helpers::proposal_ids(&app, meeting).await;
    // Item 0001 goes into item 0000: it leaves the list and is named below it on every page.
    let merged = browser
        .post(
            &format!("{base}/{}/merge", ids[1]),
            &[("into", ids[0].to_string().as_str())],
        )
        .await;
    assert_eq!(merged.status(), 303);
    let items = |html: &str| html.matches("<li><h2 class=\"h3\">").count();

    let first = browser.get(&base).await.text().await.unwrap();
    assert_eq!(items(&first), 50, "{first}");
    assert!(first.contains(r#"<ol class="proposals" start="1">"#));
    assert!(first.contains("Page 1 of 20"), "{first}");
    assert!(first.contains(r#"?page=2" rel="next""#), "{first}");
    assert!(first.contains("Agenda item 0000") && !first.contains("Agenda item 0051"));
    assert!(first.contains("Merged into “Agenda item 0000"), "{first}");

    // 999 items on the list: the last page has 49, numbered on from 951; `last` finds it.
    let last = browser.get(&format!("{base}?page=last")).await;
    assert_eq!(last.status(), 200);
    let last = last.text().await.unwrap();
    assert_eq!(items(&last), 49, "{last}");
    assert!(last.contains(r#"start="951""#), "{last}");
    assert!(last.contains("Page 20 of 20") && last.contains("Agenda item 0999"));
    assert!(last.contains("Merged into “Agenda item 0000"), "{last}");
    // A page past the end shows the last; a word shows the first.
    let past = browser
        .get(&format!("{base}?page=99"))
        .await
        .text()
        .await
        .unwrap();
    assert!(past.contains("Page 20 of 20"));
    let word = browser
        .get(&format!("{base}?page=x"))
        .await
        .text()
        .await
        .unwrap();
    assert!(word.contains("Page 1 of 20"));
}
