# Roundtable messages (en): pages of the follow area. Keys here must exist in every language.

## Actions: shared words (list, one action, the table and form macros)

fl-actions = Actions
fl-owner = Owner
fl-due = Due
fl-status = Status
fl-source = Source
fl-overdue = overdue
fl-what = What
fl-choose-member = Choose a member
fl-col-action = Action
fl-status-open = open
fl-status-in-progress = in progress
fl-status-blocked = blocked
fl-status-done = done
fl-status-dropped = dropped
fl-status-reason = { $status }: { $reason }

## Actions list

fl-actions-title = Actions · { $team }
fl-actions-lead = What the team agreed to do, who does it and by when. Only the owner and leaders change an action's status; anyone in the team may comment.
fl-actions-filters = Filters
fl-filter-all = All
fl-filter-mine = Mine
fl-filter-open = Open
fl-filter-overdue = Overdue
fl-filter-blocked = Blocked
fl-actions-anyone = Anyone
fl-actions-meeting-number = Meeting number
fl-actions-filter = Filter
fl-actions-caption = Actions, soonest due first
fl-actions-none = No actions match.
fl-actions-csv = Download these actions as CSV
fl-actions-new = New action
fl-actions-from = From
fl-actions-from-help = help request { $id }
fl-actions-from-idea = From a funded budget idea (an empty “What” takes its title).
fl-actions-submit = Record the action

## One action

fl-action-change = Change the status
fl-action-new-status = New status
fl-action-reason = Reason (needed for blocked and dropped)
fl-action-history = History
fl-action-history-line = { $when }: { $who }, { $what }
fl-action-comments = Comments
fl-action-comment-by = { $name }:
fl-action-no-comments = No comments yet.
fl-action-your-comment = Your comment
fl-action-comment-submit = Comment

## Ledger: shared words

fl-time = Time
fl-date = Date
fl-category = Category
fl-helper = Helper
fl-helped = Helped
fl-minutes = Minutes
fl-exchanges = Exchanges
fl-help = Help
fl-state-pending = pending
fl-state-confirmed = confirmed
fl-state-disputed = disputed
fl-state-rejected = rejected
fl-state-expired = expired
fl-state-reversed = reversed
fl-entry-line = { $helper } helped { $helped }: { $minutes } on { $date }
fl-minutes-exchanges = { $minutes } ({ $count ->
    [one] { $count } exchange
   *[other] { $count } exchanges
})
fl-former-member = former member
fl-days-hint = 1 to 60.

## One exchange

fl-exchange = Exchange
fl-exchange-title = { $helper } helped { $helped }
fl-exchange-recorded-by = Recorded by
fl-exchange-waiting = waiting for { $name }
fl-exchange-lapses = lapses { $date }
fl-exchange-note = Note (private to the two people and leaders)
fl-exchange-disputed-because = Disputed because
fl-exchange-resolution = Leader's resolution
fl-exchange-corrected-because = Corrected because
fl-check-form = Please check the form below.
fl-exchange-answer = Your answer
fl-exchange-confirm = Confirm { $minutes }
fl-exchange-other-minutes = It was a different time (minutes)
fl-exchange-other-minutes-hint = The other person then confirms your number.
fl-exchange-suggest = Suggest these minutes
fl-exchange-dispute-label = Dispute: what is wrong?
fl-exchange-dispute-hint = A leader will resolve it.
fl-exchange-dispute = Dispute
fl-exchange-resolve-heading = Resolve the dispute
fl-exchange-decision = Decision
fl-exchange-decision-confirm = Confirm (it counts)
fl-exchange-decision-reject = Reject (it does not count)
fl-exchange-minutes-if = Minutes if confirmed
fl-exchange-keep = Leave as is to keep { $minutes }.
fl-exchange-reason-both = Reason (shown to both people)
fl-exchange-resolve = Resolve
fl-exchange-correct-heading = Correct this entry
fl-exchange-correct-intro = Confirmed entries are never edited. A correction adds a reversing entry, so the entry stops counting; record the right one afterwards if needed.
fl-exchange-correct-why = Why it is being corrected
fl-exchange-reverse = Reverse this entry
fl-moved-confirm = Confirmed: this help now counts in the team ledger.
fl-moved-adjust = Adjusted: the other person is asked to confirm the new minutes.
fl-moved-dispute = Disputed: a leader will look at it; it does not count meanwhile.
fl-moved-resolve = Resolved: your decision is recorded in the entry's history.
fl-moved-reverse = Reversed: this entry no longer counts.
fl-moved-next = See what else is waiting for you

