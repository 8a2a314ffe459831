# Messages de Roundtable (fr) : réunions récurrentes et rôles tournants (séries, rotation, échanges, absences).

## Mots communs aux pages des séries

rh-series = Réunions récurrentes
rh-role-facilitator = Animation
rh-role-note-taker = Prise de notes
rh-role-timekeeper = Gardien du temps
rh-nobody = personne pour l'instant
rh-you = vous
rh-ended = terminée
rh-cancelled = Annulée
rh-pages = Pages
rh-newer = Plus récentes
rh-older = Plus anciennes
rh-page-of = Page { $page } sur { $pages }
rh-form-problems = Une partie de votre saisie est à corriger ; voyez les messages ci-dessous.
rh-col-meeting = Réunion
rh-role = Rôle
rh-weekday-1 = lundi
rh-weekday-2 = mardi
rh-weekday-3 = mercredi
rh-weekday-4 = jeudi
rh-weekday-5 = vendredi
rh-weekday-6 = samedi
rh-weekday-7 = dimanche
rh-cadence-weekly = Chaque semaine
rh-cadence-fortnightly = Une semaine sur deux
rh-rhythm-weekly = Chaque semaine le { $weekday } à { $time } ({ $zone })
rh-rhythm-fortnightly = Une semaine sur deux le { $weekday } à { $time } ({ $zone })
rh-windows = Les propositions ouvrent { $days } jours avant chaque réunion ; le vote a lieu de { $open } heures à { $close } heures avant.
rh-swapped = { $role } échangé : { $from } ↔ { $to }, par { $by }, { $date }

## La liste des séries et les absences

rh-list-title = Réunions récurrentes · { $team }
rh-list-lead = Un rythme régulier de réunions courtes. Chaque réunion est créée à l'avance comme les autres, et les rôles tournent pour que ce ne soit pas toujours la même personne qui anime ou prend les notes.
rh-new = Créer une série récurrente
rh-none = Aucune réunion récurrente pour l'instant.
rh-away = Qui est absent
rh-away-lead = La rotation saute les membres les jours où ils sont absents.
rh-away-line = { $name } : absent du { $from } au { $until }
rh-away-remove = Retirer
rh-away-none = Personne n'est signalé absent.
rh-away-who = Qui
rh-away-me = Moi
rh-away-from = Absent à partir du
rh-away-until = Jusqu'au (inclus)
rh-away-submit = Signaler l'absence

## Le formulaire d'une nouvelle série

rh-new-title = Nouvelle série récurrente
rh-new-lead = Les heures sont dans le fuseau de l'équipe ({ $zone }). Les quatre prochaines réunions sont créées tout de suite, avec leurs rôles.
rh-field-title = Titre de chaque réunion
rh-field-purpose = Phrase d'objectif
rh-field-purpose-hint = Une phrase ; { "{date}" } est remplacé par la date de chaque réunion.
rh-default-purpose = Point hebdomadaire de l'équipe de direction — { "{date}" }
rh-field-cadence = Fréquence
rh-field-weekday = Jour
rh-field-start = Heure de début ({ $zone })
rh-field-starts-on = Première date possible
rh-field-budget = Durée prévue (minutes)
rh-field-place = Lieu ou lien
rh-field-windows = Fenêtres, par rapport à chaque réunion
rh-field-open-days = Les propositions ouvrent ce nombre de jours avant
rh-field-voting-open = Le vote ouvre ce nombre d'heures avant
rh-field-voting-close = Le vote ferme ce nombre d'heures avant
rh-field-privacy = Bulletins
rh-privacy-secret = Secrets
rh-privacy-open = Ouverts (les responsables voient qui a classé quoi)
rh-field-timekeeper = Faire aussi tourner un gardien du temps
rh-create = Créer la série

## Une série

rh-series-title = { $title } · récurrente
rh-purpose-template = Phrase d'objectif :
rh-next = Prochaines réunions et leurs rôles
rh-rota-caption = Les rôles des prochaines réunions
rh-next-none = Aucune réunion à venir : la série est terminée.
rh-swap = Échanger un rôle
rh-swap-lead = Si vous tenez un rôle, vous pouvez le passer à un autre membre ; s'il tient le même rôle à une réunion suivante, vous prenez le sien en échange. Les responsables peuvent réattribuer tout rôle.
rh-swap-with = Avec
rh-swap-submit = Échanger
rh-swaps = Échanges
rh-swaps-none = Aucun échange pour l'instant.
rh-manage = Gérer la série
rh-cancel-reason = Pourquoi annuler la réunion du { $date } ?
rh-cancel = Annuler cette réunion
rh-end-lead = Terminer la série arrête les nouvelles réunions ; celles déjà créées restent.
rh-end = Terminer la série
rh-past = Réunions passées
rh-past-caption = Réunions passées de la série, les plus récentes d'abord
rh-past-none = Aucune réunion passée pour l'instant.

## Problèmes de saisie

rh-v-start-time = Saisissez une heure comme 09:30.
rh-v-open-days = Ouvrez les propositions de 1 à 60 jours avant.
rh-v-voting-open = Ouvrez le vote après les propositions : moins d'heures avant que les jours de propositions.
rh-v-voting-close = Fermez le vote après son ouverture : moins d'heures avant la réunion.
rh-v-whole-number = Saisissez un nombre entier.
rh-v-cadence = Choisissez chaque semaine ou une semaine sur deux.
rh-v-weekday = Choisissez un jour.
rh-v-date = Saisissez une date comme 2026-11-23.
rh-v-away-range = Le dernier jour doit être le premier ou après, dans l'année.
rh-v-role = Choisissez un rôle.
rh-v-occurrence = Choisissez une des prochaines réunions.
rh-v-same-person = Cette personne tient déjà ce rôle.
rh-v-busy = Cette personne tient déjà un autre rôle à cette réunion.
