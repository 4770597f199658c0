//! The EU financial sanctions file (XML 1.1, root `export` in namespace
//! `http://eu.europa.ec/fpi/fsd/export`).
//!
//! Almost everything sits in attributes, so each `sanctionEntity` child is read from its
//! start tag and its subtree skipped; only `remark` texts and `contactInfo` children are
//! looked into. `regulationSummary` elements (a third of the file) are never decoded.
//!
//! Cross-references: a `unitedNationId` attribute (the UN list's reference number) is kept
//! as an [`Identifier`] labelled `UN reference` and `euReferenceNumber` as `EU reference`
//! (both [`IdKind::Other`]), so a UN entity and its EU twin can be joined by value.

use super::parts::{self, push_country, push_date, push_name, push_unique};
use super::xml::{attr, local_name, Step, Walker};
use super::Format;
use crate::error::{Error, Location, Result, Warning};
use crate::model::{
    collapse_whitespace, Address, Country, CountryRole, Entity, EntityKind, IdKind, Identifier,
    LoadedList, NameKind,
};
use std::borrow::Cow;

/// The list name shown for entities of this list.
pub const LIST_NAME: &str = "EU FSF";

type Attrs<'b> = [(&'b [u8], Cow<'b, str>)];

/// Parses the whole file; ids are `eu:<logicalId>`.
pub fn parse(file: &str, bytes: &[u8]) -> Result<LoadedList> {
    let mut walker = Walker::new(file, bytes)?;
    let published = walker.read_root(b"export", "EU financial sanctions file", "generationDate")?;
    let mut list = parts::new_list(Format::EuXml, LIST_NAME, published.clone(), file);
    loop {
        match walker.next_step()? {
            Step::Open(e) if local_name(e.name().as_ref()) == b"sanctionEntity" => {
                let attrs = walker.attributes(&e)?;
                let mut reader = EntityReader::start(file, &walker, &attrs)?;
                reader.read(&mut walker)?;
                let mut entity = reader.finish(&mut list.warnings)?;
                entity.list_date = published.clone();
                list.entities.push(entity);
            }
            Step::End => break,
            _ => {}
        }
    }
    Ok(list)
}

/// Where the text being collected goes.
#[derive(Clone, Copy, PartialEq)]
enum Collect {
    None,
    EntityRemark,
    IdentifierNote,
}

/// Builds one entity from a `sanctionEntity` subtree.
struct EntityReader<'f> {
    file: &'f str,
    here: Location,
    entity: Entity,
    kind_code: Option<String>,
    warnings: Vec<String>,
    collect: Collect,
    text: String,
    /// The identification element open now, if it gave an identifier.
    open_identifier: Option<usize>,
}

