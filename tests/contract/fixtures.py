"""Real resources for the contract test's path parameters (tests/contract/run.sh).

Usage: python3 tests/contract/fixtures.py BASE_URL SEEDED_JSON OUT_TOML [STATEFUL_TOML]

Reads what `roundtable dev seed --api-tokens N --proposing-meeting --budget-round` printed
(SEEDED_JSON), creates through the API itself one of each resource the seed does not make (an
action with a comment, a role map with a milestone, a budget idea, a ledger entry) when the
running server's OpenAPI document has the route, and writes OUT_TOML: a schemathesis
configuration whose `[parameters]` pin every known path parameter to a seeded resource, so the
generated requests reach real rows instead of 404s.

STATEFUL_TOML, if given, is the stateful phase's configuration: it pins only the team and the
parameters of the first steps that need a resource in the right state (the meeting taking
proposals for proposing, the round taking ideas for an idea). Every other path parameter there
comes from the document's links, and must not be pinned: schemathesis applies a pinned value
over the one a link gave. Beside it, STATEFUL_TOML without `.toml` and with `-bodies.json`: a
body that works for each create operation a chain of links starts with, by operation
(tests/contract/contract_hooks.py sends it in most of the stateful run's creates).
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


def main(base, seeded_path, out_path, stateful_path=None):
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
    if stateful_path is not None:
        write_stateful(stateful_path, team, proposing, budget_round)
        members = call(base, token, "GET", f"{t}/members")["members"]
        other = next(m["id"] for m in members if m["id"] != me["id"])
        with open(stateful_path.removesuffix(".toml") + "-bodies.json", "w",
                  encoding="utf-8") as out:
            json.dump(stateful_bodies(me["id"], other), out, indent=1)
    json.dump({"all": params, "proposals": proposal_params}, sys.stdout)
    print()


def write_stateful(out_path, team, proposing, budget_round):
    """The stateful phase's pins (see the module's description)."""
    t = "/api/v1/teams/{team}"
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("# Written by tests/contract/fixtures.py for one run (the stateful phase).\n")
        write_parameters(out, "[parameters]", {"team": team})
        pins = [
            (f"POST {t}/meetings/{{meeting}}/proposals", "meeting", proposing),
            (f"POST {t}/budgets/{{round}}/ideas", "round", budget_round),
        ]
        for label, name, pinned in pins:
            if pinned is not None:
                out.write(f"\n[[operations]]\ninclude-name = {json.dumps(label)}\n")
                write_parameters(out, "[operations.parameters]", {name: pinned})


def stateful_bodies(me, other):
    """Bodies the create operations that start chains of links accept, by operation; `{n}`
    stands for a number drawn per request (idempotency keys must differ)."""
    t = "POST /api/v1/teams/{team}"
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, second=0)

    def at(days):
        return (now + datetime.timedelta(days=days)).isoformat().replace("+00:00", "Z")

    def day(days):
        return (now.date() + datetime.timedelta(days=days)).isoformat()

    return {
        f"{t}/actions": {"title": "Book the hall", "owner_id": me, "due_on": day(14)},
        f"{t}/meetings": {
            "title": "Network day planning", "purpose_line": "Agree how every school presents.",
            "starts_at": at(12), "budget_minutes": 60, "proposals_open": at(1),
            "proposals_close": at(5), "voting_open": at(6), "voting_close": at(11)},
        f"{t}/role-maps": {"title": "Network day", "outcome": "Every school presents once.",
                           "owner_id": me},
        f"{t}/role-maps/{{map}}/milestones": {"title": "Programme sent", "owner_id": me,
                                              "due_on": day(14)},
        f"{t}/ledger/entries": {"direction": "received", "person": other, "minutes": 30,
                                "category": "Timetabling", "idempotency_key": "contract-{n}"},
        f"{t}/thanks": {"to": other, "impact": "Covered my Friday lesson.",
                        "idempotency_key": "contract-{n}"},
        f"{t}/away": {"away_from": day(30), "away_until": day(32)},
        "PUT /api/v1/teams/{team}/checkins/me": {"moved": "The hall is booked.",
                                                 "next": "Send the programme."},
        f"{t}/series": {"title": "Network day series"},
        f"{t}/budgets": {
            "title": "Network fund", "purpose": "Joint trips for the network's pupils.",
            "amount": "5000", "ideas_open": at(1), "review_at": at(5), "voting_open": at(6),
            "voting_close": at(9)},
        f"{t}/meetings/{{meeting}}/proposals": {
            "title": "Network day rota", "why": "Every school should present once a year.",
            "minutes": 10},
        f"{t}/help": {"kind": "request", "title": "Cover my Friday lesson",
                      "idempotency_key": "contract-{n}"},
        f"{t}/budgets/{{round}}/ideas": {"title": "Shared minibus hire",
                                         "description": "For joint trips.", "cost": "1200",
                                         "location": "All schools"},
    }


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
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
