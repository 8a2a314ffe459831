//! The one route table: every route's method, path, handler and the access rule that governs
//! it. The router is built from [`ROUTES`], and the tests read the same list: the CSRF test
//! posts to every POST route, the access-matrix test walks every route as every role, and a
//! route cannot be written without naming its access rule.

use actix_web::{guard, web};

use crate::access::{self, Action};
use crate::web::role_maps;
use crate::web::{
    actions, assets, auth, budgets, checkins, comment_pages, health, home, ledger, meetings,
    notices, resource, teams,
};
use crate::web::{api, calendar, cohorts};

/// The HTTP method(s) a route answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    /// GET and HEAD (actix drops the body for HEAD): for probes and static files.
    GetOrHead,
    /// POST (checked for the CSRF token before routing).
    Post,
    /// PUT (API only: replaces a resource, e.g. one's own ballot).
    Put,
    /// PATCH (API only: changes some fields of a resource).
    Patch,
    /// DELETE (API only).
    Delete,
}

impl Method {
    /// The method as written in requests and docs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::GetOrHead => "GET, HEAD",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }

    fn route(self) -> actix_web::Route {
        match self {
            Self::Get => web::get(),
            Self::GetOrHead => web::route().guard(guard::Any(guard::Get()).or(guard::Head())),
            Self::Post => web::post(),
            Self::Put => web::put(),
            Self::Patch => web::patch(),
            Self::Delete => web::delete(),
        }
    }
}

/// What governs who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (a token in the path may stand in for identity).
    Public,
    /// Anyone signed in; nothing team-specific.
    SignedIn,
    /// The row of the access table (`src/access/`) the service checks.
    Rule(Action),
}

impl Access {
    /// How the docs name it: the access table's description, or a marker.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::SignedIn => "signed in",
            Self::Rule(action) => access::MATRIX
                .iter()
                .find(|(a, _, _)| *a == action)
                .map_or("(no row in the access table)", |(_, description, _)| {
                    *description
                }),
        }
    }
}

/// One route.
#[derive(Clone, Copy)]
pub struct Route {
    /// Method(s) answered.
    pub method: Method,
    /// Path pattern as actix matches it (`{name}` is one segment).
    pub path: &'static str,
    /// The handler, as `module::function`.
    pub handler: &'static str,
    /// Who may use it.
    pub access: Access,
    /// Attaches the handler to an actix route of the right method.
    attach: fn(actix_web::Route) -> actix_web::Route,
}

