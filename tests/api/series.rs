//! Recurring meetings with rotating roles (issue 19, point 3), over HTTP on either database:
//! occurrences at the right local times across a change of the clocks, idempotent top-ups,
//! a fair rota that skips away members, swaps recorded and shown, one occurrence cancelled or
//! edited alone, who may do what, and the pages in French. Also the fixtures of the series
//! templates for `templates.rs`.

use std::collections::HashSet;

use roundtable::domain::clock::Clock;
use roundtable::domain::ids::{MeetingId, SeriesId, UserId};
use roundtable::domain::meeting::input_value;
use roundtable::domain::zone::Zone;
use roundtable::store::entities::audit_log::{self, AuditAction};
use roundtable::store::entities::{meeting_runs, meetings, member_away, series_occurrences};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

use crate::helpers::{
    Browser, Person, TestApp, add_member, create_person, seed, signed_in, spawn_app,
};
use crate::language_helpers::{in_french, read, speaks};

/// Moves the test clock forward to `at`.
fn advance_to(app: &TestApp, at: OffsetDateTime) {
    let now = app.clock.now();
    assert!(at >= now, "the test clock only moves forward");
    app.clock.advance(at - now);
}

fn series_form(starts_on: &str, keeper: bool) -> Vec<(&'static str, String)> {
    let mut form = vec![
        ("title", "Leadership check-in".to_owned()),
        (
            "purpose_template",
            "Weekly leadership check-in — {date}".to_owned(),
        ),
        ("cadence", "weekly".to_owned()),
        ("weekday", "4".to_owned()),
        ("start_time", "09:00".to_owned()),
        ("starts_on", starts_on.to_owned()),
        ("budget_minutes", "45".to_owned()),
        ("place", "Room 4".to_owned()),
        ("proposals_open_days", "7".to_owned()),
        ("voting_open_hours", "48".to_owned()),
        ("voting_close_hours", "1".to_owned()),
        ("privacy", "secret".to_owned()),
    ];
    if keeper {
        form.push(("with_timekeeper", "on".to_owned()));
    }
    form
}

/// Creates a weekly Thursday 09:00 series as `leader`; returns its id.
async fn create_series(leader: &Browser, slug: &str, starts_on: &str, keeper: bool) -> SeriesId {
    let form = series_form(starts_on, keeper);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = leader.post(&format!("/teams/{slug}/series"), &fields).await;
    assert_eq!(response.status(), 303, "creating the series");
    SeriesId(crate::action_helpers::id_from(&response))
}

/// The series' occurrences with their meetings, by date.
async fn occurrences(
    app: &TestApp,
    id: SeriesId,
) -> Vec<(series_occurrences::Model, meetings::Model)> {
    let rows = series_occurrences::Entity::find()
        .filter(series_occurrences::Column::SeriesId.eq(id))
        .order_by_asc(series_occurrences::Column::OccursOn)
        .all(&app.db.conn)
        .await
        .unwrap();
    let mut out = Vec::new();
    for o in rows {
        let m = meetings::Entity::find_by_id(o.meeting_id)
            .one(&app.db.conn)
            .await
            .unwrap()
            .unwrap();
        out.push((o, m));
    }
    out
}

async fn note_taker(app: &TestApp, meeting: MeetingId) -> Option<UserId> {
    meeting_runs::Entity::find_by_id(meeting)
        .one(&app.db.conn)
        .await
        .unwrap()
        .and_then(|r| r.note_taker_id)
}

/// A team "a" in Europe/London with its leader signed in, at Thursday 11 March 2027.
async fn london_team(app: &TestApp) -> (crate::helpers::World, Browser) {
    let world = seed(app).await;
    let leader = signed_in(app, &world.leader).await;
    let zoned = leader
        .post(
            &format!("/teams/{}/time-zone", world.team_a),
            &[("time_zone", "Europe/London")],
        )
        .await;
    assert_eq!(zoned.status(), 303);
    advance_to(app, datetime!(2027-03-11 12:00 UTC));
    // Sessions end after a long idle time: sign in again at the new time.
    let leader = signed_in(app, &world.leader).await;
    (world, leader)
}

