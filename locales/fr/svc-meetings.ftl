# Roundtable messages (fr) written in Rust (svc-meetings): validation problems, conflicts, confirmations.

## Réunions : le formulaire et ses modifications

sm-choose-member = Choisissez un membre de l'équipe.
sm-choose-privacy = Choisissez des bulletins publics ou secrets.
sm-choose-results-visibility = Choisissez quand les résultats sont affichés.
sm-choose-agenda-rule = Choisissez comment l'ordre du jour est établi.
sm-fixed-over-budget = { $budget ->
    [one] Les points fixes prennent { $reserved } minutes, plus que le budget d'une minute.
   *[other] Les points fixes prennent { $reserved } minutes, plus que le budget de { $budget } minutes.
}
sm-secret-live-results = Avec des bulletins secrets, les résultats ne sont affichés qu'après la clôture du vote.
sm-start-frozen = La réunion a commencé ; son début ne peut plus changer.
sm-tally-frozen = Le dépouillement a eu lieu avec ce réglage ; il ne peut plus changer.

## Réunions : propositions

sm-proposals-closed = Les propositions ne sont pas ouvertes pour cette réunion : elles ne peuvent être faites que pendant la période de propositions.
sm-proposals-frozen = Le vote est ouvert : les propositions ne peuvent plus être modifiées ni retirées.
sm-merge-target = Choisissez un autre point ouvert de cette réunion avec lequel fusionner.

## Bulletins classés (points de l'ordre du jour ou idées d'un tour de budget : $what vaut « item » ou « idea »)

sm-voting-closed-meeting = Le vote n'est pas ouvert pour cette réunion : les bulletins ne peuvent être déposés que pendant la période de vote.
sm-rank-range = Choisissez un rang de 1 à { $max }, ou laissez vide.
sm-rank-taken = { $what ->
    [idea] Une autre idée a déjà le rang { $rank } : donnez à chaque idée son propre rang.
   *[other] Un autre point a déjà le rang { $rank } : donnez à chaque point son propre rang.
}
sm-rank-none = { $what ->
    [idea] Classez au moins une idée.
   *[other] Classez au moins un point.
}

## Réunions : participation

sm-turnout = { $voted ->
    [one] { $voted } sur { $members } a voté
   *[other] { $voted } sur { $members } ont voté
}

## Réunions : l'ordre du jour adopté et le compte rendu

sm-position-from-one = Saisissez une position à partir de 1.
# Who changed the agenda, in the members' notice ("Added by The leader: …").
sm-the-leader = un responsable
sm-minutes-empty = Rédigez le compte rendu.
sm-minutes-too-long = Le compte rendu ne doit pas dépasser { $max } caractères.

## Réunions : le premier brouillon du compte rendu (Markdown, rédigé dans la langue de la
## personne qui clôt la réunion)

sm-draft-heading = # Compte rendu : { $title }
sm-draft-held = Réunion tenue le { $held }.
sm-draft-purpose = **Objectif :** { $purpose }
sm-draft-roles = Animation : { $facilitator }. Secrétariat de séance : { $note_taker }.
sm-draft-nobody-named = personne n'a été désigné
sm-draft-attendance = ## Présences
sm-draft-present = - Présents : { $names }
sm-draft-apologies = - Excusés : { $names }
sm-draft-nobody-recorded = personne
sm-draft-items = ## Points
sm-draft-no-item = Aucun point n'a été abordé.
sm-draft-item = ### { $number }. { $title } ({ $planned } min prévues, { $used } min utilisées)
sm-draft-decision = - Décision : { $text }
sm-draft-decision-review = - Décision : { $text } (à revoir le { $date })
sm-draft-action = - Action : { $title } — { $owner }, échéance le { $due }
sm-draft-discussed = - Point discuté ; aucune décision ni action notée.
sm-draft-time = Temps : { $used } min utilisées sur { $planned } min prévues.
sm-draft-not-reached = ## Points non abordés
sm-draft-all-reached = Tous les points ont été abordés.
sm-draft-not-reached-item = - { $title } ({ $minutes } min)

## Tours de budget : le formulaire et ses modifications

sm-choose-ballot-type = Choisissez un type de bulletin.
sm-choose-rule = Choisissez une règle.
sm-ballot-max-range = Saisissez un nombre entier de 1 à 1000, ou laissez vide.
sm-ballot-max-missing = Saisissez le nombre maximal d'idées qu'un membre peut approuver.
sm-phragmen-needs-approval = La méthode séquentielle de Phragmén demande des bulletins d'approbation : choisissez une autre règle ou un autre type de bulletin.
sm-round-closed = Le vote est clos : ce tour de budget ne peut plus être modifié.
sm-round-frozen = Figé dès le premier bulletin déposé.
sm-voting-close-shortened = Une fois des bulletins déposés, le vote peut être prolongé, pas raccourci.
sm-ideas-start-stays = La période des idées a commencé : son début ne change plus.
sm-review-start-stays = L'examen a commencé : son début ne change plus.
sm-voting-start-stays = Le vote est ouvert : son début ne change plus.
sm-close-in-future = Choisissez une clôture dans le futur.

## Tours de budget : idées et leur examen

sm-ideas-closed = Les idées ne peuvent être proposées, modifiées et soutenues que pendant la période des idées ; ce tour de budget n'y est pas en ce moment.
sm-idea-over-budget = Une idée ne peut pas coûter plus que le budget entier.
sm-idea-withdrawn = Cette idée a été retirée.
sm-review-voting-opened = Le vote est ouvert : les idées du bulletin ne peuvent plus changer.
sm-review-withdrawn = Cette idée a été retirée par son auteur.
sm-choose-feasibility = Choisissez réalisable ou irréalisable.
sm-infeasible-reason = Dites pourquoi elle est irréalisable : { $problem }
sm-cost-reason = Dites pourquoi le coût change : { $problem }

## Tours de budget : bulletins, résultat et suivi

sm-voting-closed-round = Le vote n'est pas ouvert pour ce tour de budget : les bulletins ne peuvent être déposés que pendant la période de vote.
sm-override-reason = Dites pourquoi vous passez outre le résultat pour cette idée : { $problem }
sm-publish-first = Publiez d'abord le résultat.
sm-follow-funded-only = Seules les idées financées ont un suivi.
sm-choose-status = Choisissez un statut.

## Tours de budget : importer un fichier Pabulib

sm-import-too-large = Le fichier dépasse { $kib } Kio.
sm-import-empty = Collez le contenu d'un fichier .pb.
sm-import-unusable = Ce fichier .pb est inutilisable : { $problem }
sm-import-ballot-type = Les bulletins de type `{ $kind }` ne peuvent pas être importés : les tours de budget de Roundtable utilisent des bulletins d'approbation ou classés.
sm-import-phragmen = La méthode séquentielle de Phragmén demande des bulletins d'approbation.
sm-import-decimals = Les montants de plus de deux décimales ne peuvent pas être importés.
sm-import-budget = Le budget est nul ou trop élevé.
sm-import-project-cost = Le projet `{ $project }` a un coût nul ou trop élevé.
