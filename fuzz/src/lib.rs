//! Fuzzing harness: one function per input the program reads from outside, each calling the
//! same public function the program calls. The libFuzzer targets in `fuzz_targets/` call
//! these; `tests/fuzz_regressions.rs` includes this file and replays the seeds and every
//! crash found through them, so the harness stays compiled and exercised by `cargo test`.
//!
//! Bad input must come back as `Err` (the functions return the program's message); a panic
//! here is a crash: either the program panicked, or a property checked below failed.

use std::collections::HashMap;

use roundtable::domain::ids::{ProposalId, UserId};
use roundtable::service::ServiceError;
use roundtable::service::meetings::MeetingForm;
use roundtable::service::meetings::ballots::parse_ranks;
use roundtable::tally::budget::{parse_pabulib, write_pabulib};
use roundtable::tally::formats::csv::{BallotParser, UnknownNames, parse_ballots};
use roundtable::tally::formats::json_ballots::parse_json_ballots;
use roundtable::tally::formats::rules_json::parse_rules_file;
use roundtable::tally::formats::{OVERVOTE_CELL, UNDECLARED_WRITE_INS};
use roundtable::tally::{Ballot, Candidate, CandidateId, Election, Mark, TallyError, count};

/// What a reader made of its input: accepted, or refused with the program's message.
pub type Verdict = Result<(), String>;

/// Candidates and grouped ballots, as the CSV reader returns them.
type Read = (Vec<Candidate>, Vec<Ballot>);

/// Ballot CSV as `roundtable tally --ballots FILE.csv` reads it (names from the ballots),
/// plus the weighted dialect and a fixed candidate list. For each, the whole-input reader,
/// the streaming reader fed in small pieces (as the CLI feeds it) and a reference reader on
/// the `csv` crate must agree on the ballots, the names, and the error's line and column.
pub fn ballots_csv(data: &[u8]) -> Verdict {
    let verdict = csv_agrees(data, &[], false, UnknownNames::Add);
    csv_agrees(data, &[], true, UnknownNames::Add).ok();
    csv_agrees(data, &["A", "B", "C"], false, UnknownNames::Reject).ok();
    verdict
}

fn csv_agrees(data: &[u8], names: &[&str], weighted: bool, unknown: UnknownNames) -> Verdict {
    let start: Vec<Candidate> = names.iter().map(|n| Candidate::new(*n)).collect();
    let mut candidates = start.clone();
    let whole = parse_ballots(data, &mut candidates, weighted, unknown)
        .map(|ballots| (candidates, ballots));
    let small = if data.len() <= 512 { 1 } else { 7 };
    for chunk in [small, 64, 4096] {
        let streamed = streamed(data, start.clone(), weighted, unknown, chunk);
        assert_eq!(
            streamed, whole,
            "streaming in {chunk}-byte pieces disagrees with the whole input"
        );
    }
    let expected = reference(data, start, weighted, unknown);
    assert_eq!(whole, expected, "the reader disagrees with the csv crate");
    whole.map(|_| ()).map_err(|e| e.to_string())
}

/// Feeds `data` to the streaming reader exactly as `commands::stream_limited` does, with a
/// buffer of `chunk` bytes that doubles when one record does not fit.
fn streamed(
    data: &[u8],
    start: Vec<Candidate>,
    weighted: bool,
    unknown: UnknownNames,
    chunk: usize,
) -> Result<Read, TallyError> {
    let mut parser = BallotParser::new(start, weighted, unknown)?;
    let mut buf = vec![0u8; chunk.max(1)];
    let (mut filled, mut read) = (0usize, 0usize);
    loop {
        let rest = data.get(read..).unwrap_or_default();
        let n = (buf.len() - filled).min(rest.len());
        if let (Some(to), Some(from)) = (buf.get_mut(filled..filled + n), rest.get(..n)) {
            to.copy_from_slice(from);
        }
        read += n;
        filled += n;
        let at_end = n == 0;
        if filled < buf.len() && !at_end {
            continue;
        }
        let used = parser
            .feed(buf.get(..filled).unwrap_or_default(), at_end)?
            .min(filled);
        if at_end {
            return Ok(parser.finish());
        }
        buf.copy_within(used..filled, 0);
        filled -= used;
        if filled == buf.len() {
            buf.resize(buf.len() * 2, 0);
        }
    }
}

