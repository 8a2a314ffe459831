//! How `/api/v1` answers a request body it cannot take, on a real write endpoint
//! (`POST …/proposals`): not JSON or a mistyped field is 400 `invalid_body` with the parser's
//! finding in `fields.body`; a body over the size limit is 413 `payload_too_large`; a body not
//! declared as JSON is 415 `unsupported_media_type` — each in the API's JSON error format, and
//! nothing is stored.

use serde_json::{Value, json};

use crate::api_tokens::make_token;
use crate::helpers::{TestApp, seed, signed_in, spawn_app};
use crate::meeting_helpers::create_meeting;

/// The proposals address of a meeting taking proposals, and a member's read-write token.
async fn fixture(app: &TestApp) -> (String, String) {
    let world = seed(app).await;
    let leader = signed_in(app, &world.leader).await;
    let meeting = create_meeting(app, &leader, &world.team_a, "secret").await;
    let member = signed_in(app, &world.member).await;
    let token = make_token(&member, "Bot", "read_write", "30").await;
    let url = app.url(&format!(
        "/api/v1/teams/{}/meetings/{}/proposals",
        world.team_a, meeting.0
    ));
    (url, token)
}

async fn post(url: &str, token: &str, content_type: &str, body: String) -> reqwest::Response {
    reqwest::Client::new()
        .post(url)
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

/// The status, and the body as the API's JSON error (its content type checked).
async fn error(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "{status}: {content_type}"
    );
    let body: Value = response.json().await.unwrap();
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert!(body["fields"].is_object(), "{body}");
    (status, body)
}

/// A proposal the endpoint accepts.
fn good() -> String {
    json!({"title": "Trip", "why": "It keeps coming up and nobody owns it.", "minutes": 10})
        .to_string()
}

async fn proposal_count(url: &str, token: &str) -> usize {
    let list: Value = reqwest::Client::new()
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    list["proposals"].as_array().unwrap().len()
}

#[tokio::test]
async fn an_unreadable_body_is_400_invalid_body_with_the_parsers_finding() {
    let app = spawn_app().await;
    let (url, token) = fixture(&app).await;
    let cases = [
        ("{not json", "key must be a string"),
        (
            r#"{"title": 5, "why": "Because", "minutes": 10}"#,
            "invalid type",
        ),
        (
            r#"{"title": "Trip", "why": "Because", "minutes": "ten"}"#,
            "invalid type",
        ),
        (
            r#"{"title": "Trip", "why": "Because"}"#,
            "missing field `minutes`",
        ),
        (r#"["Trip", "Because", 10, 4]"#, ""),
        ("", "EOF"),
    ];
    for (body, finding) in cases {
        let (status, answer) =
            error(post(&url, &token, "application/json", body.into()).await).await;
        assert_eq!(status, 400, "{body}: {answer}");
        assert_eq!(answer["error"], "invalid_body", "{body}");
        let detail = answer["fields"]["body"].as_str().unwrap_or_default();
        assert!(
            !detail.is_empty() && detail.contains(finding),
            "{body}: {detail}"
        );
    }
    // A well-formed proposal still goes through, so the refusals above were about the bodies.
    assert_eq!(proposal_count(&url, &token).await, 0);
    let created = post(&url, &token, "application/json", good()).await;
    assert_eq!(created.status(), 201);
    assert_eq!(proposal_count(&url, &token).await, 1);
}

#[tokio::test]
async fn a_body_over_the_limit_is_413_and_one_not_declared_json_is_415() {
    let app = spawn_app().await;
    let (url, token) = fixture(&app).await;
    let limit = app.settings.max_body_kib * 1024;

    let huge = json!({"title": "Trip", "why": "x".repeat(limit), "minutes": 10}).to_string();
    let (status, answer) = error(post(&url, &token, "application/json", huge).await).await;
    assert_eq!(status, 413, "{answer}");
    assert_eq!(answer["error"], "payload_too_large");

    let body = good();
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let (status, answer) = error(post(&url, &token, content_type, body.clone()).await).await;
        assert_eq!(status, 415, "{content_type}: {answer}");
        assert_eq!(answer["error"], "unsupported_media_type", "{content_type}");
        assert!(
            answer["message"]
                .as_str()
                .unwrap()
                .contains("application/json"),
            "{answer}"
        );
    }
    assert_eq!(
        proposal_count(&url, &token).await,
        0,
        "nothing refused was stored"
    );
    // JSON with a charset is JSON.
    let with_charset = post(&url, &token, "application/json; charset=utf-8", body).await;
    assert_eq!(with_charset.status(), 201);
    assert_eq!(proposal_count(&url, &token).await, 1);
}
