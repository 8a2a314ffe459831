//! The count's explanations on the results pages, in the reader's language: each item's
//! reason, tie-breaks, the round-by-round explanation, equal shares step by step, the note of
//! a count without ballots, and a budget round's money, in French with French numbers, while
//! English readers keep the English sentences.

use time::Duration;

use crate::budget_helpers::{
    VOTING_CLOSES, VOTING_OPENS, idea_ids, propose_idea, round_form, vote_for,
};
use crate::helpers::{Browser, TestApp, seed, signed_in, spawn_app};
use crate::language_helpers::{choose_french, read, speaks};
use crate::meeting_helpers::{
    WINDOW_HOURS, create_meeting, create_meeting_with_rule, proposal_ids, propose, vote,
};
use roundtable::domain::ids::MeetingId;

/// The English words of the count's explanations, none of which a French reader may meet.
const ENGLISH: &[&str] = &[
    "ranked",
    "would pass",
    "tied",
    "Round 1",
    "eliminated",
    "elected",
    "moved to",
    "exhausted",
    "seeded random draw",
    "Pass 1",
    "ballots,",
];

/// Closes voting on a meeting whose windows started at the test clock's start.
fn close_voting(app: &TestApp) {
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
}

/// A meeting of `rule` with `items` proposed by `by`; voting open.
async fn meeting_with(
    app: &TestApp,
    leader: &Browser,
    by: &Browser,
    slug: &str,
    rule: &str,
    items: &[(&str, u32)],
) -> (MeetingId, Vec<i64>) {
    let m = create_meeting_with_rule(app, leader, slug, "secret", rule).await;
    for (title, minutes) in items {
        propose(by, slug, m, title, *minutes).await;
    }
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    (m, proposal_ids(app, m).await)
}

#[tokio::test]
async fn a_count_decided_by_the_draw_explains_itself_in_french() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    choose_french(&member).await;
    // 57 minutes after the action scan: the first place (30) fits, the second (30) does not,
    // the third (20) does. The two first choices tie 1–1 in every round: the draw decides.
    let (m, ids) = meeting_with(
        &app,
        &leader,
        &member,
        slug,
        "sequential_irv",
        &[("Emploi du temps", 30), ("Grille", 30), ("Inclusion", 20)],
    )
    .await;
    assert_eq!(vote(&leader, slug, m, &[ids[0]]).await.status(), 200);
    assert_eq!(vote(&member, slug, m, &[ids[1]]).await.status(), 200);
    close_voting(&app);
    let results = format!("/teams/{slug}/meetings/{m}/results");

    let french = read(&member, &results).await;
    speaks(
        &french,
        &[
            "classé 1er ; durée de 30 minutes, qui tient dans le temps (il reste 27 sur 60 minutes)",
            "classé 2e ; durée de 30 minutes, qui dépasserait de 3 min les 60 min prévues",
            "point fixe ; 3 minutes réservées d'abord (il reste 57 sur 60 minutes)",
            "à égalité 1 à 1 avec",
            "toujours à égalité à chaque tour précédent ; choisi par le tirage au sort (graine ",
            "Décompte 1 (place 1) :",
            "2 bulletins (blancs : 0).",
            "Tour 1 : seuil ",
            "Inclusion éliminé avec 0 voix.",
            "Égalité pour l'élection entre 2 points à 1 voix : ",
            "Graine du tirage au sort : ",
        ],
        ENGLISH,
    );

    // English readers keep the sentences they always read.
    let english = read(&leader, &results).await;
    speaks(
        &english,
        &[
            "ranked 1st; 30 minutes fits (27 of 60 minutes left)",
            "ranked 2nd; 30 minutes would pass the 60-minute budget by 3",
            "fixed item; 3 minutes reserved first (57 of 60 minutes left)",
            "still tied in every earlier round; chosen by the seeded random draw (seed ",
            "Pass 1 (place 1):",
            "2 ballots, 0 blank.",
            "Inclusion eliminated with 0 votes.",
            "Random seed: ",
        ],
        &["classé", "Tour 1"],
    );
}

