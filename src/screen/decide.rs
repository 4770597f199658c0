//! One row → its queries → hits merged over its names → a decision with reasons.
//!
//! Each name of a row (a company and its contact person, say) is its own query, with the
//! row's kind, country and date of birth as evidence. The row keeps, per listed entity,
//! the best score any of its names reached, so the best hit over all names leads.

use super::columns::{Columns, NameSource};
use super::fields::{conclude, dob_evidence, kind_evidence, panic_message, usable_name};
use super::input::{CellType, RawRow};
use super::row::{row_key, ReviewCells, RowIdentifier, RowInput, RowName, ScreenedRow};
use super::{Decision, Settings};
use crate::matching::{Hit, Matcher, Query, QueryIdentifier};
use crate::model::collapse_whitespace;
use crate::text::ids;
use std::panic::AssertUnwindSafe;

/// A screened row, ready to write.
#[derive(Debug, Clone)]
pub(crate) struct Screened {
    pub row: u64,
    /// The row's lasting key (see [`row_key`]).
    pub key: String,
    pub id: String,
    /// The input cells, padded to the header's width.
    pub cells: Vec<String>,
    /// The names screened, joined with ` | ` (one name: exactly that name).
    pub query: String,
    /// What was screened (empty on an error row).
    pub input: RowInput,
    pub decision: Decision,
    /// At most `top` hits scoring at least the review threshold, best first; those at or
    /// above the threshold come first (`hits[..n_hits]`).
    pub ranked: Vec<Hit>,
    pub n_hits: usize,
    /// Why: the best hit's reasons, notes on evidence not used, or what was wrong.
    pub reason: String,
    /// The review cells, as the run's sink filled them (empty without a case store).
    pub review: ReviewCells,
}

impl Screened {
    /// Hits at or above the threshold.
    pub fn hits(&self) -> &[Hit] {
        &self.ranked[..self.n_hits]
    }

    /// Hits in the review band.
    pub fn reviews(&self) -> &[Hit] {
        &self.ranked[self.n_hits..]
    }

    /// The row as a [`super::RowSink`] sees it.
    pub fn view(&self) -> ScreenedRow<'_> {
        ScreenedRow {
            row: self.row,
            key: &self.key,
            input: &self.input,
            decision: self.decision,
            hits: &self.ranked,
            reason: &self.reason,
        }
    }
}

/// What a screening needs besides the row.
pub(crate) struct Plan<'a> {
    pub columns: &'a Columns,
    pub settings: &'a Settings,
    pub matcher: &'a dyn Matcher,
}

