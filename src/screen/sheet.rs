//! Workbook input (XLSX, XLSM, XLSB, XLS, ODS) through calamine. A sheet is loaded whole
//! (the formats need it); its cells are turned into text one row at a time as the pipeline
//! asks for them.

use super::input::{CellType, Gauge, Input, RawRow, RowSource};
use crate::error::{Error, Location, Result};
use calamine::{open_workbook_auto, Data, Range, Reader};
use std::path::Path;

pub(crate) fn open(path: &Path, file: &str, sheet: Option<&str>) -> Result<Input> {
    let mut workbook = open_workbook_auto(path).map_err(|e| {
        Error::parse(
            file,
            Location::File,
            format!("cannot read as a workbook (XLSX, XLS, ODS): {e}"),
        )
    })?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(wanted.trim()) || n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| {
                Error::parse(
                    file,
                    Location::File,
                    format!("no sheet '{wanted}'; the sheets are: {}", names.join(", ")),
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::parse(file, Location::File, "the workbook has no sheets"))?,
    };
    let range = workbook.worksheet_range(&name).map_err(|e| {
        Error::parse(
            file,
            Location::File,
            format!("cannot read sheet '{name}': {e}"),
        )
    })?;
    let first_row = range.start().map(|(r, _)| r).unwrap_or(0);
    let height = range.height();
    // The header is the first row with anything in it.
    let header_at = (0..height)
        .find(|&r| {
            row_cells(&range, r)
                .iter()
                .any(|c| !matches!(c, Data::Empty))
        })
        .ok_or_else(|| {
            Error::parse(
                file,
                Location::File,
                format!("sheet '{name}' is empty: expected a header row naming the columns"),
            )
        })?;
    let headers: Vec<String> = row_cells(&range, header_at)
        .iter()
        .map(|c| cell_text(c).0.trim().to_string())
        .collect();
    let rows = SheetRows {
        sheet: name,
        range,
        next: header_at + 1,
        first_row: first_row as usize,
        header_at,
    };
    Ok(Input {
        file: file.to_string(),
        headers,
        gauge: Gauge::Rows {
            total: (height - header_at - 1) as u64,
        },
        rows: Box::new(rows),
    })
}

fn row_cells(range: &Range<Data>, r: usize) -> &[Data] {
    range.rows().nth(r).unwrap_or(&[])
}

struct SheetRows {
    sheet: String,
    range: Range<Data>,
    /// Index into the range of the next row to hand out.
    next: usize,
    /// The 0-based sheet row where the range starts, to name rows as Excel does.
    first_row: usize,
    header_at: usize,
}

impl RowSource for SheetRows {
    fn next_row(&mut self) -> Option<Result<RawRow>> {
        if self.next >= self.range.height() {
            return None;
        }
        let r = self.next;
        self.next += 1;
        let width = self.range.width();
        let mut cells = Vec::with_capacity(width);
        let mut types = Vec::with_capacity(width);
        for cell in self.range.rows().nth(r).unwrap_or(&[]) {
            let (text, kind) = cell_text(cell);
            cells.push(text);
            types.push(kind);
        }
        cells.resize(width, String::new());
        types.resize(width, CellType::Empty);
        Some(Ok(RawRow {
            row: (r - self.header_at) as u64,
            location: Location::record(
                format!("sheet '{}' row {}", self.sheet, self.first_row + r + 1),
                None,
            ),
            cells,
            types: Some(types),
            problem: None,
        }))
    }
}

/// A cell as text: dates as ISO `YYYY-MM-DD` (with the time when there is one), whole
/// numbers without a trailing `.0`, booleans as `TRUE`/`FALSE` as Excel shows them.
pub(crate) fn cell_text(cell: &Data) -> (String, CellType) {
    match cell {
        Data::Empty => (String::new(), CellType::Empty),
        Data::String(s) => (s.clone(), CellType::Text),
        Data::Int(i) => (i.to_string(), CellType::Number),
        Data::Float(f) => (number_text(*f), CellType::Number),
        Data::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).into(), CellType::Bool),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, hh, mm, ss, _) = dt.to_ymd_hms_milli();
            let text = if (hh, mm, ss) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
            };
            (text, CellType::Date)
        }
        Data::DateTime(dt) => (number_text(dt.as_f64()), CellType::Number),
        Data::DateTimeIso(s) => {
            let text = s.strip_suffix("T00:00:00").unwrap_or(s).to_string();
            (text, CellType::Date)
        }
        Data::DurationIso(s) => (s.clone(), CellType::Number),
        Data::Error(e) => (format!("#{e:?}"), CellType::Error),
    }
}

/// `42.0` → `42`, `1e20` kept as Rust writes it, `0.1` → `0.1`.
fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_become_text() {
        assert_eq!(cell_text(&Data::Float(42.0)).0, "42");
        assert_eq!(cell_text(&Data::Float(-3.5)).0, "-3.5");
        assert_eq!(cell_text(&Data::Int(7)).0, "7");
        assert_eq!(cell_text(&Data::Bool(true)).0, "TRUE");
        let date = ExcelDateTime::new(30689.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(
            cell_text(&Data::DateTime(date)),
            ("1984-01-08".to_string(), CellType::Date)
        );
        let noon = ExcelDateTime::new(30689.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(noon)).0, "1984-01-08 12:00:00");
        assert_eq!(
            cell_text(&Data::DateTimeIso("1984-01-08T00:00:00".into())).0,
            "1984-01-08"
        );
    }
}
