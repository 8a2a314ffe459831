"""Real resources for the contract test's path parameters (tests/contract/run.sh).

Usage: python3 tests/contract/fixtures.py BASE_URL SEEDED_JSON OUT_TOML

Reads what `roundtable dev seed --api-tokens N --proposing-meeting --budget-round` printed
(SEEDED_JSON), creates through the API itself one of each resource the seed does not make (an
action with a comment, a role map with a milestone, a budget idea, a ledger entry) when the
running server's OpenAPI document has the route, and writes OUT_TOML: a schemathesis
configuration whose `[parameters]` pin every known path parameter to a seeded resource, so the
generated requests reach real rows instead of 404s.
Standard library only; any failure here fails the contract test.
"""

import datetime
import json
import sys
import urllib.request


def call(base, token, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def first_id(listing, key):
    rows = listing.get(key) or []
    return rows[0]["id"] if rows else None


def main(base, seeded_path, out_path):
    with open(seeded_path, encoding="utf-8") as f:
        seeded = json.loads(f.read().strip().splitlines()[-1])
    token = seeded["api_tokens"][0]
    team = seeded["team"]
    voting = seeded["meetings"][0]
    proposing = seeded["proposing_meeting"]
    with urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=30) as response:
        paths = json.load(response)["paths"]

    def has(method, path):
        return method in paths.get("/api/v1/teams/{team}" + path, {})

    t = f"/api/v1/teams/{team}"
    me = call(base, token, "GET", "/api/v1/me")
    # The meeting in voting (ballots, results) for every operation...
    params = {"team": team, "meeting": voting}
    # ... but the one taking proposals for the proposal operations, so they can succeed.
    proposal_params = {"meeting": proposing}
    if has("get", "/meetings/{meeting}/proposals"):
        listing = call(base, token, "GET", f"{t}/meetings/{proposing}/proposals")
        proposal_params["proposal"] = first_id(listing, "proposals")
    due = (datetime.date.today() + datetime.timedelta(days=14)).isoformat()
    if has("post", "/actions"):
        action = call(base, token, "POST", f"{t}/actions",
                      {"title": "Book the hall for the network day", "owner_id": me["id"],
                       "due_on": due})
        params["action"] = action["id"]
        if has("post", "/actions/{action}/comments"):
            call(base, token, "POST", f"{t}/actions/{action['id']}/comments",
                 {"body": "Asked the caretaker; waiting for dates."})
    if has("post", "/role-maps"):
        role_map = call(base, token, "POST", f"{t}/role-maps",
                        {"title": "Network day", "outcome": "Every school presents once.",
                         "owner_id": me["id"]})
        params["map"] = role_map["id"]
        if has("post", "/role-maps/{map}/milestones"):
            milestone = call(base, token, "POST", f"{t}/role-maps/{role_map['id']}/milestones",
                             {"title": "Programme sent", "owner_id": me["id"], "due_on": due})
            params["milestone"] = milestone_id(milestone)
    budget_round = seeded.get("budget_round")
    if budget_round is not None:
        params["round"] = budget_round
        if has("post", "/budgets/{round}/ideas"):
            idea = call(base, token, "POST", f"{t}/budgets/{budget_round}/ideas",
                        {"title": "Shared minibus hire", "description": "For joint trips.",
                         "cost": "1200", "location": "All schools"})
            params["idea"] = idea["id"]
    if has("post", "/ledger/entries") and has("get", "/members"):
        members = call(base, token, "GET", f"{t}/members")["members"]
        other = next(m["id"] for m in members if m["id"] != me["id"])
        entry = call(base, token, "POST", f"{t}/ledger/entries",
                      {"direction": "received", "person": other, "minutes": 30,
                       "category": "Timetabling", "idempotency_key": "contract-fixture"})
        params["entry"] = entry["id"]
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("# Written by tests/contract/fixtures.py for one run.\n")
        write_parameters(out, "[parameters]", params)
        out.write('\n[[operations]]\ninclude-path-regex = "/proposals"\n')
        write_parameters(out, "[operations.parameters]", {**params, **proposal_params})
    json.dump({"all": params, "proposals": proposal_params}, sys.stdout)
    print()


def write_parameters(out, table, params):
    out.write(table + "\n")
    for name, value in params.items():
        if value is not None:
            out.write(f"\"path.{name}\" = {json.dumps(value)}\n")


def milestone_id(created):
    """The new milestone's id, whether the answer is the milestone or its role map."""
    if "milestones" in created:
        milestones = created["milestones"]
        return milestones[-1]["id"] if milestones else None
    return created.get("id")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
