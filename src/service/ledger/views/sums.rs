//! Ledger sums computed by the database (SUM / COUNT … GROUP BY) so that a page's cost follows
//! what it shows, not the team's whole history. "Counted" here is the same rule as
//! `domain::ledger::counted`: an exchange (not a reversal) that is confirmed and that no
//! reversal names. The pure metrics then work on these sums.

use crate::domain::ids::{TeamId, UserId};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use time::Date;

use crate::domain::ledger::Status;
use crate::service::Result;
use crate::store::entities::help_exchanges::{Column, Entity};

/// Exchanges of the team that count toward any total.
pub(super) fn counted(team_id: TeamId) -> Condition {
    let reversed = Query::select()
        .column(Column::ReversesId)
        .from(Entity)
        .and_where(Column::ReversesId.is_not_null())
        .and_where(Column::TeamId.eq(team_id))
        .to_owned();
    Condition::all()
        .add(Column::TeamId.eq(team_id))
        .add(Column::Kind.eq("exchange"))
        .add(Column::Status.eq(Status::Confirmed.as_str()))
        .add(Column::Id.not_in_subquery(reversed))
}

/// Exchanges (any state) in which `person` is helper or helped.
pub(super) fn involving(team_id: TeamId, person: UserId) -> Condition {
    Condition::all()
        .add(Column::TeamId.eq(team_id))
        .add(Column::Kind.eq("exchange"))
        .add(
            Condition::any()
                .add(Column::HelperId.eq(person))
                .add(Column::HelpedId.eq(person)),
        )
}

/// Minutes and count of one person's counted exchanges per day, one way.
#[derive(Debug, Clone, Copy)]
pub(super) struct DaySum {
    /// The day.
    pub on: Date,
    /// Minutes on that day.
    pub minutes: i64,
    /// Exchanges on that day.
    pub count: i64,
}

/// A person's counted exchanges summed per day, given and received, in one grouped pass:
/// (given, received), each without the days that have none that way.
pub(super) async fn days_of(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    person: UserId,
) -> Result<(Vec<DaySum>, Vec<DaySum>)> {
    use sea_orm::sea_query::Func;
    let way = |given: bool| {
        let (me, _) = sides(given);
        let minutes = Expr::case(me.eq(person), Expr::col(Column::Minutes)).finally(0);
        let count = Expr::case(me.eq(person), 1).finally(0);
        (
            Func::sum(minutes).cast_as("BIGINT"),
            Func::sum(count).cast_as("BIGINT"),
        )
    };
    let ((given_minutes, given_n), (received_minutes, received_n)) = (way(true), way(false));
    let rows: Vec<(Date, i64, i64, i64, i64)> = Entity::find()
        .select_only()
        .column(Column::OccurredOn)
        .column_as(given_minutes, "given_minutes")
        .column_as(given_n, "given_n")
        .column_as(received_minutes, "received_minutes")
        .column_as(received_n, "received_n")
        .filter(counted(team_id))
        .filter(involving(team_id, person))
        .group_by(Column::OccurredOn)
        .into_tuple()
        .all(db)
        .await?;
    let mut given = Vec::new();
    let mut received = Vec::new();
    for (on, gm, gn, rm, rn) in rows {
        if gn > 0 {
            given.push(DaySum {
                on,
                minutes: gm,
                count: gn,
            });
        }
        if rn > 0 {
            received.push(DaySum {
                on,
                minutes: rm,
                count: rn,
            });
        }
    }
    Ok((given, received))
}

