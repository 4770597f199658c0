//! OFAC "advanced" XML (`SDN_ADVANCED.XML`, `CONS_ADVANCED.XML`): root `<Sanctions>` in
//! the `http://www.un.org/sanctions/1.0` namespace.
//!
//! The file is relational: reference value sets, locations and identity documents come
//! first (the schema fixes this order) and are kept as lookup tables; each
//! `DistinctParty` is then read as a small tree and turned into one [`Entity`]; the
//! `SanctionsEntries` at the end add programmes. Fields are mapped the way the classic
//! OFAC XML of the same list writes them (names `LAST, First`, features and documents as
//! identifiers labelled with their type), so both files of one list load alike. Ids are
//! `ofac:<FixedRef>`, as in the classic files.

mod dates;
mod refs;

use super::ofac_common::{self, alias_kind, make_identifier};
use super::parts::{self, push_country, push_date, push_name, push_unique};
use super::xml::{local_name, Step, Walker};
use super::xml_tree::Node;
use super::Format;
use crate::error::{Result, Warning};
use crate::model::{
    CountryRole, Entity, EntityKind, IdKind, Identifier, LoadedList, Name, NameKind, Script,
};
use refs::{Here, Place, Refs};
use std::collections::HashMap;

/// The namespace of the advanced schema, which tells the file from other `<Sanctions>`.
pub const NAMESPACE: &str = "http://www.un.org/sanctions/1.0";

/// Parses a whole advanced XML file. `file` names it in errors; the list is `OFAC SDN`
/// when every sanctions entry is on the SDN List, else `OFAC non-SDN`.
pub fn parse(file: &str, bytes: &[u8]) -> Result<LoadedList> {
    let mut walker = Walker::new(file, bytes)?;
    walker.read_root(b"Sanctions", "OFAC advanced XML", "")?;
    let mut reader = Reader::new(file);
    loop {
        let e = match walker.next_step()? {
            Step::Open(e) => e,
            Step::End => break,
            _ => continue,
        };
        let depth = walker.depth();
        match (depth, local_name(e.name().as_ref())) {
            (2, b"DateOfIssue") => reader.published = iso_date(&Node::read(&mut walker, &e)?),
            (2, b"ReferenceValueSets") => {
                reader.refs = Refs::from_node(Node::read(&mut walker, &e)?)
            }
            (2, b"ProfileRelationships") => walker.skip_element()?,
            (3, b"Location") => reader.location(&Node::read(&mut walker, &e)?)?,
            (3, b"IDRegDocument") => reader.document(Node::read(&mut walker, &e)?)?,
            (3, b"DistinctParty") => reader.party(&Node::read(&mut walker, &e)?)?,
            (3, b"SanctionsEntry") => reader.sanctions_entry(&Node::read(&mut walker, &e)?)?,
            _ => {}
        }
    }
    reader.finish()
}

/// An identity document waiting for its party, which comes later in the file.
struct Document {
    identity: String,
    here_id: String,
    at: u64,
    identifier: Identifier,
}

/// The tables and entities of one file while it is read.
struct Reader<'f> {
    file: &'f str,
    published: Option<String>,
    refs: Refs,
    places: HashMap<String, Place>,
    documents: Vec<Document>,
    entities: Vec<Entity>,
    /// Entity index by `Identity` ID (documents point there) and by `Profile` ID
    /// (sanctions entries point there).
    by_identity: HashMap<String, usize>,
    by_profile: HashMap<String, usize>,
    /// Names of the lists the sanctions entries are on (`SDN List`, `Consolidated List` …).
    lists: Vec<String>,
    warnings: Vec<Warning>,
}

