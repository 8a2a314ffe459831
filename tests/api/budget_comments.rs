//! Comments on budget ideas (issue 14 point 2): members discuss an idea during the ideas phase,
//! leaders hide a comment with a reason everyone sees, and the thread closes when review
//! starts; the ideas list shows how many comments each idea has.

use roundtable::service::comments::budget::comments_closed;
use time::Duration;

use crate::budget_helpers::{IDEAS_HOURS, create_round, idea_ids, propose_idea};
use crate::helpers::{seed, signed_in, spawn_app};

#[tokio::test]
async fn members_discuss_an_idea_during_the_ideas_phase_and_leaders_moderate() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = world.team_a.clone();
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let round = create_round(&app, &leader, &slug, "open", "approval").await;
    let proposed = propose_idea(&member, &slug, round, "Fruit trees", "300").await;
    assert_eq!(proposed.status(), 303);
    let idea = idea_ids(&app, round).await[0];
    let base = format!("/teams/{slug}/budgets/{round}/ideas/{idea}");

    let empty = leader
        .post(&format!("{base}/comments"), &[("body", "  ")])
        .await;
    assert_eq!(empty.status(), 422);
    let added = leader
        .post(
            &format!("{base}/comments"),
            &[("body", "Could the school kitchen use the fruit?")],
        )
        .await;
    assert_eq!(added.status(), 303);
    let rude = member
        .post(
            &format!("{base}/comments"),
            &[("body", "Nobody asked you.")],
        )
        .await;
    assert_eq!(rude.status(), 303);
    let location = rude.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&base), "{location}");
    let rude_id: i64 = location
        .rsplit("#comment-")
        .next()
        .unwrap()
        .parse()
        .unwrap();

    let list = member
        .get(&format!("/teams/{slug}/budgets/{round}/ideas"))
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("(2 comments)"), "{list}");

    let refused = member
        .post(
            &format!("{base}/comments/{rude_id}/hide"),
            &[("reason", "Mine")],
        )
        .await;
    assert_eq!(refused.status(), 403, "members do not moderate");
    let hidden = leader
        .post(
            &format!("{base}/comments/{rude_id}/hide"),
            &[("reason", "Please keep to the idea")],
        )
        .await;
    assert_eq!(hidden.status(), 303);
    let page = member.get(&base).await.text().await.unwrap();
    assert!(
        page.contains("Could the school kitchen use the fruit?"),
        "{page}"
    );
    assert!(page.contains("Please keep to the idea"), "{page}");

    // Review starts: the thread stays readable and takes no new comments.
    app.clock.advance(Duration::hours(IDEAS_HOURS));
    let late = member
        .post(&format!("{base}/comments"), &[("body", "One more thought")])
        .await;
    assert_eq!(late.status(), 422);
    let page = late.text().await.unwrap();
    assert!(page.contains(&comments_closed().to_string()), "{page}");
    assert!(
        !page.contains("One more thought"),
        "once closed, no comment form is offered"
    );
    let page = leader.get(&base).await.text().await.unwrap();
    assert!(
        page.contains("Could the school kitchen use the fruit?"),
        "{page}"
    );
}
