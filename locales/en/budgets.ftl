# Roundtable messages (en): pages of the budgets area. Keys here must exist in every language.

## Every page of a round (labels the handlers compute)

bg-phase-upcoming = not open yet
bg-phase-ideas = ideas: propose and support
bg-phase-review = review: leaders check feasibility and costs
bg-phase-voting = voting
bg-phase-results = results
bg-ballot-type-approval = approve any number of ideas
bg-ballot-type-approval-max = approve up to a maximum number of ideas
bg-ballot-type-knapsack = choose ideas whose costs fit the budget
bg-ballot-type-ranked = rank ideas, most preferred first
bg-rule-mes = Method of Equal Shares (with completion)
bg-rule-greedy = Greedy by votes
bg-rule-phragmen = Sequential Phragmén
bg-title = Title
bg-cost = Cost
bg-save = Save
bg-save-changes = Save changes
bg-idea = Idea
bg-votes = Votes
bg-funded = funded
bg-not-funded = not funded

## A team's budget rounds, and a round's overview

bg-rounds-title = Budgets of { $team }
bg-voted = You voted; last change { $when }.
bg-privacy-secret = secret
bg-privacy-open = open (leaders can see who chose what)

## Creating or editing a round

bg-form-new-title = New budget round
bg-form-edit-title = Edit budget round
bg-form-team = Team
bg-form-purpose = What the money is for
bg-form-purpose-hint = One or two sentences, shown at the top of every page of the round.
bg-form-amount = Amount
bg-form-amount-hint = Like 25000 or 25000.50.
bg-form-currency = Currency
bg-form-phases = Phases ({ $zone })
bg-form-ideas-open = Ideas open
bg-form-review-at = Review starts (ideas are frozen)
bg-form-voting-open = Voting opens
bg-form-voting-close = Voting closes
bg-form-voting-close-hint = The round is computed once, right after this.
bg-form-ballot = Ballot
bg-form-ballot-max = Most ideas per ballot
bg-form-ballot-max-hint = Needed for approval with a maximum; optional for ranked ballots.
bg-form-privacy-secret = Secret: nobody can link a ballot to a person after the computation
bg-form-privacy-open = Open: leaders can see who chose what
bg-form-frozen = Once the first ballot is cast, the ballot type, rule, privacy and amount are frozen and voting can only be extended.
bg-form-create = Create the round

## Ideas

bg-ideas-title = Ideas: { $round }
bg-ideas-cost = Cost:
bg-ideas-cost-changed = (proposed as { $original }; changed in review: { $reason })
bg-ideas-where = Where:
bg-ideas-proposed-by = Proposed by { $author }
bg-ideas-supporters = { $count ->
    [one] { $count } supporter
   *[other] { $count } supporters
}
bg-review = Review: { $status }
bg-review-reason = Review: { $status }: { $reason }
bg-ideas-discuss = Discuss “{ $title }”
bg-ideas-unsupport = Take back my support
bg-ideas-support = Support this idea
bg-ideas-withdraw = Withdraw
bg-review-summary = Review this idea
bg-review-decision = Decision
bg-review-feasible = Feasible
bg-review-infeasible = Infeasible
bg-review-why-infeasible = Why it is infeasible (everyone sees this)
bg-review-cost = Adjusted cost (optional)
bg-review-cost-reason = Why the cost changes
bg-review-save = Save the review
bg-ideas-none = No ideas yet.
bg-ideas-propose = Propose an idea
bg-idea-description = What it is and why
bg-idea-cost-hint = Like 1200 or 1200.50.
bg-idea-location = Location or category
bg-ideas-closed = Ideas can be proposed during the ideas phase only.
bg-status-proposed = not reviewed yet (on the ballot unless marked infeasible)
bg-status-withdrawn = withdrawn by its author
bg-status-feasible = feasible
bg-status-infeasible = infeasible

## An idea's page and editing an idea

bg-idea-title = { $idea }: { $round }
bg-idea-all = ← All ideas
bg-idea-proposed-by = proposed by { $author }
bg-idea-edit-title = Edit idea: { $idea }
bg-idea-edit-heading = Edit your idea

## The budget ballot

bg-ballot-title = Your ballot: { $round }
bg-ballot-voted = You voted (last change { $when }). You can change your ballot until voting closes.
bg-ballot-checked = Checked:
bg-ballot-chosen = { $count ->
    [one] { $count } idea chosen, costing { $total };
   *[other] { $count } ideas chosen, costing { $total };
}
bg-ballot-over = { $left } over the budget
bg-ballot-left = { $left } of the budget left
bg-ballot-at-most = { $max ->
    [one] At most { $max } idea.
   *[other] At most { $max } ideas.
}
bg-ballot-how = How to vote: { $type }.
bg-ballot-how-ranked = Type 1 beside your first choice, 2 beside the next, and so on; leave the rest blank.
bg-ballot-check = Check my total
bg-ballot-not-open = Voting is not open now.
bg-ballot-ideas = Ideas on the ballot
bg-ballot-idea-chosen = { $idea } ({ $cost }): on your ballot
bg-ballot-js-chosen-one = %n idea chosen, costing %c;
bg-ballot-js-chosen-other = %n ideas chosen, costing %c;
bg-ballot-js-over = %c over the budget.
bg-ballot-js-left = %c of the budget left.
bg-ballot-js-at-most = At most %m ideas.
bg-ballot-js-remove = At most %m ideas: remove %n.

