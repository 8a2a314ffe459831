//! The ledger's books balance whatever members do, through the real services and database:
//! random sequences of record / confirm / adjust / dispute / resolve / reverse and the clock
//! moving on, each on a fresh database (SQLite, or PostgreSQL with
//! `ROUNDTABLE_TEST_DATABASE_URL`). After every step:
//!
//! - Σ given = Σ received over the team (minutes and counts);
//! - each member's totals are exactly the confirmed, unreversed exchanges read straight from
//!   the table, so pending (and disputed, rejected, expired, reversed) entries never count;
//! - every balance index lies in [−1, 1].
//!
//! Few cases (each starts a server and a database), so the suite stays quick.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use roundtable::access::Principal;
use roundtable::domain::clock::Clock;
use roundtable::domain::ledger::balance_index;
use roundtable::service::ServiceError;
use roundtable::service::ledger::exchanges::{self, ExchangeForm, MoveForm, MoveKind};
use roundtable::service::ledger::views::{self, SortKey, Window};
use roundtable::store::entities::help_exchanges;
use roundtable::store::entities::help_exchanges::{EntryKind, EntryStatus};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::helpers::{Person, TestApp, add_member, create_person, create_team, spawn_app};

/// People of the team: 0 and 1 lead (so that a dispute always has a leader outside it),
/// 2 and 3 are members.
const PEOPLE: usize = 4;

#[derive(Debug, Clone)]
enum Op {
    /// `by` records help with `other`: given (`gave`) or received; `repeat` reuses the last
    /// idempotency key (a double submit).
    Record {
        by: usize,
        other: usize,
        gave: bool,
        minutes: i32,
        days_ago: i64,
        repeat: bool,
    },
    /// Lee, a leader, records that `helper` helped `helped`.
    Between {
        helper: usize,
        helped: usize,
        minutes: i32,
    },
    /// `who` makes a move on the `entry`-th entry recorded so far (modulo their number),
    /// among those whose status suits the move when `fitting`.
    Move {
        entry: usize,
        fitting: bool,
        who: Who,
        kind: Kind,
        minutes: i32,
    },
    /// Time passes (pending entries lapse after 14 days).
    Advance { days: i64 },
}

/// Who makes a move: mostly someone who may (so that entries really move on), sometimes
/// anyone (so that refusals are exercised too).
#[derive(Debug, Clone, Copy)]
enum Who {
    /// The person whose answer the entry awaits (else its helper).
    Awaited,
    /// The helper (`true`) or the helped person.
    Party(bool),
    /// Anyone in the team.
    Anyone(usize),
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Confirm,
    Adjust,
    Dispute,
    Resolve { confirm: bool, keep_minutes: bool },
    Reverse,
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        3 => Just(Kind::Confirm),
        2 => Just(Kind::Adjust),
        3 => Just(Kind::Dispute),
        3 => (any::<bool>(), any::<bool>())
            .prop_map(|(confirm, keep_minutes)| Kind::Resolve { confirm, keep_minutes }),
        1 => Just(Kind::Reverse),
    ]
}

fn who() -> impl Strategy<Value = Who> {
    prop_oneof![
        3 => Just(Who::Awaited),
        2 => any::<bool>().prop_map(Who::Party),
        1 => (0..PEOPLE).prop_map(Who::Anyone),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..PEOPLE, 0..PEOPLE, any::<bool>(), 1i32..=240, 0i64..20, proptest::bool::weighted(0.15))
            .prop_map(|(by, other, gave, minutes, days_ago, repeat)| Op::Record {
                by, other, gave, minutes, days_ago, repeat
            }),
        1 => (1..PEOPLE, 1..PEOPLE, 1i32..=240)
            .prop_map(|(helper, helped, minutes)| Op::Between { helper, helped, minutes }),
        6 => (any::<usize>(), proptest::bool::weighted(0.8), who(), kind(), 1i32..=240)
            .prop_map(|(entry, fitting, who, kind, minutes)| Op::Move {
                entry, fitting, who, kind, minutes
            }),
        1 => (1i64..8).prop_map(|days| Op::Advance { days }),
    ]
}