## My reciprocity

fl-me-title = My reciprocity · { $team }
fl-me-lead = Help you gave and received in { $team }. Not a currency: nobody owes anything — it makes effort visible.
fl-me-csv = Download my entries (CSV)
fl-me-recorded = Recorded. Thank you for making help visible.
fl-me-pending = Recorded. It counts once the person you helped confirms it (within 14 days).
fl-me-thanked = Your thank-you is on the team page.
fl-me-new = New for you
fl-me-totals = Given and received
fl-me-totals-caption = Minutes and exchanges given and received, by period
fl-me-period = Period
fl-me-given = Given
fl-me-received = Received
fl-period-recent = Last 4 weeks
fl-period-term = This term
fl-period-all = All time
fl-me-index = Balance index (all time):
fl-me-index-explain = — (given − received) ÷ (given + received): +1 only gave, −1 only received, 0 even.
fl-me-index-later = Your balance index appears after two confirmed exchanges.
fl-me-waiting = Waiting for an answer
fl-me-for-you = For you to confirm
fl-me-for-them = Waiting for the other person
fl-me-nothing-waiting = Nothing is waiting. Pending entries count only once confirmed, and lapse after 14 days.
fl-me-record = Record help
fl-me-who = Who helped whom?
fl-me-gave = I helped someone (they confirm it)
fl-me-received-help = Someone helped me (confirmed at once)
fl-me-between = As a leader, for two other members (use the two lists below)
fl-me-other-person = The other person
fl-me-type-name = Start typing a name and choose it from the list.
fl-me-helper-leaders = Helper (leaders recording for two others)
fl-me-helped-leaders = Helped (leaders recording for two others)
fl-me-minutes-hint = 1 to 600. At most 12 hours per person and day.
fl-me-date-hint = Empty means today ({ $today }); back to { $earliest }.
fl-me-category-hint = For example planning, cover, marking. Optional.
fl-me-note = Note (seen only by the two of you and leaders)
fl-me-people = People
fl-me-people-helped = People I helped
fl-me-people-helpers = People who helped me
fl-me-person-line = { $name }: { $minutes } ({ $count ->
    [one] { $count } exchange
   *[other] { $count } exchanges
})
fl-me-more = and { $count } more (all in the CSV of your entries).
fl-me-none-yet = None yet.
fl-me-no-thanks = None yet.
fl-me-thanks = Thanks
fl-me-say-thanks = Say thank you
fl-me-thank = Thank
fl-me-impact = The difference it made, in a line
fl-me-impact-hint = For example: the rubric cut moderation time by 30 minutes. Shown on the team page.
fl-me-thanks-received = Thanks I received
fl-me-thanks-line = “{ $impact }” — { $from }
fl-me-thanks-hidden = hidden from the team page
fl-me-thanks-show = Show on the team page
fl-me-thanks-hide = Hide from the team page
fl-me-entries = My entries
fl-me-entries-showing = { $total } entries; showing { $first }–{ $last }, newest first.
fl-me-entries-caption = Your ledger entries, newest first
fl-me-entries-caption-page = Your ledger entries, newest first, page { $page } of { $pages }
fl-me-your-answer = (your answer)
fl-me-entry-pages = Entry pages
fl-me-no-entries = No entries yet.

## Team ledger

