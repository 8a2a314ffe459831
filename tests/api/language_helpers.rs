//! Reading pages as people do, in a language they chose: shared by the language tests.

use crate::helpers::{Browser, Person, TestApp, signed_in};

/// Tera escapes `'` and `/`; read pages as people do.
pub fn unescaped(html: String) -> String {
    html.replace("&#x27;", "'").replace("&#x2F;", "/")
}

/// The page at `path` as people read it, asserting it answered 200.
pub async fn read(browser: &Browser, path: &str) -> String {
    let response = browser.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    unescaped(response.text().await.unwrap())
}

/// Asserts each of `present` is in `html` and none of `absent` is.
pub fn speaks(html: &str, present: &[&str], absent: &[&str]) {
    for text in present {
        assert!(html.contains(text), "missing {text:?} in {html}");
    }
    for text in absent {
        assert!(!html.contains(text), "{text:?} still in {html}");
    }
}

/// The signed-in `browser` chooses French on their account page.
pub async fn choose_french(browser: &Browser) {
    let chosen = browser
        .post("/account/language", &[("language", "fr")])
        .await;
    assert_eq!(chosen.status(), 303);
}

/// `person`, signed in, having chosen French.
pub async fn in_french(app: &TestApp, person: &Person) -> Browser {
    let browser = signed_in(app, person).await;
    choose_french(&browser).await;
    browser
}