/// The grouped ballots a reader should give: the `csv` crate's records, each cell read as
/// the format says, identical rankings summed in order of first appearance.
fn reference(
    data: &[u8],
    mut candidates: Vec<Candidate>,
    weighted: bool,
    unknown: UnknownNames,
) -> Result<Read, TallyError> {
    let error = |line, column, message: String| TallyError::Parse {
        line,
        column,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut groups: Vec<(u64, Ballot)> = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => panic!("the csv crate refused a byte string: {e}"),
        }
        let line = record.position().map_or(0, csv::Position::line);
        let mut weight = 1u64;
        let mut marks = Vec::new();
        for (i, field) in record.iter().enumerate() {
            let column = i as u64 + 1;
            let text = std::str::from_utf8(field)
                .map_err(|_| error(line, column, "cell is not valid UTF-8".into()))?;
            if weighted && i == 0 {
                weight = text
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|w| *w > 0)
                    .ok_or_else(|| {
                        error(
                            line,
                            column,
                            format!("expected a positive count, found {text:?}"),
                        )
                    })?;
                continue;
            }
            let mut resolve = |name: &str| -> Result<CandidateId, TallyError> {
                if let Some(i) = candidates.iter().position(|c| c.name == name) {
                    return Ok(CandidateId(i as u32));
                }
                if unknown == UnknownNames::Reject || name.trim().is_empty() {
                    return Err(error(line, column, format!("unknown candidate {name:?}")));
                }
                let mut c = Candidate::new(name);
                c.undeclared_write_in = name == UNDECLARED_WRITE_INS;
                candidates.push(c);
                Ok(CandidateId(candidates.len() as u32 - 1))
            };
            marks.push(if text.is_empty() {
                Mark::Skipped
            } else if text == OVERVOTE_CELL {
                Mark::Overvote
            } else if text.contains('|') {
                let ids = text
                    .split('|')
                    .map(&mut resolve)
                    .collect::<Result<_, _>>()?;
                Mark::OvervoteOf(ids)
            } else {
                Mark::Candidate(resolve(text)?)
            });
        }
        if weighted && record.is_empty() {
            return Err(error(line, 1, "missing count".into()));
        }
        let ballot = Ballot::new(1, &marks);
        match groups.iter_mut().find(|(_, b)| *b == ballot) {
            Some((total, _)) => *total = total.saturating_add(weight),
            None => groups.push((weight, ballot)),
        }
    }
    let ballots = groups.into_iter().map(|(w, b)| b.with_weight(w)).collect();
    Ok((candidates, ballots))
}

/// JSON ballots as `roundtable tally --ballots FILE.json` reads them. A file is accepted
/// exactly when each of its ballots is accepted alone (names are added as they come, so one
/// ballot cannot make another wrong); what is read, written back as JSON and read again
/// gives the same names and ballots.
pub fn ballots_json(data: &[u8]) -> Verdict {
    // The CLI refuses a file that is not UTF-8 before parsing.
    let text = std::str::from_utf8(data).map_err(|_| "not UTF-8".to_owned())?;
    each_ballot_alone(text);
    let mut candidates = Vec::new();
    let ballots =
        parse_json_ballots(text, &mut candidates, UnknownNames::Add).map_err(|e| e.to_string())?;
    let written = ballots_as_json(&candidates, &ballots);
    let mut again = Vec::new();
    let back = parse_json_ballots(&written, &mut again, UnknownNames::Add)
        .unwrap_or_else(|e| panic!("written ballots do not read back: {e}\n{written}"));
    assert_eq!(again, candidates, "names changed in a round trip");
    assert_eq!(back, ballots, "ballots changed in a round trip");
    Ok(())
}

/// Compares reading the whole array with reading each item alone. Both sides start from
/// the array as `serde_json::Value` writes it, so duplicate keys and number spellings of
/// the input cannot make them differ.
fn each_ballot_alone(text: &str) {
    let Ok(items) = serde_json::from_str::<Vec<serde_json::Value>>(text) else {
        return;
    };
    let read = |json: String| parse_json_ballots(&json, &mut Vec::new(), UnknownNames::Add);
    let whole = read(serde_json::Value::Array(items.clone()).to_string());
    let alone = items
        .iter()
        .all(|item| read(serde_json::Value::Array(vec![item.clone()]).to_string()).is_ok());
    assert_eq!(
        whole.is_ok(),
        alone,
        "the file's verdict differs from its ballots' verdicts: {whole:?}"
    );
}

