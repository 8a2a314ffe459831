//! The results page: round-by-round tables, an SVG chart with a table beside it, and the agenda
//! with the reason for every item. The files to recount it from are `recount.rs`, whose
//! handlers are re-exported here beside the page they belong to.

pub use super::recount::{
    Download, ballots_csv, ballots_file, rctab_file, rctab_json, receipts_csv, receipts_file,
    rules_file, rules_json,
};

use crate::domain::ids::MeetingId;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Serialize;

use std::sync::Arc;

use crate::format::date_time_in;
use crate::i18n::{Lang, text, text_with};
use crate::recent::Recent;
use crate::service::meetings::tally::{self, ResultsState, TallyResult};
use crate::tally::agenda::{ItemOutcome, Reason, tie_note};
use crate::tally::budget::render_text_in;
use crate::tally::explain::explain_ranking_in;
use crate::tally::phrases::{Phrases, Shares};
use crate::tally::{CandidateId, CompactPass, Decimal, Round, SequentialRanking};
use crate::web::context::Ctx;
use crate::web::meetings::{MeetingHeader, header_on};
use crate::web::tally_phrases::Catalogue;
use crate::web::templates::Templates;
use crate::web::visitor::Layout;
use crate::web::{AppState, WebError};

/// What the tally did with an agenda line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    /// A fixed item of the meeting, reserved before the ranked ones.
    Fixed,
    /// Ranked and on the agenda (or chosen by equal shares).
    Placed,
    /// Ranked, but longer than the minutes left when its turn came.
    DidNotFit,
    /// Not ranked: the agenda was full before the count reached it.
    NotRanked,
    /// Not chosen by equal shares (nobody or too few ranked it for its minutes).
    NotChosen,
}

impl LineStatus {
    fn of(item: &ItemOutcome) -> Self {
        match (&item.reason, item.included, item.shares_verdict()) {
            (_, true, _) => Self::Placed,
            (Reason::NotRanked { .. }, _, _) => Self::NotRanked,
            (_, false, Some(Shares::Nobody | Shares::TooFew)) => Self::NotChosen,
            _ => Self::DidNotFit,
        }
    }
}

/// One line of the agenda as the tally composed it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgendaLine {
    pub title: String,
    /// The proposal (`null` for a fixed item).
    pub proposal_id: Option<i64>,
    pub minutes: u32,
    /// Place in tally order (`null` for a fixed item).
    pub rank: Option<u32>,
    /// What the tally did with it.
    pub status: LineStatus,
    /// On the agenda?
    pub included: bool,
    /// Why in or out.
    pub explanation: String,
    /// Tie-breaks that decided its place, as sentences.
    pub ties: Vec<String>,
    /// The seeded draw decided one of them.
    pub drawn: bool,
    /// Fixed item?
    pub fixed: bool,
}

/// One item's row of a place's table.
#[derive(Serialize)]
pub struct TableRow {
    /// The item's title.
    pub name: String,
    /// The proposal.
    pub proposal_id: Option<i64>,
    /// Votes per shown round, as people read them.
    pub cells: Vec<String>,
    /// Votes per shown round, exact (`None`: out of the count by then).
    pub votes: Vec<Option<Decimal>>,
}

/// The count of one place: its last rounds, for the items with most votes.
#[derive(Serialize)]
pub struct PassTable {
    /// 1-based place.
    pub place: usize,
    /// The winner's title (a sentence saying so when the pass decided none).
    pub winner: String,
    /// The winner's proposal, when the pass decided one.
    pub winner_proposal_id: Option<i64>,
    /// Tie-breaks the winner took part in, as sentences.
    pub ties: Vec<String>,
    /// Rounds before the ones shown.
    pub earlier_rounds: usize,
    /// Items not shown (fewer votes than the shown ones).
    pub more_items: usize,
    /// The numbers of the rounds shown.
    pub rounds: Vec<u32>,
    /// One row per shown item.
    pub rows: Vec<TableRow>,
}

#[derive(Serialize)]
struct Bar {
    y: u32,
    width: u32,
    label: String,
    value: String,
    text_y: u32,
}

#[derive(Serialize)]
struct RoundLabel {
    y: u32,
    text: String,
}

#[derive(Serialize)]
struct Chart {
    height: u32,
    bars: Vec<Bar>,
    labels: Vec<RoundLabel>,
    description: String,
}

