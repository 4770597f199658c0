//! The index of the lists in use, built on first use and cached. The cache file is named
//! by a hash of the list contents and the index format, so a changed list (or a new
//! redflag) means a rebuild and an unchanged one means none.

use super::{cache_dir, list_files, load_lists, ListFile};
use crate::error::Result;
use crate::files::write_atomically;
use crate::index::{Index, IndexBuilder, FORMAT_VERSION};
use std::path::Path;

/// The cache file name for these list contents under this index format.
pub fn cache_file_name(files: &[ListFile]) -> String {
    let mut hasher = crc32fast::Hasher::new();
    let mut total = 0u64;
    for f in files {
        hasher.update(
            Path::new(&f.name)
                .file_name()
                .map_or(&[][..], |n| n.as_encoded_bytes()),
        );
        hasher.update(&(f.bytes.len() as u64).to_le_bytes());
        hasher.update(&f.bytes);
        total = total.wrapping_mul(31).wrapping_add(f.bytes.len() as u64);
    }
    format!(
        "lists-{}-f{}-{:08x}{:08x}.idx",
        env!("CARGO_PKG_VERSION"),
        FORMAT_VERSION,
        hasher.finalize(),
        total as u32
    )
}

/// Opens the index of the lists in use (the shipped ones, or those of `REDFLAG_DATA_DIR`),
/// building and caching it when needed; `REDFLAG_CACHE_DIR` overrides where.
pub fn open_default() -> Result<Index> {
    open_cached(&list_files()?, &cache_dir())
}

/// Opens the index of `files` cached in `cache`, building it first when it is missing or
/// unreadable. A cache that cannot be written is not an error: the index is then used
/// from memory.
pub fn open_cached(files: &[ListFile], cache: &Path) -> Result<Index> {
    let path = cache.join(cache_file_name(files));
    if let Ok(index) = Index::open(&path) {
        return Ok(index);
    }
    let mut builder = IndexBuilder::new();
    for list in load_lists(files)? {
        builder.add_list(list);
    }
    let bytes = builder.to_bytes()?;
    if write_atomically(&path, &bytes).is_ok() {
        remove_stale(cache, &path);
        if let Ok(index) = Index::open(&path) {
            return Ok(index);
        }
    }
    Index::from_bytes(bytes)
}

/// Removes other cached list indexes, so rebuilds do not pile up.
fn remove_stale(cache: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(cache) else {
        return;
    };
    for entry in entries.flatten() {
        let p = entry.path();
        let is_ours = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("lists-") && n.ends_with(".idx"));
        if is_ours && p != keep {
            let _ = std::fs::remove_file(p);
        }
    }
}
