//! Rotating roles, pure: who facilitates, takes the notes and (if wanted) keeps time at each of
//! the next occurrences, from who served which role before and who is away.
//!
//! The rules, in order of strength:
//! 1. an away member is never given a role;
//! 2. per role, no one serves twice before everyone available has served once: each role has
//!    a *cycle* (who served since it began); only available members outside it may serve,
//!    and when none are left a new cycle begins; of those, who served the role least often;
//! 3. one person holds at most one role at an occurrence whenever at least as many members are
//!    available as there are roles: if the cycles would give someone two (a member back from
//!    an absence who owes both), the second role goes to the next in line outside the cycle
//!    and the one who owes it catches up at the next occurrence. Only with fewer available
//!    members than roles does someone hold two;
//! 4. among those allowed, whoever still owes more roles goes first (so nobody is left owing
//!    several roles at the end of a cycle), then the least recently served, then the order of
//!    the members as given (stable).
//!
//! [`replacement`] applies the same rules to one role of one occurrence, when its holder turns
//! out to be away after the rota was made.
//!
//! This extends the "least recently served" suggestions of `service::meetings` (facilitator
//! and note-taker choices) to several roles and occurrences at once.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::domain::ids::UserId;

/// A role that rotates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
pub enum Role {
    /// Runs the meeting.
    Facilitator,
    /// Takes the notes (edits the minutes).
    NoteTaker,
    /// Keeps time.
    Timekeeper,
}

impl Role {
    /// Every role, in the order they are assigned.
    pub const ALL: [Role; 3] = [Role::Facilitator, Role::NoteTaker, Role::Timekeeper];

    /// The stored and typed word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Facilitator => "facilitator",
            Self::NoteTaker => "note_taker",
            Self::Timekeeper => "timekeeper",
        }
    }

    /// A typed word, or `None`.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw.trim())
    }

    /// The roles a series rotates: facilitator and note-taker, and the timekeeper if wanted.
    pub fn rotated(with_timekeeper: bool) -> Vec<Role> {
        Self::ALL
            .into_iter()
            .filter(|r| with_timekeeper || *r != Role::Timekeeper)
            .collect()
    }
}

/// Who held which role at one past (or already planned) occurrence.
pub type Served = Vec<(Role, UserId)>;

/// Who is assigned which role at one occurrence (`None`: nobody was available).
pub type Assignment = Vec<(Role, Option<UserId>)>;

/// Candidates looked at per role and occurrence (the rest are later in every order).
const CANDIDATES: usize = 6;

#[derive(Default)]
struct RoleState {
    /// Who served since the cycle began.
    cycle: HashSet<UserId>,
    /// The occurrence index each person last served at.
    last: HashMap<UserId, usize>,
    /// How often each person served.
    count: HashMap<UserId, usize>,
}

impl RoleState {
    fn serve(&mut self, person: UserId, at: usize) {
        if !self.cycle.insert(person) {
            // They served already this cycle: a new one begins with them.
            self.cycle.clear();
            self.cycle.insert(person);
        }
        self.last.insert(person, at);
        *self.count.entry(person).or_default() += 1;
    }

    /// Who may serve next: the available who have not served this cycle (everyone available
    /// when that leaves nobody: a new cycle), and of those the ones who served least often
    /// (someone back from a long absence catches up first).
    fn eligible(&self, available: &[UserId]) -> Vec<UserId> {
        let fresh: Vec<UserId> = available
            .iter()
            .copied()
            .filter(|p| !self.cycle.contains(p))
            .collect();
        let pool = if fresh.is_empty() {
            available.to_vec()
        } else {
            fresh
        };
        let times = |p: &UserId| self.count.get(p).copied().unwrap_or(0);
        let least = pool.iter().map(times).min().unwrap_or(0);
        pool.into_iter().filter(|p| times(p) == least).collect()
    }

    /// Order outside the cycle's rules: least often served, then least recently, then the
    /// members' order.
    fn rank(&self, person: &UserId, order: &HashMap<UserId, usize>) -> (usize, i64, usize) {
        (
            self.count.get(person).copied().unwrap_or(0),
            self.last
                .get(person)
                .map_or(-1, |i| i64::try_from(*i).unwrap_or(i64::MAX)),
            order.get(person).copied().unwrap_or(usize::MAX),
        )
    }
}

