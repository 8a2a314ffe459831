//! Every template renders with a fixture, so a broken template fails `cargo test`.

use roundtable::web::templates::Templates;
use serde_json::{Value, json};

fn layout() -> Value {
    json!({
        "user": { "id": 1, "email": "sam@school.test", "display_name": "Sam", "is_admin": true, "unread": 3 },
        "csrf_token": "0".repeat(64),
        "path": "/",
    })
}

/// Person fields' options as `web::person_fields::MemberOptions` writes them (Sam, Lee);
/// `by_name` as for a large team (the fields type a name from one list).
pub fn member_options(by_name: bool) -> Value {
    json!({ "by_id": "<option value=\"1\">Sam</option><option value=\"2\">Lee</option>",
        "by_label": "<option value=\"Sam (#1)\"></option><option value=\"Lee (#2)\"></option>", "count": 2,
        "by_name": by_name })
}

fn fixture(name: &str) -> Option<Value> {
    let errors = json!({ "email": "Enter an email address.", "name": "Enter the team's name." });
    Some(match name {
        "base.html" => {
            let mut layout = layout();
            layout["flash"] = json!({ "message": "Created Team A.",
                "link": { "label": "Copy it and send it:", "href": "http://x/invite/ab" } });
            json!({ "title": "Fixture", "layout": layout })
        }
        "invite_closed.html" => json!({ "title": "Gone", "layout": layout(),
            "closed": { "team_name": "Team A", "why": "has expired", "leaders": ["Sam", "Ana"] } }),
        "home.html" => json!({ "title": "Home", "layout": layout(), "setup_needed": true,
            "teams": [{ "name": "Team A", "slug": "team-a", "role": "leader", "unread": 2,
                "open_windows": [{ "title": "SLT", "link": "/teams/team-a/meetings/1/ballot",
                    "kind": "voting", "voted": false, "time_left": "2 days left" }], "more_windows": 3,
                "my_actions": [action_line()], "more_actions": 2, "actions_link": "/teams/team-a/actions?owner=1",
                "milestones_due": [{ "title": "Pilot in Y7", "project": "Reading pilot", "link": "/teams/team-a/roles/1",
                    "due": "1 Dec 2026", "overdue": true }], "more_milestones": 1,
                "checkin": { "team_id": 1, "week": "week of 30 November", "done": false, "link": "/teams/team-a/checkins#mine" } },
                { "name": "Team B", "slug": "team-b", "role": "member", "unread": 0,
                "open_windows": [], "more_windows": 0, "my_actions": [], "more_actions": 0,
                "actions_link": "/teams/team-b/actions?owner=1",
                "checkin": { "team_id": 2, "week": "week of 30 November", "done": true, "link": "/teams/team-b/checkins#mine" } }] }),
        "login.html" => {
            json!({ "title": "Sign in", "layout": { "csrf_token": "x" }, "errors": errors,
            "form": { "email": "sam@school.test", "next": "/" }, "notice": "Signed out.", "mail_enabled": true })
        }
        "account.html" => {
            json!({ "title": "Account", "layout": layout(), "errors": { "new": "Too short.", "digest": "Choose email, in the app only, or off." }, "notice": "Done.",
            "mail_enabled": false, "time_zone": "Europe/London", "language": "fr",
            "languages": [["en", "English"], ["fr", "Français"]], "zones": ["UTC", "Europe/London", "Europe/Paris"],
            "calendar_feed": "1 Dec 2026, 09:00 UTC",
            "api_tokens": { "name": "Bot", "scope": "read", "days": "90", "default_days": 90, "max_days": 365,
                "tokens": [{ "id": 1, "name": "Intranet", "scope": "Read only", "created": "1 Dec 2026, 09:00 UTC",
                    "expires": "1 Mar 2027, 09:00 UTC", "last_used": null, "status": "Active", "active": true }] },
            "preferences": [{ "kind": "digest", "label": "Weekly digest (Monday)", "channel": "off",
                "options": [["email", "Email and in the app"], ["in_app", "In the app only"], ["off", "Off"]] }] })
        }
        "notifications.html" => {
            json!({ "title": "Notifications", "layout": layout(), "older_page": true,
            "page": { "unread": 1, "older": 40, "rows": [{ "id": 41, "kind": "Voting open", "team": "Team A",
                "message": "Voting is open for “SLT” until 3 Dec 2026, 09:00 UTC.", "link": "/teams/team-a/meetings/1/ballot",
                "when": "1 Dec 2026, 09:00 UTC", "unread": true }] } })
        }
        "unsubscribe.html" => {
            json!({ "title": "Stop these emails", "layout": { "csrf_token": "x" }, "token": "1.digest.ab",
            "kind": "Weekly digest (Monday)", "done": false })
        }
        "forgot.html" => {
            json!({ "title": "Forgotten password", "layout": { "csrf_token": "x" }, "mail_enabled": true,
            "form": { "email": "sam@school.test" }, "errors": { "email": "Enter an email address." } })
        }
        "reset.html" => {
            json!({ "title": "Reset", "layout": { "csrf_token": "x" }, "display_name": "Sam", "errors": {} })
        }
        "invite.html" => json!({ "title": "Join", "layout": { "csrf_token": "x" }, "token": "ab",
            "invitation": { "team_name": "Team A", "team_slug": "team-a", "team_purpose": "Purpose.", "role": "member" },
            "form": { "display_name": "Lee", "email": "lee@school.test" }, "errors": errors }),
        "team.html" => {
            json!({ "title": "Team A", "layout": layout(), "slug": "team-a", "purpose": "Purpose.",
            "my_role": "leader", "can_manage": true,
            "members": { "rows": [{ "user_id": 1, "display_name": "Sam", "role": "leader" }, { "user_id": 2, "display_name": "Lee", "role": "member" }],
                "search": "l", "total": 60, "team_total": 70, "page": 2, "pages": 2, "first": 51, "last": 60,
                "here": "?q=l&page=2", "prev": "/teams/team-a?q=l#members", "next": null, "leaders": 1 },
            "invitations": [{ "id": 3, "role": "member", "uses": 1, "max_uses": 5, "expires": "1 Dec 2026, 10:00 UTC" }],
            "other_teams": [{ "name": "Team B", "slug": "team-b", "role": "member" }],
            "invite_form": { "role": "member", "max_uses": "1", "valid_days": "7", "emails": "ana@school.test" }, "errors": { "max_uses": "1 to 100.", "emails": "“x” is not an email address." },
            "mail_enabled": true, "team_zone": "Europe/London", "viewer_zone": "Europe/Paris",
            "time_zone": "Mars/Olympus", "zones": ["UTC", "Europe/London", "Europe/Paris"],
            "follow_through": [{ "owner_id": 2, "name": "Lee", "open": 3, "done": 1 }],
            "shared": [{ "meeting_id": 4, "team_name": "Cohort", "title": "Cohort meeting", "starts": "1 Dec 2026, 09:00 UTC",
                "has_agenda": true, "has_minutes": false }] })
        }
        "admin_teams.html" => json!({ "title": "Teams", "layout": layout(),
            "teams": [{ "name": "Team A", "slug": "team-a", "members": 3 }],
            "form": { "name": "", "slug": "", "purpose": "", "time_zone": "" }, "errors": errors,
            "time_zone": "UTC", "zones": ["UTC", "Europe/London", "Europe/Paris"] }),
        name if name.starts_with("series") => return crate::series::fixture(name),
        name if name.starts_with("team_links") || name.starts_with("shared_") => {
            return crate::cohorts::fixture(name);
        }
        "checkins.html" => checkins_fixture(),
        name if name.starts_with("budget") => budget_fixture(name),
        name if name.starts_with("meeting")
            || name.starts_with("proposal")
            || name.starts_with("ballot")
            || name.starts_with("results")
            || name.starts_with("agenda")
            || name == "turnout.html"
            || name == "rankings.html" =>
        {
            meeting_fixture(name)
        }
        "ledger_me.html" => {
            json!({ "title": "My reciprocity", "layout": layout(), "slug": "team-a",
            "team_name": "Team A",
            "periods": [{ "label": "Last 4 weeks", "given": "1 h", "given_count": 2, "received": "0 min", "received_count": 0 }],
            "index": "+0.50",
            "waiting_for_me": [ledger_entry()], "waiting_for_them": [ledger_entry()], "mine": [ledger_entry()],
            "entries": { "total": 120, "page": 2, "pages": 3, "first": 51, "last": 100, "prev": "/p1", "next": "/p3" },
            "helped": [{ "name": "Lee", "minutes": "1 h", "count": 2 }], "helped_more": 3, "helpers": [], "helpers_more": 0,
            "pick_by_name": true,
            "thanks": [ledger_thanks(false), ledger_thanks(true)],
            "notifications": [{ "message": "Lee confirmed.", "link": "/teams/team-a/ledger/me", "when": "1 Dec 2026, 10:00 UTC" }],
            "others": [{ "id": 2, "name": "Lee", "leader": false }],
            "member_options": member_options(false),
            "is_leader": true, "sees_team": true, "today": "2026-12-01", "earliest": "2026-10-02",
            "form": { "direction": "between", "person": "2", "helper": "1", "helped": "2", "minutes": "30",
                "date": "", "category": "", "note": "", "post_id": "", "action_id": "", "idempotency_key": "k".repeat(64) },
            "errors": { "minutes": "Enter whole minutes from 1 to 600.", "person": "Choose a member.", "helped": "x", "direction": "x", "note": "x", "idempotency_key": "x" },
            "thanks_form": { "to": "2", "impact": "", "exchange_id": "", "action_id": "", "idempotency_key": "k".repeat(64) },
            "thanks_errors": { "impact": "Say in a line what difference it made.", "to": "x" },
            "notice": "Recorded." })
        }
        "ledger_team.html" => json!({ "title": "Team ledger", "layout": layout(), "slug": "team-a",
            "team_name": "Team A", "window_label": "this term",
            "windows": [{ "label": "This term", "href": "/teams/team-a/ledger?window=term", "current": true }],
            "columns": [{ "key": "given", "label": "Given", "href": "/x", "aria_sort": "descending", "numeric": true },
                { "key": "name", "label": "Member", "href": "/x", "aria_sort": "none", "numeric": false }],
            "lines": [{ "name": "Sam", "given": "1 h", "given_count": 2, "received": "0 min", "received_count": 0,
                "index": "+1.00", "share": "100%", "last": "1 Dec 2026" }],
            "pager": { "page": 2, "pages": 3, "first": 51, "last": 100, "total": 120, "prev": "/p1", "next": "/p3" },
            "top": [{ "name": "Sam", "given": "1 h", "share": "100%" }], "quiet_more": 3, "graph_members": 1, "edges_total": 60,
            "csv_href": "/teams/team-a/ledger/members.csv", "team_minutes": "1 h", "team_exchanges": 2,
            "gini": "0.50", "top1": "100%", "top20": "100%", "top20_people": 1,
            "carrying": ["Sam gave 41% of the team's help over the last 8 weeks — who can share the load?"],
            "quiet": ["Lee", "Kim"],
            "bars": [{ "label": "Dec 2026", "minutes": "1 h", "count": 2, "x": "10.0", "y": "10.0", "height": "120.0", "cx": "30.0" }],
            "graph": { "size": "440.0", "width": "740.0", "view_box": "-150.0 0 740.0 440.0", "nodes": [{ "x": "220.0", "y": "70.0", "lx": "220.0", "ly": "40.0", "anchor": "middle", "name": "Sam" }],
                "arrows": [{ "x1": "1.0", "y1": "2.0", "x2": "3.0", "y2": "4.0", "width": "9.0", "title": "Sam helped Lee: 1 h (2 exchanges)" }] },
            "edges": [{ "helper": "Sam", "helped": "Lee", "minutes": "1 h", "count": 2 }],
            "disputes": [ledger_entry()],
            "unmet": [{ "id": 4, "title": "Cover period 3", "author": "Lee", "estimated_minutes": 50 }],
            "thanks": [ledger_thanks(false)], "is_leader": true,
            "settings": { "aggregates": "leaders", "unmet_after_days": "7", "term_starts_on": "" },
            "errors": { "aggregates": "Choose.", "unmet_after_days": "1 to 60." } }),
        "ledger_exchange.html" => {
            json!({ "title": "Sam helped Lee", "layout": layout(), "slug": "team-a", "id": 3,
            "helper": "Sam", "helped": "Lee", "minutes": "30 min", "minutes_value": 30, "date": "1 Dec 2026",
            "category": "planning", "note": "Private note", "state": "pending", "recorded_by": "Sam",
            "awaiting": "Lee", "expires": "15 Dec 2026, 10:00 UTC", "dispute_reason": "Too long",
            "resolution_note": "Agreed", "reversal_reason": "Typo", "my_turn": true, "can_resolve": true,
            "can_reverse": true,
            "form": { "minutes": "30", "reason": "", "decision": "confirm", "idempotency_key": "k".repeat(64) },
            "errors": { "reason": "Give a reason.", "decision": "Choose." } })
        }
        "help.html" => {
            json!({ "title": "Help", "layout": layout(), "slug": "team-a", "team_name": "Team A",
            "posts": [help_post()], "unmet_after_days": 7,
            "form": { "kind": "request", "title": "", "detail": "", "category": "", "estimated_minutes": "30",
                "expires_in_days": "14", "idempotency_key": "k".repeat(64) },
            "errors": { "title": "Give the post a title.", "kind": "x", "detail": "x", "idempotency_key": "x" } })
        }
        "help_post.html" => {
            json!({ "title": "Cover period 3", "layout": layout(), "slug": "team-a",
            "post": help_post(), "mine": false, "can_close": true, "already_responded": false,
            "form": { "message": "" }, "errors": { "message": "Say how you can help." } })
        }
        "actions.html" => {
            json!({ "title": "Actions", "layout": layout(), "slug": "team-a", "team_name": "Team A",
            "filters": [{ "label": "Mine", "href": "/teams/team-a/actions?show=mine", "current": true }],
            "filter": { "show": "mine", "meeting": "1", "owner": "2", "from_help": "" },
            "csv_link": "/teams/team-a/actions.csv?show=mine", "actions": [action_line()],
            "member_options": member_options(false),
            "form": { "title": "", "owner_id": "2", "due_on": "", "help_post_id": "4", "budget_idea_id": "" },
            "errors": { "title": "Write the action.", "owner_id": "Choose a member.", "due_on": "Choose a due date." },
            "today": "2026-12-02" })
        }
        "action.html" => {
            json!({ "title": "Book the hall", "layout": layout(), "slug": "team-a", "team_name": "Team A",
            "action": action_line(),
            "history": [{ "who": "Sam", "what": "open → blocked", "reason": "Waiting on the caretaker", "when": "2 Dec 2026, 10:00 UTC" }],
            "comments": [{ "who": "Lee", "body": "I can ask.", "when": "2 Dec 2026, 11:00 UTC" }],
            "may_change": true, "statuses": [{ "value": "done", "label": "done" }],
            "status_form": { "status": "blocked", "reason": "" }, "comment_form": { "body": "" },
            "errors": { "status": "Choose a status.", "reason": "Say why.", "body": "Write a comment." } })
        }
        "role_maps.html" => {
            json!({ "title": "Role maps", "layout": layout(), "slug": "team-a", "team_name": "Team A",
            "rows": [{ "id": 1, "title": "Reading pilot", "outcome": "Every Y7 class reads daily.", "owner": "Sam",
                "status": "draft", "status_word": "draft", "updated": "3 Dec 2026" }],
            "page": 2, "pages": 3, "total": 120, "prev": "/teams/team-a/roles?page=1", "next": "/teams/team-a/roles?page=3",
            "member_options": member_options(false),
            "form": { "title": "Reading pilot", "outcome": "", "owner_id": "1" },
            "errors": { "outcome": "Write the outcome.", "owner_id": "Choose a member." } })
        }
        "role_map.html" => {
            json!({ "title": "Reading pilot", "layout": layout(), "slug": "team-a", "team_name": "Team A",
            "map": { "id": 1, "title": "Reading pilot", "outcome": "Every Y7 class reads daily.", "owner": "Sam", "owner_id": 1,
                "status": "published", "status_word": "published", "version": 2 },
            "milestones": [{ "id": 3, "title": "Pilot in Y7", "owner_id": 1, "owner": "Sam", "due": "19 Jan 2027", "due_iso": "2027-01-19",
                "done": false, "overdue": true, "may_mark_done": true,
                "form": { "title": "Pilot", "owner_id": "1", "due_on": "bad" }, "errors": { "due_on": "This is not a date." } }],
            "rights": { "edit_all": true, "mark_own_done": true }, "may_move": true,
            "history": [{ "version": 2, "text": "Version 2 — Sam changed the due date of “Pilot in Y7” from 12 Jan 2027 to 19 Jan 2027, 3 Dec 2026, 14:02 UTC" }],
            "history_total": 150, "history_more": true,
            "member_options": member_options(true), "today": "2026-12-04",
            "map_form": { "title": "Reading pilot", "outcome": "", "owner_id": "1" }, "map_errors": { "outcome": "Write the outcome." },
            "new_form": { "title": "", "owner_id": "1", "due_on": "" }, "new_errors": { "title": "Name the milestone." } })
        }
        "error.html" => json!({
            "title": "Please check your input",
            "message": "Some of what you entered needs correcting.",
            "fields": { "minutes": "Use 1 to 240 minutes." },
            "retry_after": "about a minute",
            "request_id": "00000000-0000-0000-0000-000000000000",
        }),
        _ => return None,
    })
}