fl-team-title = Team ledger · { $team }
fl-team-lead = Who helped whom in { $team } — so that one-way load can be seen and shared. Notes are never shown here.
fl-team-csv = Download this table (CSV)
fl-team-period = Period
fl-window-recent = the last 4 weeks
fl-window-term = this term
fl-window-all = all time
fl-team-load = Sharing the load
fl-team-carrying = { $name } gave { $share } of the team's help over the last 8 weeks — who can share the load?
fl-team-top = Gave the most help, { $window }
fl-team-top-line = { $name }: { $given } ({ $share } of the team's help)
fl-team-members = Members, { $window }
fl-team-totals = { $count ->
    [one] { $count } confirmed exchange, { $minutes } of help in all.
   *[other] { $count } confirmed exchanges, { $minutes } of help in all.
}
fl-team-showing = Showing members { $first }–{ $last } of { $total }; the CSV has everyone.
fl-team-caption = Help given and received per member, { $window }. Select a column heading to sort.
fl-team-caption-page = Help given and received per member, { $window }, page { $page } of { $pages }. Select a column heading to sort.
fl-col-member = Member
fl-col-given = Given
fl-col-received = Received
fl-col-index = Balance index
fl-col-share = Share of the team's help
fl-col-last = Last exchange
fl-team-not-yet = not yet
fl-team-member-pages = Member table pages
fl-team-evenly = How evenly help is given
fl-team-gini = Gini of minutes given
fl-team-gini-explain = (0 = everyone gives the same; near 1 = one person gives it all)
fl-team-top1 = Share given by the top giver
fl-team-top20 = { $count ->
    [one] Share given by the top 20% ({ $count } person)
   *[other] Share given by the top 20% ({ $count } people)
}
fl-team-quiet-heading = An open invitation
fl-team-quiet = No help recorded in the last 8 weeks with:
fl-team-quiet-more = { $count ->
    [one] and { $count } other
   *[other] and { $count } others
}
fl-team-quiet-invite = Everyone has something to offer — and asking is help too: post an
fl-team-quiet-link = offer or a request
fl-team-trend = Monthly trend
fl-team-trend-title = Minutes of help per month
fl-team-trend-desc = Bar chart of the last six months; the same numbers are in the table below.
fl-team-trend-caption = Minutes and exchanges per month
fl-team-month = Month
fl-team-graph = Who helped whom, { $window }
fl-team-graph-title = Who helped whom
fl-team-graph-desc-top = The { $count } members who gave and received the most on a circle; an arrow goes from the helper to the person helped, thicker for more minutes. The table below lists the pairs with the most minutes.
fl-team-graph-desc-all = Members on a circle; an arrow goes from the helper to the person helped, thicker for more minutes. The table below lists the pairs with the most minutes.
fl-team-arrow = { $helper } helped { $helped }: { $minutes } ({ $count ->
    [one] { $count } exchange
   *[other] { $count } exchanges
})
fl-team-pairs-caption = Who helped whom, { $window } (most minutes first)
fl-team-pairs-caption-some = Who helped whom, { $window } (most minutes first; the { $shown } largest of { $total } pairs)
fl-team-no-help = No confirmed help in this period yet.
fl-team-unmet = Requests still waiting
fl-team-unmet-line = { $author }, about { $minutes } minutes
fl-team-disputes = Disputes to resolve
fl-team-settings = Ledger settings
fl-team-who-sees = Who sees this page
fl-team-sees-everyone = Every member
fl-team-sees-leaders = Leaders only (members still see their own page)
fl-team-unmet-after = A request with no response is unmet after (days)
fl-team-term-start = This term started on
fl-team-term-start-hint = Empty: 1 September, 1 January or 1 April.
fl-team-save-settings = Save settings

## Help offers and requests

fl-help-title = Help · { $team }
fl-help-lead = Offer what you can give; ask for what you need. A request nobody answers within { $days } days is shown as unmet, so the team can see it.
fl-help-open = Open posts
fl-help-offer = Offer
fl-help-request = Request
fl-help-offer-title = Offer: { $title }
fl-help-request-title = Request: { $title }
fl-help-line = { $author }, about { $minutes } minutes, { $category }; { $count ->
    [one] { $count } response
   *[other] { $count } responses
}
fl-help-unmet = (unmet)
fl-help-open-until = ; open until { $date }
fl-help-none = No open posts.
fl-help-new = New post
fl-help-kind = Kind
fl-help-need = I need help
fl-help-can-offer = I can offer help
fl-help-post-title = Title
fl-help-detail = Detail
fl-help-estimated = Estimated minutes
fl-help-estimated-hint = 1 to 600.
fl-help-open-for = Open for (days)
fl-help-submit = Post

## One help post

fl-post-offered-by = Offered by { $author } · about { $minutes } minutes · { $category }
fl-post-requested-by = Requested by { $author } · about { $minutes } minutes · { $category }
fl-post-open-until = open until { $date }
fl-post-closed = closed
fl-post-unmet = unmet
fl-post-responses = Responses
fl-post-response-by = { $name }:
fl-post-no-responses = No responses yet.
fl-post-your-response = Your response
fl-post-respond = Respond
fl-post-to-action = Turn this request into an action
fl-post-to-action-rest = with an owner and a due date.
fl-post-record = When help has happened, record it on
fl-post-record-link = your reciprocity page
fl-post-close = Close this post
