//! Loader stub: to be written.

use crate::error::{Error, Result};
use crate::model::LoadedList;

/// Parses the whole file.
pub fn parse(file: &str, _bytes: &[u8]) -> Result<LoadedList> {
    Err(Error::Other(format!(
        "{file}: eu_xml loader not written yet"
    )))
}
