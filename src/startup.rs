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
use tokio::task::JoinHandle;
use tracing_actix_web::TracingLogger;

use crate::auth::rate_limit::{RateLimits, Store};
use crate::auth::unsubscribe::UnsubscribeKey;
use crate::clock::SystemClock;
use crate::config::{ConfigError, RateLimitStore, Settings};
use crate::domain::clock::Clock;
use crate::mail::Mailer;
use crate::store::{self, Database};
use crate::web::meetings::results::ResultsCache;
use crate::web::templates::Templates;
use crate::web::{self as routes, AppState, middleware};

/// How often the background task looks for closed voting windows to tally.
pub const TALLY_INTERVAL: Duration = Duration::from_secs(5);

/// Idle rate-limit counts are forgotten every this many ticks (an hour).
const PRUNE_EVERY_TICKS: u64 = 720;

/// Recurring series are topped up every this many ticks (five minutes; pages top up too).
const SERIES_EVERY_TICKS: u64 = 60;

/// Tallies meetings whose voting window has closed, and computes budget rounds whose voting has
/// closed (auditing each phase a round enters), every [`TALLY_INTERVAL`], by the same clock
/// as the requests; tries again any erasure of old ballot versions that did not finish; and
/// hourly forgets rate-limit counts idle for a day. Safe with several server processes: the tally row guards exactly-once. A
/// failed round is logged and retried at the next tick; the loop itself never ends, so its end
/// is a bug the supervisor reports (see [`supervise`]).
async fn tally_loop(
    db: sea_orm::DatabaseConnection,
    clock: Arc<dyn Clock>,
    limits: Arc<RateLimits>,
    settings: Arc<Settings>,
) {
    let mut ticks = tokio::time::interval(TALLY_INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut tick: u64 = 0;
    loop {
        ticks.tick().await;
        if tick.is_multiple_of(PRUNE_EVERY_TICKS) {
            match limits.prune(clock.now()).await {
                Ok(0) => {}
                Ok(n) => tracing::debug!(buckets = n, "forgot idle rate-limit counts"),
                Err(e) => tracing::warn!(error = %e, "pruning rate-limit counts failed"),
            }
        }
        tick = tick.wrapping_add(1);
        match crate::service::meetings::tally::run_due(&db, clock.now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(meetings = n, "tallied meetings whose voting closed"),
            Err(e) => tracing::warn!(error = %format!("{e:#}"), "background tally failed"),
        }
        match crate::service::budgets::compute::run_due(&db, clock.now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(rounds = n, "computed budget rounds whose voting closed"),
            Err(e) => {
                tracing::warn!(error = %format!("{e:#}"), "background budget computation failed")
            }
        }
        crate::service::meetings::secrecy::retry_pending(&db).await;
        let delivery = crate::service::notices::Delivery::of(&settings);
        match crate::service::notices::schedule::run_due(
            &db,
            delivery,
            settings.mail.reminder_hours,
            clock.now(),
        )
        .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(announcements = n, "announced what the clock brought"),
            Err(e) => tracing::warn!(error = %format!("{e:#}"), "announcements failed"),
        }
        // Recurring series keep their next occurrences created, every few minutes.
        if tick % SERIES_EVERY_TICKS == 1 {
            match crate::service::series::top_up_due(&db, clock.now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(occurrences = n, "created the next meetings of series"),
                Err(e) => tracing::warn!(error = %format!("{e:#}"), "topping up series failed"),
            }
        }
    }
}

/// How often the mail task looks for queued mail.
pub const MAIL_INTERVAL: Duration = Duration::from_secs(2);

/// Sends queued mail every [`MAIL_INTERVAL`] (see `service::notices::outbox`); with mail off it
/// waits forever, so it never stops the server.
async fn mail_loop(
    db: sea_orm::DatabaseConnection,
    clock: Arc<dyn Clock>,
    mailer: Option<Arc<Mailer>>,
) {
    let Some(mailer) = mailer else {
        return std::future::pending().await;
    };
    let mut ticks = tokio::time::interval(MAIL_INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match crate::service::notices::outbox::deliver_due(&db, &mailer, clock.now()).await {
            Ok(pass) if pass.sent + pass.failed > 0 => {
                tracing::info!(sent = pass.sent, failed = pass.failed, "mail queue pass");
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %format!("{e:#}"), "sending queued mail failed"),
        }
    }
}

