//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers' `#[utoipa::path]`
//! attributes and the response types' `ToSchema` derives (ADR 0019), served as JSON at
//! `GET /api/v1/openapi.json` (public: it describes, it does not reveal). No UI is bundled
//! and nothing is fetched at build time.

use actix_web::HttpResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::web::api::{errors, me, meetings, teams};

/// The document's root: every path and schema of the API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Roundtable API",
        description = "Read and drive Roundtable: personal API tokens (created on the account page) sent as `Authorization: Bearer`. Errors are `{\"error\", \"message\", \"fields\"}`; lists paginate with `cursor`/`limit` and `next_cursor`; reads carry an `ETag`. See docs/api.md.",
        license(name = "MIT OR Apache-2.0"),
    ),
    paths(document, me::show, teams::list, meetings::list, meetings::show),
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
    )),
    modifiers(&BearerScheme),
    tags(
        (name = "meta", description = "About the API itself"),
        (name = "account", description = "The token's owner"),
        (name = "teams", description = "Teams the owner belongs to"),
        (name = "meetings", description = "A team's meetings"),
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

/// The document, built once per call (cheap: a few kilobytes).
pub fn document_value() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
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
}
