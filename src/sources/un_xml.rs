//! The UN Security Council consolidated list (XML, root `CONSOLIDATED_LIST`).
//!
//! Streamed with quick-xml: every `INDIVIDUAL` and `ENTITY` is read into a
//! `Record` of its child fields (in any order), then turned into one [`Entity`].
//! Values carry hard line breaks and trailing spaces, so every text is whitespace-collapsed.

use super::parts::{self, push_country, push_date, push_name, push_unique};
use super::xml::{local_name, Step, Walker};
use super::Format;
use crate::error::{Error, Location, Result, Warning};
use crate::model::{
    collapse_whitespace, Address, CountryRole, Entity, EntityKind, IdKind, Identifier, LoadedList,
    Name, NameKind,
};

/// The list name shown for entities of this list.
pub const LIST_NAME: &str = "UN SC consolidated";

/// Parses the whole file; ids are `un:<REFERENCE_NUMBER trimmed>`.
pub fn parse(file: &str, bytes: &[u8]) -> Result<LoadedList> {
    let mut walker = Walker::new(file, bytes)?;
    let published = walker.read_root(b"CONSOLIDATED_LIST", "UN list", "dateGenerated")?;
    let mut list = parts::new_list(Format::UnXml, LIST_NAME, published.clone(), file);
    loop {
        let kind = match walker.next_step()? {
            Step::Open(e) => match local_name(e.name().as_ref()) {
                b"INDIVIDUAL" => EntityKind::Person,
                b"ENTITY" => EntityKind::Organization,
                _ => continue,
            },
            Step::End => break,
            _ => continue,
        };
        let start = walker.position();
        let record = read_record(&mut walker)?;
        let mut entity = record.into_entity(file, kind, start, &mut list.warnings)?;
        entity.list_date = published.clone();
        list.entities.push(entity);
    }
    Ok(list)
}

/// One child field of a record: its name, its own text, and its children's texts
/// (`NATIONALITY/VALUE`, `INDIVIDUAL_ALIAS/ALIAS_NAME` …).
struct Field {
    name: Vec<u8>,
    text: String,
    children: Vec<(Vec<u8>, String)>,
}

impl Field {
    /// The first child named `name`, whitespace-collapsed; `""` when absent.
    fn get(&self, name: &str) -> String {
        self.children
            .iter()
            .find(|(n, _)| n == name.as_bytes())
            .map(|(_, v)| collapse_whitespace(v))
            .unwrap_or_default()
    }

    fn all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.children
            .iter()
            .filter(move |(n, _)| n == name.as_bytes())
            .map(|(_, v)| v.as_str())
    }
}

/// The fields of one `INDIVIDUAL`/`ENTITY`, in file order.
struct Record {
    fields: Vec<Field>,
}

/// Reads the children of the record element just opened, up to its close.
fn read_record(walker: &mut Walker<'_>) -> Result<Record> {
    let depth = walker.depth();
    let mut fields = Vec::new();
    let mut text = String::new();
    let mut children = Vec::new();
    loop {
        match walker.next_step()? {
            Step::Open(_) => text.clear(),
            Step::Text(t) => text.push_str(&t),
            Step::Close(name) => {
                let d = walker.depth();
                if d < depth {
                    break;
                }
                let value = std::mem::take(&mut text);
                if d == depth {
                    let children = std::mem::take(&mut children);
                    fields.push(Field {
                        name,
                        text: value,
                        children,
                    });
                } else if d == depth + 1 {
                    children.push((name, value));
                }
            }
            Step::End => return Err(walker.error("the file ends inside a record")),
        }
    }
    Ok(Record { fields })
}

impl Record {
    fn reference(&self) -> Option<String> {
        self.fields
            .iter()
            .find(|f| f.name == b"REFERENCE_NUMBER")
            .map(|f| collapse_whitespace(&f.text))
            .filter(|r| !r.is_empty())
    }

    /// The primary name: FIRST_NAME … FOURTH_NAME joined in that order.
    fn primary_name(&self) -> String {
        let order: [&[u8]; 4] = [b"FIRST_NAME", b"SECOND_NAME", b"THIRD_NAME", b"FOURTH_NAME"];
        let parts: Vec<&str> = order
            .iter()
            .filter_map(|tag| self.fields.iter().find(|f| f.name == *tag))
            .map(|f| f.text.as_str())
            .collect();
        collapse_whitespace(&parts.join(" "))
    }

    fn into_entity(
        self,
        file: &str,
        kind: EntityKind,
        start: u64,
        warnings: &mut Vec<Warning>,
    ) -> Result<Entity> {
        let tag = if kind == EntityKind::Person {
            "INDIVIDUAL"
        } else {
            "ENTITY"
        };
        let Some(reference) = self.reference() else {
            return Err(Error::parse(
                file,
                Location::Byte(start),
                format!("<{tag}> without a REFERENCE_NUMBER, expected one per record"),
            ));
        };
        let here = Location::record(format!("{tag} {reference}"), Some(Location::Byte(start)));
        let primary = self.primary_name();
        if primary.is_empty() {
            return Err(Error::parse(
                file,
                here,
                "no name, expected a non-empty FIRST_NAME",
            ));
        }
        let mut entity = Entity {
            id: format!("un:{reference}"),
            list: LIST_NAME.into(),
            kind,
            ..Entity::default()
        };
        for name in parts::split_names(&primary, NameKind::Primary) {
            push_name(&mut entity, name);
        }
        let mut sink = |message: String| warnings.push(Warning::new(file, here.clone(), message));
        for field in &self.fields {
            apply_field(&mut entity, field, &mut sink);
        }
        Ok(entity)
    }
}