fn principal(person: &Person) -> Principal {
    Principal {
        user_id: Some(person.id),
        is_admin: false,
        zone: None,
    }
}

/// Refusals (not allowed, not visible, moved on, bad input) are part of the game; anything
/// else is a bug.
fn expected_refusal<T>(result: Result<T, ServiceError>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(
            ServiceError::Forbidden
            | ServiceError::NotFound
            | ServiceError::Conflict(_)
            | ServiceError::Invalid(_),
        ) => None,
        Err(other) => panic!("unexpected service error: {other:?}"),
    }
}

struct Game {
    app: TestApp,
    slug: String,
    team_id: roundtable::domain::ids::TeamId,
    people: Vec<Person>,
    /// Ids of entries recorded so far (reversing entries included: they can be acted on too).
    entries: Vec<roundtable::domain::ids::ExchangeId>,
    last_key: Option<String>,
    step: usize,
}

impl Game {
    async fn new() -> Self {
        let app = spawn_app().await;
        let admin = create_person(&app, "Admin", true).await;
        let mut people = vec![create_person(&app, "Lee", false).await];
        let slug = create_team(&app, &admin, "Prop Team", &people[0]).await;
        for (name, role) in [("Ana", "leader"), ("Bo", "member"), ("Cy", "member")] {
            let person = create_person(&app, name, false).await;
            add_member(&app, &people[0], &slug, &person, role).await;
            people.push(person);
        }
        let team_id = roundtable::service::ledger::access(
            &app.db.conn,
            principal(&people[0]),
            &slug,
            roundtable::access::Action::ViewOwnLedger,
        )
        .await
        .unwrap()
        .team
        .id;
        Self {
            app,
            slug,
            team_id,
            people,
            entries: Vec::new(),
            last_key: None,
            step: 0,
        }
    }

    fn key(&mut self, repeat: bool) -> String {
        self.step += 1;
        match (&self.last_key, repeat) {
            (Some(key), true) => key.clone(),
            _ => {
                let key = format!("prop-key-{}", self.step);
                self.last_key = Some(key.clone());
                key
            }
        }
    }

