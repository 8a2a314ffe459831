//! Meeting pages: the team's meetings and the meeting page with its purpose line, windows and
//! what the visitor can do now. The form pages (create and edit, leaders) are `form.rs`,
//! re-exported here; proposals, ballots, results and the agreed agenda have their own files.

pub mod agenda;
pub mod ballot;
pub mod cancel;
pub mod comments;
mod form;
pub mod live;
pub mod minutes;
pub mod next_step;
pub mod proposals;
mod recount;
pub mod results;
pub mod series;
pub mod series_edit;
pub mod turnout;

pub use form::{create, edit_form, new_form, update};

use crate::domain::ids::MeetingId;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use time::OffsetDateTime;

use crate::access::{Action, Principal};
use crate::domain::meeting::{Phase, Privacy, ResultsVisibility, time_left, time_until};
use crate::i18n::{Lang, text, text_with};
use crate::service::meetings::{self, MeetingAccess};
use crate::web::WebError;
use crate::web::context::Ctx;
use crate::web::format::{clock, date_time_in};
use crate::web::visitor::Layout;

/// What every meeting page shows at the top: the meeting and its purpose line.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingHeader {
    /// Team address.
    pub team_slug: String,
    pub team_name: String,
    /// Meeting id.
    pub id: MeetingId,
    /// Meeting title.
    pub title: String,
    pub purpose_line: String,
    /// "23 Nov 2026, 14:00 UTC", in the reader's language.
    pub starts: String,
    pub budget_minutes: i32,
    /// Place or link.
    pub place: String,
    /// Lifecycle phase.
    pub phase: Phase,
    /// Phase in words, in the reader's language.
    pub phase_label: String,
    /// Base address of the meeting's pages.
    pub base: String,
    /// Set when the meeting was cancelled: every meeting page says so at the top.
    pub cancelled: Option<CancelledNotice>,
}

/// "Cancelled by Ana on 3 Dec 2026, 10:00 UTC", and the leader's reason.
#[derive(Debug, Clone, Serialize)]
pub struct CancelledNotice {
    /// Who and when, in the reader's language and zone.
    pub by_line: String,
    /// As the leader wrote it.
    pub reason: String,
}

impl MeetingHeader {
    /// Builds the header at `phase`, in `lang`.
    pub fn new(access: &MeetingAccess, phase: Phase, lang: Lang) -> Self {
        let m = &access.meeting;
        Self {
            team_slug: access.team.slug.clone(),
            team_name: access.team.name.clone(),
            id: m.id,
            title: m.title.clone(),
            purpose_line: m.purpose_line.clone(),
            starts: date_time_in(m.starts_at, access.zone, lang),
            budget_minutes: m.budget_minutes,
            place: m.place.clone(),
            phase,
            phase_label: if meetings::cancel::is_cancelled(m) {
                text(lang, "mt-cancelled-state")
            } else {
                phase.label().render(lang)
            },
            base: format!("/teams/{}/meetings/{}", access.team.slug, m.id),
            cancelled: None,
        }
    }
}

/// The header of a meeting at `now`, in the page's language.
pub async fn header(
    ctx: &Ctx,
    access: &MeetingAccess,
    now: OffsetDateTime,
) -> Result<MeetingHeader, WebError> {
    header_on(ctx, ctx.db(), access, now).await
}

/// [`header`], reading on `db` (a page's [`Ctx::reads`] transaction).
pub async fn header_on(
    ctx: &Ctx,
    db: &impl ConnectionTrait,
    access: &MeetingAccess,
    now: OffsetDateTime,
) -> Result<MeetingHeader, WebError> {
    let phase = meetings::phase(db, &access.meeting, now).await?;
    header_at(ctx, db, access, phase).await
}

/// [`header_on`] at a `phase` the page has worked out already (from the meeting's facts).
pub async fn header_at(
    ctx: &Ctx,
    db: &impl ConnectionTrait,
    access: &MeetingAccess,
    phase: Phase,
) -> Result<MeetingHeader, WebError> {
    let mut header = MeetingHeader::new(access, phase, ctx.lang());
    let m = &access.meeting;
    if let Some(at) = m.cancelled_at {
        let lang = ctx.lang();
        header.cancelled = Some(CancelledNotice {
            by_line: text_with(
                lang,
                "mt-cancelled-by",
                &[
                    ("name", meetings::name_of(db, m.cancelled_by).await?),
                    ("at", date_time_in(at, access.zone, lang)),
                ],
            ),
            reason: m.cancel_reason.clone(),
        });
    }
    Ok(header)
}

#[derive(Serialize)]
struct MeetingRow {
    id: MeetingId,
    title: String,
    starts: String,
    phase_label: String,
    /// Cancelled: the list marks it.
    cancelled: bool,
}

