//! The count's phrasebooks backed by the message catalogues (`locales/*/tally.ftl`): the
//! tally builds its explanations once ([`crate::tally::phrases`]); pages say them in their
//! reader's language through [`Catalogue`], numbers written as that language writes them.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::Loader;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::fluent_bundle::types::{FluentNumber, FluentNumberOptions, FluentNumberType};

use crate::format::{decimal_in, number_in};
use crate::i18n::{Lang, Msg, text, text_with};
use crate::tally::agenda::Reason;
use crate::tally::budget::{BudgetPhrases, CompletionInfo, Exact, MesPrice, Outcome};
use crate::tally::phrases::{Moved, Note, Noun, Phrases, Shares, TieNote, TieRule};
use crate::tally::{Decimal, Inactive, TiePurpose};

/// The catalogue phrasebook of one language.
#[derive(Debug, Clone, Copy)]
pub struct Catalogue {
    lang: Lang,
}

impl Catalogue {
    /// The phrasebook of `lang`.
    #[must_use]
    pub fn new(lang: Lang) -> Self {
        Self { lang }
    }

    fn number(&self, n: u32) -> String {
        number_in(i64::from(n), self.lang)
    }

    fn minutes(&self, n: u32) -> String {
        Msg::new("ty-minutes")
            .arg("count", n)
            .arg("n", self.number(n))
            .render(self.lang)
    }

    /// "20 minutes fits (…)" or "… would pass …": what follows a ranked item's place.
    fn ranked_tail(&self, reason: &Reason, budget_minutes: u32) -> String {
        let lang = self.lang;
        match *reason {
            Reason::TooLong {
                minutes, over_by, ..
            } => text_with(
                lang,
                "ty-reason-too-long",
                &[
                    ("minutes", self.minutes(minutes)),
                    ("budget", self.number(budget_minutes)),
                    ("over", self.number(over_by)),
                ],
            ),
            Reason::Fits {
                minutes,
                minutes_left,
                ..
            }
            | Reason::Reserved {
                minutes,
                minutes_left,
            }
            | Reason::NotRanked {
                minutes,
                minutes_left,
            } => text_with(
                lang,
                "ty-reason-fits",
                &[
                    ("minutes", self.minutes(minutes)),
                    ("left", self.number(minutes_left)),
                    ("budget", self.minutes(budget_minutes)),
                ],
            ),
        }
    }

    /// An amount of the budget explanation: as `lang` writes it, except in English, whose
    /// explanation has always written amounts plain ("1200", as the command line does).
    fn decimal(&self, plain: &str) -> String {
        match self.lang {
            Lang::En => plain.to_owned(),
            Lang::Fr => decimal_in(plain, self.lang),
        }
    }

    fn exact(&self, e: &Exact) -> String {
        self.decimal(&e.to_string())
    }
}

/// The number that chooses a plural form for a vote quantity: singular only for exactly one
/// (as English writes it: `1`, not `1.0000`).
fn plural_hint(d: Decimal) -> i64 {
    let plain = d.to_string();
    if plain.contains('.') {
        2
    } else {
        plain.parse().unwrap_or(2)
    }
}

/// `key` with `$n` as an ordinal number, so the catalogue picks the form (1st, 2nd; 1er, 2e).
fn ordinal_in(lang: Lang, key: &str, n: u32) -> String {
    let number = FluentNumber::new(
        f64::from(n),
        FluentNumberOptions {
            r#type: FluentNumberType::Ordinal,
            ..FluentNumberOptions::default()
        },
    );
    let args = HashMap::from([(Cow::Borrowed("n"), FluentValue::Number(number))]);
    crate::i18n::LOCALES.lookup_with_args(&lang.id(), key, &args)
}

impl Phrases for Catalogue {
    fn votes(&self, d: Decimal) -> String {
        decimal_in(&d.to_string(), self.lang)
    }

    fn counted(&self, d: Decimal, noun: Noun) -> String {
        let msg = match noun {
            Noun::Vote => Msg::new("ty-votes"),
            Noun::Ballot => Msg::new("ty-ballots-n"),
            Noun::Overvote => Msg::new("ty-overvotes"),
            Noun::SkippedRanking => Msg::new("ty-skipped"),
            Noun::RepeatedRanking => Msg::new("ty-repeated"),
        };
        msg.arg("count", plural_hint(d))
            .arg("n", self.votes(d))
            .render(self.lang)
    }

    fn ordinal(&self, n: u32) -> String {
        ordinal_in(self.lang, "ty-ordinal", n)
    }

