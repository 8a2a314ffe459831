# Roundtable messages (fr): role maps (issue 19). Keys here must exist in every language.

## Mots communs

rm-maps = Cartes des rôles
rm-title = Projet
rm-outcome = Résultat attendu
rm-owner = Pilote
rm-status = Statut
rm-due = Échéance
rm-done = Atteint
rm-done-yes = oui
rm-done-no = non
rm-overdue = en retard
rm-milestone = Jalon
rm-milestones = Jalons
rm-choose-member = Choisissez un membre
rm-former-member = un ancien membre
rm-status-draft = brouillon
rm-status-published = publiée
rm-status-closed = clôturée
rm-version = version { $version }

## La liste

rm-list-title = Cartes des rôles · { $team }
rm-maps-lead = Une page par projet : le résultat attendu en une phrase, son pilote, et les jalons avec leurs pilotes et leurs dates. Les brouillons s'écrivent ensemble, puis sont publiés ; les changements suivants sont conservés en versions.
rm-maps-caption = { $count ->
    [one] Une carte des rôles, la plus récente d'abord
   *[other] { $count } cartes des rôles, les plus récentes d'abord
}
rm-col-project = Projet
rm-col-updated = Dernière modification
rm-maps-none = Pas encore de carte des rôles.
rm-pages = Pages
rm-page-of = Page { $page } sur { $pages }
rm-page-prev = Page précédente
rm-page-next = Page suivante
rm-new = Nouvelle carte des rôles
rm-new-lead = Elle commence en brouillon, modifiable par tout membre.
rm-outcome-hint = Une phrase : ce qui sera vrai une fois le projet terminé.
rm-new-submit = Commencer le brouillon

## Une carte des rôles

rm-draft-note = Ceci est un brouillon : tout membre de l'équipe peut le modifier. Son pilote ou un responsable le publie.
rm-published-note = Publiée. Son pilote et les responsables peuvent encore la modifier, et les pilotes des jalons cochent les leurs ; chaque changement est conservé en version ci-dessous.
rm-closed-note = Cette carte des rôles est clôturée et en lecture seule.
rm-publish = Publier la carte des rôles
rm-close = Clôturer la carte des rôles
rm-milestones-caption = Jalons, les plus proches de leur échéance d'abord
rm-milestones-none = Pas encore de jalon.
rm-mark-done = Marquer « { $title } » comme atteint
rm-mark-undone = Marquer « { $title } » comme non atteint
rm-edit-milestone = Modifier « { $title } »
rm-save-milestone = Enregistrer le jalon
rm-remove-milestone = Retirer « { $title } »
rm-add-milestone = Ajouter un jalon
rm-edit-map = Modifier la carte des rôles
rm-save-map = Enregistrer la carte des rôles
rm-history = Historique
rm-history-none = Pas encore de version : l'historique commence à la publication de la carte.
rm-history-more = Les { $shown } versions les plus récentes sur { $total }.

## Historique

rm-version-line = Version { $version } — { $who } { $what }, { $when }
rm-change-published = a publié la carte des rôles
rm-change-closed = a clôturé la carte des rôles
rm-change-title = a renommé le projet « { $before } » en « { $after } »
rm-change-outcome = a changé le résultat attendu de « { $before } » en « { $after } »
rm-change-owner = a changé le pilote de { $before } à { $after }
rm-change-milestone-added = a ajouté le jalon « { $milestone } », échéance le { $after }
rm-change-milestone-removed = a retiré le jalon « { $milestone } » (échéance le { $before })
rm-change-milestone-title = a renommé le jalon « { $milestone } » en « { $after } »
rm-change-milestone-owner = a changé le pilote de « { $milestone } » de { $before } à { $after }
rm-change-milestone-due = a changé l'échéance de « { $milestone } » du { $before } au { $after }
rm-change-milestone-done = a marqué « { $milestone } » comme atteint
rm-change-milestone-undone = a marqué « { $milestone } » comme non atteint

## Refus et problèmes de saisie

rm-closed-read-only = Cette carte des rôles est clôturée : elle ne peut plus être modifiée.
rm-move-refused = Cette carte des rôles ne peut pas passer à ce statut (brouillon, puis publiée, puis clôturée).
rm-v-title-short = Nommez le projet (au moins 3 caractères).
rm-v-title-long = Le nom du projet doit faire moins de { $max } caractères.
rm-v-outcome-missing = Écrivez le résultat attendu : une phrase qui dit ce qui sera vrai une fois le projet terminé.
rm-v-outcome-short = Précisez un peu : le résultat attendu demande au moins 10 caractères.
rm-v-outcome-long = Le résultat attendu doit faire moins de { $max } caractères.
rm-v-outcome-one-sentence = Écrivez le résultat attendu en une seule phrase.
rm-v-milestone-short = Nommez le jalon (au moins 3 caractères).
rm-v-milestone-long = Le jalon doit faire moins de { $max } caractères.
rm-v-due-missing = Choisissez une échéance.
rm-v-due-invalid = Ce n'est pas une date ; choisissez-en une dans le calendrier (année-mois-jour).
rm-v-due-range = Choisissez une échéance à moins de cinq ans d'aujourd'hui.
rm-v-owner-not-member = Choisissez un membre de cette équipe.
rm-v-too-many-milestones = Une carte des rôles compte au plus { $max } jalons.

## Page d'accueil

rm-home-heading = Jalons à échéance
rm-home-due = { $title } ({ $project }), échéance le { $due }
rm-home-more = { $count ->
    [one] Encore un jalon à échéance : voir les cartes des rôles
   *[other] Encore { $count } jalons à échéance : voir les cartes des rôles
}
