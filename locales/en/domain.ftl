# Roundtable messages (en) written in Rust (domain): validation problems, conflicts, confirmations.

## Shared field rules

v-control-characters = Remove control characters (such as NUL, ESC or a line break) from this field.
v-too-short = Use at least { $min } characters.
v-too-long = Use at most { $max } characters.
v-days-range = Enter a number of days from 1 to { $max }.
v-whole-minutes = Enter whole minutes from 1 to { $max }.
v-title-empty = Enter a title.
v-form-expired = This form has expired; reload the page and try again.

## Accounts

v-email-empty = Enter an email address.
v-email-invalid = Enter a valid email address, like name@school.org.
v-name-empty = Enter your name.
v-name-control = Remove control characters from the name.

## Teams and invitations

v-team-name-empty = Enter the team's name.
v-team-name-control = Remove control characters.
v-slug-invalid = Use 2 to 60 lower-case letters, digits and hyphens (like senior-leadership).
v-team-purpose-short = Write the team's purpose in one or two sentences (at least 10 characters).
v-team-purpose-long = Keep the purpose to one or two sentences (at most 300 characters).
v-max-uses = Enter a number of uses from 1 to 100.

## Time zones and times

v-zone-unknown = Choose a time zone from the list (an IANA name like Europe/London); { $name } is not one.
v-year-range = Enter a year between 1 and 9999.
v-real-date-time = Enter a real date and time.
v-time-skipped = { $time } does not exist in { $zone }: the clocks go forward then. Choose a time outside the change.
v-date-time = Enter a date and time ({ $zone }), like 2026-11-23T14:00.

## Meetings and agenda items

v-meeting-title-empty = Enter the meeting's title.
v-why-empty = Enter why it matters.
v-reason-empty = Enter a reason.
v-purpose-line-missing = Write one sentence linking this meeting to the team's purpose.
v-purpose-line-one-line = Keep the purpose line to one sentence on one line.
v-purpose-line-empty = Enter the purpose line.
v-budget-minutes = Enter the meeting's length in whole minutes, from 5 to 1,440.
v-proposals-close-order = Close proposals after they open.
v-voting-open-order = Open voting when proposals close or later.
v-voting-close-order = Close voting after it opens.
v-starts-at-order = Start the meeting when voting closes or later.
v-window-closed = This window has closed; it cannot be changed or reopened.
v-window-open-fixed = This window is open; its opening time cannot change.
v-closing-in-future = Choose a closing time in the future.
v-privacy-frozen = Ballots have been cast: ballot privacy can no longer change.
v-visibility-tighten-only = Ballots have been cast: results can be hidden longer, but not shown earlier.
v-secret-live = Secret ballots show results only after voting closes.

## Agreed agenda

v-plan-reason-added = Give a reason: this item is added compared with the tally.
v-plan-reason-dropped = Give a reason: this item is dropped compared with the tally.
v-plan-reason-moved = Give a reason: this item is moved compared with the tally.
v-plan-add-reason = Give a reason for adding this item.

## Comments

v-comment-empty = Enter a comment.

## Actions and decisions

v-action-status = Choose a status.
v-action-same-status = The action already has this status.
v-action-finished = The action is finished (done or dropped); record a new action instead.
v-action-reason-needed = Say why (at least 3 characters).
v-action-title-short = Write the action (at least 3 characters).
v-action-title-long = Keep the action to at most { $max } characters.
v-decision-short = Write the decision (at least 3 characters).
v-decision-long = Keep the decision to at most { $max } characters.
v-due-date-missing = Choose a due date.
v-due-date-past = The due date cannot be in the past.
v-due-date-far = Choose a due date within five years.
v-review-date-invalid = Enter the review date as a day.
v-review-date-range = Choose a review date after today, within five years.

## Budget rounds

v-round-title-empty = Enter the round's title.
v-round-purpose-empty = Enter what the money is for.
v-idea-description-empty = Enter what the idea is and why.
v-amount-empty = Enter an amount.
v-amount-invalid = Enter an amount like 1200 or 1200.50.
v-amount-too-large = That amount is too large.
v-amount-zero = Enter an amount above zero.
v-currency-empty = Enter a currency (such as EUR).
v-round-review-order = Review must start after ideas open.
v-round-voting-open-order = Voting cannot open before review starts.
v-round-voting-close-order = Voting must close after it opens.
v-ballot-empty = Choose at least one idea.
v-ballot-too-many = You chose { $count } ideas; at most { $max } are allowed, so remove { $over } { $over ->
        [one] idea
       *[other] ideas
    }.
v-ballot-over-budget = Your ideas cost { $total }, which is { $over } over the budget of { $amount }: remove ideas worth at least that much.

## Help ledger

v-help-date-future = The date cannot be in the future.
v-help-date-too-old = Only help from the last { $days } days can be recorded.
v-help-date-format = Enter the date as YYYY-MM-DD, for example 2026-11-03.
v-category-long = Use a short category of at most 40 characters.
v-note-long = Keep the note to at most 1,000 characters.
v-ledger-reason-short = Give a reason (at least 3 characters).
v-ledger-reason-long = Keep the reason to at most 300 characters.
v-impact-short = Say in a line what difference it made (at least 5 characters).
v-impact-long = Keep it to one line of at most 200 characters.
v-impact-control = Keep it to one line. Remove control characters (such as NUL, ESC or a line break) from this field.
v-post-kind = Choose offer or request.
v-post-title-short = Give the post a title (at least 3 characters).
v-post-title-long = Keep the title to at most 100 characters.
v-post-title-control = Keep the title to one line. Remove control characters (such as NUL, ESC or a line break) from this field.
v-detail-long = Keep it to at most 2,000 characters.
v-visibility = Choose everyone or leaders only.
v-ledger-not-party = Only the two people this entry is about can do that.
v-ledger-not-leader = Only a leader can resolve a dispute.
v-ledger-own-dispute = Another leader must resolve a dispute you are part of.
v-ledger-not-your-turn = This entry is waiting for the other person's answer.
v-ledger-expired = This entry expired unanswered; record it again if it happened.
v-ledger-not-pending = This entry is no longer waiting for an answer.
v-ledger-not-disputed = This entry is not disputed.
v-ledger-not-confirmed = Only a confirmed entry can be corrected.

## Time left and agenda changes

v-time-closed = closed
v-time-left = { $time } left
v-duration-days = { $days ->
        [one] 1 day
       *[other] { $days } days
    }
v-duration-days-hours = { $days ->
        [one] 1 day
       *[other] { $days } days
    } { $hours ->
        [one] 1 hour
       *[other] { $hours } hours
    }
v-duration-hours = { $hours ->
        [one] 1 hour
       *[other] { $hours } hours
    }
v-duration-hours-minutes = { $hours ->
        [one] 1 hour
       *[other] { $hours } hours
    } { $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    }
v-duration-minutes = { $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    }
v-deviation-added = Added by { $actor }: { $title } — { $reason }
v-deviation-dropped = Dropped by { $actor }: { $title } — { $reason }
v-deviation-moved = Moved by { $actor }: { $title } — { $reason }
