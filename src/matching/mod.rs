//! Queries in, ranked hits out: candidate retrieval over the index, then scoring.

pub mod candidates;
pub mod score;

use crate::model::{DateSpec, EntityKind, NameKind};
use serde::Serialize;

/// The score at or above which a hit is reported when a query names no threshold.
pub const DEFAULT_THRESHOLD: f64 = 0.80;

/// What to screen: a name and, optionally, evidence about who is meant.
#[derive(Debug, Clone)]
pub struct Query {
    pub name: String,
    pub kind: Option<EntityKind>,
    /// ISO 3166-1 alpha-2 code or a country name.
    pub country: Option<String>,
    pub dob: Option<DateSpec>,
    /// At most this many hits.
    pub top: usize,
    /// Only hits scoring at least this.
    pub threshold: f64,
}

impl Query {
    /// A name-only query with the default top (10) and threshold.
    pub fn new(name: impl Into<String>) -> Query {
        Query {
            name: name.into(),
            kind: None,
            country: None,
            dob: None,
            top: 10,
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

/// One listed entity that matches a query, with why.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub entity_id: String,
    /// In [0, 1]; see `score.rs` for what the numbers mean.
    pub score: f64,
    /// The entity's display name.
    pub name: String,
    /// The list name that matched best.
    pub matched_name: String,
    pub matched_name_kind: &'static str,
    pub list: String,
    pub kind: EntityKind,
    pub programs: Vec<String>,
    /// Human-readable reasons: which tokens paired, what bridged scripts, what moved the score.
    pub reasons: Vec<String>,
}

/// Anything that answers queries: the index, or a stand-in in tests.
pub trait Matcher: Sync {
    fn search(&self, query: &Query) -> crate::Result<Vec<Hit>>;
}

pub(crate) fn name_kind_label(kind: NameKind) -> &'static str {
    kind.as_str()
}