#[tokio::test]
async fn a_weekly_series_creates_its_next_four_meetings_at_local_times_across_the_clock_change() {
    let app = spawn_app().await;
    let (world, leader) = london_team(&app).await;
    let slug = world.team_a.clone();
    let id = create_series(&leader, &slug, "2027-03-12", false).await;

    let made = occurrences(&app, id).await;
    let days: Vec<_> = made.iter().map(|(o, _)| o.occurs_on).collect();
    assert_eq!(
        days,
        [
            date!(2027 - 03 - 18),
            date!(2027 - 03 - 25),
            date!(2027 - 04 - 01),
            date!(2027 - 04 - 08)
        ]
    );
    // 09:00 on the wall: GMT before 28 March, BST after.
    let starts: Vec<_> = made.iter().map(|(_, m)| m.starts_at).collect();
    assert_eq!(
        starts,
        [
            datetime!(2027-03-18 09:00 UTC),
            datetime!(2027-03-25 09:00 UTC),
            datetime!(2027-04-01 08:00 UTC),
            datetime!(2027-04-08 08:00 UTC)
        ]
    );
    let (_, first) = &made[0];
    assert_eq!(
        first.purpose_line,
        "Weekly leadership check-in — 18 Mar 2027"
    );
    assert_eq!(first.budget_minutes, 45);
    assert_eq!(first.voting_close_at, datetime!(2027-03-18 08:00 UTC));
    assert_eq!(first.proposals_open_at, datetime!(2027-03-11 09:00 UTC));

    // Showing the page tops up again (nothing missing), and so do two servers at once.
    let page = read(&leader, &format!("/teams/{slug}/series/{id}")).await;
    speaks(
        &page,
        &["1 Apr 2027, 09:00 BST", "25 Mar 2027, 09:00 GMT"],
        &[],
    );
    let now = app.clock.now();
    let (a, b) = tokio::join!(
        roundtable::service::series::top_up(&app.db.conn, id, None, now),
        roundtable::service::series::top_up(&app.db.conn, id, None, now),
    );
    assert_eq!(a.unwrap() + b.unwrap(), 0);
    assert_eq!(occurrences(&app, id).await.len(), 4);
    let team_meetings = meetings::Entity::find().all(&app.db.conn).await.unwrap();
    assert_eq!(team_meetings.len(), 4, "no duplicate meeting either");

    // A week on, one more is created; concurrent top-ups still create it once.
    app.clock.advance(Duration::days(7));
    let now = app.clock.now();
    let (a, b) = tokio::join!(
        roundtable::service::series::top_up(&app.db.conn, id, None, now),
        roundtable::service::series::top_up(&app.db.conn, id, None, now),
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    let made = occurrences(&app, id).await;
    assert_eq!(made.len(), 5);
    assert_eq!(made[4].0.occurs_on, date!(2027 - 04 - 15));
    assert_eq!(made[4].1.starts_at, datetime!(2027-04-15 08:00 UTC));
}

#[tokio::test]
async fn roles_rotate_fairly_over_eight_meetings_and_skip_away_members() {
    let app = spawn_app().await;
    let (world, leader) = london_team(&app).await;
    let slug = world.team_a.clone();
    let mut people = vec![world.leader.id, world.member.id];
    for name in ["Ana", "Bo"] {
        let p = create_person(&app, name, false).await;
        add_member(&app, &world.leader, &slug, &p, "member").await;
        people.push(p.id);
    }
    // The member is away for the first two Thursdays and marks it themselves.
    let member = signed_in(&app, &world.member).await;
    let away = member
        .post(
            &format!("/teams/{slug}/series/away"),
            &[("away_from", "2027-03-15"), ("away_until", "2027-03-26")],
        )
        .await;
    assert_eq!(away.status(), 303);
    let id = create_series(&leader, &slug, "2027-03-12", true).await;
    // Four weeks on, the page tops up to eight occurrences in all.
    app.clock.advance(Duration::days(28));
    let leader = signed_in(&app, &world.leader).await;
    read(&leader, &format!("/teams/{slug}/series/{id}")).await;
    let made = occurrences(&app, id).await;
    assert_eq!(made.len(), 8);

    let mut rotas = Vec::new();
    for (o, m) in &made {
        let roles = [
            m.facilitator_id.expect("a facilitator"),
            note_taker(&app, m.id).await.expect("a note-taker"),
            o.timekeeper_id.expect("a timekeeper"),
        ];
        rotas.push((o.occurs_on, roles));
    }
    for (day, roles) in &rotas {
        // Four members, three roles: nobody ever holds two (one role each comes first).
        let distinct: HashSet<_> = roles.iter().collect();
        assert_eq!(distinct.len(), 3, "one role each on {day}: {roles:?}");
        if *day <= date!(2027 - 03 - 26) {
            assert!(!roles.contains(&world.member.id), "away on {day}");
        }
    }
    for role in 0..3 {
        let mut served: HashSet<UserId> = HashSet::new();
        for (day, roles) in &rotas {
            let holder = roles[role];
            let away = |p: &UserId| *p == world.member.id && *day <= date!(2027 - 03 - 26);
            if served.contains(&holder) {
                // Someone still owed the role is passed over only while they hold another
                // role at that meeting; they catch up at the next.
                let waiting: Vec<_> = people
                    .iter()
                    .filter(|p| !away(p) && !served.contains(p) && !roles.contains(p))
                    .collect();
                assert!(
                    waiting.is_empty(),
                    "role {role}: {holder} again on {day} before {waiting:?}"
                );
            }
            served.insert(holder);
        }
        assert_eq!(served.len(), 4, "everyone served role {role}");
    }
}

#[tokio::test]
async fn a_swap_is_recorded_and_shown_and_only_the_holder_or_a_leader_may_swap() {
    let app = spawn_app().await;
    let (world, leader) = london_team(&app).await;
    let slug = world.team_a.clone();
    let ana = create_person(&app, "Ana", false).await;
    add_member(&app, &world.leader, &slug, &ana, "member").await;
    let id = create_series(&leader, &slug, "2027-03-12", false).await;
    let made = occurrences(&app, id).await;
    let (o1, m1) = &made[0];
    let first = m1.facilitator_id.unwrap();
    let other = note_taker(&app, m1.id).await.unwrap();
    let people: [(&Person, &str); 3] = [
        (&world.leader, "Leader"),
        (&world.member, "Member"),
        (&ana, "Ana"),
    ];
    let person = |id: UserId| *people.iter().find(|(p, _)| p.id == id).unwrap();
    let occurrence = o1.id.to_string();
    let with = other.to_string();
    let form = [
        ("occurrence_id", occurrence.as_str()),
        ("role", "facilitator"),
        ("with_user_id", with.as_str()),
    ];
    // Someone without the role (and not a leader) may not give it away.
    if let Some((bystander, _)) = people
        .iter()
        .find(|(p, _)| p.id != first && p.id != other && p.id != world.leader.id)
    {
        let them = signed_in(&app, bystander).await;
        let refused = them
            .post(&format!("/teams/{slug}/series/{id}/swap"), &form)
            .await;
        assert_eq!(refused.status(), 403);
    }
    let browser = signed_in(&app, person(first).0).await;
    let swapped = browser
        .post(&format!("/teams/{slug}/series/{id}/swap"), &form)
        .await;
    assert_eq!(swapped.status(), 303);
    let made = occurrences(&app, id).await;
    assert_eq!(made[0].1.facilitator_id, Some(other));
    assert_eq!(note_taker(&app, made[0].1.id).await, Some(first));
    let page = read(&leader, &format!("/teams/{slug}/series/{id}")).await;
    let line = format!(
        "Facilitator swapped: {} ↔ {}, by {}",
        person(first).1,
        person(other).1,
        person(first).1
    );
    speaks(&page, &[&line], &[]);
    // A nonsense role re-shows the form with a message.
    let bad = browser
        .post(
            &format!("/teams/{slug}/series/{id}/swap"),
            &[
                ("occurrence_id", occurrence.as_str()),
                ("role", "chair"),
                ("with_user_id", with.as_str()),
            ],
        )
        .await;
    assert_eq!(bad.status(), 422);
}

#[tokio::test]
async fn cancelling_or_editing_one_occurrence_leaves_the_others_and_ending_stops_new_ones() {
    let app = spawn_app().await;
    let (world, leader) = london_team(&app).await;
    let slug = world.team_a.clone();
    let id = create_series(&leader, &slug, "2027-03-12", false).await;
    let made = occurrences(&app, id).await;
    let second = made[1].0.id;

    let empty = leader
        .post(
            &format!("/teams/{slug}/series/{id}/occurrences/{second}/cancel"),
            &[("reason", "")],
        )
        .await;
    assert_eq!(empty.status(), 422);
    let cancelled = leader
        .post(
            &format!("/teams/{slug}/series/{id}/occurrences/{second}/cancel"),
            &[("reason", "Parents' evening")],
        )
        .await;
    assert_eq!(cancelled.status(), 303);
    let made = occurrences(&app, id).await;
    let flags: Vec<bool> = made.iter().map(|(o, _)| o.cancelled_at.is_some()).collect();
    assert_eq!(flags, [false, true, false, false]);
    let page = read(&leader, &format!("/teams/{slug}/series/{id}")).await;
    assert_eq!(
        page.matches("Cancelled</strong>: Parents' evening").count(),
        1
    );
    assert_eq!(occurrences(&app, id).await.len(), 4, "not replaced either");

    // Edit the fourth meeting alone, through the ordinary meeting form.
    let (_, fourth) = &made[3];
    let zone = Zone::parse("Europe/London").unwrap();
    let at = |t| input_value(t, zone);
    let fields = [
        ("title", "Budget special".to_owned()),
        ("purpose_line", fourth.purpose_line.clone()),
        ("starts_at", at(fourth.starts_at)),
        ("budget_minutes", "90".to_owned()),
        ("place", "Hall".to_owned()),
        (
            "facilitator_id",
            fourth
                .facilitator_id
                .map(|f| f.to_string())
                .unwrap_or_default(),
        ),
        ("proposals_open", at(fourth.proposals_open_at)),
        ("proposals_close", at(fourth.proposals_close_at)),
        ("voting_open", at(fourth.voting_open_at)),
        ("voting_close", at(fourth.voting_close_at)),
        ("privacy", "secret".to_owned()),
        ("results_visibility", "after_close".to_owned()),
        ("agenda_rule", "sequential_irv".to_owned()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let edited = leader
        .post(
            &format!("/teams/{slug}/meetings/{}/edit", fourth.id),
            &fields,
        )
        .await;
    assert_eq!(edited.status(), 303);
    read(&leader, &format!("/teams/{slug}/series/{id}")).await;
    let made = occurrences(&app, id).await;
    let titles: Vec<&str> = made.iter().map(|(_, m)| m.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Leadership check-in",
            "Leadership check-in",
            "Leadership check-in",
            "Budget special"
        ]
    );
    assert_eq!(made[2].1.budget_minutes, 45);

    // Ending the series: the four stay, no fifth comes.
    let ended = leader
        .post(&format!("/teams/{slug}/series/{id}/end"), &[])
        .await;
    assert_eq!(ended.status(), 303);
    app.clock.advance(Duration::days(14));
    let leader = signed_in(&app, &world.leader).await;
    read(&leader, &format!("/teams/{slug}/series/{id}")).await;
    assert_eq!(occurrences(&app, id).await.len(), 4);
}

#[tokio::test]
async fn members_cannot_manage_a_series_and_another_teams_series_is_not_found() {
    let app = spawn_app().await;
    let (world, leader) = london_team(&app).await;
    let slug = world.team_a.clone();
    let id = create_series(&leader, &slug, "2027-03-12", false).await;
    let member = signed_in(&app, &world.member).await;
    let form = series_form("2027-03-12", false);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        member
            .post(&format!("/teams/{slug}/series"), &fields)
            .await
            .status(),
        403
    );
    assert_eq!(
        member
            .get(&format!("/teams/{slug}/series/new"))
            .await
            .status(),
        403
    );
    assert_eq!(
        member
            .post(&format!("/teams/{slug}/series/{id}/end"), &[])
            .await
            .status(),
        403
    );
    assert_eq!(
        member
            .get(&format!("/teams/{slug}/series/{id}"))
            .await
            .status(),
        200
    );
    let outsider = signed_in(&app, &world.outsider).await;
    assert_eq!(
        outsider
            .get(&format!("/teams/{slug}/series/{id}"))
            .await
            .status(),
        404
    );
    let team_b = world.team_b.clone();
    assert_eq!(
        outsider
            .get(&format!("/teams/{team_b}/series/{id}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        outsider
            .post(&format!("/teams/{team_b}/series/{id}/end"), &[])
            .await
            .status(),
        404
    );
    // A member marks only themselves away.
    let other = world.leader.id.to_string();
    let refused = member
        .post(
            &format!("/teams/{slug}/series/away"),
            &[
                ("user_id", other.as_str()),
                ("away_from", "2027-03-15"),
                ("away_until", "2027-03-16"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 403);
    // Bad input re-shows the form filled in.
    let mut bad = series_form("2027-03-12", false);
    bad.retain(|(k, _)| *k != "start_time");
    bad.push(("start_time", "25:99".to_owned()));
    let fields: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reshown = leader.post(&format!("/teams/{slug}/series"), &fields).await;
    assert_eq!(reshown.status(), 422);
    let html = reshown.text().await.unwrap();
    assert!(html.contains("Enter a time like 09:30."));
    assert!(html.contains("value=\"25:99\""));
}

#[tokio::test]
async fn the_series_pages_speak_french() {
    let app = spawn_app().await;
    let (world, _) = london_team(&app).await;
    let slug = world.team_a.clone();
    let leader = in_french(&app, &world.leader).await;
    let id = create_series(&leader, &slug, "2027-03-12", true).await;
    let made = occurrences(&app, id).await;
    assert_eq!(
        made[0].1.purpose_line,
        "Weekly leadership check-in — 18 mars 2027"
    );
    let list = read(&leader, &format!("/teams/{slug}/series")).await;
    speaks(
        &list,
        &[
            "Réunions récurrentes",
            "Chaque semaine le jeudi à 09:00",
            "Qui est absent",
            "Signaler l'absence",
        ],
        &[
            "Recurring meetings",
            "Every week",
            "Who is away",
            "Mark away",
        ],
    );
    let form = read(&leader, &format!("/teams/{slug}/series/new")).await;
    speaks(
        &form,
        &[
            "Nouvelle série récurrente",
            "Point hebdomadaire",
            "Une semaine sur deux",
            "Créer la série",
        ],
        &[
            "New recurring series",
            "Every other week",
            "Create the series",
            "Start time",
        ],
    );
    let page = read(&leader, &format!("/teams/{slug}/series/{id}")).await;
    speaks(
        &page,
        &[
            "Prochaines réunions et leurs rôles",
            "Animation",
            "Prise de notes",
            "Gardien du temps",
            "Échanger un rôle",
            "Terminer la série",
        ],
        &[
            "Next meetings",
            "Facilitator",
            "Note-taker",
            "Timekeeper",
            "Swap a role",
            "End the series",
            "nobody yet",
        ],
    );
}

/// The holders (facilitator, note-taker, timekeeper) of each occurrence, by date.
async fn rotas(app: &TestApp, id: SeriesId) -> Vec<[Option<UserId>; 3]> {
    let mut out = Vec::new();
    for (o, m) in occurrences(app, id).await {
        out.push([
            m.facilitator_id,
            note_taker(app, m.id).await,
            o.timekeeper_id,
        ]);
    }
    out
}

async fn audited(app: &TestApp, action: AuditAction) -> Vec<Value> {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|r| serde_json::from_str(&r.detail).unwrap())
        .collect()
}

/// Team "a" with four members (leader, member, Ana, Bo); their ids and names.
async fn four_members(app: &TestApp, world: &crate::helpers::World) -> Vec<(UserId, &'static str)> {
    let mut people = vec![(world.leader.id, "Leader"), (world.member.id, "Member")];
    for name in ["Ana", "Bo"] {
        let p = create_person(app, name, false).await;
        add_member(app, &world.leader, &world.team_a, &p, "member").await;
        people.push((p.id, name));
    }
    people
}

#[tokio::test]
async fn marking_someone_away_replans_their_roles_and_removing_it_gives_them_back() {
    let app = spawn_app().await;
    let (world, leader) = london_team(&app).await;
    let slug = world.team_a.clone();
    let people = four_members(&app, &world).await;
    let name = |id: UserId| people.iter().find(|(p, _)| *p == id).unwrap().1;
    let id = create_series(&leader, &slug, "2027-03-12", false).await;
    let made = occurrences(&app, id).await;
    // A swap made by hand at the third meeting, before anyone is away.
    let third = rotas(&app, id).await[2];
    let free = people
        .iter()
        .map(|(p, _)| *p)
        .find(|p| !third.contains(&Some(*p)))
        .unwrap();
    let swapped = leader
        .post(
            &format!("/teams/{slug}/series/{id}/swap"),
            &[
                ("occurrence_id", made[2].0.id.to_string().as_str()),
                ("role", "note_taker"),
                ("with_user_id", free.to_string().as_str()),
            ],
        )
        .await;
    assert_eq!(swapped.status(), 303);
    let before = rotas(&app, id).await;
    let away = before[0][0].unwrap();
    let note = before[0][1].unwrap();

    // The leader marks the first meeting's facilitator away that week.
    let marked = leader
        .post(
            &format!("/teams/{slug}/series/away"),
            &[
                ("user_id", away.to_string().as_str()),
                ("away_from", "2027-03-15"),
                ("away_until", "2027-03-20"),
            ],
        )
        .await;
    assert_eq!(marked.status(), 303);
    let after = rotas(&app, id).await;
    let stand_in = after[0][0].expect("a new facilitator");
    assert_ne!(stand_in, away);
    assert_ne!(stand_in, note, "one role each");
    assert_eq!(
        after[0][1],
        Some(note),
        "the note-taker is not away: unchanged"
    );
    assert_eq!(
        after[1..],
        before[1..],
        "other weeks, and the swap made by hand, stay"
    );
    let page = read(&leader, &format!("/teams/{slug}/series/{id}")).await;
    speaks(
        &page,
        &[&format!(
            "Facilitator reassigned: {} → {} ({} is away), by Leader",
            name(away),
            name(stand_in),
            name(away)
        )],
        &[],
    );
    let changes = audited(&app, AuditAction::SeriesSwap).await;
    let last = changes.last().unwrap();
    assert_eq!(last["reason"], "away");
    assert_eq!(last["from_user_id"], json!(away));
    assert_eq!(last["to_user_id"], json!(stand_in));

    // Removing the away dates gives the role back.
    let row = member_away::Entity::find()
        .filter(member_away::Column::UserId.eq(away))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let removed = leader
        .post(&format!("/teams/{slug}/series/away/{}/remove", row.id), &[])
        .await;
    assert_eq!(removed.status(), 303);
    assert_eq!(rotas(&app, id).await, before);
    let page = read(&leader, &format!("/teams/{slug}/series/{id}")).await;
    speaks(
        &page,
        &[&format!(
            "Facilitator given back: {} → {} ({} is back)",
            name(stand_in),
            name(away),
            name(away)
        )],
        &[],
    );
    assert_eq!(
        audited(&app, AuditAction::SeriesSwap).await.last().unwrap()["reason"],
        "back"
    );
}

#[tokio::test]
async fn nobody_holds_two_roles_while_enough_members_are_there_even_back_from_an_absence() {
    let app = spawn_app().await;
    let (world, leader) = london_team(&app).await;
    let slug = world.team_a.clone();
    four_members(&app, &world).await;
    // The member is away for the first three weeks, then owes every role at once.
    let member = signed_in(&app, &world.member).await;
    let marked = member
        .post(
            &format!("/teams/{slug}/series/away"),
            &[("away_from", "2027-03-15"), ("away_until", "2027-04-02")],
        )
        .await;
    assert_eq!(marked.status(), 303);
    let id = create_series(&leader, &slug, "2027-03-12", true).await;
    app.clock.advance(Duration::days(28));
    let leader = signed_in(&app, &world.leader).await;
    read(&leader, &format!("/teams/{slug}/series/{id}")).await;
    let all = rotas(&app, id).await;
    assert_eq!(all.len(), 8);
    for (week, roles) in all.iter().enumerate() {
        let held: Vec<UserId> = roles.iter().map(|r| r.expect("someone")).collect();
        let distinct: HashSet<_> = held.iter().collect();
        assert_eq!(distinct.len(), 3, "one role each in week {week}: {held:?}");
        if week < 3 {
            assert!(!held.contains(&world.member.id), "away in week {week}");
        }
    }
}

fn edit_fields(weekday: &str, start: &str) -> Vec<(&'static str, String)> {
    vec![
        ("title", "Leadership check-in".to_owned()),
        ("purpose_template", "Tuesday check-in — {date}".to_owned()),
        ("cadence", "weekly".to_owned()),
        ("weekday", weekday.to_owned()),
        ("start_time", start.to_owned()),
        ("budget_minutes", "50".to_owned()),
        ("place", "Room 5".to_owned()),
        ("proposals_open_days", "5".to_owned()),
        ("voting_open_hours", "24".to_owned()),
        ("voting_close_hours", "2".to_owned()),
    ]
}

async fn post_edit(
    browser: &Browser,
    slug: &str,
    id: SeriesId,
    fields: &[(&'static str, String)],
) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    browser
        .post(&format!("/teams/{slug}/series/{id}/edit"), &fields)
        .await
}

#[tokio::test]
async fn editing_a_series_moves_the_upcoming_meetings_nobody_edited_and_keeps_the_rest() {
    let app = spawn_app().await;
    let (world, leader) = london_team(&app).await;
    let slug = world.team_a.clone();
    let id = create_series(&leader, &slug, "2027-03-12", true).await;
    let made = occurrences(&app, id).await;
    // The third meeting (1 April) is edited on its own.
    let (_, third) = &made[2];
    let zone = Zone::parse("Europe/London").unwrap();
    let at = |t| input_value(t, zone);
    let fields = [
        ("title", "Budget special".to_owned()),
        ("purpose_line", third.purpose_line.clone()),
        ("starts_at", at(third.starts_at)),
        ("budget_minutes", "90".to_owned()),
        ("place", "Hall".to_owned()),
        (
            "facilitator_id",
            third
                .facilitator_id
                .map(|f| f.to_string())
                .unwrap_or_default(),
        ),
        ("proposals_open", at(third.proposals_open_at)),
        ("proposals_close", at(third.proposals_close_at)),
        ("voting_open", at(third.voting_open_at)),
        ("voting_close", at(third.voting_close_at)),
        ("privacy", "secret".to_owned()),
        ("results_visibility", "after_close".to_owned()),
        ("agenda_rule", "sequential_irv".to_owned()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let edited = leader
        .post(
            &format!("/teams/{slug}/meetings/{}/edit", third.id),
            &fields,
        )
        .await;
    assert_eq!(edited.status(), 303);
    let third = meetings::Entity::find_by_id(third.id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    // The first meeting (18 March, 09:00) is over by noon.
    advance_to(&app, datetime!(2027-03-18 12:00 UTC));
    let leader = signed_in(&app, &world.leader).await;
    let roles_before = rotas(&app, id).await;

    // The leader opens the form (filled with the series) and moves it to Tuesdays at 10:30.
    let form = read(&leader, &format!("/teams/{slug}/series/{id}/edit")).await;
    speaks(
        &form,
        &[
            "Edit Leadership check-in",
            "value=\"09:00\"",
            "value=\"45\"",
        ],
        &[],
    );
    let mut fields = edit_fields("2", "10:30");
    fields.push(("with_timekeeper", "on".to_owned()));
    let saved = post_edit(&leader, &slug, id, &fields).await;
    assert_eq!(saved.status(), 303);

    let after = occurrences(&app, id).await;
    let days: Vec<_> = after.iter().map(|(o, _)| o.occurs_on).collect();
    assert_eq!(
        days,
        [
            date!(2027 - 03 - 18),
            date!(2027 - 03 - 23),
            date!(2027 - 03 - 30),
            date!(2027 - 04 - 01),
            date!(2027 - 04 - 06),
            date!(2027 - 04 - 13)
        ]
    );
    // The past meeting is as it was.
    assert_eq!(after[0].1, made[0].1);
    // The meeting edited alone is as it was, on its own date.
    assert_eq!(after[3].1, third);
    // The others moved, with their roles, new times, windows, budget, place and purpose.
    assert_eq!(after[1].1.id, made[1].1.id);
    assert_eq!(after[2].1.id, made[3].1.id);
    for (i, starts) in [
        (1, datetime!(2027-03-23 10:30 UTC)),
        (2, datetime!(2027-03-30 09:30 UTC)),
        (4, datetime!(2027-04-06 09:30 UTC)),
        (5, datetime!(2027-04-13 09:30 UTC)),
    ] {
        let m = &after[i].1;
        assert_eq!(m.starts_at, starts, "occurrence {i}");
        assert_eq!(m.voting_close_at, starts - Duration::hours(2));
        assert_eq!(m.voting_open_at, starts - Duration::hours(24));
        assert_eq!(m.proposals_open_at, starts - Duration::days(5));
        assert_eq!(m.budget_minutes, 50);
        assert_eq!(m.place, "Room 5");
        assert!(
            m.purpose_line.starts_with("Tuesday check-in — "),
            "{}",
            m.purpose_line
        );
    }
    let roles_after = rotas(&app, id).await;
    assert_eq!(roles_after[1], roles_before[1]);
    assert_eq!(roles_after[2], roles_before[3]);
    let edits = audited(&app, AuditAction::SeriesEdit).await;
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["after"]["weekday"], 2);
    assert_eq!(edits[0]["before"]["weekday"], 4);
    assert_eq!(edits[0]["kept"], 1);
    let page = read(&leader, &format!("/teams/{slug}/series/{id}")).await;
    speaks(&page, &["Every week on Tuesday at 10:30"], &[]);
}

#[tokio::test]
async fn members_cannot_edit_a_series_and_bad_input_shows_the_form_again() {
    let app = spawn_app().await;
    let (world, leader) = london_team(&app).await;
    let slug = world.team_a.clone();
    let id = create_series(&leader, &slug, "2027-03-12", false).await;
    let before = occurrences(&app, id).await;
    let member = signed_in(&app, &world.member).await;
    assert_eq!(
        member
            .get(&format!("/teams/{slug}/series/{id}/edit"))
            .await
            .status(),
        403
    );
    let refused = post_edit(&member, &slug, id, &edit_fields("2", "10:30")).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(occurrences(&app, id).await, before);

    let mut bad = edit_fields("9", "25:99");
    bad[5] = ("budget_minutes", "lots".to_owned());
    bad[0] = ("title", "Kept as typed".to_owned());
    let shown = post_edit(&leader, &slug, id, &bad).await;
    assert_eq!(shown.status(), 422);
    let html = crate::language_helpers::unescaped(shown.text().await.unwrap());
    speaks(
        &html,
        &[
            "value=\"Kept as typed\"",
            "value=\"25:99\"",
            "value=\"lots\"",
            "aria-invalid=\"true\"",
        ],
        &[],
    );
    assert_eq!(occurrences(&app, id).await, before, "nothing changed");

    // In French too.
    let french = in_french(&app, &world.leader).await;
    let page = read(&french, &format!("/teams/{slug}/series/{id}/edit")).await;
    speaks(
        &page,
        &[
            "Modifier Leadership check-in",
            "Enregistrer les changements",
        ],
        &["Save the changes"],
    );
    let series_page = read(&french, &format!("/teams/{slug}/series/{id}")).await;
    speaks(&series_page, &["Modifier la série"], &["Edit the series"]);
}

/// Fixtures of the series templates, for `templates.rs`.
pub fn fixture(name: &str) -> Option<Value> {
    let layout = json!({
        "user": { "id": 1, "email": "sam@school.test", "display_name": "Sam", "is_admin": false, "unread": 0 },
        "csrf_token": "0".repeat(64),
        "path": "/teams/team-a/series",
    });
    let members = crate::templates::member_options(false);
    let occurrence = json!({ "id": 3, "meeting_id": 7, "title": "Check-in", "purpose_line": "Weekly check-in — 5 Nov 2026",
        "starts": "5 Nov 2026, 09:00 GMT", "cancelled": true, "cancel_reason": "Parents' evening",
        "rota": [{ "role": "facilitator", "name": "Sam", "user_id": 1, "mine": true },
                 { "role": "note_taker", "name": "nobody yet", "user_id": null, "mine": false }] });
    Some(match name {
        "series_list.html" => {
            json!({ "title": "Recurring meetings", "layout": layout, "slug": "team-a", "team_name": "Team A",
            "series": [{ "id": 1, "title": "Check-in", "rhythm": "Every week on Thursday at 09:00 (Europe/London)", "ended": true }],
            "page": 1, "pages": 2, "prev": null, "next": "/teams/team-a/series?page=2",
            "away": [{ "id": 4, "name": "Lee", "from": "5 Nov 2026", "until": "9 Nov 2026", "removable": true }],
            "member_options": members, "is_leader": true, "today": "2026-11-01",
            "away_form": { "user_id": "2", "away_from": "", "away_until": "" },
            "errors": { "away_from": "Enter a date like 2026-11-23.", "user_id": "Choose a member." } })
        }
        "series_form.html" => {
            json!({ "title": "New recurring series", "layout": layout, "slug": "team-a", "team_name": "Team A",
            "team_zone": "Europe/London",
            "form": { "title": "", "purpose_template": "Weekly — {date}", "cadence": "weekly", "weekday": "4", "start_time": "09:00",
                "starts_on": "2026-11-02", "budget_minutes": "60", "place": "", "proposals_open_days": "7", "voting_open_hours": "48",
                "voting_close_hours": "1", "privacy": "secret", "with_timekeeper": "on" },
            "cadences": [{ "value": "weekly", "label": "Every week" }], "weekdays": [{ "value": "4", "label": "Thursday" }],
            "errors": { "title": "Enter the meeting's title.", "weekday": "Choose a day.", "cadence": "Choose.", "privacy": "Choose." } })
        }
        "series_edit.html" => {
            json!({ "title": "Edit Check-in", "layout": layout, "slug": "team-a", "team_name": "Team A",
            "team_zone": "Europe/London", "id": 1, "series_title": "Check-in",
            "form": { "title": "Check-in", "purpose_template": "Weekly — {date}", "cadence": "weekly", "weekday": "4", "start_time": "09:00",
                "budget_minutes": "60", "place": "", "proposals_open_days": "7", "voting_open_hours": "48",
                "voting_close_hours": "1", "with_timekeeper": "on" },
            "cadences": [{ "value": "weekly", "label": "Every week" }], "weekdays": [{ "value": "4", "label": "Thursday" }],
            "errors": { "title": "Enter the meeting's title.", "weekday": "Choose a day.", "cadence": "Choose.", "start_time": "Enter a time." } })
        }
        "series.html" => {
            json!({ "title": "Check-in", "layout": layout, "slug": "team-a", "team_name": "Team A", "id": 1,
            "series_title": "Check-in", "purpose_template": "Weekly — {date}", "rhythm": "Every week on Thursday at 09:00 (Europe/London)",
            "windows": "Proposals open 7 days before.", "ended": false, "next": [occurrence.clone(), {
                "id": 4, "meeting_id": 8, "title": "Check-in", "purpose_line": "p", "starts": "12 Nov 2026, 09:00 GMT", "cancelled": false,
                "cancel_reason": "", "rota": [] }],
            "past": [occurrence], "past_pager": { "page": 2, "pages": 2, "prev": "/teams/team-a/series/1?page=1#past", "next": null },
            "swaps": [{ "text": "Facilitator swapped: Sam ↔ Lee, by Sam, 1 Nov 2026, 10:00 GMT" }],
            "member_options": members, "roles": [{ "value": "facilitator", "label": "Facilitator" }], "is_leader": true,
            "swap_form": { "occurrence_id": "4", "role": "facilitator", "with_user_id": "2" }, "cancel_form": { "reason": "" },
            "errors": { "with_user_id": "Choose a member.", "reason": "Enter a reason.", "occurrence_id": "Choose.", "role": "Choose." } })
        }
        _ => return None,
    })
}

#[test]
fn the_series_templates_render_with_their_fixtures() {
    let templates = roundtable::web::templates::Templates::load().expect("templates compile");
    for name in [
        "series.html",
        "series_form.html",
        "series_list.html",
        "series_edit.html",
    ] {
        let html = templates
            .render(name, &fixture(name).expect("a fixture"))
            .unwrap_or_else(|e| panic!("{name} does not render: {e}"));
        assert!(html.contains("</html>"), "{name} is not a full page");
        assert!(html.contains("<h1>"), "{name} has a heading");
    }
}
