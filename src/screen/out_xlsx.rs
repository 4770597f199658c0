//! XLSX results: the CSV columns in a workbook a reviewer can open, with hit rows red,
//! review rows amber, error rows grey, the header bold and frozen. Written in
//! rust_xlsxwriter's constant-memory mode (rows go to a temporary file as they come), so a
//! long run does not hold the sheet in memory.

use super::decide::Screened;
use super::output::{
    added_headers, added_values, partial_row, Added, Partial, ResultWriter, REVIEW_CHOICES,
    SCORE_COL,
};
use super::Decision;
use crate::error::{Error, Result};
use rust_xlsxwriter::{Color, DataValidation, Format, Workbook, XlsxError};
use std::path::{Path, PathBuf};

/// Excel's last row index (0-based); the header takes row 0.
const MAX_ROW: u32 = 1_048_575;

pub(crate) struct XlsxOut {
    path: PathBuf,
    workbook: Workbook,
    width: usize,
    added: usize,
    spec: Added,
    next_row: u32,
    hit: Format,
    review: Format,
    error: Format,
    plain: Format,
}

impl XlsxOut {
    pub fn create(path: &Path, headers: &[String], spec: &Added) -> Result<XlsxOut> {
        // Fail now, not after the whole run, when the output cannot be created.
        std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
        let added = added_headers(headers, spec);
        let mut out = XlsxOut {
            path: path.to_path_buf(),
            workbook: Workbook::new(),
            width: headers.len(),
            added: added.len(),
            spec: *spec,
            next_row: 1,
            hit: Format::new()
                .set_background_color(Color::RGB(0xFFC7CE))
                .set_font_color(Color::RGB(0x9C0006)),
            review: Format::new()
                .set_background_color(Color::RGB(0xFFEB9C))
                .set_font_color(Color::RGB(0x9C5700)),
            error: Format::new().set_background_color(Color::RGB(0xD9D9D9)),
            plain: Format::new(),
        };
        let bold = Format::new().set_bold();
        let path = out.path.clone();
        let sheet = out
            .workbook
            .add_worksheet_with_constant_memory()
            .map_err(|e| xlsx_error(&path, e))?;
        sheet
            .set_name("screening")
            .map_err(|e| xlsx_error(&path, e))?;
        sheet
            .set_freeze_panes(1, 0)
            .map_err(|e| xlsx_error(&path, e))?;
        for (col, name) in headers.iter().chain(added.iter()).enumerate() {
            let col = column(col, &path)?;
            sheet
                .write_string_with_format(0, col, name, &bold)
                .map_err(|e| xlsx_error(&path, e))?;
        }
        // A drop-down of the decisions `cases import` understands, on every data row.
        let decision_col = column(headers.len() + added.len() - 2, &path)?;
        let choices = DataValidation::new()
            .allow_list_strings(&REVIEW_CHOICES)
            .map_err(|e| xlsx_error(&path, e))?;
        sheet
            .add_data_validation(1, decision_col, MAX_ROW, decision_col, &choices)
            .map_err(|e| xlsx_error(&path, e))?;
        Ok(out)
    }

    fn write_cells(&mut self, cells: &[String], decision: Option<Decision>) -> Result<()> {
        if self.next_row > MAX_ROW {
            return Err(Error::Other(format!(
                "{}: an XLSX sheet holds at most {MAX_ROW} rows; write csv or jsonl instead",
                self.path.display()
            )));
        }
        let format = match decision {
            Some(Decision::Hit) => &self.hit,
            Some(Decision::Review) => &self.review,
            Some(Decision::Error) => &self.error,
            _ => &self.plain,
        };
        let row = self.next_row;
        let score_col = self.width + SCORE_COL;
        let sheet = self
            .workbook
            .worksheet_from_index(0)
            .map_err(|e| xlsx_error(&self.path, e))?;
        for (col, text) in cells.iter().enumerate() {
            let c = column(col, &self.path)?;
            let written = match text.parse::<f64>() {
                Ok(score) if col == score_col && decision.is_some() => {
                    sheet.write_number_with_format(row, c, score, format)
                }
                _ if text.is_empty() && decision.is_none() => continue,
                _ => sheet.write_string_with_format(row, c, text, format),
            };
            written.map_err(|e| xlsx_error(&self.path, e))?;
        }
        self.next_row += 1;
        Ok(())
    }
}

impl ResultWriter for XlsxOut {
    fn write(&mut self, row: &Screened) -> Result<()> {
        let mut cells = row.cells.clone();
        cells.resize(self.width, String::new());
        cells.extend(added_values(row, &self.spec));
        self.write_cells(&cells, Some(row.decision))
    }

    fn finish(mut self: Box<Self>, partial: Option<&Partial>) -> Result<()> {
        if let Some(p) = partial {
            let cells = partial_row(self.width, self.added, p);
            self.write_cells(&cells, None)?;
        }
        self.workbook
            .save(&self.path)
            .map_err(|e| xlsx_error(&self.path, e))
    }
}

fn column(col: usize, path: &Path) -> Result<u16> {
    u16::try_from(col)
        .ok()
        .filter(|&c| c < 16_384)
        .ok_or_else(|| {
            Error::Other(format!(
                "{}: an XLSX sheet holds at most 16384 columns",
                path.display()
            ))
        })
}

fn xlsx_error(path: &Path, e: XlsxError) -> Error {
    match e {
        XlsxError::IoError(io) => Error::io(path, io),
        other => Error::Other(format!("{}: cannot write XLSX: {other}", path.display())),
    }
}
