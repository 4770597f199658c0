//! Rows repeat names (the same vendor on every invoice line, the same contact for many
//! companies): a batch answers a query it has already answered from a bounded memory.

use crate::error::Result;
use crate::matching::{Hit, Matcher, Query};
use rustc_hash::FxHashMap;
use std::sync::Mutex;

/// Answers remembered, in bytes (roughly), before the memory is emptied.
const MAX_BYTES: usize = 32 << 20;

/// A matcher that remembers its answers, for one batch: wrap the index in it when
/// screening many rows (the CLI's `screen` does; so does the Python extension).
pub struct Repeats<'a> {
    inner: &'a dyn Matcher,
    memory: Mutex<Memory>,
}

#[derive(Default)]
struct Memory {
    answers: FxHashMap<String, Vec<Hit>>,
    bytes: usize,
}

impl<'a> Repeats<'a> {
    /// Remembers `inner`'s answers, up to a bounded memory.
    pub fn new(inner: &'a dyn Matcher) -> Repeats<'a> {
        Repeats {
            inner,
            memory: Mutex::default(),
        }
    }
}

impl Matcher for Repeats<'_> {
    fn search(&self, query: &Query) -> Result<Vec<Hit>> {
        // Everything a query holds is in its debug form: name, evidence, top, threshold.
        let key = format!("{query:?}");
        if let Some(hits) = self.lock().answers.get(&key) {
            return Ok(hits.clone());
        }
        // Errors are rare and not remembered: they are reported as they happen.
        let hits = self.inner.search(query)?;
        let bytes = key.len() + hits.iter().map(size_of_hit).sum::<usize>() + 64;
        let mut memory = self.lock();
        if memory.bytes + bytes > MAX_BYTES {
            memory.answers.clear();
            memory.bytes = 0;
        }
        memory.bytes += bytes;
        memory.answers.insert(key, hits.clone());
        Ok(hits)
    }
}

impl Repeats<'_> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Memory> {
        // A panic elsewhere while holding the lock leaves nothing half-written here.
        self.memory.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn size_of_hit(hit: &Hit) -> usize {
    let texts = [&hit.entity_id, &hit.name, &hit.matched_name, &hit.list];
    std::mem::size_of::<Hit>()
        + texts.iter().map(|t| t.len()).sum::<usize>()
        + hit
            .programs
            .iter()
            .chain(&hit.reasons)
            .map(|t| t.len() + 24)
            .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Counting(AtomicUsize);

    impl Matcher for Counting {
        fn search(&self, query: &Query) -> Result<Vec<Hit>> {
            self.0.fetch_add(1, Ordering::Relaxed);
            if query.name == "bad" {
                return Err(crate::error::Error::Query("bad".into()));
            }
            Ok(Vec::new())
        }
    }

    #[test]
    fn answers_a_repeated_query_once_but_errors_each_time() {
        let inner = Counting(AtomicUsize::new(0));
        let repeats = Repeats::new(&inner);
        let mut q = Query::new("Kim Jong Un");
        repeats.search(&q).unwrap();
        repeats.search(&q).unwrap();
        assert_eq!(inner.0.load(Ordering::Relaxed), 1);
        q.country = Some("KP".into());
        repeats.search(&q).unwrap();
        assert_eq!(
            inner.0.load(Ordering::Relaxed),
            2,
            "other evidence, other query"
        );
        let bad = Query::new("bad");
        assert!(repeats.search(&bad).is_err());
        assert!(repeats.search(&bad).is_err());
        assert_eq!(inner.0.load(Ordering::Relaxed), 4);
    }
}
