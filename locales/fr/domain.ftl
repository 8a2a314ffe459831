# Roundtable messages (fr) written in Rust (domain): validation problems, conflicts, confirmations.

## Règles communes des champs

v-control-characters = Retirez de ce champ les caractères de contrôle (comme NUL, ESC ou un saut de ligne).
v-too-short = Utilisez au moins { $min } { $min ->
        [one] caractère
       *[other] caractères
    }.
v-too-long = Utilisez au plus { $max } { $max ->
        [one] caractère
       *[other] caractères
    }.
v-days-range = Saisissez un nombre de jours de 1 à { $max }.
v-whole-minutes = Saisissez un nombre entier de minutes de 1 à { $max }.
v-title-empty = Saisissez un titre.
v-form-expired = Ce formulaire a expiré ; rechargez la page et réessayez.

## Comptes

v-email-empty = Saisissez une adresse e-mail.
v-email-invalid = Saisissez une adresse e-mail valide, comme nom@ecole.org.
v-name-empty = Saisissez votre nom.
v-name-control = Retirez les caractères de contrôle du nom.

## Équipes et invitations

v-team-name-empty = Saisissez le nom de l'équipe.
v-team-name-control = Retirez les caractères de contrôle.
v-slug-invalid = Utilisez de 2 à 60 lettres minuscules, chiffres et traits d'union (comme direction-college).
v-team-purpose-short = Décrivez la raison d'être de l'équipe en une ou deux phrases (au moins 10 caractères).
v-team-purpose-long = Limitez la raison d'être à une ou deux phrases (300 caractères au plus).
v-max-uses = Saisissez un nombre d'utilisations de 1 à 100.

## Fuseaux horaires et heures

v-zone-unknown = Choisissez un fuseau horaire dans la liste (un nom IANA comme Europe/Paris) ; { $name } n'en est pas un.
v-year-range = Saisissez une année entre 1 et 9999.
v-real-date-time = Saisissez une date et une heure qui existent.
v-time-skipped = { $time } n'existe pas dans le fuseau { $zone } : on avance les horloges à ce moment-là. Choisissez une heure en dehors du changement.
v-date-time = Saisissez une date et une heure ({ $zone }), comme 2026-11-23T14:00.

## Réunions et points de l'ordre du jour

v-meeting-title-empty = Saisissez le titre de la réunion.
v-why-empty = Dites pourquoi c'est important.
v-reason-empty = Saisissez une raison.
v-purpose-line-missing = Écrivez une phrase qui relie cette réunion à la raison d'être de l'équipe.
v-purpose-line-one-line = Limitez l'objectif à une phrase sur une seule ligne.
v-purpose-line-empty = Saisissez l'objectif de la réunion.
v-budget-minutes = Saisissez la durée de la réunion en minutes entières, de 5 à 1 440.
v-proposals-close-order = Fermez les propositions après leur ouverture.
v-voting-open-order = Ouvrez le vote à la fermeture des propositions ou plus tard.
v-voting-close-order = Fermez le vote après son ouverture.
v-starts-at-order = Commencez la réunion à la clôture du vote ou plus tard.
v-window-closed = Cette période est close ; elle ne peut être ni modifiée ni rouverte.
v-window-open-fixed = Cette période est ouverte ; son heure d'ouverture ne peut plus changer.
v-closing-in-future = Choisissez une heure de fermeture dans le futur.
v-privacy-frozen = Des bulletins ont été déposés : la confidentialité des bulletins ne peut plus changer.
v-visibility-tighten-only = Des bulletins ont été déposés : les résultats peuvent être cachés plus longtemps, mais pas montrés plus tôt.
v-secret-live = Avec des bulletins secrets, les résultats ne s'affichent qu'après la clôture du vote.

## Ordre du jour adopté

v-plan-reason-added = Donnez une raison : ce point est ajouté par rapport au dépouillement.
v-plan-reason-dropped = Donnez une raison : ce point est retiré par rapport au dépouillement.
v-plan-reason-moved = Donnez une raison : ce point est déplacé par rapport au dépouillement.
v-plan-add-reason = Donnez une raison pour ajouter ce point.

## Commentaires

v-comment-empty = Saisissez un commentaire.

## Actions et décisions

v-action-status = Choisissez un état.
v-action-same-status = L'action est déjà dans cet état.
v-action-finished = L'action est terminée (faite ou abandonnée) ; enregistrez plutôt une nouvelle action.
v-action-reason-needed = Dites pourquoi (au moins 3 caractères).
v-action-title-short = Décrivez l'action (au moins 3 caractères).
v-action-title-long = Limitez l'action à { $max } caractères au plus.
v-decision-short = Décrivez la décision (au moins 3 caractères).
v-decision-long = Limitez la décision à { $max } caractères au plus.
v-due-date-missing = Choisissez une échéance.
v-due-date-past = L'échéance ne peut pas être dans le passé.
v-due-date-far = Choisissez une échéance dans les cinq ans.
v-review-date-invalid = Saisissez la date de révision sous forme de jour.
v-review-date-range = Choisissez une date de révision après aujourd'hui, dans les cinq ans.