#[derive(Serialize)]
struct MeetingsPage {
    title: String,
    layout: Layout,
    team_slug: String,
    team_name: String,
    can_manage: bool,
    meetings: Vec<MeetingRow>,
}

/// `GET /teams/{team}/meetings`.
pub async fn list(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, WebError> {
    let principal = ctx.principal();
    let (access, rows) = meetings::list(ctx.db(), principal, &slug, ctx.now).await?;
    let lang = ctx.lang();
    let mut out = Vec::new();
    for (m, phase) in rows {
        let cancelled = meetings::cancel::is_cancelled(&m);
        out.push(MeetingRow {
            id: m.id,
            title: m.title,
            starts: date_time_in(m.starts_at, access.zone, lang),
            phase_label: if cancelled {
                text(lang, "mt-cancelled-state")
            } else {
                phase.label().render(lang)
            },
            cancelled,
        });
    }
    let can_manage = crate::access::authorize(principal, access.role, Action::ManageMeetings)
        == crate::access::Decision::Allow;
    let page = MeetingsPage {
        title: text_with(
            lang,
            "mt-meetings-title",
            &[("team", access.team.name.clone())],
        ),
        layout: ctx.layout(),
        team_slug: access.team.slug,
        team_name: access.team.name,
        can_manage,
        meetings: out,
    };
    ctx.render(StatusCode::OK, "meetings.html", &page)
}

#[derive(Serialize)]
struct WindowView {
    label: String,
    opens: String,
    closes: String,
    state: String,
}

#[derive(Serialize)]
struct FixedView {
    title: String,
    minutes: i32,
}

#[derive(Serialize)]
struct MeetingPage {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    facilitator: String,
    windows: Vec<WindowView>,
    fixed: Vec<FixedView>,
    privacy: String,
    results_visibility: String,
    rule: String,
    proposals: u64,
    ballots: u64,
    /// "12 of 20 have voted" (counts only).
    turnout: String,
    /// Leaders: a link to who has not voted yet.
    can_view_voters: bool,
    /// Proposing → voting → results → agenda, the current step marked.
    timeline: Vec<next_step::Step>,
    /// The one primary action now.
    next: Option<next_step::NextStep>,
    voted: Option<String>,
    can_manage: bool,
    can_publish: bool,
    proposing_open: bool,
    voting_open: bool,
    voting_closed: bool,
    ends: String,
    scan: meetings::scan::Scan,
    /// The "share with linked teams" switch (leaders, when the team has a link).
    share: Option<crate::service::cohorts::shares::SharePanel>,
    /// Leaders: the form to cancel it (what they typed, and the problem), or `None`.
    cancel_form: Option<cancel::CancelView>,
    /// Leaders: the meeting is cancelled and has not started, so the cancellation can be undone.
    can_undo_cancel: bool,
}

fn window_state(
    lang: Lang,
    now: OffsetDateTime,
    opens: OffsetDateTime,
    closes: OffsetDateTime,
    cancelled: bool,
) -> String {
    if cancelled {
        text(lang, "mt-window-cancelled")
    } else if now < opens {
        let time = time_until(now, opens).render(lang);
        text_with(lang, "mt-window-opens-in", &[("time", time)])
    } else if now < closes {
        let time = time_left(now, closes).render(lang);
        text_with(lang, "mt-window-open", &[("time", time)])
    } else {
        text(lang, "mt-window-closed")
    }
}

/// Whether a principal may do `action` on this meeting's team.
pub fn may(access: &MeetingAccess, principal: Principal, action: Action) -> bool {
    access.may(principal, action)
}

/// `GET /teams/{team}/meetings/{id}`.
pub async fn show(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    page(&ctx, &slug, id, None, cancel::FieldMap::new()).await
}

/// The meeting page; `typed` and `errors` re-fill the cancel form after a refused POST
/// (422 when `errors` has problems).
async fn page(
    ctx: &Ctx,
    slug: &str,
    id: MeetingId,
    typed: Option<&meetings::cancel::CancelForm>,
    errors: cancel::FieldMap,
) -> Result<HttpResponse, WebError> {
    let slug = slug.to_owned();
    let principal = ctx.principal();
    let reads = ctx.reads().await?;
    let db = &reads;
    let now = ctx.now;
    let access = meetings::authorize(db, principal, &slug, id, Action::ViewMeetings).await?;
    // Phase, cancel offer, counts, fixed items, the visitor's vote, the facilitator, the
    // previous meeting (the scan's start) and the team's links: one statement.
    let facts = meetings::facts::facts(db, &access, principal).await?;
    let header = header_at(ctx, db, &access, facts.phase(&access, now)).await?;
    let m = &access.meeting;
    let w = access.windows();
    let cancelled = meetings::cancel::is_cancelled(m);
    let offer = meetings::cancel::offer_at(&access, principal, now, facts.too_late());
    let status = crate::web::context::status_for(&errors);
    let participation = facts.voted;
    let counts = facts.counts;
    let person = next_step::Person {
        can_propose: may(&access, principal, Action::ProposeItem),
        can_vote: may(&access, principal, Action::CastBallot),
        voted: participation.is_some(),
        can_manage: may(&access, principal, Action::ManageMeetings),
        can_publish: may(&access, principal, Action::PublishAgenda),
    };
    let lang = ctx.lang();
    let voted = participation.map(|p| {
        if p.changes > 0 {
            text_with(
                lang,
                "mt-voted-changed",
                &[
                    ("clock", clock(p.last_voted_at, access.zone)),
                    ("at", date_time_in(p.last_voted_at, access.zone, lang)),
                ],
            )
        } else {
            text_with(
                lang,
                "mt-voted-at",
                &[("at", date_time_in(p.first_voted_at, access.zone, lang))],
            )
        }
    });
    // What the scan need not read again: the previous meeting, the team's size, the week's
    // check-in counts.
    let known = facts.known();
    let page = MeetingPage {
        title: m.title.clone(),
        layout: ctx.layout(),
        facilitator: match (m.facilitator_id, facts.facilitator) {
            (Some(_), Some(name)) => name,
            // Chosen, then their account was removed: named as the ledgers name former
            // members, in the visitor's language.
            (Some(_), None) => text(lang, "fl-former-member"),
            (None, _) => text(lang, "mt-not-chosen"),
        },
        windows: vec![
            WindowView {
                label: text(lang, "mt-window-proposals"),
                opens: date_time_in(w.proposals_open, access.zone, lang),
                closes: date_time_in(w.proposals_close, access.zone, lang),
                state: window_state(lang, now, w.proposals_open, w.proposals_close, cancelled),
            },
            WindowView {
                label: text(lang, "mt-window-voting"),
                opens: date_time_in(w.voting_open, access.zone, lang),
                closes: date_time_in(w.voting_close, access.zone, lang),
                state: window_state(lang, now, w.voting_open, w.voting_close, cancelled),
            },
        ],
        // Most meetings have none: the facts counted them, so no statement for an empty list.
        fixed: if facts.fixed_items == 0 {
            Vec::new()
        } else {
            meetings::fixed_items(db, id)
                .await?
                .into_iter()
                .map(|f| FixedView {
                    title: f.title,
                    minutes: f.minutes,
                })
                .collect()
        },
        privacy: text(
            lang,
            match meetings::privacy(m) {
                Privacy::Secret => "mt-privacy-secret",
                Privacy::Open => "mt-privacy-open",
            },
        ),
        results_visibility: text(
            lang,
            match meetings::visibility(m) {
                ResultsVisibility::AfterClose => "mt-visibility-after-close",
                ResultsVisibility::Live => "mt-visibility-live",
            },
        ),
        rule: text(
            lang,
            match meetings::rule(m) {
                crate::domain::meeting::AgendaRule::SequentialIrv => "mt-rule-irv",
                crate::domain::meeting::AgendaRule::EqualShares => "mt-rule-mes",
            },
        ),
        proposals: counts.proposals,
        ballots: counts.ballots,
        turnout: counts.turnout.sentence().render(lang),
        can_view_voters: may(&access, principal, Action::ViewVoters),
        timeline: next_step::timeline(lang, header.phase, &w, access.zone),
        next: if cancelled {
            None
        } else {
            next_step::next_step(lang, header.phase, &w, person, now, access.zone)
        },
        voted,
        can_manage: may(&access, principal, Action::ManageMeetings) && !cancelled,
        can_publish: may(&access, principal, Action::PublishAgenda) && !cancelled,
        proposing_open: w.proposing(now) && !cancelled,
        voting_open: w.voting(now) && !cancelled,
        voting_closed: w.voting_closed(now) && !cancelled,
        ends: clock(access.ends_at(), access.zone),
        scan: meetings::scan::scan_after(db, &access.team, m, now, (access.zone, lang), known)
            .await?,
        share: crate::service::cohorts::shares::panel(db, &access, principal, facts.team_links)
            .await?,
        meeting: header,
        cancel_form: (offer == meetings::cancel::Offer::Cancel)
            .then(|| cancel::CancelView::new(typed, &errors)),
        can_undo_cancel: offer == meetings::cancel::Offer::Undo,
    };
    // Back to the pool before rendering: others wait for connections, not for Tera.
    drop(reads);
    ctx.render(status, "meeting.html", &page)
}
