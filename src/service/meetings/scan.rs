//! The three-minute scan (issue 15): since the team's previous meeting, which actions moved,
//! which are blocked or overdue (with owners), which decisions came up for review, which help
//! requests are unmet, and who was thanked. Shown on the meeting page, under the live page's
//! first item, and on its own printable page.

use crate::domain::ids::{ActionId, MeetingId};
use crate::domain::zone::Zone;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use time::OffsetDateTime;

use crate::domain::action::Status;
use crate::format;
use crate::i18n::{Arg, Lang, Msg};
use crate::service::actions::{ActionLine, lines};
use crate::service::checkins::{self, scan::WeekCounts};
use crate::service::ledger::posts::{PostLine, unmet_requests};
use crate::service::ledger::thanks::{ThanksLine, public_since};
use crate::service::sql::slice_and_total;
use crate::service::{Result, paging};
use crate::store::entities::{action_history, actions, decisions, meetings, teams};

use super::{author_name, names_of};

/// One status change since the previous meeting.
#[derive(Debug, Clone, Serialize)]
pub struct MovedLine {
    /// The action's id.
    pub action_id: ActionId,
    /// What.
    pub title: String,
    /// Who moved it.
    pub who: String,
    /// "open → in progress".
    pub change: String,
    /// "3 Dec 2026, 14:00 UTC".
    pub when: String,
}

/// A decision whose review date has come.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewLine {
    /// What was decided.
    pub text: String,
    /// "10 Jan 2027".
    pub review_on: String,
    /// The meeting that took it.
    pub meeting_id: MeetingId,
}

/// The scan for one meeting.
#[derive(Debug, Clone, Serialize)]
pub struct Scan {
    /// "since 26 Nov 2026, 14:00 UTC (Weekly meeting)", or "since the team began", in the
    /// reader's language.
    pub since: String,
    /// The latest status changes (at most [`SCAN_LINES`]), oldest first.
    pub moved: Vec<MovedLine>,
    /// Status changes in the period beyond those listed.
    pub moved_more: u64,
    /// Open actions that are blocked or past their due day, soonest due first (at most
    /// [`SCAN_LINES`]).
    pub stuck: Vec<ActionLine>,
    /// Blocked or overdue actions beyond those listed.
    pub stuck_more: u64,
    /// Decisions whose review date has come, earliest first (at most [`SCAN_LINES`]).
    pub reviews: Vec<ReviewLine>,
    /// Decisions due for review beyond those listed.
    pub reviews_more: u64,
    /// Unmet help requests.
    pub unmet: Vec<PostLine>,
    /// Thank-yous since the previous meeting, newest first.
    pub thanks: Vec<ThanksLine>,
    /// The check-ins of the week the meeting starts in (the ISO week on the team's clock, so
    /// a meeting next week shows next week's): how many, and their blockers.
    pub checkins: crate::service::checkins::scan::ScanCheckins,
}

/// Lines each list of the scan shows at most: it is read in three minutes, and a team's first
/// meeting (counting from the team's start) or a long gap must not make the page grow without
/// bound. What is beyond is counted and linked to the action log.
pub const SCAN_LINES: u64 = 50;

/// The first [`SCAN_LINES`] rows of `rows` (ordered) and how many more there are, in one
/// statement.
async fn first_lines<E: EntityTrait>(
    db: &impl ConnectionTrait,
    rows: sea_orm::Select<E>,
) -> Result<(Vec<E::Model>, u64)>
where
    E::Model: Send + Sync,
{
    let (first, total) = slice_and_total(db, rows, 0, SCAN_LINES).await?;
    let more = total.saturating_sub(paging::count(first.len()));
    Ok((first, more))
}

/// The team's meeting before this one (by start, then id), as the scan names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Previous {
    /// When it started.
    pub starts_at: OffsetDateTime,
    /// Its title.
    pub title: String,
}

/// The query for the team's meeting before `meeting` (by start, then id): the scan reads it
/// on its own, the meeting page as two scalar subqueries of its facts.
pub(super) fn previous_query(meeting: &meetings::Model) -> sea_orm::Select<meetings::Entity> {
    meetings::Entity::find()
        .filter(meetings::Column::TeamId.eq(meeting.team_id))
        .filter(meetings::Column::StartsAt.lt(meeting.starts_at))
        .order_by_desc(meetings::Column::StartsAt)
        .order_by_desc(meetings::Column::Id)
        .limit(1)
}

/// The team's meeting before `meeting` (by start), if any.
pub async fn previous(
    db: &impl ConnectionTrait,
    meeting: &meetings::Model,
) -> Result<Option<Previous>> {
    Ok(previous_query(meeting).one(db).await?.map(|m| Previous {
        starts_at: m.starts_at,
        title: m.title,
    }))
}

/// What the caller of [`scan_after`] has read already.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// The team's meeting before this one.
    pub previous: Option<Previous>,
    /// The check-in counts of the meeting's week (on the scan's clock), if counted.
    pub week: Option<WeekCounts>,
}

/// Builds the scan for `meeting` of `team` at `now`, in `lang` (no access check: the caller
/// may see the meeting).
pub async fn scan(
    db: &impl ConnectionTrait,
    team: &teams::Model,
    meeting: &meetings::Model,
    now: OffsetDateTime,
    locale: (Zone, Lang),
) -> Result<Scan> {
    let known = Known {
        previous: previous(db, meeting).await?,
        week: None,
    };
    scan_after(db, team, meeting, now, locale, known).await
}