impl Plan<'_> {
    /// Screens one row; never fails: what goes wrong, even a panic in the matcher, becomes
    /// an `error` row, so one bad row cannot stop a batch.
    pub fn screen(&self, raw: RawRow) -> Screened {
        let assessed = std::panic::catch_unwind(AssertUnwindSafe(|| self.assess(&raw)));
        let mut out = match assessed {
            Ok(out) => out,
            Err(panic) => {
                let what = panic_message(&*panic);
                Screened {
                    row: raw.row,
                    key: self.row_id(&raw),
                    id: self.row_id(&raw),
                    cells: Vec::new(),
                    query: String::new(),
                    input: RowInput::default(),
                    decision: Decision::Error,
                    ranked: Vec::new(),
                    n_hits: 0,
                    reason: format!("{}: screening failed: {what}", raw.location),
                    review: ReviewCells::default(),
                }
            }
        };
        out.cells = raw.cells;
        out
    }

    /// The id column's value, or the row number when there is no id column.
    fn row_id(&self, raw: &RawRow) -> String {
        match self.columns.id {
            Some(c) => raw
                .cells
                .get(c)
                .map(|s| s.trim().to_string())
                .unwrap_or_default(),
            None => raw.row.to_string(),
        }
    }

    /// Everything about a row but its cells.
    fn assess(&self, raw: &RawRow) -> Screened {
        let id = self.row_id(raw);
        let mut notes = Vec::new();
        let names = self.names(raw, &mut notes);
        let template = self.evidence(raw, &mut notes);
        let input = RowInput {
            names: names
                .into_iter()
                .map(|(column, name)| RowName { column, name })
                .collect(),
            kind: template.kind,
            country: template.country.clone(),
            dob: template.dob.clone(),
            identifiers: template
                .identifiers
                .iter()
                .map(|i| RowIdentifier {
                    kind: i.kind,
                    value: i.value.clone(),
                    country: i.country.clone(),
                })
                .collect(),
        };
        let id_value = self.columns.id.map(|_| id.as_str());
        let mut out = Screened {
            row: raw.row,
            key: row_key(id_value, &input),
            id,
            cells: Vec::new(),
            query: input.display(),
            input: RowInput::default(),
            decision: Decision::Error,
            ranked: Vec::new(),
            n_hits: 0,
            reason: String::new(),
            review: ReviewCells::default(),
        };
        if let Some(problem) = &raw.problem {
            out.reason = problem.clone();
            return out;
        }
        if input.is_empty() {
            notes.insert(
                0,
                format!("{}: no name or identifier to screen", raw.location),
            );
            out.reason = notes.join("; ");
            return out;
        }
        let outcome = conclude(
            &input,
            notes,
            self.matcher,
            &self.settings.limits(),
            Some(&raw.location.to_string()),
        );
        out.reason = outcome.reason;
        out.ranked = outcome.hits;
        out.n_hits = out
            .ranked
            .iter()
            .take_while(|h| h.score >= self.settings.threshold)
            .count();
        out.decision = outcome.decision;
        if out.decision != Decision::Error {
            out.input = input;
        }
        out
    }

    /// The row's usable names, each with the column it came from; notes say why a
    /// non-empty cell was not used.
    fn names(&self, raw: &RawRow, notes: &mut Vec<String>) -> Vec<(String, String)> {
        let mut names: Vec<(String, String)> = Vec::new();
        for source in &self.columns.names {
            let label = self.columns.label(source);
            let cols: Vec<usize> = match source {
                NameSource::Column(c) => vec![*c],
                NameSource::Parts {
                    first,
                    middle,
                    last,
                } => [Some(*first), *middle, Some(*last)]
                    .into_iter()
                    .flatten()
                    .collect(),
            };
            let mut parts = Vec::new();
            for c in cols {
                let text = raw.cells.get(c).map(String::as_str).unwrap_or("");
                match raw.cell_type(c) {
                    CellType::Text | CellType::Empty => {}
                    other => {
                        notes.push(format!(
                            "column '{}' holds {} ({text}), not a name",
                            self.columns.header(c),
                            other.describe()
                        ));
                        continue;
                    }
                }
                if !text.trim().is_empty() {
                    parts.push(text);
                }
            }
            let name = collapse_whitespace(&parts.join(" "));
            if name.is_empty() {
                continue;
            }
            if !usable_name(&name, &label, notes) {
                continue;
            }
            if !names
                .iter()
                .any(|(_, n)| n.to_lowercase() == name.to_lowercase())
            {
                names.push((label, name));
            }
        }
        names
    }

    /// A query carrying the row's evidence; notes say what evidence could not be used.
    fn evidence(&self, raw: &RawRow, notes: &mut Vec<String>) -> Query {
        let cell = |c: Option<usize>| {
            c.and_then(|c| raw.cells.get(c))
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
        };
        let mut q = Query::new("");
        q.top = self.settings.top;
        q.threshold = self.settings.review_threshold;
        q.kind = cell(self.columns.kind).and_then(|k| kind_evidence(k, notes));
        q.country = cell(self.columns.country).map(str::to_string);
        q.dob = cell(self.columns.dob).and_then(|d| dob_evidence(d, notes));
        for &(c, kind) in &self.columns.identifiers {
            let Some(cell) = cell(Some(c)) else {
                continue;
            };
            for value in ids::split_values(kind, cell) {
                // A registration or tax column often holds a USCC or an LEI.
                let kind = ids::refine(kind, value);
                let country = q
                    .country
                    .as_deref()
                    .and_then(crate::model::countries::code_for);
                match ids::canonical(kind, value, country.as_deref()) {
                    Ok(_) => q.identifiers.push(QueryIdentifier {
                        kind: Some(kind),
                        value: value.to_string(),
                        country: q.country.clone(),
                    }),
                    Err(why) => notes.push(format!(
                        "column '{}': '{value}' is {why}; screened without it",
                        self.columns.header(c)
                    )),
                }
            }
        }
        q
    }
}
