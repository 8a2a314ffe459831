//! A small, bounded map of the most recently used values, shared by a server's requests: for
//! data a page builds from something stored that never changes once written (a results
//! page's tables from one stored count; a team's roster at one roster version), so that only
//! the first request builds it.

use std::sync::{Arc, Mutex, PoisonError};

/// At most `capacity` values, most recently used first; the least recently used is dropped.
pub struct Recent<K, V> {
    capacity: usize,
    entries: Mutex<Vec<(K, Arc<V>)>>,
}

impl<K: PartialEq, V> Recent<K, V> {
    /// An empty map holding at most `capacity` values.
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            entries: Mutex::new(Vec::with_capacity(capacity)),
        }
    }

    /// The value kept for `key`, now the most recently used.
    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let at = entries.iter().position(|(k, _)| k == key)?;
        let entry = entries.remove(at);
        let value = Arc::clone(&entry.1);
        entries.insert(0, entry);
        Some(value)
    }

    /// The value kept for `key`, else the one `read` gives, kept for the next caller. Two
    /// callers missing at once both read (nothing is held across the read); the later one is
    /// kept.
    pub async fn get_or_read<E, F>(&self, key: K, read: F) -> Result<Arc<V>, E>
    where
        F: Future<Output = Result<V, E>>,
    {
        if let Some(kept) = self.get(&key) {
            return Ok(kept);
        }
        let value = Arc::new(read.await?);
        self.insert(key, Arc::clone(&value));
        Ok(value)
    }

    /// Keeps `value` for `key` (replacing any), dropping the least recently used beyond the
    /// capacity.
    pub fn insert(&self, key: K, value: Arc<V>) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.retain(|(k, _)| *k != key);
        entries.insert(0, (key, value));
        entries.truncate(self.capacity);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_most_recently_used_within_its_capacity() {
        let recent = Recent::new(2);
        recent.insert(1, Arc::new("one"));
        recent.insert(2, Arc::new("two"));
        assert_eq!(recent.get(&1).as_deref(), Some(&"one"));
        recent.insert(3, Arc::new("three"));
        assert_eq!(recent.get(&2), None, "the least recently used is dropped");
        assert_eq!(recent.get(&1).as_deref(), Some(&"one"));
        assert_eq!(recent.get(&3).as_deref(), Some(&"three"));
    }

    #[test]
    fn a_second_insert_replaces_the_value() {
        let recent = Recent::new(2);
        recent.insert(1, Arc::new("old"));
        recent.insert(1, Arc::new("new"));
        assert_eq!(recent.get(&1).as_deref(), Some(&"new"));
    }

    #[tokio::test]
    async fn a_value_is_read_once_and_a_failed_read_keeps_nothing() {
        let recent: Recent<u8, &str> = Recent::new(2);
        let first: Result<_, ()> = recent.get_or_read(1, async { Ok("read") }).await;
        assert_eq!(first.as_deref(), Ok(&"read"));
        let kept: Result<_, ()> = recent.get_or_read(1, async { Ok("read again") }).await;
        assert_eq!(kept.as_deref(), Ok(&"read"), "kept, not read again");
        let failed = recent.get_or_read(2, async { Err("no") }).await;
        assert_eq!(failed, Err("no"));
        assert_eq!(recent.get(&2), None, "a failed read keeps nothing");
    }
}
