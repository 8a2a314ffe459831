# Roundtable messages (fr): the home page across teams, links between teams and what they
# share, and the personal calendar feed (issue 19). Keys here must exist in every language.

## Accueil, par équipe

home-colon = {" "}:
home-more-windows = { $count ->
    [one] 1 autre est ouvert :
   *[other] { $count } autres sont ouverts :
}
home-all-meetings = toutes les réunions
home-all-budgets = tous les budgets participatifs
home-more-actions = { $count ->
    [one] Voir toutes mes actions ici (1 de plus)
   *[other] Voir toutes mes actions ici ({ $count } de plus)
}

## Liens entre équipes (page de réglages)

co-links = Équipes liées
co-links-title = Équipes liées · { $team }
co-links-lead = Liez cette équipe à une autre, par exemple un groupe de chefs d'établissement avec l'équipe de chaque établissement. Un responsable de chaque équipe doit accepter ; chacune peut retirer le lien. Les équipes liées ne voient que les réunions que vous choisissez de partager ci-dessous : leur ordre du jour et leur compte rendu publiés, en lecture seule.
co-links-heading = Liens
co-links-none = Cette équipe n'est liée à aucune autre équipe.
co-link-state-linked = liée depuis le { $since }.
co-link-state-awaiting = elle a proposé un lien le { $since } ; un responsable de cette équipe peut l'accepter.
co-link-state-proposed = proposé le { $since } ; en attente de l'accord d'un responsable de cette équipe.
co-link-accept = Accepter le lien avec { $team }
co-link-remove = Retirer le lien avec { $team }
co-link-decline = Refuser la proposition de { $team }
co-link-withdraw = Retirer la proposition faite à { $team }
co-link-new = Proposer un lien
co-link-team = L'adresse de l'autre équipe
co-link-team-hint = La dernière partie de son adresse, comme dans /teams/groupe-des-chefs. Un responsable de cette équipe devra accepter.
co-link-propose = Proposer le lien
co-link-team-required = Saisissez l'adresse de l'autre équipe.
co-link-team-unknown = Aucune équipe n'a cette adresse.
co-link-team-self = Une équipe ne peut pas être liée à elle-même.
co-link-team-exists = Ces équipes sont déjà liées, ou une proposition est en attente.
co-link-accept-own = Cette équipe a proposé le lien : c'est un responsable de l'autre équipe qui l'accepte.
co-link-proposed = Lien proposé. Il prendra effet quand un responsable de l'autre équipe l'aura accepté.
co-link-accepted = Cette équipe est désormais liée à { $team }.
co-link-removed = Le lien avec { $team } est retiré.

## Partager des réunions avec les équipes liées

co-share-heading = Réunions partagées avec les équipes liées
co-share-intro = Une réunion partagée montre son ordre du jour publié et son dernier compte rendu publié aux membres de chaque équipe liée, en lecture seule. Rien d'autre de cette équipe ne leur est visible.
co-share-caption = Les dernières réunions de cette équipe et leur partage
co-share-meeting = Réunion
co-share-published = Publié
co-share-state = Partagée avec les équipes liées
co-share-agenda = ordre du jour
co-share-minutes = compte rendu
co-share-nothing = rien pour l'instant
co-share-on = Partagée.
co-share-start = Partager « { $title } » avec les équipes liées
co-share-stop = Ne plus partager « { $title } »
co-share-no-meetings = Cette équipe n'a pas encore de réunion.
co-meeting-shared = « { $title } » est partagée avec les équipes liées.
co-meeting-unshared = « { $title } » n'est plus partagée.
co-meeting-share-heading = Partager avec les équipes liées
co-meeting-share-on = Partagée avec { $teams } : leurs membres peuvent lire l'ordre du jour et le compte rendu publiés de cette réunion, en lecture seule.
co-meeting-share-off = Non partagée. Si vous la partagez, les membres de { $teams } pourront lire son ordre du jour et son compte rendu publiés, en lecture seule ; rien d'autre de cette équipe.

## Ce que partagent les équipes liées

co-shared = Partagé par les équipes liées
co-shared-title = Partagé par les équipes liées · { $team }
co-shared-lead = Les ordres du jour et comptes rendus publiés que les équipes liées à celle-ci ont choisi de partager, en lecture seule.
co-shared-none = Rien n'est encore partagé avec cette équipe.
co-shared-from = Partagé par { $team }, en lecture seule.
co-shared-agenda = Ordre du jour adopté
co-shared-minutes = Compte rendu
co-shared-item-minutes = { $minutes } min
co-team-links = Équipes liées
co-team-shared = { $count ->
    [one] 1 réunion partagée par les équipes liées
   *[other] { $count } réunions partagées par les équipes liées
}

## Flux d'agenda personnel

co-feed-heading = Flux d'agenda
co-feed-intro = Abonnez votre application d'agenda à vos réunions de toutes vos équipes, aux échéances de vos actions et de vos jalons, grâce à une adresse secrète. Toute personne qui a l'adresse peut lire ces entrées : gardez-la pour vous, et créez-en une nouvelle si elle a fuité.
co-feed-active = Vous avez une adresse d'agenda, créée le { $when }. Elle n'est montrée qu'une fois, à sa création : pour la revoir, créez-en une nouvelle (l'ancienne cesse de fonctionner).
co-feed-none = Vous n'avez pas d'adresse d'agenda.
co-feed-make = Créer mon adresse d'agenda
co-feed-remake = Créer une nouvelle adresse (l'ancienne cesse de fonctionner)
co-feed-revoke = Révoquer mon adresse d'agenda
co-feed-made = Votre adresse d'agenda est prête. Ajoutez-la comme abonnement dans votre application d'agenda.
co-feed-copy = Copiez-la maintenant ; elle n'est montrée qu'une fois :
co-feed-revoked = Votre adresse d'agenda est révoquée : elle ne fonctionne plus.
co-feed-name = Roundtable · { $name }
co-feed-team = Équipe : { $team }
co-feed-agenda = Ordre du jour : { $link }
co-feed-action-due = Échéance de l'action : { $title }
co-feed-milestone-due = Échéance du jalon : { $title }