## Tours de budget

v-round-title-empty = Saisissez le titre du tour.
v-round-purpose-empty = Dites à quoi sert l'argent.
v-idea-description-empty = Décrivez l'idée et dites pourquoi.
v-amount-empty = Saisissez un montant.
v-amount-invalid = Saisissez un montant comme 1200 ou 1200.50.
v-amount-too-large = Ce montant est trop élevé.
v-amount-zero = Saisissez un montant supérieur à zéro.
v-currency-empty = Saisissez une devise (comme EUR).
v-round-review-order = L'examen doit commencer après l'ouverture des idées.
v-round-voting-open-order = Le vote ne peut pas ouvrir avant le début de l'examen.
v-round-voting-close-order = Le vote doit fermer après son ouverture.
v-ballot-empty = Choisissez au moins une idée.
v-ballot-too-many = Vous avez choisi { $count } { $count ->
        [one] idée
       *[other] idées
    } ; { $max } au plus { $max ->
        [one] est autorisée
       *[other] sont autorisées
    }, retirez donc { $over } { $over ->
        [one] idée
       *[other] idées
    }.
v-ballot-over-budget = Vos idées coûtent { $total }, soit { $over } de plus que le budget de { $amount } : retirez des idées pour au moins ce montant.

## Registre d'entraide

v-help-date-future = La date ne peut pas être dans le futur.
v-help-date-too-old = Seule l'aide des { $days } derniers jours peut être enregistrée.
v-help-date-format = Saisissez la date au format AAAA-MM-JJ, par exemple 2026-11-03.
v-category-long = Utilisez une catégorie courte, de 40 caractères au plus.
v-note-long = Limitez la note à 1 000 caractères au plus.
v-ledger-reason-short = Donnez une raison (au moins 3 caractères).
v-ledger-reason-long = Limitez la raison à 300 caractères au plus.
v-impact-short = Dites en une ligne ce que cela a changé (au moins 5 caractères).
v-impact-long = Tenez-vous-en à une ligne de 200 caractères au plus.
v-impact-control = Tenez-vous-en à une ligne. Retirez de ce champ les caractères de contrôle (comme NUL, ESC ou un saut de ligne).
v-post-kind = Choisissez offre ou demande.
v-post-title-short = Donnez un titre à la publication (au moins 3 caractères).
v-post-title-long = Limitez le titre à 100 caractères au plus.
v-post-title-control = Tenez le titre sur une ligne. Retirez de ce champ les caractères de contrôle (comme NUL, ESC ou un saut de ligne).
v-detail-long = Limitez le texte à 2 000 caractères au plus.
v-visibility = Choisissez tout le monde ou les responsables seulement.
v-ledger-not-party = Seules les deux personnes concernées par cette entrée peuvent faire cela.
v-ledger-not-leader = Seul un responsable peut trancher une contestation.
v-ledger-own-dispute = Un autre responsable doit trancher une contestation qui vous concerne.
v-ledger-not-your-turn = Cette entrée attend la réponse de l'autre personne.
v-ledger-expired = Cette entrée a expiré sans réponse ; enregistrez-la de nouveau si l'aide a eu lieu.
v-ledger-not-pending = Cette entrée n'attend plus de réponse.
v-ledger-not-disputed = Cette entrée n'est pas contestée.
v-ledger-not-confirmed = Seule une entrée confirmée peut être corrigée.

## Temps restant et changements de l'ordre du jour

v-time-closed = clos
v-time-left = il reste { $time }
v-duration-days = { $days ->
        [one] 1 jour
       *[other] { $days } jours
    }
v-duration-days-hours = { $days ->
        [one] 1 jour
       *[other] { $days } jours
    } { $hours ->
        [one] 1 heure
       *[other] { $hours } heures
    }
v-duration-hours = { $hours ->
        [one] 1 heure
       *[other] { $hours } heures
    }
v-duration-hours-minutes = { $hours ->
        [one] 1 heure
       *[other] { $hours } heures
    } { $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    }
v-duration-minutes = { $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    }
v-deviation-added = Ajouté par { $actor } : { $title } — { $reason }
v-deviation-dropped = Retiré par { $actor } : { $title } — { $reason }
v-deviation-moved = Déplacé par { $actor } : { $title } — { $reason }
