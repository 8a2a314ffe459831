# Roundtable messages (en): pages of the meetings area. Keys here must exist in every language.

## Labels the meeting handlers compute (titles, the overview's windows, steps and choices)

mt-meetings-title = Meetings of { $team }
mt-voted-changed = You voted, and changed your ballot at { $clock } ({ $at }).
mt-voted-at = You voted at { $at }.
mt-not-chosen = not chosen yet
mt-window-proposals = Proposals
mt-window-voting = Voting
mt-window-opens-in = opens in { $time }
mt-window-open = open: { $time }
mt-window-closed = closed
mt-privacy-secret = secret
mt-privacy-open = open (leaders can see who ranked what)
mt-visibility-after-close = after voting closes
mt-visibility-live = live while voting
mt-rule-irv = ranked order (sequential IRV), then fill the time
mt-rule-mes = equal shares of time (Method of Equal Shares, minutes as cost)
mt-step-proposing = Proposing
mt-step-voting = Voting
mt-step-results = Results
mt-step-agenda = Agenda
mt-step-span = { $from } to { $to }
mt-step-from = from { $at }
mt-step-meeting = meeting { $at }
mt-next-until = until { $at }
mt-next-edit = Edit the meeting
mt-next-propose = Propose an item
mt-next-see-proposals = See the proposed items
mt-next-change-ballot = Change your ballot
mt-next-rank = Rank the items
mt-next-publish = Publish the agreed agenda
mt-next-results = See the results
mt-next-agenda = Read the agenda
mt-next-live = Follow the meeting live
mt-next-minutes = Read the minutes
mt-ballot-title = Your ballot: { $title }
mt-ballot-changed-status = You changed your ballot at { $clock } ({ $at }). You can change it until voting closes.
mt-ballot-voted-status = You voted at { $at }. You can change your ballot until voting closes.
mt-proposals-title = Proposals: { $title }
mt-proposal-hidden = Hidden by a leader: { $reason }
mt-proposal-merged = Merged into “{ $title }”
mt-proposal-another = another item
mt-proposal-withdrawn = Withdrawn by its author
mt-proposal-page-title = { $item }: { $meeting }
mt-agenda-title = Agenda: { $title }
mt-agenda-fixed = fixed item
mt-agenda-added = added by a leader
# $rank is an ordinal number: [one] 1st, 21st; [two] 2nd; [few] 3rd; [other] 4th, 11th.
mt-agenda-ranked = ranked { $rank ->
    [one] { $rank }st
    [two] { $rank }nd
    [few] { $rank }rd
   *[other] { $rank }th
}
mt-agenda-ranked-drawn = ranked { $rank ->
    [one] { $rank }st
    [two] { $rank }nd
    [few] { $rank }rd
   *[other] { $rank }th
}; a tie decided by the seeded draw (see Results)
mt-ics-agenda = Agenda:

## A meeting's phase, the facilitator and note-taker rotas, the scan's period, the minutes'
## first author and the new meeting's default fixed item

mt-phase-draft = draft: proposals not open yet
mt-phase-proposing = proposing
mt-phase-voting = voting
mt-phase-tallied = tallied
mt-phase-published = agenda published
mt-phase-held = being held
mt-phase-closed = closed
mt-never = never
mt-form-history-nobody = nobody
mt-form-default-fixed = Three-minute action scan
mt-scan-since-meeting = since { $at } ({ $title })
mt-scan-since-start = since the team began (this is its first meeting)
mt-scan-status-new = new
mt-minutes-drafted-at-close = Roundtable (drafted at close)

## Meeting form