/// What the page builds from one stored count in one language (everything but the meeting,
/// the visitor and whether newer ballots wait). A count never changes once stored, so this is
/// built once per count and language and kept ([`ResultsCache`]): later requests only render.
/// The API's results (`web::api::results`) read the same built data.
pub struct Built {
    /// Ballots counted.
    pub ballot_count: usize,
    /// When the final tally was stored (`None` for a live count).
    pub tallied_at: Option<time::OffsetDateTime>,
    /// The seed of the tie-break draw.
    pub seed: Option<i64>,
    /// Why the ranking is absent or the count fell back.
    pub note: Option<String>,
    /// The tally's agenda, fixed items first.
    pub agenda: Vec<AgendaLine>,
    /// Minutes the agenda's items take.
    pub minutes_used: u32,
    /// Each place's count.
    pub places: Vec<PassTable>,
    chart: Option<Chart>,
    /// The round-by-round explanation.
    pub explanation: Option<String>,
    /// The Method of Equal Shares step by step, for an equal-shares meeting.
    pub equal_shares: Option<String>,
    /// The agenda table's rows as HTML (`_results_agenda_rows.html`), rendered once per count:
    /// a thousand lines through Tera on every request were most of the page's time.
    pub agenda_rows: String,
    /// Equal shares, chart, round tables and explanation as HTML (`_results_details.html`).
    pub details: String,
}

/// What the two parts of the results page are rendered from.
#[derive(Serialize)]
struct PartsView<'a> {
    agenda: &'a [AgendaLine],
    places: &'a [PassTable],
    chart: Option<&'a Chart>,
    explanation: Option<&'a str>,
    equal_shares: Option<&'a str>,
}

impl Built {
    /// Renders the page's parts that depend only on the count and the language.
    fn render_parts(&mut self, templates: &Templates, lang: Lang) -> anyhow::Result<()> {
        let view = PartsView {
            agenda: &self.agenda,
            places: &self.places,
            chart: self.chart.as_ref(),
            explanation: self.explanation.as_deref(),
            equal_shares: self.equal_shares.as_deref(),
        };
        let agenda_rows = templates.render_part("_results_agenda_rows.html", &view, lang)?;
        let details = templates.render_part("_results_details.html", &view, lang)?;
        self.agenda_rows = agenda_rows;
        self.details = details;
        Ok(())
    }
}

#[derive(Serialize)]
struct ResultsPage<'a> {
    title: String,
    layout: Layout,
    meeting: MeetingHeader,
    state: Shown,
    voting_closes: String,
    ballot_count: usize,
    tallied_at: Option<String>,
    seed: Option<i64>,
    note: Option<&'a str>,
    minutes_used: u32,
    agenda_rows: &'a str,
    details: &'a str,
}

/// Counts whose pages were built, per server: the last few (a meeting's live count and its
/// final tally, and each language they were read in, are different entries), most recent first.
pub type ResultsCache = Recent<(MeetingId, ResultsState, Lang), Built>;

/// How many built counts a server keeps (each is the size of one results page's data).
pub const CACHED_COUNTS: usize = 8;

fn short_name(result: &TallyResult, name: &str) -> String {
    result
        .input
        .candidates
        .iter()
        .find(|c| c.name == name)
        .map_or_else(|| name.to_owned(), |c| c.title.clone())
}

fn proposal_of(result: &TallyResult, name: &str) -> Option<i64> {
    result
        .input
        .candidates
        .iter()
        .find(|c| c.name == name)
        .map(|c| c.proposal_id)
}

/// The tally's agenda as lines, fixed items first, explained in `lang`.
pub fn agenda_lines_in(result: &TallyResult, lang: Lang) -> (Vec<AgendaLine>, u32) {
    agenda_lines_with(&Catalogue::new(lang), result)
}

/// The tie-breaks that decided item `id`'s place, as sentences of `p`: read from the
/// ranking's passes when there is one, else as stored.
fn item_ties<P: Phrases>(p: &P, result: &TallyResult, id: &str, stored: &[String]) -> Vec<String> {
    let Some(ranking) = &result.output.ranking else {
        return stored.to_vec();
    };
    let Some(place) = ranking
        .order
        .iter()
        .find(|r| ranking.name(r.candidate) == id)
    else {
        return stored.to_vec();
    };
    let Some(pass) = ranking.passes.get(place.pass) else {
        return stored.to_vec();
    };
    pass.winner_ties
        .iter()
        .filter(|t| t.winner == place.candidate)
        .map(|t| tie_note::sentence_in(p, t, |c| ranking.name(c), ranking.seed))
        .collect()
}

