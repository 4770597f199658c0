//! The screened population as an index of its own, so that a rescreen searches the few
//! hundred changed entities' names among the rows instead of every row among the changes
//! (a row's query analysis costs the same whatever the index it is searched in).
//!
//! One entity per distinct row input (its id is the row's fingerprint, so a hit leads
//! back to every row of that input), holding the row's names only: kind, country and
//! birth date are left out, since evidence only moves a score a little and the search
//! here is loose anyway (the rows it finds are confirmed by the normal forward search).
//! The rows are split by how many words their names have, one index per share
//! ([`SHARDS`]): a search scores only its best-reached candidates, and a one-word name
//! such as `CHEN` must not be crowded out by the thousand `… CHEN` of a population.
//! Identifiers are matched apart, by their keys ([`identifier_candidates`]), exactly as
//! the forward lookup pairs them.
//!
//! The indexes are written beside the store (`STORE.rows.idx`, `STORE.rows.idx.2` …,
//! atomically) when `screen
//! --cases` records a population; its path is kept in the store's `meta`, and the
//! population's fingerprint in the index's own list information, so a rescreen opens it
//! only when it is of the rows in the store now, and rebuilds it otherwise.

use crate::error::{Error, Result};
use crate::index::{Index, IndexBuilder};
use crate::model::{Entity, EntityKind, ListInfo, LoadedList, Name, NameKind};
use crate::screen::RowInput;
use rusqlite::{OptionalExtension, Transaction};
use std::path::{Path, PathBuf};

/// The `meta` key of the population index's path.
const META_KEY: &str = "population_index";
/// The `meta` key of the active population's [`fingerprint`], as the last screening
/// left it (only a screening changes which rows are active and what they screen).
const FINGERPRINT_KEY: &str = "population_fingerprint";
/// The name of the population's list in its index.
const LIST_NAME: &str = "population";
/// How many indexes the population is split into, by the words of a name: one, two,
/// three, four or more.
pub(crate) const SHARDS: usize = 4;

/// The `meta` key of the population's [`Evidence`], with the fingerprint it is of.
const EVIDENCE_KEY: &str = "population_evidence";

/// The population indexes, one per share of name lengths (empty shares have none).
pub(crate) struct Population {
    /// The indexes.
    pub shards: Vec<Index>,
    /// What evidence its rows carry.
    pub evidence: Evidence,
}

/// Whether any row of the population carries a kind of evidence: a listed entity's
/// change in that evidence can change no row's hits otherwise.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Evidence {
    pub dob: bool,
    pub country: bool,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct RecordedEvidence {
    fingerprint: String,
    #[serde(flatten)]
    evidence: Evidence,
}

/// The share a name of `words` words belongs to.
fn shard_of(name: &str) -> usize {
    name.split_whitespace().count().clamp(1, SHARDS) - 1
}

/// The file of a share: the recorded path for the first, with `.2`, `.3` … after it.
fn shard_path(base: &Path, shard: usize) -> PathBuf {
    match shard {
        0 => base.to_path_buf(),
        n => {
            let mut name = base.as_os_str().to_owned();
            name.push(format!(".{}", n + 1));
            PathBuf::from(name)
        }
    }
}

/// The fingerprint of the active population: a digest of its distinct row inputs'
/// fingerprints, in order. Cheap (no input is read: the fingerprints' index gives them
/// sorted), and it changes whenever what a row screens changes.
pub(crate) fn fingerprint(tx: &Transaction<'_>) -> rusqlite::Result<String> {
    let mut stmt =
        tx.prepare("SELECT DISTINCT fingerprint FROM rows WHERE active = 1 ORDER BY fingerprint")?;
    let mut all = String::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        all.push_str(r.get_ref(0)?.as_str()?);
        all.push('\n');
    }
    Ok(crate::files::sha256_hex(all.as_bytes()))
}

/// Records `fp`, the population's [`fingerprint`] after a screening.
pub(crate) fn record_fingerprint(tx: &Transaction<'_>, fp: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
        [FINGERPRINT_KEY, fp],
    )
    .map(|_| ())
}

/// The population's fingerprint as the last screening recorded it, else (a store that
/// predates the record) computed from the rows.
pub(crate) fn recorded_fingerprint(tx: &Transaction<'_>) -> rusqlite::Result<String> {
    let recorded: Option<String> = tx
        .query_row(
            "SELECT value FROM meta WHERE key = ?1",
            [FINGERPRINT_KEY],
            |r| r.get(0),
        )
        .optional()?;
    match recorded {
        Some(fp) => Ok(fp),
        None => fingerprint(tx),
    }
}

/// Where a store's population index is written when it is (re)built: beside the store,
/// as an absolute path, so a run from another working folder finds it again.
pub(crate) fn default_path(store: &Path) -> PathBuf {
    let store = std::path::absolute(store).unwrap_or_else(|_| store.to_path_buf());
    let mut name = store.into_os_string();
    name.push(".rows.idx");
    PathBuf::from(name)
}

