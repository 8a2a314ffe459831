//! The row reader against the `csv` crate, which the reader replaced: same rows, same fields,
//! same line numbers (computed as the `csv`-based reader did, from record byte offsets).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use proptest::prelude::*;

use super::rows::Rows;

/// Rows as the `csv`-based reader saw them: line of each record and its fields, and the line
/// it reported at the end of the text.
fn by_csv(text: &str) -> (Vec<(u64, Vec<String>)>, u64) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let newlines: Vec<u64> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i as u64)
        .collect();
    let line_of = |byte: u64| newlines.partition_point(|&nl| nl <= byte) as u64 + 1;
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).unwrap() {
        let line = line_of(record.position().unwrap().byte());
        out.push((line, record.iter().map(str::to_string).collect()));
    }
    (out, line_of(reader.position().byte()))
}

fn by_rows(text: &str) -> (Vec<(u64, Vec<String>)>, u64) {
    let mut rows = Rows::new(text);
    let mut fields = Vec::new();
    let mut out = Vec::new();
    while let Some(line) = rows.next_into(&mut fields) {
        out.push((line, fields.iter().map(|f| f.to_string()).collect()));
    }
    (out, rows.end_line())
}

#[test]
fn reads_quotes_blank_lines_and_line_ends_like_csv() {
    for text in [
        "",
        "a;b\nc",
        "\n\n\na;b\r\n\r\nc;\"d;\"\"e\"\"\nf\"x;g\n",
        "\"unclosed;\nx",
        "a\r\rb\r\n\nc\n\n\nd",
        "\"q\"\"\";\"\"\n;;\n",
        "Łódź;\"ż\"ó\n",
    ] {
        assert_eq!(by_rows(text), by_csv(text), "{text:?}");
    }
}

proptest! {
    #[test]
    fn any_text_reads_like_csv(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("a"), Just("bc"), Just(";"), Just("\""), Just("\"\""), Just("\r"),
                Just("\n"), Just("\r\n"), Just(" "), Just("ł"),
            ],
            0..40,
        )
    ) {
        let text: String = parts.concat();
        prop_assert_eq!(by_rows(&text), by_csv(&text));
    }
}

/// Lines of `.pb` files, good and bad, for the reader against [`super::reference`].
const PB_LINES: [&str; 50] = [
    "META",
    "key;value",
    "budget;100",
    "budget;1,5",
    "budget;x",
    "vote_type;approval",
    "vote_type;cumulative",
    "vote_type;ordinal",
    "vote_type;choose-1",
    "vote_type;bad",
    "num_votes;3",
    "description;\"a;\"\"b\"",
    "PROJECTS",
    "project_id;cost;name",
    "cost;project_id",
    "p1;10;One",
    "p2;2.5;Two",
    "p1;3;again",
    ";4",
    "p3;abc",
    "VOTES",
    "voter_id;vote;points;age",
    "vote;age;sex",
    "vote",
    "v1;p1,p2;1,2;30",
    "v2;p2, p1 ,p2;3,4.5,1;40",
    "v3;p9;1;30",
    "v4;p1;;",
    "v5;p1,p2;1;30",
    "v6;;;",
    "v7;p2,p1;2,0.25;\"3\n0\"",
    "p1;30;M",
    "p2,p1;30;F",
    "p1;;F",
    "v8;p1;99999999999999999999999;2",
    "v9;p2;0.0000000000000000000000001;2",
    "",
    "  ;  ",
    "meta",
    "votes",
    "p_with_a_long_identifier;7;Long",
    "v10;p1,p1,p2;1;30",
    "p_with_a_long_identifier,p1;30;M",
    "v11;p2,,p1;;30",
    "v12;p1;2;30;x",
    "v13;p1",
    "p1 ,p2;30;M",
    "v14;p2;3;\"30\"",
    "Ł;p1;1;30",
    "p2;30;Ż",
];

