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
