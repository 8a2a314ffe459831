//! A meeting's results on `/api/v1`: `GET .../results` (what the results page shows this
//! caller, from the same stored count and the same built data, `ResultsCache`: nothing is
//! counted on the request path) and the files anyone can check the count with, the same
//! bytes as the page's downloads: `results/ballots.csv`, `results/receipts.csv`,
//! `results/rules.json` and `results/rctab.json`. Who may see what is decided by the service
//! the page uses (`service::meetings::tally`, the access table's `ViewMeetings` row).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::ids::MeetingId;
use crate::service::meetings::tally;
use crate::web::AppState;
use crate::web::api::auth::ApiCaller;
use crate::web::api::errors::{ApiError, ErrorBody, ReadErrors};
use crate::web::api::meetings::utc;
use crate::web::api::{json_with_etag, path_id};
use crate::web::meetings::results::{self, AgendaLine, Download, PassTable, Shown, built};

/// A meeting's results, as its results page shows them to the token's owner.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingResults {
    /// What there is to show: nothing while results are hidden, counting or cancelled; the
    /// live count (`provisional`, `recounting`) or the final tally otherwise.
    pub state: Shown,
    /// When voting closes (RFC 3339, UTC).
    #[schema(format = DateTime)]
    pub voting_closes_at: String,
    /// Ballots counted (0 when there is no count to show).
    pub ballot_count: usize,
    /// When the final tally was stored (RFC 3339, UTC; `null` for a live count).
    #[schema(format = DateTime)]
    pub tallied_at: Option<String>,
    /// The seed of the draw that breaks ties left after earlier rounds' counts.
    pub seed: Option<i64>,
    /// Why there is no ranking, or why the count fell back (in the owner's language).
    pub note: Option<String>,
    /// The tally's agenda: fixed items first, then every item in tally order, each with what
    /// happened to it and why.
    pub agenda: Vec<AgendaLine>,
    /// Minutes the agenda takes.
    pub minutes_used: u32,
    /// The meeting's time budget in minutes.
    pub budget_minutes: i32,
    /// One count per place (sequential IRV), as the page's tables show it.
    pub places: Vec<Place>,
    /// The whole count explained round by round, for people.
    pub explanation: Option<String>,
    /// Equal shares of time, step by step (equal-shares meetings only).
    pub equal_shares: Option<String>,
}

/// The count that decided one place: its last rounds (at most six) and the items with most
/// votes in them (at most twenty), as on the results page; `results/rctab.json` has every round.
#[derive(Debug, Serialize, ToSchema)]
pub struct Place {
    /// 1-based place.
    pub place: usize,
    /// The item placed (`null` if the count decided none).
    pub winner: Option<String>,
    /// Its proposal.
    pub winner_proposal_id: Option<i64>,
    /// The tie-breaks the winner took part in, as sentences.
    pub ties: Vec<String>,
    /// Rounds before the ones listed.
    pub earlier_rounds: usize,
    /// Items left out of the rounds listed (fewer votes than those listed).
    pub more_items: usize,
    /// The rounds, in order.
    pub rounds: Vec<PlaceRound>,
}

/// One round of a place's count.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceRound {
    /// Its number (1 is the first).
    pub round: u32,
    /// The votes of each item still in the count.
    pub counts: Vec<ItemVotes>,
}

/// An item's votes in one round.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemVotes {
    pub title: String,
    pub proposal_id: Option<i64>,
    /// Exact, as a decimal string (RCTab's scale: `"8"`, `"2.3330"`).
    #[schema(example = "8")]
    pub votes: String,
}

impl From<&PassTable> for Place {
    fn from(table: &PassTable) -> Self {
        let rounds = table
            .rounds
            .iter()
            .enumerate()
            .map(|(i, &round)| PlaceRound {
                round,
                counts: table
                    .rows
                    .iter()
                    .filter_map(|row| {
                        let votes = row.votes.get(i).copied().flatten()?;
                        Some(ItemVotes {
                            title: row.name.clone(),
                            proposal_id: row.proposal_id,
                            votes: votes.to_string(),
                        })
                    })
                    .collect(),
            })
            .collect();
        Self {
            place: table.place,
            winner: table.winner_proposal_id.map(|_| table.winner.clone()),
            winner_proposal_id: table.winner_proposal_id,
            ties: table.ties.clone(),
            earlier_rounds: table.earlier_rounds,
            more_items: table.more_items,
            rounds,
        }
    }
}

/// The team's slug and the meeting's id of a meeting's path.
pub(crate) fn meeting_path(
    path: web::Path<(String, String)>,
) -> Result<(String, MeetingId), ApiError> {
    let (team, meeting) = path.into_inner();
    Ok((team, path_id(&meeting)?))
}

