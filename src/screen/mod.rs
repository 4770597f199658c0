//! Batch screening: rows of a spreadsheet in, one result per row out.
//!
//! [`run`] reads a CSV (any common delimiter and encoding), XLSX or ODS file, screens every
//! row's name(s) with a [`Matcher`] in parallel, and writes a CSV, JSONL or XLSX file with
//! one result per input row, in input order. Rows stream through a bounded pipeline, so
//! memory stays flat however long a CSV is. A row that cannot be screened (no name, a broken
//! CSV line, bad bytes) becomes an `error` row in place; it never stops the batch.
//!
//! Modules, one job each:
//! - `decode`: bytes → UTF-8 (BOM, UTF-16, Windows-1252) and delimiter sniffing;
//! - `csv_in`, `sheet`: the two kinds of input, both yielding raw rows of cells;
//! - `columns`: which header is the name, id, kind, country, date of birth;
//! - `decide`: one row → queries → merged, ranked hits → a [`Decision`];
//! - `fields`: the same for a row given as plain values ([`screen_fields`]), for embedders;
//! - `output`, `out_csv`, `out_jsonl`, `out_xlsx`: the result files;
//! - `row`: what a row is screened on, kept as a value ([`RowInput`]) so it can be
//!   screened again without its file, and the [`RowSink`] that sees every screened row;
//! - `pipeline`: reader thread → chunks → rayon → writer, cancellation and progress.

mod columns;
mod csv_in;
mod decide;
mod decode;
mod fields;
pub(crate) mod input;
mod out_csv;
mod out_jsonl;
mod out_xlsx;
mod output;
mod pipeline;
mod repeats;
mod row;
mod sheet;

pub use fields::{screen_fields, Fields, Outcome};
pub use repeats::Repeats;
pub use row::{
    Limits, Ranked, ReviewCells, RowIdentifier, RowInput, RowName, RowSink, ScreenedRow,
};

use crate::error::{Error, Result};
use crate::matching::{Matcher, DEFAULT_THRESHOLD};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// How far below the hit threshold the review band reaches when no review threshold is
/// given: scores in `[threshold − 0.15, threshold)` are worth a human look.
pub const DEFAULT_REVIEW_MARGIN: f64 = 0.15;

/// Rows per chunk handed to the parallel screening stage: large enough that scheduling
/// costs nothing, small enough that a cancelled run stops quickly.
pub const CHUNK_ROWS: usize = 256;

/// Exit codes of `redflag screen`, for the CLI to return and show in `--help`.
///
/// ```text
/// Exit status:
///   0  every row was screened and none was flagged (all rows clear)
///   1  at least one row was flagged: a hit (score ≥ threshold), a review
///      (score ≥ review threshold) or an error row (a row that could not be
///      screened, e.g. an empty name; an unscreened row is not a clear row)
///   2  the run stopped: bad arguments, an unreadable input, no name column,
///      an unwritable output, or cancellation (Ctrl-C; the output is then
///      marked partial)
/// ```
pub const EXIT_CODES_HELP: &str = "Exit status:
  0  every row was screened and none was flagged (all rows clear)
  1  at least one row was flagged: a hit (score >= threshold), a review
     (score >= review threshold) or an error row (a row that could not be
     screened, e.g. an empty name; an unscreened row is not a clear row)
  2  the run stopped: bad arguments, an unreadable input, no name column,
     an unwritable output, or cancellation (Ctrl-C; the output is then
     marked partial)";

/// The result file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Every input column, then the result columns; comma-delimited UTF-8 without BOM.
    Csv,
    /// One JSON object per input row, per the `screen --format jsonl` contract.
    Jsonl,
    /// Like CSV, in a workbook: hits red, reviews amber, errors grey, header frozen.
    Xlsx,
}

impl OutputFormat {
    /// The format an output path's extension names: `.jsonl`/`.ndjson`/`.json` → JSONL,
    /// `.xlsx` → XLSX, anything else → CSV.
    pub fn from_path(path: &Path) -> OutputFormat {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" | "json" => OutputFormat::Jsonl,
            "xlsx" => OutputFormat::Xlsx,
            _ => OutputFormat::Csv,
        }
    }

    /// Parses `csv`, `jsonl` or `xlsx` (case-insensitive), as the CLI's `--format` takes.
    pub fn parse(s: &str) -> Option<OutputFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(OutputFormat::Csv),
            "jsonl" | "ndjson" => Some(OutputFormat::Jsonl),
            "xlsx" => Some(OutputFormat::Xlsx),
            _ => None,
        }
    }

    /// Hits per row when `--top` is not given: the best one for the tabular formats,
    /// which show it in fixed columns; ten (the search default) for JSONL.
    pub fn default_top(self) -> usize {
        match self {
            OutputFormat::Csv | OutputFormat::Xlsx => 1,
            OutputFormat::Jsonl => 10,
        }
    }
}

