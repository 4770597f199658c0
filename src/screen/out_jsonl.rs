//! JSONL results, per the `screen --format jsonl` contract: one object per input row, in
//! input order, `{"id", "row", "query", "hits": [{"entity_id", "score", "name",
//! "matched_name", "list", …}]}`, hits at or above the threshold, best first, at most `top`.
//!
//! Keys added beyond the contract: `decision`; `reason` (when there is one); `review_hits`
//! (hits in the review band, when any); `error` (the reason, on error rows);
//! `review_decision` and `review_note` (with `--cases`, a standing decision on the best
//! hit). Each hit also carries `matched_name_kind`, `kind`, `programs` and `reasons`. A cancelled run ends with
//! `{"partial": true, "rows_done": N, "message": "…"}`.

use super::decide::Screened;
use super::output::{Partial, ResultWriter};
use super::Decision;
use crate::error::{Error, Result};
use crate::matching::Hit;
use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub(crate) struct JsonlOut {
    path: PathBuf,
    out: BufWriter<File>,
}

#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    row: u64,
    query: &'a str,
    hits: &'a [Hit],
    decision: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    reason: &'a str,
    #[serde(skip_serializing_if = "<[Hit]>::is_empty")]
    review_hits: &'a [Hit],
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    review_decision: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    review_note: &'a str,
}

#[derive(Serialize)]
struct PartialRecord<'a> {
    partial: bool,
    rows_done: u64,
    message: &'a str,
}

impl JsonlOut {
    pub fn create(path: &Path) -> Result<JsonlOut> {
        let file = File::create(path).map_err(|e| Error::io(path, e))?;
        Ok(JsonlOut {
            path: path.to_path_buf(),
            out: BufWriter::with_capacity(256 * 1024, file),
        })
    }

    fn line(&mut self, value: &impl Serialize) -> Result<()> {
        serde_json::to_writer(&mut self.out, value).map_err(|e| {
            Error::Other(format!("{}: cannot write JSON: {e}", self.path.display()))
        })?;
        self.out
            .write_all(b"\n")
            .map_err(|e| Error::io(&self.path, e))
    }
}

impl ResultWriter for JsonlOut {
    fn write(&mut self, row: &Screened) -> Result<()> {
        let record = Record {
            id: &row.id,
            row: row.row,
            query: &row.query,
            hits: row.hits(),
            decision: row.decision.as_str(),
            reason: &row.reason,
            review_hits: row.reviews(),
            error: (row.decision == Decision::Error).then_some(row.reason.as_str()),
            review_decision: &row.review.decision,
            review_note: &row.review.note,
        };
        self.line(&record)
    }

    fn finish(mut self: Box<Self>, partial: Option<&Partial>) -> Result<()> {
        if let Some(p) = partial {
            let message = p.message();
            self.line(&PartialRecord {
                partial: true,
                rows_done: p.rows_done,
                message: &message,
            })?;
        }
        self.out.flush().map_err(|e| Error::io(&self.path, e))
    }
}
