//! Sign in, sign out, account (change password, log out everywhere), password-reset links.

use crate::domain::ids::UserId;
use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::rate_limit::{RESET_PER_IP, RESET_PER_TOKEN, RESET_REQUEST_PER_ADDRESS};
use crate::auth::session;
use crate::i18n::Lang;
use crate::service::accounts::{self, PasswordChange};
use crate::service::{notices, sessions};
use crate::web::WebError;
use crate::web::context::{Ctx, FieldMap, done_or_reshow, redirect_or_reshow, status_for};
use crate::web::flash::{self, Flash};
use crate::web::pages::{client_ip, safe_next, see_other};
use crate::web::visitor::Layout;

/// The sign-in form as typed (the password is never sent back).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default, skip_serializing)]
    password: String,
    #[serde(default)]
    next: String,
}

#[derive(Serialize)]
struct LoginPage<'a> {
    title: String,
    layout: Layout,
    form: &'a LoginForm,
    errors: FieldMap,
    notice: Option<String>,
    /// The site sends mail, so a forgotten password can be reset by email.
    mail_enabled: bool,
}

/// Query of `GET /login`.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    done: Option<String>,
}

/// `GET /login`.
pub async fn login_page(ctx: Ctx, query: web::Query<LoginQuery>) -> Result<HttpResponse, WebError> {
    let form = LoginForm {
        next: safe_next(query.next.as_deref()),
        ..LoginForm::default()
    };
    let notice = match query.done.as_deref() {
        Some("reset") => Some("st-login-reset-done"),
        Some("everywhere") => Some("st-login-everywhere-done"),
        _ => None,
    }
    .map(|key| crate::i18n::text(ctx.visitor.lang, key));
    ctx.render(
        StatusCode::OK,
        "login.html",
        &LoginPage {
            title: crate::i18n::text(ctx.visitor.lang, "login-heading"),
            layout: ctx.layout(),
            form: &form,
            errors: BTreeMap::new(),
            notice,
            mail_enabled: ctx.state.settings.mail.enabled(),
        },
    )
}

/// The "forgot password" form as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

#[derive(Serialize)]
struct ForgotPage<'a> {
    title: String,
    layout: Layout,
    form: &'a ForgotForm,
    errors: FieldMap,
    mail_enabled: bool,
}

fn forgot_page(ctx: &Ctx, form: &ForgotForm, errors: FieldMap) -> Result<HttpResponse, WebError> {
    let page = ForgotPage {
        title: crate::i18n::text(ctx.visitor.lang, "forgot-heading"),
        layout: ctx.layout(),
        form,
        mail_enabled: ctx.state.settings.mail.enabled(),
        errors,
    };
    ctx.render(status_for(&page.errors), "forgot.html", &page)
}

/// `GET /password/forgot`.
pub async fn forgot_form(ctx: Ctx) -> Result<HttpResponse, WebError> {
    forgot_page(&ctx, &ForgotForm::default(), BTreeMap::new())
}

/// `POST /password/forgot`: the same answer whether or not the address has an account.
pub async fn forgot(
    req: HttpRequest,
    ctx: Ctx,
    form: web::Form<ForgotForm>,
) -> Result<HttpResponse, WebError> {
    // A malformed address is answered at once and counts toward no address's limit.
    if let Err(message) = crate::domain::account::Email::parse(&form.email) {
        let message = message.render(ctx.visitor.lang);
        return forgot_page(&ctx, &form, BTreeMap::from([("email".to_owned(), message)]));
    }
    let address = form.email.trim().to_lowercase();
    ctx.state
        .limits
        .check(
            &[
                (&RESET_PER_IP, &client_ip(&req)),
                (&RESET_REQUEST_PER_ADDRESS, &address),
            ],
            ctx.now,
        )
        .await?;
    let delivery = notices::Delivery::of(&ctx.state.settings);
    let result = accounts::request_reset(ctx.db(), &form.email, delivery, ctx.now).await;
    done_or_reshow(
        ctx.lang(),
        result,
        |()| {
            let notice = Flash::says(crate::i18n::text_with(
                ctx.visitor.lang,
                "forgot-sent",
                &[
                    ("address", address.clone()),
                    ("hours", accounts::RESET_VALID_HOURS.to_string()),
                ],
            ));
            std::future::ready(flash::redirect(&ctx, &notice, "/login"))
        },
        |errors| std::future::ready(forgot_page(&ctx, &form, errors)),
    )
    .await
}

/// `POST /login`. Throttled by failures (see `LoginGuard`), so guessing from elsewhere never
/// keeps the owner out.
pub async fn login(
    req: HttpRequest,
    ctx: Ctx,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    if let Some(errors) = accounts::login_form_problems(&form.email) {
        return login_again(&ctx, &form, errors.in_language(ctx.lang())).await;
    }
    let account_key = form.email.trim().to_lowercase();
    let ip = client_ip(&req);
    let limits = &ctx.state.limits;
    limits.login_begin(&account_key, &ip, ctx.now).await?;
    let result = accounts::login(ctx.db(), &form.email, &form.password).await;
    done_or_reshow(
        ctx.lang(),
        result,
        |user| {
            let (ctx, form, account_key, ip) = (&ctx, &form, &account_key, &ip);
            async move {
                limits.login_succeeded(account_key, ip, ctx.now).await?;
                start_session(ctx, user.id, user.auth_epoch).await?;
                Ok(see_other(&safe_next(Some(&form.next))))
            }
        },
        |errors| login_again(&ctx, &form, errors),
    )
    .await
}

