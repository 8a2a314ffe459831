//! A meeting's ballot options (privacy, when results show, the agenda rule), stored as text;
//! `stored_enum!` makes such an enum and its one mapping to and from that text.

use serde::Serialize;

macro_rules! stored_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:expr),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// Parses the stored (or submitted) text.
            pub fn parse(text: &str) -> Option<Self> {
                match text.trim() { $($text => Some(Self::$variant),)+ _ => None }
            }
            /// The stored text.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }
    };
}
pub(crate) use stored_enum;

stored_enum!(
    /// Whether leaders can see who ranked what.
    Privacy {
        /// Ballots carry the voter's id (leaders can see names).
        Open = "open",
        /// Voter keys are HMACs with a secret destroyed at the tally.
        Secret = "secret",
    }
);

stored_enum!(
    /// When counts may be seen.
    ResultsVisibility {
        /// Only after the voting window closes (no bandwagon).
        AfterClose = "after_close",
        /// Provisional counts while voting (open ballots only).
        Live = "live",
    }
);

stored_enum!(
    /// How the ranked ballots become an agenda.
    AgendaRule {
        /// Sequential IRV order, then fill the time budget.
        SequentialIrv = "sequential_irv",
        /// Method of Equal Shares with minutes as cost.
        EqualShares = "equal_shares",
    }
);

impl ResultsVisibility {
    /// `true` when `self` shows results no earlier than `other` (a tightening or no change).
    pub fn at_least_as_strict_as(self, other: Self) -> bool {
        self == Self::AfterClose || other == Self::Live
    }
}
