//! Several app servers behind a load balancer on one PostgreSQL (issue 17, point 3). Ignored in
//! the ordinary suite: `tests/cluster/run.sh` starts three servers and nginx and then runs it
//! with `cargo test --test api cluster -- --ignored`, passing where they are:
//!
//! - `ROUNDTABLE_CLUSTER_BASE`: the balancer's address;
//! - `ROUNDTABLE_CLUSTER_DATABASE_URL`, `ROUNDTABLE_COOKIE_KEY`: what the servers share;
//! - `ROUNDTABLE_CLUSTER_PIDS`: the servers' process ids (one is killed mid-vote).
//!
//! Checked through the balancer: a voter's requests land on different servers and their
//! session holds on each; a login brute force is limited across servers; killing one server
//! while people vote loses no acknowledged ballot; the tally at close runs exactly once.

use std::collections::{BTreeSet, HashMap};
use std::time::{Duration, Instant};

use roundtable::config::{DatabaseUrl, Secret, Settings};
use roundtable::domain::ids::MeetingId;
use roundtable::store::entities::{agenda_ballots, agenda_tallies, audit_log, meetings, teams};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, sea_query::Expr};
use time::OffsetDateTime;

use crate::helpers::{Browser, Person, add_member_in, connect, create_person_in, create_team_in};
use crate::meeting_helpers::{meeting_form_at, propose};

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is set by tests/cluster/run.sh"))
}

/// A browser through the balancer, from its own loopback address (so the per-address limits
/// of one test do not touch another's).
fn browser(base: &str, from: u8) -> Browser {
    Browser {
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .local_address(std::net::IpAddr::from([127, 0, 0, from]))
            .timeout(Duration::from_secs(20))
            .build()
            .unwrap(),
        base: base.to_owned(),
    }
}

