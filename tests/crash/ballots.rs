//! Kill -9 while voters cast and re-cast ballots: every acknowledged ballot survives, once.

use std::time::Instant;

use futures_util::future::{join, join_all};
use time::{Duration, OffsetDateTime};

use crate::checks::{acknowledged_ballots_kept, audit_chain_verifies, database_sound};
use crate::helpers::{FreshDb, fresh_database};
use crate::plan::plan;
use crate::server::Server;
use crate::voters::Voter;
use crate::world::{build, minute_of};

/// Members voting at once.
const VOTERS: usize = 30;

#[tokio::test]
async fn acknowledged_ballots_survive_kill_9_and_a_restart_exactly_once() {
    let mut plan = plan("ballots", 0x00BA_1107);
    let FreshDb { settings, guard } = fresh_database();
    let world = build(&settings, VOTERS).await;
    let far = minute_of(OffsetDateTime::now_utc()) + Duration::hours(6);
    // Open ballots with live results (the background count writes as voters vote), and
    // secret ballots.
    let meetings = [
        world
            .meeting("open", "live", "sequential_irv", far, 5)
            .await,
        world
            .meeting("secret", "after_close", "sequential_irv", far, 5)
            .await,
    ];
    let mut server = Server::new(&settings);
    server.start().await;
    let mut voters: Vec<Voter> = world
        .members
        .iter()
        .map(|m| Voter::new(m.clone(), plan.rng.fork()))
        .collect();
    for voter in &mut voters {
        voter.sign_in(&server.base).await;
    }

    let started = Instant::now();
    for round in 1..=plan.rounds {
        let after = plan.rng.millis(1000, 3000);
        let base = server.base.clone();
        let voting = join_all(
            voters
                .iter_mut()
                .map(|v| v.vote(&base, &world.slug, &meetings, (0, 20), false)),
        );
        let kill = async {
            tokio::time::sleep(after).await;
            server.kill();
        };
        join(voting, kill).await;
        server.start().await;

        let (mut acked, mut stored) = (0, 0);
        for meeting in &meetings {
            let (a, s) = acknowledged_ballots_kept(&world.db, meeting, &voters).await;
            acked += a;
            stored += s;
        }
        database_sound(&world.db).await;
        audit_chain_verifies(&server);
        let failures: Vec<&String> = voters.iter().flat_map(|v| &v.failures).collect();
        assert!(
            failures.is_empty(),
            "round {round}: {failures:#?}\n{}",
            server.log_tail()
        );
        let (acks, sent): (usize, usize) = voters
            .iter()
            .flat_map(|v| v.records.values())
            .fold((0, 0), |(a, s), r| (a + r.acks, s + r.sent));
        eprintln!(
            "crash/ballots round {round}/{}: killed after {:.1} s; {acks} ballots acknowledged \
             and {} unanswered so far; {acked} voter-meetings hold an acknowledged ballot, \
             {stored} ballots stored, lost 0",
            plan.rounds,
            after.as_secs_f64(),
            sent - acks,
        );
    }
    let errors = server.errors_logged();
    assert!(errors.is_empty(), "the server logged errors: {errors:#?}");
    eprintln!(
        "crash/ballots: {} rounds in {:.0} s, seed {}",
        plan.rounds,
        started.elapsed().as_secs_f64(),
        plan.seed
    );
    drop(server);
    drop(world);
    drop(guard);
}
