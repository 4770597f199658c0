//! OpenSanctions FollowTheMoney entities as JSON lines: one
//! `{"id", "schema", "caption", "properties": {…}}` object a line.
//!
//! Only "things" become entities: `Person`, `Organization`/`Company`/`LegalEntity`/
//! `PublicBody`, `Vessel` and `Airplane`. Two other schemas are joined onto the thing
//! they point at: a `Sanction`'s `programId` codes become the programmes of its `entity`,
//! and a `CryptoWallet`'s `publicKey` becomes a crypto identifier of its `holder`. Every
//! other schema (`Ownership`, `Address`, `Family` …) is skipped, with one warning per
//! schema saying how many records were. Ids are `<file stem>:<ftm id>`: an FtM id is
//! global, and one entity is often in several datasets.

use super::limits::already_has;
use super::parts::{self, push_country, push_date, push_name, push_unique};
use super::Format;
use crate::error::{Error, Location, Result, Warning};
use crate::model::{
    Address, CountryRole, Entity, EntityKind, IdKind, Identifier, LoadedList, Name, NameKind,
    Script,
};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// True when the first non-empty line is a JSON object with `schema` and `properties`.
pub fn looks_like_ftm(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let Some(line) = bytes
        .split(|&b| b == b'\n')
        .find(|l| !l.trim_ascii().is_empty())
    else {
        return false;
    };
    match serde_json::from_slice::<serde_json::Value>(line) {
        Ok(serde_json::Value::Object(o)) => {
            o.contains_key("schema") && o.contains_key("properties")
        }
        _ => false,
    }
}

/// Parses a whole file; `stem` (the file stem) names the list and prefixes the ids.
pub fn parse(file: &str, stem: &str, bytes: &[u8]) -> Result<LoadedList> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::parse(
            file,
            Location::Byte(e.valid_up_to() as u64),
            "invalid UTF-8, expected FollowTheMoney JSON lines",
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut list = Loader::new(file, stem);
    for (i, line) in text.lines().enumerate() {
        if !line.trim().is_empty() {
            list.record(i as u64 + 1, line)?;
        }
    }
    Ok(list.finish())
}

/// One line as FtM writes it; property values are lists of strings.
#[derive(Deserialize)]
struct Record {
    id: String,
    schema: String,
    #[serde(default)]
    caption: String,
    #[serde(default)]
    properties: HashMap<String, Vec<serde_json::Value>>,
}

impl Record {
    /// The values of property `name` as texts, blanks dropped.
    fn values(&self, name: &str) -> Vec<String> {
        let Some(values) = self.properties.get(name) else {
            return Vec::new();
        };
        values
            .iter()
            .map(|v| match v {
                serde_json::Value::String(s) => s.trim().to_string(),
                other => other.to_string(),
            })
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// What a schema is to the loader.
enum Schema {
    Thing(EntityKind),
    Sanction,
    Wallet,
    Other,
}

fn schema(name: &str) -> Schema {
    match name {
        "Person" => Schema::Thing(EntityKind::Person),
        "Organization" | "Company" | "LegalEntity" | "PublicBody" => {
            Schema::Thing(EntityKind::Organization)
        }
        "Vessel" => Schema::Thing(EntityKind::Vessel),
        "Airplane" => Schema::Thing(EntityKind::Aircraft),
        "Sanction" => Schema::Sanction,
        "CryptoWallet" => Schema::Wallet,
        _ => Schema::Other,
    }
}

/// FollowTheMoney's identifier properties and their kinds; the property name is the
/// label. Public so that whatever else reads FtM properties (the service's queries)
/// reads them as this loader does.
pub const IDENTIFIERS: &[(&str, IdKind)] = &[
    ("passportNumber", IdKind::Passport),
    ("idNumber", IdKind::NationalId),
    ("taxNumber", IdKind::TaxId),
    ("innCode", IdKind::TaxId),
    ("vatCode", IdKind::TaxId),
    ("registrationNumber", IdKind::Registration),
    ("ogrnCode", IdKind::Registration),
    ("uscCode", IdKind::Uscc),
    ("leiCode", IdKind::Lei),
    ("swiftBic", IdKind::Swift),
    ("imoNumber", IdKind::Imo),
    ("mmsi", IdKind::Mmsi),
    ("callSign", IdKind::CallSign),
    ("serialNumber", IdKind::AircraftSerial),
    ("email", IdKind::Email),
    ("website", IdKind::Website),
    ("phone", IdKind::Phone),
];

/// A join waiting for the end of the file: the thing it points at may come later.
struct Join {
    line: u64,
    targets: Vec<String>,
    what: JoinValue,
}

enum JoinValue {
    Programs(Vec<String>),
    Identifier(Identifier),
}

/// The entities of one file while it is read.
struct Loader<'f> {
    file: &'f str,
    stem: &'f str,
    entities: Vec<Entity>,
    by_ftm_id: HashMap<String, usize>,
    joins: Vec<Join>,
    skipped: BTreeMap<String, usize>,
    warnings: Vec<Warning>,
}

impl<'f> Loader<'f> {
    fn new(file: &'f str, stem: &'f str) -> Loader<'f> {
        Loader {
            file,
            stem,
            entities: Vec::new(),
            by_ftm_id: HashMap::new(),
            joins: Vec::new(),
            skipped: BTreeMap::new(),
            warnings: Vec::new(),
        }
    }