/// The people a person helped (`given`) or was helped by, with minutes and counts, most minutes
/// first (ties by id), at most `limit`; and how many such people there are in all.
pub(super) async fn counterparts_of(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    person: UserId,
    given: bool,
    limit: u64,
) -> Result<(Vec<(UserId, i64, i64)>, u64)> {
    let (me, other) = sides(given);
    let base = Entity::find()
        .select_only()
        .column(other)
        .filter(counted(team_id))
        .filter(me.eq(person))
        .group_by(other);
    let minutes = minutes_sum();
    // The number of people beside each row (the window counts the groups, before the LIMIT).
    let rows: Vec<(UserId, i64, i64, i64)> = base
        .column_as(minutes.clone(), "minutes")
        .column_as(Column::Id.count(), "n")
        .column_as(crate::service::sql::total_over(), "people")
        .order_by_desc(minutes)
        .order_by_asc(other)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    let total = rows
        .first()
        .map_or(0, |(_, _, _, people)| u64::try_from(*people).unwrap_or(0));
    Ok((
        rows.into_iter()
            .map(|(id, minutes, n, _)| (id, minutes, n))
            .collect(),
        total,
    ))
}

/// Total minutes as a 64-bit integer on both backends.
fn minutes_sum() -> Expr {
    Column::Minutes.sum().cast_as("BIGINT")
}

/// (this person's column, the other person's column) for one direction.
fn sides(given: bool) -> (Column, Column) {
    if given {
        (Column::HelperId, Column::HelpedId)
    } else {
        (Column::HelpedId, Column::HelperId)
    }
}

/// One window's sums for one pair: minutes, count, latest day (`None` when the pair has no
/// counted exchange in the window).
pub(super) type WindowSum = (i64, i64, Option<Date>);

/// Counted sums per (helper, helped) pair over two windows at once (each from a day, or all
/// time), in one grouped pass over the team's rows: (helper, helped, first, second). Pairs
/// with nothing in either window are left out. Per-member totals are these sums added up,
/// so the team view reads the team's rows once.
pub(super) async fn pairs_over_windows(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    windows: [Option<Date>; 2],
) -> Result<Vec<(UserId, UserId, WindowSum, WindowSum)>> {
    use sea_orm::sea_query::Func;

    let inside = |since: Option<Date>| match since {
        Some(since) => Column::OccurredOn.gte(since),
        None => Column::Id.is_not_null(),
    };
    let mut query = Entity::find()
        .select_only()
        .column(Column::HelperId)
        .column(Column::HelpedId);
    for (n, since) in windows.into_iter().enumerate() {
        let minutes = Expr::case(inside(since), Expr::col(Column::Minutes)).finally(0);
        let count = Expr::case(inside(since), 1).finally(0);
        let last = Expr::case(inside(since), Expr::col(Column::OccurredOn));
        query = query
            .column_as(Func::sum(minutes).cast_as("BIGINT"), format!("minutes{n}"))
            .column_as(Func::sum(count).cast_as("BIGINT"), format!("n{n}"))
            .column_as(Expr::from(Func::max(last)), format!("last{n}"));
    }
    query = query.filter(counted(team_id));
    if let [Some(a), Some(b)] = windows {
        query = query.filter(Column::OccurredOn.gte(Ord::min(a, b)));
    }
    type Row = (
        UserId,
        UserId,
        i64,
        i64,
        Option<Date>,
        i64,
        i64,
        Option<Date>,
    );
    let rows: Vec<Row> = query
        .group_by(Column::HelperId)
        .group_by(Column::HelpedId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(helper, helped, m0, n0, l0, m1, n1, l1)| {
            (helper, helped, (m0, n0, l0), (m1, n1, l1))
        })
        .collect())
}

/// Counted sums per day since a day (for the monthly trend): (day, minutes, count).
pub(super) async fn team_days(
    db: &impl ConnectionTrait,
    team_id: TeamId,
    since: Date,
) -> Result<Vec<(Date, i64, i64)>> {
    Ok(Entity::find()
        .select_only()
        .column(Column::OccurredOn)
        .column_as(minutes_sum(), "minutes")
        .column_as(Column::Id.count(), "n")
        .filter(counted(team_id))
        .filter(Column::OccurredOn.gte(since))
        .group_by(Column::OccurredOn)
        .into_tuple()
        .all(db)
        .await?)
}
