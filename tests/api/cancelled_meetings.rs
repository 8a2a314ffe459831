//! A cancelled meeting is really cancelled (issue 19), over HTTP on either database: a series
//! occurrence cancelled from the series page is cancelled as a meeting too (its page and the
//! list say so, proposing and voting are refused with the form kept, nothing is announced or
//! reminded, there is no tally at close, the home page leaves it out and the calendar feed
//! marks it `STATUS:CANCELLED`); a leader cancels a standalone meeting from its page and may
//! undo that before it starts; members and other teams may not; twice is a conflict.

use roundtable::domain::clock::Clock;
use roundtable::domain::ids::{MeetingId, SeriesId};
use roundtable::service::meetings::tally;
use roundtable::service::notices::{Delivery, schedule};
use roundtable::store::entities::audit_log::AuditAction;
use roundtable::store::entities::{
    agenda_tallies, meetings, notice_dispatches, notifications, series_occurrences,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use crate::helpers::{Browser, TestApp, seed, signed_in, spawn_app};
use crate::language_helpers::read;
use crate::live_meeting_helpers::audited;
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, meeting_form, proposal_ids, propose};

/// Moves the test clock forward to `at`.
fn advance_to(app: &TestApp, at: OffsetDateTime) {
    let now = app.clock.now();
    assert!(at >= now, "the test clock only moves forward");
    app.clock.advance(at - now);
}

/// A weekly Thursday 09:00 UTC series from `starts_on`, made by `leader`.
async fn create_series(leader: &Browser, slug: &str, starts_on: &str) -> SeriesId {
    let fields = [
        ("title", "Leadership check-in"),
        ("purpose_template", "Weekly leadership check-in — {date}"),
        ("cadence", "weekly"),
        ("weekday", "4"),
        ("start_time", "09:00"),
        ("starts_on", starts_on),
        ("budget_minutes", "45"),
        ("place", "Room 4"),
        ("proposals_open_days", "7"),
        ("voting_open_hours", "48"),
        ("voting_close_hours", "1"),
        ("privacy", "open"),
    ];
    let response = leader.post(&format!("/teams/{slug}/series"), &fields).await;
    assert_eq!(response.status(), 303, "creating the series");
    SeriesId(crate::action_helpers::id_from(&response))
}

async fn occurrences(app: &TestApp, id: SeriesId) -> Vec<series_occurrences::Model> {
    series_occurrences::Entity::find()
        .filter(series_occurrences::Column::SeriesId.eq(id))
        .order_by_asc(series_occurrences::Column::OccursOn)
        .all(&app.db.conn)
        .await
        .unwrap()
}

async fn meeting(app: &TestApp, id: MeetingId) -> meetings::Model {
    meetings::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
}

async fn tallied(app: &TestApp, id: MeetingId) -> bool {
    agenda_tallies::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .is_some()
}

/// Whether an announcement keyed `meeting:{id}:{what}` was made.
async fn announced(app: &TestApp, id: MeetingId, what: &str) -> bool {
    notice_dispatches::Entity::find()
        .filter(notice_dispatches::Column::Key.eq(format!("meeting:{id}:{what}")))
        .count(&app.db.conn)
        .await
        .unwrap()
        > 0
}

/// The person's calendar feed, unfolded (RFC 5545 folds long lines).
async fn feed(browser: &Browser) -> String {
    let made = browser.post("/account/calendar", &[]).await;
    assert_eq!(made.status(), 303);
    let account = browser.follow(made).await.replace("&#x2F;", "/");
    let start = account.find("/calendar/").expect("the address is shown");
    let end = account[start..].find(".ics").unwrap() + start + 4;
    let response = browser.get(&account[start..end]).await;
    assert_eq!(response.status(), 200);
    response.text().await.unwrap().replace("\r\n ", "")
}

/// The `VEVENT` of the feed whose UID is `uid`.
fn event<'a>(feed: &'a str, uid: &str) -> &'a str {
    feed.split("BEGIN:VEVENT")
        .find(|e| e.contains(&format!("UID:{uid}\r\n")))
        .unwrap_or_else(|| panic!("no event {uid} in {feed}"))
}

