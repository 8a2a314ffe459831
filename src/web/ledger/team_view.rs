//! The team view (`/teams/{team}/ledger`): the sortable member table over a window, load
//! signals, charts, disputes for leaders and the leaders' settings form (the CSV export is
//! `team_export.rs`).
//! The page stays small for large teams: a top list, one page of the table
//! ([`LINES_PER_PAGE`] rows), the graph of the most active members, the largest pairs and a
//! count of the rest; the CSV has every line.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::{EntryView, graph};
use crate::format;
use crate::i18n::{self, Lang};
use crate::service::ledger::thanks::{self, ThanksLine};
use crate::service::ledger::views::{self, SortKey, Window};
use crate::service::ledger::{self as ledger_service, SettingsForm, posts};

use crate::web::WebError;
use crate::web::context::{Ctx, redirect_or_reshow, status_for};
use crate::web::paging;
use crate::web::visitor::Layout;

/// Sort and window of the team view.
#[derive(Debug, Default, Deserialize)]
pub struct TeamQuery {
    /// A column of the table (`SortKey`).
    #[serde(default)]
    pub sort: Option<String>,
    /// `asc` or `desc`.
    #[serde(default)]
    pub dir: Option<String>,
    /// `recent`, `term` or `all`.
    #[serde(default)]
    pub window: Option<String>,
    /// The page of the table.
    #[serde(default)]
    pub page: Option<String>,
}

/// Rows of the member table per page.
pub const LINES_PER_PAGE: usize = 50;
/// Members drawn in the who-helped-whom graph (the most active in the window).
pub const GRAPH_MEMBERS: usize = 12;
/// Pairs listed in the who-helped-whom table (the most minutes first).
pub const EDGES_SHOWN: usize = 50;
/// Names listed among the quiet members before "and N others".
pub const QUIET_SHOWN: usize = 20;
/// Members in the "gave the most" list.
pub const TOP_SHOWN: usize = 5;

impl TeamQuery {
    /// The window, the sort and whether it is descending (by name ascending, else descending,
    /// unless `dir` says).
    pub fn parts(&self) -> (Window, SortKey, bool) {
        let sort = SortKey::parse(self.sort.as_deref());
        let descending = match self.dir.as_deref() {
            Some("asc") => false,
            Some("desc") => true,
            _ => sort != SortKey::Name,
        };
        (Window::parse(self.window.as_deref()), sort, descending)
    }

    /// The requested page (1-based; anything unreadable is the first page).
    fn page(&self) -> u64 {
        self.page
            .as_deref()
            .and_then(paging::requested)
            .unwrap_or(1)
    }
}

/// The member table's pages: `page`, `pages`, `prev`, `next`, and which rows are shown.
#[derive(Serialize)]
struct Pager {
    #[serde(flatten)]
    nav: paging::Pager,
    first: usize,
    last: usize,
    total: usize,
}

#[derive(Serialize)]
struct TopLine {
    name: String,
    given: String,
    share: String,
}