fn meeting_header() -> Value {
    json!({ "team_slug": "team-a", "team_name": "Team A", "id": 1, "title": "SLT weekly",
        "purpose_line": "Keep the school's improvement plan moving.", "starts": "23 Nov 2026, 14:00 UTC",
        "budget_minutes": 60, "place": "Room 4", "phase": "voting", "phase_label": "voting",
        "base": "/teams/team-a/meetings/1" })
}

fn meeting_fixture(name: &str) -> Value {
    let errors = json!({ "window": "Voting is not open.", "title": "Enter a title.", "rank_2": "Another item already has rank 1.",
        "reason_2": "Give a reason.", "add_reason": "Give a reason.", "ballot": "Rank at least one item." });
    let form = json!({ "title": "SLT", "purpose_line": "p", "starts_at": "2026-11-23T14:00", "budget_minutes": "60",
        "place": "", "facilitator_id": "2", "proposals_open": "", "proposals_close": "", "voting_open": "",
        "voting_close": "", "privacy": "secret", "results_visibility": "after_close", "agenda_rule": "sequential_irv",
        "fixed_1_title": "Three-minute action scan", "fixed_1_minutes": "3", "fixed_2_title": "", "fixed_2_minutes": "",
        "fixed_3_title": "", "fixed_3_minutes": "", "why": "Because.", "minutes": "10" });
    let choice = json!([{ "value": "secret", "label": "Secret" }]);
    let agenda_line = json!([{ "title": "Timetable", "minutes": 20, "included": true, "explanation": "ranked 1st", "ties": ["tied 1–1 with #2 Trip in round 1; #2 Trip was eliminated: chosen by the seeded random draw (seed 7)"], "drawn": true, "fixed": false }]);
    let base = json!({ "title": "Page", "layout": layout(), "meeting": meeting_header(), "errors": errors, "form": form });
    let extra = match name {
        "meetings.html" => {
            json!({ "team_slug": "team-a", "team_name": "Team A", "can_manage": true,
            "meetings": [{ "id": 1, "title": "SLT", "starts": "23 Nov", "phase_label": "voting" }] })
        }
        "meeting_form.html" => {
            json!({ "team_slug": "team-a", "action": "/teams/team-a/meetings", "editing": true,
            "facilitator_options": "<option value=\"2\">Lee (last facilitated: never)</option>",
            "history": [{ "name": "Lee", "at": "1 Nov 2026, 10:00 UTC" }], "rules": choice, "privacy_options": choice,
            "visibility_options": choice, "zone": "Europe/London" })
        }
        "meeting.html" => {
            json!({ "facilitator": "Lee", "windows": [{ "label": "Voting", "opens": "a", "closes": "b", "state": "open" }],
            "fixed": [{ "title": "Scan", "minutes": 3 }], "privacy": "secret", "results_visibility": "after close",
            "rule": "ranked", "proposals": 3, "ballots": 2, "turnout": "2 of 5 have voted", "can_view_voters": true, "voted": "You voted.", "can_manage": true, "can_publish": true,
            "proposing_open": false, "voting_open": true, "voting_closed": true, "ends": "15:00", "scan": scan(),
            "timeline": [{ "label": "Proposing", "state": "done", "when": "a to b" }, { "label": "Voting", "state": "current", "when": "b to c" },
                { "label": "Results", "state": "upcoming", "when": "from c" }],
            "next": { "label": "Rank the items", "path": "/ballot", "by": "until c" },
            "share": { "shared": true, "teams": "Cohort, School B" } })
        }
        "meeting_scan.html" => json!({ "scan": scan() }),
        "meeting_live.html" => live_fixture(),
        "meeting_minutes.html" => {
            json!({ "closed": true, "body_html": "<h1>Minutes: SLT</h1><ul><li>Decision: Adopt it</li></ul>", "version": 2, "published": false,
            "latest": 3, "versions": [{ "version": 2, "published": false, "author": "Lee", "when": "3 Dec 2026, 15:00 UTC" }],
            "may_edit": true, "form": { "body": "# Minutes", "publish": "" }, "max_chars": 50000,
            "errors": { "body": "Write the minutes." } })
        }
        "proposals.html" => {
            json!({ "proposals": [{ "id": 1, "title": "Timetable", "why": "Clashes.", "minutes": 20,
                "author": "Lee", "mine": true, "status": "active", "note": null, "comments": 1 },
                { "id": 2, "title": "Trip", "why": "Risk.", "minutes": 10, "author": "Sam", "mine": false, "status": "active", "note": null, "comments": 0 }],
            "others": [{ "id": 3, "title": "Hidden", "why": "x", "minutes": 5, "author": "Lee", "mine": true, "status": "hidden", "note": "Hidden by a leader: duplicate" }],
            "first": 51, "pager": { "page": 2, "pages": 3, "prev": "/teams/team-a/meetings/1/proposals?page=1",
                "next": "/teams/team-a/meetings/1/proposals?page=3" }, "others_more": 4,
            "proposing_open": true, "editable": true, "can_propose": true, "can_moderate": true })
        }
        "proposal_edit.html" => json!({ "proposal_id": 1 }),
        "proposal.html" => {
            json!({ "proposal": { "id": 1, "title": "Timetable", "why": "Clashes.\nTwice.", "minutes": 20,
                "author": "Lee", "mine": true, "note": "Hidden by a leader: duplicate" },
            "moderation": { "others": [{ "id": 2, "title": "Trip" }], "errors": { "reason": "Enter a reason.", "into": "Choose an item.", "window": "Closed." } },
            "refused": ["A ballot was cast meanwhile."],
            "thread": { "total": 51, "page": 2, "pages": 2, "prev": "/p?page=1#comments", "next": null,
                "post_base": "/teams/team-a/meetings/1/proposals/1/comments", "can_comment": true,
                "closed": "Comments are open only during the proposal window.", "form_body": "Typed",
                "errors": { "body": "Enter a comment.", "window": "Closed." },
                "comments": [{ "id": 7, "author": "Sam", "mine": true, "body": "Good.\nBut when?", "hidden_note": null,
                    "when": "1 Dec 2026, 10:00 UTC", "edited": "1 Dec 2026, 11:00 UTC", "editable": true, "hideable": true,
                    "edit_value": "Good.", "edit_error": "Use at most 2000 characters.", "reason_value": "", "reason_error": "Enter a reason." },
                    { "id": 8, "author": "Lee", "mine": false, "body": null, "hidden_note": "Hidden by a leader: off topic",
                    "when": "1 Dec 2026, 10:05 UTC", "edited": null, "editable": false, "hideable": false,
                    "edit_value": "", "edit_error": null, "reason_value": "", "reason_error": null }] } })
        }
        "ballot.html" => {
            json!({ "items": [{ "field": "rank_1", "title": "Timetable", "why": "x", "minutes": 20, "rank": 1, "value": "1", "error": null },
                { "field": "rank_2", "title": "Trip", "why": "y", "minutes": 10, "rank": null, "value": "x", "error": "Choose a rank from 1 to 2." }],
            "item_count": 2, "lines": "<li><label for=\"rank_1\"><b>Timetable</b></label><input id=\"rank_1\" name=\"rank_1\" type=\"number\"></li>",
            "max_rank": 2, "ranked_count": 1, "error_count": 1, "voting_open": true, "can_vote": true, "status_line": "You voted at 14:02.", "voting_closes": "b", "open_ballot": true })
        }
        "ballot_receipt.html" => {
            json!({ "code": "ABCD-EF01-2345-6789", "hash": "ab".repeat(32), "changed": true,
            "at": "23 Nov 2026, 14:02 UTC", "at_clock": "14:02", "ranking": ["Timetable"] })
        }
        "results.html" => {
            json!({ "state": "final", "voting_closes": "b", "ballot_count": 7, "tallied_at": "c", "seed": 42,
            "note": "A note.", "minutes_used": 23,
            "agenda_rows": "<tr><td>Timetable</td><td>20</td><td>yes</td><td>ranked 1st</td></tr>",
            "details": "<section aria-labelledby=\"place-1\"><h2 id=\"place-1\">Place 1</h2></section>",
            "places": [{ "place": 1, "winner": "Timetable", "ties": ["tied 2–2 with #5 Marking in round 4; #5 Marking was eliminated: chosen by the seeded random draw (seed 7)"], "earlier_rounds": 3, "more_items": 2, "rounds": [1, 2], "rows": [{ "name": "Timetable", "cells": ["3", "4"] }] }],
            "chart": { "height": 80, "bars": [{ "y": 30, "width": 120, "label": "Timetable", "value": "3", "text_y": 44 }],
                "labels": [{ "y": 24, "text": "Round 1" }], "description": "Votes per round." },
            "explanation": "Round 1: ...", "equal_shares": "Rule: mes" })
        }
        "turnout.html" => {
            json!({ "turnout": "2 of 5 have voted", "not_voted": [{ "id": 3, "name": "Ana", "leader": false, "label": "Ana (#3)" }], "not_voted_total": 130, "pager": { "page": 2, "pages": 2, "prev": "/teams/team-a/meetings/1/turnout?page=1#not-voted", "next": null },
            "voting_open": true, "voting_closes": "b", "rankings": true })
        }
        "rankings.html" => {
            json!({ "rows": [{ "voter": "Ana", "items": ["Timetable", "Trip"], "more": 2 }, { "voter": "Sam", "items": [], "more": 0 }],
            "ballots": 52, "pager": { "page": 2, "pages": 3, "prev": "/p1", "next": "/p3" } })
        }
        "agenda.html" | "agenda_print.html" => {
            json!({ "published": true, "publisher": "Sam", "published_at": "c",
            "lines": [{ "start": "14:00", "title": "Scan", "minutes": 3, "note": "fixed item" }],
            "deviations": ["Added by Sam: fire-drill follow-up — urgent"], "total_minutes": 63, "over_by": 3,
            "tally_lines": agenda_line, "voting_closed": true, "can_publish": true })
        }
        "agenda_publish.html" => {
            json!({ "rows": [{ "id": 2, "title": "Trip", "minutes": 10, "rank": 2, "in_tally": false,
                "include": true, "position": "1", "reason": "", "reason_field": "reason_2", "error": "Give a reason.", "position_error": null }],
            "fixed": agenda_line, "add_title": "Fire drill", "add_minutes": "5", "add_position": "", "add_reason": "",
            "has_errors": true })
        }
        other => panic!("add a meeting fixture for {other}"),
    };
    let mut merged = base;
    for (k, v) in extra.as_object().unwrap() {
        merged[k] = v.clone();
    }
    merged
}