#[tokio::test]
async fn a_cancelled_series_occurrence_is_cancelled_everywhere() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = world.team_a.clone();
    advance_to(&app, datetime!(2027-03-11 12:00 UTC));
    let leader = signed_in(&app, &world.leader).await;
    let series = create_series(&leader, &slug, "2027-03-12").await;
    let first = occurrences(&app, series).await[0].clone();
    let cancelled_id = first.meeting_id;

    let done = leader
        .post(
            &format!(
                "/teams/{slug}/series/{series}/occurrences/{}/cancel",
                first.id
            ),
            &[("reason", "Inspection visit")],
        )
        .await;
    assert_eq!(done.status(), 303);
    // The occurrence and its meeting say the same.
    let occurrence = occurrences(&app, series).await[0].clone();
    let cancelled = meeting(&app, cancelled_id).await;
    assert!(occurrence.cancelled_at.is_some());
    assert_eq!(cancelled.cancelled_at, occurrence.cancelled_at);
    assert_eq!(cancelled.cancel_reason, "Inspection visit");
    assert_eq!(cancelled.cancelled_by, Some(world.leader.id));
    assert_eq!(audited(&app, AuditAction::MeetingCancel).await, 1);
    assert_eq!(audited(&app, AuditAction::SeriesOccurrenceCancel).await, 1);

    // The meeting page and the list say so; the other occurrences do not.
    let member = signed_in(&app, &world.member).await;
    let page = read(&member, &format!("/teams/{slug}/meetings/{cancelled_id}")).await;
    assert!(page.contains("This meeting is cancelled."), "{page}");
    assert!(page.contains("Cancelled by Leader on"), "{page}");
    assert!(page.contains("Inspection visit"), "{page}");
    let list = read(&member, &format!("/teams/{slug}/meetings")).await;
    assert_eq!(list.matches("class=\"cancelled\"").count(), 1, "{list}");
    assert_eq!(list.matches("<strong>Cancelled</strong>").count(), 1);

    // Proposing is refused with the form kept (409).
    let proposed = member
        .post(
            &format!("/teams/{slug}/meetings/{cancelled_id}/proposals"),
            &[
                ("title", "Reading pilot review"),
                ("why", "Half the pilot classes report back."),
                ("minutes", "10"),
            ],
        )
        .await;
    assert_eq!(proposed.status(), 409);
    let body = proposed.text().await.unwrap();
    assert!(body.contains("This meeting was cancelled"), "{body}");
    assert!(body.contains("Reading pilot review"), "the form is kept");

    // A live standalone meeting beside it, then both in their voting windows.
    advance_to(&app, datetime!(2027-03-17 12:00 UTC));
    let leader = signed_in(&app, &world.leader).await;
    let live = create_meeting(&app, &leader, &slug, "open").await;
    let member = signed_in(&app, &world.member).await;
    propose(&member, &slug, live, "Timetable", 10).await;
    advance_to(&app, datetime!(2027-03-17 19:00 UTC));
    let member = signed_in(&app, &world.member).await;
    let now = app.clock.now();
    let delivery = Delivery {
        mail: false,
        base_url: "",
    };
    schedule::run_due(&app.db.conn, delivery, 24, now)
        .await
        .unwrap();
    assert!(announced(&app, live, "voting_open").await);
    assert!(announced(&app, live, "reminder").await);
    assert!(!announced(&app, cancelled_id, "voting_open").await);
    assert!(!announced(&app, cancelled_id, "reminder").await);
    let about_it = notifications::Entity::find()
        .filter(notifications::Column::Link.contains(format!("/meetings/{cancelled_id}/ballot")))
        .count(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(about_it, 0, "no notice about the cancelled meeting");

    // The ballot is refused (409, the ranking kept); the home page leaves it out.
    let voted = member
        .post(
            &format!("/teams/{slug}/meetings/{cancelled_id}/ballot"),
            &[("rank_999999", "1")],
        )
        .await;
    assert_eq!(voted.status(), 409);
    assert!(
        voted
            .text()
            .await
            .unwrap()
            .contains("This meeting was cancelled")
    );
    let home = read(&member, "/").await;
    assert!(home.contains(&format!("/meetings/{live}/ballot")), "{home}");
    assert!(
        !home.contains(&format!("/meetings/{cancelled_id}/")),
        "{home}"
    );

    // Past the close: the live meeting is tallied, the cancelled one never.
    advance_to(&app, datetime!(2027-03-18 10:00 UTC));
    let member = signed_in(&app, &world.member).await;
    tally::run_due(&app.db.conn, app.clock.now()).await.unwrap();
    assert!(tallied(&app, live).await);
    let results = read(
        &member,
        &format!("/teams/{slug}/meetings/{cancelled_id}/results"),
    )
    .await;
    assert!(results.contains("its ballots are not counted"), "{results}");
    assert!(!tallied(&app, cancelled_id).await, "viewing does not tally");

    // The feed keeps it, marked cancelled, so calendars drop it; the others are live.
    let text = feed(&member).await;
    let gone = event(&text, &format!("meeting-{cancelled_id}@roundtable"));
    assert!(gone.contains("STATUS:CANCELLED\r\n"), "{gone}");
    assert!(
        gone.contains("SUMMARY:Cancelled: Leadership check-in"),
        "{gone}"
    );
    let next = occurrences(&app, series).await[1].meeting_id;
    let kept = event(&text, &format!("meeting-{next}@roundtable"));
    assert!(!kept.contains("STATUS"), "{kept}");
}

