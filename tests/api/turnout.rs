//! Turnout ("N of M have voted") for everyone, who has not voted for leaders, and an open
//! ballot's rankings after the close — never a secret ballot's.

use time::Duration;

use crate::helpers::{add_member, create_person, seed, signed_in, spawn_app};
use crate::meeting_helpers::{
    VotingMeeting, WINDOW_HOURS, create_meeting, members, proposal_ids, propose, vote,
    voting_meeting,
};

#[tokio::test]
async fn everyone_sees_turnout_and_leaders_see_who_has_not_voted() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let VotingMeeting { id, items, voters } =
        voting_meeting(&app, &world, &leader, "secret", (3, "Turnout")).await;
    assert_eq!(
        vote(&voters[0], slug, id, &[items[1], items[0]])
            .await
            .status(),
        200
    );
    let base = format!("/teams/{slug}/meetings/{id}");
    // Team A: the leader, the seeded member and three more; one has voted.
    let page = voters[1].get(&base).await.text().await.unwrap();
    assert!(page.contains("1 of 5 has voted"), "{page}");
    // The page's other counts come from the same statement (`turnout::counts`).
    assert!(
        page.contains("Proposed items: 2") && page.contains("Ballots cast: 1."),
        "{page}"
    );
    assert!(
        !page.contains("who has not voted yet"),
        "members get no list"
    );
    assert_eq!(
        voters[1].get(&format!("{base}/turnout")).await.status(),
        403
    );

    let page = leader.get(&base).await.text().await.unwrap();
    assert!(page.contains("who has not voted yet"), "{page}");
    let turnout = leader.get(&format!("{base}/turnout")).await;
    assert_eq!(turnout.status(), 200);
    let html = turnout.text().await.unwrap();
    assert!(html.contains("1 of 5 has voted"), "{html}");
    assert!(
        html.contains("Turnout1") && html.contains("Turnout2"),
        "{html}"
    );
    assert!(
        !html.contains("<li>Turnout0"),
        "a voter is not listed: {html}"
    );
    // A secret meeting's rankings do not exist, for anyone.
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    assert_eq!(leader.get(&format!("{base}/rankings")).await.status(), 404);
    assert_eq!(
        leader.get(&format!("{base}/rankings.csv")).await.status(),
        404
    );
}

