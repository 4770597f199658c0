//! The index: keys in an FST, postings, and the entity store, in one file.

use crate::error::{Error, Result};
use crate::matching::{Hit, Matcher, Query};

/// A searchable index of entities.
pub struct Index {}

impl Matcher for Index {
    fn search(&self, _query: &Query) -> Result<Vec<Hit>> {
        Err(Error::Other("index not written yet".into()))
    }
}
