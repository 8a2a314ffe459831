# Roundtable messages (en): lines the action log builds in Rust (where an action came from, its
# history). Keys here must exist in every language.

## Where an action came from

ac-source-agenda-item = agenda item { $position } of “{ $meeting }”
ac-source-a-meeting = a meeting
ac-source-help = a help request
ac-source-idea = budget idea “{ $idea }”
ac-source-an-idea = a budget idea
ac-source-own = recorded on its own

## An action's history

ac-history-created = created as { $status }
ac-history-moved = { $from } → { $to }

## A round imported from a Pabulib file (stored in the importing leader's language)
bg-import-title = Imported round
bg-import-purpose = Imported from a Pabulib file ({ $projects } projects, { $votes } votes) to try rules on real data.
bg-import-project = Project { $id }
bg-import-idea = Imported from a Pabulib file.

# A person field of a large team: a name typed from one list (web::person_fields).
pf-type-name = Start typing a name and choose it from the list.
