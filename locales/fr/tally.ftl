## Les explications du dépouillement (src/web/tally_phrases.rs) : raisons, départages, tour par tour.
# Les nombres arrivent déjà écrits pour la langue ; $count est le même nombre, pour choisir une forme.

# $n est un nombre ordinal : [one] 1er ; [other] 2e, 3e…
ty-ordinal = { $n ->
    [one] { $n }er
   *[other] { $n }e
}
ty-votes = { $count ->
    [one] { $n } voix
   *[other] { $n } voix
}
ty-ballots-n = { $count ->
    [one] { $n } bulletin
   *[other] { $n } bulletins
}
ty-overvotes = { $count ->
    [one] { $n } rang surchargé
   *[other] { $n } rangs surchargés
}
ty-skipped = { $count ->
    [one] { $n } rang sauté
   *[other] { $n } rangs sautés
}
ty-repeated = { $count ->
    [one] { $n } classement répété
   *[other] { $n } classements répétés
}
ty-minutes = { $count ->
    [one] { $n } minute
   *[other] { $n } minutes
}

## Tour par tour
ty-standing = { $name } { $votes }
ty-more = { $count } autres
ty-round = Tour { $round } : seuil { $threshold } ; { $standings }.
ty-rule-draw = choisi par le tirage au sort
ty-rule-listed-first = placé en premier dans l'ordre de départage
ty-rule-listed-last = placé en dernier dans l'ordre de départage
ty-rule-most = avait le plus de voix au tour { $round }
ty-rule-fewest = avait le moins de voix au tour { $round }
ty-rule-draw-after = toujours à égalité à chaque tour précédent ; choisi par le tirage au sort
ty-tie-elect-between = Égalité pour l'élection entre { $names } à { $votes } : { $chosen } { $rule }.
ty-tie-eliminate-between = Égalité pour l'élimination entre { $names } à { $votes } : { $chosen } { $rule }.
ty-tie-elect-among = Égalité pour l'élection entre { $count } points à { $votes } : { $chosen } { $rule }.
ty-tie-eliminate-among = Égalité pour l'élimination entre { $count } points à { $votes } : { $chosen } { $rule }.
ty-moved-first = report de { $votes } vers { $name }
ty-moved-next = { $votes } vers { $name }
ty-moved-exhausted = { $votes } sans suite
ty-moved-residual = { $votes } de reste résiduel
ty-moved-list = { " " }; { $list }
ty-elected = { $name } élu avec { $votes }{ $moved }.
ty-eliminated = { $name } éliminé avec { $votes }{ $moved }.
ty-inactive = Bulletins inactifs jusqu'ici : sans suite { $exhausted }, { $overvotes }, { $skipped }, { $repeated }{ $surplus }.
ty-inactive-surplus = , { $votes } d'excédent au dernier tour
ty-ballots = { $ballots } (blancs : { $blank }).
ty-pass = Décompte { $place } (place { $place }) :
ty-stopped-between = Arrêt au tour { $round } : l'égalité entre { $names } à { $votes } doit être tranchée par une personne.
ty-stopped-among = Arrêt au tour { $round } : une égalité entre { $count } points à { $votes } doit être tranchée par une personne.
ty-place = Place { $place } : { $name }.
ty-winners = Élus : { $names }.
ty-winners-none = Élus : aucun.
ty-seed = Graine du tirage au sort : { $seed }.
ty-early-rounds = { $count ->
    [one] Tours 1 à { $last } : { $count } point éliminé, chaque fois celui qui avait le moins de voix.
   *[other] Tours 1 à { $last } : { $count } points éliminés, chaque fois celui qui avait le moins de voix.
}
ty-not-ranked = { $count ->
    [one] Non classé : { $count } point ; l'ordre du jour était plein, aucune place suivante ne pouvait le changer.
   *[other] Non classés : { $count } points ; l'ordre du jour était plein, aucune place suivante ne pouvait le changer.
}

