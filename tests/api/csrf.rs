//! Every state-changing route refuses a request without the session's CSRF token.

use roundtable::web::routes;

use crate::helpers::{seed, signed_in, spawn_app};

/// POST routes that carry their own authority instead of a session: the signed unsubscribe
/// link in mail (RFC 8058 one-click comes from mail programs without cookies).
const SIGNED_LINKS: &[&str] = &["/unsubscribe/{token}"];

/// Every POST route of the route table the router is built from, so a new route cannot
/// escape this test (the signed-link routes are tested below instead).
fn post_routes() -> Vec<&'static str> {
    routes::ROUTES
        .iter()
        .filter(|r| r.method == routes::Method::Post)
        .map(|r| r.path)
        .filter(|p| !SIGNED_LINKS.contains(p))
        .collect()
}

/// A signed-link route needs no CSRF token, and without a genuine signature it does nothing.
#[tokio::test]
async fn signed_links_need_their_signature_not_a_csrf_token() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    for route in SIGNED_LINKS {
        assert!(
            routes::ROUTES
                .iter()
                .any(|r| r.method == routes::Method::Post && r.path == *route),
            "{route} is a route"
        );
        let forged = route.replace(
            "{token}",
            &format!("{}.digest.{}", world.leader.id, "0".repeat(32)),
        );
        let refused = leader.post_raw(&forged, &[]).await;
        assert_eq!(
            refused.status(),
            404,
            "POST {forged} with a forged signature"
        );
    }
}

#[tokio::test]
async fn every_post_route_needs_the_csrf_token() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let leader = signed_in(&app, &world.leader).await;
    let routes = post_routes();
    assert!(routes.len() >= 30, "found only {routes:?}");

    for route in &routes {
        let path = route
            .replace("{team}", &world.team_a)
            .replace("{user}", &world.member.id.to_string())
            .replace("{id}", "1")
            .replace("{proposal}", "1")
            .replace("{token}", &"0".repeat(64));
        let missing = leader.post_raw(&path, &[("role", "member")]).await;
        assert_eq!(missing.status(), 403, "POST {path} without a token");
        let wrong = leader
            .post_raw(
                &path,
                &[("role", "member"), ("csrf_token", &"f".repeat(64))],
            )
            .await;
        assert_eq!(wrong.status(), 403, "POST {path} with a wrong token");
        assert!(wrong.text().await.unwrap().contains("<h1>Not allowed</h1>"));
    }
    // Nothing changed: the member is still there, the leader still signed in.
    assert_eq!(
        leader
            .get(&format!("/teams/{}", world.team_a))
            .await
            .status(),
        200
    );
}
