# Roundtable's English messages. Every key here must also be in every other catalogue
# (`cargo test` checks it); keep them grouped by page.

## Every page

skip-to-content = Skip to main content
nav-main = Main
nav-home = Home
nav-all-teams = All teams
nav-notifications = Notifications
nav-unread = unread
nav-account = Account ({ $name })
nav-sign-out = Sign out
nav-sign-in = Sign in
footer-tagline = co-created agendas, fair votes, visible effort
footer-status = Service status

## Forms

field-email = Email
field-password = Password

## Sign in

login-heading = Sign in
login-submit = Sign in
login-joining = Joining a team? Open the invitation link a leader sent you.
login-forgot = Forgotten your password?
login-forgot-link = Get a link to choose a new one
login-forgot-leader = Ask a team leader for a reset link.

## Forgotten password

forgot-heading = Forgotten password
forgot-intro = Type the email address you sign in with. If it has an account, a link to choose a new password goes there; it works once, for 24 hours.
forgot-submit = Send me a link
forgot-no-mail = This site does not send email, so a reset link comes from a person: ask a leader of one of your teams for one. They will pass it on to you; it works once, for 24 hours.
forgot-back = Back to sign in
forgot-sent = If an account uses { $address }, a link to choose a new password is on its way there. It works once, for { $hours } hours.

## Choosing a new password

reset-heading = Choose a new password
reset-intro = This link sets a new password for { $name }. It works once, and signs you out everywhere.
reset-new = New password
reset-new-hint = 12 to 128 characters.
reset-again = New password again
reset-submit = Set password

## Account

account-heading = Your account
account-signed-in-as = Signed in as { $name } ({ $email }).
account-password-heading = Change your password
account-current-password = Current password
account-new-password-hint = 12 to 128 characters. A few unrelated words make a strong one.
account-password-submit = Change password
account-language-heading = Language
account-language-label = Show Roundtable in
account-language-hint = The pages and the emails you receive use this language.
account-language-browser = Your browser's language
account-language-submit = Save language
account-language-saved = Roundtable now speaks { $language } to you.
account-language-browser-saved = Roundtable now follows your browser's language.
account-zone-heading = Time zone
account-zone-label = Show times in
account-zone-hint = Meetings, windows and deadlines are shown, and typed in forms, in this zone. Leave it on each team's zone if you work where your teams meet.
account-zone-teams = Each team's own time zone
account-zone-submit = Save time zone
account-zone-saved = Times now show in { $zone }.
account-zone-teams-saved = Times now show in each team's own time zone.
account-notifications-heading = Notifications
account-notifications-intro = Choose how you hear about each kind of news. Everything you hear about is also in your notifications:
account-notifications-link = see them all
account-notifications-no-mail = This site does not send email yet, so “Email” means in the app until it does.
account-notifications-table = Notification choices
account-notifications-caption = How you hear about each kind
account-notifications-what = What
account-notifications-submit = Save notification choices
account-everywhere-heading = Sign out everywhere
account-everywhere-intro = Ends every session of yours, on every device, including this one.
account-everywhere-submit = Sign out everywhere

## Notification centre

notifications-heading = Notifications
notifications-unread = { $count ->
    [0] Nothing unread.
    [one] 1 unread notification.
   *[other] { $count } unread notifications.
}
notifications-choose = Choose what you hear about
notifications-mark-all = Mark all as read
notifications-none = No notifications yet. You will hear here when proposals or voting open, before voting closes if you have not voted, when an agenda is published, and about your actions and help.
notifications-unread-marker = Unread:
notifications-mark-read = Mark read
notifications-pages = Older and newer notifications
notifications-newest = Newest
notifications-older = Older notifications

## Home

home-welcome = Welcome, { $name }
home-open-now = Open now
home-voting-open = voting is open
home-voted = you have voted
home-not-voted = you have not voted yet
home-ideas-open = budget ideas are open
home-proposals-open = proposals are open
home-my-actions = My open actions
home-due = : due { $date }
home-overdue = overdue
home-no-actions = You have no open actions.
home-my-teams = Your teams
home-team-unread = { $count ->
    [one] 1 unread notification
   *[other] { $count } unread notifications
}
home-no-team = You are not in a team yet. Open the invitation link a team leader sent you.
home-admin-can = As a site administrator you can
home-create-team = create a team
home-lead = Build the agenda together, vote before the meeting, and make help visible.
home-or-invitation = , or open the invitation link a team leader sent you.
home-how = How it works
home-how-propose-lead = Members propose
home-how-propose = agenda items with an estimate of the minutes they need.
home-how-rank-lead = Everyone ranks
home-how-rank = the proposals before the meeting.
home-how-tally-lead = A ranked-choice tally
home-how-tally = builds the agenda within the meeting's time, and explains every round.
home-how-publish-lead = Leaders publish
home-how-publish = the agreed agenda; any change from the tally is shown with its reason.
home-setup = Finish setting up
home-setup-intro = This Roundtable has no site administrator yet. On the server, run:
home-setup-then = You will be asked for a password (12 to 128 characters). Then sign in and create your first team.