/// Puts one record field into the entity; unparseable optional values become warnings.
fn apply_field(entity: &mut Entity, f: &Field, warn: &mut dyn FnMut(String)) {
    match f.name.as_slice() {
        b"UN_LIST_TYPE" => push_unique(&mut entity.programs, &f.text),
        b"NAME_ORIGINAL_SCRIPT" => {
            let text = collapse_whitespace(&f.text);
            if !text.is_empty() {
                push_name(entity, Name::new(text, NameKind::OriginalScript));
            }
        }
        b"COMMENTS1" => push_unique(&mut entity.remarks, &f.text),
        b"DESIGNATION" | b"TITLE" => {
            let label = if f.name == b"TITLE" {
                "Title"
            } else {
                "Designation"
            };
            for v in f.all("VALUE").map(collapse_whitespace) {
                if !v.is_empty() {
                    push_unique(&mut entity.remarks, &format!("{label}: {v}"));
                }
            }
        }
        b"NATIONALITY" => {
            for v in f.all("VALUE") {
                push_country(entity, parts::country(v, CountryRole::Nationality));
            }
        }
        b"INDIVIDUAL_ALIAS" | b"ENTITY_ALIAS" => alias(entity, f, warn),
        b"INDIVIDUAL_ADDRESS" | b"ENTITY_ADDRESS" => address(entity, f),
        b"INDIVIDUAL_DATE_OF_BIRTH" => birth_date(entity, f, warn),
        b"INDIVIDUAL_PLACE_OF_BIRTH" => {
            let country = f.get("COUNTRY");
            let place = parts::join_parts(&[
                &f.get("STREET"),
                &f.get("CITY"),
                &f.get("STATE_PROVINCE"),
                &country,
            ]);
            push_unique(&mut entity.birth_places, &place);
            push_country(entity, parts::country(&country, CountryRole::Location));
        }
        b"INDIVIDUAL_DOCUMENT" => document(entity, f),
        _ => {}
    }
}

/// `QUALITY` → name kind: `Low` is a weak alias, `f.k.a.` a former name, the rest
/// (`Good`, `a.k.a.`, empty) a strong alias.
fn alias_kind(quality: &str) -> NameKind {
    match quality.to_ascii_lowercase().as_str() {
        "low" => NameKind::WeakAlias,
        "f.k.a." | "fka" => NameKind::Former,
        _ => NameKind::Alias,
    }
}

fn alias(entity: &mut Entity, f: &Field, warn: &mut dyn FnMut(String)) {
    let text = f.get("ALIAS_NAME");
    if text.is_empty() {
        return; // the list writes `<ALIAS_NAME/>` placeholders
    }
    for name in parts::split_names(&text, alias_kind(&f.get("QUALITY"))) {
        push_name(entity, name);
    }
    let dob = f.get("DATE_OF_BIRTH");
    if !dob.is_empty() {
        add_date(entity, &dob, warn);
    }
    let place = parts::join_parts(&[&f.get("CITY_OF_BIRTH"), &f.get("COUNTRY_OF_BIRTH")]);
    push_unique(&mut entity.birth_places, &place);
}

fn address(entity: &mut Entity, f: &Field) {
    let (street, city, region, zip, country) = (
        f.get("STREET"),
        f.get("CITY"),
        f.get("STATE_PROVINCE"),
        f.get("ZIP_CODE"),
        f.get("COUNTRY"),
    );
    let full = parts::join_parts(&[&street, &city, &region, &zip, &country]);
    if full.is_empty() {
        return;
    }
    push_country(entity, parts::country(&country, CountryRole::Location));
    let some = |s: String| (!s.is_empty()).then_some(s);
    entity.addresses.push(Address {
        street: some(street),
        city: some(city),
        region: some(region),
        postal_code: some(zip),
        country: some(country),
        full,
    });
}

/// `EXACT` (DATE or YEAR), `APPROXIMATELY` (→ `circa …`) and `BETWEEN` (FROM_YEAR,
/// TO_YEAR → `… to …`) rebuilt as the text the date parser reads, so the raw text a
/// user sees is the same form OFAC writes.
fn birth_date(entity: &mut Entity, f: &Field, warn: &mut dyn FnMut(String)) {
    let date = f.get("DATE");
    let base = if date.is_empty() { f.get("YEAR") } else { date };
    let (from, to) = (f.get("FROM_YEAR"), f.get("TO_YEAR"));
    let raw = match f.get("TYPE_OF_DATE").to_ascii_uppercase().as_str() {
        "BETWEEN" if !from.is_empty() || !to.is_empty() => format!("{from} to {to}"),
        "APPROXIMATELY" if !base.is_empty() => format!("circa {base}"),
        _ => base,
    };
    if !raw.trim().is_empty() {
        add_date(entity, raw.trim(), warn);
    }
    let note = f.get("NOTE");
    if !note.is_empty() {
        push_unique(&mut entity.remarks, &format!("Date of birth: {note}"));
    }
}

