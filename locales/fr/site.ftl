# Roundtable messages (fr): pages of the site area. Keys here must exist in every language.

## Rôles dans une équipe, tels qu'affichés dans les listes et les phrases ($role : `member` ou `leader`)

st-role = { $role ->
    [leader] responsable
   *[member] membre
}

## Liste des équipes de l'administrateur du site

st-admin-heading = Équipes
st-admin-team = Équipe
st-admin-address = Adresse
st-admin-none = Pas encore d'équipe. Créez la première ci-dessous.
st-admin-create = Créer une équipe
st-admin-name = Nom de l'équipe
st-admin-slug = Adresse (facultatif)
st-admin-slug-hint = Lettres minuscules, chiffres et tirets ; formée à partir du nom si vous la laissez vide.
st-admin-purpose = Raison d'être
st-admin-purpose-hint = Une ou deux phrases : pourquoi cette équipe se réunit. Affichée sur la page de l'équipe.
st-admin-zone = Fuseau horaire
st-admin-zone-hint = Là où l'équipe se réunit : les heures des réunions sont affichées et saisies dans ce fuseau. Les responsables pourront le changer ensuite.
st-admin-submit = Créer l'équipe
st-admin-created = Équipe { $team } créée.
st-admin-leader-link = Lien d'invitation du responsable de { $team } : à usage unique, valable 7 jours, affiché seulement maintenant. Envoyez-le à son premier responsable.

## Page d'une équipe : la liste des membres et les confirmations des formulaires des responsables

st-team-no-match = Aucun membre ne correspond à « { $search } ».
st-team-members = { $count ->
    [one] { $count } membre.
   *[other] { $count } membres.
}
st-team-members-matching = { $count ->
    [one] { $count } membre, dont { $matching } correspondant à « { $search } ».
   *[other] { $count } membres, dont { $matching } correspondant à « { $search } ».
}
st-team-members-showing = { $count ->
    [one] { $count } membre ; affichés : { $first } à { $last }.
   *[other] { $count } membres ; affichés : { $first } à { $last }.
}
st-team-members-matching-showing = { $count ->
    [one] { $count } membre, dont { $matching } correspondant à « { $search } » ; affichés : { $first } à { $last }.
   *[other] { $count } membres, dont { $matching } correspondant à « { $search } » ; affichés : { $first } à { $last }.
}
st-team-caption = Membres de { $team } et leurs rôles
st-team-caption-page = Membres de { $team } et leurs rôles, page { $page } sur { $pages }
st-team-invite-created = { $role ->
    [leader] Lien d'invitation créé pour un responsable.
   *[member] Lien d'invitation créé pour un membre.
}
st-team-invite-copy = Copiez-le et envoyez-le (il n'est affiché que maintenant) :
st-team-invite-mailed-one = Invitation envoyée : une adresse reçoit son propre lien par e-mail.
st-team-invite-mailed = Invitations envoyées : { $count } adresses reçoivent chacune leur propre lien par e-mail.
st-team-reset-created = Lien de réinitialisation du mot de passe créé.
st-team-reset-copy = Valable { $hours } heures ; envoyez-le à la personne (il n'est affiché que maintenant) :
st-team-reset-mailed = Un lien de réinitialisation du mot de passe lui a été envoyé par e-mail (valable { $hours } heures).

## Lien d'invitation

st-invite-heading = Rejoindre { $team }
st-invite-as = Vous êtes invité en tant que
st-invite-join-as = Rejoindre en tant que { $name }
st-invite-have-account = Vous avez déjà un compte Roundtable ?
st-invite-sign-in-first = Connectez-vous d'abord
st-invite-come-back = , puis revenez à ce lien.
st-invite-create-heading = Créer votre compte
st-invite-name = Votre nom
st-invite-name-hint = Tel que votre équipe le verra.
st-invite-submit = Créer le compte et rejoindre l'équipe
st-invite-welcome = Bienvenue : vous avez rejoint l'équipe. Ses réunions, son registre et ses actions sont ci-dessous.

## Un lien d'invitation qui ne fonctionne plus

st-closed-heading = Ce lien d'invitation ne fonctionne plus
st-closed-lead = Le lien pour rejoindre
st-closed-expired = a expiré
st-closed-used-up = a été utilisé autant de fois que prévu
st-closed-revoked = a été retiré par un responsable
st-closed-ask = Demandez un nouveau lien à
st-closed-or = ou
st-closed-leaders = { $count ->
    [one] (responsable de { $team }).
   *[other] (responsables de { $team }).
}
st-closed-ask-sender = Demandez un nouveau lien à la personne qui vous l'a envoyé.
st-closed-home = Aller à votre page d'accueil
st-closed-member = Déjà membre ?

## Lien de désabonnement des e-mails

st-unsub-title = Arrêter ces e-mails
st-unsub-heading = Arrêter ces e-mails ?
st-unsub-lead = Ce lien arrête les e-mails pour :
st-unsub-still = Vous les verrez toujours dans vos notifications dans Roundtable.
st-unsub-submit = Arrêter ces e-mails
st-unsub-done-heading = E-mails arrêtés
st-unsub-done-lead = Vous ne recevrez plus d'e-mails pour :
st-unsub-done-still = Ils apparaissent toujours dans vos notifications dans Roundtable.
st-unsub-change = Vous pouvez modifier ce choix, et celui de chaque autre type, sur
st-unsub-account-link = votre page de compte
st-unsub-change-end = une fois connecté.

## Centre de notifications et compte : confirmations

st-notices-read-one = Marquée comme lue.
st-notices-read-none = Rien n'était non lu.
st-notices-read-single = 1 notification marquée comme lue.
st-notices-read-many = { $count } notifications marquées comme lues.
st-notices-saved = Choix de notifications enregistrés.
st-login-reset-done = Votre mot de passe a été changé. Connectez-vous avec le nouveau.
st-login-everywhere-done = Vous avez été déconnecté sur tous vos appareils.
st-account-password-changed = Mot de passe changé. Toutes vos autres sessions ont été déconnectées.

## Pages d'erreur

st-error-retry = Vous pourrez réessayer dans { $wait }.
st-error-reference = Référence :
st-error-home = Aller à la page d'accueil
