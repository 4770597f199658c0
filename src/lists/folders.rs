//! Where list files and built indexes are kept, read from the environment in this one
//! place.

use std::path::PathBuf;

/// An environment variable's value as a path, when set and not empty.
fn env_path(key: &str) -> Option<PathBuf> {
    std::env::var_os(key)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The data folder whose lists replace the shipped ones: `REDFLAG_DATA_DIR`, when set.
pub fn data_dir_in_use() -> Option<PathBuf> {
    env_path("REDFLAG_DATA_DIR")
}

/// The cache folder: `REDFLAG_CACHE_DIR`, else `$XDG_CACHE_HOME/redflag`, else
/// `~/.cache/redflag`, else the system temporary folder.
pub fn cache_dir() -> PathBuf {
    env_path("REDFLAG_CACHE_DIR")
        .or_else(|| env_path("XDG_CACHE_HOME").map(|p| p.join("redflag")))
        .or_else(|| env_path("HOME").map(|p| p.join(".cache").join("redflag")))
        .unwrap_or_else(|| std::env::temp_dir().join("redflag"))
}

/// Where `lists update` writes by default: `REDFLAG_DATA_DIR` (so the update is what
/// the next run uses), else `$XDG_DATA_HOME/redflag/lists`, else
/// `~/.local/share/redflag/lists`. `None` when none of these is set. Only
/// `REDFLAG_DATA_DIR` selects lists for searching: a per-user folder is never picked up
/// silently, so results do not depend on what happens to sit in it.
pub fn update_dir() -> Option<PathBuf> {
    data_dir_in_use()
        .or_else(|| env_path("XDG_DATA_HOME").map(|p| p.join("redflag").join("lists")))
        .or_else(|| env_path("HOME").map(|p| p.join(".local/share/redflag/lists")))
}
