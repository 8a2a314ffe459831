# Messages de Roundtable (fr) : les points hebdomadaires. Chaque clé de l'anglais existe ici.

## La semaine en mots

ci-week-of = semaine du { $day } { $month }
ci-week-of-year = semaine du { $day } { $month } { $year }
ci-month-1 = janvier
ci-month-2 = février
ci-month-3 = mars
ci-month-4 = avril
ci-month-5 = mai
ci-month-6 = juin
ci-month-7 = juillet
ci-month-8 = août
ci-month-9 = septembre
ci-month-10 = octobre
ci-month-11 = novembre
ci-month-12 = décembre

## La page des points

ci-checkins = Points de la semaine
ci-title = Points de la semaine · { $team }
ci-heading = Points de la semaine, { $week }
ci-lead = Chaque semaine, un mot court de chaque membre : ce qui a avancé, ce qui bloque, la suite, et une amélioration visible. Vous pouvez modifier le vôtre jusqu'à la fin de la semaine (dimanche minuit, fuseau de l'équipe).
ci-weeks = Semaines
ci-week-before = Semaine précédente
ci-week-after = Semaine suivante
ci-this-week = Cette semaine
ci-progress = { $done } { $done ->
    [0] membre sur { $members } a fait son point.
    [one] membre sur { $members } a fait son point.
   *[other] membres sur { $members } ont fait leur point.
}
ci-missing = { $count ->
    [0] Tout le monde a fait son point
    [one] 1 membre n'a pas encore fait son point
   *[other] { $count } membres n'ont pas encore fait leur point
}
ci-missing-leaders = Seuls les responsables voient ces noms.
ci-missing-none = Personne ne manque.
ci-missing-pages = Pages de noms
ci-mine-new = Votre point de la semaine
ci-mine-edit = Modifier votre point de la semaine
ci-mine-hint = Remplissez ce qui est utile ; une réponse suffit.
ci-moved = Ce qui a avancé
ci-blocking = Ce qui bloque
ci-next = La suite
ci-improvement = Une amélioration visible cette semaine
ci-link-action = Action que ce blocage retient (facultatif)
ci-link-hint = L'action est alors affichée comme bloquée, avec votre blocage pour raison, jusqu'à ce que vous retiriez ou changiez le lien.
ci-link-none = Aucune action
ci-link-choice = n° { $id } { $title } ({ $owner })
ci-link-number = Ou le numéro de l'action
ci-link-more = La liste montre les 100 premières actions ouvertes ; tapez le numéro d'une autre.
ci-submit = Faire mon point
ci-submit-edit = Enregistrer les modifications
ci-read-only = Cette semaine est terminée : ses points se lisent mais ne se modifient plus.
ci-entries = Points de la semaine
ci-entry-mine = { $name } (vous)
ci-holds-up = retient « { $title } »
ci-updated-at = Modifié le { $when }
ci-entry-pages = Pages de points
ci-no-entries = Aucun point pour l'instant.
ci-saved = Votre point de la semaine est fait.
ci-updated = Votre point de la semaine est enregistré.

## Dans le registre des actions

ci-blocked-from = d'après le point de { $name }, { $week }

## Dans le tour d'horizon de trois minutes

ci-scan-title = Points de la semaine de la réunion
ci-scan-progress = { $week } : { $done } sur { $members } ont fait leur point.
ci-scan-blocker = { $who } : { $text }
ci-scan-holds-up = (retient « { $title } »)
ci-scan-none = Aucun blocage cette semaine-là.
ci-scan-more = { $count ->
    [one] et 1 autre blocage
   *[other] et { $count } autres blocages
}
ci-scan-link = Tous les points de la semaine

## Sur la page d'accueil

ci-home-due = Faites votre point de la semaine ({ $week })
ci-home-done = Vous avez fait votre point cette semaine.

## Problèmes dans le formulaire

v-checkin-week = Choisissez une semaine comme 2026-W49.
v-checkin-long = Gardez chaque réponse sous { $max } caractères.
v-checkin-empty = Écrivez au moins une réponse : ce qui a avancé, ce qui bloque, la suite ou une amélioration visible.
v-checkin-link-needs-blocker = Dites ce qui bloque (au moins 3 caractères) pour lier une action.
v-checkin-action-unknown = Choisissez une des actions de l'équipe (ou tapez son numéro).
v-checkin-action-closed = Cette action est terminée ou abandonnée ; choisissez-en une ouverte.
