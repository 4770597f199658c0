//! The typo index: every token key with one character deleted, mapped to the postings of
//! the keys it came from (symmetric deletion). A query token not in the index finds the
//! stored keys within one edit or one swap of it by exact lookups of itself and of its
//! own deletions (see [`keys::deletions`]).

use super::file::write_varint;
use crate::error::{Error, Result};
use crate::text::keys;
use rayon::prelude::*;

/// Builds the typo FST (deletion → offset into the sources) and the sources section
/// (per deletion: a count, then the postings offsets of its keys, delta-coded).
/// `keys` are token keys with their postings offsets.
pub(super) fn build(keys: &[(&str, u64)]) -> Result<(Vec<u8>, Vec<u8>)> {
    let mut pairs: Vec<(String, u64)> = keys
        .par_iter()
        .filter(|(key, _)| key.chars().count() >= keys::MIN_TYPO_KEY_CHARS)
        .flat_map_iter(|&(key, offset)| keys::deletions(key).into_iter().map(move |d| (d, offset)))
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    let mut sources = Vec::new();
    let mut builder = fst::MapBuilder::memory();
    let bad = |e: fst::Error| Error::Other(format!("cannot build typo index: {e}"));
    for group in pairs.chunk_by(|a, b| a.0 == b.0) {
        builder
            .insert(&group[0].0, sources.len() as u64)
            .map_err(bad)?;
        write_varint(&mut sources, group.len() as u64);
        let mut previous = 0u64;
        for (_, offset) in group {
            write_varint(&mut sources, offset - previous);
            previous = *offset;
        }
    }
    Ok((builder.into_inner().map_err(bad)?, sources))
}