#[tokio::test]
async fn equal_shares_explain_themselves_in_french() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    choose_french(&member).await;
    let (m, ids) = meeting_with(
        &app,
        &leader,
        &member,
        slug,
        "equal_shares",
        &[("Emploi du temps", 20), ("Grille", 20), ("Parking", 5)],
    )
    .await;
    assert_eq!(
        vote(&leader, slug, m, &[ids[0], ids[1]]).await.status(),
        200
    );
    assert_eq!(vote(&member, slug, m, &[ids[1]]).await.status(), 200);
    close_voting(&app);
    let results = format!("/teams/{slug}/meetings/{m}/results");

    let french = read(&member, &results).await;
    let mut absent = ENGLISH.to_vec();
    absent.extend([
        "by equal shares",
        "nobody ranked it",
        "Steps:",
        "Rule:",
        "MES buys",
        "voters.",
    ]);
    speaks(
        &french,
        &[
            "retenu 1er par les parts égales ; durée de 20 minutes",
            "non retenu par les parts égales : personne ne l'a classé",
            "Règle : ",
            "Étapes :",
            "La MES achète ",
        ],
        &absent,
    );
    let english = read(&leader, &results).await;
    speaks(
        &english,
        &[
            "chosen 1st by equal shares; 20 minutes fits",
            "not chosen by equal shares: nobody ranked it",
            "Steps:",
            "MES buys ",
        ],
        &["retenu", "Étapes"],
    );
}

#[tokio::test]
async fn a_count_without_ballots_says_so_in_french() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    choose_french(&member).await;
    let m = create_meeting(&app, &leader, slug, "secret").await;
    propose(&member, slug, m, "Emploi du temps", 30).await;
    let results = format!("/teams/{slug}/meetings/{m}/results");
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    // Both read the page while voting is open (nobody votes), so their sessions stay alive.
    read(&member, &results).await;
    read(&leader, &results).await;
    close_voting(&app);

    let french = read(&member, &results).await;
    speaks(
        &french,
        &[
            "Aucun bulletin n'a été déposé : les points sont listés dans l'ordre où ils ont été proposés.",
            "classé 1er ; durée de 30 minutes",
        ],
        &["No ballots were cast", "ranked 1st"],
    );
    let english = read(&leader, &results).await;
    speaks(
        &english,
        &["No ballots were cast: items are listed in the order they were proposed."],
        &["Aucun bulletin"],
    );
}

#[tokio::test]
async fn a_budget_rounds_results_write_money_as_french_does() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    choose_french(&member).await;
    let mut form = round_form(&app, "secret", "approval");
    for (k, v) in &mut form {
        if k == "amount" {
            *v = "2000".to_owned();
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
    for (title, cost) in [("Arbres fruitiers", "1200"), ("Bancs", "500")] {
        let proposed = propose_idea(&member, slug, round, title, cost).await;
        assert_eq!(proposed.status(), 303);
    }
    let ids = idea_ids(&app, round).await;
    app.clock.advance(Duration::hours(VOTING_OPENS));
    assert_eq!(vote_for(&member, slug, round, &ids).await.status(), 200);
    app.clock
        .advance(Duration::hours(VOTING_CLOSES - VOTING_OPENS) + Duration::minutes(1));
    let results = format!("/teams/{slug}/budgets/{round}/results");

    let french = read(&member, &results).await;
    speaks(
        &french,
        &[
            "1\u{202f}200 EUR",
            "Dépensé : 1\u{202f}700 EUR ; reste : 300 EUR.",
            "son soutien a payé 1\u{202f}200 EUR",
            "100\u{202f}%",
        ],
        &["1,200", "1,700", "paid", "100%"],
    );
    let english = read(&leader, &results).await;
    speaks(
        &english,
        &["1,200 EUR", "Spent 1,700 EUR"],
        &["1\u{202f}200"],
    );
}
