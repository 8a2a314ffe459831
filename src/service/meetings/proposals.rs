//! Agenda proposals: members propose during the proposal window; authors edit or withdraw
//! their own until voting opens; leaders hide an item with a reason the author sees, or merge
//! a duplicate into another item, until the first ballot is cast (options are then frozen).

use crate::domain::ids::{MeetingId, ProposalId};
use crate::i18n::Msg;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::meeting::{ItemMinutes, ItemTitle, Reason, Why};
use crate::service::find_in_meeting;
use crate::service::{FieldErrors, Result, ServiceError, audit};
use crate::store::entities::agenda_proposals;

use super::{MeetingAccess, authorize, begin_locked};

/// A stored proposal, as pages read it.
pub type Proposal = agenda_proposals::Model;

pub use crate::store::entities::agenda_proposals::ProposalStatus;

/// The status as pages and templates name it.
pub fn status_name(status: ProposalStatus) -> &'static str {
    match status {
        ProposalStatus::Active => "active",
        ProposalStatus::Hidden => "hidden",
        ProposalStatus::Withdrawn => "withdrawn",
        ProposalStatus::Merged => "merged",
    }
}

/// A proposal as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ProposalForm {
    #[serde(default)]
    pub title: String,
    /// Why it matters.
    #[serde(default)]
    pub why: String,
    /// Estimated minutes.
    #[serde(default)]
    pub minutes: String,
}

struct Parsed {
    title: ItemTitle,
    why: Why,
    minutes: ItemMinutes,
}

impl ProposalForm {
    fn parse(&self) -> Result<Parsed> {
        let mut errors = FieldErrors::new();
        let title = ItemTitle::parse(&self.title)
            .map_err(|e| errors.add("title", e))
            .ok();
        let why = Why::parse(&self.why).map_err(|e| errors.add("why", e)).ok();
        let minutes = ItemMinutes::parse(&self.minutes)
            .map_err(|e| errors.add("minutes", e))
            .ok();
        match (title, why, minutes) {
            (Some(title), Some(why), Some(minutes)) => Ok(Parsed {
                title,
                why,
                minutes,
            }),
            _ => Err(ServiceError::Invalid(errors)),
        }
    }
}

/// The active proposals of a meeting, in the order they were made.
pub async fn active(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
) -> Result<Vec<agenda_proposals::Model>> {
    Ok(agenda_proposals::Entity::find()
        .filter(agenda_proposals::Column::MeetingId.eq(meeting_id))
        .filter(agenda_proposals::Column::Status.eq(ProposalStatus::Active))
        .order_by_asc(agenda_proposals::Column::Id)
        .all(db)
        .await?)
}

/// What a ballot shows of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotOption {
    pub id: ProposalId,
    pub title: String,
    /// Why it matters.
    pub why: String,
    /// Estimated minutes.
    pub minutes: i32,
}

/// The active proposals as a ballot lists them, in the order they were made: only the four
/// columns it shows (a ballot of 1,000 items reads 1,000 rows on every visit).
pub async fn ballot_options(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
) -> Result<Vec<BallotOption>> {
    use agenda_proposals::Column;
    let rows: Vec<(ProposalId, String, String, i32)> = agenda_proposals::Entity::find()
        .select_only()
        .columns([Column::Id, Column::Title, Column::Why, Column::Minutes])
        .filter(Column::MeetingId.eq(meeting_id))
        .filter(Column::Status.eq(ProposalStatus::Active))
        .order_by_asc(Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, why, minutes)| BallotOption {
            id,
            title,
            why,
            minutes,
        })
        .collect())
}

/// The title of item `id` of meeting `meeting_id`, if it is one of that meeting's.
pub async fn title_of(
    db: &impl ConnectionTrait,
    meeting_id: MeetingId,
    id: ProposalId,
) -> Result<Option<String>> {
    use sea_orm::QuerySelect;

    Ok(agenda_proposals::Entity::find_by_id(id)
        .filter(agenda_proposals::Column::MeetingId.eq(meeting_id))
        .select_only()
        .column(agenda_proposals::Column::Title)
        .into_tuple::<String>()
        .one(db)
        .await?)
}

/// Whether `principal` wrote `row`.
pub fn is_author(principal: Principal, row: &Proposal) -> bool {
    row.author_id.is_some() && row.author_id == principal.user_id
}