## A meeting's header

breadcrumb = Breadcrumb
meetings = Meetings
meeting-purpose = Purpose:
meeting-nav = Meeting
meeting-tab-overview = Overview
meeting-tab-proposals = Proposals
meeting-tab-ballot = Ballot
meeting-tab-results = Results
meeting-tab-agenda = Agenda
meeting-tab-scan = Scan
meeting-tab-live = Live
meeting-tab-minutes = Minutes

## Team page

budgets = Budgets
team-zone = The team meets in the { $zone } time zone
team-zone-yours = you see times in { $zone }
team-zone-your-choice = your choice
team-zone-saved = The team now meets in { $zone }.
team-members = Members
team-nobody = Nobody has joined yet.
team-nobody-invite = Create an invitation link below and send it to the first members.
team-find = Find members by name
team-find-email = Find members by name or email
team-search = Search
team-show-everyone = Show everyone
team-name = Name
team-role = Role
team-manage = Manage
team-you = (you)
team-only-leader = The only leader: make someone else a leader first.
team-make-member = Make member
team-make-leader = Make leader
team-reset-link = Password-reset link
team-remove = Remove { $name }
team-member-pages = Member pages
team-invite = Invite people
team-role-member = Member
team-role-leader = Leader
team-max-uses = How many people may use the link
team-max-uses-hint = 1 to 100.
team-valid-days = Valid for (days)
team-valid-days-hint = 1 to 30.
team-emails = Email addresses (optional)
team-emails-hint = One per line. Each person gets their own single-use link by email; leave empty to get one link to share.
team-create-invitation = Create invitation
team-create-link = Create invitation link
team-open-invitations = Open invitations
team-used = Used
team-expires = Expires
team-revoke = Revoke
team-uses = { $uses } of { $max }
team-zone-label = The team meets in
team-zone-hint = Meeting times and windows are shown in this zone to members who have not chosen their own, and the team's emails use it. Stored meetings keep their moment in time.
team-zone-submit = Save the team's time zone
team-other-teams = Your other teams
team-leave-heading = Leave this team
team-leave = Leave { $team }
team-help-thanks = Help and thanks
team-my-reciprocity = My reciprocity
team-ledger = Team ledger
team-help-posts = Help offers and requests
team-follow-through = Follow-through this term
team-actions = Actions
team-my-actions = My actions
team-follow-caption = Open and done actions per owner this term
team-owner = Owner
team-open = Open
team-done-term = Done this term
team-no-actions = No actions this term yet.
team-thank-yous = Thank-yous
team-thanked = { $from } thanked { $to }
page-previous = Previous page
page-next = Next page
page-of = Page { $page } of { $pages }

## Meetings

meetings-schedule = Schedule a meeting
meetings-caption = Meetings, latest first
meetings-meeting = Meeting
meetings-starts = Starts
meetings-state = State
meetings-none = No meetings yet.
minutes-unit = min
minutes-short = { $count } min

## A meeting's overview

meeting-where = Where this meeting is
meeting-step-now = (now)
meeting-step-done = (done)
meeting-when = When
meeting-when-value = { $starts } to { $ends } ({ $minutes } minutes)
meeting-place = Where
meeting-facilitator = Facilitator
meeting-ballots = Ballots
meeting-ballots-value = { $privacy }; results shown { $visibility }
meeting-rule = Agenda rule
meeting-windows = Windows
meeting-window = Window
meeting-opens = Opens
meeting-closes = Closes
meeting-now = Now
meeting-can-do = What you can do
meeting-proposed = Proposed items: { $count }
meeting-add-yours = proposals are open, add yours
meeting-turnout = Turnout: { $turnout }
meeting-not-voted = who has not voted yet
meeting-ballots-cast = Ballots cast: { $count }
meeting-rank = Rank the items
meeting-results-link = Results of the vote
meeting-and-the = and the
meeting-agenda-link = agenda
meeting-edit = Edit the meeting
meeting-publish = Publish the agreed agenda
meeting-reserved = Reserved at the start
meeting-scan-print = The scan on its own page, for printing
meeting-live = Live meeting

