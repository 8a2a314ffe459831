//! Announcements the clock brings, each made once: a meeting or budget round opening for
//! proposals or ideas, voting opening, a reminder before voting closes to the members who have
//! not voted (participation rows say who voted; ballots stay secret), actions falling overdue,
//! and the weekly digest for those who asked for it.
//!
//! Each announcement claims its row in `notice_dispatches` (primary key = what it announces)
//! in the same transaction as the notifications and mail it writes, so with several servers, or
//! after a restart, it happens exactly once. Only current windows and the last week's overdue
//! actions are looked at, so each pass costs what is open now, not the history.

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::{ExprTrait, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
    TransactionTrait,
};
use time::{Duration, OffsetDateTime, Weekday};

use super::{Delivery, Notice, deliver, team_recipients};
use crate::domain::ids::{TeamId, UserId};
use crate::domain::notice::{Channel, Kind};
use crate::domain::zone::Zone;
use crate::i18n::{Arg, Msg};
use crate::service::Result;
use crate::store::entities::{
    actions, agenda_participation, budget_participation, budget_rounds, meetings, memberships,
    notice_dispatches, notification_preferences, teams,
};

/// Overdue actions older than this are not announced (they were, when they fell due).
const OVERDUE_LOOKBACK_DAYS: i64 = 7;

/// Makes every announcement that is due at `now`; returns how many were made.
pub async fn run_due(
    db: &DatabaseConnection,
    delivery: Delivery<'_>,
    reminder_hours: u32,
    now: OffsetDateTime,
) -> Result<usize> {
    let mut made = 0;
    made += meetings_due(db, delivery, reminder_hours, now).await?;
    made += rounds_due(db, delivery, reminder_hours, now).await?;
    made += overdue_actions(db, delivery, now).await?;
    made += digests(db, delivery, now).await?;
    Ok(made)
}

