//! The JSON API under `/api/v1` (issue 20): thin handlers over the same services and the same
//! access table as the web pages, authenticated only by personal API tokens
//! (`Authorization: Bearer`, see [`auth`]), described by an OpenAPI 3.1 document generated
//! from these handlers ([`openapi`], ADR 0019).
//!
//! Every endpoint is a row of [`API_ROUTES`]: the router is built from it, the OpenAPI test
//! checks the document lists exactly its paths, and `docs/architecture.md` shows it. Reads
//! answer with an `ETag` and honour `If-None-Match` ([`json_with_etag`]); lists paginate with
//! an opaque cursor ([`cursor`]). The account page's token section lives in [`account`].

pub mod account;
pub mod actions;
pub mod admin;
pub mod agendas;
pub mod auth;
pub mod ballots;
pub mod budgets;
pub mod calendar;
pub mod checkins;
pub mod comments;
pub mod cursor;
pub mod errors;
pub mod help;
pub mod ledger;
pub mod live;
pub mod me;
pub mod meeting_admin;
pub mod meetings;
pub mod members;
pub mod openapi;
pub mod proposals;
pub mod results;
pub mod role_maps;
pub mod series;
pub mod sharing;
pub mod teams;
pub mod turnout;

use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use crate::auth::tokens::hex;
use crate::web::resource;
use crate::web::routes::{Access, Method};
use errors::ApiError;

/// One endpoint of the API.
#[derive(Clone, Copy)]
pub struct ApiRoute {
    /// Method answered.
    pub method: Method,
    /// Full path pattern (`{name}` is one segment), as in the OpenAPI document.
    pub path: &'static str,
    /// The handler, as `module::function`.
    pub handler: &'static str,
    /// Who may use it: the access table's row the service checks for the token's owner.
    pub access: Access,
    /// Whether a bearer token is needed (only the OpenAPI document is public).
    pub needs_token: bool,
    attach: fn(actix_web::Route) -> actix_web::Route,
}

impl std::fmt::Debug for ApiRoute {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} → {}",
            self.method.as_str(),
            self.path,
            self.handler
        )
    }
}

macro_rules! api_route {
    ($method:ident $path:literal => $handler:path, $access:expr, $token:expr) => {
        ApiRoute {
            method: Method::$method,
            path: $path,
            handler: stringify!($handler),
            access: $access,
            needs_token: $token,
            attach: |r| r.to($handler),
        }
    };
}

use crate::access::Action;
use Access::{Public, Rule, SignedIn};

