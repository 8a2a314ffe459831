# Roundtable messages (en): cancelling a meeting (standalone or a series occurrence) and undoing it. Keys here must exist in every language.

## State and notices

mt-cancelled-state = Cancelled
mt-cancelled-heading = This meeting is cancelled.
mt-cancelled-by = Cancelled by { $name } on { $at }.
mt-cancelled-reason = Reason:
mt-window-cancelled = Cancelled
mt-results-cancelled = This meeting was cancelled: its ballots are not counted and there are no results.

## Refusals

mt-cancelled-refused = This meeting was cancelled: proposals, ballots and its settings can no longer be changed.
mt-cancel-already = This meeting is already cancelled.
mt-cancel-tallied = This meeting's ballots were already counted: it can no longer be cancelled.
mt-cancel-closed = This meeting was held and closed: it can no longer be cancelled.
mt-cancel-not-cancelled = This meeting is not cancelled.
mt-cancel-undo-past = This meeting's start time has passed: its cancellation can no longer be undone.

## The leader's forms on the meeting page

mt-cancel-heading = Cancel this meeting
mt-cancel-lead = Members see the reason on the meeting page. Proposing and voting stop, no announcements or reminders are sent and the ballots are not counted.
mt-cancel-reason-label = Why is it cancelled?
mt-cancel-button = Cancel the meeting
mt-cancel-undo-heading = Undo the cancellation
mt-cancel-undo-lead = The meeting has not started, so it can go ahead after all. Windows that closed in the meantime stay closed.
mt-cancel-undo-button = Undo the cancellation

## Calendar feed

co-feed-cancelled = Cancelled: { $title }
co-feed-cancelled-reason = Cancelled. Reason: { $reason }