/// Signs the visitor in: a new server-side session and a fresh cookie naming it.
pub async fn start_session(ctx: &Ctx, user_id: UserId, epoch: i64) -> Result<(), WebError> {
    let idle = time::Duration::minutes(i64::from(ctx.state.settings.session.idle_timeout_minutes));
    let sid = sessions::start(ctx.db(), user_id, ctx.now, idle).await?;
    session::sign_in(
        &ctx.visitor.session,
        user_id,
        epoch,
        sid,
        ctx.now.unix_timestamp(),
    )?;
    Ok(())
}

/// The sign-in form again, with the problems and what was typed (never the password).
async fn login_again(
    ctx: &Ctx,
    form: &LoginForm,
    errors: FieldMap,
) -> Result<HttpResponse, WebError> {
    let page = LoginPage {
        title: crate::i18n::text(ctx.visitor.lang, "login-heading"),
        layout: ctx.layout(),
        form,
        errors,
        notice: None,
        mail_enabled: ctx.state.settings.mail.enabled(),
    };
    ctx.render(StatusCode::UNPROCESSABLE_ENTITY, "login.html", &page)
}

/// `POST /logout`: ends the session here and on the server, so a copy of the cookie is useless.
pub async fn logout(ctx: Ctx) -> Result<HttpResponse, WebError> {
    if let Some(sid) = session::session_id(&ctx.visitor.session) {
        sessions::end(ctx.db(), &sid).await?;
    }
    session::sign_out(&ctx.visitor.session);
    Ok(see_other("/"))
}

#[derive(Serialize)]
struct AccountPage<'a> {
    title: String,
    layout: Layout,
    errors: FieldMap,
    notice: Option<&'a str>,
    /// Channel per kind of notification.
    preferences: Vec<notices::prefs::PreferenceRow>,
    /// Whether this site sends mail at all.
    mail_enabled: bool,
    /// The person's own zone as chosen (or typed, after a refusal); empty: each team's.
    time_zone: String,
    /// The chosen language code (or typed, after a refusal); empty: the browser's.
    language: String,
    /// Every language offered: `(code, its own name)`.
    languages: Vec<(&'static str, &'static str)>,
    /// When the person's calendar feed address was made; `None`: they have none.
    calendar_feed: Option<String>,
    /// Personal API tokens: the list and the new-token form.
    api_tokens: crate::web::api::account::TokenSection,
}

/// The account page; `layout` is passed in because a password change rotates the CSRF token.
/// `chosen` re-fills the notification form after a refused save.
pub(crate) async fn account(
    ctx: &Ctx,
    layout: Layout,
    errors: FieldMap,
    notice: Option<&str>,
    chosen: Option<&BTreeMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let user = ctx.require_user()?;
    let mut preferences = notices::prefs::list(ctx.db(), user.id, ctx.lang()).await?;
    if let Some(chosen) = chosen {
        for row in &mut preferences {
            if let Some(c) = chosen
                .get(row.kind)
                .and_then(|c| crate::domain::notice::Channel::parse(c))
            {
                row.channel = c.as_str();
            }
        }
    }
    let time_zone = chosen
        .and_then(|c| c.get("time_zone").cloned())
        .or_else(|| user.zone.map(|z| z.name().to_owned()))
        .unwrap_or_default();
    let status = status_for(&errors);
    let page = AccountPage {
        title: crate::i18n::text(ctx.visitor.lang, "account-heading"),
        layout,
        errors,
        notice,
        preferences,
        mail_enabled: ctx.state.settings.mail.enabled(),
        time_zone,
        language: chosen
            .and_then(|c| c.get("language").cloned())
            .or_else(|| user.language.map(|l| l.code().to_owned()))
            .unwrap_or_default(),
        languages: Lang::ALL.iter().map(|l| (l.code(), l.name())).collect(),
        calendar_feed: crate::service::calendar::made_at(
            ctx.db(),
            user.id,
            user.zone.unwrap_or_else(crate::domain::zone::Zone::utc),
            ctx.lang(),
        )
        .await?,
        api_tokens: crate::web::api::account::section(ctx, chosen).await?,
    };
    ctx.render(status, "account.html", &page)
}

/// `GET /account`.
pub async fn account_page(ctx: Ctx) -> Result<HttpResponse, WebError> {
    ctx.require_user()?;
    account(&ctx, ctx.layout(), BTreeMap::new(), None, None).await
}

