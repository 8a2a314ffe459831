//! The results page: funded ideas, money spent and left over; for equal shares each funded
//! idea's price per supporter and the step it was bought at; what greedy by votes would have
//! funded, side by side, with one sentence per idea that differs; an SVG chart with a table
//! beside it; the publication with overrides and their reasons; follow-through per funded
//! idea; the form that turns a funded idea into an action. Everything is read from the stored
//! computation (the `.pb` and CSV downloads are in `export.rs`).

use crate::domain::ids::{IdeaId, RoundId, UserId};
use crate::domain::zone::Zone;
use std::collections::{BTreeMap, HashMap, HashSet};

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::access::Action;
use crate::domain::budget::BudgetRule;
use crate::domain::team::member_label;
use crate::format::{date_time_in, decimal_in, money_in, percent_in};
use crate::i18n::{self, Lang, Msg};
use crate::service::budgets::compute::{Computed as ComputedRound, Funded};
use crate::service::budgets::instance::InputIdea;
use crate::service::budgets::publish::{self, ResultsView, follow_up_label, override_fields};
use crate::web::budgets::{RoundHeader, follow_up_label as follow_words, rule_label};

use crate::service::teams::Member;
use crate::web::WebError;
use crate::web::context::{Ctx, redirect_or_reshow, status_for};
use crate::web::visitor::Layout;

/// Bars drawn in the chart (the ideas with most votes; the table lists the same ones).
const CHART_IDEAS: usize = 40;

#[derive(Serialize)]
struct FundedRow {
    id: IdeaId,
    title: String,
    cost: String,
    votes: u64,
    share: String,
    step: usize,
    how: String,
    owner: Option<String>,
    owner_id: Option<UserId>,
    /// The owner field's value: what the leader typed when the form was refused, otherwise
    /// the current owner as the member list spells it ("Name (#42)").
    owner_value: String,
    /// The owner field holds a refused entry.
    owner_typed: bool,
    status: Option<String>,
    status_value: &'static str,
}

#[derive(Serialize)]
struct Bar {
    y: usize,
    text_y: usize,
    width: u32,
    /// The idea's whole title (the table, and the label's tooltip).
    title: String,
    /// The title as the chart has room for it (24 characters, "…" when shortened).
    label: String,
    value: String,
    funded: bool,
    greedy: bool,
}

#[derive(Serialize)]
struct OverrideRow {
    title: String,
    funded: bool,
    reason: String,
}

#[derive(Serialize)]
struct PublishRow {
    id: IdeaId,
    title: String,
    funded: bool,
    flag: String,
    reason_field: String,
    reason: String,
}

#[derive(Serialize)]
struct Computed {
    computed_at: String,
    voters: u64,
    rule: String,
    rule_key: String,
    is_mes: bool,
    funded: Vec<FundedRow>,
    spent: String,
    left: String,
    greedy: Vec<String>,
    greedy_spent: String,
    differences: Vec<String>,
    bars: Vec<Bar>,
    chart_height: usize,
    chart_description: String,
    published: Option<String>,
    overrides: Vec<OverrideRow>,
    publish_rows: Vec<PublishRow>,
    /// The team's members, listed once for every owner field.
    members: Vec<Member>,
    /// The viewer as the member list spells them: the action form's default owner.
    me: String,
    /// Ideas funded in the published outcome, `(id, title)`, that an action can carry out.
    action_ideas: Vec<(IdeaId, String)>,
}

#[derive(Serialize)]
struct ResultsPage {
    title: String,
    layout: Layout,
    round: RoundHeader,
    results: Option<Computed>,
    can_manage: bool,
    /// May record actions (the form that turns a funded idea into one).
    can_act: bool,
    today: String,
    errors: BTreeMap<String, String>,
}

/// The form field that carries a funded idea's owner when a follow-up is refused.
fn owner_field(idea_id: IdeaId) -> String {
    format!("owner-{idea_id}")
}

