//! iCalendar (RFC 5545) for one meeting, written by hand: one `VEVENT` with the agenda in its
//! description. See ADR 0008 for why no crate: the text is small, and the rules that matter
//! (escaping, CRLF, folding at 75 octets, UTC times) are tested here.

use time::OffsetDateTime;

/// What goes into the calendar entry.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// Stable unique id, e.g. `meeting-12@roundtable`.
    pub uid: &'a str,
    /// When the file was made.
    pub stamp: OffsetDateTime,
    pub starts: OffsetDateTime,
    pub ends: OffsetDateTime,
    /// Title.
    pub summary: &'a str,
    /// Place or link.
    pub location: &'a str,
    /// Purpose line and agenda, lines separated by `\n`.
    pub description: &'a str,
    /// Link to the meeting page.
    pub url: Option<&'a str>,
}

fn utc(at: OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    at.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .unwrap_or_default()
}

/// Escapes a TEXT value: backslash, semicolon, comma and newlines.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 character), ending with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

/// The calendar file.
pub fn calendar(event: &Event<'_>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Roundtable//Agenda//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", escape(event.uid)),
        format!("DTSTAMP:{}", utc(event.stamp)),
        format!("DTSTART:{}", utc(event.starts)),
        format!("DTEND:{}", utc(event.ends)),
        format!("SUMMARY:{}", escape(event.summary)),
    ];
    if !event.location.is_empty() {
        lines.push(format!("LOCATION:{}", escape(event.location)));
    }
    lines.push(format!("DESCRIPTION:{}", escape(event.description)));
    if let Some(url) = event.url {
        lines.push(format!("URL:{url}"));
    }
    lines.push("END:VEVENT".to_owned());
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\nnext"), "a\\, b\\; c\\\\d\\nnext");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "é".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn a_meeting_becomes_one_event_in_utc() {
        let text = calendar(&Event {
            uid: "meeting-1@roundtable",
            stamp: datetime!(2026-11-20 08:00 UTC),
            starts: datetime!(2026-11-23 14:00 UTC),
            ends: datetime!(2026-11-23 15:00 UTC),
            summary: "Weekly SLT",
            location: "Room 4, main building",
            description: "Purpose.\n14:00 Three-minute action scan (3 min)",
            url: None,
        });
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.contains("DTSTART:20261123T140000Z\r\n"));
        assert!(text.contains("DTEND:20261123T150000Z\r\n"));
        assert!(text.contains("LOCATION:Room 4\\, main building\r\n"));
        assert!(text.contains("Purpose.\\n14:00 Three-minute action scan (3 min)"));
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
    }
}