    fn list(&self, items: &[String]) -> String {
        items.join(", ")
    }

    fn standing(&self, name: &str, votes: Decimal) -> String {
        text_with(
            self.lang,
            "ty-standing",
            &[("name", name.to_owned()), ("votes", self.votes(votes))],
        )
    }

    fn more(&self, n: usize) -> String {
        Msg::new("ty-more").arg("count", n).render(self.lang)
    }

    fn round(&self, number: u32, threshold: Decimal, standings: &[String]) -> String {
        text_with(
            self.lang,
            "ty-round",
            &[
                ("round", number.to_string()),
                ("threshold", self.votes(threshold)),
                ("standings", self.list(standings)),
            ],
        )
    }

    fn tie_rule(&self, explanation: &str) -> String {
        let lang = self.lang;
        match TieRule::parse(explanation) {
            Some(TieRule::Draw) => text(lang, "ty-rule-draw"),
            Some(TieRule::Listed { first: true }) => text(lang, "ty-rule-listed-first"),
            Some(TieRule::Listed { first: false }) => text(lang, "ty-rule-listed-last"),
            Some(TieRule::EarlierRound { most: true, round }) => {
                text_with(lang, "ty-rule-most", &[("round", round.to_string())])
            }
            Some(TieRule::EarlierRound { most: false, round }) => {
                text_with(lang, "ty-rule-fewest", &[("round", round.to_string())])
            }
            Some(TieRule::DrawAfterEarlierRounds) => text(lang, "ty-rule-draw-after"),
            None => explanation.to_owned(),
        }
    }

