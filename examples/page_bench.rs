#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Page benchmark (issue 13): `cargo run --release --example page_bench`.
//!
//! Seeds a team of 2,000 members with a meeting of 1,000 proposals, 2,000 ballots and 6,000
//! ledger exchanges (direct inserts through the store and services, not HTTP), starts the real
//! server on a free port, signs in as a leader and fires 16 concurrent requests per page
//! (`REQUESTS` in all), then prints p50, p99 and size per page as a Markdown table with the
//! load average. Target: every page under 50 ms p99 and under 300 KB.
//!
//! SQLite by default (a temporary file); PostgreSQL with
//! `ROUNDTABLE_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres` (a fresh
//! database is created and dropped). `PAGE_BENCH_ONLY=ledger` measures only the pages whose
//! name contains the text. `PAGE_BENCH_REQUESTS` changes the number of requests
//! per page (default 320).

use std::time::Instant;

#[path = "bench_common/mod.rs"]
mod bench_common;
use bench_common::{CONCURRENCY, Gen, insert_chunks, loadavg, measure, sign_in};

use roundtable::config::{DatabaseUrl, Settings};
use roundtable::domain::ids::{ProposalId, UserId};
use roundtable::service::accounts::{self, NewUser};
use roundtable::service::meetings::ballots::voter_key;
use roundtable::service::{invitations, teams};
use roundtable::startup::Application;
use roundtable::store::entities::{
    agenda_ballots, agenda_participation, agenda_proposals, help_exchanges, meetings, memberships,
    users,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, Set};

use bench_common::PASSWORD;
use time::OffsetDateTime;

const MEMBERS: usize = 2_000;
const PROPOSALS: usize = 1_000;
const EXCHANGES: usize = 6_000;

struct Seeded {
    slug: String,
    meeting: roundtable::domain::ids::MeetingId,
    leader_email: String,
}

