//! Secret ballots stay secret on disk: after the tally, neither the meeting's ballot secret nor
//! any voter key can be read back from the raw bytes of the database (SQLite's main file and
//! `-wal`; PostgreSQL's pages of every table and index), while the server runs and after it
//! stopped.

use roundtable::service::meetings::ballots::voter_key;
use roundtable::store::Backend;
use roundtable::store::entities::{agenda_ballots, meetings, users};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter,
    Statement,
};
use time::Duration;

use crate::helpers::{
    Browser, TestApp, add_member, connect, create_person, seed, signed_in, spawn_app,
};
use crate::meeting_helpers::{
    WINDOW_HOURS, create_meeting, proposal_ids, propose, signed_in_from, vote,
};

/// Every byte of the database as an operator with file access would read it, by source.
pub(crate) async fn raw_bytes(app: &TestApp) -> Vec<(String, Vec<u8>)> {
    match app.db.backend {
        Backend::Sqlite => sqlite_files(app),
        Backend::Postgres => postgres_pages(&app.db.conn).await,
    }
}

fn sqlite_files(app: &TestApp) -> Vec<(String, Vec<u8>)> {
    let main = app.settings.data_dir.join("test.db");
    let mut out = vec![("test.db".to_owned(), std::fs::read(&main).unwrap())];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = main.clone().into_os_string();
        name.push(suffix);
        if let Ok(more) = std::fs::read(&name) {
            out.push((format!("test.db{suffix}"), more));
        }
    }
    out
}

/// Every page of every table, index and TOAST table of the test database, read with
/// `pageinspect`, plus the relation files themselves when this process may read them.
async fn postgres_pages(db: &DatabaseConnection) -> Vec<(String, Vec<u8>)> {
    let backend = db.get_database_backend();
    db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pageinspect")
        .await
        .unwrap();
    let relations = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT c.oid::regclass::text AS name, \
                    (pg_relation_size(c.oid) / current_setting('block_size')::int)::bigint AS pages, \
                    current_setting('data_directory') || '/' || pg_relation_filepath(c.oid) AS path \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname IN ('public', 'pg_toast') AND c.relkind IN ('r', 'i', 't') \
               AND c.relpersistence = 'p'",
        ))
        .await
        .unwrap();
    let mut out = Vec::new();
    for row in relations {
        let name: String = row.try_get("", "name").unwrap();
        let pages: i64 = row.try_get("", "pages").unwrap();
        let path: String = row.try_get("", "path").unwrap();
        let mut bytes = Vec::new();
        for page in 0..pages {
            let raw = db
                .query_one_raw(Statement::from_sql_and_values(
                    backend,
                    "SELECT get_raw_page($1, $2::int) AS page",
                    [name.clone().into(), page.into()],
                ))
                .await;
            let raw = match raw {
                Ok(raw) => raw.unwrap(),
                // A vacuum (the server's background work runs beside the scan) truncated the
                // relation after its size was read: the pages past its end are gone, and
                // their bytes with them (the file itself is read below).
                Err(e) if e.to_string().contains("out of range for relation") => break,
                Err(e) => panic!("reading page {page} of {name}: {e}"),
            };
            let page: Vec<u8> = raw.try_get("", "page").unwrap();
            bytes.extend(page);
        }
        out.push((format!("{name} (pageinspect)"), bytes));
        if let Ok(file) = std::fs::read(&path) {
            out.push((format!("{name} ({path})"), file));
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// The secret and every voter key, as text (hex) and as the raw bytes the hex stands for.
pub(crate) fn secrets(secret: &str, keys: &[String]) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![
        (format!("secret {secret}"), secret.as_bytes().to_vec()),
        (format!("secret bytes {secret}"), unhex(secret)),
    ];
    for key in keys {
        out.push((format!("voter key {key}"), key.as_bytes().to_vec()));
        out.push((format!("voter key bytes {key}"), unhex(key)));
    }
    out
}

pub(crate) fn found_in(sources: &[(String, Vec<u8>)], needle: &[u8]) -> bool {
    sources.iter().any(|(_, bytes)| contains(bytes, needle))
}

pub(crate) fn leftovers(
    sources: &[(String, Vec<u8>)],
    needles: &[(String, Vec<u8>)],
) -> Vec<String> {
    needles
        .iter()
        .flat_map(|(what, n)| {
            sources
                .iter()
                .filter(|(_, bytes)| contains(bytes, n))
                .map(move |(source, _)| format!("{what} in {source}"))
        })
        .collect()
}

/// Every member's voter key under `secret`, whether they voted or not, sorted.
pub(crate) async fn all_voter_keys(app: &TestApp, secret: &str) -> Vec<String> {
    let mut keys: Vec<String> = users::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .iter()
        .map(|u| voter_key(secret, u.id))
        .collect();
    keys.sort_unstable();
    keys
}

/// The database's bytes once no needle is left in them, or after a minute. Once a second:
/// each scan takes the tables' locks, which the erasure also needs, so scanning without pause
/// would keep it waiting.
pub(crate) async fn scan_until_clean(
    app: &TestApp,
    needles: &[(String, Vec<u8>)],
) -> Vec<(String, Vec<u8>)> {
    let mut running = raw_bytes(app).await;
    for _ in 0..60 {
        if leftovers(&running, needles).is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        running = raw_bytes(app).await;
    }
    if app.db.backend == Backend::Postgres && !leftovers(&running, needles).is_empty() {
        // What may have kept old row versions alive: every other session in this database.
        let sessions = app
            .db
            .conn
            .query_all_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT datname || ' ' || coalesce(state, '') || ' xmin=' || coalesce(backend_xmin::text, '-') \
                 || ' xid=' || coalesce(backend_xid::text, '-') || ' since ' \
                 || coalesce(xact_start::text, '-') || ': ' || left(query, 200) AS line \
                 FROM pg_stat_activity WHERE datname = current_database() \
                 AND pid <> pg_backend_pid()",
            ))
            .await
            .unwrap();
        for row in sessions {
            eprintln!("session: {}", row.try_get::<String>("", "line").unwrap());
        }
    }
    running
}

