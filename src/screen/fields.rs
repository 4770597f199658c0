//! One row given as plain values (a name, a kind, a country, a date of birth) screened
//! the way `redflag screen` screens a spreadsheet row: the same evidence parsing, the
//! same notes, the same decision. Embedders that hold rows in memory (a dataframe, a
//! request) call [`screen_fields`] instead of writing a spreadsheet.

use super::row::{Limits, RowInput, RowName};
use super::Decision;
use crate::matching::{Hit, Matcher};
use crate::model::{collapse_whitespace, parse_date, EntityKind};
use std::panic::AssertUnwindSafe;

/// A row's values as text; `None` or blank means not given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fields<'a> {
    /// The name to screen, in any script.
    pub name: Option<&'a str>,
    /// Entity kind evidence (`person`, `organization`, `vessel` …).
    pub kind: Option<&'a str>,
    /// Country evidence (ISO code or name).
    pub country: Option<&'a str>,
    /// Date-of-birth evidence, in any form [`parse_date`] reads.
    pub dob: Option<&'a str>,
}

/// What a row came to.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Hit, review, clear, or error when the row could not be screened.
    pub decision: Decision,
    /// At most `top` hits scoring at least the review threshold, best first.
    pub hits: Vec<Hit>,
    /// Why: the best hit's reasons, evidence not used, or what was wrong.
    pub reason: String,
}

impl Outcome {
    fn error(reason: String) -> Outcome {
        Outcome {
            decision: Decision::Error,
            hits: Vec::new(),
            reason,
        }
    }
}

/// Screens one row; never fails and never panics: a row that cannot be screened (no
/// name, a name too long, a panic in the matcher) comes back as an `error` outcome.
pub fn screen_fields(fields: &Fields<'_>, matcher: &dyn Matcher, limits: &Limits) -> Outcome {
    let assessed = std::panic::catch_unwind(AssertUnwindSafe(|| assess(fields, matcher, limits)));
    assessed.unwrap_or_else(|panic| {
        Outcome::error(format!("screening failed: {}", panic_message(&*panic)))
    })
}

/// What a caught panic said, if it said it in text.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// A value given and not blank, trimmed.
fn text(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|s| !s.is_empty())
}

fn assess(fields: &Fields<'_>, matcher: &dyn Matcher, limits: &Limits) -> Outcome {
    let mut notes = Vec::new();
    let name = text(fields.name).map(collapse_whitespace);
    let name = name.filter(|n| usable_name(n, "name", &mut notes));
    let input = RowInput {
        names: name
            .into_iter()
            .map(|name| RowName {
                column: "name".into(),
                name,
            })
            .collect(),
        kind: text(fields.kind).and_then(|k| kind_evidence(k, &mut notes)),
        country: text(fields.country).map(str::to_string),
        dob: text(fields.dob).and_then(|d| dob_evidence(d, &mut notes)),
        identifiers: Vec::new(),
    };
    if input.is_empty() {
        notes.insert(0, "no name to screen".into());
        return Outcome::error(notes.join("; "));
    }
    conclude(&input, notes, matcher, limits, None)
}

/// Screens `input` and says why, with `notes` on evidence not used: the decision step
/// of a spreadsheet row and of [`screen_fields`] alike. `location` prefixes the reason
/// of a row that could not be screened.
pub(crate) fn conclude(
    input: &RowInput,
    mut notes: Vec<String>,
    matcher: &dyn Matcher,
    limits: &Limits,
    location: Option<&str>,
) -> Outcome {
    let ranked = match input.screen(matcher, limits) {
        Ok(ranked) => ranked,
        Err(failures) => {
            notes.extend(failures);
            let why = notes.join("; ");
            return Outcome::error(match location {
                Some(at) => format!("{at}: {why}"),
                None => why,
            });
        }
    };
    let mut reason = Vec::new();
    if let Some(top) = ranked.hits.first() {
        reason.extend(ranked.best_from);
        reason.extend(top.reasons.iter().cloned());
    }
    reason.extend(notes);
    reason.extend(ranked.failures);
    Outcome {
        decision: ranked.decision,
        hits: ranked.hits,
        reason: reason.join("; "),
    }
}

/// A name with something to screen; otherwise a note on why `label`'s value was skipped.
pub(crate) fn usable_name(name: &str, label: &str, notes: &mut Vec<String>) -> bool {
    if name.chars().any(char::is_alphanumeric) {
        return true;
    }
    notes.push(format!("'{name}' ({label}) has no letters to screen"));
    false
}

/// The kind a cell names; `unknown` is no evidence, and a word not understood is noted.
pub(crate) fn kind_evidence(kind: &str, notes: &mut Vec<String>) -> Option<EntityKind> {
    match EntityKind::parse(kind) {
        Some(EntityKind::Unknown) => None,
        Some(k) => Some(k),
        None => {
            notes.push(format!("kind '{kind}' not understood; screened without it"));
            None
        }
    }
}

/// The date a cell gives; one not understood is noted and not used.
pub(crate) fn dob_evidence(dob: &str, notes: &mut Vec<String>) -> Option<crate::DateSpec> {
    let date = parse_date(dob);
    if date.is_none() {
        notes.push(format!(
            "date of birth '{dob}' not understood; screened without it"
        ));
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::IndexBuilder;
    use crate::sources;

    fn limits() -> Limits {
        Limits {
            top: 1,
            threshold: 0.8,
            review_threshold: 0.65,
        }
    }

    #[test]
    fn a_row_of_values_is_decided_like_a_spreadsheet_row() {
        let csv = "id,name,kind,aliases,country,dob\nw1,Kim Jong Un,person,김정은,KP,1984-01-08\n";
        let list = sources::load_bytes("w.csv", "w", csv.as_bytes()).unwrap();
        let index = IndexBuilder::new().add_list(list).build().unwrap();
        let hit = screen_fields(
            &Fields {
                name: Some("김정은"),
                dob: Some("sometime"),
                ..Fields::default()
            },
            &index,
            &limits(),
        );
        assert_eq!(hit.decision, Decision::Hit);
        assert_eq!(hit.hits[0].entity_id, "w:w1");
        assert!(
            hit.reason.contains("'sometime' not understood"),
            "{}",
            hit.reason
        );

        let empty = screen_fields(&Fields::default(), &index, &limits());
        assert_eq!(empty.decision, Decision::Error);
        assert_eq!(empty.reason, "no name to screen");

        let long = "a ".repeat(5_000);
        let long = screen_fields(
            &Fields {
                name: Some(&long),
                ..Fields::default()
            },
            &index,
            &limits(),
        );
        assert_eq!(long.decision, Decision::Error);
        assert!(
            long.reason.contains("could not be screened"),
            "{}",
            long.reason
        );
    }
}
