//! Help posts, thank-you notes and the ledger's settings over `/api/v1/teams/{team}`: the open
//! offers and requests (a page at a time), posting one, one post with its responses,
//! responding and closing; the team's public thank-you notes (as the team page shows them),
//! thanking a member, hiding and showing a note addressed to oneself; the leaders' ledger
//! settings and marking one's ledger notifications read — through `service::ledger` (`posts`,
//! `thanks`, `notify` and the settings), the services the pages use, with their access rows
//! (`ViewOwnLedger`, `PostHelp`, `ViewTeam`, `ThankMember`, `ManageLedgerSettings`).
//! Another team's post or note is 404.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::domain::ids::PostId;
use crate::domain::ledger::{PostKind, may_close};
use crate::format;
use crate::i18n::Msg;
use crate::service::ledger::notify;
use crate::service::ledger::posts::{self, PostAfter, PostForm, PostLine, ResponseForm};
use crate::service::ledger::thanks::{self, ThanksAfter, ThanksForm, ThanksLine};
use crate::service::ledger::{self as ledger_service, Settings, SettingsForm};
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::cursor::{PageQuery, next_key};
use crate::web::api::errors::{ApiError, ErrorBody, ListErrors, ReadErrors, WriteErrors};
use crate::web::api::ledger::{Decision, Direction};
use crate::web::api::meetings::utc;
use crate::web::api::{created, json_with_etag, path_id};

/// This area's part of the OpenAPI document (merged by `openapi::document_value`).
#[derive(OpenApi)]
#[openapi(
    paths(
        list, create, show, respond, close, thanks_list, thank, hide, unhide, settings,
        read_notifications
    ),
    components(schemas(
        HelpKind,
        HelpPost,
        HelpResponse,
        HelpPostDetails,
        HelpPostList,
        NewHelpPost,
        NewResponse,
        ThanksNote,
        ThanksList,
        NewThanks,
        Visibility,
        LedgerSettings,
        SettingsChange,
        Direction,
        Decision,
    )),
    tags((name = "help", description = "Help posts (offers and requests) with their responses, and thank-you notes"))
)]
pub struct Doc;

/// An offer of help or a request for it.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HelpKind {
    /// "I can help with …"
    Offer,
    /// "Could someone help with …"
    Request,
}

/// A help post as the list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct HelpPost {
    pub id: i64,
    pub kind: HelpKind,
    pub title: String,
    pub detail: String,
    pub category: String,
    /// The time it should take, in minutes.
    pub estimated_minutes: i32,
    /// Who posted it (a user id).
    pub author_id: i64,
    /// Their name.
    pub author: String,
    /// When it was posted (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub created_at: String,
    /// When it expires (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub expires_at: String,
    /// When it was closed (RFC 3339, UTC), if it was.
    #[schema(format = DateTime)]
    pub closed_at: Option<String>,
    /// Neither closed nor expired.
    pub open: bool,
    /// A request nobody answered within the team's "unmet after" days.
    pub unmet: bool,
    /// How many members responded.
    pub response_count: usize,
}

impl From<&PostLine> for HelpPost {
    fn from(p: &PostLine) -> Self {
        Self {
            id: p.id.0,
            kind: if p.kind == PostKind::Offer.as_str() {
                HelpKind::Offer
            } else {
                HelpKind::Request
            },
            title: p.title.clone(),
            detail: p.detail.clone(),
            category: p.category.clone(),
            estimated_minutes: p.estimated_minutes,
            author_id: p.author_id.0,
            author: p.author.clone(),
            created_at: utc(p.created_at),
            expires_at: utc(p.expires_at),
            closed_at: p.closed_at.map(utc),
            open: p.open,
            unmet: p.unmet,
            response_count: p.responses.len(),
        }
    }
}

/// A member's response to a post.
#[derive(Debug, Serialize, ToSchema)]
pub struct HelpResponse {
    /// The responder (a user id).
    pub responder_id: i64,
    /// Their name.
    pub name: String,
    pub message: String,
    /// When (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub at: String,
}

/// One post as its page shows it, with its responses and what the owner may do.
#[derive(Debug, Serialize, ToSchema)]
pub struct HelpPostDetails {
    #[serde(flatten)]
    pub post: HelpPost,
    /// Oldest first.
    pub responses: Vec<HelpResponse>,
    /// The owner posted it.
    pub mine: bool,
    /// The owner may close it (its author, or a leader, while it is open).
    pub may_close: bool,
    /// The owner may respond (open, not theirs, not answered by them yet).
    pub may_respond: bool,
}

