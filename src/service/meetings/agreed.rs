//! The agreed agenda: leaders publish it after the tally, reordering, adding or dropping items,
//! each difference with a reason that everyone sees. Publication (and each deviation) is
//! audited; publishing again before the meeting replaces the previous version.

use crate::domain::ids::{MeetingId, ProposalId};
use crate::i18n::{Lang, Msg};
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::agreed_agenda::{
    AddedItem, Deviation, ItemKind, PlanRow, PublishedItem, TallyItem, plan,
};
use crate::domain::meeting::{ItemMinutes, ItemTitle};
use crate::domain::notice::Kind;
use crate::service::notices::{self, Delivery};
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::{agenda_deviations, agenda_publications};

use super::tally::{TallyResult, stored, tally_meeting};
use super::{MeetingAccess, authorize, begin_locked, name_of, stored_tally};

/// The tally's items in tally order, as the publication form and the plan see them.
pub fn tally_items(result: &TallyResult) -> Vec<TallyItem> {
    let Some(agenda) = &result.output.agenda else {
        return Vec::new();
    };
    agenda
        .items
        .iter()
        .filter_map(|item| {
            let c = result.input.candidates.iter().find(|c| c.name == item.id)?;
            Some(TallyItem {
                proposal_id: ProposalId(c.proposal_id),
                title: c.title.clone(),
                minutes: item.minutes,
                rank: item.rank,
                included: item.included,
            })
        })
        .collect()
}

/// A published agenda as shown.
#[derive(Debug, Clone)]
pub struct Publication {
    /// Items in order, fixed items first.
    pub items: Vec<PublishedItem>,
    /// Differences from the tally.
    pub deviations: Vec<Deviation>,
    /// Who published.
    pub publisher: String,
    /// When.
    pub published_at: OffsetDateTime,
}

/// What the agenda pages need.
#[derive(Debug, Clone)]
pub struct AgendaView {
    /// The meeting.
    pub access: MeetingAccess,
    /// The stored tally, once voting has closed.
    pub tally: Option<TallyResult>,
    /// The published agenda, if any.
    pub publication: Option<Publication>,
}

/// Loads the agenda (tallying first if voting has closed and nobody has yet).
pub async fn view(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    now: OffsetDateTime,
) -> Result<AgendaView> {
    let access = authorize(db, principal, slug, meeting_id, Action::ViewMeetings).await?;
    let tally = if access.windows().voting_closed(now) {
        tally_meeting(db, meeting_id, now).await?;
        match stored_tally(db, meeting_id).await? {
            Some(row) => Some(stored(&row)?),
            None => None,
        }
    } else {
        None
    };
    let publication = publication(db, meeting_id).await?;
    Ok(AgendaView {
        access,
        tally,
        publication,
    })
}

/// The published agenda of a meeting, if any.
pub async fn publication(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
) -> Result<Option<Publication>> {
    let Some(row) = agenda_publications::Entity::find_by_id(meeting_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let items: Vec<PublishedItem> = serde_json::from_str(&row.items)
        .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e).context("published items")))?;
    let deviations = agenda_deviations::Entity::find()
        .filter(agenda_deviations::Column::MeetingId.eq(meeting_id))
        .order_by_asc(agenda_deviations::Column::Position)
        .order_by_asc(agenda_deviations::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|d| Deviation {
            kind: d.kind.into(),
            proposal_id: d.proposal_id,
            title: d.title,
            reason: d.reason,
        })
        .collect();
    Ok(Some(Publication {
        items,
        deviations,
        publisher: name_of(db, row.published_by).await?,
        published_at: row.published_at,
    }))
}

fn field<'a>(fields: &'a HashMap<String, String>, name: &str) -> &'a str {
    fields.get(name).map_or("", |v| v.trim())
}