mt-form-title-new = New meeting
mt-form-title-edit = Edit meeting
mt-form-team = Team
mt-form-meeting = The meeting
mt-form-purpose = Purpose line
mt-form-purpose-hint = One sentence linking this meeting to the team's purpose; shown at the top of every meeting page and the agenda.
mt-form-starts = Starts ({ $zone })
mt-form-budget = Time budget (minutes)
mt-form-budget-hint = 5 to 1,440.
mt-form-place = Place or link
mt-form-facilitator-hint = Listed from the member who facilitated least recently.
mt-form-not-chosen = Not chosen yet
mt-form-facilitator-choice = { $name } (last facilitated: { $last })
mt-form-windows = Windows ({ $zone })
mt-form-windows-intro = Members propose items, then rank them; the ballots are counted when voting closes, so close it before the meeting starts.
mt-form-windows-suggested = Suggested: proposals open now, voting opens three days and closes one day before the meeting.
mt-form-proposals-open = Proposals open
mt-form-proposals-close = Proposals close
mt-form-voting-open = Voting opens
mt-form-voting-close = Voting closes
mt-form-voting-close-hint = The ballots are counted once, right after this.
mt-form-privacy-secret = Secret: nobody can link a ballot to a person after the tally
mt-form-privacy-open = Open: leaders can see who ranked what
mt-form-privacy-frozen = Once the first ballot is cast, privacy is frozen and results can only be hidden longer.
mt-form-visibility-after-close = After voting closes (recommended: no bandwagon)
mt-form-visibility-live = Live while voting (open ballots only)
mt-form-results-choice = Results: { $choice }
mt-form-rule-irv = Ranked order (sequential IRV), then fill the time
mt-form-rule-mes = Equal shares of time (Method of Equal Shares, minutes as cost)
mt-form-fixed = Fixed items (reserved first)
mt-form-fixed-item = Fixed item { $number }
mt-form-fixed-minutes = Fixed item { $number } minutes
mt-form-save = Save changes
mt-form-schedule = Schedule the meeting
mt-form-history = Facilitator history of this meeting
mt-form-history-line = { $name }, from { $at }

## Results

mt-results-title = Results: { $title }
mt-results-hidden = Results are hidden until voting closes at { $closes }, so nobody follows the crowd.
mt-results-counting = Voting is open (it closes at { $closes }). The live count is being made in the background; reload this page in a moment.
mt-results-provisional = Provisional: voting is still open (it closes at { $closes }); these counts will change.
mt-results-recounting = Newer ballots are being counted in the background; reload in a moment to see them.
mt-results-counted = { $count ->
    [one] { $count } ballot counted
   *[other] { $count } ballots counted
}
mt-results-counted-at = at { $at }
mt-results-seed = ; tie-break seed { $seed }
mt-results-agenda = The agenda the count builds
mt-results-agenda-caption = Every item, in or out, and why
mt-results-used = { $used } of { $budget } minutes used.
mt-results-mes = Equal shares of time
mt-results-mes-intro = Every member holds an equal share of the meeting's minutes and spends it on the items they ranked; an item is chosen when its supporters can pay its minutes together. Ties, and the order of the tables below, follow the ranked (sequential IRV) count.
mt-results-step-by-step = Step by step
mt-results-chart = Count for first place, round by round
mt-results-chart-title = Votes per item in each round of the count for first place
mt-results-chart-desc = Votes for each item in the last { $shown } of the { $total } rounds of the count for first place; the table beside the chart gives the same numbers.
mt-results-round = Round { $round }
mt-results-undecided = (undecided)
mt-results-place = Place { $place }: { $winner }
mt-results-tie-break = Tie-break: { $tie }.
mt-results-last-rounds = The last { $shown } rounds; rounds 1 to { $earlier } are summarised in the explanation below.
mt-results-more-items = { $count ->
    [one] { $count } item with fewer votes is not shown.
   *[other] { $count } items with fewer votes are not shown.
}
mt-results-place-caption = Votes per item in each round of the count for place { $place }
mt-results-explained = The whole count, explained round by round
mt-results-check = Check it yourself
mt-results-check-recount = Download the anonymised ballots and the rules, then recount with
mt-results-check-receipt = Find your receipt fingerprint in the receipts list to see your ballot was counted.
mt-results-ballots-csv = Ballots (CSV, one ballot per line)
mt-results-rules-json = Rules, seed and items (JSON)
mt-results-receipts-csv = Receipt fingerprints with each ballot (CSV, same order)

## Turnout and who ranked what

