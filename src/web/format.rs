//! Numbers and dates formatted in Rust, not in templates: the handlers' name for
//! [`crate::format`], which lives outside `web` so that services may use it too.

pub use crate::format::*;

/// A name shortened to a chart's 24 characters, marked with "…" when cut (the table beside
/// the chart, and the label's tooltip, carry it whole).
#[must_use]
pub fn chart_label(name: &str) -> String {
    const ROOM: usize = 24;
    if name.chars().count() <= ROOM {
        name.to_owned()
    } else {
        let mut short: String = name.chars().take(ROOM - 1).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::chart_label;

    #[test]
    fn a_long_name_is_cut_with_an_ellipsis_and_a_short_one_kept() {
        assert_eq!(chart_label("Trees"), "Trees");
        let long = chart_label("Coffee machine for the staffroom");
        assert_eq!(long, "Coffee machine for the …");
        assert_eq!(long.chars().count(), 24);
    }
}
