# Roundtable messages (fr): pages of the meetings area. Keys here must exist in every language.

## Libellés calculés par les pages des réunions (titres, périodes, étapes et choix)

mt-meetings-title = Réunions de { $team }
mt-voted-changed = Vous avez voté, et modifié votre bulletin à { $clock } ({ $at }).
mt-voted-at = Vous avez voté le { $at }.
mt-not-chosen = pas encore choisi
mt-window-proposals = Propositions
mt-window-voting = Vote
mt-window-opens-in = ouvre dans { $time }
mt-window-open = ouvert : { $time }
mt-window-closed = fermé
mt-privacy-secret = secret
mt-privacy-open = ouvert (les responsables peuvent voir qui a classé quoi)
mt-visibility-after-close = après la clôture du vote
mt-visibility-live = en direct pendant le vote
mt-rule-irv = ordre du classement (vote alternatif séquentiel), puis remplissage du temps
mt-rule-mes = parts égales du temps (méthode des parts égales, les minutes comme coût)
mt-step-proposing = Propositions
mt-step-voting = Vote
mt-step-results = Résultats
mt-step-agenda = Ordre du jour
mt-step-span = { $from } à { $to }
mt-step-from = à partir du { $at }
mt-step-meeting = réunion le { $at }
mt-next-until = jusqu'au { $at }
mt-next-edit = Modifier la réunion
mt-next-propose = Proposer un point
mt-next-see-proposals = Voir les points proposés
mt-next-change-ballot = Modifier votre bulletin
mt-next-rank = Classer les points
mt-next-publish = Publier l'ordre du jour convenu
mt-next-results = Voir les résultats
mt-next-agenda = Lire l'ordre du jour
mt-next-live = Suivre la réunion en direct
mt-next-minutes = Lire le compte rendu
mt-ballot-title = Votre bulletin : { $title }
mt-ballot-changed-status = Vous avez modifié votre bulletin à { $clock } ({ $at }). Vous pouvez le modifier jusqu'à la clôture du vote.
mt-ballot-voted-status = Vous avez voté le { $at }. Vous pouvez modifier votre bulletin jusqu'à la clôture du vote.
mt-proposals-title = Propositions : { $title }
mt-proposal-hidden = Masqué par un responsable : { $reason }
mt-proposal-merged = Fusionné avec « { $title } »
mt-proposal-another = un autre point
mt-proposal-withdrawn = Retiré par son auteur
mt-proposal-page-title = { $item } : { $meeting }
mt-agenda-title = Ordre du jour : { $title }
mt-agenda-fixed = point fixe
mt-agenda-added = ajouté par un responsable
# $rank est un nombre ordinal : [one] 1er ; [other] 2e, 3e…
mt-agenda-ranked = classé { $rank ->
    [one] { $rank }er
   *[other] { $rank }e
}
mt-agenda-ranked-drawn = classé { $rank ->
    [one] { $rank }er
   *[other] { $rank }e
} ; une égalité départagée par le tirage au sort (voir les résultats)
mt-ics-agenda = Ordre du jour :

## La phase d'une réunion, les tours d'animation et de secrétariat, la période du tour
## d'horizon, le premier auteur du compte rendu et le point fixe par défaut d'une réunion

mt-phase-draft = brouillon : les propositions ne sont pas encore ouvertes
mt-phase-proposing = propositions en cours
mt-phase-voting = vote en cours
mt-phase-tallied = votes dépouillés
mt-phase-published = ordre du jour publié
mt-phase-held = réunion en cours
mt-phase-closed = terminée
mt-never = jamais
mt-form-history-nobody = personne
mt-form-default-fixed = Tour d'horizon des actions en trois minutes
mt-scan-since-meeting = depuis le { $at } ({ $title })
mt-scan-since-start = depuis la création de l'équipe (c'est sa première réunion)
mt-scan-status-new = nouvelle
mt-minutes-drafted-at-close = Roundtable (brouillon rédigé à la clôture)

## Formulaire de réunion

