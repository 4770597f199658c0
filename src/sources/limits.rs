//! What one listed entity may hold.
//!
//! A list file comes from outside: one 50 MB name, or a record with a million aliases,
//! must not make loading or indexing cost more than time in proportion to the file. So
//! every text of an entity is cut to a fixed number of characters and every field to a
//! fixed number of values, with a warning naming the record. The shipped lists stay far
//! below both limits, so they load exactly as they are.

use crate::error::{Location, Warning};
use crate::model::{Entity, LoadedList, Script, MAX_TEXT_CHARS};
use std::collections::BTreeMap;

/// Longest remark kept, in characters. Remarks are prose, shown and never indexed; the
/// longest in the shipped lists has about 1,900 characters.
pub const MAX_REMARK_CHARS: usize = 10_000;

/// Most values one field of an entity keeps (names, identifiers, addresses …); the
/// shipped lists have at most 145 names on an entity.
pub const MAX_VALUES: usize = 1_000;

/// Whether `values` already holds a value `same` accepts. Past [`MAX_VALUES`] values it
/// stops looking and answers no: those values are cut by [`apply`] anyway, and so
/// deduplicating a field stays linear in its length.
pub(crate) fn already_has<T>(values: &[T], same: impl FnMut(&T) -> bool) -> bool {
    values.len() < MAX_VALUES && values.iter().any(same)
}

/// Cuts every entity of `list` to the limits, with one warning per entity cut.
pub fn apply(mut list: LoadedList) -> LoadedList {
    for entity in &mut list.entities {
        let cuts = cut_entity(entity);
        if !cuts.is_empty() {
            list.warnings.push(Warning::new(
                &list.info.source,
                Location::record(format!("entity {}", entity.id), None),
                format!("cut to fit redflag's limits: {}", cuts.describe()),
            ));
        }
    }
    list
}

/// What was cut from one entity, by field: texts shortened (how many, and the longest
/// in characters) and values dropped.
#[derive(Default)]
struct Cuts {
    texts: BTreeMap<&'static str, (usize, usize, usize)>,
    values: BTreeMap<&'static str, usize>,
}

impl Cuts {
    fn is_empty(&self) -> bool {
        self.texts.is_empty() && self.values.is_empty()
    }

    /// Keeps the first [`MAX_VALUES`] values of a field.
    fn values<T>(&mut self, field: &'static str, values: &mut Vec<T>) {
        if values.len() > MAX_VALUES {
            self.values.insert(field, values.len() - MAX_VALUES);
            values.truncate(MAX_VALUES);
        }
    }

    /// Cuts `text` to `max` characters; true when it was longer.
    fn text(&mut self, field: &'static str, text: &mut String, max: usize) -> bool {
        let Some((end, _)) = text.char_indices().nth(max) else {
            return false;
        };
        let chars = max + text[end..].chars().count();
        text.truncate(end);
        text.truncate(text.trim_end().len());
        let entry = self.texts.entry(field).or_insert((0, 0, max));
        entry.0 += 1;
        entry.1 = entry.1.max(chars);
        true
    }

    fn optional(&mut self, field: &'static str, text: &mut Option<String>) {
        if let Some(text) = text {
            self.text(field, text, MAX_TEXT_CHARS);
        }
    }

    fn describe(&self) -> String {
        let texts = self.texts.iter().map(|(field, (count, longest, max))| {
            format!("{count} {field} of up to {longest} characters cut to {max}")
        });
        let values = self.values.iter().map(|(field, dropped)| {
            format!("{dropped} {field} beyond the first {MAX_VALUES} dropped")
        });
        texts.chain(values).collect::<Vec<_>>().join("; ")
    }
}

