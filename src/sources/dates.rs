//! Parsing of the date strings lists write (`10 Dec 1948`, `circa 1951`, `1951 to 1953` …).

use crate::model::DateSpec;

/// Parses a date string; `None` when it does not parse (the caller keeps the raw text).
pub fn parse_date(_raw: &str) -> Option<DateSpec> {
    None
}
