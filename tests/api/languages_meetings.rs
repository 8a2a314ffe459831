//! French pages of a meeting's pages beyond the overview: form, results, live, minutes, scan, receipts: no English left once a person chooses French.

use time::Duration;

use crate::helpers::{seed, signed_in, spawn_app};
use crate::language_helpers::{choose_french, read as french, speaks, unescaped};
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, proposal_ids, propose, vote};

#[tokio::test]
async fn a_meeting_from_its_form_to_its_minutes_speaks_french() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    choose_french(&leader).await;
    choose_french(&member).await;
    let meetings = format!("/teams/{slug}/meetings");

    let form = french(&leader, &format!("{meetings}/new")).await;
    speaks(
        &form,
        &[
            "Nouvelle réunion",
            "Durée prévue (minutes)",
            "Périodes (UTC)",
            "Secret : personne ne peut relier un bulletin",
            "Résultats : Après la clôture du vote",
            "Point fixe 1",
            "Programmer la réunion",
        ],
        &[
            "Time budget",
            "Schedule the meeting",
            "Fixed item",
            "Windows (",
        ],
    );

    // An open ballot, so that leaders may read who ranked what after the close.
    let m = create_meeting(&app, &leader, slug, "open").await;
    let base = format!("{meetings}/{m}");
    let list = french(&leader, &meetings).await;
    speaks(&list, &["Réunions de Team A"], &["Meetings of"]);
    let overview = french(&member, &base).await;
    speaks(
        &overview,
        &[
            "Proposer un point",
            "ouvert (les responsables peuvent voir qui a classé quoi)",
            "ordre du classement (vote alternatif séquentiel)",
            "jusqu'au ",
        ],
        &["Propose an item", "ranked order", "until "],
    );
    let edit = french(&leader, &format!("{base}/edit")).await;
    speaks(
        &edit,
        &["Modifier la réunion", "Enregistrer les modifications"],
        &["Edit meeting", "Save changes"],
    );

    // A proposal, its page, its moderation and its edit form.
    propose(&member, slug, m, "Timetable clashes", 20).await;
    propose(&member, slug, m, "Moderation rubric", 20).await;
    let items = proposal_ids(&app, m).await;
    let item = format!("{base}/proposals/{}", items[0]);
    let mine = french(&member, &item).await;
    speaks(
        &mine,
        &[
            "← Tous les points proposés",
            "20 min, proposé par Member (vous)",
        ],
        &["proposed by", "All proposed items"],
    );
    let moderated = french(&leader, &item).await;
    speaks(
        &moderated,
        &[
            "Modérer ce point",
            "Fusionner ce doublon avec",
            ">Masquer</button>",
        ],
        &["Moderate this item", "Merge this duplicate"],
    );
    let edit = french(&member, &format!("{item}/edit")).await;
    speaks(
        &edit,
        &[
            "Modifier votre proposition",
            "Pourquoi c'est important",
            "Annuler",
        ],
        &["Edit your proposal", "Cancel", "Estimated minutes"],
    );

    // Voting: the receipt, the turnout, and results hidden until the close.
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    let receipt = unescaped(vote(&member, slug, m, &items).await.text().await.unwrap());
    speaks(
        &receipt,
        &[
            "Bulletin enregistré",
            "Votre code de reçu",
            "Vous pouvez le modifier jusqu'à la clôture du vote.",
            "Retour à la réunion",
        ],
        &["Your receipt code", "Ballot saved", "Keep this code"],
    );
    let ballot = french(&member, &format!("{base}/ballot")).await;
    speaks(&ballot, &["Vous avez voté le "], &["You voted at"]);
    let turnout = french(&leader, &format!("{base}/turnout")).await;
    speaks(
        &turnout,
        &["N'ont pas encore voté", "Leader (responsable)"],
        &["Not voted yet", "(leader)", "Everyone has voted"],
    );
    let hidden = french(&member, &format!("{base}/results")).await;
    speaks(
        &hidden,
        &["Les résultats sont masqués jusqu'à la clôture du vote"],
        &["Results are hidden"],
    );

    // After the close: results, who ranked what, and the publication form.
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    let results = french(&member, &format!("{base}/results")).await;
    speaks(
        &results,
        &[
            "1 bulletin dépouillé",
            "1re place : Timetable clashes",
            "L'ordre du jour issu du dépouillement",
            "Tour 1",
            "Vérifiez par vous-même",
        ],
        &[
            "ballot counted",
            "Place 1: Timetable clashes",
            "Check it yourself",
        ],
    );
    let rankings = french(&leader, &format!("{base}/rankings")).await;
    speaks(
        &rankings,
        &[
            "Qui a classé quoi",
            "Télécharger en CSV",
            "Classement, premier choix en tête",
        ],
        &["Who ranked what", "Download as CSV"],
    );
    let publish = french(&leader, &format!("{base}/agenda/publish")).await;
    speaks(
        &publish,
        &[
            "Publier l'ordre du jour convenu",
            "Ajouter un point urgent (facultatif)",
            "Inclure « Timetable clashes »",
        ],
        &[
            "Publish the agreed agenda",
            "Add an urgent item",
            "Reason for a change",
        ],
    );
    let includes: Vec<(String, &str)> = items
        .iter()
        .map(|id| (format!("include_{id}"), "on"))
        .collect();
    let fields: Vec<(&str, &str)> = includes.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let published = leader
        .post(&format!("{base}/agenda/publish"), &fields)
        .await;
    assert_eq!(published.status(), 303);
    let agenda = french(&member, &format!("{base}/agenda")).await;
    speaks(
        &agenda,
        &["point fixe", "classé 1er", "classé 2e"],
        &["fixed item", "ranked 1st"],
    );
    let print = french(&member, &format!("{base}/agenda/print")).await;
    speaks(
        &print,
        &[
            r#"<html lang="fr">"#,
            "Ordre du jour : Weekly leadership meeting",
            "Objectif :",
        ],
        &["Purpose:", "Published by"],
    );

    // The meeting itself, its scan and its minutes.
    let live = format!("{base}/live");
    assert_eq!(
        leader
            .post(&format!("{live}/items/0/start"), &[])
            .await
            .status(),
        303
    );
    let running = french(&leader, &live).await;
    speaks(
        &running,
        &[
            "En direct : Weekly leadership meeting",
            "Temps utilisé :",
            "Présences",
            "Terminer « Three-minute action scan »",
            "Tour d'horizon de trois minutes",
            "Clore la réunion et rédiger le compte rendu",
        ],
        &[
            "Time used",
            "Attendance",
            "Close the meeting",
            "Three-minute scan",
        ],
    );
    let scan = french(&member, &format!("{base}/scan")).await;
    speaks(
        &scan,
        &[
            "Vers la réunion en direct",
            "Aucune action n'a changé de statut.",
        ],
        &["To the live meeting", "No action changed status."],
    );
    assert_eq!(
        leader.post(&format!("{live}/close"), &[]).await.status(),
        303
    );
    let minutes = french(&leader, &format!("{base}/minutes")).await;
    speaks(
        &minutes,
        &[
            "Compte rendu : Weekly leadership meeting",
            "brouillon",
            "Enregistrer comme brouillon",
            "Télécharger en Markdown",
        ],
        &["Save as draft", "Download as Markdown", "Newest first"],
    );
}
