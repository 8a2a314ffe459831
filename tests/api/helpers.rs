//! `spawn_app()`: a real server on port 0 with a fresh database per test.

use std::path::PathBuf;
use std::sync::Arc;

use roundtable::domain::clock::ManualClock;

use roundtable::config::{DatabaseTarget, DatabaseUrl, Settings};
use roundtable::startup::Application;
use roundtable::store::Database;

/// Environment variable naming a PostgreSQL server URL for the second run of the suite.
pub const TEST_DB_ENV: &str = "ROUNDTABLE_TEST_DATABASE_URL";

/// A running test server and its private database.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Database,
    pub settings: Settings,
    pub clock: Arc<ManualClock>,
    /// Stops the server (`stop(true)` waits for requests in flight).
    pub server: actix_web::dev::ServerHandle,
    _guard: DbGuard,
}

impl TestApp {
    /// A separate browser (its own cookie jar) against this app.
    pub fn browser(&self) -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .cookie_store(true)
                .build()
                .unwrap(),
            base: self.address.clone(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request failed")
    }
}

/// A fresh database: a temporary SQLite file, or a new PostgreSQL database dropped afterwards.
pub struct FreshDb {
    pub settings: Settings,
    pub guard: DbGuard,
}

/// A fresh database with every migration applied, copied from a migrated template (a file
/// copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL) instead of migrating anew for
/// each test: the suite starts hundreds of servers.
pub fn fresh_database() -> FreshDb {
    fresh(true)
}

/// A fresh database with no tables at all (for the migration tests).
pub fn fresh_empty_database() -> FreshDb {
    fresh(false)
}

fn fresh(migrated: bool) -> FreshDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut settings = Settings {
        data_dir: dir.path().to_path_buf(),
        port: 0,
        log: "warn".to_owned(),
        // The suite starts hundreds of servers, most for a few requests: a PostgreSQL pool
        // opens connections as they are needed instead of keeping ten open (the default).
        pool: roundtable::config::PoolSettings {
            min_connections: Some(0),
            ..roundtable::config::PoolSettings::default()
        },
        ..Settings::default()
    };
    let mut guard = DbGuard {
        _dir: dir,
        postgres: None,
    };
    match std::env::var(TEST_DB_ENV) {
        Ok(base) if base.starts_with("postgres") => {
            let name = format!("rt_test_{}", uuid::Uuid::new_v4().simple());
            let mut url = url::Url::parse(&base).expect("valid test database URL");
            url.set_path(&name);
            if migrated {
                template::create_postgres_copy(&base, &name);
            }
            settings.database_url = Some(DatabaseUrl::new(url.to_string()));
            guard.postgres = Some((base, name));
        }
        _ => {
            let path: PathBuf = settings.data_dir.join("test.db");
            if migrated {
                std::fs::copy(template::sqlite(), &path).expect("copy the migrated template");
            }
            settings.database_url = Some(DatabaseUrl::new(format!("sqlite://{}", path.display())));
        }
    }
    FreshDb { settings, guard }
}

/// The migrated templates, made once per version of `migrations/` and reused across test
/// processes (named by a hash of the migrations' source, so a changed migration makes a new
/// one).
mod template {
    use std::path::{Path, PathBuf};
    use std::sync::OnceLock;

    use roundtable::config::{DatabaseUrl, Settings};
    use sea_orm::{ConnectionTrait, Statement};
    use sha2::{Digest, Sha256};

