# Roundtable messages (en) written in Rust (svc-meetings): validation problems, conflicts, confirmations.

## Meetings: the form and its changes

sm-choose-member = Choose a member of the team.
sm-choose-privacy = Choose open or secret ballots.
sm-choose-results-visibility = Choose when results are shown.
sm-choose-agenda-rule = Choose how the agenda is built.
sm-fixed-over-budget = The fixed items take { $reserved } minutes, more than the { $budget }-minute budget.
sm-secret-live-results = Secret ballots show results only after voting closes.
sm-start-frozen = The meeting has started; its start cannot change.
sm-tally-frozen = The tally has run with this setting; it can no longer change.

## Meetings: proposals

sm-proposals-closed = Proposals are not open for this meeting: they can be made only during the proposal window.
sm-proposals-frozen = Voting has opened: proposals can no longer be edited or withdrawn.
sm-merge-target = Choose another open item of this meeting to merge into.

## Ranked ballots (agenda items or budget ideas: $what is "item" or "idea")

sm-voting-closed-meeting = Voting is not open for this meeting: ballots can be cast only during the voting window.
sm-rank-range = Choose a rank from 1 to { $max }, or leave it blank.
sm-rank-taken = { $what ->
    [idea] Another idea already has rank { $rank }: give each idea its own rank.
   *[other] Another item already has rank { $rank }: give each item its own rank.
}
sm-rank-none = { $what ->
    [idea] Rank at least one idea.
   *[other] Rank at least one item.
}

## Meetings: turnout

sm-turnout = { $voted ->
    [one] { $voted } of { $members } has voted
   *[other] { $voted } of { $members } have voted
}

## Meetings: the agreed agenda and the minutes

sm-position-from-one = Enter a position from 1 up.
# Who changed the agenda, in the members' notice ("Added by The leader: …").
sm-the-leader = The leader
sm-minutes-empty = Write the minutes.
sm-minutes-too-long = Keep the minutes to at most { $max } characters.

## Meetings: the first draft of the minutes (Markdown, written in the language of the person
## who closes the meeting)

sm-draft-heading = # Minutes: { $title }
sm-draft-held = Held { $held }.
sm-draft-purpose = **Purpose:** { $purpose }
sm-draft-roles = Facilitator: { $facilitator }. Notes: { $note_taker }.
sm-draft-nobody-named = nobody named
sm-draft-attendance = ## Attendance
sm-draft-present = - Present: { $names }
sm-draft-apologies = - Apologies: { $names }
sm-draft-nobody-recorded = nobody recorded
sm-draft-items = ## Items
sm-draft-no-item = No item was taken.
sm-draft-item = ### { $number }. { $title } ({ $planned } min planned, { $used } min used)
sm-draft-decision = - Decision: { $text }
sm-draft-decision-review = - Decision: { $text } (review on { $date })
sm-draft-action = - Action: { $title } — { $owner }, due { $due }
sm-draft-discussed = - Discussed; no decision or action recorded.
sm-draft-time = Time: { $used } min used of { $planned } min planned.
sm-draft-not-reached = ## Not reached
sm-draft-all-reached = Every item was reached.
sm-draft-not-reached-item = - { $title } ({ $minutes } min)

## Budget rounds: the form and its changes

sm-choose-ballot-type = Choose a ballot type.
sm-choose-rule = Choose a rule.
sm-ballot-max-range = Enter a whole number from 1 to 1000, or leave it blank.
sm-ballot-max-missing = Enter the most ideas a member may approve.
sm-phragmen-needs-approval = Sequential Phragmén needs approval ballots: choose another rule or ballot type.
sm-round-closed = Voting has closed: this round can no longer be changed.
sm-round-frozen = Frozen once the first ballot is cast.
sm-voting-close-shortened = Voting may be extended, not shortened, once ballots exist.
sm-ideas-start-stays = The ideas phase has started: its start stays.
sm-review-start-stays = Review has started: its start stays.
sm-voting-start-stays = Voting has opened: its start stays.
sm-close-in-future = Choose a close in the future.

## Budget rounds: ideas and their review

sm-ideas-closed = Ideas can be proposed, changed and supported only during the ideas phase; this round is not in it now.
sm-idea-over-budget = An idea cannot cost more than the whole budget.
sm-idea-withdrawn = This idea was withdrawn.
sm-review-voting-opened = Voting has opened: the ideas on the ballot can no longer change.
sm-review-withdrawn = This idea was withdrawn by its author.
sm-choose-feasibility = Choose feasible or infeasible.
sm-infeasible-reason = Say why it is infeasible: { $problem }
sm-cost-reason = Say why the cost changes: { $problem }

## Budget rounds: ballots, outcome and follow-through

sm-voting-closed-round = Voting is not open for this round: ballots can be cast only during the voting phase.
sm-override-reason = Say why you override this idea: { $problem }
sm-publish-first = Publish the outcome first.
sm-follow-funded-only = Only funded ideas have follow-through.
sm-choose-status = Choose a status.

## Budget rounds: importing a Pabulib file

sm-import-too-large = The file is larger than { $kib } KiB.
sm-import-empty = Paste the contents of a .pb file.
sm-import-unusable = Not a usable .pb file: { $problem }
sm-import-ballot-type = Ballots of type `{ $kind }` cannot be imported: Roundtable rounds use approval or ranked ballots.
sm-import-phragmen = Sequential Phragmén needs approval ballots.
sm-import-decimals = Amounts with more than two decimals cannot be imported.
sm-import-budget = The budget is zero or too large.
sm-import-project-cost = Project `{ $project }` has a zero or too large cost.
