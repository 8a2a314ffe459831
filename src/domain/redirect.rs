//! Where a person may be sent after signing in: only a path on this site. Anything a browser
//! could read as another host (`//evil`, `/\evil`, `/\t/evil`, which browsers strip to
//! `//evil`) or that cannot go in a `Location` header (control characters) is refused, also
//! after percent-decoding, so a value encoded once or twice more cannot slip through.
//!
//! Pure: no web types, so the rule is tested here with a table.

/// How many rounds of percent-decoding are checked (each must pass).
const DECODE_ROUNDS: usize = 3;

/// `Some(path)` when `raw` is a same-site path to redirect to, else `None` (send to `/`).
///
/// Accepted: starts with exactly one `/` (the next character is not `/` or `\`), contains no
/// `\`, and only visible ASCII (no control characters, whitespace or non-ASCII), in the text
/// as given and after each round of percent-decoding.
pub fn local_path(raw: &str) -> Option<&str> {
    if !is_local(raw) {
        return None;
    }
    let mut current = raw.to_owned();
    for _ in 0..DECODE_ROUNDS {
        let decoded = percent_decode(&current)?;
        if decoded == current {
            break;
        }
        if !is_local(&decoded) {
            return None;
        }
        current = decoded;
    }
    Some(raw)
}

/// The target, or `/` when it is not a same-site path.
pub fn local_path_or_home(raw: Option<&str>) -> String {
    raw.and_then(local_path).unwrap_or("/").to_owned()
}

fn is_local(path: &str) -> bool {
    let mut chars = path.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
        && path.chars().all(|c| c.is_ascii_graphic() && c != '\\')
}

/// Decodes `%XX` sequences; `None` when the bytes are not UTF-8 (not a path we send people to).
/// A `%` not followed by two hex digits is kept as it is.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).and_then(|h| hex(*h)),
                bytes.get(i + 2).and_then(|l| hex(*l)),
            )
        {
            out.push(hi * 16 + lo);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_targets_go_home() {
        let hostile = [
            "",
            "evil.example",
            "https://evil.example/",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/x",
            "/\u{b}/x",
            "/\u{c}/x",
            "/\0/x",
            "/ /evil.example",
            "/%09/evil.example",
            "/%0d%0a/x",
            "/%0b/x",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/%252F/evil.example",
            "/%25252F/evil.example",
            "/%2509/evil.example",
            "/%00",
            "/%ff",
            "/teams/a\u{7f}",
            "/\u{a0}/evil.example",
            "/\u{2028}/evil.example",
            "/café",
            "javascript:alert(1)",
            " /teams/a",
            "/teams/a ",
            "/teams\\a",
            "/search?q=a%20b",
        ];
        for raw in hostile {
            assert_eq!(local_path(raw), None, "{raw:?} must be refused");
            assert_eq!(local_path_or_home(Some(raw)), "/", "{raw:?}");
        }
        assert!(hostile.len() >= 15);
    }

    #[test]
    fn same_site_paths_are_kept_as_given() {
        for ok in [
            "/",
            "/account",
            "/teams/senior-leadership/meetings/3?tab=ballot#top",
            "/teams/a/b/c",
            "/search?q=a%2Db",
            "/x%",
            "/x%zz",
        ] {
            assert_eq!(local_path(ok), Some(ok), "{ok:?}");
        }
        assert_eq!(local_path_or_home(None), "/");
    }
}
