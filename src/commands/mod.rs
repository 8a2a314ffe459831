//! Commands that work on files alone (no database, no settings): `tally` and `budget`, the glue
//! that reads their input files and hands them to the pure engines in `crate::tally`; and the
//! development command `dev seed`, which fills a database through the services.

use std::io::Read;
use std::path::Path;

pub mod budget;
pub mod seed;
pub mod tally;

/// Default of `--max-bytes`: 2 GiB, far above any real ballot or Pabulib file, and a bound
/// on what a wrong path (`/dev/zero`, a disk image) can make the command read.
pub const DEFAULT_MAX_BYTES: u64 = 2 << 30;

fn too_large(path: &Path, max_bytes: u64) -> String {
    format!(
        "{} is larger than --max-bytes {max_bytes}; raise the limit to read it",
        path.display()
    )
}

/// Opens `path`, refusing at once a regular file larger than `max_bytes`.
fn open_limited(path: &Path, max_bytes: u64) -> Result<std::fs::File, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if let Ok(meta) = file.metadata()
        && meta.is_file()
        && meta.len() > max_bytes
    {
        return Err(too_large(path, max_bytes));
    }
    Ok(file)
}

/// Reads a whole file of at most `max_bytes` (devices and pipes included: reading stops
/// one byte past the limit).
pub(crate) fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let file = open_limited(path, max_bytes)?;
    let mut data = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if data.len() as u64 > max_bytes {
        return Err(too_large(path, max_bytes));
    }
    Ok(data)
}

/// Reads a file of at most `max_bytes` in pieces: `consume(piece, at_end)` returns how many
/// bytes of `piece` it used; the rest is passed again with the next bytes. Memory stays at
/// one read buffer plus the longest unfinished piece.
pub(crate) fn stream_limited<E>(
    path: &Path,
    max_bytes: u64,
    mut consume: impl FnMut(&[u8], bool) -> Result<usize, E>,
    wrap: impl Fn(E) -> String,
) -> Result<(), String> {
    const CHUNK: usize = 1 << 20;
    let mut file = open_limited(path, max_bytes)?;
    let mut buf = vec![0u8; CHUNK];
    let (mut filled, mut total) = (0usize, 0u64);
    loop {
        let n = file
            .read(buf.get_mut(filled..).unwrap_or_default())
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        total = total.saturating_add(n as u64);
        if total > max_bytes {
            return Err(too_large(path, max_bytes));
        }
        filled += n;
        let at_end = n == 0;
        if filled < buf.len() && !at_end {
            continue;
        }
        let used = consume(buf.get(..filled).unwrap_or_default(), at_end)
            .map_err(&wrap)?
            .min(filled);
        if at_end {
            return Ok(());
        }
        buf.copy_within(used..filled, 0);
        filled -= used;
        if filled == buf.len() {
            // One piece longer than the buffer (a huge line): grow, so each byte is parsed
            // a bounded number of times.
            buf.resize(buf.len().saturating_mul(2), 0);
        }
    }
}
