//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers' `#[utoipa::path]`
//! attributes and the response types' `ToSchema` derives (ADR 0019), served as JSON at
//! `GET /api/v1/openapi.json` (public: it describes, it does not reveal). No UI is bundled
//! and nothing is fetched at build time.

use actix_web::HttpResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::web::api::{
    actions, admin, agendas, ballots, budgets, calendar, checkins, comments, errors, help, ledger,
    live, me, meeting_admin, meetings, members, proposals, results, role_maps, series, sharing,
    teams, turnout,
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
        results::rules_json,
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

/// An operation of a path item with its method, for the passes below.
fn operations_mut(
    item: &mut utoipa::openapi::PathItem,
) -> impl Iterator<Item = (&'static str, &mut utoipa::openapi::path::Operation)> {
    [
        ("get", &mut item.get),
        ("put", &mut item.put),
        ("post", &mut item.post),
        ("delete", &mut item.delete),
        ("options", &mut item.options),
        ("head", &mut item.head),
        ("patch", &mut item.patch),
        ("trace", &mut item.trace),
    ]
    .into_iter()
    .filter_map(|(method, operation)| operation.as_mut().map(|o| (method, o)))
}

/// Gives every operation an `operationId` no other operation has, as OpenAPI requires (links,
/// client generators and schemathesis find operations by it; utoipa uses the handler's name,
/// and many handlers are called `show` or `create`): the handler's name where no other
/// operation has it, else that name after the words of its path, the team scope left out
/// (`show` on `/teams/{team}/actions/{action}` is `actions_show`, `csv` on
/// `/teams/{team}/actions.csv` is `actions_csv`).
struct UniqueOperationIds;

impl Modify for UniqueOperationIds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let mut uses = std::collections::HashMap::<String, usize>::new();
        for item in openapi.paths.paths.values_mut() {
            for (method, operation) in operations_mut(item) {
                let id = operation
                    .operation_id
                    .get_or_insert_with(|| method.to_owned());
                *uses.entry(id.clone()).or_default() += 1;
            }
        }
        for (path, item) in openapi.paths.paths.iter_mut() {
            for (_, operation) in operations_mut(item) {
                if let Some(id) = operation.operation_id.as_mut()
                    && uses.get(id.as_str()).copied().unwrap_or(0) > 1
                {
                    *id = qualified_operation_id(path, id);
                }
            }
        }
    }
}

/// `name` after the words of `path` (see [`UniqueOperationIds`]).
fn qualified_operation_id(path: &str, name: &str) -> String {
    let rest = path.strip_prefix("/api/v1/").unwrap_or(path);
    let rest = rest.strip_prefix("teams/{team}/").unwrap_or(rest);
    let words = rest
        .split('/')
        .filter(|segment| !segment.is_empty() && !segment.starts_with('{'))
        .map(|segment| {
            segment
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("_");
    if words.is_empty() {
        name.to_owned()
    } else if words == name || words.ends_with(&format!("_{name}")) {
        words
    } else {
        format!("{words}_{name}")
    }
}

/// Where the API's paths start; [`LINKS`] paths follow it.
const API_ROOT: &str = "/api/v1";

/// OpenAPI links from one operation's answer to the operations on what it made (schemathesis'
/// stateful phase follows them: create, then read, change, comment, withdraw...).
struct LinkGroup {
    /// The source operation: method and path after [`API_ROOT`].
    from: (&'static str, &'static str),
    /// The answer's status the links start from.
    status: &'static str,
    /// The target path parameter naming what was made, and the JSON pointer to it in the
    /// answer (`None`: the targets only take the source's own path parameters). Every other
    /// path parameter of a target is the source request's own (`$request.path.team`).
    made: Option<(&'static str, &'static str)>,
    /// The links: name, target method and target path after [`API_ROOT`].
    to: &'static [(&'static str, &'static str, &'static str)],
}

