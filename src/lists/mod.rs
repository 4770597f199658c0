//! The official lists, in one room: what they are (one table of file, format, publisher's
//! URL and the copy shipped in `data/`), the folders where updated copies and built
//! indexes are kept, downloading new copies ([`update`]), and opening the index of the
//! lists in use ([`open_default`]). Every front door (the CLI, a service, a batch job)
//! comes here for "the lists", so they all screen against the same ones.
//!
//! The lists in use are the shipped ones, embedded in the binary, unless
//! `REDFLAG_DATA_DIR` points at a folder of list files (what `lists update` fills).
//! Their index is built on first use and cached (see [`open_default`]).

mod cache;
pub mod diff;
mod folders;
pub mod update;

pub use cache::{cache_file_name, open_cached, open_default};
pub use folders::{cache_dir, data_dir_in_use, update_dir};

use crate::error::{Error, Result};
use crate::model::LoadedList;
use crate::sources::{self, Format};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One official public list.
#[derive(Debug, Clone, Copy)]
pub struct OfficialList {
    /// The file it is kept under, in `data/` and in a data folder.
    pub file: &'static str,
    /// The format its publisher serves.
    pub format: Format,
    /// Where its publisher publishes it.
    pub url: &'static str,
    /// The gzip copy shipped in `data/`, embedded in the binary.
    pub shipped: &'static [u8],
}

/// The official lists, in one place so a moved or added list is a one-entry change.
/// `lists update --url FILE=URL` overrides a URL for a run.
pub const OFFICIAL: [OfficialList; 4] = [
    OfficialList {
        file: "ofac_sdn.xml.gz",
        format: Format::OfacXml,
        url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML",
        shipped: include_bytes!("../../data/ofac_sdn.xml.gz"),
    },
    OfficialList {
        file: "ofac_consolidated.xml.gz",
        format: Format::OfacXml,
        url: "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML",
        shipped: include_bytes!("../../data/ofac_consolidated.xml.gz"),
    },
    OfficialList {
        file: "un_consolidated.xml.gz",
        format: Format::UnXml,
        url: "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
        shipped: include_bytes!("../../data/un_consolidated.xml.gz"),
    },
    OfficialList {
        file: "eu_fsf.xml.gz",
        format: Format::EuXml,
        url: "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
        shipped: include_bytes!("../../data/eu_fsf.xml.gz"),
    },
];

/// A list file's name and bytes, wherever it came from.
pub struct ListFile {
    /// The file name (shipped) or path (from a data folder), as errors name it.
    pub name: String,
    /// The file's bytes, gzip or plain.
    pub bytes: std::borrow::Cow<'static, [u8]>,
}

/// The list files in use: those in `REDFLAG_DATA_DIR` when it is set, else the shipped ones.
pub fn list_files() -> Result<Vec<ListFile>> {
    match data_dir_in_use() {
        Some(dir) => list_files_in(&dir),
        None => Ok(shipped_files()),
    }
}

/// The shipped lists, as list files.
pub fn shipped_files() -> Vec<ListFile> {
    OFFICIAL
        .iter()
        .map(|list| ListFile {
            name: list.file.to_string(),
            bytes: std::borrow::Cow::Borrowed(list.shipped),
        })
        .collect()
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
