//! The count's sentences, one method per sentence shape, so that the explanations are built
//! once (in `explain`, `agenda`, `tie_note`) and written in any language: [`English`] gives
//! the text the command line, the exports and the conformance tests read; the web supplies a
//! phrasebook backed by its message catalogues. Pure: no catalogue, no I/O.

use serde::{Deserialize, Serialize};

use super::agenda::Reason;
use super::decimal::Decimal;
use super::outcome::{Inactive, TiePurpose};

/// A counted noun: the thing a quantity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    /// "1 vote", "2 votes".
    Vote,
    /// "1 ballot", "2 ballots".
    Ballot,
    /// "1 overvote".
    Overvote,
    /// "1 skipped ranking".
    SkippedRanking,
    /// "1 repeated ranking".
    RepeatedRanking,
}

/// Where transferred votes went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved<'a> {
    /// To a candidate; `first` for the first candidate of the list ("moved to").
    To { name: &'a str, first: bool },
    /// Became inactive.
    Exhausted,
    /// STV rounding remainder.
    ResidualSurplus,
}

/// Which rule broke a tie, parsed from (and written as) the tie-break's explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieRule {
    /// "chosen by the seeded random draw".
    Draw,
    /// "listed first (last) in the tie-break order".
    Listed { first: bool },
    /// "had the most (fewest) votes in round N".
    EarlierRound { most: bool, round: u32 },
    /// "still tied in every earlier round; chosen by the seeded random draw".
    DrawAfterEarlierRounds,
}

impl TieRule {
    /// The explanation as the tie-break writes it (English).
    #[must_use]
    pub fn english(self) -> String {
        match self {
            Self::Draw => super::tiebreak::DRAW.to_owned(),
            Self::Listed { first } => format!(
                "listed {} in the tie-break order",
                if first { "first" } else { "last" }
            ),
            Self::EarlierRound { most, round } => format!(
                "had the {} votes in round {round}",
                if most { "most" } else { "fewest" }
            ),
            Self::DrawAfterEarlierRounds => {
                format!(
                    "still tied in every earlier round; {}",
                    super::tiebreak::DRAW
                )
            }
        }
    }

    /// The rule an explanation written by [`TieRule::english`] names (`None` for other text).
    #[must_use]
    pub fn parse(explanation: &str) -> Option<Self> {
        let rule = match explanation {
            "listed first in the tie-break order" => Self::Listed { first: true },
            "listed last in the tie-break order" => Self::Listed { first: false },
            e if e == super::tiebreak::DRAW => Self::Draw,
            e if e == Self::DrawAfterEarlierRounds.english() => Self::DrawAfterEarlierRounds,
            e => {
                let (most, rest) = if let Some(r) = e.strip_prefix("had the most votes in round ") {
                    (true, r)
                } else {
                    (false, e.strip_prefix("had the fewest votes in round ")?)
                };
                Self::EarlierRound {
                    most,
                    round: rest.parse().ok()?,
                }
            }
        };
        Some(rule)
    }
}

/// Why an item is or is not on an equal-shares agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shares {
    /// Chosen by the method (its [`Reason`] gives the minutes).
    Chosen,
    /// Not chosen: nobody ranked it.
    Nobody,
    /// Not chosen: it did not fit in the minutes left.
    TooLong,
    /// Not chosen: too few members ranked it for its minutes.
    TooFew,
}

impl Shares {
    /// The verdict an English explanation written by [`English`] gives (counts stored before
    /// the verdict was kept).
    #[must_use]
    pub fn parse(explanation: &str) -> Option<Self> {
        if explanation.starts_with("chosen ") {
            return Some(Self::Chosen);
        }
        let rest = explanation.strip_prefix("not chosen by equal shares")?;
        Some(if rest.starts_with(": nobody") {
            Self::Nobody
        } else if rest.starts_with(": too few") {
            Self::TooFew
        } else {
            Self::TooLong
        })
    }
}

/// Why a meeting's count has no ranking, or fell back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Note {
    /// No items were proposed.
    NoItems,
    /// No ballots were cast.
    NoBallots,
    /// The count failed with `error`.
    CountFailed { error: String },
    /// Equal shares failed with `error`; the ranked order stands.
    SharesFailed { error: String },
}