/// Every `/api/v1` endpoint, in matching order.
pub const API_ROUTES: &[ApiRoute] = &[
    api_route!(Get "/api/v1/openapi.json" => openapi::document, Public, false),
    api_route!(Get "/api/v1/me" => me::show, SignedIn, true),
    api_route!(Get "/api/v1/teams" => teams::list, SignedIn, true),
    api_route!(Get "/api/v1/teams/{team}/meetings" => meetings::list, Rule(Action::ViewMeetings), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}" => meetings::show, Rule(Action::ViewMeetings), true),
    // Proposals and ballots.
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/proposals" => proposals::list, Rule(Action::ViewMeetings), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/proposals" => proposals::create, Rule(Action::ProposeItem), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/proposals.csv" => proposals::csv, Rule(Action::ViewMeetings), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}" => proposals::show, Rule(Action::ViewMeetings), true),
    api_route!(Patch "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}" => proposals::edit, Rule(Action::ProposeItem), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}/withdraw" => proposals::withdraw, Rule(Action::ProposeItem), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/ballot" => ballots::show, Rule(Action::ViewMeetings), true),
    api_route!(Put "/api/v1/teams/{team}/meetings/{meeting}/ballot" => ballots::cast, Rule(Action::CastBallot), true),
    // Results and the agreed agenda.
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/results" => results::show, Rule(Action::ViewMeetings), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/results/ballots.csv" => results::ballots_csv, Rule(Action::ViewMeetings), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/results/receipts.csv" => results::receipts_csv, Rule(Action::ViewMeetings), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/results/rctab.json" => results::rctab_json, Rule(Action::ViewMeetings), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/results/rules.json" => results::rules_json, Rule(Action::ViewMeetings), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/agenda" => agendas::show, Rule(Action::ViewMeetings), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/agenda.ics" => agendas::calendar, Rule(Action::ViewMeetings), true),
    // Budget rounds: ideas, one's own ballot, results and their files.
    api_route!(Get "/api/v1/teams/{team}/budgets" => budgets::list, Rule(Action::ViewBudgets), true),
    // Before `{round}`, which would otherwise take "import" as a round's id (budgets::manage).
    api_route!(Post "/api/v1/teams/{team}/budgets/import" => budgets::manage::import, Rule(Action::ManageBudgets), true),
    api_route!(Get "/api/v1/teams/{team}/budgets/{round}" => budgets::show, Rule(Action::ViewBudgets), true),
    api_route!(Get "/api/v1/teams/{team}/budgets/{round}/ideas" => budgets::ideas::list, Rule(Action::ViewBudgets), true),
    api_route!(Post "/api/v1/teams/{team}/budgets/{round}/ideas" => budgets::ideas::create, Rule(Action::ProposeIdea), true),
    api_route!(Get "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}" => budgets::ideas::show, Rule(Action::ViewBudgets), true),
    api_route!(Patch "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}" => budgets::ideas::edit, Rule(Action::ProposeIdea), true),
    api_route!(Post "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/withdraw" => budgets::ideas::withdraw, Rule(Action::ProposeIdea), true),
    api_route!(Get "/api/v1/teams/{team}/budgets/{round}/ballot" => budgets::ballot::show, Rule(Action::ViewBudgets), true),
    api_route!(Put "/api/v1/teams/{team}/budgets/{round}/ballot" => budgets::ballot::cast, Rule(Action::CastBudgetBallot), true),
    api_route!(Get "/api/v1/teams/{team}/budgets/{round}/results" => budgets::results::show, Rule(Action::ViewBudgets), true),
    api_route!(Get "/api/v1/teams/{team}/budgets/{round}/results/round.pb" => budgets::results::pabulib, Rule(Action::ViewBudgets), true),
    api_route!(Get "/api/v1/teams/{team}/budgets/{round}/results/ideas.csv" => budgets::results::csv, Rule(Action::ViewBudgets), true),
    // Actions, check-ins and role maps.
    api_route!(Get "/api/v1/teams/{team}/actions" => actions::list, Rule(Action::ViewActions), true),
    api_route!(Post "/api/v1/teams/{team}/actions" => actions::create, Rule(Action::WorkOnActions), true),
    api_route!(Get "/api/v1/teams/{team}/actions.csv" => actions::csv, Rule(Action::ViewActions), true),
    api_route!(Get "/api/v1/teams/{team}/actions/{action}" => actions::show, Rule(Action::ViewActions), true),
    api_route!(Patch "/api/v1/teams/{team}/actions/{action}" => actions::change, Rule(Action::WorkOnActions), true),
    api_route!(Get "/api/v1/teams/{team}/actions/{action}/comments" => actions::comments, Rule(Action::ViewActions), true),
    api_route!(Post "/api/v1/teams/{team}/actions/{action}/comments" => actions::comment, Rule(Action::WorkOnActions), true),
    api_route!(Get "/api/v1/teams/{team}/checkins" => checkins::week, Rule(Action::ViewCheckins), true),
    api_route!(Get "/api/v1/teams/{team}/checkins/me" => checkins::mine, Rule(Action::ViewCheckins), true),
    api_route!(Put "/api/v1/teams/{team}/checkins/me" => checkins::save, Rule(Action::WriteCheckin), true),
    api_route!(Get "/api/v1/teams/{team}/role-maps" => role_maps::list, Rule(Action::ViewRoleMaps), true),
    api_route!(Post "/api/v1/teams/{team}/role-maps" => role_maps::create, Rule(Action::EditRoleMaps), true),
    api_route!(Get "/api/v1/teams/{team}/role-maps/{map}" => role_maps::show, Rule(Action::ViewRoleMaps), true),
    api_route!(Patch "/api/v1/teams/{team}/role-maps/{map}" => role_maps::update, Rule(Action::EditRoleMaps), true),
    api_route!(Get "/api/v1/teams/{team}/role-maps/{map}/history" => role_maps::history, Rule(Action::ViewRoleMaps), true),
    api_route!(Post "/api/v1/teams/{team}/role-maps/{map}/milestones" => role_maps::add_milestone, Rule(Action::EditRoleMaps), true),
    api_route!(Patch "/api/v1/teams/{team}/role-maps/{map}/milestones/{milestone}" => role_maps::update_milestone, Rule(Action::EditRoleMaps), true),
    api_route!(Delete "/api/v1/teams/{team}/role-maps/{map}/milestones/{milestone}" => role_maps::remove_milestone, Rule(Action::EditRoleMaps), true),
    api_route!(Put "/api/v1/teams/{team}/role-maps/{map}/milestones/{milestone}/done" => role_maps::set_done, Rule(Action::EditRoleMaps), true),
    api_route!(Post "/api/v1/teams/{team}/role-maps/{map}/publish" => role_maps::publish, Rule(Action::PublishRoleMaps), true),
    api_route!(Post "/api/v1/teams/{team}/role-maps/{map}/close" => role_maps::close, Rule(Action::PublishRoleMaps), true),
    // Members, the team calendar and the reciprocity ledger.
    api_route!(Get "/api/v1/teams/{team}/members" => members::list, Rule(Action::ViewTeam), true),
    api_route!(Get "/api/v1/teams/{team}/meetings.ics" => calendar::meetings, Rule(Action::ViewMeetings), true),
    api_route!(Get "/api/v1/teams/{team}/ledger" => ledger::team, Rule(Action::ViewLedgerAggregates), true),
    api_route!(Get "/api/v1/teams/{team}/ledger/members.csv" => ledger::team_csv, Rule(Action::ViewLedgerAggregates), true),
    api_route!(Get "/api/v1/teams/{team}/ledger/me" => ledger::me, Rule(Action::ViewOwnLedger), true),
    api_route!(Get "/api/v1/teams/{team}/ledger/me.csv" => ledger::me_csv, Rule(Action::ViewOwnLedger), true),
    api_route!(Get "/api/v1/teams/{team}/ledger/entries" => ledger::entries, Rule(Action::ViewOwnLedger), true),
    api_route!(Post "/api/v1/teams/{team}/ledger/entries" => ledger::record, Rule(Action::RecordHelp), true),
    api_route!(Get "/api/v1/teams/{team}/ledger/entries/{entry}" => ledger::show, Rule(Action::ViewOwnLedger), true),
    api_route!(Post "/api/v1/teams/{team}/ledger/entries/{entry}/confirm" => ledger::confirm, Rule(Action::RecordHelp), true),
    api_route!(Post "/api/v1/teams/{team}/ledger/entries/{entry}/adjust" => ledger::adjust, Rule(Action::RecordHelp), true),
    api_route!(Post "/api/v1/teams/{team}/ledger/entries/{entry}/dispute" => ledger::dispute, Rule(Action::RecordHelp), true),
    api_route!(Post "/api/v1/teams/{team}/ledger/entries/{entry}/resolve" => ledger::resolve, Rule(Action::RecordHelpForOthers), true),
    api_route!(Post "/api/v1/teams/{team}/ledger/entries/{entry}/reverse" => ledger::reverse, Rule(Action::RecordHelp), true),
    // Leaders' meeting forms and moderation of proposals (meeting_admin); turnout and rankings (turnout).
    api_route!(Post "/api/v1/teams/{team}/meetings" => meeting_admin::create, Rule(Action::ManageMeetings), true),
    api_route!(Patch "/api/v1/teams/{team}/meetings/{meeting}" => meeting_admin::edit, Rule(Action::ManageMeetings), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/cancel" => meeting_admin::cancel_meeting, Rule(Action::CancelMeeting), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/cancel/undo" => meeting_admin::undo_cancel, Rule(Action::CancelMeeting), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/agenda/publish" => meeting_admin::publish_agenda, Rule(Action::PublishAgenda), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}/hide" => meeting_admin::hide, Rule(Action::ManageMeetings), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}/merge" => meeting_admin::merge, Rule(Action::ManageMeetings), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/turnout" => turnout::turnout_of, Rule(Action::ViewVoters), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/rankings" => turnout::rankings, Rule(Action::ViewVoters), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/rankings.csv" => turnout::rankings_csv, Rule(Action::ViewVoters), true),
    // Comments on proposals and budget ideas (comments).
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}/comments" => comments::proposal_comments, Rule(Action::ViewMeetings), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}/comments" => comments::proposal_comment_add, Rule(Action::Comment), true),
    api_route!(Patch "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}/comments/{comment}" => comments::proposal_comment_edit, Rule(Action::Comment), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/proposals/{proposal}/comments/{comment}/hide" => comments::proposal_comment_hide, Rule(Action::ModerateComments), true),
    api_route!(Get "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/comments" => comments::idea_comments, Rule(Action::ViewBudgets), true),
    api_route!(Post "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/comments" => comments::idea_comment_add, Rule(Action::Comment), true),
    api_route!(Patch "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/comments/{comment}" => comments::idea_comment_edit, Rule(Action::Comment), true),
    api_route!(Post "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/comments/{comment}/hide" => comments::idea_comment_hide, Rule(Action::ModerateComments), true),
    api_route!(Get "/api/v1/notifications" => comments::notifications::list, SignedIn, true),
    api_route!(Post "/api/v1/notifications/read" => comments::notifications::read, Rule(Action::ManageOwnAccount), true),
    api_route!(Patch "/api/v1/me" => me::update, Rule(Action::ManageOwnAccount), true),
    // Help posts, thank-you notes and the ledger's settings (help).
    api_route!(Get "/api/v1/teams/{team}/help" => help::list, Rule(Action::ViewOwnLedger), true),
    api_route!(Post "/api/v1/teams/{team}/help" => help::create, Rule(Action::PostHelp), true),
    api_route!(Get "/api/v1/teams/{team}/help/{post}" => help::show, Rule(Action::ViewOwnLedger), true),
    api_route!(Post "/api/v1/teams/{team}/help/{post}/responses" => help::respond, Rule(Action::PostHelp), true),
    api_route!(Post "/api/v1/teams/{team}/help/{post}/close" => help::close, Rule(Action::PostHelp), true),
    api_route!(Get "/api/v1/teams/{team}/thanks" => help::thanks_list, Rule(Action::ViewTeam), true),
    api_route!(Post "/api/v1/teams/{team}/thanks" => help::thank, Rule(Action::ThankMember), true),
    api_route!(Post "/api/v1/teams/{team}/thanks/{note}/hide" => help::hide, Rule(Action::ThankMember), true),
    api_route!(Post "/api/v1/teams/{team}/thanks/{note}/show" => help::unhide, Rule(Action::ThankMember), true),
    api_route!(Patch "/api/v1/teams/{team}/ledger/settings" => help::settings, Rule(Action::ManageLedgerSettings), true),
    api_route!(Post "/api/v1/teams/{team}/ledger/notifications/read" => help::read_notifications, Rule(Action::ViewOwnLedger), true),
    // Budget rounds: leaders' forms, support, review, publication and follow-up (budgets::manage).
    api_route!(Post "/api/v1/teams/{team}/budgets" => budgets::manage::create, Rule(Action::ManageBudgets), true),
    api_route!(Patch "/api/v1/teams/{team}/budgets/{round}" => budgets::manage::edit, Rule(Action::ManageBudgets), true),
    api_route!(Post "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/support" => budgets::manage::support, Rule(Action::ProposeIdea), true),
    api_route!(Delete "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/support" => budgets::manage::unsupport, Rule(Action::ProposeIdea), true),
    api_route!(Post "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/review" => budgets::manage::review_idea, Rule(Action::ManageBudgets), true),
    api_route!(Post "/api/v1/teams/{team}/budgets/{round}/ideas/{idea}/follow-up" => budgets::manage::follow_up, Rule(Action::ManageBudgets), true),
    api_route!(Post "/api/v1/teams/{team}/budgets/{round}/results/publish" => budgets::manage::publish_results, Rule(Action::ManageBudgets), true),
    // The live meeting and its minutes (live).
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/live" => live::show, Rule(Action::ViewMeetings), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/live/attendance" => live::attendance, Rule(Action::RunMeeting), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/live/note-taker" => live::note_taker, Rule(Action::RunMeeting), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/live/close" => live::close, Rule(Action::RunMeeting), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/live/items/{position}/start" => live::start, Rule(Action::RunMeeting), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/live/items/{position}/end" => live::end, Rule(Action::RunMeeting), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/live/items/{position}/decisions" => live::decide, Rule(Action::RunMeeting), true),
    api_route!(Post "/api/v1/teams/{team}/meetings/{meeting}/live/items/{position}/actions" => live::act, Rule(Action::RunMeeting), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/minutes" => live::minutes_show, Rule(Action::ViewMeetings), true),
    api_route!(Put "/api/v1/teams/{team}/meetings/{meeting}/minutes" => live::minutes_save, Rule(Action::EditMinutes), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/minutes.md" => live::minutes_markdown, Rule(Action::ViewMeetings), true),
    api_route!(Get "/api/v1/teams/{team}/meetings/{meeting}/scan" => live::scan_show, Rule(Action::ViewMeetings), true),
    // Team administration, notifications and cohort links (admin).
    api_route!(Get "/api/v1/teams/{team}" => teams::show, Rule(Action::ViewTeam), true),
    api_route!(Patch "/api/v1/teams/{team}" => teams::update, Rule(Action::ManageTeamSettings), true),
    api_route!(Post "/api/v1/teams/{team}/leave" => admin::leave, Rule(Action::LeaveTeam), true),
    api_route!(Get "/api/v1/teams/{team}/invitations" => admin::invitations, Rule(Action::ManageMembers), true),
    api_route!(Post "/api/v1/teams/{team}/invitations" => admin::invite, Rule(Action::ManageMembers), true),
    api_route!(Post "/api/v1/teams/{team}/invitations/{invitation}/revoke" => admin::revoke, Rule(Action::ManageMembers), true),
    api_route!(Patch "/api/v1/teams/{team}/members/{user}" => members::change_role, Rule(Action::ManageMembers), true),
    api_route!(Post "/api/v1/teams/{team}/members/{user}/remove" => members::remove, Rule(Action::ManageMembers), true),
    api_route!(Post "/api/v1/teams/{team}/members/{user}/reset-link" => members::reset_link, Rule(Action::IssueResetLink), true),
    api_route!(Get "/api/v1/admin/teams" => admin::all_teams, Rule(Action::ManageInstance), true),
    api_route!(Post "/api/v1/admin/teams" => admin::create_team, Rule(Action::ManageInstance), true),
    api_route!(Get "/api/v1/teams/{team}/links" => admin::team_links, Rule(Action::ManageTeamLinks), true),
    api_route!(Post "/api/v1/teams/{team}/links" => admin::propose_link, Rule(Action::ManageTeamLinks), true),
    api_route!(Post "/api/v1/teams/{team}/links/{link}/accept" => admin::accept_link, Rule(Action::ManageTeamLinks), true),
    api_route!(Post "/api/v1/teams/{team}/links/{link}/remove" => admin::remove_link, Rule(Action::ManageTeamLinks), true),
    // Sharing a meeting with linked teams, and what linked teams share (sharing).
    api_route!(Put "/api/v1/teams/{team}/meetings/{meeting}/share" => sharing::share, Rule(Action::ManageTeamLinks), true),
    api_route!(Get "/api/v1/teams/{team}/shared" => sharing::list, Rule(Action::ViewSharedItems), true),
    api_route!(Get "/api/v1/teams/{team}/shared/{meeting}" => sharing::show, Rule(Action::ViewSharedItems), true),
    // Recurring meetings: series, occurrences, rota swaps, away days (series).
    api_route!(Get "/api/v1/teams/{team}/series" => series::list, Rule(Action::ViewSeries), true),
    api_route!(Post "/api/v1/teams/{team}/series" => series::create, Rule(Action::ManageSeries), true),
    api_route!(Get "/api/v1/teams/{team}/series/{series}" => series::show, Rule(Action::ViewSeries), true),
    api_route!(Patch "/api/v1/teams/{team}/series/{series}" => series::edit, Rule(Action::ManageSeries), true),
    api_route!(Post "/api/v1/teams/{team}/series/{series}/end" => series::end, Rule(Action::ManageSeries), true),
    api_route!(Post "/api/v1/teams/{team}/series/{series}/occurrences/{occurrence}/cancel" => series::cancel, Rule(Action::ManageSeries), true),
    api_route!(Post "/api/v1/teams/{team}/series/{series}/swap" => series::swap, Rule(Action::SwapRole), true),
    api_route!(Get "/api/v1/teams/{team}/away" => series::away, Rule(Action::ViewSeries), true),
    api_route!(Post "/api/v1/teams/{team}/away" => series::mark_away, Rule(Action::MarkAway), true),
    api_route!(Get "/api/v1/teams/{team}/away/{away}" => series::show_away, Rule(Action::ViewSeries), true),
    api_route!(Delete "/api/v1/teams/{team}/away/{away}" => series::remove_away, Rule(Action::MarkAway), true),
];

/// Registers every route of [`API_ROUTES`]: one resource per path (other methods answer 405,
/// or 403 `insufficient_scope` first for a read token), token routes behind [`auth::authenticate`].
pub fn configure(cfg: &mut web::ServiceConfig) {
    let mut paths: Vec<&'static str> = Vec::new();
    for route in API_ROUTES {
        if !paths.contains(&route.path) {
            paths.push(route.path);
        }
    }
    for path in paths {
        let mut resource = resource(path);
        let mut needs_token = false;
        for route in API_ROUTES.iter().filter(|r| r.path == path) {
            needs_token |= route.needs_token;
            let method = match route.method {
                Method::Get | Method::GetOrHead => web::get(),
                Method::Post => web::post(),
                Method::Put => web::put(),
                Method::Patch => web::patch(),
                Method::Delete => web::delete(),
            };
            resource = resource.route((route.attach)(method));
        }
        if needs_token {
            cfg.service(resource.wrap(from_fn(auth::authenticate)));
        } else {
            cfg.service(resource);
        }
    }
}

/// The table as Markdown, for `docs/architecture.md` (a test keeps the two in step).
pub fn markdown_table() -> String {
    let mut out = String::from("| Method | Path | Handler | Access |\n| --- | --- | --- | --- |\n");
    for route in API_ROUTES {
        let access = if route.needs_token {
            format!("bearer token; {}", route.access.describe())
        } else {
            route.access.describe().to_owned()
        };
        out.push_str(&format!(
            "| {} | `{}` | `api::{}` | {} |\n",
            route.method.as_str(),
            route.path,
            route.handler,
            access
        ));
    }
    out
}

/// `body` as JSON with a strong `ETag` (a hash of the bytes), or `304 Not Modified` when the
/// request's `If-None-Match` already names it. Clients revalidate (`no-cache`); nothing is
/// stored by shared caches (`private`).
pub fn json_with_etag(req: &HttpRequest, body: &impl Serialize) -> Result<HttpResponse, ApiError> {
    let bytes = serde_json::to_vec(body)
        .map_err(|e| ApiError::Web(anyhow::Error::new(e).context("JSON encoding").into()))?;
    let digest = <sha2::Sha256 as sha2::Digest>::digest(&bytes);
    let tag = format!("\"{}\"", hex(digest.get(..16).unwrap_or_default()));
    let cache = (header::CACHE_CONTROL, "private, no-cache");
    if matches_etag(req.headers().get(header::IF_NONE_MATCH), &tag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, tag))
            .insert_header(cache)
            .finish());
    }
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::ETAG, tag))
        .insert_header(cache)
        .body(bytes))
}

