# Jetons d'API personnels (page du compte) et messages propres à l'API JSON (ticket 20).
error-unauthorized-title = Connexion requise
error-unauthorized = Connectez-vous d'abord.
api-error-unauthorized = Envoyez un jeton d'API personnel dans « Authorization: Bearer … ». Les jetons se créent sur la page de votre compte ; les cookies ne sont pas acceptés ici.
api-error-invalid-token = Ce jeton n'est pas valable : il est inconnu, révoqué ou expiré.
api-error-insufficient-scope = Ce jeton ne permet que la lecture. Créez un jeton en lecture et écriture pour modifier quoi que ce soit.
api-error-limit = Demandez de 1 à { $max } lignes par page.
api-error-cursor = Ce curseur ne vient pas de cette liste. Recommencez sans curseur, puis passez le next_cursor de chaque page.
api-error-body = Le corps de la requête ne peut pas être lu comme le JSON attendu par ce point d’accès.
api-error-body-detail = { $detail }
api-token-heading = Jetons d'API
api-token-intro = Des outils comme l'intranet d'un établissement, un robot de discussion ou un tableur peuvent lire Roundtable (et, avec un jeton en lecture et écriture, agir) en votre nom, par l'API JSON. Un jeton peut faire ce que vous pouvez faire, jamais plus. Gardez-le secret ; révoquez-le s'il fuit.
api-token-docs = L'API décrite en OpenAPI 3.1 (JSON)
api-token-none = Vous n'avez aucun jeton d'API.
api-token-table = Vos jetons d'API
api-token-name = Nom
api-token-name-hint = À quoi sert le jeton, par exemple « Synchronisation de l'intranet ».
api-token-scope = Accès
api-token-scope-read = Lecture seule
api-token-scope-read-write = Lecture et écriture
api-token-days = Durée (jours)
api-token-days-hint = De 1 à { $max } jours ; { $default } si vous n'y touchez pas.
api-token-create = Créer le jeton
api-token-created = Jeton « { $name } » créé.
api-token-copy = Copiez votre jeton maintenant ; il n'est affiché qu'une fois :
api-token-revoked = Le jeton est révoqué : il ne fonctionne plus.
api-token-revoke = Révoquer
api-token-revoke-named = Révoquer { $name }
api-token-created-on = Créé le
api-token-expires = Expire le
api-token-last-used = Dernière utilisation
api-token-never-used = Jamais
api-token-status = État
api-token-status-active = Actif
api-token-status-expired = Expiré
api-token-status-revoked = Révoqué le { $when }
api-token-name-empty = Donnez un nom au jeton.
api-token-name-long = Utilisez au plus { $max } caractères, sur une ligne.
api-token-scope-unknown = Choisissez lecture seule, ou lecture et écriture.
api-token-days-range = Choisissez un nombre entier de jours entre 1 et { $max }.
api-token-too-many = Vous avez déjà { $count } jetons actifs. Révoquez d'abord un jeton dont vous ne vous servez plus.

# API : actions, points hebdomadaires et cartes des rôles
api-error-show = Utilisez mine, open, overdue ou blocked, ou omettez-le pour toutes les actions.
api-error-id = Utilisez un nombre (un identifiant).

# API : propositions et bulletins
api-ballot-unknown-item = Le point { $id } ne figure pas sur ce bulletin : classez seulement les points actifs de la réunion.
api-ballot-repeated-item = Le point { $id } est classé deux fois : donnez une seule place à chaque point.
proposals-csv = Télécharger ces points en CSV

# API : résultats et ordres du jour convenus
mt-results-rctab-json = Le dépouillement tour par tour (JSON de synthèse RCTab, ce qu’affiche roundtable tally)

# API : budgets participatifs
api-budget-unknown-idea = L’idée { $id } n’est pas sur ce bulletin : choisissez seulement des idées du bulletin.
api-budget-repeated-idea = L’idée { $id } est citée deux fois : citez chaque idée une seule fois.

# API : erreurs de corps de requête (test de contrat)
api-error-content-type = Envoyez le corps en JSON, avec l’en-tête « Content-Type: application/json ».

# API : registre d’entraide, membres et calendrier
api-error-choice = Utilisez l’une de ces valeurs : { $choices }.
api-error-role = Utilisez leader ou member, ou omettez-le pour tout le monde.
co-feed-team-name = { $team } : réunions
