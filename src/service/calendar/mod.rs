//! The personal calendar feed (issue 19): a secret address per person that calendar apps
//! subscribe to, serving their meetings in every team, their open actions' due dates and
//! their milestones' due dates as iCalendar (`format::ics`).
//!
//! The token stands in for the person, so it is long and random (`auth::tokens`), stored only
//! as its SHA-256, and answers `NotFound` once revoked or replaced. Making, remaking and
//! revoking it are audited. The feed covers a bounded window around now ([`DAYS_BACK`],
//! [`DAYS_AHEAD`]) with at most [`MAX_MEETINGS`] meetings, so a subscription never grows
//! without bound.
//!
//! A cancelled meeting stays in the feed as `STATUS:CANCELLED` (its title and text say so
//! too): a calendar that already holds the event then removes or strikes it out, which it
//! would not do if the event just vanished from the feed.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::access::{Action, Principal};
use crate::auth::tokens::{random_token, token_hash};
use crate::domain::ids::{TeamId, UserId};
use crate::domain::zone::Zone;
use crate::format::{self, ics};
use crate::i18n::{Lang, Msg};
use crate::service::teams::check;
use crate::service::{Result, ServiceError, audit, role_maps, teams};
use crate::store::entities::audit_log::AuditAction;
use crate::store::entities::{actions, calendar_feeds, meetings, users};

/// How far back the feed reaches.
pub const DAYS_BACK: i64 = 90;
/// How far ahead the feed reaches.
pub const DAYS_AHEAD: i64 = 366;
/// The most meetings in one feed (the soonest after the window's start).
pub const MAX_MEETINGS: u64 = 1_000;
/// The most actions in one feed.
pub const MAX_ACTIONS: u64 = 500;

/// When the person's current feed address was made, in their zone; `None`: they have none.
pub async fn made_at(
    db: &impl ConnectionTrait,
    user_id: UserId,
    zone: Zone,
    lang: Lang,
) -> Result<Option<String>> {
    Ok(calendar_feeds::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .map(|f| format::date_time_in(f.created_at, zone, lang)))
}

fn user_of(principal: Principal) -> Result<UserId> {
    check(crate::access::authorize(
        principal,
        None,
        Action::ManageOwnAccount,
    ))?;
    principal.user_id.ok_or(ServiceError::Unauthenticated)
}