/// A meeting's results: the tally, round by round.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/results",
    tag = "results",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "The results the page shows this caller", body = MeetingResults,
            headers(("ETag" = String, description = "Version of the body"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        ReadErrors,
        (status = 404, description = "No such meeting in a team of the owner's", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = meeting_path(path)?;
    let (access, counted) =
        tally::results_state(&state.db.conn, caller.principal, &team, id, caller.now).await?;
    let built = built(&state, id, counted, caller.lang).await?;
    let b = built.as_deref();
    json_with_etag(
        &req,
        &MeetingResults {
            state: Shown::of(counted, b.is_some()),
            voting_closes_at: utc(access.meeting.voting_close_at),
            ballot_count: b.map_or(0, |b| b.ballot_count),
            tallied_at: b.and_then(|b| b.tallied_at).map(utc),
            seed: b.and_then(|b| b.seed),
            note: b.and_then(|b| b.note.clone()),
            agenda: b.map_or_else(Vec::new, |b| b.agenda.clone()),
            minutes_used: b.map_or(0, |b| b.minutes_used),
            budget_minutes: access.meeting.budget_minutes,
            places: b.map_or_else(Vec::new, |b| b.places.iter().map(Place::from).collect()),
            explanation: b.and_then(|b| b.explanation.clone()),
            equal_shares: b.and_then(|b| b.equal_shares.clone()),
        },
    )
}

/// The anonymised ballots of a tallied meeting: one ballot per line, best first, item names
/// as in `rules.json` (the input of `roundtable tally`).
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/results/ballots.csv",
    tag = "results",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "One ballot per line, in receipt-hash order", body = String,
            content_type = "text/csv"),
        ReadErrors,
        (status = 404, description = "No such meeting in a team of the owner's, or not tallied yet", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn ballots_csv(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = meeting_path(path)?;
    download(results::ballots_file(&state.db.conn, caller.principal, &team, id, caller.now).await)
}

/// Each ballot's receipt hash with its ranking, in the order of `ballots.csv`: a voter finds
/// their receipt and sees their ballot was counted.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/results/receipts.csv",
    tag = "results",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "A header line, then `receipt_sha256` and the ranking per ballot",
            body = String, content_type = "text/csv"),
        ReadErrors,
        (status = 404, description = "No such meeting in a team of the owner's, or not tallied yet", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn receipts_csv(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = meeting_path(path)?;
    download(results::receipts_file(&state.db.conn, caller.principal, &team, id, caller.now).await)
}

/// RCTab's summary JSON of the tally: one summary per place (`multiPassIrv`), what
/// `roundtable tally --format json` prints for `ballots.csv` and the page's `rules.json`.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/results/rctab.json",
    tag = "results",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "An array of RCTab summaries, one per pass (`[]` when nothing was ranked)",
            body = Vec<Object>, content_type = "application/json"),
        ReadErrors,
        (status = 404, description = "No such meeting in a team of the owner's, or not tallied yet", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn rctab_json(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = meeting_path(path)?;
    download(results::rctab_file(&state.db.conn, caller.principal, &team, id, caller.now).await)
}

/// The count's rules, tie-break seed and candidates, the page's `rules.json` byte for byte:
/// with `ballots.csv`, what `roundtable tally --ballots ballots.csv --rules rules.json` recounts.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{team}/meetings/{meeting}/results/rules.json",
    tag = "results",
    params(
        ("team" = String, Path, description = "The team's slug"),
        ("meeting" = i64, Path, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "`source.contestName`, `rules` (seed included) and `candidates` by name",
            body = Object, content_type = "application/json"),
        ReadErrors,
        (status = 404, description = "No such meeting in a team of the owner's, or not tallied yet", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn rules_json(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (team, id) = meeting_path(path)?;
    download(results::rules_file(&state.db.conn, caller.principal, &team, id, caller.now).await)
}

/// The file as the page serves it.
pub(crate) fn download(
    file: Result<Download, crate::web::WebError>,
) -> Result<HttpResponse, ApiError> {
    Ok(file?.response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tally::Decimal;
    use crate::web::meetings::results::TableRow;

    #[test]
    fn a_place_lists_each_round_with_the_exact_votes_of_the_items_still_in_it() {
        let row = |name: &str, id: i64, votes: Vec<Option<Decimal>>| TableRow {
            name: name.to_owned(),
            proposal_id: Some(id),
            cells: Vec::new(),
            votes,
        };
        let table = PassTable {
            place: 1,
            winner: "Trip".to_owned(),
            winner_proposal_id: Some(7),
            ties: Vec::new(),
            earlier_rounds: 2,
            more_items: 0,
            rounds: vec![3, 4],
            rows: vec![
                row(
                    "Trip",
                    7,
                    vec![Some(Decimal::from_int(5)), Some(Decimal::from_int(9))],
                ),
                row("Rubric", 8, vec![Some(Decimal::from_int(4)), None]),
            ],
        };
        let place = Place::from(&table);
        assert_eq!(place.winner.as_deref(), Some("Trip"));
        assert_eq!(place.earlier_rounds, 2);
        let rounds: Vec<(u32, Vec<(&str, &str)>)> = place
            .rounds
            .iter()
            .map(|r| {
                (
                    r.round,
                    r.counts
                        .iter()
                        .map(|c| (c.title.as_str(), c.votes.as_str()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            rounds,
            vec![
                (3, vec![("Trip", "5"), ("Rubric", "4")]),
                (4, vec![("Trip", "9")]),
            ]
        );
        let undecided = PassTable {
            winner_proposal_id: None,
            ..table
        };
        assert_eq!(Place::from(&undecided).winner, None);
    }
}
