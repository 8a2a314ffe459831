//! French pages of site pages: admin, errors, invitations, unsubscribing: no English left once a person chooses French.

use roundtable::auth::unsubscribe::UnsubscribeKey;
use roundtable::domain::clock::Clock;
use roundtable::domain::notice::Kind;
use roundtable::i18n::Lang;
use time::Duration;

use crate::action_helpers::{create_action, day, move_action};
use crate::helpers::{Browser, TestApp, seed, spawn_app};
use crate::language_helpers::{in_french, speaks as speaks_french, unescaped};

async fn page(browser: &Browser, path: &str) -> String {
    unescaped(browser.get(path).await.text().await.unwrap())
}

async fn followed(browser: &Browser, response: reqwest::Response) -> String {
    unescaped(browser.follow(response).await)
}

/// A page fetched with no session by a browser that asks for French.
async fn anonymous_french(app: &TestApp, path: &str) -> (u16, String) {
    let response = app
        .client
        .get(app.url(path))
        .header("Accept-Language", "fr-FR,fr;q=0.9")
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, unescaped(response.text().await.unwrap()))
}

fn invitation_path(html: &str) -> String {
    let start = html.find("/invite/").expect("an invitation link");
    html[start..start + "/invite/".len() + 64].to_owned()
}

#[tokio::test]
async fn the_admin_list_team_page_and_invitations_speak_french() {
    let app = spawn_app().await;
    let world = seed(&app).await;

    // The site admin's list and the team it creates.
    let admin = in_french(&app, &world.admin).await;
    let list = page(&admin, "/admin/teams").await;
    speaks_french(
        &list,
        &[
            "<h1>Équipes</h1>",
            "Créer une équipe",
            "Raison d'être",
            ">Créer l'équipe</button>",
        ],
        &[
            "Create a team",
            "Standing purpose",
            "Team name",
            "Lower-case letters",
        ],
    );
    let created = admin
        .post(
            "/admin/teams",
            &[
                ("name", "Maths Department"),
                ("purpose", "We plan maths teaching across the school."),
                ("time_zone", ""),
            ],
        )
        .await;
    let listed = followed(&admin, created).await;
    speaks_french(
        &listed,
        &[
            "Équipe Maths Department créée.",
            "Lien d'invitation du responsable de Maths Department",
        ],
        &["Created Maths Department.", "Leader invitation link"],
    );

    // The team page, its member list and a leader's forms.
    let team = format!("/teams/{}", world.team_a);
    let leader = in_french(&app, &world.leader).await;
    let shown = page(&leader, &team).await;
    speaks_french(
        &shown,
        &[
            "2 membres.",
            "Membres de Team A et leurs rôles",
            "<td>responsable</td>",
            "<td>membre</td>",
        ],
        &[
            "2 members",
            "Members of Team A",
            "<td>leader</td>",
            "<td>member</td>",
        ],
    );
    let searched = page(&leader, &format!("{team}?q=zzz")).await;
    speaks_french(
        &searched,
        &["Aucun membre ne correspond à « zzz »."],
        &["No member matches"],
    );
    let searched = page(&leader, &format!("{team}?q=mem")).await;
    speaks_french(
        &searched,
        &["2 membres, dont 1 correspondant à « mem »."],
        &["matching"],
    );
    let invited = leader
        .post(
            &format!("{team}/invitations"),
            &[("role", "member"), ("max_uses", "1"), ("valid_days", "7")],
        )
        .await;
    let with_link = followed(&leader, invited).await;
    let expires = (app.clock.now() + Duration::days(7)).date();
    speaks_french(
        &with_link,
        &[
            "Lien d'invitation créé pour un membre.",
            "Copiez-le et envoyez-le",
            &format!("<td>{}, ", roundtable::format::date_in(expires, Lang::Fr)),
        ],
        &[
            "Invitation link created",
            "Copy it and send it",
            &roundtable::format::date_in(expires, Lang::En),
        ],
    );
    let link = invitation_path(&with_link);
    let reset = leader
        .post(
            &format!("{team}/members/{}/reset-link", world.member.id),
            &[],
        )
        .await;
    speaks_french(
        &followed(&leader, reset).await,
        &[
            "Lien de réinitialisation du mot de passe créé.",
            "Valable 24 heures",
        ],
        &["Password-reset link created", "send it to the person"],
    );

    // The invitation: to a stranger whose browser asks for French, then to a French member.
    let (status, stranger) = anonymous_french(&app, &link).await;
    assert_eq!(status, 200);
    speaks_french(
        &stranger,
        &[
            "<h1>Rejoindre Team A</h1>",
            "Vous êtes invité en tant que <strong>membre</strong>.",
            "Vous avez déjà un compte Roundtable ?",
            "Créer votre compte",
            "Tel que votre équipe le verra.",
        ],
        &["You are invited", "Create your account", "Sign in first"],
    );
    let outsider = in_french(&app, &world.outsider).await;
    let offered = page(&outsider, &link).await;
    speaks_french(&offered, &["Rejoindre en tant que Outsider"], &["Join as"]);
    let joined = outsider.post(&link, &[]).await;
    speaks_french(
        &followed(&outsider, joined).await,
        &["Bienvenue : vous avez rejoint l'équipe."],
        &["Welcome: you have joined"],
    );
    let home = page(&outsider, "/").await;
    speaks_french(
        &home,
        &["(membre)", "(responsable)"],
        &["(member)", "(leader)"],
    );

    // The same link, used up.
    let (status, closed) = anonymous_french(&app, &link).await;
    assert_eq!(status, 410);
    speaks_french(
        &closed,
        &[
            "Ce lien d'invitation ne fonctionne plus",
            "Le lien pour rejoindre <strong>Team A</strong> a été utilisé autant de fois que prévu.",
            "Demandez un nouveau lien à <strong>Leader</strong> (responsable de Team A).",
            "Déjà membre ?",
        ],
        &[
            "has been used up",
            "for a new link",
            "no longer works",
            "Already a member?",
        ],
    );
}

