//! Ledger pages: my reciprocity (`/teams/{team}/ledger/me`), the team view
//! (`/teams/{team}/ledger`), one exchange and its moves ([`exchange`]), help posts and
//! thank-you notes ([`help`]), and the CSV exports. Handlers stay thin: parse, call
//! `service::ledger`, build a view model with numbers formatted in Rust, render.

pub mod exchange;
pub mod graph;
pub mod help;

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::tokens::random_token;
use crate::format;
use crate::service::ledger::exchanges::{self, ExchangeForm, Recorded};
use crate::service::ledger::thanks::{self, ThanksForm, ThanksLine};
use crate::service::ledger::views::{self, EntryLine, SortKey, Window};
use crate::service::ledger::{self as ledger_service, Member, SettingsForm, notify, posts};
use crate::web::pages::{field_errors, render, see_other};
use crate::web::visitor::{Layout, Visitor};
use crate::web::{AppState, WebError};

/// An entry as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    id: i64,
    date: String,
    helper: String,
    helped: String,
    minutes: String,
    category: String,
    state: &'static str,
    awaits_me: bool,
    note: Option<String>,
}

impl EntryView {
    fn new(line: &EntryLine) -> Self {
        Self {
            id: line.id,
            date: format::date(line.on),
            helper: line.helper.clone(),
            helped: line.helped.clone(),
            minutes: format::minutes(i64::from(line.minutes)),
            category: line.category.clone(),
            state: line.state.label(),
            awaits_me: line.awaits_me,
            note: line.note.clone(),
        }
    }
}

#[derive(Serialize)]
struct PeriodView {
    label: &'static str,
    given: String,
    given_count: i64,
    received: String,
    received_count: i64,
}

#[derive(Serialize)]
struct PersonView {
    name: String,
    minutes: String,
    count: i64,
}

#[derive(Serialize)]
struct MyPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    periods: Vec<PeriodView>,
    index: Option<String>,
    waiting_for_me: Vec<EntryView>,
    waiting_for_them: Vec<EntryView>,
    mine: Vec<EntryView>,
    helped: Vec<PersonView>,
    helpers: Vec<PersonView>,
    thanks: Vec<ThanksLine>,
    notifications: Vec<notify::Unread>,
    others: Vec<Member>,
    members: Vec<Member>,
    is_leader: bool,
    sees_team: bool,
    today: String,
    earliest: String,
    form: &'a ExchangeForm,
    errors: BTreeMap<String, String>,
    thanks_form: &'a ThanksForm,
    thanks_errors: BTreeMap<String, String>,
    notice: Option<&'static str>,
}

/// What the "my reciprocity" page was asked to show besides the data.
#[derive(Default)]
struct MyExtras<'a> {
    form: Option<&'a ExchangeForm>,
    errors: BTreeMap<String, String>,
    thanks_form: Option<&'a ThanksForm>,
    thanks_errors: BTreeMap<String, String>,
    notice: Option<&'static str>,
}

fn fresh_exchange_form() -> ExchangeForm {
    ExchangeForm {
        direction: "gave".to_owned(),
        idempotency_key: random_token(),
        ..ExchangeForm::default()
    }
}

fn fresh_thanks_form() -> ThanksForm {
    ThanksForm {
        idempotency_key: random_token(),
        ..ThanksForm::default()
    }
}

async fn my_page(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    extras: MyExtras<'_>,
) -> Result<HttpResponse, WebError> {
    let now = state.clock.now();
    let db = &state.db.conn;
    let my = views::my_ledger(db, visitor.principal(), slug, now).await?;
    let team = &my.access.team;
    let thanks = thanks::received(db, team.id, my.access.user_id).await?;
    let notifications = notify::unread(db, my.access.user_id, team.id).await?;
    let fresh = fresh_exchange_form();
    let fresh_thanks = fresh_thanks_form();
    let status = if extras.errors.is_empty() && extras.thanks_errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let today = now.date();
    let page = MyPage {
        title: format!("My reciprocity · {}", team.name),
        layout: visitor.layout(),
        slug: team.slug.clone(),
        team_name: team.name.clone(),
        periods: my
            .periods
            .iter()
            .map(|p| PeriodView {
                label: p.label,
                given: format::minutes(p.totals.given_minutes),
                given_count: p.totals.given_count,
                received: format::minutes(p.totals.received_minutes),
                received_count: p.totals.received_count,
            })
            .collect(),
        index: my.index.map(format::index),
        waiting_for_me: my.waiting_for_me.iter().map(EntryView::new).collect(),
        waiting_for_them: my.waiting_for_them.iter().map(EntryView::new).collect(),
        mine: my.mine.iter().take(50).map(EntryView::new).collect(),
        helped: people(&my.helped),
        helpers: people(&my.helpers),
        thanks,
        notifications,
        others: my.others.clone(),
        members: my.members.clone(),
        is_leader: my.access.is_leader(),
        sees_team: my.sees_team,
        today: format::iso(today),
        earliest: format::iso(today - time::Duration::days(crate::domain::ledger::MAX_AGE_DAYS)),
        form: extras.form.unwrap_or(&fresh),
        errors: extras.errors,
        thanks_form: extras.thanks_form.unwrap_or(&fresh_thanks),
        thanks_errors: extras.thanks_errors,
        notice: extras.notice,
    };
    render(state, status, "ledger_me.html", &page)
}

