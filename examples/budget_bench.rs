#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Budget round benchmark (issue 14): `cargo run --release --example budget_bench`.
//!
//! Seeds a team of 5,000 members and a round of 500 ideas with 5,000 approval ballots (5 to 15
//! ideas each, skewed popularity) by direct inserts, starts the real server with a manual
//! clock, and measures: the ballot page while voting is open (p50/p99 of 16 concurrent
//! requests), the computation at close (MES with completion plus greedy beside it, the whole
//! `compute_round` use case), and the results page afterwards, before and after publication
//! (the published page carries the leader's follow-through and action forms). Target: pages under 50 ms p99,
//! the computation under 1 s. `BUDGET_BENCH_REQUESTS` sets requests per page (default 320).
//! SQLite (a temporary file).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

#[path = "bench_common/mod.rs"]
mod bench_common;
use bench_common::{CONCURRENCY, Gen, PASSWORD, insert_chunks, loadavg, measure, sign_in};

use roundtable::config::{DatabaseUrl, Settings};
use roundtable::domain::clock::{Clock, ManualClock};
use roundtable::domain::ids::{IdeaId, UserId};
use roundtable::service::accounts::{self, NewUser};
use roundtable::service::budgets::{compute, publish};
use roundtable::service::meetings::ballots::voter_key;
use roundtable::service::{invitations, teams};
use roundtable::startup::Application;
use roundtable::store::entities::{
    budget_ballots, budget_ideas, budget_participation, budget_rounds, memberships, users,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use time::OffsetDateTime;

const MEMBERS: usize = 5_000;
const IDEAS: usize = 500;

async fn seed(
    db: &DatabaseConnection,
    now: OffsetDateTime,
) -> (String, roundtable::domain::ids::RoundId) {
    let admin = accounts::create_user(
        db,
        NewUser {
            email: "admin@city.test",
            display_name: "Admin",
            password: PASSWORD,
            is_admin: true,
        },
    )
    .await
    .unwrap();
    let leader = accounts::create_user(
        db,
        NewUser {
            email: "leader@city.test",
            display_name: "Lead Organiser",
            password: PASSWORD,
            is_admin: false,
        },
    )
    .await
    .unwrap();
    let created = teams::create_team(
        db,
        roundtable::access::Principal {
            user_id: Some(admin.id),
            is_admin: true,
            zone: None,
        },
        &teams::TeamForm {
            name: "City district".to_owned(),
            slug: String::new(),
            purpose: "Decide together how the district's budget is spent.".to_owned(),
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
    insert_chunks(
        db,
        (1..MEMBERS).map(|i| users::ActiveModel {
            email: Set(format!("resident{i:05}@city.test")),
            display_name: Set(format!("Resident {i:05}")),
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
        .filter(|u| u.email.starts_with("resident"))
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
    let secret = "bench-budget-secret".to_owned();
    let hours = time::Duration::hours;
    let round = budget_rounds::Entity::insert(budget_rounds::ActiveModel {
        team_id: Set(team_id),
        title: Set("District budget 2027".to_owned()),
        purpose: Set("Greener, safer streets in every neighbourhood.".to_owned()),
        amount: Set(100_000_000),
        currency: Set("EUR".to_owned()),
        ideas_open_at: Set(now - hours(72)),
        review_at: Set(now - hours(48)),
        voting_open_at: Set(now - hours(24)),
        voting_close_at: Set(now + hours(1)),
        ballot_type: Set(budget_rounds::BallotType::Approval),
        ballot_max: Set(None),
        rule: Set(budget_rounds::BudgetRule::Mes),
        privacy: Set(budget_rounds::Privacy::Secret),
        ballot_secret: Set(Some(secret.clone())),
        imported: Set(false),
        phase_seen: Set(budget_rounds::PhaseSeen::Voting),
        created_by: Set(Some(leader.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await
    .unwrap()
    .last_insert_id;
    let mut g = Gen(14);
    insert_chunks(
        db,
        (0..IDEAS).map(|i| budget_ideas::ActiveModel {
            round_id: Set(round),
            code: Set(format!("p{i:04}")),
            author_id: Set(Some(member_ids[i % member_ids.len()])),
            title: Set(format!("Idea {i:04}: trees and benches on street {i}")),
            description: Set(
                "Plant trees and put benches where people wait for the bus.".to_owned()
            ),
            location: Set(String::new()),
            cost: Set(500_000 + (g.below(40) as i64) * 250_000),
            original_cost: Set(None),
            cost_reason: Set(None),
            status: Set(budget_ideas::IdeaStatus::Feasible),
            status_reason: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }),
    )
    .await;
    let ideas: Vec<IdeaId> = budget_ideas::Entity::find()
        .all(db)
        .await
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    let ballots: Vec<_> = member_ids
        .iter()
        .map(|id| {
            let want = 5 + g.below(11);
            let mut chosen: Vec<IdeaId> = Vec::new();
            while chosen.len() < want {
                let pick = ideas[g.below(IDEAS).min(g.below(IDEAS))];
                if !chosen.contains(&pick) {
                    chosen.push(pick);
                }
            }
            budget_ballots::ActiveModel {
                round_id: Set(round),
                voter_key: Set(voter_key(&secret, *id)),
                voter_id: Set(None),
                selection: Set(serde_json::to_string(&chosen).unwrap()),
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
            .map(|id| budget_participation::ActiveModel {
                round_id: Set(round),
                user_id: Set(*id),
                first_voted_at: Set(now),
                last_voted_at: Set(now),
                changes: Set(0),
                ..Default::default()
            }),
    )
    .await;
    (created.team.slug, round)
}

fn row(name: &str, f: &bench_common::Figures) {
    println!(
        "| {name} | {:.1} ms | {:.1} ms | {:.0} KB | {:?} |",
        f.p50.as_secs_f64() * 1000.0,
        f.p99.as_secs_f64() * 1000.0,
        f.bytes as f64 / 1024.0,
        f.statuses
    );
}

#[tokio::main]
async fn main() {
    let requests: usize = std::env::var("BUDGET_BENCH_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(320);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let settings = Settings {
        data_dir: dir.path().to_path_buf(),
        port: 0,
        log: "warn".to_owned(),
        database_url: Some(DatabaseUrl::new(format!("sqlite://{}", path.display()))),
        ..Settings::default()
    };
    let now = OffsetDateTime::now_utc();
    let clock = Arc::new(ManualClock::new(now));
    let app = Application::build_with(settings, clock.clone(), |_| {})
        .await
        .unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    let db = app.database().conn.clone();
    let started = Instant::now();
    let (slug, round) = seed(&db, now).await;
    eprintln!("seeded in {:.1} s", started.elapsed().as_secs_f64());
    tokio::spawn(app.run_until_stopped());
    let client = sign_in(&base, "leader@city.test").await;
    let page = format!("{base}/teams/{slug}/budgets/{round}");
    println!(
        "Budget benchmark on SQLite: {MEMBERS} members, {IDEAS} ideas, {MEMBERS} ballots; {requests} requests per page, {CONCURRENCY} concurrent."
    );
    println!("Load average before: {}", loadavg());
    println!();
    println!("| Page | p50 | p99 | Size | Statuses |");
    println!("| --- | ---: | ---: | ---: | --- |");
    row(
        "ballot (voting open)",
        &measure(&client, &format!("{page}/ballot"), requests).await,
    );
    clock.advance(time::Duration::hours(1) + time::Duration::minutes(1));
    let started = Instant::now();
    let done = compute::compute_round(&db, round, clock.now())
        .await
        .unwrap();
    let compute_time = started.elapsed();
    row(
        "results (computed)",
        &measure(&client, &format!("{page}/results"), requests).await,
    );
    // Published: the leader's page carries the follow-through and action forms, whose owner
    // fields share one list of the team's members.
    let leader_id = users::Entity::find()
        .filter(users::Column::Email.eq("leader@city.test"))
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .id;
    publish::publish(
        &db,
        roundtable::access::Principal {
            user_id: Some(leader_id),
            is_admin: false,
            zone: None,
        },
        &slug,
        round,
        &HashMap::new(),
        clock.now(),
    )
    .await
    .unwrap();
    row(
        "results (published, leader's forms)",
        &measure(&client, &format!("{page}/results"), requests).await,
    );
    println!();
    println!(
        "Computation at close (load, MES with completion + greedy, store, unlink {MEMBERS} secret ballots): {:.0} ms (this call computed: {done})",
        compute_time.as_secs_f64() * 1000.0
    );
    println!("Load average after: {}", loadavg());
}