    fn tie_between(
        &self,
        purpose: TiePurpose,
        names: &[&str],
        votes: Decimal,
        chosen: &str,
        rule: &str,
    ) -> String {
        let key = match purpose {
            TiePurpose::Elect => "ty-tie-elect-between",
            TiePurpose::Eliminate => "ty-tie-eliminate-between",
        };
        text_with(
            self.lang,
            key,
            &[
                ("names", names.join(", ")),
                ("votes", self.counted(votes, Noun::Vote)),
                ("chosen", chosen.to_owned()),
                ("rule", rule.to_owned()),
            ],
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
        let key = match purpose {
            TiePurpose::Elect => "ty-tie-elect-among",
            TiePurpose::Eliminate => "ty-tie-eliminate-among",
        };
        text_with(
            self.lang,
            key,
            &[
                ("count", count.to_string()),
                ("votes", self.counted(votes, Noun::Vote)),
                ("chosen", chosen.to_owned()),
                ("rule", rule.to_owned()),
            ],
        )
    }

    fn moved(&self, amount: Decimal, target: Moved<'_>) -> String {
        let votes = self.votes(amount);
        let lang = self.lang;
        match target {
            Moved::To { name, first: true } => text_with(
                lang,
                "ty-moved-first",
                &[("votes", votes), ("name", name.to_owned())],
            ),
            Moved::To { name, first: false } => text_with(
                lang,
                "ty-moved-next",
                &[("votes", votes), ("name", name.to_owned())],
            ),
            Moved::Exhausted => text_with(lang, "ty-moved-exhausted", &[("votes", votes)]),
            Moved::ResidualSurplus => text_with(lang, "ty-moved-residual", &[("votes", votes)]),
        }
    }

    fn decided(&self, purpose: TiePurpose, name: &str, votes: Decimal, moved: &[String]) -> String {
        let moved = if moved.is_empty() {
            String::new()
        } else {
            text_with(self.lang, "ty-moved-list", &[("list", self.list(moved))])
        };
        let key = match purpose {
            TiePurpose::Elect => "ty-elected",
            TiePurpose::Eliminate => "ty-eliminated",
        };
        text_with(
            self.lang,
            key,
            &[
                ("name", name.to_owned()),
                ("votes", self.counted(votes, Noun::Vote)),
                ("moved", moved),
            ],
        )
    }

    fn inactive(&self, i: &Inactive) -> String {
        let surplus = i.final_round_surplus.map_or_else(String::new, |f| {
            text_with(
                self.lang,
                "ty-inactive-surplus",
                &[("votes", self.votes(f))],
            )
        });
        text_with(
            self.lang,
            "ty-inactive",
            &[
                ("exhausted", self.votes(i.exhausted_choices)),
                ("overvotes", self.counted(i.overvotes, Noun::Overvote)),
                (
                    "skipped",
                    self.counted(i.skipped_rankings, Noun::SkippedRanking),
                ),
                (
                    "repeated",
                    self.counted(i.repeated_rankings, Noun::RepeatedRanking),
                ),
                ("surplus", surplus),
            ],
        )
    }

    fn ballots(&self, total: Decimal, blank: Decimal) -> String {
        text_with(
            self.lang,
            "ty-ballots",
            &[
                ("ballots", self.counted(total, Noun::Ballot)),
                ("blank", self.votes(blank)),
            ],
        )
    }

    fn pass(&self, place: usize) -> String {
        text_with(self.lang, "ty-pass", &[("place", place.to_string())])
    }

    fn stopped_between(&self, round: u32, names: &[&str], votes: Decimal) -> String {
        text_with(
            self.lang,
            "ty-stopped-between",
            &[
                ("round", round.to_string()),
                ("names", names.join(", ")),
                ("votes", self.counted(votes, Noun::Vote)),
            ],
        )
    }

    fn stopped_among(&self, round: u32, count: usize, votes: Decimal) -> String {
        text_with(
            self.lang,
            "ty-stopped-among",
            &[
                ("round", round.to_string()),
                ("count", count.to_string()),
                ("votes", self.counted(votes, Noun::Vote)),
            ],
        )
    }

    fn place(&self, place: usize, name: &str) -> String {
        text_with(
            self.lang,
            "ty-place",
            &[("place", place.to_string()), ("name", name.to_owned())],
        )
    }

    fn winners(&self, names: &[&str]) -> String {
        if names.is_empty() {
            text(self.lang, "ty-winners-none")
        } else {
            text_with(self.lang, "ty-winners", &[("names", names.join(", "))])
        }
    }

    fn seed(&self, seed: i64) -> String {
        text_with(self.lang, "ty-seed", &[("seed", seed.to_string())])
    }

    fn early_rounds(&self, last: usize, eliminated: usize) -> String {
        Msg::new("ty-early-rounds")
            .arg("last", last.to_string())
            .arg("count", eliminated)
            .render(self.lang)
    }

    fn not_ranked(&self, count: usize) -> String {
        Msg::new("ty-not-ranked")
            .arg("count", count)
            .render(self.lang)
    }

    fn reason(&self, reason: &Reason, budget_minutes: u32) -> String {
        let lang = self.lang;
        match *reason {
            Reason::Reserved {
                minutes,
                minutes_left,
            } => text_with(
                lang,
                "ty-reason-fixed",
                &[
                    ("minutes", self.minutes(minutes)),
                    ("left", self.number(minutes_left)),
                    ("budget", self.minutes(budget_minutes)),
                ],
            ),
            Reason::Fits { rank, .. } | Reason::TooLong { rank, .. } => text_with(
                lang,
                "ty-reason-ranked",
                &[
                    ("rank", self.ordinal(rank)),
                    ("tail", self.ranked_tail(reason, budget_minutes)),
                ],
            ),
            Reason::NotRanked {
                minutes,
                minutes_left,
            } => text_with(
                lang,
                "ty-reason-not-ranked",
                &[
                    ("minutes", self.minutes(minutes)),
                    ("left", self.number(minutes_left)),
                    ("budget", self.minutes(budget_minutes)),
                ],
            ),
        }
    }

    fn shares(&self, verdict: Shares, reason: &Reason, budget_minutes: u32) -> String {
        let lang = self.lang;
        match (verdict, reason) {
            (Shares::Chosen, Reason::Fits { rank, .. } | Reason::TooLong { rank, .. }) => {
                text_with(
                    lang,
                    "ty-shares-chosen",
                    &[
                        ("rank", self.ordinal(*rank)),
                        ("tail", self.ranked_tail(reason, budget_minutes)),
                    ],
                )
            }
            (Shares::Chosen, _) => self.reason(reason, budget_minutes),
            (Shares::Nobody, _) => text(lang, "ty-shares-nobody"),
            (Shares::TooFew, _) => text(lang, "ty-shares-too-few"),
            (Shares::TooLong, r) => {
                let (minutes, over) = match *r {
                    Reason::TooLong {
                        minutes, over_by, ..
                    } => (minutes, over_by),
                    Reason::Fits { minutes, .. }
                    | Reason::Reserved { minutes, .. }
                    | Reason::NotRanked { minutes, .. } => (minutes, 0),
                };
                // Plain numbers, as the English sentence has always written them.
                text_with(
                    lang,
                    "ty-shares-too-long",
                    &[
                        ("minutes", minutes.to_string()),
                        ("budget", budget_minutes.to_string()),
                        ("over", over.to_string()),
                    ],
                )
            }
        }
    }

    fn tie_note(&self, t: &TieNote<'_>) -> String {
        let lang = self.lang;
        let mut named: Vec<String> = t.named.iter().map(|n| (*n).to_owned()).collect();
        if t.unnamed > 0 {
            named.push(
                Msg::new("ty-tie-others")
                    .arg("count", t.unnamed)
                    .render(lang),
            );
        }
        let who = match named.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => text_with(
                lang,
                "ty-tie-and",
                &[("rest", rest.join(", ")), ("last", last.clone())],
            ),
            None => text(lang, "ty-tie-nobody"),
        };
        let score = self.votes(t.votes);
        let tied = if t.others == 1 {
            text_with(lang, "ty-tie-two", &[("score", score), ("who", who)])
        } else {
            Msg::new("ty-tie-at")
                .arg("count", plural_hint(t.votes))
                .arg("score", score)
                .arg("who", who)
                .render(lang)
        };
        let subject = t
            .chosen
            .map_or_else(|| text(lang, "ty-tie-this-item"), str::to_owned);
        let seed = t.seed.map_or_else(String::new, |s| {
            text_with(lang, "ty-tie-seed", &[("seed", s.to_string())])
        });
        let earlier = match t.earlier {
            0 => String::new(),
            n => Msg::new("ty-tie-earlier").arg("count", n).render(lang),
        };
        let key = match t.purpose {
            TiePurpose::Elect => "ty-tie-note-elect",
            TiePurpose::Eliminate => "ty-tie-note-eliminate",
        };
        text_with(
            lang,
            key,
            &[
                ("tied", tied),
                ("round", t.round.to_string()),
                ("earlier", earlier),
                ("subject", subject),
                ("rule", t.rule.clone()),
                ("seed", seed),
            ],
        )
    }