fn people(list: &[views::Counterpart]) -> Vec<PersonView> {
    list.iter()
        .map(|c| PersonView {
            name: c.name.clone(),
            minutes: format::minutes(c.minutes),
            count: c.count,
        })
        .collect()
}

/// Query of the personal page (a notice after a redirect).
#[derive(Debug, Default, Deserialize)]
pub struct MyQuery {
    #[serde(default)]
    done: Option<String>,
}

fn notice(done: Option<&str>) -> Option<&'static str> {
    match done {
        Some("recorded") => Some("Recorded. Thank you for making help visible."),
        Some("pending") => {
            Some("Recorded. It counts once the person you helped confirms it (within 14 days).")
        }
        Some("thanked") => Some("Your thank-you is on the team page."),
        _ => None,
    }
}

/// `GET /teams/{team}/ledger/me`.
pub async fn me(
    state: web::Data<AppState>,
    visitor: Visitor,
    slug: web::Path<String>,
    query: web::Query<MyQuery>,
) -> Result<HttpResponse, WebError> {
    let extras = MyExtras {
        notice: notice(query.done.as_deref()),
        ..MyExtras::default()
    };
    my_page(&state, &visitor, &slug, extras).await
}

fn csv_response(name: &str, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body)
}

/// `GET /teams/{team}/ledger/me.csv`: the caller's own entries.
pub async fn me_csv(
    state: web::Data<AppState>,
    visitor: Visitor,
    slug: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let my = views::my_ledger(
        &state.db.conn,
        visitor.principal(),
        &slug,
        state.clock.now(),
    )
    .await?;
    let body = views::my_csv(&my)?;
    Ok(csv_response(
        &format!("{}-my-ledger.csv", my.access.team.slug),
        body,
    ))
}

/// `POST /teams/{team}/ledger/exchanges`.
pub async fn record(
    state: web::Data<AppState>,
    visitor: Visitor,
    slug: web::Path<String>,
    form: web::Form<ExchangeForm>,
) -> Result<HttpResponse, WebError> {
    match exchanges::record(
        &state.db.conn,
        visitor.principal(),
        &slug,
        &form,
        state.clock.now(),
    )
    .await
    {
        Ok(Recorded { status, .. }) => {
            let done = if status == crate::domain::ledger::Status::Pending {
                "pending"
            } else {
                "recorded"
            };
            Ok(see_other(&format!("/teams/{slug}/ledger/me?done={done}")))
        }
        Err(error) => {
            let errors = field_errors(error)?;
            let extras = MyExtras {
                form: Some(&form),
                errors,
                ..MyExtras::default()
            };
            my_page(&state, &visitor, &slug, extras).await
        }
    }
}

/// `POST /teams/{team}/thanks`.
pub async fn thank(
    state: web::Data<AppState>,
    visitor: Visitor,
    slug: web::Path<String>,
    form: web::Form<ThanksForm>,
) -> Result<HttpResponse, WebError> {
    match thanks::thank(
        &state.db.conn,
        visitor.principal(),
        &slug,
        &form,
        state.clock.now(),
    )
    .await
    {
        Ok(()) => Ok(see_other(&format!("/teams/{slug}/ledger/me?done=thanked"))),
        Err(error) => {
            let thanks_errors = field_errors(error)?;
            let extras = MyExtras {
                thanks_form: Some(&form),
                thanks_errors,
                ..MyExtras::default()
            };
            my_page(&state, &visitor, &slug, extras).await
        }
    }
}

