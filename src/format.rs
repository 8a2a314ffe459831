//! Numbers and dates as people read them, formatted in Rust rather than in templates.
//!
//! Pure (no web, database or clock types), so services may build view data with it without
//! reaching into `web` (the dependency rule: web → service → domain). `web::format` re-exports
//! it for the handlers.

pub mod ics;

use time::macros::format_description;
use time::{Date, OffsetDateTime};

use crate::domain::zone::Zone;
use crate::i18n::Lang;

/// "23 Nov 2026, 14:02 GMT": the wall clock in `zone`, with the zone's abbreviation.
pub fn date_time(at: OffsetDateTime, zone: Zone) -> String {
    date_time_in(at, zone, Lang::En)
}

/// [`date_time`] in `lang`'s words: "23 nov. 2026, 14:02 GMT" in French.
pub fn date_time_in(at: OffsetDateTime, zone: Zone, lang: Lang) -> String {
    let local = zone.local(at);
    format!(
        "{}, {:02}:{:02} {}",
        date_in(local.at.date(), lang),
        local.at.hour(),
        local.at.minute(),
        local.abbreviation
    )
}

/// "14:02": the wall clock in `zone` (agenda start times, beside a named zone).
pub fn clock(at: OffsetDateTime, zone: Zone) -> String {
    let format = format_description!("[hour]:[minute]");
    zone.local(at).at.format(&format).unwrap_or_default()
}

/// "3 Nov 2026".
pub fn date(day: Date) -> String {
    date_in(day, Lang::En)
}

/// [`date`] in `lang`'s words: "3 nov. 2026" in French.
pub fn date_in(day: Date, lang: Lang) -> String {
    let month = MONTHS
        .get(usize::from(u8::from(day.month())).saturating_sub(1))
        .map_or_else(String::new, |key| crate::i18n::text(lang, key));
    format!("{} {month} {}", day.day(), day.year())
}

/// The catalogue keys of the months' short names.
const MONTHS: [&str; 12] = [
    "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
    "month-9", "month-10", "month-11", "month-12",
];

/// "2026-11-03" (for date inputs).
pub fn iso(day: Date) -> String {
    day.to_string()
}

/// "Nov 2026".
pub fn month(year: i32, month: u8) -> String {
    let names = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let name = names
        .get(usize::from(month.saturating_sub(1)))
        .copied()
        .unwrap_or("?");
    format!("{name} {year}")
}

/// "45 min", "2 h", "1 h 30 min".
pub fn minutes(total: i64) -> String {
    let (h, m) = (total / 60, total % 60);
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// A decimal number written with `.` as its point and no grouping ("2333.3330", "-12",
/// "1204"), as `lang` writes it: English "2,333.3330", French "2 333,3330" (a narrow
/// no-break space groups thousands, a comma marks the decimals). Text that is not a plain
/// number comes back unchanged.
pub fn decimal_in(plain: &str, lang: Lang) -> String {
    let (sign, rest) = plain.strip_prefix('-').map_or(("", plain), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return plain.to_owned();
    }
    let (group, point) = match lang {
        Lang::En => (",", "."),
        Lang::Fr => ("\u{202f}", ","),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3 * group.len());
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push_str(group);
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}{point}{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A whole number as `lang` writes it: "1,204" in English, "1 204" in French.
pub fn number_in(n: i64, lang: Lang) -> String {
    decimal_in(&n.to_string(), lang)
}

/// Minor units of a currency as `lang` writes them: "1,200.50 EUR" in English,
/// "1 200,50 EUR" in French ("1,200 EUR" when whole).
pub fn money_in(minor: i64, currency: &str, lang: Lang) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let (whole, cents) = (abs / 100, abs % 100);
    let plain = if cents == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{cents:02}")
    };
    format!("{} {currency}", decimal_in(&plain, lang))
        .trim_end()
        .to_owned()
}

/// "41 %" / "41%": a share rounded to a whole percent, as `lang` writes it (French puts a
/// narrow no-break space before the sign).
pub fn percent_in(share: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{:.0}%", share * 100.0),
        Lang::Fr => format!("{:.0}\u{202f}%", share * 100.0),
    }
}

/// "Nov 2026" in `lang`'s words ("nov. 2026" in French).
pub fn month_in(year: i32, month: u8, lang: Lang) -> String {
    let name = MONTHS
        .get(usize::from(month.saturating_sub(1)))
        .map_or_else(|| "?".to_owned(), |key| crate::i18n::text(lang, key));
    format!("{name} {year}")
}

/// "41%" (rounded to a whole percent).
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// A balance index with its sign: "+0.50", "−0.25", "0.00".
pub fn index(value: f64) -> String {
    if value > 0.004 {
        format!("+{value:.2}")
    } else if value < -0.004 {
        format!("−{:.2}", value.abs())
    } else {
        "0.00".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use crate::i18n::Lang;

    #[test]
    fn dates_read_naturally() {
        let utc = crate::domain::zone::Zone::utc();
        let paris = crate::domain::zone::Zone::parse("Europe/Paris").unwrap();
        assert_eq!(
            super::date_time(datetime!(2026-11-03 14:02 UTC), utc),
            "3 Nov 2026, 14:02 UTC"
        );
        assert_eq!(
            super::date_time(datetime!(2026-11-03 14:02 UTC), paris),
            "3 Nov 2026, 15:02 CET"
        );
        assert_eq!(
            super::clock(datetime!(2026-07-03 14:02 UTC), paris),
            "16:02"
        );
        assert_eq!(super::date(date!(2026 - 11 - 03)), "3 Nov 2026");
        assert_eq!(super::iso(date!(2026 - 11 - 03)), "2026-11-03");
        assert_eq!(super::month(2026, 1), "Jan 2026");
        assert_eq!(
            super::date_time_in(datetime!(2026-02-03 14:02 UTC), paris, Lang::Fr),
            "3 févr. 2026, 15:02 CET"
        );
        assert_eq!(
            super::date_in(date!(2026 - 08 - 15), Lang::Fr),
            "15 août 2026"
        );
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(super::number_in(1_204, Lang::En), "1,204");
        assert_eq!(super::number_in(1_204, Lang::Fr), "1\u{202f}204");
        assert_eq!(super::number_in(-999, Lang::Fr), "-999");
        assert_eq!(super::decimal_in("2333.3330", Lang::En), "2,333.3330");
        assert_eq!(
            super::decimal_in("2333.3330", Lang::Fr),
            "2\u{202f}333,3330"
        );
        assert_eq!(super::decimal_in("n/a", Lang::Fr), "n/a");
        assert_eq!(super::money_in(120_050, "EUR", Lang::En), "1,200.50 EUR");
        assert_eq!(
            super::money_in(120_050, "EUR", Lang::Fr),
            "1\u{202f}200,50 EUR"
        );
        assert_eq!(super::money_in(-500, "", Lang::En), "-5");
        assert_eq!(super::percent_in(0.41, Lang::Fr), "41\u{202f}%");
        assert_eq!(super::month_in(2026, 2, Lang::Fr), "févr. 2026");
        assert_eq!(super::month_in(2026, 11, Lang::En), "Nov 2026");
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(super::minutes(45), "45 min");
        assert_eq!(super::minutes(120), "2 h");
        assert_eq!(super::minutes(90), "1 h 30 min");
        assert_eq!(super::percent(0.41), "41%");
        assert_eq!(super::index(0.5), "+0.50");
        assert_eq!(super::index(-0.25), "−0.25");
        assert_eq!(super::index(0.0), "0.00");
    }
}