    fn note(&self, note: &Note) -> String {
        let lang = self.lang;
        match note {
            Note::NoItems => text(lang, "ty-note-no-items"),
            Note::NoBallots => text(lang, "ty-note-no-ballots"),
            Note::CountFailed { error } => {
                text_with(lang, "ty-note-count-failed", &[("error", error.clone())])
            }
            Note::SharesFailed { error } => {
                text_with(lang, "ty-note-shares-failed", &[("error", error.clone())])
            }
        }
    }
}

impl BudgetPhrases for Catalogue {
    fn rule(&self, rule: &str) -> String {
        text_with(self.lang, "ty-mes-rule", &[("rule", rule.to_owned())])
    }

    fn budget(&self, outcome: &Outcome) -> String {
        text_with(
            self.lang,
            "ty-mes-budget",
            &[
                ("budget", self.decimal(&outcome.budget)),
                ("voters", outcome.voters.to_string()),
                ("funded", outcome.selected.len().to_string()),
                ("total", self.decimal(&outcome.total_cost)),
                ("unspent", self.decimal(&outcome.unspent)),
            ],
        )
    }

    fn selected(&self, selected: &[String]) -> String {
        if selected.is_empty() {
            text(self.lang, "ty-mes-none")
        } else {
            selected.join(", ")
        }
    }

    fn completion(&self, c: &CompletionInfo) -> String {
        let added = if c.greedy_added.is_empty() {
            text(self.lang, "ty-mes-nothing")
        } else {
            c.greedy_added.join(", ")
        };
        text_with(
            self.lang,
            "ty-mes-completion",
            &[
                ("method", c.method.clone()),
                ("endowment", self.exact(&c.endowment_per_voter)),
                ("runs", c.mes_runs.to_string()),
                ("mes", c.mes_part.to_string()),
                ("added", added),
            ],
        )
    }

    fn steps(&self) -> String {
        text(self.lang, "ty-mes-steps")
    }

    fn mes_buy(&self, project: &str, cost: &str, price: MesPrice<'_>) -> String {
        match price {
            MesPrice::Each { supporters, price } => text_with(
                self.lang,
                "ty-mes-buy-each",
                &[
                    ("project", project.to_owned()),
                    ("cost", self.decimal(cost)),
                    ("supporters", supporters.to_string()),
                    ("price", self.exact(price)),
                ],
            ),
            MesPrice::Between {
                supporters,
                low,
                high,
                per_utility,
            } => text_with(
                self.lang,
                "ty-mes-buy-between",
                &[
                    ("project", project.to_owned()),
                    ("cost", self.decimal(cost)),
                    ("supporters", supporters.to_string()),
                    ("low", self.decimal(&format!("{low:.2}"))),
                    ("high", self.decimal(&format!("{high:.2}"))),
                    ("per", self.exact(per_utility)),
                ],
            ),
        }
    }