/// The tally's agenda as lines, fixed items first, each reason said by `p` from the
/// structured reasons (not the English sentences stored with them).
fn agenda_lines_with<P: Phrases>(p: &P, result: &TallyResult) -> (Vec<AgendaLine>, u32) {
    let Some(agenda) = &result.output.agenda else {
        return (Vec::new(), 0);
    };
    let budget = agenda.budget_minutes;
    let mut lines: Vec<AgendaLine> = agenda
        .slots
        .iter()
        .filter(|s| matches!(s.kind, crate::tally::agenda::SlotKind::Fixed { .. }))
        .map(|s| AgendaLine {
            title: s.title.clone(),
            proposal_id: None,
            minutes: s.minutes,
            rank: None,
            status: LineStatus::Fixed,
            included: true,
            explanation: p.reason(&s.reason, budget),
            ties: Vec::new(),
            drawn: false,
            fixed: true,
        })
        .collect();
    lines.extend(agenda.items.iter().map(|i| AgendaLine {
        title: short_name(result, &i.id),
        proposal_id: proposal_of(result, &i.id),
        minutes: i.minutes,
        rank: Some(i.rank),
        status: LineStatus::of(i),
        included: i.included,
        explanation: i.explanation_in(p, budget),
        ties: item_ties(p, result, &i.id, &i.ties),
        drawn: i.drawn,
        fixed: false,
    }));
    (lines, agenda.minutes_used)
}

/// Rounds of each place shown in its table and the chart (the last ones, where the place is
/// decided); the explanation and the published files have the rest.
const SHOWN_ROUNDS: usize = 6;
/// Items per table, and names per round in the explanation (most votes first).
const SHOWN_ITEMS: usize = 20;
/// Counts read and built at once by this server (a page whose count is already built only
/// renders): each holds one stored count in memory, so this bounds what a crowd of requests
/// can take.
const RENDERS_AT_ONCE: usize = 4;
static RENDERS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(RENDERS_AT_ONCE);

/// The last [`SHOWN_ROUNDS`] rounds of a pass, in full, read one at a time.
fn last_rounds(pass: &CompactPass) -> Vec<Round> {
    let skip = pass.rounds.len().saturating_sub(SHOWN_ROUNDS);
    let mut kept = Vec::new();
    pass.for_each_round(|r| {
        if r.number as usize > skip {
            kept.push(r.clone());
        }
    });
    kept
}

/// The items of `rounds` to show: all of them when few, else the [`SHOWN_ITEMS`] with most
/// votes in the last round; in candidate order. Also how many were left out.
fn shown_items(rounds: &[Round]) -> (Vec<CandidateId>, usize) {
    let mut all: Vec<CandidateId> = rounds
        .iter()
        .flat_map(|r| r.tally.iter().map(|(c, _)| *c))
        .collect();
    all.sort_unstable();
    all.dedup();
    if all.len() <= SHOWN_ITEMS {
        return (all, 0);
    }
    let last = rounds
        .last()
        .map(|r| r.tally.as_slice())
        .unwrap_or_default();
    let votes_of = |c: &CandidateId| last.iter().find(|(id, _)| id == c).map(|(_, v)| *v);
    let total = all.len();
    all.sort_by(|a, b| votes_of(b).cmp(&votes_of(a)).then(a.cmp(b)));
    all.truncate(SHOWN_ITEMS);
    all.sort_unstable();
    (all, total - SHOWN_ITEMS)
}

fn pass_table(
    lang: Lang,
    result: &TallyResult,
    ranking: &SequentialRanking,
    place: usize,
    pass: &CompactPass,
) -> PassTable {
    let phrases = Catalogue::new(lang);
    let names = &ranking.candidate_names;
    let name = |i: usize| {
        names
            .get(i)
            .map_or_else(|| "?".to_owned(), |n| short_name(result, n))
    };
    let proposal = |i: usize| names.get(i).and_then(|n| proposal_of(result, n));
    let rounds = last_rounds(pass);
    let (candidates, more) = shown_items(&rounds);
    let rows = candidates
        .iter()
        .map(|c| {
            let votes: Vec<Option<Decimal>> = rounds
                .iter()
                .map(|r| r.tally.iter().find(|(id, _)| id == c).map(|(_, v)| *v))
                .collect();
            TableRow {
                name: name(c.index()),
                proposal_id: proposal(c.index()),
                cells: votes
                    .iter()
                    .map(|v| v.map_or_else(|| "—".to_owned(), |v| phrases.votes(v)))
                    .collect(),
                votes,
            }
        })
        .collect();
    PassTable {
        place,
        winner: pass
            .winners
            .first()
            .map_or_else(|| text(lang, "mt-results-undecided"), |w| name(w.index())),
        winner_proposal_id: pass.winners.first().and_then(|w| proposal(w.index())),
        ties: pass
            .winner_ties
            .iter()
            .map(|t| tie_note::sentence_in(&phrases, t, |c| ranking.name(c), ranking.seed))
            .collect(),
        earlier_rounds: pass.rounds.len().saturating_sub(rounds.len()),
        more_items: more,
        rounds: rounds.iter().map(|r| r.number).collect(),
        rows,
    }
}

