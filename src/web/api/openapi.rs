//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers' `#[utoipa::path]`
//! attributes and the response types' `ToSchema` derives (ADR 0019), served as JSON at
//! `GET /api/v1/openapi.json` (public: it describes, it does not reveal). No UI is bundled
//! and nothing is fetched at build time.

use actix_web::HttpResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::web::api::{
    actions, admin, agendas, ballots, budgets, calendar, checkins, comments, errors, help, ledger,
    live, me, meeting_admin, meetings, members, proposals, results, role_maps, series, teams,
};

/// The document's root: every path and schema of the API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Roundtable API",
        description = "Read and drive Roundtable: personal API tokens (created on the account page) sent as `Authorization: Bearer`. Errors are `{\"error\", \"message\", \"fields\"}`; lists paginate with `cursor`/`limit` and `next_cursor`; reads carry an `ETag`. See docs/api.md.",
        license(name = "MIT OR Apache-2.0"),
    ),
    paths(document, me::show, teams::list, meetings::list, meetings::show,
        actions::list, actions::create, actions::csv, actions::show, actions::change,
        actions::comments, actions::comment, checkins::week, checkins::mine, checkins::save,
        role_maps::list, role_maps::create, role_maps::show, role_maps::update,
        role_maps::history, role_maps::add_milestone, role_maps::update_milestone,
        role_maps::remove_milestone, role_maps::set_done, role_maps::publish, role_maps::close,
        proposals::list, proposals::create, proposals::csv, proposals::show, proposals::edit,
        proposals::withdraw, ballots::show, ballots::cast,
        results::show, results::ballots_csv, results::receipts_csv, results::rctab_json,
        agendas::show, agendas::calendar,
        budgets::list, budgets::show, budgets::ideas::list, budgets::ideas::create,
        budgets::ideas::show, budgets::ideas::edit, budgets::ideas::withdraw,
        budgets::ballot::show, budgets::ballot::cast, budgets::results::show,
        budgets::results::pabulib, budgets::results::csv,
        members::list, calendar::meetings, ledger::team, ledger::team_csv, ledger::me,
        ledger::me_csv, ledger::entries, ledger::record, ledger::show, ledger::confirm,
        ledger::adjust, ledger::dispute, ledger::resolve, ledger::reverse,
    ),
    components(schemas(
        errors::ErrorBody,
        me::Me,
        me::TokenInfo,
        teams::Team,
        teams::TeamList,
        meetings::Meeting,
        meetings::MeetingList,
        meetings::MeetingPhase,
        meetings::MeetingWindows,
        actions::ActionStatus,
        actions::ActionItem,
        actions::ActionList,
        actions::HistoryEntry,
        actions::ActionComment,
        actions::ActionDetails,
        actions::CommentList,
        actions::NewAction,
        actions::ActionChange,
        actions::NewComment,
        checkins::BlockedAction,
        checkins::CheckinEntry,
        checkins::NotCheckedIn,
        checkins::CheckinWeek,
        checkins::CheckinAnswers,
        checkins::OwnCheckin,
        checkins::CheckinBody,
        role_maps::RoleMapStatus,
        role_maps::RoleMapItem,
        role_maps::RoleMapList,
        role_maps::Milestone,
        role_maps::RoleMapDetails,
        role_maps::RoleMapVersion,
        role_maps::RoleMapHistory,
        role_maps::NewRoleMap,
        role_maps::RoleMapChange,
        role_maps::NewMilestone,
        role_maps::MilestoneChange,
        role_maps::MilestoneDone,
        proposals::ProposalState,
        proposals::Proposal,
        proposals::ProposalList,
        proposals::ProposalBody,
        ballots::Ballot,
        ballots::CastBallot,
        ballots::BallotBody,
        results::MeetingResults,
        results::Place,
        results::PlaceRound,
        results::ItemVotes,
        crate::web::meetings::results::Shown,
        crate::web::meetings::results::AgendaLine,
        crate::web::meetings::results::LineStatus,
        agendas::AgreedAgenda,
        agendas::AgendaState,
        agendas::AgreedItem,
        agendas::ItemOrigin,
        agendas::AgendaDeviation,
        agendas::DeviationType,
        budgets::Round,
        budgets::RoundWindows,
        budgets::RoundList,
        budgets::ideas::Idea,
        budgets::ideas::IdeaList,
        budgets::ideas::IdeaBody,
        budgets::ballot::BudgetBallot,
        budgets::ballot::CastBudgetBallot,
        budgets::ballot::BudgetBallotBody,
        budgets::results::BudgetResults,
        budgets::results::ComputedResults,
        budgets::results::FundedIdea,
        budgets::results::FollowUp,
        budgets::results::ResultIdea,
        budgets::results::Publication,
        budgets::results::Override,
        meetings::Cancellation,
        members::TeamMember,
        members::MemberList,
        ledger::EntryState,
        ledger::LedgerEntry,
        ledger::LedgerEntryDetails,
        ledger::EntryList,
        ledger::LedgerTotals,
        ledger::LedgerPeriod,
        ledger::Counterpart,
        ledger::MyLedger,
        ledger::MemberTotals,
        ledger::Concentration,
        ledger::LoadSignal,
        ledger::MonthTotal,
        ledger::HelpEdge,
        ledger::TeamLedger,
        ledger::NewEntry,
        ledger::EntryMove,
    )),
    tags(
        (name = "meta", description = "About the API itself"),
        (name = "account", description = "The token's owner"),
        (name = "teams", description = "Teams the owner belongs to"),
        (name = "meetings", description = "A team's meetings"),
        (name = "actions", description = "A team's action log: decisions, owners, due days, status"),
        (name = "checkins", description = "Weekly check-ins: what moved, what is blocking, what is next"),
        (name = "role-maps", description = "Role maps: one project's outcome, owner and milestones, with versioned history"),
        (name = "proposals", description = "A meeting's agenda proposals: propose, edit and withdraw one's own, CSV export"),
        (name = "ballots", description = "One's own ranked ballot in a meeting: read, cast or change"),
        (name = "results", description = "A meeting's results round by round, the files to recount them, and the agreed agenda"),
        (name = "budgets", description = "Participatory budget rounds: ideas (propose, edit, withdraw one's own), one's own ballot, results with the rule's explanation, Pabulib and CSV files"),
        (name = "members", description = "A team's members, as the team page lists them"),
        (name = "calendar", description = "A team's meetings as iCalendar, cancelled ones included"),
        (name = "ledger", description = "The reciprocity ledger: help given and received, entries and their confirmation, the team's aggregates, CSV exports"),
    )
)]
pub struct ApiDoc;