mt-turnout-title = Turnout: { $title }
mt-turnout-heading = Turnout
mt-turnout-closes = Voting closes at { $closes }.
mt-turnout-reads = This page reads who has voted, never what they ranked: a secret ballot stays secret.
mt-turnout-not-voted = Not voted yet
mt-turnout-leader = (leader)
mt-turnout-everyone = Everyone has voted.
mt-turnout-not-voted-count = { $count ->
    [one] 1 member has not voted yet, by name:
   *[other] { $count } members have not voted yet, by name:
}
mt-turnout-pages = Pages of members who have not voted
mt-turnout-rankings = Who ranked what (open ballot)
mt-rankings-title = Who ranked what: { $title }
mt-rankings-heading = Who ranked what
mt-rankings-intro = This meeting's ballot was open: members were told before voting that leaders can see how each member ranked the items.
mt-rankings-csv = Download as CSV
mt-rankings-caption = Each member's ranking, first choice first
mt-rankings-col = Ranking, first choice first
mt-rankings-blank = (a blank ballot)
mt-rankings-nobody = Nobody voted.
mt-rankings-count = { $ballots ->
    [one] One ballot, by member name; fifty a page.
   *[other] { $ballots } ballots, by member name; fifty a page.
}
mt-rankings-more = { $count ->
    [one] …and one more choice (in the download).
   *[other] …and { $count } more choices (in the download).
}
mt-rankings-pages = Pages of rankings

## Live meeting

mt-live-heading = Live: { $title }
mt-live-not-published = The agenda is not published yet. A leader publishes it after the vote; then the facilitator runs the meeting from this page.
mt-live-closed = Closed at { $at }.
mt-live-time-used = Time used:
mt-live-planned = of { $count } min planned
mt-live-over = { $count } min over
mt-live-js-used = %t used
mt-live-js-over = %n min over
mt-live-roles = Roles
mt-live-roles-line = Facilitator: { $facilitator }. Note-taker: { $taker }.
mt-live-nobody-named = nobody named yet
mt-live-note-taker-label = Note-taker (members who took notes least recently first)
mt-live-nobody = Nobody
mt-live-note-taker-choice = { $name } (last: { $last })
mt-live-note-taker-suggested = { $name } (last: { $last }), suggested
mt-live-name-note-taker = Name the note-taker
mt-live-attendance = Attendance
mt-live-attendance-caption = Mark everyone at once, then save
mt-live-present = Present
mt-live-apologies = Apologies
mt-live-not-recorded = Not recorded
mt-live-is-present = { $name }: present
mt-live-is-apologies = { $name }: apologies
mt-live-is-not-recorded = { $name }: not recorded
mt-live-save-attendance = Save attendance
mt-live-attendance-count = { $present } present, { $apologies } with apologies, { $unrecorded } not recorded.
mt-live-attendance-pages = Pages of the attendance form
mt-live-attendance-page-note = Saving records the people on this page; the other pages keep what they have.
mt-live-item-planned = { $count } min planned;
mt-live-item-used = { $count } min used
mt-live-waiting = not started
mt-live-running = running
mt-live-done = done
mt-live-start = Start “{ $title }”
mt-live-end = End “{ $title }”
mt-live-decisions = Decisions
mt-review-on = (review on { $date })
mt-live-actions-caption = Actions agreed on this item
mt-live-record-decision = Record a decision
mt-live-decision = Decision
mt-live-review-label = Review on (optional)
mt-live-record-decision-submit = Record the decision
mt-live-record-action = Record an action
mt-live-record-action-submit = Record the action
mt-live-close = Close the meeting
mt-live-close-intro = Closing ends the running item and drafts the minutes from this record: attendance, each item's time, decisions and actions, and the items not reached.
mt-live-close-submit = Close the meeting and draft the minutes

## Minutes

mt-minutes-heading = Minutes: { $title }
mt-minutes-not-closed = The minutes are drafted when the facilitator closes the meeting on the
mt-minutes-live-page = live page
mt-minutes-not-published = The minutes are not published yet. The note-taker or a leader publishes them after the meeting.
mt-minutes-version = Version { $version }
mt-minutes-published = published
mt-minutes-draft = draft
mt-minutes-draft-who = (only the note-taker and leaders see drafts)
mt-minutes-newer = ; a newer version exists
mt-minutes-download = Download as Markdown
mt-minutes-text = Minutes text
mt-minutes-versions = Versions
mt-minutes-versions-caption = Newest first; every save is kept
mt-minutes-version-col = Version
mt-minutes-by = By
mt-minutes-edit = Edit the minutes
mt-minutes-edit-intro = Saving keeps a new version. Members read the latest published version; a draft saved after publishing does not replace it until you publish again.
mt-minutes-body = Minutes (Markdown, at most { $max } characters)
mt-minutes-save-draft = Save as draft
mt-minutes-save-publish = Save and publish to the members

