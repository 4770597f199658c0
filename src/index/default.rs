//! The default index: the official lists shipped in `data/`, embedded in the binary, built
//! into an index on first use and cached. The cache file is named by a hash of the list
//! contents and the index format, so a changed list (or a new redflag) means a rebuild and
//! an unchanged one means none.
//!
//! `REDFLAG_DATA_DIR` points at a folder of list files to use instead of the embedded ones
//! (what `lists update` fills); `REDFLAG_CACHE_DIR` overrides where the index is cached.

use super::{Index, IndexBuilder};
use crate::error::{Error, Result};
use crate::files::write_atomically;
use crate::model::LoadedList;
use crate::sources;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The lists shipped in `data/`: file name and gzip bytes.
pub const SHIPPED: [(&str, &[u8]); 4] = [
    (
        "ofac_sdn.xml.gz",
        include_bytes!("../../data/ofac_sdn.xml.gz"),
    ),
    (
        "ofac_consolidated.xml.gz",
        include_bytes!("../../data/ofac_consolidated.xml.gz"),
    ),
    (
        "un_consolidated.xml.gz",
        include_bytes!("../../data/un_consolidated.xml.gz"),
    ),
    ("eu_fsf.xml.gz", include_bytes!("../../data/eu_fsf.xml.gz")),
];

/// A list file's name and bytes, wherever it came from.
pub struct ListFile {
    pub name: String,
    pub bytes: std::borrow::Cow<'static, [u8]>,
}

/// The list files in use: those in `REDFLAG_DATA_DIR` when it is set, else the shipped ones.
pub fn list_files() -> Result<Vec<ListFile>> {
    match std::env::var_os("REDFLAG_DATA_DIR") {
        Some(dir) if !dir.is_empty() => list_files_in(Path::new(&dir)),
        _ => Ok(SHIPPED
            .iter()
            .map(|(name, bytes)| ListFile {
                name: (*name).to_string(),
                bytes: std::borrow::Cow::Borrowed(*bytes),
            })
            .collect()),
    }
}

/// Every list file (`.xml`, `.csv`, optionally `.gz`) in `dir`, sorted by name. OFAC CSV
/// sets are not read this way: a data folder holds XML lists and watchlists.
pub fn list_files_in(dir: &Path) -> Result<Vec<ListFile>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
        if let Some(name) = name {
            let name = name.strip_suffix(".gz").unwrap_or(&name);
            if path.is_file() && (name.ends_with(".xml") || name.ends_with(".csv")) {
                paths.push(path);
            }
        }
    }
    paths.sort();
    if paths.is_empty() {
        return Err(Error::Other(format!(
            "{}: no list files (.xml, .csv, .xml.gz) in this data folder",
            dir.display()
        )));
    }
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
            Ok(ListFile {
                name: p.display().to_string(),
                bytes: std::borrow::Cow::Owned(bytes),
            })
        })
        .collect()
}

/// Loads list files in parallel.
pub fn load_lists(files: &[ListFile]) -> Result<Vec<LoadedList>> {
    files
        .par_iter()
        .map(|f| {
            let stem = sources::file_stem(Path::new(&f.name));
            sources::load_bytes(&f.name, &stem, &f.bytes)
        })
        .collect()
}

/// Loads the lists in use (see [`list_files`]).
pub fn load_default_lists() -> Result<Vec<LoadedList>> {
    load_lists(&list_files()?)
}

/// The cache folder: `REDFLAG_CACHE_DIR`, else `$XDG_CACHE_HOME/redflag`, else
/// `~/.cache/redflag`, else the system temporary folder.
pub fn cache_dir() -> PathBuf {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    env("REDFLAG_CACHE_DIR")
        .or_else(|| env("XDG_CACHE_HOME").map(|p| p.join("redflag")))
        .or_else(|| env("HOME").map(|p| p.join(".cache").join("redflag")))
        .unwrap_or_else(|| std::env::temp_dir().join("redflag"))
}

/// Where `lists update` writes by default: `REDFLAG_DATA_DIR` (so the update is what
/// the next run uses), else `$XDG_DATA_HOME/redflag/lists`, else
/// `~/.local/share/redflag/lists`. `None` when none of these is set. Only
/// `REDFLAG_DATA_DIR` selects lists for searching: a per-user folder is never picked up
/// silently, so results do not depend on what happens to sit in it.
pub fn data_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    env("REDFLAG_DATA_DIR")
        .or_else(|| env("XDG_DATA_HOME").map(|p| p.join("redflag").join("lists")))
        .or_else(|| env("HOME").map(|p| p.join(".local/share/redflag/lists")))
}

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
        super::file::FORMAT_VERSION,
        hasher.finalize(),
        total as u32
    )
}

/// Opens the default index, building and caching it when needed.
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