#[derive(Serialize)]
struct Column {
    key: &'static str,
    label: String,
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
    label: String,
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
    window_label: String,
    windows: Vec<WindowLink>,
    columns: Vec<Column>,
    lines: Vec<LineView>,
    pager: Pager,
    top: Vec<TopLine>,
    quiet_more: usize,
    graph_members: usize,
    edges_total: usize,
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

fn window_label(lang: Lang, window: Window) -> String {
    let key = match window {
        Window::Recent => "fl-window-recent",
        Window::Term => "fl-window-term",
        Window::All => "fl-window-all",
    };
    i18n::text(lang, key)
}

async fn team_page(
    ctx: &Ctx,
    slug: &str,
    query: &TeamQuery,
    settings_form: Option<&SettingsForm>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let now = ctx.now;
    let reads = ctx.reads().await?;
    let db = &reads;
    let (window, sort, descending) = query.parts();
    let view = views::team_ledger(
        db,
        &ctx.state.rosters,
        ctx.principal(),
        slug,
        (window, sort, descending),
        now,
    )
    .await?;
    let team = &view.access.team;
    let base = format!("/teams/{}/ledger", team.slug);
    let lang = ctx.lang();
    let columns = [
        ("name", "fl-col-member", false),
        ("given", "fl-col-given", true),
        ("received", "fl-col-received", true),
        ("index", "fl-col-index", true),
        ("share", "fl-col-share", true),
        ("last", "fl-col-last", true),
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
            label: i18n::text(lang, label),
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
            label: i18n::text(
                lang,
                match w {
                    Window::Recent => "fl-period-recent",
                    Window::Term => "fl-period-term",
                    Window::All => "fl-period-all",
                },
            ),
            href: format!("{base}?window={}&sort={}", w.as_str(), sort.as_str()),
            current: w == window,
        })
        .collect();
    let total = view.lines.len();
    let page_link = |p: u64| {
        format!(
            "{base}?window={}&sort={}&dir={}&page={p}#members",
            window.as_str(),
            sort.as_str(),
            if descending { "desc" } else { "asc" }
        )
    };
    let nav =
        paging::Pager::for_total(total as u64, LINES_PER_PAGE as u64, query.page(), page_link);
    let first = usize::try_from(nav.offset(LINES_PER_PAGE as u64)).unwrap_or(usize::MAX);
    let shown: Vec<_> = view.lines.iter().skip(first).take(LINES_PER_PAGE).collect();
    let pager = Pager {
        nav,
        first: if shown.is_empty() { 0 } else { first + 1 },
        last: first + shown.len(),
        total,
    };
    let mut top_givers: Vec<_> = view
        .lines
        .iter()
        .filter(|l| l.totals.given_minutes > 0)
        .collect();
    top_givers.sort_by(|a, b| {
        b.totals
            .given_minutes
            .cmp(&a.totals.given_minutes)
            .then(a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then(a.id.cmp(&b.id))
    });
    let top = top_givers
        .into_iter()
        .take(TOP_SHOWN)
        .map(|l| TopLine {
            name: l.name.clone(),
            given: format::minutes(l.totals.given_minutes),
            share: format::percent_in(l.share, lang),
        })
        .collect();
    let lines = shown
        .into_iter()
        .map(|l| LineView {
            name: l.name.clone(),
            given: format::minutes(l.totals.given_minutes),
            given_count: l.totals.given_count,
            received: format::minutes(l.totals.received_minutes),
            received_count: l.totals.received_count,
            index: l.index.map_or_else(
                || i18n::text(lang, "fl-team-not-yet"),
                |i| super::index_in(i, lang),
            ),
            share: format::percent_in(l.share, lang),
            last: l
                .totals
                .last
                .map_or_else(|| "—".to_owned(), |d| format::date_in(d, lang)),
        })
        .collect();
    let carrying = view
        .carrying
        .iter()
        .map(|(name, s)| {
            i18n::text_with(
                lang,
                "fl-team-carrying",
                &[
                    ("name", name.clone()),
                    ("share", format::percent_in(s.share, lang)),
                ],
            )
        })
        .collect();
    let edges_only: Vec<_> = view.edges.iter().map(|(_, _, e)| *e).collect();
    let drawn = graph::most_active(&view.members, &edges_only, GRAPH_MEMBERS);
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
    let status = status_for(&errors);
    let page = TeamPage {
        title: i18n::text_with(lang, "fl-team-title", &[("team", team.name.clone())]),
        layout: ctx.layout(),
        slug: team.slug.clone(),
        team_name: team.name.clone(),
        window_label: window_label(lang, window),
        windows,
        columns,
        lines,
        pager,
        top,
        csv_href: format!(
            "{base}/members.csv?window={}&sort={}&dir={}",
            window.as_str(),
            sort.as_str(),
            if descending { "desc" } else { "asc" }
        ),
        team_minutes: format::minutes(view.team_minutes),
        team_exchanges: view.team_exchanges,
        gini: format::decimal_in(&format!("{:.2}", view.concentration.gini), lang),
        top1: format::percent_in(view.concentration.top1, lang),
        top20: format::percent_in(view.concentration.top20, lang),
        top20_people: view.concentration.top20_people,
        carrying,
        quiet: view.quiet.iter().take(QUIET_SHOWN).cloned().collect(),
        quiet_more: view.quiet.len().saturating_sub(QUIET_SHOWN),
        bars: graph::trend(&view.months, lang),
        graph_members: drawn.len(),
        graph: graph::who_helped_whom(&drawn, &edges_only, lang),
        edges_total: view.edges.len(),
        edges: view
            .edges
            .iter()
            .take(EDGES_SHOWN)
            .map(|(helper, helped, e)| EdgeView {
                helper: helper.clone(),
                helped: helped.clone(),
                minutes: format::minutes(e.minutes),
                count: e.count,
            })
            .collect(),
        disputes: view
            .disputes
            .iter()
            .map(|e| EntryView::new(e, lang))
            .collect(),
        unmet: posts::unmet_requests(db, team.id, now, (view.access.zone, lang)).await?,
        thanks: thanks::public_for_team(db, team.id, (view.access.zone, lang)).await?,
        is_leader: view.access.is_leader(),
        settings: settings_form.unwrap_or(&settings_default),
        errors,
    };
    // Back to the pool before rendering: others wait for connections, not for Tera.
    drop(reads);
    ctx.render(status, "ledger_team.html", &page)
}

/// `GET /teams/{team}/ledger`.
pub async fn team(
    ctx: Ctx,
    slug: web::Path<String>,
    query: web::Query<TeamQuery>,
) -> Result<HttpResponse, WebError> {
    team_page(&ctx, &slug, &query, None, BTreeMap::new()).await
}

/// `POST /teams/{team}/ledger/settings` (leaders).
pub async fn settings(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, WebError> {
    let first = TeamQuery::default();
    let result =
        ledger_service::update_settings(ctx.db(), ctx.principal(), &slug, &form, ctx.now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| format!("/teams/{slug}/ledger"),
        |errors| team_page(&ctx, &slug, &first, Some(&form), errors),
    )
    .await
}
