//! Overload is an answer, not an error (issue 13): when no database connection is free in
//! time, pages answer 503 with `Retry-After` and a "try again in a moment" page (JSON under
//! `/api/`), never 500.

use std::time::Duration;

use actix_web::{HttpResponse, web};
use futures_util::future::join_all;
use roundtable::web::{AppState, WebError, resource};
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::helpers::{TestApp, create_person, create_team, signed_in, spawn_app_configured};

/// Holds a pooled connection (in a transaction) for 1.5 s.
async fn hold(state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let txn = state.db.conn.begin().await?;
    txn.execute_unprepared("SELECT 1").await?;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    txn.commit().await?;
    Ok(HttpResponse::Ok().finish())
}

/// A JSON route that needs the database.
async fn probe(state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    state.db.conn.execute_unprepared("SELECT 1").await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "ok": true })))
}

fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/test/hold").route(web::get().to(hold)))
        .service(resource("/api/v1/test/probe").route(web::get().to(probe)));
}

async fn tiny_pool(size: u32) -> TestApp {
    spawn_app_configured(
        |settings| {
            settings.pool.max_connections = Some(size);
            settings.pool.acquire_timeout_ms = 400;
        },
        routes,
    )
    .await
}

#[tokio::test]
async fn a_busy_pool_answers_503_with_retry_after_in_html_and_json() {
    let app = tiny_pool(1).await;
    let admin = create_person(&app, "Admin", true).await;
    let leader = create_person(&app, "Leader", false).await;
    let slug = create_team(&app, &admin, "Team A", &leader).await;
    let browser = signed_in(&app, &leader).await;

    // The only connection is held for 1.5 s; 100 ms later, both requests wait 400 ms in vain.
    let held = tokio::spawn({
        let url = app.url("/test/hold");
        let client = app.client.clone();
        async move { client.get(url).send().await.unwrap().status() }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let page = browser.get(&format!("/teams/{slug}")).await;
    let api = app.get("/api/v1/test/probe").await;

    assert_eq!(page.status(), 503);
    assert_eq!(page.headers()["retry-after"], "2");
    let body = page.text().await.unwrap();
    assert!(body.contains("try again in a moment"), "{body}");
    assert!(!body.contains("pool"), "no internals: {body}");
    assert_eq!(api.status(), 503);
    assert_eq!(api.headers()["retry-after"], "2");
    let json: serde_json::Value = api.json().await.unwrap();
    assert_eq!(json["error"], "service_unavailable");
    assert_eq!(json["retry_after_seconds"], 2);
    assert_eq!(
        held.await.unwrap(),
        200,
        "the request holding the pool finishes"
    );
    // Once the pool is free again, the page answers.
    assert_eq!(browser.get(&format!("/teams/{slug}")).await.status(), 200);
}

#[tokio::test]
async fn many_heavy_requests_on_a_tiny_pool_get_only_200_or_503() {
    let app = tiny_pool(2).await;
    let admin = create_person(&app, "Admin", true).await;
    let leader = create_person(&app, "Leader", false).await;
    let slug = create_team(&app, &admin, "Team A", &leader).await;
    let browser = signed_in(&app, &leader).await;
    let paths = [
        format!("/teams/{slug}"),
        format!("/teams/{slug}/ledger"),
        format!("/teams/{slug}/meetings"),
        "/".to_owned(),
        "/test/hold".to_owned(),
    ];

    let requests = (0..60).map(|i| {
        let path = &paths[i % paths.len()];
        browser.get(path)
    });
    let statuses: Vec<u16> = join_all(requests)
        .await
        .into_iter()
        .map(|r| r.status().as_u16())
        .collect();

    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 503),
        "only 200 or 503: {statuses:?}"
    );
    assert!(
        statuses.contains(&503),
        "the pool was exhausted: {statuses:?}"
    );
}

/// The pool hands out connections without pinging them first (a round trip saved on every
/// statement), so a connection the database dropped while it sat idle fails its next statement
/// once. That is a 503 "try again in a moment", never a 500, and the pool replaces it: a
/// database restart costs at most one failed request per pooled connection.
#[tokio::test]
async fn connections_the_database_dropped_cost_a_503_at_most_never_a_500() {
    let app = tiny_pool(3).await;
    if app.db.backend != roundtable::store::Backend::Postgres {
        // SQLite is a file in the process: no server can drop its connections.
        return;
    }
    let admin = create_person(&app, "Admin", true).await;
    let leader = create_person(&app, "Leader", false).await;
    let slug = create_team(&app, &admin, "Team A", &leader).await;
    let browser = signed_in(&app, &leader).await;
    let page = format!("/teams/{slug}/ledger");
    assert_eq!(browser.get(&page).await.status(), 200);

    // What a restart does to the app's idle connections: the server ends every session of
    // this database (another connection, so the test's own pool is not involved).
    let base = std::env::var(crate::helpers::TEST_DB_ENV).unwrap();
    let admin_db = sea_orm::Database::connect(base.as_str()).await.unwrap();
    let name = app
        .settings
        .database_url
        .as_ref()
        .unwrap()
        .expose()
        .to_owned();
    let name = name.rsplit('/').next().unwrap().to_owned();
    let ended = admin_db
        .query_one_raw(sea_orm::Statement::from_string(
            admin_db.get_database_backend(),
            format!(
                "SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity \
                 WHERE datname = '{name}' AND pid <> pg_backend_pid()"
            ),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    admin_db.close().await.unwrap();
    assert!(ended > 0, "the app had idle connections to end");

    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(browser.get(&page).await.status().as_u16());
    }
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 503),
        "only 200 or 503 after the connections were dropped: {statuses:?}"
    );
    assert_eq!(
        statuses.last(),
        Some(&200),
        "the pool replaced the dropped connections: {statuses:?}"
    );
}
