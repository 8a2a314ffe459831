//! The access matrix, route by route: anonymous, member of another team, member, leader and
//! site admin each get the status the rules in `src/access/` promise. Every route of the route
//! table (`roundtable::web::routes::ROUTES`) has at least one row here, and every refusal a row
//! expects is the one the access table gives for the route's rule.

use roundtable::access::{self, Decision, Principal, TeamRole};
use roundtable::service::teams;
use roundtable::web::routes::{self, Access, Method, Route};

use crate::budget_helpers::{create_round, idea_ids, propose_idea};
use crate::helpers::{Browser, Person, add_member, create_person, seed, signed_in, spawn_app};
use crate::meeting_helpers::{create_meeting, proposal_ids, propose};

const ANON: usize = 0;

struct Row {
    method: &'static str,
    path: &'static str,
    form: &'static [(&'static str, &'static str)],
    expect: [u16; 5],
}

const fn get(path: &'static str, expect: [u16; 5]) -> Row {
    Row {
        method: "GET",
        path,
        form: &[],
        expect,
    }
}

const fn post(
    path: &'static str,
    form: &'static [(&'static str, &'static str)],
    expect: [u16; 5],
) -> Row {
    Row {
        method: "POST",
        path,
        form,
        expect,
    }
}

/// Columns: anonymous, member of another team, member, leader, site admin.
/// Destructive rows come last, in the order they run.
const MATRIX: &[Row] = &[
    get("/", [200, 200, 200, 200, 200]),
    get("/health", [200, 200, 200, 200, 200]),
    get("/login", [200, 200, 200, 200, 200]),
    get("/static/app.css", [200, 200, 200, 200, 200]),
    get("/account", [303, 200, 200, 200, 200]),
    get("/admin/teams", [303, 403, 403, 403, 200]),
    get("/teams/{a}", [303, 404, 200, 200, 200]),
    get("/teams/{b}", [303, 200, 404, 404, 200]),
    get("/teams/no-such-team", [303, 404, 404, 404, 404]),
    get("/invite/{bad_token}", [404, 404, 404, 404, 404]),
    get("/reset/{bad_token}", [404, 404, 404, 404, 404]),
    get("/password/forgot", [200, 200, 200, 200, 200]),
    get("/notifications", [303, 200, 200, 200, 200]),
    get("/unsubscribe/{bad_token}", [404, 404, 404, 404, 404]),
    post("/unsubscribe/{bad_token}", &[], [404, 404, 404, 404, 404]),
    post("/notifications/read", &[], [303, 303, 303, 303, 303]),
    post(
        "/account/notifications",
        &[("digest", "sms")],
        [303, 422, 422, 422, 422],
    ),
    post(
        "/password/forgot",
        &[("email", "not an address")],
        [422, 422, 422, 422, 422],
    ),
    post(
        "/login",
        &[("email", "x@y.test"), ("password", "wrong password x")],
        [422, 422, 422, 422, 422],
    ),
    post(
        "/teams/{a}/time-zone",
        &[("time_zone", "Mars/Olympus")],
        [303, 404, 403, 422, 422],
    ),
    post(
        "/admin/teams",
        &[("name", ""), ("purpose", "")],
        [303, 403, 403, 403, 422],
    ),
    post(
        "/teams/{a}/invitations",
        &[("role", "member"), ("max_uses", "2"), ("valid_days", "3")],
        [303, 404, 403, 303, 303],
    ),
    post(
        "/teams/{a}/invitations/{inv_a}/revoke",
        &[],
        [303, 404, 403, 303, 303],
    ),
    post(
        "/teams/{a}/invitations/{inv_b}/revoke",
        &[],
        [303, 404, 403, 404, 404],
    ),
    post(
        "/teams/{a}/members/{member}/role",
        &[("role", "member")],
        [303, 404, 403, 303, 303],
    ),
    post(
        "/teams/{a}/members/{outsider}/role",
        &[("role", "leader")],
        [303, 404, 403, 404, 404],
    ),
    post(
        "/teams/{a}/members/{member}/reset-link",
        &[],
        [303, 404, 403, 303, 303],
    ),
    post(
        "/teams/{a}/members/{spare}/remove",
        &[],
        [303, 404, 403, 303, 303],
    ),
    get("/teams/{a}/ledger", [303, 404, 200, 200, 403]),
    get("/teams/{a}/ledger/me", [303, 404, 200, 200, 403]),
    get("/teams/{a}/ledger/me.csv", [303, 404, 200, 200, 403]),
    get("/teams/{a}/ledger/members.csv", [303, 404, 200, 200, 403]),
    get("/teams/{b}/ledger", [303, 200, 404, 404, 403]),
    get(
        "/teams/{a}/ledger/exchanges/999999",
        [303, 404, 404, 404, 403],
    ),
    get("/teams/{a}/help", [303, 404, 200, 200, 403]),
    get("/teams/{a}/help/999999", [303, 404, 404, 404, 403]),
    post(
        "/teams/{a}/ledger/exchanges",
        &[("direction", "gave"), ("minutes", "0")],
        [303, 404, 422, 422, 403],
    ),
    post(
        "/teams/{a}/ledger/exchanges/999999/confirm",
        &[],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/ledger/exchanges/999999/resolve",
        &[("decision", "confirm"), ("reason", "because")],
        [303, 404, 403, 404, 403],
    ),
    post(
        "/teams/{a}/ledger/settings",
        &[("aggregates", "nobody")],
        [303, 404, 403, 422, 403],
    ),
    post(
        "/teams/{a}/ledger/notifications/read",
        &[],
        [303, 404, 303, 303, 403],
    ),
    post(
        "/teams/{a}/help",
        &[("kind", "x")],
        [303, 404, 422, 422, 403],
    ),
    post(
        "/teams/{a}/thanks",
        &[("impact", "")],
        [303, 404, 422, 422, 403],
    ),
    post(
        "/teams/{a}/thanks/999999/hide",
        &[],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/thanks/999999/show",
        &[],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/ledger/exchanges/999999/adjust",
        &[("minutes", "30")],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/ledger/exchanges/999999/dispute",
        &[("reason", "It did not happen")],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/ledger/exchanges/999999/reverse",
        &[("reason", "Recorded twice")],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/help/999999/responses",
        &[("message", "I can help")],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/help/999999/close",
        &[],
        [303, 404, 404, 404, 403],
    ),
    get("/teams/{a}/actions", [303, 404, 200, 200, 403]),
    get("/teams/{b}/actions", [303, 200, 404, 404, 403]),
    get("/teams/{a}/actions.csv", [303, 404, 200, 200, 403]),
    get("/teams/{a}/actions/999999", [303, 404, 404, 404, 403]),
    post(
        "/teams/{a}/actions",
        &[("title", "")],
        [303, 404, 422, 422, 403],
    ),
    post(
        "/teams/{a}/actions/999999/status",
        &[("status", "done")],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/actions/999999/comments",
        &[("body", "Hello")],
        [303, 404, 404, 404, 403],
    ),
    get("/teams/{a}/roles", [303, 404, 200, 200, 403]),
    get("/teams/{b}/roles", [303, 200, 404, 404, 403]),
    get("/teams/{a}/roles/999999", [303, 404, 404, 404, 403]),
    post(
        "/teams/{a}/roles",
        &[("title", "")],
        [303, 404, 422, 422, 403],
    ),
    post(
        "/teams/{a}/roles/999999",
        &[("title", "x")],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/roles/999999/milestones",
        &[("title", "x")],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/roles/999999/milestones/999999",
        &[("title", "x")],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/roles/999999/milestones/999999/remove",
        &[],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/roles/999999/milestones/999999/done",
        &[("done", "yes")],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/roles/999999/publish",
        &[],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/roles/999999/close",
        &[],
        [303, 404, 404, 404, 403],
    ),
    get("/teams/{a}/series", [303, 404, 200, 200, 403]),
    get("/teams/{b}/series", [303, 200, 404, 404, 403]),
    get("/teams/{a}/series/new", [303, 404, 403, 200, 403]),
    get("/teams/{a}/series/999999", [303, 404, 404, 404, 403]),
    post(
        "/teams/{a}/series",
        &[("title", "")],
        [303, 404, 403, 422, 403],
    ),
    post(
        "/teams/{a}/series/away",
        &[("away_from", "")],
        [303, 404, 422, 422, 403],
    ),
    post(
        "/teams/{a}/series/away/999999/remove",
        &[],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/series/999999/swap",
        &[],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/series/999999/occurrences/999999/cancel",
        &[("reason", "Half term")],
        [303, 404, 403, 404, 403],
    ),
    post(
        "/teams/{a}/series/999999/end",
        &[],
        [303, 404, 403, 404, 403],
    ),
    get("/teams/{a}/series/999999/edit", [303, 404, 403, 404, 403]),
    post(
        "/teams/{a}/series/999999/edit",
        &[("title", "")],
        [303, 404, 403, 404, 403],
    ),
    get("/teams/{a}/checkins", [303, 404, 200, 200, 403]),
    get("/teams/{b}/checkins", [303, 200, 404, 404, 403]),
    post(
        "/teams/{a}/checkins",
        &[("moved", "")],
        [303, 404, 422, 422, 403],
    ),
    get("/teams/{a}/links", [303, 404, 403, 200, 403]),
    get("/teams/{b}/links", [303, 200, 404, 404, 403]),
    post(
        "/teams/{a}/links",
        &[("team", "")],
        [303, 404, 403, 422, 403],
    ),
    post(
        "/teams/{a}/links/999999/accept",
        &[],
        [303, 404, 403, 404, 403],
    ),
    post(
        "/teams/{a}/links/999999/remove",
        &[],
        [303, 404, 403, 404, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/share",
        &[("shared", "0")],
        [303, 404, 403, 303, 403],
    ),
    get("/teams/{a}/shared", [303, 404, 200, 200, 403]),
    get("/teams/{a}/shared/{m}", [303, 404, 404, 404, 403]),
    get("/calendar/{bad_token}.ics", [404, 404, 404, 404, 404]),
    post("/account/calendar", &[], [303, 303, 303, 303, 303]),
    post("/account/calendar/revoke", &[], [303, 303, 303, 303, 303]),
    post(
        "/account/password",
        &[("current", "wrong"), ("new", "x"), ("confirm", "y")],
        [303, 422, 422, 422, 422],
    ),
    post("/invite/{bad_token}", &[], [404, 404, 404, 404, 404]),
    post(
        "/reset/{bad_token}",
        &[("new", "whatever new pw"), ("confirm", "whatever new pw")],
        [404, 404, 404, 404, 404],
    ),
    get("/teams/{a}/meetings", [303, 404, 200, 200, 200]),
    get("/teams/{a}/meetings.ics", [303, 404, 200, 200, 200]),
    get("/teams/{a}/meetings/new", [303, 404, 403, 200, 403]),
    get("/teams/{a}/meetings/{m}", [303, 404, 200, 200, 200]),
    get("/teams/{b}/meetings/{m}", [303, 404, 404, 404, 404]),
    // The team, the caller's role and the meeting are one statement: a missing meeting or team
    // is still not found, after the team's own answer.
    get("/teams/{a}/meetings/999999", [303, 404, 404, 404, 404]),
    get(
        "/teams/{a}/meetings/999999/ballot",
        [303, 404, 404, 404, 404],
    ),
    get(
        "/teams/no-such-team/meetings/{m}",
        [303, 404, 404, 404, 404],
    ),
    get("/teams/{a}/meetings/{m}/edit", [303, 404, 403, 200, 403]),
    get(
        "/teams/{a}/meetings/{m}/proposals",
        [303, 404, 200, 200, 200],
    ),
    get(
        "/teams/{a}/meetings/{m}/proposals.csv",
        [303, 404, 200, 200, 200],
    ),
    get("/teams/{a}/meetings/{m}/ballot", [303, 404, 200, 200, 200]),
    get("/teams/{a}/meetings/{m}/results", [303, 404, 200, 200, 200]),
    get(
        "/teams/{a}/meetings/{m}/results/ballots.csv",
        [303, 404, 404, 404, 404],
    ),
    get(
        "/teams/{a}/meetings/{m}/results/receipts.csv",
        [303, 404, 404, 404, 404],
    ),
    get(
        "/teams/{a}/meetings/{m}/results/rules.json",
        [303, 404, 404, 404, 404],
    ),
    get(
        "/teams/{a}/meetings/{m}/results/rctab.json",
        [303, 404, 404, 404, 404],
    ),
    get(
        "/teams/{a}/meetings/{m}/proposals/{p}/edit",
        [303, 404, 403, 200, 403],
    ),
    get(
        "/teams/{a}/meetings/{m}/proposals/{p}",
        [303, 404, 200, 200, 200],
    ),
    post(
        "/teams/{a}/meetings/{m}/proposals/{p}/comments",
        &[("body", "")],
        [303, 404, 422, 422, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/proposals/{p}/comments/999999/edit",
        &[("body", "Better now")],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/proposals/{p}/comments/999999/hide",
        &[("reason", "Off topic")],
        [303, 404, 403, 404, 403],
    ),
    get("/teams/{a}/meetings/{m}/turnout", [303, 404, 403, 200, 403]),
    // The matrix's meeting is secret: there are no rankings to show, even to a leader.
    get(
        "/teams/{a}/meetings/{m}/rankings",
        [303, 404, 403, 404, 403],
    ),
    get(
        "/teams/{a}/meetings/{m}/rankings.csv",
        [303, 404, 403, 404, 403],
    ),
    get("/teams/{a}/meetings/{m}/agenda", [303, 404, 200, 200, 200]),
    get(
        "/teams/{a}/meetings/{m}/agenda/print",
        [303, 404, 200, 200, 200],
    ),
    get(
        "/teams/{a}/meetings/{m}/agenda.ics",
        [303, 404, 200, 200, 200],
    ),
    get(
        "/teams/{a}/meetings/{m}/agenda/publish",
        [303, 404, 403, 409, 403],
    ),
    post(
        "/teams/{a}/meetings",
        &[("title", "")],
        [303, 404, 403, 422, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/edit",
        &[("title", "")],
        [303, 404, 403, 422, 403],
    ),
    // Refused without changing anything: no reason, and nothing cancelled to undo.
    post(
        "/teams/{a}/meetings/{m}/cancel",
        &[("reason", "")],
        [303, 404, 403, 422, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/cancel/undo",
        &[],
        [303, 404, 403, 409, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/proposals",
        &[("title", "")],
        [303, 404, 422, 422, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/ballot",
        &[],
        [303, 404, 422, 422, 403],
    ),
    // Without a receipt waiting in the session, back to the ballot.
    get(
        "/teams/{a}/meetings/{m}/ballot/receipt",
        [303, 404, 303, 303, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/agenda/publish",
        &[],
        [303, 404, 403, 409, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/proposals/{p}/edit",
        &[("title", "")],
        [303, 404, 403, 422, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/proposals/{p2}/merge",
        &[],
        [303, 404, 403, 422, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/proposals/{p2}/hide",
        &[("reason", "")],
        [303, 404, 403, 422, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/proposals/{p}/withdraw",
        &[],
        [303, 404, 403, 303, 403],
    ),
    get("/teams/{a}/budgets", [303, 404, 200, 200, 200]),
    get("/teams/{a}/budgets/new", [303, 404, 403, 200, 403]),
    get("/teams/{a}/budgets/{r}", [303, 404, 200, 200, 200]),
    get("/teams/{b}/budgets/{r}", [303, 404, 404, 404, 404]),
    get("/teams/{a}/budgets/{r}/edit", [303, 404, 403, 200, 403]),
    get("/teams/{a}/budgets/{r}/ideas", [303, 404, 200, 200, 200]),
    get(
        "/teams/{a}/budgets/{r}/ideas/{i}/edit",
        [303, 404, 403, 200, 403],
    ),
    get("/teams/{a}/budgets/{r}/ballot", [303, 404, 200, 200, 200]),
    get("/teams/{a}/budgets/{r}/results", [303, 404, 200, 200, 200]),
    get(
        "/teams/{a}/budgets/{r}/results/round.pb",
        [303, 404, 404, 404, 404],
    ),
    get(
        "/teams/{a}/budgets/{r}/results/ideas.csv",
        [303, 404, 404, 404, 404],
    ),
    post(
        "/teams/{a}/budgets",
        &[("title", "")],
        [303, 404, 403, 422, 403],
    ),
    post(
        "/teams/{a}/budgets/import",
        &[("pb", ""), ("rule", "mes")],
        [303, 404, 403, 422, 403],
    ),
    post(
        "/teams/{a}/budgets/{r}/edit",
        &[("title", "")],
        [303, 404, 403, 422, 403],
    ),
    post(
        "/teams/{a}/budgets/{r}/ideas",
        &[("title", "")],
        [303, 404, 422, 422, 403],
    ),
    post(
        "/teams/{a}/budgets/{r}/ideas/{i}/edit",
        &[("title", "")],
        [303, 404, 403, 422, 403],
    ),
    get(
        "/teams/{a}/budgets/{r}/ideas/{i}",
        [303, 404, 200, 200, 200],
    ),
    post(
        "/teams/{a}/budgets/{r}/ideas/{i}/comments",
        &[("body", "")],
        [303, 404, 422, 422, 403],
    ),
    post(
        "/teams/{a}/budgets/{r}/ideas/{i}/comments/999999/edit",
        &[("body", "Better now")],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/budgets/{r}/ideas/{i}/comments/999999/hide",
        &[("reason", "Off topic")],
        [303, 404, 403, 404, 403],
    ),
    post(
        "/teams/{a}/budgets/{r}/ideas/{i}/support",
        &[],
        [303, 404, 303, 303, 403],
    ),
    post(
        "/teams/{a}/budgets/{r}/ideas/{i}/review",
        &[("decision", "")],
        [303, 404, 403, 422, 403],
    ),
    post(
        "/teams/{a}/budgets/{r}/ideas/{i}/follow-up",
        &[("status", "")],
        [303, 404, 403, 422, 403],
    ),
    post(
        "/teams/{a}/budgets/{r}/ballot",
        &[],
        [303, 404, 422, 422, 403],
    ),
    // Without a receipt waiting in the session, back to the ballot.
    get(
        "/teams/{a}/budgets/{r}/ballot/receipt",
        [303, 404, 303, 303, 403],
    ),
    post(
        "/teams/{a}/budgets/{r}/results/publish",
        &[],
        [303, 404, 403, 409, 403],
    ),
    post(
        "/teams/{a}/budgets/{r}/ideas/{i}/withdraw",
        &[],
        [303, 404, 403, 303, 403],
    ),
    // The meeting itself ({m} has no published agenda yet, so running it is refused).
    get("/teams/{a}/meetings/{m}/live", [303, 404, 200, 200, 200]),
    get("/teams/{b}/meetings/{m}/live", [303, 404, 404, 404, 404]),
    get("/teams/{a}/meetings/{m}/scan", [303, 404, 200, 200, 200]),
    get("/teams/{b}/meetings/{m}/scan", [303, 404, 404, 404, 404]),
    get("/teams/{a}/meetings/{m}/minutes", [303, 404, 200, 200, 200]),
    get("/teams/{b}/meetings/{m}/minutes", [303, 404, 404, 404, 404]),
    get(
        "/teams/{a}/meetings/{m}/minutes.md",
        [303, 404, 404, 404, 404],
    ),
    post(
        "/teams/{a}/meetings/{m}/minutes",
        &[("body", "x")],
        [303, 404, 403, 409, 403],
    ),
    post(
        "/teams/{b}/meetings/{m}/minutes",
        &[("body", "x")],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/live/attendance",
        &[],
        [303, 404, 403, 409, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/live/note-taker",
        &[],
        [303, 404, 403, 409, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/live/close",
        &[],
        [303, 404, 403, 409, 403],
    ),
    post(
        "/teams/{b}/meetings/{m}/live/close",
        &[],
        [303, 404, 404, 404, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/live/items/0/start",
        &[],
        [303, 404, 403, 409, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/live/items/0/end",
        &[],
        [303, 404, 403, 409, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/live/items/0/decisions",
        &[("text", "x")],
        [303, 404, 403, 409, 403],
    ),
    post(
        "/teams/{a}/meetings/{m}/live/items/0/actions",
        &[("title", "x")],
        [303, 404, 403, 409, 403],
    ),
    post("/teams/{a}/leave", &[], [303, 404, 303, 409, 403]),
    post(
        "/account/language",
        &[("language", "xx")],
        [303, 422, 422, 422, 422],
    ),
    post(
        "/account/time-zone",
        &[("time_zone", "Mars/Olympus")],
        [303, 422, 422, 422, 422],
    ),
    post(
        "/account/api-tokens",
        &[("token_name", ""), ("token_scope", "read")],
        [303, 422, 422, 422, 422],
    ),
    post(
        "/account/api-tokens/999999/revoke",
        &[],
        [303, 404, 404, 404, 404],
    ),
    post("/account/logout-everywhere", &[], [303, 303, 303, 303, 303]),
    post("/logout", &[], [303, 303, 303, 303, 303]),
];

#[tokio::test]
async fn every_route_answers_each_role_as_the_rules_say() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    // One removable member per persona, so each "remove" row has someone to remove.
    let mut spares: Vec<Person> = Vec::new();
    for i in 0..5 {
        let spare = create_person(&app, &format!("Spare{i}"), false).await;
        add_member(&app, &world.leader, &world.team_a, &spare, "member").await;
        spares.push(spare);
    }
    let leader_principal = roundtable::access::Principal {
        user_id: Some(world.leader.id),
        is_admin: false,
        zone: None,
    };
    let outsider_principal = roundtable::access::Principal {
        user_id: Some(world.outsider.id),
        is_admin: false,
        zone: None,
    };
    let invite = teams::InvitationForm::default();
    teams::invite(
        &app.db.conn,
        leader_principal,
        &world.team_a,
        &invite,
        roundtable::service::notices::Delivery::in_app_only(),
        roundtable::clock::now(),
    )
    .await
    .unwrap();
    teams::invite(
        &app.db.conn,
        outsider_principal,
        &world.team_b,
        &invite,
        roundtable::service::notices::Delivery::in_app_only(),
        roundtable::clock::now(),
    )
    .await
    .unwrap();
    let inv_a = open_invitation(&app, &world.team_a).await;
    let inv_b = open_invitation(&app, &world.team_b).await;
    // A meeting of team a with proposals open and two items by the leader.
    let organiser = signed_in(&app, &world.leader).await;
    let meeting = create_meeting(&app, &organiser, &world.team_a, "secret").await;
    propose(&organiser, &world.team_a, meeting, "Timetable", 10).await;
    propose(&organiser, &world.team_a, meeting, "Rubric", 10).await;
    let items = proposal_ids(&app, meeting).await;
    // A budget round of team a in its ideas phase, with one idea by the leader.
    let round = create_round(&app, &organiser, &world.team_a, "secret", "approval").await;
    let proposed = propose_idea(&organiser, &world.team_a, round, "Trees", "200").await;
    assert_eq!(proposed.status(), 303);
    let idea = idea_ids(&app, round).await[0];

    let personas: [Browser; 5] = [
        app.browser(),
        signed_in(&app, &world.outsider).await,
        signed_in(&app, &world.member).await,
        signed_in(&app, &world.leader).await,
        signed_in(&app, &world.admin).await,
    ];
    let names = [
        "anonymous",
        "member of another team",
        "member",
        "leader",
        "site admin",
    ];
    let mut failures = Vec::new();
    for row in MATRIX {
        for (i, browser) in personas.iter().enumerate() {
            let path = row
                .path
                .replace("{a}", &world.team_a)
                .replace("{b}", &world.team_b)
                .replace("{member}", &world.member.id.to_string())
                .replace("{outsider}", &world.outsider.id.to_string())
                .replace("{spare}", &spares[i].id.to_string())
                .replace("{inv_a}", &inv_a.to_string())
                .replace("{inv_b}", &inv_b.to_string())
                .replace("{m}", &meeting.to_string())
                .replace("{p2}", &items[1].to_string())
                .replace("{p}", &items[0].to_string())
                .replace("{r}", &round.to_string())
                .replace("{i}", &idea.to_string())
                .replace("{bad_token}", &"ab".repeat(32));
            let response = match row.method {
                "GET" => browser.get(&path).await,
                _ => browser.post(&path, row.form).await,
            };
            let status = response.status().as_u16();
            if status != row.expect[i] {
                failures.push(format!(
                    "{} {path} as {}: expected {}, got {status}",
                    row.method, names[i], row.expect[i]
                ));
            }
            if i == ANON && status == 303 {
                let location = response.headers()["location"].to_str().unwrap().to_owned();
                assert!(
                    location == "/" || location.starts_with("/login"),
                    "{path}: {location}"
                );
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

async fn open_invitation(app: &crate::helpers::TestApp, slug: &str) -> i64 {
    use roundtable::store::entities::{invitations, teams as team_rows};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let team = team_rows::Entity::find()
        .filter(team_rows::Column::Slug.eq(slug))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    invitations::Entity::find()
        .filter(invitations::Column::TeamId.eq(team.id))
        .order_by_desc(invitations::Column::Id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Whether the route pattern `pattern` (`{name}` one segment, `{name:.*}` the rest) serves a
/// row's path (whose `{placeholders}` stand for one segment each).
fn serves(pattern: &str, path: &str) -> bool {
    let mut wanted = pattern.split('/');
    let mut given = path.split('/');
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return true,
            (Some(w), Some(_)) if w.starts_with('{') && w.ends_with(":.*}") => return true,
            (Some(w), Some(g)) if w == g || (w.starts_with('{') && w.ends_with('}')) => {}
            _ => return false,
        }
    }
}

/// The route of the table serving a row, matched in table order as actix does.
fn route_of(row: &Row) -> Option<&'static Route> {
    routes::ROUTES.iter().find(|route| {
        let method = match route.method {
            Method::Get | Method::GetOrHead => "GET",
            other => other.as_str(),
        };
        method == row.method && serves(route.path, row.path)
    })
}

#[test]
fn every_route_of_the_table_is_walked() {
    let missing: Vec<&Route> = routes::ROUTES
        .iter()
        .filter(|route| {
            !MATRIX
                .iter()
                .any(|row| route_of(row).is_some_and(|r| std::ptr::eq(r, *route)))
        })
        .collect();
    assert!(missing.is_empty(), "routes without a row: {missing:#?}");
    let unrouted: Vec<&str> = MATRIX
        .iter()
        .filter(|row| route_of(row).is_none())
        .map(|row| row.path)
        .collect();
    assert!(unrouted.is_empty(), "rows for no route: {unrouted:#?}");
}

/// Each persona as the access rules see them: who they are, and their role in team a and b
/// (the outsider leads team b).
fn persona(i: usize, team_b: bool) -> (Principal, Option<TeamRole>) {
    let user = |id| Principal {
        user_id: Some(roundtable::domain::ids::UserId(id)),
        is_admin: false,
        zone: None,
    };
    match (i, team_b) {
        (0, _) => (Principal::ANONYMOUS, None),
        (1, false) => (user(1), None),
        (1, true) => (user(1), Some(TeamRole::Leader)),
        (2, false) => (user(2), Some(TeamRole::Member)),
        (3, false) => (user(3), Some(TeamRole::Leader)),
        (2 | 3, true) => (user(i as i64), None),
        _ => (
            Principal {
                user_id: Some(roundtable::domain::ids::UserId(4)),
                is_admin: true,
                zone: None,
            },
            None,
        ),
    }
}

#[test]
fn every_refusal_a_row_expects_is_the_access_tables() {
    let mut wrong = Vec::new();
    for row in MATRIX {
        let Some(route) = route_of(row) else {
            continue;
        };
        for (i, expected) in row.expect.iter().enumerate() {
            let (principal, role) = persona(i, row.path.contains("{b}"));
            let decision = match route.access {
                Access::Public => Decision::Allow,
                Access::SignedIn if principal.user_id.is_none() => Decision::Login,
                Access::SignedIn => Decision::Allow,
                Access::Rule(action) => access::authorize(principal, role, action),
            };
            let refusal = match decision {
                Decision::Allow => continue,
                Decision::Login => 303,
                Decision::Deny => 403,
                Decision::Hide => 404,
            };
            if *expected != refusal {
                wrong.push(format!(
                    "{} {} as persona {i}: the row expects {expected}, the access table says {refusal}",
                    row.method, row.path
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_architecture_doc_shows_the_route_table_from_the_code() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/architecture.md"))
        .unwrap();
    let table = routes::markdown_table();
    assert!(
        doc.contains(&table),
        "docs/architecture.md must contain:\n{table}"
    );
}

#[test]
fn the_architecture_doc_shows_the_access_table_from_the_code() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/architecture.md"))
        .unwrap();
    let table = roundtable::access::markdown_table();
    assert!(
        doc.contains(&table),
        "docs/architecture.md must contain:\n{table}"
    );
}
