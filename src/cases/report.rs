//! The delta file a rescreen writes: one row per finding, CSV, XLSX (with the same
//! decision drop-down as screening results) or JSONL. It carries `case_key`,
//! `entity_id`, `review_decision` and `review_note`, so `cases import` reads it back.

use super::rescreen::{Delta, Finding};
use super::Review;
use crate::error::{Error, Result};
use crate::screen::OutputFormat;
use rust_xlsxwriter::{DataValidation, Format, Workbook, XlsxError};
use std::io::Write;
use std::path::Path;

const COLUMNS: [&str; 18] = [
    "case_key",
    "query",
    "change",
    "decision",
    "score",
    "previous_score",
    "entity_id",
    "entity_name",
    "matched_name",
    "list",
    "programs",
    "reason",
    "previous_decision",
    "previous_note",
    "previous_analyst",
    "previous_at",
    "review_decision",
    "review_note",
];

fn cells(f: &Finding) -> [String; 18] {
    let score = |s: Option<f64>| s.map(|s| format!("{s:.4}")).unwrap_or_default();
    let prev = f.previous.as_ref();
    [
        f.row.clone(),
        f.query.clone(),
        f.change.as_str().to_string(),
        f.band.unwrap_or("").to_string(),
        score(f.score),
        score(f.previous_score),
        f.entity_id.clone(),
        f.entity_name.clone(),
        f.matched_name.clone(),
        f.list.clone(),
        f.programs.clone(),
        f.reason.clone(),
        prev.map(|p| p.decision.clone()).unwrap_or_default(),
        prev.map(|p| p.note.clone()).unwrap_or_default(),
        prev.map(|p| p.analyst.clone()).unwrap_or_default(),
        prev.map(|p| p.at.clone()).unwrap_or_default(),
        String::new(),
        String::new(),
    ]
}

/// Writes `delta`'s findings to `path` in `format` (`None`: from the extension).
pub fn write_delta(path: &Path, format: Option<OutputFormat>, delta: &Delta) -> Result<()> {
    match format.unwrap_or_else(|| OutputFormat::from_path(path)) {
        OutputFormat::Csv => write_csv(path, delta),
        OutputFormat::Jsonl => write_jsonl(path, delta),
        OutputFormat::Xlsx => write_xlsx(path, delta).map_err(|e| match e {
            XlsxError::IoError(io) => Error::io(path, io),
            other => Error::Other(format!("{}: cannot write XLSX: {other}", path.display())),
        }),
    }
}

fn write_csv(path: &Path, delta: &Delta) -> Result<()> {
    let fail = |e: csv::Error| Error::Other(format!("{}: cannot write CSV: {e}", path.display()));
    let mut w = csv::Writer::from_path(path).map_err(fail)?;
    w.write_record(COLUMNS).map_err(fail)?;
    for f in &delta.findings {
        w.write_record(cells(f)).map_err(fail)?;
    }
    w.flush().map_err(|e| Error::io(path, e))
}

fn write_jsonl(path: &Path, delta: &Delta) -> Result<()> {
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let mut out = std::io::BufWriter::new(file);
    for f in &delta.findings {
        serde_json::to_writer(&mut out, f)
            .map_err(|e| Error::Other(format!("{}: cannot write JSON: {e}", path.display())))?;
        out.write_all(b"\n").map_err(|e| Error::io(path, e))?;
    }
    out.flush().map_err(|e| Error::io(path, e))
}

fn write_xlsx(path: &Path, delta: &Delta) -> std::result::Result<(), XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("rescreen")?;
    sheet.set_freeze_panes(1, 0)?;
    let bold = Format::new().set_bold();
    for (c, name) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &bold)?;
    }
    for (r, f) in delta.findings.iter().enumerate() {
        for (c, text) in cells(f).iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, text)?;
            }
        }
    }
    let choices: Vec<&str> = Review::ALL.iter().map(|r| r.as_str()).collect();
    let col = (COLUMNS.len() - 2) as u16;
    let validation = DataValidation::new().allow_list_strings(&choices)?;
    sheet.add_data_validation(1, col, 1_048_575, col, &validation)?;
    book.save(path)
}