impl<'f> Reader<'f> {
    fn new(file: &'f str) -> Reader<'f> {
        Reader {
            file,
            published: None,
            refs: Refs::default(),
            places: HashMap::new(),
            documents: Vec::new(),
            entities: Vec::new(),
            by_identity: HashMap::new(),
            by_profile: HashMap::new(),
            lists: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn here(&self, record: &str, node: &Node) -> Here<'f> {
        Here::new(
            self.file,
            format!("{record} {}", node.attr(id_attr(record))),
            node.at,
        )
    }

    fn location(&mut self, node: &Node) -> Result<()> {
        let here = self.here("Location", node);
        let place = Place::from_node(node, &self.refs, &here)?;
        self.places.insert(node.attr("ID").to_string(), place);
        Ok(())
    }

    /// An `IDRegDocument`: its type is the label, `IssuedBy-CountryID` its country, its
    /// issue and expiry dates the note (`issued …; expires …`, as the classic file).
    fn document(&mut self, node: Node) -> Result<()> {
        let here = self.here("IDRegDocument", &node);
        let label = self
            .refs
            .text("IDRegDocType", node.attr("IDRegDocTypeID"), &here)?;
        let value = node.child_text("IDRegistrationNo");
        if value.is_empty() {
            return Ok(());
        }
        let country = match node.attr("IssuedBy-CountryID") {
            "" => None,
            id => Some(self.refs.text("Country", id, &here)?),
        };
        let mut notes = Vec::new();
        for date in node.children("DocumentDate") {
            let kind =
                self.refs
                    .text("IDRegDocDateType", date.attr("IDRegDocDateTypeID"), &here)?;
            let Some(text) = date.child("DatePeriod").and_then(dates::period_text) else {
                continue;
            };
            notes.push(match kind.to_ascii_lowercase().as_str() {
                "issue date" => format!("issued {text}"),
                "expiration date" => format!("expires {text}"),
                _ => format!("{kind} {text}"),
            });
        }
        let note = (!notes.is_empty()).then(|| notes.join("; "));
        self.documents.push(Document {
            identity: node.attr("IdentityID").to_string(),
            here_id: node.attr("ID").to_string(),
            at: node.at,
            identifier: identifier(&label, &value, country, note),
        });
        Ok(())
    }

    /// A `DistinctParty`: kind, names, features, remarks.
    fn party(&mut self, node: &Node) -> Result<()> {
        let here = self.here("DistinctParty", node);
        let fixed_ref = node.attr("FixedRef");
        if fixed_ref.is_empty() {
            return Err(here.error("DistinctParty without FixedRef, expected one per party"));
        }
        let mut profiles = node.children("Profile").peekable();
        let Some(first) = profiles.peek() else {
            return Err(here.error("no <Profile>, expected one per DistinctParty"));
        };
        let mut entity = Entity {
            id: format!("ofac:{fixed_ref}"),
            kind: self.kind(first.attr("PartySubTypeID"), &here)?,
            ..Entity::default()
        };
        push_unique(&mut entity.remarks, &node.child_text("Comment"));
        let index = self.entities.len();
        for profile in profiles {
            self.by_profile
                .insert(profile.attr("ID").to_string(), index);
            push_unique(&mut entity.remarks, &profile.child_text("Comment"));
            let mut identities: Vec<&Node> = profile.children("Identity").collect();
            identities.sort_by_key(|i| i.attr("Primary") != "true");
            for identity in identities {
                self.by_identity
                    .insert(identity.attr("ID").to_string(), index);
                for name in self.names(identity, &here)? {
                    push_name(&mut entity, name);
                }
            }
            for feature in profile.children("Feature") {
                self.feature(&mut entity, feature, &here)?;
            }
        }
        if entity.names.is_empty() {
            return Err(here.error("no name, expected a DocumentedName with a NamePartValue"));
        }
        self.entities.push(entity);
        Ok(())
    }

    /// `PartySubTypeID` → `PartySubType` → `PartyType`: Individual, Entity, or Transport
    /// (Vessel or Aircraft by sub-type); other party types are of unknown kind.
    fn kind(&self, sub_type_id: &str, here: &Here<'_>) -> Result<EntityKind> {
        let sub_type = self.refs.node("PartySubType", sub_type_id, here)?;
        let party_type = self
            .refs
            .text("PartyType", sub_type.attr("PartyTypeID"), here)?;
        Ok(match party_type.to_ascii_lowercase().as_str() {
            "individual" => EntityKind::Person,
            "entity" => EntityKind::Organization,
            "transport" => match sub_type.text().to_ascii_lowercase().as_str() {
                "vessel" => EntityKind::Vessel,
                "aircraft" => EntityKind::Aircraft,
                _ => EntityKind::Unknown,
            },
            _ => EntityKind::Unknown,
        })
    }

    /// The names of an `Identity`, its primary alias first: one per `DocumentedName`
    /// (an alias has one per script).
    fn names(&self, identity: &Node, here: &Here<'_>) -> Result<Vec<Name>> {
        let mut part_types = HashMap::new();
        let groups = identity.children("NamePartGroups");
        for group in groups.flat_map(|g| g.children("MasterNamePartGroup")) {
            for g in group.children("NamePartGroup") {
                let kind = self
                    .refs
                    .text("NamePartType", g.attr("NamePartTypeID"), here)?;
                part_types.insert(g.attr("ID"), kind);
            }
        }
        let mut aliases: Vec<&Node> = identity.children("Alias").collect();
        aliases.sort_by_key(|a| a.attr("Primary") != "true");
        let mut names = Vec::new();
        for alias in aliases {
            let alias_type = self
                .refs
                .text("AliasType", alias.attr("AliasTypeID"), here)?;
            let kind = if alias.attr("Primary") == "true" {
                NameKind::Primary
            } else {
                let category = if alias.attr("LowQuality") == "true" {
                    "weak"
                } else {
                    "strong"
                };
                alias_kind(&alias_type, category)
            };
            for documented in alias.children("DocumentedName") {
                if let Some(name) = self.documented_name(documented, &part_types, kind, here)? {
                    names.push(name);
                }
            }
        }
        Ok(names)
    }

    /// One `DocumentedName`: its parts joined as the classic file writes them, in the
    /// script its `ScriptID` declares; a non-Latin name is an original-script name.
    fn documented_name(
        &self,
        documented: &Node,
        part_types: &HashMap<&str, String>,
        kind: NameKind,
        here: &Here<'_>,
    ) -> Result<Option<Name>> {
        let (mut last, mut rest) = (Vec::new(), Vec::new());
        let mut script = None;
        for value in documented
            .children("DocumentedNamePart")
            .flat_map(|p| p.children("NamePartValue"))
        {
            let text = value.text();
            if text.is_empty() {
                continue;
            }
            let group = value.attr("NamePartGroupID");
            let Some(part_type) = part_types.get(group) else {
                return Err(here.error(format!(
                    "NamePartGroupID `{group}` is not in the identity's NamePartGroups"
                )));
            };
            if script.is_none() {
                let declared = self.refs.node("Script", value.attr("ScriptID"), here)?;
                script = Some(model_script(declared.attr("ScriptCode"), &declared.text()));
            }
            if part_type.eq_ignore_ascii_case("last name") {
                last.push(text);
            } else {
                rest.push(text);
            }
        }
        let declared = script.unwrap_or_default();
        let text = join_name(&last.join(" "), &rest.join(" "), declared);
        if text.is_empty() {
            return Ok(None);
        }
        let mut name = Name::new(text, kind);
        if declared != Script::Other {
            name.script = declared;
        }
        if name.script != Script::Latin {
            name.kind = NameKind::OriginalScript;
        }
        Ok(Some(name))
    }

    /// One `Feature`: birth dates, places, addresses, nationalities and vessel details
    /// go to their fields; every other feature is an identifier labelled with its type,
    /// as the classic file lists it (`Website`, `SWIFT/BIC`, `Gender`,
    /// `Digital Currency Address - XBT` …).
    fn feature(&mut self, entity: &mut Entity, feature: &Node, here: &Here<'_>) -> Result<()> {
        let label = self
            .refs
            .text("FeatureType", feature.attr("FeatureTypeID"), here)?;
        for version in feature.children("FeatureVersion") {
            let value = self.feature_value(version, here)?;
            self.apply_feature(entity, &label, value, here);
        }
        Ok(())
    }

    /// What one `FeatureVersion` says: a date, a location, or a text (its own, or the
    /// `DetailReference` it names).
    fn feature_value(&self, version: &Node, here: &Here<'_>) -> Result<FeatureValue> {
        if let Some(period) = version.child("DatePeriod") {
            return Ok(dates::period_text(period).map_or(FeatureValue::None, FeatureValue::Date));
        }
        if let Some(location) = version.child("VersionLocation") {
            let id = location.attr("LocationID");
            return match self.places.get(id) {
                Some(place) => Ok(FeatureValue::Place(place.clone())),
                None => Err(here.error(format!(
                    "LocationID `{id}` is not in <Locations>, expected the ID of a Location"
                ))),
            };
        }
        let Some(detail) = version.child("VersionDetail") else {
            return Ok(FeatureValue::None);
        };
        let text = match detail.attr("DetailReferenceID") {
            "" => detail.text(),
            id => self.refs.text("DetailReference", id, here)?,
        };
        Ok(if text.is_empty() {
            FeatureValue::None
        } else {
            FeatureValue::Text(text)
        })
    }

    fn apply_feature(
        &mut self,
        entity: &mut Entity,
        label: &str,
        value: FeatureValue,
        here: &Here<'_>,
    ) {
        let lower = label.to_ascii_lowercase();
        match (lower.as_str(), value) {
            (_, FeatureValue::None) => {}
            ("birthdate", FeatureValue::Date(raw)) => {
                let (date, failed) = parts::date(&raw);
                if failed {
                    self.warnings.push(Warning::new(
                        self.file,
                        here.location.clone(),
                        format!("date of birth `{raw}` does not parse; kept as raw text"),
                    ));
                }
                push_date(entity, date);
            }
            ("place of birth", value) => push_unique(&mut entity.birth_places, &value.text()),
            ("location", FeatureValue::Place(place)) => {
                if !place.address.full.is_empty() {
                    entity.addresses.push(place.address);
                }
                push_country(entity, place.country);
            }
            ("nationality country" | "citizenship country", value) => {
                let role = if lower.starts_with("nationality") {
                    CountryRole::Nationality
                } else {
                    CountryRole::Citizenship
                };
                let country = match value {
                    FeatureValue::Place(place) => place.country.map(|mut c| {
                        c.role = role;
                        c
                    }),
                    other => parts::country(&other.text(), role),
                };
                push_country(entity, country);
            }
            ("vessel call sign", value) => {
                let id = identifier("Call Sign", &value.text(), None, None);
                entity.identifiers.push(id);
            }
            ("vessel flag", value) => {
                let text = value.text();
                push_country(entity, parts::country(&text, CountryRole::Location));
                push_unique(&mut entity.remarks, &format!("Vessel flag: {text}"));
            }
            (vessel, value) if vessel_remark(vessel).is_some() => {
                let remark = vessel_remark(vessel).unwrap_or_default();
                push_unique(&mut entity.remarks, &format!("{remark}: {}", value.text()));
            }
            (_, value) => {
                let id = identifier(label, &value.text(), None, None);
                entity.identifiers.push(id);
            }
        }
    }

    /// A `SanctionsEntry`: the programmes of its `Program` measures (their comments,
    /// e.g. `SDGT`) go to the profile's entity; its list names the whole file.
    fn sanctions_entry(&mut self, node: &Node) -> Result<()> {
        let here = self.here("SanctionsEntry", node);
        let profile = node.attr("ProfileID");
        let Some(&index) = self.by_profile.get(profile) else {
            return Err(here.error(format!(
                "ProfileID `{profile}` is not the ID of a DistinctParty's Profile"
            )));
        };
        let list = self.refs.text("List", node.attr("ListID"), &here)?;
        if !self.lists.contains(&list) {
            self.lists.push(list);
        }
        for measure in node.children("SanctionsMeasure") {
            let kind = self
                .refs
                .text("SanctionsType", measure.attr("SanctionsTypeID"), &here)?;
            if kind.eq_ignore_ascii_case("program") {
                let programs = &mut self.entities[index].programs;
                push_unique(programs, &measure.child_text("Comment"));
            }
        }
        Ok(())
    }

    /// Attaches the documents to their parties and names the list.
    fn finish(mut self) -> Result<LoadedList> {
        for doc in std::mem::take(&mut self.documents) {
            let Some(&index) = self.by_identity.get(doc.identity.as_str()) else {
                let here = Here::new(self.file, format!("IDRegDocument {}", doc.here_id), doc.at);
                return Err(here.error(format!(
                    "IdentityID `{}` is not the ID of a DistinctParty's Identity",
                    doc.identity
                )));
            };
            self.entities[index].identifiers.push(doc.identifier);
        }
        let name = if self.lists.is_empty() {
            ofac_common::list_name(self.file)
        } else if self
            .lists
            .iter()
            .all(|l| l.eq_ignore_ascii_case("SDN List"))
        {
            "OFAC SDN"
        } else {
            "OFAC non-SDN"
        };
        for entity in &mut self.entities {
            entity.list = name.to_string();
            entity.list_date = self.published.clone();
        }
        Ok(LoadedList {
            entities: self.entities,
            warnings: self.warnings,
            ..parts::new_list(Format::OfacAdvancedXml, name, self.published, self.file)
        })
    }
}

/// What a feature version holds.
enum FeatureValue {
    Date(String),
    Place(Place),
    Text(String),
    None,
}

impl FeatureValue {
    /// The value as one text: a place's one-line address (or its country).
    fn text(&self) -> String {
        match self {
            FeatureValue::Date(t) | FeatureValue::Text(t) => t.clone(),
            FeatureValue::Place(p) => p.address.full.clone(),
            FeatureValue::None => String::new(),
        }
    }
}

/// The attribute that identifies a record of this element in messages.
fn id_attr(record: &str) -> &'static str {
    match record {
        "DistinctParty" => "FixedRef",
        _ => "ID",
    }
}

/// The remark label of a vessel feature the classic file keeps in `vesselInfo`.
fn vessel_remark(label: &str) -> Option<&'static str> {
    match label {
        "vessel type" => Some("Vessel type"),
        "vessel owner" => Some("Vessel owner"),
        "vessel tonnage" => Some("Tonnage"),
        "vessel gross registered tonnage" => Some("GRT"),
        _ => None,
    }
}