#[tokio::test]
async fn a_leader_cancels_a_standalone_meeting_from_its_page_and_may_undo_it_before_it_starts() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = world.team_a.clone();
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, &slug, "secret").await;
    let base = format!("/teams/{slug}/meetings/{id}");

    let member = signed_in(&app, &world.member).await;
    assert!(!read(&member, &base).await.contains("/cancel\""));
    let page = read(&leader, &base).await;
    assert!(
        page.contains(&format!("action=\"{base}/cancel\"")),
        "{page}"
    );

    // Too short: the page again with what was typed.
    let short = leader
        .post(&format!("{base}/cancel"), &[("reason", "ab")])
        .await;
    assert_eq!(short.status(), 422);
    let body = short.text().await.unwrap();
    assert!(body.contains("value=\"ab\""), "{body}");
    assert!(meeting(&app, id).await.cancelled_at.is_none());

    let done = leader
        .post(&format!("{base}/cancel"), &[("reason", "Snow closure")])
        .await;
    assert_eq!(done.status(), 303);
    let page = read(&leader, &base).await;
    assert!(page.contains("This meeting is cancelled."), "{page}");
    assert!(page.contains("Snow closure"));
    assert!(
        page.contains(&format!("action=\"{base}/cancel/undo\"")),
        "{page}"
    );
    assert!(!page.contains(&format!("action=\"{base}/cancel\"")));

    // Twice: a conflict with a clear message.
    let again = leader
        .post(&format!("{base}/cancel"), &[("reason", "Snow closure")])
        .await;
    assert_eq!(again.status(), 409);
    assert!(again.text().await.unwrap().contains("already cancelled"));

    // Editing is refused, the form kept.
    let mut form = meeting_form(&app, "secret");
    for (k, v) in &mut form {
        if k == "title" {
            *v = "Renamed meeting".to_owned();
        }
    }
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let edited = leader.post(&format!("{base}/edit"), &fields).await;
    assert_eq!(edited.status(), 409);
    assert!(edited.text().await.unwrap().contains("Renamed meeting"));
    assert_eq!(meeting(&app, id).await.title, "Weekly leadership meeting");

    // Undone before it starts: live again, proposing works.
    let undone = leader.post(&format!("{base}/cancel/undo"), &[]).await;
    assert_eq!(undone.status(), 303);
    assert!(meeting(&app, id).await.cancelled_at.is_none());
    assert!(
        !read(&member, &base)
            .await
            .contains("This meeting is cancelled.")
    );
    propose(&member, &slug, id, "Attendance data", 10).await;
    assert_eq!(proposal_ids(&app, id).await.len(), 1);
    assert_eq!(audited(&app, AuditAction::MeetingUncancel).await, 1);

    // Cancelled again; once it would have started, it stays cancelled.
    let done = leader
        .post(&format!("{base}/cancel"), &[("reason", "Snow closure")])
        .await;
    assert_eq!(done.status(), 303);
    app.clock
        .advance(Duration::hours(3 * WINDOW_HOURS) + Duration::minutes(1));
    let leader = signed_in(&app, &world.leader).await;
    let late = leader.post(&format!("{base}/cancel/undo"), &[]).await;
    assert_eq!(late.status(), 409);
    assert!(meeting(&app, id).await.cancelled_at.is_some());
    assert_eq!(audited(&app, AuditAction::MeetingCancel).await, 2);
}

#[tokio::test]
async fn only_leaders_of_the_team_may_cancel_and_a_tallied_meeting_cannot_be() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = world.team_a.clone();
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, &slug, "open").await;
    let base = format!("/teams/{slug}/meetings/{id}");

    let member = signed_in(&app, &world.member).await;
    let refused = member
        .post(&format!("{base}/cancel"), &[("reason", "Snow closure")])
        .await;
    assert_eq!(refused.status(), 403);
    let outsider = signed_in(&app, &world.outsider).await;
    let hidden = outsider
        .post(&format!("{base}/cancel"), &[("reason", "Snow closure")])
        .await;
    assert_eq!(hidden.status(), 404);
    let other_team = leader
        .post(
            &format!("/teams/{}/meetings/{id}/cancel", world.team_b),
            &[("reason", "Snow closure")],
        )
        .await;
    assert_eq!(other_team.status(), 404);
    assert!(meeting(&app, id).await.cancelled_at.is_none());

    // After the close the tally runs; then it is too late to cancel.
    app.clock
        .advance(Duration::hours(2 * WINDOW_HOURS) + Duration::minutes(1));
    let leader = signed_in(&app, &world.leader).await;
    read(&leader, &format!("{base}/results")).await;
    assert!(tallied(&app, id).await);
    let late = leader
        .post(&format!("{base}/cancel"), &[("reason", "Snow closure")])
        .await;
    assert_eq!(late.status(), 409);
    assert!(late.text().await.unwrap().contains("already counted"));
    assert!(meeting(&app, id).await.cancelled_at.is_none());
    assert!(
        !read(&leader, &base)
            .await
            .contains(&format!("{base}/cancel\""))
    );
}
