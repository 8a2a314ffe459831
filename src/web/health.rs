//! `GET /health`: a JSON report for load balancers and people: status, backend, migrations.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::store;
use crate::web::AppState;

/// The health report.
#[derive(Debug, Serialize)]
pub struct Health {
    /// `ok`, or `error` when the database does not answer.
    pub status: &'static str,
    /// `sqlite` or `postgres`.
    pub database: &'static str,
    /// Number of migrations applied.
    pub migrations_applied: usize,
    /// Number of known migrations not yet applied.
    pub migrations_pending: usize,
    /// The running version.
    pub version: &'static str,
}

/// `GET /health`: 200 when the database answers, 503 otherwise.
pub async fn show(state: web::Data<AppState>) -> HttpResponse {
    let database = state.db.backend.name();
    let version = env!("CARGO_PKG_VERSION");
    match store::migration_status(&state.db.conn).await {
        Ok(all) => {
            let applied = all.iter().filter(|m| m.applied).count();
            HttpResponse::Ok().json(Health {
                status: "ok",
                database,
                migrations_applied: applied,
                migrations_pending: all.len() - applied,
                version,
            })
        }
        Err(e) => {
            tracing::error!(error = %e, "health check: database did not answer");
            HttpResponse::ServiceUnavailable().json(Health {
                status: "error",
                database,
                migrations_applied: 0,
                migrations_pending: 0,
                version,
            })
        }
    }
}