    async fn play(&mut self, op: &Op) {
        let conn = self.app.db.conn.clone();
        let db = &conn;
        let now = self.app.clock.now();
        match *op {
            Op::Record {
                by,
                other,
                gave,
                minutes,
                days_ago,
                repeat,
            } => {
                let form = ExchangeForm {
                    direction: if gave { "gave" } else { "received" }.to_owned(),
                    person: self.people[other].id.to_string(),
                    minutes: minutes.to_string(),
                    date: (now.date() - time::Duration::days(days_ago)).to_string(),
                    idempotency_key: self.key(repeat),
                    ..ExchangeForm::default()
                };
                let result =
                    exchanges::record(db, principal(&self.people[by]), &self.slug, &form, now)
                        .await;
                if let Some(recorded) = expected_refusal(result)
                    && !recorded.duplicate
                {
                    self.entries.push(recorded.id);
                }
            }
            Op::Between {
                helper,
                helped,
                minutes,
            } => {
                let form = ExchangeForm {
                    direction: "between".to_owned(),
                    helper: self.people[helper].id.to_string(),
                    helped: self.people[helped].id.to_string(),
                    minutes: minutes.to_string(),
                    idempotency_key: self.key(false),
                    ..ExchangeForm::default()
                };
                let result =
                    exchanges::record(db, principal(&self.people[0]), &self.slug, &form, now).await;
                if let Some(recorded) = expected_refusal(result) {
                    self.entries.push(recorded.id);
                }
            }
            Op::Move {
                entry,
                fitting,
                who,
                kind,
                minutes,
            } => {
                // Mostly an entry whose stored status suits the move (so that disputes get
                // resolved and confirmed entries reversed), sometimes any entry.
                let suits = match kind {
                    Kind::Confirm | Kind::Adjust | Kind::Dispute => EntryStatus::Pending,
                    Kind::Resolve { .. } => EntryStatus::Disputed,
                    Kind::Reverse => EntryStatus::Confirmed,
                };
                let rows = help_exchanges::Entity::find()
                    .filter(help_exchanges::Column::Id.is_in(self.entries.clone()))
                    .all(db)
                    .await
                    .unwrap();
                let suitable: Vec<&help_exchanges::Model> =
                    rows.iter().filter(|r| r.status == suits).collect();
                let pool: Vec<&help_exchanges::Model> = if fitting && !suitable.is_empty() {
                    suitable
                } else {
                    rows.iter().collect()
                };
                let Some(&row) = pool.get(entry % pool.len().max(1)) else {
                    return;
                };
                let id = row.id;
                let user = match who {
                    Who::Awaited => row.awaiting_id.unwrap_or(row.helper_id),
                    Who::Party(true) => row.helper_id,
                    Who::Party(false) => row.helped_id,
                    Who::Anyone(i) => self.people[i].id,
                };
                let by = self.people.iter().position(|p| p.id == user).unwrap();
                let (kind, form, by) = match kind {
                    Kind::Confirm => (MoveKind::Confirm, MoveForm::default(), by),
                    Kind::Adjust => (
                        MoveKind::Adjust,
                        MoveForm {
                            minutes: minutes.to_string(),
                            ..MoveForm::default()
                        },
                        by,
                    ),
                    Kind::Dispute => (
                        MoveKind::Dispute,
                        MoveForm {
                            reason: "That is not how it went.".to_owned(),
                            ..MoveForm::default()
                        },
                        by,
                    ),
                    // A leader outside the dispute resolves it (when `who` is `Awaited`), so
                    // that resolutions actually happen; otherwise whoever `who` names tries.
                    Kind::Resolve {
                        confirm,
                        keep_minutes,
                    } => (
                        MoveKind::Resolve,
                        MoveForm {
                            decision: if confirm { "confirm" } else { "reject" }.to_owned(),
                            minutes: if keep_minutes {
                                String::new()
                            } else {
                                minutes.to_string()
                            },
                            reason: "Talked with both of them.".to_owned(),
                            ..MoveForm::default()
                        },
                        match who {
                            Who::Awaited => usize::from(
                                row.helper_id == self.people[0].id
                                    || row.helped_id == self.people[0].id,
                            ),
                            _ => by,
                        },
                    ),
                    Kind::Reverse => (
                        MoveKind::Reverse,
                        MoveForm {
                            reason: "Recorded by mistake.".to_owned(),
                            idempotency_key: self.key(false),
                            ..MoveForm::default()
                        },
                        by,
                    ),
                };
                let result = exchanges::act(
                    db,
                    principal(&self.people[by]),
                    &self.slug,
                    id,
                    kind,
                    &form,
                    now,
                )
                .await;
                if let Some(result_id) = expected_refusal(result)
                    && result_id != id
                {
                    self.entries.push(result_id);
                }
            }
            Op::Advance { days } => self.app.clock.advance(time::Duration::days(days)),
        }
    }

