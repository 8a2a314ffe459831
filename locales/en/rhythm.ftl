# Roundtable messages (en): recurring meetings with rotating roles (series, rota, swaps, away). Keys here must exist in every language.

## Words shared by the series pages

rh-series = Recurring meetings
rh-role-facilitator = Facilitator
rh-role-note-taker = Note-taker
rh-role-timekeeper = Timekeeper
rh-nobody = nobody yet
rh-you = you
rh-ended = ended
rh-cancelled = Cancelled
rh-pages = Pages
rh-newer = Newer
rh-older = Older
rh-page-of = Page { $page } of { $pages }
rh-form-problems = Some of what you entered needs correcting; see the messages below.
rh-col-meeting = Meeting
rh-role = Role
rh-weekday-1 = Monday
rh-weekday-2 = Tuesday
rh-weekday-3 = Wednesday
rh-weekday-4 = Thursday
rh-weekday-5 = Friday
rh-weekday-6 = Saturday
rh-weekday-7 = Sunday
rh-cadence-weekly = Every week
rh-cadence-fortnightly = Every other week
rh-rhythm-weekly = Every week on { $weekday } at { $time } ({ $zone })
rh-rhythm-fortnightly = Every other week on { $weekday } at { $time } ({ $zone })
rh-windows = Proposals open { $days } days before each meeting; voting runs from { $open } hours to { $close } hours before it.
rh-swapped = { $role } swapped: { $from } ↔ { $to }, by { $by }, { $date }

## The list of series and the away dates

rh-list-title = Recurring meetings · { $team }
rh-list-lead = A steady rhythm of short meetings. Each occurrence is a normal meeting created ahead of time, and the roles rotate so the same person is not always facilitating or taking notes.
rh-new = Start a recurring series
rh-none = No recurring meetings yet.
rh-away = Who is away
rh-away-lead = The rota skips members on the days they are away.
rh-away-line = { $name }: away from { $from } until { $until }
rh-away-remove = Remove
rh-away-none = Nobody is marked away.
rh-away-who = Who
rh-away-me = Me
rh-away-from = Away from
rh-away-until = Until (included)
rh-away-submit = Mark away

## The form of a new series

rh-new-title = New recurring series
rh-new-lead = Times are in the team's time zone ({ $zone }). The next four meetings are created at once, with their roles.
rh-field-title = Title of each meeting
rh-field-purpose = Purpose line
rh-field-purpose-hint = One sentence; { "{date}" } is replaced by each meeting's date.
rh-default-purpose = Weekly leadership check-in — { "{date}" }
rh-field-cadence = How often
rh-field-weekday = Day
rh-field-start = Start time ({ $zone })
rh-field-starts-on = First possible date
rh-field-budget = Time budget (minutes)
rh-field-place = Place or link
rh-field-windows = Windows, relative to each meeting
rh-field-open-days = Proposals open this many days before
rh-field-voting-open = Voting opens this many hours before
rh-field-voting-close = Voting closes this many hours before
rh-field-privacy = Ballots
rh-privacy-secret = Secret
rh-privacy-open = Open (leaders see who ranked what)
rh-field-timekeeper = Also rotate a timekeeper
rh-create = Create the series

## One series

rh-series-title = { $title } · recurring
rh-purpose-template = Purpose line:
rh-next = Next meetings and their rota
rh-rota-caption = The rota of the next meetings
rh-next-none = No upcoming meetings: the series has ended.
rh-swap = Swap a role
rh-swap-lead = If you hold a role, you can pass it to another member; if they hold the same role at a later meeting, you take theirs in exchange. Leaders can reassign any role.
rh-swap-with = With
rh-swap-submit = Swap
rh-swaps = Swaps
rh-swaps-none = No swaps yet.
rh-manage = Manage the series
rh-cancel-reason = Why cancel the meeting of { $date }?
rh-cancel = Cancel this meeting
rh-end-lead = Ending the series stops new meetings; those already created stay.
rh-end = End the series
rh-past = Past meetings
rh-past-caption = Past meetings of the series, newest first
rh-past-none = No past meetings yet.

## Problems with what was typed

rh-v-start-time = Enter a time like 09:30.
rh-v-open-days = Open proposals 1 to 60 days before.
rh-v-voting-open = Open voting after proposals open: fewer hours before than the proposal days.
rh-v-voting-close = Close voting after it opens: fewer hours before the meeting.
rh-v-whole-number = Enter a whole number.
rh-v-cadence = Choose every week or every other week.
rh-v-weekday = Choose a day.
rh-v-date = Enter a date like 2026-11-23.
rh-v-away-range = The last day must be on or after the first, within a year.
rh-v-role = Choose a role.
rh-v-occurrence = Choose one of the next meetings.
rh-v-same-person = They already hold that role.
rh-v-busy = They already hold another role at that meeting.
