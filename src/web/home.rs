//! The home page: your teams when signed in; what Roundtable is and how to start otherwise.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use serde::Serialize;

use crate::domain::meeting::time_left;
use crate::service::{accounts, meetings, teams};
use crate::web::WebError;
use crate::web::context::Ctx;
use crate::web::visitor::Layout;

/// One of my teams.
#[derive(Debug, Serialize)]
pub struct MyTeam {
    /// Team name.
    pub name: String,
    /// Address segment.
    pub slug: String,
    /// My role.
    pub role: &'static str,
    /// Unread ledger notifications in this team (shown with a link to my ledger page).
    pub unread: u64,
}

/// A meeting whose proposing or voting window is open, or a budget round in its ideas or
/// voting phase.
#[derive(Debug, Serialize)]
pub struct OpenWindowView {
    pub team_name: String,
    /// Meeting title.
    pub title: String,
    /// Link to the page to act on.
    pub link: String,
    /// `proposing`, `ideas` (a budget round's ideas phase) or `voting`.
    pub kind: &'static str,
    /// For voting windows: whether I have voted.
    pub voted: Option<bool>,
    /// "2 days 3 hours left".
    pub time_left: String,
}

/// View model of the home page.
#[derive(Debug, Serialize)]
pub struct HomePage {
    /// Page title.
    pub title: String,
    /// Layout (person, CSRF token).
    pub layout: Layout,
    /// `true` while the instance has no site administrator yet.
    pub setup_needed: bool,
    /// The signed-in person's teams.
    pub my_teams: Vec<MyTeam>,
    /// Meetings of my teams with proposing or voting open.
    pub open_windows: Vec<OpenWindowView>,
    /// My open actions in every team, overdue first.
    pub my_actions: Vec<MyAction>,
}

/// One of my open actions.
#[derive(Debug, Serialize)]
pub struct MyAction {
    /// Team address segment.
    pub slug: String,
    pub action: crate::service::actions::ActionLine,
}

/// `GET /`.
pub async fn show(ctx: Ctx) -> Result<HttpResponse, WebError> {
    let setup_needed = !accounts::admin_exists(ctx.db()).await?;
    let my_teams = match &ctx.visitor.user {
        Some(user) => {
            let unread = crate::service::ledger::notify::unread_counts(ctx.db(), user.id).await?;
            teams::teams_of(ctx.db(), user.id)
                .await?
                .into_iter()
                .map(|(team, role)| MyTeam {
                    unread: unread.get(&team.id).copied().unwrap_or(0),
                    name: team.name,
                    slug: team.slug,
                    role: role.as_str(),
                })
                .collect()
        }
        None => Vec::new(),
    };
    let now = ctx.now;
    let mut open_windows: Vec<OpenWindowView> = match &ctx.visitor.user {
        Some(user) => meetings::open_windows(ctx.db(), user.id, now)
            .await?
            .into_iter()
            .map(|w| {
                let base = format!("/teams/{}/meetings/{}", w.team.slug, w.meeting.id);
                OpenWindowView {
                    team_name: w.team.name,
                    title: w.meeting.title,
                    link: if w.voting {
                        format!("{base}/ballot")
                    } else {
                        format!("{base}/proposals")
                    },
                    kind: if w.voting { "voting" } else { "proposing" },
                    voted: w.voting.then_some(w.voted),
                    time_left: time_left(now, w.closes_at).render(ctx.visitor.lang),
                }
            })
            .collect(),
        None => Vec::new(),
    };
    if let Some(user) = &ctx.visitor.user {
        for p in crate::service::budgets::open_phases(ctx.db(), user.id, now).await? {
            let base = format!("/teams/{}/budgets/{}", p.team.slug, p.round.id);
            let voting = p.phase == crate::domain::budget::BudgetPhase::Voting;
            open_windows.push(OpenWindowView {
                team_name: p.team.name,
                title: p.round.title,
                link: if voting {
                    format!("{base}/ballot")
                } else {
                    format!("{base}/ideas")
                },
                kind: if voting { "voting" } else { "ideas" },
                voted: voting.then_some(p.voted),
                time_left: time_left(now, p.ends_at).render(ctx.visitor.lang),
            });
        }
    }
    let my_actions = match &ctx.visitor.user {
        Some(user) => crate::service::actions::my_open(ctx.db(), user.id, now)
            .await?
            .into_iter()
            .map(|(slug, action)| MyAction {
                slug,
                action: action.in_lang(ctx.visitor.lang),
            })
            .collect(),
        None => Vec::new(),
    };
    let page = HomePage {
        my_actions,
        title: crate::i18n::text(ctx.visitor.lang, "nav-home"),
        layout: ctx.layout(),
        setup_needed,
        my_teams,
        open_windows,
    };
    ctx.render(StatusCode::OK, "home.html", &page)
}