impl<'f> EntityReader<'f> {
    fn start(file: &'f str, walker: &Walker<'_>, attrs: &Attrs<'_>) -> Result<EntityReader<'f>> {
        let logical_id = attr(attrs, "logicalId");
        if logical_id.is_empty() {
            return Err(Error::parse(
                file,
                Location::Byte(walker.position()),
                "<sanctionEntity> without a logicalId, expected one per entity",
            ));
        }
        let mut entity = Entity {
            id: format!("eu:{logical_id}"),
            list: LIST_NAME.into(),
            ..Entity::default()
        };
        for (label, key) in [
            ("UN reference", "unitedNationId"),
            ("EU reference", "euReferenceNumber"),
        ] {
            push_reference(&mut entity, label, attr(attrs, key));
        }
        Ok(EntityReader {
            file,
            here: Location::record(
                format!("sanctionEntity logicalId {logical_id}"),
                Some(Location::Byte(walker.position())),
            ),
            entity,
            kind_code: None,
            warnings: Vec::new(),
            collect: Collect::None,
            text: String::new(),
            open_identifier: None,
        })
    }

    /// Reads the children of the `sanctionEntity` just opened, up to its close.
    fn read(&mut self, walker: &mut Walker<'_>) -> Result<()> {
        let depth = walker.depth();
        loop {
            match walker.next_step()? {
                Step::Open(e) => {
                    let child = walker.depth() == depth + 1;
                    let name = local_name(e.name().as_ref()).to_vec();
                    if child {
                        self.open_identifier = None;
                    }
                    match (child, name.as_slice()) {
                        (true, b"remark") => self.collect_text(Collect::EntityRemark),
                        (false, b"remark") if self.open_identifier.is_some() => {
                            self.collect_text(Collect::IdentifierNote)
                        }
                        (_, b"address" | b"identification" | b"contactInfo") => {
                            let attrs = walker.attributes(&e)?;
                            self.element(&name, &attrs);
                        }
                        (true, _) => {
                            let attrs = walker.attributes(&e)?;
                            self.element(&name, &attrs);
                            walker.skip_element()?;
                        }
                        (false, _) => walker.skip_element()?,
                    }
                }
                Step::Text(t) if self.collect != Collect::None => self.text.push_str(&t),
                Step::Text(_) => {}
                Step::Close(_) => {
                    if walker.depth() < depth {
                        return Ok(());
                    }
                    self.end_text();
                }
                Step::End => return Err(walker.error("the file ends inside <sanctionEntity>")),
            }
        }
    }

    fn collect_text(&mut self, target: Collect) {
        self.collect = target;
        self.text.clear();
    }

    /// Stores the text collected for a `remark` that just closed.
    fn end_text(&mut self) {
        let text = collapse_whitespace(&std::mem::take(&mut self.text));
        match std::mem::replace(&mut self.collect, Collect::None) {
            Collect::EntityRemark => push_unique(&mut self.entity.remarks, &text),
            Collect::IdentifierNote if !text.is_empty() => {
                if let Some(id) = self
                    .open_identifier
                    .and_then(|i| self.entity.identifiers.get_mut(i))
                {
                    id.note = Some(match id.note.take() {
                        Some(n) => format!("{n}; {text}"),
                        None => text,
                    });
                }
            }
            _ => {}
        }
    }

    /// One element read from its attributes.
    fn element(&mut self, name: &[u8], a: &Attrs<'_>) {
        match name {
            b"regulation" => push_unique(&mut self.entity.programs, attr(a, "programme")),
            b"subjectType" => self.kind_code = Some(attr(a, "code").to_string()),
            b"nameAlias" => self.name_alias(a),
            b"citizenship" => {
                let c = country_of(a, CountryRole::Citizenship);
                push_country(&mut self.entity, c);
            }
            b"birthdate" => self.birthdate(a),
            b"address" => self.address(a),
            b"identification" => self.identification(a),
            b"contactInfo" => self.contact(a),
            _ => {}
        }
    }

    /// The first alias is the primary name; `strong="false"` marks a weak alias.
    fn name_alias(&mut self, a: &Attrs<'_>) {
        let mut text = collapse_whitespace(attr(a, "wholeName"));
        if text.is_empty() {
            text = parts::join_parts(&[
                attr(a, "firstName"),
                attr(a, "middleName"),
                attr(a, "lastName"),
            ])
            .replace(", ", " ");
        }
        if text.is_empty() {
            return;
        }
        let kind = if self.entity.names.is_empty() {
            NameKind::Primary
        } else if attr(a, "strong").eq_ignore_ascii_case("false") {
            NameKind::WeakAlias
        } else {
            NameKind::Alias
        };
        let lang = attr(a, "nameLanguage");
        for mut name in parts::split_names(&text, kind) {
            name.lang = (!lang.is_empty()).then(|| lang.to_string());
            push_name(&mut self.entity, name);
        }
        let function = attr(a, "function");
        if !function.is_empty() {
            push_unique(&mut self.entity.remarks, function);
        }
    }

    /// `birthdate="1962-02-18"`, or `year`/`monthOfYear`/`dayOfMonth`, or
    /// `yearRangeFrom`/`yearRangeTo`, each possibly `circa="true"`: rebuilt as the text the
    /// date parser reads. Islamic-calendar dates are kept as text only, with a warning.
    fn birthdate(&mut self, a: &Attrs<'_>) {
        let islamic = attr(a, "calendarType").eq_ignore_ascii_case("ISLAMIC");
        let core = birthdate_text(a, islamic);
        if !core.is_empty() {
            let raw = if attr(a, "circa").eq_ignore_ascii_case("true") {
                format!("circa {core}")
            } else {
                core
            };
            self.add_date(&raw, islamic);
        }
        let place = parts::join_parts(&[attr(a, "city"), attr(a, "place"), attr(a, "region")]);
        if !place.is_empty() {
            let country = known_description(a);
            let full = parts::join_parts(&[&place, country]);
            push_unique(&mut self.entity.birth_places, &full);
        }
        let c = country_of(a, CountryRole::Location);
        push_country(&mut self.entity, c);
    }

    fn add_date(&mut self, raw: &str, islamic: bool) {
        if islamic {
            let raw = format!("{raw} (Islamic calendar)");
            self.warnings.push(format!(
                "date of birth `{raw}` is in the Islamic calendar, expected Gregorian; kept as text"
            ));
            push_date(
                &mut self.entity,
                crate::model::DateValue { value: None, raw },
            );
            return;
        }
        let (date, failed) = parts::date(raw);
        if failed {
            self.warnings.push(format!(
                "date of birth `{}` does not parse, expected a year, YYYY-MM-DD or a year range; kept as text",
                date.raw
            ));
        }
        push_date(&mut self.entity, date);
    }

    fn address(&mut self, a: &Attrs<'_>) {
        let g = |k| collapse_whitespace(attr(a, k));
        let (street, city, region, zip) = (g("street"), g("city"), g("region"), g("zipCode"));
        let country = known_description(a).to_string();
        let full = parts::join_parts(&[
            &street,
            attr(a, "poBox"),
            &city,
            attr(a, "place"),
            &region,
            &zip,
            &country,
        ]);
        let c = country_of(a, CountryRole::Location);
        push_country(&mut self.entity, c);
        if full.is_empty() {
            return;
        }
        let some = |s: String| (!s.is_empty()).then_some(s);
        self.entity.addresses.push(Address {
            street: some(street),
            city: some(city),
            region: some(region),
            postal_code: some(zip),
            country: some(country),
            full,
        });
    }

    fn identification(&mut self, a: &Attrs<'_>) {
        let mut value = collapse_whitespace(attr(a, "number"));
        if value.is_empty() {
            value = collapse_whitespace(attr(a, "latinNumber"));
        }
        if value.is_empty() {
            return;
        }
        let code = attr(a, "identificationTypeCode");
        let description = attr(a, "identificationTypeDescription");
        self.entity.identifiers.push(Identifier {
            kind: id_kind(code),
            label: if description.is_empty() {
                code
            } else {
                description
            }
            .to_string(),
            value,
            country: known_code(a).map(str::to_string),
            note: None,
        });
        self.open_identifier = Some(self.entity.identifiers.len() - 1);
    }

    /// `contactInfo` (inside addresses): phone, fax, e-mail and website.
    fn contact(&mut self, a: &Attrs<'_>) {
        let value = collapse_whitespace(attr(a, "value"));
        let key = attr(a, "key");
        let kind = match key.to_ascii_uppercase().as_str() {
            "EMAIL" => IdKind::Email,
            "WEB" | "WEBSITE" => IdKind::Website,
            "PHONE" | "FAX" => IdKind::Phone,
            _ => IdKind::Other,
        };
        if value.is_empty() {
            return;
        }
        self.entity.identifiers.push(Identifier {
            kind,
            label: key.to_string(),
            value,
            country: None,
            note: None,
        });
    }

    fn finish(mut self, warnings: &mut Vec<Warning>) -> Result<Entity> {
        let code = self.kind_code.take().unwrap_or_default();
        self.entity.kind = EntityKind::parse(&code).unwrap_or_else(|| {
            self.warnings.push(format!(
                "subjectType code `{code}`, expected person, enterprise, vessel or aircraft; kind unknown"
            ));
            EntityKind::Unknown
        });
        if self.entity.names.is_empty() {
            return Err(Error::parse(
                self.file,
                self.here,
                "no name, expected a <nameAlias> with a wholeName",
            ));
        }
        for message in self.warnings {
            warnings.push(Warning::new(self.file, self.here.clone(), message));
        }
        Ok(self.entity)
    }
}

fn push_reference(entity: &mut Entity, label: &str, value: &str) {
    if !value.is_empty() {
        entity.identifiers.push(Identifier {
            kind: IdKind::Other,
            label: label.into(),
            value: value.into(),
            country: None,
            note: None,
        });
    }
}

/// The date part of a `birthdate` element, without circa.
fn birthdate_text(a: &Attrs<'_>, islamic: bool) -> String {
    let (from, to) = (attr(a, "yearRangeFrom"), attr(a, "yearRangeTo"));
    if !from.is_empty() || !to.is_empty() {
        return collapse_whitespace(&format!("{from} to {to}"));
    }
    let whole = attr(a, "birthdate");
    if !whole.is_empty() && !islamic {
        return whole.to_string();
    }
    let year = attr(a, "year");
    if year.is_empty() {
        return String::new();
    }
    let pad = |s: &str| format!("{s:0>2}");
    match (attr(a, "monthOfYear"), attr(a, "dayOfMonth")) {
        ("", _) => year.to_string(),
        (m, "") => format!("{year}-{}", pad(m)),
        (m, d) => format!("{year}-{}-{}", pad(m), pad(d)),
    }
}

/// `countryIso2Code` unless it is the `00` the file writes for unknown.
fn known_code<'a>(a: &'a Attrs<'_>) -> Option<&'a str> {
    let code = attr(a, "countryIso2Code");
    (code.len() == 2 && code != "00").then_some(code)
}

/// `countryDescription` unless it is `UNKNOWN`.
fn known_description<'a>(a: &'a Attrs<'_>) -> &'a str {
    let d = attr(a, "countryDescription");
    if d.eq_ignore_ascii_case("unknown") {
        ""
    } else {
        d
    }
}

fn country_of(a: &Attrs<'_>, role: CountryRole) -> Option<Country> {
    let code = known_code(a).map(str::to_string);
    let name = known_description(a);
    if code.is_none() && name.is_empty() {
        return None;
    }
    Some(Country {
        name: if name.is_empty() {
            code.clone().unwrap_or_default()
        } else {
            name.to_string()
        },
        code,
        role,
    })
}

/// `identificationTypeCode` → identifier kind.
fn id_kind(code: &str) -> IdKind {
    match code.to_ascii_lowercase().as_str() {
        "passport" => IdKind::Passport,
        "id" | "nationcert" | "ssn" | "electionid" | "residentperm" => IdKind::NationalId,
        "fiscalcode" => IdKind::TaxId,
        "regnumber" | "tradelic" => IdKind::Registration,
        "imo" => IdKind::Imo,
        "swiftbic" => IdKind::Swift,
        _ => IdKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateSpec, Script};

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-05-13T17:44:28.283+02:00">
 <sanctionEntity unitedNationId="KPi.024" euReferenceNumber="EU.1" logicalId="7">
  <remark>A  remark</remark>
  <regulation programme="PRK" logicalId="1"><publicationUrl>http://x</publicationUrl></regulation>
  <subjectType code="person" classificationCode="P"/>
  <nameAlias wholeName="Yong  Chol KIM" nameLanguage="EN" strong="true"><regulationSummary numberTitle="x"/></nameAlias>
  <nameAlias wholeName="김영철" nameLanguage="" strong="true"/>
  <nameAlias wholeName="" firstName="Kim" lastName="Y" strong="false"/>
  <citizenship countryIso2Code="KP" countryDescription="KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF"/>
  <birthdate circa="true" calendarType="GREGORIAN" city="Kandahar" yearRangeFrom="1953" yearRangeTo="1958" countryIso2Code="AF" countryDescription="AFGHANISTAN"/>
  <birthdate circa="false" calendarType="ISLAMIC" year="1402" monthOfYear="6" dayOfMonth="24" birthdate="1982-04-19" countryIso2Code="00"><remark>hijri</remark></birthdate>
  <identification number="D 0001203" identificationTypeCode="passport" identificationTypeDescription="National passport" countryIso2Code="AF"><remark>(afghan passport)</remark></identification>
  <address city="Damascus" street="New Sham" poBox="" countryIso2Code="SY" countryDescription="SYRIA"><contactInfo key="EMAIL" value="info@x.sy"/></address>
 </sanctionEntity>
</export>"#;

    #[test]
    fn reads_one_entity() {
        let list = parse("eu.xml", SAMPLE.as_bytes()).expect("parses");
        assert_eq!(list.info.published.as_deref(), Some("2024-05-13"));
        let e = &list.entities[0];
        assert_eq!(e.id, "eu:7");
        assert_eq!(e.kind, EntityKind::Person);
        assert_eq!(e.programs, ["PRK"]);
        assert_eq!(e.remarks, ["A remark"]);
        let names: Vec<_> = e.names.iter().map(|n| (n.text.as_str(), n.kind)).collect();
        assert_eq!(
            names,
            [
                ("Yong Chol KIM", NameKind::Primary),
                ("김영철", NameKind::Alias),
                ("Kim Y", NameKind::WeakAlias)
            ]
        );
        assert_eq!(e.names[0].lang.as_deref(), Some("EN"));
        assert_eq!(e.names[1].script, Script::Hangul);
        assert_eq!(e.birth_dates[0].raw, "circa 1953 to 1958");
        assert!(matches!(e.birth_dates[0].value, Some(DateSpec::Circa(_))));
        assert_eq!(e.birth_dates[1].value, None);
        assert_eq!(e.birth_dates[1].raw, "1402-06-24 (Islamic calendar)");
        assert_eq!(list.warnings.len(), 1);
        assert!(list.warnings[0].to_string().contains("logicalId 7"));
        let un = e.identifiers.iter().find(|i| i.label == "UN reference");
        assert_eq!(un.map(|i| i.value.as_str()), Some("KPi.024"));
        let pass = e.identifiers.iter().find(|i| i.kind == IdKind::Passport);
        assert_eq!(
            pass.and_then(|i| i.note.as_deref()),
            Some("(afghan passport)")
        );
        assert!(e.identifiers.iter().any(|i| i.kind == IdKind::Email));
        assert_eq!(e.addresses[0].full, "New Sham, Damascus, SYRIA");
        assert_eq!(e.birth_places, ["Kandahar, AFGHANISTAN"]);
    }
}
