//! Personal API tokens on the account page: created with a name, scope and lifetime, the
//! secret shown once and stored only as its hash, listed, revoked, refused when bad, audited.

use roundtable::auth::tokens::token_hash;
use roundtable::store::entities::{api_tokens, audit_log};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::helpers::{Browser, TestApp, create_person, signed_in, spawn_app};
use crate::secrecy::{found_in, raw_bytes};

/// The secret in the confirmation a creation redirects to (the flash's copy field).
pub(crate) fn secret_in(page: &str) -> String {
    let marker = r#"class="copy-link" type="text" readonly value=""#;
    let start = page.find(marker).expect("the new token on the page") + marker.len();
    let end = start + page[start..].find('"').unwrap();
    page[start..end].to_owned()
}

/// Creates a token on the account page and returns its secret.
pub(crate) async fn make_token(browser: &Browser, name: &str, scope: &str, days: &str) -> String {
    let response = browser
        .post(
            "/account/api-tokens",
            &[
                ("token_name", name),
                ("token_scope", scope),
                ("token_days", days),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/account#api-tokens");
    secret_in(&browser.follow(response).await)
}

async fn tokens(app: &TestApp) -> Vec<api_tokens::Model> {
    api_tokens::Entity::find()
        .order_by_asc(api_tokens::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_token_is_shown_once_listed_and_stored_only_as_its_hash() {
    let app = spawn_app().await;
    let sam = create_person(&app, "Sam", false).await;
    let browser = signed_in(&app, &sam).await;

    let secret = make_token(&browser, "Intranet sync", "read", "30").await;

    assert!(secret.starts_with("rt_") && secret.len() == 67, "{secret}");
    let page = browser.get("/account").await.text().await.unwrap();
    assert!(!page.contains(&secret), "the secret is shown only once");
    assert!(page.contains("Intranet sync"));
    assert!(page.contains("Read only"));
    assert!(page.contains("Never"), "not used yet");
    let stored = tokens(&app).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].token_hash, token_hash(&secret));
    assert_eq!(stored[0].scope, api_tokens::Scope::Read);
    assert_eq!(
        stored[0].expires_at - stored[0].created_at,
        time::Duration::days(30)
    );
    // On disk: the hash is there (the scan reads the table), the secret is not, in any form.
    let bytes = raw_bytes(&app).await;
    assert!(found_in(&bytes, stored[0].token_hash.as_bytes()));
    assert!(!found_in(&bytes, secret.as_bytes()));
    assert!(!found_in(&bytes, &secret.as_bytes()["rt_".len()..]));
    // Audited, without the secret.
    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(audit_log::AuditAction::ApiTokenCreate))
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("an audit entry");
    assert!(entry.detail.contains("Intranet sync"));
    assert!(!entry.detail.contains(&secret[3..]));
}

#[tokio::test]
async fn a_bad_token_form_is_shown_again_with_what_was_typed() {
    let app = spawn_app().await;
    let sam = create_person(&app, "Sam", false).await;
    let browser = signed_in(&app, &sam).await;

    let response = browser
        .post(
            "/account/api-tokens",
            &[
                ("token_name", "Bot"),
                ("token_scope", "admin"),
                ("token_days", "1000"),
            ],
        )
        .await;

    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains(r#"value="Bot""#), "the name is kept");
    assert!(page.contains(r#"value="1000""#), "the days are kept");
    assert!(page.contains("Choose read only, or read and write."));
    assert!(page.contains("from 1 to 365"));
    assert!(tokens(&app).await.is_empty());
}

#[tokio::test]
async fn revoking_a_token_ends_it_and_only_its_owner_may() {
    let app = spawn_app().await;
    let sam = create_person(&app, "Sam", false).await;
    let ana = create_person(&app, "Ana", false).await;
    let sams = signed_in(&app, &sam).await;
    let anas = signed_in(&app, &ana).await;
    let secret = make_token(&sams, "Bot", "read_write", "").await;
    let id = tokens(&app).await[0].id;
    assert_eq!(
        tokens(&app).await[0].expires_at - tokens(&app).await[0].created_at,
        time::Duration::days(90),
        "empty days: the default"
    );
    let me = || {
        app.client
            .get(app.url("/api/v1/me"))
            .bearer_auth(&secret)
            .send()
    };
    assert_eq!(me().await.unwrap().status(), 200);

    let other = anas
        .post(&format!("/account/api-tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(other.status(), 404, "someone else's token is not found");
    assert_eq!(me().await.unwrap().status(), 200);

    let revoked = sams
        .post(&format!("/account/api-tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(revoked.status(), 303);
    let page = sams.follow(revoked).await;
    assert!(page.contains("The token is revoked"));
    assert!(page.contains("Revoked on"));
    let response = me().await.unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.headers()["www-authenticate"],
        "Bearer realm=\"roundtable\", error=\"invalid_token\""
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid_token");
    // Revoking again changes nothing and is not audited twice.
    let again = sams
        .post(&format!("/account/api-tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(again.status(), 303);
    let revocations = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(audit_log::AuditAction::ApiTokenRevoke))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(revocations.len(), 1);
}

#[tokio::test]
async fn last_used_is_recorded_at_most_once_a_minute() {
    let app = spawn_app().await;
    let sam = create_person(&app, "Sam", false).await;
    let browser = signed_in(&app, &sam).await;
    let secret = make_token(&browser, "Bot", "read", "7").await;
    let call = || async {
        let response = app
            .client
            .get(app.url("/api/v1/me"))
            .bearer_auth(&secret)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    };

    call().await;
    let first = tokens(&app).await[0].last_used_at.expect("recorded");
    app.clock.advance(time::Duration::seconds(30));
    call().await;
    assert_eq!(tokens(&app).await[0].last_used_at, Some(first));
    app.clock.advance(time::Duration::seconds(31));
    call().await;
    let later = tokens(&app).await[0].last_used_at.unwrap();
    assert_eq!(later - first, time::Duration::seconds(61));
    let page = browser.get("/account").await.text().await.unwrap();
    assert!(
        !page.contains(">Never<"),
        "the list shows when it was last used"
    );
}
