//! Tie-breaking between equally good projects: by default the smallest project id as a
//! string wins (pabutools' `lexico_tie_breaking`); callers may give an explicit priority
//! order instead (the agenda uses the sequential-IRV order).

use std::cmp::Ordering;

/// How ties between equally good projects are broken.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TieBreak {
    /// Smallest `project_id` in plain code-point order wins (`"10"` beats `"9"`).
    #[default]
    Lexicographic,
    /// Ids listed earlier win; unlisted projects come after, by id.
    Priority(Vec<String>),
}

impl TieBreak {
    /// The rank of each project (lower wins), a total order.
    pub(crate) fn ranks(&self, ids: &[&str]) -> Vec<u32> {
        let position = |id: &str| match self {
            TieBreak::Lexicographic => None,
            TieBreak::Priority(order) => order.iter().position(|o| o == id),
        };
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_by(|&a, &b| {
            let (ia, ib) = (
                ids.get(a).copied().unwrap_or_default(),
                ids.get(b).copied().unwrap_or_default(),
            );
            match (position(ia), position(ib)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => ia.cmp(ib),
            }
            .then(a.cmp(&b))
        });
        let mut ranks = vec![0u32; ids.len()];
        for (r, p) in order.into_iter().enumerate() {
            if let Some(slot) = ranks.get_mut(p) {
                *slot = u32::try_from(r).unwrap_or(u32::MAX);
            }
        }
        ranks
    }

    /// A short description for explanations.
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            TieBreak::Lexicographic => "smallest project id",
            TieBreak::Priority(_) => "priority order",
        }
    }
}