impl std::fmt::Debug for Route {
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

/// `route!(Get "/path" => module::handler, Access::…)`: one row of [`ROUTES`], naming the
/// handler once for both the router and the docs.
macro_rules! route {
    ($method:ident $path:literal => $handler:path, $access:expr) => {
        Route {
            method: Method::$method,
            path: $path,
            handler: stringify!($handler),
            access: $access,
            attach: |r| r.to($handler),
        }
    };
}

use Access::{Public, Rule, SignedIn};
use meetings::{agenda, ballot, comments, live, minutes, proposals, results, turnout};

/// Every route, in matching order (a literal segment before a `{name}` beside it).
pub const ROUTES: &[Route] = &[
    route!(Get "/" => home::show, Public),
    route!(GetOrHead "/health" => health::show, Public),
    route!(GetOrHead "/static/{path:.*}" => assets::serve, Public),
    route!(Get "/login" => auth::login_page, Public),
    route!(Post "/login" => auth::login, Public),
    route!(Post "/logout" => auth::logout, Public),
    route!(Get "/account" => auth::account_page, SignedIn),
    route!(Post "/account/password" => auth::change_password, Rule(Action::ManageOwnAccount)),
    route!(Post "/account/logout-everywhere" => auth::logout_everywhere, Rule(Action::ManageOwnAccount)),
    route!(Post "/account/time-zone" => auth::set_time_zone, Rule(Action::ManageOwnAccount)),
    route!(Post "/account/language" => auth::set_language, Rule(Action::ManageOwnAccount)),
    route!(Post "/account/notifications" => notices::save_preferences, Rule(Action::ManageOwnAccount)),
    route!(Post "/account/calendar" => calendar::regenerate, Rule(Action::ManageOwnAccount)),
    route!(Post "/account/calendar/revoke" => calendar::revoke, Rule(Action::ManageOwnAccount)),
    route!(Post "/account/api-tokens" => api::account::create, Rule(Action::ManageApiTokens)),
    route!(Post "/account/api-tokens/{id}/revoke" => api::account::revoke, Rule(Action::ManageApiTokens)),
    route!(Get "/notifications" => notices::show, SignedIn),
    route!(Post "/notifications/read" => notices::read, Rule(Action::ManageOwnAccount)),
    route!(Get "/unsubscribe/{token}" => notices::unsubscribe_page, Public),
    route!(Post "/unsubscribe/{token}" => notices::unsubscribe, Public),
    route!(Get "/calendar/{file}" => calendar::feed, Public),
    route!(Get "/password/forgot" => auth::forgot_form, Public),
    route!(Post "/password/forgot" => auth::forgot, Public),
    route!(Get "/reset/{token}" => auth::reset_page, Public),
    route!(Post "/reset/{token}" => auth::reset, Public),
    route!(Get "/invite/{token}" => teams::invitation, Public),
    route!(Post "/invite/{token}" => teams::accept, Public),
    route!(Get "/admin/teams" => teams::admin_teams, Rule(Action::ManageInstance)),
    route!(Post "/admin/teams" => teams::create_team, Rule(Action::ManageInstance)),
    route!(Get "/teams/{team}" => teams::show, Rule(Action::ViewTeam)),
    route!(Post "/teams/{team}/leave" => teams::leave, Rule(Action::LeaveTeam)),
    route!(Post "/teams/{team}/time-zone" => teams::set_time_zone, Rule(Action::ManageTeamSettings)),
    route!(Post "/teams/{team}/invitations" => teams::invite, Rule(Action::ManageMembers)),
    route!(Post "/teams/{team}/invitations/{id}/revoke" => teams::revoke, Rule(Action::ManageMembers)),
    route!(Post "/teams/{team}/members/{user}/role" => teams::change_role, Rule(Action::ManageMembers)),
    route!(Post "/teams/{team}/members/{user}/remove" => teams::remove, Rule(Action::ManageMembers)),
    route!(Post "/teams/{team}/members/{user}/reset-link" => teams::reset_link, Rule(Action::IssueResetLink)),
    // Meetings, proposals, ballots, results and the agreed agenda.
    route!(Get "/teams/{team}/meetings" => meetings::list, Rule(Action::ViewMeetings)),
    route!(Get "/teams/{team}/meetings.ics" => calendar::team_meetings, Rule(Action::ViewMeetings)),
    route!(Post "/teams/{team}/meetings" => meetings::create, Rule(Action::ManageMeetings)),
    route!(Get "/teams/{team}/meetings/new" => meetings::new_form, Rule(Action::ManageMeetings)),
    route!(Get "/teams/{team}/meetings/{id}" => meetings::show, Rule(Action::ViewMeetings)),
    route!(Get "/teams/{team}/meetings/{id}/edit" => meetings::edit_form, Rule(Action::ManageMeetings)),
    route!(Post "/teams/{team}/meetings/{id}/edit" => meetings::update, Rule(Action::ManageMeetings)),
    route!(Post "/teams/{team}/meetings/{id}/cancel" => meetings::cancel::cancel, Rule(Action::CancelMeeting)),
    route!(Post "/teams/{team}/meetings/{id}/cancel/undo" => meetings::cancel::undo, Rule(Action::CancelMeeting)),
    route!(Get "/teams/{team}/meetings/{id}/proposals" => proposals::list, Rule(Action::ViewMeetings)),
    route!(Post "/teams/{team}/meetings/{id}/proposals" => proposals::propose, Rule(Action::ProposeItem)),
    route!(Get "/teams/{team}/meetings/{id}/proposals.csv" => proposals::csv, Rule(Action::ViewMeetings)),
    route!(Get "/teams/{team}/meetings/{id}/proposals/{proposal}" => comment_pages::show::<comments::ProposalThread>, Rule(Action::ViewMeetings)),
    route!(Post "/teams/{team}/meetings/{id}/proposals/{proposal}/comments" => comment_pages::add::<comments::ProposalThread>, Rule(Action::Comment)),
    route!(Post "/teams/{team}/meetings/{id}/proposals/{proposal}/comments/{comment}/edit" => comment_pages::edit::<comments::ProposalThread>, Rule(Action::Comment)),
    route!(Post "/teams/{team}/meetings/{id}/proposals/{proposal}/comments/{comment}/hide" => comment_pages::hide::<comments::ProposalThread>, Rule(Action::ModerateComments)),
    route!(Get "/teams/{team}/meetings/{id}/proposals/{proposal}/edit" => proposals::edit_form, Rule(Action::ProposeItem)),
    route!(Post "/teams/{team}/meetings/{id}/proposals/{proposal}/edit" => proposals::edit, Rule(Action::ProposeItem)),
    route!(Post "/teams/{team}/meetings/{id}/proposals/{proposal}/withdraw" => proposals::withdraw, Rule(Action::ProposeItem)),
    route!(Post "/teams/{team}/meetings/{id}/proposals/{proposal}/hide" => proposals::hide, Rule(Action::ManageMeetings)),
    route!(Post "/teams/{team}/meetings/{id}/proposals/{proposal}/merge" => proposals::merge, Rule(Action::ManageMeetings)),
    route!(Get "/teams/{team}/meetings/{id}/ballot" => ballot::show, Rule(Action::ViewMeetings)),
    route!(Post "/teams/{team}/meetings/{id}/ballot" => ballot::cast, Rule(Action::CastBallot)),
    route!(Get "/teams/{team}/meetings/{id}/ballot/receipt" => ballot::receipt, Rule(Action::CastBallot)),
    route!(Get "/teams/{team}/meetings/{id}/results" => results::show, Rule(Action::ViewMeetings)),
    route!(Get "/teams/{team}/meetings/{id}/results/ballots.csv" => results::ballots_csv, Rule(Action::ViewMeetings)),
    route!(Get "/teams/{team}/meetings/{id}/results/receipts.csv" => results::receipts_csv, Rule(Action::ViewMeetings)),
    route!(Get "/teams/{team}/meetings/{id}/results/rules.json" => results::rules_json, Rule(Action::ViewMeetings)),
    route!(Get "/teams/{team}/meetings/{id}/results/rctab.json" => results::rctab_json, Rule(Action::ViewMeetings)),
    route!(Get "/teams/{team}/meetings/{id}/turnout" => turnout::show, Rule(Action::ViewVoters)),
    route!(Get "/teams/{team}/meetings/{id}/rankings" => turnout::rankings, Rule(Action::ViewVoters)),
    route!(Get "/teams/{team}/meetings/{id}/rankings.csv" => turnout::rankings_csv, Rule(Action::ViewVoters)),
    route!(Get "/teams/{team}/meetings/{id}/agenda" => agenda::show, Rule(Action::ViewMeetings)),
    route!(Get "/teams/{team}/meetings/{id}/agenda.ics" => agenda::calendar, Rule(Action::ViewMeetings)),
    route!(Get "/teams/{team}/meetings/{id}/agenda/print" => agenda::print, Rule(Action::ViewMeetings)),
    route!(Get "/teams/{team}/meetings/{id}/agenda/publish" => agenda::publish_form, Rule(Action::PublishAgenda)),
    route!(Post "/teams/{team}/meetings/{id}/agenda/publish" => agenda::publish, Rule(Action::PublishAgenda)),
    // Participatory budgets: rounds, ideas, ballots, results, exchange formats.
    route!(Get "/teams/{team}/budgets" => budgets::list, Rule(Action::ViewBudgets)),
    route!(Post "/teams/{team}/budgets" => budgets::create, Rule(Action::ManageBudgets)),
    route!(Get "/teams/{team}/budgets/new" => budgets::new_form, Rule(Action::ManageBudgets)),
    route!(Post "/teams/{team}/budgets/import" => budgets::import, Rule(Action::ManageBudgets)),
    route!(Get "/teams/{team}/budgets/{id}" => budgets::show, Rule(Action::ViewBudgets)),
    route!(Get "/teams/{team}/budgets/{id}/edit" => budgets::edit_form, Rule(Action::ManageBudgets)),
    route!(Post "/teams/{team}/budgets/{id}/edit" => budgets::update, Rule(Action::ManageBudgets)),
    route!(Get "/teams/{team}/budgets/{id}/ideas" => budgets::ideas::list, Rule(Action::ViewBudgets)),
    route!(Post "/teams/{team}/budgets/{id}/ideas" => budgets::ideas::propose, Rule(Action::ProposeIdea)),
    route!(Get "/teams/{team}/budgets/{id}/ideas/{idea}" => comment_pages::show::<budgets::idea::IdeaThread>, Rule(Action::ViewBudgets)),
    route!(Post "/teams/{team}/budgets/{id}/ideas/{idea}/comments" => comment_pages::add::<budgets::idea::IdeaThread>, Rule(Action::Comment)),
    route!(Post "/teams/{team}/budgets/{id}/ideas/{idea}/comments/{comment}/edit" => comment_pages::edit::<budgets::idea::IdeaThread>, Rule(Action::Comment)),
    route!(Post "/teams/{team}/budgets/{id}/ideas/{idea}/comments/{comment}/hide" => comment_pages::hide::<budgets::idea::IdeaThread>, Rule(Action::ModerateComments)),
    route!(Get "/teams/{team}/budgets/{id}/ideas/{idea}/edit" => budgets::ideas::edit_form, Rule(Action::ProposeIdea)),
    route!(Post "/teams/{team}/budgets/{id}/ideas/{idea}/edit" => budgets::ideas::edit, Rule(Action::ProposeIdea)),
    route!(Post "/teams/{team}/budgets/{id}/ideas/{idea}/withdraw" => budgets::ideas::withdraw, Rule(Action::ProposeIdea)),
    route!(Post "/teams/{team}/budgets/{id}/ideas/{idea}/support" => budgets::ideas::support, Rule(Action::ProposeIdea)),
    route!(Post "/teams/{team}/budgets/{id}/ideas/{idea}/review" => budgets::ideas::review, Rule(Action::ManageBudgets)),
    route!(Post "/teams/{team}/budgets/{id}/ideas/{idea}/follow-up" => budgets::results::follow_up, Rule(Action::ManageBudgets)),
    route!(Get "/teams/{team}/budgets/{id}/ballot" => budgets::ballot::show, Rule(Action::ViewBudgets)),
    route!(Post "/teams/{team}/budgets/{id}/ballot" => budgets::ballot::cast, Rule(Action::CastBudgetBallot)),
    route!(Get "/teams/{team}/budgets/{id}/ballot/receipt" => budgets::ballot::receipt, Rule(Action::CastBudgetBallot)),
    route!(Get "/teams/{team}/budgets/{id}/results" => budgets::results::show, Rule(Action::ViewBudgets)),
    route!(Post "/teams/{team}/budgets/{id}/results/publish" => budgets::results::publish, Rule(Action::ManageBudgets)),
    route!(Get "/teams/{team}/budgets/{id}/results/round.pb" => budgets::export::export_pb, Rule(Action::ViewBudgets)),
    route!(Get "/teams/{team}/budgets/{id}/results/ideas.csv" => budgets::export::export_csv, Rule(Action::ViewBudgets)),
    // The meeting itself: the live page, decisions and actions per item, minutes, the scan.
    route!(Get "/teams/{team}/meetings/{id}/scan" => minutes::scan_page, Rule(Action::ViewMeetings)),
    route!(Get "/teams/{team}/meetings/{id}/live" => live::show, Rule(Action::ViewMeetings)),
    route!(Post "/teams/{team}/meetings/{id}/live/attendance" => live::attendance, Rule(Action::RunMeeting)),
    route!(Post "/teams/{team}/meetings/{id}/live/note-taker" => live::note_taker, Rule(Action::RunMeeting)),
    route!(Post "/teams/{team}/meetings/{id}/live/close" => live::close, Rule(Action::RunMeeting)),
    route!(Post "/teams/{team}/meetings/{id}/live/items/{position}/start" => live::start, Rule(Action::RunMeeting)),
    route!(Post "/teams/{team}/meetings/{id}/live/items/{position}/end" => live::end, Rule(Action::RunMeeting)),
    route!(Post "/teams/{team}/meetings/{id}/live/items/{position}/decisions" => live::decide, Rule(Action::RunMeeting)),
    route!(Post "/teams/{team}/meetings/{id}/live/items/{position}/actions" => live::act, Rule(Action::RunMeeting)),
    route!(Get "/teams/{team}/meetings/{id}/minutes" => minutes::show, Rule(Action::ViewMeetings)),
    route!(Post "/teams/{team}/meetings/{id}/minutes" => minutes::save, Rule(Action::EditMinutes)),
    route!(Get "/teams/{team}/meetings/{id}/minutes.md" => minutes::markdown, Rule(Action::ViewMeetings)),
    // The reciprocity ledger, help posts and thank-you notes.
    route!(Get "/teams/{team}/ledger" => ledger::team, Rule(Action::ViewLedgerAggregates)),
    route!(Get "/teams/{team}/ledger/members.csv" => ledger::team_csv, Rule(Action::ViewLedgerAggregates)),
    route!(Get "/teams/{team}/ledger/me" => ledger::me, Rule(Action::ViewOwnLedger)),
    route!(Get "/teams/{team}/ledger/me.csv" => ledger::me_csv, Rule(Action::ViewOwnLedger)),
    route!(Post "/teams/{team}/ledger/settings" => ledger::settings, Rule(Action::ManageLedgerSettings)),
    route!(Post "/teams/{team}/ledger/notifications/read" => ledger::read_notifications, Rule(Action::ViewOwnLedger)),
    route!(Post "/teams/{team}/ledger/exchanges" => ledger::record, Rule(Action::RecordHelp)),
    route!(Get "/teams/{team}/ledger/exchanges/{id}" => ledger::exchange::show, Rule(Action::ViewOwnLedger)),
    route!(Post "/teams/{team}/ledger/exchanges/{id}/confirm" => ledger::exchange::confirm, Rule(Action::RecordHelp)),
    route!(Post "/teams/{team}/ledger/exchanges/{id}/adjust" => ledger::exchange::adjust, Rule(Action::RecordHelp)),
    route!(Post "/teams/{team}/ledger/exchanges/{id}/dispute" => ledger::exchange::dispute, Rule(Action::RecordHelp)),
    route!(Post "/teams/{team}/ledger/exchanges/{id}/resolve" => ledger::exchange::resolve, Rule(Action::RecordHelpForOthers)),
    route!(Post "/teams/{team}/ledger/exchanges/{id}/reverse" => ledger::exchange::reverse, Rule(Action::RecordHelp)),
    route!(Get "/teams/{team}/help" => ledger::help::list, Rule(Action::ViewOwnLedger)),
    route!(Post "/teams/{team}/help" => ledger::help::create, Rule(Action::PostHelp)),
    route!(Get "/teams/{team}/help/{id}" => ledger::help::show, Rule(Action::ViewOwnLedger)),
    route!(Post "/teams/{team}/help/{id}/responses" => ledger::help::respond, Rule(Action::PostHelp)),
    route!(Post "/teams/{team}/help/{id}/close" => ledger::help::close, Rule(Action::PostHelp)),
    route!(Post "/teams/{team}/thanks" => ledger::thank, Rule(Action::ThankMember)),
    route!(Post "/teams/{team}/thanks/{id}/hide" => ledger::hide_thanks, Rule(Action::ThankMember)),
    route!(Post "/teams/{team}/thanks/{id}/show" => ledger::show_thanks, Rule(Action::ThankMember)),
    // The action log.
    route!(Get "/teams/{team}/actions" => actions::list, Rule(Action::ViewActions)),
    route!(Post "/teams/{team}/actions" => actions::create, Rule(Action::WorkOnActions)),
    route!(Get "/teams/{team}/actions.csv" => actions::csv, Rule(Action::ViewActions)),
    route!(Get "/teams/{team}/actions/{id}" => actions::show, Rule(Action::ViewActions)),
    route!(Post "/teams/{team}/actions/{id}/status" => actions::change_status, Rule(Action::WorkOnActions)),
    route!(Post "/teams/{team}/actions/{id}/comments" => actions::comment, Rule(Action::WorkOnActions)),
    // Recurring meetings with rotating roles.
    route!(Get "/teams/{team}/series" => meetings::series::list, Rule(Action::ViewSeries)),
    route!(Post "/teams/{team}/series" => meetings::series::create, Rule(Action::ManageSeries)),
    route!(Get "/teams/{team}/series/new" => meetings::series::new_form, Rule(Action::ManageSeries)),
    route!(Post "/teams/{team}/series/away" => meetings::series::mark_away, Rule(Action::MarkAway)),
    route!(Post "/teams/{team}/series/away/{id}/remove" => meetings::series::remove_away, Rule(Action::MarkAway)),
    route!(Get "/teams/{team}/series/{id}" => meetings::series::show, Rule(Action::ViewSeries)),
    route!(Post "/teams/{team}/series/{id}/swap" => meetings::series::swap, Rule(Action::SwapRole)),
    route!(Post "/teams/{team}/series/{id}/occurrences/{occurrence}/cancel" => meetings::series::cancel, Rule(Action::ManageSeries)),
    route!(Post "/teams/{team}/series/{id}/end" => meetings::series::end, Rule(Action::ManageSeries)),
    route!(Get "/teams/{team}/series/{id}/edit" => meetings::series_edit::edit_form, Rule(Action::ManageSeries)),
    route!(Post "/teams/{team}/series/{id}/edit" => meetings::series_edit::update, Rule(Action::ManageSeries)),
    // Weekly check-ins.
    route!(Get "/teams/{team}/checkins" => checkins::show, Rule(Action::ViewCheckins)),
    route!(Post "/teams/{team}/checkins" => checkins::save, Rule(Action::WriteCheckin)),
    // Role maps.
    route!(Get "/teams/{team}/roles" => role_maps::list, Rule(Action::ViewRoleMaps)),
    route!(Post "/teams/{team}/roles" => role_maps::create, Rule(Action::EditRoleMaps)),
    route!(Get "/teams/{team}/roles/{id}" => role_maps::show, Rule(Action::ViewRoleMaps)),
    route!(Post "/teams/{team}/roles/{id}" => role_maps::update, Rule(Action::EditRoleMaps)),
    route!(Post "/teams/{team}/roles/{id}/milestones" => role_maps::add_milestone, Rule(Action::EditRoleMaps)),
    route!(Post "/teams/{team}/roles/{id}/milestones/{milestone}" => role_maps::update_milestone, Rule(Action::EditRoleMaps)),
    route!(Post "/teams/{team}/roles/{id}/milestones/{milestone}/remove" => role_maps::remove_milestone, Rule(Action::EditRoleMaps)),
    route!(Post "/teams/{team}/roles/{id}/milestones/{milestone}/done" => role_maps::set_done, Rule(Action::EditRoleMaps)),
    route!(Post "/teams/{team}/roles/{id}/publish" => role_maps::publish, Rule(Action::PublishRoleMaps)),
    route!(Post "/teams/{team}/roles/{id}/close" => role_maps::close, Rule(Action::PublishRoleMaps)),
    // Cohorts: links between teams and what they share.
    route!(Get "/teams/{team}/links" => cohorts::show, Rule(Action::ManageTeamLinks)),
    route!(Post "/teams/{team}/links" => cohorts::propose, Rule(Action::ManageTeamLinks)),
    route!(Post "/teams/{team}/links/{id}/accept" => cohorts::accept, Rule(Action::ManageTeamLinks)),
    route!(Post "/teams/{team}/links/{id}/remove" => cohorts::remove, Rule(Action::ManageTeamLinks)),
    route!(Post "/teams/{team}/meetings/{id}/share" => cohorts::share, Rule(Action::ManageTeamLinks)),
    route!(Get "/teams/{team}/shared" => cohorts::list, Rule(Action::ViewSharedItems)),
    route!(Get "/teams/{team}/shared/{meeting}" => cohorts::meeting, Rule(Action::ViewSharedItems)),
];

/// Registers every route of [`ROUTES`]: one resource per path (so a method it does not route
/// answers 405), in table order.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let mut paths: Vec<&'static str> = Vec::new();
    for route in ROUTES {
        if !paths.contains(&route.path) {
            paths.push(route.path);
        }
    }
    for path in paths {
        let mut resource = resource(path);
        for route in ROUTES.iter().filter(|r| r.path == path) {
            resource = resource.route((route.attach)(route.method.route()));
        }
        cfg.service(resource);
    }
}