fn scan() -> Value {
    json!({ "since": "since 26 Nov 2026, 14:00 UTC (SLT)",
        "moved": [{ "action_id": 7, "title": "Book the hall", "who": "Lee", "change": "open → done", "when": "1 Dec 2026, 10:00 UTC" }],
        "moved_more": 2, "stuck": [action_line()], "stuck_more": 1, "reviews_more": 3, "reviews": [{ "text": "Adopt the rubric", "review_on": "1 Dec 2026", "meeting_id": 1 }],
        "unmet": [help_post()], "thanks": [ledger_thanks(false)],
        "checkins": { "week": "week of 30 November", "week_label": "2026-W49", "checked_in": 3, "entries": 3,
            "members": 12, "more": 2, "blockers": [{ "who": "Lee", "text": "Waiting on IT",
                "action_id": 7, "action_title": "Book the hall" }, { "who": "Sam", "text": "No room",
                "action_id": null, "action_title": null }] } })
}

fn checkins_fixture() -> Value {
    let pager = json!({ "page": 2, "pages": 3, "prev": "/teams/team-a/checkins?week=2026-W49",
        "next": "/teams/team-a/checkins?week=2026-W49&page=3" });
    json!({ "title": "Check-ins", "layout": layout(), "slug": "team-a", "team_name": "Team A",
        "week_words": "week of 30 November", "week_label": "2026-W49", "is_current": true,
        "previous_link": "/teams/team-a/checkins?week=2026-W48", "next_link": null,
        "this_week_link": "/teams/team-a/checkins", "progress": "3 of 12 members have checked in.",
        "entries": [{ "who": "Lee", "mine": true, "moved": "The rubric", "blocking": "Waiting on IT",
            "next": "Moderation", "improvement": "", "action": { "id": 7, "title": "Book the hall" },
            "updated": "1 Dec 2026, 10:00 UTC" }],
        "pager": pager, "missing": { "total": 9, "names": ["Ana", "Sam"], "pager": pager },
        "form": { "moved": "", "blocking": "x", "next": "", "improvement": "", "action": "7", "action_id": "" },
        "editing": true, "actions": [{ "id": 7, "title": "Book the hall", "owner": "Lee" }], "more_actions": true,
        "errors": { "entry": "Write at least one answer.", "blocking": "Say what is blocking.",
            "action": "Choose one.", "action_id": "Choose one." } })
}

