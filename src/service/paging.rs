//! Numbered pages of a list, worked out once for every service that pages: which page is
//! shown (the one asked for, clamped into range), how many there are, where it starts, and
//! the rows of a page cut from a list already in memory (a kept roster) without the
//! `usize`/`u64` conversions each caller would otherwise repeat, and the pager the templates
//! show ("Previous · Page 2 of 5 · Next").

/// Page `page` of `pages` of a list shown `per_page` rows a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The page shown, from 1.
    pub page: u64,
    /// How many pages there are (at least 1, so an empty list has one empty page).
    pub pages: u64,
    per_page: u64,
}

impl Window {
    /// The `wanted` page of `total` rows shown `per_page` (at least 1) a page, clamped into
    /// `1..=pages`.
    #[must_use]
    pub fn new(total: u64, per_page: u64, wanted: u64) -> Self {
        let per_page = per_page.max(1);
        let pages = total.div_ceil(per_page).max(1);
        Self {
            page: wanted.clamp(1, pages),
            pages,
            per_page,
        }
    }

    /// How many rows come before this page (an SQL `OFFSET`).
    #[must_use]
    pub fn offset(&self) -> u64 {
        (self.page - 1).saturating_mul(self.per_page)
    }

    /// How many rows a page holds (an SQL `LIMIT`).
    #[must_use]
    pub fn limit(&self) -> u64 {
        self.per_page
    }

    /// This page's rows of `rows` (the whole list, in order).
    pub fn cut<I: Iterator>(&self, rows: I) -> std::iter::Take<std::iter::Skip<I>> {
        rows.skip(to_usize(self.offset()))
            .take(to_usize(self.per_page))
    }
}

impl Window {
    /// The pager shown for this window; `href` gives a page's address.
    pub fn pager(&self, href: impl Fn(u64) -> String) -> Pager {
        Pager::new(self.page, self.pages, href)
    }
}

/// Where a list is and its neighbours' addresses, for templates: `page` of `pages`, `prev`
/// and `next` (absent on the first and last page). Services that page a list in memory build
/// it from their [`Window`]; web pages that page in SQL build it from a count
/// ([`Pager::for_total`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pager {
    /// The page shown, from 1.
    pub page: u64,
    /// How many pages there are (at least 1).
    pub pages: u64,
    /// The previous page's address.
    pub prev: Option<String>,
    /// The next page's address.
    pub next: Option<String>,
}

impl Pager {
    /// Page `page` of `pages`, clamped into `1..=pages` (`pages` at least 1); `href` gives a
    /// page's address.
    pub fn new(page: u64, pages: u64, href: impl Fn(u64) -> String) -> Self {
        let pages = pages.max(1);
        let page = page.clamp(1, pages);
        Self {
            page,
            pages,
            prev: (page > 1).then(|| href(page - 1)),
            next: (page < pages).then(|| href(page + 1)),
        }
    }

    /// The `wanted` page of a list of `total` items shown `per_page` (at least 1) a page.
    pub fn for_total(total: u64, per_page: u64, wanted: u64, href: impl Fn(u64) -> String) -> Self {
        Self::new(wanted, total.div_ceil(per_page.max(1)), href)
    }

    /// How many items come before this page.
    pub fn offset(&self, per_page: u64) -> u64 {
        (self.page - 1).saturating_mul(per_page)
    }
}

/// A count of rows in memory as the `u64` the pages and counts use.
#[must_use]
pub fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_asked_for_is_clamped_into_the_pages_there_are() {
        let w = Window::new(101, 50, 2);
        assert_eq!((w.page, w.pages, w.offset(), w.limit()), (2, 3, 50, 50));
        assert_eq!(Window::new(101, 50, 0).page, 1);
        assert_eq!(Window::new(101, 50, u64::MAX).page, 3);
        let empty = Window::new(0, 50, 4);
        assert_eq!((empty.page, empty.pages, empty.offset()), (1, 1, 0));
        assert_eq!(Window::new(100, 50, 9).pages, 2);
        assert_eq!(
            Window::new(3, 0, 2).pages,
            3,
            "a page holds at least one row"
        );
    }

    #[test]
    fn cut_pages_walk_every_row_once_in_order() {
        let rows: Vec<u32> = (0..23).collect();
        let total = count(rows.len());
        let pages = Window::new(total, 5, 1).pages;
        let walked: Vec<u32> = (1..=pages)
            .flat_map(|p| Window::new(total, 5, p).cut(rows.iter().copied()))
            .collect();
        assert_eq!(walked, rows);
        assert_eq!(Window::new(total, 5, 5).cut(rows.iter()).count(), 3);
        assert_eq!(
            Window::new(0, 5, 1).cut(std::iter::empty::<u8>()).count(),
            0
        );
    }
}
