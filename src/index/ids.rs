//! The identifier index: every listed identifier under its lookup keys
//! ([`ids::keys`]) in one FST, each key leading to the entities that carry it and which
//! of their identifiers it came from (for the reason a hit gives).
//!
//! Postings: a varint count, then per match the entity (varint, delta from the previous
//! one) and the identifier's position in the entity (varint).

use super::file::{read_varint, write_varint};
use crate::error::{Error, Result};
use crate::model::{countries, Entity, IdKind, Identifier};
use crate::text::ids::{self, IdKey};
use std::collections::BTreeMap;

/// One listed identifier a key leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdMatch {
    /// The entity's number in the index.
    pub entity: u32,
    /// The identifier's position in the entity's `identifiers`.
    pub identifier: u32,
}

/// The keys a listed identifier is stored under: each of the values its field holds,
/// in canonical form. `None` when a value of a keyed type cannot be read as that type
/// (it is kept on the entity as the list wrote it, and counted, but not indexed).
pub fn listed_keys(id: &Identifier) -> Option<Vec<IdKey>> {
    let mut out = Vec::new();
    let mut usable = true;
    for value in ids::split_values(id.kind, &id.value) {
        let kind = ids::refine(id.kind, value);
        let country = id.country.as_deref().and_then(countries::code_for);
        match ids::canonical(kind, value, country.as_deref()) {
            Ok(c) => out.extend(ids::keys(kind, &c)),
            Err(_) => usable = false,
        }
    }
    (usable || !out.is_empty()).then_some(out)
}

/// Whether an identifier's type is one the index keys (so failing to read it loses
/// something).
pub fn is_keyed(kind: IdKind) -> bool {
    !matches!(
        kind,
        IdKind::Other | IdKind::CallSign | IdKind::AircraftSerial | IdKind::ChineseCommercialCode
    )
}

/// Builds the identifier FST and its postings.
pub fn build(entities: &[&Entity]) -> Result<(Vec<u8>, Vec<u8>)> {
    let mut by_key: BTreeMap<String, Vec<IdMatch>> = BTreeMap::new();
    for (e, entity) in entities.iter().enumerate() {
        for (i, id) in entity.identifiers.iter().enumerate() {
            for key in listed_keys(id).unwrap_or_default() {
                let matches = by_key.entry(key.key).or_default();
                let m = IdMatch {
                    entity: e as u32,
                    identifier: i as u32,
                };
                if !matches.contains(&m) {
                    matches.push(m);
                }
            }
        }
    }
    let mut postings = Vec::new();
    let mut builder = fst::MapBuilder::memory();
    for (key, matches) in &by_key {
        let offset = postings.len() as u64;
        write_varint(&mut postings, matches.len() as u64);
        let mut previous = 0u32;
        for m in matches {
            write_varint(&mut postings, u64::from(m.entity - previous));
            write_varint(&mut postings, u64::from(m.identifier));
            previous = m.entity;
        }
        builder
            .insert(key, offset)
            .map_err(|e| Error::Other(format!("cannot build identifier index: {e}")))?;
    }
    let fst = builder
        .into_inner()
        .map_err(|e| Error::Other(format!("cannot build identifier index: {e}")))?;
    Ok((fst, postings))
}

/// Reads the postings at `offset`; stops at the first damaged entry.
pub fn read_postings(postings: &[u8], offset: u64) -> Vec<IdMatch> {
    let mut out = Vec::new();
    let Ok(mut pos) = usize::try_from(offset) else {
        return out;
    };
    let Some(n) = read_varint(postings, &mut pos) else {
        return out;
    };
    let mut entity = 0u32;
    for _ in 0..n.min(postings.len() as u64) {
        let delta = read_varint(postings, &mut pos).and_then(|d| u32::try_from(d).ok());
        let identifier = read_varint(postings, &mut pos).and_then(|d| u32::try_from(d).ok());
        let (Some(delta), Some(identifier)) = (delta, identifier) else {
            break;
        };
        let Some(next) = entity.checked_add(delta) else {
            break;
        };
        entity = next;
        out.push(IdMatch { entity, identifier });
    }
    out
}
