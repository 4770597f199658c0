//! The result files: what the tabular formats add to each row, and the writer interface.
//!
//! CSV and XLSX keep every input column, in order, and add:
//!
//! | column          | content                                                       |
//! |-----------------|---------------------------------------------------------------|
//! | `decision`      | `hit`, `review`, `clear` or `error`                           |
//! | `score`         | the best score, 4 decimals (empty when clear or error)        |
//! | `entity_id`     | the best hit's entity (`ofac:20157`)                          |
//! | `entity_name`   | its display name                                             |
//! | `matched_name`  | the list name that matched                                    |
//! | `matched_identifier` | the listed identifier that matched (`email: a@x.com`)    |
//! | `list`          | the list it is on                                             |
//! | `programs`      | its sanctions programmes, `; `-separated                      |
//! | `reason`        | why: the hit's reasons, evidence not used, or the row's error |
//!
//! and, for `--top K` with K > 1, for k = 2..=K: `hitk_score`, `hitk_entity_id`,
//! `hitk_entity_name`, `hitk_matched_name`, `hitk_list`; then, with `--cases`,
//! `case_key` (the row's key in the case store); then `review_decision` and `review_note`,
//! for an analyst (`false positive`, `true match` or `escalate` on the row's `entity_id`),
//! read back by `redflag cases import`: empty, except that with `--cases` a decision on
//! the pair that still stands (neither row nor entity changed since) is filled in, and
//! one that no longer stands is recalled in the note. When an input header already uses
//! one of these names, all added columns are prefixed `redflag_`.

use super::decide::Screened;
use super::{out_csv, out_jsonl, out_xlsx, OutputFormat};
use crate::error::Result;
use crate::matching::Hit;
use std::path::Path;

/// Where a cancelled or failed run stopped.
#[derive(Debug, Clone)]
pub(crate) struct Partial {
    pub rows_done: u64,
    pub reason: String,
}

impl Partial {
    pub fn message(&self) -> String {
        format!(
            "PARTIAL: {} after {} rows; the rows after these were not screened",
            self.reason, self.rows_done
        )
    }
}

/// A result file being written, row by row, in input order.
pub(crate) trait ResultWriter {
    fn write(&mut self, row: &Screened) -> Result<()>;
    /// Completes the file; a partial run gets a last record or row saying so.
    fn finish(self: Box<Self>, partial: Option<&Partial>) -> Result<()>;
}

/// Creates the output file for `format` and writes its header.
pub(crate) fn create(
    path: &Path,
    format: OutputFormat,
    headers: &[String],
    added: &Added,
) -> Result<Box<dyn ResultWriter>> {
    Ok(match format {
        OutputFormat::Csv => Box::new(out_csv::CsvOut::create(path, headers, added)?),
        OutputFormat::Jsonl => Box::new(out_jsonl::JsonlOut::create(path)?),
        OutputFormat::Xlsx => Box::new(out_xlsx::XlsxOut::create(path, headers, added)?),
    })
}

/// Which columns a tabular result file adds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Added {
    /// Hits per row, `hitk_*` columns for k = 2..=top.
    pub top: usize,
    /// A `case_key` column.
    pub case_keys: bool,
}

/// What an analyst fills in; the last two added columns.
pub(crate) const REVIEW: [&str; 2] = ["review_decision", "review_note"];

/// The decisions an analyst may write in `review_decision`.
pub(crate) const REVIEW_CHOICES: [&str; 3] = ["false positive", "true match", "escalate"];

const MAIN: [&str; 9] = [
    "decision",
    "score",
    "entity_id",
    "entity_name",
    "matched_name",
    "matched_identifier",
    "list",
    "programs",
    "reason",
];
const MORE: [&str; 5] = ["score", "entity_id", "entity_name", "matched_name", "list"];

/// Index of the `decision` column among the added ones, and of `score`.
pub(crate) const DECISION_COL: usize = 0;
pub(crate) const SCORE_COL: usize = 1;

/// The names of the columns added after the input's.
pub(crate) fn added_headers(input: &[String], added: &Added) -> Vec<String> {
    let mut names: Vec<String> = MAIN.iter().map(|s| s.to_string()).collect();
    for k in 2..=added.top {
        names.extend(MORE.iter().map(|s| format!("hit{k}_{s}")));
    }
    if added.case_keys {
        names.push("case_key".into());
    }
    names.extend(REVIEW.iter().map(|s| s.to_string()));
    let clash = names
        .iter()
        .any(|n| input.iter().any(|h| h.trim().eq_ignore_ascii_case(n)));
    if clash {
        for n in &mut names {
            n.insert_str(0, "redflag_");
        }
    }
    names
}

/// The added cells for one row, in [`added_headers`] order; scores as text.
pub(crate) fn added_values(row: &Screened, added: &Added) -> Vec<String> {
    let top = added.top;
    let best = row.ranked.first();
    let text = |f: fn(&Hit) -> String| best.map(f).unwrap_or_default();
    let mut v = vec![
        row.decision.as_str().to_string(),
        text(|h| score_text(h.score)),
        text(|h| h.entity_id.clone()),
        text(|h| h.name.clone()),
        text(|h| h.matched_name.clone()),
        text(|h| h.matched_identifier.clone().unwrap_or_default()),
        text(|h| h.list.clone()),
        text(|h| h.programs.join("; ")),
        row.reason.clone(),
    ];
    for k in 1..top {
        match row.ranked.get(k) {
            Some(h) => v.extend([
                score_text(h.score),
                h.entity_id.clone(),
                h.name.clone(),
                h.matched_name.clone(),
                h.list.clone(),
            ]),
            None => v.extend(std::iter::repeat_n(String::new(), MORE.len())),
        }
    }
    if added.case_keys {
        v.push(row.key.clone());
    }
    v.extend([row.review.decision.clone(), row.review.note.clone()]);
    v
}

pub(crate) fn score_text(score: f64) -> String {
    format!("{score:.4}")
}

/// The cells of the row that marks a partial tabular file: the message in the first
/// column, `partial` as the decision.
pub(crate) fn partial_row(width: usize, added: usize, partial: &Partial) -> Vec<String> {
    let mut cells = vec![String::new(); width + added];
    if let Some(first) = cells.first_mut() {
        *first = format!("# {}", partial.message());
    }
    cells[width + DECISION_COL] = "partial".into();
    cells
}