mt-form-title-new = Nouvelle réunion
mt-form-title-edit = Modifier la réunion
mt-form-team = Équipe
mt-form-meeting = La réunion
mt-form-purpose = Objectif
mt-form-purpose-hint = Une phrase qui relie cette réunion à la raison d'être de l'équipe ; elle s'affiche en haut de chaque page de la réunion et sur l'ordre du jour.
mt-form-starts = Début ({ $zone })
mt-form-budget = Durée prévue (minutes)
mt-form-budget-hint = De 5 à 1 440.
mt-form-place = Lieu ou lien
mt-form-facilitator-hint = Les membres qui ont animé le moins récemment viennent en premier.
mt-form-not-chosen = Pas encore choisi
mt-form-facilitator-choice = { $name } (dernière animation : { $last })
mt-form-windows = Périodes ({ $zone })
mt-form-windows-intro = Les membres proposent des points, puis les classent ; les bulletins sont dépouillés à la clôture du vote, qui doit donc avoir lieu avant le début de la réunion.
mt-form-windows-suggested = Suggestion : les propositions ouvrent maintenant, le vote ouvre trois jours avant la réunion et se termine la veille.
mt-form-proposals-open = Ouverture des propositions
mt-form-proposals-close = Clôture des propositions
mt-form-voting-open = Ouverture du vote
mt-form-voting-close = Clôture du vote
mt-form-voting-close-hint = Les bulletins sont dépouillés une seule fois, juste après.
mt-form-privacy-secret = Secret : personne ne peut relier un bulletin à une personne après le dépouillement
mt-form-privacy-open = Ouvert : les responsables peuvent voir qui a classé quoi
mt-form-privacy-frozen = Dès le premier bulletin déposé, le secret du vote ne peut plus changer et les résultats ne peuvent plus qu'être masqués plus longtemps.
mt-form-visibility-after-close = Après la clôture du vote (recommandé : pas d'effet d'entraînement)
mt-form-visibility-live = En direct pendant le vote (bulletins ouverts seulement)
mt-form-results-choice = Résultats : { $choice }
mt-form-rule-irv = Ordre du classement (vote alternatif séquentiel), puis remplissage du temps
mt-form-rule-mes = Parts égales du temps (méthode des parts égales, les minutes comme coût)
mt-form-fixed = Points fixes (réservés en premier)
mt-form-fixed-item = Point fixe { $number }
mt-form-fixed-minutes = Minutes du point fixe { $number }
mt-form-save = Enregistrer les modifications
mt-form-schedule = Programmer la réunion
mt-form-history = Historique de l'animation de cette réunion
mt-form-history-line = { $name }, depuis le { $at }

## Résultats

