//! The reciprocity ledger over `/api/v1/teams/{team}/ledger`: the team's aggregates (what the
//! team ledger page shows the caller), the entries the caller may see (a page at a time), one
//! entry, the caller's own ledger, recording help and the moves on an entry (confirm, adjust,
//! dispute, resolve, reverse), and the two CSV exports — through `service::ledger`, the
//! services the ledger pages use, with their access rows (`ViewLedgerAggregates`,
//! `ViewOwnLedger`, `RecordHelp`, `RecordHelpForOthers`) and their confirmation rules.
//! Another team's entry, or one the caller is not in (unless they lead the team), is 404.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::{IntoParams, ToSchema};

use crate::domain::ids::ExchangeId;
use crate::domain::ledger::{self as rules, Effective};
use crate::format;
use crate::i18n::Msg;
use crate::service::ledger::exchanges::{self, ExchangeForm, MoveForm, MoveKind};
use crate::service::ledger::views::{self, EntryDetail, EntryLine, LineAfter, page_of_lines};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{PageQuery, encode_key, next_key};
use crate::web::api::errors::{ApiError, ErrorBody, ReadErrors, WriteErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{created, json_with_etag, path_id};
use crate::web::ledger::{TeamQuery, my_csv_file, team_csv_file};

/// An entry's state now.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    /// Waiting for the other person's answer (lapses after 14 days).
    Pending,
    /// Counted.
    Confirmed,
    /// Waiting for a leader.
    Disputed,
    /// Resolved against.
    Rejected,
    /// Pending for 14 days without an answer.
    Expired,
    /// Confirmed, then corrected by a reversing entry.
    Reversed,
}

impl From<Effective> for EntryState {
    fn from(state: Effective) -> Self {
        match state {
            Effective::Pending => Self::Pending,
            Effective::Confirmed => Self::Confirmed,
            Effective::Disputed => Self::Disputed,
            Effective::Rejected => Self::Rejected,
            Effective::Expired => Self::Expired,
            Effective::Reversed => Self::Reversed,
        }
    }
}

/// An entry of help: who helped whom, for how long.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerEntry {
    pub id: i64,
    /// The day of the help (`YYYY-MM-DD`).
    #[schema(format = Date)]
    pub occurred_on: String,
    /// Who helped (a user id).
    pub helper_id: i64,
    /// Their name.
    pub helper: String,
    /// Who was helped (a user id).
    pub helped_id: i64,
    /// Their name.
    pub helped: String,
    /// Minutes, 1 to 600.
    pub minutes: i32,
    /// Short category.
    pub category: String,
    pub state: EntryState,
    /// Whether it counts toward any total (confirmed and not reversed).
    pub counted: bool,
    /// Whether it waits for the token owner's answer.
    pub awaits_me: bool,
    /// The private note (only the two people and leaders ever see entries).
    pub note: Option<String>,
}

impl From<&EntryLine> for LedgerEntry {
    fn from(l: &EntryLine) -> Self {
        Self {
            id: l.id.0,
            occurred_on: format::iso(l.on),
            helper_id: l.helper_id.0,
            helper: l.helper.clone(),
            helped_id: l.helped_id.0,
            helped: l.helped.clone(),
            minutes: l.minutes,
            category: l.category.clone(),
            state: l.state.into(),
            counted: l.state.counts(),
            awaits_me: l.awaits_me,
            note: l.note.clone(),
        }
    }
}

/// One entry as its page shows it, with what the token's owner may do to it.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerEntryDetails {
    #[serde(flatten)]
    pub entry: LedgerEntry,
    /// Who recorded it (a user id).
    pub recorded_by_id: i64,
    /// Whose answer it waits for (pending entries only).
    pub awaiting_id: Option<i64>,
    /// When a pending entry lapses (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub expires_at: Option<String>,
    /// Why it was disputed.
    pub dispute_reason: Option<String>,
    /// How a leader settled the dispute.
    pub resolution_note: Option<String>,
    /// Why it was corrected (reversed).
    pub reversal_reason: Option<String>,
    /// Confirm, adjust or dispute: it waits for the owner's answer.
    pub may_answer: bool,
    /// Settle its dispute (a leader who is not one of the two people).
    pub may_resolve: bool,
    /// Correct it by a reversing entry.
    pub may_reverse: bool,
}

