//! A readable, round-by-round explanation of an outcome, e.g.
//! "Round 3: Carol eliminated with 1,204 votes; 812 moved to Alice, 301 to Bob, 91 exhausted."

use std::fmt::Write as _;

use super::phrases::{English, Moved, Phrases, english_counted, english_votes};
use super::{
    CompactPass, Decimal, Decision, Outcome, Pass, Round, SequentialRanking, Target, TiePurpose,
};

/// Format a vote quantity with thousands separators: `1,204` or `2,333.3330`.
#[must_use]
pub fn votes(d: Decimal) -> String {
    english_votes(d)
}

/// A vote quantity with its noun, singular only for exactly one: `1 vote`, `1,204 votes`,
/// `0 votes`, `2.5000 votes`.
#[must_use]
pub fn counted(d: Decimal, singular: &str, plural: &str) -> String {
    english_counted(d, singular, plural)
}

fn transfers<P: Phrases + ?Sized>(p: &P, outcome: &Outcome, d: &Decision) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut first = true;
    for (target, amount) in &d.transfers {
        let moved = match target {
            Target::Candidate(c) => Moved::To {
                name: outcome.name(*c),
                first,
            },
            Target::Exhausted => Moved::Exhausted,
            Target::ResidualSurplus => Moved::ResidualSurplus,
        };
        first &= !matches!(target, Target::Candidate(_));
        parts.push(p.moved(*amount, moved));
    }
    parts
}

fn tally_of(round: &Round, c: super::CandidateId) -> Decimal {
    round
        .tally
        .iter()
        .find(|(id, _)| *id == c)
        .map_or(Decimal::ZERO, |(_, v)| *v)
}

fn decided_lines<P: Phrases + ?Sized>(p: &P, out: &mut String, outcome: &Outcome, round: &Round) {
    for (purpose, list) in [
        (TiePurpose::Elect, &round.elected),
        (TiePurpose::Eliminate, &round.eliminated),
    ] {
        for d in list {
            let _ = writeln!(
                out,
                "  {}",
                p.decided(
                    purpose,
                    outcome.name(d.candidate),
                    tally_of(round, d.candidate),
                    &transfers(p, outcome, d)
                )
            );
        }
    }
}

fn explain_round<P: Phrases + ?Sized>(
    p: &P,
    out: &mut String,
    outcome: &Outcome,
    pass: &Pass,
    round: &Round,
) {
    let mut standings: Vec<_> = round.tally.clone();
    standings.sort_by_key(|x| std::cmp::Reverse(x.1));
    let list: Vec<String> = standings
        .iter()
        .map(|(c, v)| p.standing(outcome.name(*c), *v))
        .collect();
    let _ = writeln!(out, "{}", p.round(round.number, round.threshold, &list));
    for tie in pass.tie_breaks.iter().filter(|t| t.round == round.number) {
        let names: Vec<&str> = tie.tied.iter().map(|c| outcome.name(*c)).collect();
        let _ = writeln!(
            out,
            "  {}",
            p.tie_between(
                tie.purpose,
                &names,
                tie.votes,
                outcome.name(tie.chosen),
                &p.tie_rule(&tie.explanation)
            )
        );
    }
    decided_lines(p, out, outcome, round);
    let _ = writeln!(out, "  {}", p.inactive(&round.inactive));
}

/// A pass's opening line: ballots counted and blank ones.
fn ballots_line<P: Phrases + ?Sized>(
    p: &P,
    out: &mut String,
    total: impl Into<i128>,
    blank: impl Into<i128>,
) {
    let _ = writeln!(
        out,
        "{}",
        p.ballots(
            Decimal::from_int(total.into()),
            Decimal::from_int(blank.into())
        )
    );
}