/// Every link of the document (the unit tests below check each against the operations).
#[rustfmt::skip]
const LINKS: &[LinkGroup] = &[
    LinkGroup {
        // The first step of the chains whose create operation schemathesis would not start
        // with (it takes a body field such as `owner_id` for a resource no answer names):
        // a team of the owner's, then something made in it.
        from: ("get", "/teams"),
        status: "200",
        made: Some(("team", "/teams/0/slug")),
        to: &[
            ("CreateAction", "post", "/teams/{team}/actions"),
            ("CreateMeeting", "post", "/teams/{team}/meetings"),
            ("CreateRoleMap", "post", "/teams/{team}/role-maps"),
            ("RecordHelp", "post", "/teams/{team}/ledger/entries"),
            ("Thank", "post", "/teams/{team}/thanks"),
            ("MarkAway", "post", "/teams/{team}/away"),
            ("SaveCheckin", "put", "/teams/{team}/checkins/me"),
        ],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/actions"),
        status: "201",
        made: Some(("action", "/id")),
        to: &[
            ("GetAction", "get", "/teams/{team}/actions/{action}"),
            ("ChangeAction", "patch", "/teams/{team}/actions/{action}"),
            ("ListComments", "get", "/teams/{team}/actions/{action}/comments"),
            ("Comment", "post", "/teams/{team}/actions/{action}/comments"),
        ],
    },
    LinkGroup {
        // No links from cancelling: schemathesis starts chains with every source of links,
        // there on random meetings (the one taking proposals among them).
        from: ("post", "/teams/{team}/meetings"),
        status: "201",
        made: Some(("meeting", "/id")),
        to: &[
            ("GetMeeting", "get", "/teams/{team}/meetings/{meeting}"),
            ("EditMeeting", "patch", "/teams/{team}/meetings/{meeting}"),
            ("CancelMeeting", "post", "/teams/{team}/meetings/{meeting}/cancel"),
            ("ListProposals", "get", "/teams/{team}/meetings/{meeting}/proposals"),
        ],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/meetings/{meeting}/proposals"),
        status: "201",
        made: Some(("proposal", "/id")),
        to: &[
            ("GetProposal", "get", "/teams/{team}/meetings/{meeting}/proposals/{proposal}"),
            ("EditProposal", "patch", "/teams/{team}/meetings/{meeting}/proposals/{proposal}"),
            ("WithdrawProposal", "post", "/teams/{team}/meetings/{meeting}/proposals/{proposal}/withdraw"),
            ("HideProposal", "post", "/teams/{team}/meetings/{meeting}/proposals/{proposal}/hide"),
            ("ListComments", "get", "/teams/{team}/meetings/{meeting}/proposals/{proposal}/comments"),
            ("Comment", "post", "/teams/{team}/meetings/{meeting}/proposals/{proposal}/comments"),
        ],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/meetings/{meeting}/proposals/{proposal}/comments"),
        status: "201",
        made: Some(("comment", "/id")),
        to: &[
            ("EditComment", "patch", "/teams/{team}/meetings/{meeting}/proposals/{proposal}/comments/{comment}"),
            ("HideComment", "post", "/teams/{team}/meetings/{meeting}/proposals/{proposal}/comments/{comment}/hide"),
        ],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/budgets"),
        status: "201",
        made: Some(("round", "/id")),
        to: &[
            ("GetRound", "get", "/teams/{team}/budgets/{round}"),
            ("EditRound", "patch", "/teams/{team}/budgets/{round}"),
            ("ListIdeas", "get", "/teams/{team}/budgets/{round}/ideas"),
        ],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/budgets/{round}/ideas"),
        status: "201",
        made: Some(("idea", "/id")),
        to: &[
            ("GetIdea", "get", "/teams/{team}/budgets/{round}/ideas/{idea}"),
            ("EditIdea", "patch", "/teams/{team}/budgets/{round}/ideas/{idea}"),
            ("WithdrawIdea", "post", "/teams/{team}/budgets/{round}/ideas/{idea}/withdraw"),
            ("Support", "post", "/teams/{team}/budgets/{round}/ideas/{idea}/support"),
            ("Unsupport", "delete", "/teams/{team}/budgets/{round}/ideas/{idea}/support"),
            ("Review", "post", "/teams/{team}/budgets/{round}/ideas/{idea}/review"),
            ("ListComments", "get", "/teams/{team}/budgets/{round}/ideas/{idea}/comments"),
            ("Comment", "post", "/teams/{team}/budgets/{round}/ideas/{idea}/comments"),
        ],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/budgets/{round}/ideas/{idea}/comments"),
        status: "201",
        made: Some(("comment", "/id")),
        to: &[
            ("EditComment", "patch", "/teams/{team}/budgets/{round}/ideas/{idea}/comments/{comment}"),
            ("HideComment", "post", "/teams/{team}/budgets/{round}/ideas/{idea}/comments/{comment}/hide"),
        ],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/role-maps"),
        status: "201",
        made: Some(("map", "/id")),
        to: &[
            ("GetRoleMap", "get", "/teams/{team}/role-maps/{map}"),
            ("UpdateRoleMap", "patch", "/teams/{team}/role-maps/{map}"),
            ("History", "get", "/teams/{team}/role-maps/{map}/history"),
            ("AddMilestone", "post", "/teams/{team}/role-maps/{map}/milestones"),
            ("Publish", "post", "/teams/{team}/role-maps/{map}/publish"),
            ("Close", "post", "/teams/{team}/role-maps/{map}/close"),
        ],
    },
    LinkGroup {
        // The answer is the whole map: its first milestone is the one just added to a map
        // that had none.
        from: ("post", "/teams/{team}/role-maps/{map}/milestones"),
        status: "201",
        made: Some(("milestone", "/milestones/0/id")),
        to: &[
            ("UpdateMilestone", "patch", "/teams/{team}/role-maps/{map}/milestones/{milestone}"),
            ("SetDone", "put", "/teams/{team}/role-maps/{map}/milestones/{milestone}/done"),
            ("RemoveMilestone", "delete", "/teams/{team}/role-maps/{map}/milestones/{milestone}"),
        ],
    },
    LinkGroup {
        from: ("put", "/teams/{team}/checkins/me"),
        status: "201",
        made: None,
        to: &[("GetCheckin", "get", "/teams/{team}/checkins/me")],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/help"),
        status: "201",
        made: Some(("post", "/id")),
        to: &[
            ("GetPost", "get", "/teams/{team}/help/{post}"),
            ("Respond", "post", "/teams/{team}/help/{post}/responses"),
            ("Close", "post", "/teams/{team}/help/{post}/close"),
        ],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/help/{post}/responses"),
        status: "201",
        made: None,
        to: &[
            ("GetPost", "get", "/teams/{team}/help/{post}"),
            ("Close", "post", "/teams/{team}/help/{post}/close"),
        ],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/thanks"),
        status: "201",
        made: Some(("note", "/id")),
        to: &[
            ("Hide", "post", "/teams/{team}/thanks/{note}/hide"),
            ("Show", "post", "/teams/{team}/thanks/{note}/show"),
        ],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/ledger/entries"),
        status: "201",
        made: Some(("entry", "/id")),
        to: &[
            ("GetEntry", "get", "/teams/{team}/ledger/entries/{entry}"),
            ("Confirm", "post", "/teams/{team}/ledger/entries/{entry}/confirm"),
            ("Adjust", "post", "/teams/{team}/ledger/entries/{entry}/adjust"),
            ("Dispute", "post", "/teams/{team}/ledger/entries/{entry}/dispute"),
            ("Resolve", "post", "/teams/{team}/ledger/entries/{entry}/resolve"),
            ("Reverse", "post", "/teams/{team}/ledger/entries/{entry}/reverse"),
        ],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/series"),
        status: "201",
        made: Some(("series", "/id")),
        to: &[
            ("GetSeries", "get", "/teams/{team}/series/{series}"),
            ("EditSeries", "patch", "/teams/{team}/series/{series}"),
            ("Swap", "post", "/teams/{team}/series/{series}/swap"),
            ("EndSeries", "post", "/teams/{team}/series/{series}/end"),
        ],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/away"),
        status: "201",
        made: Some(("away", "/id")),
        to: &[
            ("GetAway", "get", "/teams/{team}/away/{away}"),
            ("RemoveAway", "delete", "/teams/{team}/away/{away}"),
        ],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/invitations"),
        status: "201",
        made: Some(("invitation", "/invitation/id")),
        to: &[("Revoke", "post", "/teams/{team}/invitations/{invitation}/revoke")],
    },
    LinkGroup {
        from: ("post", "/teams/{team}/links"),
        status: "201",
        made: Some(("link", "/id")),
        to: &[
            ("Accept", "post", "/teams/{team}/links/{link}/accept"),
            ("Remove", "post", "/teams/{team}/links/{link}/remove"),
        ],
    },
];

