# Roundtable messages (fr): pages of the follow area. Keys here must exist in every language.

## Actions : mots communs (liste, une action, les macros du tableau et du formulaire)

fl-actions = Actions
fl-owner = Pilote
fl-due = Échéance
fl-status = Statut
fl-source = Origine
fl-overdue = en retard
fl-what = Quoi
fl-choose-member = Choisissez un membre
fl-col-action = Action
fl-status-open = ouverte
fl-status-in-progress = en cours
fl-status-blocked = bloquée
fl-status-done = terminée
fl-status-dropped = abandonnée
fl-status-reason = { $status } : { $reason }

## Liste des actions

fl-actions-title = Actions · { $team }
fl-actions-lead = Ce que l'équipe a convenu de faire, qui s'en charge et pour quand. Seuls le pilote et les responsables changent le statut d'une action ; tout membre de l'équipe peut la commenter.
fl-actions-filters = Filtres
fl-filter-all = Toutes
fl-filter-mine = Les miennes
fl-filter-open = Ouvertes
fl-filter-overdue = En retard
fl-filter-blocked = Bloquées
fl-actions-anyone = Tout le monde
fl-actions-meeting-number = Numéro de réunion
fl-actions-filter = Filtrer
fl-actions-caption = Actions, les plus proches de leur échéance d'abord
fl-actions-none = Aucune action ne correspond.
fl-actions-csv = Télécharger ces actions en CSV
fl-actions-new = Nouvelle action
fl-actions-from = À partir de la
fl-actions-from-help = demande d'aide { $id }
fl-actions-from-idea = À partir d'une idée financée du budget participatif (si « Quoi » est vide, l'action prend son titre).
fl-actions-submit = Enregistrer l'action

## Une action

fl-action-change = Changer le statut
fl-action-new-status = Nouveau statut
fl-action-reason = Raison (obligatoire pour bloquée et abandonnée)
fl-action-history = Historique
fl-action-history-line = { $when } : { $who }, { $what }
fl-action-comments = Commentaires
fl-action-comment-by = { $name } :
fl-action-no-comments = Pas encore de commentaire.
fl-action-your-comment = Votre commentaire
fl-action-comment-submit = Commenter

## Registre : mots communs

fl-time = Durée
fl-date = Date
fl-category = Catégorie
fl-helper = Aidant
fl-helped = Aidé
fl-minutes = Minutes
fl-exchanges = Échanges
fl-help = Aide
fl-state-pending = en attente
fl-state-confirmed = confirmé
fl-state-disputed = contesté
fl-state-rejected = rejeté
fl-state-expired = expiré
fl-state-reversed = annulé
fl-entry-line = { $helper } a aidé { $helped } : { $minutes } le { $date }
fl-minutes-exchanges = { $minutes } ({ $count ->
    [one] { $count } échange
   *[other] { $count } échanges
})
fl-former-member = ancien membre
fl-days-hint = De 1 à 60.

## Un échange

