//! Turning list field text into model parts: names split by script, countries, dates.
//! Shared by the loaders so that they treat the same text the same.

use super::limits::already_has;
use super::Format;
use crate::model::countries;
use crate::model::parse_date;
use crate::model::{
    collapse_whitespace, Country, CountryRole, DateValue, Entity, ListInfo, LoadedList, Name,
    NameKind, Script,
};

/// A list with no entities or warnings yet. It takes a [`Format`], not a string, so that
/// the format name every loader records is the one [`Format::as_str`] declares.
pub fn new_list(format: Format, name: &str, published: Option<String>, source: &str) -> LoadedList {
    LoadedList {
        info: ListInfo {
            name: name.to_string(),
            format: format.as_str().to_string(),
            published,
            source: source.to_string(),
            content_hash: None,
        },
        entities: Vec::new(),
        warnings: Vec::new(),
    }
}

/// Adds a name unless the entity already has one with the same text (keeps the first,
/// which has the strongest kind in list order).
pub fn push_name(entity: &mut Entity, name: Name) {
    if !name.text.is_empty() && !already_has(&entity.names, |n| n.text == name.text) {
        entity.names.push(name);
    }
}

/// The names inside one name field. A parenthesised run written in another script than
/// the rest (`Jin Tiesan (金铁三)`, `أبو شيماء (Abu-Shaima; Abu- Shayma)`,
/// `Amir Khazmat (original script: Амир Хазмат)`) is a name of its own: the non-Latin
/// part becomes an [`NameKind::OriginalScript`] name and Latin parts keep `kind`, so
/// that a query in either script finds the entity. Anything else stays one name.
pub fn split_names(text: &str, kind: NameKind) -> Vec<Name> {
    let text = collapse_whitespace(text);
    let Some((outside, inside)) = parenthesised(&text) else {
        return vec![Name::new(text, kind)];
    };
    let inside = strip_original_script_label(inside);
    let (s_out, s_in) = (Script::detect(&outside), Script::detect(inside));
    if outside.is_empty() || inside.trim().is_empty() || s_out == s_in || !has_letters(inside) {
        return vec![Name::new(text, kind)];
    }
    let mut names = vec![name_in_script(&outside, kind)];
    for part in inside.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        names.push(name_in_script(part, kind));
    }
    names
}

/// Non-Latin names are original-script names whatever field they came from.
fn name_in_script(text: &str, kind: NameKind) -> Name {
    let mut name = Name::new(text, kind);
    if name.script != Script::Latin {
        name.kind = NameKind::OriginalScript;
    }
    name
}

fn has_letters(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

/// Splits `A (B) C` into (`A C`, `B`) at the first balanced parenthesis pair.
fn parenthesised(text: &str) -> Option<(String, &str)> {
    let open = text.find('(')?;
    let close = open + text[open..].find(')')?;
    let inside = &text[open + 1..close];
    let outside = collapse_whitespace(&format!("{} {}", &text[..open], &text[close + 1..]));
    Some((outside, inside))
}

fn strip_original_script_label(inside: &str) -> &str {
    let t = inside.trim();
    let label = "original script:";
    match t.get(..label.len()) {
        Some(head) if head.eq_ignore_ascii_case(label) => t[label.len()..].trim(),
        _ => t,
    }
}

/// A country link from a name or ISO-2 code; `None` for empty or "unknown" values.
pub fn country(value: &str, role: CountryRole) -> Option<Country> {
    let name = collapse_whitespace(value);
    let lower = name.to_ascii_lowercase();
    if name.is_empty() || matches!(lower.as_str(), "na" | "n/a" | "unknown" | "00") {
        return None;
    }
    Some(Country {
        code: countries::code_for(&name),
        name,
        role,
    })
}

/// Adds a country link unless the same country already has the same role.
pub fn push_country(entity: &mut Entity, country: Option<Country>) {
    let Some(c) = country else { return };
    let same = |o: &Country| {
        o.role == c.role
            && match (&o.code, &c.code) {
                (Some(a), Some(b)) => a == b,
                _ => o.name.eq_ignore_ascii_case(&c.name),
            }
    };
    if !already_has(&entity.countries, same) {
        entity.countries.push(c);
    }
}

/// A date from its raw text; the second value is true when it did not parse.
pub fn date(raw: &str) -> (DateValue, bool) {
    let raw = collapse_whitespace(raw);
    let value = parse_date(&raw);
    let failed = value.is_none();
    (DateValue { value, raw }, failed)
}

/// Adds a date unless one with the same raw text is there already.
pub fn push_date(entity: &mut Entity, date: DateValue) {
    if !already_has(&entity.birth_dates, |d| d.raw == date.raw) {
        entity.birth_dates.push(date);
    }
}

/// Adds a text (remark, programme, place) unless empty or already present.
pub fn push_unique(list: &mut Vec<String>, text: &str) {
    let text = collapse_whitespace(text);
    if !text.is_empty() && !already_has(list, |t| *t == text) {
        list.push(text);
    }
}

/// Joins the non-empty parts with `, ` (whitespace collapsed).
pub fn join_parts(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| collapse_whitespace(p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(names: &[Name]) -> Vec<(&str, NameKind)> {
        names.iter().map(|n| (n.text.as_str(), n.kind)).collect()
    }

    #[test]
    fn splits_embedded_other_script_runs() {
        let names = split_names("Jin Tiesan (金铁三)", NameKind::Alias);
        assert_eq!(
            texts(&names),
            [
                ("Jin Tiesan", NameKind::Alias),
                ("金铁三", NameKind::OriginalScript)
            ]
        );
        assert_eq!(names[1].script, Script::Han);
        let names = split_names("حسن غول (Hassan Ghul; Hasan Gul)", NameKind::WeakAlias);
        assert_eq!(
            texts(&names),
            [
                ("حسن غول", NameKind::OriginalScript),
                ("Hassan Ghul", NameKind::WeakAlias),
                ("Hasan Gul", NameKind::WeakAlias)
            ]
        );
        let names = split_names(
            "Amir Khazmat (original script: Амир Хазмат)",
            NameKind::Alias,
        );
        assert_eq!(names[1].text, "Амир Хазмат");
        assert_eq!(names[1].kind, NameKind::OriginalScript);
    }

    #[test]
    fn keeps_same_script_parentheses() {
        let names = split_names("Lom-ali Butayev (Butaev)", NameKind::Alias);
        assert_eq!(
            texts(&names),
            [("Lom-ali Butayev (Butaev)", NameKind::Alias)]
        );
        let names = split_names("EL PARA (COMBAT NAME)\n", NameKind::Alias);
        assert_eq!(names.len(), 1);
        assert_eq!(split_names("(", NameKind::Alias).len(), 1);
        assert_eq!(split_names("a ) (", NameKind::Alias).len(), 1);
    }

    #[test]
    fn countries_skip_unknowns_and_map_codes() {
        let c = country(
            "Democratic People's Republic of Korea",
            CountryRole::Nationality,
        );
        assert_eq!(c.and_then(|c| c.code).as_deref(), Some("KP"));
        assert!(country("na", CountryRole::Nationality).is_none());
        assert!(country(" ", CountryRole::Nationality).is_none());
    }
}
