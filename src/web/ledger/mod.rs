//! Ledger pages: my reciprocity (`/teams/{team}/ledger/me`, with the forms that post back to
//! it, in [`personal`]), the team view (`/teams/{team}/ledger`, in [`team_view`]), one exchange
//! and its moves ([`exchange`]), help posts ([`help`]), the SVG charts ([`graph`]) and the CSV
//! exports. Handlers stay thin: parse, call `service::ledger`, build a view model with numbers
//! formatted in Rust (`crate::format`), render.

pub mod exchange;
pub mod graph;
pub mod help;
mod personal;
mod team_export;
mod team_view;

use crate::domain::ids::ExchangeId;
use actix_web::HttpResponse;
use serde::Serialize;

pub use personal::{
    MyQuery, hide_thanks, me, me_csv, my_csv_file, read_notifications, record, show_thanks, thank,
};
pub use team_export::{team_csv, team_csv_file};
pub use team_view::{TeamQuery, settings, team};

use crate::domain::ledger::Effective;
use crate::format;
use crate::i18n::{self, Lang};
use crate::service::ledger::views::EntryLine;

/// An entry as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    id: ExchangeId,
    date: String,
    helper: String,
    helped: String,
    minutes: String,
    category: String,
    state: String,
    awaits_me: bool,
    note: Option<String>,
}

impl EntryView {
    fn new(line: &EntryLine, lang: Lang) -> Self {
        Self {
            id: line.id,
            date: format::date_in(line.on, lang),
            helper: line.helper.clone(),
            helped: line.helped.clone(),
            minutes: format::minutes(i64::from(line.minutes)),
            category: line.category.clone(),
            state: state_word(lang, line.state),
            awaits_me: line.awaits_me,
            note: line.note.clone(),
        }
    }
}

/// A balance index with its sign as `lang` writes it: "+0.50" in English, "+0,50" in French.
fn index_in(value: f64, lang: Lang) -> String {
    let plain = format::index(value);
    match lang {
        Lang::En => plain,
        Lang::Fr => plain.replace('.', ","),
    }
}

/// An entry's state in the page's language.
fn state_word(lang: Lang, state: Effective) -> String {
    let key = match state {
        Effective::Pending => "fl-state-pending",
        Effective::Confirmed => "fl-state-confirmed",
        Effective::Disputed => "fl-state-disputed",
        Effective::Rejected => "fl-state-rejected",
        Effective::Expired => "fl-state-expired",
        Effective::Reversed => "fl-state-reversed",
    };
    i18n::text(lang, key)
}

fn csv_response(name: &str, body: String) -> HttpResponse {
    crate::web::pages::download(name, "text/csv; charset=utf-8", body)
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;

    #[test]
    fn a_balance_index_takes_the_languages_decimal_mark() {
        assert_eq!(super::index_in(0.5, Lang::En), "+0.50");
        assert_eq!(super::index_in(0.5, Lang::Fr), "+0,50");
        assert_eq!(super::index_in(-0.25, Lang::Fr), "−0,25");
    }
}
