//! Parsing of the date strings lists write: `10 Dec 1948`, `1946`, `Sep 1938`,
//! `circa 1951`, `circa 07 Jul 1966`, `1951 to 1953`, `01 Jan 1961 to 31 Dec 1962`,
//! `Mar 1962 to Feb 1963`, `circa 1979-1982`, and ISO `1962-02-18`, `1962-02`, `1962`.

use super::DateSpec;

/// Parses a date string; `None` when it does not parse (the caller keeps the raw text).
pub fn parse_date(raw: &str) -> Option<DateSpec> {
    let text = raw.trim().trim_end_matches('.').trim();
    let lower = text.to_ascii_lowercase();
    for prefix in [
        "circa ",
        "ca. ",
        "ca ",
        "approximately ",
        "approx. ",
        "about ",
    ] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return parse_range_or_single(rest).map(|d| DateSpec::Circa(Box::new(d)));
        }
    }
    parse_range_or_single(&lower)
}

fn parse_range_or_single(text: &str) -> Option<DateSpec> {
    let text = text.trim();
    for sep in [" to ", " - ", " – ", "–"] {
        if let Some((a, b)) = text.split_once(sep) {
            return range(parse_single(a)?, parse_single(b)?);
        }
    }
    // `1979-1982`: a year range written with a bare hyphen (OFAC CSV).
    if let Some((a, b)) = text.split_once('-') {
        if is_year(a) && is_year(b) {
            return range(parse_single(a)?, parse_single(b)?);
        }
    }
    parse_single(text)
}

fn range(from: DateSpec, to: DateSpec) -> Option<DateSpec> {
    (from.year_span().0 <= to.year_span().1).then(|| DateSpec::Range {
        from: Box::new(from),
        to: Box::new(to),
    })
}

fn is_year(s: &str) -> bool {
    let s = s.trim();
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// One date without range or circa: `10 Dec 1948`, `Sep 1938`, `1946`, `1962-02-18`,
/// `18/02/1962`, `1962/02/18`.
fn parse_single(text: &str) -> Option<DateSpec> {
    let text = text.trim();
    if is_year(text) {
        return year(text);
    }
    let parts: Vec<&str> = text
        .split(|c: char| c == '-' || c == '/' || c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [y, m] if is_year(y) => month_of(m).and_then(|m| month(y, m)),
        [m, y] if is_year(y) => month_of(m).and_then(|m| month(y, m)),
        [y, m, d] if is_year(y) => day(y, month_of(m)?, d),
        [d, m, y] if is_year(y) => day(y, month_of(m)?, d),
        _ => None,
    }
}

fn year(y: &str) -> Option<DateSpec> {
    let year: i32 = y.parse().ok()?;
    (1000..=2999)
        .contains(&year)
        .then_some(DateSpec::Year { year })
}

fn month(y: &str, month: u8) -> Option<DateSpec> {
    match year(y)? {
        DateSpec::Year { year } => Some(DateSpec::Month { year, month }),
        _ => None,
    }
}

fn day(y: &str, month: u8, d: &str) -> Option<DateSpec> {
    let day: u8 = d.parse().ok()?;
    let DateSpec::Year { year } = self::year(y)? else {
        return None;
    };
    (1..=days_in_month(year, month))
        .contains(&day)
        .then_some(DateSpec::Day { year, month, day })
}

/// Days in `month` of `year` (Gregorian leap years); shared by every date reader.
pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A month as a number (`02`, `2`) or an English name or abbreviation (`Feb`, `february`).
fn month_of(m: &str) -> Option<u8> {
    if let Ok(n) = m.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let m = m.to_ascii_lowercase();
    if m.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .position(|n| m.starts_with(n))
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u8, day: u8) -> DateSpec {
        DateSpec::Day { year, month, day }
    }
    fn y(year: i32) -> DateSpec {
        DateSpec::Year { year }
    }
    fn circa(inner: DateSpec) -> DateSpec {
        DateSpec::Circa(Box::new(inner))
    }
    fn range(from: DateSpec, to: DateSpec) -> DateSpec {
        DateSpec::Range {
            from: Box::new(from),
            to: Box::new(to),
        }
    }

    #[test]
    fn parses_every_form_the_lists_write() {
        assert_eq!(parse_date("10 Dec 1948"), Some(d(1948, 12, 10)));
        assert_eq!(parse_date("08 Jan 1984"), Some(d(1984, 1, 8)));
        assert_eq!(parse_date("1946"), Some(y(1946)));
        assert_eq!(
            parse_date("Sep 1938"),
            Some(DateSpec::Month {
                year: 1938,
                month: 9
            })
        );
        assert_eq!(parse_date("circa 1951"), Some(circa(y(1951))));
        assert_eq!(parse_date("circa 07 Jul 1966"), Some(circa(d(1966, 7, 7))));
        assert_eq!(parse_date("1951 to 1953"), Some(range(y(1951), y(1953))));
        assert_eq!(
            parse_date("01 Jan 1961 to 31 Dec 1962"),
            Some(range(d(1961, 1, 1), d(1962, 12, 31)))
        );
        assert_eq!(
            parse_date("Mar 1962 to Feb 1963"),
            Some(range(
                DateSpec::Month {
                    year: 1962,
                    month: 3
                },
                DateSpec::Month {
                    year: 1963,
                    month: 2
                }
            ))
        );
        assert_eq!(
            parse_date("circa 1979-1982"),
            Some(circa(range(y(1979), y(1982))))
        );
        assert_eq!(parse_date("1962-02-18"), Some(d(1962, 2, 18)));
        assert_eq!(
            parse_date("1962-02"),
            Some(DateSpec::Month {
                year: 1962,
                month: 2
            })
        );
        assert_eq!(parse_date("18/02/1962"), Some(d(1962, 2, 18)));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("unknown"), None);
        assert_eq!(parse_date("31 Feb 1962"), None);
        assert_eq!(parse_date("1962-13-01"), None);
        assert_eq!(parse_date("1953 to 1951"), None);
        assert_eq!(parse_date("12345"), None);
    }
}
