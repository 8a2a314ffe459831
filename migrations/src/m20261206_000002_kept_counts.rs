//! Counts the meeting page shows, kept by the database (issue 13): `meetings.ballot_count`
//! (rows of `agenda_ballots`), `meetings.voter_count` (rows of `agenda_participation`),
//! `meetings.active_proposal_count` (proposals whose status is `active`) and
//! `teams.member_count` (rows of `memberships`). Counting them on every visit walked every
//! ballot, voter and member (2,000 rows each for a large team); reading them with the meeting
//! and the team costs nothing more.
//!
//! Triggers keep them, as they keep `roster_version` and `proposals_version` (ADR 0020), so
//! that no write path (a service, a cascade when an account is deleted, a seed, an operator's
//! SQL) can change the rows without changing the count. Every count is raised or lowered by
//! one under the parent row's lock (a ballot already holds its meeting's), so concurrent
//! writers cannot lose an update. The migration sets each count from the rows already there.

use sea_orm_migration::prelude::*;

use crate::raw::{self, Count};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Meetings {
    Table,
    BallotCount,
    VoterCount,
    ActiveProposalCount,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    MemberCount,
}

const COUNTS: [Count; 4] = [
    Count {
        name: "meeting_ballot_count",
        child: "agenda_ballots",
        key: "meeting_id",
        status: None,
        parent: "meetings",
        column: "ballot_count",
    },
    Count {
        name: "meeting_voter_count",
        child: "agenda_participation",
        key: "meeting_id",
        status: None,
        parent: "meetings",
        column: "voter_count",
    },
    Count {
        name: "meeting_active_proposal_count",
        child: "agenda_proposals",
        key: "meeting_id",
        status: Some("active"),
        parent: "meetings",
        column: "active_proposal_count",
    },
    Count {
        name: "team_member_count",
        child: "memberships",
        key: "team_id",
        status: None,
        parent: "teams",
        column: "member_count",
    },
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Meetings::BallotCount,
            Meetings::VoterCount,
            Meetings::ActiveProposalCount,
        ] {
            raw::add_counter(manager, Meetings::Table, column).await?;
        }
        raw::add_counter(manager, Teams::Table, Teams::MemberCount).await?;
        let mut postgres = Vec::new();
        let mut sqlite = Vec::new();
        for count in &COUNTS {
            postgres.extend(count.postgres_up());
            sqlite.extend(count.sqlite_up());
            postgres.push(count.backfill());
            sqlite.push(count.backfill());
        }
        raw::run_owned_per_engine(manager, postgres, sqlite).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let postgres = COUNTS.iter().rev().flat_map(Count::postgres_down).collect();
        let sqlite = COUNTS.iter().rev().flat_map(Count::sqlite_down).collect();
        raw::run_owned_per_engine(manager, postgres, sqlite).await?;
        raw::drop_column(manager, Teams::Table, Teams::MemberCount).await?;
        for column in [
            Meetings::ActiveProposalCount,
            Meetings::VoterCount,
            Meetings::BallotCount,
        ] {
            raw::drop_column(manager, Meetings::Table, column).await?;
        }
        Ok(())
    }
}
