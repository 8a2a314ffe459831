//! Kill -9 around the close of voting, while the tally runs (in the background every 5 s, or
//! on the first visit to the results page), and again while the restarted server tallies at
//! start-up: each meeting is tallied exactly once and its result equals a recount.

use std::time::Instant;

use futures_util::future::{join, join_all};
use time::{Duration, OffsetDateTime};

use crate::checks::{audit_chain_verifies, database_sound, tallied_once};
use crate::helpers::{FreshDb, fresh_database};
use crate::plan::plan;
use crate::server::Server;
use crate::voters::Voter;
use crate::world::{Meeting, build, minute_of};

/// Members voting at once.
const VOTERS: usize = 24;
/// One close round per this many rounds (each waits for a minute to turn).
const ROUNDS_PER_CLOSE: usize = 5;
/// The least time between setting up a round and its close: start, sign-ins, some voting.
const LEAD: Duration = Duration::seconds(10);
/// How long the restarted server may take to store every tally.
const TALLY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// How long from now until `at` (zero if it has passed).
fn until(at: OffsetDateTime) -> std::time::Duration {
    (at - OffsetDateTime::now_utc())
        .try_into()
        .unwrap_or_default()
}

/// How many of `meetings` have a stored tally.
async fn tallied(db: &roundtable::store::Database, meetings: &[Meeting]) -> usize {
    let mut n = 0;
    for meeting in meetings {
        let row = roundtable::service::meetings::stored_tally(&db.conn, meeting.id)
            .await
            .unwrap();
        n += usize::from(row.is_some());
    }
    n
}

#[tokio::test]
async fn a_kill_around_the_close_tallies_each_meeting_exactly_once() {
    let mut plan = plan("close", 0x00C1_05E0);
    let rounds = plan.rounds.div_ceil(ROUNDS_PER_CLOSE);
    let FreshDb { settings, guard } = fresh_database();
    let world = build(&settings, VOTERS).await;
    let mut server = Server::new(&settings);
    let mut voters: Vec<Voter> = world
        .members
        .iter()
        .map(|m| Voter::new(m.clone(), plan.rng.fork()))
        .collect();
    let mut all: Vec<Meeting> = Vec::new();
    let started = Instant::now();
    for round in 1..=rounds {
        // Voting closes on the first whole minute at least LEAD away.
        let close = minute_of(OffsetDateTime::now_utc() + LEAD) + Duration::minutes(1);
        let meetings = [
            world
                .meeting("open", "after_close", "sequential_irv", close, 5)
                .await,
            world
                .meeting("secret", "after_close", "sequential_irv", close, 5)
                .await,
            world
                .meeting("open", "after_close", "equal_shares", close, 6)
                .await,
        ];
        all.extend(meetings.iter().cloned());
        if server.starts == 0 {
            server.start().await;
            for voter in &mut voters {
                voter.sign_in(&server.base).await;
            }
        }
        // The background tally runs within 5 s of the close, or a results page runs it first.
        let offset_ms = plan.rng.below(7000) as i64 - 1000;
        let kill_at = close + Duration::milliseconds(offset_ms);
        let base = server.base.clone();
        let slug = world.slug.clone();
        let voting = join_all(voters.iter_mut().map(|v| {
            let (base, slug, meetings) = (&base, &slug, &meetings);
            async move {
                v.vote(base, slug, meetings, (200, 800), true).await;
                v.read_results(base, slug, meetings).await;
            }
        }));
        let kill = async {
            tokio::time::sleep(until(kill_at)).await;
            server.kill();
        };
        join(voting, kill).await;
        let at_kill = tallied(&world.db, &meetings).await;
        // Again while the restarted server tallies what is due at start-up.
        let again = plan.rng.millis(100, 1500);
        server.spawn();
        tokio::time::sleep(again).await;
        server.kill();
        let at_second_kill = tallied(&world.db, &meetings).await;
        server.start().await;

        let deadline = Instant::now() + TALLY_TIMEOUT;
        for meeting in &meetings {
            while roundtable::service::meetings::stored_tally(&world.db.conn, meeting.id)
                .await
                .unwrap()
                .is_none()
            {
                assert!(Instant::now() < deadline, "no tally after the restart");
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }
        let mut counted = 0;
        for meeting in &all {
            counted += tallied_once(&world.db, meeting, &voters).await;
            let url = format!(
                "{}/teams/{}/meetings/{}/results",
                server.base, world.slug, meeting.id
            );
            assert_eq!(voters[0].get_status(&url).await, 200, "{url}");
        }
        database_sound(&world.db).await;
        audit_chain_verifies(&server);
        let failures: Vec<&String> = voters.iter().flat_map(|v| &v.failures).collect();
        assert!(
            failures.is_empty(),
            "round {round}: {failures:#?}\n{}",
            server.log_tail()
        );
        let acks: usize = voters
            .iter()
            .flat_map(|v| v.records.values())
            .map(|r| r.acks)
            .sum();
        eprintln!(
            "crash/close round {round}/{rounds}: killed {:+.1} s from the close ({at_kill}/3 \
             tallied), again {:.1} s after the restart ({at_second_kill}/3 tallied); {} meetings \
             tallied once each, {counted} ballots counted, {acks} ballots acknowledged so far, \
             lost 0",
            offset_ms as f64 / 1000.0,
            again.as_secs_f64(),
            all.len()
        );
    }
    let errors = server.errors_logged();
    assert!(errors.is_empty(), "the server logged errors: {errors:#?}");
    eprintln!(
        "crash/close: {rounds} rounds in {:.0} s, seed {}",
        started.elapsed().as_secs_f64(),
        plan.seed
    );
    drop(server);
    drop(world);
    drop(guard);
}
