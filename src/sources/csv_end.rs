//! Telling a CSV file cut off mid-record from a whole one.
//!
//! A download that breaks off leaves a file that still parses: the csv crate ends an
//! open quoted field at the end of input, so the last record looks whole and every
//! entity after the cut is silently missing. A file that ends inside quotes is cut off.

use crate::error::{Error, Location, Result};

/// An error when `tail`, the bytes from the start of a file's last record to its end,
/// ends inside a quoted field; `line` is where that record starts.
pub fn check_last_record(file: &str, tail: &[u8], line: u64) -> Result<()> {
    if !ends_inside_quotes(tail) {
        return Ok(());
    }
    Err(Error::parse(
        file,
        Location::Line(line),
        "the file ends inside a quoted field of this record: it is cut off (a truncated download?)",
    ))
}

/// The hint added to a field-count error on the last record of a file.
pub const CUT_OFF_HINT: &str =
    "; the file ends in this record: it looks cut off (a truncated download?)";

/// Whether CSV text that starts at a record boundary ends inside a quoted field, read as
/// the csv crate reads it: a quote opens a field only at its start, `""` inside quotes
/// is a quote, and a quote elsewhere is an ordinary character.
fn ends_inside_quotes(text: &[u8]) -> bool {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    for &b in text {
        state = match (state, b) {
            (State::FieldStart, b'"') => State::Quoted,
            (State::FieldStart | State::Unquoted | State::QuoteInQuoted, b',' | b'\n' | b'\r') => {
                State::FieldStart
            }
            (State::FieldStart | State::Unquoted, _) => State::Unquoted,
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (State::QuoteInQuoted, _) => State::Unquoted,
        };
    }
    state == State::Quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_quotes_at_the_end_are_found() {
        assert!(ends_inside_quotes(b"1,\"Kim, Jong"));
        assert!(ends_inside_quotes(b"1,\"a \"\"b\"\""));
        assert!(ends_inside_quotes(b"1,\"line one\r\nline two"));
    }

    #[test]
    fn whole_records_are_not_cut_off() {
        assert!(!ends_inside_quotes(b"1,\"Kim, Jong Un\",-0- "));
        assert!(!ends_inside_quotes(b"1,\"a \"\"b\"\"\"\r\n"));
        assert!(
            !ends_inside_quotes(b"1,5'11\",x"),
            "a quote inside an unquoted field"
        );
        assert!(!ends_inside_quotes(b""));
        let err = check_last_record("sdn.csv", b"\r\n2,\"KIM", 7).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("sdn.csv: line 7: the file ends inside a quoted field"));
    }
}