/// [`scan`] when the caller has read the previous meeting already, and perhaps the week's
/// check-in counts (the meeting page's facts).
pub async fn scan_after(
    db: &impl ConnectionTrait,
    team: &teams::Model,
    meeting: &meetings::Model,
    now: OffsetDateTime,
    (zone, lang): (Zone, Lang),
    known: Known,
) -> Result<Scan> {
    let Known {
        previous: before,
        week,
    } = known;
    let team_id = team.id;
    let slug = team.slug.as_str();
    let today = zone.today(now);
    let since = before
        .as_ref()
        .map_or(OffsetDateTime::UNIX_EPOCH, |m| m.starts_at);
    // Up to the meeting's end: an old meeting's scan shows what it looked at, not every change
    // made since.
    let until = Ord::min(
        now,
        meeting.starts_at + time::Duration::minutes(i64::from(super::budget(meeting))),
    );
    let team_actions = actions::Entity::find()
        .select_only()
        .column(actions::Column::Id)
        .filter(actions::Column::TeamId.eq(team_id));
    let in_period = action_history::Entity::find()
        .filter(
            action_history::Column::ActionId
                .in_subquery(sea_orm::QueryTrait::into_query(team_actions)),
        )
        .filter(action_history::Column::FromStatus.is_not_null())
        .filter(action_history::Column::OccurredAt.gte(since))
        .filter(action_history::Column::OccurredAt.lte(until));
    // The latest ones, listed oldest first.
    let (mut changes, moved_more) = first_lines(
        db,
        in_period
            .order_by_desc(action_history::Column::OccurredAt)
            .order_by_desc(action_history::Column::Id),
    )
    .await?;
    changes.reverse();
    let titles: std::collections::HashMap<ActionId, String> = if changes.is_empty() {
        std::collections::HashMap::new()
    } else {
        actions::Entity::find()
            .filter(actions::Column::Id.is_in(changes.iter().map(|c| c.action_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.title))
            .collect()
    };
    let people = names_of(db, changes.iter().filter_map(|c| c.actor_id)).await?;
    let moved = changes
        .into_iter()
        .map(|c| MovedLine {
            action_id: c.action_id,
            title: titles.get(&c.action_id).cloned().unwrap_or_default(),
            who: author_name(&people, c.actor_id),
            change: format!(
                "{} → {}",
                c.from_status
                    .map_or_else(
                        || Msg::new("mt-scan-status-new"),
                        |s| Status::from(s).word()
                    )
                    .render(lang),
                Status::from(c.to_status).word().render(lang)
            ),
            when: format::date_time_in(c.occurred_at, zone, lang),
        })
        .collect();
    let stuck_all = actions::Entity::find()
        .filter(actions::Column::TeamId.eq(team_id))
        .filter(
            actions::Column::Status
                .eq(actions::Status::Blocked)
                .or(actions::Column::Status
                    .is_in([actions::Status::Open, actions::Status::InProgress])
                    .and(actions::Column::DueOn.lt(today))),
        );
    let (stuck_rows, stuck_more) = first_lines(
        db,
        stuck_all
            .order_by_asc(actions::Column::DueOn)
            .order_by_asc(actions::Column::Id),
    )
    .await?;
    let mut reviews_query = decisions::Entity::find()
        .filter(decisions::Column::TeamId.eq(team_id))
        .filter(decisions::Column::ReviewOn.lte(today));
    if before.is_some() {
        reviews_query = reviews_query.filter(decisions::Column::ReviewOn.gt(since.date()));
    }
    let (review_rows, reviews_more) = first_lines(
        db,
        reviews_query
            .order_by_asc(decisions::Column::ReviewOn)
            .order_by_asc(decisions::Column::Id),
    )
    .await?;
    let reviews = review_rows
        .into_iter()
        .map(|d| ReviewLine {
            text: d.text,
            review_on: d
                .review_on
                .map(|day| format::date_in(day, lang))
                .unwrap_or_default(),
            meeting_id: d.meeting_id,
        })
        .collect();
    Ok(Scan {
        since: match &before {
            Some(m) => Msg::new("mt-scan-since-meeting")
                .arg("at", Arg::at(m.starts_at, zone))
                .arg("title", m.title.as_str()),
            None => Msg::new("mt-scan-since-start"),
        }
        .render(lang),
        moved,
        moved_more,
        stuck: lines(db, slug, stuck_rows, today)
            .await?
            .into_iter()
            .map(|line| line.in_lang(lang))
            .collect(),
        stuck_more,
        reviews,
        reviews_more,
        unmet: unmet_requests(db, team_id, now, (zone, lang)).await?,
        thanks: public_since(db, team_id, since, (zone, lang)).await?,
        // The meeting's week, not the reader's: a scan read ahead shows the week it is for.
        checkins: match week {
            Some(counts) => {
                checkins::scan::scan_counted(db, team_id, zone, meeting.starts_at, lang, counts)
                    .await?
            }
            None => {
                checkins::scan::scan(db, team_id, zone, meeting.starts_at, lang, team.size())
                    .await?
            }
        },
    })
}
