//! French pages of actions, the reciprocity ledger and help posts: no English left once a person chooses French.

use roundtable::format;
use roundtable::i18n::Lang;
use roundtable::store::entities::help_exchanges;
use sea_orm::{EntityTrait, QueryOrder};

use crate::action_helpers::{create_action, day, move_action};
use crate::helpers::{seed, signed_in, spawn_app};
use crate::language_helpers::{choose_french, read as page, speaks as has_all, unescaped};

#[tokio::test]
async fn actions_ledger_and_help_pages_speak_french() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let team = world.team_a.clone();
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    choose_french(&leader).await;
    choose_french(&member).await;

    // Actions: the list, one action with its history, the status choices.
    let due = day(&app, 7);
    let action = create_action(&leader, &team, "Book the hall", world.member.id, &due).await;
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
    let list = page(&member, &format!("/teams/{team}/actions")).await;
    has_all(
        &list,
        &[
            "Ce que l'équipe a convenu de faire",
            ">Les miennes</a>",
            ">Tout le monde</option>",
            "<caption>Actions, les plus proches de leur échéance d'abord</caption>",
            "bloquée : Waiting on the caretaker",
            ">Nouvelle action</h2>",
            ">Choisissez un membre</option>",
            ">Enregistrer l'action</button>",
            "<title>Actions · Team A",
        ],
        &[
            "What the team agreed",
            ">Anyone<",
            ">Mine<",
            "Record the action",
            "Choose a member",
            "soonest due first",
            "blocked:",
        ],
    );
    let one = page(&member, &format!("/teams/{team}/actions/{action}")).await;
    has_all(
        &one,
        &[
            ">Pilote</dt>",
            ">Échéance</dt>",
            ">Historique</h2>",
            ">Changer le statut</h2>",
            ">terminée</option>",
            "Raison (obligatoire pour bloquée et abandonnée)",
            "Pas encore de commentaire.",
            ">Commenter</button>",
        ],
        &[
            ">Owner<",
            ">History<",
            "Change the status",
            ">done</option>",
            "No comments yet.",
            "Your comment",
        ],
    );

    // Recording help: the confirmation and the personal page.
    let recorded = member
        .post(
            &format!("/teams/{team}/ledger/exchanges"),
            &[
                ("direction", "gave"),
                ("person", &world.leader.id.to_string()),
                ("minutes", "30"),
                ("category", "planning"),
                ("idempotency_key", "test-key-french-exchange-0001"),
            ],
        )
        .await;
    let mine = unescaped(member.follow(recorded).await);
    has_all(
        &mine,
        &[
            "Enregistré. L'échange comptera dès que la personne aidée l'aura confirmé",
            "<h1>Ma réciprocité</h1>",
            ">Apporté et reçu</h2>",
            ">4 dernières semaines</th>",
            "0 min (0 échange)",
            ">En attente de l'autre personne</h3>",
            "Member a aidé Leader : 30 min le ",
            ">Enregistrer une aide</h2>",
            "J'ai aidé quelqu'un (la personne le confirme)",
            ">Dire merci</button>",
        ],
        &[
            "Recorded.",
            "Given and received",
            "Last 4 weeks",
            "exchange)",
            "Record help",
            "Waiting for the other person",
            "Say thank you",
            "None yet.",
        ],
    );

    // The entry, answered in French by the leader.
    let entry = help_exchanges::Entity::find()
        .order_by_desc(help_exchanges::Column::Id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let path = format!("/teams/{team}/ledger/exchanges/{}", entry.id);
    let exchange = page(&leader, &path).await;
    has_all(
        &exchange,
        &[
            "<h1>Member a aidé Leader</h1>",
            "en attente — en attente de Leader",
            ">Votre réponse</h2>",
            ">Confirmer 30 min</button>",
            "La durée était différente (minutes)",
            ">Contester</button>",
        ],
        &["Your answer", "Confirm 30 min", "waiting for", "Dispute"],
    );
    let confirmed = leader
        .post(
            &format!("{path}/confirm"),
            &[("idempotency_key", "test-key-french-confirm-0001")],
        )
        .await;
    let after = unescaped(leader.follow(confirmed).await);
    has_all(
        &after,
        &[
            "Confirmé : cette aide compte désormais dans le registre de l'équipe.",
            "Voir ce qui vous attend encore",
            ">confirmé<",
        ],
        &["Confirmed:", "See what else"],
    );

    // The team ledger, with the leaders' settings.
    let ledger = page(&leader, &format!("/teams/{team}/ledger")).await;
    has_all(
        &ledger,
        &[
            "<h1>Registre de l'équipe</h1>",
            "1 échange confirmé, 30 min d'aide en tout.",
            ">Indice d'équilibre",
            ">Évolution mensuelle</h2>",
            "Member a aidé Leader : 30 min (1 échange)",
            ">Réglages du registre</h2>",
            ">Tous les membres</option>",
            ">Enregistrer les réglages</button>",
        ],
        &[
            "Team ledger",
            "confirmed exchange",
            "Balance index",
            "Monthly trend",
            "Who helped whom",
            "Ledger settings",
            "Save settings",
        ],
    );

    // Help posts: the list, one request, and the action made from it.
    let posted = member
        .post(
            &format!("/teams/{team}/help"),
            &[
                ("kind", "request"),
                ("title", "Cover period 3"),
                ("detail", "Year 9 science"),
                ("category", "cover"),
                ("estimated_minutes", "50"),
                ("expires_in_days", "14"),
                ("idempotency_key", "test-key-french-post-0001"),
            ],
        )
        .await;
    assert_eq!(posted.status(), 303);
    let post_path = posted.headers()["location"].to_str().unwrap().to_owned();
    let post_id = post_path.rsplit('/').next().unwrap().to_owned();
    let help = page(&member, &format!("/teams/{team}/help")).await;
    has_all(
        &help,
        &[
            "<h1>Offres et demandes d'aide</h1>",
            "Demande : Cover period 3",
            "Member, environ 50 minutes, cover ; 0 réponse ; ouverte jusqu'au ",
            ">Nouvelle annonce</h2>",
            ">J'ai besoin d'aide</label>",
            ">Publier</button>",
        ],
        &[
            "Request:",
            "responses",
            "open until",
            "New post",
            "I need help",
        ],
    );
    let post = page(&leader, &post_path).await;
    has_all(
        &post,
        &[
            "Demandée par Member · environ 50 minutes · cover",
            "ouverte jusqu'au ",
            "Pas encore de réponse.",
            ">Répondre</button>",
            ">Transformer cette demande en action</a> avec un pilote et une échéance.",
            ">votre page de réciprocité</a>",
            ">Fermer cette annonce</button>",
        ],
        &[
            "Requested by",
            "No responses yet",
            "Respond",
            "Turn this request",
            "Close this post",
        ],
    );
    let from_help = page(
        &leader,
        &format!("/teams/{team}/actions?from_help={post_id}"),
    )
    .await;
    assert!(
        from_help.contains(&format!(">demande d'aide {post_id}</a>.")),
        "{from_help}"
    );
    assert!(from_help.contains("À partir de la <a"));
}