/// Publishes the agreed agenda (leaders, after the tally, before the meeting starts). Fields:
/// `include_{id}`, `position_{id}`, `reason_{id}` per tally item; `add_title`,
/// `add_minutes`, `add_position`, `add_reason` for one urgent item. The members' notice
/// carries a calendar file written in `lang`, the publishing leader's language.
#[allow(clippy::too_many_arguments)] // the request's parts, as every use case takes them
pub async fn publish(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    fields: &HashMap<String, String>,
    delivery: Delivery<'_>,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<()> {
    let check = authorize(db, principal, slug, meeting_id, Action::PublishAgenda).await?;
    if check.windows().voting_closed(now) {
        tally_meeting(db, meeting_id, now).await?;
    }
    let (txn, access) =
        begin_locked(db, principal, slug, meeting_id, Action::PublishAgenda).await?;
    let Some(row) = stored_tally(&txn, meeting_id).await? else {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-agenda-published-voting-closed",
        )));
    };
    if now >= access.meeting.starts_at {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-meeting-started-agenda-no",
        )));
    }
    let result = stored(&row)?;
    let tally = tally_items(&result);
    let mut errors = FieldErrors::new();
    let rows: Vec<PlanRow> = tally
        .iter()
        .map(|t| {
            let id = t.proposal_id;
            let position_raw = field(fields, &format!("position_{id}"));
            let position = if position_raw.is_empty() {
                None
            } else {
                match position_raw.parse::<u32>() {
                    Ok(n) if n >= 1 => Some(n),
                    _ => {
                        errors.add(&format!("position_{id}"), Msg::new("sm-position-from-one"));
                        None
                    }
                }
            };
            PlanRow {
                proposal_id: id,
                include: !field(fields, &format!("include_{id}")).is_empty(),
                position,
                reason: field(fields, &format!("reason_{id}")).to_owned(),
            }
        })
        .collect();
    let added = if field(fields, "add_title").is_empty() {
        None
    } else {
        let title = ItemTitle::parse(field(fields, "add_title"))
            .map_err(|e| errors.add("add_title", e))
            .ok();
        let minutes = ItemMinutes::parse(field(fields, "add_minutes"))
            .map_err(|e| errors.add("add_minutes", e))
            .ok();
        let position = match field(fields, "add_position") {
            "" => None,
            raw => match raw.parse::<u32>() {
                Ok(n) if n >= 1 => Some(n),
                _ => {
                    errors.add("add_position", Msg::new("sm-position-from-one"));
                    None
                }
            },
        };
        match (title, minutes) {
            (Some(t), Some(m)) => Some(AddedItem {
                title: t.as_str().to_owned(),
                minutes: m.get(),
                position,
                reason: field(fields, "add_reason").to_owned(),
            }),
            _ => None,
        }
    };
    let planned = plan(&tally, &rows, added.as_ref());
    let planned = match planned {
        Ok(p) if errors.is_empty() => p,
        Ok(_) => return Err(ServiceError::Invalid(errors)),
        Err(problems) => {
            for (name, message) in problems {
                errors.add(&name, message);
            }
            return Err(ServiceError::Invalid(errors));
        }
    };
    let mut items: Vec<PublishedItem> = result
        .input
        .fixed
        .iter()
        .map(|f| PublishedItem {
            title: f.title.clone(),
            minutes: f.minutes,
            proposal_id: None,
            kind: ItemKind::Fixed,
            rank: None,
        })
        .collect();
    items.extend(planned.items);
    let items_json = serde_json::to_string(&items)
        .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))?;
    match agenda_publications::Entity::find_by_id(meeting_id)
        .one(&txn)
        .await?
    {
        Some(existing) => {
            let mut active: agenda_publications::ActiveModel = existing.into();
            active.published_at = Set(now);
            active.published_by = Set(principal.user_id);
            active.items = Set(items_json);
            active.update(&txn).await?;
        }
        None => {
            agenda_publications::ActiveModel {
                meeting_id: Set(meeting_id),
                published_at: Set(now),
                published_by: Set(principal.user_id),
                items: Set(items_json),
            }
            .insert(&txn)
            .await?;
        }
    }
    agenda_deviations::Entity::delete_many()
        .filter(agenda_deviations::Column::MeetingId.eq(meeting_id))
        .exec(&txn)
        .await?;
    for (position, d) in planned.deviations.iter().enumerate() {
        agenda_deviations::ActiveModel {
            meeting_id: Set(meeting_id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            kind: Set(d.kind.into()),
            proposal_id: Set(d.proposal_id),
            title: Set(d.title.clone()),
            reason: Set(d.reason.clone()),
            actor_id: Set(principal.user_id),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: audit::AuditAction::AgendaPublish,
            detail: json!({ "meeting_id": meeting_id, "items": titles, "deviations": planned.deviations.len() }),
        },
    )
    .await?;
    for d in &planned.deviations {
        audit::record(
            &txn,
            audit::Entry {
                actor_id: principal.user_id,
                team_id: Some(access.team.id),
                action: audit::AuditAction::AgendaDeviation,
                detail: json!({ "meeting_id": meeting_id, "deviation": d }),
            },
        )
        .await?;
    }
    let notice = published_notice(
        &access.meeting,
        slug,
        &access.team,
        &items,
        &planned.deviations,
        delivery,
        now,
        lang,
    );
    let members = notices::team_recipients(&txn, access.team.id).await?;
    notices::deliver(&txn, delivery, &notice, &members, now).await?;
    txn.commit().await?;
    Ok(())
}