fn live_fixture() -> Value {
    let item = |position: i32, state: &str| {
        json!({ "position": position, "number": position + 1, "title": "Rubric", "planned": 10, "used": 12,
            "state": state, "over_by": 2, "started_iso": "2026-12-03T14:00:00Z",
            "decisions": [{ "text": "Adopt it", "review_on": "10 Jan 2027" }], "actions": [action_line()] })
    };
    json!({ "published": true, "closed": "", "facilitator": "Sam", "note_taker": "Lee", "note_taker_id": "2",
        "note_taker_choices": [{ "user_id": 2, "display_name": "Lee", "last": "never", "label": "Lee (last: never), suggested" }],
        "items": [item(0, "done"), item(1, "running"), item(2, "waiting")], "planned_total": 30, "used_total": 24,
        "over_total": 0, "running": true, "now_iso": "2026-12-03T14:20:00Z",
        "attendance": [{ "id": 1, "name": "Sam", "status": "present" }, { "id": 2, "name": "Lee", "status": "" }],
        "attendance_pager": { "page": 2, "pages": 3, "prev": "/teams/team-a/meetings/1/live?people=1", "next": "/teams/team-a/meetings/1/live?people=3" },
        "attendance_count": "1 present, 0 with apologies, 1 not recorded.",
        "member_options": member_options(true), "may_run": true, "may_record": true, "scan": scan(),
        "today": "2026-12-03", "error_position": 1,
        "decision_form": { "text": "x", "review_on": "" }, "action_form": { "title": "", "owner_id": "1", "due_on": "", "help_post_id": "", "budget_idea_id": "" },
        "blank_decision": { "text": "", "review_on": "" }, "blank_action": { "title": "", "owner_id": "", "due_on": "", "help_post_id": "", "budget_idea_id": "" },
        "no_errors": {}, "errors": { "decision_text": "Write the decision.", "due_on": "Choose a due date.", "note_taker_id": "Choose a member." } })
}

