//! Loader stub: to be written.

use crate::error::{Error, Result};
use crate::model::LoadedList;

/// Parses a watchlist CSV; ids are `<stem>:<id>`.
pub fn parse(file: &str, _stem: &str, _bytes: &[u8]) -> Result<LoadedList> {
    Err(Error::Other(format!(
        "{file}: watchlist loader not written yet"
    )))
}