#[tokio::test]
async fn an_open_ballot_says_so_and_leaders_see_who_ranked_what_after_the_close() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let VotingMeeting { id, items, voters } =
        voting_meeting(&app, &world, &leader, "open", (2, "Open")).await;
    let base = format!("/teams/{slug}/meetings/{id}");
    let ballot = voters[0]
        .get(&format!("{base}/ballot"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        ballot.contains("Open ballot:"),
        "said before anyone votes: {ballot}"
    );
    assert_eq!(
        vote(&voters[0], slug, id, &[items[1], items[0]])
            .await
            .status(),
        200
    );
    assert_eq!(vote(&voters[1], slug, id, &[items[0]]).await.status(), 200);
    // Not before the close.
    assert_eq!(leader.get(&format!("{base}/rankings")).await.status(), 409);
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    assert_eq!(
        voters[0].get(&format!("{base}/rankings")).await.status(),
        403
    );
    let html = leader
        .get(&format!("{base}/rankings"))
        .await
        .text()
        .await
        .unwrap();
    let row = |name: &str| {
        let start = html
            .find(&format!("<th scope=\"row\">{name}</th>"))
            .unwrap();
        let end = start + html[start..].find("</tr>").unwrap();
        html[start..end].to_owned()
    };
    let first = row("Open0");
    assert!(
        first.find("Marking").unwrap() < first.find("Timetable").unwrap(),
        "{first}"
    );
    assert!(!row("Open1").contains("Marking"));
    let csv = leader
        .get(&format!("{base}/rankings.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("voter,ranking (best first)\n"), "{csv}");
    assert!(csv.contains("Open0,Marking,Timetable\n"), "{csv}");
    assert!(csv.contains("Open1,Timetable\n"), "{csv}");
}

#[tokio::test]
async fn the_rankings_page_shows_fifty_ballots_a_page_and_ten_choices_each() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "open").await;
    for n in 0..12 {
        propose(&leader, slug, id, &format!("Item {n:02}"), 5).await;
    }
    let items = proposal_ids(&app, id).await;
    let voters = members(&app, &world.leader, slug, 51, "Many").await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    // Many0 ranks all twelve; the others one each.
    assert_eq!(vote(&voters[0], slug, id, &items).await.status(), 200);
    for voter in &voters[1..] {
        assert_eq!(vote(voter, slug, id, &items[..1]).await.status(), 200);
    }
    let base = format!("/teams/{slug}/meetings/{id}/rankings");
    assert_eq!(leader.get(&base).await.status(), 409);
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    let page = |n: &str| {
        let url = format!("{base}?page={n}");
        let leader = &leader;
        async move { leader.get(&url).await.text().await.unwrap() }
    };
    let rows = |html: &str| html.matches("<th scope=\"row\">").count();

    // By name, case ignored: "Many9" sorts last of the 51, alone on page 2.
    let first = page("1").await;
    assert_eq!(rows(&first), 50, "{first}");
    assert!(first.contains("51 ballots, by member name; fifty a page."));
    assert!(first.contains("Page 1 of 2"));
    assert!(first.contains("?page=2\" rel=\"next\""));
    assert!(!first.contains("<th scope=\"row\">Many9</th>"));
    let many0 = &first[first.find("<th scope=\"row\">Many0</th>").unwrap()..];
    let many0 = &many0[..many0.find("</tr>").unwrap()];
    assert_eq!(many0.matches("<li>").count(), 10, "{many0}");
    assert!(many0.contains("Item 09") && !many0.contains("Item 10"));
    assert!(many0.contains("…and 2 more choices (in the download)."));
    let second = page("2").await;
    assert_eq!(rows(&second), 1);
    assert!(second.contains("<th scope=\"row\">Many9</th>"));
    assert!(second.contains("Page 2 of 2"));
    // Past the end shows the last page; junk shows the first.
    assert_eq!(page("99").await.matches("Many9").count(), 1);
    assert_eq!(rows(&page("junk").await), 50);
    // The download still has every choice of every ballot.
    let csv = leader
        .get(&format!("/teams/{slug}/meetings/{id}/rankings.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 52);
    assert!(csv.contains("Item 10,Item 11\n"));
}

#[tokio::test]
async fn who_has_not_voted_is_listed_a_hundred_names_a_page() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    for n in 0..101 {
        let person = create_person(&app, &format!("Quiet{n:03}"), false).await;
        add_member(&app, &world.leader, slug, &person, "member").await;
    }
    let base = format!("/teams/{slug}/meetings/{id}/turnout");
    let names = |html: &str| html.matches("<li>Quiet").count();
    // 103 members (the leader, the seeded member, 101 more), nobody has voted.
    let first = leader.get(&base).await.text().await.unwrap();
    assert!(
        first.contains("103 members have not voted yet, by name:"),
        "{first}"
    );
    assert!(first.contains("Page 1 of 2"), "{first}");
    assert!(
        first.contains("?page=2#not-voted\" rel=\"next\""),
        "{first}"
    );
    // By name, case ignored.
    assert!(first.contains("<li>Quiet000</li>") && !first.contains("<li>Quiet100</li>"));
    let second = leader
        .get(&format!("{base}?page=2"))
        .await
        .text()
        .await
        .unwrap();
    assert!(second.contains("Page 2 of 2"), "{second}");
    assert_eq!(names(&first) + names(&second), 101);
    assert!(second.contains("<li>Quiet100</li>"), "{second}");
}

#[tokio::test]
async fn who_has_not_voted_follows_votes_and_joins_made_after_the_page_was_read() {
    // The list comes from the team's roster, kept per roster version, less those who voted
    // (read per request): a vote or a new member after a visit shows on the next one.
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    propose(&leader, slug, id, "Timetable", 15).await;
    let items = proposal_ids(&app, id).await;
    let voters = members(&app, &world.leader, slug, 2, "Keen").await;
    let base = format!("/teams/{slug}/meetings/{id}/turnout");
    let read = || async { leader.get(&base).await.text().await.unwrap() };

    let before = read().await;
    assert!(
        before.contains(
            "<ul><li>Keen0</li><li>Keen1</li><li>Leader (leader)</li><li>Member</li></ul>"
        ),
        "{before}"
    );

    app.clock.advance(Duration::hours(WINDOW_HOURS));
    assert_eq!(vote(&voters[0], slug, id, &items).await.status(), 200);
    let late = create_person(&app, "Keen-late", false).await;
    add_member(&app, &world.leader, slug, &late, "member").await;
    let after = read().await;
    assert!(after.contains("1 of 5 has voted"), "{after}");
    // By name, case ignored ("keen-late" sorts before "keen1").
    assert!(
        after.contains(
            "<ul><li>Keen-late</li><li>Keen1</li><li>Leader (leader)</li><li>Member</li></ul>"
        ),
        "{after}"
    );
}
