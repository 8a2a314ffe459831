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

pub fn fresh_database() -> FreshDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut settings = Settings {
        data_dir: dir.path().to_path_buf(),
        port: 0,
        log: "warn".to_owned(),
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
            settings.database_url = Some(DatabaseUrl::new(url.to_string()));
            guard.postgres = Some((base, name));
        }
        _ => {
            let path: PathBuf = settings.data_dir.join("test.db");
            settings.database_url = Some(DatabaseUrl::new(format!("sqlite://{}", path.display())));
        }
    }
    FreshDb { settings, guard }
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
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                use sea_orm::ConnectionTrait;
                let mut url = url::Url::parse(&base).unwrap();
                url.set_path("postgres");
                if let Ok(admin) = sea_orm::Database::connect(url.as_str()).await {
                    let _ = admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
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

fn principal(person: &Person, admin: bool) -> roundtable::access::Principal {
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
