//! Meetings for tests: a form filled relative to the test clock, and ways to read ids back.

use roundtable::domain::clock::Clock;
use roundtable::domain::ids::MeetingId;
use roundtable::domain::meeting::input_value;
use roundtable::domain::zone::Zone;
use roundtable::store::entities::agenda_proposals;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use time::Duration;

use crate::helpers::{Browser, Person, TestApp, World, add_member, create_person};

/// Hours from proposals opening to voting opening, and from voting opening to its close (kept
/// under the 12-hour session idle timeout, so signed-in browsers survive a clock jump).
pub const WINDOW_HOURS: i64 = 6;

/// Proposals open now for six hours, then voting for six hours, the meeting six hours later.
pub fn meeting_form(app: &TestApp, privacy: &str) -> Vec<(String, String)> {
    meeting_form_at(app.clock.now(), privacy)
}

/// [`meeting_form`] relative to `now` (servers on the real clock).
pub fn meeting_form_at(now: time::OffsetDateTime, privacy: &str) -> Vec<(String, String)> {
    let at = |hours: i64| input_value(now + Duration::hours(hours), Zone::utc());
    let now_minute = input_value(now, Zone::utc());
    [
        ("title", "Weekly leadership meeting".to_owned()),
        (
            "purpose_line",
            "Move the school improvement plan forward together.".to_owned(),
        ),
        ("starts_at", at(3 * WINDOW_HOURS)),
        ("budget_minutes", "60".to_owned()),
        ("place", "Room 4".to_owned()),
        ("facilitator_id", String::new()),
        ("proposals_open", now_minute),
        ("proposals_close", at(WINDOW_HOURS)),
        ("voting_open", at(WINDOW_HOURS)),
        ("voting_close", at(2 * WINDOW_HOURS)),
        ("privacy", privacy.to_owned()),
        ("results_visibility", "after_close".to_owned()),
        ("agenda_rule", "sequential_irv".to_owned()),
        ("fixed_1_title", "Three-minute action scan".to_owned()),
        ("fixed_1_minutes", "3".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// Creates a meeting over HTTP as `leader`; returns its id.
pub async fn create_meeting(
    app: &TestApp,
    leader: &Browser,
    slug: &str,
    privacy: &str,
) -> MeetingId {
    create_meeting_with_rule(app, leader, slug, privacy, "sequential_irv").await
}

/// Creates a meeting with the given agenda rule; returns its id.
pub async fn create_meeting_with_rule(
    app: &TestApp,
    leader: &Browser,
    slug: &str,
    privacy: &str,
    rule: &str,
) -> MeetingId {
    let mut form = meeting_form(app, privacy);
    for (k, v) in &mut form {
        if k == "agenda_rule" {
            *v = rule.to_owned();
        }
    }
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let response = leader
        .post(&format!("/teams/{slug}/meetings"), &fields)
        .await;
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    assert_eq!(status, 303, "{:?}", response.text().await.unwrap());
    let location = location.unwrap();
    location.rsplit('/').next().unwrap().parse().unwrap()
}

/// A browser signed in as `person` from another loopback address (`127.0.0.{n}`), so that a
/// crowd of sign-ins stays within the per-address login rate limit.
pub async fn signed_in_from(app: &TestApp, person: &Person, n: u8) -> Browser {
    let browser = Browser {
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .local_address(std::net::IpAddr::from([127, 0, 0, n]))
            // A fresh connection per request: a pooled one the server closed for idleness
            // while the test waited would fail the next request.
            .pool_max_idle_per_host(0)
            .build()
            .unwrap(),
        base: app.address.clone(),
    };
    let response = browser.login(&person.email, &person.password).await;
    assert_eq!(response.status(), 303, "login of {} failed", person.email);
    browser
}

/// Active proposal ids of a meeting, oldest first.
pub async fn proposal_ids(app: &TestApp, meeting_id: MeetingId) -> Vec<i64> {
    proposal_ids_in(&app.db.conn, meeting_id).await
}

/// [`proposal_ids`] on any connection.
pub async fn proposal_ids_in(db: &sea_orm::DatabaseConnection, meeting_id: MeetingId) -> Vec<i64> {
    agenda_proposals::Entity::find()
        .filter(agenda_proposals::Column::MeetingId.eq(meeting_id))
        .filter(agenda_proposals::Column::Status.eq("active"))
        .order_by_asc(agenda_proposals::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id.0)
        .collect()
}

/// Proposes an item over HTTP; asserts it was accepted.
pub async fn propose(browser: &Browser, slug: &str, meeting: MeetingId, title: &str, minutes: u32) {
    let response = browser
        .post(
            &format!("/teams/{slug}/meetings/{meeting}/proposals"),
            &[
                ("title", title),
                ("why", "It keeps coming up and nobody owns it."),
                ("minutes", &minutes.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
}

/// Posts a ballot ranking `order` (proposal ids, best first).
pub async fn vote(
    browser: &Browser,
    slug: &str,
    meeting: MeetingId,
    order: &[i64],
) -> reqwest::Response {
    let fields: Vec<(String, String)> = order
        .iter()
        .enumerate()
        .map(|(i, id)| (format!("rank_{id}"), (i + 1).to_string()))
        .collect();
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let saved = browser
        .post(&format!("/teams/{slug}/meetings/{meeting}/ballot"), &refs)
        .await;
    // A saved ballot redirects to its receipt (post/redirect/get); a refused one answers here.
    if saved.status() == 303 {
        let location = saved.headers()["location"].to_str().unwrap().to_owned();
        return browser.get(&location).await;
    }
    saved
}

/// `n` new members of `slug`, each signed in in their own browser.
pub async fn members(
    app: &TestApp,
    leader: &Person,
    slug: &str,
    n: usize,
    prefix: &str,
) -> Vec<Browser> {
    let mut out = Vec::new();
    for i in 0..n {
        let person = create_person(app, &format!("{prefix}{i}"), false).await;
        add_member(app, leader, slug, &person, "member").await;
        // Ten sign-ins per loopback address, well within the login rate limit.
        let address = u8::try_from(2 + i / 10).unwrap();
        out.push(signed_in_from(app, &person, address).await);
    }
    out
}

/// A meeting of team A of `world` open for votes: created by the signed-in `leader` with
/// `privacy`, "Timetable" and "Marking" proposed (15 minutes each), `voters` new members named
/// `prefix0`, `prefix1`, … and the clock moved into the voting window.
pub struct VotingMeeting {
    /// The meeting.
    pub id: MeetingId,
    /// Its proposal ids, Timetable first.
    pub items: Vec<i64>,
    /// The new members' browsers, signed in.
    pub voters: Vec<Browser>,
}

/// See [`VotingMeeting`].
pub async fn voting_meeting(
    app: &TestApp,
    world: &World,
    leader: &Browser,
    privacy: &str,
    (voters, prefix): (usize, &str),
) -> VotingMeeting {
    let slug = &world.team_a;
    let id = create_meeting(app, leader, slug, privacy).await;
    propose(leader, slug, id, "Timetable", 15).await;
    propose(leader, slug, id, "Marking", 15).await;
    let items = proposal_ids(app, id).await;
    let voters = members(app, &world.leader, slug, voters, prefix).await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    VotingMeeting { id, items, voters }
}