/// The population indexes of the rows in the store now: the recorded ones when they
/// are readable and of this population, else built again, written beside the store and
/// recorded. `fp` is the population's [`fingerprint`].
pub(crate) fn open_or_build(tx: &Transaction<'_>, store: &Path, fp: &str) -> Result<Population> {
    let sql = |e: rusqlite::Error| Error::Cases {
        path: store.to_path_buf(),
        message: format!("cannot read the population: {e}"),
    };
    let recorded: Option<String> = tx
        .query_row("SELECT value FROM meta WHERE key = ?1", [META_KEY], |r| {
            r.get(0)
        })
        .optional()
        .map_err(sql)?;
    let evidence: Option<RecordedEvidence> = tx
        .query_row(
            "SELECT value FROM meta WHERE key = ?1",
            [EVIDENCE_KEY],
            |r| r.get::<_, String>(0),
        )
        .optional()
        .map_err(sql)?
        .and_then(|json| serde_json::from_str(&json).ok());
    let evidence = evidence.filter(|e| e.fingerprint == fp).map(|e| e.evidence);
    if let (Some(base), Some(evidence)) = (recorded, evidence) {
        let opened: Option<Vec<Index>> = (0..SHARDS)
            .map(|s| Index::open(&shard_path(Path::new(&base), s)).ok())
            .collect();
        if let Some(shards) = opened.filter(|all| all.iter().all(|i| is_of(i, fp))) {
            return Ok(Population { shards, evidence });
        }
    }
    build_and_record(tx, store, fp)
}

/// Builds the population indexes of the active rows, writes them to [`default_path`]
/// (and the shares' paths after it) and records the path. `fp` is the population's
/// [`fingerprint`].
pub(crate) fn build_and_record(tx: &Transaction<'_>, store: &Path, fp: &str) -> Result<Population> {
    let sql = |e: rusqlite::Error| Error::Cases {
        path: store.to_path_buf(),
        message: format!("cannot index the population: {e}"),
    };
    let path = default_path(store);
    let mut shards = Vec::with_capacity(SHARDS);
    let (by_shard, evidence) = entities(tx).map_err(sql)?;
    for (s, entities) in by_shard.into_iter().enumerate() {
        let mut builder = IndexBuilder::new();
        builder.add_list(LoadedList {
            info: ListInfo {
                name: LIST_NAME.into(),
                format: "population".into(),
                published: None,
                source: store.display().to_string(),
                content_hash: Some(fp.to_string()),
            },
            entities,
            warnings: Vec::new(),
        });
        let bytes = builder.to_bytes()?;
        crate::files::write_atomically(&shard_path(&path, s), &bytes)?;
        shards.push(Index::from_bytes(bytes)?);
    }
    let recorded = RecordedEvidence {
        fingerprint: fp.to_string(),
        evidence,
    };
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2), (?3, ?4)",
        [
            META_KEY,
            &path.display().to_string(),
            EVIDENCE_KEY,
            &serde_json::to_string(&recorded).unwrap_or_default(),
        ],
    )
    .map_err(sql)?;
    Ok(Population { shards, evidence })
}

/// Whether `index` is the population index of the population with fingerprint `fp`.
fn is_of(index: &Index, fp: &str) -> bool {
    matches!(index.lists(), [only] if only.info.name == LIST_NAME
        && only.info.content_hash.as_deref() == Some(fp))
}

/// Per share, one entity per distinct active row input with a name of that share's
/// length: those names, nothing else; and the evidence the inputs carry.
fn entities(tx: &Transaction<'_>) -> rusqlite::Result<(Vec<Vec<Entity>>, Evidence)> {
    let mut stmt = tx.prepare(
        "SELECT fingerprint, min(input) FROM rows WHERE active = 1 GROUP BY fingerprint ORDER BY fingerprint",
    )?;
    let mut rows = stmt.query([])?;
    let mut out: Vec<Vec<Entity>> = vec![Vec::new(); SHARDS];
    let mut evidence = Evidence::default();
    while let Some(r) = rows.next()? {
        let fp: String = r.get(0)?;
        let input: String = r.get(1)?;
        // A row whose input cannot be read now is confirmed anyway (see `rescreen`).
        let Ok(input) = serde_json::from_str::<RowInput>(&input) else {
            continue;
        };
        evidence.dob |= input.dob.is_some();
        evidence.country |= input.country.is_some();
        let mut names: Vec<Vec<Name>> = vec![Vec::new(); SHARDS];
        for n in input.names.iter().filter(|n| !n.name.trim().is_empty()) {
            names[shard_of(&n.name)].push(Name::new(n.name.as_str(), NameKind::Primary));
        }
        for (shard, names) in names.into_iter().enumerate() {
            if names.is_empty() {
                continue;
            }
            out[shard].push(Entity {
                id: fp.clone(),
                list: LIST_NAME.into(),
                kind: EntityKind::Unknown,
                names,
                ..Entity::default()
            });
        }
    }
    Ok((out, evidence))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_population_index_path_is_absolute_for_a_relative_store() {
        let path = default_path(Path::new("cases.db"));
        assert!(path.is_absolute(), "{}", path.display());
        assert!(path.ends_with("cases.db.rows.idx"));
    }
}
