//! A team's members written once as `<option>`s for the person fields of every page that
//! offers them (actions, role maps, series, the ledger, the live meeting), per roster
//! version: a page then copies one string per field instead of serialising 2,000 members
//! into its context and writing them again for each field (docs/benchmarks.md).

use std::sync::Arc;

use serde::Serialize;

use crate::domain::ids::TeamId;
use crate::recent::Recent;
use crate::service::teams::{Member, ROSTERS_KEPT};
use crate::web::templates::escape_into;

/// Above this many members, a field repeated on a page (a milestone's owner, each agenda
/// item's action owner) takes a name typed from one shared `<datalist>` instead of a selector
/// of every member each: at 2,000 members a selector is about 70 KB and hard to use.
pub const PICK_BY_NAME_ABOVE: usize = 100;

/// A team's members as `<option>`s, in roster order (by name).
#[derive(Debug, Serialize)]
pub struct MemberOptions {
    /// `<option value="ID">Name</option>` per member: a selector's options, for
    /// `{{ pick(options=member_options.by_id, selected=…) }}`.
    pub by_id: String,
    /// `<option value="Name (#ID)"></option>` per member: the one `<datalist>` a page of a
    /// large team shares between its person fields (read back by
    /// [`crate::domain::team::member_choice`]).
    pub by_label: String,
    /// How many members they list.
    pub count: usize,
    /// More than [`PICK_BY_NAME_ABOVE`]: repeated fields type a name from the list.
    pub by_name: bool,
}

impl MemberOptions {
    /// Writes `members`' options, escaped as Tera escapes.
    #[must_use]
    pub fn of(members: &[Member]) -> Self {
        let mut by_id = String::with_capacity(members.len() * 40);
        let mut by_label = String::with_capacity(members.len() * 48);
        for member in members {
            push_option(&mut by_id, &member.id.to_string(), &member.name);
            by_label.push_str("<option value=\"");
            escape_into(&mut by_label, &member.label);
            by_label.push_str("\"></option>");
        }
        Self {
            by_id,
            by_label,
            count: members.len(),
            by_name: members.len() > PICK_BY_NAME_ABOVE,
        }
    }
}

/// Appends `<option value="VALUE">TEXT</option>` to `out`, escaped as Tera escapes: options
/// written once in Rust for [`crate::web::templates`]' `pick` (a Tera loop over 2,000 people
/// costs milliseconds a list).
pub fn push_option(out: &mut String, value: &str, text: &str) {
    out.push_str("<option value=\"");
    escape_into(out, value);
    out.push_str("\">");
    escape_into(out, text);
    out.push_str("</option>");
}

/// How a field that types a name from the list shows `raw` (a user id, or what was typed): a
/// member's id as the name the list offers (`Name (#id)`), anything else as it is.
#[must_use]
pub fn shown(members: &[Member], raw: &str) -> String {
    raw.trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| members.iter().find(|m| m.id.0 == id))
        .map_or_else(|| raw.to_owned(), |m| m.label.clone())
}

/// The options of recently shown teams, by team and roster version (the same key as
/// `service::teams::Rosters`, so a changed roster is never shown from here).
pub struct PersonFields {
    recent: Recent<(TeamId, i64), MemberOptions>,
}

impl Default for PersonFields {
    fn default() -> Self {
        Self {
            recent: Recent::new(ROSTERS_KEPT),
        }
    }
}

impl PersonFields {
    /// The options kept for `team` at `version`, if any.
    pub fn get(&self, team: TeamId, version: i64) -> Option<Arc<MemberOptions>> {
        self.recent.get(&(team, version))
    }

    /// Writes and keeps the options of `members`, the roster of `team` at `version`.
    pub fn keep(&self, team: TeamId, version: i64, members: &[Member]) -> Arc<MemberOptions> {
        let options = Arc::new(MemberOptions::of(members));
        self.recent.insert((team, version), Arc::clone(&options));
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::UserId;

    fn member(id: i64, name: &str) -> Member {
        Member {
            id: UserId(id),
            name: name.to_owned(),
            leader: false,
            label: crate::domain::team::member_label(UserId(id), name),
        }
    }

    #[test]
    fn options_are_escaped_and_in_roster_order() {
        let options = MemberOptions::of(&[member(7, "Ana <b>"), member(3, "Bo \"B\"")]);
        assert_eq!(
            options.by_id,
            "<option value=\"7\">Ana &lt;b&gt;</option>\
             <option value=\"3\">Bo &quot;B&quot;</option>"
        );
        assert_eq!(
            options.by_label,
            "<option value=\"Ana &lt;b&gt; (#7)\"></option>\
             <option value=\"Bo &quot;B&quot; (#3)\"></option>"
        );
        assert_eq!(options.count, 2);
    }

    #[test]
    fn an_id_is_shown_as_the_name_the_list_offers() {
        let members = [member(7, "Ana"), member(3, "Bo")];
        assert_eq!(shown(&members, "3"), "Bo (#3)");
        assert_eq!(shown(&members, "Ana (#7)"), "Ana (#7)");
        assert_eq!(shown(&members, "9"), "9", "not a member: as typed");
        assert_eq!(shown(&members, ""), "");
        let many: Vec<Member> = (1..=101).map(|i| member(i, "X")).collect();
        assert!(MemberOptions::of(&many).by_name);
        assert!(!MemberOptions::of(&many[..100]).by_name);
    }

    #[test]
    fn kept_per_team_and_version() {
        let fields = PersonFields::default();
        assert!(fields.get(TeamId(1), 1).is_none());
        fields.keep(TeamId(1), 1, &[member(1, "Ana")]);
        assert_eq!(fields.get(TeamId(1), 1).map(|o| o.count), Some(1));
        assert!(
            fields.get(TeamId(1), 2).is_none(),
            "a new version is read anew"
        );
        assert!(fields.get(TeamId(2), 1).is_none());
    }
}