fn ledger_entry() -> Value {
    json!({ "id": 3, "date": "1 Dec 2026", "helper": "Sam", "helped": "Lee", "minutes": "30 min",
        "category": "planning", "state": "pending", "awaits_me": true, "note": "n" })
}

fn ledger_thanks(hidden: bool) -> Value {
    json!({ "id": 5, "from": "Lee", "to": "Sam", "to_id": 1, "impact": "The rubric cut moderation time by 30 minutes",
        "when": "1 Dec 2026, 10:00 UTC", "hidden": hidden })
}

fn action_line() -> Value {
    json!({ "id": 7, "title": "Book the hall", "owner": "Lee", "owner_id": 2, "due": "10 Dec 2026",
        "due_iso": "2026-12-10", "status": "blocked", "reason": "Waiting on the caretaker",
        "overdue": true, "source": "agenda item 2 of “SLT”", "source_link": "/teams/team-a/meetings/1/live",
        "meeting_id": 1, "item_position": 1, "blocked_from": "from Sam's check-in, week of 30 November" })
}

fn help_post() -> Value {
    json!({ "id": 4, "kind": "request", "title": "Cover period 3", "detail": "Year 9", "category": "cover",
        "estimated_minutes": 50, "author": "Lee", "author_id": 2, "expires": "15 Dec 2026, 10:00 UTC",
        "open": true, "unmet": true,
        "responses": [{ "responder_id": 1, "name": "Sam", "message": "I can", "when": "1 Dec 2026, 11:00 UTC" }] })
}

