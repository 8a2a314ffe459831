//! Team values parsed once at the edge: name, slug, purpose, invitation terms.

use crate::domain::ids::UserId;
use crate::domain::text::{Lines, check_controls};
use crate::i18n::Msg;

/// A team's display name: 2 to 80 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamName(String);

impl TeamName {
    /// Trims and checks the length.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let name = raw.trim();
        match name.chars().count() {
            0 => Err(Msg::new("v-team-name-empty")),
            1 => Err(Msg::new("v-too-short").arg("min", 2)),
            n if n > 80 => Err(Msg::new("v-too-long").arg("max", 80)),
            _ if name.chars().any(char::is_control) => Err(Msg::new("v-team-name-control")),
            _ => Ok(Self(name.to_owned())),
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The team's address segment: 2 to 60 lower-case letters, digits and hyphens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

impl Slug {
    /// Checks a slug as typed.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let slug = raw.trim();
        let valid_chars = slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !(2..=60).contains(&slug.len())
            || !valid_chars
            || slug.starts_with('-')
            || slug.ends_with('-')
        {
            return Err(Msg::new("v-slug-invalid"));
        }
        Ok(Self(slug.to_owned()))
    }
    /// Derives a slug from a team name ("Senior Leadership Team" → "senior-leadership-team").
    pub fn from_name(name: &TeamName) -> Result<Self, Msg> {
        let mut slug = String::new();
        for c in name.as_str().chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
        Self::parse(slug.trim_end_matches('-'))
    }
    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A team's standing purpose: one or two sentences, at most 300 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purpose(String);

impl Purpose {
    /// Trims and checks the length.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let text = raw.trim();
        match text.chars().count() {
            0..=9 => Err(Msg::new("v-team-purpose-short")),
            n if n > 300 => Err(Msg::new("v-team-purpose-long")),
            _ => check_controls(text, Lines::Many).map(|()| Self(text.to_owned())),
        }
    }
    /// The purpose.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How many people may use one invitation link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxUses(i32);

impl MaxUses {
    /// 1 to 100.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        match raw.trim().parse::<i32>() {
            Ok(n) if (1..=100).contains(&n) => Ok(Self(n)),
            _ => Err(Msg::new("v-max-uses")),
        }
    }
    pub fn get(self) -> i32 {
        self.0
    }
}

/// How many days an invitation stays valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidDays(i64);

impl ValidDays {
    /// 1 to 30.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        match raw.trim().parse::<i64>() {
            Ok(n) if (1..=30).contains(&n) => Ok(Self(n)),
            _ => Err(Msg::new("v-days-range").arg("max", 30)),
        }
    }
    /// The number of days.
    pub fn get(self) -> i64 {
        self.0
    }
}

/// The member a person field names: a user id (`"42"`, from a selector) or a name chosen from
/// a list of names (a `<datalist>` sent once per page, not a selector per form), which ends
/// in the id (`"Ana Lima (#42)"`, so that two members with the same name stay apart). `None`
/// when neither.
pub fn member_choice(raw: &str) -> Option<UserId> {
    let raw = raw.trim();
    let digits = match raw.strip_suffix(')') {
        Some(rest) => rest.rsplit_once("(#")?.1,
        None => raw,
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<i64>().ok().filter(|id| *id > 0).map(UserId)
}

/// A member as the name lists spell them, so that [`member_choice`] reads it back.
pub fn member_label(id: UserId, name: &str) -> String {
    format!("{name} (#{id})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_derive_from_names() {
        let name = TeamName::parse("Senior Leadership Team (2026)").unwrap();
        assert_eq!(
            Slug::from_name(&name).unwrap().as_str(),
            "senior-leadership-team-2026"
        );
        assert!(Slug::parse("Bad Slug").is_err());
        assert!(Slug::parse("-x").is_err());
    }

    #[test]
    fn invitation_terms_are_bounded() {
        assert!(MaxUses::parse("0").is_err());
        assert_eq!(MaxUses::parse(" 5 ").unwrap().get(), 5);
        assert!(ValidDays::parse("31").is_err());
        assert!(ValidDays::parse("abc").is_err());
    }

    #[test]
    fn a_member_is_chosen_by_id_or_by_a_name_from_the_list_that_ends_in_the_id() {
        assert_eq!(member_choice("42"), Some(UserId(42)));
        assert_eq!(member_choice(" Ana Lima (#42) "), Some(UserId(42)));
        assert_eq!(member_choice("Ana (Lima) (#7)"), Some(UserId(7)));
        assert_eq!(member_choice("Ana Lima"), None);
        assert_eq!(member_choice("Ana Lima (#)"), None);
        assert_eq!(member_choice("Ana Lima (#-3)"), None);
        assert_eq!(member_choice("0"), None);
        assert_eq!(member_choice(""), None);
        assert_eq!(member_choice("Ana (#4x)"), None);
    }

    #[test]
    fn a_label_reads_back_as_its_member() {
        assert_eq!(
            member_choice(&member_label(UserId(42), "Ana (Lima)")),
            Some(UserId(42))
        );
    }
}