async fn voters(app: &TestApp, world: &crate::helpers::World, slug: &str) -> Vec<Browser> {
    let mut out = Vec::new();
    for i in 0..5_u8 {
        let person = create_person(app, &format!("Hidden{i}"), false).await;
        add_member(app, &world.leader, slug, &person, "member").await;
        out.push(signed_in_from(app, &person, 2 + i).await);
    }
    out
}

#[tokio::test]
async fn after_the_tally_the_database_files_hold_no_ballot_secret_or_voter_key() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    for title in ["Timetable", "Rubric", "Trip"] {
        propose(&leader, slug, id, title, 10).await;
    }
    let items = proposal_ids(&app, id).await;
    let people = voters(&app, &world, slug).await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    // Keeps the leader's session alive across the next clock jump.
    let page = leader.get(&format!("/teams/{slug}/meetings/{id}")).await;
    assert_eq!(page.status(), 200);
    for (i, person) in people.iter().enumerate() {
        let mut order = items.clone();
        order.rotate_left(i % 3);
        assert_eq!(vote(person, slug, id, &order).await.status(), 200);
        // Changing one's mind leaves an older version of the row behind.
        order.reverse();
        assert_eq!(vote(person, slug, id, &order).await.status(), 200);
    }

    let secret = meetings::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .ballot_secret
        .expect("a secret while voting is open");
    let ballots = agenda_ballots::Entity::find()
        .filter(agenda_ballots::Column::MeetingId.eq(id))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(ballots.len(), people.len());
    let keys = all_voter_keys(&app, &secret).await;
    for b in &ballots {
        assert!(keys.contains(&b.voter_key));
    }
    let needles = secrets(&secret, &keys);
    // The scan sees what is stored: during voting the secret is there to be found.
    assert!(found_in(&raw_bytes(&app).await, secret.as_bytes()));

    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    let results = leader
        .get(&format!("/teams/{slug}/meetings/{id}/results"))
        .await;
    assert_eq!(results.status(), 200);

    // A copy taken while the server still runs. The background task may be the one that
    // tallied, still erasing when the page answers: allow it time on a loaded machine.
    let running = scan_until_clean(&app, &needles).await;
    let receipt = agenda_ballots::Entity::find()
        .filter(agenda_ballots::Column::MeetingId.eq(id))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .receipt_hash;
    assert!(
        found_in(&running, receipt.as_bytes()),
        "the scan reads the ballot table"
    );
    let found = leftovers(&running, &needles);
    assert!(found.is_empty(), "after the tally the files hold {found:?}");

    // And after a clean shutdown.
    app.server.stop(true).await;
    app.db.conn.close_by_ref().await.unwrap();
    let stopped = match app.db.backend {
        Backend::Sqlite => sqlite_files(&app),
        Backend::Postgres => {
            // The pool's connections lived on the stopped server's runtimes: read anew.
            let db = connect(&app.settings).await;
            let pages = postgres_pages(&db.conn).await;
            db.conn.close_by_ref().await.unwrap();
            pages
        }
    };
    let found = leftovers(&stopped, &needles);
    assert!(found.is_empty(), "after shutdown the files hold {found:?}");
}

/// A session that took its snapshot before the tally (a report, a backup) and reads another
/// table, so it holds no lock the eraser waits for.
enum Reader {
    Postgres(sea_orm::sqlx::pool::PoolConnection<sea_orm::sqlx::Postgres>),
    Sqlite(sea_orm::sqlx::pool::PoolConnection<sea_orm::sqlx::Sqlite>),
    /// A writing transaction in another database of the same PostgreSQL cluster.
    Elsewhere(sea_orm::sqlx::PgConnection),
}

/// Where the session held across the tally runs.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    ThisDatabase,
    AnotherDatabase,
}

