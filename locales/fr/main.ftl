# Les messages de Roundtable en français. Chaque clé de l'anglais doit être ici aussi
# (`cargo test` le vérifie).

## Toutes les pages

skip-to-content = Aller au contenu principal
nav-main = Principal
nav-home = Accueil
nav-all-teams = Toutes les équipes
nav-notifications = Notifications
nav-unread = non lues
nav-account = Compte ({ $name })
nav-sign-out = Se déconnecter
nav-sign-in = Se connecter
footer-tagline = des ordres du jour construits ensemble, des votes équitables, un effort visible
footer-status = État du service

## Formulaires

field-email = Adresse e-mail
field-password = Mot de passe

## Connexion

login-heading = Se connecter
login-submit = Se connecter
login-joining = Vous rejoignez une équipe ? Ouvrez le lien d'invitation qu'un responsable vous a envoyé.
login-forgot = Mot de passe oublié ?
login-forgot-link = Recevez un lien pour en choisir un nouveau
login-forgot-leader = Demandez un lien de réinitialisation à un responsable d'équipe.

## Mot de passe oublié

forgot-heading = Mot de passe oublié
forgot-intro = Saisissez l'adresse e-mail avec laquelle vous vous connectez. Si elle a un compte, un lien pour choisir un nouveau mot de passe y sera envoyé ; il fonctionne une fois, pendant 24 heures.
forgot-submit = M'envoyer un lien
forgot-no-mail = Ce site n'envoie pas d'e-mails : un lien de réinitialisation vous est donc remis par une personne. Demandez-le à un responsable de l'une de vos équipes ; il fonctionne une fois, pendant 24 heures.
forgot-back = Retour à la connexion
forgot-sent = Si un compte utilise { $address }, un lien pour choisir un nouveau mot de passe y est envoyé. Il fonctionne une fois, pendant { $hours } heures.

## Choisir un nouveau mot de passe

reset-heading = Choisir un nouveau mot de passe
reset-intro = Ce lien définit un nouveau mot de passe pour { $name }. Il fonctionne une fois et vous déconnecte partout.
reset-new = Nouveau mot de passe
reset-new-hint = De 12 à 128 caractères.
reset-again = Nouveau mot de passe, à nouveau
reset-submit = Définir le mot de passe

## Compte

account-heading = Votre compte
account-signed-in-as = Connecté en tant que { $name } ({ $email }).
account-password-heading = Changer de mot de passe
account-current-password = Mot de passe actuel
account-new-password-hint = De 12 à 128 caractères. Quelques mots sans rapport entre eux en font un solide.
account-password-submit = Changer le mot de passe
account-language-heading = Langue
account-language-label = Afficher Roundtable en
account-language-hint = Les pages et les e-mails que vous recevez utilisent cette langue.
account-language-browser = La langue de votre navigateur
account-language-submit = Enregistrer la langue
account-language-saved = Roundtable vous parle désormais en { $language }.
account-language-browser-saved = Roundtable suit désormais la langue de votre navigateur.
account-zone-heading = Fuseau horaire
account-zone-label = Afficher les heures en
account-zone-hint = Les réunions, les périodes et les échéances sont affichées, et saisies dans les formulaires, dans ce fuseau. Gardez le fuseau de chaque équipe si vous travaillez là où vos équipes se réunissent.
account-zone-teams = Le fuseau de chaque équipe
account-zone-submit = Enregistrer le fuseau horaire
account-zone-saved = Les heures s'affichent désormais en { $zone }.
account-zone-teams-saved = Les heures s'affichent désormais dans le fuseau de chaque équipe.
account-notifications-heading = Notifications
account-notifications-intro = Choisissez comment vous êtes informé de chaque type de nouvelle. Tout ce dont vous êtes informé figure aussi dans vos notifications :
account-notifications-link = les voir toutes
account-notifications-no-mail = Ce site n'envoie pas encore d'e-mails : « E-mail » signifie donc dans l'application, jusqu'à ce qu'il le fasse.
account-notifications-table = Choix de notifications
account-notifications-caption = Comment vous êtes informé de chaque type
account-notifications-what = Quoi
account-notifications-submit = Enregistrer les choix de notifications
account-everywhere-heading = Se déconnecter partout
account-everywhere-intro = Met fin à toutes vos sessions, sur tous vos appareils, y compris celui-ci.
account-everywhere-submit = Se déconnecter partout

## Centre de notifications