fn budget_fixture(name: &str) -> Value {
    let round = json!({ "team_slug": "team-a", "team_name": "Team A", "id": 1, "title": "Green budget",
        "purpose": "Make the school grounds greener.", "amount": "25,000 EUR", "phase": "voting",
        "phase_label": "voting", "time_left": "2 days left", "base": "/teams/team-a/budgets/1" });
    let errors = json!({ "title": "Enter a title.", "phase": "Not now.", "ballot": "Over by 50 EUR.",
        "window": "Voting is not open.", "pb": "Not a .pb file.", "reason_3": "Give a reason.",
        "rank_3": "Another idea already has rank 1.", "decision": "Choose.", "follow_up": "Publish first." });
    let choices = json!([{ "value": "mes", "label": "Method of Equal Shares" }, { "value": "greedy", "label": "Greedy" }]);
    match name {
        "budgets.html" => {
            json!({ "title": "Budgets", "layout": layout(), "team_slug": "team-a", "team_name": "Team A",
            "can_manage": true, "rounds": [{ "id": 1, "title": "Green", "amount": "1 EUR", "phase_label": "voting", "closes": "1 Dec 2026, 10:00 UTC" }],
            "import": { "pb": "META", "rule": "mes" }, "errors": errors, "rules": choices })
        }
        "budget_form.html" => {
            json!({ "title": "New budget round", "layout": layout(), "team_slug": "team-a",
            "action": "/teams/team-a/budgets", "editing": false, "errors": errors,
            "form": { "title": "Green", "purpose": "Greener grounds.", "amount": "25000", "currency": "EUR",
                "ideas_open": "2026-12-01T10:00", "review_at": "2026-12-08T10:00", "voting_open": "2026-12-10T10:00",
                "voting_close": "2026-12-17T10:00", "ballot_type": "approval", "ballot_max": "", "rule": "mes", "privacy": "secret" },
            "ballot_types": choices, "rules": choices, "privacy_options": choices, "zone": "Europe/London" })
        }
        "budget.html" => json!({ "title": "Green", "layout": layout(), "round": round,
            "phases": [{ "label": "ideas", "from": "1 Dec 2026, 10:00 UTC", "current": true }],
            "ballot_type": "approve any number of ideas", "ballot_max": 3, "rule": "MES", "privacy": "secret",
            "voted": "You voted.", "can_manage": true, "imported": true, "zone": "Europe/London" }),
        "budget_ideas.html" => json!({ "title": "Ideas", "layout": layout(), "round": round,
            "ideas": [{ "id": 3, "title": "Trees", "description": "Plant trees.", "location": "Yard", "author": "Sam",
                "cost": "1,200 EUR", "original_cost": "1,000 EUR", "cost_reason": "Quote", "status": "infeasible",
                "status_reason": "Not our land", "supporters": 2, "supported": true, "mine": true, "withdrawn": false,
                "comments": 3 }],
            "form": { "title": "", "description": "", "cost": "", "location": "" }, "errors": errors,
            "review_idea": 3, "ideas_open": true, "can_propose": true, "can_review": true }),
        "budget_idea.html" => json!({ "title": "Trees", "layout": layout(), "round": round,
            "idea": { "title": "Trees", "description": "Plant trees.\nMany.", "location": "Yard", "cost": "1,200 EUR",
                "author": "Sam", "mine": true, "status": "infeasible", "status_reason": "Not our land" },
            "thread": { "total": 1, "page": 1, "pages": 1, "prev": null, "next": null,
                "post_base": "/teams/team-a/budgets/1/ideas/3/comments", "can_comment": false,
                "closed": "Comments on ideas are open only during the ideas phase.", "form_body": "",
                "errors": errors, "comments": [{ "id": 7, "author": "Sam", "mine": false, "body": null,
                    "hidden_note": "Hidden by a leader: off topic", "when": "1 Dec 2026, 10:00 UTC", "edited": null,
                    "editable": false, "hideable": false, "edit_value": "", "edit_error": null,
                    "reason_value": "", "reason_error": null }] } }),
        "budget_idea_edit.html" => {
            json!({ "title": "Edit", "layout": layout(), "round": round, "idea_id": 3,
            "form": { "title": "Trees", "description": "Plant trees.", "cost": "1200", "location": "" }, "errors": errors })
        }
        "budget_ballot.html" => json!({ "title": "Ballot", "layout": layout(), "round": round,
            "ideas": [{ "id": 3, "field": "rank_3", "title": "Trees", "description": "Plant trees.", "cost": "1,200 EUR",
                "cost_minor": 120000, "chosen": true, "rank": "1" }],
            "ranked": true, "ballot_type": "rank ideas", "max_ideas": 2, "knapsack": false, "amount_minor": 2500000,
            "currency": "EUR", "total": { "count": 1, "total": "1,200 EUR", "left": "23,800 EUR", "over": false },
            "errors": errors, "voting_open": true, "can_vote": true, "status_line": "You voted.", "checked": true }),
        "budget_receipt.html" => {
            json!({ "title": "Saved", "layout": layout(), "round": round, "code": "ABCD-EFGH",
            "hash": "ab", "changed": true, "at": "1 Dec 2026, 10:00 UTC", "chosen": ["Trees"] })
        }
        "budget_results.html" => {
            json!({ "title": "Results", "layout": layout(), "round": round, "can_manage": true,
            "can_act": true, "today": "2026-12-01", "errors": errors, "results": { "computed_at": "1 Dec 2026, 10:00 UTC", "voters": 7, "rule": "MES",
                "rule_key": "mes_cost_add1_full_greedy", "is_mes": true,
                "funded": [{ "id": 3, "title": "Trees", "cost": "1,200 EUR", "votes": 4, "share": "57%", "step": 1,
                    "how": "each of its 4 supporters paid 300 EUR", "owner": "Sam", "owner_id": 1, "owner_value": "Sam (#1)", "owner_typed": false, "status": "planned", "status_value": "planned" }],
                "spent": "1,200 EUR", "left": "23,800 EUR", "greedy": ["Pool"], "greedy_spent": "20,000 EUR",
                "differences": ["Greedy by votes would fund Pool; MES does not."],
                "bars": [{ "y": 10, "text_y": 24, "width": 120, "title": "Trees", "label": "Trees", "value": "4 votes", "funded": true, "greedy": false }],
                "chart_height": 44, "chart_description": "Votes.", "published": "Published by Sam.",
                "overrides": [{ "title": "Pool", "funded": false, "reason": "Too costly to run" }],
                "publish_rows": [{ "id": 3, "title": "Trees", "funded": true, "flag": "override_3", "reason_field": "reason_3", "reason": "" }],
                "members": [{ "id": 1, "name": "Sam", "leader": true, "label": "Sam (#1)" }], "me": "Sam (#1)", "action_ideas": [[3, "Trees"]] } })
        }
        other => panic!("add a fixture for {other}"),
    }
}