fn ballots_as_json(candidates: &[Candidate], ballots: &[Ballot]) -> String {
    let name = |id: &CandidateId| {
        candidates.get(id.index()).map_or_else(
            || panic!("ballot names candidate {id:?}"),
            |c| c.name.clone(),
        )
    };
    let items: Vec<serde_json::Value> = ballots
        .iter()
        .map(|b| {
            let ranks: Vec<String> = b
                .marks()
                .iter()
                .map(|m| match m {
                    Mark::Skipped => String::new(),
                    Mark::Overvote => OVERVOTE_CELL.to_owned(),
                    Mark::Candidate(id) => name(id),
                    Mark::OvervoteOf(ids) => ids.iter().map(name).collect::<Vec<_>>().join("|"),
                })
                .collect();
            serde_json::json!({ "weight": b.weight(), "ranks": ranks })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

/// A Pabulib `.pb` file as `roundtable budget FILE.pb` and the budget import read it. An
/// instance the writer accepts reads back equal to itself.
pub fn pabulib(data: &[u8]) -> Verdict {
    let instance = parse_pabulib(data).map_err(|e| e.to_string())?;
    if let Ok(text) = write_pabulib(&instance) {
        let back = parse_pabulib(text.as_bytes())
            .unwrap_or_else(|e| panic!("a written .pb does not read back: {e}\n{text}"));
        assert_eq!(
            back, instance,
            "a .pb round trip changed the instance\n{text}"
        );
    }
    Ok(())
}

/// A `rules.json` as `roundtable tally --rules FILE` reads it. Accepted rules survive a
/// write and a read, and a small election counts under them with `Ok` or `Err`.
pub fn rules_json(data: &[u8]) -> Verdict {
    let text = std::str::from_utf8(data).map_err(|_| "not UTF-8".to_owned())?;
    let file = parse_rules_file(text).map_err(|e| e.to_string())?;
    let written = serde_json::to_string(&file.rules)
        .unwrap_or_else(|e| panic!("rules do not serialise: {e}"));
    let back = parse_rules_file(&written)
        .unwrap_or_else(|e| panic!("written rules do not read back: {e}\n{written}"));
    assert_eq!(back.rules, file.rules, "rules changed in a round trip");
    let mut candidates = file.candidates;
    if candidates.is_empty() || candidates.len() > 8 {
        candidates = ["A", "B", "C", "D"]
            .into_iter()
            .map(Candidate::new)
            .collect();
    }
    let n = candidates.len() as u32;
    let rank = |r: &[u32]| {
        let ids: Vec<CandidateId> = r.iter().map(|i| CandidateId(i % n)).collect();
        Ballot::ranking(&ids)
    };
    let election = Election {
        candidates,
        ballots: vec![
            rank(&[0, 1, 2]).with_weight(3),
            rank(&[1, 0]).with_weight(2),
            rank(&[2, 3, 1]).with_weight(2),
            rank(&[3, 2]),
            Ballot::new(1, &[Mark::Overvote, Mark::Candidate(CandidateId(0))]),
            Ballot::new(
                1,
                &[
                    Mark::Skipped,
                    Mark::Skipped,
                    Mark::Candidate(CandidateId(1)),
                ],
            ),
        ],
        rules: file.rules,
    };
    // Either outcome is fine; a panic is not.
    count(&election).ok();
    Ok(())
}

/// The ranked ballot form (`POST .../ballot`, also the budget ballot): the urlencoded body
/// decoded as actix-web's `web::Form` decodes it, then read into a ranking of five items.
/// An accepted ranking names each item at most once, only items on the ballot, at least one.
pub fn ballot_form(data: &[u8]) -> Verdict {
    let fields: HashMap<String, String> =
        serde_urlencoded::from_bytes(data).map_err(|e| e.to_string())?;
    let ids: Vec<ProposalId> = (1..=5).map(ProposalId).collect();
    let ranking = match parse_ranks(&ids, &fields, "item") {
        Ok(ranking) => ranking,
        Err(ServiceError::Invalid(errors)) => {
            assert!(!errors.is_empty(), "a refusal without a message");
            return Err(format!(
                "{:?}",
                errors.in_language(roundtable::i18n::Lang::En)
            ));
        }
        Err(other) => panic!("the ballot form gave {other:?}"),
    };
    assert!(!ranking.is_empty(), "an empty ranking was accepted");
    let mut seen = ranking.clone();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(
        seen.len(),
        ranking.len(),
        "an item ranked twice: {ranking:?}"
    );
    assert!(
        ranking.iter().all(|id| ids.contains(id)),
        "unknown item: {ranking:?}"
    );
    Ok(())
}

/// The meeting form (`POST .../meetings` and `.../edit`): the urlencoded body decoded as
/// `web::Form<MeetingForm>` decodes it, then checked as the service checks it before saving.
pub fn meeting_form(data: &[u8]) -> Verdict {
    let form: MeetingForm = serde_urlencoded::from_bytes(data).map_err(|e| e.to_string())?;
    let members = [UserId(1), UserId(2), UserId(3)];
    // London: its clock changes put skipped and repeated times within reach of the input.
    let zone = roundtable::domain::zone::Zone::parse("Europe/London").expect("bundled zone");
    match form.parse(&members, zone) {
        Ok(_) => Ok(()),
        Err(ServiceError::Invalid(errors)) => {
            assert!(!errors.is_empty(), "a refusal without a message");
            Err(format!(
                "{:?}",
                errors.in_language(roundtable::i18n::Lang::En)
            ))
        }
        Err(other) => panic!("the meeting form gave {other:?}"),
    }
}