impl Note {
    /// The note a stored English sentence gives (counts stored before the kind was kept).
    #[must_use]
    pub fn parse(note: &str) -> Option<Self> {
        if note == English.note(&Self::NoItems) {
            return Some(Self::NoItems);
        }
        if note == English.note(&Self::NoBallots) {
            return Some(Self::NoBallots);
        }
        let inner = |prefix: &str, suffix: &str| {
            note.strip_prefix(prefix)
                .and_then(|r| r.strip_suffix(suffix))
                .map(str::to_owned)
        };
        inner(
            "The count could not finish (",
            "); items are listed in the order they were proposed.",
        )
        .map(|error| Self::CountFailed { error })
        .or_else(|| {
            inner(
                "Equal shares could not run (",
                "); the agenda follows the ranked order.",
            )
            .map(|error| Self::SharesFailed { error })
        })
    }
}

/// One tie-break an item took part in, with its parts already named (see
/// [`crate::tally::agenda::tie_note::sentence`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TieNote<'a> {
    /// The other tied items named.
    pub named: Vec<&'a str>,
    /// How many other tied items were not named.
    pub unnamed: usize,
    /// How many other items were tied in all.
    pub others: u32,
    /// Their common tally.
    pub votes: Decimal,
    pub round: u32,
    /// Earlier tie-breaks of the item not told.
    pub earlier: u32,
    /// The item chosen, `None` when it is the item itself.
    pub chosen: Option<&'a str>,
    pub purpose: TiePurpose,
    /// The rule that decided, already phrased ([`Phrases::tie_rule`]).
    pub rule: String,
    /// The seed, when the draw decided.
    pub seed: Option<i64>,
}