/// `POST /account/password`: keeps this session, ends every other.
pub async fn change_password(
    ctx: Ctx,
    form: web::Form<PasswordChange>,
) -> Result<HttpResponse, WebError> {
    let user = ctx.require_user()?.clone();
    let result = accounts::change_password(ctx.db(), ctx.principal(), &form).await;
    done_or_reshow(
        ctx.lang(),
        result,
        |epoch| {
            let ctx = &ctx;
            async move {
                start_session(ctx, user.id, epoch).await?;
                let notice = crate::i18n::text(ctx.visitor.lang, "st-account-password-changed");
                flash::redirect(ctx, &Flash::says(notice), "/account")
            }
        },
        |errors| async { account(&ctx, ctx.layout(), errors, None, None).await },
    )
    .await
}

/// The time-zone form as posted.
#[derive(Debug, serde::Deserialize)]
pub struct TimeZoneForm {
    /// An IANA name, or empty for each team's own zone.
    #[serde(default)]
    pub time_zone: String,
}

/// `POST /account/time-zone`.
pub async fn set_time_zone(
    ctx: Ctx,
    form: web::Form<TimeZoneForm>,
) -> Result<HttpResponse, WebError> {
    let result = accounts::set_time_zone(ctx.db(), ctx.principal(), &form.time_zone).await;
    done_or_reshow(
        ctx.lang(),
        result,
        |zone| {
            let lang = ctx.visitor.lang;
            let notice = match zone {
                Some(zone) => crate::i18n::text_with(
                    lang,
                    "account-zone-saved",
                    &[("zone", zone.name().to_owned())],
                ),
                None => crate::i18n::text(lang, "account-zone-teams-saved"),
            };
            std::future::ready(flash::redirect(
                &ctx,
                &Flash::says(&notice),
                "/account#time-zone",
            ))
        },
        |errors| async {
            let typed = BTreeMap::from([("time_zone".to_owned(), form.time_zone.clone())]);
            account(&ctx, ctx.layout(), errors, None, Some(&typed)).await
        },
    )
    .await
}

/// The language form as posted.
#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    /// A language code, or empty for the browser's language.
    #[serde(default)]
    pub language: String,
}

/// `POST /account/language`: the confirmation is already in the new language.
pub async fn set_language(
    ctx: Ctx,
    form: web::Form<LanguageForm>,
) -> Result<HttpResponse, WebError> {
    let result = accounts::set_language(ctx.db(), ctx.principal(), &form.language).await;
    done_or_reshow(
        ctx.lang(),
        result,
        |lang| {
            let notice = match lang {
                Some(lang) => crate::i18n::text_with(
                    lang,
                    "account-language-saved",
                    &[("language", lang.name().to_owned())],
                ),
                None => crate::i18n::text(ctx.visitor.lang, "account-language-browser-saved"),
            };
            std::future::ready(flash::redirect(
                &ctx,
                &Flash::says(notice),
                "/account#language",
            ))
        },
        |errors| async {
            let typed = BTreeMap::from([("language".to_owned(), form.language.clone())]);
            account(&ctx, ctx.layout(), errors, None, Some(&typed)).await
        },
    )
    .await
}

/// `POST /account/logout-everywhere`.
pub async fn logout_everywhere(ctx: Ctx) -> Result<HttpResponse, WebError> {
    let user = ctx.require_user()?;
    accounts::bump_epoch(ctx.db(), user.id).await?;
    sessions::end_all(ctx.db(), user.id).await?;
    session::sign_out(&ctx.visitor.session);
    Ok(see_other("/login?done=everywhere"))
}

#[derive(Serialize)]
struct ResetPage {
    title: String,
    layout: Layout,
    display_name: String,
    errors: FieldMap,
}

async fn reset_form(ctx: &Ctx, token: &str, errors: FieldMap) -> Result<HttpResponse, WebError> {
    let user = accounts::reset_target(ctx.db(), token).await?;
    let status = status_for(&errors);
    let page = ResetPage {
        title: crate::i18n::text(ctx.visitor.lang, "reset-heading"),
        layout: ctx.layout(),
        display_name: user.display_name,
        errors,
    };
    ctx.render(status, "reset.html", &page)
}

/// `GET /reset/{token}`.
pub async fn reset_page(ctx: Ctx, token: web::Path<String>) -> Result<HttpResponse, WebError> {
    reset_form(&ctx, &token, BTreeMap::new()).await
}

/// `POST /reset/{token}`.
pub async fn reset(
    req: HttpRequest,
    ctx: Ctx,
    token: web::Path<String>,
    form: web::Form<PasswordChange>,
) -> Result<HttpResponse, WebError> {
    ctx.state
        .limits
        .check(
            &[
                (&RESET_PER_IP, &client_ip(&req)),
                (&RESET_PER_TOKEN, &token),
            ],
            ctx.now,
        )
        .await?;
    let result = accounts::reset_password(ctx.db(), &token, &form).await;
    if result.is_ok() {
        session::sign_out(&ctx.visitor.session);
    }
    redirect_or_reshow(
        ctx.lang(),
        result,
        |_| "/login?done=reset".to_owned(),
        |errors| reset_form(&ctx, &token, errors),
    )
    .await
}