    /// Reads one line (`line` is 1-based).
    fn record(&mut self, line: u64, text: &str) -> Result<()> {
        let fail = |message: String| Error::parse(self.file, Location::Line(line), message);
        let record: Record = serde_json::from_str(text).map_err(|e| {
            fail(format!(
                "not a FollowTheMoney entity ({e}), expected a JSON object with id, schema and properties"
            ))
        })?;
        if record.id.trim().is_empty() {
            return Err(fail("empty id, expected the entity's FtM id".into()));
        }
        match schema(&record.schema) {
            Schema::Thing(kind) => {
                let entity = self.thing(line, &record, kind);
                self.by_ftm_id
                    .insert(record.id.clone(), self.entities.len());
                self.entities.push(entity);
            }
            Schema::Sanction => self.joins.push(Join {
                line,
                targets: record.values("entity"),
                what: JoinValue::Programs(record.values("programId")),
            }),
            Schema::Wallet => {
                let label = match record.values("currency").first() {
                    Some(currency) => format!("Digital Currency Address - {currency}"),
                    None => "Digital Currency Address".to_string(),
                };
                for key in record.values("publicKey") {
                    self.joins.push(Join {
                        line,
                        targets: record.values("holder"),
                        what: JoinValue::Identifier(identifier(
                            IdKind::CryptoAddress,
                            &label,
                            &key,
                        )),
                    });
                }
            }
            Schema::Other => *self.skipped.entry(record.schema.clone()).or_default() += 1,
        }
        Ok(())
    }

