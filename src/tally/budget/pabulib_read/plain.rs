//! Voter rows read straight from the text, one pass over each row's bytes: the way nearly
//! every row of a real file is read (no quote, `\n` or `\r\n` line ends, no space around a
//! value, known short project ids, adjacent extra columns). Anything else — a quote, a `\r`
//! not before a `\n`, a value with a space
//! or a non-ASCII byte at an end, a long or unknown project id, a missing or extra column, a
//! row that could be a heading, extra values not seen yet — stops this path before the row, and
//! the general path ([`super::VotesReader::row`]) reads it and gives any error. So this path
//! changes only how fast a row is read, never what it gives (the property tests and every
//! conformance file compare the reader with the one before it).

use super::super::instance::VoteType;
use super::super::voters::BallotRef;
use super::{ProjectIndex, VoteColumns, VotesReader, numbered, short_key};

/// What a VOTES column is, for a row read in one pass.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    Vote,
    Id,
    /// An extra column (they come in header order, so in the order of the row).
    Extra,
}

/// The VOTES header as one role a column, for [`VotesReader::plain_rows`]; `None` when
/// this path does not apply (cardinal votes: their points wait for the common scale).
pub(super) fn roles(vote_type: VoteType, columns: &VoteColumns) -> Option<Vec<Column>> {
    if vote_type.is_cardinal() {
        return None;
    }
    let count = columns
        .extra
        .iter()
        .copied()
        .chain([columns.vote])
        .chain(columns.id)
        .max()?
        + 1;
    let mut roles = vec![Column::Extra; count];
    *roles.get_mut(columns.vote)? = Column::Vote;
    if let Some(id) = columns.id {
        *roles.get_mut(id)? = Column::Id;
    }
    // Every column is the vote, the id or an extra one, and the extra ones are adjacent (their
    // text in a row names their values together, [`super::Spans`]).
    let adjacent = columns
        .extra
        .windows(2)
        .all(|w| matches!(w, [a, b] if a + 1 == *b));
    let every = columns.extra.len() + 1 + usize::from(columns.id.is_some()) == count;
    (every && adjacent).then_some(roles)
}

impl VotesReader {
    /// Reads the plain voter rows at the start of `text` (the file from the next row on);
    /// returns the bytes read, whole rows each with its line end (`\n` or `\r\n`), and how
    /// many rows.
    pub(super) fn plain_rows(&mut self, text: &str) -> (usize, u64) {
        let mut at = 0;
        let mut rows = 0;
        while let Some(len) = text.get(at..).and_then(|rest| self.plain_row(rest)) {
            at += len;
            rows += 1;
        }
        (at, rows)
    }

    /// Reads one plain voter row at the start of `text` and returns its length with its line
    /// end, or `None` (nothing changed) when the general path must read it.
    fn plain_row(&mut self, text: &str) -> Option<usize> {
        let Self {
            instance,
            index,
            plain,
            ballot,
            id_text,
            spans,
            no_extras,
            ..
        } = self;
        let roles = plain.as_deref()?;
        let bytes = text.as_bytes();
        ballot.clear();
        let mut id = None;
        // Where the extra columns' text starts and ends (they are adjacent).
        let mut extras: Option<(usize, usize)> = None;
        // Whether a column after the first has a value (a row without one could be a heading
        // or a blank row).
        let mut later_value = false;
        let mut at = 0;
        for (col, &role) in roles.iter().enumerate() {
            let start = at;
            if role == Column::Vote {
                read_vote(index, ballot, bytes, &mut at)?;
            } else {
                loop {
                    let b = *bytes.get(at)?;
                    if b == b';' || b == b'\n' || b == b'\r' {
                        break;
                    }
                    if b == b'"' {
                        return None;
                    }
                    at += 1;
                }
                if role == Column::Extra {
                    extras = Some((extras.map_or(start, |(from, _)| from), at));
                }
            }
            let value = bytes.get(start..at)?;
            if !plain_ends(value) {
                return None;
            }
            later_value |= col > 0 && !value.is_empty();
            if role == Column::Id {
                id = Some(text.get(start..at)?);
            }
            // The row ends with its last column, at a line feed or `\r\n`.
            let last = col + 1 == roles.len();
            match (bytes.get(at)?, last) {
                (b';', false) | (b'\n', true) => at += 1,
                (b'\r', true) if bytes.get(at + 1) == Some(&b'\n') => at += 2,
                _ => return None,
            }
        }
        if !later_value {
            return None;
        }
        let extra = match extras {
            Some((start, end)) => spans.get(bytes, start, end)?,
            None => *no_extras,
        };
        let ballot = match instance.vote_type {
            VoteType::Approval | VoteType::Choose1 => BallotRef::Approval(ballot),
            VoteType::Ordinal => BallotRef::Ordinal(ballot),
            VoteType::Cumulative | VoteType::Scoring => return None,
        };
        let voters = &mut instance.voters;
        let id = id.unwrap_or_else(|| numbered(id_text, voters.len()));
        voters.push_shared(id, ballot, extra);
        Some(at)
    }
}

/// Reads the vote column from `*at` into `ballot`: project ids of at most 15 visible ASCII
/// bytes, separated by `,`; a repeated project keeps its first mention and empty names are
/// skipped, as in the general path. Leaves `*at` at the column's end.
fn read_vote(
    index: &ProjectIndex,
    ballot: &mut Vec<usize>,
    bytes: &[u8],
    at: &mut usize,
) -> Option<()> {
    loop {
        let start = *at;
        let b = loop {
            let b = *bytes.get(*at)?;
            if b == b',' || b == b';' || b == b'\n' || b == b'\r' {
                break b;
            }
            if !b.is_ascii_graphic() || b == b'"' {
                return None;
            }
            *at += 1;
        };
        if *at > start {
            let p = *index.short.get(&short_key(bytes, start, *at)?)?;
            if !ballot.contains(&p) {
                ballot.push(p);
            }
        }
        if b != b',' {
            return Some(());
        }
        *at += 1;
    }
}

