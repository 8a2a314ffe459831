//! French pages of a meeting's pages beyond the overview: form, results, live, minutes, scan, receipts: no English left once a person chooses French.

use time::Duration;

use crate::helpers::{seed, signed_in, spawn_app};
use crate::language_helpers::{choose_french, read as french, speaks, unescaped};
use crate::live_meeting_helpers::{live_post, publish_agenda};
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, proposal_ids, propose, vote};

/// The months' short names of a language's catalogue (`month-1` … `month-12`).
fn months(lang: &str) -> Vec<String> {
    let path = format!("{}/locales/{lang}/messages.ftl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let names: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("month-"))
        .filter_map(|l| l.split_once(" = "))
        .map(|(_, name)| name.trim().to_owned())
        .collect();
    assert_eq!(names.len(), 12, "{lang}");
    names
}

/// Whether `html` shows a date "3 {month} 2026" (a day, the month, a year).
fn shows_date_with(html: &str, month: &str) -> bool {
    let needle = format!(" {month} 20");
    html.match_indices(&needle).any(|(at, _)| {
        html[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// Asserts `html` shows at least one date, every one in French ("3 févr. 2026").
fn dates_in_french(html: &str) {
    assert!(
        months("fr").iter().any(|m| shows_date_with(html, m)),
        "no French date in {html}"
    );
    for month in months("en") {
        assert!(
            !shows_date_with(html, &month),
            "English {month:?} in {html}"
        );
    }
}

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
            // The default fixed item, stored as the leader leaves it: in their language.
            r#"value="Tour d'horizon des actions en trois minutes""#,
            "Member (dernière animation : jamais)",
        ],
        &[
            "Time budget",
            "Schedule the meeting",
            "Fixed item",
            "Windows (",
            "Three-minute action scan",
            "never",
        ],
    );

    // An open ballot, so that leaders may read who ranked what after the close.
    let m = create_meeting(&app, &leader, slug, "open").await;
    let base = format!("{meetings}/{m}");
    let list = french(&leader, &meetings).await;
    speaks(
        &list,
        &["Réunions de Team A", "<td>propositions en cours</td>"],
        &["Meetings of", "<td>proposing</td>"],
    );
    dates_in_french(&list);
    let overview = french(&member, &base).await;
    speaks(
        &overview,
        &[
            "Proposer un point",
            "ouvert (les responsables peuvent voir qui a classé quoi)",
            "ordre du classement (vote alternatif séquentiel)",
            "jusqu'au ",
            "<dd>propositions en cours</dd>",
            "Ce qui a changé depuis la création de l'équipe (c'est sa première réunion).",
        ],
        &[
            "Propose an item",
            "ranked order",
            "until ",
            "<dd>proposing</dd>",
            "since the team began",
        ],
    );
    dates_in_french(&overview);
    let edit = french(&leader, &format!("{base}/edit")).await;
    speaks(
        &edit,
        &[
            "Modifier la réunion",
            "Enregistrer les modifications",
            // Nobody facilitates yet: the history says so in French.
            "personne, depuis le ",
        ],
        &["Edit meeting", "Save changes", "nobody", "never"],
    );
    dates_in_french(&edit);

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
    dates_in_french(&ballot);
    dates_in_french(&receipt);
    let turnout = french(&leader, &format!("{base}/turnout")).await;
    speaks(
        &turnout,
        &[
            "N'ont pas encore voté",
            "Leader (responsable)",
            "Le vote se termine le ",
        ],
        &["Not voted yet", "(leader)", "Everyone has voted"],
    );
    dates_in_french(&turnout);
    // French takes the singular for zero: "0 point".
    let unranked = french(&leader, &format!("{base}/ballot")).await;
    speaks(&unranked, &["Vous avez classé 0 point sur "], &["0 points"]);
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
            "Leader (dernière fois : jamais), suggéré",
        ],
        &[
            "Time used",
            "Attendance",
            "Close the meeting",
            "Three-minute scan",
            "(last: never)",
        ],
    );
    let scan = french(&member, &format!("{base}/scan")).await;
    speaks(
        &scan,
        &[
            "Vers la réunion en direct",
            "Aucune action n'a changé de statut.",
            "Ce qui a changé depuis la création de l'équipe (c'est sa première réunion).",
        ],
        &[
            "To the live meeting",
            "No action changed status.",
            "since the team began",
        ],
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
            "Roundtable (brouillon rédigé à la clôture)",
            // The first draft, written in the language of the leader who closed the meeting.
            "Réunion tenue le ",
            "Animation : personne n'a été désigné. Secrétariat de séance : personne n'a été désigné.",
            "- Présents : personne",
            "### 1. Three-minute action scan (3 min prévues, ",
            "- Point discuté ; aucune décision ni action notée.",
            "## Points non abordés",
        ],
        &[
            "Save as draft",
            "Download as Markdown",
            "Newest first",
            "drafted at close",
            "Held ",
            "Attendance",
            "Not reached",
            "nobody",
        ],
    );
    dates_in_french(&minutes);

    // The next meeting's scan looks back to this one, on its French wall clock.
    let next = create_meeting(&app, &leader, slug, "secret").await;
    let scan = french(&member, &format!("{meetings}/{next}/scan")).await;
    speaks(
        &scan,
        &[
            "Ce qui a changé depuis le ",
            " (Weekly leadership meeting).",
        ],
        &["since "],
    );
    dates_in_french(&scan);
}

#[tokio::test]
async fn an_english_leaders_stored_documents_stay_english_for_a_french_reader() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let meetings = format!("/teams/{slug}/meetings");

    // An English leader's new meeting starts with the English fixed item.
    let form = french(&leader, &format!("{meetings}/new")).await;
    speaks(
        &form,
        &[
            r#"value="Three-minute action scan""#,
            "Member (last facilitated: never)",
        ],
        &["Tour d'horizon", "jamais"],
    );

    // They run and close the meeting: the first draft of the minutes is English.
    let m = create_meeting(&app, &leader, slug, "secret").await;
    publish_agenda(&app, m, &[("Rubric", 10)]).await;
    assert_eq!(live_post(&leader, slug, m, "items/0/start", &[]).await, 303);
    assert_eq!(live_post(&leader, slug, m, "close", &[]).await, 303);
    let minutes = french(&leader, &format!("{meetings}/{m}/minutes")).await;
    speaks(
        &minutes,
        &[
            "Minutes: Weekly leadership meeting",
            "Held ",
            "Facilitator: nobody named. Notes: nobody named.",
            "### 1. Rubric (10 min planned, 0 min used)",
            "Roundtable (drafted at close)",
        ],
        &["Réunion tenue", "brouillon rédigé"],
    );

    // Once stored it is content: a French reader reads it as written, around French pages.
    choose_french(&leader).await;
    let minutes = french(&leader, &format!("{meetings}/{m}/minutes")).await;
    speaks(
        &minutes,
        &[
            "Compte rendu : Weekly leadership meeting",
            "Held ",
            "### 1. Rubric (10 min planned, 0 min used)",
            "Roundtable (brouillon rédigé à la clôture)",
        ],
        &["Réunion tenue", "drafted at close"],
    );
}
