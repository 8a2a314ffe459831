//! The `/api/v1` tests' shared helpers: requests with a bearer token, status checks that hand
//! back the JSON body, ETag revalidation, tokens, and the usual cast (team a's leader and
//! member, signed in, each with a read-write token).

use serde_json::Value;

use crate::api_matrix::{self, Row};
use crate::api_tokens::make_token;
use crate::helpers::{Browser, TestApp, World, seed, signed_in, spawn_app};

/// Sends `method path` with the bearer `token` and, if given, a JSON body.
pub(crate) async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = reqwest::Client::new()
        .request(method, app.url(path))
        .bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

/// A GET of `path` with the bearer `token`.
pub(crate) async fn get(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    send(app, "GET", path, token, None).await
}

/// Asserts the response's status (a failure names `what` and shows the body); the JSON body,
/// `Null` when it is empty or not JSON.
async fn checked(response: reqwest::Response, status: u16, what: &str) -> Value {
    let got = response.status().as_u16();
    let text = response.text().await.unwrap();
    assert_eq!(got, status, "{what}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// The JSON body of a response that must have `status` (`Null` when empty or not JSON).
pub(crate) async fn expect_status(response: reqwest::Response, status: u16) -> Value {
    let what = response.url().path().to_owned();
    checked(response, status, &what).await
}

/// [`send`], asserting the status; the JSON body (`Null` when empty or not JSON).
pub(crate) async fn expect(
    app: &TestApp,
    (method, path): (&str, &str),
    token: &str,
    body: Option<Value>,
    status: u16,
) -> Value {
    let response = send(app, method, path, token, body).await;
    checked(response, status, &format!("{method} {path}")).await
}

/// [`send`], asserting a 201; its `Location` and JSON body.
pub(crate) async fn created(
    app: &TestApp,
    (method, path): (&str, &str),
    token: &str,
    body: Option<Value>,
) -> (String, Value) {
    let response = send(app, method, path, token, body).await;
    let location = response.headers().get("location").cloned();
    let json = checked(response, 201, &format!("{method} {path}")).await;
    let location = location.expect("a Location header");
    (location.to_str().unwrap().to_owned(), json)
}

/// [`send`], asserting a 404 with the error `not_found`.
pub(crate) async fn not_found(
    app: &TestApp,
    (method, path): (&str, &str),
    token: &str,
    body: Option<Value>,
) {
    let answer = expect(app, (method, path), token, body, 404).await;
    assert_eq!(answer["error"], "not_found", "{method} {path}");
}

/// Walks a list by `next_cursor`, `limit` rows a page (each page a 200, at most 50 pages);
/// the rows under `key` of every page in order, and how many pages there were. `path` may
/// carry a query of its own (`…?show=mine`).
pub(crate) async fn walk_rows(
    app: &TestApp,
    path: &str,
    key: &str,
    token: &str,
    limit: u64,
) -> (Vec<Value>, usize) {
    let sep = if path.contains('?') { '&' } else { '?' };
    let mut rows = Vec::new();
    let mut pages = 0;
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(c) => format!("{path}{sep}limit={limit}&cursor={c}"),
            None => format!("{path}{sep}limit={limit}"),
        };
        let page = expect(app, ("GET", &url), token, None, 200).await;
        pages += 1;
        let these = page[key].as_array().unwrap();
        assert!(these.len() as u64 <= limit, "{url}: {page}");
        rows.extend(these.iter().cloned());
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return (rows, pages),
        }
        assert!(pages < 50, "the walk ends");
    }
}

/// The ids of [`walk_rows`]' rows, in order, and how many pages there were.
pub(crate) async fn walk(
    app: &TestApp,
    path: &str,
    key: &str,
    token: &str,
    limit: u64,
) -> (Vec<i64>, usize) {
    let (rows, pages) = walk_rows(app, path, key, token, limit).await;
    let ids = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    (ids, pages)
}

/// A GET with `If-None-Match: etag`.
pub(crate) async fn if_none_match(
    app: &TestApp,
    path: &str,
    token: &str,
    etag: &str,
) -> reqwest::Response {
    reqwest::Client::new()
        .get(app.url(path))
        .bearer_auth(token)
        .header("If-None-Match", etag)
        .send()
        .await
        .unwrap()
}

/// Asserts `path` answers 304 to its own `ETag`; returns the ETag.
pub(crate) async fn revalidates(app: &TestApp, path: &str, token: &str) -> String {
    let first = get(app, path, token).await;
    assert_eq!(first.status(), 200, "{path}");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let again = if_none_match(app, path, token, &etag).await;
    assert_eq!(again.status(), 304, "{path}");
    assert!(again.bytes().await.unwrap().is_empty());
    etag
}

/// Sends every row as every persona ([`api_matrix::run`], with read-write tokens made here)
/// and asserts each answered as its row says; `fill` replaces further placeholders.
pub(crate) async fn assert_matrix(
    app: &TestApp,
    world: &World,
    rows: &[Row],
    fill: &[(&str, String)],
) {
    let tokens = api_matrix::persona_tokens(app, world).await;
    let failures = api_matrix::run(app, world, &tokens, rows, fill).await;
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A new read-write token of `who`'s (made on the account page).
pub(crate) async fn read_write_token(who: &Browser) -> String {
    make_token(who, "Bot", "read_write", "30").await
}

/// A new read-only token of `who`'s (made on the account page).
pub(crate) async fn read_token(who: &Browser) -> String {
    make_token(who, "Reader", "read", "30").await
}

/// A fresh app with the seeded world: team a's leader and member signed in, each with a
/// read-write token.
pub(crate) struct Cast {
    pub(crate) app: TestApp,
    pub(crate) world: World,
    pub(crate) leader: Browser,
    pub(crate) member: Browser,
    pub(crate) leader_token: String,
    pub(crate) member_token: String,
}

/// Spawns the app, seeds it and makes the [`Cast`].
pub(crate) async fn cast() -> Cast {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let leader_token = read_write_token(&leader).await;
    let member_token = read_write_token(&member).await;
    Cast {
        app,
        world,
        leader,
        member,
        leader_token,
        member_token,
    }
}
