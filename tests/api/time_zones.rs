//! Time zones over HTTP: a team's zone and a person's own, times shown in the viewer's zone
//! with the zone named, forms read as wall-clock times by the rules of their own date (a
//! meeting typed as 09:00 in London stays at 09:00 across the clock change), a time the clocks
//! skip refused with the form re-filled, and an unknown zone refused.

use roundtable::domain::clock::Clock;
use roundtable::domain::ids::MeetingId;
use roundtable::domain::meeting::input_value;
use roundtable::domain::zone::Zone;
use roundtable::store::entities::meetings;
use sea_orm::EntityTrait;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use crate::helpers::{Browser, TestApp, seed, signed_in, spawn_app};

/// A page's text with Tera's escapes of `/` and `"` undone, so zone names read as typed.
fn unescaped(html: String) -> String {
    html.replace("&#x2F;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
}

async fn html(browser: &Browser, path: &str) -> String {
    unescaped(browser.get(path).await.text().await.unwrap())
}

async fn body(response: reqwest::Response) -> String {
    unescaped(response.text().await.unwrap())
}

async fn followed(browser: &Browser, response: reqwest::Response) -> String {
    unescaped(browser.follow(response).await)
}

fn london() -> Zone {
    Zone::parse("Europe/London").unwrap()
}

/// A meeting form whose windows close before `starts` (all typed in London time).
fn form_starting(now: OffsetDateTime, starts: &str) -> Vec<(String, String)> {
    let at = |t: OffsetDateTime| input_value(t, london());
    [
        ("title", "Spring planning".to_owned()),
        (
            "purpose_line",
            "Agree the summer term's priorities.".to_owned(),
        ),
        ("starts_at", starts.to_owned()),
        ("budget_minutes", "60".to_owned()),
        ("place", "Room 4".to_owned()),
        ("facilitator_id", String::new()),
        ("proposals_open", at(now)),
        ("proposals_close", at(now + Duration::days(30))),
        ("voting_open", at(now + Duration::days(30))),
        ("voting_close", at(now + Duration::days(60))),
        ("privacy", "secret".to_owned()),
        ("results_visibility", "after_close".to_owned()),
        ("agenda_rule", "sequential_irv".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

async fn post_meeting(
    leader: &Browser,
    slug: &str,
    form: &[(String, String)],
) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    leader
        .post(&format!("/teams/{slug}/meetings"), &fields)
        .await
}

async fn created(leader: &Browser, slug: &str, form: &[(String, String)]) -> MeetingId {
    let response = post_meeting(leader, slug, form).await;
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    location.rsplit('/').next().unwrap().parse().unwrap()
}

async fn stored_start(app: &TestApp, id: MeetingId) -> OffsetDateTime {
    meetings::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .starts_at
}

async fn set_team_zone(leader: &Browser, slug: &str, zone: &str) -> reqwest::Response {
    leader
        .post(&format!("/teams/{slug}/time-zone"), &[("time_zone", zone)])
        .await
}

/// Advances the test clock to `at` (it only moves forward).
fn advance_to(app: &TestApp, at: OffsetDateTime) {
    let now = app.clock.now();
    assert!(at > now, "the test expects to run before {at}");
    app.clock.advance(at - now);
}

#[tokio::test]
async fn a_meeting_typed_at_nine_in_london_stays_at_nine_across_the_clock_change() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;

    let page = followed(&leader, set_team_zone(&leader, slug, "europe/london").await).await;
    assert!(
        page.contains("The team now meets in Europe/London."),
        "{page}"
    );
    assert!(page.contains("The team meets in the Europe/London time zone"));

    let form = html(&leader, &format!("/teams/{slug}/meetings/new")).await;
    assert!(
        form.contains("Starts (Europe/London)"),
        "the form names the zone"
    );
    assert!(form.contains("Windows (Europe/London)"));

    // Typed in winter (GMT) for a day after British Summer Time begins (28 March 2027), and
    // one for a day before it.
    let now = app.clock.now();
    let summer = created(&leader, slug, &form_starting(now, "2027-04-01T09:00")).await;
    let winter = created(&leader, slug, &form_starting(now, "2027-03-20T09:00")).await;
    assert_eq!(
        stored_start(&app, summer).await,
        datetime!(2027-04-01 08:00 UTC)
    );
    assert_eq!(
        stored_start(&app, winter).await,
        datetime!(2027-03-20 09:00 UTC)
    );

    let show = |id: MeetingId| format!("/teams/{slug}/meetings/{id}");
    let before = html(&leader, &show(summer)).await;
    assert!(before.contains("1 Apr 2027, 09:00 BST"), "{before}");
    let before = html(&leader, &show(winter)).await;
    assert!(before.contains("20 Mar 2027, 09:00 GMT"), "{before}");
    let edit = html(&leader, &format!("{}/edit", show(summer))).await;
    assert!(edit.contains(r#"value="2027-04-01T09:00""#), "{edit}");

    // After the clocks go forward the same meeting still reads 09:00, and nothing stored moved.
    advance_to(&app, datetime!(2027-03-29 12:00 UTC));
    let leader = signed_in(&app, &world.leader).await;
    let after = html(&leader, &show(summer)).await;
    assert!(after.contains("1 Apr 2027, 09:00 BST"), "{after}");
    assert_eq!(
        stored_start(&app, summer).await,
        datetime!(2027-04-01 08:00 UTC)
    );
    let edit = html(&leader, &format!("{}/edit", show(summer))).await;
    assert!(edit.contains(r#"value="2027-04-01T09:00""#));
}

#[tokio::test]
async fn a_time_the_clocks_skip_is_refused_with_the_form_refilled() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    assert_eq!(
        set_team_zone(&leader, slug, "Europe/London").await.status(),
        303
    );

    // 01:30 on 28 March 2027 does not happen in London: 01:00 GMT becomes 02:00 BST.
    let response = post_meeting(
        &leader,
        slug,
        &form_starting(app.clock.now(), "2027-03-28T01:30"),
    )
    .await;
    assert_eq!(response.status(), 422);
    let page = body(response).await;
    assert!(
        page.contains("01:30 does not exist in Europe/London"),
        "{page}"
    );
    assert!(
        page.contains(r#"value="2027-03-28T01:30""#),
        "the typed time is kept"
    );
    assert!(
        page.contains(r#"value="Spring planning""#),
        "the rest of the form is kept"
    );
}

#[tokio::test]
async fn each_person_sees_times_in_their_own_zone_or_else_the_teams() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    assert_eq!(
        set_team_zone(&leader, slug, "Europe/London").await.status(),
        303
    );
    let id = created(
        &leader,
        slug,
        &form_starting(app.clock.now(), "2027-04-01T09:00"),
    )
    .await;
    let path = format!("/teams/{slug}/meetings/{id}");

    let member = signed_in(&app, &world.member).await;
    let page = html(&member, &path).await;
    assert!(
        page.contains("1 Apr 2027, 09:00 BST"),
        "the team's zone by default"
    );

    // An unknown zone is refused and re-shown as typed; nothing changes.
    let refused = member
        .post("/account/time-zone", &[("time_zone", "Mars/Olympus")])
        .await;
    assert_eq!(refused.status(), 422);
    let account = body(refused).await;
    assert!(account.contains("Mars/Olympus"), "{account}");
    assert!(account.contains("Choose a time zone from the list"));

    let saved = member
        .post("/account/time-zone", &[("time_zone", "America/New_York")])
        .await;
    let account = followed(&member, saved).await;
    assert!(account.contains("Times now show in America/New_York."));
    assert!(
        account.contains(r#"<option value="America/New_York" selected>America/New_York</option>"#)
    );
    let page = html(&member, &path).await;
    assert!(page.contains("1 Apr 2027, 04:00 EDT"), "{page}");
    let team = html(&member, &format!("/teams/{slug}")).await;
    assert!(team.contains("you see times in America/New_York"), "{team}");
    // The leader still sees London time.
    let page = html(&leader, &path).await;
    assert!(page.contains("1 Apr 2027, 09:00 BST"));

    // Back to the team's zone.
    let cleared = member
        .post("/account/time-zone", &[("time_zone", "")])
        .await;
    assert!(
        followed(&member, cleared)
            .await
            .contains("each team's own time zone")
    );
    let page = html(&member, &path).await;
    assert!(page.contains("1 Apr 2027, 09:00 BST"));
}

#[tokio::test]
async fn only_leaders_set_the_teams_zone_and_an_unknown_one_is_refused() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let member = signed_in(&app, &world.member).await;
    assert_eq!(
        set_team_zone(&member, slug, "Europe/Paris").await.status(),
        403
    );
    let outsider = signed_in(&app, &world.outsider).await;
    assert_eq!(
        set_team_zone(&outsider, slug, "Europe/Paris")
            .await
            .status(),
        404
    );

    let leader = signed_in(&app, &world.leader).await;
    let refused = set_team_zone(&leader, slug, "Europe/Atlantis").await;
    assert_eq!(refused.status(), 422);
    let page = body(refused).await;
    assert!(page.contains("Choose a time zone from the list"), "{page}");
    assert!(
        page.contains("The team meets in the UTC time zone"),
        "unchanged"
    );

    // A new team takes the zone chosen when it is created.
    let admin = signed_in(&app, &world.admin).await;
    let created = admin
        .post(
            "/admin/teams",
            &[
                ("name", "Auckland cohort"),
                ("slug", ""),
                (
                    "purpose",
                    "Principals of the city's schools learning together.",
                ),
                ("time_zone", "Pacific/Auckland"),
            ],
        )
        .await;
    assert!(
        created.status().is_redirection() || created.status() == 200,
        "{}",
        created.status()
    );
    let teams = html(&admin, "/admin/teams").await;
    assert!(teams.contains("Auckland cohort"));
    let stored = roundtable::store::entities::teams::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Auckland cohort")
        .unwrap();
    assert_eq!(stored.time_zone, "Pacific/Auckland");
    let bad = admin
        .post(
            "/admin/teams",
            &[
                ("name", "Nowhere"),
                ("slug", ""),
                ("purpose", "A team in a zone that does not exist."),
                ("time_zone", "Nowhere/Town"),
            ],
        )
        .await;
    assert_eq!(bad.status(), 422);
    assert!(body(bad).await.contains("Nowhere/Town"));
}
