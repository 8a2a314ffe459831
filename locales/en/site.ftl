# Roundtable messages (en): pages of the site area. Keys here must exist in every language.

## Team roles, as shown in lists and sentences ($role: the stored `member` or `leader`)

st-role = { $role ->
    [leader] leader
   *[member] member
}

## The site administrator's team list

st-admin-heading = Teams
st-admin-team = Team
st-admin-address = Address
st-admin-none = No teams yet. Create the first one below.
st-admin-create = Create a team
st-admin-name = Team name
st-admin-slug = Address (optional)
st-admin-slug-hint = Lower-case letters, digits and hyphens; made from the name when left empty.
st-admin-purpose = Standing purpose
st-admin-purpose-hint = One or two sentences: why this team meets. Shown on the team page.
st-admin-zone = Time zone
st-admin-zone-hint = Where the team meets: meeting times are shown and typed in this zone. Leaders can change it later.
st-admin-submit = Create team
st-admin-created = Created { $team }.
st-admin-leader-link = Leader invitation link for { $team }: single use, valid 7 days, shown only now. Send it to its first leader.

## Team page: the member list and the confirmations of leaders' forms

st-team-no-match = No member matches “{ $search }”.
st-team-members = { $count ->
    [one] { $count } member.
   *[other] { $count } members.
}
st-team-members-matching = { $count ->
    [one] { $count } member, { $matching } matching “{ $search }”.
   *[other] { $count } members, { $matching } matching “{ $search }”.
}
st-team-members-showing = { $count ->
    [one] { $count } member; showing { $first }–{ $last }.
   *[other] { $count } members; showing { $first }–{ $last }.
}
st-team-members-matching-showing = { $count ->
    [one] { $count } member, { $matching } matching “{ $search }”; showing { $first }–{ $last }.
   *[other] { $count } members, { $matching } matching “{ $search }”; showing { $first }–{ $last }.
}
st-team-caption = Members of { $team } and their roles
st-team-caption-page = Members of { $team } and their roles, page { $page } of { $pages }
st-team-invite-created = { $role ->
    [leader] Invitation link created for a leader.
   *[member] Invitation link created for a member.
}
st-team-invite-copy = Copy it and send it (it is shown only now):
st-team-invite-mailed-one = Invitation sent: one address gets its own link by email.
st-team-invite-mailed = Invitations sent: { $count } addresses each get their own link by email.
st-team-reset-created = Password-reset link created.
st-team-reset-copy = Valid for { $hours } hours; send it to the person (it is shown only now):
st-team-reset-mailed = A password-reset link was emailed to them (valid for { $hours } hours).

## Invitation link

st-invite-heading = Join { $team }
st-invite-as = You are invited as a
st-invite-join-as = Join as { $name }
st-invite-have-account = Already have a Roundtable account?
st-invite-sign-in-first = Sign in first
st-invite-come-back = , then come back to this link.
st-invite-create-heading = Create your account
st-invite-name = Your name
st-invite-name-hint = As your team will see it.
st-invite-submit = Create account and join
st-invite-welcome = Welcome: you have joined the team. Its meetings, ledger and actions are below.

## An invitation link that no longer works

st-closed-heading = This invitation link no longer works
st-closed-lead = The link to join
st-closed-expired = has expired
st-closed-used-up = has been used up
st-closed-revoked = was withdrawn by a leader
st-closed-ask = Ask
st-closed-or = or
st-closed-leaders = { $count ->
    [one] (the leader of { $team }) for a new link.
   *[other] (leaders of { $team }) for a new link.
}
st-closed-ask-sender = Ask the person who sent it to you for a new link.
st-closed-home = Go to your home page
st-closed-member = Already a member?

## Unsubscribe link in mail

st-unsub-title = Stop these emails
st-unsub-heading = Stop these emails?
st-unsub-lead = This link stops emails for:
st-unsub-still = You will still see them in your notifications in Roundtable.
st-unsub-submit = Stop these emails
st-unsub-done-heading = Emails stopped
st-unsub-done-lead = You will no longer get emails for:
st-unsub-done-still = They still appear in your notifications in Roundtable.
st-unsub-change = You can change this, and every other kind, on
st-unsub-account-link = your account page
st-unsub-change-end = once signed in.

## Notification centre and account: confirmations

st-notices-read-one = Marked as read.
st-notices-read-none = Nothing was unread.
st-notices-read-single = Marked 1 notification as read.
st-notices-read-many = Marked { $count } notifications as read.
st-notices-saved = Notification choices saved.
st-login-reset-done = Your password has been changed. Sign in with the new one.
st-login-everywhere-done = You have been signed out on every device.
st-account-password-changed = Password changed. Every other session has been signed out.

## Error pages

st-error-retry = You can try again in { $wait }.
st-error-reference = Reference:
st-error-home = Go to the home page
