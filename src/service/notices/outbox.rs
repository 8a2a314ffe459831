//! Sending the mail queue: a background task leases due rows (so two servers never send the
//! same row at once), sends each, and marks it sent, or counts the failure and tries again
//! later with a growing pause, giving up after [`MAX_ATTEMPTS`]. A server that dies while
//! holding a lease leaves the row to be sent after the lease ends; the `Message-ID` stays the
//! same, so a message sent just before such a death and again after it reads as one.

use sea_orm::prelude::Expr;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use time::{Duration, OffsetDateTime};

use crate::mail::Mailer;
use crate::service::Result;
use crate::store::entities::mail_outbox as outbox;

/// How long a sender holds a row: longer than one SMTP exchange may take.
pub const LEASE: Duration = Duration::minutes(2);
/// Failures after which a message is given up (about a day of retries).
pub const MAX_ATTEMPTS: i32 = 10;
/// Rows leased per pass.
const BATCH: u64 = 20;

/// The pause after the `attempts`-th failure: 1, 2, 4 … minutes, at most six hours.
pub fn backoff(attempts: i32) -> Duration {
    let exp = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    Duration::minutes(2_i64.pow(exp).min(360))
}

fn due(now: OffsetDateTime) -> Condition {
    Condition::all()
        .add(outbox::Column::SentAt.is_null())
        .add(outbox::Column::FailedAt.is_null())
        .add(outbox::Column::NextAttemptAt.lte(now))
        .add(
            Condition::any()
                .add(outbox::Column::LeaseUntil.is_null())
                .add(outbox::Column::LeaseUntil.lt(now)),
        )
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    /// Messages the SMTP server accepted.
    pub sent: usize,
    /// Messages that failed this time (retried later, or given up).
    pub failed: usize,
}

/// Sends what is due now, up to one batch.
pub async fn deliver_due(
    db: &impl ConnectionTrait,
    mailer: &Mailer,
    now: OffsetDateTime,
) -> Result<Pass> {
    let candidates: Vec<i64> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(due(now))
        .order_by_asc(outbox::Column::Id)
        .limit(BATCH)
        .into_tuple()
        .all(db)
        .await?;
    let mut pass = Pass::default();
    for id in candidates {
        // The lease: only one sender's update matches a row that is still due.
        let leased = outbox::Entity::update_many()
            .col_expr(outbox::Column::LeaseOwner, Expr::value(mailer.owner()))
            .col_expr(outbox::Column::LeaseUntil, Expr::value(now + LEASE))
            .filter(outbox::Column::Id.eq(id))
            .filter(due(now))
            .exec(db)
            .await?
            .rows_affected;
        if leased != 1 {
            continue;
        }
        let Some(row) = outbox::Entity::find_by_id(id).one(db).await? else {
            continue;
        };
        // The footer speaks the account's language (mail to an address without one is
        // written whole when queued).
        let lang = match row.user_id {
            Some(user_id) => super::recipient(db, user_id)
                .await?
                .map_or(crate::i18n::Lang::En, |r| r.lang),
            None => crate::i18n::Lang::En,
        };
        match mailer.send_row(&row, lang).await {
            Ok(()) => {
                outbox::Entity::update_many()
                    .col_expr(outbox::Column::SentAt, Expr::value(now))
                    .col_expr(outbox::Column::Attempts, Expr::value(row.attempts + 1))
                    .col_expr(
                        outbox::Column::LeaseUntil,
                        Expr::value(None::<OffsetDateTime>),
                    )
                    .filter(outbox::Column::Id.eq(id))
                    .exec(db)
                    .await?;
                pass.sent += 1;
            }
            Err(error) => {
                let attempts = row.attempts + 1;
                tracing::warn!(mail = id, attempts, error = %error, "sending mail failed");
                let mut update = outbox::Entity::update_many()
                    .col_expr(outbox::Column::Attempts, Expr::value(attempts))
                    .col_expr(outbox::Column::LastError, Expr::value(error))
                    .col_expr(
                        outbox::Column::LeaseUntil,
                        Expr::value(None::<OffsetDateTime>),
                    )
                    .col_expr(
                        outbox::Column::NextAttemptAt,
                        Expr::value(now + backoff(attempts)),
                    );
                if attempts >= MAX_ATTEMPTS {
                    update = update.col_expr(outbox::Column::FailedAt, Expr::value(now));
                }
                update.filter(outbox::Column::Id.eq(id)).exec(db).await?;
                pass.failed += 1;
            }
        }
    }
    Ok(pass)
}

/// The queue at a glance, for `roundtable mail status` and the operator.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct QueueCounts {
    /// Waiting or being retried.
    pub waiting: u64,
    /// Accepted by the SMTP server.
    pub sent: u64,
    /// Given up.
    pub failed: u64,
}

/// Counts the queue's rows by state.
pub async fn counts(db: &impl ConnectionTrait) -> Result<QueueCounts> {
    use sea_orm::PaginatorTrait;
    let sent = outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_not_null())
        .count(db)
        .await?;
    let failed = outbox::Entity::find()
        .filter(outbox::Column::FailedAt.is_not_null())
        .count(db)
        .await?;
    let waiting = outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::FailedAt.is_null())
        .count(db)
        .await?;
    Ok(QueueCounts {
        waiting,
        sent,
        failed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pause_doubles_and_stops_growing_at_six_hours() {
        assert_eq!(backoff(1), Duration::minutes(1));
        assert_eq!(backoff(2), Duration::minutes(2));
        assert_eq!(backoff(4), Duration::minutes(8));
        assert_eq!(backoff(10), Duration::minutes(360));
        assert_eq!(backoff(0), Duration::minutes(1));
    }
}
