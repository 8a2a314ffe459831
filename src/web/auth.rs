//! Sign in, sign out, account (change password, log out everywhere), password-reset links.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::rate_limit::check_all;
use crate::auth::session;
use crate::service::accounts::{self, PasswordChange};
use crate::service::sessions;
use crate::web::pages::{client_ip, field_errors, render, safe_next, see_other};
use crate::web::visitor::{Layout, Visitor};
use crate::web::{AppState, WebError};

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
    title: &'static str,
    layout: Layout,
    form: &'a LoginForm,
    errors: BTreeMap<String, String>,
    notice: Option<&'static str>,
}

/// Query of `GET /login`.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    done: Option<String>,
}

/// `GET /login`.
pub async fn login_page(
    state: web::Data<AppState>,
    visitor: Visitor,
    query: web::Query<LoginQuery>,
) -> Result<HttpResponse, WebError> {
    let form = LoginForm {
        next: safe_next(query.next.as_deref()),
        ..LoginForm::default()
    };
    let notice = match query.done.as_deref() {
        Some("reset") => Some("Your password has been changed. Sign in with the new one."),
        Some("everywhere") => Some("You have been signed out on every device."),
        _ => None,
    };
    render(
        &state,
        StatusCode::OK,
        "login.html",
        &LoginPage {
            title: "Sign in",
            layout: visitor.layout(),
            form: &form,
            errors: BTreeMap::new(),
            notice,
        },
    )
}

/// `POST /login`. Throttled by failures (see `LoginGuard`), so guessing from elsewhere never
/// keeps the owner out.
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    if let Some(errors) = accounts::login_form_problems(&form.email) {
        return login_again(&state, &visitor, &form, errors.into_map());
    }
    let account_key = form.email.trim().to_lowercase();
    let ip = client_ip(&req);
    let too_many = |retry_after_seconds| WebError::TooManyRequests {
        retry_after_seconds,
    };
    state.limits.login_per_ip.check(&ip).map_err(too_many)?;
    let guard = &state.limits.login_failures;
    guard.begin(&account_key, &ip).map_err(too_many)?;
    match accounts::login(&state.db.conn, &form.email, &form.password).await {
        Ok(user) => {
            guard.succeeded(&account_key, &ip);
            start_session(&state, &visitor, user.id, user.auth_epoch).await?;
            Ok(see_other(&safe_next(Some(&form.next))))
        }
        Err(error) => {
            let errors = field_errors(error)?;
            login_again(&state, &visitor, &form, errors)
        }
    }
}

/// Signs the visitor in: a new server-side session and a fresh cookie naming it.
pub async fn start_session(
    state: &AppState,
    visitor: &Visitor,
    user_id: i64,
    epoch: i64,
) -> Result<(), WebError> {
    let now = state.clock.now();
    let idle = time::Duration::minutes(i64::from(state.settings.session.idle_timeout_minutes));
    let sid = sessions::start(&state.db.conn, user_id, now, idle).await?;
    session::sign_in(&visitor.session, user_id, epoch, sid, now.unix_timestamp())?;
    Ok(())
}

/// The sign-in form again, with the problems and what was typed (never the password).
fn login_again(
    state: &AppState,
    visitor: &Visitor,
    form: &LoginForm,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let page = LoginPage {
        title: "Sign in",
        layout: visitor.layout(),
        form,
        errors,
        notice: None,
    };
    render(state, StatusCode::UNPROCESSABLE_ENTITY, "login.html", &page)
}

/// `POST /logout`: ends the session here and on the server, so a copy of the cookie is useless.
pub async fn logout(
    state: web::Data<AppState>,
    visitor: Visitor,
) -> Result<HttpResponse, WebError> {
    if let Some(sid) = session::session_id(&visitor.session) {
        sessions::end(&state.db.conn, &sid).await?;
    }
    session::sign_out(&visitor.session);
    Ok(see_other("/"))
}

#[derive(Serialize)]
struct AccountPage<'a> {
    title: &'static str,
    layout: Layout,
    errors: BTreeMap<String, String>,
    notice: Option<&'a str>,
}

/// `GET /account`.
pub async fn account_page(
    state: web::Data<AppState>,
    visitor: Visitor,
) -> Result<HttpResponse, WebError> {
    visitor.require_user()?;
    render(
        &state,
        StatusCode::OK,
        "account.html",
        &AccountPage {
            title: "Your account",
            layout: visitor.layout(),
            errors: BTreeMap::new(),
            notice: None,
        },
    )
}

/// `POST /account/password`: keeps this session, ends every other.
pub async fn change_password(
    state: web::Data<AppState>,
    visitor: Visitor,
    form: web::Form<PasswordChange>,
) -> Result<HttpResponse, WebError> {
    let user = visitor.require_user()?.clone();
    match accounts::change_password(&state.db.conn, visitor.principal(), &form).await {
        Ok(epoch) => {
            start_session(&state, &visitor, user.id, epoch).await?;
            let page = AccountPage {
                title: "Your account",
                layout: Layout {
                    csrf_token: crate::auth::csrf::token(&visitor.session)?,
                    ..visitor.layout()
                },
                errors: BTreeMap::new(),
                notice: Some("Password changed. Every other session has been signed out."),
            };
            render(&state, StatusCode::OK, "account.html", &page)
        }
        Err(error) => {
            let errors = field_errors(error)?;
            render(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                "account.html",
                &AccountPage {
                    title: "Your account",
                    layout: visitor.layout(),
                    errors,
                    notice: None,
                },
            )
        }
    }
}

/// `POST /account/logout-everywhere`.
pub async fn logout_everywhere(
    state: web::Data<AppState>,
    visitor: Visitor,
) -> Result<HttpResponse, WebError> {
    let user = visitor.require_user()?;
    accounts::bump_epoch(&state.db.conn, user.id).await?;
    sessions::end_all(&state.db.conn, user.id).await?;
    session::sign_out(&visitor.session);
    Ok(see_other("/login?done=everywhere"))
}

#[derive(Serialize)]
struct ResetPage {
    title: &'static str,
    layout: Layout,
    display_name: String,
    errors: BTreeMap<String, String>,
}

/// `GET /reset/{token}`.
pub async fn reset_page(
    state: web::Data<AppState>,
    visitor: Visitor,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let user = accounts::reset_target(&state.db.conn, &token).await?;
    let page = ResetPage {
        title: "Choose a new password",
        layout: visitor.layout(),
        display_name: user.display_name,
        errors: BTreeMap::new(),
    };
    render(&state, StatusCode::OK, "reset.html", &page)
}

/// `POST /reset/{token}`.
pub async fn reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    token: web::Path<String>,
    form: web::Form<PasswordChange>,
) -> Result<HttpResponse, WebError> {
    check_all(&[
        (&state.limits.reset_per_ip, &client_ip(&req)),
        (&state.limits.reset_per_token, &token),
    ])
    .map_err(|retry_after_seconds| WebError::TooManyRequests {
        retry_after_seconds,
    })?;
    match accounts::reset_password(&state.db.conn, &token, &form).await {
        Ok(_) => {
            session::sign_out(&visitor.session);
            Ok(see_other("/login?done=reset"))
        }
        Err(error) => {
            let errors = field_errors(error)?;
            let user = accounts::reset_target(&state.db.conn, &token).await?;
            let page = ResetPage {
                title: "Choose a new password",
                layout: visitor.layout(),
                display_name: user.display_name,
                errors,
            };
            render(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                "reset.html",
                &page,
            )
        }
    }
}
