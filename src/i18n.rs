//! Languages: the message catalogues under `locales/` (Fluent, compiled into the binary with
//! `fluent-templates`; ADR 0017) and the choice of language per request (the person's own
//! choice, else the browser's `Accept-Language`, else English).
//!
//! Templates say `{{ t(key="nav-home", lang=lang) }}`; Rust code says [`text`]. A key missing
//! from a catalogue falls back to English at run time, and fails `cargo test`.

use std::collections::HashMap;

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
    fn messages_come_from_the_catalogues_with_their_arguments() {
        assert_eq!(super::text(Lang::En, "nav-home"), "Home");
        assert_eq!(super::text(Lang::Fr, "nav-home"), "Accueil");
        let name = super::text_with(Lang::Fr, "nav-account", &[("name", "Sam".to_owned())]);
        assert_eq!(name, "Compte (Sam)");
    }
}
