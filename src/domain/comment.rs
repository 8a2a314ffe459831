//! Comments as values: the body people type, and the rules for who sees and changes what.
//! One set of rules for every subject (agenda proposals, budget ideas); what differs per
//! subject — whether its window is open — is passed in as a [`Window`].
//!
//! Pure: no I/O, no clock.

use serde::Serialize;

use crate::domain::meeting::text_between;
use crate::domain::text::Lines;
use crate::i18n::Msg;

/// A comment's text: 2 to 2,000 characters, line breaks allowed, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommentBody(String);

impl CommentBody {
    /// Most characters a comment may have: long enough to argue a point, short enough to read.
    pub const MAX: usize = 2000;

    /// Trims and checks the length and characters.
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        text_between(raw, 2, Self::MAX, Msg::new("v-comment-empty"), Lines::Many).map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether the subject takes new comments and edits now, as the subject's own rules say
/// (a proposal: its proposal window; a budget idea: its round's ideas phase).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Comments may be added and edited.
    Open,
    /// Closed, with the catalogue key of the sentence that says why and when they could be
    /// made (rendered in the reader's language where it is shown).
    Closed(&'static str),
}

impl Window {
    /// Whether comments may be added or edited.
    pub fn is_open(self) -> bool {
        self == Self::Open
    }
}

/// Who is looking at a comment, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    /// The viewer wrote it.
    pub is_author: bool,
    /// The viewer may moderate comments here (a leader).
    pub is_moderator: bool,
}

/// Whether the viewer sees a comment's text. Everyone sees that a comment was hidden and why;
/// only its author (who should know what was hidden) and moderators (who may review the
/// decision) still see the text. Everyone else gets the notice alone, so hiding does what it
/// says even for people reading the page source.
pub fn body_visible(hidden: bool, viewer: Viewer) -> bool {
    !hidden || viewer.is_author || viewer.is_moderator
}

/// Whether the viewer may edit a comment: their own, not hidden, while the window is open.
pub fn may_edit(hidden: bool, viewer: Viewer, window: Window) -> bool {
    viewer.is_author && !hidden && window.is_open()
}

/// Comments per page: a long discussion pages instead of growing without bound.
pub const PER_PAGE: u64 = 50;

#[cfg(test)]
mod tests {
    use super::*;

    const OTHER: Viewer = Viewer {
        is_author: false,
        is_moderator: false,
    };
    const AUTHOR: Viewer = Viewer {
        is_author: true,
        is_moderator: false,
    };
    const LEADER: Viewer = Viewer {
        is_author: false,
        is_moderator: true,
    };

    #[test]
    fn bodies_are_trimmed_bounded_and_free_of_control_characters() {
        assert_eq!(
            CommentBody::parse("  Good idea.\r\nBut when?  ")
                .unwrap()
                .as_str(),
            "Good idea.\r\nBut when?"
        );
        assert!(CommentBody::parse(" ").is_err());
        assert!(CommentBody::parse("x").is_err());
        assert!(CommentBody::parse(&"x".repeat(CommentBody::MAX)).is_ok());
        assert!(CommentBody::parse(&"x".repeat(CommentBody::MAX + 1)).is_err());
        assert!(CommentBody::parse("bad\u{1b}[31m text").is_err());
        assert!(CommentBody::parse("nul\0 text").is_err());
    }

    #[test]
    fn a_hidden_body_is_kept_for_its_author_and_moderators_only() {
        assert!(body_visible(false, OTHER));
        assert!(!body_visible(true, OTHER));
        assert!(body_visible(true, AUTHOR));
        assert!(body_visible(true, LEADER));
    }

    #[test]
    fn only_the_author_edits_and_only_while_open_and_not_hidden() {
        let closed = Window::Closed("closed");
        assert!(may_edit(false, AUTHOR, Window::Open));
        assert!(!may_edit(false, AUTHOR, closed));
        assert!(!may_edit(true, AUTHOR, Window::Open));
        assert!(!may_edit(false, LEADER, Window::Open));
        assert!(!may_edit(false, OTHER, Window::Open));
    }
}
