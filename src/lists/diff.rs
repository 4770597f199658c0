//! What changed between two versions of the lists: entities added, removed and changed,
//! and for a changed one, which of the fields that decide a match moved.
//!
//! Entities are paired by id (`un:KPi.035`), the key the lists themselves keep stable.
//! Only what screening reads or an analyst acts on is compared: names, aliases, kind,
//! birth dates, countries, identifiers and programmes. Remarks, addresses and the list's
//! own date change with every publication and would make every entity "changed".
//! Fields are compared as sets, so a list that reorders an entity's aliases changed
//! nothing.

use crate::error::{Error, Result};
use crate::index::Index;
use crate::model::{Entity, LoadedList, NameKind};
use crate::sources;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A field of an entity that [`diff`] compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The primary name(s).
    Names,
    /// Every other name: aliases, weak aliases, former and original-script names.
    Aliases,
    /// Person, organisation, vessel, aircraft.
    Kind,
    /// Dates of birth or founding.
    BirthDates,
    /// Nationalities, citizenships and locations.
    Countries,
    /// Passports, registration numbers, wallets, websites ….
    Identifiers,
    /// Sanctions programmes.
    Programs,
}

impl Field {
    /// Every compared field, in the order reports list them.
    pub const ALL: [Field; 7] = [
        Field::Names,
        Field::Aliases,
        Field::Kind,
        Field::BirthDates,
        Field::Countries,
        Field::Identifiers,
        Field::Programs,
    ];

    /// The name used in tables and JSON (`birth_dates`).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Names => "names",
            Field::Aliases => "aliases",
            Field::Kind => "kind",
            Field::BirthDates => "birth_dates",
            Field::Countries => "countries",
            Field::Identifiers => "identifiers",
            Field::Programs => "programs",
        }
    }

    /// The field's values on `entity`, as a set of comparable strings.
    fn values(self, entity: &Entity) -> BTreeSet<String> {
        match self {
            Field::Names => entity
                .names
                .iter()
                .filter(|n| n.kind == NameKind::Primary)
                .map(|n| n.text.clone())
                .collect(),
            Field::Aliases => entity
                .names
                .iter()
                .filter(|n| n.kind != NameKind::Primary)
                .map(|n| format!("{}: {}", n.kind.as_str(), n.text))
                .collect(),
            Field::Kind => BTreeSet::from([entity.kind.as_str().to_string()]),
            Field::BirthDates => entity.birth_dates.iter().map(|d| d.raw.clone()).collect(),
            Field::Countries => entity
                .countries
                .iter()
                .map(|c| c.code.clone().unwrap_or_else(|| c.name.clone()))
                .collect(),
            Field::Identifiers => entity
                .identifiers
                .iter()
                .map(|i| {
                    let country = i.country.as_deref().unwrap_or("");
                    format!("{}: {} {country}", i.kind.as_str(), i.value)
                        .trim_end()
                        .to_string()
                })
                .collect(),
            Field::Programs => entity.programs.iter().cloned().collect(),
        }
    }
}

/// A stable digest of the compared fields of an entity: equal for two versions of an
/// entity exactly when [`diff`] finds no change. A case store keeps these instead of
/// whole entities to know what changed since a row was screened.
pub fn fingerprint(entity: &Entity) -> String {
    fingerprint_and_field_digests(entity).0
}

/// The [`fingerprint`] and the [`field_digests`] of an entity, its fields read once.
pub fn fingerprint_and_field_digests(entity: &Entity) -> (String, String) {
    let mut text = String::new();
    let mut digests = String::with_capacity(Field::ALL.len() * FIELD_DIGEST_LEN);
    for field in Field::ALL {
        let start = text.len();
        text.push_str(field.as_str());
        for value in field.values(entity) {
            text.push('\u{1f}');
            text.push_str(&value);
        }
        text.push('\u{1e}');
        // CRC-32, not SHA-256: it only tells which fields moved once the fingerprint
        // says the entity changed, and it is computed for every entity at every run.
        let crc = crc32fast::hash(&text.as_bytes()[start..]);
        digests.push_str(&format!("{crc:0width$x}", width = FIELD_DIGEST_LEN));
    }
    let fingerprint = crate::files::sha256_hex(text.as_bytes())[..16].to_string();
    (fingerprint, digests)
}

/// Hex digits of one field's digest in [`field_digests`].
const FIELD_DIGEST_LEN: usize = 8;

/// One short digest per compared field, in [`Field::ALL`] order: two versions' digests
/// tell which fields changed ([`fields_changed`]) without either version at hand.
pub fn field_digests(entity: &Entity) -> String {
    fingerprint_and_field_digests(entity).1
}

/// The fields whose digests differ between two [`field_digests`]; every field when
/// either is missing or not of this layout.
pub fn fields_changed(old: Option<&str>, new: Option<&str>) -> Vec<Field> {
    let expected = Field::ALL.len() * FIELD_DIGEST_LEN;
    match (old, new) {
        (Some(old), Some(new)) if old.len() == expected && new.len() == expected => Field::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                let at = i * FIELD_DIGEST_LEN..(i + 1) * FIELD_DIGEST_LEN;
                old.get(at.clone()) != new.get(at)
            })
            .map(|(_, &field)| field)
            .collect(),
        _ => Field::ALL.to_vec(),
    }
}

/// One entity in both versions whose compared fields differ.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    /// The entity's id.
    pub id: String,
    /// Its display name in the new version.
    pub name: String,
    /// The list it is on.
    pub list: String,
    /// What changed, with the values only the old or only the new version has.
    pub fields: Vec<FieldChange>,
}

/// The values of one field that one version has and the other has not.
#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    /// The field.
    pub field: Field,
    /// Values only in the old version.
    pub removed: Vec<String>,
    /// Values only in the new version.
    pub added: Vec<String>,
}

