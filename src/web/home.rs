//! The home page: one page across all of a person's teams, grouped by team (issue 19,
//! cohorts), when signed in; what Roundtable is and how to start otherwise.
//!
//! Each team is a [`TeamHome`]; features that add something per team (the week's check-in
//! prompt, milestones due) add a field there and fill it in [`show`]'s per-team loop, and a
//! block in the team's `<section>` of `templates/home.html`. Every list is capped per team
//! (`service::home::CAP`) with a "see all" link.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use serde::Serialize;

use crate::domain::meeting::time_left;
use crate::service::{accounts, home};
use crate::web::WebError;
use crate::web::context::Ctx;
use crate::web::visitor::Layout;

/// A meeting whose proposing or voting window is open, or a budget round in its ideas or
/// voting phase.
#[derive(Debug, Serialize)]
pub struct OpenWindowView {
    /// Meeting or round title.
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

/// One of my teams and what waits for me there. Other features add their per-team fields
/// here (keep them `Option` or `Vec` so an empty one shows nothing).
#[derive(Debug, Serialize)]
pub struct TeamHome {
    /// Team name.
    pub name: String,
    /// Address segment.
    pub slug: String,
    /// My role.
    pub role: &'static str,
    /// Unread ledger notifications in this team (shown with a link to my ledger page).
    pub unread: u64,
    /// Meetings and budget rounds with a window open, at most `home::CAP`.
    pub open_windows: Vec<OpenWindowView>,
    /// How many more open windows there are (shown as "see all").
    pub more_windows: usize,
    /// My open actions in this team, overdue first, at most `home::CAP`.
    pub my_actions: Vec<crate::service::actions::ActionLine>,
    /// How many more of my open actions there are.
    pub more_actions: usize,
    /// "See all my actions" in this team.
    pub actions_link: String,
    /// My role-map milestones in this team due within a week or overdue, overdue first, at
    /// most `home::CAP`.
    pub milestones_due: Vec<crate::web::role_maps::MilestoneDueView>,
    /// How many more of them there are.
    pub more_milestones: usize,
    /// This week's check-in (on the team's clock): written yet, and where to write it.
    pub checkin: Option<crate::service::checkins::home::Due>,
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
    /// The signed-in person's teams, by name, each with its items.
    pub teams: Vec<TeamHome>,
}

/// `GET /`.
pub async fn show(ctx: Ctx) -> Result<HttpResponse, WebError> {
    let lang = ctx.visitor.lang;
    let (setup_needed, teams) = match &ctx.visitor.user {
        None => (!accounts::admin_exists(ctx.db()).await?, Vec::new()),
        Some(user) => {
            // One pooled connection for every read (each team's part is several statements),
            // given back before rendering.
            let reads = ctx.reads().await?;
            let setup_needed = !accounts::admin_exists(&reads).await?;
            let teams = my_teams(&ctx, &reads, user.id).await?;
            drop(reads);
            (setup_needed, teams)
        }
    };
    let page = HomePage {
        title: crate::i18n::text(lang, "nav-home"),
        layout: ctx.layout(),
        setup_needed,
        teams,
    };
    ctx.render(StatusCode::OK, "home.html", &page)
}

/// The signed-in person's teams, each with what waits for them there.
async fn my_teams(
    ctx: &Ctx,
    db: &impl sea_orm::ConnectionTrait,
    user_id: crate::domain::ids::UserId,
) -> Result<Vec<TeamHome>, WebError> {
    let now = ctx.now;
    let lang = ctx.visitor.lang;
    let mut teams = Vec::new();
    for t in home::home_of(db, user_id, ctx.principal().zone, now).await? {
        let milestones_due =
            crate::web::role_maps::home_milestones(t.milestones.items, t.today, lang);
        let more_milestones = t.milestones.more;
        let checkin = crate::service::checkins::home::due(db, user_id, &t.team, now, lang).await?;
        let team = TeamHome {
            checkin: Some(checkin),
            milestones_due,
            more_milestones,
            actions_link: format!("/teams/{}/actions?owner={}", t.team.slug, user_id),
            open_windows: t
                .open_windows
                .items
                .into_iter()
                .map(|w| OpenWindowView {
                    title: w.title,
                    link: w.link,
                    kind: w.kind.as_str(),
                    voted: w.voted,
                    time_left: time_left(now, w.closes_at).render(lang),
                })
                .collect(),
            more_windows: t.open_windows.more,
            my_actions: t
                .actions
                .items
                .into_iter()
                .map(|a| a.in_lang(lang))
                .collect(),
            more_actions: t.actions.more,
            unread: t.unread,
            role: t.role.as_str(),
            name: t.team.name,
            slug: t.team.slug,
        };
        // Per-team additions from other features go here (fill the fields they add).
        teams.push(team);
    }
    Ok(teams)
}