/// A phrasebook: every sentence of a count's explanation, in one language.
pub trait Phrases {
    /// A vote quantity: "1,204", "2,333.3330".
    fn votes(&self, d: Decimal) -> String;
    /// A quantity with its noun: "1 vote", "1,204 votes".
    fn counted(&self, d: Decimal, noun: Noun) -> String;
    /// "1st", "2nd".
    fn ordinal(&self, n: u32) -> String;
    /// A list: "A, B, C".
    fn list(&self, items: &[String]) -> String;
    /// One standing of a round: "Alice 12".
    fn standing(&self, name: &str, votes: Decimal) -> String;
    /// "3 more" (standings not listed).
    fn more(&self, n: usize) -> String;
    /// "Round 2: threshold 7; Alice 12, Bob 3."
    fn round(&self, number: u32, threshold: Decimal, standings: &[String]) -> String;
    /// The rule a tie-break's explanation names, in this language.
    fn tie_rule(&self, explanation: &str) -> String;
    /// "Tie to elect between A, B at 2 votes: A chosen by …."
    fn tie_between(
        &self,
        purpose: TiePurpose,
        names: &[&str],
        votes: Decimal,
        chosen: &str,
        rule: &str,
    ) -> String;
    /// "Tie to eliminate among 3 items at 2 votes: A had …."
    fn tie_among(
        &self,
        purpose: TiePurpose,
        count: usize,
        votes: Decimal,
        chosen: &str,
        rule: &str,
    ) -> String;
    /// "812 moved to Alice", "301 to Bob", "91 exhausted".
    fn moved(&self, amount: Decimal, target: Moved<'_>) -> String;
    /// "Carol eliminated with 1,204 votes; 812 moved to Alice, 91 exhausted."
    fn decided(&self, purpose: TiePurpose, name: &str, votes: Decimal, moved: &[String]) -> String;
    /// "Inactive ballots so far: …."
    fn inactive(&self, inactive: &Inactive) -> String;
    /// "6 ballots, 0 blank."
    fn ballots(&self, total: Decimal, blank: Decimal) -> String;
    /// "Pass 2 (place 2):"
    fn pass(&self, place: usize) -> String;
    /// "Stopped in round 3: tie between A, B at 2 votes must be decided by a person."
    fn stopped_between(&self, round: u32, names: &[&str], votes: Decimal) -> String;
    /// "Stopped in round 3: a tie among 4 at 2 votes must be decided by a person."
    fn stopped_among(&self, round: u32, count: usize, votes: Decimal) -> String;
    /// "Place 2: Bob."
    fn place(&self, place: usize, name: &str) -> String;
    /// "Winners: A, B." (or none).
    fn winners(&self, names: &[&str]) -> String;
    /// "Random seed: 4506."
    fn seed(&self, seed: i64) -> String;
    /// "Rounds 1 to 9: 9 items eliminated, each with the fewest votes."
    fn early_rounds(&self, last: usize, eliminated: usize) -> String;
    /// "Not ranked: 3 items; the agenda was full, …."
    fn not_ranked(&self, count: usize) -> String;
    /// An agenda item's reason: "ranked 1st; 20 minutes fits (40 of 60 minutes left)".
    fn reason(&self, reason: &Reason, budget_minutes: u32) -> String;
    /// An item's reason on an equal-shares agenda.
    fn shares(&self, verdict: Shares, reason: &Reason, budget_minutes: u32) -> String;
    /// A tie-break an item took part in: "tied 2–2 with #5 Marking in round 4; …".
    fn tie_note(&self, note: &TieNote<'_>) -> String;
    /// Why a meeting's count has no ranking, or fell back.
    fn note(&self, note: &Note) -> String;
}

/// The English phrasebook: the text of the command line and the exports.
#[derive(Debug, Clone, Copy, Default)]
pub struct English;

/// Format a vote quantity with thousands separators: `1,204` or `2,333.3330`.
#[must_use]
pub fn english_votes(d: Decimal) -> String {
    let text = d.to_string();
    let (sign, rest) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A vote quantity with its noun, singular only for exactly one.
#[must_use]
pub fn english_counted(d: Decimal, singular: &str, plural: &str) -> String {
    let text = english_votes(d);
    let noun = if text == "1" { singular } else { plural };
    format!("{text} {noun}")
}

/// English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 101st, 111th, 112th.
#[must_use]
pub fn english_ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn number(n: u32) -> String {
    english_votes(Decimal::from_int(i128::from(n)))
}

/// "1 minute", "20 minutes", "1,440 minutes".
fn minutes(n: u32) -> String {
    let unit = if n == 1 { "minute" } else { "minutes" };
    format!("{} {unit}", number(n))
}

fn elect_word(purpose: TiePurpose) -> &'static str {
    match purpose {
        TiePurpose::Elect => "to elect",
        TiePurpose::Eliminate => "to eliminate",
    }
}

impl English {
    /// "20 minutes fits (40 of 60 minutes left)" or "… would pass the 60-minute budget by
    /// 10": what follows "ranked 1st; " for a ranked item.
    fn ranked_tail(reason: &Reason, budget_minutes: u32) -> Option<String> {
        let budget = minutes(budget_minutes);
        match *reason {
            Reason::Fits {
                minutes: m,
                minutes_left,
                ..
            } => Some(format!(
                "{} fits ({} of {budget} left)",
                minutes(m),
                number(minutes_left)
            )),
            Reason::TooLong {
                minutes: m,
                over_by,
                ..
            } => Some(format!(
                "{} would pass the {}-minute budget by {}",
                minutes(m),
                number(budget_minutes),
                number(over_by)
            )),
            Reason::Reserved { .. } | Reason::NotRanked { .. } => None,
        }
    }
}

impl Phrases for English {
    fn votes(&self, d: Decimal) -> String {
        english_votes(d)
    }

    fn counted(&self, d: Decimal, noun: Noun) -> String {
        let (one, many) = match noun {
            Noun::Vote => ("vote", "votes"),
            Noun::Ballot => ("ballot", "ballots"),
            Noun::Overvote => ("overvote", "overvotes"),
            Noun::SkippedRanking => ("skipped ranking", "skipped rankings"),
            Noun::RepeatedRanking => ("repeated ranking", "repeated rankings"),
        };
        english_counted(d, one, many)
    }

    fn ordinal(&self, n: u32) -> String {
        english_ordinal(n)
    }

    fn list(&self, items: &[String]) -> String {
        items.join(", ")
    }

    fn standing(&self, name: &str, votes: Decimal) -> String {
        format!("{name} {}", english_votes(votes))
    }

    fn more(&self, n: usize) -> String {
        format!("{n} more")
    }

    fn round(&self, number: u32, threshold: Decimal, standings: &[String]) -> String {
        format!(
            "Round {number}: threshold {}; {}.",
            english_votes(threshold),
            standings.join(", ")
        )
    }

    fn tie_rule(&self, explanation: &str) -> String {
        explanation.to_owned()
    }

    fn tie_between(
        &self,
        purpose: TiePurpose,
        names: &[&str],
        votes: Decimal,
        chosen: &str,
        rule: &str,
    ) -> String {
        format!(
            "Tie {} between {} at {}: {chosen} {rule}.",
            elect_word(purpose),
            names.join(", "),
            self.counted(votes, Noun::Vote)
        )
    }

    fn tie_among(
        &self,
        purpose: TiePurpose,
        count: usize,
        votes: Decimal,
        chosen: &str,
        rule: &str,
    ) -> String {
        format!(
            "Tie {} among {count} items at {}: {chosen} {rule}.",
            elect_word(purpose),
            self.counted(votes, Noun::Vote)
        )
    }

    fn moved(&self, amount: Decimal, target: Moved<'_>) -> String {
        let v = english_votes(amount);
        match target {
            Moved::To { name, first: true } => format!("{v} moved to {name}"),
            Moved::To { name, first: false } => format!("{v} to {name}"),
            Moved::Exhausted => format!("{v} exhausted"),
            Moved::ResidualSurplus => format!("{v} residual surplus"),
        }
    }

    fn decided(&self, purpose: TiePurpose, name: &str, votes: Decimal, moved: &[String]) -> String {
        let verb = match purpose {
            TiePurpose::Elect => "elected",
            TiePurpose::Eliminate => "eliminated",
        };
        let moved = if moved.is_empty() {
            String::new()
        } else {
            format!("; {}", moved.join(", "))
        };
        format!(
            "{name} {verb} with {}{moved}.",
            self.counted(votes, Noun::Vote)
        )
    }

    fn inactive(&self, i: &Inactive) -> String {
        format!(
            "Inactive ballots so far: {} exhausted, {}, {}, {}{}.",
            english_votes(i.exhausted_choices),
            self.counted(i.overvotes, Noun::Overvote),
            self.counted(i.skipped_rankings, Noun::SkippedRanking),
            self.counted(i.repeated_rankings, Noun::RepeatedRanking),
            i.final_round_surplus
                .map(|f| format!(", {} final-round surplus", english_votes(f)))
                .unwrap_or_default()
        )
    }

    fn ballots(&self, total: Decimal, blank: Decimal) -> String {
        format!(
            "{}, {} blank.",
            self.counted(total, Noun::Ballot),
            english_votes(blank)
        )
    }

    fn pass(&self, place: usize) -> String {
        format!("Pass {place} (place {place}):")
    }

    fn stopped_between(&self, round: u32, names: &[&str], votes: Decimal) -> String {
        format!(
            "Stopped in round {round}: tie between {} at {} must be decided by a person.",
            names.join(", "),
            self.counted(votes, Noun::Vote)
        )
    }

    fn stopped_among(&self, round: u32, count: usize, votes: Decimal) -> String {
        format!(
            "Stopped in round {round}: a tie among {count} at {} must be decided by a person.",
            self.counted(votes, Noun::Vote)
        )
    }

    fn place(&self, place: usize, name: &str) -> String {
        format!("Place {place}: {name}.")
    }

    fn winners(&self, names: &[&str]) -> String {
        if names.is_empty() {
            "Winners: none.".to_owned()
        } else {
            format!("Winners: {}.", names.join(", "))
        }
    }

    fn seed(&self, seed: i64) -> String {
        format!("Random seed: {seed}.")
    }

    fn early_rounds(&self, last: usize, eliminated: usize) -> String {
        format!("Rounds 1 to {last}: {eliminated} items eliminated, each with the fewest votes.")
    }

    fn not_ranked(&self, count: usize) -> String {
        format!(
            "Not ranked: {count} items; the agenda was full, so no later place could change it."
        )
    }

    fn reason(&self, reason: &Reason, budget_minutes: u32) -> String {
        let budget = minutes(budget_minutes);
        match *reason {
            Reason::Reserved {
                minutes: m,
                minutes_left,
            } => format!(
                "fixed item; {} reserved first ({} of {budget} left)",
                minutes(m),
                number(minutes_left)
            ),
            Reason::Fits { rank, .. } | Reason::TooLong { rank, .. } => format!(
                "ranked {}; {}",
                english_ordinal(rank),
                Self::ranked_tail(reason, budget_minutes).unwrap_or_default()
            ),
            Reason::NotRanked {
                minutes: m,
                minutes_left,
            } => format!(
                "not ranked: the agenda was full ({}; {} of {budget} left)",
                minutes(m),
                number(minutes_left)
            ),
        }
    }

    fn shares(&self, verdict: Shares, reason: &Reason, budget_minutes: u32) -> String {
        match (verdict, reason) {
            (Shares::Chosen, Reason::Fits { rank, .. } | Reason::TooLong { rank, .. }) => {
                format!(
                    "chosen {} by equal shares; {}",
                    english_ordinal(*rank),
                    Self::ranked_tail(reason, budget_minutes).unwrap_or_default()
                )
            }
            (Shares::Chosen, _) => self.reason(reason, budget_minutes),
            (Shares::Nobody, _) => "not chosen by equal shares: nobody ranked it".to_owned(),
            (Shares::TooFew, _) => {
                "not chosen by equal shares: too few members ranked it for its minutes".to_owned()
            }
            (Shares::TooLong, r) => {
                let (m, over) = match *r {
                    Reason::TooLong {
                        minutes, over_by, ..
                    } => (minutes, over_by),
                    Reason::Fits { minutes, .. }
                    | Reason::Reserved { minutes, .. }
                    | Reason::NotRanked { minutes, .. } => (minutes, 0),
                };
                format!(
                    "not chosen by equal shares; {m} minutes would pass the {budget_minutes}-minute budget by {over}"
                )
            }
        }
    }

    fn tie_note(&self, t: &TieNote<'_>) -> String {
        let mut named: Vec<String> = t.named.iter().map(|n| (*n).to_owned()).collect();
        if t.unnamed > 0 {
            named.push(format!(
                "{} other{}",
                t.unnamed,
                if t.unnamed == 1 { "" } else { "s" }
            ));
        }
        let who = match named.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => "nobody".to_owned(),
        };
        let score = english_votes(t.votes);
        let tied = if t.others == 1 {
            format!("tied {score}–{score} with {who}")
        } else {
            let unit = if score == "1" { "vote" } else { "votes" };
            format!("tied at {score} {unit} with {who}")
        };
        let subject = t.chosen.unwrap_or("this item");
        let verb = match t.purpose {
            TiePurpose::Elect => "was elected",
            TiePurpose::Eliminate => "was eliminated",
        };
        let seed = t.seed.map(|s| format!(" (seed {s})")).unwrap_or_default();
        let earlier = match t.earlier {
            0 => String::new(),
            1 => " (after 1 earlier tie)".to_owned(),
            n => format!(" (after {n} earlier ties)"),
        };
        format!(
            "{tied} in round {}{earlier}; {subject} {verb}: {}{seed}",
            t.round, t.rule
        )
    }

    fn note(&self, note: &Note) -> String {
        match note {
            Note::NoItems => {
                "No items were proposed: the agenda holds the fixed items only.".to_owned()
            }
            Note::NoBallots => {
                "No ballots were cast: items are listed in the order they were proposed.".to_owned()
            }
            Note::CountFailed { error } => format!(
                "The count could not finish ({error}); items are listed in the order they were proposed."
            ),
            Note::SharesFailed { error } => format!(
                "Equal shares could not run ({error}); the agenda follows the ranked order."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tie_rules_read_back_from_their_english() {
        for rule in [
            TieRule::Draw,
            TieRule::Listed { first: true },
            TieRule::Listed { first: false },
            TieRule::EarlierRound {
                most: true,
                round: 3,
            },
            TieRule::EarlierRound {
                most: false,
                round: 12,
            },
            TieRule::DrawAfterEarlierRounds,
        ] {
            assert_eq!(TieRule::parse(&rule.english()), Some(rule));
        }
        assert_eq!(
            TieRule::EarlierRound {
                most: false,
                round: 2
            }
            .english(),
            "had the fewest votes in round 2"
        );
        assert_eq!(TieRule::parse("something else"), None);
    }

    #[test]
    fn notes_read_back_from_their_english() {
        for note in [
            Note::NoItems,
            Note::NoBallots,
            Note::CountFailed {
                error: "x (y)".to_owned(),
            },
            Note::SharesFailed {
                error: "z".to_owned(),
            },
        ] {
            assert_eq!(Note::parse(&English.note(&note)), Some(note));
        }
        assert_eq!(
            English.note(&Note::NoBallots),
            "No ballots were cast: items are listed in the order they were proposed."
        );
    }

    #[test]
    fn equal_shares_sentences_are_todays_english() {
        let fits = Reason::Fits {
            rank: 2,
            minutes: 20,
            minutes_left: 40,
        };
        assert_eq!(
            English.shares(Shares::Chosen, &fits, 60),
            "chosen 2nd by equal shares; 20 minutes fits (40 of 60 minutes left)"
        );
        let long = Reason::TooLong {
            rank: 3,
            minutes: 1,
            minutes_left: 0,
            over_by: 1,
        };
        assert_eq!(
            English.shares(Shares::TooLong, &long, 1440),
            "not chosen by equal shares; 1 minutes would pass the 1440-minute budget by 1"
        );
        for verdict in [Shares::Nobody, Shares::TooFew, Shares::TooLong] {
            assert_eq!(
                Shares::parse(&English.shares(verdict, &long, 60)),
                Some(verdict)
            );
        }
        assert_eq!(Shares::parse("ranked 1st; 2 minutes fits"), None);
    }
}