    /// A thing's entity: names, dates, countries, identifiers, addresses, programmes.
    fn thing(&mut self, line: u64, record: &Record, kind: EntityKind) -> Entity {
        let mut entity = Entity {
            id: format!("{}:{}", self.stem, record.id.trim()),
            list: self.stem.to_string(),
            kind,
            ..Entity::default()
        };
        let caption = record.caption.trim();
        let mut names = record.values("name").into_iter();
        let primary = match caption {
            "" => names.next(),
            c => Some(c.to_string()),
        };
        if let Some(primary) = primary {
            push_name(&mut entity, name(&primary, NameKind::Primary));
        }
        for text in names {
            push_name(&mut entity, name(&text, NameKind::Alias));
        }
        for (property, kind) in [
            ("alias", NameKind::Alias),
            ("weakAlias", NameKind::WeakAlias),
            ("previousName", NameKind::Former),
        ] {
            for text in record.values(property) {
                push_name(&mut entity, name(&text, kind));
            }
        }
        for raw in record.values("birthDate") {
            let (date, failed) = parts::date(&raw);
            if failed {
                self.warnings.push(Warning::new(
                    self.file,
                    Location::record(
                        format!("{} {}", record.schema, record.id),
                        Some(Location::Line(line)),
                    ),
                    format!("birthDate `{raw}` does not parse; kept as raw text"),
                ));
            }
            push_date(&mut entity, date);
        }
        for place in record.values("birthPlace") {
            push_unique(&mut entity.birth_places, &place);
        }
        for (property, role) in [
            ("nationality", CountryRole::Nationality),
            ("citizenship", CountryRole::Citizenship),
            ("country", CountryRole::Location),
            ("jurisdiction", CountryRole::Location),
            ("birthCountry", CountryRole::Location),
        ] {
            for value in record.values(property) {
                push_country(&mut entity, parts::country(&value, role));
            }
        }
        for (property, kind) in IDENTIFIERS {
            for value in record.values(property) {
                let id = identifier(*kind, property, &value);
                if !already_has(&entity.identifiers, |o| {
                    o.kind == id.kind && o.value == id.value
                }) {
                    entity.identifiers.push(id);
                }
            }
        }
        for full in record.values("address") {
            let full = crate::model::collapse_whitespace(&full);
            if !already_has(&entity.addresses, |a| a.full == full) {
                entity.addresses.push(Address {
                    full,
                    ..Address::default()
                });
            }
        }
        for program in record.values("programId") {
            push_unique(&mut entity.programs, &program);
        }
        for note in record.values("notes") {
            push_unique(&mut entity.remarks, &note);
        }
        entity
    }

    /// Applies the joins and warns about what was skipped.
    fn finish(mut self) -> LoadedList {
        for join in std::mem::take(&mut self.joins) {
            for target in &join.targets {
                let Some(&index) = self.by_ftm_id.get(target) else {
                    self.warnings.push(Warning::new(
                        self.file,
                        Location::Line(join.line),
                        format!("`{target}` is no Person, Organization, Vessel or Airplane of this file; not joined"),
                    ));
                    continue;
                };
                let entity = &mut self.entities[index];
                match &join.what {
                    JoinValue::Programs(programs) => {
                        for p in programs {
                            push_unique(&mut entity.programs, p);
                        }
                    }
                    JoinValue::Identifier(id) => entity.identifiers.push(id.clone()),
                }
            }
        }
        for (schema, count) in &self.skipped {
            self.warnings.push(Warning::new(
                self.file,
                Location::File,
                format!("skipped {count} `{schema}` record(s): not a listed party"),
            ));
        }
        LoadedList {
            entities: self.entities,
            warnings: self.warnings,
            ..parts::new_list(Format::FtmJson, self.stem, None, self.file)
        }
    }
}

/// A name; non-Latin names are original-script names, as in the other loaders.
fn name(text: &str, kind: NameKind) -> Name {
    let mut name = Name::new(text, kind);
    if name.script != Script::Latin {
        name.kind = NameKind::OriginalScript;
    }
    name
}

/// An identifier as written; the identifier normalisers read prefixes such as `IMO`.
fn identifier(kind: IdKind, label: &str, value: &str) -> Identifier {
    let value = crate::model::collapse_whitespace(value);
    Identifier {
        kind,
        label: label.to_string(),
        value,
        country: None,
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Synthetic lines: two things, a sanction joined to one, a wallet joined to the
    /// other, an ownership (skipped) and a sanction of nobody here.
    const SAMPLE: &str = r#"{"id":"p-1","schema":"Person","caption":"Ivan Petrov","properties":{"name":["Ivan Petrov","Иван Петров"],"alias":["Vanya"],"weakAlias":["IP"],"birthDate":["1970-02-03","unknown"],"nationality":["ru"],"passportNumber":["123456"],"innCode":["7701234567"],"email":["ivan@example.org"],"programId":["X-1"]},"datasets":["test"]}

{"id":"v-1","schema":"Vessel","caption":"SEA STAR","properties":{"name":["SEA STAR"],"previousName":["OLD STAR"],"imoNumber":["IMO 9187629"],"mmsi":["273000000"],"country":["pa"]}}
{"id":"s-1","schema":"Sanction","properties":{"entity":["p-1"],"programId":["X-2","X-1"]}}
{"id":"s-2","schema":"Sanction","properties":{"entity":["nobody"],"programId":["X-3"]}}
{"id":"w-1","schema":"CryptoWallet","properties":{"holder":["v-1"],"publicKey":["1BoatSLRHtKNngkdXEeobR76b53LETtpyT"],"currency":["XBT"]}}
{"id":"o-1","schema":"Ownership","properties":{"owner":["p-1"],"asset":["v-1"]}}
"#;

    #[test]
    fn reads_things_and_joins() {
        assert!(looks_like_ftm(SAMPLE.as_bytes()));
        let list = parse("dir/sample.ftm.json", "sample", SAMPLE.as_bytes()).unwrap();
        assert_eq!(list.info.format, "ftm-json");
        assert_eq!(list.info.name, "sample");
        assert_eq!(list.entities.len(), 2);
        let p = &list.entities[0];
        assert_eq!((p.id.as_str(), p.kind), ("sample:p-1", EntityKind::Person));
        let names: Vec<_> = p.names.iter().map(|n| (n.text.as_str(), n.kind)).collect();
        assert_eq!(
            names,
            [
                ("Ivan Petrov", NameKind::Primary),
                ("Иван Петров", NameKind::OriginalScript),
                ("Vanya", NameKind::Alias),
                ("IP", NameKind::WeakAlias),
            ]
        );
        assert_eq!(p.birth_dates.len(), 2);
        assert_eq!(
            p.birth_dates[0].value.as_ref().unwrap().exact_day(),
            Some((1970, 2, 3))
        );
        assert_eq!(p.countries[0].code.as_deref(), Some("RU"));
        assert_eq!(p.countries[0].role, CountryRole::Nationality);
        let ids: Vec<_> = p
            .identifiers
            .iter()
            .map(|i| (i.kind, i.value.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                (IdKind::Passport, "123456"),
                (IdKind::TaxId, "7701234567"),
                (IdKind::Email, "ivan@example.org"),
            ]
        );
        assert_eq!(p.programs, ["X-1", "X-2"]);
        let v = &list.entities[1];
        assert_eq!(v.kind, EntityKind::Vessel);
        assert_eq!(v.names[1].kind, NameKind::Former);
        let ids: Vec<_> = v
            .identifiers
            .iter()
            .map(|i| (i.kind, i.label.as_str(), i.value.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                (IdKind::Imo, "imoNumber", "IMO 9187629"),
                (IdKind::Mmsi, "mmsi", "273000000"),
                (
                    IdKind::CryptoAddress,
                    "Digital Currency Address - XBT",
                    "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"
                ),
            ]
        );
        let warnings: Vec<String> = list.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(
            warnings[0].contains("`unknown` does not parse"),
            "{warnings:?}"
        );
        assert!(warnings[1].contains("line 5") && warnings[1].contains("`nobody`"));
        assert!(warnings[2].contains("skipped 1 `Ownership` record(s)"));
    }

    #[test]
    fn a_broken_line_is_an_error_with_its_number() {
        let text = "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{}}\n{\"id\":\n";
        let err = parse("x.json", "x", text.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("x.json: line 2: not a FollowTheMoney entity"),
            "{err}"
        );
        let text = "{\"id\":\" \",\"schema\":\"Person\",\"properties\":{}}\n";
        let err = parse("x.json", "x", text.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 1: empty id"), "{err}");
    }

    #[test]
    fn detection_needs_schema_and_properties() {
        assert!(!looks_like_ftm(b"{\"id\":\"a\",\"schema\":\"Person\"}\n"));
        assert!(!looks_like_ftm(b"{not json\n"));
        assert!(!looks_like_ftm(b"\n\n"));
        assert!(looks_like_ftm(
            b"\xef\xbb\xbf\n{\"schema\":\"Person\",\"properties\":{}}\n"
        ));
    }
}