    /// A hash of every file under `migrations/src`, in name order.
    fn migrations_hash() -> String {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/src");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("read migrations/src")
            .map(|e| e.expect("migrations entry").path())
            .collect();
        files.sort();
        let mut hasher = Sha256::new();
        for file in files {
            hasher.update(file.file_name().unwrap().as_encoded_bytes());
            hasher.update(std::fs::read(&file).expect("read a migration"));
        }
        hasher.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Runs `work` on a thread with its own runtime (callers are inside a test's runtime).
    pub(super) fn on_own_runtime<T: Send + 'static>(
        work: impl std::future::Future<Output = T> + Send + 'static,
    ) -> T {
        std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
                .block_on(work)
        })
        .join()
        .expect("template thread")
    }

    async fn migrate(url: String) {
        let settings = Settings {
            database_url: Some(DatabaseUrl::new(url)),
            ..Settings::default()
        };
        let db = super::connect(&settings).await;
        roundtable::store::migrate_up(&db)
            .await
            .expect("migrate the template");
        if db.backend == roundtable::store::Backend::Sqlite {
            db.conn
                .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                .await
                .unwrap();
        }
        db.conn.close_by_ref().await.unwrap();
    }

    /// The migrated SQLite file, under the build's scratch folder.
    pub fn sqlite() -> &'static Path {
        static PATH: OnceLock<PathBuf> = OnceLock::new();
        PATH.get_or_init(|| {
            let path = Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("rt_tpl_{}.db", migrations_hash()));
            if !path.exists() {
                // Built beside it and renamed into place, so no process copies half a file.
                let building = path.with_extension(format!("{}.db", uuid::Uuid::new_v4().simple()));
                on_own_runtime(migrate(format!("sqlite://{}", building.display())));
                for suffix in ["-wal", "-shm"] {
                    let mut side = building.clone().into_os_string();
                    side.push(suffix);
                    let _ = std::fs::remove_file(side);
                }
                std::fs::rename(&building, &path).expect("move the template into place");
            }
            path
        })
    }

    /// Creates database `name` as a copy of the migrated PostgreSQL template.
    pub fn create_postgres_copy(base: &str, name: &str) {
        static TEMPLATE: OnceLock<String> = OnceLock::new();
        let template = TEMPLATE
            .get_or_init(|| {
                let base = base.to_owned();
                on_own_runtime(async move { postgres_template(&base).await })
            })
            .clone();
        let (base, name) = (base.to_owned(), name.to_owned());
        on_own_runtime(async move {
            let admin = admin(&base).await;
            let copy = format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
            if admin.execute_unprepared(&copy).await.is_err() {
                // A test process of other migrations (another checkout) replaced the template
                // since this one made or found it: make it again.
                postgres_template(&base).await;
                admin
                    .execute_unprepared(&copy)
                    .await
                    .expect("copy the template database");
            }
            admin.close().await.unwrap();
        });
    }

    /// A connection to the server's `postgres` database (to create and drop others).
    pub(super) async fn try_admin(
        base: &str,
    ) -> Result<sea_orm::DatabaseConnection, sea_orm::DbErr> {
        let mut url = url::Url::parse(base).unwrap();
        url.set_path("postgres");
        let mut options = sea_orm::ConnectOptions::new(url.to_string());
        options.max_connections(1).sqlx_logging(false);
        sea_orm::Database::connect(options).await
    }

    async fn admin(base: &str) -> sea_orm::DatabaseConnection {
        try_admin(base).await.expect("connect to PostgreSQL")
    }

    /// The advisory lock's key (arbitrary: "rt_tpl" in ASCII).
    const LOCK_KEY: i64 = 0x72745f74706c;

    /// Makes the template if no process has (under an advisory lock, so concurrent test
    /// binaries wait for one another), and removes templates of older migrations.
    async fn postgres_template(base: &str) -> String {
        let name = format!("rt_tpl_{}", migrations_hash());
        let admin = admin(base).await;
        let backend = admin.get_database_backend();
        admin
            .execute_unprepared(&format!("SELECT pg_advisory_lock({LOCK_KEY})"))
            .await
            .unwrap();
        let existing: Vec<String> = admin
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT datname FROM pg_database WHERE datname LIKE 'rt\\_tpl\\_%'",
            ))
            .await
            .unwrap()
            .iter()
            .map(|row| row.try_get::<String>("", "datname").unwrap())
            .collect();
        for stale in existing.iter().filter(|n| **n != name) {
            // Best effort: a template another checkout is copying right now stays.
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{stale}\""))
                .await;
        }
        if !existing.contains(&name) {
            let building = format!("{name}_{}", uuid::Uuid::new_v4().simple());
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{building}\""))
                .await
                .unwrap();
            let mut url = url::Url::parse(base).unwrap();
            url.set_path(&building);
            migrate(url.to_string()).await;
            admin
                .execute_unprepared(&format!(
                    "ALTER DATABASE \"{building}\" RENAME TO \"{name}\""
                ))
                .await
                .unwrap();
        }
        admin
            .execute_unprepared(&format!("SELECT pg_advisory_unlock({LOCK_KEY})"))
            .await
            .unwrap();
        admin.close().await.unwrap();
        name
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with<F>(extra_routes: F) -> TestApp
where
    F: Fn(&mut actix_web::web::ServiceConfig) + Send + Clone + 'static,
{
    spawn_app_configured(|_| {}, extra_routes).await
}

