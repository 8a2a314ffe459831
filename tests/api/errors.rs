//! Error pages: the right status, the layout, no internals; JSON under /api/.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use roundtable::i18n::Msg;
use roundtable::service::FieldErrors;
use roundtable::web::{AppState, WebError, resource};
use sea_orm::ConnectionTrait;

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

async fn panics() -> HttpResponse {
    panic!("secret panic detail")
}

async fn db_failure(state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    state
        .db
        .conn
        .execute_unprepared("SELECT secret_column FROM no_such_table")
        .await?;
    Ok(HttpResponse::Ok().finish())
}

async fn fail_with(code: web::Path<u16>) -> Result<HttpResponse, WebError> {
    Err(match code.into_inner() {
        400 => WebError::BadRequest(Msg::new("notice-unknown")),
        403 => WebError::Forbidden,
        404 => WebError::NotFound,
        409 => WebError::Conflict(Msg::new("conflict-meeting-closed")),
        422 => WebError::Invalid {
            message: Msg::new("error-invalid-input"),
            fields: {
                let mut fields = FieldErrors::new();
                fields.add("minutes", Msg::new("wait-minutes").arg("count", 2));
                fields
            },
        },
        429 => WebError::TooManyRequests {
            retry_after_seconds: 90,
        },
        _ => WebError::Unexpected(anyhow::anyhow!("inner cause").context("outer context")),
    })
}

async fn echo_form(form: web::Form<BTreeMap<String, String>>) -> HttpResponse {
    HttpResponse::Ok().body(form.len().to_string())
}

async fn echo_json(body: web::Json<serde_json::Value>) -> HttpResponse {
    HttpResponse::Ok().json(body.into_inner())
}

fn test_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/test/panic").route(web::get().to(panics)))
        .service(resource("/api/v1/test/panic").route(web::get().to(panics)))
        .service(resource("/test/db-failure").route(web::get().to(db_failure)))
        .service(resource("/test/fail/{code}").route(web::get().to(fail_with)))
        .service(resource("/api/v1/test/fail/{code}").route(web::get().to(fail_with)))
        .service(resource("/test/form").route(web::post().to(echo_form)))
        .service(resource("/api/v1/test/json").route(web::post().to(echo_json)));
}

async fn app() -> TestApp {
    spawn_app_with(test_routes).await
}

async fn html(response: reqwest::Response) -> String {
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
        "expected an HTML page"
    );
    response.text().await.unwrap()
}

