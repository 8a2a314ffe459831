# Roundtable messages (en): role maps (issue 19). Keys here must exist in every language.

## Shared words

rm-maps = Role maps
rm-title = Project
rm-outcome = Outcome
rm-owner = Owner
rm-status = Status
rm-due = Due
rm-done = Done
rm-done-yes = yes
rm-done-no = no
rm-overdue = overdue
rm-milestone = Milestone
rm-milestones = Milestones
rm-choose-member = Choose a member
rm-former-member = a former member
rm-status-draft = draft
rm-status-published = published
rm-status-closed = closed
rm-version = version { $version }

## The list

rm-list-title = Role maps · { $team }
rm-maps-lead = One page per project: the outcome in one sentence, who owns it, and the milestones with their owners and dates. Drafts are written together, then published; later changes are kept as versions.
rm-maps-caption = { $count ->
    [one] One role map, newest first
   *[other] { $count } role maps, newest first
}
rm-col-project = Project
rm-col-updated = Last changed
rm-maps-none = No role maps yet.
rm-pages = Pages
rm-page-of = Page { $page } of { $pages }
rm-page-prev = Previous page
rm-page-next = Next page
rm-new = New role map
rm-new-lead = It starts as a draft any member can edit.
rm-outcome-hint = One sentence: what will be true when the project is done.
rm-new-submit = Start the draft

## One role map

rm-draft-note = This is a draft: any member of the team may edit it. Its owner or a leader publishes it.
rm-published-note = Published. Its owner and leaders may still change it, and milestone owners tick their milestones; every change is kept as a version below.
rm-closed-note = This role map is closed and read-only.
rm-publish = Publish the role map
rm-close = Close the role map
rm-milestones-caption = Milestones, soonest due first
rm-milestones-none = No milestones yet.
rm-mark-done = Mark “{ $title }” done
rm-mark-undone = Mark “{ $title }” not done
rm-edit-milestone = Edit “{ $title }”
rm-save-milestone = Save the milestone
rm-remove-milestone = Remove “{ $title }”
rm-add-milestone = Add a milestone
rm-edit-map = Edit the role map
rm-save-map = Save the role map
rm-history = History
rm-history-none = No versions yet: the history starts when the role map is published.
rm-history-more = The { $shown } newest of { $total } versions.

## History: "Version 3 — Ana changed the due date of “Pilot” from 12 Jan 2027 to 19 Jan 2027, 3 Dec 2026, 14:02 GMT"

rm-version-line = Version { $version } — { $who } { $what }, { $when }
rm-change-published = published the role map
rm-change-closed = closed the role map
rm-change-title = changed the project from “{ $before }” to “{ $after }”
rm-change-outcome = changed the outcome from “{ $before }” to “{ $after }”
rm-change-owner = changed the owner from { $before } to { $after }
rm-change-milestone-added = added the milestone “{ $milestone }”, due { $after }
rm-change-milestone-removed = removed the milestone “{ $milestone }” (due { $before })
rm-change-milestone-title = renamed the milestone “{ $milestone }” to “{ $after }”
rm-change-milestone-owner = changed the owner of “{ $milestone }” from { $before } to { $after }
rm-change-milestone-due = changed the due date of “{ $milestone }” from { $before } to { $after }
rm-change-milestone-done = marked “{ $milestone }” done
rm-change-milestone-undone = marked “{ $milestone }” not done

## Refusals and field problems

rm-closed-read-only = This role map is closed: it can no longer be changed.
rm-move-refused = This role map cannot move to that status (draft, then published, then closed).
rm-v-title-short = Name the project (at least 3 characters).
rm-v-title-long = Keep the project's name under { $max } characters.
rm-v-outcome-missing = Write the outcome: one sentence saying what will be true when the project is done.
rm-v-outcome-short = Say a little more: the outcome needs at least 10 characters.
rm-v-outcome-long = Keep the outcome under { $max } characters.
rm-v-outcome-one-sentence = Write the outcome as one sentence.
rm-v-milestone-short = Name the milestone (at least 3 characters).
rm-v-milestone-long = Keep the milestone under { $max } characters.
rm-v-due-missing = Choose a due date.
rm-v-due-invalid = This is not a date; choose one in the calendar (year-month-day).
rm-v-due-range = Choose a due date within five years of today.
rm-v-owner-not-member = Choose a member of this team.
rm-v-too-many-milestones = A role map holds at most { $max } milestones.

## Home page

rm-home-heading = Milestones due
rm-home-due = { $title } ({ $project }), due { $due }
rm-home-more = { $count ->
    [one] One more milestone due: see the role maps
   *[other] { $count } more milestones due: see the role maps
}
