//! What the readers hand the pipeline: a header, then rows of text cells, one at a time.

use super::{csv_in, sheet, ScreenConfig};
use crate::error::{Error, Location, Result};
use std::io::Read;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// What a cell held before it was turned into text; matters only for name cells, where a
/// number or a date means the columns are not what the header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellType {
    Text,
    Number,
    Bool,
    Date,
    /// A formula error (`#N/A`, `#REF!` …).
    Error,
    Empty,
}

impl CellType {
    pub fn describe(self) -> &'static str {
        match self {
            CellType::Text => "text",
            CellType::Number => "a number",
            CellType::Bool => "a true/false value",
            CellType::Date => "a date",
            CellType::Error => "a formula error",
            CellType::Empty => "empty",
        }
    }
}

/// One input row, as text.
#[derive(Debug, Clone)]
pub(crate) struct RawRow {
    /// 1-based: the first row after the header is row 1.
    pub row: u64,
    /// Where the row is in the file (`line 7`, `sheet 'Vendors' row 7`), for reasons.
    pub location: Location,
    pub cells: Vec<String>,
    /// Cell types for workbooks; `None` for CSV, where every cell is text.
    pub types: Option<Vec<CellType>>,
    /// Why the row cannot be screened as read (a broken line, bad bytes); it becomes an
    /// `error` row with this reason.
    pub problem: Option<String>,
}

impl RawRow {
    pub fn cell_type(&self, col: usize) -> CellType {
        match &self.types {
            Some(types) => types.get(col).copied().unwrap_or(CellType::Empty),
            None => CellType::Text,
        }
    }
}

/// A source of rows, read on its own thread.
pub(crate) trait RowSource: Send {
    /// The next row; `None` at the end; `Some(Err)` when the file cannot be read further.
    fn next_row(&mut self) -> Option<Result<RawRow>>;
}

/// How far through the input the reader is, for the progress bar.
#[derive(Debug, Clone)]
pub(crate) enum Gauge {
    /// Bytes of a streamed file read so far, out of its size.
    Bytes { total: u64, read: Arc<AtomicU64> },
    /// Rows of a loaded sheet.
    Rows { total: u64 },
}

/// An opened input: its header, its rows to come, and a progress gauge.
pub(crate) struct Input {
    /// The file as named in messages.
    pub file: String,
    pub headers: Vec<String>,
    pub rows: Box<dyn RowSource>,
    pub gauge: Gauge,
}

/// Opens the input and reads its header; workbooks are told from CSV by their first bytes
/// (ZIP for XLSX/XLSB/ODS, OLE for XLS), so a misnamed file still reads.
pub(crate) fn open(config: &ScreenConfig) -> Result<Input> {
    let path = &config.input;
    let file = path.display().to_string();
    let mut magic = [0u8; 4];
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let n = read_up_to(&mut f, &mut magic).map_err(|e| Error::io(path, e))?;
    drop(f);
    let is_workbook = n == 4 && (magic == *b"PK\x03\x04" || magic == [0xD0, 0xCF, 0x11, 0xE0]);
    let input = if is_workbook {
        sheet::open(path, &file, config.sheet.as_deref())?
    } else {
        csv_in::open(path, &file, config.encoding.as_deref())?
    };
    if input.headers.iter().all(|h| h.trim().is_empty()) {
        return Err(Error::parse(
            file,
            Location::File,
            "no header found: expected a first row naming the columns (e.g. id,name,country)",
        ));
    }
    Ok(input)
}

/// Fills as much of `buf` as the reader has; returns how much.
pub(crate) fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}
