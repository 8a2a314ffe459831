//! Languages: the message catalogues under `locales/` (Fluent, compiled into the binary with
//! `fluent-templates`; ADR 0017) and the choice of language per request (the person's own
//! choice, else the browser's `Accept-Language`, else English).
//!
//! Templates say `{{ t(key="nav-home", lang=lang) }}`; Rust code says [`text`]. A key missing
//! from a catalogue falls back to English at run time, and fails `cargo test`.

use std::collections::HashMap;

/// Fluent itself, for checks that parse the catalogues.
pub use fluent_templates::fluent_bundle;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use serde::{Serialize, Serializer};

// Every catalogue of `locales/`, compiled in; English is the fallback.
fluent_templates::static_loader! {
    pub static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around placeables: the text goes into HTML and mail.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language the site speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (the fallback).
    En,
    /// French.
    Fr,
}

impl Lang {
    /// Every language offered, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The BCP 47 code (`en`, `fr`), as stored and as put in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The language's own name for itself, as offered in a choice.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }

    /// A stored or typed code (`fr`, `fr-CA`, `FR`); `None` if the site does not speak it.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The best language for an `Accept-Language` header (English when none fits).
    pub fn negotiate(accept_language: &str) -> Lang {
        let requested = fluent_langneg::accepted_languages::parse(accept_language);
        let available: Vec<LanguageIdentifier> = Lang::ALL.iter().map(|l| l.id()).collect();
        let default = langid!("en");
        fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&default),
            fluent_langneg::NegotiationStrategy::Filtering,
        )
        .first()
        .and_then(|id| Lang::parse(&id.to_string()))
        .unwrap_or(Lang::En)
    }

    /// The language as Fluent names it.
    pub fn id(self) -> LanguageIdentifier {
        match self {
            Lang::En => langid!("en"),
            Lang::Fr => langid!("fr"),
        }
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// The message `key` in `lang` (English if the catalogue lacks it).
pub fn text(lang: Lang, key: &str) -> String {
    LOCALES.lookup(&lang.id(), key)
}

/// The message `key` in `lang` with named arguments (`{ $name }` in the catalogue).
pub fn text_with(lang: Lang, key: &str, args: &[(&'static str, String)]) -> String {
    let args: HashMap<std::borrow::Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (std::borrow::Cow::Borrowed(*k), FluentValue::from(v.clone())))
        .collect();
    LOCALES.lookup_with_args(&lang.id(), key, &args)
}

/// A sentence for people, kept as a catalogue key with its arguments until it is shown, so
/// the domain and the services say *what* is wrong and each reader reads it in their own
/// language (`render`). `Display` is English, for logs and the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// One argument of a [`Msg`]: text, or a number (so the catalogue can choose a plural form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Shown as it is.
    Text(String),
    /// Chooses plural forms (`{ $count -> [one] … }`).
    Number(i64),
    /// Another message, rendered in the same language first.
    Msg(Box<Msg>),
    /// A moment, shown on the wall clock of a zone ("3 Nov 2026, 09:00 GMT").
    At(time::OffsetDateTime, crate::domain::zone::Zone),
    /// A calendar day ("3 Nov 2026").
    Day(time::Date),
    /// Minor units of a currency ("1,200.50 EUR", "1 200,50 EUR").
    Money(i64, String),
}

impl Arg {
    /// A moment shown in `zone`.
    pub fn at(at: time::OffsetDateTime, zone: crate::domain::zone::Zone) -> Self {
        Arg::At(at, zone)
    }

    /// A calendar day.
    pub fn day(day: time::Date) -> Self {
        Arg::Day(day)
    }

    /// An amount in minor units of `currency`.
    pub fn money(minor: i64, currency: &str) -> Self {
        Arg::Money(minor, currency.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

impl From<Msg> for Arg {
    fn from(value: Msg) -> Self {
        Arg::Msg(Box::new(value))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Number(i64::try_from(value).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(i64, i32, u32, u8, u16, usize, u64);

impl Msg {
    /// The message `key` of the catalogues (`cargo test` checks that every key used exists).
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    /// Adds the argument `$name`.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// Text shown as it is in every language: what people typed (a title, a purpose line).
    pub fn verbatim(text: impl Into<String>) -> Self {
        Msg::new(VERBATIM).arg("text", text.into())
    }

    /// The catalogue key.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The sentence in `lang` (English where the catalogue lacks it).
    pub fn render(&self, lang: Lang) -> String {
        self.render_in(lang, None)
    }

    /// The sentence in `lang`, its moments ([`Arg::At`]) on `zone`'s wall clock when one is
    /// given (a reader who chose their own zone) instead of the zone each was written with.
    pub fn render_in(&self, lang: Lang, zone: Option<crate::domain::zone::Zone>) -> String {
        if self.key == VERBATIM {
            return match self.args.first() {
                Some((_, Arg::Text(s))) => s.clone(),
                _ => String::new(),
            };
        }
        if self.args.is_empty() {
            return text(lang, self.key);
        }
        let args: HashMap<std::borrow::Cow<'static, str>, FluentValue<'_>> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(s) => FluentValue::from(s.clone()),
                    Arg::Number(n) => FluentValue::from(*n),
                    Arg::Msg(m) => FluentValue::from(m.render_in(lang, zone)),
                    Arg::At(at, written) => FluentValue::from(crate::format::date_time_in(
                        *at,
                        zone.unwrap_or(*written),
                        lang,
                    )),
                    Arg::Day(day) => FluentValue::from(crate::format::date_in(*day, lang)),
                    Arg::Money(minor, currency) => {
                        FluentValue::from(crate::format::money_in(*minor, currency, lang))
                    }
                };
                (std::borrow::Cow::Borrowed(*name), value)
            })
            .collect();
        LOCALES.lookup_with_args(&lang.id(), self.key, &args)
    }
}

/// The key of [`Msg::verbatim`] text (no catalogue key is empty).
const VERBATIM: &str = "";

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn the_browsers_preference_picks_a_language_the_site_speaks() {
        assert_eq!(Lang::negotiate("fr-FR,fr;q=0.9,en;q=0.8"), Lang::Fr);
        assert_eq!(Lang::negotiate("de-DE,de;q=0.9,fr;q=0.5"), Lang::Fr);
        assert_eq!(Lang::negotiate("de-DE,en-GB;q=0.7,fr;q=0.5"), Lang::En);
        assert_eq!(Lang::negotiate("de"), Lang::En);
        assert_eq!(Lang::negotiate(""), Lang::En);
        assert_eq!(Lang::negotiate("*"), Lang::En);
        assert_eq!(Lang::parse("FR-ca"), Some(Lang::Fr));
        assert_eq!(Lang::parse("es"), None);
    }

    #[test]
    fn a_moment_is_read_on_the_readers_own_clock_when_they_chose_one() {
        use crate::domain::zone::Zone;
        let at = time::macros::datetime!(2026-11-03 14:02 UTC);
        let msg = super::Msg::new("notice-voting-open")
            .arg("title", "Weekly")
            .arg("close", super::Arg::at(at, Zone::utc()));
        assert!(msg.render(Lang::En).contains("3 Nov 2026, 14:02 UTC"));
        let paris = Zone::parse("Europe/Paris").ok();
        let theirs = msg.render_in(Lang::Fr, paris);
        assert!(theirs.contains("3 nov. 2026, 15:02 CET"), "{theirs}");
        let nested = super::Msg::new("notice-digest").arg("team", msg);
        assert!(nested.render_in(Lang::En, paris).contains("15:02 CET"));
    }

    #[test]
    fn messages_come_from_the_catalogues_with_their_arguments() {
        assert_eq!(super::text(Lang::En, "nav-home"), "Home");
        assert_eq!(super::text(Lang::Fr, "nav-home"), "Accueil");
        let name = super::text_with(Lang::Fr, "nav-account", &[("name", "Sam".to_owned())]);
        assert_eq!(name, "Compte (Sam)");
    }
}