/// Which server answered (nginx adds the upstream's address).
fn upstream(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("x-upstream")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

async fn signed_in(base: &str, person: &Person, from: u8) -> Browser {
    let b = browser(base, from);
    let answer = b.login(&person.email, &person.password).await;
    assert_eq!(answer.status(), 303, "sign-in of {}", person.email);
    b
}

/// A small deterministic shuffle (no RNG crate needed for a test's rankings).
fn shuffled(ids: &[i64], seed: &mut u64) -> Vec<i64> {
    let mut out = ids.to_vec();
    for i in (1..out.len()).rev() {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = usize::try_from((*seed >> 33) % (i as u64 + 1)).unwrap();
        out.swap(i, j);
    }
    let keep = 1 + usize::try_from((*seed >> 20) % out.len() as u64).unwrap();
    out.truncate(keep);
    out
}

#[derive(Default)]
struct VoterLog {
    acknowledged: Option<Vec<i64>>,
    /// Sent after the last acknowledgement, without an answer of success.
    unanswered: Vec<Vec<i64>>,
    acknowledged_after_kill: usize,
}

#[tokio::test]
#[ignore = "needs the servers and balancer of tests/cluster/run.sh"]
async fn a_cluster_behind_a_balancer_behaves_as_one_server() {
    let base = env("ROUNDTABLE_CLUSTER_BASE");
    let database_url = DatabaseUrl::new(env("ROUNDTABLE_CLUSTER_DATABASE_URL"));
    let pids: Vec<String> = env("ROUNDTABLE_CLUSTER_PIDS")
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    assert_eq!(pids.len(), 3, "three servers");
    let settings = Settings {
        database_url: Some(database_url),
        cookie_key: Some(Secret::new(env("ROUNDTABLE_COOKIE_KEY"))),
        data_dir: std::env::temp_dir(),
        ..Settings::default()
    };
    let db = connect(&settings).await;
    let key = roundtable::auth::cookie_key::load_or_create(&settings).unwrap();
    roundtable::service::audit::install_key(
        &db.conn,
        roundtable::service::audit::ChainKey::derive(key.master()),
    )
    .await
    .unwrap();
    let db = &db.conn;

    // People and a team, through the services the forms use.
    let admin = create_person_in(db, "ClusterAdmin", true).await;
    let leader = create_person_in(db, "ClusterLeader", false).await;
    let slug = create_team_in(db, &admin, "Cluster team", &leader).await;
    let mut voters = Vec::new();
    for i in 0..12 {
        let person = create_person_in(db, &format!("ClusterVoter{i}"), false).await;
        add_member_in(db, &leader, &slug, &person, "member").await;
        voters.push(person);
    }

    // A meeting made through the balancer, with proposals.
    let lead = signed_in(&base, &leader, 2).await;
    let now = OffsetDateTime::now_utc();
    let form = meeting_form_at(now, "open");
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let created = lead.post(&format!("/teams/{slug}/meetings"), &fields).await;
    assert_eq!(created.status(), 303, "{}", created.text().await.unwrap());
    let meeting: MeetingId = created.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    for (title, minutes) in [
        ("Timetable", 10),
        ("Budget", 15),
        ("Trips", 5),
        ("Marking", 20),
    ] {
        propose(&lead, &slug, meeting, title, minutes).await;
    }
    let ids = crate::meeting_helpers::proposal_ids_in(db, meeting).await;
    assert_eq!(ids.len(), 4);
    // Real servers keep real time: move the windows so voting is open now.
    let open_now = OffsetDateTime::now_utc() - time::Duration::seconds(1);
    meetings::Entity::update_many()
        .col_expr(meetings::Column::ProposalsCloseAt, Expr::value(open_now))
        .col_expr(meetings::Column::VotingOpenAt, Expr::value(open_now))
        .filter(meetings::Column::Id.eq(meeting))
        .exec(db)
        .await
        .unwrap();

    // 1. One voter's requests land on every server, and the session holds on each.
    let mut browsers = Vec::new();
    for (i, person) in voters.iter().enumerate() {
        browsers.push(signed_in(&base, person, 10 + u8::try_from(i).unwrap()).await);
    }
    let ballot_path = format!("/teams/{slug}/meetings/{meeting}/ballot");
    let mut seen = BTreeSet::new();
    for _ in 0..6 {
        let page = browsers[0].get(&ballot_path).await;
        assert_eq!(page.status(), 200, "signed in on every server");
        seen.insert(upstream(&page));
    }
    assert_eq!(
        seen.len(),
        3,
        "round robin over the three servers: {seen:?}"
    );

    // 2. A brute force on one account is limited across the servers.
    let target = create_person_in(db, "ClusterTarget", false).await;
    let guesser = browser(&base, 200);
    let mut statuses = Vec::new();
    let mut servers = BTreeSet::new();
    for _ in 0..7 {
        let answer = guesser.login(&target.email, "not the password").await;
        servers.insert(upstream(&answer));
        statuses.push(answer.status().as_u16());
    }
    assert!(
        servers.len() >= 2,
        "the guesses went to several servers: {servers:?}"
    );
    assert_eq!(
        statuses,
        [422, 422, 422, 422, 422, 429, 429],
        "five wrong guesses in all, whichever server answered"
    );

    // 3. Kill one server while everyone votes: no acknowledged ballot is lost.
    let started = Instant::now();
    let kill_at = Duration::from_secs(3);
    let stop_at = Duration::from_secs(9);
    let victim = pids[1].clone();
    let killer = tokio::spawn(async move {
        tokio::time::sleep(kill_at).await;
        let killed = std::process::Command::new("kill")
            .args(["-9", &victim])
            .status()
            .unwrap();
        assert!(killed.success(), "kill -9 {victim}");
    });
    let mut tasks = Vec::new();
    for (i, b) in browsers.into_iter().enumerate() {
        let (ids, path) = (ids.clone(), ballot_path.clone());
        tasks.push(tokio::spawn(async move {
            let mut log = VoterLog::default();
            let mut seed = 0x5eed_u64 + i as u64;
            while started.elapsed() < stop_at {
                let ranking = shuffled(&ids, &mut seed);
                let fields: Vec<(String, String)> = ranking
                    .iter()
                    .enumerate()
                    .map(|(r, id)| (format!("rank_{id}"), (r + 1).to_string()))
                    .collect();
                let refs: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                log.unanswered.push(ranking.clone());
                // A token fetch or a post that fails (the server died under it) is not an
                // acknowledgement; the ranking stays among the unanswered.
                let Ok(token) = tokio::time::timeout(Duration::from_secs(5), b.csrf()).await else {
                    continue;
                };
                let mut form = refs.clone();
                form.push(("csrf_token", &token));
                let sent = b
                    .client
                    .post(format!("{}{path}", b.base))
                    .form(&form)
                    .send()
                    .await;
                if sent.is_ok_and(|r| r.status() == 303) {
                    log.acknowledged = Some(ranking);
                    log.unanswered.clear();
                    if started.elapsed() > kill_at + Duration::from_secs(1) {
                        log.acknowledged_after_kill += 1;
                    }
                }
            }
            log
        }));
    }
    killer.await.unwrap();
    let mut logs = Vec::new();
    for task in tasks {
        logs.push(task.await.unwrap());
    }
    assert!(
        logs.iter()
            .map(|l| l.acknowledged_after_kill)
            .sum::<usize>()
            > 0,
        "the other servers kept taking ballots after the kill"
    );
    let stored: HashMap<i64, Vec<i64>> = agenda_ballots::Entity::find()
        .filter(agenda_ballots::Column::MeetingId.eq(meeting))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|b| {
            (
                b.voter_id.unwrap().0,
                serde_json::from_str(&b.ranking).unwrap(),
            )
        })
        .collect();
    for (person, log) in voters.iter().zip(&logs) {
        let kept = stored.get(&person.id.0);
        match (&log.acknowledged, kept) {
            (Some(ack), Some(kept)) => assert!(
                kept == ack || log.unanswered.contains(kept),
                "{}: stored {kept:?}, acknowledged {ack:?}",
                person.email
            ),
            (Some(ack), None) => panic!("{}: acknowledged {ack:?} was lost", person.email),
            (None, Some(kept)) => assert!(log.unanswered.contains(kept)),
            (None, None) => {}
        }
    }

    // 4. The tally at close runs once, whichever servers see the close.
    meetings::Entity::update_many()
        .col_expr(
            meetings::Column::VotingCloseAt,
            Expr::value(OffsetDateTime::now_utc() - time::Duration::seconds(1)),
        )
        .filter(meetings::Column::Id.eq(meeting))
        .exec(db)
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while agenda_tallies::Entity::find_by_id(meeting)
        .one(db)
        .await
        .unwrap()
        .is_none()
    {
        assert!(
            Instant::now() < deadline,
            "no tally within a minute of the close"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    // Give both remaining servers' background ticks (every 5 s) the chance to count again.
    tokio::time::sleep(Duration::from_secs(12)).await;
    let team = teams::Entity::find()
        .filter(teams::Column::Slug.eq(slug.as_str()))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let tallies = audit_log::Entity::find()
        .filter(audit_log::Column::TeamId.eq(team.id))
        .filter(audit_log::Column::Action.eq(audit_log::AuditAction::MeetingTally))
        .count(db)
        .await
        .unwrap();
    assert_eq!(tallies, 1, "tallied exactly once");
    let results = browser(&base, 3)
        .get(&format!("/teams/{slug}/meetings/{meeting}/results"))
        .await;
    assert!(
        [200, 303].contains(&results.status().as_u16()),
        "the results page answers after the kill: {}",
        results.status()
    );
}
