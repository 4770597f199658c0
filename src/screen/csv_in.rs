//! CSV input, streamed: the file is never held whole, whatever its size.
//!
//! UTF-8 input goes to the CSV parser as bytes and each row is checked on its own, so one
//! row of bad bytes becomes one error row. Other encodings are decoded on the fly.

use super::decode::{self, DecodeReader};
use super::input::{read_up_to, Gauge, Input, RawRow, RowSource};
use crate::error::{Error, Location, Result};
use encoding_rs::{Encoding, UTF_8};
use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// How much of the file is looked at to guess its encoding and delimiter.
const SNIFF_BYTES: usize = 64 * 1024;

pub(crate) fn open(path: &Path, file: &str, encoding: Option<&str>) -> Result<Input> {
    let forced = match encoding {
        Some(label) => Some(decode::encoding_for_label(label).ok_or_else(|| {
            Error::Other(format!(
                "unknown encoding '{label}': expected a label such as utf-8, utf-16le, utf-16be or windows-1252"
            ))
        })?),
        None => None,
    };
    let mut f = File::open(path).map_err(|e| Error::io(path, e))?;
    let total = f.metadata().map(|m| m.len()).unwrap_or(0);
    let mut prefix = vec![0u8; SNIFF_BYTES];
    let n = read_up_to(&mut f, &mut prefix).map_err(|e| Error::io(path, e))?;
    prefix.truncate(n);
    let whole = n < SNIFF_BYTES;
    let sniffed = decode::sniff_encoding(&prefix, whole, forced);
    let body = &prefix[sniffed.bom_len..];
    let first_text = head_text(body, sniffed.encoding);
    // Excel writes and honours a first line `sep=;` naming the delimiter.
    let sep_line = first_text
        .lines()
        .next()
        .and_then(|l| l.trim().strip_prefix("sep="))
        .filter(|d| d.len() == 1)
        .map(|d| d.as_bytes()[0]);
    let delimiter = sep_line.unwrap_or_else(|| decode::sniff_delimiter(&first_text));
    let is_utf8 = sniffed.encoding == UTF_8;

    let read = Arc::new(AtomicU64::new(n as u64));
    let counted = Counted {
        inner: f,
        read: Arc::clone(&read),
    };
    let mut head = Cursor::new(prefix);
    head.set_position(sniffed.bom_len as u64);
    let mut stream: Box<dyn Read + Send> = Box::new(head.chain(counted));
    if !is_utf8 {
        stream = Box::new(DecodeReader::new(stream, sniffed.encoding));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(stream);
    let mut record = csv::ByteRecord::new();
    if sep_line.is_some() {
        reader
            .read_byte_record(&mut record)
            .map_err(|e| csv_error(file, e))?;
    }
    let has_header = reader
        .read_byte_record(&mut record)
        .map_err(|e| csv_error(file, e))?;
    if !has_header {
        return Err(Error::parse(
            file,
            Location::File,
            "the file is empty: expected a header line naming the columns (e.g. id,name,country)",
        ));
    }
    let headers: Vec<String> = record
        .iter()
        .map(|f| String::from_utf8_lossy(f).trim().to_string())
        .collect();
    let rows = CsvRows {
        file: file.to_string(),
        width: headers.len(),
        headers: headers.clone(),
        reader,
        record,
        row: 0,
        utf8: is_utf8,
    };
    Ok(Input {
        file: file.to_string(),
        headers,
        rows: Box::new(rows),
        gauge: Gauge::Bytes { total, read },
    })
}

/// The first line or so of the body as text, for the delimiter guess.
fn head_text(body: &[u8], encoding: &'static Encoding) -> String {
    let body = &body[..body.len().min(8 * 1024)];
    let (text, _) = encoding.decode_without_bom_handling(body);
    text.into_owned()
}

fn csv_error(file: &str, e: csv::Error) -> Error {
    let location = e
        .position()
        .map(|p| Location::Line(p.line()))
        .unwrap_or(Location::File);
    Error::parse(file, location, format!("cannot read CSV: {e}"))
}

/// Counts the bytes read from the file, for the progress bar.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

struct CsvRows {
    file: String,
    headers: Vec<String>,
    width: usize,
    reader: csv::Reader<Box<dyn Read + Send>>,
    record: csv::ByteRecord,
    row: u64,
    utf8: bool,
}

impl CsvRows {
    fn header(&self, col: usize) -> &str {
        self.headers.get(col).map(String::as_str).unwrap_or("")
    }
}

impl RowSource for CsvRows {
    fn next_row(&mut self) -> Option<Result<RawRow>> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => return Some(Err(csv_error(&self.file, e))),
        }
        self.row += 1;
        let line = self.record.position().map(|p| p.line()).unwrap_or(0);
        let mut problem = None;
        let mut cells = Vec::with_capacity(self.width);
        for (col, field) in self.record.iter().enumerate() {
            let text = match std::str::from_utf8(field) {
                Ok(s) => s.to_string(),
                Err(_) => {
                    problem.get_or_insert_with(|| {
                        format!(
                            "line {line}: column '{}' is not valid UTF-8 (if the file is Windows-1252, say so with --encoding windows-1252)",
                            self.header(col)
                        )
                    });
                    String::from_utf8_lossy(field).into_owned()
                }
            };
            // A character the decoder could not map (broken UTF-16) shows as U+FFFD.
            if !self.utf8 && text.contains('\u{FFFD}') && problem.is_none() {
                problem = Some(format!(
                    "line {line}: column '{}' holds bytes that are not valid in the file's encoding",
                    self.header(col)
                ));
            }
            cells.push(text);
        }
        if cells.len() != self.width && problem.is_none() {
            let mut message = format!(
                "line {line} has {} fields, the header has {}",
                cells.len(),
                self.width
            );
            if cells.len() > self.width {
                message.push_str(&format!(
                    " (extra fields not kept: {})",
                    cells[self.width..].join(" | ")
                ));
            }
            problem = Some(message);
        }
        cells.resize(self.width, String::new());
        Some(Ok(RawRow {
            row: self.row,
            location: Location::Line(line),
            cells,
            types: None,
            problem,
        }))
    }
}
