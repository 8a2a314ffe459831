//! Typed ids: one newtype per kind of stored thing, so a meeting's id cannot be passed where a
//! team's is expected. Each is the row's `BIGINT` primary key; `store::ids` teaches sea-orm to
//! read and write them, serde writes them as plain numbers (URLs, JSON, templates).

use serde::{Deserialize, Serialize};

/// Declares an id newtype over `i64`.
macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }
    };
}

id!(
    /// A meeting (`meetings.id`).
    MeetingId
);

id!(
    /// A team (`teams.id`).
    TeamId
);

id!(
    /// A budget round (`budget_rounds.id`).
    RoundId
);

id!(
    /// A person's account (`users.id`).
    UserId
);

id!(
    /// An agenda proposal (`agenda_proposals.id`).
    ProposalId
);

id!(
    /// A budget idea (`budget_ideas.id`).
    IdeaId
);

id!(
    /// An action in the action log (`actions.id`).
    ActionId
);

id!(
    /// A help exchange in the reciprocity ledger (`help_exchanges.id`).
    ExchangeId
);

id!(
    /// A help post, an offer or a request (`help_posts.id`).
    PostId
);

id!(
    /// A role map, one project's page (`role_maps.id`).
    RoleMapId
);

id!(
    /// A milestone of a role map (`role_map_milestones.id`).
    MilestoneId
);

id!(
    /// A series of recurring meetings (`meeting_series.id`).
    SeriesId
);

id!(
    /// One occurrence of a series (`series_occurrences.id`).
    OccurrenceId
);

id!(
    /// A link between two teams (`team_links.id`).
    TeamLinkId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_reads_and_writes_as_a_plain_number() {
        let id: MeetingId = "42".parse().unwrap_or_default();
        assert_eq!(id, MeetingId(42));
        assert_eq!(id.to_string(), "42");
        assert_eq!(serde_json::to_string(&id).ok().as_deref(), Some("42"));
        assert!("4x".parse::<MeetingId>().is_err());
    }
}
