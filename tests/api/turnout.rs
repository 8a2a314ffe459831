//! Turnout ("N of M have voted") for everyone, who has not voted for leaders, and an open
//! ballot's rankings after the close — never a secret ballot's.

use time::Duration;

use crate::helpers::{seed, signed_in, spawn_app};
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, members, proposal_ids, propose, vote};

#[tokio::test]
async fn everyone_sees_turnout_and_leaders_see_who_has_not_voted() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    propose(&leader, slug, id, "Timetable", 15).await;
    propose(&leader, slug, id, "Marking", 15).await;
    let items = proposal_ids(&app, id).await;
    let voters = members(&app, &world.leader, slug, 3, "Turnout").await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
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
    let id = create_meeting(&app, &leader, slug, "open").await;
    propose(&leader, slug, id, "Timetable", 15).await;
    propose(&leader, slug, id, "Marking", 15).await;
    let items = proposal_ids(&app, id).await;
    let voters = members(&app, &world.leader, slug, 2, "Open").await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
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
