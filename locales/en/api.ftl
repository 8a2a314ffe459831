# Personal API tokens (account page) and the JSON API's own messages (issue 20).
error-unauthorized-title = Sign in required
error-unauthorized = Sign in first.
api-error-unauthorized = Send a personal API token as "Authorization: Bearer …". Tokens are made on your account page; cookies are not accepted here.
api-error-invalid-token = This token is not valid: it is unknown, revoked or expired.
api-error-insufficient-scope = This token may only read. Make a read-and-write token to change anything.
api-error-limit = Ask for 1 to { $max } rows per page.
api-error-cursor = This cursor was not made by this list. Start again without one, then pass each page's next_cursor.
api-error-body = The request body could not be read as the JSON this endpoint expects.
api-error-body-detail = { $detail }
api-token-heading = API tokens
api-token-intro = Tools such as a school intranet, a chat bot or a spreadsheet can read Roundtable (and, with a read-and-write token, act) as you, through the JSON API. A token can do what you can do, never more. Keep it secret; revoke it if it leaks.
api-token-docs = The API described in OpenAPI 3.1 (JSON)
api-token-none = You have no API tokens.
api-token-table = Your API tokens
api-token-name = Name
api-token-name-hint = What the token is for, such as "Intranet sync".
api-token-scope = Access
api-token-scope-read = Read only
api-token-scope-read-write = Read and write
api-token-days = Lasts (days)
api-token-days-hint = From 1 to { $max } days; { $default } if you leave it as it is.
api-token-create = Create token
api-token-created = Token "{ $name }" created.
api-token-copy = Copy your token now; it is shown only once:
api-token-revoked = The token is revoked: it no longer works.
api-token-revoke = Revoke
api-token-revoke-named = Revoke { $name }
api-token-created-on = Created
api-token-expires = Expires
api-token-last-used = Last used
api-token-never-used = Never
api-token-status = Status
api-token-status-active = Active
api-token-status-expired = Expired
api-token-status-revoked = Revoked on { $when }
api-token-name-empty = Give the token a name.
api-token-name-long = Use at most { $max } characters, on one line.
api-token-scope-unknown = Choose read only, or read and write.
api-token-days-range = Choose a whole number of days from 1 to { $max }.
api-token-too-many = You already have { $count } active tokens. Revoke one you no longer use first.

# API: actions, check-ins and role maps
api-error-show = Use one of mine, open, overdue or blocked, or leave it out for every action.
api-error-id = Use a number (an id).

# API: proposals and ballots
api-ballot-unknown-item = Item { $id } is not on this ballot: rank only the meeting's active items.
api-ballot-repeated-item = Item { $id } is ranked twice: give each item one place.
proposals-csv = Download these items as CSV

# API: results and agreed agendas
mt-results-rctab-json = The count round by round (RCTab summary JSON, what roundtable tally prints)

# API: budget rounds
api-budget-unknown-idea = Idea { $id } is not on this ballot: choose only ideas on the ballot.
api-budget-repeated-idea = Idea { $id } is named twice: name each idea once.

# API: body errors (contract test)
api-error-content-type = Send the body as JSON, with the header "Content-Type: application/json".

# API: ledger, members and calendar
api-error-choice = Use one of: { $choices }.
api-error-role = Use leader or member, or leave it out for everyone.
co-feed-team-name = { $team }: meetings