/// Claims an announcement; `false` when it was already made (by this or another server).
async fn claim(db: &impl ConnectionTrait, key: &str, now: OffsetDateTime) -> Result<bool> {
    let inserted = notice_dispatches::Entity::insert(notice_dispatches::ActiveModel {
        key: Set(key.to_owned()),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(notice_dispatches::Column::Key)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(inserted == 1)
}

/// The keys among `keys` already claimed.
async fn claimed(db: &impl ConnectionTrait, keys: &[String]) -> Result<HashSet<String>> {
    let mut done = HashSet::new();
    for chunk in keys.chunks(500) {
        let found: Vec<String> = notice_dispatches::Entity::find()
            .select_only()
            .column(notice_dispatches::Column::Key)
            .filter(notice_dispatches::Column::Key.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(db)
            .await?;
        done.extend(found);
    }
    Ok(done)
}

/// What an announcement says of its team: its address, its name, and the zone its times are
/// written in (one message goes to every member, so it speaks the team's zone and names it).
struct TeamInfo {
    slug: String,
    name: String,
    zone: Zone,
}

async fn team_slugs(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = TeamId>,
) -> Result<HashMap<TeamId, TeamInfo>> {
    let ids: HashSet<TeamId> = ids.collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(teams::Entity::find()
        .filter(teams::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| {
            let info = TeamInfo {
                zone: Zone::stored(&t.time_zone),
                slug: t.slug,
                name: t.name,
            };
            (t.id, info)
        })
        .collect())
}

/// One announcement waiting to be made.
struct Due {
    key: String,
    notice: Notice,
    /// Only members who have not voted (reminders): the participation to subtract.
    voters: Option<Voters>,
}

enum Voters {
    Meeting(crate::domain::ids::MeetingId),
    Round(crate::domain::ids::RoundId),
}

async fn make(
    db: &DatabaseConnection,
    delivery: Delivery<'_>,
    due: Vec<Due>,
    now: OffsetDateTime,
) -> Result<usize> {
    let keys: Vec<String> = due.iter().map(|d| d.key.clone()).collect();
    let done = claimed(db, &keys).await?;
    let mut made = 0;
    for d in due.into_iter().filter(|d| !done.contains(&d.key)) {
        let txn = db.begin().await?;
        if !claim(&txn, &d.key, now).await? {
            continue;
        }
        let mut recipients = team_recipients(&txn, d.notice.team_id).await?;
        if let Some(voters) = &d.voters {
            let voted = voted(&txn, voters).await?;
            recipients.retain(|r| !voted.contains(&r.id));
        }
        deliver(&txn, delivery, &d.notice, &recipients, now).await?;
        txn.commit().await?;
        made += 1;
    }
    Ok(made)
}

async fn voted(db: &impl ConnectionTrait, voters: &Voters) -> Result<HashSet<UserId>> {
    let ids: Vec<UserId> = match voters {
        Voters::Meeting(id) => {
            agenda_participation::Entity::find()
                .select_only()
                .column(agenda_participation::Column::UserId)
                .filter(agenda_participation::Column::MeetingId.eq(*id))
                .into_tuple()
                .all(db)
                .await?
        }
        Voters::Round(id) => {
            budget_participation::Entity::find()
                .select_only()
                .column(budget_participation::Column::UserId)
                .filter(budget_participation::Column::RoundId.eq(*id))
                .into_tuple()
                .all(db)
                .await?
        }
    };
    Ok(ids.into_iter().collect())
}

/// A meeting or a budget round, as its announcements need it.
struct Subject {
    /// `meeting:7` or `round:3`: the start of its announcements' keys.
    key: String,
    team_id: TeamId,
    title: String,
    /// Its page, e.g. `/teams/slt/meetings/7`.
    base: String,
    /// What members propose (`proposals` or `ideas`, as the catalogues select) and the page
    /// where they do.
    proposing: &'static str,
    proposals_path: &'static str,
    /// The proposal (or idea) window and the voting window.
    proposals: (OffsetDateTime, OffsetDateTime),
    voting: (OffsetDateTime, OffsetDateTime),
    /// The mails' first lines: what proposing and voting are for here.
    propose_body: Vec<Msg>,
    vote_body: Msg,
    voters: Voters,
    /// The team's zone, for the closing times.
    zone: Zone,
}

/// The announcements a subject is due at `now`: its proposal window open, its voting window
/// open, and the reminder once `reminder` before voting closes.
fn announcements(s: Subject, reminder: Duration, now: OffsetDateTime) -> Vec<Due> {
    let mut due = Vec::new();
    let open = |(from, to): (OffsetDateTime, OffsetDateTime)| from <= now && now < to;
    let notice = |kind, message: Msg, path: &str, subject: Msg, body: Vec<Msg>| Notice {
        kind,
        team_id: s.team_id,
        message,
        link: format!("{}/{path}", s.base),
        subject,
        body,
        attachment: None,
    };
    let title = || Arg::from(s.title.as_str());
    if open(s.proposals) {
        let close = Arg::at(s.proposals.1, s.zone);
        let mut body = s.propose_body.clone();
        body.push(Msg::verbatim(""));
        body.push(
            Msg::new("notice-proposals-open-until")
                .arg("what", s.proposing)
                .arg("close", close.clone()),
        );
        due.push(Due {
            key: format!("{}:proposals_open", s.key),
            notice: notice(
                Kind::ProposalsOpen,
                Msg::new("notice-proposals-open")
                    .arg("what", s.proposing)
                    .arg("title", title())
                    .arg("close", close),
                s.proposals_path,
                Msg::new("notice-proposals-open-subject")
                    .arg("what", s.proposing)
                    .arg("title", title()),
                body,
            ),
            voters: None,
        });
    }
    if open(s.voting) {
        let close = Arg::at(s.voting.1, s.zone);
        due.push(Due {
            key: format!("{}:voting_open", s.key),
            notice: notice(
                Kind::VotingOpen,
                Msg::new("notice-voting-open")
                    .arg("title", title())
                    .arg("close", close.clone()),
                "ballot",
                Msg::new("notice-voting-open-subject").arg("title", title()),
                vec![
                    s.vote_body.clone(),
                    Msg::new("notice-voting-closes").arg("close", close.clone()),
                ],
            ),
            voters: None,
        });
        if s.voting.1 - reminder <= now {
            due.push(Due {
                key: format!("{}:reminder", s.key),
                notice: notice(
                    Kind::VotingReminder,
                    Msg::new("notice-reminder")
                        .arg("title", title())
                        .arg("close", close.clone()),
                    "ballot",
                    Msg::new("notice-reminder-subject").arg("title", title()),
                    vec![
                        Msg::new("notice-reminder-body")
                            .arg("title", title())
                            .arg("close", close),
                        s.vote_body.clone(),
                    ],
                ),
                voters: Some(s.voters),
            });
        }
    }
    due
}

async fn meetings_due(
    db: &DatabaseConnection,
    delivery: Delivery<'_>,
    reminder_hours: u32,
    now: OffsetDateTime,
) -> Result<usize> {
    let open = meetings::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(
                    meetings::Column::ProposalsOpenAt
                        .lte(now)
                        .and(meetings::Column::ProposalsCloseAt.gt(now)),
                )
                .add(
                    meetings::Column::VotingOpenAt
                        .lte(now)
                        .and(meetings::Column::VotingCloseAt.gt(now)),
                ),
        )
        // A cancelled meeting announces and reminds nothing.
        .filter(meetings::Column::CancelledAt.is_null())
        .all(db)
        .await?;
    let slugs = team_slugs(db, open.iter().map(|m| m.team_id)).await?;
    let reminder = Duration::hours(i64::from(reminder_hours));
    let mut due = Vec::new();
    for m in open {
        let Some(TeamInfo {
            slug,
            name: team,
            zone,
        }) = slugs.get(&m.team_id)
        else {
            continue;
        };
        let starts = Arg::at(m.starts_at, *zone);
        let subject = Subject {
            zone: *zone,
            key: format!("meeting:{}", m.id),
            team_id: m.team_id,
            base: format!("/teams/{slug}/meetings/{}", m.id),
            proposing: "proposals",
            proposals_path: "proposals",
            proposals: (m.proposals_open_at, m.proposals_close_at),
            voting: (m.voting_open_at, m.voting_close_at),
            propose_body: vec![
                Msg::new("notice-meeting-propose")
                    .arg("team", team.as_str())
                    .arg("title", m.title.as_str())
                    .arg("starts", starts.clone()),
                Msg::verbatim(m.purpose_line.as_str()),
                Msg::new("notice-meeting-propose-how"),
            ],
            vote_body: Msg::new("notice-meeting-vote")
                .arg("team", team.as_str())
                .arg("title", m.title.as_str())
                .arg("starts", starts),
            voters: Voters::Meeting(m.id),
            title: m.title,
        };
        due.extend(announcements(subject, reminder, now));
    }
    make(db, delivery, due, now).await
}

async fn rounds_due(
    db: &DatabaseConnection,
    delivery: Delivery<'_>,
    reminder_hours: u32,
    now: OffsetDateTime,
) -> Result<usize> {
    let open = budget_rounds::Entity::find()
        .filter(budget_rounds::Column::Imported.eq(false))
        .filter(
            sea_orm::Condition::any()
                .add(
                    budget_rounds::Column::IdeasOpenAt
                        .lte(now)
                        .and(budget_rounds::Column::ReviewAt.gt(now)),
                )
                .add(
                    budget_rounds::Column::VotingOpenAt
                        .lte(now)
                        .and(budget_rounds::Column::VotingCloseAt.gt(now)),
                ),
        )
        .all(db)
        .await?;
    let slugs = team_slugs(db, open.iter().map(|r| r.team_id)).await?;
    let reminder = Duration::hours(i64::from(reminder_hours));
    let mut due = Vec::new();
    for r in open {
        let Some(TeamInfo {
            slug,
            name: team,
            zone,
        }) = slugs.get(&r.team_id)
        else {
            continue;
        };
        let subject = Subject {
            zone: *zone,
            key: format!("round:{}", r.id),
            team_id: r.team_id,
            base: format!("/teams/{slug}/budgets/{}", r.id),
            proposing: "ideas",
            proposals_path: "ideas",
            proposals: (r.ideas_open_at, r.review_at),
            voting: (r.voting_open_at, r.voting_close_at),
            propose_body: vec![
                Msg::new("notice-round-propose")
                    .arg("team", team.as_str())
                    .arg("title", r.title.as_str())
                    .arg(
                        "amount",
                        crate::domain::budget::format_money(r.amount, &r.currency),
                    ),
                Msg::verbatim(r.purpose.as_str()),
                Msg::new("notice-round-propose-how"),
            ],
            vote_body: Msg::new("notice-round-vote")
                .arg("team", team.as_str())
                .arg("title", r.title.as_str()),
            voters: Voters::Round(r.id),
            title: r.title,
        };
        due.extend(announcements(subject, reminder, now));
    }
    make(db, delivery, due, now).await
}

/// Actions still open whose due date passed within the last week: each owner told once per due
/// date (moving the date and missing it again tells them again).
async fn overdue_actions(
    db: &DatabaseConnection,
    delivery: Delivery<'_>,
    now: OffsetDateTime,
) -> Result<usize> {
    // The latest date it is anywhere (UTC+14) bounds the query; each team's own date decides.
    let latest = now.date() + Duration::days(1);
    let late: Vec<actions::Model> = actions::Entity::find()
        .filter(actions::Column::DueOn.lt(latest))
        .filter(actions::Column::DueOn.gte(latest - Duration::days(OVERDUE_LOOKBACK_DAYS + 1)))
        .filter(actions::Column::Status.is_in([
            actions::Status::Open,
            actions::Status::InProgress,
            actions::Status::Blocked,
        ]))
        .all(db)
        .await?;
    let slugs = team_slugs(db, late.iter().map(|a| a.team_id)).await?;
    let late: Vec<actions::Model> = late
        .into_iter()
        .filter(|a| {
            slugs
                .get(&a.team_id)
                .is_some_and(|t| a.due_on < t.zone.today(now))
        })
        .collect();
    let keys: Vec<String> = late
        .iter()
        .map(|a| format!("action:{}:overdue:{}", a.id, a.due_on))
        .collect();
    let done = claimed(db, &keys).await?;
    let mut made = 0;
    for (a, key) in late.iter().zip(keys) {
        if done.contains(&key) {
            continue;
        }
        let Some(TeamInfo {
            slug, name: team, ..
        }) = slugs.get(&a.team_id)
        else {
            continue;
        };
        let txn = db.begin().await?;
        if !claim(&txn, &key, now).await? {
            continue;
        }
        let Some(owner) = super::recipient(&txn, a.owner_id).await? else {
            continue;
        };
        let due_on = Arg::day(a.due_on);
        let notice = Notice {
            kind: Kind::ActionOverdue,
            team_id: a.team_id,
            message: Msg::new("notice-overdue")
                .arg("title", a.title.as_str())
                .arg("due", due_on.clone()),
            link: format!("/teams/{slug}/actions/{}", a.id),
            subject: Msg::new("notice-overdue-subject").arg("title", a.title.as_str()),
            body: vec![
                Msg::new("notice-overdue-body")
                    .arg("title", a.title.as_str())
                    .arg("team", team.as_str())
                    .arg("due", due_on),
            ],
            attachment: None,
        };
        deliver(&txn, delivery, &notice, &[owner], now).await?;
        txn.commit().await?;
        made += 1;
    }
    Ok(made)
}

/// On Monday in each team's zone, one digest per team for each member who chose to receive it.
/// Claimed digests of the week are read once per pass, so a pass after they are made costs a
/// handful of queries however many people subscribe.
async fn digests(
    db: &DatabaseConnection,
    delivery: Delivery<'_>,
    now: OffsetDateTime,
) -> Result<usize> {
    // Monday is somewhere on Earth from Sunday 10:00 to Tuesday 12:00 UTC.
    if !matches!(
        now.weekday(),
        Weekday::Sunday | Weekday::Monday | Weekday::Tuesday
    ) {
        return Ok(0);
    }
    let wanted: Vec<UserId> = notification_preferences::Entity::find()
        .select_only()
        .column(notification_preferences::Column::UserId)
        .filter(notification_preferences::Column::Kind.eq(Kind::Digest.as_str()))
        .filter(notification_preferences::Column::Channel.ne(Channel::Off.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    if wanted.is_empty() {
        return Ok(0);
    }
    let mut pairs: Vec<(UserId, TeamId)> = Vec::new();
    for chunk in wanted.chunks(500) {
        let found: Vec<(UserId, TeamId)> = memberships::Entity::find()
            .select_only()
            .column(memberships::Column::UserId)
            .column(memberships::Column::TeamId)
            .filter(memberships::Column::UserId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        pairs.extend(found);
    }
    pairs.sort_unstable();
    let teams = team_slugs(db, pairs.iter().map(|p| p.1)).await?;
    let done: HashSet<String> = notice_dispatches::Entity::find()
        .select_only()
        .column(notice_dispatches::Column::Key)
        .filter(notice_dispatches::Column::Key.starts_with("digest:"))
        .filter(notice_dispatches::Column::CreatedAt.gte(now - Duration::days(8)))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut made = 0;
    for (user_id, team_id) in pairs {
        let Some(team) = teams.get(&team_id) else {
            continue;
        };
        let local = team.zone.local(now).at;
        if local.weekday() != Weekday::Monday {
            continue;
        }
        let (year, week, _) = local.date().to_iso_week_date();
        let key = format!("digest:{team_id}:{user_id}:{year}-W{week:02}");
        if done.contains(&key) {
            continue;
        }
        let Some(person) = super::recipient(db, user_id).await? else {
            continue;
        };
        let body = digest_body(db, user_id, team_id, team, delivery, now).await?;
        let body = body
            .iter()
            .map(|line| line.render(person.lang))
            .collect::<Vec<_>>();
        let txn = db.begin().await?;
        if !claim(&txn, &key, now).await? {
            continue;
        }
        let notice = Notice {
            kind: Kind::Digest,
            team_id,
            message: Msg::new("notice-digest").arg("team", team.name.as_str()),
            link: format!("/teams/{}", team.slug),
            subject: Msg::new("notice-digest-subject").arg("team", team.name.as_str()),
            body: vec![Msg::verbatim(body.join("\n"))],
            attachment: None,
        };
        deliver(&txn, delivery, &notice, std::slice::from_ref(&person), now).await?;
        txn.commit().await?;
        made += 1;
    }
    Ok(made)
}

async fn digest_body(
    db: &impl ConnectionTrait,
    user_id: UserId,
    team_id: TeamId,
    team: &TeamInfo,
    delivery: Delivery<'_>,
    now: OffsetDateTime,
) -> Result<Vec<Msg>> {
    let slug = &team.slug;
    let today = team.zone.today(now);
    let mut lines = vec![
        Msg::new("digest-week").arg("team", team.name.as_str()),
        Msg::verbatim(""),
    ];
    let voting = meetings::Entity::find()
        .filter(meetings::Column::TeamId.eq(team_id))
        .filter(meetings::Column::VotingOpenAt.lte(now))
        .filter(meetings::Column::VotingCloseAt.gt(now))
        .filter(meetings::Column::CancelledAt.is_null())
        .all(db)
        .await?;
    let mut open_votes = Vec::new();
    for m in voting {
        let voted = voted(db, &Voters::Meeting(m.id)).await?;
        if !voted.contains(&user_id) {
            open_votes.push(
                Msg::new("digest-vote")
                    .arg("title", m.title.as_str())
                    .arg("close", Arg::at(m.voting_close_at, team.zone))
                    .arg(
                        "link",
                        delivery.link(&format!("/teams/{slug}/meetings/{}/ballot", m.id)),
                    ),
            );
        }
    }
    if open_votes.is_empty() {
        lines.push(Msg::new("digest-no-vote"));
    } else {
        lines.push(Msg::new("digest-votes"));
        lines.extend(open_votes);
    }
    lines.push(Msg::verbatim(""));
    let week_ahead = today + Duration::days(7);
    let mine = actions::Entity::find()
        .filter(actions::Column::TeamId.eq(team_id))
        .filter(actions::Column::OwnerId.eq(user_id))
        .filter(actions::Column::DueOn.lte(week_ahead))
        .filter(actions::Column::Status.is_in([
            actions::Status::Open,
            actions::Status::InProgress,
            actions::Status::Blocked,
        ]))
        .all(db)
        .await?;
    if mine.is_empty() {
        lines.push(Msg::new("digest-no-action"));
    } else {
        lines.push(Msg::new("digest-actions"));
        for a in mine {
            lines.push(
                Msg::new(if a.due_on < today {
                    "digest-action-overdue"
                } else {
                    "digest-action"
                })
                .arg("title", a.title.as_str())
                .arg("due", Arg::day(a.due_on))
                .arg(
                    "link",
                    delivery.link(&format!("/teams/{slug}/actions/{}", a.id)),
                ),
            );
        }
    }
    let unread = super::centre::unread_total(db, user_id).await?;
    lines.push(Msg::verbatim(""));
    lines.push(Msg::new("digest-unread").arg("count", unread));
    Ok(lines)
}