/// Whether an `If-None-Match` header names `tag` (weak comparison, as RFC 9110 asks for it).
fn matches_etag(header: Option<&HeaderValue>, tag: &str) -> bool {
    let Some(value) = header.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    value.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == tag
    })
}

/// An id from the path; one that does not parse names nothing, so it is the same 404 as a
/// missing one.
pub fn path_id<T: std::str::FromStr>(raw: &str) -> Result<T, ApiError> {
    raw.trim()
        .parse()
        .map_err(|_| ApiError::Web(crate::web::WebError::NotFound))
}

/// `201 Created` with `body` as JSON and the new resource's address in `Location`.
pub fn created(location: &str, body: &impl Serialize) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((header::LOCATION, location.to_owned()))
        .json(body)
}

/// A saved ballot's answer: `200` when it replaced the caller's earlier one, else `201` with its
/// address in `Location`; never stored by caches (it carries the receipt code, shown once).
pub fn saved_ballot(replaced: bool, location: String, body: &impl Serialize) -> HttpResponse {
    let mut response = if replaced {
        HttpResponse::Ok()
    } else {
        HttpResponse::Created()
    };
    if !replaced {
        response.insert_header((header::LOCATION, location));
    }
    response
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_compares_weakly_and_accepts_lists_and_star() {
        let tag = "\"abc\"";
        let h = |s: &'static str| HeaderValue::from_static(s);
        assert!(matches_etag(Some(&h("\"abc\"")), tag));
        assert!(matches_etag(Some(&h("W/\"abc\"")), tag));
        assert!(matches_etag(Some(&h("\"x\", \"abc\"")), tag));
        assert!(matches_etag(Some(&h("*")), tag));
        assert!(!matches_etag(Some(&h("\"abd\"")), tag));
        assert!(!matches_etag(None, tag));
    }

    #[test]
    fn every_route_names_an_access_rule_with_a_row_and_no_route_is_listed_twice() {
        for (i, route) in API_ROUTES.iter().enumerate() {
            assert!(route.path.starts_with("/api/v1/"), "{route:?}");
            if let Access::Rule(action) = route.access {
                assert!(
                    crate::access::MATRIX.iter().any(|(a, _, _)| *a == action),
                    "{route:?}"
                );
            }
            assert!(
                !API_ROUTES
                    .iter()
                    .skip(i + 1)
                    .any(|r| r.path == route.path && r.method == route.method),
                "{route:?} twice"
            );
        }
    }
}