/// A test server whose settings `configure` adjusts first (e.g. `trusted_proxies`).
pub async fn spawn_app_with_settings(configure: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_configured(configure, |_| {}).await
}

pub async fn spawn_app_configured<F>(
    configure: impl FnOnce(&mut Settings),
    extra_routes: F,
) -> TestApp
where
    F: Fn(&mut actix_web::web::ServiceConfig) + Send + Clone + 'static,
{
    if std::env::var("TEST_LOG").is_ok() {
        roundtable::telemetry::init("info");
    }
    let FreshDb {
        mut settings,
        guard,
    } = fresh_database();
    configure(&mut settings);
    let clock = Arc::new(ManualClock::new(time::OffsetDateTime::now_utc()));
    let app = Application::build_with(settings.clone(), clock.clone(), extra_routes)
        .await
        .expect("application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.database().clone();
    let server = app.server_handle();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    TestApp {
        address,
        client,
        db,
        settings,
        clock,
        server,
        _guard: guard,
    }
}

/// Opens the database named by a fresh target (for tests that do not need the server).
pub async fn connect(settings: &Settings) -> Database {
    let target: DatabaseTarget = settings.database_target().unwrap();
    roundtable::store::connect_target(&target).await.unwrap()
}

/// Removes the test's database when the test ends.
pub struct DbGuard {
    _dir: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        let Some((base, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs inside the test's runtime; use a thread with its own runtime.
        template::on_own_runtime(async move {
            use sea_orm::ConnectionTrait;
            if let Ok(admin) = template::try_admin(&base).await {
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await;
                let _ = admin.close().await;
            }
        });
    }
}

/// One person's browser: a cookie jar that fetches a CSRF token before each form post.
pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

impl Browser {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    /// The session's current CSRF token (read from a form).
    pub async fn csrf(&self) -> String {
        let html = self.get("/login").await.text().await.unwrap();
        let marker = r#"name="csrf_token" value=""#;
        let start = html.find(marker).expect("a form with a CSRF token") + marker.len();
        html[start..start + 64].to_owned()
    }

    /// Posts a form with a valid CSRF token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("csrf_token", &token));
        self.post_raw(path, &form).await
    }

    /// Follows a `303 See Other` answer and returns the page it leads to (with the one-time
    /// confirmation the redirect left in the session).
    pub async fn follow(&self, response: reqwest::Response) -> String {
        assert_eq!(response.status(), 303, "a redirect after a successful form");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        self.get(&location).await.text().await.unwrap()
    }

    /// Posts a form exactly as given (no CSRF token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post("/login", &[("email", email), ("password", password)])
            .await
    }
}

/// A person created for a test.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: roundtable::domain::ids::UserId,
    pub email: String,
    pub password: String,
}

pub const PASSWORD: &str = "a long enough test password";

pub async fn create_person(app: &TestApp, name: &str, admin: bool) -> Person {
    create_person_in(&app.db.conn, name, admin).await
}