/// How often the background task counts live results whose ballots changed.
pub const LIVE_INTERVAL: Duration = Duration::from_secs(1);

/// Counts live (provisional) results after ballots change, every [`LIVE_INTERVAL`], one
/// meeting at a time, so results pages never count (see `service::meetings::live`). Like
/// [`tally_loop`], it never ends on its own.
async fn live_loop(db: sea_orm::DatabaseConnection, clock: Arc<dyn Clock>) {
    let mut ticks = tokio::time::interval(LIVE_INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        if let Err(e) = crate::service::meetings::live::count_due(&db, clock.now()).await {
            tracing::warn!(error = %format!("{e:#}"), "background live count failed");
        }
    }
}

/// The background work the server cannot do without: the tally at close, announcements, the
/// live counts and the mail queue. Ends (and so stops the server, see [`supervise`]) as soon
/// as any loop ends.
async fn background(
    db: sea_orm::DatabaseConnection,
    clock: Arc<dyn Clock>,
    limits: Arc<RateLimits>,
    settings: Arc<Settings>,
    mailer: Option<Arc<Mailer>>,
) {
    tokio::select! {
        () = tally_loop(db.clone(), clock.clone(), limits, settings) => {}
        () = live_loop(db.clone(), clock.clone()) => {}
        () = mail_loop(db, clock, mailer) => {}
    }
}

/// Runs the server beside a background task it cannot do without. If the task stops first
/// (returns or panics), logs it at ERROR, stops the server and returns an error, so the process
/// exits non-zero instead of serving on without it.
pub async fn supervise(server: Server, name: &str, mut task: JoinHandle<()>) -> anyhow::Result<()> {
    let handle = server.handle();
    tokio::pin!(server);
    tokio::select! {
        served = &mut server => {
            task.abort();
            served.context("running the web server")
        }
        ended = &mut task => {
            let why = match ended {
                Ok(()) => "returned".to_owned(),
                Err(e) if e.is_panic() => "panicked".to_owned(),
                Err(e) => e.to_string(),
            };
            tracing::error!(task = name, why = %why, "background task stopped; shutting down");
            // `stop` sends the command at once; the server future must then be polled to act on
            // it, so await the server before the completion (the other order deadlocks).
            let stopping = handle.stop(true);
            server.await.ok();
            stopping.await;
            Err(anyhow::anyhow!("the background task `{name}` stopped ({why})"))
        }
    }
}

/// The rate limits `rate_limit_store` asks for: `auto` keeps them in this process on SQLite
/// (one server) and in the database on PostgreSQL (several servers share the counts).
fn rate_limits(settings: &Settings, db: &Database) -> RateLimits {
    let shared = match settings.rate_limit_store {
        RateLimitStore::Memory => false,
        RateLimitStore::Database => true,
        RateLimitStore::Auto => {
            db.conn.get_database_backend() == sea_orm::DatabaseBackend::Postgres
        }
    };
    RateLimits::new(if shared {
        Store::database(db.conn.clone())
    } else {
        Store::memory()
    })
}

/// Connects, applies pending migrations and installs the audit chain key derived from the
/// cookie key: what the server and any command that writes through the services need first.
pub async fn open_database(settings: &Settings) -> anyhow::Result<(Database, Key)> {
    let db = store::connect(settings).await?;
    store::migrate_up(&db)
        .await
        .context("applying database migrations")?;
    let cookie_key = crate::auth::cookie_key::load_or_create(settings)?;
    crate::service::audit::install_key(
        &db.conn,
        crate::service::audit::ChainKey::derive(cookie_key.master()),
    )
    .await
    .context("installing the audit chain key")?;
    Ok((db, cookie_key))
}

/// A bound, ready-to-run server.
pub struct Application {
    port: u16,
    server: Server,
    db: Database,
    clock: Arc<dyn Clock>,
    cookie_key: Key,
    limits: Arc<RateLimits>,
    settings: Arc<Settings>,
    mailer: Option<Arc<Mailer>>,
}

