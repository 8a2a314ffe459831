//! Ballot options read once per change: a meeting's active proposals as its ballot lists them
//! ([`proposals::ballot_options`]), kept under the meeting's `proposals_version` (which the
//! database raises whenever one of its proposals is added, changed or deleted). The ballot
//! page of a 1,000-item meeting reads 1,000 rows, with each item's "why", once per change
//! instead of on every visit; a stale list is never served, because a changed meeting has a
//! new version, and several app servers sharing the database each keep their own (ADR 0020).

use std::sync::Arc;

use sea_orm::ConnectionTrait;

use crate::domain::ids::MeetingId;
use crate::recent::Recent;
use crate::service::Result;
use crate::store::entities::meetings;

use super::proposals::{self, BallotOption};

/// Meetings whose ballot options a server keeps (the most recently used): about 300 KB each
/// for 1,000 items with a sentence of "why" apiece.
pub const BALLOT_OPTIONS_KEPT: usize = 32;

/// Recently read ballot options, by meeting and proposals version.
pub struct BallotOptions {
    recent: Recent<(MeetingId, i64), Vec<BallotOption>>,
}

impl Default for BallotOptions {
    fn default() -> Self {
        Self::new(BALLOT_OPTIONS_KEPT)
    }
}

impl BallotOptions {
    /// Keeps at most `capacity` meetings' options.
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        Self {
            recent: Recent::new(capacity),
        }
    }

    /// The ballot options of `meeting` at the version read with it for this request: kept
    /// from an earlier read at the same version, else read now.
    pub async fn of(
        &self,
        db: &impl ConnectionTrait,
        meeting: &meetings::Model,
    ) -> Result<Arc<Vec<BallotOption>>> {
        self.recent
            .get_or_read(
                (meeting.id, meeting.proposals_version),
                proposals::ballot_options(db, meeting.id),
            )
            .await
    }
}
