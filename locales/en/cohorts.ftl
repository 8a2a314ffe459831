# Roundtable messages (en): the home page across teams, links between teams and what they
# share, and the personal calendar feed (issue 19). Keys here must exist in every language.

## Home page, grouped by team

home-colon = :
home-more-windows = { $count ->
    [one] 1 more is open:
   *[other] { $count } more are open:
}
home-all-meetings = all meetings
home-all-budgets = all budget rounds
home-more-actions = { $count ->
    [one] See all my actions here (1 more)
   *[other] See all my actions here ({ $count } more)
}

## Links between teams (settings page)

co-links = Linked teams
co-links-title = Linked teams · { $team }
co-links-lead = Link this team with another, such as a principals' cohort with each school's team. A leader of each team must agree; either side can remove the link. Linked teams see only the meetings you choose to share below: their published agenda and minutes, read-only.
co-links-heading = Links
co-links-none = This team is not linked with any other team.
co-link-state-linked = linked since { $since }.
co-link-state-awaiting = they proposed a link on { $since }; a leader of this team can accept it.
co-link-state-proposed = proposed on { $since }; waiting for a leader of that team to accept.
co-link-accept = Accept the link with { $team }
co-link-remove = Remove the link with { $team }
co-link-decline = Decline { $team }'s proposal
co-link-withdraw = Withdraw the proposal to { $team }
co-link-new = Propose a link
co-link-team = The other team's address
co-link-team-hint = The last part of its address, as in /teams/principals-cohort. A leader of that team will be asked to accept.
co-link-propose = Propose the link
co-link-team-required = Enter the other team's address.
co-link-team-unknown = No team has this address.
co-link-team-self = A team cannot be linked with itself.
co-link-team-exists = These teams are already linked, or a proposal is waiting.
co-link-accept-own = This team proposed the link: a leader of the other team accepts it.
co-link-proposed = Link proposed. It starts once a leader of the other team accepts it.
co-link-accepted = This team is now linked with { $team }.
co-link-removed = The link with { $team } is removed.

## Sharing meetings with linked teams

co-share-heading = Meetings shared with linked teams
co-share-intro = A shared meeting shows its published agenda and its latest published minutes to members of every linked team, read-only. Nothing else of this team is visible to them.
co-share-caption = This team's latest meetings and whether each is shared
co-share-meeting = Meeting
co-share-published = Published
co-share-state = Shared with linked teams
co-share-agenda = agenda
co-share-minutes = minutes
co-share-nothing = nothing yet
co-share-on = Shared.
co-share-start = Share “{ $title }” with linked teams
co-share-stop = Stop sharing “{ $title }”
co-share-no-meetings = This team has no meetings yet.
co-meeting-shared = “{ $title }” is shared with linked teams.
co-meeting-unshared = “{ $title }” is no longer shared.
co-meeting-share-heading = Share with linked teams
co-meeting-share-on = Shared with { $teams }: their members can read this meeting's published agenda and minutes, read-only.
co-meeting-share-off = Not shared. If you share it, members of { $teams } can read its published agenda and minutes, read-only; nothing else of this team.

## What linked teams share

co-shared = Shared by linked teams
co-shared-title = Shared by linked teams · { $team }
co-shared-lead = Published agendas and minutes that teams linked with this one have chosen to share, read-only.
co-shared-none = Nothing is shared with this team yet.
co-shared-from = Shared by { $team }, read-only.
co-shared-agenda = Agreed agenda
co-shared-minutes = Minutes
co-shared-item-minutes = { $minutes } min
co-team-links = Linked teams
co-team-shared = { $count ->
    [one] 1 meeting shared by linked teams
   *[other] { $count } meetings shared by linked teams
}

## Personal calendar feed

co-feed-heading = Calendar feed
co-feed-intro = Subscribe to your meetings in every team, your actions' due dates and your milestones' due dates from your calendar app with a secret address. Anyone who has the address can read these entries, so keep it to yourself; make a new one if it leaks.
co-feed-active = You have a calendar address, made on { $when }. It is shown only once, when it is made: to see it again, make a new one (the old one stops working).
co-feed-none = You have no calendar address.
co-feed-make = Make my calendar address
co-feed-remake = Make a new address (the old one stops working)
co-feed-revoke = Revoke my calendar address
co-feed-made = Your calendar address is ready. Add it to your calendar app as a subscription.
co-feed-copy = Copy it now; it is shown only once:
co-feed-revoked = Your calendar address is revoked: it no longer works.
co-feed-name = Roundtable · { $name }
co-feed-team = Team: { $team }
co-feed-agenda = Agenda: { $link }
co-feed-action-due = Action due: { $title }
co-feed-milestone-due = Milestone due: { $title }