## The receipt of a budget ballot

bg-receipt-saved = Ballot saved
bg-receipt-changed = Ballot changed
bg-receipt-at = Saved at { $at }. You can change it until voting closes.
bg-receipt-code = Your receipt code:
bg-receipt-shown-once = (shown only now).
bg-receipt-hash-lead = Only its hash,
bg-receipt-hash-rest = , is stored; it orders the anonymous ballots in the exported file.
bg-receipt-back = Back to the ballot

## Results

bg-results-title = Results: { $round }
bg-results-later = Results are shown when voting closes, so nobody votes for what seems to be winning.
bg-results-computed = { $count ->
    [one] Computed { $at } from { $count } ballot with { $rule }
   *[other] Computed { $at } from { $count } ballots with { $rule }
}
bg-results-spent = Spent { $spent }; left over { $left }.
bg-results-overrides = Where the published outcome differs from the rule
bg-results-override-funded = : funded although the rule did not fund it. Reason: { $reason }
bg-results-override-unfunded = : not funded although the rule funded it. Reason: { $reason }
bg-results-funded = Funded ideas
bg-results-funded-caption = Ideas funded by { $rule }, in the order they were chosen
bg-results-step = Step
bg-results-how = How it was paid
bg-results-follow = Follow-through
bg-results-status-owner = { $status }, owner { $owner }
bg-results-not-started = not started
bg-results-owner-hint = (a name from the list, or empty for nobody yet)
bg-results-status = Status
bg-follow-planned = planned
bg-follow-in-progress = in progress
bg-follow-done = done
bg-follow-dropped = dropped
bg-how-completion = added by the completion (greedy fill of what was left)
bg-how-paid = each of its { $count } supporters paid { $price } { $currency }
bg-how-unequal = its supporters paid unequal shares
bg-act-heading = Turn a funded idea into an action
bg-act-intro-lead = The action goes to the team's
bg-act-log = action log
bg-act-intro-rest = with this idea as its source.
bg-act-idea = Funded idea
bg-act-what = What
bg-act-what-hint = (leave empty to use the idea's title)
bg-act-due = Due
bg-act-submit = Record the action
bg-compare-heading = Beside it: greedy by votes
bg-compare-spent = Spent { $spent }.
bg-compare-same = Both rules fund the same ideas.
bg-diff-idea = { $title }, which { $support } of voters support, for { $share } of the budget
bg-diff-greedy-only = Greedy by votes would fund { $idea }; { $rule } does not.
bg-diff-rule-only = { $rule } funds { $idea }; greedy by votes would not.
bg-chart-heading = Votes per idea
bg-chart-description = Votes for the { $shown } ideas with most votes, out of { $ballots } ballots; funded ideas are dark.
bg-chart-votes = { $count ->
    [one] { $count } vote
   *[other] { $count } votes
}
bg-chart-caption = The same ideas as a table
bg-chart-greedy = Greedy
bg-download = Download:
bg-download-pb = Pabulib file (.pb)
bg-download-csv = ideas (CSV)
bg-recompute = Anyone can recompute the outcome with
bg-publish-heading = Publish the outcome
bg-publish-intro = Publish the computed outcome as it is, or override an idea: tick it and give a reason, which everyone will see.
bg-publish-caption = Ideas and overrides
bg-publish-computed = Computed
bg-publish-override = Override
bg-publish-reason = Reason
bg-publish-unfund = do not fund
bg-publish-fund = fund
bg-publish-reason-for = Reason for { $title }
bg-publish-submit = Publish

## Comment threads (budget ideas and agenda proposals)

bg-comments = Comments
bg-comments-count = Comments ({ $count })
bg-comment-edited = edited { $when }
bg-comment-edit-summary = Edit your comment
bg-comment-yours = Your comment
bg-comment-hide-summary = Hide this comment
bg-comment-hide-reason = Reason for hiding (everyone sees it)
bg-comment-hide = Hide
bg-comment-pages = Comment pages
bg-comment-earlier = Earlier comments
bg-comment-later = Later comments
bg-comments-none = No comments yet.
bg-comment-add = Add a comment
bg-comment-hint = Plain text, up to 2,000 characters. Leaders may hide a comment with a reason everyone sees.
bg-comment-post = Post comment
