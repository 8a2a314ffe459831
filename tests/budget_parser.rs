#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Pabulib reader and writer: every vote type, exact decimals, line-numbered errors,
//! and a writer round trip on the real conformance files.

mod common;

use roundtable::tally::budget::{
    Ballot, BudgetError, Completion, VoteType, equal_shares, parse_pabulib, run, write_pabulib,
};

fn pb(vote_type: &str, votes: &str) -> String {
    format!(
        "\u{feff}META\r\nkey;value\r\ndescription;\"a; quoted \"\"text\"\"\"\r\nbudget;1404775,68\r\nvote_type;{vote_type}\r\n\r\nPROJECTS\r\nproject_id;cost;name\r\np1;1000.5;One\r\np10;200;Ten\r\nVOTES\r\n{votes}"
    )
}

#[test]
fn approval_files_parse_with_bom_crlf_quotes_and_comma_decimals() {
    let i =
        parse_pabulib(pb("approval", "voter_id;vote;age\r\n1;p1,p10;30\r\n2;p10;\r\n").as_bytes())
            .unwrap();
    assert_eq!(i.vote_type, VoteType::Approval);
    assert_eq!((i.budget, i.scale), (140477568, 2));
    assert_eq!(i.projects[0].cost, 100050);
    assert_eq!(i.meta_value("description"), Some("a; quoted \"text\""));
    assert_eq!(
        i.voters.get(0).unwrap().ballot.to_ballot(),
        Ballot::Approval(vec![0, 1])
    );
    assert_eq!(i.voter_columns, ["age"]);
}

#[test]
fn point_and_ranked_ballots_keep_their_structure() {
    let i =
        parse_pabulib(pb("cumulative", "voter_id;vote;points\r\n1;p10,p1;3,1.5\r\n").as_bytes())
            .unwrap();
    assert_eq!(i.points_scale, 1);
    assert_eq!(
        i.voters.get(0).unwrap().ballot.to_ballot(),
        Ballot::Cardinal(vec![(1, 30), (0, 15)])
    );
    let i = parse_pabulib(pb("ordinal", "voter_id;vote\r\n1;p10,p1\r\n").as_bytes()).unwrap();
    assert_eq!(
        i.voters.get(0).unwrap().ballot.to_ballot(),
        Ballot::Ordinal(vec![1, 0])
    );
}

#[test]
fn errors_carry_the_line_number() {
    let err =
        parse_pabulib(pb("approval", "voter_id;vote\r\n1;p1\r\n2;p2\r\n").as_bytes()).unwrap_err();
    assert_eq!(
        err,
        BudgetError::Parse {
            line: 14,
            message: "vote for unknown project `p2`".into()
        }
    );
    let err = parse_pabulib(pb("cumulative", "voter_id;vote;points\r\n1;p1,p10;3\r\n").as_bytes())
        .unwrap_err();
    assert!(
        matches!(err, BudgetError::Parse { line: 13, .. }),
        "{err:?}"
    );
    let err = parse_pabulib(b"META\nkey;value\nbudget;ten\nPROJECTS\nproject_id;cost\nVOTES\n")
        .unwrap_err();
    assert!(matches!(err, BudgetError::Parse { line: 3, .. }), "{err:?}");
    assert!(parse_pabulib(b"PROJECTS\n").is_err());
    assert!(parse_pabulib(&[0xff, 0xfe]).is_err());
}

#[test]
fn every_conformance_file_survives_a_write_parse_round_trip() {
    let dir = common::conformance_dir("pabulib");
    assert!(
        dir.is_dir(),
        "conformance folder missing: {}",
        dir.display()
    );
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pb") {
            let original = parse_pabulib(&std::fs::read(&path).unwrap()).unwrap();
            let written = write_pabulib(&original).unwrap();
            assert_eq!(
                parse_pabulib(written.as_bytes()).unwrap(),
                original,
                "{}",
                path.display()
            );
            count += 1;
        }
    }
    assert!(count >= 19);
}

#[test]
fn equal_shares_of_time_follows_the_priority_order_on_ties() {
    let items = vec![
        ("a".to_string(), 10),
        ("b".to_string(), 10),
        ("c".to_string(), 30),
    ];
    let approvals = vec![
        vec!["a".to_string(), "b".to_string()],
        vec!["a".to_string(), "b".to_string()],
        vec!["c".to_string()],
    ];
    let lexico = equal_shares(&items, 30, &approvals, &[], Completion::None).unwrap();
    assert_eq!(lexico.selected, ["a", "b"]);
    let prio = equal_shares(&items, 30, &approvals, &["b".to_string()], Completion::None).unwrap();
    assert_eq!(prio.selected, ["b", "a"]);
    assert_eq!(prio.ties[0].tied, ["b", "a"]);
    assert_eq!(prio.ties[0].by, "priority order");
    let full = equal_shares(&items, 30, &approvals, &[], Completion::Add1FullGreedy).unwrap();
    assert!(
        run(
            &roundtable::tally::budget::Instance::from_approvals(&items, 30, &approvals).unwrap(),
            "mes".parse().unwrap()
        )
        .unwrap()
        .selected
            == full.selected
    );
}