mt-results-title = Résultats : { $title }
mt-results-hidden = Les résultats sont masqués jusqu'à la clôture du vote, le { $closes }, pour que personne ne suive la foule.
mt-results-counting = Le vote est ouvert (il se termine le { $closes }). Le décompte en direct est en cours en arrière-plan ; rechargez cette page dans un instant.
mt-results-provisional = Provisoire : le vote est encore ouvert (il se termine le { $closes }) ; ces décomptes vont changer.
mt-results-recounting = Des bulletins plus récents sont en cours de dépouillement en arrière-plan ; rechargez dans un instant pour les voir.
mt-results-counted = { $count ->
    [one] { $count } bulletin dépouillé
   *[other] { $count } bulletins dépouillés
}
mt-results-counted-at = le { $at }
mt-results-seed = { " " }; graine du tirage au sort { $seed }
mt-results-agenda = L'ordre du jour issu du dépouillement
mt-results-agenda-caption = Chaque point, retenu ou non, et pourquoi
mt-results-used = { $used } minutes utilisées sur { $budget }.
mt-results-mes = Parts égales du temps
mt-results-mes-intro = Chaque membre détient une part égale des minutes de la réunion et la dépense sur les points qu'il a classés ; un point est retenu quand ses partisans peuvent payer ensemble ses minutes. Les égalités, et l'ordre des tableaux ci-dessous, suivent le dépouillement par classement (vote alternatif séquentiel).
mt-results-step-by-step = Étape par étape
mt-results-chart = Décompte pour la première place, tour par tour
mt-results-chart-title = Voix par point à chaque tour du décompte pour la première place
mt-results-chart-desc = Voix de chaque point aux derniers tours du décompte pour la première place ({ $shown } sur { $total }) ; le tableau à côté du graphique donne les mêmes nombres.
mt-results-round = Tour { $round }
mt-results-undecided = (indécis)
mt-results-place = { $place ->
    [1] 1re place
   *[other] { $place }e place
} : { $winner }
mt-results-tie-break = Départage : { $tie }.
mt-results-last-rounds = Les { $shown } derniers tours ; les tours 1 à { $earlier } sont résumés dans l'explication ci-dessous.
mt-results-more-items = { $count ->
    [one] { $count } point ayant moins de voix n'est pas affiché.
   *[other] { $count } points ayant moins de voix ne sont pas affichés.
}
mt-results-place-caption = Voix par point à chaque tour du décompte pour la place { $place }
mt-results-explained = Tout le dépouillement, expliqué tour par tour
mt-results-check = Vérifiez par vous-même
mt-results-check-recount = Téléchargez les bulletins anonymisés et les règles, puis refaites le décompte avec
mt-results-check-receipt = Cherchez l'empreinte de votre reçu dans la liste des reçus pour voir que votre bulletin a été compté.
mt-results-ballots-csv = Bulletins (CSV, un bulletin par ligne)
mt-results-rules-json = Règles, graine et points (JSON)
mt-results-receipts-csv = Empreintes des reçus avec chaque bulletin (CSV, même ordre)

## Participation et qui a classé quoi

mt-turnout-title = Participation : { $title }
mt-turnout-heading = Participation
mt-turnout-closes = Le vote se termine le { $closes }.
mt-turnout-reads = Cette page indique qui a voté, jamais ce qui a été classé : un bulletin secret reste secret.
mt-turnout-not-voted = N'ont pas encore voté
mt-turnout-leader = (responsable)
mt-turnout-everyone = Tout le monde a voté.
mt-turnout-not-voted-count = { $count ->
    [one] 1 membre n'a pas encore voté, par nom :
   *[other] { $count } membres n'ont pas encore voté, par nom :
}
mt-turnout-pages = Pages des membres qui n'ont pas voté
mt-turnout-rankings = Qui a classé quoi (bulletin ouvert)
mt-rankings-title = Qui a classé quoi : { $title }
mt-rankings-heading = Qui a classé quoi
mt-rankings-intro = Le bulletin de cette réunion était ouvert : les membres savaient avant de voter que les responsables peuvent voir comment chaque membre a classé les points.
mt-rankings-csv = Télécharger en CSV
mt-rankings-caption = Le classement de chaque membre, premier choix en tête
mt-rankings-col = Classement, premier choix en tête
mt-rankings-blank = (un bulletin blanc)
mt-rankings-nobody = Personne n'a voté.
mt-rankings-count = { $ballots ->
    [one] Un bulletin, par nom de membre ; cinquante par page.
   *[other] { $ballots } bulletins, par nom de membre ; cinquante par page.
}
mt-rankings-more = { $count ->
    [one] …et encore un choix (dans le téléchargement).
   *[other] …et encore { $count } choix (dans le téléchargement).
}
mt-rankings-pages = Pages des classements

## Réunion en direct

