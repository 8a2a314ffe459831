# Messages français écrits par les services et le domaine (problèmes de saisie, conflits,
# confirmations) et les pages d'erreur. Mêmes clés que l'anglais.

## Pages d'erreur

error-bad-request-title = Requête incorrecte
error-bad-request = La requête n'a pas pu être comprise.
error-forbidden-title = Non autorisé
error-forbidden = Vous n'êtes pas autorisé à faire cela. Si vous remplissiez un formulaire, rechargez la page et réessayez.
error-not-found-title = Page introuvable
error-not-found = Il n'y a rien à cette adresse. Vérifiez le lien, ou repartez de la page d'accueil.
error-method-not-allowed-title = Méthode non autorisée
error-method-not-allowed = Cette adresse n'accepte pas ce type de requête.
error-conflict-title = Conflit
error-conflict = Cette modification est en conflit avec l'état actuel.
error-payload-too-large-title = Trop de données
error-payload-too-large = Ce que vous avez envoyé dépasse ce que ce site accepte. Raccourcissez-le et réessayez.
error-invalid-input-title = Vérifiez votre saisie
error-invalid-input = Une partie de ce que vous avez saisi doit être corrigée.
error-too-many-requests-title = Trop de tentatives
error-too-many-requests = Patientez un peu et réessayez.
error-service-unavailable-title = Site occupé
error-service-unavailable = Le site est très sollicité en ce moment. Réessayez dans un instant.
error-internal-title = Une erreur s'est produite
error-internal = Une erreur s'est produite de notre côté. Elle a été enregistrée ; réessayez plus tard.
error-other-title = Erreur
error-other = La requête n'a pas pu aboutir.
error-already-exists = Cela existe déjà.
wait-a-second = une seconde
wait-seconds = { $count } secondes
wait-a-minute = environ une minute
wait-minutes = environ { $count } minutes
notice-unknown = Cette notification n'existe pas.

## Conflits

conflict-password-was-changed-meanwhile = Votre mot de passe a été changé entre-temps ; reconnectez-vous.
conflict-leader-hidden-comment-so = Un responsable a masqué ce commentaire : il ne peut plus être modifié.
conflict-comment-already-hidden = Ce commentaire est déjà masqué.
conflict-rankings-are-shown-voting = Les classements sont affichés une fois le vote clos.
conflict-minutes-are-drafted-when = Le compte rendu est rédigé quand l'animateur clôt la réunion.
conflict-agenda-not-published-yet = L'ordre du jour n'est pas encore publié : publiez-le avant de mener la réunion.
conflict-meeting-closed = La réunion est close.
conflict-start-item-before-recording = Ouvrez ce point avant d'enregistrer ce qu'il a décidé.
conflict-item-already-taken = Ce point a déjà été traité.
conflict-item-not-running = Ce point n'est pas en cours.
conflict-agenda-published-voting-closed = L'ordre du jour peut être publié une fois le vote clos et les bulletins dépouillés.
conflict-meeting-started-agenda-no = La réunion a commencé : son ordre du jour ne peut plus être publié.
conflict-item-no-longer-open = Ce point n'est plus modifiable.
conflict-item-already-withdrawn-hidden = Ce point est déjà retiré, masqué ou fusionné.
conflict-ballots-have-cast-items = Des bulletins ont été déposés : les points du bulletin ne peuvent plus changer.
conflict-please-try-again = Veuillez réessayer.
conflict-post-closed = Cette publication est close.
conflict-have-already-responded-post = Vous avez déjà répondu à cette publication.
conflict-entry-already-corrected = Cette entrée a déjà été corrigée.
conflict-entry-changed-meanwhile-reload = Cette entrée a changé entre-temps ; rechargez la page.
conflict-round-not-computed-yet = Le tour n'est pas encore calculé : publiez après la clôture du vote.
conflict-outcome-already-published = Ce résultat est déjà publié.
conflict-site-does-not-send = Ce site n'envoie pas d'e-mails : demandez un lien de réinitialisation à un responsable de votre équipe.
conflict-last-leader = Une équipe a besoin d'au moins un responsable : nommez d'abord quelqu'un d'autre responsable.
conflict-already-member = Vous êtes déjà membre de { $team }.

