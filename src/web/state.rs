//! Shared application state handed to every handler.

use std::sync::Arc;

use crate::auth::rate_limit::RateLimits;
use crate::auth::unsubscribe::UnsubscribeKey;
use crate::config::Settings;
use crate::domain::clock::Clock;
use crate::store::Database;
use crate::web::meetings::results::ResultsCache;
use crate::web::templates::Templates;

/// What every handler can reach: the database, the templates and the settings.
#[derive(Clone)]
pub struct AppState {
    /// The connection pool.
    pub db: Database,
    /// The compiled, embedded templates.
    pub templates: Templates,
    /// The validated settings.
    pub settings: Arc<Settings>,
    /// The clock (injected so tests can fix time).
    pub clock: Arc<dyn Clock>,
    /// The rate limits (in this process or shared in the database).
    pub limits: Arc<RateLimits>,
    /// Signs and checks unsubscribe links in mail.
    pub unsubscribe: UnsubscribeKey,
    /// Results pages' data built from stored counts, per count (see `meetings::results`).
    pub results: Arc<ResultsCache>,
    /// Teams' rosters, read once per change of their membership (`teams::Rosters`).
    pub rosters: Arc<crate::service::teams::Rosters>,
    /// Those rosters written as person fields' options (`web::person_fields`).
    pub person_fields: Arc<crate::web::person_fields::PersonFields>,
    /// Meetings' ballot options, read once per change of their proposals
    /// (`meetings::options::BallotOptions`).
    pub ballot_options: Arc<crate::service::meetings::options::BallotOptions>,
}