/// [`create_person`] on any connection (the cluster test has servers, not a `TestApp`).
pub async fn create_person_in(db: &sea_orm::DatabaseConnection, name: &str, admin: bool) -> Person {
    let email = format!("{}@school.test", name.to_lowercase());
    let user = roundtable::service::accounts::create_user(
        db,
        roundtable::service::accounts::NewUser {
            email: &email,
            display_name: name,
            password: PASSWORD,
            is_admin: admin,
        },
    )
    .await
    .unwrap();
    Person {
        id: user.id,
        email,
        password: PASSWORD.to_owned(),
    }
}

pub fn principal(person: &Person, admin: bool) -> roundtable::access::Principal {
    roundtable::access::Principal {
        user_id: Some(person.id),
        is_admin: admin,
        zone: None,
    }
}

/// Creates a team (by `admin`) whose first leader is `leader`; returns its slug.
pub async fn create_team(app: &TestApp, admin: &Person, name: &str, leader: &Person) -> String {
    create_team_in(&app.db.conn, admin, name, leader).await
}

/// [`create_team`] on any connection.
pub async fn create_team_in(
    db: &sea_orm::DatabaseConnection,
    admin: &Person,
    name: &str,
    leader: &Person,
) -> String {
    use roundtable::service::{invitations, teams};
    let created = teams::create_team(
        db,
        principal(admin, true),
        &teams::TeamForm {
            name: name.to_owned(),
            slug: String::new(),
            purpose: "A purpose long enough to be accepted by the rules.".to_owned(),
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
    created.team.slug
}

/// Adds `person` to the team as `role`, through an invitation from `leader`.
pub async fn add_member(app: &TestApp, leader: &Person, slug: &str, person: &Person, role: &str) {
    add_member_in(&app.db.conn, leader, slug, person, role).await;
}

/// Adds `count` new members named `{prefix}000`, `{prefix}001`, …: a team past the size
/// where pages change their shape (more than a hundred).
pub async fn add_members(
    app: &TestApp,
    leader: &Person,
    slug: &str,
    prefix: &str,
    count: usize,
) -> Vec<Person> {
    let mut people = Vec::with_capacity(count);
    for n in 0..count {
        let person = create_person(app, &format!("{prefix}{n:03}"), false).await;
        add_member(app, leader, slug, &person, "member").await;
        people.push(person);
    }
    people
}

/// [`add_member`] on any connection.
pub async fn add_member_in(
    db: &sea_orm::DatabaseConnection,
    leader: &Person,
    slug: &str,
    person: &Person,
    role: &str,
) {
    use roundtable::service::{invitations, teams};
    let token = teams::invite(
        db,
        principal(leader, false),
        slug,
        &teams::InvitationForm {
            role: role.to_owned(),
            max_uses: "1".to_owned(),
            valid_days: "7".to_owned(),
            emails: String::new(),
        },
        roundtable::service::notices::Delivery::in_app_only(),
        roundtable::clock::now(),
    )
    .await
    .unwrap();
    let token = token.token().expect("a link").to_owned();
    invitations::accept(db, &token, invitations::Joiner::Existing(person.id))
        .await
        .unwrap();
}

/// The cast of the access matrix: a team "a" with a leader and a member, a team "b" led by the
/// outsider, and a site admin who is in neither.
pub struct World {
    pub admin: Person,
    pub leader: Person,
    pub member: Person,
    pub outsider: Person,
    pub team_a: String,
    pub team_b: String,
}

pub async fn seed(app: &TestApp) -> World {
    let admin = create_person(app, "Admin", true).await;
    let leader = create_person(app, "Leader", false).await;
    let member = create_person(app, "Member", false).await;
    let outsider = create_person(app, "Outsider", false).await;
    let team_a = create_team(app, &admin, "Team A", &leader).await;
    add_member(app, &leader, &team_a, &member, "member").await;
    let team_b = create_team(app, &admin, "Team B", &outsider).await;
    World {
        admin,
        leader,
        member,
        outsider,
        team_a,
        team_b,
    }
}

/// A browser signed in as `person`.
pub async fn signed_in(app: &TestApp, person: &Person) -> Browser {
    let browser = app.browser();
    let response = browser.login(&person.email, &person.password).await;
    assert_eq!(response.status(), 303, "login of {} failed", person.email);
    browser
}