notifications-heading = Notifications
notifications-unread = { $count ->
    [0] Rien de non lu.
    [one] 1 notification non lue.
   *[other] { $count } notifications non lues.
}
notifications-choose = Choisir ce dont vous êtes informé
notifications-mark-all = Tout marquer comme lu
notifications-none = Pas encore de notifications. Vous serez informé ici quand les propositions ou le vote s'ouvrent, avant la fin du vote si vous n'avez pas voté, quand un ordre du jour est publié, et de vos actions et de l'entraide.
notifications-unread-marker = Non lue :
notifications-mark-read = Marquer comme lue
notifications-pages = Notifications plus anciennes et plus récentes
notifications-newest = Les plus récentes
notifications-older = Notifications plus anciennes

## Accueil

home-welcome = Bienvenue, { $name }
home-open-now = Ouvert en ce moment
home-voting-open = le vote est ouvert
home-voted = vous avez voté
home-not-voted = vous n'avez pas encore voté
home-ideas-open = les idées de budget sont ouvertes
home-proposals-open = les propositions sont ouvertes
home-my-actions = Mes actions en cours
home-due = {" "}: échéance le { $date }
home-overdue = en retard
home-no-actions = Vous n'avez aucune action en cours.
home-my-teams = Vos équipes
home-team-unread = { $count ->
    [one] 1 notification non lue
   *[other] { $count } notifications non lues
}
home-no-team = Vous ne faites pas encore partie d'une équipe. Ouvrez le lien d'invitation qu'un responsable d'équipe vous a envoyé.
home-admin-can = En tant qu'administrateur du site, vous pouvez
home-create-team = créer une équipe
home-lead = Construire l'ordre du jour ensemble, voter avant la réunion et rendre l'entraide visible.
home-or-invitation = , ou ouvrez le lien d'invitation qu'un responsable d'équipe vous a envoyé.
home-how = Comment ça marche
home-how-propose-lead = Les membres proposent
home-how-propose = des points à l'ordre du jour, avec une estimation des minutes nécessaires.
home-how-rank-lead = Chacun classe
home-how-rank = les propositions avant la réunion.
home-how-tally-lead = Un dépouillement par classement
home-how-tally = construit l'ordre du jour dans le temps de la réunion et explique chaque tour.
home-how-publish-lead = Les responsables publient
home-how-publish = l'ordre du jour convenu ; tout écart par rapport au dépouillement est indiqué avec sa raison.
home-setup = Terminer l'installation
home-setup-intro = Ce Roundtable n'a pas encore d'administrateur. Sur le serveur, lancez :
home-setup-then = Un mot de passe vous sera demandé (de 12 à 128 caractères). Connectez-vous ensuite et créez votre première équipe.

## En-tête d'une réunion

breadcrumb = Fil d'Ariane
meetings = Réunions
meeting-purpose = Objectif :
meeting-nav = Réunion
meeting-tab-overview = Vue d'ensemble
meeting-tab-proposals = Propositions
meeting-tab-ballot = Bulletin
meeting-tab-results = Résultats
meeting-tab-agenda = Ordre du jour
meeting-tab-scan = Tour d'horizon
meeting-tab-live = En direct
meeting-tab-minutes = Compte rendu

## Page d'équipe