/// The whole explanation as text (one paragraph per pass).
#[must_use]
pub fn explain(outcome: &Outcome) -> String {
    let many = outcome.passes.len() > 1;
    let mut out = String::new();
    for (i, pass) in outcome.passes.iter().enumerate() {
        out.push_str(&explain_pass(outcome, i, pass, many));
    }
    out.push_str(&explain_end(outcome));
    out
}

/// The paragraph of pass `i` (0-based) of [`explain`]; `many` when there is more than one
/// pass. `outcome` gives names and rules; its `passes` are not read, so a caller may expand
/// and explain one pass at a time.
#[must_use]
pub fn explain_pass(outcome: &Outcome, i: usize, pass: &Pass, many: bool) -> String {
    explain_pass_in(&English, outcome, i, pass, many)
}

/// [`explain_pass`] in the language of `p`.
#[must_use]
pub fn explain_pass_in<P: Phrases + ?Sized>(
    p: &P,
    outcome: &Outcome,
    i: usize,
    pass: &Pass,
    many: bool,
) -> String {
    let mut out = String::new();
    if many {
        let _ = writeln!(out, "{}", p.pass(i + 1));
    }
    ballots_line(p, &mut out, pass.total_ballots, pass.undervotes);
    for round in &pass.rounds {
        explain_round(p, &mut out, outcome, pass, round);
    }
    if let Some(t) = &pass.unresolved_tie {
        let names: Vec<&str> = t.tied.iter().map(|c| outcome.name(*c)).collect();
        let _ = writeln!(out, "{}", p.stopped_between(t.round, &names, t.votes));
    }
    if many && let Some(w) = pass.winners.first() {
        let _ = writeln!(out, "{}", p.place(i + 1, outcome.name(*w)));
    }
    out
}

/// The closing lines of [`explain`]: the winners and the seed.
#[must_use]
pub fn explain_end(outcome: &Outcome) -> String {
    explain_end_in(&English, outcome)
}

/// [`explain_end`] in the language of `p`.
#[must_use]
pub fn explain_end_in<P: Phrases + ?Sized>(p: &P, outcome: &Outcome) -> String {
    let mut out = String::new();
    let names: Vec<&str> = outcome.winners.iter().map(|c| outcome.name(*c)).collect();
    let _ = writeln!(out, "{}", p.winners(&names));
    if let Some(seed) = outcome.seed {
        let _ = writeln!(out, "{}", p.seed(seed));
    }
    out
}

/// A bounded explanation of a sequential ranking, for pages: per place, the early rounds in
/// one line and the last `rounds` rounds in full, each naming at most `names` standings (a
/// large tie is counted, not listed). Its size grows with places × `rounds` × `names`, not
/// with the number of items; the full count is the CLI's, from the published files.
#[must_use]
pub fn explain_ranking(ranking: &SequentialRanking, rounds: usize, names: usize) -> String {
    explain_ranking_in(&English, ranking, rounds, names)
}

/// [`explain_ranking`] in the language of `p`.
#[must_use]
pub fn explain_ranking_in<P: Phrases + ?Sized>(
    p: &P,
    ranking: &SequentialRanking,
    rounds: usize,
    names: usize,
) -> String {
    let outcome = Outcome {
        winners: Vec::new(),
        candidate_names: ranking.candidate_names.clone(),
        passes: Vec::new(),
        seed: ranking.seed,
        rules: ranking.rules.clone(),
    };
    let mut out = String::new();
    for (i, pass) in ranking.passes.iter().enumerate() {
        let _ = writeln!(out, "{}", p.pass(i + 1));
        ballots_line(p, &mut out, pass.total_ballots, pass.undervotes);
        let skip = pass.rounds.len().saturating_sub(rounds);
        if skip > 0 {
            let gone: usize = pass
                .rounds
                .iter()
                .take(skip)
                .map(|r| r.eliminated.len())
                .sum();
            let _ = writeln!(out, "{}", p.early_rounds(skip, gone));
        }
        pass.for_each_round(|round| {
            if (round.number as usize) <= skip {
                return;
            }
            brief_round(p, &mut out, &outcome, pass, round, names);
        });
        if let Some(t) = &pass.unresolved_tie {
            let _ = writeln!(out, "{}", p.stopped_among(t.round, t.tied.len(), t.votes));
        }
        if let Some(w) = pass.winners.first() {
            let _ = writeln!(out, "{}", p.place(i + 1, outcome.name(*w)));
        }
    }
    if !ranking.not_ranked.is_empty() {
        let _ = writeln!(out, "{}", p.not_ranked(ranking.not_ranked.len()));
    }
    if let Some(seed) = ranking.seed {
        let _ = writeln!(out, "{}", p.seed(seed));
    }
    out
}