impl From<&EntryDetail> for LedgerEntryDetails {
    fn from(d: &EntryDetail) -> Self {
        let allowed = d.allowed();
        let pending = d.state == Effective::Pending;
        let m = &d.model;
        Self {
            entry: (&d.line).into(),
            recorded_by_id: m.recorded_by.0,
            awaiting_id: m.awaiting_id.filter(|_| pending).map(|u| u.0),
            expires_at: m.expires_at.filter(|_| pending).map(utc),
            dispute_reason: m.dispute_reason.clone(),
            resolution_note: m.resolution_note.clone(),
            reversal_reason: d.reversal_reason.clone(),
            may_answer: allowed.answer,
            may_resolve: allowed.resolve,
            may_reverse: allowed.reverse,
        }
    }
}

/// One page of entries.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryList {
    /// Latest day first, then highest id.
    pub entries: Vec<LedgerEntry>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Counted help over a period, one way and the other.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerTotals {
    pub given_minutes: i64,
    /// Exchanges given.
    pub given_count: i64,
    pub received_minutes: i64,
    /// Exchanges received.
    pub received_count: i64,
    /// Day of the latest counted exchange either way.
    #[schema(format = Date)]
    pub last_exchange: Option<String>,
}

impl From<rules::Totals> for LedgerTotals {
    fn from(t: rules::Totals) -> Self {
        Self {
            given_minutes: t.given_minutes,
            given_count: t.given_count,
            received_minutes: t.received_minutes,
            received_count: t.received_count,
            last_exchange: t.last.map(format::iso),
        }
    }
}

/// One period of the owner's totals.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerPeriod {
    /// `recent` (the last 4 weeks), `term` or `all`.
    #[schema(example = "term")]
    pub span: String,
    /// The first day counted (`null`: since the ledger began).
    #[schema(format = Date)]
    pub since: Option<String>,
    pub totals: LedgerTotals,
}

/// Someone the owner helped or was helped by.
#[derive(Debug, Serialize, ToSchema)]
pub struct Counterpart {
    pub name: String,
    pub minutes: i64,
    /// Exchanges.
    pub count: i64,
}

/// The owner's own ledger (their "my reciprocity" page).
#[derive(Debug, Serialize, ToSchema)]
pub struct MyLedger {
    /// The team's slug.
    pub team: String,
    /// Recent, term and all time.
    pub periods: Vec<LedgerPeriod>,
    /// (given − received) / (given + received) over all time, after two exchanges.
    pub balance_index: Option<f64>,
    /// Pending entries waiting for the owner's answer.
    pub waiting_for_me: Vec<LedgerEntry>,
    /// Pending entries waiting for the other person.
    pub waiting_for_them: Vec<LedgerEntry>,
    /// People the owner helped, most minutes first (at most 20).
    pub helped: Vec<Counterpart>,
    /// How many people the owner helped in all.
    pub helped_total: u64,
    /// People who helped the owner, most minutes first (at most 20).
    pub helpers: Vec<Counterpart>,
    /// How many people helped the owner in all.
    pub helpers_total: u64,
    /// Entries the owner is in (`…/ledger/entries?mine=true` lists them).
    pub entries: u64,
    /// Whether the team's aggregates (`…/ledger`) are open to the owner.
    pub sees_team: bool,
}

/// One member's line of the team table.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberTotals {
    /// A user id.
    pub id: i64,
    pub name: String,
    pub totals: LedgerTotals,
    /// Balance index over the window (after two exchanges).
    pub balance_index: Option<f64>,
    /// Share of the team's given minutes, 0 to 1.
    pub share: f64,
}

/// How concentrated the given minutes are.
#[derive(Debug, Serialize, ToSchema)]
pub struct Concentration {
    /// Gini of the members' given minutes, 0 (even) to 1.
    pub gini: f64,
    /// Share given by the top giver.
    pub top1: f64,
    /// Share given by the top 20 % of members.
    pub top20: f64,
    /// How many people the top 20 % is.
    pub top20_people: usize,
}

/// A member carrying the load over the last 8 weeks.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoadSignal {
    pub member_id: i64,
    pub name: String,
    /// Their share of the minutes given.
    pub share: f64,
    pub balance_index: f64,
    /// Their exchanges.
    pub exchanges: i64,
}

/// Counted help in one calendar month.
#[derive(Debug, Serialize, ToSchema)]
pub struct MonthTotal {
    pub year: i32,
    /// 1 to 12.
    pub month: u8,
    pub minutes: i64,
    pub count: i64,
}

