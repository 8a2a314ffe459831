# Roundtable messages (fr): lines the action log builds in Rust (where an action came from, its
# history). Keys here must exist in every language.

## D'où vient une action

ac-source-agenda-item = point { $position } de l'ordre du jour de « { $meeting } »
ac-source-a-meeting = une réunion
ac-source-help = une demande d'aide
ac-source-idea = idée du budget participatif « { $idea } »
ac-source-an-idea = une idée du budget participatif
ac-source-own = enregistrée directement

## L'historique d'une action

ac-history-created = créée avec le statut « { $status } »
ac-history-moved = { $from } → { $to }
