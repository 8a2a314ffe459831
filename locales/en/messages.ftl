# Roundtable's English messages written by the services and the domain (validation problems,
# conflicts, confirmations) and the error pages. Keys here must exist in every language.

## Error pages

error-bad-request-title = Bad request
error-bad-request = The request could not be understood.
error-forbidden-title = Not allowed
error-forbidden = You are not allowed to do that. If you were filling in a form, reload the page and try again.
error-not-found-title = Page not found
error-not-found = There is nothing at this address. Check the link, or start again from the home page.
error-method-not-allowed-title = Method not allowed
error-method-not-allowed = This address does not accept that kind of request.
error-conflict-title = Conflict
error-conflict = That change conflicts with the current state.
error-payload-too-large-title = Too much data
error-payload-too-large = What you sent is larger than this site accepts. Shorten it and try again.
error-invalid-input-title = Please check your input
error-invalid-input = Some of what you entered needs correcting.
error-too-many-requests-title = Too many attempts
error-too-many-requests = Please wait a little and try again.
error-service-unavailable-title = Busy right now
error-service-unavailable = The site is busy right now. Please try again in a moment.
error-internal-title = Something went wrong
error-internal = Something went wrong on our side. It has been logged; please try again later.
error-other-title = Error
error-other = The request could not be completed.
error-already-exists = That already exists.
wait-a-second = a second
wait-seconds = { $count } seconds
wait-a-minute = about a minute
wait-minutes = about { $count } minutes
notice-unknown = That notification does not exist.

## Conflicts

conflict-password-was-changed-meanwhile = Your password was changed meanwhile; sign in again.
conflict-leader-hidden-comment-so = A leader has hidden this comment, so it can no longer be edited.
conflict-comment-already-hidden = This comment is already hidden.
conflict-rankings-are-shown-voting = Rankings are shown once voting closes.
conflict-minutes-are-drafted-when = The minutes are drafted when the facilitator closes the meeting.
conflict-agenda-not-published-yet = The agenda is not published yet: publish it before running the meeting.
conflict-meeting-closed = The meeting is closed.
conflict-start-item-before-recording = Start this item before recording what it decided.
conflict-item-already-taken = This item has already been taken.
conflict-item-not-running = This item is not running.
conflict-agenda-published-voting-closed = The agenda can be published once voting has closed and the ballots are counted.
conflict-meeting-started-agenda-no = The meeting has started: its agenda can no longer be published.
conflict-item-no-longer-open = This item is no longer open for changes.
conflict-item-already-withdrawn-hidden = This item is already withdrawn, hidden or merged.
conflict-ballots-have-cast-items = Ballots have been cast: the items on the ballot can no longer change.
conflict-please-try-again = Please try again.
conflict-post-closed = This post is closed.
conflict-have-already-responded-post = You have already responded to this post.
conflict-entry-already-corrected = This entry has already been corrected.
conflict-entry-changed-meanwhile-reload = This entry changed meanwhile; reload the page.
conflict-round-not-computed-yet = The round has not been computed yet: publish after voting closes.
conflict-outcome-already-published = This outcome is already published.
conflict-site-does-not-send = This site does not send email: ask a leader of your team for a reset link.
conflict-last-leader = A team needs at least one leader: make someone else a leader first.
conflict-already-member = You are already a member of { $team }.

## Notifications and their mails

notice-proposals-open = { $what ->
    [ideas] Ideas
   *[other] Proposals
} are open for “{ $title }” until { $close }.
notice-proposals-open-subject = { $what ->
    [ideas] Ideas
   *[other] Proposals
} open: { $title }
notice-proposals-open-until = { $what ->
    [ideas] Ideas
   *[other] Proposals
} are open until { $close }:
notice-voting-open = Voting is open for “{ $title }” until { $close }.
notice-voting-open-subject = Voting open: { $title }
notice-voting-closes = Voting closes { $close }:
notice-reminder = Voting for “{ $title }” closes { $close } and you have not voted yet.
notice-reminder-subject = Voting closes soon: { $title }
notice-reminder-body = Voting for “{ $title }” closes { $close }, and you have not voted yet.
notice-meeting-propose = { $team } is building the agenda for “{ $title }” ({ $starts }) together.
notice-meeting-propose-how = Propose an item, with the minutes it needs.
notice-meeting-vote = Rank the proposed items for “{ $title }” ({ $starts }) in { $team }: the count decides what fits the meeting's time.
notice-round-propose = { $team } is deciding together how to spend { $amount } (“{ $title }”).
notice-round-propose-how = Propose an idea, with its cost.
notice-round-vote = Choose which ideas { $team } should fund in “{ $title }”.
notice-overdue = Your action “{ $title }” was due { $due }.
notice-overdue-subject = Overdue: { $title }
notice-overdue-body = Your action “{ $title }” in { $team } was due { $due } and is not done. Update its status, move its date, or say what blocks it:
notice-assigned = You own the action “{ $title }”, due { $due }.
notice-assigned-subject = Your action: { $title }
notice-assigned-body = In { $team }, the action “{ $title }” is now yours, due { $due }. Update its status as it moves, or say what blocks it:
notice-agenda = The agenda for “{ $title }” is published.
notice-agenda-subject = Agenda: { $title }
notice-agenda-body = { $team } agreed the agenda for “{ $title }”, { $starts } at { $place }.
notice-agenda-attached = The calendar file is attached. The agenda, with how the vote decided it:
notice-digest = Your weekly digest for { $team }.
notice-digest-subject = { $team }: your week
digest-week = Your week in { $team }:
digest-vote = - { $title } (closes { $close }): { $link }
digest-no-vote = No vote is waiting for you.
digest-votes = Votes waiting for you:
digest-no-action = No action of yours is due this week.
digest-actions = Your actions due by next week:
digest-action = - { $title } — due { $due }: { $link }
digest-action-overdue = - { $title } — due { $due } (overdue): { $link }
digest-unread = Unread notifications: { $count }.

## Months (short names, in dates)

month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec
