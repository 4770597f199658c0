//! OFAC "classic" XML: `sdn.xml` (the SDN list) and `consolidated.xml` (the non-SDN
//! consolidated list). Both files use the same schema, root `<sdnList>`, so one loader
//! reads both; the list is named `OFAC non-SDN` when the file stem contains `cons`.
//!
//! The file is streamed through the shared `xml::Walker` (no DOM), as the UN, EU and OFAC
//! advanced loaders are, so that XML syntax, references and truncation are handled in
//! one place. Elements are matched by *local* name so that the old
//! `http://tempuri.org/sdnList.xsd` namespace and the current
//! `https://sanctionslistservice.ofac.treas.gov/.../XML` one both work. Entries are read
//! as a stream rather than as `xml_tree::Node` trees so that an error
//! inside an entry can name its uid as soon as it has been read.

use super::ofac_common::{alias_kind, make_identifier, push_address, push_country};
use super::xml::{local_name, Step, Walker};
use super::{parts, Format};
use crate::error::{Error, Location, Result, Warning};
use crate::model::parse_date;
use crate::model::{
    Address, CountryRole, DateValue, Entity, EntityKind, Identifier, LoadedList, Name, NameKind,
};

/// Kept reachable here, where it was first public; the OFAC CSV and advanced loaders
/// share it too, so it lives in `ofac_common`.
pub use super::ofac_common::list_name;

/// Parses a whole OFAC classic XML file. `file` names it in errors and decides the list
/// name (`OFAC SDN`, or `OFAC non-SDN` when its stem contains `cons`).
pub fn parse(file: &str, bytes: &[u8]) -> Result<LoadedList> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::parse(
            file,
            Location::File,
            "the file is empty: expected OFAC XML with root <sdnList>",
        ));
    }
    let mut walker = Walker::new(file, bytes)?;
    let mut parser = Parser::new(file);
    parser.run(&mut walker)?;
    Ok(parser.finish())
}

/// The elements the loader cares about; everything else is `Other` and ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    SdnList,
    PublshInformation,
    PublishDate,
    RecordCount,
    SdnEntry,
    Uid,
    FirstName,
    LastName,
    Title,
    SdnType,
    Remarks,
    ProgramList,
    Program,
    Aka,
    Type,
    Category,
    Id,
    IdType,
    IdNumber,
    IdCountry,
    IssueDate,
    ExpirationDate,
    Address,
    Address1,
    Address2,
    Address3,
    City,
    StateOrProvince,
    PostalCode,
    Country,
    DateOfBirthItem,
    DateOfBirth,
    PlaceOfBirthItem,
    PlaceOfBirth,
    Nationality,
    Citizenship,
    VesselInfo,
    CallSign,
    VesselType,
    VesselFlag,
    VesselOwner,
    Tonnage,
    GrossRegisteredTonnage,
    Other,
}

impl Tag {
    fn from_local(name: &[u8]) -> Tag {
        match name {
            b"sdnList" => Tag::SdnList,
            // OFAC spells it `publshInformation`; accept the corrected spelling too.
            b"publshInformation" | b"publishInformation" => Tag::PublshInformation,
            b"Publish_Date" => Tag::PublishDate,
            b"Record_Count" => Tag::RecordCount,
            b"sdnEntry" => Tag::SdnEntry,
            b"uid" => Tag::Uid,
            b"firstName" => Tag::FirstName,
            b"lastName" => Tag::LastName,
            b"title" => Tag::Title,
            b"sdnType" => Tag::SdnType,
            b"remarks" => Tag::Remarks,
            b"programList" => Tag::ProgramList,
            b"program" => Tag::Program,
            b"aka" => Tag::Aka,
            b"type" => Tag::Type,
            b"category" => Tag::Category,
            b"id" => Tag::Id,
            b"idType" => Tag::IdType,
            b"idNumber" => Tag::IdNumber,
            b"idCountry" => Tag::IdCountry,
            b"issueDate" => Tag::IssueDate,
            b"expirationDate" => Tag::ExpirationDate,
            b"address" => Tag::Address,
            b"address1" => Tag::Address1,
            b"address2" => Tag::Address2,
            b"address3" => Tag::Address3,
            b"city" => Tag::City,
            b"stateOrProvince" => Tag::StateOrProvince,
            b"postalCode" => Tag::PostalCode,
            b"country" => Tag::Country,
            b"dateOfBirthItem" => Tag::DateOfBirthItem,
            b"dateOfBirth" => Tag::DateOfBirth,
            b"placeOfBirthItem" => Tag::PlaceOfBirthItem,
            b"placeOfBirth" => Tag::PlaceOfBirth,
            b"nationality" => Tag::Nationality,
            b"citizenship" => Tag::Citizenship,
            b"vesselInfo" => Tag::VesselInfo,
            b"callSign" => Tag::CallSign,
            b"vesselType" => Tag::VesselType,
            b"vesselFlag" => Tag::VesselFlag,
            b"vesselOwner" => Tag::VesselOwner,
            b"tonnage" => Tag::Tonnage,
            b"grossRegisteredTonnage" => Tag::GrossRegisteredTonnage,
            _ => Tag::Other,
        }
    }

    /// Elements whose children are collected as one sub-record of an entry.
    fn is_record(self) -> bool {
        matches!(
            self,
            Tag::Aka
                | Tag::Id
                | Tag::Address
                | Tag::DateOfBirthItem
                | Tag::PlaceOfBirthItem
                | Tag::Nationality
                | Tag::Citizenship
                | Tag::VesselInfo
        )
    }
}

/// The direct children of one sub-record (`aka`, `id`, `address` …), by tag.
#[derive(Default)]
struct Record {
    fields: Vec<(Tag, String)>,
}

impl Record {
    /// The first non-empty value of a child element.
    fn get(&self, tag: Tag) -> Option<&str> {
        self.fields
            .iter()
            .find(|(t, v)| *t == tag && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }
}

/// One `sdnEntry` while it is being read.
#[derive(Default)]
struct EntryBuilder {
    /// Byte offset of the `<sdnEntry>` tag.
    start: u64,
    uid: String,
    first_name: String,
    last_name: String,
    sdn_type: String,
    /// Aliases, in file order; the primary name is put in front when the entry ends.
    aliases: Vec<Name>,
    /// Dates of birth that did not parse, warned about once the uid is known.
    bad_dates: Vec<String>,
    entity: Entity,
}

#[derive(Default)]
struct Header {
    published: Option<String>,
    record_count: Option<String>,
}

struct Parser<'f> {
    file: &'f str,
    stack: Vec<Tag>,
    text: String,
    header: Header,
    entry: Option<EntryBuilder>,
    record: Record,
    entities: Vec<Entity>,
    warnings: Vec<Warning>,
    seen_root: bool,
}

impl<'f> Parser<'f> {
    fn new(file: &'f str) -> Self {
        Parser {
            file,
            stack: Vec::with_capacity(8),
            text: String::new(),
            header: Header::default(),
            entry: None,
            record: Record::default(),
            entities: Vec::new(),
            warnings: Vec::new(),
            seen_root: false,
        }
    }

    /// Hands every step of the walk to the parser; stops at the first error. The walker
    /// has checked, by [`Step::End`], that every element closed and a root was seen.
    fn run(&mut self, walker: &mut Walker<'_>) -> Result<()> {
        loop {
            match walker.next_step().map_err(|e| self.within_entry(e))? {
                Step::Open(e) => {
                    let tag = Tag::from_local(local_name(e.name().as_ref()));
                    self.start(tag, walker.position())?
                }
                Step::Close(_) => self.end()?,
                Step::Text(text) => self.text.push_str(&text),
                Step::End => return Ok(()),
            }
        }
    }

    fn start(&mut self, tag: Tag, at: u64) -> Result<()> {
        if self.stack.is_empty() {
            if self.seen_root {
                return Err(self.error_at(at, "a second root element after </sdnList>"));
            }
            if tag != Tag::SdnList {
                return Err(self.error_at(
                    at,
                    "root element is not <sdnList>: expected OFAC classic XML",
                ));
            }
            self.seen_root = true;
        }
        if tag == Tag::SdnEntry && self.stack.len() == 1 {
            self.entry = Some(EntryBuilder {
                start: at,
                ..EntryBuilder::default()
            });
        }
        if tag.is_record() {
            self.record.fields.clear();
        }
        self.stack.push(tag);
        self.text.clear();
        Ok(())
    }

    fn end(&mut self) -> Result<()> {
        let tag = self.stack.pop().unwrap_or(Tag::Other);
        let parent = self.stack.last().copied();
        // The text buffer is lent out and given back cleared, so it is allocated once.
        let mut text = std::mem::take(&mut self.text);
        let result = self.dispatch_end(parent, tag, text.trim());
        text.clear();
        self.text = text;
        result
    }

    /// What a closing tag means, by the tag and its parent.
    fn dispatch_end(&mut self, parent: Option<Tag>, tag: Tag, value: &str) -> Result<()> {
        match (parent, tag) {
            (Some(Tag::PublshInformation), Tag::PublishDate) => {
                self.header.published = Some(value.to_string())
            }
            (Some(Tag::PublshInformation), Tag::RecordCount) => {
                self.header.record_count = Some(value.to_string())
            }
            (Some(Tag::SdnList), Tag::SdnEntry) => self.finish_entry()?,
            (Some(Tag::SdnEntry), Tag::VesselInfo) => self.finish_record(tag),
            (Some(Tag::SdnEntry), _) => self.entry_field(tag, value),
            (Some(Tag::ProgramList), Tag::Program) if !value.is_empty() => {
                if let Some(entry) = &mut self.entry {
                    entry.entity.programs.push(value.to_string());
                }
            }
            (Some(p), _) if p.is_record() && tag != Tag::Other => {
                self.record.fields.push((tag, value.to_string()))
            }
            (Some(_), t) if t.is_record() => self.finish_record(tag),
            _ => {}
        }
        Ok(())
    }

    /// A direct child of `sdnEntry` with text.
    fn entry_field(&mut self, tag: Tag, value: &str) {
        let Some(entry) = &mut self.entry else {
            return;
        };
        match tag {
            Tag::Uid => entry.uid = value.to_string(),
            Tag::FirstName => entry.first_name = value.to_string(),
            Tag::LastName => entry.last_name = value.to_string(),
            Tag::SdnType => entry.sdn_type = value.to_string(),
            Tag::Title if !value.is_empty() => entry.entity.remarks.push(format!("Title: {value}")),
            Tag::Remarks if !value.is_empty() => entry.entity.remarks.push(value.to_string()),
            _ => {}
        }
    }

    /// Turns the collected children of a sub-record into fields of the entry.
    fn finish_record(&mut self, tag: Tag) {
        let record = std::mem::take(&mut self.record);
        let Some(entry) = &mut self.entry else {
            return;
        };
        let entity = &mut entry.entity;
        match tag {
            Tag::Aka => {
                if let Some(name) = aka_name(&record) {
                    entry.aliases.push(name);
                }
            }
            Tag::Id => {
                if let Some(id) = identifier(&record) {
                    entity.identifiers.push(id);
                }
            }
            Tag::Address => add_address(entity, &record),
            Tag::DateOfBirthItem => {
                if let Some(raw) = record.get(Tag::DateOfBirth) {
                    let value = parse_date(raw);
                    if value.is_none() {
                        entry.bad_dates.push(raw.to_string());
                    }
                    entity.birth_dates.push(DateValue {
                        value,
                        raw: raw.to_string(),
                    });
                }
            }
            Tag::PlaceOfBirthItem => {
                if let Some(place) = record.get(Tag::PlaceOfBirth) {
                    entity.birth_places.push(place.to_string());
                }
            }
            Tag::Nationality | Tag::Citizenship => {
                let role = if tag == Tag::Nationality {
                    CountryRole::Nationality
                } else {
                    CountryRole::Citizenship
                };
                if let Some(name) = record.get(Tag::Country) {
                    push_country(entity, name, role);
                }
            }
            Tag::VesselInfo => add_vessel_info(entity, &record),
            _ => {}
        }
        self.record = record;
        self.record.fields.clear();
    }

    /// Checks an entry's required fields and adds it to the list.
    fn finish_entry(&mut self) -> Result<()> {
        let Some(mut entry) = self.entry.take() else {
            return Ok(());
        };
        let location = entry_location(&entry);
        let fail = |message: String| Error::parse(self.file, location.clone(), message);
        if entry.uid.is_empty() || !entry.uid.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fail(format!(
                "sdnEntry uid `{}`: expected a number",
                entry.uid
            )));
        }
        entry.entity.kind = entity_kind(&entry.sdn_type).ok_or_else(|| {
            fail(format!(
                "sdnType `{}`: expected Individual, Entity, Vessel or Aircraft",
                entry.sdn_type
            ))
        })?;
        let primary = display_name(&entry.last_name, &entry.first_name)
            .ok_or_else(|| fail("no lastName: expected the entry's name".into()))?;
        for raw in &entry.bad_dates {
            self.warnings.push(Warning::new(
                self.file,
                location.clone(),
                format!("date of birth `{raw}` does not parse; kept as raw text"),
            ));
        }
        entry.entity.id = format!("ofac:{}", entry.uid);
        entry.entity.names = std::iter::once(Name::new(primary, NameKind::Primary))
            .chain(entry.aliases)
            .collect();
        self.entities.push(entry.entity);
        Ok(())
    }

    /// An error at a byte offset, inside the current entry when there is one.
    fn error_at(&self, at: u64, message: impl Into<String>) -> Error {
        self.within_entry(Error::parse(self.file, Location::Byte(at), message))
    }

    /// Places an error inside the entry being read, if any, so that a malformed or cut-off
    /// file names the entry (by uid once known) and not only a byte.
    fn within_entry(&self, error: Error) -> Error {
        match (error, &self.entry) {
            (
                Error::Parse {
                    file,
                    location,
                    message,
                },
                Some(entry),
            ) => Error::parse(
                file,
                Location::record(entry_label(entry), Some(location)),
                message,
            ),
            (error, _) => error,
        }
    }

    fn finish(mut self) -> LoadedList {
        let name = list_name(self.file);
        let published = self.header.published.as_deref().and_then(us_date_to_iso);
        if let Some(raw) = self
            .header
            .published
            .as_deref()
            .filter(|_| published.is_none())
        {
            self.warnings.push(Warning::new(
                self.file,
                Location::record("publshInformation", None),
                format!("Publish_Date `{raw}` is not MM/DD/YYYY; publication date unknown"),
            ));
        }
        self.check_record_count();
        for entity in &mut self.entities {
            entity.list = name.to_string();
            entity.list_date = published.clone();
        }
        LoadedList {
            entities: self.entities,
            warnings: self.warnings,
            ..parts::new_list(Format::OfacXml, name, published, self.file)
        }
    }

    /// A Record_Count that disagrees with the entries found is worth a warning, not an
    /// error: OFAC's own excerpts keep the full list's count.
    fn check_record_count(&mut self) {
        let Some(raw) = self.header.record_count.as_deref() else {
            return;
        };
        let found = self.entities.len();
        let message = match raw.parse::<usize>() {
            Ok(n) if n == found => return,
            Ok(n) => format!("Record_Count says {n} but the file holds {found} sdnEntry records"),
            Err(_) => format!("Record_Count `{raw}` is not a number"),
        };
        self.warnings.push(Warning::new(
            self.file,
            Location::record("publshInformation", None),
            message,
        ));
    }
}

fn entry_location(entry: &EntryBuilder) -> Location {
    Location::record(entry_label(entry), Some(Location::Byte(entry.start)))
}

/// `sdnEntry uid 20157`, or where the entry starts while its uid is not known.
fn entry_label(entry: &EntryBuilder) -> String {
    if entry.uid.is_empty() {
        format!("sdnEntry without uid, starting at byte {}", entry.start)
    } else {
        format!("sdnEntry uid {}", entry.uid)
    }
}

/// `Individual` / `Entity` / `Vessel` / `Aircraft` → the entity kind.
fn entity_kind(sdn_type: &str) -> Option<EntityKind> {
    match sdn_type.to_ascii_lowercase().as_str() {
        "individual" => Some(EntityKind::Person),
        "entity" => Some(EntityKind::Organization),
        "vessel" => Some(EntityKind::Vessel),
        "aircraft" => Some(EntityKind::Aircraft),
        _ => None,
    }
}

/// OFAC's display form: `LAST, First` when there is a first name (`KIM, Jong Un`).
fn display_name(last: &str, first: &str) -> Option<String> {
    match (last.is_empty(), first.is_empty()) {
        (false, false) => Some(format!("{last}, {first}")),
        (false, true) => Some(last.to_string()),
        (true, false) => Some(first.to_string()),
        (true, true) => None,
    }
}

/// An `aka`: f.k.a. is a former name; otherwise a weak category makes it a weak alias.
fn aka_name(record: &Record) -> Option<Name> {
    let text = display_name(
        record.get(Tag::LastName).unwrap_or(""),
        record.get(Tag::FirstName).unwrap_or(""),
    )?;
    let kind = alias_kind(
        record.get(Tag::Type).unwrap_or(""),
        record.get(Tag::Category).unwrap_or(""),
    );
    Some(Name::new(text, kind))
}

fn identifier(record: &Record) -> Option<Identifier> {
    let label = record.get(Tag::IdType).unwrap_or("");
    let value = record.get(Tag::IdNumber)?;
    let note = [
        record.get(Tag::IssueDate).map(|d| format!("issued {d}")),
        record
            .get(Tag::ExpirationDate)
            .map(|d| format!("expires {d}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("; ");
    Some(make_identifier(
        label,
        value,
        record.get(Tag::IdCountry).map(str::to_string),
        (!note.is_empty()).then_some(note),
    ))
}

fn add_address(entity: &mut Entity, record: &Record) {
    let street = [Tag::Address1, Tag::Address2, Tag::Address3]
        .iter()
        .filter_map(|t| record.get(*t))
        .collect::<Vec<_>>()
        .join(", ");
    let owned = |t: Tag| record.get(t).map(str::to_string);
    let address = Address {
        street: (!street.is_empty()).then_some(street),
        city: owned(Tag::City),
        region: owned(Tag::StateOrProvince),
        postal_code: owned(Tag::PostalCode),
        country: owned(Tag::Country),
        full: String::new(),
    };
    push_address(entity, address);
}

/// `vesselInfo`: the call sign is an identifier, the flag a country, the rest remarks.
fn add_vessel_info(entity: &mut Entity, record: &Record) {
    if let Some(call_sign) = record.get(Tag::CallSign) {
        entity
            .identifiers
            .push(make_identifier("Call Sign", call_sign, None, None));
    }
    if let Some(flag) = record.get(Tag::VesselFlag) {
        push_country(entity, flag, CountryRole::Location);
    }
    for (tag, label) in [
        (Tag::VesselType, "Vessel type"),
        (Tag::VesselFlag, "Vessel flag"),
        (Tag::VesselOwner, "Vessel owner"),
        (Tag::Tonnage, "Tonnage"),
        (Tag::GrossRegisteredTonnage, "GRT"),
    ] {
        if let Some(value) = record.get(tag) {
            entity.remarks.push(format!("{label}: {value}"));
        }
    }
}

/// OFAC's `Publish_Date` is US style `MM/DD/YYYY`: `05/07/2024` → `2024-05-07`.
fn us_date_to_iso(raw: &str) -> Option<String> {
    let mut parts = raw.trim().split('/');
    let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (m, d, y): (u8, u8, u16) = (m.parse().ok()?, d.parse().ok()?, y.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d) && (1000..=2999).contains(&y))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateSpec, IdKind};

    const ENTRY: &str = r#"<?xml version="1.0"?>
<sdnList xmlns="http://tempuri.org/sdnList.xsd">
  <publshInformation><Publish_Date>05/07/2024</Publish_Date><Record_Count>1</Record_Count></publshInformation>
  <sdnEntry>
    <uid>20157</uid><firstName>Jong Un</firstName><lastName>KIM</lastName>
    <sdnType>Individual</sdnType>
    <programList><program>DPRK3</program></programList>
    <akaList><aka><uid>1</uid><type>a.k.a.</type><category>weak</category><lastName>A &amp; B</lastName></aka>
      <aka><uid>2</uid><type>f.k.a.</type><category>weak</category><lastName>OLD</lastName></aka></akaList>
    <idList><id><uid>3</uid><idType>Vessel Registration Identification</idType><idNumber>IMO 7406784</idNumber></id></idList>
    <addressList><address><uid>4</uid><city>Pyongyang</city><country>Korea, North</country></address></addressList>
    <dateOfBirthList><dateOfBirthItem><uid>5</uid><dateOfBirth>08 Jan 1984</dateOfBirth></dateOfBirthItem>
      <dateOfBirthItem><uid>6</uid><dateOfBirth>sometime</dateOfBirth></dateOfBirthItem></dateOfBirthList>
    <nationalityList><nationality><uid>7</uid><country>Korea, North</country></nationality></nationalityList>
    <vesselInfo><callSign>HMYN</callSign><vesselFlag>Panama</vesselFlag></vesselInfo>
  </sdnEntry>
</sdnList>"#;

    #[test]
    fn reads_one_entry_field_by_field() {
        let list = parse("sdn.xml", ENTRY.as_bytes()).unwrap();
        assert_eq!(list.info.name, "OFAC SDN");
        assert_eq!(list.info.published.as_deref(), Some("2024-05-07"));
        let e = &list.entities[0];
        assert_eq!(e.id, "ofac:20157");
        assert_eq!(e.primary_name(), "KIM, Jong Un");
        assert_eq!(e.names[1].text, "A & B");
        assert_eq!(e.names[1].kind, NameKind::WeakAlias);
        assert_eq!(e.names[2].kind, NameKind::Former);
        assert_eq!(e.identifiers[0].kind, IdKind::Imo);
        assert_eq!(e.identifiers[0].value, "7406784");
        assert_eq!(e.identifiers[1].kind, IdKind::CallSign);
        assert_eq!(
            e.birth_dates[0].value,
            Some(DateSpec::Day {
                year: 1984,
                month: 1,
                day: 8
            })
        );
        assert_eq!(e.birth_dates[1].value, None);
        assert_eq!(e.birth_dates[1].raw, "sometime");
        assert_eq!(list.warnings.len(), 1);
        assert!(list.warnings[0].to_string().contains("sdnEntry uid 20157"));
        let nat = e
            .countries
            .iter()
            .find(|c| c.role == CountryRole::Nationality)
            .unwrap();
        assert_eq!(nat.code.as_deref(), Some("KP"));
        assert_eq!(e.addresses[0].full, "Pyongyang, Korea, North");
    }

    #[test]
    fn us_dates() {
        assert_eq!(us_date_to_iso("05/07/2024").as_deref(), Some("2024-05-07"));
        assert_eq!(us_date_to_iso("13/07/2024"), None);
        assert_eq!(us_date_to_iso("2024-05-07"), None);
    }
}
