//! The one rule for control characters in text people type, shared by every text newtype
//! (names, titles, email, place, ledger text...). NUL and the other C0/C1 control characters
//! (ESC, BEL, DEL, ...) are refused everywhere: PostgreSQL cannot store NUL, and the others
//! are never part of honest text but can mangle terminals, logs and exports. Multi-line fields
//! (a textarea) may hold line breaks (`\n`, or `\r\n` as browsers send them) and tabs;
//! single-line fields may not.
//!
//! Pure: no I/O.

use crate::i18n::Msg;

/// Whether a field may span several lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// A name, title, email, place: one line, no tabs.
    One,
    /// A textarea: `\n`, `\r\n` and `\t` allowed.
    Many,
}

/// The English text of the message shown next to a field holding a refused character
/// (`v-control-characters`, see [`control_message`]), for tests that look for it on a page.
pub const CONTROL_MESSAGE: &str =
    "Remove control characters (such as NUL, ESC or a line break) from this field.";

/// The message shown next to a field holding a refused character.
pub fn control_message() -> Msg {
    Msg::new("v-control-characters")
}

/// `Err` with [`control_message`] when `text` holds a control character `lines` does not allow.
pub fn check_controls(text: &str, lines: Lines) -> Result<(), Msg> {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let allowed = match (lines, c) {
            (Lines::Many, '\n' | '\t') => true,
            (Lines::Many, '\r') => chars.peek() == Some(&'\n'),
            _ => !c.is_control(),
        };
        if !allowed {
            return Err(control_message());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_line_breaks_only_where_allowed() {
        for bad in [
            "a\0b",
            "a\u{1b}[31mb",
            "a\u{7}b",
            "a\u{7f}b",
            "a\u{85}b",
            "a\u{9b}b",
            "a\u{8}",
        ] {
            assert!(check_controls(bad, Lines::One).is_err(), "{bad:?}");
            assert!(check_controls(bad, Lines::Many).is_err(), "{bad:?}");
        }
        for one_line_only_bad in ["a\nb", "a\r\nb", "a\tb", "a\rb"] {
            assert!(check_controls(one_line_only_bad, Lines::One).is_err());
        }
        assert!(check_controls("line one\r\nline two\n\tindented", Lines::Many).is_ok());
        assert!(check_controls("lone\rcarriage return", Lines::Many).is_err());
        assert!(check_controls("Café — 3 € ✓ 👩‍🏫", Lines::One).is_ok());
        assert_eq!(
            check_controls("a\0b", Lines::One).unwrap_err().to_string(),
            CONTROL_MESSAGE
        );
    }
}
