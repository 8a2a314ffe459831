# Roundtable messages (fr): pages of the budgets area. Keys here must exist in every language.

## Toutes les pages d'un budget (libellés calculés par les gestionnaires)

bg-phase-upcoming = pas encore ouvert
bg-phase-ideas = idées : proposer et soutenir
bg-phase-review = examen : les responsables vérifient la faisabilité et les coûts
bg-phase-voting = vote
bg-phase-results = résultats
bg-ballot-type-approval = approuver autant d'idées que vous voulez
bg-ballot-type-approval-max = approuver des idées, jusqu'à un nombre maximal
bg-ballot-type-knapsack = choisir des idées dont les coûts tiennent dans le budget
bg-ballot-type-ranked = classer les idées, de la préférée à la moins préférée
bg-rule-mes = Méthode des parts égales (avec complétion)
bg-rule-greedy = Glouton par votes
bg-rule-phragmen = Phragmén séquentiel
bg-title = Titre
bg-cost = Coût
bg-save = Enregistrer
bg-save-changes = Enregistrer les modifications
bg-idea = Idée
bg-votes = Votes
bg-funded = financée
bg-not-funded = non financée

## Les budgets d'une équipe, et la vue d'ensemble d'un budget

bg-rounds-title = Budgets de { $team }
bg-voted = Vous avez voté ; dernière modification le { $when }.
bg-privacy-secret = secret
bg-privacy-open = ouvert (les responsables peuvent voir qui a choisi quoi)

## Créer ou modifier un budget

bg-form-new-title = Nouveau budget participatif
bg-form-edit-title = Modifier le budget participatif
bg-form-team = Équipe
bg-form-purpose = À quoi sert l'argent
bg-form-purpose-hint = Une ou deux phrases, affichées en haut de chaque page du budget.
bg-form-amount = Montant
bg-form-amount-hint = Par exemple 25000 ou 25000.50.
bg-form-currency = Devise
bg-form-phases = Phases ({ $zone })
bg-form-ideas-open = Ouverture des idées
bg-form-review-at = Début de l'examen (les idées sont figées)
bg-form-voting-open = Ouverture du vote
bg-form-voting-close = Clôture du vote
bg-form-voting-close-hint = Le budget est calculé une seule fois, juste après.
bg-form-ballot = Bulletin
bg-form-ballot-max = Nombre maximal d'idées par bulletin
bg-form-ballot-max-hint = Obligatoire pour l'approbation avec un maximum ; facultatif pour les bulletins classés.
bg-form-privacy-secret = Secret : personne ne peut relier un bulletin à une personne après le calcul
bg-form-privacy-open = Ouvert : les responsables peuvent voir qui a choisi quoi
bg-form-frozen = Dès que le premier bulletin est déposé, le type de bulletin, la règle, la confidentialité et le montant sont figés, et le vote ne peut plus qu'être prolongé.
bg-form-create = Créer le budget

## Idées

