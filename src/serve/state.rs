//! What the server serves: the index it opened, with the few tables the routes need,
//! swapped whole on reload so that a request always sees one consistent index.

use super::datasets::dataset_name;
use redflag::model::EntityKind;
use redflag::{lists, Error, Index, Query, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

/// Where the index comes from: a file, or the lists in use (shipped or `REDFLAG_DATA_DIR`).
#[derive(Debug, Clone)]
pub enum Source {
    /// An index built with `redflag index build`.
    File(PathBuf),
    /// The lists in use, through the cache (`lists::open_default`).
    Lists,
}

impl Source {
    /// Opens and checks the index: it must hold entities and answer a query.
    pub fn open(&self) -> Result<Loaded> {
        let index = match self {
            Source::File(path) => Index::open(path)?,
            Source::Lists => lists::open_default()?,
        };
        Loaded::new(index)
    }

    /// Something that changes when the source does (sizes and modification times), so a
    /// watcher notices `lists update` or a rebuilt index file.
    pub fn fingerprint(&self) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
        let paths: Vec<PathBuf> = match self {
            Source::File(path) => vec![path.clone()],
            Source::Lists => match lists::data_dir_in_use() {
                Some(dir) => std::fs::read_dir(&dir)
                    .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
                    .unwrap_or_default(),
                None => Vec::new(),
            },
        };
        let mut prints: Vec<_> = paths
            .into_iter()
            .map(|p| {
                let meta = std::fs::metadata(&p).ok();
                let len = meta.as_ref().map_or(0, |m| m.len());
                let modified = meta.and_then(|m| m.modified().ok());
                (p, len, modified)
            })
            .collect();
        prints.sort();
        prints
    }
}

/// Per entity, what facets and filters read without decoding the entity.
pub struct EntityFacts {
    /// The dataset name of its list.
    pub dataset: String,
    /// Person, organization …
    pub kind: EntityKind,
    /// Lower-case ISO codes of its countries.
    pub countries: Vec<String>,
}

/// An opened index and its lookup tables.
pub struct Loaded {
    /// The index.
    pub index: Index,
    /// Entity id → position in the index.
    pub positions: HashMap<String, u32>,
    /// Facts per entity position.
    pub facts: Vec<EntityFacts>,
    /// When it was opened (RFC 3339-ish, UTC seconds).
    pub opened_at: u64,
}

impl Loaded {
    /// Reads every entity once (a fraction of a second for the official lists) and
    /// checks that the index answers a query.
    pub fn new(index: Index) -> Result<Loaded> {
        let count = index.entity_count();
        if count == 0 {
            return Err(Error::Other("the index holds no entities".into()));
        }
        let mut positions = HashMap::with_capacity(count);
        let mut facts = Vec::with_capacity(count);
        for i in 0..count as u32 {
            let entity = index.entity(i)?;
            let mut countries: Vec<String> = entity
                .countries
                .iter()
                .filter_map(|c| c.code.as_deref().map(str::to_ascii_lowercase))
                .collect();
            countries.sort();
            countries.dedup();
            facts.push(EntityFacts {
                dataset: dataset_name(&entity.list),
                kind: entity.kind,
                countries,
            });
            positions.insert(entity.id, i);
        }
        let mut probe = Query::new("Kim Jong Un");
        probe.threshold = 0.0;
        index.search(&probe)?;
        let opened_at = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Ok(Loaded {
            index,
            positions,
            facts,
            opened_at,
        })
    }
}

/// The index in service, swappable while requests run: each request takes its own
/// `Arc`, so one in flight finishes on the index it started with.
pub struct Current {
    source: Source,
    loaded: RwLock<Arc<Loaded>>,
}

impl Current {
    /// Opens `source` (an error if it cannot be served).
    pub fn open(source: Source) -> Result<Current> {
        let loaded = source.open()?;
        Ok(Current {
            source,
            loaded: RwLock::new(Arc::new(loaded)),
        })
    }

    /// The index to answer one request with.
    pub fn get(&self) -> Arc<Loaded> {
        match self.loaded.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Where the index comes from.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// Opens the source again and swaps it in; on error the old index keeps serving.
    /// Blocking: call it off the async workers.
    pub fn reload(&self) -> Result<Arc<Loaded>> {
        let fresh = Arc::new(self.source.open()?);
        match self.loaded.write() {
            Ok(mut guard) => *guard = fresh.clone(),
            Err(poisoned) => *poisoned.into_inner() = fresh.clone(),
        }
        Ok(fresh)
    }
}

/// Describes a source for logs.
pub fn describe(source: &Source) -> String {
    match source {
        Source::File(path) => path.display().to_string(),
        Source::Lists => match lists::data_dir_in_use() {
            Some(dir) => format!("the lists in {}", Path::new(&dir).display()),
            None => "the shipped lists".to_string(),
        },
    }
}
