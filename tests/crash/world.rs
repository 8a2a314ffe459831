//! The data the crash rounds run on, made by the product's own services (as `tests/api`'s
//! helpers do) in the test process, beside the server: a team with a leader and a few dozen
//! members, and meetings whose windows are planned in real time, because the server under
//! test runs on the system clock.

use roundtable::access::Principal;
use roundtable::config::Settings;
use roundtable::domain::ids::{MeetingId, UserId};
use roundtable::domain::meeting::input_value;
use roundtable::domain::zone::Zone;
use roundtable::service::audit::{self, ChainKey};
use roundtable::service::meetings::{self, MeetingForm, proposals};
use roundtable::service::{accounts, invitations, teams};
use roundtable::store::Database;
use time::{Duration, OffsetDateTime};

use crate::helpers::PASSWORD;

/// A member who votes.
#[derive(Debug, Clone)]
pub struct Member {
    pub id: UserId,
    pub email: String,
}

/// A team ready to vote, and the test's own connection to its database.
pub struct World {
    pub db: Database,
    pub slug: String,
    pub leader: UserId,
    pub members: Vec<Member>,
}

/// A meeting the voters rank.
#[derive(Debug, Clone)]
pub struct Meeting {
    pub id: MeetingId,
    pub secret: bool,
    /// Its proposals (the items on the ballot).
    pub items: Vec<i64>,
}

fn person(id: UserId) -> Principal {
    Principal {
        user_id: Some(id),
        is_admin: false,
        zone: None,
    }
}

/// Migrates the database, installs the audit chain key the server will use (derived from the
/// cookie key in the data folder, which this creates), and makes a team of `voters` members.
pub async fn build(settings: &Settings, voters: usize) -> World {
    let db = roundtable::store::connect(settings).await.unwrap();
    roundtable::store::migrate_up(&db).await.unwrap();
    let cookie_key = roundtable::auth::cookie_key::load_or_create(settings).unwrap();
    audit::install_key(&db.conn, ChainKey::derive(cookie_key.master()))
        .await
        .unwrap();
    let user = |name: String, admin: bool| {
        let db = db.conn.clone();
        async move {
            let email = format!("{name}@school.test");
            let created = accounts::create_user(
                &db,
                accounts::NewUser {
                    email: &email,
                    display_name: &name,
                    password: PASSWORD,
                    is_admin: admin,
                },
            )
            .await
            .unwrap();
            Member {
                id: created.id,
                email,
            }
        }
    };
    let admin = user("admin".to_owned(), true).await;
    let leader = user("leader".to_owned(), false).await;
    let created = teams::create_team(
        &db.conn,
        Principal {
            user_id: Some(admin.id),
            is_admin: true,
            zone: None,
        },
        &teams::TeamForm {
            name: "Crash test team".to_owned(),
            slug: String::new(),
            purpose: "Keep every acknowledged ballot through a crash.".to_owned(),
            time_zone: String::new(),
        },
    )
    .await
    .unwrap();
    invitations::accept(
        &db.conn,
        &created.leader_invitation,
        invitations::Joiner::Existing(leader.id),
    )
    .await
    .unwrap();
    let slug = created.team.slug;
    let token = teams::invite(
        &db.conn,
        person(leader.id),
        &slug,
        &teams::InvitationForm {
            role: "member".to_owned(),
            max_uses: voters.to_string(),
            valid_days: "7".to_owned(),
            emails: String::new(),
        },
        roundtable::service::notices::Delivery::in_app_only(),
        roundtable::clock::now(),
    )
    .await
    .unwrap();
    let token = token.token().expect("a link").to_owned();
    let mut members = Vec::new();
    for i in 0..voters {
        let member = user(format!("voter{i}"), false).await;
        invitations::accept(&db.conn, &token, invitations::Joiner::Existing(member.id))
            .await
            .unwrap();
        members.push(member);
    }
    World {
        db,
        slug,
        leader: leader.id,
        members,
    }
}

/// The start of the minute `at` is in (the meeting form has minute precision).
pub fn minute_of(at: OffsetDateTime) -> OffsetDateTime {
    at.replace_second(0).unwrap().replace_nanosecond(0).unwrap()
}

impl World {
    /// A meeting whose voting is open now (it opened an hour ago) and closes at
    /// `voting_close` (a whole minute), with `items` proposals made while proposals were open.
    pub async fn meeting(
        &self,
        privacy: &str,
        visibility: &str,
        rule: &str,
        voting_close: OffsetDateTime,
        items: usize,
    ) -> Meeting {
        let now = OffsetDateTime::now_utc();
        let proposals_open = minute_of(now) - Duration::hours(2);
        let voting_open = proposals_open + Duration::hours(1);
        let form = MeetingForm {
            title: format!("Crash test {privacy} {rule}"),
            purpose_line: "Agree what matters most this week.".to_owned(),
            starts_at: input_value(voting_close + Duration::hours(1), Zone::utc()),
            budget_minutes: "45".to_owned(),
            place: "Room 4".to_owned(),
            proposals_open: input_value(proposals_open, Zone::utc()),
            proposals_close: input_value(voting_open, Zone::utc()),
            voting_open: input_value(voting_open, Zone::utc()),
            voting_close: input_value(voting_close, Zone::utc()),
            privacy: privacy.to_owned(),
            results_visibility: visibility.to_owned(),
            agenda_rule: rule.to_owned(),
            fixed_1_title: "Three-minute action scan".to_owned(),
            fixed_1_minutes: "3".to_owned(),
            ..MeetingForm::default()
        };
        let id = meetings::create(&self.db.conn, person(self.leader), &self.slug, &form, now)
            .await
            .unwrap();
        // Proposed while proposals were open (the service takes the time, like every test
        // that moves a clock); voting has been open since.
        let mut ids = Vec::new();
        for i in 0..items {
            let proposal = proposals::ProposalForm {
                title: format!("Item {i} for meeting {id}"),
                why: "It keeps coming up and nobody owns it.".to_owned(),
                minutes: (8 + 4 * (i % 4)).to_string(),
            };
            let made = proposals::propose(
                &self.db.conn,
                person(self.leader),
                &self.slug,
                id,
                &proposal,
                proposals_open + Duration::minutes(1),
            )
            .await
            .unwrap();
            ids.push(made.0);
        }
        Meeting {
            id,
            secret: privacy == "secret",
            items: ids,
        }
    }
}
