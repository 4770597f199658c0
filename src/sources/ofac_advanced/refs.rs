//! The lookup tables of an advanced XML file: reference value sets and locations.
//!
//! Records name almost everything by id (`AliasTypeID="1400"`, `LocationID="12128"`), so
//! every lookup that misses is an [`Error`] at the record that asked, never a panic.

use super::super::parts;
use super::super::xml_tree::Node;
use crate::error::{Error, Location, Result};
use crate::model::{Address, Country, CountryRole};
use std::collections::HashMap;

/// Where in the file a record is, to name it in errors and warnings.
pub struct Here<'f> {
    pub file: &'f str,
    pub location: Location,
}

impl<'f> Here<'f> {
    /// The record `record` (e.g. `DistinctParty 9639`) starting at byte `at`.
    pub fn new(file: &'f str, record: String, at: u64) -> Here<'f> {
        Here {
            file,
            location: Location::record(record, Some(Location::Byte(at))),
        }
    }

    /// An error in this record.
    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::parse(self.file, self.location.clone(), message)
    }
}

/// The `ReferenceValueSets`: for each value kind (`AliasType`, `Country` …) its values by ID.
#[derive(Default)]
pub struct Refs {
    sets: HashMap<String, HashMap<String, Node>>,
}

impl Refs {
    /// Indexes every `<XValues><X ID="…">` value of the element.
    pub fn from_node(node: Node) -> Refs {
        let mut sets: HashMap<String, HashMap<String, Node>> = HashMap::new();
        for set in node.children {
            for value in set.children {
                let id = value.attr("ID").to_string();
                sets.entry(value.name.clone())
                    .or_default()
                    .insert(id, value);
            }
        }
        Refs { sets }
    }

    /// The value `id` of kind `kind`; a missing one is an error naming both.
    pub fn node(&self, kind: &str, id: &str, here: &Here<'_>) -> Result<&Node> {
        self.sets
            .get(kind)
            .and_then(|values| values.get(id))
            .ok_or_else(|| {
                here.error(format!(
                    "{kind}ID `{id}` is not in <{kind}Values>, expected an ID of the reference value sets"
                ))
            })
    }

    /// The text of value `id` of kind `kind` (`AliasType` 1400 → `A.K.A.`).
    pub fn text(&self, kind: &str, id: &str, here: &Here<'_>) -> Result<String> {
        self.node(kind, id, here).map(Node::text)
    }

    /// The country `id` as a link with `role`: its name, and its ISO-2 code when the file
    /// gives one (else looked up by name). `undetermined` is no country.
    pub fn country(&self, id: &str, role: CountryRole, here: &Here<'_>) -> Result<Option<Country>> {
        let node = self.node("Country", id, here)?;
        let name = node.text();
        if name.eq_ignore_ascii_case("undetermined") {
            return Ok(None);
        }
        let iso2 = node.attr("ISO2");
        Ok(parts::country(&name, role).map(|mut c| {
            if !iso2.is_empty() {
                c.code = Some(iso2.to_ascii_uppercase());
            }
            c
        }))
    }
}

/// One `Location`: an address (possibly only a country) and its country.
#[derive(Debug, Clone, Default)]
pub struct Place {
    pub address: Address,
    pub country: Option<Country>,
}

impl Place {
    /// Reads a `Location`: its country and its parts by `LocPartType`.
    pub fn from_node(node: &Node, refs: &Refs, here: &Here<'_>) -> Result<Place> {
        let country = match node.child("LocationCountry") {
            Some(c) => refs.country(c.attr("CountryID"), CountryRole::Location, here)?,
            None => None,
        };
        let (mut street, mut region) = (Vec::new(), Vec::new());
        let (mut city, mut postal_code) = (String::new(), String::new());
        for part in node.children("LocationPart") {
            let kind = refs.text("LocPartType", part.attr("LocPartTypeID"), here)?;
            let value = part_value(part);
            if value.is_empty() {
                continue;
            }
            match kind.to_ascii_uppercase().as_str() {
                "CITY" => city = value,
                "STATE/PROVINCE" | "REGION" => region.push(value),
                "POSTAL CODE" => postal_code = value,
                _ => street.push(value),
            }
        }
        let (street, region) = (street.join(", "), region.join(", "));
        let country_name = country.as_ref().map(|c| c.name.clone()).unwrap_or_default();
        let full = parts::join_parts(&[&street, &city, &region, &postal_code, &country_name]);
        let some = |s: String| (!s.is_empty()).then_some(s);
        Ok(Place {
            address: Address {
                street: some(street),
                city: some(city),
                region: some(region),
                postal_code: some(postal_code),
                country: some(country_name),
                full,
            },
            country,
        })
    }
}

/// The primary value of a `LocationPart` (else its first value).
fn part_value(part: &Node) -> String {
    part.children("LocationPartValue")
        .find(|v| v.attr("Primary") == "true")
        .or_else(|| part.child("LocationPartValue"))
        .map(|v| v.child_text("Value"))
        .unwrap_or_default()
}