/// The `{name}` parameters of a path template, in order.
fn path_parameters(path: &str) -> impl Iterator<Item = &str> {
    path.split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
}

/// Adds [`LINKS`] to the source operations' answers in the document's JSON, naming each target
/// by its `operationId` (so after [`UniqueOperationIds`]). Written on the JSON because utoipa's
/// `Link` serializes its fields as `operation_id` and `request_body`, not OpenAPI's
/// `operationId`. A row whose source, answer or target is missing adds nothing; the unit tests
/// catch it.
fn add_links(doc: &mut serde_json::Value) {
    let mut ids = std::collections::HashMap::<(String, String), String>::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, operation) in item.as_object().into_iter().flatten() {
            if let Some(id) = operation["operationId"].as_str() {
                ids.insert((path.clone(), method.clone()), id.to_owned());
            }
        }
    }
    // A JSON pointer's token for a path (RFC 6901).
    let token = |path: &str| path.replace('~', "~0").replace('/', "~1");
    for group in LINKS {
        let (method, path) = group.from;
        let answer = format!(
            "/paths/{}/{method}/responses/{}",
            token(&format!("{API_ROOT}{path}")),
            group.status
        );
        let Some(answer) = doc.pointer_mut(&answer).and_then(|a| a.as_object_mut()) else {
            continue;
        };
        let links = answer
            .entry("links")
            .or_insert_with(|| serde_json::json!({}));
        for (name, target_method, target) in group.to {
            let target_path = format!("{API_ROOT}{target}");
            let Some(operation_id) = ids.get(&(target_path.clone(), (*target_method).to_owned()))
            else {
                continue;
            };
            let mut parameters = serde_json::Map::new();
            for parameter in path_parameters(&target_path) {
                let value = match group.made {
                    Some((made, pointer)) if made == parameter => {
                        format!("$response.body#{pointer}")
                    }
                    _ => format!("$request.path.{parameter}"),
                };
                parameters.insert(parameter.to_owned(), value.into());
            }
            links[*name] = serde_json::json!({
                "operationId": operation_id,
                "parameters": parameters,
            });
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
        sharing::Doc::openapi(),
        turnout::Doc::openapi(),
    ] {
        doc.merge(part);
    }
    BearerScheme.modify(&mut doc);
    BodyErrors.modify(&mut doc);
    UniqueOperationIds.modify(&mut doc);
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc
}

