//! `DatePeriod`s and `Date`s rewritten as the text the classic OFAC files write.
//!
//! The advanced file spells a birth year as the span 1 Jan – 31 Dec; writing it back as
//! `1962` (or `01 Jan 1962`, `Mar 1962`, `1960 to 1962`, `circa 1962`) gives the same raw
//! text and the same parsed date as the classic XML of the same list.

use super::super::xml_tree::Node;
use crate::model::days_in_month;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A calendar day as the file writes it (`<Year>`, `<Month>`, `<Day>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Day {
    year: i32,
    month: u8,
    day: u8,
}

impl Day {
    /// Reads `Year`, `Month` and `Day` children; a missing month or day is the first
    /// (`end` false) or the last (`end` true) one, so a bare year spans the whole year.
    fn from_node(node: &Node, end: bool) -> Option<Day> {
        let year: i32 = node.child_text("Year").parse().ok()?;
        let month = node
            .child_text("Month")
            .parse()
            .unwrap_or(if end { 12 } else { 1 });
        let last = days_in_month(year, month);
        let day = node
            .child_text("Day")
            .parse()
            .unwrap_or(if end { last } else { 1 });
        ((1..=12).contains(&month) && (1..=last).contains(&day)).then_some(Day { year, month, day })
    }

    fn is_month_start(self) -> bool {
        self.day == 1
    }

    fn is_month_end(self) -> bool {
        self.day == days_in_month(self.year, self.month)
    }

    fn month_name(self) -> &'static str {
        MONTHS[usize::from(self.month) - 1]
    }
}

/// The text of a `DatePeriod`: from the earliest start to the latest end, `circa` when
/// either end is approximate; `None` when it holds no year.
pub fn period_text(period: &Node) -> Option<String> {
    let (start, end) = (period.child("Start"), period.child("End"));
    let bound = |node: Option<&Node>, name: &str, is_end: bool| {
        node.and_then(|n| n.child(name))
            .and_then(|n| Day::from_node(n, is_end))
    };
    let from = bound(start, "From", false).or_else(|| bound(end, "From", false))?;
    let to = bound(end, "To", true)
        .or_else(|| bound(start, "To", true))
        .unwrap_or(from);
    let approximate = [start, end]
        .iter()
        .flatten()
        .any(|n| n.attr("Approximate") == "true");
    let text = span_text(from, to);
    Some(if approximate {
        format!("circa {text}")
    } else {
        text
    })
}

/// The shortest classic form of a span of days.
fn span_text(from: Day, to: Day) -> String {
    if from == to {
        return day_text(from);
    }
    let whole_years = (from.month, from.day) == (1, 1) && (to.month, to.day) == (12, 31);
    if whole_years && from.year == to.year {
        return from.year.to_string();
    }
    if whole_years {
        return format!("{} to {}", from.year, to.year);
    }
    if from.is_month_start() && to.is_month_end() {
        if (from.year, from.month) == (to.year, to.month) {
            return format!("{} {}", from.month_name(), from.year);
        }
        return format!(
            "{} {} to {} {}",
            from.month_name(),
            from.year,
            to.month_name(),
            to.year
        );
    }
    format!("{} to {}", day_text(from), day_text(to))
}

fn day_text(d: Day) -> String {
    format!("{:02} {} {}", d.day, d.month_name(), d.year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_date, DateSpec};

    fn day(year: i32, month: u8, day: u8) -> Day {
        Day { year, month, day }
    }

    #[test]
    fn spans_take_their_shortest_classic_form() {
        assert_eq!(span_text(day(1962, 1, 1), day(1962, 12, 31)), "1962");
        assert_eq!(
            span_text(day(1960, 1, 1), day(1962, 12, 31)),
            "1960 to 1962"
        );
        assert_eq!(span_text(day(1965, 9, 17), day(1965, 9, 17)), "17 Sep 1965");
        assert_eq!(span_text(day(1964, 2, 1), day(1964, 2, 29)), "Feb 1964");
        assert_eq!(
            span_text(day(1964, 2, 1), day(1965, 3, 31)),
            "Feb 1964 to Mar 1965"
        );
        assert_eq!(
            span_text(day(1964, 2, 3), day(1964, 2, 5)),
            "03 Feb 1964 to 05 Feb 1964"
        );
        for text in [
            "1962",
            "1960 to 1962",
            "17 Sep 1965",
            "Feb 1964",
            "circa 1962",
        ] {
            assert!(parse_date(text).is_some(), "{text}");
        }
        assert_eq!(
            parse_date("17 Sep 1965").unwrap().exact_day(),
            Some((1965, 9, 17))
        );
        assert!(matches!(parse_date("circa 1962"), Some(DateSpec::Circa(_))));
    }

    #[test]
    fn bad_days_are_no_date() {
        let node = |month: &str, d: &str| Node {
            children: vec![
                Node {
                    name: "Year".into(),
                    text: "1962".into(),
                    ..Node::default()
                },
                Node {
                    name: "Month".into(),
                    text: month.into(),
                    ..Node::default()
                },
                Node {
                    name: "Day".into(),
                    text: d.into(),
                    ..Node::default()
                },
            ],
            ..Node::default()
        };
        assert_eq!(
            Day::from_node(&node("2", "28"), false)
                .map(day_text)
                .as_deref(),
            Some("28 Feb 1962")
        );
        assert_eq!(Day::from_node(&node("2", "30"), false).map(day_text), None);
        assert_eq!(Day::from_node(&node("13", "1"), false).map(day_text), None);
    }
}