fn cut_entity(e: &mut Entity) -> Cuts {
    let mut cuts = Cuts::default();
    cuts.values("names", &mut e.names);
    cuts.values("programmes", &mut e.programs);
    cuts.values("countries", &mut e.countries);
    cuts.values("birth dates", &mut e.birth_dates);
    cuts.values("birth places", &mut e.birth_places);
    cuts.values("addresses", &mut e.addresses);
    cuts.values("identifiers", &mut e.identifiers);
    cuts.values("remarks", &mut e.remarks);

    cuts.text("id", &mut e.id, MAX_TEXT_CHARS);
    cuts.text("list name", &mut e.list, MAX_TEXT_CHARS);
    cuts.optional("list date", &mut e.list_date);
    for name in &mut e.names {
        if cuts.text("name", &mut name.text, MAX_TEXT_CHARS) {
            name.script = Script::detect(&name.text);
        }
        cuts.optional("name language", &mut name.lang);
    }
    for programme in &mut e.programs {
        cuts.text("programme", programme, MAX_TEXT_CHARS);
    }
    for country in &mut e.countries {
        cuts.text("country", &mut country.name, MAX_TEXT_CHARS);
        cuts.optional("country code", &mut country.code);
    }
    for date in &mut e.birth_dates {
        cuts.text("birth date", &mut date.raw, MAX_TEXT_CHARS);
    }
    for place in &mut e.birth_places {
        cuts.text("birth place", place, MAX_TEXT_CHARS);
    }
    for address in &mut e.addresses {
        cuts.text("address", &mut address.full, MAX_TEXT_CHARS);
        for part in [
            &mut address.street,
            &mut address.city,
            &mut address.region,
            &mut address.postal_code,
            &mut address.country,
        ] {
            cuts.optional("address part", part);
        }
    }
    for id in &mut e.identifiers {
        cuts.text("identifier", &mut id.value, MAX_TEXT_CHARS);
        cuts.text("identifier type", &mut id.label, MAX_TEXT_CHARS);
        cuts.optional("identifier country", &mut id.country);
        cuts.optional("identifier note", &mut id.note);
    }
    for remark in &mut e.remarks {
        cuts.text("remark", remark, MAX_REMARK_CHARS);
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Name, NameKind};

    fn list_of(entity: Entity) -> LoadedList {
        LoadedList {
            entities: vec![entity],
            ..super::super::parts::new_list(super::super::Format::WatchlistCsv, "t", None, "t.csv")
        }
    }

    #[test]
    fn long_texts_are_cut_on_a_character_boundary_with_a_warning() {
        let long = "é".repeat(MAX_TEXT_CHARS + 5);
        let entity = Entity {
            id: "t:1".into(),
            names: vec![
                Name::new(long, NameKind::Primary),
                Name::new("Ok", NameKind::Alias),
            ],
            remarks: vec!["r".repeat(MAX_REMARK_CHARS)],
            ..Entity::default()
        };
        let list = apply(list_of(entity));
        let e = &list.entities[0];
        assert_eq!(e.names[0].text.chars().count(), MAX_TEXT_CHARS);
        assert_eq!(e.names[1].text, "Ok");
        assert_eq!(
            e.remarks[0].len(),
            MAX_REMARK_CHARS,
            "a remark at its limit is kept"
        );
        assert_eq!(list.warnings.len(), 1);
        let w = list.warnings[0].to_string();
        assert!(
            w.starts_with("t.csv: entity t:1: ")
                && w.contains("1 name of up to 1005 characters cut to 1000"),
            "{w}"
        );
    }

    #[test]
    fn fields_keep_their_first_values() {
        let entity = Entity {
            id: "t:1".into(),
            programs: (0..MAX_VALUES + 3).map(|i| i.to_string()).collect(),
            ..Entity::default()
        };
        let list = apply(list_of(entity));
        assert_eq!(list.entities[0].programs.len(), MAX_VALUES);
        assert_eq!(
            list.entities[0].programs[MAX_VALUES - 1],
            (MAX_VALUES - 1).to_string()
        );
        assert!(list.warnings[0]
            .message
            .contains("3 programmes beyond the first 1000 dropped"));
    }

    #[test]
    fn entities_within_the_limits_are_untouched() {
        let entity = Entity {
            id: "t:1".into(),
            names: vec![Name::new("x".repeat(MAX_TEXT_CHARS), NameKind::Primary)],
            ..Entity::default()
        };
        let list = apply(list_of(entity.clone()));
        assert_eq!(list.entities[0], entity);
        assert!(list.warnings.is_empty());
    }

    #[test]
    fn deduplication_stops_looking_past_the_limit() {
        let few = vec![1, 2, 3];
        assert!(already_has(&few, |&v| v == 2));
        assert!(!already_has(&few, |&v| v == 4));
        let many: Vec<usize> = (0..MAX_VALUES).collect();
        assert!(!already_has(&many, |&v| v == 0));
    }
}