fn as_f64(d: Decimal) -> f64 {
    let m = d.mantissa_at(4);
    // Vote totals are small; the chart only needs proportions.
    #[allow(clippy::cast_precision_loss)]
    let v = m as f64 / 10_000.0;
    v
}

/// Bars per round of the first place's count (its last rounds, the items with most votes).
fn chart(lang: Lang, result: &TallyResult, names: &[String], pass: &CompactPass) -> Chart {
    let rounds = last_rounds(pass);
    let (shown, _) = shown_items(&rounds);
    let max = rounds
        .iter()
        .flat_map(|r| r.tally.iter().map(|(_, v)| as_f64(*v)))
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let mut y = 0;
    let mut bars = Vec::new();
    let mut labels = Vec::new();
    for round in &rounds {
        y += 24;
        labels.push(RoundLabel {
            y,
            text: text_with(
                lang,
                "mt-results-round",
                &[("round", round.number.to_string())],
            ),
        });
        y += 6;
        for (c, v) in round.tally.iter().filter(|(c, _)| shown.contains(c)) {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let width = ((as_f64(*v) / max) * 300.0).round() as u32;
            bars.push(Bar {
                y,
                width: width.max(1),
                label: crate::web::format::chart_label(
                    &names
                        .get(c.index())
                        .map_or_else(|| "?".to_owned(), |n| short_name(result, n)),
                ),
                value: Catalogue::new(lang).votes(*v),
                text_y: y + 14,
            });
            y += 22;
        }
    }
    Chart {
        height: y + 8,
        bars,
        labels,
        description: text_with(
            lang,
            "mt-results-chart-desc",
            &[
                ("shown", rounds.len().to_string()),
                ("total", pass.rounds.len().to_string()),
            ],
        ),
    }
}

/// Builds the page's data from a stored count in `lang` (once per count and language: see
/// [`ResultsCache`]).
fn build(result: &TallyResult, lang: Lang) -> Built {
    let phrases = Catalogue::new(lang);
    let (agenda, minutes_used) = agenda_lines_with(&phrases, result);
    let equal_shares = match &result.output.shares_outcome {
        Some(outcome) => Some(render_text_in(&phrases, outcome)),
        None => result.output.equal_shares.clone(),
    };
    let mut built = Built {
        ballot_count: result.ballot_count,
        tallied_at: result.tallied_at,
        seed: result.input.rules.random_seed,
        note: result.output.note_in(&phrases),
        agenda,
        minutes_used,
        places: Vec::new(),
        chart: None,
        explanation: None,
        equal_shares,
        agenda_rows: String::new(),
        details: String::new(),
    };
    if let Some(ranking) = &result.output.ranking {
        let names = &ranking.candidate_names;
        built.places = ranking
            .passes
            .iter()
            .enumerate()
            .map(|(i, p)| pass_table(lang, result, ranking, i + 1, p))
            .collect();
        built.chart = ranking
            .passes
            .first()
            .map(|p| chart(lang, result, names, p));
        built.explanation = Some(explain_ranking_in(
            &phrases,
            ranking,
            SHOWN_ROUNDS,
            SHOWN_ITEMS,
        ));
    }
    built
}

/// The count a state names, whether or not newer ballots wait for the next one.
fn cache_key(state: ResultsState) -> ResultsState {
    match state {
        ResultsState::Provisional {
            generation,
            counted_at,
            ..
        } => ResultsState::Provisional {
            generation,
            counted_at,
            counting: false,
        },
        other => other,
    }
}

