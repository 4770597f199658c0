//! Loader stub: to be written.

use crate::error::{Error, Result};
use crate::model::LoadedList;

/// The files of one OFAC legacy CSV set, already read (and decompressed).
pub struct CsvSet<'a> {
    pub main: &'a [u8],
    pub alt: Option<&'a [u8]>,
    pub add: Option<&'a [u8]>,
    pub comments: Option<&'a [u8]>,
}

/// Parses a set; `file` names the main file in errors.
pub fn parse(file: &str, _set: &CsvSet<'_>) -> Result<LoadedList> {
    Err(Error::Other(format!(
        "{file}: OFAC CSV loader not written yet"
    )))
}

/// Whether a first line looks like an OFAC `sdn.csv` / `cons_prim.csv` row.
pub fn looks_like_ofac_csv(first_line: &str) -> bool {
    let mut fields = first_line.split(',');
    matches!(fields.next(), Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
        && first_line.contains("-0-")
}