#[tokio::test]
async fn an_unknown_address_gets_a_404_page_in_the_layout() {
    let app = spawn_app().await;

    let response = app.get("/no/such/page").await;

    assert_eq!(response.status(), 404);
    let body = html(response).await;
    assert!(body.contains("<h1>Page not found</h1>"));
    assert!(body.contains(r#"<main id="main""#));
}

#[tokio::test]
async fn api_errors_are_json_with_a_stable_code() {
    let app = app().await;

    let response = app.get("/api/v1/nothing-here").await;
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "not_found");
    assert!(body["message"].as_str().unwrap().len() > 5);

    let response = app.get("/api/v1/test/fail/422").await;
    assert_eq!(response.status(), 422);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid_input");
    assert_eq!(body["fields"]["minutes"], "about 2 minutes");
}

#[tokio::test]
async fn each_error_status_renders_its_page() {
    let app = app().await;
    let cases = [
        (400, "Bad request", "That notification does not exist."),
        (403, "Not allowed", "not allowed"),
        (404, "Page not found", "nothing at this address"),
        (409, "Conflict", "The meeting is closed."),
        (422, "Please check your input", "about 2 minutes"),
        (429, "Too many attempts", "about 2 minutes"),
        (500, "Something went wrong", "It has been logged"),
    ];
    for (code, title, text) in cases {
        let response = app.get(&format!("/test/fail/{code}")).await;
        assert_eq!(response.status(), code);
        if code == 429 {
            assert_eq!(response.headers()["retry-after"], "90");
        }
        let body = html(response).await;
        assert!(
            body.contains(&format!("<h1>{title}</h1>")),
            "{code}: {body}"
        );
        assert!(body.contains(text), "{code}: {body}");
        assert!(
            !body.contains("inner cause") && !body.contains("outer context"),
            "{code} leaks internals"
        );
    }
}

#[tokio::test]
async fn error_pages_and_json_speak_the_browsers_language() {
    let app = app().await;
    let french = |path: &str| {
        app.client
            .get(app.url(path))
            .header("Accept-Language", "fr-FR,fr;q=0.9")
            .send()
    };
    let cases = [
        (404, "Page introuvable", "Il n'y a rien à cette adresse."),
        (409, "Conflit", "La réunion est close."),
        (422, "Vérifiez votre saisie", "environ 2 minutes"),
        (429, "Trop de tentatives", "environ 2 minutes"),
        (500, "Une erreur s'est produite", "Elle a été enregistrée"),
    ];
    for (code, title, text) in cases {
        let response = french(&format!("/test/fail/{code}")).await.unwrap();
        assert_eq!(response.status(), code);
        let body = response
            .text()
            .await
            .unwrap()
            .replace("&#x27;", "'")
            .replace("&#x2F;", "/");
        assert!(body.contains(r#"<html lang="fr">"#), "{code}: {body}");
        assert!(
            body.contains(&format!("<h1>{title}</h1>")),
            "{code}: {body}"
        );
        assert!(body.contains(text), "{code}: {body}");
    }
    let json: serde_json::Value = french("/api/v1/test/fail/409")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        json["error"], "conflict",
        "codes stay stable in every language"
    );
    assert_eq!(json["message"], "La réunion est close.");
}

#[tokio::test]
async fn a_wrong_method_gets_a_405_page() {
    let app = spawn_app().await;
    let browser = app.browser();

    // A form post with a valid CSRF token to a page that only answers GET.
    let response = browser.post("/", &[]).await;

    assert_eq!(response.status(), 405);
    assert!(html(response).await.contains("<h1>Method not allowed</h1>"));
}

#[tokio::test]
async fn an_oversized_body_gets_a_413_page() {
    let app = app().await;
    let limit = app.settings.max_body_kib * 1024;

    let response = app
        .client
        .post(app.url("/test/form"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("a={}", "x".repeat(limit + 10)))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 413);
    assert!(html(response).await.contains("<h1>Too much data</h1>"));
}

#[tokio::test]
async fn malformed_json_gets_a_400_json_error() {
    let app = app().await;

    let response = app
        .client
        .post(app.url("/api/v1/test/json"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid_body");
    assert!(!body["fields"]["body"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn a_panicking_handler_gives_the_500_page_not_a_dropped_connection() {
    let app = app().await;

    let response = app.get("/test/panic").await;

    assert_eq!(response.status(), 500);
    assert!(response.headers().contains_key("content-security-policy"));
    let body = html(response).await;
    assert!(body.contains("<h1>Something went wrong</h1>"));
    assert!(
        body.contains("Reference:"),
        "a 500 page shows the request id"
    );
    assert!(!body.contains("secret panic detail"));

    let response = app.get("/api/v1/test/panic").await;
    assert_eq!(response.status(), 500);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "internal_error");

    // The server is still serving.
    assert_eq!(app.get("/health").await.status(), 200);
}

#[tokio::test]
async fn a_failing_database_call_gives_the_500_page_without_internals() {
    let app = app().await;

    let response = app.get("/test/db-failure").await;

    assert_eq!(response.status(), 500);
    let body = html(response).await;
    assert!(body.contains("<h1>Something went wrong</h1>"));
    assert!(!body.contains("no_such_table") && !body.contains("secret_column"));
}

#[test]
fn the_logged_message_of_an_unexpected_error_has_the_whole_chain() {
    let error =
        WebError::Unexpected(anyhow::anyhow!("connection reset").context("loading meeting 7"));
    assert_eq!(
        error.to_string(),
        "unexpected error: loading meeting 7: connection reset"
    );
}
