//! The comment thread as a page shows it, for any subject (agenda proposals now, budget ideas
//! next): the view model behind `templates/_comments.html`, with the forms that were posted
//! filled in again and their messages beside them when the service refused them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};
use crate::service::comments::{CommentForm, Thread};
use crate::web::format::date_time_in;
use crate::web::paging::Pager;

/// What was posted, so a refused form comes back as typed with its message.
#[derive(Debug, Clone, Default)]
pub enum Posted {
    /// Nothing (a plain GET).
    #[default]
    Nothing,
    /// The add form.
    Add(CommentForm),
    /// An edit of the comment with this id.
    Edit(i64, CommentForm),
    /// A hide of the comment with this id, with the reason typed.
    Hide(i64, String),
}

/// The hide form (a leader's reason, shown to everyone in the comment's place).
#[derive(Debug, Deserialize)]
pub struct HideForm {
    /// Why it is hidden.
    #[serde(default)]
    pub reason: String,
}

/// Where a saved comment is shown: the thread at `base`, on the page the form came from (or
/// the last page, where a new comment lands), at the comment.
pub fn comment_link(base: &str, page: Option<u64>, comment: i64) -> String {
    let page = page.map_or_else(|| "last".to_owned(), |p| p.to_string());
    format!("{base}?page={page}#comment-{comment}")
}

/// The `?page=` of a thread: a number, or `last` (where a new comment lands).
pub use crate::web::paging::PageQuery;

#[derive(Debug, Serialize)]
struct CommentRow {
    id: i64,
    author: String,
    mine: bool,
    body: Option<String>,
    hidden_note: Option<String>,
    when: String,
    edited: Option<String>,
    editable: bool,
    hideable: bool,
    /// The edit box's text: the stored body, or what was typed in a refused edit.
    edit_value: String,
    edit_error: Option<String>,
    reason_value: String,
    reason_error: Option<String>,
}

/// One page of a thread with its forms.
#[derive(Debug, Serialize)]
pub struct ThreadView {
    comments: Vec<CommentRow>,
    total: u64,
    /// `page`, `pages`, `prev`, `next`.
    #[serde(flatten)]
    pager: Pager,
    /// Where the forms post: `{post_base}` adds, `{post_base}/{id}/edit|hide` change one.
    post_base: String,
    /// The add form is offered.
    can_comment: bool,
    /// Why it is not (the window is closed), for people who could otherwise comment.
    closed: Option<String>,
    form_body: String,
    errors: BTreeMap<String, String>,
}

impl ThreadView {
    /// Builds the view of `thread` for a page at `page_base` whose forms post to `post_base`,
    /// in `lang`.
    pub fn new(
        thread: Thread,
        page_base: &str,
        post_base: String,
        posted: &Posted,
        mut errors: BTreeMap<String, String>,
        lang: Lang,
    ) -> Self {
        let link = |page: u64| format!("{page_base}?page={page}#comments");
        let zone = thread.subject.zone;
        let comments: Vec<CommentRow> = thread
            .comments
            .into_iter()
            .map(|c| {
                let (edit_value, edit_error) = match posted {
                    Posted::Edit(id, form) if *id == c.id => (
                        form.body.clone(),
                        errors.get("body").or(errors.get("window")).cloned(),
                    ),
                    _ => (c.body.clone().unwrap_or_default(), None),
                };
                let (reason_value, reason_error) = match posted {
                    Posted::Hide(id, reason) if *id == c.id => {
                        (reason.clone(), errors.get("reason").cloned())
                    }
                    _ => (String::new(), None),
                };
                CommentRow {
                    id: c.id,
                    author: c.author,
                    mine: c.mine,
                    body: c.body,
                    hidden_note: c.hidden_note.map(|note| note.render(lang)),
                    when: date_time_in(c.created_at, zone, lang),
                    edited: c.edited_at.map(|at| date_time_in(at, zone, lang)),
                    editable: c.editable,
                    hideable: c.hideable,
                    edit_value,
                    edit_error,
                    reason_value,
                    reason_error,
                }
            })
            .collect();
        // A refused edit or hide shows its message beside its comment (when it is on this
        // page); only the add form's messages stay at the thread's top.
        let placed = match posted {
            Posted::Edit(id, _) | Posted::Hide(id, _) => {
                comments.iter().any(|c: &CommentRow| c.id == *id)
            }
            _ => false,
        };
        if placed {
            errors.clear();
        }
        let form_body = match posted {
            Posted::Add(form) => form.body.clone(),
            _ => String::new(),
        };
        let subject = thread.subject;
        Self {
            comments,
            total: thread.total,
            pager: Pager::new(thread.page, thread.pages, link),
            post_base,
            can_comment: subject.may_comment && subject.window.is_open(),
            closed: match subject.window {
                // A closed window carries the catalogue key of its reason.
                crate::domain::comment::Window::Closed(key) if subject.may_comment => {
                    Some(Msg::new(key).render(lang))
                }
                _ => None,
            },
            form_body,
            errors,
        }
    }
}