fn brief_round<P: Phrases + ?Sized>(
    p: &P,
    out: &mut String,
    outcome: &Outcome,
    pass: &CompactPass,
    round: &Round,
    names: usize,
) {
    let mut standings: Vec<_> = round.tally.clone();
    standings.sort_by_key(|x| std::cmp::Reverse(x.1));
    let mut list: Vec<String> = standings
        .iter()
        .take(names)
        .map(|(c, v)| p.standing(outcome.name(*c), *v))
        .collect();
    if standings.len() > names {
        list.push(p.more(standings.len() - names));
    }
    let _ = writeln!(out, "{}", p.round(round.number, round.threshold, &list));
    for tie in pass.tie_breaks.iter().filter(|t| t.round == round.number) {
        let tied = tie.tied.as_ref().map_or_else(
            || round.tally.iter().filter(|(_, v)| *v == tie.votes).count(),
            Vec::len,
        );
        let _ = writeln!(
            out,
            "  {}",
            p.tie_among(
                tie.purpose,
                tied,
                tie.votes,
                outcome.name(tie.chosen),
                &p.tie_rule(&tie.explanation)
            )
        );
    }
    decided_lines(p, out, outcome, round);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tally::phrases::Noun;

    fn vote_count(d: Decimal) -> String {
        English.counted(d, Noun::Vote)
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(votes(Decimal::from_int(1204)), "1,204");
        assert_eq!(votes(Decimal::from_int(1_041_313)), "1,041,313");
        assert_eq!(votes(Decimal::parse("2333.3330").unwrap()), "2,333.3330");
        assert_eq!(votes(Decimal::from_int(12)), "12");
    }

    #[test]
    fn singular_only_for_exactly_one() {
        assert_eq!(vote_count(Decimal::from_int(1)), "1 vote");
        assert_eq!(vote_count(Decimal::from_int(0)), "0 votes");
        assert_eq!(vote_count(Decimal::from_int(1204)), "1,204 votes");
        assert_eq!(
            vote_count(Decimal::parse("1.0000").unwrap()),
            "1.0000 votes"
        );
        assert_eq!(
            counted(Decimal::from_int(1), "ballot", "ballots"),
            "1 ballot"
        );
    }

    #[test]
    fn a_round_reads_in_correct_english() {
        use crate::tally::{Ballot, Candidate, CandidateId, Election, Rules, tally};
        let (a, b, c) = (CandidateId(0), CandidateId(1), CandidateId(2));
        let election = Election {
            candidates: vec![
                Candidate::new("A"),
                Candidate::new("B"),
                Candidate::new("C"),
            ],
            ballots: vec![
                Ballot::ranking(&[a]).with_weight(3),
                Ballot::ranking(&[b]).with_weight(2),
                Ballot::ranking(&[c, a]),
            ],
            rules: Rules::default(),
        };
        let text = explain(&tally(&election).unwrap());
        assert!(text.starts_with("6 ballots, 0 blank."), "{text}");
        assert!(
            text.contains("C eliminated with 1 vote; 1 moved to A."),
            "{text}"
        );
        assert!(text.contains("0 overvotes, 0 skipped rankings"), "{text}");
        assert!(!text.contains("1 votes"), "{text}");
    }
}