/// Makes a new feed token for the signed-in person, replacing (and so ending) any old one.
/// Returns the token: shown once, never stored in clear.
pub async fn regenerate(
    db: &DatabaseConnection,
    principal: Principal,
    now: OffsetDateTime,
) -> Result<String> {
    let user_id = user_of(principal)?;
    let token = random_token();
    let txn = db.begin().await?;
    let replaced = calendar_feeds::Entity::delete_by_id(user_id)
        .exec(&txn)
        .await?
        .rows_affected
        > 0;
    calendar_feeds::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: Some(user_id),
            team_id: None,
            action: AuditAction::CalendarFeedCreate,
            detail: json!({ "replaced": replaced }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// Revokes the signed-in person's feed: its address answers "not found" from now on.
/// Revoking when there is none changes nothing.
pub async fn revoke(db: &DatabaseConnection, principal: Principal) -> Result<()> {
    let user_id = user_of(principal)?;
    let txn = db.begin().await?;
    let gone = calendar_feeds::Entity::delete_by_id(user_id)
        .exec(&txn)
        .await?
        .rows_affected;
    if gone > 0 {
        audit::record(
            &txn,
            audit::Entry {
                actor_id: Some(user_id),
                team_id: None,
                action: AuditAction::CalendarFeedRevoke,
                detail: json!({}),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The feed behind `token`, as iCalendar text, with links under `base` (the site's address,
/// no trailing slash), in the person's language. `NotFound` for any token that is not a
/// current one.
pub async fn feed(
    db: &impl ConnectionTrait,
    token: &str,
    base: &str,
    now: OffsetDateTime,
) -> Result<String> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ServiceError::NotFound);
    }
    let feed = calendar_feeds::Entity::find()
        .filter(calendar_feeds::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let user = users::Entity::find_by_id(feed.user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let lang = user
        .language
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or(Lang::En);
    let entries = entries(db, user.id, base, now, lang).await?;
    let name = Msg::new("co-feed-name")
        .arg("name", user.display_name.as_str())
        .render(lang);
    Ok(ics::feed(&name, now, &entries))
}

/// The person's meetings, actions and milestones within the window, meetings first.
async fn entries(
    db: &impl ConnectionTrait,
    user_id: UserId,
    base: &str,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<Vec<ics::Entry>> {
    let from = now - Duration::days(DAYS_BACK);
    let until = now + Duration::days(DAYS_AHEAD);
    let teams: HashMap<TeamId, (String, String)> = teams::teams_of(db, user_id)
        .await?
        .into_iter()
        .map(|(t, _)| (t.id, (t.slug, t.name)))
        .collect();
    if teams.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let rows = meetings::Entity::find()
        .filter(meetings::Column::TeamId.is_in(teams.keys().copied()))
        .filter(meetings::Column::StartsAt.gte(from))
        .filter(meetings::Column::StartsAt.lte(until))
        .order_by_asc(meetings::Column::StartsAt)
        .order_by_asc(meetings::Column::Id)
        .limit(MAX_MEETINGS)
        .all(db)
        .await?;
    for m in rows {
        let Some((slug, team)) = teams.get(&m.team_id) else {
            continue;
        };
        out.push(meeting_entry(m, slug, team, base, lang));
    }
    let (first_day, last_day) = (from.date(), until.date());
    let owed = actions::Entity::find()
        .filter(actions::Column::OwnerId.eq(user_id))
        .filter(actions::Column::TeamId.is_in(teams.keys().copied()))
        .filter(actions::Column::Status.is_in([
            actions::Status::Open,
            actions::Status::InProgress,
            actions::Status::Blocked,
        ]))
        .filter(actions::Column::DueOn.gte(first_day))
        .filter(actions::Column::DueOn.lte(last_day))
        .order_by_asc(actions::Column::DueOn)
        .order_by_asc(actions::Column::Id)
        .limit(MAX_ACTIONS)
        .all(db)
        .await?;
    for a in owed {
        let Some((slug, team)) = teams.get(&a.team_id) else {
            continue;
        };
        out.push(ics::Entry {
            uid: format!("action-{}@roundtable", a.id),
            when: ics::When::Day(a.due_on),
            summary: Msg::new("co-feed-action-due")
                .arg("title", a.title.as_str())
                .render(lang),
            description: Msg::new("co-feed-team")
                .arg("team", team.as_str())
                .render(lang),
            location: String::new(),
            url: Some(format!("{base}/teams/{slug}/actions/{}", a.id)),
            cancelled: false,
        });
    }
    for m in role_maps::milestones_for_user(db, user_id, Some(first_day), last_day).await? {
        out.push(ics::Entry {
            uid: format!("milestone-{}@roundtable", m.milestone_id),
            when: ics::When::Day(m.due_on),
            summary: Msg::new("co-feed-milestone-due")
                .arg("title", m.title.as_str())
                .render(lang),
            description: format!(
                "{}\n{}",
                m.role_map_title,
                Msg::new("co-feed-team")
                    .arg("team", m.team_name.as_str())
                    .render(lang)
            ),
            location: String::new(),
            url: Some(format!("{base}{}", m.href())),
            cancelled: false,
        });
    }
    Ok(out)
}

/// One meeting as a calendar event: its page as the link, the team in the text, and a
/// cancelled one as `STATUS:CANCELLED` with the reason first (its title says so too).
fn meeting_entry(m: meetings::Model, slug: &str, team: &str, base: &str, lang: Lang) -> ics::Entry {
    let page = format!("{base}/teams/{slug}/meetings/{}", m.id);
    let agenda = format!("{page}/agenda");
    let mut description = Vec::new();
    if !m.purpose_line.trim().is_empty() {
        description.push(m.purpose_line.clone());
    }
    description.push(Msg::new("co-feed-team").arg("team", team).render(lang));
    let cancelled = m.cancelled_at.is_some();
    if cancelled {
        // Calendars that ignore STATUS still tell the person, in the title and the text.
        description.insert(
            0,
            Msg::new("co-feed-cancelled-reason")
                .arg("reason", m.cancel_reason.as_str())
                .render(lang),
        );
    } else {
        description.push(
            Msg::new("co-feed-agenda")
                .arg("link", agenda.as_str())
                .render(lang),
        );
    }
    let summary = if cancelled {
        Msg::new("co-feed-cancelled")
            .arg("title", m.title.as_str())
            .render(lang)
    } else {
        m.title
    };
    ics::Entry {
        uid: format!("meeting-{}@roundtable", m.id),
        when: ics::When::At {
            starts: m.starts_at,
            ends: m.starts_at + Duration::minutes(i64::from(m.budget_minutes)),
        },
        summary,
        description: description.join("\n"),
        location: m.place,
        url: Some(page),
        cancelled,
    }
}

/// One team's meetings as iCalendar (within the feed's window, at most [`MAX_MEETINGS`]),
/// for whoever may see the team's meetings (`ViewMeetings`); the events are those of the
/// personal feed, so a calendar subscribed to both holds each meeting once.
pub async fn team_feed(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    base: &str,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<(String, String)> {
    let access = teams::authorize(db, principal, slug, Action::ViewMeetings).await?;
    let team = access.team;
    let rows = meetings::Entity::find()
        .filter(meetings::Column::TeamId.eq(team.id))
        .filter(meetings::Column::StartsAt.gte(now - Duration::days(DAYS_BACK)))
        .filter(meetings::Column::StartsAt.lte(now + Duration::days(DAYS_AHEAD)))
        .order_by_asc(meetings::Column::StartsAt)
        .order_by_asc(meetings::Column::Id)
        .limit(MAX_MEETINGS)
        .all(db)
        .await?;
    let entries: Vec<ics::Entry> = rows
        .into_iter()
        .map(|m| meeting_entry(m, &team.slug, &team.name, base, lang))
        .collect();
    let name = Msg::new("co-feed-team-name")
        .arg("team", team.name.as_str())
        .render(lang);
    Ok((team.slug, ics::feed(&name, now, &entries)))
}
