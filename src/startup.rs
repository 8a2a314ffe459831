//! `Application::build(settings)`: connect, migrate, bind and assemble the server. Used by
//! `main` and by the integration tests (which bind port 0 on a fresh database).

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::cookie::Key;
use actix_web::dev::Server;
use actix_web::middleware::{ErrorHandlers, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use tracing_actix_web::TracingLogger;

use crate::auth::rate_limit::RateLimits;
use crate::clock::SystemClock;
use crate::config::Settings;
use crate::domain::clock::Clock;
use crate::store::{self, Database};
use crate::web::templates::Templates;
use crate::web::{self as routes, AppState, middleware};

/// How often the background task looks for closed voting windows to tally.
pub const TALLY_INTERVAL: Duration = Duration::from_secs(5);

/// Tallies meetings whose voting window has closed, every [`TALLY_INTERVAL`], by the same clock
/// as the requests. Safe with several server processes: the tally row guards exactly-once.
/// How often the background task counts live results whose ballots changed.
pub const LIVE_INTERVAL: Duration = Duration::from_secs(1);

/// Counts live (provisional) results after ballots change, every [`LIVE_INTERVAL`], one
/// meeting at a time, so results pages never count (see `service::meetings::live`).
fn spawn_live_count_task(db: sea_orm::DatabaseConnection, clock: Arc<dyn Clock>) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(LIVE_INTERVAL);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(e) = crate::service::meetings::live::count_due(&db, clock.now()).await {
                tracing::warn!(error = %format!("{e:#}"), "background live count failed");
            }
        }
    });
}

fn spawn_tally_task(db: sea_orm::DatabaseConnection, clock: Arc<dyn Clock>) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(TALLY_INTERVAL);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match crate::service::meetings::tally::run_due(&db, clock.now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(meetings = n, "tallied meetings whose voting closed"),
                Err(e) => tracing::warn!(error = %format!("{e:#}"), "background tally failed"),
            }
        }
    });
}

/// A bound, ready-to-run server.
pub struct Application {
    port: u16,
    server: Server,
    db: Database,
    cookie_key: Key,
}

impl Application {
    /// Builds the application from settings.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        Self::build_with(settings, |_| {}).await
    }

    /// Builds the application with extra routes (tests use this to add failing handlers).
    pub async fn build_with<F>(settings: Settings, extra_routes: F) -> anyhow::Result<Self>
    where
        F: Fn(&mut web::ServiceConfig) + Send + Clone + 'static,
    {
        Self::build_with_clock(settings, Arc::new(SystemClock), extra_routes).await
    }

    /// Builds the application with an injected clock and extra routes (for tests).
    pub async fn build_with_clock<F>(
        settings: Settings,
        clock: Arc<dyn Clock>,
        extra_routes: F,
    ) -> anyhow::Result<Self>
    where
        F: Fn(&mut web::ServiceConfig) + Send + Clone + 'static,
    {
        let db = store::connect(&settings).await?;
        store::migrate_up(&db)
            .await
            .context("applying database migrations")?;
        let cookie_key = crate::auth::cookie_key::load_or_create(&settings)?;
        let templates = Templates::load()?;
        let address = settings.bind_address();
        let listener = TcpListener::bind(&address).with_context(|| {
            format!(
                "settings `host`/`port`: cannot listen on {address}; is another program using it?"
            )
        })?;
        let port = listener.local_addr()?.port();
        let body_limit = settings.max_body_kib.saturating_mul(1024);
        let session_settings = settings.clone();
        let session_key = cookie_key.clone();
        spawn_tally_task(db.conn.clone(), clock.clone());
        spawn_live_count_task(db.conn.clone(), clock.clone());
        let state = web::Data::new(AppState {
            db: db.clone(),
            templates,
            settings: Arc::new(settings),
            clock,
            limits: Arc::new(RateLimits::default()),
        });
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(web::PayloadConfig::new(body_limit))
                .app_data(web::FormConfig::default().limit(body_limit))
                .app_data(web::JsonConfig::default().limit(body_limit))
                .wrap(from_fn(crate::auth::csrf::verify))
                .wrap(crate::auth::session::middleware(
                    &session_settings,
                    session_key.clone(),
                ))
                .wrap(ErrorHandlers::new().default_handler(routes::error::render_error))
                .wrap(middleware::security_headers())
                .wrap(TracingLogger::default())
                .configure(routes::routes)
                .configure(extra_routes.clone())
                .default_service(web::to(routes::not_found))
        })
        .listen(listener)?
        .shutdown_timeout(10)
        .run();
        Ok(Self {
            port,
            server,
            db,
            cookie_key,
        })
    }

    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The database the application uses.
    pub fn database(&self) -> &Database {
        &self.db
    }

    /// The session cookie key in use.
    pub fn cookie_key(&self) -> &Key {
        &self.cookie_key
    }

    /// Serves until the process is asked to stop (Ctrl-C / SIGTERM).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