/// One page of open posts.
#[derive(Debug, Serialize, ToSchema)]
pub struct HelpPostList {
    /// Newest first.
    pub posts: Vec<HelpPost>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Which posts to list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HelpFilter {
    /// `offer` or `request`; absent: both (the open posts the help page lists).
    #[param(value_type = Option<HelpKind>)]
    pub kind: Option<String>,
}

impl HelpFilter {
    fn kind(&self) -> Result<Option<PostKind>, ApiError> {
        match self.kind.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => PostKind::parse(text).map(Some).map_err(|_| {
                ApiError::parameter(
                    "kind",
                    Msg::new("api-error-choice").arg("choices", "offer, request"),
                )
            }),
        }
    }
}

/// A new post, as the help page's "offer or request" form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewHelpPost {
    /// `offer` or `request`.
    #[schema(value_type = HelpKind, example = "request")]
    pub kind: String,
    /// One line, 3 to 100 characters.
    #[schema(min_length = 3, max_length = 100, example = "Proofread the newsletter")]
    pub title: String,
    /// More about it, at most 2,000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub detail: String,
    /// Short category, one line of at most 40 characters (empty: `general`).
    #[serde(default)]
    #[schema(max_length = 40)]
    pub category: String,
    /// The time it should take, 1 to 600 minutes (absent: 30, as the form starts).
    #[schema(minimum = 1, maximum = 600)]
    pub estimated_minutes: Option<i64>,
    /// Days until it expires, 1 to 60 (absent: 14, as the form starts).
    #[schema(minimum = 1, maximum = 60)]
    pub expires_in_days: Option<i64>,
    /// A key of the client's choosing, 8 to 64 letters, digits, `-` or `_`: sending the same
    /// key again posts nothing new.
    #[schema(
        min_length = 8,
        max_length = 64,
        pattern = "^[A-Za-z0-9_-]{8,64}$",
        example = "post-2026-12-04-001"
    )]
    pub idempotency_key: String,
}

/// A response to a post.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewResponse {
    /// How the owner can help, 1 to 2,000 characters.
    #[schema(
        min_length = 1,
        max_length = 2000,
        example = "I can do it on Thursday."
    )]
    pub message: String,
}

/// A thank-you note.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThanksNote {
    pub id: i64,
    /// Who thanked (a user id).
    pub from_id: i64,
    /// Their name.
    pub from: String,
    /// Who was thanked (a user id).
    pub to_id: i64,
    /// Their name.
    pub to: String,
    /// The impact, in a line.
    pub impact: String,
    /// When (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub at: String,
    /// Hidden from the team by its recipient.
    pub hidden: bool,
}

impl From<&ThanksLine> for ThanksNote {
    fn from(t: &ThanksLine) -> Self {
        Self {
            id: t.id,
            from_id: t.from_id.0,
            from: t.from.clone(),
            to_id: t.to_id.0,
            to: t.to.clone(),
            impact: t.impact.clone(),
            at: utc(t.at),
            hidden: t.hidden,
        }
    }
}

/// One page of the team's public thank-you notes.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThanksList {
    /// Newest first; hidden notes are not listed.
    pub notes: Vec<ThanksNote>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A thank-you, as the "say thank you" form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewThanks {
    /// The member thanked (a user id; not the owner).
    pub to: i64,
    /// The impact in one line, 5 to 200 characters.
    #[schema(
        min_length = 5,
        max_length = 200,
        example = "The rubric cut moderation time by half"
    )]
    pub impact: String,
    /// A ledger entry between the two it is for.
    pub exchange_id: Option<i64>,
    /// An action it is for.
    pub action_id: Option<i64>,
    /// A key of the client's choosing, 8 to 64 letters, digits, `-` or `_`: sending the same
    /// key again thanks nothing new.
    #[schema(
        min_length = 8,
        max_length = 64,
        pattern = "^[A-Za-z0-9_-]{8,64}$",
        example = "thanks-2026-12-04-001"
    )]
    pub idempotency_key: String,
}

/// Who sees the team's ledger aggregates.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Every member.
    Everyone,
    /// Leaders only (members still see their own ledger).
    Leaders,
}

/// The team's ledger settings.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerSettings {
    pub aggregates: Visibility,
    /// Days after which an unanswered request shows as unmet, 1 to 60.
    pub unmet_after_days: i32,
    /// The team's own term start (`null`: the default term).
    #[schema(format = Date)]
    pub term_starts_on: Option<String>,
}