/// The built page data of the count `state` names, in `lang`: kept from an earlier request,
/// or read and built now (at most [`RENDERS_AT_ONCE`] at a time, each holding one count in
/// memory). `None` when there is no count to show (hidden, not counted yet, cancelled).
pub async fn built(
    app: &AppState,
    id: MeetingId,
    state: ResultsState,
    lang: Lang,
) -> Result<Option<Arc<Built>>, WebError> {
    let cache = &app.results;
    let key = (id, cache_key(state), lang);
    if let Some(built) = cache.get(&key) {
        return Ok(Some(built));
    }
    let _permit = RENDERS
        .acquire()
        .await
        .map_err(|e| WebError::Unexpected(anyhow::Error::new(e)))?;
    // Another request may have built it while this one waited.
    if let Some(built) = cache.get(&key) {
        return Ok(Some(built));
    }
    let Some(result) = tally::stored_result(&app.db.conn, id, state).await? else {
        return Ok(None);
    };
    let mut built = build(&result, lang);
    built
        .render_parts(&app.templates, lang)
        .map_err(WebError::Unexpected)?;
    let built = Arc::new(built);
    // A newer live count may have replaced the one `state` named between the two reads: show
    // it, but keep only what was built from the count the key names.
    let named = match state {
        ResultsState::Provisional { generation, .. } => result.generation == Some(generation),
        _ => true,
    };
    if named {
        cache.insert(key, Arc::clone(&built));
    }
    Ok(Some(built))
}

/// What the results page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Shown {
    /// Voting is open and results are hidden until it closes (secret ballots, or results
    /// shown after the close).
    Hidden,
    /// Live results, before the first count was stored.
    Counting,
    /// The last live count, while newer ballots wait for the next one.
    Recounting,
    /// The last live count (voting is still open).
    Provisional,
    /// The final tally.
    Final,
    /// The meeting was cancelled: there is no count.
    Cancelled,
}

impl Shown {
    /// What the page shows for `state` (`Counting` too when its count could not be read yet).
    #[must_use]
    pub fn of(state: ResultsState, has_count: bool) -> Self {
        match state {
            ResultsState::Hidden => Self::Hidden,
            ResultsState::Cancelled => Self::Cancelled,
            _ if !has_count => Self::Counting,
            ResultsState::Counting => Self::Counting,
            ResultsState::Provisional { counting: true, .. } => Self::Recounting,
            ResultsState::Provisional { .. } => Self::Provisional,
            ResultsState::Final { .. } => Self::Final,
        }
    }
}

/// `GET /teams/{team}/meetings/{id}/results`.
pub async fn show(
    ctx: Ctx,
    path: web::Path<(String, MeetingId)>,
) -> Result<HttpResponse, WebError> {
    let (slug, id) = path.into_inner();
    let now = ctx.now;
    let principal = ctx.principal();
    let reads = ctx.reads().await?;
    let (reads, access, state) = match tally::results_state_on(&reads, principal, &slug, id, now)
        .await?
    {
        (access, Some(state)) => (reads, access, state),
        // Voting has closed and nobody has tallied: tally on the pool (it takes the
        // meeting's lock), then read on a transaction that sees the tally.
        (_, None) => {
            drop(reads);
            let (access, state) = tally::results_state(ctx.db(), principal, &slug, id, now).await?;
            (ctx.reads().await?, access, state)
        }
    };
    let meeting = header_on(&ctx, &reads, &access, now).await?;
    drop(reads);
    let built = built(&ctx.state, id, state, ctx.lang()).await?;
    let b = built.as_deref();
    let page = ResultsPage {
        title: text_with(
            ctx.lang(),
            "mt-results-title",
            &[("title", access.meeting.title.clone())],
        ),
        layout: ctx.layout(),
        meeting,
        state: Shown::of(state, b.is_some()),
        voting_closes: date_time_in(access.meeting.voting_close_at, access.zone, ctx.lang()),
        ballot_count: b.map_or(0, |b| b.ballot_count),
        tallied_at: b
            .and_then(|b| b.tallied_at)
            .map(|at| date_time_in(at, access.zone, ctx.lang())),
        seed: b.and_then(|b| b.seed),
        note: b.and_then(|b| b.note.as_deref()),
        agenda_rows: b.map_or("", |b| b.agenda_rows.as_str()),
        details: b.map_or("", |b| b.details.as_str()),
        minutes_used: b.map_or(0, |b| b.minutes_used),
    };
    ctx.render(StatusCode::OK, "results.html", &page)
}