/// The notice of a published agenda: the items with their start times, every change from the
/// tally with its reason, and the meeting as a calendar file. The mail speaks each member's
/// language; the calendar file is one document, written in `lang` (the publishing leader's).
#[expect(
    clippy::too_many_arguments,
    reason = "one notice, built from one publication"
)]
fn published_notice(
    meeting: &crate::store::entities::meetings::Model,
    slug: &str,
    team_row: &crate::store::entities::teams::Model,
    items: &[PublishedItem],
    deviations: &[crate::domain::agreed_agenda::Deviation],
    delivery: Delivery<'_>,
    now: OffsetDateTime,
    lang: Lang,
) -> notices::Notice {
    // One message for every member: in the team's zone, named beside the date.
    let zone = crate::domain::zone::Zone::stored(&team_row.time_zone);
    let team = &team_row.name;
    let mut at = meeting.starts_at;
    let mut agenda = Vec::new();
    for item in items {
        let start = crate::format::clock(at, zone);
        agenda.push(format!("{start} {} ({} min)", item.title, item.minutes));
        at += time::Duration::minutes(i64::from(item.minutes));
    }
    let changes: Vec<Msg> = deviations
        .iter()
        .map(|d| d.sentence(Msg::new("sm-the-leader")))
        .collect();
    let link = format!("/teams/{slug}/meetings/{}/agenda", meeting.id);
    let mut lines = agenda.clone();
    lines.extend(changes.iter().map(|c| c.render(lang)));
    let description = format!(
        "{}\n\n{}\n{}",
        meeting.purpose_line,
        Msg::new("mt-ics-agenda").render(lang),
        lines.join("\n")
    );
    let url = delivery.link(&link);
    let ics = crate::format::ics::calendar(&crate::format::ics::Event {
        uid: &format!("meeting-{}@roundtable", meeting.id),
        stamp: now,
        starts: meeting.starts_at,
        ends: meeting.starts_at + time::Duration::minutes(i64::from(meeting.budget_minutes)),
        summary: &meeting.title,
        location: &meeting.place,
        description: &description,
        url: delivery.mail.then_some(url.as_str()),
    });
    let title = meeting.title.as_str();
    let mut body = vec![
        Msg::new("notice-agenda-body")
            .arg("team", team.as_str())
            .arg("title", title)
            .arg("starts", crate::i18n::Arg::at(meeting.starts_at, zone))
            .arg("place", meeting.place.as_str()),
        Msg::verbatim(meeting.purpose_line.as_str()),
        Msg::verbatim(""),
    ];
    body.extend(agenda.iter().map(|line| Msg::verbatim(line.as_str())));
    body.extend(changes);
    body.push(Msg::verbatim(""));
    body.push(Msg::new("notice-agenda-attached"));
    notices::Notice {
        kind: Kind::AgendaPublished,
        team_id: meeting.team_id,
        message: Msg::new("notice-agenda").arg("title", title),
        link,
        subject: Msg::new("notice-agenda-subject").arg("title", title),
        body,
        attachment: Some(notices::Attachment {
            name: "agenda.ics".to_owned(),
            content_type: "text/calendar; charset=utf-8; method=PUBLISH".to_owned(),
            content: ics,
        }),
    }
}

/// Stored deviation kinds are read as `agenda_deviations::DeviationKind` (an unknown value
/// fails the read); the agenda rules speak `domain::agreed_agenda::DeviationKind`.
impl From<agenda_deviations::DeviationKind> for crate::domain::agreed_agenda::DeviationKind {
    fn from(kind: agenda_deviations::DeviationKind) -> Self {
        use agenda_deviations::DeviationKind as Stored;
        match kind {
            Stored::Added => Self::Added,
            Stored::Dropped => Self::Dropped,
            Stored::Moved => Self::Moved,
        }
    }
}

impl From<crate::domain::agreed_agenda::DeviationKind> for agenda_deviations::DeviationKind {
    fn from(kind: crate::domain::agreed_agenda::DeviationKind) -> Self {
        use crate::domain::agreed_agenda::DeviationKind as Kind;
        match kind {
            Kind::Added => Self::Added,
            Kind::Dropped => Self::Dropped,
            Kind::Moved => Self::Moved,
        }
    }
}