## Pourquoi un point est à l'ordre du jour ou non
ty-reason-fixed = point fixe ; { $minutes } réservées d'abord (il reste { $left } sur { $budget })
ty-reason-ranked = classé { $rank } ; { $tail }
ty-reason-fits = durée de { $minutes }, qui tient dans le temps (il reste { $left } sur { $budget })
ty-reason-too-long = durée de { $minutes }, qui dépasserait de { $over } min les { $budget } min prévues
ty-reason-not-ranked = non classé : l'ordre du jour était plein ({ $minutes } ; il reste { $left } sur { $budget })
ty-shares-chosen = retenu { $rank } par les parts égales ; { $tail }
ty-shares-nobody = non retenu par les parts égales : personne ne l'a classé
ty-shares-too-few = non retenu par les parts égales : trop peu de membres l'ont classé pour sa durée
ty-shares-too-long = non retenu par les parts égales ; ses { $minutes } min dépasseraient de { $over } min les { $budget } min prévues

## Un départage auquel un point a pris part
ty-tie-others = { $count ->
    [one] { $count } autre
   *[other] { $count } autres
}
ty-tie-and = { $rest } et { $last }
ty-tie-nobody = personne
ty-tie-two = à égalité { $score } à { $score } avec { $who }
ty-tie-at = { $count ->
    [one] à égalité à { $score } voix avec { $who }
   *[other] à égalité à { $score } voix avec { $who }
}
ty-tie-this-item = ce point
ty-tie-note-elect = { $tied } au tour { $round }{ $earlier } ; { $subject } a été élu : { $rule }{ $seed }
ty-tie-note-eliminate = { $tied } au tour { $round }{ $earlier } ; { $subject } a été éliminé : { $rule }{ $seed }
ty-tie-seed = { " " }(graine { $seed })
ty-tie-earlier = { " " }{ $count ->
    [one] (après 1 égalité antérieure)
   *[other] (après { $count } égalités antérieures)
}

## Pourquoi un dépouillement n'a pas de classement, ou s'est replié
ty-note-no-items = Aucun point n'a été proposé : l'ordre du jour ne contient que les points fixes.
ty-note-no-ballots = Aucun bulletin n'a été déposé : les points sont listés dans l'ordre où ils ont été proposés.
ty-note-count-failed = Le dépouillement n'a pas pu aboutir ({ $error }) ; les points sont listés dans l'ordre où ils ont été proposés.
ty-note-shares-failed = Les parts égales n'ont pas pu être calculées ({ $error }) ; l'ordre du jour suit l'ordre du classement.

## Parts égales, étape par étape
ty-mes-rule = Règle : { $rule }
ty-mes-budget = Budget { $budget }, { $voters } votants. { $funded } projet(s) financé(s) pour { $total } ({ $unspent } non dépensé) :
ty-mes-none = (aucun)
ty-mes-completion = Complément { $method } : exécution de la MES conservée avec { $endowment } par votant (après { $runs } exécution(s) de la MES) ; la MES a choisi { $mes }, l'algorithme glouton a ajouté { $added }.
ty-mes-nothing = rien
ty-mes-steps = Étapes :
ty-mes-buy-each = La MES achète { $project } (coût { $cost }) : chacun des { $supporters } partisans a payé { $price }.
ty-mes-buy-between = La MES achète { $project } (coût { $cost }) : ses { $supporters } partisans ont payé chacun entre { $low } et { $high } ({ $per } par unité d'utilité).
ty-mes-payment = { $voters } votant(s) ont payé { $paid } chacun, il leur reste { $left } chacun [{ $ids }{ $more }]
ty-mes-more = , +{ $count } autres
ty-mes-money-left = argent restant à l'ensemble des votants : { $total }
ty-mes-greedy-fund = glouton : financer { $project } (coût { $cost }, score { $score }) ; il reste { $left }.
ty-mes-greedy-skip = glouton : écarter { $project } (coût { $cost }, score { $score }) : il ne reste que { $left }.
ty-mes-fill-fund = complément glouton : financer { $project } (coût { $cost }, score { $score }) ; il reste { $left }.
ty-mes-fill-skip = complément glouton : écarter { $project } (coût { $cost }, score { $score }) : il ne reste que { $left }.
ty-mes-phragmen-fund = Phragmén finance { $project } (coût { $cost }, { $approvers } soutiens) ; leur charge est maintenant de { $load } ; il reste { $left }.
ty-mes-phragmen-stop = Phragmén s'arrête : { $projects } (charge { $load }) ne tient pas dans les { $left } restants.
ty-mes-infinite = infinie
ty-mes-ties = Égalités :
ty-mes-tie = choix { $choice } : { $tied } étaient aussi bons ; { $chosen } l'a emporté par { $by }.
ty-mes-by-id = le plus petit identifiant de projet
ty-mes-by-priority = l'ordre de priorité
