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