/// `POST /teams/{team}/thanks/{id}/hide` and `/show`.
pub async fn hide_thanks(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, WebError> {
    set_hidden(state, visitor, path, true).await
}

/// `POST /teams/{team}/thanks/{id}/show`.
pub async fn show_thanks(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, WebError> {
    set_hidden(state, visitor, path, false).await
}

async fn set_hidden(
    state: web::Data<AppState>,
    visitor: Visitor,
    path: web::Path<(String, i64)>,
    hidden: bool,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    thanks::set_hidden(
        &state.db.conn,
        visitor.principal(),
        &slug,
        id,
        hidden,
        state.clock.now(),
    )
    .await?;
    Ok(see_other(&format!("/teams/{slug}/ledger/me#thanks")))
}

/// `POST /teams/{team}/ledger/notifications/read`.
pub async fn read_notifications(
    state: web::Data<AppState>,
    visitor: Visitor,
    slug: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    notify::mark_read(
        &state.db.conn,
        visitor.principal(),
        &slug,
        state.clock.now(),
    )
    .await?;
    Ok(see_other(&format!("/teams/{slug}/ledger/me")))
}

/// Sort and window of the team view.
#[derive(Debug, Default, Deserialize)]
pub struct TeamQuery {
    #[serde(default)]
    sort: Option<String>,
    #[serde(default)]
    dir: Option<String>,
    #[serde(default)]
    window: Option<String>,
}

impl TeamQuery {
    fn parts(&self) -> (Window, SortKey, bool) {
        let sort = SortKey::parse(self.sort.as_deref());
        let descending = match self.dir.as_deref() {
            Some("asc") => false,
            Some("desc") => true,
            _ => sort != SortKey::Name,
        };
        (Window::parse(self.window.as_deref()), sort, descending)
    }
}

#[derive(Serialize)]
struct Column {
    key: &'static str,
    label: &'static str,
    href: String,
    aria_sort: &'static str,
    numeric: bool,
}

#[derive(Serialize)]
struct LineView {
    name: String,
    given: String,
    given_count: i64,
    received: String,
    received_count: i64,
    index: String,
    share: String,
    last: String,
}

#[derive(Serialize)]
struct WindowLink {
    label: &'static str,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct EdgeView {
    helper: String,
    helped: String,
    minutes: String,
    count: i64,
}

#[derive(Serialize)]
struct TeamPage<'a> {
    title: String,
    layout: Layout,
    slug: String,
    team_name: String,
    window_label: &'static str,
    windows: Vec<WindowLink>,
    columns: Vec<Column>,
    lines: Vec<LineView>,
    csv_href: String,
    team_minutes: String,
    team_exchanges: i64,
    gini: String,
    top1: String,
    top20: String,
    top20_people: usize,
    carrying: Vec<String>,
    quiet: Vec<String>,
    bars: Vec<graph::Bar>,
    graph: graph::Graph,
    edges: Vec<EdgeView>,
    disputes: Vec<EntryView>,
    unmet: Vec<posts::PostLine>,
    thanks: Vec<ThanksLine>,
    is_leader: bool,
    settings: &'a SettingsForm,
    errors: BTreeMap<String, String>,
}

fn window_label(window: Window) -> &'static str {
    match window {
        Window::Recent => "the last 4 weeks",
        Window::Term => "this term",
        Window::All => "all time",
    }
}