    fn payment(&self, voters: u64, paid: &Exact, left: &Exact, ids: &str, more: usize) -> String {
        let more = if more > 0 {
            Msg::new("ty-mes-more").arg("count", more).render(self.lang)
        } else {
            String::new()
        };
        text_with(
            self.lang,
            "ty-mes-payment",
            &[
                ("voters", voters.to_string()),
                ("paid", self.exact(paid)),
                ("left", self.exact(left)),
                ("ids", ids.to_owned()),
                ("more", more),
            ],
        )
    }

    fn money_left(&self, total: &Exact) -> String {
        text_with(
            self.lang,
            "ty-mes-money-left",
            &[("total", self.exact(total))],
        )
    }

    fn greedy(
        &self,
        fund: bool,
        completion: bool,
        project: &str,
        cost: &str,
        score: &str,
        left: &str,
    ) -> String {
        let key = match (completion, fund) {
            (false, true) => "ty-mes-greedy-fund",
            (false, false) => "ty-mes-greedy-skip",
            (true, true) => "ty-mes-fill-fund",
            (true, false) => "ty-mes-fill-skip",
        };
        text_with(
            self.lang,
            key,
            &[
                ("project", project.to_owned()),
                ("cost", self.decimal(cost)),
                ("score", self.decimal(score)),
                ("left", self.decimal(left)),
            ],
        )
    }

    fn phragmen_fund(
        &self,
        project: &str,
        cost: &str,
        approvers: u64,
        load: Option<&Exact>,
        left: &str,
    ) -> String {
        let load = load.map_or_else(|| text(self.lang, "ty-mes-infinite"), |l| self.exact(l));
        text_with(
            self.lang,
            "ty-mes-phragmen-fund",
            &[
                ("project", project.to_owned()),
                ("cost", self.decimal(cost)),
                ("approvers", approvers.to_string()),
                ("load", load),
                ("left", self.decimal(left)),
            ],
        )
    }

    fn phragmen_stop(&self, projects: &[String], load: Option<&Exact>, left: &str) -> String {
        let load = load.map_or_else(|| text(self.lang, "ty-mes-infinite"), |l| self.exact(l));
        text_with(
            self.lang,
            "ty-mes-phragmen-stop",
            &[
                ("projects", projects.join(", ")),
                ("load", load),
                ("left", self.decimal(left)),
            ],
        )
    }

    fn ties(&self) -> String {
        text(self.lang, "ty-mes-ties")
    }

