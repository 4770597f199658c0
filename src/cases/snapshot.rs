//! The lists a population was screened against: their versions (name, publication date,
//! content hash per list) and every entity's fingerprint, kept once per set of versions.
//! Fingerprints, not whole entities: enough to know what changed since, small enough to
//! keep one set per list update (about 1 MB for the shipped lists).

use crate::error::Result;
use crate::index::Index;
use crate::lists::diff::{fields_changed, fingerprint_and_field_digests, Field};
use crate::model::Entity;
use rayon::prelude::*;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use std::collections::HashMap;

/// The lists in use now: their entities and fingerprints, read once per run.
pub(crate) struct Current {
    /// The versions, as JSON: `[{"name", "published", "content_hash"}]`.
    pub versions: String,
    pub entities: Vec<Entity>,
    /// Entity id → fingerprint.
    pub fingerprints: HashMap<String, String>,
    /// Entity id → per-field digests.
    pub field_digests: HashMap<String, String>,
}

#[derive(Serialize)]
struct Version<'a> {
    name: &'a str,
    published: Option<&'a str>,
    content_hash: Option<&'a str>,
}

impl Current {
    pub fn of(index: &Index) -> Result<Current> {
        let versions: Vec<Version> = index
            .lists()
            .iter()
            .map(|l| Version {
                name: &l.info.name,
                published: l.info.published.as_deref(),
                content_hash: l.info.content_hash.as_deref(),
            })
            .collect();
        let versions = serde_json::to_string(&versions).unwrap_or_default();
        let entities = (0..index.entity_count() as u32)
            .into_par_iter()
            .map(|i| index.entity(i))
            .collect::<Result<Vec<_>>>()?;
        let digests: Vec<(String, String)> = entities
            .par_iter()
            .map(fingerprint_and_field_digests)
            .collect();
        let mut fingerprints = HashMap::with_capacity(entities.len());
        let mut field_digests = HashMap::with_capacity(entities.len());
        for (entity, (fp, fields)) in entities.iter().zip(digests) {
            fingerprints.insert(entity.id.clone(), fp);
            field_digests.insert(entity.id.clone(), fields);
        }
        Ok(Current {
            versions,
            entities,
            fingerprints,
            field_digests,
        })
    }

    /// The snapshot id of these versions, stored first when new.
    pub fn store(&self, tx: &Transaction<'_>) -> rusqlite::Result<i64> {
        let known: Option<i64> = tx
            .query_row(
                "SELECT id FROM snapshots WHERE versions = ?1",
                [&self.versions],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = known {
            return Ok(id);
        }
        tx.execute(
            &format!(
                "INSERT INTO snapshots (versions, created) VALUES (?1, {})",
                super::NOW
            ),
            [&self.versions],
        )?;
        let id = tx.last_insert_rowid();
        let mut insert = tx.prepare(
            "INSERT OR REPLACE INTO snapshot_entities (snapshot, entity_id, fingerprint, fields) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (entity, fp) in &self.fingerprints {
            insert.execute(params![id, entity, fp, self.field_digests.get(entity)])?;
        }
        Ok(id)
    }
}

/// An entity as a stored snapshot has it.
pub(crate) struct StoredEntity {
    pub fingerprint: String,
    /// Per-field digests; `None` in a snapshot older than them.
    pub fields: Option<String>,
}

/// Entity id → fingerprint and field digests of a stored snapshot.
pub(crate) fn fingerprints(
    tx: &Transaction<'_>,
    snapshot: i64,
) -> rusqlite::Result<HashMap<String, StoredEntity>> {
    let mut stmt = tx.prepare(
        "SELECT entity_id, fingerprint, fields FROM snapshot_entities WHERE snapshot = ?1",
    )?;
    let rows = stmt.query_map([snapshot], |r| {
        Ok((
            r.get(0)?,
            StoredEntity {
                fingerprint: r.get(1)?,
                fields: r.get(2)?,
            },
        ))
    })?;
    rows.collect()
}

/// What changed from one snapshot's fingerprints to the current lists.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    /// A changed entity's id → the fields that changed.
    pub fields: HashMap<String, Vec<Field>>,
}

impl Changes {
    pub fn between(old: &HashMap<String, StoredEntity>, new: &Current) -> Changes {
        let mut out = Changes::default();
        for (id, fp) in &new.fingerprints {
            match old.get(id) {
                None => out.added.push(id.clone()),
                Some(before) if &before.fingerprint != fp => {
                    let fields = fields_changed(
                        before.fields.as_deref(),
                        new.field_digests.get(id).map(String::as_str),
                    );
                    out.fields.insert(id.clone(), fields);
                    out.changed.push(id.clone());
                }
                Some(_) => {}
            }
        }
        out.removed = old
            .keys()
            .filter(|id| !new.fingerprints.contains_key(*id))
            .cloned()
            .collect();
        out.added.sort();
        out.changed.sort();
        out.removed.sort();
        out
    }
}
