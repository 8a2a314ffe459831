//! French pages of budget rounds, ideas, budget ballots and results, comments: no English left once a person chooses French.

use roundtable::domain::clock::Clock;
use roundtable::i18n::Lang;
use time::{Duration, OffsetDateTime};

use crate::budget_helpers::{VOTING_CLOSES, VOTING_OPENS, create_round, idea_ids, propose_idea};
use crate::helpers::{seed, spawn_app};
use crate::language_helpers::{in_french, read as page, speaks};

/// The day of `at` (the seeded team's zone is UTC) as French and English readers read it.
fn days(at: OffsetDateTime) -> (String, String) {
    (
        roundtable::format::date_in(at.date(), Lang::Fr),
        roundtable::format::date_in(at.date(), Lang::En),
    )
}

fn speaks_french(html: &str, french: &[&str], english: &[&str]) {
    assert!(html.contains(r#"<html lang="fr">"#), "{html}");
    speaks(html, french, english);
}

#[tokio::test]
async fn a_budget_round_speaks_french_from_its_ideas_to_its_results() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = world.team_a.clone();
    let leader = in_french(&app, &world.leader).await;
    let member = in_french(&app, &world.member).await;
    let (today, today_en) = days(app.clock.now());
    let (closes, closes_en) = days(app.clock.now() + Duration::hours(VOTING_CLOSES));

    let form = page(&leader, &format!("/teams/{slug}/budgets/new")).await;
    speaks_french(
        &form,
        &[
            "<title>Nouveau budget participatif",
            "À quoi sert l'argent",
            "Ouverture du vote",
            "Secret : personne ne peut relier un bulletin à une personne après le calcul",
            "Méthode des parts égales (avec complétion)",
            "approuver autant d'idées que vous voulez",
            ">Créer le budget</button>",
        ],
        &[
            "What the money is for",
            "Voting opens",
            "Create the round",
            "Method of Equal Shares",
            "approve any number",
        ],
    );

    let round = create_round(&app, &leader, &slug, "open", "approval").await;
    let base = format!("/teams/{slug}/budgets/{round}");
    let list = page(&leader, &format!("/teams/{slug}/budgets")).await;
    speaks_french(
        &list,
        &[
            "Budgets de Team A",
            "idées : proposer et soutenir",
            "<td>1\u{202f}000 EUR</td>",
            &closes,
        ],
        &[
            "Budgets of",
            "ideas: propose and support",
            "1,000 EUR",
            &closes_en,
        ],
    );
    let overview = page(&member, &base).await;
    speaks_french(
        &overview,
        &[
            "approuver autant d'idées que vous voulez",
            "ouvert (les responsables peuvent voir qui a choisi quoi)",
            " 1\u{202f}000 EUR.",
            &today,
        ],
        &[
            "approve any number",
            "leaders can see who chose what",
            "1,000 EUR",
            &today_en,
        ],
    );

    for (title, cost) in [("Fruit trees", "300"), ("Benches", "200")] {
        let proposed = propose_idea(&member, &slug, round, title, cost).await;
        assert_eq!(proposed.status(), 303);
    }
    let ids = idea_ids(&app, round).await;
    let idea = format!("{base}/ideas/{}", ids[0]);
    let commented = member
        .post(
            &format!("{idea}/comments"),
            &[("body", "Could the school kitchen use the fruit?")],
        )
        .await;
    assert_eq!(commented.status(), 303);

    let ideas = page(&leader, &format!("{base}/ideas")).await;
    speaks_french(
        &ideas,
        &[
            "<h1>Idées</h1>",
            "Proposée par Member",
            "0 soutien",
            "Examen : pas encore examinée",
            "Discuter de « Fruit trees »",
            "(1 commentaire)",
            "Examiner cette idée",
            "Pourquoi elle est irréalisable (tout le monde le voit)",
            ">Enregistrer l'examen</button>",
            "Proposer une idée",
        ],
        &[
            "Proposed by",
            "supporter",
            "Review this idea",
            "Save the review",
            "Propose an idea",
            "Discuss",
        ],
    );
    let mine = page(&member, &format!("{base}/ideas")).await;
    speaks_french(
        &mine,
        &[
            ">Soutenir cette idée</button>",
            ">Retirer</button>",
            ">Modifier</a>",
        ],
        &["Support this idea", "Withdraw", ">Edit<"],
    );

    let thread = page(&member, &idea).await;
    speaks_french(
        &thread,
        &[
            "← Toutes les idées",
            "proposée par Member (vous)",
            "Commentaires (1)",
            "Modifier votre commentaire",
            "Ajouter un commentaire",
            "Texte brut, jusqu'à 2 000 caractères.",
            ">Publier le commentaire</button>",
            &format!("Member</strong> (vous), {today}, "),
        ],
        &[
            "All ideas",
            "proposed by",
            "Comments",
            &today_en,
            "Edit your comment",
            "Add a comment",
            "Post comment",
            "(you)",
        ],
    );
    let edit = page(&member, &format!("{idea}/edit")).await;
    speaks_french(
        &edit,
        &[
            "Modifier votre idée",
            "Ce que c'est et pourquoi",
            "Lieu ou catégorie",
            ">Enregistrer</button>",
        ],
        &[
            "Edit your idea",
            "What it is and why",
            "Location or category",
        ],
    );

    app.clock.advance(Duration::hours(VOTING_OPENS));
    let ballot = page(&member, &format!("{base}/ballot")).await;
    speaks_french(
        &ballot,
        &[
            "<h1>Votre bulletin</h1>",
            "0 idée choisie, pour un coût de 0 EUR ; 1\u{202f}000 EUR de budget restant.",
            "Comment voter : approuver autant d'idées que vous voulez.",
            ">Vérifier mon total</button>",
            ">Enregistrer mon bulletin</button>",
            r#"data-t-over="%c de plus que le budget.""#,
        ],
        &[
            "Your ballot",
            "chosen, costing",
            "How to vote",
            "Check my total",
            "Save my ballot",
            "over the budget",
        ],
    );
    let field = format!("idea_{}", ids[0]);
    let checked = member
        .post(
            &format!("{base}/ballot"),
            &[(field.as_str(), "on"), ("check", "1")],
        )
        .await;
    assert_eq!(checked.status(), 200);
    let checked = checked.text().await.unwrap();
    assert!(
        checked.contains(
            "Vérifié : 1 idée choisie, pour un coût de 300 EUR ; 700 EUR de budget restant."
        ),
        "{checked}"
    );
    let (voted_on, voted_on_en) = days(app.clock.now());
    let saved = member
        .post(&format!("{base}/ballot"), &[(field.as_str(), "on")])
        .await;
    assert_eq!(saved.status(), 303);
    let receipt = member.follow(saved).await.replace("&#x27;", "'");
    speaks_french(
        &receipt,
        &[
            "<h1>Bulletin enregistré</h1>",
            &format!("Enregistré le {voted_on}, "),
            "Vous pouvez le modifier jusqu'à la clôture du vote.",
            "Votre code de reçu :",
            "Seule son empreinte,",
            "Retour au bulletin",
        ],
        &[
            "Ballot saved",
            &voted_on_en,
            "Your receipt code",
            "Only its hash",
            "Back to the ballot",
        ],
    );
    let again = page(&member, &format!("{base}/ballot")).await;
    speaks_french(
        &again,
        &[&format!(
            "Vous avez voté (dernière modification le {voted_on}, "
        )],
        &["You voted", &voted_on_en],
    );

    app.clock
        .advance(Duration::hours(VOTING_CLOSES - VOTING_OPENS) + Duration::minutes(1));
    let results = page(&leader, &format!("{base}/results")).await;
    speaks_french(
        &results,
        &[
            "<h1>Résultats</h1>",
            "à partir de 1 bulletin avec Méthode des parts égales (avec complétion)",
            "Dépensé : 500 EUR ; reste : 500 EUR.",
            "ajoutée par la complétion",
            "sur 1 bulletin ;",
            "Idées financées",
            "Comment elle a été payée",
            "son soutien a payé 300",
            "Les deux règles financent les mêmes idées.",
            "En regard : glouton par votes",
            "Votes par idée",
            "1 vote",
            "Les mêmes idées sous forme de tableau",
            "Télécharger :",
            "Publier le résultat",
            ">ne pas financer</label>",
            ">Publier</button>",
        ],
        &[
            "Funded ideas",
            "How it was paid",
            "Votes per idea",
            "Publish the outcome",
            "not started",
            "do not fund",
            "Download:",
        ],
    );
    let published = leader.post(&format!("{base}/results/publish"), &[]).await;
    assert_eq!(published.status(), 303);
    let results = page(&leader, &format!("{base}/results")).await;
    speaks_french(
        &results,
        &[
            "Publié par Leader le",
            "prévue",
            "(un nom de la liste, ou vide pour personne pour l'instant)",
            ">en cours</option>",
            "Transformer une idée financée en action",
            "registre des actions",
            ">Enregistrer l'action</button>",
        ],
        &[
            "Published by",
            "in progress",
            "Turn a funded idea into an action",
            "Record the action",
        ],
    );

    // The action a funded idea becomes names the idea in French in the action log.
    let due = (app.clock.now().date() + Duration::days(14)).to_string();
    let (idea_id, owner) = (ids[0].to_string(), world.leader.id.to_string());
    let recorded = leader
        .post(
            &format!("/teams/{slug}/actions"),
            &[
                ("budget_idea_id", idea_id.as_str()),
                ("title", ""),
                ("owner_id", owner.as_str()),
                ("due_on", due.as_str()),
            ],
        )
        .await;
    assert_eq!(recorded.status(), 303);
    let log = page(&leader, &format!("/teams/{slug}/actions")).await;
    speaks_french(
        &log,
        &["idée du budget participatif « Fruit trees »</a>"],
        &["budget idea"],
    );
}

/// A Pabulib file with no description and no project names: Roundtable writes them.
const UNNAMED_PB: &str = "META\nkey;value\nnum_projects;2\nnum_votes;2\nbudget;1000\nvote_type;approval\n\
PROJECTS\nproject_id;cost\n1;600\n2;500\nVOTES\nvoter_id;vote\n1;1\n2;1,2\n";

#[tokio::test]
async fn a_round_imported_by_a_french_leader_is_written_in_french() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = world.team_a.clone();
    let leader = in_french(&app, &world.leader).await;
    let response = leader
        .post(
            &format!("/teams/{slug}/budgets/import"),
            &[("pb", UNNAMED_PB), ("rule", "mes")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let results = response.headers()["location"].to_str().unwrap().to_owned();
    let round = results.trim_end_matches("/results");
    speaks_french(
        &page(&leader, round).await,
        &[
            "Tour importé",
            "Importé d'un fichier Pabulib (2 projets, 2 votes)",
        ],
        &["Imported round", "Imported from"],
    );
    speaks_french(
        &page(&leader, &format!("{round}/ideas")).await,
        &["Projet 1", "Projet 2", "Importé d'un fichier Pabulib."],
        &["Project 1", "Imported from"],
    );
}