    fn tie(&self, choice: usize, tied: &[String], chosen: &str, by: &str) -> String {
        let by = match by {
            "smallest project id" => text(self.lang, "ty-mes-by-id"),
            "priority order" => text(self.lang, "ty-mes-by-priority"),
            other => other.to_owned(),
        };
        text_with(
            self.lang,
            "ty-mes-tie",
            &[
                ("choice", choice.to_string()),
                ("tied", tied.join(", ")),
                ("chosen", chosen.to_owned()),
                ("by", by),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tally::agenda::FixedItem;
    use crate::tally::agenda::meeting::{
        EQUAL_SHARES, SEQUENTIAL_IRV, TallyCandidate, TallyInput, agenda_rules, compute,
    };
    use crate::tally::agenda::tie_note;
    use crate::tally::budget::render_text;
    use crate::tally::explain::{explain_ranking, explain_ranking_in};
    use crate::tally::phrases::English;

    fn input(rule: &str) -> TallyInput {
        let candidate = |id: i64, title: &str, minutes: u32| TallyCandidate {
            proposal_id: id,
            name: format!("#{id} {title}"),
            title: title.to_owned(),
            minutes,
        };
        TallyInput {
            candidates: vec![
                candidate(1, "Timetable", 30),
                candidate(2, "Rubric", 30),
                candidate(3, "Inclusion", 20),
                candidate(4, "Parking", 1),
            ],
            rules: agenda_rules(4, 4506),
            budget_minutes: 60,
            fixed: vec![FixedItem::action_scan()],
            rule: rule.to_owned(),
        }
    }

    fn rankings() -> Vec<Vec<i64>> {
        vec![vec![1, 3], vec![1, 3], vec![2, 3], vec![2, 3], vec![3]]
    }

    #[test]
    fn the_english_catalogue_says_what_the_english_phrasebook_says() {
        let en = Catalogue::new(Lang::En);
        for budget in [1, 60, 1440] {
            for reason in [
                Reason::Reserved {
                    minutes: 1,
                    minutes_left: 1439,
                },
                Reason::Fits {
                    rank: 1,
                    minutes: 20,
                    minutes_left: 1,
                },
                Reason::TooLong {
                    rank: 12,
                    minutes: 1,
                    minutes_left: 0,
                    over_by: 1,
                },
                Reason::TooLong {
                    rank: 23,
                    minutes: 1200,
                    minutes_left: 3,
                    over_by: 1197,
                },
                Reason::NotRanked {
                    minutes: 240,
                    minutes_left: 2,
                },
            ] {
                assert_eq!(en.reason(&reason, budget), English.reason(&reason, budget));
                for verdict in [
                    Shares::Chosen,
                    Shares::Nobody,
                    Shares::TooLong,
                    Shares::TooFew,
                ] {
                    assert_eq!(
                        en.shares(verdict, &reason, budget),
                        English.shares(verdict, &reason, budget)
                    );
                }
            }
        }
        for n in [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111, 112] {
            assert_eq!(en.ordinal(n), English.ordinal(n));
        }
        let inactive = Inactive {
            overvotes: Decimal::from_int(1),
            exhausted_choices: Decimal::from_int(1204),
            final_round_surplus: Some(Decimal::parse("2.5000").unwrap()),
            ..Inactive::default()
        };
        assert_eq!(en.inactive(&inactive), English.inactive(&inactive));
        for note in [
            Note::NoItems,
            Note::NoBallots,
            Note::CountFailed {
                error: "x".to_owned(),
            },
            Note::SharesFailed {
                error: "y".to_owned(),
            },
        ] {
            assert_eq!(en.note(&note), English.note(&note));
        }

        let ranked = compute(&input(SEQUENTIAL_IRV), &rankings());
        let ranking = ranked.ranking.as_ref().unwrap();
        for (rounds, names) in [(6, 20), (1, 1)] {
            assert_eq!(
                explain_ranking_in(&en, ranking, rounds, names),
                explain_ranking(ranking, rounds, names)
            );
        }
        let ties: Vec<_> = ranking.passes.iter().flat_map(|p| &p.winner_ties).collect();
        assert!(!ties.is_empty());
        for t in ties {
            assert_eq!(
                tie_note::sentence_in(&en, t, |c| ranking.name(c), ranking.seed),
                tie_note::sentence(t, |c| ranking.name(c), ranking.seed)
            );
        }

        let shares = compute(&input(EQUAL_SHARES), &rankings());
        let outcome = shares.shares_outcome.as_ref().unwrap();
        assert_eq!(render_text_in_en(outcome), render_text(outcome));
        let agenda = shares.agenda.unwrap();
        for item in &agenda.items {
            assert_eq!(item.explanation_in(&en, 60), item.explanation);
        }
    }

    fn render_text_in_en(outcome: &Outcome) -> String {
        crate::tally::budget::render_text_in(&Catalogue::new(Lang::En), outcome)
    }

    #[test]
    fn french_reads_the_same_count_in_french() {
        let fr = Catalogue::new(Lang::Fr);
        assert_eq!(fr.ordinal(1), "1er");
        assert_eq!(fr.ordinal(2), "2e");
        assert_eq!(fr.votes(Decimal::from_int(1204)), "1\u{202f}204");
        let ranked = compute(&input(SEQUENTIAL_IRV), &rankings());
        let ranking = ranked.ranking.as_ref().unwrap();
        let text = explain_ranking_in(&fr, ranking, 6, 20);
        assert!(text.contains("Tour 1 : seuil "), "{text}");
        for english in ["Round", "eliminated", "elected", "ballots", "Pass "] {
            assert!(!text.contains(english), "{english} in {text}");
        }
        let stored: TallyOutputJson = serde_json::from_str(
            &serde_json::to_string(&compute(&input(EQUAL_SHARES), &rankings())).unwrap(),
        )
        .unwrap();
        let outcome = stored.shares_outcome.unwrap();
        let steps = crate::tally::budget::render_text_in(&fr, &outcome);
        assert!(steps.contains("Étapes :"), "{steps}");
        assert!(!steps.contains("Steps"), "{steps}");
    }

    type TallyOutputJson = crate::tally::agenda::meeting::TallyOutput;
}
