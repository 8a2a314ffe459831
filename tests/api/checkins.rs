//! Weekly check-ins over HTTP: one per member and ISO week (a second save edits it, even when
//! posted at once), the week turning on the team's own clock, past weeks read-only, an empty
//! form refused and re-filled, who sees how many and who sees names, another team's answering
//! 404, a blocker linked to an action blocking it until unlinked, the scan's blockers, the home
//! page's prompt, and the French pages.

use roundtable::domain::checkin::IsoWeek;
use roundtable::domain::clock::Clock;
use roundtable::domain::zone::Zone;
use roundtable::store::entities::{action_history, actions, audit_log};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use time::Duration;

use crate::action_helpers::{create_action, day, move_action};
use crate::checkin_helpers::{
    check_in, checked_in, move_clock_to, next_sunday_utc, read, stored, to_wednesday_noon,
};
use crate::helpers::{TestApp, add_member, create_person, seed, signed_in, spawn_app};
use crate::language_helpers::{in_french, speaks};
use crate::meeting_helpers::create_meeting;

/// "week of 30 November" for the week it is now in `zone` (the year added when it differs).
fn week_words(app: &TestApp, zone: Zone) -> String {
    let now = app.clock.now();
    let monday = IsoWeek::at(now, zone).monday();
    let mut words = format!("week of {} {}", monday.day(), monday.month());
    if monday.year() != zone.today(now).year() {
        words.push_str(&format!(" {}", monday.year()));
    }
    words
}

async fn audited(app: &TestApp, action: audit_log::AuditAction) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .count(&app.db.conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_second_check_in_in_the_same_week_edits_the_first() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let member = signed_in(&app, &world.member).await;

    let first = check_in(&member, slug, ["Drafted the rubric", "", "", ""], "").await;
    assert_eq!(first.status(), 303);
    let (_, page) = read(&member, &format!("/teams/{slug}/checkins")).await;
    assert!(page.contains("Drafted the rubric"), "{page}");
    assert!(page.contains("Change your check-in this week"));
    app.clock.advance(Duration::minutes(10));
    let second = check_in(
        &member,
        slug,
        [
            "Finished the rubric",
            "",
            "Moderation",
            "Shared the marking grid",
        ],
        "",
    )
    .await;
    assert_eq!(second.status(), 303);

    let rows = stored(&app, slug).await;
    assert_eq!(rows.len(), 1, "one check-in per member and week");
    assert_eq!(rows[0].moved, "Finished the rubric");
    assert_eq!(rows[0].improvement, "Shared the marking grid");
    assert_eq!(
        rows[0].week,
        IsoWeek::at(app.clock.now(), Zone::utc()).label()
    );
    let (_, page) = read(&member, &format!("/teams/{slug}/checkins")).await;
    assert!(page.contains("Finished the rubric"));
    assert!(!page.contains("Drafted the rubric"));
    assert!(page.contains(&week_words(&app, Zone::utc())), "{page}");
    assert_eq!(audited(&app, audit_log::AuditAction::CheckinSave).await, 2);
}

#[tokio::test]
async fn saves_posted_at_once_make_one_check_in() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = world.team_a.clone();
    let member = signed_in(&app, &world.member).await;
    let token = member.csrf().await;
    let path = format!("/teams/{slug}/checkins");
    let (member, path, token) = (&member, &path, &token);
    let posts = (0..8).map(|i| async move {
        let text = format!("Attempt {i}");
        member
            .post_raw(path, &[("moved", text.as_str()), ("csrf_token", token)])
            .await
            .status()
            .as_u16()
    });
    let statuses = futures_util::future::join_all(posts).await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    assert_eq!(stored(&app, &slug).await.len(), 1);
}