/// Whether a value reads the same trimmed: empty, or visible ASCII at both ends.
fn plain_ends(value: &[u8]) -> bool {
    match (value.first(), value.last()) {
        (Some(a), Some(b)) => a.is_ascii_graphic() && b.is_ascii_graphic(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::sync::Arc;

    use super::super::{Block, build};
    use super::*;

    /// A reader of a VOTES block with columns `header`, projects `p1` and `p2`.
    fn reader(vote_type: &str, header: &[&str]) -> VotesReader {
        let fields = |values: &[&str]| -> Vec<Cow<'_, str>> {
            values.iter().map(|&v| Cow::Owned(v.to_owned())).collect()
        };
        let mut meta = Block::default();
        meta.push(2, &mut fields(&["budget", "10"]));
        meta.push(3, &mut fields(&["vote_type", vote_type]));
        let mut projects = Block::default();
        projects.push(5, &mut fields(&["project_id", "cost"]));
        projects.push(6, &mut fields(&["p1", "1"]));
        projects.push(7, &mut fields(&["p2", "2"]));
        let mut reader = build(&meta, &projects).unwrap();
        reader.row(9, &fields(header)).unwrap();
        reader
    }

    fn ids(reader: &VotesReader) -> Vec<&str> {
        reader.instance.voters.iter().map(|v| v.id).collect()
    }

    #[test]
    fn plain_rows_are_read_until_one_is_not() {
        let mut votes = reader("approval", &["voter_id", "vote", "age"]);
        // A combination of extra values not seen yet goes to the general path first.
        assert_eq!(votes.plain_rows("a;p1,p2;30\n"), (0, 0));
        votes
            .row(10, &["a".into(), "p1,p2".into(), "30".into()])
            .unwrap();
        let text = "b;p2,p1,p2;30\nc;;30\nd;p1; 30\ne;p1;30\n";
        let (read, rows) = votes.plain_rows(text);
        assert_eq!(
            (text.get(..read), rows),
            (Some("b;p2,p1,p2;30\nc;;30\n"), 2)
        );
        assert_eq!(ids(&votes), ["a", "b", "c"]);
        // Windows line ends read the same way (one line feed a row).
        assert_eq!(votes.plain_rows("c2;p2;30\r\nc3;p1;30\r\n"), (20, 2));
        assert_eq!(ids(&votes), ["a", "b", "c", "c2", "c3"]);
        let b = votes.instance.voters.get(1).unwrap();
        assert_eq!(b.ballot, BallotRef::Approval(&[1, 0]));
        assert!(Arc::ptr_eq(
            b.extra,
            votes.instance.voters.get(0).unwrap().extra
        ));
        // Rows the general path must read (and judge): nothing read, nothing changed.
        for row in [
            "x;p1;30",
            "x;p1;30\r",
            "x;p1\r;30\n",
            "x;\"p1\";30\n",
            "x;p3;30\n",
            "x;p1 ,p2;30\n",
            "x;p1;30;more\n",
            "x;p1\n",
            "x;;\n",
            " x;p1;30\n",
            "x;p1;31\n",
            "x;p1;a_value_of_sixteen\n",
        ] {
            assert_eq!(votes.plain_rows(row), (0, 0), "{row:?}");
        }
        assert_eq!(ids(&votes), ["a", "b", "c", "c2", "c3"]);
    }

    #[test]
    fn voters_without_ids_are_numbered_and_ranked_ballots_keep_their_order() {
        let mut votes = reader("ordinal", &["vote"]);
        // One column: a row could be a heading, so the general path reads every one.
        assert_eq!(votes.plain_rows("p1\n"), (0, 0));
        let mut votes = reader("ordinal", &["vote", "age"]);
        votes.row(10, &["p1".into(), "40".into()]).unwrap();
        assert_eq!(votes.plain_rows("p2,p1;40\np1;40\n"), (15, 2));
        assert_eq!(ids(&votes), ["1", "2", "3"]);
        let second = votes.instance.voters.get(1).unwrap();
        assert_eq!(second.ballot, BallotRef::Ordinal(&[1, 0]));
        // Extra values longer together than a short key: found by their text.
        let mut votes = reader("approval", &["voter_id", "vote", "district", "method"]);
        let first = [
            "a".into(),
            "p1".into(),
            "Stare Polesie-Północ".into(),
            "paper".into(),
        ];
        votes.row(10, &first).unwrap();
        let text = "b;p2;Stare Polesie-Północ;paper\nc;p2;Stare Polesie-Północ;internet\n";
        assert_eq!(votes.plain_rows(text), (text.find("\nc").unwrap() + 1, 1));
        let (a, b) = (votes.instance.voters.get(0), votes.instance.voters.get(1));
        assert!(Arc::ptr_eq(a.unwrap().extra, b.unwrap().extra));
        // Extra columns apart from each other: every row by the general path.
        let apart = reader("approval", &["age", "voter_id", "vote", "sex"]);
        assert!(apart.plain.is_none());
        // Points wait for the common scale: not read in one pass.
        let mut scored = reader("cumulative", &["vote", "points"]);
        assert!(scored.plain.is_none());
        assert_eq!(scored.plain_rows("p1;1\n"), (0, 0));
    }
}