async fn team_page(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    query: &TeamQuery,
    settings_form: Option<&SettingsForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let now = state.clock.now();
    let db = &state.db.conn;
    let (window, sort, descending) = query.parts();
    let view =
        views::team_ledger(db, visitor.principal(), slug, window, sort, descending, now).await?;
    let team = &view.access.team;
    let base = format!("/teams/{}/ledger", team.slug);
    let columns = [
        ("name", "Member", false),
        ("given", "Given", true),
        ("received", "Received", true),
        ("index", "Balance index", true),
        ("share", "Share of the team's help", true),
        ("last", "Last exchange", true),
    ]
    .into_iter()
    .map(|(key, label, numeric)| {
        let current = sort.as_str() == key;
        // Clicking the current column flips the direction; others start at their natural one.
        let next_dir = if current {
            if descending { "asc" } else { "desc" }
        } else if key == "name" {
            "asc"
        } else {
            "desc"
        };
        Column {
            key,
            label,
            href: format!(
                "{base}?window={}&sort={key}&dir={next_dir}",
                window.as_str()
            ),
            aria_sort: match (current, descending) {
                (false, _) => "none",
                (true, true) => "descending",
                (true, false) => "ascending",
            },
            numeric,
        }
    })
    .collect();
    let windows = [Window::Recent, Window::Term, Window::All]
        .into_iter()
        .map(|w| WindowLink {
            label: match w {
                Window::Recent => "Last 4 weeks",
                Window::Term => "This term",
                Window::All => "All time",
            },
            href: format!("{base}?window={}&sort={}", w.as_str(), sort.as_str()),
            current: w == window,
        })
        .collect();
    let lines = view
        .lines
        .iter()
        .map(|l| LineView {
            name: l.name.clone(),
            given: format::minutes(l.totals.given_minutes),
            given_count: l.totals.given_count,
            received: format::minutes(l.totals.received_minutes),
            received_count: l.totals.received_count,
            index: l.index.map_or_else(|| "not yet".to_owned(), format::index),
            share: format::percent(l.share),
            last: l.totals.last.map_or_else(|| "—".to_owned(), format::date),
        })
        .collect();
    let carrying = view
        .carrying
        .iter()
        .map(|(name, s)| {
            format!(
                "{name} gave {} of the team's help over the last 8 weeks — who can share the load?",
                format::percent(s.share)
            )
        })
        .collect();
    let edges_only: Vec<_> = view.edges.iter().map(|(_, _, e)| *e).collect();
    let settings_default = SettingsForm {
        aggregates: view.access.settings.visibility.as_str().to_owned(),
        unmet_after_days: view.access.settings.unmet_after_days.to_string(),
        term_starts_on: view
            .access
            .settings
            .term_starts_on
            .map(format::iso)
            .unwrap_or_default(),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = TeamPage {
        title: format!("Team ledger · {}", team.name),
        layout: visitor.layout(),
        slug: team.slug.clone(),
        team_name: team.name.clone(),
        window_label: window_label(window),
        windows,
        columns,
        lines,
        csv_href: format!(
            "{base}/members.csv?window={}&sort={}&dir={}",
            window.as_str(),
            sort.as_str(),
            if descending { "desc" } else { "asc" }
        ),
        team_minutes: format::minutes(view.team_minutes),
        team_exchanges: view.team_exchanges,
        gini: format!("{:.2}", view.concentration.gini),
        top1: format::percent(view.concentration.top1),
        top20: format::percent(view.concentration.top20),
        top20_people: view.concentration.top20_people,
        carrying,
        quiet: view.quiet.clone(),
        bars: graph::trend(&view.months),
        graph: graph::who_helped_whom(&view.members, &edges_only),
        edges: view
            .edges
            .iter()
            .map(|(helper, helped, e)| EdgeView {
                helper: helper.clone(),
                helped: helped.clone(),
                minutes: format::minutes(e.minutes),
                count: e.count,
            })
            .collect(),
        disputes: view.disputes.iter().map(EntryView::new).collect(),
        unmet: posts::unmet_requests(db, team.id, now).await?,
        thanks: thanks::public_for_team(db, team.id).await?,
        is_leader: view.access.is_leader(),
        settings: settings_form.unwrap_or(&settings_default),
        errors,
    };
    render(state, status, "ledger_team.html", &page)
}

/// `GET /teams/{team}/ledger`.
pub async fn team(
    state: web::Data<AppState>,
    visitor: Visitor,
    slug: web::Path<String>,
    query: web::Query<TeamQuery>,
) -> Result<HttpResponse, WebError> {
    team_page(&state, &visitor, &slug, &query, None, BTreeMap::new()).await
}

/// `GET /teams/{team}/ledger/members.csv`.
pub async fn team_csv(
    state: web::Data<AppState>,
    visitor: Visitor,
    slug: web::Path<String>,
    query: web::Query<TeamQuery>,
) -> Result<HttpResponse, WebError> {
    let (window, sort, descending) = query.parts();
    let view = views::team_ledger(
        &state.db.conn,
        visitor.principal(),
        &slug,
        window,
        sort,
        descending,
        state.clock.now(),
    )
    .await?;
    let body = views::team_csv(&view)?;
    Ok(csv_response(
        &format!("{}-ledger-{}.csv", view.access.team.slug, window.as_str()),
        body,
    ))
}

/// `POST /teams/{team}/ledger/settings` (leaders).
pub async fn settings(
    state: web::Data<AppState>,
    visitor: Visitor,
    slug: web::Path<String>,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, WebError> {
    match ledger_service::update_settings(
        &state.db.conn,
        visitor.principal(),
        &slug,
        &form,
        state.clock.now(),
    )
    .await
    {
        Ok(()) => Ok(see_other(&format!("/teams/{slug}/ledger"))),
        Err(error) => {
            let errors = field_errors(error)?;
            team_page(
                &state,
                &visitor,
                &slug,
                &TeamQuery::default(),
                Some(&form),
                errors,
            )
            .await
        }
    }
}