#[tokio::test]
async fn the_week_turns_on_the_teams_clock_and_past_weeks_are_read_only() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let zoned = leader
        .post(
            &format!("/teams/{slug}/time-zone"),
            &[("time_zone", "Pacific/Auckland")],
        )
        .await;
    assert_eq!(zoned.status(), 303);
    let auckland = Zone::parse("Pacific/Auckland").unwrap();

    // Sunday 10:30 UTC is Sunday 23:30 in Auckland (NZDT, +13): the last half hour of its week.
    let sunday = next_sunday_utc(&app, 10, 30);
    move_clock_to(&app, sunday);
    // Days may pass: sign in again at the new time.
    let member = signed_in(&app, &world.member).await;
    let week = IsoWeek::at(sunday, auckland);
    assert_eq!(week, IsoWeek::containing(sunday.date()));
    checked_in(&member, slug, ["Old week's work", "", "", ""], "").await;

    // An hour later it is still Sunday in UTC, but Monday in Auckland: a new week.
    app.clock.advance(Duration::hours(1));
    let now = app.clock.now();
    assert_eq!(
        IsoWeek::at(now, Zone::utc()),
        week,
        "UTC's week has not turned"
    );
    assert_eq!(IsoWeek::at(now, auckland), week.next());
    checked_in(&member, slug, ["New week's work", "", "", ""], "").await;
    let rows = stored(&app, slug).await;
    assert_eq!(rows.len(), 2, "a new check-in in the new week");
    assert_eq!(rows[0].week, week.label());
    assert_eq!(rows[0].moved, "Old week's work", "the old one is untouched");
    assert_eq!(rows[1].week, week.next().label());

    // The past week is read: its entries, no form.
    let (status, past) = read(
        &member,
        &format!("/teams/{slug}/checkins?week={}", week.label()),
    )
    .await;
    assert_eq!(status, 200);
    assert!(past.contains("Old week's work"));
    assert!(!past.contains("New week's work"));
    assert!(!past.contains(r#"name="moved""#), "no form for a past week");
    assert!(past.contains("This week has ended"));
    let (_, current) = read(&member, &format!("/teams/{slug}/checkins")).await;
    assert!(current.contains("New week's work"));
    assert!(current.contains(r#"name="moved""#));
    assert!(current.contains(&week_words(&app, auckland)), "{current}");
    // A week not yet begun, or nonsense, shows this week.
    let (status, future) = read(
        &member,
        &format!("/teams/{slug}/checkins?week={}", week.next().next().label()),
    )
    .await;
    assert_eq!(status, 200);
    assert!(future.contains("New week's work"));
    let (status, _) = read(&member, &format!("/teams/{slug}/checkins?week=soon&page=x")).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn an_empty_check_in_is_refused_and_the_form_comes_back_filled() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let member = signed_in(&app, &world.member).await;

    let empty = check_in(&member, slug, ["", "  ", "\n", ""], "").await;
    assert_eq!(empty.status(), 422);
    let page = empty.text().await.unwrap();
    assert!(page.contains("Write at least one answer"), "{page}");
    assert!(page.contains(r#"name="moved""#));

    // A link needs a blocker to say why; what was typed comes back.
    let leader = signed_in(&app, &world.leader).await;
    let action = create_action(
        &leader,
        slug,
        "Book the hall",
        world.member.id,
        &day(&app, 7),
    )
    .await;
    let action_id = action.to_string();
    let short = check_in(
        &member,
        slug,
        ["The rubric moved", "IT", "", ""],
        &action_id,
    )
    .await;
    assert_eq!(short.status(), 422);
    let page = short.text().await.unwrap();
    assert!(page.contains("Say what is blocking"), "{page}");
    assert!(page.contains(">The rubric moved</textarea>"));
    assert!(page.contains(">IT</textarea>"));
    assert!(page.contains(&format!(r#"<option value="{action}" selected>"#)));
    // A typed number that is not one.
    let typed = member
        .post(
            &format!("/teams/{slug}/checkins"),
            &[("moved", "Something"), ("action_id", "twelve")],
        )
        .await;
    assert_eq!(typed.status(), 422);
    assert!(typed.text().await.unwrap().contains(r#"value="twelve""#));
    assert!(stored(&app, slug).await.is_empty(), "nothing saved");
}

#[tokio::test]
async fn members_see_how_many_checked_in_and_only_leaders_see_who_has_not() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let quiet = create_person(&app, "Quentin", false).await;
    add_member(&app, &world.leader, slug, &quiet, "member").await;
    let member = signed_in(&app, &world.member).await;
    let leader = signed_in(&app, &world.leader).await;
    checked_in(&member, slug, ["Wrote the letter", "", "", ""], "").await;

    let (_, seen_by_member) = read(&member, &format!("/teams/{slug}/checkins")).await;
    assert!(
        seen_by_member.contains("1 of 3 members have checked in."),
        "{seen_by_member}"
    );
    assert!(!seen_by_member.contains("Quentin"));
    assert!(!seen_by_member.contains("have not checked in yet"));

    let (_, seen_by_leader) = read(&leader, &format!("/teams/{slug}/checkins")).await;
    assert!(seen_by_leader.contains("1 of 3 members have checked in."));
    assert!(seen_by_leader.contains("2 members have not checked in yet"));
    assert!(
        seen_by_leader.contains("<li>Quentin</li>"),
        "{seen_by_leader}"
    );
    assert!(seen_by_leader.contains("<li>Leader</li>"));
    assert!(!seen_by_leader.contains("<li>Member</li>"));

    // Another team's check-ins do not exist for outsiders; the admin manages, not takes part.
    let outsider = signed_in(&app, &world.outsider).await;
    assert_eq!(
        read(&outsider, &format!("/teams/{slug}/checkins")).await.0,
        404
    );
    assert_eq!(
        check_in(&outsider, slug, ["Sneaky", "", "", ""], "")
            .await
            .status(),
        404
    );
    let admin = signed_in(&app, &world.admin).await;
    assert_eq!(
        read(&admin, &format!("/teams/{slug}/checkins")).await.0,
        403
    );
    let anonymous = app.browser();
    let response = anonymous.get(&format!("/teams/{slug}/checkins")).await;
    assert_eq!(response.status(), 303);
    assert_eq!(stored(&app, slug).await.len(), 1);
}

#[tokio::test]
async fn the_missing_names_come_fifty_to_a_page() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    for i in 0..49 {
        let person = create_person(&app, &format!("Absent{i:02}"), false).await;
        add_member(&app, &world.leader, slug, &person, "member").await;
    }
    // 51 members, nobody checked in: names sorted, Absent00 … Absent48, Leader | Member.
    let leader = signed_in(&app, &world.leader).await;
    let (_, first) = read(&leader, &format!("/teams/{slug}/checkins")).await;
    assert!(
        first.contains("51 members have not checked in yet"),
        "{first}"
    );
    assert_eq!(first.matches("<li>Absent").count(), 49);
    assert!(first.contains("<li>Leader</li>"));
    assert!(!first.contains("<li>Member</li>"));
    assert!(first.contains("Page 1 of 2"));
    let week = IsoWeek::at(app.clock.now(), Zone::utc()).label();
    let (_, second) = read(
        &leader,
        &format!("/teams/{slug}/checkins?week={week}&missing=2"),
    )
    .await;
    assert!(second.contains("Page 2 of 2"), "{second}");
    assert!(second.contains("<li>Member</li>"));
    assert!(!second.contains("<li>Absent"));
}

#[tokio::test]
async fn a_linked_blocker_blocks_the_action_until_it_is_unlinked() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let action = create_action(
        &leader,
        slug,
        "Book the hall",
        world.leader.id,
        &day(&app, 7),
    )
    .await;
    let id = action.to_string();
    assert_eq!(
        move_action(&leader, slug, action, "in_progress", "").await,
        303
    );

    // The member links their blocker: the action is blocked with that reason.
    let (_, form) = read(&member, &format!("/teams/{slug}/checkins")).await;
    assert!(
        form.contains(&format!(
            r#"<option value="{action}">#{action} Book the hall (Leader)</option>"#
        )),
        "{form}"
    );
    checked_in(&member, slug, ["", "Waiting on the caretaker", "", ""], &id).await;
    let words = week_words(&app, Zone::utc());
    let (_, page) = read(&leader, &format!("/teams/{slug}/actions/{action}")).await;
    assert!(page.contains("blocked: Waiting on the caretaker"), "{page}");
    assert!(
        page.contains(&format!("(from Member's check-in, {words})")),
        "{page}"
    );
    assert!(page.contains("in progress → blocked"));
    let (_, log) = read(&leader, &format!("/teams/{slug}/actions?show=blocked")).await;
    assert!(log.contains("Book the hall"));
    assert!(log.contains("blocked: Waiting on the caretaker"));
    assert!(log.contains("from Member's check-in"));
    let (_, week) = read(&member, &format!("/teams/{slug}/checkins")).await;
    assert!(week.contains("holds up “Book the hall”"));

    // Editing the blocker changes the reason; the link stands.
    app.clock.advance(Duration::minutes(5));
    checked_in(
        &member,
        slug,
        ["", "Waiting on the caretaker's keys", "", ""],
        &id,
    )
    .await;
    let row = actions::Entity::find_by_id(roundtable::domain::ids::ActionId(action))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, actions::Status::Blocked);
    assert_eq!(row.reason, "Waiting on the caretaker's keys");

    // Unlinking gives the action back its status.
    app.clock.advance(Duration::minutes(5));
    checked_in(
        &member,
        slug,
        ["", "Waiting on the caretaker's keys", "", ""],
        "",
    )
    .await;
    let (_, page) = read(&leader, &format!("/teams/{slug}/actions/{action}")).await;
    assert!(page.contains("<dd>in progress</dd>"), "{page}");
    assert!(!page.contains("check-in,"));
    assert!(page.contains("blocked → in progress"));
    let history = action_history::Entity::find()
        .filter(action_history::Column::ActionId.eq(action))
        .count(&app.db.conn)
        .await
        .unwrap();
    // Created, in progress, blocked, reason changed, back in progress.
    assert_eq!(history, 5);
    assert_eq!(audited(&app, audit_log::AuditAction::ActionStatus).await, 4);

    // A blocker removed from the text (with the link) also clears it: link, then empty it.
    checked_in(&member, slug, ["", "No hall key", "", ""], &id).await;
    checked_in(&member, slug, ["Found the key", "", "", ""], "").await;
    let row = actions::Entity::find_by_id(roundtable::domain::ids::ActionId(action))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, actions::Status::InProgress);
    assert_eq!(row.reason, "");

    // If the owner moved the action meanwhile, unlinking leaves their choice alone.
    checked_in(&member, slug, ["", "No hall key again", "", ""], &id).await;
    assert_eq!(move_action(&leader, slug, action, "done", "").await, 303);
    checked_in(&member, slug, ["", "No hall key again", "", ""], "").await;
    let row = actions::Entity::find_by_id(roundtable::domain::ids::ActionId(action))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, actions::Status::Done);
}

#[tokio::test]
async fn a_blocker_links_only_an_open_action_of_the_same_team() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let member = signed_in(&app, &world.member).await;
    let outsider = signed_in(&app, &world.outsider).await;
    let theirs = create_action(
        &outsider,
        &world.team_b,
        "Team B's own",
        world.outsider.id,
        &day(&app, 7),
    )
    .await;
    let refused = check_in(&member, slug, ["", "Waiting", "", ""], &theirs.to_string()).await;
    assert_eq!(refused.status(), 422);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Choose one of the team")
    );
    let team_b_action = actions::Entity::find_by_id(roundtable::domain::ids::ActionId(theirs))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(team_b_action.status, actions::Status::Open, "untouched");

    let done = create_action(&member, slug, "Old job", world.member.id, &day(&app, 7)).await;
    assert_eq!(move_action(&member, slug, done, "done", "").await, 303);
    let refused = check_in(&member, slug, ["", "Waiting", "", ""], &done.to_string()).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("done or dropped"));
    assert!(stored(&app, slug).await.is_empty());
}

#[tokio::test]
async fn the_scan_shows_this_weeks_blockers_and_how_many_checked_in() {
    let app = spawn_app().await;
    // The scan reads the meeting's week; the form's meeting starts about a day ahead.
    to_wednesday_noon(&app);
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let meeting = create_meeting(&app, &leader, slug, "secret").await;
    let action = create_action(
        &leader,
        slug,
        "Order the books",
        world.leader.id,
        &day(&app, 7),
    )
    .await;
    checked_in(
        &member,
        slug,
        ["", "Waiting on the supplier", "", ""],
        &action.to_string(),
    )
    .await;
    checked_in(&leader, slug, ["Budget agreed", "", "", ""], "").await;

    let (status, scan) = read(&member, &format!("/teams/{slug}/meetings/{meeting}/scan")).await;
    assert_eq!(status, 200);
    assert!(scan.contains("Check-ins of the meeting's week"), "{scan}");
    let words = week_words(&app, Zone::utc());
    assert!(
        scan.contains(&format!("{words}: 2 of 2 checked in.")),
        "{scan}"
    );
    assert!(scan.contains("Member: Waiting on the supplier"));
    assert!(scan.contains("(holds up “Order the books”)"));
    assert!(!scan.contains("Budget agreed"), "only blockers are listed");
    let (_, meeting_page) = read(&member, &format!("/teams/{slug}/meetings/{meeting}")).await;
    assert!(meeting_page.contains("Member: Waiting on the supplier"));
}

#[tokio::test]
async fn check_ins_speak_french() {
    let app = spawn_app().await;
    // The scan below reads the meeting's week (the form's meeting starts about a day ahead).
    to_wednesday_noon(&app);
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = in_french(&app, &world.leader).await;
    let member = in_french(&app, &world.member).await;
    let action = create_action(
        &leader,
        slug,
        "Réserver la salle",
        world.leader.id,
        &day(&app, 7),
    )
    .await;
    let empty = check_in(&member, slug, ["", "", "", ""], "").await;
    assert_eq!(empty.status(), 422);
    let refused = empty.text().await.unwrap().replace("&#x27;", "'");
    speaks(
        &refused,
        &["Écrivez au moins une réponse"],
        &["Write at least one answer", "What moved"],
    );
    let saved = check_in(
        &member,
        slug,
        ["Grille terminée", "Le gardien", "", ""],
        &action.to_string(),
    )
    .await;
    assert_eq!(saved.status(), 303);
    let (_, page) = read(&member, &format!("/teams/{slug}/checkins")).await;
    let monday = IsoWeek::at(app.clock.now(), Zone::utc()).monday();
    let month = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ][usize::from(u8::from(monday.month())) - 1];
    speaks(
        &page,
        &[
            &format!("semaine du {} {month}", monday.day()),
            "1 membre sur 2 a fait son point.",
            ">Ce qui a avancé</label>",
            ">Ce qui bloque</label>",
            ">La suite</label>",
            ">Une amélioration visible cette semaine</label>",
            ">Modifier votre point de la semaine</h2>",
            ">Enregistrer les modifications</button>",
            "retient « Réserver la salle »",
            "Member (vous)",
            ">Semaine précédente</a>",
        ],
        &[
            "Check-ins",
            "What moved",
            "What's blocking",
            "What's next",
            "week of",
            "checked in",
            "Check in",
            "Save changes",
            "holds up",
            "Week before",
            "(you)",
            "No action",
        ],
    );
    let (_, leaders_view) = read(&leader, &format!("/teams/{slug}/checkins")).await;
    speaks(
        &leaders_view,
        &[
            "1 membre n'a pas encore fait son point",
            "Seuls les responsables voient ces noms.",
        ],
        &["have not checked in", "Only leaders"],
    );
    let (_, action_page) = read(&leader, &format!("/teams/{slug}/actions/{action}")).await;
    speaks(
        &action_page,
        &[
            "bloquée : Le gardien",
            "d'après le point de Member, semaine du",
        ],
        &["check-in", "week of"],
    );
    let meeting = create_meeting(&app, &leader, slug, "secret").await;
    let (_, scan) = read(&leader, &format!("/teams/{slug}/meetings/{meeting}/scan")).await;
    speaks(
        &scan,
        &[
            "Points de la semaine de la réunion",
            "1 sur 2 ont fait leur point.",
            "Member : Le gardien",
        ],
        &[
            "Check-ins of the meeting's week",
            "checked in",
            "holds up",
            "No blockers",
        ],
    );
}

#[tokio::test]
async fn the_home_page_prompts_for_this_weeks_check_in_until_it_is_written() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let member = signed_in(&app, &world.member).await;
    let words = week_words(&app, Zone::utc());
    let (_, home) = read(&member, "/").await;
    assert!(
        home.contains(&format!("Check in for this week ({words})")),
        "{home}"
    );
    assert!(home.contains(&format!(r#"href="/teams/{slug}/checkins#mine""#)));
    checked_in(&member, slug, ["Planned the trip", "", "", ""], "").await;
    let (_, home) = read(&member, "/").await;
    assert!(!home.contains("Check in for this week"));
    assert!(home.contains("You have checked in this week."));
}
