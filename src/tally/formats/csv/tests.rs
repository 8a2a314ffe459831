use super::*;
use crate::tally::Mark;

fn names(list: &[&str]) -> Vec<Candidate> {
    list.iter().map(|n| Candidate::new(*n)).collect()
}

#[test]
fn reads_quoted_names_overvotes_and_blank_ballots() {
    let mut c = names(&["A", "Mavodones, Nicholas M. Jr.", "B"]);
    let data = b"A,\"Mavodones, Nicholas M. Jr.\",\n(overvote),,B\nA|B,,\n,,\n\"\"\n";
    let b = parse_ballots(data, &mut c, false, UnknownNames::Reject).unwrap();
    assert_eq!(b.len(), 5);
    assert_eq!(b[0].marks()[1], Mark::Candidate(CandidateId(1)));
    assert_eq!(b[1].marks()[0], Mark::Overvote);
    assert_eq!(
        b[2].marks()[0],
        Mark::OvervoteOf(vec![CandidateId(0), CandidateId(2)])
    );
    assert!(b[3].is_blank());
    assert!(b[4].is_blank());
}

#[test]
fn unknown_name_reports_line_and_column() {
    let mut c = names(&["A"]);
    let err = parse_ballots(b"A,\nA,Zed\n", &mut c, false, UnknownNames::Reject).unwrap_err();
    assert_eq!(
        err,
        TallyError::Parse {
            line: 2,
            column: 2,
            message: "unknown candidate \"Zed\"".into()
        }
    );
}

#[test]
fn weighted_lines_need_a_positive_count() {
    let mut c = names(&["A"]);
    let b = parse_ballots(b"3,A\n", &mut c, true, UnknownNames::Reject).unwrap();
    assert_eq!(b[0].weight(), 3);
    assert!(parse_ballots(b"0,A\n", &mut c, true, UnknownNames::Reject).is_err());
    assert!(parse_ballots(b"x,A\n", &mut c, true, UnknownNames::Reject).is_err());
}

#[test]
fn discovers_candidates_when_asked() {
    let mut c = Vec::new();
    let b = parse_ballots(b"B,A\nA,C\n", &mut c, false, UnknownNames::Add).unwrap();
    assert_eq!(c.len(), 3);
    assert_eq!(c[0].name, "B");
    assert_eq!(b.len(), 2);
}

#[test]
fn groups_identical_lines_in_order_of_first_appearance() {
    let mut c = names(&["A", "B"]);
    let b = parse_ballots(
        b"B,A\nA\nB,A\n\"B\",A\n",
        &mut c,
        false,
        UnknownNames::Reject,
    )
    .unwrap();
    assert_eq!(b.len(), 2);
    assert_eq!(b[0].weight(), 3);
    assert_eq!(b[0].marks()[0], Mark::Candidate(CandidateId(1)));
    assert_eq!(b[1].weight(), 1);
}

/// The reference's ballots grouped the way the fast reader groups them.
fn grouped(ballots: Vec<Ballot>) -> Vec<Ballot> {
    let mut out: Vec<Ballot> = Vec::new();
    for b in ballots {
        match out.iter_mut().find(|o| o.cells() == b.cells()) {
            Some(o) => *o = o.clone().with_weight(o.weight().saturating_add(b.weight())),
            None => out.push(b),
        }
    }
    out
}

/// Reads `data` in pieces of the given sizes, as the CLI does from a file.
fn parse_in_pieces(
    data: &[u8],
    candidates: Vec<Candidate>,
    weighted: bool,
    unknown: UnknownNames,
    piece: usize,
) -> (Vec<Candidate>, Result<Vec<Ballot>, TallyError>) {
    let mut parser = BallotParser::new(candidates, weighted, unknown).unwrap();
    let mut pending: Vec<u8> = Vec::new();
    let mut result = Ok(());
    for chunk in data.chunks(piece.max(1)) {
        pending.extend_from_slice(chunk);
        match parser.feed(&pending, false) {
            Ok(used) => {
                pending.drain(..used);
            }
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    if result.is_ok() {
        result = parser.feed(&pending, true).map(|_| ());
    }
    let (c, b) = parser.finish();
    (c, result.map(|()| b))
}

fn same_as_reference(data: &[u8], start: &[Candidate], weighted: bool, piece: usize) {
    for unknown in [UnknownNames::Reject, UnknownNames::Add] {
        let mut want_c = start.to_vec();
        let want = reference::parse_ballots(data, &mut want_c, weighted, unknown).map(grouped);
        let mut got_c = start.to_vec();
        let got = parse_ballots(data, &mut got_c, weighted, unknown);
        assert_eq!(got, want, "{:?}", String::from_utf8_lossy(data));
        if want.is_ok() {
            assert_eq!(got_c, want_c);
        }
        let (piece_c, pieces) = parse_in_pieces(data, start.to_vec(), weighted, unknown, piece);
        assert_eq!(
            pieces,
            want,
            "pieces of {piece}: {:?}",
            String::from_utf8_lossy(data)
        );
        if want.is_ok() {
            assert_eq!(piece_c, want_c);
        }
    }
}

#[test]
fn reads_like_the_csv_crate_on_edge_cases() {
    let start = names(&["A", "B", "C|D", "(overvote)", ""]);
    for data in [
        &b""[..],
        b"\n\n\r\n",
        b"A\r\nZed\r\n",
        b"A\rB\r\rZed",
        b"A,\"B\nC\",\n\"\"\"A\"\"\"\nZed",
        b"\"A\"B,\"A\nZed",
        b"A,\"\"\"",
        b"A,\"B\"\"",
        b"2,A\n3,A\n\n,B\n",
        b"18446744073709551615,A\n1,A\n",
        b"A|B,C|D\n(overvote)|A\n|A\n",
        b"A,\xff\n",
        b"\xef\xbb\xbfA\n",
        b"B,A\nA,Zed\nZed,B\nA|Zed\nYan\nB,A\n",
        b"\xef\xbb\xbfA\n\xef\xbb\xbfA\nA\n",
    ] {
        for weighted in [false, true] {
            for piece in [1, 2, 3, 7, 1000] {
                same_as_reference(data, &start, weighted, piece);
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn reads_like_the_csv_crate(
        tokens in proptest::collection::vec(proptest::sample::select(vec![
            &b"A"[..], b"B", b"Zed", b",", b"|", b"\"", b"\r", b"\n", b"\r\n", b"1", b"0",
            b" ", b"(overvote)", b"\xff", b"A|B",
        ]), 0..40),
        weighted in proptest::bool::ANY,
        piece in 1usize..9,
    ) {
        let data = tokens.concat();
        same_as_reference(&data, &names(&["A", "B", "A|B", "(overvote)"]), weighted, piece);
    }
}