/// Counted help from one member to another over the window.
#[derive(Debug, Serialize, ToSchema)]
pub struct HelpEdge {
    pub helper_id: i64,
    pub helper: String,
    pub helped_id: i64,
    pub helped: String,
    pub minutes: i64,
    pub count: i64,
}

/// The team's ledger (the team ledger page), with one page of its member table. The totals
/// and the concentration come on every page; the lists below them (`carrying`, `quiet`,
/// `months`, `edges`, `disputes`) on the first page only (absent when `cursor` is given).
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamLedger {
    /// The team's slug.
    pub team: String,
    /// `recent`, `term` or `all`.
    #[schema(example = "term")]
    pub window: String,
    /// One page of the members' lines, in the asked sort (`limit` lines, 25 unless asked).
    pub members: Vec<MemberTotals>,
    /// How many lines the whole table has (every member).
    pub members_total: usize,
    /// Pass as `cursor` (with the same `sort` and `dir`) for the next page of `members`;
    /// `null` on the last page.
    pub next_cursor: Option<String>,
    /// Minutes given in the window.
    pub team_minutes: i64,
    /// Exchanges in the window.
    pub team_exchanges: i64,
    pub concentration: Concentration,
    /// "Carrying the load" over the last 8 weeks (first page only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrying: Option<Vec<LoadSignal>>,
    /// Members with no exchange in 8 weeks, invitations, not blame (first page only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quiet: Option<Vec<String>>,
    /// The last 6 months, oldest first (first page only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<Vec<MonthTotal>>,
    /// Who helped whom in the window, most minutes first (first page only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edges: Option<Vec<HelpEdge>>,
    /// Disputed entries waiting for a leader (empty unless the owner leads the team; first
    /// page only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disputes: Option<Vec<LedgerEntry>>,
}

/// The team view's window and sort (as the web page's).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LedgerView {
    /// `recent` (4 weeks), `term` (default) or `all`.
    pub window: Option<String>,
    /// `name`, `given` (default), `received`, `index`, `share` or `last`.
    pub sort: Option<String>,
    /// `asc` or `desc` (default: `asc` by name, else `desc`).
    pub dir: Option<String>,
}

impl LedgerView {
    /// The web page's query, or `invalid_parameter` for a value the page would not offer.
    fn checked(&self) -> Result<TeamQuery, ApiError> {
        let choice = |name: &str, value: &Option<String>, allowed: &[&str]| match value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            None => Ok(None),
            Some(v) if allowed.contains(&v) => Ok(Some(v.to_owned())),
            Some(_) => Err(ApiError::parameter(
                name,
                Msg::new("api-error-choice").arg("choices", allowed.join(", ")),
            )),
        };
        Ok(TeamQuery {
            window: choice("window", &self.window, &["recent", "term", "all"])?,
            sort: choice(
                "sort",
                &self.sort,
                &["name", "given", "received", "index", "share", "last"],
            )?,
            dir: choice("dir", &self.dir, &["asc", "desc"])?,
            page: None,
        })
    }
}

/// Which entries to list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EntryFilter {
    /// `true`: only the entries the owner is in (a leader otherwise sees every entry of the
    /// team); `false` (default): every entry the owner may see.
    #[param(value_type = Option<bool>)]
    pub mine: Option<String>,
}

impl EntryFilter {
    fn only_mine(&self) -> Result<bool, ApiError> {
        match self.mine.as_deref().map(str::trim) {
            None | Some("" | "false") => Ok(false),
            Some("true") => Ok(true),
            Some(_) => Err(ApiError::parameter(
                "mine",
                Msg::new("api-error-choice").arg("choices", "true, false"),
            )),
        }
    }
}

/// Which way help went, for recording it.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The owner helped `person`.
    Gave,
    /// `person` helped the owner.
    Received,
    /// A leader records `helper` → `helped`.
    Between,
}

/// How a leader settles a dispute.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The entry counts.
    Confirm,
    /// The entry does not count.
    Reject,
}

/// Help to record, as the "record help" form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEntry {
    /// `gave` (the owner helped `person`), `received` (`person` helped the owner) or
    /// `between` (a leader records `helper` → `helped`).
    #[schema(value_type = Direction, example = "received")]
    pub direction: String,
    /// The other person (a user id), for `gave` and `received`.
    pub person: Option<i64>,
    /// The helper (a user id), for `between`.
    pub helper: Option<i64>,
    /// The helped person (a user id), for `between`.
    pub helped: Option<i64>,
    /// Minutes, 1 to 600.
    #[schema(minimum = 1, maximum = 600)]
    pub minutes: Option<i64>,
    /// The day (`YYYY-MM-DD`, not in the future nor more than 60 days back); absent: today.
    #[serde(default)]
    #[schema(format = Date)]
    pub date: String,
    /// Short category, one line of at most 40 characters (empty: `general`).
    #[serde(default)]
    #[schema(max_length = 40)]
    pub category: String,
    /// Private note of at most 1,000 characters (the two people and leaders see it).
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub note: String,
    /// The help post it answers.
    pub post_id: Option<i64>,
    /// The action it served.
    pub action_id: Option<i64>,
    /// A key of the client's choosing, 8 to 64 letters, digits, `-` or `_`: sending the same
    /// key again records nothing new.
    #[schema(
        min_length = 8,
        max_length = 64,
        pattern = "^[A-Za-z0-9_-]{8,64}$",
        example = "sync-2026-12-04-001"
    )]
    pub idempotency_key: String,
}

/// A move on an entry; which fields matter depends on the move.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryMove {
    /// New minutes, 1 to 600 (adjust; resolve: the final minutes, absent keeps them).
    #[schema(minimum = 1, maximum = 600)]
    pub minutes: Option<i64>,
    /// Why, 3 to 300 characters (dispute, resolve, reverse).
    #[serde(default)]
    #[schema(min_length = 3, max_length = 300)]
    pub reason: String,
    /// `confirm` or `reject` (resolve).
    #[serde(default)]
    #[schema(value_type = Decision)]
    pub decision: String,
    /// Idempotency key (reverse; 8 to 64 letters, digits, `-` or `_`).
    #[serde(default)]
    #[schema(min_length = 8, max_length = 64, pattern = "^[A-Za-z0-9_-]{8,64}$")]
    pub idempotency_key: String,
}