/// An identifier by its OFAC label, as the classic loaders build it; a USCC (which the
/// classic table files under registrations) gets its own kind, and `Vessel IMO` reads
/// as an IMO number.
fn identifier(
    label: &str,
    value: &str,
    country: Option<String>,
    note: Option<String>,
) -> Identifier {
    let lower = label.to_ascii_lowercase();
    let table_label = if lower == "vessel imo" { "IMO" } else { label };
    let mut id = make_identifier(table_label, value, country, note);
    id.label = label.to_string();
    if lower.contains("unified social credit code") {
        id.kind = IdKind::Uscc;
    }
    id
}

/// A name from its last-name parts and the rest: `LAST, Rest` as OFAC writes Latin and
/// most other scripts; Han, Kana and Hangul names run family name first, unspaced.
fn join_name(last: &str, rest: &str, script: Script) -> String {
    match (last.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_string(),
        (false, true) => last.to_string(),
        (false, false) if matches!(script, Script::Han | Script::Kana | Script::Hangul) => {
            format!("{last}{rest}")
        }
        (false, false) => format!("{last}, {rest}"),
    }
}

/// The model script of a `Script` value by its code or name (`Latin`, `Latn`, `Cyrl`,
/// `Chinese Simplified` …); `Other` when unknown, and the text decides.
fn model_script(code: &str, name: &str) -> Script {
    let known = |s: &str| match s.to_ascii_lowercase().as_str() {
        "latin" | "latn" => Some(Script::Latin),
        "cyrillic" | "cyrl" => Some(Script::Cyrillic),
        "arabic" | "arab" => Some(Script::Arabic),
        "hangul" | "hang" | "kore" | "korean" => Some(Script::Hangul),
        "han"
        | "hani"
        | "hans"
        | "hant"
        | "chinese"
        | "chinese simplified"
        | "chinese traditional" => Some(Script::Han),
        "kana" | "hira" | "hrkt" | "jpan" | "japanese" | "katakana" | "hiragana" => {
            Some(Script::Kana)
        }
        _ => None,
    };
    known(code).or_else(|| known(name)).unwrap_or(Script::Other)
}

/// `DateOfIssue` (`Year`, `Month`, `Day`) as ISO `YYYY-MM-DD`.
fn iso_date(node: &Node) -> Option<String> {
    let (y, m, d) = (
        node.child_text("Year").parse::<u16>().ok()?,
        node.child_text("Month").parse::<u8>().ok()?,
        node.child_text("Day").parse::<u8>().ok()?,
    );
    Some(format!("{y:04}-{m:02}-{d:02}"))
}
