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

## Un tour importé d'un fichier Pabulib (écrit dans la langue du responsable qui l'importe)
bg-import-title = Tour importé
bg-import-purpose = Importé d'un fichier Pabulib ({ $projects } projets, { $votes } votes) pour essayer les règles sur des données réelles.
bg-import-project = Projet { $id }
bg-import-idea = Importé d'un fichier Pabulib.

# A person field of a large team: a name typed from one list (web::person_fields).
pf-type-name = Commencez à taper un nom et choisissez-le dans la liste.