fl-exchange = Échange
fl-exchange-title = { $helper } a aidé { $helped }
fl-exchange-recorded-by = Enregistré par
fl-exchange-waiting = en attente de { $name }
fl-exchange-lapses = expire le { $date }
fl-exchange-note = Note (visible seulement par les deux personnes et les responsables)
fl-exchange-disputed-because = Contesté parce que
fl-exchange-resolution = Décision du responsable
fl-exchange-corrected-because = Corrigé parce que
fl-check-form = Veuillez vérifier le formulaire ci-dessous.
fl-exchange-answer = Votre réponse
fl-exchange-confirm = Confirmer { $minutes }
fl-exchange-other-minutes = La durée était différente (minutes)
fl-exchange-other-minutes-hint = L'autre personne confirme ensuite votre chiffre.
fl-exchange-suggest = Proposer ces minutes
fl-exchange-dispute-label = Contester : qu'est-ce qui ne va pas ?
fl-exchange-dispute-hint = Un responsable tranchera.
fl-exchange-dispute = Contester
fl-exchange-resolve-heading = Trancher la contestation
fl-exchange-decision = Décision
fl-exchange-decision-confirm = Confirmer (l'échange compte)
fl-exchange-decision-reject = Rejeter (l'échange ne compte pas)
fl-exchange-minutes-if = Minutes si l'échange est confirmé
fl-exchange-keep = Laissez tel quel pour garder { $minutes }.
fl-exchange-reason-both = Raison (montrée aux deux personnes)
fl-exchange-resolve = Trancher
fl-exchange-correct-heading = Corriger cette entrée
fl-exchange-correct-intro = Une entrée confirmée n'est jamais modifiée. Une correction ajoute une entrée d'annulation, et l'entrée cesse de compter ; enregistrez ensuite la bonne si nécessaire.
fl-exchange-correct-why = Pourquoi elle est corrigée
fl-exchange-reverse = Annuler cette entrée
fl-moved-confirm = Confirmé : cette aide compte désormais dans le registre de l'équipe.
fl-moved-adjust = Modifié : l'autre personne doit confirmer les nouvelles minutes.
fl-moved-dispute = Contesté : un responsable va l'examiner ; en attendant, l'échange ne compte pas.
fl-moved-resolve = Tranché : votre décision figure dans l'historique de l'entrée.
fl-moved-reverse = Annulé : cette entrée ne compte plus.
fl-moved-next = Voir ce qui vous attend encore

## Ma réciprocité

fl-me-title = Ma réciprocité · { $team }
fl-me-lead = L'aide que vous avez apportée et reçue dans { $team }. Ce n'est pas une monnaie : personne ne doit rien à personne — cela rend l'effort visible.
fl-me-csv = Télécharger mes entrées (CSV)
fl-me-recorded = Enregistré. Merci de rendre l'entraide visible.
fl-me-pending = Enregistré. L'échange comptera dès que la personne aidée l'aura confirmé (sous 14 jours).
fl-me-thanked = Votre remerciement est sur la page de l'équipe.
fl-me-new = Nouveau pour vous
fl-me-totals = Apporté et reçu
fl-me-totals-caption = Minutes et échanges apportés et reçus, par période
fl-me-period = Période
fl-me-given = Apporté
fl-me-received = Reçu
fl-period-recent = 4 dernières semaines
fl-period-term = Ce trimestre
fl-period-all = Depuis le début
fl-me-index = Indice d'équilibre (depuis le début) :
fl-me-index-explain = — (apporté − reçu) ÷ (apporté + reçu) : +1 seulement apporté, −1 seulement reçu, 0 à l'équilibre.
fl-me-index-later = Votre indice d'équilibre apparaît après deux échanges confirmés.
fl-me-waiting = En attente d'une réponse
fl-me-for-you = À confirmer par vous
fl-me-for-them = En attente de l'autre personne
fl-me-nothing-waiting = Rien n'est en attente. Les entrées en attente ne comptent qu'une fois confirmées, et expirent après 14 jours.
fl-me-record = Enregistrer une aide
fl-me-who = Qui a aidé qui ?
fl-me-gave = J'ai aidé quelqu'un (la personne le confirme)
fl-me-received-help = Quelqu'un m'a aidé (confirmé tout de suite)
fl-me-between = En tant que responsable, pour deux autres membres (utilisez les deux listes ci-dessous)
fl-me-other-person = L'autre personne
fl-me-type-name = Commencez à taper un nom et choisissez-le dans la liste.
fl-me-helper-leaders = Aidant (responsables qui enregistrent pour deux autres)
fl-me-helped-leaders = Aidé (responsables qui enregistrent pour deux autres)
fl-me-minutes-hint = De 1 à 600. Au plus 12 heures par personne et par jour.
fl-me-date-hint = Vide signifie aujourd'hui ({ $today }) ; jusqu'au { $earliest } au plus tôt.
fl-me-category-hint = Par exemple préparation, remplacement, correction. Facultatif.
fl-me-note = Note (visible seulement par vous deux et les responsables)
fl-me-people = Personnes
fl-me-people-helped = Les personnes que j'ai aidées
fl-me-people-helpers = Les personnes qui m'ont aidé
fl-me-person-line = { $name } : { $minutes } ({ $count ->
    [one] { $count } échange
   *[other] { $count } échanges
})
fl-me-more = { $count ->
    [one] et { $count } autre personne (tout est dans le CSV de vos entrées).
   *[other] et { $count } autres personnes (tout est dans le CSV de vos entrées).
}
fl-me-none-yet = Personne pour l'instant.
fl-me-no-thanks = Aucun pour l'instant.
fl-me-thanks = Remerciements
fl-me-say-thanks = Dire merci
fl-me-thank = Remercier
fl-me-impact = Ce que cela a changé, en une ligne
fl-me-impact-hint = Par exemple : la grille a réduit de 30 minutes le temps d'harmonisation. Affiché sur la page de l'équipe.
fl-me-thanks-received = Les remerciements que j'ai reçus
fl-me-thanks-line = « { $impact } » — { $from }
fl-me-thanks-hidden = masqué sur la page de l'équipe
fl-me-thanks-show = Afficher sur la page de l'équipe
fl-me-thanks-hide = Masquer sur la page de l'équipe
fl-me-entries = Mes entrées
fl-me-entries-showing = { $total } entrées ; affichage de { $first } à { $last }, les plus récentes d'abord.
fl-me-entries-caption = Vos entrées du registre, les plus récentes d'abord
fl-me-entries-caption-page = Vos entrées du registre, les plus récentes d'abord, page { $page } sur { $pages }
fl-me-your-answer = (à vous de répondre)
fl-me-entry-pages = Pages des entrées
fl-me-no-entries = Pas encore d'entrée.

## Registre de l'équipe

fl-team-title = Registre de l'équipe · { $team }
fl-team-lead = Qui a aidé qui dans { $team } — pour que la charge à sens unique se voie et se partage. Les notes n'apparaissent jamais ici.
fl-team-csv = Télécharger ce tableau (CSV)
fl-team-period = Période
fl-window-recent = les 4 dernières semaines
fl-window-term = ce trimestre
fl-window-all = depuis le début
fl-team-load = Partager la charge
fl-team-carrying = { $name } a apporté { $share } de l'aide de l'équipe ces 8 dernières semaines — qui peut partager la charge ?
fl-team-top = Les personnes qui ont le plus aidé, { $window }
fl-team-top-line = { $name } : { $given } ({ $share } de l'aide de l'équipe)
fl-team-members = Membres, { $window }
fl-team-totals = { $count ->
    [one] { $count } échange confirmé, { $minutes } d'aide en tout.
   *[other] { $count } échanges confirmés, { $minutes } d'aide en tout.
}
fl-team-showing = Membres { $first } à { $last } sur { $total } ; le CSV contient tout le monde.
fl-team-caption = Aide apportée et reçue par membre, { $window }. Choisissez un en-tête de colonne pour trier.
fl-team-caption-page = Aide apportée et reçue par membre, { $window }, page { $page } sur { $pages }. Choisissez un en-tête de colonne pour trier.
fl-col-member = Membre
fl-col-given = Apporté
fl-col-received = Reçu
fl-col-index = Indice d'équilibre
fl-col-share = Part de l'aide de l'équipe
fl-col-last = Dernier échange
fl-team-not-yet = pas encore
fl-team-member-pages = Pages du tableau des membres
fl-team-evenly = La répartition de l'aide
fl-team-gini = Indice de Gini des minutes apportées
fl-team-gini-explain = (0 = tout le monde apporte autant ; proche de 1 = une seule personne apporte tout)
fl-team-top1 = Part apportée par la personne qui aide le plus
fl-team-top20 = { $count ->
    [one] Part apportée par les 20 % qui aident le plus ({ $count } personne)
   *[other] Part apportée par les 20 % qui aident le plus ({ $count } personnes)
}
fl-team-quiet-heading = Une invitation ouverte
fl-team-quiet = Aucune aide enregistrée ces 8 dernières semaines avec :
fl-team-quiet-more = { $count ->
    [one] et { $count } autre personne
   *[other] et { $count } autres personnes
}
fl-team-quiet-invite = Chacun a quelque chose à offrir — et demander, c'est aussi aider : publiez une
fl-team-quiet-link = offre ou une demande
fl-team-trend = Évolution mensuelle
fl-team-trend-title = Minutes d'aide par mois
fl-team-trend-desc = Diagramme en barres des six derniers mois ; les mêmes chiffres figurent dans le tableau ci-dessous.
fl-team-trend-caption = Minutes et échanges par mois
fl-team-month = Mois
fl-team-graph = Qui a aidé qui, { $window }
fl-team-graph-title = Qui a aidé qui
fl-team-graph-desc-top = Les { $count } membres qui ont le plus apporté et reçu, placés sur un cercle ; une flèche va de l'aidant à la personne aidée, plus épaisse quand il y a plus de minutes. Le tableau ci-dessous donne les paires avec le plus de minutes.
fl-team-graph-desc-all = Les membres, placés sur un cercle ; une flèche va de l'aidant à la personne aidée, plus épaisse quand il y a plus de minutes. Le tableau ci-dessous donne les paires avec le plus de minutes.
fl-team-arrow = { $helper } a aidé { $helped } : { $minutes } ({ $count ->
    [one] { $count } échange
   *[other] { $count } échanges
})
fl-team-pairs-caption = Qui a aidé qui, { $window } (le plus de minutes d'abord)
fl-team-pairs-caption-some = Qui a aidé qui, { $window } (le plus de minutes d'abord ; les { $shown } plus importantes des { $total } paires)
fl-team-no-help = Pas encore d'aide confirmée sur cette période.
fl-team-unmet = Demandes toujours en attente
fl-team-unmet-line = { $author }, environ { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}
fl-team-disputes = Contestations à trancher
fl-team-settings = Réglages du registre
fl-team-who-sees = Qui voit cette page
fl-team-sees-everyone = Tous les membres
fl-team-sees-leaders = Les responsables seulement (les membres voient toujours leur propre page)
fl-team-unmet-after = Une demande sans réponse est non satisfaite après (jours)
fl-team-term-start = Ce trimestre a commencé le
fl-team-term-start-hint = Vide : 1er septembre, 1er janvier ou 1er avril.
fl-team-save-settings = Enregistrer les réglages

## Offres et demandes d'aide

fl-help-title = Aide · { $team }
fl-help-lead = Offrez ce que vous pouvez donner ; demandez ce dont vous avez besoin. Une demande sans réponse au bout de { $days } jours est signalée comme non satisfaite, pour que l'équipe la voie.
fl-help-open = Annonces ouvertes
fl-help-offer = Offre
fl-help-request = Demande
fl-help-offer-title = Offre : { $title }
fl-help-request-title = Demande : { $title }
fl-help-line = { $author }, environ { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}, { $category } ; { $count ->
    [one] { $count } réponse
   *[other] { $count } réponses
}
fl-help-unmet = (non satisfaite)
fl-help-open-until = {" "}; ouverte jusqu'au { $date }
fl-help-none = Aucune annonce ouverte.
fl-help-new = Nouvelle annonce
fl-help-kind = Type
fl-help-need = J'ai besoin d'aide
fl-help-can-offer = Je peux offrir mon aide
fl-help-post-title = Titre
fl-help-detail = Détail
fl-help-estimated = Minutes estimées
fl-help-estimated-hint = De 1 à 600.
fl-help-open-for = Ouverte pendant (jours)
fl-help-submit = Publier

## Une annonce d'aide

fl-post-offered-by = Offerte par { $author } · environ { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
} · { $category }
fl-post-requested-by = Demandée par { $author } · environ { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
} · { $category }
fl-post-open-until = ouverte jusqu'au { $date }
fl-post-closed = close
fl-post-unmet = non satisfaite
fl-post-responses = Réponses
fl-post-response-by = { $name } :
fl-post-no-responses = Pas encore de réponse.
fl-post-your-response = Votre réponse
fl-post-respond = Répondre
fl-post-to-action = Transformer cette demande en action
fl-post-to-action-rest = avec un pilote et une échéance.
fl-post-record = Une fois l'aide apportée, enregistrez-la sur
fl-post-record-link = votre page de réciprocité
fl-post-close = Fermer cette annonce