#[tokio::test]
async fn error_unsubscribe_and_confirmation_pages_speak_french() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let member = in_french(&app, &world.member).await;

    // Error pages: in the person's language, else their browser's.
    let missing = member.get("/teams/no-such-team").await;
    assert_eq!(missing.status(), 404);
    let missing = unescaped(missing.text().await.unwrap());
    speaks_french(
        &missing,
        &[r#"<html lang="fr">"#, "Aller à la page d'accueil"],
        &["Go to the home page"],
    );
    let (status, nowhere) = anonymous_french(&app, "/no/such/page").await;
    assert_eq!(status, 404);
    speaks_french(
        &nowhere,
        &["Aller à la page d'accueil"],
        &["Go to the home page"],
    );

    // Unsubscribing from a kind of mail.
    let key = roundtable::auth::cookie_key::load_existing(&app.settings)
        .unwrap()
        .expect("the app's cookie key");
    let token = UnsubscribeKey::derive(key.master()).sign(world.member.id, Kind::Digest);
    let asked = page(&member, &format!("/unsubscribe/{token}")).await;
    speaks_french(
        &asked,
        &[
            "<h1>Arrêter ces e-mails ?</h1>",
            "Ce lien arrête les e-mails pour :",
            ">Arrêter ces e-mails</button>",
        ],
        &["Stop these emails", "This link stops emails"],
    );
    let stopped = member.post(&format!("/unsubscribe/{token}"), &[]).await;
    assert_eq!(stopped.status(), 200);
    let stopped = unescaped(stopped.text().await.unwrap());
    speaks_french(
        &stopped,
        &[
            "<h1>E-mails arrêtés</h1>",
            "Vous ne recevrez plus d'e-mails pour :",
            "votre page de compte",
        ],
        &[
            "Emails stopped",
            "You will no longer get emails",
            "your account page",
        ],
    );

    // Confirmations of the notification centre and the account page.
    let read = member.post("/notifications/read", &[]).await;
    let centre = followed(&member, read).await;
    assert!(
        centre.contains("Rien n'était non lu.")
            || centre.contains("notifications marquées comme lues."),
        "{centre}"
    );
    let every_kind: Vec<(&str, &str)> = Kind::ALL.iter().map(|k| (k.as_str(), "off")).collect();
    let saved = member.post("/account/notifications", &every_kind).await;
    speaks_french(
        &followed(&member, saved).await,
        &["Choix de notifications enregistrés."],
        &["Notification choices saved."],
    );
    let changed = member
        .post(
            "/account/password",
            &[
                ("current", &world.member.password),
                ("new", "another long enough password"),
                ("confirm", "another long enough password"),
            ],
        )
        .await;
    speaks_french(
        &followed(&member, changed).await,
        &["Mot de passe changé. Toutes vos autres sessions ont été déconnectées."],
        &["Password changed."],
    );
    let (_, signed_out) = anonymous_french(&app, "/login?done=everywhere").await;
    speaks_french(
        &signed_out,
        &["Vous avez été déconnecté sur tous vos appareils."],
        &["You have been signed out"],
    );
    let (_, reset) = anonymous_french(&app, "/login?done=reset").await;
    speaks_french(
        &reset,
        &["Votre mot de passe a été changé."],
        &["Your password has been changed."],
    );
}

#[tokio::test]
async fn an_actions_dates_source_history_and_comments_speak_french() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let team = world.team_a.clone();
    let leader = in_french(&app, &world.leader).await;
    let member = in_french(&app, &world.member).await;
    let fr = |day: time::Date| roundtable::format::date_in(day, Lang::Fr);
    let en = |day: time::Date| roundtable::format::date_in(day, Lang::En);
    let (today, due) = (
        app.clock.now().date(),
        (app.clock.now() + Duration::days(7)).date(),
    );

    let action = create_action(
        &leader,
        &team,
        "Book the hall",
        world.member.id,
        &day(&app, 7),
    )
    .await;
    assert_eq!(
        move_action(
            &member,
            &team,
            action,
            "blocked",
            "Waiting on the caretaker"
        )
        .await,
        303
    );
    let commented = member
        .post(
            &format!("/teams/{team}/actions/{action}/comments"),
            &[("body", "Asked again today")],
        )
        .await;
    assert_eq!(commented.status(), 303);

    let one = page(&member, &format!("/teams/{team}/actions/{action}")).await;
    speaks_french(
        &one,
        &[
            &format!("<dd>{}</dd>", fr(due)),
            ">enregistrée directement</dd>",
            &format!("{}, ", fr(today)),
            " : Leader, créée avec le statut « ouverte »</li>",
            " : Member, ouverte → bloquée (Waiting on the caretaker)</li>",
            "Asked again today <span class=\"muted\">(",
        ],
        &[
            &en(due),
            &en(today),
            "created as",
            "open →",
            "recorded on its own",
        ],
    );
    let list = page(&member, &format!("/teams/{team}/actions")).await;
    speaks_french(
        &list,
        &[
            &format!("<td>{}</td>", fr(due)),
            ">enregistrée directement</td>",
        ],
        &[&en(due), "recorded on its own"],
    );
    let home = page(&member, "/").await;
    speaks_french(
        &home,
        &[&format!("Book the hall</a> : échéance le {}", fr(due))],
        &[&en(due), ": due"],
    );
}