/// The document as served: [`document_value`] with the [`LINKS`].
pub fn document_json() -> serde_json::Value {
    let mut doc = serde_json::to_value(document_value()).unwrap_or_default();
    add_links(&mut doc);
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
        .json(document_json())
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

    #[test]
    fn every_operation_has_an_operation_id_no_other_has() {
        let json = document_json();
        let mut seen = std::collections::HashMap::new();
        for (path, item) in json["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                let at = format!("{method} {path}");
                let id = operation["operationId"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{at}"));
                if let Some(other) = seen.insert(id.to_owned(), at.clone()) {
                    panic!("{id} names both {other} and {at}");
                }
            }
        }
        let actions = &json["paths"]["/api/v1/teams/{team}/actions/{action}"];
        assert_eq!(actions["get"]["operationId"], "actions_show");
        assert_eq!(
            qualified_operation_id("/api/v1/teams/{team}/actions.csv", "csv"),
            "actions_csv"
        );
        assert_eq!(
            qualified_operation_id("/api/v1/teams/{team}", "show"),
            "teams_show"
        );
        assert_eq!(qualified_operation_id("/api/v1/me", "update"), "me_update");
    }

    /// The property names a schema (through `$ref`, `allOf`, `oneOf`, `anyOf`) gives an object.
    fn property_names<'a>(
        doc: &'a serde_json::Value,
        schema: &'a serde_json::Value,
        out: &mut std::collections::BTreeSet<&'a str>,
    ) {
        if let Some(name) = schema["$ref"]
            .as_str()
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
        {
            property_names(doc, &doc["components"]["schemas"][name], out);
        }
        if let Some(properties) = schema["properties"].as_object() {
            out.extend(properties.keys().map(String::as_str));
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            for part in schema[key].as_array().into_iter().flatten() {
                property_names(doc, part, out);
            }
        }
    }

    /// Why the links of `json` (a document) would not work: an `operationId` naming no
    /// operation or several, a parameter the target does not have or one it needs left out, a
    /// `$request.path` parameter the source does not have, a body pointer to no property of the
    /// answer.
    fn link_problems(json: &serde_json::Value) -> Vec<String> {
        use std::collections::{BTreeSet, HashMap};
        let paths = json["paths"].as_object().unwrap();
        let mut by_id = HashMap::<&str, Vec<(&str, &serde_json::Value)>>::new();
        for (path, item) in paths {
            for operation in item.as_object().unwrap().values() {
                if let Some(id) = operation["operationId"].as_str() {
                    by_id.entry(id).or_default().push((path, operation));
                }
            }
        }
        let mut problems = Vec::new();
        for (path, item) in paths {
            for (method, operation) in item.as_object().unwrap() {
                let Some(answers) = operation["responses"].as_object() else {
                    continue;
                };
                for (status, answer) in answers {
                    let Some(links) = answer["links"].as_object() else {
                        continue;
                    };
                    let mut fields = BTreeSet::new();
                    let schema = &answer["content"]["application/json"]["schema"];
                    property_names(json, schema, &mut fields);
                    for (name, link) in links {
                        let at = format!("{method} {path} {status} {name}");
                        let id = link["operationId"].as_str().unwrap_or_default();
                        let targets = by_id.get(id).map(Vec::as_slice).unwrap_or_default();
                        let [(target_path, target)] = targets else {
                            problems
                                .push(format!("{at}: {id:?} names {} operations", targets.len()));
                            continue;
                        };
                        let needed: BTreeSet<&str> = path_parameters(target_path).collect();
                        let declared: BTreeSet<&str> = target["parameters"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter(|p| p["in"] == "path")
                            .filter_map(|p| p["name"].as_str())
                            .collect();
                        if needed != declared {
                            problems.push(format!(
                                "{at}: {id} declares {declared:?}, its path {needed:?}"
                            ));
                        }
                        let given = link["parameters"].as_object().cloned().unwrap_or_default();
                        for parameter in &needed {
                            if !given.contains_key(*parameter) {
                                problems.push(format!("{at}: no value for {parameter}"));
                            }
                        }
                        for (parameter, expression) in &given {
                            if !needed.contains(parameter.as_str()) {
                                problems
                                    .push(format!("{at}: {id} has no path parameter {parameter}"));
                            }
                            let expression = expression.as_str().unwrap_or_default();
                            if let Some(own) = expression.strip_prefix("$request.path.") {
                                if !path_parameters(path).any(|p| p == own) {
                                    problems.push(format!(
                                        "{at}: the source has no path parameter {own}"
                                    ));
                                }
                            } else if let Some(pointer) =
                                expression.strip_prefix("$response.body#/")
                            {
                                let field = pointer.split('/').next().unwrap_or_default();
                                if !fields.contains(field) {
                                    problems.push(format!("{at}: the answer has no {field}"));
                                }
                            } else {
                                problems.push(format!("{at}: {parameter} = {expression:?}"));
                            }
                        }
                    }
                }
            }
        }
        problems
    }

    #[test]
    fn every_link_names_one_operation_and_its_path_parameters() {
        let json = document_json();
        assert_eq!(link_problems(&json), Vec::<String>::new());
        // Every row of the table made its link: none has a missing source, answer or target.
        let mut made = 0;
        for group in LINKS {
            let (method, path) = group.from;
            let source = &json["paths"][format!("{API_ROOT}{path}")][method];
            let links = &source["responses"][group.status]["links"];
            for (name, _, _) in group.to {
                assert!(links[name].is_object(), "{method} {path} {name}");
                made += 1;
            }
        }
        assert!(made > 50, "{made}");
        let proposal = &json["paths"]["/api/v1/teams/{team}/meetings/{meeting}/proposals"]["post"];
        let link = &proposal["responses"]["201"]["links"]["GetProposal"];
        assert_eq!(link["operationId"], "meetings_proposals_show");
        assert_eq!(link["parameters"]["team"], "$request.path.team");
        assert_eq!(link["parameters"]["meeting"], "$request.path.meeting");
        assert_eq!(link["parameters"]["proposal"], "$response.body#/id");
    }

    #[test]
    fn a_wrong_link_is_reported() {
        let mut json = document_json();
        let team = "$request.path.team";
        let wrong = serde_json::json!({
            "NoSuchOperation": {"operationId": "no_such_operation"},
            "ExtraParameter": {"operationId": "actions_show", "parameters":
                {"team": team, "action": "$response.body#/id", "round": "$request.path.team"}},
            "MissingParameter": {"operationId": "actions_show", "parameters": {"team": team}},
            "NotInTheSource": {"operationId": "actions_show", "parameters":
                {"team": team, "action": "$request.path.action"}},
            "NotInTheAnswer": {"operationId": "actions_show", "parameters":
                {"team": team, "action": "$response.body#/no_such_field"}},
        });
        json["paths"]["/api/v1/teams/{team}/actions"]["post"]["responses"]["201"]["links"] = wrong;
        let problems = link_problems(&json);
        for name in [
            "NoSuchOperation",
            "ExtraParameter",
            "MissingParameter",
            "NotInTheSource",
            "NotInTheAnswer",
        ] {
            let found = problems.iter().filter(|p| p.contains(name)).count();
            assert_eq!(found, 1, "{name}: {problems:#?}");
        }
    }
}
