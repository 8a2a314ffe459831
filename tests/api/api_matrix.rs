//! The access matrix of `/api/v1`: every endpoint as each persona with a token, checked over
//! HTTP, and every refusal checked against the access table (`roundtable::access`).
//!
//! Personas, in column order: no token, an outsider (leader of team b), a member of team a, a
//! leader of team a, a site admin. Paths name `{a}` and `{b}` for the two teams of
//! [`crate::helpers::seed`]; other `{placeholders}` are filled by the file that owns the rows
//! (its own fixture), through [`run`]. Each area of the API keeps its rows in its own test file
//! as a `pub(crate) const ROWS: &[Row]` and adds that constant to [`all_rows`], so one pure
//! test sees every route.

use roundtable::access::{self, Decision, Principal, TeamRole};
use roundtable::web::api::{API_ROUTES, ApiRoute};
use roundtable::web::routes::Access;

use crate::api_tokens::make_token;
use crate::helpers::{TestApp, World, signed_in};

/// One request of the matrix and the status each persona gets.
pub(crate) struct Row {
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: &'static str,
    /// The path, with `{a}`/`{b}` for the teams and the owning file's placeholders.
    pub path: &'static str,
    /// A JSON body for writes (sent as is; placeholders are filled in it too).
    pub body: Option<&'static str>,
    /// Status for: no token, outsider, member of a, leader of a, admin. Writes run in this
    /// order, so a row may expect e.g. 201 for the member and 409 for whoever comes after.
    pub expect: [u16; 5],
}

impl Row {
    /// A read.
    pub(crate) const fn get(path: &'static str, expect: [u16; 5]) -> Self {
        Self {
            method: "GET",
            path,
            body: None,
            expect,
        }
    }

    /// A write with a JSON body.
    pub(crate) const fn write(
        method: &'static str,
        path: &'static str,
        body: &'static str,
        expect: [u16; 5],
    ) -> Self {
        Self {
            method,
            path,
            body: Some(body),
            expect,
        }
    }
}

/// Every row of every area (add your area's `ROWS` here).
pub(crate) fn all_rows() -> Vec<&'static Row> {
    [
        crate::api_v1::ROWS,
        crate::api_ledger::ROWS,
        crate::api_help::ROWS,
        crate::api_members::ROWS,
        crate::api_proposals::ROWS,
        crate::api_ballots::ROWS,
        crate::api_actions::ROWS,
        crate::api_follow::ROWS,
        crate::api_results::ROWS,
        crate::api_budgets::ROWS,
        crate::api_budgets::VOTING_ROWS,
        crate::api_budgets::CLOSED_ROWS,
        crate::api_budget_manage::ROWS,
        crate::api_budget_manage::CLOSED_ROWS,
        crate::api_comments::ROWS,
        crate::api_series::ROWS,
        crate::api_meeting_admin::ROWS,
        crate::api_admin::ROWS,
        crate::api_live::ROWS,
        crate::api_sharing::ROWS,
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A read-write token for each persona but the first (no token).
pub(crate) async fn persona_tokens(app: &TestApp, world: &World) -> Vec<Option<String>> {
    let mut tokens: Vec<Option<String>> = vec![None];
    for person in [&world.outsider, &world.member, &world.leader, &world.admin] {
        let browser = signed_in(app, person).await;
        tokens.push(Some(
            make_token(&browser, "Matrix", "read_write", "30").await,
        ));
    }
    tokens
}

/// Sends every row as every persona (in order) and returns the mismatches, e.g.
/// `assert!(failures.is_empty(), "{failures:#?}")`. `fill` replaces further placeholders
/// (such as `("{m}", meeting_id)`) in paths and bodies.
pub(crate) async fn run(
    app: &TestApp,
    world: &World,
    tokens: &[Option<String>],
    rows: &[Row],
    fill: &[(&str, String)],
) -> Vec<String> {
    let client = reqwest::Client::new();
    let subst = |text: &str| {
        let mut text = text
            .replace("{a}", &world.team_a)
            .replace("{b}", &world.team_b);
        for (name, value) in fill {
            text = text.replace(name, value);
        }
        text
    };
    let mut failures = Vec::new();
    for row in rows {
        let path = subst(row.path);
        for (i, token) in tokens.iter().enumerate() {
            let method = reqwest::Method::from_bytes(row.method.as_bytes()).unwrap();
            let mut request = client.request(method, app.url(&path));
            if let Some(body) = row.body {
                request = request
                    .header("content-type", "application/json")
                    .body(subst(body));
            }
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let status = request.send().await.unwrap().status().as_u16();
            if status != row.expect[i] {
                failures.push(format!(
                    "{} {path} as persona {i}: expected {}, got {status}",
                    row.method, row.expect[i]
                ));
            }
        }
    }
    failures
}

fn serves(pattern: &str, path: &str) -> bool {
    let wanted: Vec<&str> = pattern.split('/').collect();
    let given: Vec<&str> = path.split('/').collect();
    wanted.len() == given.len()
        && wanted
            .iter()
            .zip(&given)
            .all(|(w, g)| w == g || (w.starts_with('{') && w.ends_with('}')))
}

fn route_of(row: &Row) -> Option<&'static ApiRoute> {
    API_ROUTES
        .iter()
        .find(|r| r.method.as_str() == row.method && serves(r.path, row.path))
}

#[test]
fn every_api_route_has_a_row_and_every_refusal_is_the_access_tables() {
    let rows = all_rows();
    for route in API_ROUTES {
        assert!(
            rows.iter()
                .any(|row| route_of(row).is_some_and(|r| std::ptr::eq(r, route))),
            "no matrix row for {route:?}"
        );
    }
    let persona = |i: usize, team_b: bool| -> (Principal, Option<TeamRole>) {
        let user = |id| Principal {
            user_id: Some(roundtable::domain::ids::UserId(id)),
            is_admin: i == 4,
            zone: None,
        };
        match (i, team_b) {
            (1, true) => (user(1), Some(TeamRole::Leader)),
            (2, false) => (user(2), Some(TeamRole::Member)),
            (3, false) => (user(3), Some(TeamRole::Leader)),
            _ => (user(i as i64), None),
        }
    };
    for row in rows {
        let route =
            route_of(row).unwrap_or_else(|| panic!("no route for {} {}", row.method, row.path));
        assert_eq!(row.expect[0], if route.needs_token { 401 } else { 200 });
        for (i, expected) in row.expect.iter().enumerate().skip(1) {
            let (principal, role) = persona(i, row.path.contains("{b}"));
            let decision = match route.access {
                Access::Public | Access::SignedIn => Decision::Allow,
                Access::Rule(action) => access::authorize(principal, role, action),
            };
            let status = match decision {
                Decision::Allow => continue,
                Decision::Deny => 403,
                Decision::Hide | Decision::Login => 404,
            };
            assert_eq!(
                *expected, status,
                "{} {} as persona {i}",
                row.method, row.path
            );
        }
    }
}