/// Who takes `role` at one occurrence instead of its holder, who turned out to be away:
/// by the same rules as [`assign`], from the `history` before that occurrence (oldest first),
/// never one of the `away`, and someone holding no other role there (`busy`) whenever anyone
/// available is free. `None` when everyone is away.
pub fn replacement(
    members: &[UserId],
    history: &[Served],
    role: Role,
    away: &[UserId],
    busy: &[UserId],
) -> Option<UserId> {
    let mut state = RoleState::default();
    for (at, served) in history.iter().enumerate() {
        for (r, person) in served {
            if *r == role {
                state.serve(*person, at);
            }
        }
    }
    let order: HashMap<UserId, usize> = members.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let available: Vec<UserId> = members
        .iter()
        .copied()
        .filter(|p| !away.contains(p))
        .collect();
    let free: Vec<UserId> = available
        .iter()
        .copied()
        .filter(|p| !busy.contains(p))
        .collect();
    let best = |people: &[UserId]| {
        people
            .iter()
            .min_by_key(|p| {
                let (_, last, at) = state.rank(p, &order);
                (last, at)
            })
            .copied()
    };
    // The cycle's choice among the free; else anyone free, least served first; else (fewer
    // people than roles) the cycle's choice even if they already hold a role there.
    let eligible = state.eligible(&available);
    let eligible_free: Vec<UserId> = eligible
        .iter()
        .copied()
        .filter(|p| !busy.contains(p))
        .collect();
    best(&eligible_free)
        .or_else(|| free.iter().min_by_key(|p| state.rank(p, &order)).copied())
        .or_else(|| best(&eligible))
}

/// Assigns `roles` for each upcoming occurrence, given the team's `members` in a stable
/// order, the `history` of who served (oldest first, one entry per occurrence, planned ones
/// included) and, per upcoming occurrence, who is `away`. One assignment per entry of `away`.
pub fn assign(
    members: &[UserId],
    history: &[Served],
    roles: &[Role],
    away: &[Vec<UserId>],
) -> Vec<Assignment> {
    let mut states: HashMap<Role, RoleState> = HashMap::new();
    for (at, served) in history.iter().enumerate() {
        for (role, person) in served {
            states.entry(*role).or_default().serve(*person, at);
        }
    }
    let order: HashMap<UserId, usize> = members.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let mut out = Vec::with_capacity(away.len());
    for (offset, gone) in away.iter().enumerate() {
        let at = history.len() + offset;
        let available: Vec<UserId> = members
            .iter()
            .copied()
            .filter(|p| !gone.contains(p))
            .collect();
        if available.is_empty() {
            out.push(roles.iter().map(|r| (*r, None)).collect());
            continue;
        }
        let eligible: Vec<(Role, Vec<UserId>)> = roles
            .iter()
            .map(|r| (*r, states.entry(*r).or_default().eligible(&available)))
            .collect();
        let ranked: Vec<Vec<UserId>> = eligible
            .iter()
            .map(|(role, people)| {
                let owes = |p: &UserId| {
                    eligible
                        .iter()
                        .filter(|(other, list)| other != role && list.contains(p))
                        .count()
                };
                let last = |p: &UserId| {
                    states
                        .get(role)
                        .and_then(|s| s.last.get(p))
                        .map_or(-1, |i| i64::try_from(*i).unwrap_or(i64::MAX))
                };
                let mut sorted = people.clone();
                sorted.sort_by_key(|p| {
                    (
                        std::cmp::Reverse(owes(p)),
                        last(p),
                        order.get(p).copied().unwrap_or(usize::MAX),
                    )
                });
                sorted.truncate(CANDIDATES);
                sorted
            })
            .collect();
        let preferred: Vec<usize> = ranked.iter().map(Vec::len).collect();
        // With enough people, each role's list goes on with everyone else available (least
        // often, then least recently served first), so one role per person is always possible.
        let lists: Vec<Vec<UserId>> = if available.len() >= roles.len() {
            roles
                .iter()
                .zip(ranked)
                .map(|(role, mut list)| {
                    let state = states.entry(*role).or_default();
                    let mut rest: Vec<UserId> = available
                        .iter()
                        .copied()
                        .filter(|p| !list.contains(p))
                        .collect();
                    rest.sort_by_key(|p| state.rank(p, &order));
                    list.extend(rest);
                    list.truncate(CANDIDATES + roles.len());
                    list
                })
                .collect()
        } else {
            ranked
        };
        let chosen = best_combination(&lists, &preferred);
        let assignment: Assignment = roles
            .iter()
            .zip(chosen.iter())
            .map(|(r, p)| (*r, Some(*p)))
            .collect();
        for (role, person) in &assignment {
            if let Some(person) = person {
                states.entry(*role).or_default().serve(*person, at);
            }
        }
        out.push(assignment);
    }
    out
}

