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
