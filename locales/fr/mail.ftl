# E-mails écrits à une adresse (invitations, liens de réinitialisation), pied des e-mails de
# notification, et noms des types de notification et des façons d'en être informé.

## Invitations

mail-invite-subject = Rejoindre { $team } sur Roundtable
mail-invite-body = Vous êtes invité à rejoindre { $team } en tant que { $role ->
    [leader] responsable
   *[other] membre
} sur Roundtable, où l'équipe construit ensemble ses ordres du jour, vote avant les réunions et suit qui fait quoi.
mail-invite-link = Ce lien est à vous seul et ne fonctionne qu'une fois, pendant { $days ->
    [one] 1 jour
   *[other] { $days } jours
} :
mail-invite-ignore = Si vous ne vous attendiez pas à ce message, ignorez-le.

## Liens de réinitialisation

mail-reset-subject = Choisir un nouveau mot de passe Roundtable
mail-hello = Bonjour { $name },
mail-reset-by-leader = Un responsable de { $team } a demandé pour vous un lien pour choisir un nouveau mot de passe. Il ne fonctionne qu'une fois, pendant { $hours } heures :
mail-reset-by-leader-ignore = Si vous ne vous attendiez pas à ce message, ignorez-le : votre mot de passe reste inchangé.
mail-reset-by-owner = Quelqu'un (vous, nous l'espérons) a demandé un lien pour choisir un nouveau mot de passe pour cette adresse. Il ne fonctionne qu'une fois, pendant { $hours } heures :
mail-reset-by-owner-ignore = Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.

## Pied des e-mails de notification

mail-footer-settings = Vous recevez ce message en raison de vos choix de notification : { $link }
mail-footer-stop = Arrêter ces e-mails : { $link }

## Types de notification, tels que la page de compte les nomme

nk-proposals-open = Ouverture des propositions ou des idées
nk-voting-open = Ouverture du vote
nk-voting-reminder = Rappel avant la clôture du vote, si je n'ai pas voté
nk-agenda-published = Publication de l'ordre du jour arrêté
nk-action-assigned = Une action m'est confiée
nk-action-overdue = Mon action est en retard
nk-ledger = Aide proposée, confirmée ou remerciée
nk-digest = Résumé de la semaine (lundi)

## Types de notification, tels que les badges du centre de notifications les nomment

nk-short-proposals-open = Propositions ouvertes
nk-short-voting-open = Vote ouvert
nk-short-voting-reminder = Rappel
nk-short-agenda-published = Ordre du jour
nk-short-action-assigned = Action
nk-short-action-overdue = En retard
nk-short-ledger = Aide
nk-short-digest = Résumé
nk-short-other = Notification

## Façons d'être informé d'un type

nk-channel-email = Par e-mail et dans l'application
nk-channel-in-app = Dans l'application seulement
nk-channel-off = Désactivé
nk-choose-channel = Choisissez par e-mail, dans l'application seulement, ou désactivé.
