//! Hand-kept word tables in `data/words/`: UTF-8 text, one record per line, columns
//! separated by a tab, `#` starting a comment line. They are compiled in, so a malformed
//! line is a bug in the shipped data: the tests parse every table, and parsing at run time
//! panics with the file and line.

use std::fmt;

/// A word table compiled into the binary, with its path for messages.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// Path from the repository root (`data/words/org_phrases.tsv`).
    pub file: &'static str,
    /// The whole text.
    pub text: &'static str,
}

/// Embeds `data/words/NAME` as a [`Table`].
macro_rules! word_table {
    ($name:literal) => {
        $crate::text::tables::Table {
            file: concat!("data/words/", $name),
            text: include_str!(concat!("../../data/words/", $name)),
        }
    };
}
pub(crate) use word_table;

/// A malformed line of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    /// The table's path.
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for TableError {}

/// One record of a table: its columns, and where it is.
#[derive(Debug, Clone)]
pub struct Record {
    /// 1-based line number.
    pub line: usize,
    /// The columns, none empty.
    pub columns: Vec<&'static str>,
    file: &'static str,
}

impl Record {
    /// An error about this record.
    pub fn error(&self, message: impl Into<String>) -> TableError {
        TableError {
            file: self.file,
            line: self.line,
            message: message.into(),
        }
    }

    /// The words of column `n`, separated by single spaces, none empty.
    pub fn words(&self, n: usize) -> Result<Vec<&'static str>, TableError> {
        let words: Vec<&'static str> = self.columns[n].split(' ').collect();
        if words.iter().any(|w| w.is_empty()) {
            return Err(self.error(format!("column {}: empty word", n + 1)));
        }
        Ok(words)
    }
}

impl Table {
    /// The records, in file order, each with exactly `columns` non-empty columns.
    pub fn records(&self, columns: usize) -> Result<Vec<Record>, TableError> {
        let mut out = Vec::new();
        for (n, line) in self.text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let record = Record {
                line: n + 1,
                columns: line.split('\t').collect(),
                file: self.file,
            };
            if record.columns.len() != columns {
                let found = record.columns.len();
                return Err(record.error(format!("{found} columns, expected {columns}")));
            }
            if let Some(empty) = record.columns.iter().position(|c| c.is_empty()) {
                return Err(record.error(format!("column {} is empty", empty + 1)));
            }
            out.push(record);
        }
        Ok(out)
    }
}

/// Parses a shipped table, panicking on a malformed line (a bug in the shipped data,
/// which the tests catch first).
pub fn load<T>(table: Table, parser: fn(Table) -> Result<T, TableError>) -> T {
    parser(table).unwrap_or_else(|e| panic!("malformed word table: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &'static str) -> Table {
        Table {
            file: "data/words/test.tsv",
            text,
        }
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let records = table("# header\n\na b\tc\n# group\nd\te f\n")
            .records(2)
            .unwrap();
        let lines: Vec<usize> = records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 5]);
        assert_eq!(records[0].words(0).unwrap(), ["a", "b"]);
        assert_eq!(records[1].words(1).unwrap(), ["e", "f"]);
    }

    #[test]
    fn malformed_lines_are_reported_with_file_and_line() {
        let err = table("# header\na\tb\nc\n").records(2).unwrap_err();
        assert_eq!(
            err.to_string(),
            "data/words/test.tsv line 3: 1 columns, expected 2"
        );
        let err = table("a\t\n").records(2).unwrap_err();
        assert_eq!(
            err.to_string(),
            "data/words/test.tsv line 1: column 2 is empty"
        );
        let records = table("\n\na  b\tc\n").records(2).unwrap();
        let err = records[0].words(0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "data/words/test.tsv line 3: column 1: empty word"
        );
    }
}