/// Whether `principal` (who may see the meeting) sees `row`: an active item everyone does; a
/// withdrawn, hidden or merged one only its author and leaders. [`listed`] asks the same in
/// SQL.
pub fn visible_to(access: &MeetingAccess, principal: Principal, row: &Proposal) -> bool {
    row.status == ProposalStatus::Active
        || is_author(principal, row)
        || access.may(principal, Action::ManageMeetings)
}

/// One page of the proposals `principal` sees (as [`visible_to`] decides), in the order they
/// were made: those after `after`, at most `limit` (all when `None`), and whether more follow.
pub async fn listed(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    after: Option<ProposalId>,
    limit: Option<u64>,
) -> Result<(MeetingAccess, Vec<Proposal>, bool)> {
    use agenda_proposals::Column;
    let access = authorize(db, principal, slug, meeting_id, Action::ViewMeetings).await?;
    let mut query = agenda_proposals::Entity::find().filter(Column::MeetingId.eq(meeting_id));
    if !access.may(principal, Action::ManageMeetings) {
        let mut seen = Condition::any().add(Column::Status.eq(ProposalStatus::Active));
        if let Some(me) = principal.user_id {
            seen = seen.add(Column::AuthorId.eq(me));
        }
        query = query.filter(seen);
    }
    if let Some(after) = after {
        query = query.filter(Column::Id.gt(after));
    }
    let mut rows = query
        .order_by_asc(Column::Id)
        .limit(limit.map(|l| l.saturating_add(1)))
        .all(db)
        .await?;
    let more = limit.is_some_and(|l| rows.len() as u64 > l);
    if let Some(l) = limit {
        rows.truncate(usize::try_from(l).unwrap_or(usize::MAX));
    }
    Ok((access, rows, more))
}

/// Items off the list (withdrawn, hidden, merged) a proposals page shows at most; the CSV
/// lists them all.
pub const OTHERS_SHOWN: u64 = 100;

/// One page of a meeting's proposals as its web page shows them.
pub struct ProposalsPage {
    /// The meeting and what the viewer may do there.
    pub access: MeetingAccess,
    /// The items on the list (active), in the order they were proposed, this page's only.
    pub active: Vec<Proposal>,
    /// How many items are on the list in all.
    pub active_total: u64,
    /// The items off the list this viewer may see (their own; a leader's: all), at most
    /// [`OTHERS_SHOWN`], in the order they were proposed.
    pub others: Vec<Proposal>,
    /// How many items off the list this viewer may see in all.
    pub others_total: u64,
    /// The titles of the items the shown merged ones went into.
    pub merged_into: std::collections::HashMap<ProposalId, String>,
}

/// Page `page` (from 1, clamped to the last) of the items on a meeting's list, `per_page` a
/// page, and the items off it this viewer may see: a few statements, however many items.
pub async fn listed_page(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    page: u64,
    per_page: u64,
) -> Result<ProposalsPage> {
    use crate::service::sql::{page_of, slice_and_total};
    use agenda_proposals::Column;

    let access = authorize(db, principal, slug, meeting_id, Action::ViewMeetings).await?;
    let of_meeting = || agenda_proposals::Entity::find().filter(Column::MeetingId.eq(meeting_id));
    let listed = page_of(
        db,
        of_meeting()
            .filter(Column::Status.eq(ProposalStatus::Active))
            .order_by_asc(Column::Id),
        per_page,
        page,
    )
    .await?;
    let (active, active_total) = (listed.rows, listed.total);
    // Leaders see every item off the list; others only their own (none when signed out).
    let off_list = if access.may(principal, Action::ManageMeetings) {
        Some(of_meeting())
    } else {
        principal
            .user_id
            .map(|me| of_meeting().filter(Column::AuthorId.eq(me)))
    }
    .map(|q| q.filter(Column::Status.ne(ProposalStatus::Active)));
    let (others, others_total) = match off_list {
        Some(q) => slice_and_total(db, q.order_by_asc(Column::Id), 0, OTHERS_SHOWN).await?,
        None => (Vec::new(), 0),
    };
    let into: Vec<ProposalId> = others.iter().filter_map(|p| p.merged_into).collect();
    let merged_into = if into.is_empty() {
        std::collections::HashMap::new()
    } else {
        agenda_proposals::Entity::find()
            .select_only()
            .column(Column::Id)
            .column(Column::Title)
            .filter(Column::MeetingId.eq(meeting_id))
            .filter(Column::Id.is_in(into))
            .into_tuple::<(ProposalId, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    Ok(ProposalsPage {
        access,
        active,
        active_total,
        others,
        others_total,
        merged_into,
    })
}

/// The columns of [`proposals_csv`], in order.
pub const CSV_HEADER: [&str; 9] = [
    "id",
    "title",
    "why",
    "minutes",
    "author",
    "status",
    "hidden_reason",
    "merged_into",
    "created_at",
];

/// Proposals as CSV (the rows a viewer sees, from [`listed`]); `names` by author id, as
/// [`super::names_of`] reads them.
pub fn proposals_csv(
    rows: &[Proposal],
    names: &std::collections::HashMap<crate::domain::ids::UserId, String>,
) -> Result<String> {
    use crate::service::ledger::views::{csv_cell, csv_finish};
    let mut out = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| ServiceError::Unexpected(anyhow::Error::new(e));
    out.write_record(CSV_HEADER).map_err(fail)?;
    for p in rows {
        let created = p
            .created_at
            .to_offset(time::UtcOffset::UTC)
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(|e| ServiceError::Unexpected(anyhow::Error::new(e)))?;
        out.write_record([
            p.id.to_string(),
            csv_cell(&p.title),
            csv_cell(&p.why),
            p.minutes.to_string(),
            csv_cell(&super::author_name(names, p.author_id)),
            status_name(p.status).to_owned(),
            csv_cell(p.hidden_reason.as_deref().unwrap_or("")),
            p.merged_into.map(|m| m.to_string()).unwrap_or_default(),
            created,
        ])
        .map_err(fail)?;
    }
    csv_finish(out)
}

/// The proposals `principal` sees as CSV ([`CSV_HEADER`]): the export of the proposals page
/// and of the API.
pub async fn export(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
) -> Result<(MeetingAccess, String)> {
    let (access, rows, _) = listed(db, principal, slug, meeting_id, None, None).await?;
    let names = super::names_of(db, rows.iter().filter_map(|r| r.author_id)).await?;
    Ok((access, proposals_csv(&rows, &names)?))
}

/// The export's file name.
pub fn export_name(access: &MeetingAccess) -> String {
    format!(
        "{}-meeting-{}-proposals.csv",
        access.team.slug, access.meeting.id
    )
}

fn closed(message: Msg) -> ServiceError {
    let mut errors = FieldErrors::new();
    errors.add("window", message);
    ServiceError::Invalid(errors)
}

/// The refusal when the proposal window is not open.
pub fn proposals_closed() -> Msg {
    Msg::new("sm-proposals-closed")
}

/// Proposes an item (members, during the proposal window).
pub async fn propose(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    form: &ProposalForm,
    now: OffsetDateTime,
) -> Result<ProposalId> {
    let (txn, access) = begin_locked(db, principal, slug, meeting_id, Action::ProposeItem).await?;
    super::cancel::ensure_live(&access.meeting)?;
    if !access.windows().proposing(now) {
        return Err(closed(proposals_closed()));
    }
    let p = form.parse()?;
    let row = agenda_proposals::ActiveModel {
        meeting_id: Set(meeting_id),
        author_id: Set(principal.user_id),
        title: Set(p.title.as_str().to_owned()),
        why: Set(p.why.as_str().to_owned()),
        minutes: Set(i32::try_from(p.minutes.get()).unwrap_or(i32::MAX)),
        status: Set(ProposalStatus::Active),
        hidden_reason: Set(None),
        merged_into: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

async fn own(
    db: &impl ConnectionTrait,
    access: &MeetingAccess,
    principal: Principal,
    proposal_id: ProposalId,
    now: OffsetDateTime,
) -> Result<agenda_proposals::Model> {
    let row =
        find_in_meeting::<agenda_proposals::Entity>(db, access.meeting.id, proposal_id).await?;
    // Ownership: only the author edits or withdraws, and only while the item is active.
    if !is_author(principal, &row) {
        return Err(ServiceError::Forbidden);
    }
    if row.status != ProposalStatus::Active {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-item-no-longer-open",
        )));
    }
    if !access.windows().proposals_editable(now) {
        return Err(closed(Msg::new("sm-proposals-frozen")));
    }
    Ok(row)
}

/// The author's own proposal, for the edit form.
pub async fn for_edit(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    proposal_id: ProposalId,
    now: OffsetDateTime,
) -> Result<(MeetingAccess, agenda_proposals::Model)> {
    let access = authorize(db, principal, slug, meeting_id, Action::ProposeItem).await?;
    let row = own(db, &access, principal, proposal_id, now).await?;
    Ok((access, row))
}

/// Edits one's own proposal until voting opens.
pub async fn edit(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    proposal_id: ProposalId,
    form: &ProposalForm,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, access) = begin_locked(db, principal, slug, meeting_id, Action::ProposeItem).await?;
    let row = own(&txn, &access, principal, proposal_id, now).await?;
    super::cancel::ensure_live(&access.meeting)?;
    let p = form.parse()?;
    let mut active: agenda_proposals::ActiveModel = row.into();
    active.title = Set(p.title.as_str().to_owned());
    active.why = Set(p.why.as_str().to_owned());
    active.minutes = Set(i32::try_from(p.minutes.get()).unwrap_or(i32::MAX));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Withdraws one's own proposal until voting opens.
pub async fn withdraw(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    proposal_id: ProposalId,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, access) = begin_locked(db, principal, slug, meeting_id, Action::ProposeItem).await?;
    let row = own(&txn, &access, principal, proposal_id, now).await?;
    super::cancel::ensure_live(&access.meeting)?;
    let mut active: agenda_proposals::ActiveModel = row.into();
    active.status = Set(ProposalStatus::Withdrawn);
    active.updated_at = Set(now);
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

async fn moderated(
    db: &impl ConnectionTrait,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    proposal_id: ProposalId,
) -> Result<(MeetingAccess, agenda_proposals::Model)> {
    let access = authorize(db, principal, slug, meeting_id, Action::ManageMeetings).await?;
    let row = find_in_meeting::<agenda_proposals::Entity>(db, meeting_id, proposal_id).await?;
    if row.status != ProposalStatus::Active {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-item-already-withdrawn-hidden",
        )));
    }
    if access.meeting.ballots() > 0 {
        return Err(ServiceError::Conflict(Msg::new(
            "conflict-ballots-have-cast-items",
        )));
    }
    Ok((access, row))
}

/// Hides a proposal with a reason its author sees (leaders, before the first ballot).
pub async fn hide(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    proposal_id: ProposalId,
    reason: &str,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, _) = begin_locked(db, principal, slug, meeting_id, Action::ManageMeetings).await?;
    let (access, row) = moderated(&txn, principal, slug, meeting_id, proposal_id).await?;
    let reason = Reason::parse(reason).map_err(|e| {
        let mut errors = FieldErrors::new();
        errors.add("reason", e);
        ServiceError::Invalid(errors)
    })?;
    let mut active: agenda_proposals::ActiveModel = row.into();
    active.status = Set(ProposalStatus::Hidden);
    active.hidden_reason = Set(Some(reason.as_str().to_owned()));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: audit::AuditAction::ProposalHide,
            detail: json!({ "meeting_id": meeting_id, "proposal_id": proposal_id, "reason": reason.as_str() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Merges a duplicate into another active proposal of the same meeting (leaders).
pub async fn merge(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    meeting_id: MeetingId,
    proposal_id: ProposalId,
    into: &str,
    now: OffsetDateTime,
) -> Result<()> {
    let (txn, _) = begin_locked(db, principal, slug, meeting_id, Action::ManageMeetings).await?;
    let (access, row) = moderated(&txn, principal, slug, meeting_id, proposal_id).await?;
    let target = into
        .trim()
        .parse::<ProposalId>()
        .ok()
        .filter(|id| *id != proposal_id);
    let target = match target {
        Some(id) => {
            agenda_proposals::Entity::find_by_id(id)
                .filter(agenda_proposals::Column::MeetingId.eq(meeting_id))
                .filter(agenda_proposals::Column::Status.eq(ProposalStatus::Active))
                .one(&txn)
                .await?
        }
        None => None,
    };
    let Some(target) = target else {
        let mut errors = FieldErrors::new();
        errors.add("into", Msg::new("sm-merge-target"));
        return Err(ServiceError::Invalid(errors));
    };
    let mut active: agenda_proposals::ActiveModel = row.into();
    active.status = Set(ProposalStatus::Merged);
    active.merged_into = Set(Some(target.id));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry {
            actor_id: principal.user_id,
            team_id: Some(access.team.id),
            action: audit::AuditAction::ProposalMerge,
            detail: json!({ "meeting_id": meeting_id, "proposal_id": proposal_id, "into": target.id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