#[test]
fn every_template_renders_with_its_fixture() {
    let templates = Templates::load().expect("templates compile");
    let names = templates.names();
    assert!(names.contains(&"base.html".to_owned()));
    for name in names.into_iter().filter(|n| !n.starts_with('_')) {
        let context = fixture(&name).unwrap_or_else(|| panic!("add a fixture for {name}"));
        let html = templates
            .render(&name, &context)
            .unwrap_or_else(|e| panic!("{name} does not render: {e}"));
        assert!(html.contains("</html>"), "{name} is not a full page");
    }
}

/// The results page's parts, rendered once per count (`web::meetings::results`): every field
/// they show, and titles people typed escaped.
#[test]
fn the_results_parts_render_with_their_fixture() {
    let templates = Templates::load().unwrap();
    let lang = roundtable::i18n::Lang::En;
    let view = json!({
        "agenda": [{ "title": "<b>Timetable</b>", "minutes": 20, "included": true, "explanation": "ranked 1st",
            "ties": ["tied 1–1 with #2 Trip in round 1"], "drawn": true, "fixed": false },
            { "title": "Trip", "minutes": 10, "included": false, "explanation": "did not fit", "ties": [], "drawn": false, "fixed": false }],
        "places": [{ "place": 1, "winner": "Timetable", "ties": ["tied 2–2 with #5 Marking in round 4"], "earlier_rounds": 3, "more_items": 2,
            "rounds": [1, 2], "rows": [{ "name": "<i>Timetable</i>", "cells": ["3", "4"] }] }],
        "chart": { "height": 80, "bars": [{ "y": 30, "width": 120, "label": "Timetable", "value": "3", "text_y": 44 }],
            "labels": [{ "y": 24, "text": "Round 1" }], "description": "Votes per round." },
        "explanation": "Round 1: ...", "equal_shares": "Rule: mes" });
    let rows = templates
        .render_part("_results_agenda_rows.html", &view, lang)
        .unwrap();
    assert_eq!(rows.matches("<tr>").count(), 2, "{rows}");
    assert!(rows.contains("&lt;b&gt;Timetable&lt;&#x2F;b&gt;"), "{rows}");
    assert!(
        rows.contains("badge-draw") && rows.contains("did not fit"),
        "{rows}"
    );
    assert!(rows.contains("tied 1–1 with #2 Trip in round 1"), "{rows}");
    let details = templates
        .render_part("_results_details.html", &view, lang)
        .unwrap();
    for part in [
        "mes-h",
        "Rule: mes",
        "<svg",
        "Votes per round.",
        "place-1",
        "Round 1: ...",
        "<td>4</td>",
    ] {
        assert!(details.contains(part), "{part} missing from {details}");
    }
    assert!(details.contains("&lt;i&gt;Timetable"), "{details}");
    let empty = templates
        .render_part(
            "_results_details.html",
            &json!({ "agenda": [], "places": [] }),
            lang,
        )
        .unwrap();
    assert!(!empty.contains("<section"), "{empty}");
}