budgets = Budgets
team-zone = L'équipe se réunit dans le fuseau horaire { $zone }
team-zone-yours = vous voyez les heures en { $zone }
team-zone-your-choice = votre choix
team-zone-saved = L'équipe se réunit désormais dans le fuseau { $zone }.
team-members = Membres
team-nobody = Personne n'a encore rejoint l'équipe.
team-nobody-invite = Créez un lien d'invitation ci-dessous et envoyez-le aux premiers membres.
team-find = Chercher des membres par nom
team-find-email = Chercher des membres par nom ou adresse e-mail
team-search = Chercher
team-show-everyone = Afficher tout le monde
team-name = Nom
team-role = Rôle
team-manage = Gérer
team-you = (vous)
team-only-leader = Seul responsable : nommez d'abord quelqu'un d'autre responsable.
team-make-member = Rendre membre
team-make-leader = Nommer responsable
team-reset-link = Lien de réinitialisation du mot de passe
team-remove = Retirer { $name }
team-member-pages = Pages des membres
team-invite = Inviter des personnes
team-role-member = Membre
team-role-leader = Responsable
team-max-uses = Combien de personnes peuvent utiliser le lien
team-max-uses-hint = De 1 à 100.
team-valid-days = Valable pendant (jours)
team-valid-days-hint = De 1 à 30.
team-emails = Adresses e-mail (facultatif)
team-emails-hint = Une par ligne. Chaque personne reçoit par e-mail son propre lien à usage unique ; laissez vide pour obtenir un lien à partager.
team-create-invitation = Créer l'invitation
team-create-link = Créer un lien d'invitation
team-open-invitations = Invitations ouvertes
team-used = Utilisé
team-expires = Expire
team-revoke = Révoquer
team-uses = { $uses } sur { $max }
team-zone-label = L'équipe se réunit en
team-zone-hint = Les heures des réunions et des périodes sont affichées dans ce fuseau aux membres qui n'ont pas choisi le leur, et les e-mails de l'équipe l'utilisent. Les réunions enregistrées gardent leur moment.
team-zone-submit = Enregistrer le fuseau horaire de l'équipe
team-other-teams = Vos autres équipes
team-leave-heading = Quitter cette équipe
team-leave = Quitter { $team }
team-help-thanks = Entraide et remerciements
team-my-reciprocity = Ma réciprocité
team-ledger = Registre de l'équipe
team-help-posts = Offres et demandes d'aide
team-follow-through = Suivi de ce trimestre
team-actions = Actions
team-my-actions = Mes actions
team-follow-caption = Actions ouvertes et terminées par responsable ce trimestre
team-owner = Responsable
team-open = Ouvertes
team-done-term = Terminées ce trimestre
team-no-actions = Pas encore d'action ce trimestre.
team-thank-yous = Remerciements
team-thanked = { $from } a remercié { $to }
page-previous = Page précédente
page-next = Page suivante
page-of = Page { $page } sur { $pages }

## Réunions

meetings-schedule = Programmer une réunion
meetings-caption = Réunions, les plus récentes d'abord
meetings-meeting = Réunion
meetings-starts = Début
meetings-state = État
meetings-none = Pas encore de réunion.
minutes-unit = min
minutes-short = { $count } min

## Vue d'ensemble d'une réunion

meeting-where = Où en est cette réunion
meeting-step-now = (en cours)
meeting-step-done = (terminé)
meeting-when = Quand
meeting-when-value = { $starts } à { $ends } ({ $minutes } minutes)
meeting-place = Où
meeting-facilitator = Animation
meeting-ballots = Bulletins
meeting-ballots-value = { $privacy } ; résultats affichés { $visibility }
meeting-rule = Règle de l'ordre du jour
meeting-windows = Périodes
meeting-window = Période
meeting-opens = Ouverture
meeting-closes = Clôture
meeting-now = Maintenant
meeting-can-do = Ce que vous pouvez faire
meeting-proposed = Points proposés : { $count }
meeting-add-yours = les propositions sont ouvertes, ajoutez la vôtre
meeting-turnout = Participation : { $turnout }
meeting-not-voted = qui n'a pas encore voté
meeting-ballots-cast = Bulletins déposés : { $count }
meeting-rank = Classer les points
meeting-results-link = Résultats du vote
meeting-and-the = et l'
meeting-agenda-link = ordre du jour
meeting-edit = Modifier la réunion
meeting-publish = Publier l'ordre du jour convenu
meeting-reserved = Réservé au début
meeting-scan-print = Le tour d'horizon sur sa propre page, pour l'impression
meeting-live = Réunion en direct

## Le bulletin

