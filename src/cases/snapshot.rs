//! The lists a population was screened against: their versions (name, publication date,
//! content hash per list) and every entity's fingerprint, kept once per set of versions.
//! Fingerprints, not whole entities: enough to know what changed since, small enough to
//! keep one set per list update (about 1 MB for the shipped lists).

use crate::error::Result;
use crate::index::Index;
use crate::lists::diff::fingerprint;
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
        let fingerprints = entities
            .par_iter()
            .map(|e| (e.id.clone(), fingerprint(e)))
            .collect();
        Ok(Current {
            versions,
            entities,
            fingerprints,
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
            "INSERT OR REPLACE INTO snapshot_entities (snapshot, entity_id, fingerprint) VALUES (?1, ?2, ?3)",
        )?;
        for (entity, fp) in &self.fingerprints {
            insert.execute(params![id, entity, fp])?;
        }
        Ok(id)
    }
}

/// Entity id → fingerprint of a stored snapshot.
pub(crate) fn fingerprints(
    tx: &Transaction<'_>,
    snapshot: i64,
) -> rusqlite::Result<HashMap<String, String>> {
    let mut stmt =
        tx.prepare("SELECT entity_id, fingerprint FROM snapshot_entities WHERE snapshot = ?1")?;
    let rows = stmt.query_map([snapshot], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// What changed from one snapshot's fingerprints to the current lists.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

impl Changes {
    pub fn between(old: &HashMap<String, String>, new: &HashMap<String, String>) -> Changes {
        let mut out = Changes::default();
        for (id, fp) in new {
            match old.get(id) {
                None => out.added.push(id.clone()),
                Some(before) if before != fp => out.changed.push(id.clone()),
                Some(_) => {}
            }
        }
        out.removed = old
            .keys()
            .filter(|id| !new.contains_key(*id))
            .cloned()
            .collect();
        out.added.sort();
        out.changed.sort();
        out.removed.sort();
        out
    }
}