#[tokio::test]
async fn ledger_notifications_and_dates_reach_a_french_reader_in_french() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let team = world.team_a.clone();
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    choose_french(&leader).await;

    // The English member records help the French leader gave, then thanks them.
    let recorded = member
        .post(
            &format!("/teams/{team}/ledger/exchanges"),
            &[
                ("direction", "received"),
                ("person", &world.leader.id.to_string()),
                ("minutes", "45"),
                ("idempotency_key", "test-key-french-notice-0001"),
            ],
        )
        .await;
    assert_eq!(recorded.status(), 303);
    let thanked = member
        .post(
            &format!("/teams/{team}/thanks"),
            &[
                ("to", &world.leader.id.to_string()),
                ("impact", "The rubric saved us an hour"),
                ("idempotency_key", "test-key-french-thanks-0001"),
            ],
        )
        .await;
    assert_eq!(thanked.status(), 303);
    let entry = help_exchanges::Entity::find()
        .order_by_desc(help_exchanges::Column::Id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let french_day = format::date_in(entry.occurred_on, Lang::Fr);
    let english_day = format::date(entry.occurred_on);
    let mine = page(&leader, &format!("/teams/{team}/ledger/me")).await;
    has_all(
        &mine,
        &[
            "Member a enregistré que vous l'avez aidé pendant 45 minutes. Merci !",
            "Member vous a remercié : « The rubric saved us an hour »",
            &format!(">{french_day}</a>"),
        ],
        &["recorded that you helped", "thanked you", &english_day],
    );
    // The same notifications in the centre, dated in French.
    let centre = page(&leader, "/notifications").await;
    has_all(
        &centre,
        &[">Aide</span>", &format!("Team A · {french_day}, ")],
        &[">Help</span>", &english_day],
    );
    // The English reader of the same ledger still reads English.
    let theirs = page(&member, &format!("/teams/{team}/ledger/me")).await;
    has_all(&theirs, &[&format!(">{english_day}</a>")], &[&french_day]);

    // The exchange page's date, and the team page's thank-you, in French.
    let exchange = page(
        &leader,
        &format!("/teams/{team}/ledger/exchanges/{}", entry.id),
    )
    .await;
    has_all(&exchange, &[&french_day], &[&english_day]);
    let ledger = page(&leader, &format!("/teams/{team}/ledger")).await;
    has_all(&ledger, &[&french_day], &[&english_day]);
}
