use crate::helpers::spawn_app;

#[tokio::test]
async fn health_reports_the_backend_and_applied_migrations() {
    let app = spawn_app().await;

    let response = app.get("/health").await;

    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], app.db.backend.name());
    let expected_backend =
        if std::env::var(crate::helpers::TEST_DB_ENV).is_ok_and(|v| v.starts_with("postgres")) {
            "postgres"
        } else {
            "sqlite"
        };
    assert_eq!(body["database"], expected_backend);
    assert!(body["migrations_applied"].as_u64().unwrap() >= 1);
    assert_eq!(body["migrations_pending"], 0);
}

#[tokio::test]
async fn home_page_is_served_inside_the_layout() {
    let app = spawn_app().await;

    let response = app.get("/").await;

    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = response.text().await.unwrap();
    assert!(html.contains(r##"<a class="skip-link" href="#main">"##));
    assert!(html.contains(r#"<main id="main""#));
    assert!(html.contains("<nav aria-label=\"Main\">"));
    assert!(html.contains("<footer"));
    // A fresh instance explains how to create the first administrator.
    assert!(html.contains("roundtable user create --admin"));
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;

    for path in ["/", "/health", "/does-not-exist", "/static/app.css"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert!(headers.contains_key("referrer-policy"), "{path}");
    }
}

#[tokio::test]
async fn static_assets_are_cached_and_revalidated() {
    let app = spawn_app().await;

    let first = app.get("/static/app.css").await;
    assert_eq!(first.status(), 200);
    assert!(
        first.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(
        first.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();

    let second = app
        .client
        .get(app.url("/static/app.css"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), 304);
}

/// The value of `plan_cache_mode` on a connection opened with `settings`.
async fn plan_cache_mode(settings: &roundtable::config::Settings) -> String {
    use sea_orm::ConnectionTrait;
    let db = crate::helpers::connect(settings).await;
    let row = db
        .conn
        .query_one_raw(sea_orm::Statement::from_string(
            db.conn.get_database_backend(),
            "SHOW plan_cache_mode",
        ))
        .await
        .unwrap()
        .unwrap();
    let mode: String = row.try_get_by_index(0).unwrap();
    db.conn.close_by_ref().await.unwrap();
    mode
}

#[tokio::test]
async fn postgres_connections_plan_each_statement_once_unless_the_url_says_otherwise() {
    let mut fresh = crate::helpers::fresh_database();
    let Some(url) = fresh.settings.database_url.clone() else {
        panic!("a fresh database has a URL");
    };
    if !url.expose().starts_with("postgres") {
        // SQLite has no planner setting: nothing to check.
        return;
    }
    assert_eq!(plan_cache_mode(&fresh.settings).await, "force_generic_plan");
    // An operator's choice in the URL stands.
    fresh.settings.database_url = Some(roundtable::config::DatabaseUrl::new(format!(
        "{}?options=-c%20plan_cache_mode%3Dauto",
        url.expose()
    )));
    assert_eq!(plan_cache_mode(&fresh.settings).await, "auto");
}
