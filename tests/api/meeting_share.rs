//! "Share with linked teams" on the meeting page (issue 19, gap 3): a leader of a team with an
//! accepted link sees the switch with the current state and the linked teams, toggles it from
//! there and comes back to the meeting; a member sees no switch and is refused on POST (the
//! same access row as the links page); without a link there is no switch.

use roundtable::store::entities::team_links;
use sea_orm::EntityTrait;

use crate::helpers::{add_member, create_person, create_team, seed, signed_in, spawn_app};
use crate::language_helpers::read;
use crate::live_meeting_helpers::publish_agenda;
use crate::meeting_helpers::create_meeting;

#[tokio::test]
async fn a_leader_shares_a_meeting_from_its_page_and_the_linked_team_reads_it() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let carla = create_person(&app, "Carla", false).await;
    let dee = create_person(&app, "Dee", false).await;
    let cohort = create_team(&app, &world.admin, "Cohort", &carla).await;
    add_member(&app, &carla, &cohort, &dee, "member").await;
    let carla = signed_in(&app, &carla).await;
    let dee = signed_in(&app, &dee).await;
    let leader = signed_in(&app, &world.leader).await;
    let member = signed_in(&app, &world.member).await;
    let a = &world.team_a;
    let meeting = create_meeting(&app, &carla, &cohort, "secret").await;
    publish_agenda(&app, meeting, &[("Moderation across schools", 20)]).await;
    let meeting_path = format!("/teams/{cohort}/meetings/{meeting}");
    let share_path = format!("{meeting_path}/share");
    let shared_path = format!("/teams/{a}/shared/{meeting}");

    // No link yet: no switch, even for the leader.
    let page = read(&carla, &meeting_path).await;
    assert!(
        !page.contains(&format!("action=\"{share_path}\"")),
        "{page}"
    );
    assert!(!page.contains("Share with linked teams"), "{page}");

    // Linked (proposed by the cohort, accepted by Team A).
    carla
        .post(&format!("/teams/{cohort}/links"), &[("team", a)])
        .await;
    let link = team_links::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .id;
    let accepted = leader
        .post(&format!("/teams/{a}/links/{link}/accept"), &[])
        .await;
    assert_eq!(accepted.status(), 303);

    // The leader sees the switch, off, naming the linked team.
    let page = read(&carla, &meeting_path).await;
    assert!(page.contains(&format!("action=\"{share_path}\"")), "{page}");
    assert!(
        page.contains("Not shared. If you share it, members of Team A"),
        "{page}"
    );
    assert!(page.contains("name=\"back\" value=\"meeting\""), "{page}");
    assert_eq!(member.get(&shared_path).await.status(), 404);

    // A member of the cohort sees no switch and is refused.
    let page = read(&dee, &meeting_path).await;
    assert!(
        !page.contains(&format!("action=\"{share_path}\"")),
        "{page}"
    );
    let refused = dee
        .post(&share_path, &[("shared", "1"), ("back", "meeting")])
        .await;
    assert_eq!(refused.status(), 403);
    assert_eq!(member.get(&shared_path).await.status(), 404);

    // The leader shares from the meeting page and comes back to it.
    let response = carla
        .post(&share_path, &[("shared", "1"), ("back", "meeting")])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], meeting_path.as_str());
    let page = read(&carla, &meeting_path).await;
    assert!(
        page.contains("is shared with linked teams"),
        "flash: {page}"
    );
    assert!(
        page.contains("Shared with Team A: their members can read"),
        "{page}"
    );
    assert!(page.contains("Stop sharing"), "{page}");

    // The linked team reads it.
    let shared = read(&member, &shared_path).await;
    assert!(shared.contains("Moderation across schools"), "{shared}");

    // From the links page the switch still goes back there.
    let response = carla.post(&share_path, &[("shared", "0")]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        format!("/teams/{cohort}/links").as_str()
    );
    assert_eq!(member.get(&shared_path).await.status(), 404);
    let page = read(&carla, &meeting_path).await;
    assert!(page.contains("Not shared."), "{page}");
}