## The three-minute scan

mt-scan-heading = Three-minute scan: { $title }
mt-scan-to-live = To the live meeting
mt-scan-title = Three-minute scan
mt-scan-since = What changed { $since }.
mt-scan-moved = Actions that moved
mt-scan-moved-line = : { $change } ({ $who }, { $when })
mt-scan-no-moves = No action changed status.
mt-scan-moved-more = { $count ->
    [one] and 1 earlier change: see the action log
   *[other] and { $count } earlier changes: see the action log
}
mt-scan-stuck = Blocked or overdue
mt-scan-stuck-blocked = : { $owner }, due { $due }; blocked: { $reason }
mt-scan-stuck-overdue = : { $owner }, due { $due }; overdue
mt-scan-nothing-stuck = Nothing is blocked or overdue.
mt-scan-stuck-more = { $count ->
    [one] and 1 more blocked or overdue action: see the action log
   *[other] and { $count } more blocked or overdue actions: see the action log
}
mt-scan-reviews = Decisions due for review
mt-scan-no-reviews = No decision has come up for review.
mt-scan-reviews-more = { $count ->
    [one] and 1 more decision due for review
   *[other] and { $count } more decisions due for review
}
mt-scan-unmet = Unmet help requests
mt-scan-no-unmet = Every help request has had an answer.
mt-scan-thanks = Recognitions
mt-scan-thanked = { $from } thanked { $to }: { $impact }
mt-scan-no-thanks = Nobody was thanked in the ledger.

## The agenda: printable view and publication

mt-agenda-not-published = The agenda is not published yet.
mt-publish-title = Publish the agenda: { $title }
mt-publish-intro = Start from the agenda the vote built. You may reorder (type positions), drop or add items; each difference from the vote needs a reason, which everyone will see.
mt-publish-errors = Some changes need a reason or a correction: see the messages below.
mt-publish-reserved = Reserved first:
mt-publish-caption = Items in the order of the vote
mt-publish-vote-place = Vote place
mt-publish-position = Position
mt-publish-reason-col = Reason for a change
mt-publish-left-out = (left out by the budget)
mt-publish-include = Include “{ $title }”
mt-publish-position-of = Position of “{ $title }”
mt-publish-reason-for = Reason for changing “{ $title }”
mt-publish-add = Add an urgent item (optional)
mt-publish-add-position = Position (blank: at the end)
mt-publish-add-reason = Reason
mt-publish-submit = Publish

## A proposal and its edit form

mt-proposal-back = ← All proposed items
mt-proposal-by = { $minutes } min, proposed by { $author }
mt-proposal-moderate = Moderate this item
mt-proposal-hide-reason = Reason for hiding (the author sees it)
mt-proposal-hide = Hide
mt-proposal-merge-into = Merge this duplicate into
mt-proposal-merge = Merge
mt-proposal-edit-title = Edit your proposal
mt-proposal-save = Save
mt-proposal-cancel = Cancel

## Ballot receipt

mt-receipt-saved = Ballot saved
mt-receipt-changed = Ballot changed
mt-receipt-changed-at = You changed your ballot at { $clock } ({ $at }).
mt-receipt-saved-at = Your ballot was saved at { $at }.
mt-receipt-can-change = You can change it until voting closes.
mt-receipt-code = Your receipt code
mt-receipt-keep = Keep this code: it is shown only now. After the count, the published ballot list shows each ballot's receipt fingerprint; yours will be
mt-receipt-keep-after = , so you can check your ballot was counted as cast. Nobody else can link it to you.
mt-receipt-ranking = Your ranking
mt-receipt-change = Change my ballot
mt-receipt-back = Back to the meeting
