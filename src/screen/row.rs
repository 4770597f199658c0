//! What a row is screened on, as a value that can be kept and screened again later
//! without its spreadsheet ([`RowInput`]), the one function that screens it
//! ([`RowInput::screen`], used by the batch and by re-screening alike, so both give the
//! same hits), and the view of a screened row handed to a [`RowSink`].

use super::Decision;
use crate::error::Result;
use crate::matching::{Hit, Matcher, Query, QueryIdentifier};
use crate::model::{DateSpec, EntityKind, IdKind};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A row's names and evidence: everything its screening reads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RowInput {
    /// The names, each with the column (or columns) it came from.
    pub names: Vec<RowName>,
    /// Entity kind evidence.
    pub kind: Option<EntityKind>,
    /// Country evidence, as written.
    pub country: Option<String>,
    /// Date-of-birth evidence.
    pub dob: Option<DateSpec>,
    /// Identifiers, each as written with its type when the column says it.
    pub identifiers: Vec<RowIdentifier>,
}

/// One name of a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowName {
    /// The column label (`Company Name`, or `first name + last name`).
    pub column: String,
    /// The name as screened.
    pub name: String,
}

/// One identifier of a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowIdentifier {
    /// Its type, when the column says it.
    pub kind: Option<IdKind>,
    /// The value as written.
    pub value: String,
    /// The issuing country, when the row gives one.
    pub country: Option<String>,
}

/// How many hits a row keeps and from which score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    /// At most this many hits per row.
    pub top: usize,
    /// Hits score at least this.
    pub threshold: f64,
    /// Reviews score at least this (≤ `threshold`).
    pub review_threshold: f64,
}

/// A screened row's hits, best first, those at or above the threshold first.
#[derive(Debug, Clone)]
pub struct Ranked {
    /// At most `top` hits scoring at least the review threshold.
    pub hits: Vec<Hit>,
    /// The row's outcome.
    pub decision: Decision,
    /// With several names: which name found the best hit (`best match for '…' (column)`).
    pub best_from: Option<String>,
    /// Names that could not be screened, and why.
    pub failures: Vec<String>,
}

impl RowInput {
    /// The queries this row is screened with: one per name, or one of identifiers alone.
    pub fn queries(&self, limits: &Limits) -> Vec<Query> {
        let mut template = Query::new("");
        template.top = limits.top;
        template.threshold = limits.review_threshold;
        template.kind = self.kind;
        template.country = self.country.clone();
        template.dob = self.dob.clone();
        template.identifiers = self
            .identifiers
            .iter()
            .map(|i| QueryIdentifier {
                kind: i.kind,
                value: i.value.clone(),
                country: i.country.clone(),
            })
            .collect();
        if self.names.is_empty() {
            return vec![template];
        }
        self.names
            .iter()
            .map(|n| {
                let mut q = template.clone();
                q.name = n.name.clone();
                q
            })
            .collect()
    }

    /// Nothing to screen: no name and no identifier.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.identifiers.is_empty()
    }

    /// The names screened, joined with ` | ` (identifiers when there is no name).
    pub fn display(&self) -> String {
        let parts: Vec<&str> = match self.names.is_empty() {
            true => self.identifiers.iter().map(|i| i.value.as_str()).collect(),
            false => self.names.iter().map(|n| n.name.as_str()).collect(),
        };
        parts.join(" | ")
    }

    /// A digest of everything screened: two rows with the same digest get the same hits.
    pub fn digest(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        crate::files::sha256_hex(json.as_bytes())[..16].to_string()
    }

    /// Screens the row: each query searched, the best score per entity kept over all
    /// names, ranked, cut to `top`. `Err` only when every query failed (the failures say
    /// why).
    pub fn screen(&self, matcher: &dyn Matcher, limits: &Limits) -> Result<Ranked, Vec<String>> {
        let queries = self.queries(limits);
        let mut best: HashMap<String, (Hit, usize)> = HashMap::new();
        let mut failures = Vec::new();
        for (i, q) in queries.iter().enumerate() {
            match matcher.search(q) {
                Ok(hits) => {
                    for hit in hits {
                        // Also drops a NaN score.
                        if hit.score.is_nan() || hit.score < limits.review_threshold {
                            continue;
                        }
                        match best.get(&hit.entity_id) {
                            Some((kept, _)) if kept.score >= hit.score => {}
                            _ => {
                                best.insert(hit.entity_id.clone(), (hit, i));
                            }
                        }
                    }
                }
                Err(e) => {
                    let (label, name) = match self.names.get(i) {
                        Some(n) => (n.column.as_str(), n.name.as_str()),
                        None => ("identifiers", ""),
                    };
                    failures.push(format!("'{name}' ({label}) could not be screened: {e}"));
                }
            }
        }
        if failures.len() == queries.len() {
            return Err(failures);
        }
        let mut ranked: Vec<(Hit, usize)> = best.into_values().collect();
        ranked.sort_by(|a, b| {
            b.0.score
                .total_cmp(&a.0.score)
                .then_with(|| a.0.entity_id.cmp(&b.0.entity_id))
        });
        ranked.truncate(limits.top);
        let best_from = match ranked.first() {
            Some((_, from)) if self.names.len() > 1 => self
                .names
                .get(*from)
                .map(|n| format!("best match for '{}' ({})", n.name, n.column)),
            _ => None,
        };
        let decision = match ranked.first() {
            Some((h, _)) if h.score >= limits.threshold => Decision::Hit,
            Some(_) => Decision::Review,
            None => Decision::Clear,
        };
        Ok(Ranked {
            hits: ranked.into_iter().map(|(h, _)| h).collect(),
            decision,
            best_from,
            failures,
        })
    }
}

/// A screened row as a [`RowSink`] sees it.
#[derive(Debug, Clone, Copy)]
pub struct ScreenedRow<'a> {
    /// 1-based row number (1 = the first row after the header).
    pub row: u64,
    /// The row's lasting key: its id column's value, else `h:` and the digest of what
    /// was screened ([`RowInput::digest`]).
    pub key: &'a str,
    /// What was screened.
    pub input: &'a RowInput,
    /// The outcome.
    pub decision: Decision,
    /// Hits at or above the review threshold, best first (at most `top`).
    pub hits: &'a [Hit],
    /// Why: the best hit's reasons, evidence not used, or what was wrong.
    pub reason: &'a str,
}

/// What a row's `review_decision` and `review_note` cells say when written: empty for
/// an analyst to fill, or what a case store already knows of the row's best hit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewCells {
    /// A decision (`false positive`, `true match`, `escalate`) or nothing.
    pub decision: String,
    /// Its note, or a word on an earlier decision that no longer stands.
    pub note: String,
}

/// Receives every screened row, in input order, before it is written: how a case store
/// records a run without the batch knowing about it, and fills in the review cells it
/// has a decision for. An error stops the run.
pub trait RowSink {
    /// One screened row; returns what its review cells say.
    fn record(&mut self, row: &ScreenedRow<'_>) -> Result<ReviewCells>;
}

/// The key of a row: the id column's value when there is one, else a digest of what was
/// screened, so that the same vendor keeps its key from one file version to the next.
pub(crate) fn row_key(id_column_value: Option<&str>, input: &RowInput) -> String {
    match id_column_value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(id) => id.to_string(),
        None => format!("h:{}", input.digest()),
    }
}
