//! Every template renders with a fixture, so a broken template fails `cargo test`.

use roundtable::web::templates::Templates;
use serde_json::{Value, json};

fn layout() -> Value {
    json!({
        "user": { "id": 1, "email": "sam@school.test", "display_name": "Sam", "is_admin": true },
        "csrf_token": "0".repeat(64),
    })
}

fn fixture(name: &str) -> Option<Value> {
    let errors = json!({ "email": "Enter an email address.", "name": "Enter the team's name." });
    Some(match name {
        "base.html" => json!({ "title": "Fixture", "layout": layout() }),
        "home.html" => json!({ "title": "Home", "layout": layout(), "setup_needed": true,
            "my_teams": [{ "name": "Team A", "slug": "team-a", "role": "leader" }] }),
        "login.html" => {
            json!({ "title": "Sign in", "layout": { "csrf_token": "x" }, "errors": errors,
            "form": { "email": "sam@school.test", "next": "/" }, "notice": "Signed out." })
        }
        "account.html" => {
            json!({ "title": "Account", "layout": layout(), "errors": { "new": "Too short." }, "notice": "Done." })
        }
        "reset.html" => {
            json!({ "title": "Reset", "layout": { "csrf_token": "x" }, "display_name": "Sam", "errors": {} })
        }
        "invite.html" => json!({ "title": "Join", "layout": { "csrf_token": "x" }, "token": "ab",
            "invitation": { "team_name": "Team A", "team_slug": "team-a", "team_purpose": "Purpose.", "role": "member" },
            "form": { "display_name": "Lee", "email": "lee@school.test" }, "errors": errors }),
        "team.html" => {
            json!({ "title": "Team A", "layout": layout(), "slug": "team-a", "purpose": "Purpose.",
            "my_role": "leader", "can_manage": true,
            "members": [{ "user_id": 1, "display_name": "Sam", "role": "leader" }, { "user_id": 2, "display_name": "Lee", "role": "member" }],
            "invitations": [{ "id": 3, "role": "member", "uses": 1, "max_uses": 5, "expires": "1 Dec 2026, 10:00 UTC" }],
            "other_teams": [{ "name": "Team B", "slug": "team-b", "role": "member" }],
            "invite_form": { "role": "member", "max_uses": "1", "valid_days": "7" }, "errors": { "max_uses": "1 to 100." },
            "new_link": "http://x/invite/ab", "new_link_label": "New link" })
        }
        "admin_teams.html" => json!({ "title": "Teams", "layout": layout(),
            "teams": [{ "name": "Team A", "slug": "team-a", "members": 3 }],
            "form": { "name": "", "slug": "", "purpose": "" }, "errors": errors, "new_link": "http://x/invite/ab", "new_team": "Team A" }),
        "error.html" => json!({
            "title": "Please check your input",
            "message": "Some of what you entered needs correcting.",
            "fields": { "minutes": "Use 1 to 240 minutes." },
            "retry_after": "about a minute",
            "request_id": "00000000-0000-0000-0000-000000000000",
        }),
        _ => return None,
    })
}

#[test]
fn every_template_renders_with_its_fixture() {
    let templates = Templates::load().expect("templates compile");
    let names = templates.names();
    assert!(names.contains(&"base.html".to_owned()));
    for name in names.into_iter().filter(|n| !n.starts_with('_')) {
        let context = fixture(&name).unwrap_or_else(|| panic!("add a fixture for {name}"));
        let html = templates
            .render(&name, &context)
            .unwrap_or_else(|e| panic!("{name} does not render: {e}"));
        assert!(html.contains("</html>"), "{name} is not a full page");
    }
}

#[test]
fn text_people_type_is_escaped() {
    let templates = Templates::load().unwrap();
    let html = templates
        .render(
            "error.html",
            &json!({ "title": "T", "message": "<script>alert(1)</script>", "fields": {} }),
        )
        .unwrap();
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("&lt;script&gt;"));
}
