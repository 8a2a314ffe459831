//! `spawn_app()`: a real server on port 0 with a fresh database per test.

use std::path::PathBuf;

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
    _guard: DbGuard,
}

impl TestApp {
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
    if std::env::var("TEST_LOG").is_ok() {
        roundtable::telemetry::init("info");
    }
    let FreshDb { settings, guard } = fresh_database();
    let app = Application::build_with(settings.clone(), extra_routes)
        .await
        .expect("application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.database().clone();
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