/// The bar chart macro both results pages share: where bars start, the round labels of the
/// agenda's chart, the full title and the muted unfunded bar of the budget's, all escaped.
#[test]
fn the_shared_bar_chart_draws_both_pages_charts() {
    let templates = Templates::load().unwrap();
    let lang = roundtable::i18n::Lang::En;
    let agenda = json!({ "agenda": [], "places": [],
        "chart": { "height": 80, "bars": [{ "y": 30, "width": 120, "label": "<Timetable>", "value": "3", "text_y": 44 }],
            "labels": [{ "y": 24, "text": "Round 1" }], "description": "Votes per round." } });
    let html = templates
        .render_part("_results_details.html", &agenda, lang)
        .unwrap();
    for part in [
        r#"viewBox="0 0 520 80""#,
        r#"<rect x="170" y="30" width="120" height="18" class="chart-bar">"#,
        r#"<text x="165" y="44" text-anchor="end" class="chart-label">&lt;Timetable&gt;</text>"#,
        r#"<text x="295" y="44" class="chart-value">3</text>"#,
        r#"<text x="0" y="24" class="chart-round">Round 1</text>"#,
    ] {
        assert!(html.contains(part), "{part} missing from {html}");
    }
    assert!(
        !html.contains("chart-bar-muted") && !html.contains("<title><"),
        "{html}"
    );
    let budget = r#"{% import "_macros.html" as m %}{{ m::bar_chart(width=560, height=44, left=180, title="Votes", description="d", bars=bars) }}"#;
    let mut tera = tera::Tera::default();
    tera.add_raw_templates([
        ("_macros.html", include_str!("../../templates/_macros.html")),
        ("chart.html", budget),
    ])
    .unwrap();
    let bars = json!([
        { "y": 10, "text_y": 24, "width": 120, "title": "Trees & <shade>", "label": "Trees", "value": "4", "funded": true },
        { "y": 34, "text_y": 48, "width": 60, "title": "Pool", "label": "Pool", "value": "2", "funded": false }]);
    let html = tera
        .render(
            "chart.html",
            &tera::Context::from_value(json!({ "bars": bars })).unwrap(),
        )
        .unwrap();
    for part in [
        r#"<rect x="180" y="10" width="120" height="18" class="chart-bar">"#,
        r#"<rect x="180" y="34" width="60" height="18" class="chart-bar chart-bar-muted">"#,
        r#"<title>Trees &amp; &lt;shade&gt;</title>Trees</text>"#,
        r#"<text x="245" y="48" class="chart-value">2</text>"#,
    ] {
        assert!(html.contains(part), "{part} missing from {html}");
    }
    assert!(!html.contains("chart-round"), "{html}");
}

#[test]
fn text_people_type_is_escaped() {
    let templates = Templates::load().unwrap();
    let html = templates
        .render(
            "error.html",
            &json!({ "title": "T", "message": "<script>alert(1)</script>", "fields": {} }),
        )
        .unwrap();
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("&lt;script&gt;"));
}
