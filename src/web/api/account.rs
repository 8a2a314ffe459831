//! The account page's "API tokens" section: create a token (its secret shown once, on the
//! next page), list one's tokens (name, scope, created, expires, last used) and revoke one.
//! Thin: parse, call `service::api_tokens`, answer.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::domain::zone::Zone;
use crate::format;
use crate::i18n::Msg;
use crate::service::api_tokens::Scope;
use crate::service::api_tokens::{self, DEFAULT_DAYS, MAX_DAYS, TokenForm};
use crate::web::WebError;
use crate::web::auth::account;
use crate::web::context::{Ctx, done_or_reshow};
use crate::web::flash::{self, Flash};

/// What the account page shows about tokens.
#[derive(Debug, Serialize)]
pub struct TokenSection {
    /// The person's tokens, newest first.
    pub tokens: Vec<TokenRow>,
    /// The new-token form as typed (after a refusal) or its defaults.
    pub name: String,
    pub scope: String,
    pub days: String,
    /// Bounds of the lifetime field.
    pub default_days: u32,
    pub max_days: u32,
}

/// One token in the list.
#[derive(Debug, Serialize)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    /// "Read only" / "Read and write", in the reader's language.
    pub scope: String,
    pub created: String,
    pub expires: String,
    /// `None`: never used.
    pub last_used: Option<String>,
    /// "Active", "Revoked on …", "Expired".
    pub status: String,
    /// Whether it can still be revoked.
    pub active: bool,
}

/// The section for the account page; `typed` re-fills the form after a refused creation.
pub async fn section(
    ctx: &Ctx,
    typed: Option<&BTreeMap<String, String>>,
) -> Result<TokenSection, WebError> {
    let lang = ctx.lang();
    let zone = ctx.principal().zone.unwrap_or_else(Zone::utc);
    let when = |at| format::date_time_in(at, zone, lang);
    let tokens = api_tokens::list(ctx.db(), ctx.principal())
        .await?
        .into_iter()
        .map(|t| {
            let active = t.active(ctx.now);
            let status = match t.revoked_at {
                Some(at) => Msg::new("api-token-status-revoked")
                    .arg("when", when(at))
                    .render(lang),
                None if !active => Msg::new("api-token-status-expired").render(lang),
                None => Msg::new("api-token-status-active").render(lang),
            };
            TokenRow {
                id: t.id,
                scope: Msg::new(match t.scope {
                    Scope::Read => "api-token-scope-read",
                    Scope::ReadWrite => "api-token-scope-read-write",
                })
                .render(lang),
                created: when(t.created_at),
                expires: when(t.expires_at),
                last_used: t.last_used_at.map(when),
                status,
                active,
                name: t.name,
            }
        })
        .collect();
    let typed_value = |key: &str| typed.and_then(|t| t.get(key).cloned());
    Ok(TokenSection {
        tokens,
        name: typed_value("token_name").unwrap_or_default(),
        scope: typed_value("token_scope").unwrap_or_else(|| "read".to_owned()),
        days: typed_value("token_days").unwrap_or_else(|| DEFAULT_DAYS.to_string()),
        default_days: DEFAULT_DAYS,
        max_days: MAX_DAYS,
    })
}

/// `POST /account/api-tokens`: a new token, its secret shown once on the account page.
pub async fn create(ctx: Ctx, form: web::Form<TokenForm>) -> Result<HttpResponse, WebError> {
    ctx.require_user()?;
    let result = api_tokens::create(ctx.db(), ctx.principal(), &form, ctx.now).await;
    done_or_reshow(
        ctx.lang(),
        result,
        |created| {
            let lang = ctx.lang();
            let flash = Flash::with_link(
                Msg::new("api-token-created")
                    .arg("name", form.token_name.trim().to_owned())
                    .render(lang),
                Msg::new("api-token-copy").render(lang),
                created.secret,
            );
            std::future::ready(flash::redirect(&ctx, &flash, "/account#api-tokens"))
        },
        |errors| async {
            let typed = BTreeMap::from([
                ("token_name".to_owned(), form.token_name.clone()),
                ("token_scope".to_owned(), form.token_scope.clone()),
                ("token_days".to_owned(), form.token_days.clone()),
            ]);
            account(&ctx, ctx.layout(), errors, None, Some(&typed)).await
        },
    )
    .await
}

/// `POST /account/api-tokens/{id}/revoke`: the token answers 401 from now on.
pub async fn revoke(ctx: Ctx, id: web::Path<String>) -> Result<HttpResponse, WebError> {
    ctx.require_user()?;
    let id: i64 = id.parse().map_err(|_| WebError::NotFound)?;
    api_tokens::revoke(ctx.db(), ctx.principal(), id, ctx.now).await?;
    let message = Msg::new("api-token-revoked").render(ctx.lang());
    flash::redirect(&ctx, &Flash::says(message), "/account#api-tokens")
}