## Notifications et leurs e-mails

notice-proposals-open = { $what ->
    [ideas] Les idées
   *[other] Les propositions
} sont ouvertes pour « { $title } » jusqu'au { $close }.
notice-proposals-open-subject = { $what ->
    [ideas] Idées
   *[other] Propositions
} ouvertes : { $title }
notice-proposals-open-until = { $what ->
    [ideas] Les idées
   *[other] Les propositions
} sont ouvertes jusqu'au { $close } :
notice-voting-open = Le vote est ouvert pour « { $title } » jusqu'au { $close }.
notice-voting-open-subject = Vote ouvert : { $title }
notice-voting-closes = Le vote se clôt le { $close } :
notice-reminder = Le vote pour « { $title } » se clôt le { $close } et vous n'avez pas encore voté.
notice-reminder-subject = Le vote se clôt bientôt : { $title }
notice-reminder-body = Le vote pour « { $title } » se clôt le { $close }, et vous n'avez pas encore voté.
notice-meeting-propose = { $team } construit ensemble l'ordre du jour de « { $title } » ({ $starts }).
notice-meeting-propose-how = Proposez un point, avec les minutes qu'il demande.
notice-meeting-vote = Classez les points proposés pour « { $title } » ({ $starts }) dans { $team } : le dépouillement décide de ce qui tient dans le temps de la réunion.
notice-round-propose = { $team } décide ensemble comment dépenser { $amount } (« { $title } »).
notice-round-propose-how = Proposez une idée, avec son coût.
notice-round-vote = Choisissez les idées que { $team } doit financer dans « { $title } ».
notice-overdue = Votre action « { $title } » était due le { $due }.
notice-overdue-subject = En retard : { $title }
notice-overdue-body = Votre action « { $title } » dans { $team } était due le { $due } et n'est pas terminée. Mettez à jour son état, déplacez sa date, ou dites ce qui la bloque :
notice-assigned = Vous êtes responsable de l'action « { $title } », échéance le { $due }.
notice-assigned-subject = Votre action : { $title }
notice-assigned-body = Dans { $team }, l'action « { $title } » vous revient désormais, échéance le { $due }. Mettez à jour son état au fil de l'eau, ou dites ce qui la bloque :
notice-agenda = L'ordre du jour de « { $title } » est publié.
notice-agenda-subject = Ordre du jour : { $title }
notice-agenda-body = { $team } a arrêté l'ordre du jour de « { $title } », le { $starts } à { $place }.
notice-agenda-attached = Le fichier d'agenda est joint. L'ordre du jour, avec la façon dont le vote l'a décidé :
notice-digest = Votre résumé de la semaine pour { $team }.
notice-digest-subject = { $team } : votre semaine
digest-week = Votre semaine dans { $team } :
digest-vote = - { $title } (clôture le { $close }) : { $link }
digest-no-vote = Aucun vote ne vous attend.
digest-votes = Votes qui vous attendent :
digest-no-action = Aucune de vos actions n'arrive à échéance cette semaine.
digest-actions = Vos actions à échéance d'ici la semaine prochaine :
digest-action = - { $title } — échéance le { $due } : { $link }
digest-action-overdue = - { $title } — échéance le { $due } (en retard) : { $link }
digest-unread = Notifications non lues : { $count }.

## Mois (noms courts, dans les dates)

month-1 = janv.
month-2 = févr.
month-3 = mars
month-4 = avr.
month-5 = mai
month-6 = juin
month-7 = juil.
month-8 = août
month-9 = sept.
month-10 = oct.
month-11 = nov.
month-12 = déc.