fn text(value: Option<i64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

async fn detail(
    state: &AppState,
    caller: &ApiCaller,
    team: &str,
    id: ExchangeId,
) -> Result<EntryDetail, ApiError> {
    Ok(views::entry(&state.db.conn, caller.principal, team, id, caller.now).await?)
}

/// The team's ledger: the member table over a window, load concentration, who carries the
/// load, quiet members, the monthly trend, who helped whom and, for leaders, disputes — what
/// the team ledger page shows the owner. 403 for a member when the team shows it to leaders only.
/// The member table comes a page at a time (`limit`, `cursor` with the same `sort` and `dir`),
/// in the asked order; the totals on every page, the lists below them on the first.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/ledger",
    tag = "ledger",
    params(("team" = String, Path, description = "The team's slug"), LedgerView, PageQuery),
    responses(
        (status = 200, description = "The team's ledger with one page of its member table", body = TeamLedger,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 400, description = "A bad `window`, `sort`, `dir`, `cursor` (or one made for another sort) or `limit`", body = ErrorBody),
        (status = 403, description = "The team shows its ledger to leaders only", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn team(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    view: web::Query<LedgerView>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (window, sort, descending) = view.checked()?.parts();
    let limit = usize::try_from(page.limit()?).unwrap_or(usize::MAX);
    let after = page.after_key(|key| LineAfter::parse(key, sort, descending))?;
    let v = views::team_ledger(
        &state.db.conn,
        &state.rosters,
        caller.principal,
        &team,
        (window, sort, descending),
        caller.now,
    )
    .await?;
    let (lines, more) = page_of_lines(&v.lines, after.as_ref(), limit);
    let first = after.is_none();
    let body = TeamLedger {
        team: v.access.team.slug.clone(),
        window: window.as_str().to_owned(),
        members_total: v.lines.len(),
        next_cursor: next_key(lines, more, |l| LineAfter::of(l, sort, descending).to_key()),
        members: lines
            .iter()
            .map(|l| MemberTotals {
                id: l.id.0,
                name: l.name.clone(),
                totals: l.totals.into(),
                balance_index: l.index,
                share: l.share,
            })
            .collect(),
        team_minutes: v.team_minutes,
        team_exchanges: v.team_exchanges,
        concentration: Concentration {
            gini: v.concentration.gini,
            top1: v.concentration.top1,
            top20: v.concentration.top20,
            top20_people: v.concentration.top20_people,
        },
        carrying: first.then(|| {
            v.carrying
                .iter()
                .map(|(name, s)| LoadSignal {
                    member_id: s.member.0,
                    name: name.clone(),
                    share: s.share,
                    balance_index: s.index,
                    exchanges: s.exchanges,
                })
                .collect()
        }),
        quiet: first.then(|| v.quiet.clone()),
        months: first.then(|| {
            v.months
                .iter()
                .map(|m| MonthTotal {
                    year: m.year,
                    month: m.month,
                    minutes: m.minutes,
                    count: m.count,
                })
                .collect()
        }),
        edges: first.then(|| {
            v.edges
                .iter()
                .map(|(helper, helped, e)| HelpEdge {
                    helper_id: e.helper.0,
                    helper: helper.clone(),
                    helped_id: e.helped.0,
                    helped: helped.clone(),
                    minutes: e.minutes,
                    count: e.count,
                })
                .collect()
        }),
        disputes: first.then(|| v.disputes.iter().map(Into::into).collect()),
    };
    json_with_etag(&req, &body)
}

/// The team table as CSV (the web page's export, every line, in the same window and sort).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/ledger/members.csv",
    tag = "ledger",
    params(("team" = String, Path, description = "The team's slug"), LedgerView),
    responses(
        (status = 200, description = "Columns: member, given_minutes, given_count, received_minutes, received_count, balance_index, share_of_team_help, last_exchange",
            body = String, content_type = "text/csv"),
        ReadErrors,
        (status = 400, description = "A bad `window`, `sort` or `dir`", body = ErrorBody),
        (status = 403, description = "The team shows its ledger to leaders only", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn team_csv(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    view: web::Query<LedgerView>,
) -> Result<HttpResponse, ApiError> {
    let parts = view.checked()?.parts();
    Ok(team_csv_file(
        &state.db.conn,
        &state.rosters,
        caller.principal,
        &team,
        parts,
        caller.now,
    )
    .await?)
}

/// The owner's own ledger: totals over three periods, the balance index, entries waiting for
/// an answer, and the people helped and helping.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/ledger/me",
    tag = "ledger",
    params(("team" = String, Path, description = "The team's slug")),
    responses(
        (status = 200, description = "The owner's ledger", body = MyLedger,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 403, description = "The owner has no ledger here (a site admin who is not a member)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn me(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let my = views::my_ledger(
        &state.db.conn,
        &state.rosters,
        caller.principal,
        &team,
        caller.now,
        1,
    )
    .await?;
    let people = |list: &[views::Counterpart]| {
        list.iter()
            .map(|c| Counterpart {
                name: c.name.clone(),
                minutes: c.minutes,
                count: c.count,
            })
            .collect()
    };
    let body = MyLedger {
        team: my.access.team.slug.clone(),
        periods: my
            .periods
            .iter()
            .map(|p| LedgerPeriod {
                span: match p.span {
                    views::Span::Recent => "recent",
                    views::Span::Term => "term",
                    views::Span::All => "all",
                }
                .to_owned(),
                since: p.since.map(format::iso),
                totals: p.totals.into(),
            })
            .collect(),
        balance_index: my.index,
        waiting_for_me: my.waiting_for_me.iter().map(Into::into).collect(),
        waiting_for_them: my.waiting_for_them.iter().map(Into::into).collect(),
        helped: people(&my.helped),
        helped_total: my.helped_total,
        helpers: people(&my.helpers),
        helpers_total: my.helpers_total,
        entries: my.entries,
        sees_team: my.sees_team,
    };
    json_with_etag(&req, &body)
}

/// The owner's own entries as CSV, with their notes (the web page's export).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/ledger/me.csv",
    tag = "ledger",
    params(("team" = String, Path, description = "The team's slug")),
    responses(
        (status = 200, description = "Columns: id, date, helper, helped, minutes, category, status, counted, note",
            body = String, content_type = "text/csv"),
        ReadErrors,
        (status = 403, description = "The owner has no ledger here (a site admin who is not a member)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn me_csv(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(my_csv_file(&state.db.conn, caller.principal, &team, caller.now).await?)
}

/// The entries the owner may see, a page at a time: their own, and every entry of the team
/// for a leader.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/ledger/entries",
    tag = "ledger",
    params(("team" = String, Path, description = "The team's slug"), EntryFilter, PageQuery),
    responses(
        (status = 200, description = "One page of entries", body = EntryList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 400, description = "A bad `mine`, `cursor` or `limit`", body = ErrorBody),
        (status = 403, description = "The owner has no ledger here (a site admin who is not a member)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn entries(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    filter: web::Query<EntryFilter>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let only_mine = filter.only_mine()?;
    let limit = page.limit()?;
    let after = page.after_key(|key| {
        let (day, id) = key.split_once('.')?;
        let day = Date::parse(day, &time::format_description::well_known::Iso8601::DATE).ok()?;
        Some((day, ExchangeId(id.parse().ok()?)))
    })?;
    let (_, lines, more) = views::visible_entries(
        &state.db.conn,
        caller.principal,
        &team,
        only_mine,
        after,
        limit,
        caller.now,
    )
    .await?;
    let next_cursor = lines
        .last()
        .filter(|_| more)
        .map(|l| encode_key(&format!("{}.{}", format::iso(l.on), l.id)));
    json_with_etag(
        &req,
        &EntryList {
            entries: lines.iter().map(Into::into).collect(),
            next_cursor,
        },
    )
}

/// One entry the owner may see.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/ledger/entries/{entry}",
    tag = "ledger",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("entry" = i64, Path, description = "The entry's id"),
    ),
    responses(
        (status = 200, description = "The entry", body = LedgerEntryDetails,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 403, description = "The owner has no ledger here (a site admin who is not a member)", body = ErrorBody),
        (status = 404, description = "No such entry the owner may see", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, entry) = path.into_inner();
    let d = detail(&state, &caller, &team, ExchangeId(path_id(&entry)?)).await?;
    json_with_etag(&req, &LedgerEntryDetails::from(&d))
}

/// Records help, as the "record help" form does: recorded by the helped person it counts at
/// once; by the helper it waits for the helped person (14 days); a leader may record `between`
/// two others (audited). The same `idempotency_key` again records nothing new and answers 200
/// with the entry it recorded.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/ledger/entries",
    tag = "ledger",
    params(("team" = String, Path, description = "The team's slug")),
    request_body = NewEntry,
    responses(
        (status = 201, description = "Recorded", body = LedgerEntryDetails,
            headers(("Location" = String, description = "The entry's address"))),
        (status = 200, description = "Already recorded with this idempotency key", body = LedgerEntryDetails),
        WriteErrors,
        (status = 403, description = "A read token, or not the owner's to record (`between` is for leaders)", body = ErrorBody),
        (status = 409, description = "Recorded meanwhile by another request; send again", body = ErrorBody),
        (status = 422, description = "Person, minutes, day, category, note or key refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn record(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    body: web::Json<NewEntry>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let form = ExchangeForm {
        direction: body.direction,
        person: text(body.person),
        helper: text(body.helper),
        helped: text(body.helped),
        minutes: text(body.minutes),
        date: body.date,
        category: body.category,
        note: body.note,
        post_id: text(body.post_id),
        action_id: text(body.action_id),
        idempotency_key: body.idempotency_key,
    };
    let recorded =
        exchanges::record(&state.db.conn, caller.principal, &team, &form, caller.now).await?;
    let d = detail(&state, &caller, &team, recorded.id).await?;
    let entry = LedgerEntryDetails::from(&d);
    if recorded.duplicate {
        return Ok(HttpResponse::Ok().json(entry));
    }
    let location = format!(
        "/api/v1/teams/{}/ledger/entries/{}",
        d.access.team.slug, recorded.id
    );
    Ok(created(&location, &entry))
}

async fn act(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<EntryMove>,
    kind: MoveKind,
) -> Result<HttpResponse, ApiError> {
    let (team, entry) = path.into_inner();
    let id = ExchangeId(path_id(&entry)?);
    let body = body.into_inner();
    let form = MoveForm {
        minutes: text(body.minutes),
        reason: body.reason,
        decision: body.decision,
        idempotency_key: body.idempotency_key,
    };
    exchanges::act(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        kind,
        &form,
        caller.now,
    )
    .await?;
    let d = detail(&state, &caller, &team, id).await?;
    Ok(HttpResponse::Ok().json(LedgerEntryDetails::from(&d)))
}

/// The awaited person agrees: the entry counts.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/ledger/entries/{entry}/confirm",
    tag = "ledger",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("entry" = i64, Path, description = "The entry's id"),
    ),
    request_body(content = EntryMove, description = "`{}`"),
    responses(
        (status = 200, description = "The entry after the move", body = LedgerEntryDetails),
        WriteErrors,
        (status = 403, description = "A read token, or not the owner's answer to give", body = ErrorBody),
        (status = 404, description = "No such entry the owner may see", body = ErrorBody),
        (status = 409, description = "The entry does not wait for this (answered, lapsed or changed meanwhile)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn confirm(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<EntryMove>,
) -> Result<HttpResponse, ApiError> {
    act(state, caller, path, body, MoveKind::Confirm).await
}

/// The awaited person proposes other minutes: the entry goes back to the other person.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/ledger/entries/{entry}/adjust",
    tag = "ledger",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("entry" = i64, Path, description = "The entry's id"),
    ),
    request_body(content = EntryMove, description = "`{\"minutes\": 45}`"),
    responses(
        (status = 200, description = "The entry after the move", body = LedgerEntryDetails),
        WriteErrors,
        (status = 403, description = "A read token, or not the owner's answer to give", body = ErrorBody),
        (status = 404, description = "No such entry the owner may see", body = ErrorBody),
        (status = 409, description = "The entry does not wait for this (answered, lapsed or changed meanwhile)", body = ErrorBody),
        (status = 422, description = "Minutes refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn adjust(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<EntryMove>,
) -> Result<HttpResponse, ApiError> {
    act(state, caller, path, body, MoveKind::Adjust).await
}

/// The awaited person disputes the entry, with a reason: a leader settles it.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/ledger/entries/{entry}/dispute",
    tag = "ledger",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("entry" = i64, Path, description = "The entry's id"),
    ),
    request_body(content = EntryMove, description = "`{\"reason\": \"…\"}`"),
    responses(
        (status = 200, description = "The entry after the move", body = LedgerEntryDetails),
        WriteErrors,
        (status = 403, description = "A read token, or not the owner's answer to give", body = ErrorBody),
        (status = 404, description = "No such entry the owner may see", body = ErrorBody),
        (status = 409, description = "The entry does not wait for this (answered, lapsed or changed meanwhile)", body = ErrorBody),
        (status = 422, description = "Reason refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn dispute(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<EntryMove>,
) -> Result<HttpResponse, ApiError> {
    act(state, caller, path, body, MoveKind::Dispute).await
}

/// A leader who is not one of the two people settles a dispute (`decision` `confirm` or
/// `reject`, with a reason; optionally the final minutes).
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/ledger/entries/{entry}/resolve",
    tag = "ledger",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("entry" = i64, Path, description = "The entry's id"),
    ),
    request_body(content = EntryMove, description = "`{\"decision\": \"confirm\", \"reason\": \"…\"}`"),
    responses(
        (status = 200, description = "The entry after the move", body = LedgerEntryDetails),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader (or one of the two people)", body = ErrorBody),
        (status = 404, description = "No such entry the owner may see", body = ErrorBody),
        (status = 409, description = "The entry is not disputed (or changed meanwhile)", body = ErrorBody),
        (status = 422, description = "Decision, minutes or reason refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn resolve(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<EntryMove>,
) -> Result<HttpResponse, ApiError> {
    act(state, caller, path, body, MoveKind::Resolve).await
}

/// Corrects a confirmed entry by a reversing entry with a reason (confirmed entries are never
/// edited); the entry stays, `reversed`.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/ledger/entries/{entry}/reverse",
    tag = "ledger",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("entry" = i64, Path, description = "The entry's id"),
    ),
    request_body(content = EntryMove, description = "`{\"reason\": \"…\", \"idempotency_key\": \"…\"}`"),
    responses(
        (status = 200, description = "The entry after the move", body = LedgerEntryDetails),
        WriteErrors,
        (status = 403, description = "A read token, or not the owner's to correct", body = ErrorBody),
        (status = 404, description = "No such entry the owner may see", body = ErrorBody),
        (status = 409, description = "The entry is not confirmed, or already corrected", body = ErrorBody),
        (status = 422, description = "Reason refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn reverse(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<EntryMove>,
) -> Result<HttpResponse, ApiError> {
    act(state, caller, path, body, MoveKind::Reverse).await
}