impl From<Settings> for LedgerSettings {
    fn from(s: Settings) -> Self {
        Self {
            aggregates: match s.visibility {
                crate::domain::ledger::Visibility::Everyone => Visibility::Everyone,
                crate::domain::ledger::Visibility::Leaders => Visibility::Leaders,
            },
            unmet_after_days: s.unmet_after_days,
            term_starts_on: s.term_starts_on.map(format::iso),
        }
    }
}

/// A change of the settings form's fields; an absent field keeps its value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsChange {
    /// `everyone` or `leaders`.
    #[schema(value_type = Option<Visibility>)]
    pub aggregates: Option<String>,
    /// Days after which an unanswered request shows as unmet, 1 to 60.
    #[schema(minimum = 1, maximum = 60)]
    pub unmet_after_days: Option<i64>,
    /// The term start, `YYYY-MM-DD`; `""` goes back to the default term.
    #[schema(format = Date)]
    pub term_starts_on: Option<String>,
}

fn post_key(created_at: OffsetDateTime, id: i64) -> String {
    format!("{}.{id}", created_at.unix_timestamp_nanos())
}

fn parse_key(key: &str) -> Option<(OffsetDateTime, i64)> {
    let (nanos, id) = key.split_once('.')?;
    let at = OffsetDateTime::from_unix_timestamp_nanos(nanos.parse().ok()?).ok()?;
    Some((at, id.parse().ok()?))
}

fn number_or(value: Option<i64>, default: &str) -> String {
    value.map_or_else(|| default.to_owned(), |v| v.to_string())
}

async fn details(
    state: &AppState,
    caller: &ApiCaller,
    team: &str,
    id: PostId,
) -> Result<HelpPostDetails, ApiError> {
    let (acc, post) = posts::post(
        &state.db.conn,
        caller.principal,
        team,
        id,
        caller.now,
        caller.lang,
    )
    .await?;
    let mine = post.author_id == acc.user_id;
    let answered = post.responses.iter().any(|r| r.responder_id == acc.user_id);
    Ok(HelpPostDetails {
        may_close: post.open && may_close(post.author_id, acc.user_id, acc.is_leader()),
        may_respond: post.open && !mine && !answered,
        mine,
        responses: post
            .responses
            .iter()
            .map(|r| HelpResponse {
                responder_id: r.responder_id.0,
                name: r.name.clone(),
                message: r.message.clone(),
                at: utc(r.at),
            })
            .collect(),
        post: (&post).into(),
    })
}

fn post_location(team: &str, id: PostId) -> String {
    format!("/api/v1/teams/{team}/help/{id}")
}