/// The combination (one person per role, from each role's ranked candidates) with the fewest
/// people holding two roles, then the fewest picked past a role's `preferred` first entries
/// (those the cycles allow), then the lowest sum of ranks.
fn best_combination(ranked: &[Vec<UserId>], preferred: &[usize]) -> Vec<UserId> {
    let mut best: Option<((usize, usize, usize), Vec<UserId>)> = None;
    let mut index = vec![0usize; ranked.len()];
    loop {
        let picked: Vec<UserId> = ranked
            .iter()
            .zip(&index)
            .filter_map(|(list, i)| list.get(*i).copied())
            .collect();
        if picked.len() == ranked.len() {
            let distinct: HashSet<&UserId> = picked.iter().collect();
            let outside = index
                .iter()
                .zip(preferred)
                .filter(|(i, allowed)| **i >= **allowed)
                .count();
            let score = (
                picked.len() - distinct.len(),
                outside,
                index.iter().sum::<usize>(),
            );
            if best.as_ref().is_none_or(|(s, _)| score < *s) {
                best = Some((score, picked));
            }
        }
        // Next combination (odometer).
        let mut digit = 0;
        loop {
            let Some(i) = index.get_mut(digit) else {
                return best.map(|(_, p)| p).unwrap_or_default();
            };
            *i += 1;
            if *i < ranked.get(digit).map_or(0, Vec::len) {
                break;
            }
            *i = 0;
            digit += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn people(n: i64) -> Vec<UserId> {
        (1..=n).map(UserId).collect()
    }

    fn holders(plan: &[Assignment], role: Role) -> Vec<Option<UserId>> {
        plan.iter()
            .map(|a| a.iter().find(|(r, _)| *r == role).and_then(|(_, p)| *p))
            .collect()
    }

    #[test]
    fn three_members_rotate_both_roles_without_doubling_up() {
        let plan = assign(&people(3), &[], &Role::rotated(false), &vec![Vec::new(); 6]);
        let f = holders(&plan, Role::Facilitator);
        let n = holders(&plan, Role::NoteTaker);
        for (a, b) in f.iter().zip(&n) {
            assert_ne!(a, b);
        }
        assert_eq!(f[0..3].iter().collect::<HashSet<_>>().len(), 3);
        assert_eq!(n[0..3].iter().collect::<HashSet<_>>().len(), 3);
        assert_eq!(f[0..3], f[3..6]);
    }

    #[test]
    fn history_counts_and_away_members_are_skipped() {
        let members = people(3);
        let history = vec![vec![(Role::Facilitator, UserId(1))]];
        let plan = assign(
            &members,
            &history,
            &[Role::Facilitator],
            &[vec![UserId(2)], vec![], vec![]],
        );
        assert_eq!(
            holders(&plan, Role::Facilitator),
            [Some(UserId(3)), Some(UserId(2)), Some(UserId(1))]
        );
    }

    #[test]
    fn nobody_available_means_nobody_assigned_and_one_member_holds_both() {
        let plan = assign(
            &people(1),
            &[],
            &Role::rotated(false),
            &[vec![UserId(1)], vec![]],
        );
        assert_eq!(
            plan[0],
            [(Role::Facilitator, None), (Role::NoteTaker, None)]
        );
        assert_eq!(
            plan[1],
            [
                (Role::Facilitator, Some(UserId(1))),
                (Role::NoteTaker, Some(UserId(1)))
            ]
        );
    }

    #[test]
    fn a_member_back_from_an_absence_owing_two_roles_gets_one_now_and_one_next() {
        // Members 1..=3 have each facilitated and taken notes; 4 was away and owes both.
        let members = people(4);
        let history = vec![
            vec![(Role::Facilitator, UserId(1)), (Role::NoteTaker, UserId(2))],
            vec![(Role::Facilitator, UserId(2)), (Role::NoteTaker, UserId(3))],
            vec![(Role::Facilitator, UserId(3)), (Role::NoteTaker, UserId(1))],
        ];
        let plan = assign(&members, &history, &Role::rotated(false), &[vec![], vec![]]);
        let first: HashSet<_> = plan[0].iter().map(|(_, p)| *p).collect();
        assert_eq!(first.len(), 2, "one role each: {:?}", plan[0]);
        assert!(first.contains(&Some(UserId(4))));
        let held_by_4: Vec<Role> = plan
            .iter()
            .flat_map(|a| {
                a.iter()
                    .filter(|(_, p)| *p == Some(UserId(4)))
                    .map(|(r, _)| *r)
            })
            .collect();
        assert_eq!(held_by_4.len(), 2, "caught up with both roles: {plan:?}");
        assert_ne!(held_by_4[0], held_by_4[1]);
    }

    #[test]
    fn a_replacement_follows_the_cycle_and_avoids_the_other_role_holders() {
        let members = people(4);
        let history = vec![
            vec![(Role::Facilitator, UserId(1)), (Role::NoteTaker, UserId(2))],
            vec![(Role::Facilitator, UserId(2)), (Role::NoteTaker, UserId(3))],
        ];
        // 4 has not facilitated yet but is away; 3 has not either and is free.
        assert_eq!(
            replacement(
                &members,
                &history,
                Role::Facilitator,
                &[UserId(4)],
                &[UserId(1)]
            ),
            Some(UserId(3))
        );
        // 3 takes notes at that meeting: the next in line who is free is 1 (least recent).
        assert_eq!(
            replacement(
                &members,
                &history,
                Role::Facilitator,
                &[UserId(4)],
                &[UserId(3)]
            ),
            Some(UserId(1))
        );
        assert_eq!(
            replacement(&people(1), &[], Role::Facilitator, &[UserId(1)], &[]),
            None
        );
    }

    #[test]
    fn roles_read_and_write_as_words() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("chair"), None);
        assert_eq!(Role::rotated(true).len(), 3);
    }

    proptest! {
        /// Over 8 occurrences nobody serves a role twice before everyone has served it once,
        /// and nobody holds two roles while there are enough people.
        #[test]
        fn no_one_serves_twice_before_everyone_once(n in 1i64..9, keeper in any::<bool>()) {
            let members = people(n);
            let roles = Role::rotated(keeper);
            let plan = assign(&members, &[], &roles, &vec![Vec::new(); 8]);
            for role in &roles {
                let mut counts: HashMap<UserId, usize> = members.iter().map(|p| (*p, 0)).collect();
                for holder in holders(&plan, *role) {
                    let holder = holder.expect("someone is available");
                    *counts.entry(holder).or_default() += 1;
                    let max = counts.values().max().copied().unwrap_or(0);
                    let min = counts.values().min().copied().unwrap_or(0);
                    prop_assert!(max - min <= 1, "{role:?}: {counts:?}");
                }
            }
            if roles.len() <= members.len() {
                for a in &plan {
                    let distinct: HashSet<_> = a.iter().map(|(_, p)| *p).collect();
                    prop_assert_eq!(distinct.len(), a.len(), "doubled up: {:?}", a);
                }
            }
        }

        /// Away members never serve, and nobody serves a second time while an available member
        /// has not served once.
        #[test]
        fn away_members_are_skipped_fairly(
            n in 2i64..8,
            keeper in any::<bool>(),
            away in proptest::collection::vec(proptest::collection::vec(1i64..8, 0..3), 8),
        ) {
            let members = people(n);
            let roles = Role::rotated(keeper);
            let away: Vec<Vec<UserId>> = away
                .into_iter()
                .map(|a| a.into_iter().map(UserId).collect())
                .collect();
            let plan = assign(&members, &[], &roles, &away);
            for role in &roles {
                let mut served: HashSet<UserId> = HashSet::new();
                for (slot, holder) in holders(&plan, *role).into_iter().enumerate() {
                    let gone = &away[slot];
                    let Some(holder) = holder else {
                        prop_assert!(members.iter().all(|p| gone.contains(p)));
                        continue;
                    };
                    prop_assert!(!gone.contains(&holder));
                    if served.contains(&holder) {
                        // Someone still waiting may only be passed over while they hold
                        // another role at that occurrence (one role each comes first).
                        let here: Vec<UserId> = plan[slot].iter().filter_map(|(_, p)| *p).collect();
                        let waiting = members
                            .iter()
                            .filter(|p| !gone.contains(p) && !served.contains(p))
                            .filter(|p| !here.contains(p))
                            .count();
                        prop_assert_eq!(waiting, 0, "{:?} served again at {} while others wait", holder, slot);
                    }
                    served.insert(holder);
                }
            }
        }

        /// Whatever the history and absences, nobody holds two roles at one occurrence while
        /// at least as many members as roles are available; away members never serve.
        #[test]
        fn no_one_holds_two_roles_when_enough_members_are_available(
            n in 1i64..8,
            keeper in any::<bool>(),
            past in proptest::collection::vec(proptest::collection::vec(1i64..8, 0..3), 0..10),
            away in proptest::collection::vec(proptest::collection::vec(1i64..8, 0..4), 1..9),
        ) {
            let members = people(n);
            let roles = Role::rotated(keeper);
            let history: Vec<Served> = past
                .into_iter()
                .map(|ids| roles.iter().copied().zip(ids.into_iter().map(UserId)).collect())
                .collect();
            let away: Vec<Vec<UserId>> = away
                .into_iter()
                .map(|a| a.into_iter().map(UserId).collect())
                .collect();
            let plan = assign(&members, &history, &roles, &away);
            for (a, gone) in plan.iter().zip(&away) {
                let available = members.iter().filter(|p| !gone.contains(p)).count();
                let held: Vec<UserId> = a.iter().filter_map(|(_, p)| *p).collect();
                prop_assert!(held.iter().all(|p| !gone.contains(p)));
                if available >= roles.len() {
                    let distinct: HashSet<_> = held.iter().collect();
                    prop_assert_eq!(distinct.len(), roles.len(), "doubled up: {:?}", a);
                } else if available > 0 {
                    prop_assert_eq!(held.len(), roles.len());
                }
            }
        }

        /// A replacement is never away, and holds no other role when someone free is there.
        #[test]
        fn a_replacement_is_available_and_free_when_possible(
            n in 1i64..8,
            past in proptest::collection::vec(proptest::collection::vec(1i64..8, 0..3), 0..10),
            away in proptest::collection::vec(1i64..8, 0..4),
            busy in proptest::collection::vec(1i64..8, 0..3),
        ) {
            let members = people(n);
            let roles = Role::rotated(true);
            let history: Vec<Served> = past
                .into_iter()
                .map(|ids| roles.iter().copied().zip(ids.into_iter().map(UserId)).collect())
                .collect();
            let away: Vec<UserId> = away.into_iter().map(UserId).collect();
            let busy: Vec<UserId> = busy.into_iter().map(UserId).collect();
            let chosen = replacement(&members, &history, Role::NoteTaker, &away, &busy);
            let available: Vec<&UserId> = members.iter().filter(|p| !away.contains(p)).collect();
            match chosen {
                None => prop_assert!(available.is_empty()),
                Some(p) => {
                    prop_assert!(!away.contains(&p));
                    if available.iter().any(|q| !busy.contains(q)) {
                        prop_assert!(!busy.contains(&p));
                    }
                }
            }
        }
    }
}