fn build(
    view: &ResultsView,
    rule: BudgetRule,
    typed: &HashMap<String, String>,
    viewer: Option<UserId>,
    zone: Zone,
    lang: Lang,
) -> Computed {
    let rule_name = rule_label(lang, rule);
    let c = &view.computed;
    let currency = c.input.currency.as_str();
    let money = |m: i64| money_in(m, currency, lang);
    let percent = |share: f64| percent_in(share, lang);
    let date_time = |at, zone| date_time_in(at, zone, lang);
    let voters = c.input.voters.max(1) as f64;
    let by_code: HashMap<&str, &InputIdea> =
        c.input.ideas.iter().map(|i| (i.code.as_str(), i)).collect();
    let by_id: HashMap<IdeaId, &InputIdea> = c.input.ideas.iter().map(|i| (i.id, i)).collect();
    let steps: HashMap<&str, &Funded> = c
        .outcome
        .funded
        .iter()
        .map(|f| (f.code.as_str(), f))
        .collect();
    let mut funded = Vec::new();
    let mut spent = 0_i64;
    for code in &c.outcome.selected {
        let Some(idea) = by_code.get(code.as_str()) else {
            continue;
        };
        spent = spent.saturating_add(idea.cost);
        let step = steps.get(code.as_str()).copied();
        let follow = view.follow_ups.get(&idea.id);
        let refused_owner = typed.get(&owner_field(idea.id));
        let owner_value = match (refused_owner, follow) {
            (Some(raw), _) => raw.clone(),
            (None, Some(f)) => match (f.owner_id, &f.owner) {
                (Some(id), Some(name)) => member_label(id, name),
                _ => String::new(),
            },
            (None, None) => String::new(),
        };
        funded.push(FundedRow {
            id: idea.id,
            title: idea.title.clone(),
            cost: money(idea.cost),
            votes: idea.supporters,
            share: percent(idea.supporters as f64 / voters),
            step: step.map_or(0, |s| s.step),
            how: how_funded(step, idea, currency, rule, lang),
            owner: follow.and_then(|f| f.owner.clone()),
            owner_id: follow.and_then(|f| f.owner_id),
            owner_value,
            owner_typed: refused_owner.is_some(),
            status: follow.map(|f| follow_words(lang, follow_up_label(f.status))),
            status_value: follow.map_or("planned", |f| follow_up_label(f.status)),
        });
    }
    let greedy_set: HashSet<&str> = c.greedy.selected.iter().map(String::as_str).collect();
    let rule_set: HashSet<&str> = c.outcome.selected.iter().map(String::as_str).collect();
    let greedy_spent: i64 = c
        .greedy
        .selected
        .iter()
        .filter_map(|code| by_code.get(code.as_str()))
        .map(|i| i.cost)
        .sum();
    let differences = differences(c, &rule_name, lang);
    let mut by_votes: Vec<&InputIdea> = c.input.ideas.iter().collect();
    by_votes.sort_by(|a, b| b.supporters.cmp(&a.supporters).then(a.id.cmp(&b.id)));
    let bars: Vec<Bar> = by_votes
        .iter()
        .take(CHART_IDEAS)
        .enumerate()
        .map(|(n, i)| Bar {
            y: 10 + n * 24,
            text_y: 24 + n * 24,
            width: ((i.supporters as f64 / voters) * 280.0).round() as u32,
            title: i.title.clone(),
            label: crate::web::format::chart_label(&i.title),
            value: Msg::new("bg-chart-votes")
                .arg("count", i.supporters)
                .render(lang),
            funded: rule_set.contains(i.code.as_str()),
            greedy: greedy_set.contains(i.code.as_str()),
        })
        .collect();
    let publish_rows = c
        .input
        .ideas
        .iter()
        .map(|i| {
            let (flag, reason_field) = override_fields(i.id);
            PublishRow {
                id: i.id,
                title: i.title.clone(),
                funded: rule_set.contains(i.code.as_str()),
                reason: typed.get(&reason_field).cloned().unwrap_or_default(),
                flag,
                reason_field,
            }
        })
        .collect();
    Computed {
        computed_at: date_time(c.computed_at, zone),
        voters: c.input.voters,
        rule: rule_name,
        rule_key: c.input.rule_key.clone(),
        is_mes: rule == BudgetRule::Mes,
        funded,
        spent: money(spent),
        left: money(c.input.amount.saturating_sub(spent)),
        greedy: c
            .greedy
            .selected
            .iter()
            .filter_map(|code| by_code.get(code.as_str()).map(|i| i.title.clone()))
            .collect(),
        greedy_spent: money(greedy_spent),
        differences,
        chart_height: 20 + bars.len() * 24,
        chart_description: Msg::new("bg-chart-description")
            .arg("shown", bars.len())
            .arg("ballots", c.input.voters)
            .render(lang),
        bars,
        published: view.published.as_ref().map(|(at, by)| {
            i18n::text_with(
                lang,
                "agenda-published-by",
                &[("name", by.clone()), ("date", date_time(*at, zone))],
            )
        }),
        overrides: view
            .overrides
            .iter()
            .map(|o| OverrideRow {
                title: by_id
                    .get(&o.idea_id)
                    .map_or_else(String::new, |i| i.title.clone()),
                funded: o.funded,
                reason: o.reason.clone(),
            })
            .collect(),
        publish_rows,
        me: view
            .members
            .iter()
            .find(|m| Some(m.id) == viewer)
            .map(|m| m.label.clone())
            .unwrap_or_default(),
        members: view.members.clone(),
        action_ideas: if view.published.is_some() {
            let funded = view.funded_ids();
            c.input
                .ideas
                .iter()
                .filter(|i| funded.contains(&i.id))
                .map(|i| (i.id, i.title.clone()))
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// How the round's rule bought a funded idea, in one sentence, as the results page shows it:
/// for equal shares, what each supporter paid (or that the completion added it); empty for the
/// other rules.
pub(crate) fn how_funded(
    step: Option<&Funded>,
    idea: &InputIdea,
    currency: &str,
    rule: BudgetRule,
    lang: Lang,
) -> String {
    if rule != BudgetRule::Mes {
        return String::new();
    }
    match step {
        Some(s) if s.by_completion => i18n::text(lang, "bg-how-completion"),
        Some(s) => match &s.price_per_supporter {
            Some(p) => Msg::new("bg-how-paid")
                .arg("count", idea.supporters)
                .arg(
                    "price",
                    // English has always shown the exact price as computed ("1200.5").
                    match lang {
                        Lang::En => p.clone(),
                        Lang::Fr => decimal_in(p, lang),
                    },
                )
                .arg("currency", currency)
                .render(lang),
            None => i18n::text(lang, "bg-how-unequal"),
        },
        None => String::new(),
    }
}

/// One sentence per idea that greedy by votes and the round's rule (`rule_name`) fund
/// differently: greedy's extra ideas first, then the rule's.
pub(crate) fn differences(c: &ComputedRound, rule_name: &str, lang: Lang) -> Vec<String> {
    let voters = c.input.voters.max(1) as f64;
    let amount = c.input.amount.max(1) as f64;
    let by_code: HashMap<&str, &InputIdea> =
        c.input.ideas.iter().map(|i| (i.code.as_str(), i)).collect();
    let describe = |i: &InputIdea| {
        i18n::text_with(
            lang,
            "bg-diff-idea",
            &[
                ("title", i.title.clone()),
                ("support", percent_in(i.supporters as f64 / voters, lang)),
                ("share", percent_in(i.cost as f64 / amount, lang)),
            ],
        )
    };
    let only = |ours: &[String], theirs: &[String], key: &str| -> Vec<String> {
        ours.iter()
            .filter(|code| !theirs.contains(code))
            .filter_map(|code| by_code.get(code.as_str()))
            .map(|i| {
                i18n::text_with(
                    lang,
                    key,
                    &[("idea", describe(i)), ("rule", rule_name.to_owned())],
                )
            })
            .collect()
    };
    let mut out = only(
        &c.greedy.selected,
        &c.outcome.selected,
        "bg-diff-greedy-only",
    );
    out.extend(only(
        &c.outcome.selected,
        &c.greedy.selected,
        "bg-diff-rule-only",
    ));
    out
}

async fn page(
    ctx: &Ctx,
    slug: &str,
    id: RoundId,
    typed: &HashMap<String, String>,
    errors: BTreeMap<String, String>,
) -> Result<HttpResponse, WebError> {
    let now = ctx.now;
    let lang = ctx.visitor.lang;
    let principal = ctx.principal();
    let (access, view) = publish::results(ctx.db(), principal, slug, id, now, true).await?;
    let rule = BudgetRule::from(access.round.rule);
    let page = ResultsPage {
        title: i18n::text_with(
            lang,
            "bg-results-title",
            &[("round", access.round.title.clone())],
        ),
        layout: ctx.layout(),
        round: RoundHeader::new(&access, now, lang),
        results: view
            .as_ref()
            .map(|v| build(v, rule, typed, principal.user_id, access.zone, lang)),
        can_manage: access.may(principal, Action::ManageBudgets),
        can_act: access.may(principal, Action::WorkOnActions),
        today: crate::format::iso(access.zone.today(now)),
        errors: errors.clone(),
    };
    let status = status_for(&errors);
    ctx.render(status, "budget_results.html", &page)
}

/// `GET /teams/{team}/budgets/{id}/results`: computes on the first visit after voting closes.
pub async fn show(ctx: Ctx, path: web::Path<(String, RoundId)>) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    page(&ctx, &slug, id, &HashMap::new(), BTreeMap::new()).await
}

/// `POST /teams/{team}/budgets/{id}/results/publish` (leaders).
pub async fn publish(
    ctx: Ctx,
    path: web::Path<(String, RoundId)>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let now = ctx.now;
    let result = publish::publish(ctx.db(), ctx.principal(), &slug, id, &form, now).await;
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| format!("/teams/{slug}/budgets/{id}/results"),
        |errors| page(&ctx, &slug, id, &form, errors),
    )
    .await
}

/// The follow-through form.
#[derive(Debug, Deserialize)]
pub struct FollowUpForm {
    #[serde(default)]
    owner_id: String,
    #[serde(default)]
    status: String,
}

/// `POST /teams/{team}/budgets/{id}/ideas/{idea}/follow-up` (leaders).
pub async fn follow_up(
    ctx: Ctx,
    path: web::Path<(String, RoundId, IdeaId)>,
    form: web::Form<FollowUpForm>,
) -> Result<HttpResponse, WebError> {
    let (slug, id, idea) = path.into_inner();
    let now = ctx.now;
    let principal = ctx.principal();
    let result = publish::follow_up(
        ctx.db(),
        principal,
        &slug,
        id,
        idea,
        &form.owner_id,
        &form.status,
        now,
    )
    .await;
    let typed = HashMap::from([(owner_field(idea), form.owner_id.clone())]);
    redirect_or_reshow(
        ctx.lang(),
        result,
        |()| format!("/teams/{slug}/budgets/{id}/results#funded"),
        |errors| page(&ctx, &slug, id, &typed, errors),
    )
    .await
}