/// Adds the `bearer` security scheme every token route names.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("rt_ followed by 64 hex digits")
                    .description(Some(
                        "A personal API token from the account page; `read` tokens may only GET.",
                    ))
                    .build(),
            ),
        );
    }
}

/// Documents the answers of the JSON extractor itself (`errors::json_body_error`, app-wide)
/// on every operation that takes a body, whichever handler it is: `415
/// unsupported_media_type` for a body not sent as `application/json` (or no body at all).
struct BodyErrors;

impl Modify for BodyErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                if operation.request_body.is_none() {
                    continue;
                }
                operation
                    .responses
                    .responses
                    .entry("415".to_owned())
                    .or_insert_with(|| {
                        let body = ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("ErrorBody")))
                            .build();
                        RefOr::T(
                            ResponseBuilder::new()
                                .description("The body is not sent as `application/json`")
                                .content("application/json", body)
                                .build(),
                        )
                    });
            }
        }
    }
}

/// The document, built once per call (cheap: a few kilobytes).
pub fn document_value() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    // Each later area keeps its paths, schemas and tag in its own `Doc`, merged here.
    for part in [
        admin::Doc::openapi(),
        comments::Doc::openapi(),
        help::Doc::openapi(),
        live::Doc::openapi(),
        meeting_admin::Doc::openapi(),
        series::Doc::openapi(),
        budgets::manage::Doc::openapi(),
    ] {
        doc.merge(part);
    }
    BearerScheme.modify(&mut doc);
    BodyErrors.modify(&mut doc);
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc
}

/// This document (public; no token needed).
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document of /api/v1",
        content_type = "application/json")),
    security(())
)]
pub async fn document() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .json(document_value())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_openapi_3_1_with_the_bearer_scheme_and_every_token_route() {
        let json = serde_json::to_value(document_value()).unwrap();
        assert_eq!(json["openapi"], "3.1.0");
        assert_eq!(
            json["components"]["securitySchemes"]["bearer"]["scheme"],
            "bearer"
        );
        for route in crate::web::api::API_ROUTES {
            assert!(json["paths"][route.path].is_object(), "{route:?}");
        }
    }

    #[test]
    fn every_operation_with_a_body_documents_the_extractors_415() {
        let json = serde_json::to_value(document_value()).unwrap();
        let mut with_body = 0;
        for (path, item) in json["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                if operation.get("requestBody").is_some() {
                    with_body += 1;
                    let answer = &operation["responses"]["415"];
                    assert_eq!(
                        answer["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ErrorBody",
                        "{method} {path}"
                    );
                }
            }
        }
        assert!(with_body > 0);
    }
}
