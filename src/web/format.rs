//! Numbers and dates formatted in Rust, not in templates.

use time::OffsetDateTime;
use time::macros::format_description;

/// "23 Nov 2026, 14:02 UTC".
pub fn date_time(at: OffsetDateTime) -> String {
    let format =
        format_description!("[day padding:none] [month repr:short] [year], [hour]:[minute] UTC");
    at.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .unwrap_or_else(|_| at.to_string())
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    #[test]
    fn dates_read_naturally() {
        assert_eq!(
            super::date_time(datetime!(2026-11-03 14:02 UTC)),
            "3 Nov 2026, 14:02 UTC"
        );
    }
}
