//! What people can be told about, and how each person wants to hear it. The words for
//! each kind and channel are in the catalogues (`service::notices::prefs::kind_name`).

use serde::Serialize;

/// A kind of notification. Each person chooses a [`Channel`] per kind on their account page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A meeting takes agenda proposals, or a budget round takes ideas.
    ProposalsOpen,
    /// Voting has opened for a meeting or a budget round.
    VotingOpen,
    /// Voting closes soon and this person has not voted.
    VotingReminder,
    /// A meeting's agreed agenda was published (with its calendar file).
    AgendaPublished,
    /// An action was assigned to this person.
    ActionAssigned,
    /// An action this person owns is past its due date.
    ActionOverdue,
    /// Help offered, received, confirmed or thanked (the reciprocity ledger).
    Ledger,
    /// A weekly summary: open votes, actions due, unread notifications.
    Digest,
}

impl Kind {
    /// Every kind, in the order the account page lists them.
    pub const ALL: [Kind; 8] = [
        Kind::ProposalsOpen,
        Kind::VotingOpen,
        Kind::VotingReminder,
        Kind::AgendaPublished,
        Kind::ActionAssigned,
        Kind::ActionOverdue,
        Kind::Ledger,
        Kind::Digest,
    ];

    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::ProposalsOpen => "proposals_open",
            Kind::VotingOpen => "voting_open",
            Kind::VotingReminder => "voting_reminder",
            Kind::AgendaPublished => "agenda_published",
            Kind::ActionAssigned => "action_assigned",
            Kind::ActionOverdue => "action_overdue",
            Kind::Ledger => "ledger",
            Kind::Digest => "digest",
        }
    }

    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The channel a person has until they choose: everything is mailed when mail is set up,
    /// except the weekly digest, which is opt-in.
    pub fn default_channel(self) -> Channel {
        match self {
            Kind::Digest => Channel::Off,
            Kind::Ledger => Channel::InApp,
            _ => Channel::Email,
        }
    }

    /// Whether a person chooses a channel for this kind (the ledger's notes stay in the app).
    pub fn choosable(self) -> bool {
        self != Kind::Ledger
    }

    /// The kinds a person chooses a channel for, in [`Kind::ALL`]'s order.
    pub fn choosable_kinds() -> impl Iterator<Item = Kind> {
        Kind::ALL.into_iter().filter(|k| k.choosable())
    }
}

/// How a person hears about one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// In the app and by email (when the site sends mail).
    Email,
    /// In the app only.
    InApp,
    /// Not at all.
    Off,
}

impl Channel {
    /// Every channel, in the order the form offers them.
    pub const ALL: [Channel; 3] = [Channel::Email, Channel::InApp, Channel::Off];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::InApp => "in_app",
            Channel::Off => "off",
        }
    }

    /// Reads a stored or submitted name.
    pub fn parse(text: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// Whether a notification of this channel appears in the notification centre.
    pub fn in_app(self) -> bool {
        !matches!(self, Channel::Off)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_read_back() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
        }
        assert_eq!(Kind::parse("voting"), None);
        assert_eq!(Channel::parse("sms"), None);
    }

    #[test]
    fn the_digest_is_opt_in() {
        assert_eq!(Kind::Digest.default_channel(), Channel::Off);
        assert_eq!(Kind::VotingReminder.default_channel(), Channel::Email);
    }
}
