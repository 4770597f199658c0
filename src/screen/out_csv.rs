//! CSV results: the input's columns and the added ones, comma-delimited UTF-8 (no BOM, so
//! that tools reading the file see the headers as written).

use super::decide::Screened;
use super::output::{added_headers, added_values, partial_row, Added, Partial, ResultWriter};
use crate::error::{Error, Result};
use std::fs::File;
use std::path::{Path, PathBuf};

pub(crate) struct CsvOut {
    path: PathBuf,
    writer: csv::Writer<File>,
    width: usize,
    added: usize,
    spec: Added,
}

impl CsvOut {
    pub fn create(path: &Path, headers: &[String], spec: &Added) -> Result<CsvOut> {
        let file = File::create(path).map_err(|e| Error::io(path, e))?;
        let writer = csv::WriterBuilder::new()
            .buffer_capacity(256 * 1024)
            .from_writer(file);
        let added = added_headers(headers, spec);
        let mut out = CsvOut {
            path: path.to_path_buf(),
            writer,
            width: headers.len(),
            added: added.len(),
            spec: *spec,
        };
        let header = headers.iter().chain(added.iter());
        if let Err(e) = out.writer.write_record(header) {
            return Err(out.error(e));
        }
        Ok(out)
    }

    fn error(&self, e: csv::Error) -> Error {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::io(&self.path, io),
            other => Error::Other(format!(
                "{}: cannot write CSV: {other:?}",
                self.path.display()
            )),
        }
    }
}

impl ResultWriter for CsvOut {
    fn write(&mut self, row: &Screened) -> Result<()> {
        let added = added_values(row, &self.spec);
        let cells = row.cells.iter().take(self.width);
        let pad = self.width.saturating_sub(row.cells.len());
        let blank = String::new();
        let record = cells
            .chain(std::iter::repeat_n(&blank, pad))
            .chain(added.iter());
        self.writer.write_record(record).map_err(|e| self.error(e))
    }

    fn finish(mut self: Box<Self>, partial: Option<&Partial>) -> Result<()> {
        if let Some(p) = partial {
            let cells = partial_row(self.width, self.added, p);
            self.writer
                .write_record(&cells)
                .map_err(|e| self.error(e))?;
        }
        self.writer.flush().map_err(|e| Error::io(&self.path, e))?;
        Ok(())
    }
}