/// What a row came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// The best score is at or above the threshold.
    Hit,
    /// The best score is at or above the review threshold, below the threshold.
    Review,
    /// Nothing scored at or above the review threshold.
    Clear,
    /// The row could not be screened; the reason says why.
    Error,
}

impl Decision {
    /// The name written in results and summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Hit => "hit",
            Decision::Review => "review",
            Decision::Clear => "clear",
            Decision::Error => "error",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything `redflag screen` can be told. Build with [`ScreenConfig::new`] and set fields.
///
/// Column names are matched to the header case-insensitively, ignoring `_`, `-` and
/// repeated spaces (`Full_Name` = `full name`).
#[derive(Debug, Clone)]
pub struct ScreenConfig {
    /// CSV/TSV/TXT (delimiter `,` `;` tab or `|`, guessed from the header line, or named by
    /// an Excel `sep=;` first line), XLSX/XLSM/XLSB/XLS or ODS; told apart by content.
    pub input: PathBuf,
    /// Where results go; never the input file (refused before anything is written).
    pub output: PathBuf,
    /// `None`: from the output's extension (see [`OutputFormat::from_path`]).
    pub format: Option<OutputFormat>,
    /// At most this many hits per row (`--top K`, K ≥ 1). `None`: [`OutputFormat::default_top`].
    pub top: Option<usize>,
    /// Hits score at least this (`--threshold`). `None`: [`DEFAULT_THRESHOLD`].
    pub threshold: Option<f64>,
    /// Reviews score at least this. `None`: threshold − [`DEFAULT_REVIEW_MARGIN`] (≥ 0).
    /// Equal to the threshold turns the review band off.
    pub review_threshold: Option<f64>,
    /// Name columns (`--name-column`, repeatable). Empty: detected from the header (every
    /// column called name, full name, company, vendor, supplier, contact person, 이름, 성명,
    /// 회사명, 名称, 姓名 …, or first name + last name). Each name of a row is its own query;
    /// the row reports the best hits over all of them.
    pub name_columns: Vec<String>,
    /// The column whose value is the row's id. `None`: a column called `id` if there is
    /// one, else the row number (1 = first row after the header).
    pub id_column: Option<String>,
    /// Entity kind evidence (person, organization, vessel …). `None`: a column called
    /// kind/entity type/party type, if any.
    pub kind_column: Option<String>,
    /// Country evidence (ISO code or name). `None`: a column called country/nationality …
    pub country_column: Option<String>,
    /// Date-of-birth evidence. `None`: a column called dob/date of birth/birth date …
    pub dob_column: Option<String>,
    /// Identifier columns and their types (`--id-column-for TYPE=COLUMN`). Types not
    /// named here are found from the headers (E-mail, Website, Wallet Address, IMO
    /// Number, SWIFT/BIC, Registration No., 邮箱, 统一社会信用代码, 이메일 …).
    pub identifier_columns: Vec<(crate::model::IdKind, String)>,
    /// For workbooks: the sheet to read (case-insensitive). `None`: the first sheet.
    pub sheet: Option<String>,
    /// For CSV: force an encoding label (`utf-8`, `utf-16le`, `windows-1252`, `latin1` …).
    /// `None`: detected: a BOM (UTF-8, UTF-16LE/BE); else UTF-16 by its zero bytes; else
    /// UTF-8 if the first 64 KiB are valid UTF-8; else Windows-1252. With UTF-8, a later
    /// row that is not valid UTF-8 becomes an `error` row.
    pub encoding: Option<String>,
    /// Show a progress bar with rate and ETA on stderr (the CLI sets it for a terminal).
    pub progress: bool,
    /// Print the [`Summary`] to stderr at the end (the CLI's default; embedders turn it off).
    pub print_summary: bool,
    /// Add a `case_key` column (each row's lasting key, see [`ScreenedRow::key`]) before
    /// `review_decision`, so decisions made in the file can be read back into a case store.
    pub case_keys: bool,
}

impl ScreenConfig {
    /// A configuration with every option at its default.
    pub fn new(input: impl Into<PathBuf>, output: impl Into<PathBuf>) -> ScreenConfig {
        ScreenConfig {
            input: input.into(),
            output: output.into(),
            format: None,
            top: None,
            threshold: None,
            review_threshold: None,
            name_columns: Vec::new(),
            id_column: None,
            kind_column: None,
            country_column: None,
            dob_column: None,
            identifier_columns: Vec::new(),
            sheet: None,
            encoding: None,
            progress: false,
            print_summary: false,
            case_keys: false,
        }
    }

