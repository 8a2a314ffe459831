//! A place decided by a tie-break, as a sentence for the results page and the agenda:
//! "tied 2–2 with #5 Marking in round 4; #5 Marking was eliminated: chosen by the seeded
//! random draw (seed 4506)".

use super::super::phrases::{English, Phrases, TieNote};
use super::super::{CandidateId, WinnerTie};

/// The sentence for one tie-break the item took part in. `name` gives a candidate's name;
/// `seed` is the count's seed, said when the draw decided.
pub fn sentence<'n>(
    tie: &WinnerTie,
    name: impl Fn(CandidateId) -> &'n str,
    seed: Option<i64>,
) -> String {
    sentence_in(&English, tie, name, seed)
}

/// [`sentence`] in the language of `p`.
pub fn sentence_in<'n, P: Phrases + ?Sized>(
    p: &P,
    tie: &WinnerTie,
    name: impl Fn(CandidateId) -> &'n str,
    seed: Option<i64>,
) -> String {
    let named: Vec<&str> = tie.with.iter().map(|c| name(*c)).collect();
    let unnamed = (tie.others as usize).saturating_sub(named.len());
    p.tie_note(&TieNote {
        named,
        unnamed,
        others: tie.others,
        votes: tie.votes,
        round: tie.round,
        earlier: tie.earlier,
        chosen: (tie.chosen != tie.winner).then(|| name(tie.chosen)),
        purpose: tie.purpose,
        rule: p.tie_rule(&tie.explanation),
        seed: if tie.drawn() { seed } else { None },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tally::{Decimal, TiePurpose};

    fn tie(others: u32, with: &[u32], chosen: u32, explanation: &str) -> WinnerTie {
        WinnerTie {
            winner: CandidateId(0),
            round: 4,
            purpose: TiePurpose::Eliminate,
            with: with.iter().copied().map(CandidateId).collect(),
            others,
            votes: Decimal::from_int(2),
            chosen: CandidateId(chosen),
            explanation: explanation.to_owned(),
            earlier: 0,
        }
    }

    fn name(c: CandidateId) -> &'static str {
        ["#1 Timetable", "#5 Marking", "#7 Trips", "#9 Rota"][c.index()]
    }

    #[test]
    fn a_two_way_draw_names_the_other_item_and_the_seed() {
        let t = tie(1, &[1], 1, "chosen by the seeded random draw");
        assert_eq!(
            sentence(&t, name, Some(4506)),
            "tied 2–2 with #5 Marking in round 4; #5 Marking was eliminated: \
             chosen by the seeded random draw (seed 4506)"
        );
    }

    #[test]
    fn earlier_rounds_need_no_seed_and_many_are_counted() {
        let t = tie(12, &[1, 2, 3], 3, "had the fewest votes in round 2");
        assert_eq!(
            sentence(&t, name, Some(4506)),
            "tied at 2 votes with #5 Marking, #7 Trips, #9 Rota and 9 others in round 4; \
             #9 Rota was eliminated: had the fewest votes in round 2"
        );
    }
}
