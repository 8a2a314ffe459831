//! The ownership questions pages ask ("may this person confirm, resolve, correct, close
//! this?"), answered by the same rules the services enforce, so a button is shown exactly when
//! pressing it would succeed.

use crate::domain::ids::UserId;
use crate::domain::ledger::status::{Actor, Effective, Move, Party, apply};

/// Which side `person` is on an entry between `helper` and `helped`, if either.
pub fn party_of(person: UserId, helper: UserId, helped: UserId) -> Option<Party> {
    if person == helper {
        Some(Party::Helper)
    } else if person == helped {
        Some(Party::Helped)
    } else {
        None
    }
}

/// The moves an actor may make on an entry now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AllowedMoves {
    /// Confirm, adjust or dispute: the entry waits for this person's answer.
    pub answer: bool,
    /// Settle a dispute (a leader who is not one of the two people).
    pub resolve: bool,
    /// Correct a confirmed entry by a reversing one.
    pub reverse: bool,
}

/// What `actor` may do to an entry in `state` awaiting `awaiting`: exactly the moves
/// [`apply`] would accept.
pub fn allowed_moves(state: Effective, awaiting: Option<Party>, actor: Actor) -> AllowedMoves {
    let accepted = |mv| apply(state, awaiting, actor, mv).is_ok();
    AllowedMoves {
        answer: accepted(Move::Confirm),
        resolve: accepted(Move::Resolve(true)),
        reverse: accepted(Move::Reverse),
    }
}

/// Whether `person` may close a help post written by `author`: its author, or a leader of
/// the team.
pub fn may_close(author: UserId, person: UserId, leads_team: bool) -> bool {
    author == person || leads_team
}

#[cfg(test)]
mod tests {
    use super::*;

    const HELPER: UserId = UserId(1);
    const HELPED: UserId = UserId(2);

    fn actor(person: UserId, leader: bool) -> Actor {
        Actor {
            party: party_of(person, HELPER, HELPED),
            leader,
        }
    }

    #[test]
    fn people_are_placed_on_their_side_of_an_entry() {
        assert_eq!(party_of(HELPER, HELPER, HELPED), Some(Party::Helper));
        assert_eq!(party_of(HELPED, HELPER, HELPED), Some(Party::Helped));
        assert_eq!(party_of(UserId(3), HELPER, HELPED), None);
    }

    #[test]
    fn only_the_awaited_party_may_answer_a_pending_entry() {
        let waiting_for_helped = Some(Party::Helped);
        let helped = allowed_moves(Effective::Pending, waiting_for_helped, actor(HELPED, false));
        assert!(helped.answer);
        assert!(!helped.resolve && !helped.reverse);
        let helper = allowed_moves(Effective::Pending, waiting_for_helped, actor(HELPER, true));
        assert_eq!(helper, AllowedMoves::default());
        let expired = allowed_moves(Effective::Expired, waiting_for_helped, actor(HELPED, false));
        assert!(!expired.answer);
    }

    #[test]
    fn only_a_leader_outside_a_dispute_may_resolve_it() {
        assert!(allowed_moves(Effective::Disputed, None, actor(UserId(3), true)).resolve);
        assert!(!allowed_moves(Effective::Disputed, None, actor(HELPER, true)).resolve);
        assert!(!allowed_moves(Effective::Disputed, None, actor(UserId(3), false)).resolve);
        assert!(!allowed_moves(Effective::Confirmed, None, actor(UserId(3), true)).resolve);
    }

    #[test]
    fn a_party_or_a_leader_may_correct_a_confirmed_entry() {
        assert!(allowed_moves(Effective::Confirmed, None, actor(HELPER, false)).reverse);
        assert!(allowed_moves(Effective::Confirmed, None, actor(UserId(3), true)).reverse);
        assert!(!allowed_moves(Effective::Confirmed, None, actor(UserId(3), false)).reverse);
        assert!(!allowed_moves(Effective::Disputed, None, actor(HELPER, false)).reverse);
    }

    #[test]
    fn the_author_or_a_leader_may_close_a_help_post() {
        assert!(may_close(UserId(5), UserId(5), false));
        assert!(may_close(UserId(5), UserId(6), true));
        assert!(!may_close(UserId(5), UserId(6), false));
    }
}