    /// The format that will be written.
    pub fn output_format(&self) -> OutputFormat {
        self.format
            .unwrap_or_else(|| OutputFormat::from_path(&self.output))
    }
}

/// How a run went: counts by decision, time, and whether it was cut short.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Rows written (every row read, unless the run was cancelled).
    pub rows: u64,
    /// Rows decided `hit`.
    pub hits: u64,
    /// Rows decided `review`.
    pub reviews: u64,
    /// Rows decided `clear`.
    pub clears: u64,
    /// Rows that could not be screened.
    pub errors: u64,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// Rows screened per second of wall time.
    pub rows_per_sec: f64,
    /// The run was cancelled; the output holds the first `rows` rows and says it is partial.
    pub partial: bool,
}

impl Summary {
    /// Rows that need a person: hits, reviews and rows that could not be screened.
    pub fn flagged(&self) -> u64 {
        self.hits + self.reviews + self.errors
    }

    /// The process exit code for this outcome (see [`EXIT_CODES_HELP`]).
    pub fn exit_code(&self) -> i32 {
        if self.partial {
            2
        } else if self.flagged() > 0 {
            1
        } else {
            0
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} rows: {} hits, {} to review, {} clear, {} errors in {:.2} s ({:.0} rows/s)",
            self.rows,
            self.hits,
            self.reviews,
            self.clears,
            self.errors,
            self.elapsed.as_secs_f64(),
            self.rows_per_sec
        )?;
        if self.partial {
            f.write_str("; PARTIAL: cancelled before the end of the input")?;
        }
        Ok(())
    }
}

/// Screens `config.input` into `config.output` with `matcher`.
///
/// Stops reading when `cancel` becomes true, finishes the rows already screened, marks the
/// output partial and returns with [`Summary::partial`] set. Returns an error, before
/// anything is written, when the options are invalid, the output is the input, the input
/// cannot be read, or no name column is found (the message lists the headers found).
pub fn run(config: &ScreenConfig, matcher: &dyn Matcher, cancel: &AtomicBool) -> Result<Summary> {
    run_with_sink(config, matcher, cancel, &mut NoSink)
}

/// [`run`], handing every screened row to `sink` before it is written (a case store
/// records the run this way). An error from the sink stops the run like a write error.
pub fn run_with_sink(
    config: &ScreenConfig,
    matcher: &dyn Matcher,
    cancel: &AtomicBool,
    sink: &mut dyn RowSink,
) -> Result<Summary> {
    let settings = Settings::resolve(config)?;
    let input = input::open(config)?;
    let columns = columns::resolve(&input.headers, config, &input.file)?;
    let summary = pipeline::execute(config, &settings, input, columns, matcher, cancel, sink)?;
    if config.print_summary {
        eprintln!("{}: {summary}", config.output.display());
    }
    Ok(summary)
}

struct NoSink;

impl RowSink for NoSink {
    fn record(&mut self, _: &ScreenedRow<'_>) -> Result<ReviewCells> {
        Ok(ReviewCells::default())
    }
}

/// The top and thresholds `config` resolves to, checked as [`run`] checks them: what a
/// case store keeps so that re-screening cuts hits where the first run did.
pub fn limits(config: &ScreenConfig) -> Result<Limits> {
    Settings::resolve(config).map(|s| s.limits())
}

/// The options after defaults are applied and checked.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub format: OutputFormat,
    pub top: usize,
    pub threshold: f64,
    pub review_threshold: f64,
}

impl Settings {
    pub(crate) fn limits(&self) -> Limits {
        Limits {
            top: self.top,
            threshold: self.threshold,
            review_threshold: self.review_threshold,
        }
    }

    fn resolve(config: &ScreenConfig) -> Result<Settings> {
        let format = config.output_format();
        let top = config.top.unwrap_or_else(|| format.default_top());
        if top == 0 {
            return Err(Error::Other("--top must be at least 1".into()));
        }
        let threshold = config.threshold.unwrap_or(DEFAULT_THRESHOLD);
        check_unit("--threshold", threshold)?;
        let review_threshold = match config.review_threshold {
            Some(r) => {
                check_unit("--review-threshold", r)?;
                if r > threshold {
                    return Err(Error::Other(format!(
                        "the review threshold ({r}) must not be above the threshold ({threshold})"
                    )));
                }
                r
            }
            None => (threshold - DEFAULT_REVIEW_MARGIN).max(0.0),
        };
        refuse_same_file(&config.input, &config.output)?;
        Ok(Settings {
            format,
            top,
            threshold,
            review_threshold,
        })
    }
}

fn check_unit(what: &str, value: f64) -> Result<()> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(Error::Other(format!(
            "{what} must be between 0 and 1, not {value}"
        )))
    }
}

/// The input is never written to: an output path naming the same file is refused.
fn refuse_same_file(input: &Path, output: &Path) -> Result<()> {
    let same = input == output
        || match (std::fs::canonicalize(input), std::fs::canonicalize(output)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
    if same {
        return Err(Error::Other(format!(
            "{}: the output must not be the input file (it is never modified); choose another --output",
            output.display()
        )));
    }
    Ok(())
}
