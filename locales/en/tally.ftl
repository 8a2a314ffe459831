## The count's explanations (src/web/tally_phrases.rs): reasons, tie-breaks, round by round.
# Numbers arrive already written for the language; $count is the same number, to choose a form.

# $n is an ordinal number: [one] 1st, 21st; [two] 2nd; [few] 3rd; [other] 4th, 11th.
ty-ordinal = { $n ->
    [one] { $n }st
    [two] { $n }nd
    [few] { $n }rd
   *[other] { $n }th
}
ty-votes = { $count ->
    [one] { $n } vote
   *[other] { $n } votes
}
ty-ballots-n = { $count ->
    [one] { $n } ballot
   *[other] { $n } ballots
}
ty-overvotes = { $count ->
    [one] { $n } overvote
   *[other] { $n } overvotes
}
ty-skipped = { $count ->
    [one] { $n } skipped ranking
   *[other] { $n } skipped rankings
}
ty-repeated = { $count ->
    [one] { $n } repeated ranking
   *[other] { $n } repeated rankings
}
ty-minutes = { $count ->
    [one] { $n } minute
   *[other] { $n } minutes
}

## Round by round
ty-standing = { $name } { $votes }
ty-more = { $count } more
ty-round = Round { $round }: threshold { $threshold }; { $standings }.
ty-rule-draw = chosen by the seeded random draw
ty-rule-listed-first = listed first in the tie-break order
ty-rule-listed-last = listed last in the tie-break order
ty-rule-most = had the most votes in round { $round }
ty-rule-fewest = had the fewest votes in round { $round }
ty-rule-draw-after = still tied in every earlier round; chosen by the seeded random draw
ty-tie-elect-between = Tie to elect between { $names } at { $votes }: { $chosen } { $rule }.
ty-tie-eliminate-between = Tie to eliminate between { $names } at { $votes }: { $chosen } { $rule }.
ty-tie-elect-among = Tie to elect among { $count } items at { $votes }: { $chosen } { $rule }.
ty-tie-eliminate-among = Tie to eliminate among { $count } items at { $votes }: { $chosen } { $rule }.
ty-moved-first = { $votes } moved to { $name }
ty-moved-next = { $votes } to { $name }
ty-moved-exhausted = { $votes } exhausted
ty-moved-residual = { $votes } residual surplus
ty-moved-list = ; { $list }
ty-elected = { $name } elected with { $votes }{ $moved }.
ty-eliminated = { $name } eliminated with { $votes }{ $moved }.
ty-inactive = Inactive ballots so far: { $exhausted } exhausted, { $overvotes }, { $skipped }, { $repeated }{ $surplus }.
ty-inactive-surplus = , { $votes } final-round surplus
ty-ballots = { $ballots }, { $blank } blank.
ty-pass = Pass { $place } (place { $place }):
ty-stopped-between = Stopped in round { $round }: tie between { $names } at { $votes } must be decided by a person.
ty-stopped-among = Stopped in round { $round }: a tie among { $count } at { $votes } must be decided by a person.
ty-place = Place { $place }: { $name }.
ty-winners = Winners: { $names }.
ty-winners-none = Winners: none.
ty-seed = Random seed: { $seed }.
ty-early-rounds = Rounds 1 to { $last }: { $count } items eliminated, each with the fewest votes.
ty-not-ranked = Not ranked: { $count } items; the agenda was full, so no later place could change it.

## Why an item is on the agenda or not
ty-reason-fixed = fixed item; { $minutes } reserved first ({ $left } of { $budget } left)
ty-reason-ranked = ranked { $rank }; { $tail }
ty-reason-fits = { $minutes } fits ({ $left } of { $budget } left)
ty-reason-too-long = { $minutes } would pass the { $budget }-minute budget by { $over }
ty-reason-not-ranked = not ranked: the agenda was full ({ $minutes }; { $left } of { $budget } left)
ty-shares-chosen = chosen { $rank } by equal shares; { $tail }
ty-shares-nobody = not chosen by equal shares: nobody ranked it
ty-shares-too-few = not chosen by equal shares: too few members ranked it for its minutes
ty-shares-too-long = not chosen by equal shares; { $minutes } minutes would pass the { $budget }-minute budget by { $over }

## A tie-break an item took part in
ty-tie-others = { $count ->
    [one] { $count } other
   *[other] { $count } others
}
ty-tie-and = { $rest } and { $last }
ty-tie-nobody = nobody
ty-tie-two = tied { $score }–{ $score } with { $who }
ty-tie-at = { $count ->
    [one] tied at { $score } vote with { $who }
   *[other] tied at { $score } votes with { $who }
}
ty-tie-this-item = this item
ty-tie-note-elect = { $tied } in round { $round }{ $earlier }; { $subject } was elected: { $rule }{ $seed }
ty-tie-note-eliminate = { $tied } in round { $round }{ $earlier }; { $subject } was eliminated: { $rule }{ $seed }
ty-tie-seed = { " " }(seed { $seed })
ty-tie-earlier = { " " }{ $count ->
    [one] (after 1 earlier tie)
   *[other] (after { $count } earlier ties)
}

## Why a count has no ranking, or fell back
ty-note-no-items = No items were proposed: the agenda holds the fixed items only.
ty-note-no-ballots = No ballots were cast: items are listed in the order they were proposed.
ty-note-count-failed = The count could not finish ({ $error }); items are listed in the order they were proposed.
ty-note-shares-failed = Equal shares could not run ({ $error }); the agenda follows the ranked order.

## Equal shares, step by step
ty-mes-rule = Rule: { $rule }
ty-mes-budget = Budget { $budget }, { $voters } voters. Funded { $funded } project(s) for { $total } ({ $unspent } unspent):
ty-mes-none = (none)
ty-mes-completion = Completion { $method }: kept the MES run with { $endowment } per voter (after { $runs } MES run(s)); MES chose { $mes }, greedy added { $added }.
ty-mes-nothing = nothing
ty-mes-steps = Steps:
ty-mes-buy-each = MES buys { $project } (cost { $cost }): each of the { $supporters } supporters paid { $price }.
ty-mes-buy-between = MES buys { $project } (cost { $cost }): its { $supporters } supporters paid between { $low } and { $high } each ({ $per } per unit of utility).
ty-mes-payment = { $voters } voter(s) paid { $paid } each, { $left } left each [{ $ids }{ $more }]
ty-mes-more = , +{ $count } more
ty-mes-money-left = money left with all voters: { $total }
ty-mes-greedy-fund = greedy: fund { $project } (cost { $cost }, score { $score }); { $left } left.
ty-mes-greedy-skip = greedy: skip { $project } (cost { $cost }, score { $score }): only { $left } left.
ty-mes-fill-fund = greedy fill: fund { $project } (cost { $cost }, score { $score }); { $left } left.
ty-mes-fill-skip = greedy fill: skip { $project } (cost { $cost }, score { $score }): only { $left } left.
ty-mes-phragmen-fund = Phragmén funds { $project } (cost { $cost }, { $approvers } approvers); their load is now { $load }; { $left } left.
ty-mes-phragmen-stop = Phragmén stops: { $projects } (load { $load }) does not fit in the { $left } left.
ty-mes-infinite = infinite
ty-mes-ties = Ties:
ty-mes-tie = choice { $choice }: { $tied } were equally good; { $chosen } won by { $by }.
ty-mes-by-id = smallest project id
ty-mes-by-priority = priority order