ballot-heading = Votre bulletin
ballot-open-lead = Bulletin ouvert :
ballot-open = après la clôture du vote, les responsables de l'équipe peuvent voir comment chaque membre a classé les points.
ballot-secret = Bulletin secret : personne, responsables compris, ne peut voir comment vous avez classé les points ; les responsables voient seulement si vous avez voté.
ballot-help = Saisissez un rang à côté de chaque point que vous voulez à l'ordre du jour : 1 est votre premier choix, et chaque point reçoit son propre numéro de 1 à { $max }. Classez-en autant ou aussi peu que vous voulez ; laissez les autres vides. Vous pouvez modifier votre bulletin jusqu'au { $closes }.
ballot-errors = { $count ->
    [one] 1 rang est à corriger : voyez les messages à côté des points.
   *[other] { $count } rangs sont à corriger : voyez les messages à côté des points.
}
ballot-rank-word = rang
ballot-summary = { $ranked ->
    [one] Vous avez classé { $ranked } point sur { $count }.
   *[other] Vous avez classé { $ranked } points sur { $count }.
}
ballot-save = Enregistrer mon bulletin
ballot-not-open = Le vote n'est pas ouvert en ce moment (il se termine le { $closes }).
ballot-items = Points
ballot-your-rank = votre rang : { $rank }
ballot-js-summary-one = Vous avez classé %n point sur 1.
ballot-js-summary-other = Vous avez classé %n points sur %t.
ballot-js-find = Chercher des points
ballot-js-shown = %n points affichés sur %t ; les points classés qui sont masqués gardent leur rang.
ballot-js-moved-rank = %title : rang %n.
ballot-js-moved-unranked = %title : non classé.
ballot-js-moved-count-one = 1 point classé.
ballot-js-moved-count-other = %n points classés.
ballot-js-up = Monter
ballot-js-down = Descendre
ballot-members-only = Seuls les membres de l'équipe votent.

## Propositions

proposals-heading = Points proposés
proposals-moderate = Jusqu'au premier bulletin, vous pouvez masquer un point (avec une raison que son auteur voit) ou fusionner un doublon avec un autre point : ouvrez le point (son titre est un lien) ; les formulaires sont sur sa page.
proposals-by = par
proposals-comments = { $count ->
    [one] 1 commentaire
   *[other] { $count } commentaires
}
proposals-edit = Modifier
proposals-withdraw = Retirer « { $title } »
proposals-none = Aucun point proposé pour l'instant.
proposals-others = Hors du bulletin
proposals-others-more = { $count ->
    [one] Un autre n'est pas affiché ici ; le CSV liste tous les points.
   *[other] { $count } autres ne sont pas affichés ici ; le CSV liste tous les points.
}
proposals-pages = Pages des points proposés
proposals-propose = Proposer un point
proposals-title = Titre
proposals-why = Pourquoi c'est important
proposals-minutes = Minutes estimées
proposals-minutes-hint = De 1 à 240.
proposals-submit = Proposer
proposals-closed = Les propositions ne sont pas ouvertes en ce moment.

## L'ordre du jour

agenda-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
agenda-published-by = Publié par { $name } le { $date }.
agenda-print = Version imprimable
agenda-calendar = Ajouter au calendrier (.ics)
agenda-caption = L'ordre du jour convenu
agenda-start = Début
agenda-item = Point
agenda-minutes-col = Minutes
agenda-note = Note
agenda-over = { $over } de plus que les { $budget } minutes prévues
agenda-changes = Écarts par rapport au vote
agenda-no-changes = Aucun : c'est l'ordre du jour que le vote a construit.
agenda-not-published = Pas encore publié. Voici l'ordre du jour que le vote a construit ; les responsables publient l'ordre du jour convenu, et tout écart y est indiqué avec sa raison.
agenda-on = À l'ordre du jour
agenda-why = Pourquoi
agenda-drawn = décidé par tirage au sort
yes = oui
no = non
agenda-when-built = L'ordre du jour est construit à la clôture du vote.
agenda-publish-again = Publier une nouvelle version

## Budgets participatifs

budgets-new = Nouveau budget participatif
budgets-caption = Budgets participatifs, les plus récents d'abord
budgets-round = Budget
budgets-budget = Montant
budgets-phase = Phase
budgets-voting-closes = Fin du vote
budgets-none = Pas encore de budget participatif.
budgets-import = Importer un fichier Pabulib
budgets-import-intro = Collez le contenu d'un fichier .pb (bulletins d'approbation ou ordinaux, jusqu'à 1 Mio) pour créer un budget avec ses projets et ses votes, déjà dans sa phase de résultats, et voir ce que chaque règle finance.
budgets-import-contents = Contenu du fichier .pb
budgets-rule = Règle
budgets-import-submit = Importer
budget-phases = Phases
budget-from = À partir du ({ $zone })
budget-at-most = au plus { $max }
budget-imported = Ce budget a été importé d'un fichier Pabulib.
budget-propose = Proposer ou soutenir une idée
budget-change-ballot = Modifier votre bulletin
budget-vote-now = Voter maintenant
budget-see-results = Voir les résultats
budget-edit = Modifier le budget
budget-for = À quoi sert l'argent :
budget-amount = Montant :
budget-phase-label = Phase :
budget-nav = Budget participatif
budget-tab-ideas = Idées
