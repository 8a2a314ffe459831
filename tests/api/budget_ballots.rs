//! Budget ballots beyond approval (issue 14): a ranked ballot with a maximum number of ideas,
//! the home page's "you have not voted yet", each phase change in the audit log, and the
//! results page explaining what each supporter paid under equal shares.

use roundtable::domain::clock::Clock;
use roundtable::service::budgets::compute;
use roundtable::store::entities::audit_log;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use time::Duration;

use crate::budget_helpers::{
    IDEAS_HOURS, VOTING_CLOSES, VOTING_OPENS, idea_ids, propose_idea, round_form,
};
use crate::helpers::{Browser, seed, signed_in, spawn_app};

async fn rank(
    browser: &Browser,
    slug: &str,
    round: roundtable::domain::ids::RoundId,
    ranks: &[(i64, &str)],
) -> String {
    let fields: Vec<(String, String)> = ranks
        .iter()
        .map(|(id, r)| (format!("rank_{id}"), (*r).to_owned()))
        .collect();
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let saved = browser
        .post(&format!("/teams/{slug}/budgets/{round}/ballot"), &refs)
        .await;
    if saved.status() == 303 {
        browser.follow(saved).await
    } else {
        saved.text().await.unwrap()
    }
}

#[tokio::test]
async fn a_ranked_round_limits_ideas_reminds_on_the_home_page_and_audits_each_phase() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = world.team_a.clone();
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let mut form = round_form(&app, "open", "ranked");
    for (key, value) in &mut form {
        if key == "ballot_max" {
            *value = "2".to_owned();
        }
    }
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let created = leader
        .post(&format!("/teams/{slug}/budgets"), &fields)
        .await;
    assert_eq!(created.status(), 303);
    let round: roundtable::domain::ids::RoundId = created.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    for (title, cost) in [("Trees", "300"), ("Benches", "200"), ("Garden", "600")] {
        assert_eq!(
            propose_idea(&leader, &slug, round, title, cost)
                .await
                .status(),
            303
        );
    }
    let ids = idea_ids(&app, round).await;
    let (trees, benches, garden) = (ids[0], ids[1], ids[2]);
    compute::run_due(&app.db.conn, app.clock.now())
        .await
        .unwrap();
    let home = member.get("/").await.text().await.unwrap();
    assert!(home.contains("budget ideas are open"), "{home}");
    app.clock.advance(Duration::hours(IDEAS_HOURS));
    compute::run_due(&app.db.conn, app.clock.now())
        .await
        .unwrap();

    app.clock
        .advance(Duration::hours(VOTING_OPENS - IDEAS_HOURS));
    compute::run_due(&app.db.conn, app.clock.now())
        .await
        .unwrap();
    let home = member.get("/").await.text().await.unwrap();
    assert!(home.contains("you have not voted yet"), "{home}");

    let over = rank(
        &member,
        &slug,
        round,
        &[(trees, "1"), (benches, "2"), (garden, "3")],
    )
    .await;
    assert!(
        over.contains("You chose 3 ideas; at most 2 are allowed, so remove 1 idea."),
        "{over}"
    );
    let twice = rank(&member, &slug, round, &[(trees, "1"), (benches, "1")]).await;
    assert!(twice.contains("already has rank 1"), "{twice}");
    let saved = rank(&member, &slug, round, &[(benches, "1"), (trees, "2")]).await;
    assert!(saved.contains("Ballot saved"), "{saved}");
    // The receipt was shown once; asking again goes back to the ballot.
    let again = member
        .get(&format!("/teams/{slug}/budgets/{round}/ballot/receipt"))
        .await;
    assert_eq!(again.status(), 303);
    let ballot = member.follow(again).await;
    assert!(ballot.contains("shown once"), "{ballot}");
    let leader_saved = rank(&leader, &slug, round, &[(benches, "1"), (garden, "2")]).await;
    assert!(leader_saved.contains("Ballot saved"), "{leader_saved}");
    let home = member.get("/").await.text().await.unwrap();
    assert!(home.contains("you have voted"), "{home}");
    assert!(!home.contains("you have not voted yet"), "{home}");

    app.clock
        .advance(Duration::hours(VOTING_CLOSES - VOTING_OPENS) + Duration::minutes(1));
    assert_eq!(
        compute::run_due(&app.db.conn, app.clock.now())
            .await
            .unwrap(),
        1
    );
    let stored = compute::stored(&app.db.conn, round).await.unwrap().unwrap();
    assert_eq!(stored.input.voters, 2);
    assert_eq!(stored.input.ballot_type, "ranked");
    let page = member
        .get(&format!("/teams/{slug}/budgets/{round}/results"))
        .await
        .text()
        .await
        .unwrap();
    // Each voter's share is 500 EUR: the benches' two supporters pay 100 each at the first
    // step; the garden's one supporter cannot pay 600.
    assert!(page.contains("each of its 2 supporters paid 100"), "{page}");

    let phases: Vec<String> = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(audit_log::AuditAction::BudgetPhase))
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            let detail: serde_json::Value = serde_json::from_str(&r.detail).unwrap();
            detail["phase"].as_str().unwrap_or_default().to_owned()
        })
        .collect();
    assert_eq!(phases, ["ideas", "review", "voting", "results"]);
    assert!(!stored.outcome.selected.contains(&garden.to_string()));
}