impl Application {
    /// Builds the application from settings, on the system clock.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        Self::build_with(settings, Arc::new(SystemClock), |_| {}).await
    }

    /// The one way to build: `build` passes the system clock and no extra routes; tests pass a
    /// clock they move and routes that fail on purpose.
    pub async fn build_with<F>(
        settings: Settings,
        clock: Arc<dyn Clock>,
        extra_routes: F,
    ) -> anyhow::Result<Self>
    where
        F: Fn(&mut web::ServiceConfig) + Send + Clone + 'static,
    {
        let (db, cookie_key) = open_database(&settings).await?;
        let templates = Templates::load()?;
        let address = settings.bind_address();
        let listener = TcpListener::bind(&address).map_err(|e| {
            ConfigError::Unusable(anyhow::Error::new(e).context(format!(
                "settings `host`/`port`: cannot listen on {address}; is another program using it?"
            )))
        })?;
        let port = listener.local_addr()?.port();
        let body_limit = settings.max_body_kib.saturating_mul(1024);
        let session_settings = settings.clone();
        let session_key = cookie_key.clone();
        let limits = Arc::new(rate_limits(&settings, &db));
        let mailer = Mailer::from_settings(&settings, cookie_key.master())?.map(Arc::new);
        let settings = Arc::new(settings);
        let state = web::Data::new(AppState {
            db: db.clone(),
            templates,
            settings: settings.clone(),
            clock: clock.clone(),
            limits: limits.clone(),
            unsubscribe: UnsubscribeKey::derive(cookie_key.master()),
            results: Arc::new(ResultsCache::new(
                crate::web::meetings::results::CACHED_COUNTS,
            )),
            rosters: Arc::new(crate::service::teams::Rosters::default()),
            ballot_options: Arc::new(crate::service::meetings::options::BallotOptions::default()),
            person_fields: Arc::new(crate::web::person_fields::PersonFields::default()),
        });
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(web::PayloadConfig::new(body_limit))
                .app_data(web::FormConfig::default().limit(body_limit))
                .app_data(
                    web::JsonConfig::default()
                        .limit(body_limit)
                        .error_handler(routes::api::errors::json_body_error),
                )
                .wrap(from_fn(middleware::csrf::verify))
                .wrap(middleware::session::middleware(
                    &session_settings,
                    session_key.clone(),
                ))
                .wrap(ErrorHandlers::new().default_handler(routes::error::render_error))
                .wrap(middleware::security_headers())
                .wrap(TracingLogger::default())
                .configure(routes::routes::configure)
                .configure(routes::api::configure)
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
            clock,
            cookie_key,
            limits,
            settings,
            mailer,
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

    /// A handle that stops the server (tests shut it down before reading the database files).
    pub fn server_handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until the process is asked to stop (Ctrl-C / SIGTERM), with the background tally
    /// and live counts beside it; if that work stops, so does the server, with an error.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let work = tokio::spawn(background(
            self.db.conn.clone(),
            self.clock,
            self.limits,
            self.settings,
            self.mailer,
        ));
        supervise(
            self.server,
            "tally, announcements, live counts and mail",
            work,
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idle_server() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        HttpServer::new(App::new)
            .workers(1)
            .listen(listener)
            .unwrap()
            .run()
    }

    #[tokio::test]
    async fn the_server_stops_with_an_error_when_its_background_task_returns() {
        let task = tokio::spawn(async {});
        let outcome = supervise(idle_server(), "tally", task).await;
        let message = format!("{:#}", outcome.unwrap_err());
        assert!(message.contains("`tally` stopped (returned)"), "{message}");
    }

    #[tokio::test]
    async fn the_server_stops_with_an_error_when_its_background_task_panics() {
        let task = tokio::spawn(async { panic!("tally bug") });
        let outcome = supervise(idle_server(), "tally", task).await;
        let message = format!("{:#}", outcome.unwrap_err());
        assert!(message.contains("stopped (panicked)"), "{message}");
    }
}