/// An added or removed entity, as reports show it.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    /// The entity's id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// The list it is on.
    pub list: String,
}

impl Listed {
    fn of(entity: &Entity) -> Listed {
        Listed {
            id: entity.id.clone(),
            name: entity.primary_name().to_string(),
            list: entity.list.clone(),
        }
    }
}

/// The difference between two versions, each group sorted by id.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ListDiff {
    /// Entities only in the new version.
    pub added: Vec<Listed>,
    /// Entities only in the old version.
    pub removed: Vec<Listed>,
    /// Entities in both whose compared fields differ.
    pub changed: Vec<Changed>,
}

impl ListDiff {
    /// Changed entities whose `field` changed.
    pub fn changed_in(&self, field: Field) -> usize {
        self.changed
            .iter()
            .filter(|c| c.fields.iter().any(|f| f.field == field))
            .count()
    }

    /// Nothing was added, removed or changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Compares two versions of the lists. An id twice in one version (a list that repeats an
/// entry) is an error naming it: pairing would otherwise pick one copy silently.
pub fn diff(old: &[Entity], new: &[Entity]) -> Result<ListDiff> {
    let old = by_id(old, "old")?;
    let new = by_id(new, "new")?;
    let mut out = ListDiff::default();
    for (id, entity) in &new {
        match old.get(id) {
            None => out.added.push(Listed::of(entity)),
            Some(before) => {
                let fields = changes(before, entity);
                if !fields.is_empty() {
                    out.changed.push(Changed {
                        id: id.to_string(),
                        name: entity.primary_name().to_string(),
                        list: entity.list.clone(),
                        fields,
                    });
                }
            }
        }
    }
    out.removed = old
        .iter()
        .filter(|(id, _)| !new.contains_key(*id))
        .map(|(_, e)| Listed::of(e))
        .collect();
    Ok(out)
}

fn by_id<'a>(entities: &'a [Entity], side: &str) -> Result<BTreeMap<&'a str, &'a Entity>> {
    let mut map = BTreeMap::new();
    for e in entities {
        if map.insert(e.id.as_str(), e).is_some() {
            return Err(Error::Other(format!(
                "the {side} lists hold entity {} twice ({}); ids must be unique to compare versions",
                e.id, e.list
            )));
        }
    }
    Ok(map)
}

fn changes(old: &Entity, new: &Entity) -> Vec<FieldChange> {
    Field::ALL
        .into_iter()
        .filter_map(|field| {
            let (before, after) = (field.values(old), field.values(new));
            (before != after).then(|| FieldChange {
                field,
                removed: before.difference(&after).cloned().collect(),
                added: after.difference(&before).cloned().collect(),
            })
        })
        .collect()
}

/// The entities of one side of a comparison: a list file, a folder of list files (or
/// of an OFAC CSV set), or an index file, told apart by content.
pub fn load_entities(path: &Path) -> Result<Vec<Entity>> {
    if path.is_dir() {
        let is_csv_set = ["sdn.csv", "cons_prim.csv", "sdn.csv.gz", "cons_prim.csv.gz"]
            .iter()
            .any(|f| path.join(f).is_file());
        let lists: Vec<LoadedList> = if is_csv_set {
            vec![sources::load_path(path)?]
        } else {
            super::load_lists(&super::list_files_in(path)?)?
        };
        return Ok(lists.into_iter().flat_map(|l| l.entities).collect());
    }
    if is_index_file(path) {
        let index = Index::open(path)?;
        return (0..index.entity_count() as u32)
            .map(|i| index.entity(i))
            .collect();
    }
    Ok(sources::load_path(path)?.entities)
}

fn is_index_file(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 8];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && &magic == crate::index::file::MAGIC
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Name;

    fn entity(id: &str, names: &[&str]) -> Entity {
        Entity {
            id: id.into(),
            list: "test".into(),
            names: names
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let kind = if i == 0 {
                        NameKind::Primary
                    } else {
                        NameKind::Alias
                    };
                    Name::new(*n, kind)
                })
                .collect(),
            ..Entity::default()
        }
    }

    #[test]
    fn pairs_by_id_and_names_the_changed_fields() {
        let old = [entity("a", &["Alpha"]), entity("b", &["Beta", "B1", "B2"])];
        let mut b = entity("b", &["Beta", "B2", "B1"]);
        let mut c = entity("c", &["Gamma"]);
        c.programs.push("X".into());
        let same = diff(&old, &[b.clone()]).unwrap();
        assert_eq!(same.removed.len(), 1, "a removed");
        assert!(same.changed.is_empty(), "reordered aliases are no change");
        b.programs.push("DPRK".into());
        let d = diff(&old, &[b.clone(), c]).unwrap();
        assert_eq!(d.added[0].id, "c");
        assert_eq!(d.changed[0].fields[0].field, Field::Programs);
        assert_eq!(d.changed[0].fields[0].added, ["DPRK"]);
        assert_ne!(fingerprint(&old[1]), fingerprint(&b));
        assert_eq!(
            fields_changed(Some(&field_digests(&old[1])), Some(&field_digests(&b))),
            [Field::Programs]
        );
        assert_eq!(fields_changed(None, Some(&field_digests(&b))), Field::ALL);
        assert_eq!(
            fingerprint(&old[1]),
            fingerprint(&entity("b", &["Beta", "B2", "B1"]))
        );
    }

    #[test]
    fn a_repeated_id_is_an_error() {
        let twice = [entity("a", &["A"]), entity("a", &["A2"])];
        let err = diff(&twice, &[]).unwrap_err().to_string();
        assert!(err.contains("entity a twice"), "{err}");
    }
}
