//! Cursor pagination of `/api/v1` lists: `?cursor=&limit=`, with `next_cursor` in the body
//! (`null` on the last page). A cursor is opaque to clients: base64url of the last row's sort
//! key (`<start in Unix nanoseconds>.<id>`), so a walk resumes exactly after the last row seen
//! whatever was added meanwhile.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use time::OffsetDateTime;
use utoipa::IntoParams;

use crate::domain::ids::MeetingId;
use crate::i18n::Msg;
use crate::service::meetings::listing::After;
use crate::web::api::errors::ApiError;

/// Rows per page when the client does not say.
pub const DEFAULT_LIMIT: u64 = 25;
/// The most rows one page may ask for.
pub const MAX_LIMIT: u64 = 100;

/// The paging parameters of a list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// `next_cursor` of the previous page; absent for the first page.
    pub cursor: Option<String>,
    /// Rows per page, 1 to 100 (default 25).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<String>,
}

impl PageQuery {
    /// The page size asked for, or `invalid_parameter`.
    pub fn limit(&self) -> Result<u64, ApiError> {
        match self.limit.as_deref().map(str::trim) {
            None | Some("") => Ok(DEFAULT_LIMIT),
            Some(text) => text
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    ApiError::parameter("limit", Msg::new("api-error-limit").arg("max", MAX_LIMIT))
                }),
        }
    }

    /// Where the page starts, or `invalid_parameter` for a cursor this API did not make.
    pub fn after(&self) -> Result<Option<After>, ApiError> {
        match self.cursor.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => decode(text)
                .map(Some)
                .ok_or_else(|| ApiError::parameter("cursor", Msg::new("api-error-cursor"))),
        }
    }
}

/// The cursor that resumes after `after`.
pub fn encode(after: After) -> String {
    URL_SAFE_NO_PAD.encode(format!(
        "{}.{}",
        after.starts_at.unix_timestamp_nanos(),
        after.id.0
    ))
}

fn decode(text: &str) -> Option<After> {
    let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (nanos, id) = text.split_once('.')?;
    let starts_at = OffsetDateTime::from_unix_timestamp_nanos(nanos.parse().ok()?).ok()?;
    Some(After {
        starts_at,
        id: MeetingId(id.parse().ok()?),
    })
}

/// A cursor for any other list: base64url of that list's own sort key (its module writes the
/// key and reads it back with [`PageQuery::after_key`]).
pub fn encode_key(key: &str) -> String {
    URL_SAFE_NO_PAD.encode(key)
}

/// The `next_cursor` of a page: the key of its last row when `more` rows follow.
pub fn next_key<T>(rows: &[T], more: bool, key: impl FnOnce(&T) -> String) -> Option<String> {
    rows.last()
        .filter(|_| more)
        .map(|row| encode_key(&key(row)))
}

impl PageQuery {
    /// The sort key in a cursor made by [`encode_key`], read by `parse`, or `invalid_parameter`.
    pub fn after_key<T>(
        &self,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>, ApiError> {
        match self.cursor.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => URL_SAFE_NO_PAD
                .decode(text)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .and_then(|key| parse(&key))
                .map(Some)
                .ok_or_else(|| ApiError::parameter("cursor", Msg::new("api-error-cursor"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_as_written_and_junk_is_refused() {
        let after = After {
            starts_at: time::macros::datetime!(2026-12-04 09:30:00.123456 UTC),
            id: MeetingId(42),
        };
        assert_eq!(decode(&encode(after)), Some(after));
        for junk in [
            "",
            "x",
            "!!!",
            &URL_SAFE_NO_PAD.encode("1.x"),
            &URL_SAFE_NO_PAD.encode("9"),
        ] {
            assert_eq!(decode(junk), None, "{junk}");
        }
    }

    #[test]
    fn limits_outside_one_to_a_hundred_are_refused() {
        let q = |l: &str| PageQuery {
            cursor: None,
            limit: Some(l.to_owned()),
        };
        assert_eq!(q("").limit().unwrap(), DEFAULT_LIMIT);
        assert_eq!(q("100").limit().unwrap(), 100);
        for bad in ["0", "101", "-1", "ten"] {
            assert!(q(bad).limit().is_err(), "{bad}");
        }
    }
}
