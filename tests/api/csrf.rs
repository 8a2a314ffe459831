//! Every state-changing route refuses a request without the session's CSRF token.

use roundtable::web::routes;

use crate::helpers::{seed, signed_in, spawn_app};

/// Every POST route of the route table the router is built from, so a new route cannot
/// escape this test.
fn post_routes() -> Vec<&'static str> {
    routes::ROUTES
        .iter()
        .filter(|r| r.method == routes::Method::Post)
        .map(|r| r.path)
        .collect()
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
