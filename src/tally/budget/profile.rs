//! Ballots turned into utilities under one satisfaction measure, with identical ballots
//! grouped (weight = how many voters cast it) so the rules work per group, not per voter.

use super::super::ballots::FastMap;
use super::instance::Instance;
use super::rule::Utility;
use super::voters::BallotRef;

/// Voters with identical utilities.
pub(crate) struct Group {
    /// Number of voters in the group.
    pub weight: u64,
    /// Indices into [`Instance::voters`].
    pub voters: Vec<u32>,
    /// `(project, utility)` with utility > 0, sorted by project.
    pub utils: Vec<(usize, u128)>,
}

/// A supporter group of one project.
#[derive(Clone, Copy)]
pub(crate) struct Support {
    pub group: usize,
    pub util: u128,
    pub weight: u64,
}

/// The grouped profile.
pub(crate) struct Profile {
    /// Number of voters (every ballot, also empty ones).
    pub voters: u64,
    pub groups: Vec<Group>,
    /// Per project: supporter groups (utility > 0).
    pub supporters: Vec<Vec<Support>>,
}

/// Fills `out` with the utility of each project on one ballot (zero utilities dropped),
/// sorted by project.
fn ballot_utilities(
    ballot: BallotRef<'_>,
    costs: &[u64],
    utility: Utility,
    out: &mut Vec<(usize, u128)>,
) {
    let cost = |p: usize| u128::from(costs.get(p).copied().unwrap_or(0));
    let base = |p: usize| match utility {
        Utility::Cost => cost(p),
        _ => 1,
    };
    out.clear();
    match ballot {
        BallotRef::Approval(ps) => out.extend(ps.iter().map(|&p| (p, base(p)))),
        BallotRef::Ordinal(ps) => {
            let k = ps.len() as u128;
            out.extend(ps.iter().enumerate().map(|(i, &p)| match utility {
                Utility::Borda => (p, k - 1 - i as u128),
                _ => (p, base(p)),
            }));
        }
        BallotRef::Cardinal(ps) => out.extend(ps.iter().map(|&(p, pts)| match utility {
            Utility::Cardinal => (p, u128::from(pts)),
            Utility::Points => (p, u128::from(pts) * cost(p)),
            _ => (p, base(p)),
        })),
    }
    out.retain(|&(_, u)| u > 0);
    out.sort_unstable();
    out.dedup_by_key(|e| e.0);
}

impl Profile {
    /// Groups the instance's ballots under `utility`.
    pub fn build(instance: &Instance, utility: Utility) -> Self {
        let costs: Vec<u64> = instance.projects.iter().map(|p| p.cost).collect();
        let mut index: FastMap<Vec<(usize, u128)>, usize> =
            FastMap::with_capacity_and_hasher(instance.voters.len() / 2, Default::default());
        let mut groups: Vec<Group> = Vec::new();
        let mut utils = Vec::new();
        for (v, ballot) in instance.voters.ballots().enumerate() {
            ballot_utilities(ballot, &costs, utility, &mut utils);
            let voter_index = u32::try_from(v).unwrap_or(u32::MAX);
            match index.get(utils.as_slice()).and_then(|&g| groups.get_mut(g)) {
                Some(group) => {
                    group.weight += 1;
                    group.voters.push(voter_index);
                }
                None => {
                    index.insert(utils.clone(), groups.len());
                    groups.push(Group {
                        weight: 1,
                        voters: vec![voter_index],
                        utils: Vec::new(),
                    });
                }
            }
        }
        for (utils, g) in index {
            if let Some(group) = groups.get_mut(g) {
                group.utils = utils;
            }
        }
        let mut supporters = vec![Vec::new(); instance.projects.len()];
        for (g, group) in groups.iter().enumerate() {
            for &(p, util) in &group.utils {
                if let Some(list) = supporters.get_mut(p) {
                    list.push(Support {
                        group: g,
                        util,
                        weight: group.weight,
                    });
                }
            }
        }
        Self {
            voters: instance.voters.len() as u64,
            groups,
            supporters,
        }
    }

    /// Sum of the voters' utilities for each project, straight from the ballots (what
    /// [`Profile::total_utility`] gives, without grouping).
    pub fn totals(instance: &Instance, utility: Utility) -> Vec<u128> {
        let costs: Vec<u64> = instance.projects.iter().map(|p| p.cost).collect();
        let mut totals = vec![0u128; costs.len()];
        let mut utils = Vec::new();
        for ballot in instance.voters.ballots() {
            ballot_utilities(ballot, &costs, utility, &mut utils);
            for &(p, u) in &utils {
                if let Some(t) = totals.get_mut(p) {
                    *t += u;
                }
            }
        }
        totals
    }

    /// Sum of the voters' utilities for each project.
    pub fn total_utility(&self) -> Vec<u128> {
        self.supporters
            .iter()
            .map(|s| s.iter().map(|x| x.util * u128::from(x.weight)).sum())
            .collect()
    }

    /// Number of voters with positive utility for each project.
    pub fn supporter_count(&self) -> Vec<u64> {
        self.supporters
            .iter()
            .map(|s| s.iter().map(|x| x.weight).sum())
            .collect()
    }
}