bg-ideas-title = Idées : { $round }
bg-ideas-cost = Coût :
bg-ideas-cost-changed = (proposée à { $original } ; modifiée lors de l'examen : { $reason })
bg-ideas-where = Où :
bg-ideas-proposed-by = Proposée par { $author }
bg-ideas-supporters = { $count ->
    [one] { $count } soutien
   *[other] { $count } soutiens
}
bg-review = Examen : { $status }
bg-review-reason = Examen : { $status } : { $reason }
bg-ideas-discuss = Discuter de « { $title } »
bg-ideas-unsupport = Retirer mon soutien
bg-ideas-support = Soutenir cette idée
bg-ideas-withdraw = Retirer
bg-review-summary = Examiner cette idée
bg-review-decision = Décision
bg-review-feasible = Réalisable
bg-review-infeasible = Irréalisable
bg-review-why-infeasible = Pourquoi elle est irréalisable (tout le monde le voit)
bg-review-cost = Coût ajusté (facultatif)
bg-review-cost-reason = Pourquoi le coût change
bg-review-save = Enregistrer l'examen
bg-ideas-none = Pas encore d'idée.
bg-ideas-propose = Proposer une idée
bg-idea-description = Ce que c'est et pourquoi
bg-idea-cost-hint = Par exemple 1200 ou 1200.50.
bg-idea-location = Lieu ou catégorie
bg-ideas-closed = Les idées ne peuvent être proposées que pendant la phase des idées.
bg-status-proposed = pas encore examinée (sur le bulletin sauf si elle est jugée irréalisable)
bg-status-withdrawn = retirée par son auteur
bg-status-feasible = réalisable
bg-status-infeasible = irréalisable

## La page d'une idée, et modifier une idée

bg-idea-title = { $idea } : { $round }
bg-idea-all = ← Toutes les idées
bg-idea-proposed-by = proposée par { $author }
bg-idea-edit-title = Modifier l'idée : { $idea }
bg-idea-edit-heading = Modifier votre idée

## Le bulletin du budget

bg-ballot-title = Votre bulletin : { $round }
bg-ballot-voted = Vous avez voté (dernière modification le { $when }). Vous pouvez modifier votre bulletin jusqu'à la clôture du vote.
bg-ballot-checked = Vérifié :
bg-ballot-chosen = { $count ->
    [one] { $count } idée choisie, pour un coût de { $total } ;
   *[other] { $count } idées choisies, pour un coût de { $total } ;
}
bg-ballot-over = { $left } de plus que le budget
bg-ballot-left = { $left } de budget restant
bg-ballot-at-most = { $max ->
    [one] Au plus { $max } idée.
   *[other] Au plus { $max } idées.
}
bg-ballot-how = Comment voter : { $type }.
bg-ballot-how-ranked = Saisissez 1 à côté de votre premier choix, 2 à côté du suivant, et ainsi de suite ; laissez les autres vides.
bg-ballot-check = Vérifier mon total
bg-ballot-not-open = Le vote n'est pas ouvert en ce moment.
bg-ballot-ideas = Idées sur le bulletin
bg-ballot-idea-chosen = { $idea } ({ $cost }) : sur votre bulletin
bg-ballot-js-chosen-one = %n idée choisie, pour un coût de %c ;
bg-ballot-js-chosen-other = %n idées choisies, pour un coût de %c ;
bg-ballot-js-over = %c de plus que le budget.
bg-ballot-js-left = %c de budget restant.
bg-ballot-js-at-most = Au plus %m idées.
bg-ballot-js-remove = Au plus %m idées : retirez-en %n.

## Le reçu d'un bulletin du budget

bg-receipt-saved = Bulletin enregistré
bg-receipt-changed = Bulletin modifié
bg-receipt-at = Enregistré le { $at }. Vous pouvez le modifier jusqu'à la clôture du vote.
bg-receipt-code = Votre code de reçu :
bg-receipt-shown-once = (affiché seulement maintenant).
bg-receipt-hash-lead = Seule son empreinte,
bg-receipt-hash-rest = , est conservée ; elle ordonne les bulletins anonymes dans le fichier exporté.
bg-receipt-back = Retour au bulletin

## Résultats

bg-results-title = Résultats : { $round }
bg-results-later = Les résultats sont affichés à la clôture du vote, pour que personne ne vote pour ce qui semble gagner.
bg-results-computed = { $count ->
    [one] Calculé le { $at } à partir de { $count } bulletin avec { $rule }
   *[other] Calculé le { $at } à partir de { $count } bulletins avec { $rule }
}
bg-results-spent = Dépensé : { $spent } ; reste : { $left }.
bg-results-overrides = Là où le résultat publié s'écarte de la règle
bg-results-override-funded = { " " }: financée alors que la règle ne la finançait pas. Raison : { $reason }
bg-results-override-unfunded = { " " }: non financée alors que la règle la finançait. Raison : { $reason }
bg-results-funded = Idées financées
bg-results-funded-caption = Idées financées par { $rule }, dans l'ordre où elles ont été choisies
bg-results-step = Étape
bg-results-how = Comment elle a été payée
bg-results-follow = Suivi
bg-results-status-owner = { $status }, responsable : { $owner }
bg-results-not-started = pas commencée
bg-results-owner-hint = (un nom de la liste, ou vide pour personne pour l'instant)
bg-results-status = État
bg-follow-planned = prévue
bg-follow-in-progress = en cours
bg-follow-done = terminée
bg-follow-dropped = abandonnée
bg-how-completion = ajoutée par la complétion (remplissage glouton de ce qui restait)
bg-how-paid = { $count ->
    [one] son soutien a payé { $price } { $currency }
   *[other] chacun de ses { $count } soutiens a payé { $price } { $currency }
}
bg-how-unequal = ses soutiens ont payé des parts inégales
bg-act-heading = Transformer une idée financée en action
bg-act-intro-lead = L'action va dans le
bg-act-log = registre des actions
bg-act-intro-rest = de l'équipe, avec cette idée pour source.
bg-act-idea = Idée financée
bg-act-what = Quoi
bg-act-what-hint = (laissez vide pour reprendre le titre de l'idée)
bg-act-due = Échéance
bg-act-submit = Enregistrer l'action
bg-compare-heading = En regard : glouton par votes
bg-compare-spent = Dépensé : { $spent }.
bg-compare-same = Les deux règles financent les mêmes idées.
bg-diff-idea = { $title }, que soutiennent { $support } des votants, pour { $share } du budget
bg-diff-greedy-only = Glouton par votes financerait { $idea } ; { $rule } ne le fait pas.
bg-diff-rule-only = { $rule } finance { $idea } ; glouton par votes ne le ferait pas.
bg-chart-heading = Votes par idée
bg-chart-description = { $ballots ->
    [one] Votes pour les { $shown } idées ayant reçu le plus de votes, sur { $ballots } bulletin ; les idées financées sont en foncé.
   *[other] Votes pour les { $shown } idées ayant reçu le plus de votes, sur { $ballots } bulletins ; les idées financées sont en foncé.
}
bg-chart-votes = { $count ->
    [one] { $count } vote
   *[other] { $count } votes
}
bg-chart-caption = Les mêmes idées sous forme de tableau
bg-chart-greedy = Glouton
bg-download = Télécharger :
bg-download-pb = fichier Pabulib (.pb)
bg-download-csv = idées (CSV)
bg-recompute = Tout le monde peut recalculer le résultat avec
bg-publish-heading = Publier le résultat
bg-publish-intro = Publiez le résultat calculé tel quel, ou modifiez le sort d'une idée : cochez-la et donnez une raison, que tout le monde verra.
bg-publish-caption = Idées et modifications
bg-publish-computed = Calculé
bg-publish-override = Modification
bg-publish-reason = Raison
bg-publish-unfund = ne pas financer
bg-publish-fund = financer
bg-publish-reason-for = Raison pour { $title }
bg-publish-submit = Publier

## Fils de commentaires (idées de budget et points proposés)

bg-comments = Commentaires
bg-comments-count = Commentaires ({ $count })
bg-comment-edited = modifié le { $when }
bg-comment-edit-summary = Modifier votre commentaire
bg-comment-yours = Votre commentaire
bg-comment-hide-summary = Masquer ce commentaire
bg-comment-hide-reason = Raison du masquage (tout le monde la voit)
bg-comment-hide = Masquer
bg-comment-pages = Pages de commentaires
bg-comment-earlier = Commentaires précédents
bg-comment-later = Commentaires suivants
bg-comments-none = Pas encore de commentaire.
bg-comment-add = Ajouter un commentaire
bg-comment-hint = Texte brut, jusqu'à 2 000 caractères. Les responsables peuvent masquer un commentaire en donnant une raison que tout le monde voit.
bg-comment-post = Publier le commentaire