mt-live-heading = En direct : { $title }
mt-live-not-published = L'ordre du jour n'est pas encore publié. Un responsable le publie après le vote ; la personne qui anime conduit ensuite la réunion depuis cette page.
mt-live-closed = Réunion close le { $at }.
mt-live-time-used = Temps utilisé :
mt-live-planned = sur { $count } min prévues
mt-live-over = { $count } min de dépassement
mt-live-js-used = %t utilisées
mt-live-js-over = %n min de dépassement
mt-live-roles = Rôles
mt-live-roles-line = Animation : { $facilitator }. Secrétariat de séance : { $taker }.
mt-live-nobody-named = personne n'est encore désigné
mt-live-note-taker-label = Secrétaire de séance (les membres qui ont pris les notes le moins récemment d'abord)
mt-live-nobody = Personne
mt-live-note-taker-choice = { $name } (dernière fois : { $last })
mt-live-note-taker-suggested = { $name } (dernière fois : { $last }), suggéré
mt-live-name-note-taker = Désigner le ou la secrétaire de séance
mt-live-attendance = Présences
mt-live-attendance-caption = Indiquez tout le monde d'un coup, puis enregistrez
mt-live-present = Présent
mt-live-apologies = Excusé
mt-live-not-recorded = Non renseigné
mt-live-is-present = { $name } : présent
mt-live-is-apologies = { $name } : excusé
mt-live-is-not-recorded = { $name } : non renseigné
mt-live-save-attendance = Enregistrer les présences
mt-live-attendance-count = { $present } présent·es, { $apologies } excusé·es, { $unrecorded } non renseigné·es.
mt-live-attendance-pages = Pages de la feuille de présence
mt-live-attendance-page-note = L'enregistrement porte sur les personnes de cette page ; les autres pages gardent ce qu'elles ont.
mt-live-item-planned = { $count } min prévues ;
mt-live-item-used = { $count } min utilisées
mt-live-waiting = pas commencé
mt-live-running = en cours
mt-live-done = terminé
mt-live-start = Commencer « { $title } »
mt-live-end = Terminer « { $title } »
mt-live-decisions = Décisions
mt-review-on = (à revoir le { $date })
mt-live-actions-caption = Actions convenues sur ce point
mt-live-record-decision = Noter une décision
mt-live-decision = Décision
mt-live-review-label = À revoir le (facultatif)
mt-live-record-decision-submit = Noter la décision
mt-live-record-action = Noter une action
mt-live-record-action-submit = Noter l'action
mt-live-close = Clore la réunion
mt-live-close-intro = Clore la réunion termine le point en cours et rédige un brouillon du compte rendu à partir de ce relevé : présences, temps de chaque point, décisions et actions, et points non abordés.
mt-live-close-submit = Clore la réunion et rédiger le compte rendu

## Compte rendu

mt-minutes-heading = Compte rendu : { $title }
mt-minutes-not-closed = Le compte rendu est rédigé quand la personne qui anime clôt la réunion sur la
mt-minutes-live-page = page en direct
mt-minutes-not-published = Le compte rendu n'est pas encore publié. Le ou la secrétaire de séance ou un responsable le publie après la réunion.
mt-minutes-version = Version { $version }
mt-minutes-published = publiée
mt-minutes-draft = brouillon
mt-minutes-draft-who = (seuls le ou la secrétaire de séance et les responsables voient les brouillons)
mt-minutes-newer = { " " }; une version plus récente existe
mt-minutes-download = Télécharger en Markdown
mt-minutes-text = Texte du compte rendu
mt-minutes-versions = Versions
mt-minutes-versions-caption = Les plus récentes d'abord ; chaque enregistrement est conservé
mt-minutes-version-col = Version
mt-minutes-by = Par
mt-minutes-edit = Modifier le compte rendu
mt-minutes-edit-intro = Chaque enregistrement crée une nouvelle version. Les membres lisent la dernière version publiée ; un brouillon enregistré après la publication ne la remplace pas tant que vous ne publiez pas à nouveau.
mt-minutes-body = Compte rendu (Markdown, au plus { $max } caractères)
mt-minutes-save-draft = Enregistrer comme brouillon
mt-minutes-save-publish = Enregistrer et publier pour les membres

## Le tour d'horizon de trois minutes

mt-scan-heading = Tour d'horizon de trois minutes : { $title }
mt-scan-to-live = Vers la réunion en direct
mt-scan-title = Tour d'horizon de trois minutes
mt-scan-since = Ce qui a changé { $since }.
mt-scan-moved = Actions qui ont avancé
mt-scan-moved-line = { " " }: { $change } ({ $who }, { $when })
mt-scan-no-moves = Aucune action n'a changé de statut.
mt-scan-moved-more = { $count ->
    [one] et 1 changement plus ancien : voir la liste des actions
   *[other] et { $count } changements plus anciens : voir la liste des actions
}
mt-scan-stuck = Bloquées ou en retard
mt-scan-stuck-blocked = { " " }: { $owner }, échéance le { $due } ; bloquée : { $reason }
mt-scan-stuck-overdue = { " " }: { $owner }, échéance le { $due } ; en retard
mt-scan-nothing-stuck = Rien n'est bloqué ni en retard.
mt-scan-stuck-more = { $count ->
    [one] et 1 autre action bloquée ou en retard : voir la liste des actions
   *[other] et { $count } autres actions bloquées ou en retard : voir la liste des actions
}
mt-scan-reviews = Décisions à revoir
mt-scan-no-reviews = Aucune décision n'est arrivée à sa date de révision.
mt-scan-reviews-more = { $count ->
    [one] et 1 autre décision à revoir
   *[other] et { $count } autres décisions à revoir
}
mt-scan-unmet = Demandes d'aide sans réponse
mt-scan-no-unmet = Chaque demande d'aide a reçu une réponse.
mt-scan-thanks = Remerciements
mt-scan-thanked = { $from } a remercié { $to } : { $impact }
mt-scan-no-thanks = Personne n'a été remercié dans le registre.

## L'ordre du jour : version imprimable et publication

mt-agenda-not-published = L'ordre du jour n'est pas encore publié.
mt-publish-title = Publier l'ordre du jour : { $title }
mt-publish-intro = Partez de l'ordre du jour construit par le vote. Vous pouvez réordonner (saisissez des positions), retirer ou ajouter des points ; chaque écart par rapport au vote demande une raison, que tout le monde verra.
mt-publish-errors = Certains changements demandent une raison ou une correction : voyez les messages ci-dessous.
mt-publish-reserved = Réservés en premier :
mt-publish-caption = Les points dans l'ordre du vote
mt-publish-vote-place = Place au vote
mt-publish-position = Position
mt-publish-reason-col = Raison d'un changement
mt-publish-left-out = (écarté faute de temps)
mt-publish-include = Inclure « { $title } »
mt-publish-position-of = Position de « { $title } »
mt-publish-reason-for = Raison du changement pour « { $title } »
mt-publish-add = Ajouter un point urgent (facultatif)
mt-publish-add-position = Position (vide : à la fin)
mt-publish-add-reason = Raison
mt-publish-submit = Publier

## Une proposition et son formulaire de modification

mt-proposal-back = ← Tous les points proposés
mt-proposal-by = { $minutes } min, proposé par { $author }
mt-proposal-moderate = Modérer ce point
mt-proposal-hide-reason = Raison du masquage (l'auteur la voit)
mt-proposal-hide = Masquer
mt-proposal-merge-into = Fusionner ce doublon avec
mt-proposal-merge = Fusionner
mt-proposal-edit-title = Modifier votre proposition
mt-proposal-save = Enregistrer
mt-proposal-cancel = Annuler

## Reçu de bulletin

mt-receipt-saved = Bulletin enregistré
mt-receipt-changed = Bulletin modifié
mt-receipt-changed-at = Vous avez modifié votre bulletin à { $clock } ({ $at }).
mt-receipt-saved-at = Votre bulletin a été enregistré le { $at }.
mt-receipt-can-change = Vous pouvez le modifier jusqu'à la clôture du vote.
mt-receipt-code = Votre code de reçu
mt-receipt-keep = Gardez ce code : il n'est affiché que maintenant. Après le dépouillement, la liste publiée des bulletins indique l'empreinte du reçu de chaque bulletin ; la vôtre sera
mt-receipt-keep-after = , ce qui vous permet de vérifier que votre bulletin a été compté tel que vous l'avez déposé. Personne d'autre ne peut le relier à vous.
mt-receipt-ranking = Votre classement
mt-receipt-change = Modifier mon bulletin
mt-receipt-back = Retour à la réunion