impl Reader {
    /// A transaction that has taken a transaction id in the cluster's base database (the one
    /// the test databases are created from); it reads nothing of the test's own database.
    async fn elsewhere() -> Self {
        use sea_orm::sqlx::{Connection, query};
        let base = std::env::var(crate::helpers::TEST_DB_ENV).unwrap();
        let mut conn = sea_orm::sqlx::PgConnection::connect(&base).await.unwrap();
        query("BEGIN").execute(&mut conn).await.unwrap();
        query("SELECT txid_current()")
            .execute(&mut conn)
            .await
            .unwrap();
        Self::Elsewhere(conn)
    }

    async fn begin(app: &TestApp) -> Self {
        use sea_orm::sqlx::query;
        match app.db.backend {
            Backend::Postgres => {
                let mut conn = app
                    .db
                    .conn
                    .get_postgres_connection_pool()
                    .acquire()
                    .await
                    .unwrap();
                query("BEGIN ISOLATION LEVEL REPEATABLE READ")
                    .execute(&mut *conn)
                    .await
                    .unwrap();
                query("SELECT count(*) FROM users")
                    .execute(&mut *conn)
                    .await
                    .unwrap();
                Self::Postgres(conn)
            }
            Backend::Sqlite => {
                let mut conn = app
                    .db
                    .conn
                    .get_sqlite_connection_pool()
                    .acquire()
                    .await
                    .unwrap();
                query("BEGIN").execute(&mut *conn).await.unwrap();
                query("SELECT count(*) FROM users")
                    .execute(&mut *conn)
                    .await
                    .unwrap();
                Self::Sqlite(conn)
            }
        }
    }

    async fn end(self) {
        use sea_orm::sqlx::query;
        match self {
            Self::Postgres(mut conn) => drop(query("COMMIT").execute(&mut *conn).await.unwrap()),
            Self::Sqlite(mut conn) => drop(query("COMMIT").execute(&mut *conn).await.unwrap()),
            Self::Elsewhere(mut conn) => drop(query("COMMIT").execute(&mut conn).await.unwrap()),
        }
    }
}

#[tokio::test]
async fn a_reader_open_since_before_the_tally_does_not_keep_voter_keys_on_disk() {
    // Ends within the eraser's wait: the first erasure is clean.
    reader_across_the_tally(std::time::Duration::from_secs(2), Place::ThisDatabase).await;
}

#[tokio::test]
async fn a_transaction_in_another_database_open_across_the_tally_does_not_keep_voter_keys() {
    // PostgreSQL only: every snapshot, the eraser's own included, reaches back to the oldest
    // transaction running in any database of the cluster (other apps, other test databases).
    // SQLite databases are separate files; the reader above covers SQLite.
    reader_across_the_tally(std::time::Duration::from_secs(2), Place::AnotherDatabase).await;
}

#[tokio::test]
async fn a_reader_open_past_the_erasers_wait_is_outlasted_by_the_background_retry() {
    // Outlasts the eraser's wait (5 s): the background task erases again once it has ended.
    reader_across_the_tally(std::time::Duration::from_secs(9), Place::ThisDatabase).await;
}

async fn reader_across_the_tally(hold: std::time::Duration, place: Place) {
    let app = spawn_app().await;
    if place == Place::AnotherDatabase && app.db.backend != Backend::Postgres {
        eprintln!("PostgreSQL only: SQLite databases share no transaction horizon");
        return;
    }
    let world = seed(&app).await;
    let slug = &world.team_a;
    let leader = signed_in(&app, &world.leader).await;
    let id = create_meeting(&app, &leader, slug, "secret").await;
    for title in ["Timetable", "Rubric"] {
        propose(&leader, slug, id, title, 10).await;
    }
    let items = proposal_ids(&app, id).await;
    let people = voters(&app, &world, slug).await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    let page = leader.get(&format!("/teams/{slug}/meetings/{id}")).await;
    assert_eq!(page.status(), 200);
    for (i, person) in people.iter().enumerate() {
        let mut order = items.clone();
        order.rotate_left(i % 2);
        assert_eq!(vote(person, slug, id, &order).await.status(), 200);
    }
    let secret = meetings::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .ballot_secret
        .expect("a secret while voting is open");
    let keys = all_voter_keys(&app, &secret).await;
    let needles = secrets(&secret, &keys);

    // The reader's snapshot predates the tally: on PostgreSQL `VACUUM FULL` would copy the
    // deleted rows as "recently dead", on SQLite the reader blocks the WAL checkpoint.
    let reader = match place {
        Place::ThisDatabase => Reader::begin(&app).await,
        Place::AnotherDatabase => Reader::elsewhere().await,
    };
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    let address = format!("/teams/{slug}/meetings/{id}/results");
    let results = leader.get(&address);
    let release = async {
        tokio::time::sleep(hold).await;
        reader.end().await;
    };
    let (results, ()) = tokio::join!(results, release);
    assert_eq!(results.status(), 200);

    let running = scan_until_clean(&app, &needles).await;
    let found = leftovers(&running, &needles);
    assert!(found.is_empty(), "after the tally the files hold {found:?}");
}