fn add_date(entity: &mut Entity, raw: &str, warn: &mut dyn FnMut(String)) {
    let (date, failed) = parts::date(raw);
    if failed {
        warn(format!(
            "date of birth `{}` does not parse, expected YYYY-MM-DD or YYYY; kept as text",
            date.raw
        ));
    }
    push_date(entity, date);
}

/// `Passport` (and its French and Spanish forms) and `National Identification Number`
/// are told apart; other documents keep their label with kind Other.
fn document_kind(label: &str) -> IdKind {
    let l = label.to_lowercase();
    if l.contains("passport") || l.contains("passeport") || l.contains("pasaporte") {
        IdKind::Passport
    } else if l.contains("national identi") || l.contains("identity card") {
        IdKind::NationalId
    } else {
        IdKind::Other
    }
}

fn document(entity: &mut Entity, f: &Field) {
    let number = f.get("NUMBER");
    if number.is_empty() {
        return;
    }
    let (t1, t2) = (f.get("TYPE_OF_DOCUMENT"), f.get("TYPE_OF_DOCUMENT2"));
    let label = if t1.is_empty() {
        t2.clone()
    } else {
        t1.clone()
    };
    let kind = document_kind(&format!("{t1} {t2}"));
    let mut country = f.get("ISSUING_COUNTRY");
    if country.is_empty() {
        country = f.get("COUNTRY_OF_ISSUE");
    }
    let note_parts = [
        if t1.is_empty() { String::new() } else { t2 },
        f.get("NOTE"),
        f.get("DATE_OF_ISSUE"),
        f.get("CITY_OF_ISSUE"),
    ];
    let note = parts::join_parts(&note_parts.iter().map(String::as_str).collect::<Vec<_>>());
    entity.identifiers.push(Identifier {
        kind,
        label: if label.is_empty() {
            "Document".into()
        } else {
            label
        },
        value: number,
        country: (!country.is_empty())
            .then(|| crate::model::countries::code_for(&country).unwrap_or(country)),
        note: (!note.is_empty()).then_some(note),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DateSpec;

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>KIM</FIRST_NAME><SECOND_NAME>CHOL
 SAM</SECOND_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.035 </REFERENCE_NUMBER>
<NATIONALITY><VALUE>Democratic People's Republic of Korea</VALUE></NATIONALITY>
<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Jin Tiesan (金铁三)</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
<INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Abu &amp; Co</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1951</FROM_YEAR><TO_YEAR>1953</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1950</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>sometime</DATE></INDIVIDUAL_DATE_OF_BIRTH>
<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>645120378 </NUMBER><ISSUING_COUNTRY>Democratic People's Republic of Korea</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT>
</INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>"#;

    #[test]
    fn reads_one_individual() {
        let list = parse("t.xml", SAMPLE.as_bytes()).expect("parses");
        assert_eq!(list.info.published.as_deref(), Some("2026-02-27"));
        let e = &list.entities[0];
        assert_eq!(e.id, "un:KPi.035");
        assert_eq!(e.primary_name(), "KIM CHOL SAM");
        let names: Vec<_> = e.names.iter().map(|n| (n.text.as_str(), n.kind)).collect();
        assert_eq!(
            names,
            [
                ("KIM CHOL SAM", NameKind::Primary),
                ("Jin Tiesan", NameKind::Alias),
                ("金铁三", NameKind::OriginalScript),
                ("Abu & Co", NameKind::WeakAlias),
            ]
        );
        assert_eq!(e.countries[0].code.as_deref(), Some("KP"));
        assert_eq!(e.birth_dates[0].raw, "1951 to 1953");
        assert!(matches!(
            e.birth_dates[0].value,
            Some(DateSpec::Range { .. })
        ));
        assert_eq!(e.birth_dates[1].raw, "circa 1950");
        assert!(matches!(e.birth_dates[1].value, Some(DateSpec::Circa(_))));
        assert_eq!(e.birth_dates[2].value, None);
        assert_eq!(list.warnings.len(), 1);
        assert!(list.warnings[0].to_string().contains("INDIVIDUAL KPi.035"));
        assert_eq!(e.identifiers[0].kind, IdKind::Passport);
        assert_eq!(e.identifiers[0].value, "645120378");
        assert_eq!(e.identifiers[0].country.as_deref(), Some("KP"));
    }

    #[test]
    fn missing_reference_is_an_error_with_offset() {
        let xml = "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>X</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>";
        let err = parse("t.xml", xml.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("t.xml: byte 32"), "{err}");
        assert!(err.contains("REFERENCE_NUMBER"), "{err}");
    }
}
