# Roundtable messages (en): weekly check-ins. Keys here must exist in every language.

## The week in words

ci-week-of = week of { $day } { $month }
ci-week-of-year = week of { $day } { $month } { $year }
ci-month-1 = January
ci-month-2 = February
ci-month-3 = March
ci-month-4 = April
ci-month-5 = May
ci-month-6 = June
ci-month-7 = July
ci-month-8 = August
ci-month-9 = September
ci-month-10 = October
ci-month-11 = November
ci-month-12 = December

## The check-ins page

ci-checkins = Check-ins
ci-title = Check-ins · { $team }
ci-heading = Check-ins, { $week }
ci-lead = Each week, a short note from each member: what moved, what's blocking, what's next, and one visible improvement. You can change yours until the week ends (Sunday midnight in the team's time zone).
ci-weeks = Weeks
ci-week-before = Week before
ci-week-after = Week after
ci-this-week = This week
ci-progress = { $done } of { $members } { $members ->
    [one] member has
   *[other] members have
} checked in.
ci-missing = { $count ->
    [0] Everyone has checked in
    [one] 1 member has not checked in yet
   *[other] { $count } members have not checked in yet
}
ci-missing-leaders = Only leaders see these names.
ci-missing-none = Nobody is missing.
ci-missing-pages = Pages of names
ci-mine-new = Your check-in this week
ci-mine-edit = Change your check-in this week
ci-mine-hint = Fill in what helps; one answer is enough.
ci-moved = What moved
ci-blocking = What's blocking
ci-next = What's next
ci-improvement = One visible improvement this week
ci-link-action = Action this blocker holds up (optional)
ci-link-hint = The action is then shown as blocked, with your blocker as the reason, until you remove the link or change it.
ci-link-none = No action
ci-link-choice = #{ $id } { $title } ({ $owner })
ci-link-number = Or the action's number
ci-link-more = The list shows the first 100 open actions; type the number of another.
ci-submit = Check in
ci-submit-edit = Save changes
ci-read-only = This week has ended: its check-ins can be read but no longer changed.
ci-entries = Check-ins of the week
ci-entry-mine = { $name } (you)
ci-holds-up = holds up “{ $title }”
ci-updated-at = Last changed { $when }
ci-entry-pages = Pages of check-ins
ci-no-entries = No check-ins yet.
ci-saved = Checked in for this week.
ci-updated = Your check-in for this week is saved.

## In the action log

ci-blocked-from = from { $name }'s check-in, { $week }

## In the three-minute scan

ci-scan-title = Check-ins of the meeting's week
ci-scan-progress = { $week }: { $done } of { $members } checked in.
ci-scan-blocker = { $who }: { $text }
ci-scan-holds-up = (holds up “{ $title }”)
ci-scan-none = No blockers that week.
ci-scan-more = { $count ->
    [one] and 1 more blocker
   *[other] and { $count } more blockers
}
ci-scan-link = All check-ins of the week

## On the home page

ci-home-due = Check in for this week ({ $week })
ci-home-done = You have checked in this week.

## Problems with the form

v-checkin-week = Choose a week such as 2026-W49.
v-checkin-long = Keep each answer under { $max } characters.
v-checkin-empty = Write at least one answer: what moved, what's blocking, what's next or one visible improvement.
v-checkin-link-needs-blocker = Say what is blocking (at least 3 characters) to link an action.
v-checkin-action-unknown = Choose one of the team's actions (or type its number).
v-checkin-action-closed = That action is done or dropped; choose an open one.
