//! Every template renders with a fixture, so a broken template fails `cargo test`.

use roundtable::web::templates::Templates;
use serde_json::{Value, json};

fn fixture(name: &str) -> Option<Value> {
    Some(match name {
        "base.html" => json!({ "title": "Fixture" }),
        "home.html" => json!({ "title": "Home", "setup_needed": true }),
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
    for name in names {
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