/// The table as Markdown, for `docs/architecture.md` (a test keeps the two in step).
pub fn markdown_table() -> String {
    let mut out = String::from("| Method | Path | Handler | Access |\n| --- | --- | --- | --- |\n");
    for route in ROUTES {
        out.push_str(&format!(
            "| {} | `{}` | `{}` | {} |\n",
            route.method.as_str(),
            route.path,
            route.handler,
            route.access.describe()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_a_route_names_has_a_row_in_the_access_table() {
        for route in ROUTES {
            if let Access::Rule(action) = route.access {
                assert!(
                    access::MATRIX.iter().any(|(a, _, _)| *a == action),
                    "{route:?} is governed by {action:?}, which has no access row"
                );
            }
        }
    }

    #[test]
    fn no_route_is_listed_twice() {
        for (i, route) in ROUTES.iter().enumerate() {
            let same = ROUTES
                .iter()
                .skip(i + 1)
                .any(|r| r.path == route.path && r.method == route.method);
            assert!(!same, "{route:?} is listed twice");
        }
    }

    #[test]
    fn a_literal_path_is_registered_before_a_pattern_that_would_take_it() {
        let new = ROUTES
            .iter()
            .position(|r| r.path == "/teams/{team}/meetings/new");
        let show = ROUTES
            .iter()
            .position(|r| r.path == "/teams/{team}/meetings/{id}");
        assert!(new < show, "{new:?} {show:?}");
    }
}