/// The team's open help posts (neither closed nor expired), newest first, a page at a time —
/// what the help page lists; `kind` narrows it to offers or requests.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/help",
    tag = "help",
    params(("team" = String, Path, description = "The team's slug"), HelpFilter, PageQuery),
    responses(
        (status = 200, description = "One page of open posts", body = HelpPostList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 400, description = "A bad `kind`, `cursor` or `limit`", body = ErrorBody),
        (status = 403, description = "The owner has no ledger here (a site admin who is not a member)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    filter: web::Query<HelpFilter>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let kind = filter.kind()?;
    let limit = page.limit()?;
    let after = page.after_key(|key| {
        let (created_at, id) = parse_key(key)?;
        Some(PostAfter {
            created_at,
            id: PostId(id),
        })
    })?;
    let (_, lines, more) = posts::open_posts_page(
        &state.db.conn,
        caller.principal,
        &team,
        kind,
        after,
        limit,
        caller.now,
        caller.lang,
    )
    .await?;
    json_with_etag(
        &req,
        &HelpPostList {
            posts: lines.iter().map(Into::into).collect(),
            next_cursor: next_key(&lines, more, |p| post_key(p.created_at, p.id.0)),
        },
    )
}

/// Offers or requests help, as the help page's form does. The same `idempotency_key` again
/// posts nothing new and answers 200 with the post it made.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/help",
    tag = "help",
    params(("team" = String, Path, description = "The team's slug")),
    request_body = NewHelpPost,
    responses(
        (status = 201, description = "Posted", body = HelpPostDetails,
            headers(("Location" = String, description = "The post's address"))),
        (status = 200, description = "Already posted with this idempotency key", body = HelpPostDetails),
        WriteErrors,
        (status = 403, description = "A read token, or the owner may not post here", body = ErrorBody),
        (status = 409, description = "Posted meanwhile by another request; send again", body = ErrorBody),
        (status = 422, description = "Kind, title, detail, category, minutes, days or key refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    body: web::Json<NewHelpPost>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let form = PostForm {
        kind: body.kind,
        title: body.title,
        detail: body.detail,
        category: body.category,
        estimated_minutes: number_or(body.estimated_minutes, "30"),
        expires_in_days: number_or(body.expires_in_days, "14"),
        idempotency_key: body.idempotency_key,
    };
    let (id, duplicate) =
        posts::create_once(&state.db.conn, caller.principal, &team, &form, caller.now).await?;
    let post = details(&state, &caller, &team, id).await?;
    if duplicate {
        return Ok(HttpResponse::Ok().json(post));
    }
    Ok(created(&post_location(&team, id), &post))
}

/// One post of the team with its responses (closed and expired ones too).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/help/{post}",
    tag = "help",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("post" = i64, Path, description = "The post's id"),
    ),
    responses(
        (status = 200, description = "The post", body = HelpPostDetails,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 403, description = "The owner has no ledger here (a site admin who is not a member)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, post) = path.into_inner();
    let post = details(&state, &caller, &team, PostId(path_id(&post)?)).await?;
    json_with_etag(&req, &post)
}

/// Responds to a post (once per member; not to one's own post); its author is notified.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/help/{post}/responses",
    tag = "help",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("post" = i64, Path, description = "The post's id"),
    ),
    request_body = NewResponse,
    responses(
        (status = 201, description = "Responded: the post with the response", body = HelpPostDetails,
            headers(("Location" = String, description = "The post's address"))),
        WriteErrors,
        (status = 403, description = "A read token, or the owner may not respond here", body = ErrorBody),
        (status = 409, description = "The post is closed or expired, or the owner already responded", body = ErrorBody),
        (status = 422, description = "Message refused, or the post is the owner's own (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn respond(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<NewResponse>,
) -> Result<HttpResponse, ApiError> {
    let (team, post) = path.into_inner();
    let id = PostId(path_id(&post)?);
    let form = ResponseForm {
        message: body.into_inner().message,
    };
    posts::respond(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        &form,
        caller.now,
    )
    .await?;
    let post = details(&state, &caller, &team, id).await?;
    Ok(created(&post_location(&team, id), &post))
}

/// Closes a post (its author, or a leader); closing a closed post changes nothing.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/help/{post}/close",
    tag = "help",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("post" = i64, Path, description = "The post's id"),
    ),
    responses(
        (status = 200, description = "The post, closed", body = HelpPostDetails),
        ReadErrors,
        (status = 403, description = "A read token, or neither the post's author nor a leader", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn close(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, post) = path.into_inner();
    let id = PostId(path_id(&post)?);
    posts::close(&state.db.conn, caller.principal, &team, id, caller.now).await?;
    let post = details(&state, &caller, &team, id).await?;
    Ok(HttpResponse::Ok().json(post))
}

/// The team's public thank-you notes (hidden ones left out), newest first, a page at a time —
/// what the team page shows.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/thanks",
    tag = "help",
    params(("team" = String, Path, description = "The team's slug"), PageQuery),
    responses(
        (status = 200, description = "One page of notes", body = ThanksList,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn thanks_list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = page.limit()?;
    let after = page.after_key(|key| {
        let (created_at, id) = parse_key(key)?;
        Some(ThanksAfter { created_at, id })
    })?;
    let (_, lines, more) = thanks::public_page(
        &state.db.conn,
        caller.principal,
        &team,
        after,
        limit,
        caller.lang,
    )
    .await?;
    json_with_etag(
        &req,
        &ThanksList {
            notes: lines.iter().map(Into::into).collect(),
            next_cursor: next_key(&lines, more, |t| post_key(t.at, t.id)),
        },
    )
}

/// Thanks a member, as the "say thank you" form does (public on the team page; the recipient
/// is notified). The same `idempotency_key` again thanks nothing new and answers 200.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/thanks",
    tag = "help",
    params(("team" = String, Path, description = "The team's slug")),
    request_body = NewThanks,
    responses(
        (status = 201, description = "Thanked", body = ThanksNote),
        (status = 200, description = "Already thanked with this idempotency key", body = ThanksNote),
        WriteErrors,
        (status = 403, description = "A read token, or the owner may not thank here", body = ErrorBody),
        (status = 409, description = "Thanked meanwhile by another request; send again", body = ErrorBody),
        (status = 422, description = "Member, impact, entry or key refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn thank(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    body: web::Json<NewThanks>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let form = ThanksForm {
        to: body.to.to_string(),
        impact: body.impact,
        exchange_id: body.exchange_id.map(|i| i.to_string()).unwrap_or_default(),
        action_id: body.action_id.map(|i| i.to_string()).unwrap_or_default(),
        idempotency_key: body.idempotency_key,
    };
    let (id, duplicate) =
        thanks::thank_note(&state.db.conn, caller.principal, &team, &form, caller.now).await?;
    let note = thanks::note(&state.db.conn, caller.principal, &team, id, caller.lang).await?;
    let note = ThanksNote::from(&note);
    Ok(if duplicate {
        HttpResponse::Ok().json(note)
    } else {
        HttpResponse::Created().json(note)
    })
}

async fn set_hidden(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
    hidden: bool,
) -> Result<HttpResponse, ApiError> {
    let (team, note) = path.into_inner();
    let id: i64 = path_id(&note)?;
    thanks::set_hidden(
        &state.db.conn,
        caller.principal,
        &team,
        id,
        hidden,
        caller.now,
    )
    .await?;
    let note = thanks::note(&state.db.conn, caller.principal, &team, id, caller.lang).await?;
    Ok(HttpResponse::Ok().json(ThanksNote::from(&note)))
}

/// The recipient hides a note addressed to them from the team page.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/thanks/{note}/hide",
    tag = "help",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("note" = i64, Path, description = "The note's id"),
    ),
    responses(
        (status = 200, description = "The note, hidden", body = ThanksNote),
        ReadErrors,
        (status = 403, description = "A read token, or the note is not addressed to the owner", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn hide(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    set_hidden(state, caller, path, true).await
}

/// The recipient shows a note they hid again.
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/thanks/{note}/show",
    tag = "help",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("note" = i64, Path, description = "The note's id"),
    ),
    responses(
        (status = 200, description = "The note, shown", body = ThanksNote),
        ReadErrors,
        (status = 403, description = "A read token, or the note is not addressed to the owner", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn unhide(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    set_hidden(state, caller, path, false).await
}

/// Leaders change the ledger's settings, as the team ledger page's form does (audited): who
/// sees the aggregates, when a request counts as unmet, the term start. Absent fields keep
/// their values.
#[utoipa::path(
    patch,
    path = "/api/v1/teams/{team}/ledger/settings",
    tag = "ledger",
    params(("team" = String, Path, description = "The team's slug")),
    request_body = SettingsChange,
    responses(
        (status = 200, description = "The settings now", body = LedgerSettings),
        WriteErrors,
        (status = 403, description = "A read token, or not a leader of the team", body = ErrorBody),
        (status = 422, description = "Visibility, days or term start refused (`fields`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn settings(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
    body: web::Json<SettingsChange>,
) -> Result<HttpResponse, ApiError> {
    let db = &state.db.conn;
    let now = ledger_service::settings_for(db, caller.principal, &team).await?;
    let body = body.into_inner();
    let form = SettingsForm {
        aggregates: body
            .aggregates
            .unwrap_or_else(|| now.visibility.as_str().to_owned()),
        unmet_after_days: number_or(body.unmet_after_days, &now.unmet_after_days.to_string()),
        term_starts_on: body
            .term_starts_on
            .unwrap_or_else(|| now.term_starts_on.map(format::iso).unwrap_or_default()),
    };
    ledger_service::update_settings(db, caller.principal, &team, &form, caller.now).await?;
    let saved = ledger_service::settings_for(db, caller.principal, &team).await?;
    Ok(HttpResponse::Ok().json(LedgerSettings::from(saved)))
}

/// Marks all of the owner's ledger notifications in the team read (as the button on their
/// ledger page does).
#[utoipa::path(
    post,
    path = "/api/v1/teams/{team}/ledger/notifications/read",
    tag = "ledger",
    params(("team" = String, Path, description = "The team's slug")),
    responses(
        (status = 204, description = "Every ledger notification of the owner in the team is read"),
        ReadErrors,
        (status = 403, description = "A read token, or the owner has no ledger here (a site admin who is not a member)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn read_notifications(
    state: web::Data<AppState>,
    caller: ApiCaller,
    team: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    notify::mark_read(&state.db.conn, caller.principal, &team, caller.now).await?;
    Ok(HttpResponse::NoContent().finish())
}