## The ballot

ballot-heading = Your ballot
ballot-open-lead = Open ballot:
ballot-open = after voting closes, the team's leaders can see how each member ranked the items.
ballot-secret = Secret ballot: nobody, leaders included, can see how you ranked the items; leaders see only whether you have voted.
ballot-help = Type a rank beside each item you want on the agenda: 1 is your first choice, and each item gets its own number from 1 to { $max }. Rank as many or as few as you like; leave the others blank. You can change your ballot until { $closes }.
ballot-errors = { $count ->
    [one] 1 rank needs correcting: see the messages beside the items.
   *[other] { $count } ranks need correcting: see the messages beside the items.
}
ballot-rank-word = rank
ballot-summary = { $count ->
    [one] You have ranked { $ranked } of 1 item.
   *[other] You have ranked { $ranked } of { $count } items.
}
ballot-save = Save my ballot
ballot-not-open = Voting is not open now (it closes at { $closes }).
ballot-items = Items
ballot-your-rank = your rank { $rank }
ballot-js-summary-one = You have ranked %n of 1 item.
ballot-js-summary-other = You have ranked %n of %t items.
ballot-js-find = Find items
ballot-js-shown = %n of %t items shown; ranked items that are hidden keep their ranks.
ballot-js-moved-rank = %title: rank %n.
ballot-js-moved-unranked = %title: not ranked.
ballot-js-moved-count-one = 1 item ranked.
ballot-js-moved-count-other = %n items ranked.
ballot-js-up = Move up
ballot-js-down = Move down
ballot-members-only = Only members of the team vote.

## Proposals

proposals-heading = Proposed items
proposals-moderate = Until the first ballot you can hide an item (with a reason its author sees) or merge a duplicate into another item: open the item (its title is a link); the forms are on its page.
proposals-by = by
proposals-comments = { $count ->
    [one] 1 comment
   *[other] { $count } comments
}
proposals-edit = Edit
proposals-withdraw = Withdraw “{ $title }”
proposals-none = No items proposed yet.
proposals-others = Not on the ballot
proposals-others-more = { $count ->
    [one] One more is not shown here; the CSV lists every item.
   *[other] { $count } more are not shown here; the CSV lists every item.
}
proposals-pages = Pages of the proposed items
proposals-propose = Propose an item
proposals-title = Title
proposals-why = Why it matters
proposals-minutes = Estimated minutes
proposals-minutes-hint = 1 to 240.
proposals-submit = Propose
proposals-closed = Proposals are not open now.

## The agenda

agenda-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
agenda-published-by = Published by { $name } on { $date }.
agenda-print = Printable view
agenda-calendar = Add to calendar (.ics)
agenda-caption = The agreed agenda
agenda-start = Start
agenda-item = Item
agenda-minutes-col = Minutes
agenda-note = Note
agenda-over = { $over } over the { $budget }-minute budget
agenda-changes = Changes from the vote
agenda-no-changes = None: this is the agenda the vote built.
agenda-not-published = Not published yet. This is the agenda the vote built; leaders publish the agreed agenda, and any change from it is shown here with its reason.
agenda-on = On the agenda
agenda-why = Why
agenda-drawn = decided by the draw
yes = yes
no = no
agenda-when-built = The agenda is built when voting closes.
agenda-publish-again = Publish a new version

## Budget rounds

budgets-new = New budget round
budgets-caption = Budget rounds, latest first
budgets-round = Round
budgets-budget = Budget
budgets-phase = Phase
budgets-voting-closes = Voting closes
budgets-none = No budget rounds yet.
budgets-import = Import a Pabulib file
budgets-import-intro = Paste the contents of a .pb file (approval or ordinal ballots, up to 1 MiB) to create a round with its projects and votes, already in its results phase, and see what each rule funds.
budgets-import-contents = Contents of the .pb file
budgets-rule = Rule
budgets-import-submit = Import
budget-phases = Phases
budget-from = From ({ $zone })
budget-at-most = at most { $max }
budget-imported = This round was imported from a Pabulib file.
budget-propose = Propose or support an idea
budget-change-ballot = Change your ballot
budget-vote-now = Vote now
budget-see-results = See the results
budget-edit = Edit the round
budget-for = What the money is for:
budget-amount = Budget:
budget-phase-label = Phase:
budget-nav = Budget round
budget-tab-ideas = Ideas