    /// The invariants, checked against the team view and the raw table.
    async fn check(&self, after: &Op) {
        let db = &self.app.db.conn;
        let now = self.app.clock.now();
        let leader = principal(&self.people[0]);
        let team = views::team_ledger(
            db,
            &roundtable::service::teams::Rosters::default(),
            leader,
            &self.slug,
            (Window::All, SortKey::Name, false),
            now,
        )
        .await
        .unwrap();

        let given: i64 = team.lines.iter().map(|l| l.totals.given_minutes).sum();
        let received: i64 = team.lines.iter().map(|l| l.totals.received_minutes).sum();
        let given_count: i64 = team.lines.iter().map(|l| l.totals.given_count).sum();
        let received_count: i64 = team.lines.iter().map(|l| l.totals.received_count).sum();
        assert_eq!(given, received, "Σ given ≠ Σ received after {after:?}");
        assert_eq!(given_count, received_count, "counts differ after {after:?}");

        // What should count, read straight from the table: confirmed exchanges that no
        // reversing entry points at. Pending, disputed, rejected or lapsed entries never count.
        let rows = help_exchanges::Entity::find()
            .filter(help_exchanges::Column::TeamId.eq(self.team_id))
            .all(db)
            .await
            .unwrap();
        let reversed: BTreeSet<_> = rows.iter().filter_map(|r| r.reverses_id).collect();
        let counted: Vec<&help_exchanges::Model> = rows
            .iter()
            .filter(|r| r.kind == EntryKind::Exchange && r.status == EntryStatus::Confirmed)
            .filter(|r| !reversed.contains(&r.id))
            .collect();
        let mut expected: BTreeMap<roundtable::domain::ids::UserId, (i64, i64, i64, i64)> =
            BTreeMap::new();
        for r in &counted {
            let helper = expected.entry(r.helper_id).or_default();
            helper.0 += i64::from(r.minutes);
            helper.1 += 1;
            let helped = expected.entry(r.helped_id).or_default();
            helped.2 += i64::from(r.minutes);
            helped.3 += 1;
        }
        for line in &team.lines {
            let t = line.totals;
            assert_eq!(
                (
                    t.given_minutes,
                    t.given_count,
                    t.received_minutes,
                    t.received_count
                ),
                expected.get(&line.id).copied().unwrap_or_default(),
                "totals of {} are not the confirmed entries after {after:?}",
                line.name
            );
            for index in [
                line.index,
                balance_index(t.given_minutes, t.received_minutes),
            ]
            .into_iter()
            .flatten()
            {
                assert!(
                    (-1.0..=1.0).contains(&index),
                    "index {index} of {} out of range after {after:?}",
                    line.name
                );
            }
        }
        let counted_minutes: i64 = counted.iter().map(|r| i64::from(r.minutes)).sum();
        assert_eq!(team.team_minutes, counted_minutes, "after {after:?}");
        assert_eq!(team.team_exchanges, counted.len() as i64, "after {after:?}");
        let pending_ids: BTreeSet<_> = rows
            .iter()
            .filter(|r| r.status == EntryStatus::Pending)
            .map(|r| r.id)
            .collect();
        assert!(
            counted.iter().all(|r| !pending_ids.contains(&r.id)),
            "a pending entry counted after {after:?}"
        );
    }

    /// Each person's own page agrees with the team table, and its index is in range.
    async fn check_personal_pages(&self) {
        let db = &self.app.db.conn;
        let now = self.app.clock.now();
        let team = views::team_ledger(
            db,
            &roundtable::service::teams::Rosters::default(),
            principal(&self.people[0]),
            &self.slug,
            (Window::All, SortKey::Name, false),
            now,
        )
        .await
        .unwrap();
        for person in &self.people {
            let mine = views::my_ledger(
                db,
                &roundtable::service::teams::Rosters::default(),
                principal(person),
                &self.slug,
                now,
                1,
            )
            .await
            .unwrap();
            let all_time = mine.periods.last().unwrap().totals;
            let line = team.lines.iter().find(|l| l.id == person.id).unwrap();
            assert_eq!(all_time, line.totals);
            if let Some(index) = mine.index {
                assert!((-1.0..=1.0).contains(&index));
            }
        }
    }
}

async fn play(ops: Vec<Op>) {
    let mut game = Game::new().await;
    for op in &ops {
        game.play(op).await;
        game.check(op).await;
    }
    game.check_personal_pages().await;
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 16,
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_books_balance_whatever_members_do(ops in proptest::collection::vec(op(), 1..40)) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(play(ops));
    }
}
