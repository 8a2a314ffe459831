//! The `;`-separated rows of a `.pb` file, read exactly as the `csv` crate reads them with its
//! defaults (quotes, doubled quotes, `\r`/`\n`/`\r\n` line ends, blank lines skipped), with
//! the line number the earlier `csv`-based reader gave each row. Unquoted fields are slices
//! of the text and a row allocates nothing (only a quoted field is copied): parsing is
//! dominated by the VOTES block, one row per voter. A property test checks the rows and
//! lines against the `csv` crate.

use std::borrow::Cow;

/// A cursor over the rows of a text.
pub(super) struct Rows<'t> {
    text: &'t str,
    /// Where the next row starts looking (just after the previous row's line end byte).
    pos: usize,
    /// Line feeds before `pos`.
    newlines: u64,
}

impl<'t> Rows<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Self {
            text,
            pos: 0,
            newlines: 0,
        }
    }

    /// Reads the next row's fields into `out` (cleared first) and returns its line, or `None`
    /// at the end of the text.
    ///
    /// The line is the one the `csv` crate's record position gave: 1 + the line feeds up to
    /// and including the byte just after the previous row (so a row after one blank line gets
    /// its own line number, as before).
    pub(super) fn next_into(&mut self, out: &mut Vec<Cow<'t, str>>) -> Option<u64> {
        out.clear();
        let bytes = self.text.as_bytes();
        let line = self.newlines + 1 + u64::from(bytes.get(self.pos) == Some(&b'\n'));
        // Line ends between rows are skipped (no empty rows), as by `csv`.
        while let Some(&b) = bytes.get(self.pos) {
            if b == b'\n' {
                self.newlines += 1;
            } else if b != b'\r' {
                break;
            }
            self.pos += 1;
        }
        if self.pos >= bytes.len() {
            return None;
        }
        // Fast path: a row without a quote is its line split at `;` (a quote only matters at
        // the start of a field, so a line with none reads the same either way).
        let rest = self.text.get(self.pos..).unwrap_or_default();
        let end = memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len());
        let row = rest.get(..end).unwrap_or_default();
        if memchr::memchr(b'"', row.as_bytes()).is_none() {
            out.extend(split_at_byte(row, b';').map(Cow::Borrowed));
            self.pos += end;
            match bytes.get(self.pos) {
                Some(b'\n') => {
                    self.pos += 1;
                    self.newlines += 1;
                }
                Some(_) => self.pos += 1,
                None => {}
            }
            return Some(line);
        }
        loop {
            let mut quoted: Option<String> = None;
            if bytes.get(self.pos) == Some(&b'"') {
                self.pos += 1;
                let mut s = String::new();
                loop {
                    let rest = self.text.get(self.pos..).unwrap_or_default();
                    let Some(k) = rest.find('"') else {
                        // An unclosed quote runs to the end of the text.
                        self.newlines += count_line_feeds(rest);
                        s.push_str(rest);
                        self.pos = bytes.len();
                        out.push(Cow::Owned(s));
                        return Some(line);
                    };
                    let inside = rest.get(..k).unwrap_or_default();
                    self.newlines += count_line_feeds(inside);
                    s.push_str(inside);
                    self.pos += k + 1;
                    if bytes.get(self.pos) == Some(&b'"') {
                        s.push('"');
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                quoted = Some(s);
            }
            // An unquoted field, or what follows a closing quote, up to the delimiter.
            let rest = self.text.get(self.pos..).unwrap_or_default();
            let run = memchr::memchr3(b';', b'\r', b'\n', rest.as_bytes()).unwrap_or(rest.len());
            let tail = rest.get(..run).unwrap_or_default();
            out.push(match quoted {
                Some(mut s) => {
                    s.push_str(tail);
                    Cow::Owned(s)
                }
                None => Cow::Borrowed(tail),
            });
            self.pos += run;
            match bytes.get(self.pos) {
                Some(b';') => self.pos += 1,
                Some(b'\n') => {
                    self.pos += 1;
                    self.newlines += 1;
                    return Some(line);
                }
                Some(_) => {
                    self.pos += 1;
                    return Some(line);
                }
                None => return Some(line),
            }
        }
    }

    /// The text not read yet.
    pub(super) fn rest(&self) -> &'t str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    /// Moves past `bytes` of the text read elsewhere: whole rows at the start of
    /// [`Rows::rest`], each ending with its line feed, `feeds` of them.
    pub(super) fn skip(&mut self, bytes: usize, feeds: u64) {
        self.pos += bytes;
        self.newlines += feeds;
    }

    /// The line feeds not read yet: at least the rows left, less one.
    pub(super) fn line_feeds_left(&self) -> usize {
        let rest = self.text.get(self.pos..).unwrap_or_default();
        // Counted in byte-wide lanes, a block of at most 255 bytes at a time.
        rest.as_bytes()
            .chunks(255)
            .map(|block| {
                let feeds: u8 = block.iter().map(|&b| u8::from(b == b'\n')).sum();
                usize::from(feeds)
            })
            .sum()
    }

    /// The line the `csv` crate reported at the end of the text (1 + every line feed).
    pub(super) fn end_line(&self) -> u64 {
        self.newlines + 1
    }
}

fn count_line_feeds(text: &str) -> u64 {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64
}

/// Splits `text` at every `sep` (an ASCII byte), like `str::split`; a plain byte loop, faster
/// than `str::split` on the short fields and names of a `.pb` row.
pub(super) fn split_at_byte(text: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.bytes().position(|b| b == sep) {
            Some(i) => {
                let (piece, tail) = text.split_at_checked(i)?;
                rest = tail.get(1..);
                Some(piece)
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// `str::trim`, without its call when the ends are visible ASCII (nearly every field).
pub(super) fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}
