# Mail written to one address (invitations, reset links), the footer of notification mail,
# and the names of the kinds of notification and of the ways to hear about them.

## Invitations

mail-invite-subject = Join { $team } on Roundtable
mail-invite-body = You are invited to join { $team } as a { $role ->
    [leader] leader
   *[other] member
} on Roundtable, where the team builds its agendas together, votes before meetings and keeps track of who does what.
mail-invite-link = This link is yours alone and works once, for { $days ->
    [one] 1 day
   *[other] { $days } days
}:
mail-invite-ignore = If you did not expect this, ignore this message.

## Reset links

mail-reset-subject = Choose a new Roundtable password
mail-hello = Hello { $name },
mail-reset-by-leader = A leader of { $team } asked for a link for you to choose a new password. It works once, for { $hours } hours:
mail-reset-by-leader-ignore = If you did not expect this, ignore this message: your password stays as it is.
mail-reset-by-owner = Someone (we hope you) asked for a link to choose a new password for this address. It works once, for { $hours } hours:
mail-reset-by-owner-ignore = If you did not ask, ignore this message: your password stays as it is.

## The footer of notification mail

mail-footer-settings = You receive this because of your notification settings: { $link }
mail-footer-stop = Stop these emails: { $link }

## Kinds of notification, as the account page names them

nk-proposals-open = Proposals or ideas open
nk-voting-open = Voting opens
nk-voting-reminder = Reminder before voting closes, if I have not voted
nk-agenda-published = Agreed agenda published
nk-action-assigned = An action is assigned to me
nk-action-overdue = My action is overdue
nk-ledger = Help offered, confirmed or thanked
nk-digest = Weekly digest (Monday)

## Kinds of notification, as the notification centre's badges name them

nk-short-proposals-open = Proposals open
nk-short-voting-open = Voting open
nk-short-voting-reminder = Reminder
nk-short-agenda-published = Agenda
nk-short-action-assigned = Action
nk-short-action-overdue = Overdue
nk-short-ledger = Help
nk-short-digest = Digest
nk-short-other = Notification

## Ways to hear about a kind

nk-channel-email = Email and in the app
nk-channel-in-app = In the app only
nk-channel-off = Off
nk-choose-channel = Choose email, in the app only, or off.
