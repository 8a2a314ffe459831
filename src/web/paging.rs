//! Pagination of list pages, in one place: the `?page=` query every paginated page reads and
//! the pager view model (`page` of `pages`, with the previous and next pages' addresses) its
//! template shows as "Previous · Page 2 of 5 · Next". The services count and cut the rows in
//! SQL; this module only reads the number asked for. The pager itself is
//! `service::paging::Pager`, re-exported here, so services that page a kept list in memory
//! build the same one.

use serde::Deserialize;

/// Reads a raw `?page=` value: a number, or `last` (the highest page, [`u64::MAX`], which
/// [`Pager::new`] or the service clamps); anything else (empty, a word) is `None`.
pub fn requested(raw: &str) -> Option<u64> {
    match raw.trim() {
        "last" => Some(u64::MAX),
        n => n.parse().ok(),
    }
}

/// The `?page=` of a paginated list. Missing or unreadable values never fail the request:
/// they show the first page (or the list's default).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    page: String,
}

impl PageQuery {
    /// The page asked for, if readable (see [`requested`]).
    pub fn page(&self) -> Option<u64> {
        requested(&self.page)
    }

    /// The page asked for, else the first (never 0).
    pub fn number(&self) -> u64 {
        self.page().unwrap_or(1).max(1)
    }
}

/// The pager view model (kept with the services' windows, which build it too).
pub use crate::service::paging::Pager;

#[cfg(test)]
mod tests {
    use super::*;

    fn href(p: u64) -> String {
        format!("/list?page={p}")
    }

    fn query(raw: &str) -> PageQuery {
        PageQuery {
            page: raw.to_owned(),
        }
    }

    #[test]
    fn the_query_reads_numbers_and_last_and_falls_back_to_the_first_page() {
        assert_eq!(query("3").page(), Some(3));
        assert_eq!(query(" 3 ").number(), 3);
        assert_eq!(query("last").page(), Some(u64::MAX));
        assert_eq!(query("").page(), None);
        assert_eq!(query("abc").number(), 1);
        assert_eq!(query("-2").number(), 1);
        assert_eq!(query("0").number(), 1);
        assert_eq!(PageQuery::default().number(), 1);
    }

    #[test]
    fn a_missing_page_parameter_deserializes_to_the_first_page() {
        let q: PageQuery = serde_urlencoded::from_str("").unwrap();
        assert_eq!(q.number(), 1);
        let q: PageQuery = serde_urlencoded::from_str("page=4&other=x").unwrap();
        assert_eq!(q.number(), 4);
    }

    #[test]
    fn the_middle_page_links_both_ways() {
        let p = Pager::new(2, 3, href);
        assert_eq!(p.page, 2);
        assert_eq!(p.prev.as_deref(), Some("/list?page=1"));
        assert_eq!(p.next.as_deref(), Some("/list?page=3"));
    }

    #[test]
    fn the_first_and_last_pages_have_one_link_and_a_single_page_none() {
        let first = Pager::new(1, 3, href);
        assert_eq!(
            (first.prev, first.next.as_deref()),
            (None, Some("/list?page=2"))
        );
        let last = Pager::new(3, 3, href);
        assert_eq!(
            (last.prev.as_deref(), last.next),
            (Some("/list?page=2"), None)
        );
        let only = Pager::new(1, 1, href);
        assert_eq!((only.prev, only.next), (None, None));
    }

    #[test]
    fn out_of_range_pages_are_clamped() {
        assert_eq!(Pager::new(0, 3, href).page, 1);
        assert_eq!(Pager::new(9, 3, href).page, 3);
        assert_eq!(Pager::new(u64::MAX, 3, href).page, 3);
        let empty = Pager::new(5, 0, href);
        assert_eq!((empty.page, empty.pages), (1, 1));
    }

    #[test]
    fn pages_are_counted_from_the_total() {
        assert_eq!(Pager::for_total(0, 50, 1, href).pages, 1);
        assert_eq!(Pager::for_total(50, 50, 1, href).pages, 1);
        assert_eq!(Pager::for_total(51, 50, 9, href).page, 2);
        assert_eq!(Pager::for_total(51, 50, 2, href).offset(50), 50);
        assert_eq!(Pager::for_total(51, 0, 1, href).pages, 51);
    }
}