fn pb_text(lines: &[usize], crlf: bool) -> String {
    let end = if crlf { "\r\n" } else { "\n" };
    lines
        .iter()
        .map(|&i| PB_LINES[i % PB_LINES.len()])
        .collect::<Vec<_>>()
        .join(end)
}

proptest! {
    #[test]
    fn any_text_parses_like_the_reference(
        lines in proptest::collection::vec(0..PB_LINES.len(), 0..30),
        crlf in any::<bool>(),
    ) {
        let text = pb_text(&lines, crlf);
        prop_assert_eq!(
            super::parse_pabulib(text.as_bytes()),
            super::reference::parse_pabulib(text.as_bytes())
        );
    }

    #[test]
    fn any_votes_parse_like_the_reference(
        vote_type in 5..9usize,
        header in 21..24usize,
        votes in proptest::collection::vec(0..PB_LINES.len(), 0..20),
        crlf in any::<bool>(),
    ) {
        let mut lines = vec![0, 1, 2, vote_type, 12, 13, 15, 16, 40, 20, header];
        lines.extend(votes);
        let text = pb_text(&lines, crlf);
        prop_assert_eq!(
            super::parse_pabulib(text.as_bytes()),
            super::reference::parse_pabulib(text.as_bytes())
        );
    }
}

/// A conformance file of `tests/conformance/pabulib`, read in at build time (the tally engine
/// and its tests use no file system).
macro_rules! conformance {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/conformance/pabulib/",
                $name
            ))
            .as_slice(),
        )
    };
}

/// Every `.pb` file of the conformance folder (`tests/budget_conformance.rs` checks each
/// against its expected outcome; add new ones here too).
const CONFORMANCE: &[(&str, &[u8])] = &[
    conformance!("France_Toulouse_2019.pb"),
    conformance!("Netherlands_Assen_2024.pb"),
    conformance!("Poland_Czestochowa_2020_Grabowka.pb"),
    conformance!("Poland_Krakow_2020_Wzgorza_Krzeslawickie.pb"),
    conformance!("Poland_Krakow_2023_Czyzyny.pb"),
    conformance!("Poland_Lodz_2020.pb"),
    conformance!("Poland_Lodz_2024_Stoki-Sikawa-Podgorze.pb"),
    conformance!("Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb"),
    conformance!("Poland_Wieliczka_2023_Green_Budget.pb"),
    conformance!("Poland_Zabrze_2020_Centrum_Poludnie.pb"),
    conformance!("Switzerland_Zurich_S5.pb"),
    conformance!(
        "US_Stanford_Dataset_Your_Voice_Your_Choice_Parks_and_Streets-_Seattle_2019_District_1_vote_rankings.pb"
    ),
    conformance!("Worldwide_Mechanical_Turk_Ranking_value_3.pb"),
    conformance!("Worldwide_Mechanical_Turk_Utilities_3.pb"),
    conformance!("equalshares-rb_synthetic_approval.pb"),
    conformance!("equalshares-rb_synthetic_approval_4.pb"),
    conformance!("equalshares-rb_synthetic_cumulative.pb"),
    conformance!("equalshares-rb_synthetic_ordinal.pb"),
    conformance!("equalshares-rb_synthetic_scoring.pb"),
];

#[test]
fn conformance_files_parse_like_the_reference() {
    for (name, bytes) in CONFORMANCE {
        let instance = super::parse_pabulib(bytes).unwrap();
        let reference = super::reference::parse_pabulib(bytes);
        assert_eq!(Ok(&instance), reference.as_ref(), "{name}");
        if instance.voters.len() > 10_000 {
            // Voters with the same extra values share them.
            let distinct: std::collections::HashSet<*const [String]> = instance
                .voters
                .iter()
                .map(|v| std::sync::Arc::as_ptr(v.extra))
                .collect();
            assert!(distinct.len() * 10 < instance.voters.len());
        }
    }
    assert!(CONFORMANCE.len() > 10);
}
