# Roundtable messages (en) written in Rust (svc-other): validation problems, conflicts, confirmations.

## Accounts

so-login-failed = That email and password do not match an account.
so-email-has-account = This email already has an account: sign in first, then open the invitation link again.
so-passwords-differ = The two new passwords differ.
so-not-current-password = That is not your current password.
so-choose-language = Choose one of the languages offered.

## Teams and invitations

so-choose-member-or-leader = Choose member or leader.
so-not-an-email = “{ $address }” is not an email address.
so-too-many-addresses = At most { $max } addresses at a time ({ $count } given).
so-invite-no-mail = This site does not send email: leave the addresses empty and share the link.
so-team-address-taken = Another team already uses this address; choose another.
so-choose-team-member = Choose a member of the team.

## Actions

so-write-comment = Write a comment.

## Ledger

so-thank-someone-else = Thank someone else.
so-link-exchange-between-you = Link an exchange between the two of you.
so-own-post = This is your own post.
so-say-how-you-help = Say how you can help or what you offer.
so-date-format = Enter the date as YYYY-MM-DD.
so-choose-confirm-or-reject = Choose confirm or reject.
so-same-minutes = That is the same number of minutes; confirm instead.
so-daily-limit-you = That would make more than 12 hours of help for you on that day.
so-daily-limit-member = That would make more than 12 hours of help for { $name } on that day.
so-this-member = this member
so-choose-direction = Choose whether you gave or received the help.
so-help-to-yourself = Help to yourself is not recorded; choose someone else.
so-post-not-in-team = That help post is not in this team.

## Comments

so-comments-closed-proposals = Comments on proposals are open only during the proposal window: this meeting's window is closed.
so-comments-item-closed = This item is no longer on the list of proposals, so it takes no new comments.
so-comments-closed-ideas = Comments on ideas are open only during the ideas phase, and this round is past it.
so-comments-idea-withdrawn = This idea was withdrawn by its author, so it takes no new comments.
so-comment-hidden-by-leader = Hidden by a leader: { $reason }
