//! The life of a ledger entry.
//!
//! ```text
//! recorded by the helped person ─┐
//! recorded by a leader (for two) ─┴─▶ confirmed ──reverse (reason)──▶ reversed
//! recorded by the helper ──▶ pending(awaiting helped) ──confirm──▶ confirmed
//!                              │  ▲ adjust minutes (turn passes to the other party)
//!                              │  └──────────────┘
//!                              ├─dispute──▶ disputed ──leader resolves (reason)──▶ confirmed | rejected
//!                              └─14 days pass──▶ expired (never counted)
//! ```
//! Only a confirmed entry that has not been reversed counts; the reversal itself is a separate,
//! stored entry (confirmed entries are never edited).

use time::OffsetDateTime;

use crate::i18n::Msg;

/// What is stored in `help_exchanges.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Waiting for one party's answer.
    Pending,
    /// Both sides agree (or a leader recorded or resolved it).
    Confirmed,
    /// A party disputed it; a leader resolves.
    Disputed,
    /// A leader resolved the dispute against it.
    Rejected,
}

impl Status {
    /// Parses the stored text.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "pending" => Some(Self::Pending),
            "confirmed" => Some(Self::Confirmed),
            "disputed" => Some(Self::Disputed),
            "rejected" => Some(Self::Rejected),
            _ => None,
        }
    }
    /// The stored text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Confirmed => "confirmed",
            Self::Disputed => "disputed",
            Self::Rejected => "rejected",
        }
    }
}

/// What an entry amounts to now (the clock and later reversals taken into account).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effective {
    /// Waiting, and not yet lapsed.
    Pending,
    /// Counted.
    Confirmed,
    /// Waiting for a leader.
    Disputed,
    /// Resolved against.
    Rejected,
    /// Pending for 14 days without an answer.
    Expired,
    /// Confirmed, then corrected by a reversing entry.
    Reversed,
}

impl Effective {
    /// Words for pages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Confirmed => "confirmed",
            Self::Disputed => "disputed",
            Self::Rejected => "rejected",
            Self::Expired => "expired",
            Self::Reversed => "reversed",
        }
    }
    /// Only confirmed, unreversed entries count toward any total.
    pub fn counts(self) -> bool {
        self == Self::Confirmed
    }
}

/// The entry's state as of `now`.
pub fn effective(
    status: Status,
    expires_at: Option<OffsetDateTime>,
    reversed: bool,
    now: OffsetDateTime,
) -> Effective {
    match status {
        Status::Pending if expires_at.is_none_or(|at| at <= now) => Effective::Expired,
        Status::Pending => Effective::Pending,
        Status::Confirmed if reversed => Effective::Reversed,
        Status::Confirmed => Effective::Confirmed,
        Status::Disputed => Effective::Disputed,
        Status::Rejected => Effective::Rejected,
    }
}

/// One of the two people an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Party {
    /// Gave the help.
    Helper,
    /// Received it.
    Helped,
}

impl Party {
    /// The other side.
    pub fn other(self) -> Self {
        match self {
            Self::Helper => Self::Helped,
            Self::Helped => Self::Helper,
        }
    }
}

/// Who records an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorder {
    /// One of the two people.
    Party(Party),
    /// A leader who is neither (recording on behalf of both; audited).
    LeaderForBoth,
}

/// The state an entry starts in, and whose answer it waits for.
pub fn on_record(recorder: Recorder) -> (Status, Option<Party>) {
    match recorder {
        Recorder::Party(Party::Helped) | Recorder::LeaderForBoth => (Status::Confirmed, None),
        Recorder::Party(Party::Helper) => (Status::Pending, Some(Party::Helped)),
    }
}

/// Who is acting on an existing entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// Their side of the entry, if they are one of the two people.
    pub party: Option<Party>,
    /// Whether they lead the team.
    pub leader: bool,
}

/// Something done to an existing entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// "Yes, that is right."
    Confirm,
    /// "It was a different number of minutes" (the other party answers next).
    Adjust,
    /// "That did not happen like this."
    Dispute,
    /// A leader settles a dispute: `true` confirms it, `false` rejects it.
    Resolve(bool),
    /// A correction of a confirmed entry by a reversing entry.
    Reverse,
}

/// Where a move leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Now confirmed (counted).
    Confirmed,
    /// Still pending, now waiting for this party.
    AwaitingOther(Party),
    /// Now disputed.
    Disputed,
    /// Resolved against.
    Rejected,
    /// A reversing entry is written.
    Reversed,
}

/// Why a move is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveError {
    /// Only the two people (or, for some moves, a leader) may do this.
    NotParty,
    /// Only a leader may resolve.
    NotLeader,
    /// A leader who is one of the two people cannot judge their own dispute.
    OwnDispute,
    /// The other party answers next.
    NotYourTurn,
    /// Pending for 14 days without an answer.
    Expired,
    /// The move needs a pending entry.
    NotPending,
    /// The move needs a disputed entry.
    NotDisputed,
    /// The move needs a confirmed, unreversed entry.
    NotConfirmed,
}

impl MoveError {
    /// The sentence shown to the person refused.
    pub fn msg(&self) -> Msg {
        Msg::new(match self {
            Self::NotParty => "v-ledger-not-party",
            Self::NotLeader => "v-ledger-not-leader",
            Self::OwnDispute => "v-ledger-own-dispute",
            Self::NotYourTurn => "v-ledger-not-your-turn",
            Self::Expired => "v-ledger-expired",
            Self::NotPending => "v-ledger-not-pending",
            Self::NotDisputed => "v-ledger-not-disputed",
            Self::NotConfirmed => "v-ledger-not-confirmed",
        })
    }
}

impl std::fmt::Display for MoveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.msg().fmt(f)
    }
}

impl std::error::Error for MoveError {}

/// Applies `mv` by `actor` to an entry whose state as of now is `state`, whose answer is
/// awaited from `awaiting` while pending.
pub fn apply(
    state: Effective,
    awaiting: Option<Party>,
    actor: Actor,
    mv: Move,
) -> Result<Outcome, MoveError> {
    match mv {
        Move::Confirm | Move::Adjust | Move::Dispute => {
            let party = actor.party.ok_or(MoveError::NotParty)?;
            match state {
                Effective::Pending => {}
                Effective::Expired => return Err(MoveError::Expired),
                _ => return Err(MoveError::NotPending),
            }
            if awaiting != Some(party) {
                return Err(MoveError::NotYourTurn);
            }
            Ok(match mv {
                Move::Confirm => Outcome::Confirmed,
                Move::Adjust => Outcome::AwaitingOther(party.other()),
                _ => Outcome::Disputed,
            })
        }
        Move::Resolve(accept) => {
            if !actor.leader {
                return Err(MoveError::NotLeader);
            }
            if actor.party.is_some() {
                return Err(MoveError::OwnDispute);
            }
            if state != Effective::Disputed {
                return Err(MoveError::NotDisputed);
            }
            Ok(if accept {
                Outcome::Confirmed
            } else {
                Outcome::Rejected
            })
        }
        Move::Reverse => {
            if actor.party.is_none() && !actor.leader {
                return Err(MoveError::NotParty);
            }
            if state != Effective::Confirmed {
                return Err(MoveError::NotConfirmed);
            }
            Ok(Outcome::Reversed)
        }
    }
}