async fn seed(db: &DatabaseConnection) -> Seeded {
    let now = OffsetDateTime::now_utc();
    let admin = accounts::create_user(
        db,
        NewUser {
            email: "admin@district.test",
            display_name: "Admin",
            password: PASSWORD,
            is_admin: true,
        },
    )
    .await
    .unwrap();
    let leader_email = "leader@district.test".to_owned();
    let leader = accounts::create_user(
        db,
        NewUser {
            email: &leader_email,
            display_name: "Lead Organiser",
            password: PASSWORD,
            is_admin: false,
        },
    )
    .await
    .unwrap();
    let admin_principal = roundtable::access::Principal {
        user_id: Some(admin.id),
        is_admin: true,
        zone: None,
    };
    let created = teams::create_team(
        db,
        admin_principal,
        &teams::TeamForm {
            name: "District principals' network".to_owned(),
            slug: String::new(),
            purpose: "Share what works across the district's schools and decide together."
                .to_owned(),
            time_zone: String::new(),
        },
    )
    .await
    .unwrap();
    invitations::accept(
        db,
        &created.leader_invitation,
        invitations::Joiner::Existing(leader.id),
    )
    .await
    .unwrap();
    let team_id = created.team.id;

    // Members: inserted directly (they never sign in, so no password hashing).
    insert_chunks(
        db,
        (1..MEMBERS).map(|i| users::ActiveModel {
            email: Set(format!("principal{i:05}@district.test")),
            display_name: Set(format!("Principal {i:05} Example-School")),
            password_hash: Set("not a usable hash".to_owned()),
            is_admin: Set(false),
            auth_epoch: Set(0),
            created_at: Set(now),
            ..Default::default()
        }),
    )
    .await;
    let mut member_ids: Vec<UserId> = users::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|u| u.email.starts_with("principal"))
        .map(|u| u.id)
        .collect();
    insert_chunks(
        db,
        member_ids.iter().map(|id| memberships::ActiveModel {
            team_id: Set(team_id),
            user_id: Set(*id),
            role: Set(memberships::Role::Member),
            joined_at: Set(now),
            ..Default::default()
        }),
    )
    .await;
    member_ids.push(leader.id);

    // A meeting with voting open now.
    let secret = "bench-ballot-secret".to_owned();
    let meeting = meetings::ActiveModel {
        team_id: Set(team_id),
        title: Set("District agenda round".to_owned()),
        purpose_line: Set("Choose what the network works on this term.".to_owned()),
        starts_at: Set(now + time::Duration::days(3)),
        budget_minutes: Set(90),
        place: Set("Online".to_owned()),
        facilitator_id: Set(None),
        proposals_open_at: Set(now - time::Duration::days(3)),
        proposals_close_at: Set(now - time::Duration::days(1)),
        voting_open_at: Set(now - time::Duration::days(1)),
        voting_close_at: Set(now + time::Duration::days(2)),
        privacy: Set(meetings::Privacy::Secret),
        results_visibility: Set(meetings::ResultsVisibility::AfterClose),
        agenda_rule: Set(meetings::AgendaRule::SequentialIrv),
        ballot_secret: Set(Some(secret.clone())),
        created_by: Set(Some(leader.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let meeting = meetings::Entity::insert(meeting)
        .exec(db)
        .await
        .unwrap()
        .last_insert_id;
    let mut g = Gen(13);
    insert_chunks(
        db,
        (0..PROPOSALS).map(|i| agenda_proposals::ActiveModel {
            meeting_id: Set(meeting),
            author_id: Set(Some(member_ids[i % member_ids.len()])),
            title: Set(format!("Item {i:04}: shared approach to attendance")),
            why: Set("Several schools raised it this term; we need one decision.".to_owned()),
            minutes: Set(5 + (i % 4) as i32 * 5),
            status: Set(agenda_proposals::ProposalStatus::Active),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }),
    )
    .await;
    let first_item = agenda_proposals::Entity::find()
        .all(db)
        .await
        .unwrap()
        .iter()
        .map(|p| p.id)
        .min()
        .unwrap();
    let ballots: Vec<_> = member_ids
        .iter()
        .map(|id| {
            let mut ranking: Vec<ProposalId> = Vec::new();
            while ranking.len() < 10 {
                // Skewed popularity: low-numbered items are ranked more often.
                let pick = g.below(PROPOSALS).min(g.below(PROPOSALS));
                let item = ProposalId(first_item.0 + pick as i64);
                if !ranking.contains(&item) {
                    ranking.push(item);
                }
            }
            agenda_ballots::ActiveModel {
                meeting_id: Set(meeting),
                voter_key: Set(voter_key(&secret, *id)),
                voter_id: Set(None),
                ranking: Set(serde_json::to_string(&ranking).unwrap()),
                receipt_hash: Set(format!("{:064x}", id.0)),
                ..Default::default()
            }
        })
        .collect();
    insert_chunks(db, ballots).await;
    insert_chunks(
        db,
        member_ids
            .iter()
            .map(|id| agenda_participation::ActiveModel {
                meeting_id: Set(meeting),
                user_id: Set(*id),
                first_voted_at: Set(now),
                last_voted_at: Set(now),
                changes: Set(0),
                ..Default::default()
            }),
    )
    .await;

    // Confirmed help exchanges over the last months.
    let today = now.date();
    let exchanges: Vec<_> = (0..EXCHANGES)
        .map(|i| {
            let helper = member_ids[g.below(member_ids.len()).min(g.below(member_ids.len()))];
            let mut helped = member_ids[g.below(member_ids.len())];
            if helped == helper {
                helped = leader.id;
            }
            let (helper, helped) = if helper == helped {
                (member_ids[0], leader.id)
            } else {
                (helper, helped)
            };
            help_exchanges::ActiveModel {
                team_id: Set(team_id),
                helper_id: Set(helper),
                helped_id: Set(helped),
                minutes: Set(15 + (i % 8) as i32 * 15),
                occurred_on: Set(today - time::Duration::days((i % 150) as i64)),
                category: Set("cover".to_owned()),
                note: Set(None),
                kind: Set(help_exchanges::EntryKind::Exchange),
                status: Set(help_exchanges::EntryStatus::Confirmed),
                awaiting_id: Set(None),
                recorded_by: Set(helped),
                idempotency_key: Set(format!("bench-{i}")),
                created_at: Set(now),
                expires_at: Set(None),
                confirmed_at: Set(Some(now)),
                ..Default::default()
            }
        })
        .collect();
    insert_chunks(db, exchanges).await;
    Seeded {
        slug: created.team.slug,
        meeting,
        leader_email,
    }
}

#[tokio::main]
async fn main() {
    let requests: usize = std::env::var("PAGE_BENCH_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(320);
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings {
        data_dir: dir.path().to_path_buf(),
        port: 0,
        log: "warn".to_owned(),
        ..Settings::default()
    };
    let mut pg_drop = None;
    let backend = match std::env::var("ROUNDTABLE_BENCH_DATABASE_URL") {
        Ok(base) if base.starts_with("postgres") => {
            let name = format!("rt_page_bench_{}", std::process::id());
            let mut url = url::Url::parse(&base).unwrap();
            url.set_path(&name);
            settings.database_url = Some(DatabaseUrl::new(url.to_string()));
            pg_drop = Some((base, name));
            "PostgreSQL"
        }
        _ => {
            let path = dir.path().join("bench.db");
            settings.database_url = Some(DatabaseUrl::new(format!("sqlite://{}", path.display())));
            "SQLite"
        }
    };
    let app = Application::build(settings).await.unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    let db = app.database().conn.clone();
    let started = Instant::now();
    let seeded = seed(&db).await;
    eprintln!("seeded in {:.1} s", started.elapsed().as_secs_f64());
    tokio::spawn(app.run_until_stopped());
    let client = sign_in(&base, &seeded.leader_email).await;

    let team = format!("/teams/{}", seeded.slug);
    let meeting = format!("{team}/meetings/{}", seeded.meeting);
    let pages = [
        ("home", "/".to_owned()),
        ("team", team.clone()),
        ("team, page 20", format!("{team}?page=20")),
        ("team, search", format!("{team}?q=principal+0123")),
        ("team ledger", format!("{team}/ledger")),
        ("team ledger, page 20", format!("{team}/ledger?page=20")),
        ("my ledger", format!("{team}/ledger/me")),
        ("meetings", format!("{team}/meetings")),
        ("meeting", meeting.clone()),
        ("proposals", format!("{meeting}/proposals")),
        ("ballot", format!("{meeting}/ballot")),
        ("results", format!("{meeting}/results")),
    ];
    println!(
        "Page benchmark on {backend}: {MEMBERS} members, {PROPOSALS} proposals, {MEMBERS} ballots, {EXCHANGES} exchanges; {requests} requests per page, {CONCURRENCY} concurrent."
    );
    println!("Load average before: {}", loadavg());
    println!();
    println!("| Page | p50 | p99 | Size | Statuses |");
    println!("| --- | ---: | ---: | ---: | --- |");
    let only = std::env::var("PAGE_BENCH_ONLY").unwrap_or_default();
    for (name, path) in pages
        .iter()
        .filter(|(name, _)| name.contains(only.as_str()))
    {
        let f = measure(&client, &format!("{base}{path}"), requests).await;
        println!(
            "| {name} | {:.1} ms | {:.1} ms | {:.0} KB | {:?} |",
            f.p50.as_secs_f64() * 1000.0,
            f.p99.as_secs_f64() * 1000.0,
            f.bytes as f64 / 1024.0,
            f.statuses
        );
    }
    println!();
    println!("Load average after: {}", loadavg());
    if let Some((base, name)) = pg_drop {
        db.close().await.ok();
        let mut url = url::Url::parse(&base).unwrap();
        url.set_path("postgres");
        if let Ok(admin) = sea_orm::Database::connect(url.as_str()).await {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await;
        }
    }
}
