//! The index: keys in FSTs, postings, name forms and the entity store, in one file that is
//! memory-mapped on open. Build it with [`IndexBuilder`]; open it with [`Index::open`]
//! (the index of the shipped lists is opened by `lists::open_default`, a layer above).

mod build;
pub(crate) mod file;
pub(crate) mod forms;
pub(crate) mod ids;
mod typos;

use crate::error::{Error, Result};
use crate::model::{Entity, EntityKind, ListInfo, LoadedList};
pub use file::FORMAT_VERSION;
use file::{read_u32, read_varint, IndexFile, Section, Slice};
use forms::StoredForm;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What an index holds, stored in its meta section.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexMeta {
    /// The redflag version that built it.
    pub redflag_version: String,
    /// The lists it was built from.
    pub lists: Vec<ListSummary>,
    /// Entities in all.
    pub entities: u32,
    /// Name forms (readings) in all.
    pub forms: u32,
}

/// One list in an index: what it is and how many entities of each kind it brought.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListSummary {
    /// The list's name, format, date and source.
    pub info: ListInfo,
    /// Entity counts in [`EntityKind::ALL`] order.
    pub counts: [u32; 5],
    /// Warnings its loader gave (fields kept as raw text …).
    pub warnings: u32,
    /// Identifiers indexed for matching.
    pub identifiers: u32,
    /// Identifiers of a matched type (e-mail, IMO …) that could not be read as that
    /// type: kept on the entity as the list writes them, but not matched on.
    pub unreadable_identifiers: u32,
}

impl ListSummary {
    /// Counts what `list` holds.
    pub fn of(list: &LoadedList) -> ListSummary {
        let (mut identifiers, mut unreadable) = (0, 0);
        for id in list.entities.iter().flat_map(|e| &e.identifiers) {
            match ids::listed_keys(id) {
                Some(keys) if !keys.is_empty() => identifiers += 1,
                None if ids::is_keyed(id.kind) => unreadable += 1,
                _ => {}
            }
        }
        ListSummary {
            info: list.info.clone(),
            counts: list.counts_by_kind().map(|c| c as u32),
            warnings: list.warnings.len() as u32,
            identifiers,
            unreadable_identifiers: unreadable,
        }
    }

    /// Entities of `kind`.
    pub fn count(&self, kind: EntityKind) -> u32 {
        EntityKind::ALL
            .iter()
            .position(|k| *k == kind)
            .map_or(0, |i| self.counts[i])
    }

    /// Entities of every kind.
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }
}

/// Builds an index from loaded lists.
#[derive(Default)]
pub struct IndexBuilder {
    lists: Vec<LoadedList>,
}

impl IndexBuilder {
    /// An empty builder.
    pub fn new() -> IndexBuilder {
        IndexBuilder::default()
    }

    /// Adds every entity of `list`; the lists are indexed together on `build`.
    pub fn add_list(&mut self, list: LoadedList) -> &mut IndexBuilder {
        self.lists.push(list);
        self
    }

    /// The index file's bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        build::build_bytes(&self.lists)
    }

    /// Builds the index in memory, ready to search.
    pub fn build(&self) -> Result<Index> {
        Index::from_bytes(self.to_bytes()?)
    }

    /// Writes the index to `path` atomically (a temporary file renamed into place), so a
    /// reader never maps a half-written file.
    pub fn write(&self, path: &Path) -> Result<()> {
        crate::files::write_atomically(path, &self.to_bytes()?)
    }
}

/// A searchable index. `Send + Sync`: one copy serves many threads.
pub struct Index {
    file: IndexFile,
    pub(crate) meta: IndexMeta,
    pub(crate) tokens: fst::Map<Slice>,
    pub(crate) skeletons: fst::Map<Slice>,
    /// Token keys with one character deleted (see `typos`).
    pub(crate) typos: fst::Map<Slice>,
    /// Identifier keys (see [`ids`]).
    identifiers: fst::Map<Slice>,
}

impl Index {
    /// Opens an index file (memory-mapped; checked for version and checksum).
    pub fn open(path: &Path) -> Result<Index> {
        Self::from_file(IndexFile::open(path)?)
    }

    /// Opens an index held in memory.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Index> {
        Self::from_file(IndexFile::from_bytes(bytes)?)
    }

    fn from_file(file: IndexFile) -> Result<Index> {
        let bad = |what: &str, e: &dyn std::fmt::Display| Error::Index {
            path: file.display_path(),
            message: format!("{what}: {e}"),
        };
        let meta: IndexMeta = bincode::deserialize(file.section(Section::Meta))
            .map_err(|e| bad("unreadable meta section", &e))?;
        let tokens = fst::Map::new(file.slice(Section::TokenFst))
            .map_err(|e| bad("unreadable token keys", &e))?;
        let skeletons = fst::Map::new(file.slice(Section::SkeletonFst))
            .map_err(|e| bad("unreadable skeleton keys", &e))?;
        let typos = fst::Map::new(file.slice(Section::TypoFst))
            .map_err(|e| bad("unreadable typo keys", &e))?;
        let identifiers = fst::Map::new(file.slice(Section::IdentifierFst))
            .map_err(|e| bad("unreadable identifier keys", &e))?;
        let expected_table = meta.entities as usize * 16;
        if file.section(Section::EntityTable).len() != expected_table
            || file.section(Section::FormOffsets).len() != (meta.forms as usize + 1) * 4
            || file.section(Section::FormEntities).len() != meta.forms as usize * 4
        {
            return Err(bad(
                "inconsistent sections",
                &"table sizes disagree with meta",
            ));
        }
        Ok(Index {
            file,
            meta,
            tokens,
            skeletons,
            typos,
            identifiers,
        })
    }

    /// The lists this index was built from.
    pub fn lists(&self) -> &[ListSummary] {
        &self.meta.lists
    }

    /// Entities in the index.
    pub fn entity_count(&self) -> usize {
        self.meta.entities as usize
    }

    /// Name forms (readings) in the index.
    pub fn form_count(&self) -> usize {
        self.meta.forms as usize
    }

    /// Bytes of the index.
    pub fn size(&self) -> usize {
        self.file.backing.as_ref().as_ref().len()
    }

    /// The entity at `index` (0-based), decoded from the store.
    pub fn entity(&self, index: u32) -> Result<Entity> {
        let table = self.file.section(Section::EntityTable);
        let at = index as usize * 16;
        let (offset, len) = (
            read_u32(table, at) as usize,
            read_u32(table, at + 4) as usize,
        );
        let bytes = self
            .file
            .section(Section::Entities)
            .get(offset..offset + len)
            .ok_or_else(|| self.corrupt(format!("entity {index} lies outside the store")))?;
        bincode::deserialize(bytes)
            .map_err(|e| self.corrupt(format!("entity {index} is unreadable: {e}")))
    }

    /// Finds an entity by its id (`ofac:20157`); a linear scan, for tools and tests.
    pub fn entity_by_id(&self, id: &str) -> Result<Option<Entity>> {
        for i in 0..self.meta.entities {
            let e = self.entity(i)?;
            if e.id == id {
                return Ok(Some(e));
            }
        }
        Ok(None)
    }

    /// The kind of entity `index`, without decoding it.
    pub(crate) fn entity_kind(&self, index: u32) -> EntityKind {
        let table = self.file.section(Section::EntityTable);
        table
            .get(index as usize * 16 + 14)
            .map_or(EntityKind::Unknown, |&c| kind_from(c))
    }

    /// The entity a stored form belongs to.
    pub(crate) fn form_entity(&self, id: u32) -> u32 {
        read_u32(self.file.section(Section::FormEntities), id as usize * 4)
    }

    /// The stored form `id`; `None` if the store is damaged there.
    pub(crate) fn form(&self, id: u32) -> Option<StoredForm<'_>> {
        let offsets = self.file.section(Section::FormOffsets);
        let start = read_u32(offsets, id as usize * 4) as usize;
        let end = read_u32(offsets, id as usize * 4 + 4) as usize;
        forms::decode(self.file.section(Section::Forms).get(start..end)?)
    }

    /// How many entities the postings at `offset` cover.
    pub(crate) fn posting_count(&self, offset: u64) -> Option<u32> {
        let mut pos = usize::try_from(offset).ok()?;
        u32::try_from(read_varint(self.file.section(Section::Postings), &mut pos)?).ok()
    }

    /// Calls `visit` with each form id stored at a postings offset (stopping at the
    /// first damaged entry).
    pub(crate) fn for_each_posting(&self, offset: u64, mut visit: impl FnMut(u32)) {
        let bytes = self.file.section(Section::Postings);
        let Ok(mut pos) = usize::try_from(offset) else {
            return;
        };
        let header = read_varint(bytes, &mut pos).and_then(|_| read_varint(bytes, &mut pos));
        let Some(n) = header else {
            return;
        };
        let mut id = 0u32;
        for _ in 0..n {
            let Some(delta) = read_varint(bytes, &mut pos).and_then(|d| u32::try_from(d).ok())
            else {
                return;
            };
            let Some(next) = id.checked_add(delta) else {
                return;
            };
            id = next;
            visit(id);
        }
    }

    /// Calls `visit` with the postings offset of each token key a typo key came from.
    pub(crate) fn for_each_typo_source(&self, offset: u64, mut visit: impl FnMut(u64)) {
        let bytes = self.file.section(Section::TypoSources);
        let Ok(mut pos) = usize::try_from(offset) else {
            return;
        };
        let Some(n) = read_varint(bytes, &mut pos) else {
            return;
        };
        let mut source = 0u64;
        for _ in 0..n {
            let Some(delta) = read_varint(bytes, &mut pos) else {
                return;
            };
            source = source.saturating_add(delta);
            visit(source);
        }
    }

    /// The listed identifiers stored under an identifier key ([`crate::text::ids::keys`]).
    pub fn identifier_matches(&self, key: &str) -> Vec<ids::IdMatch> {
        match self.identifiers.get(key) {
            Some(offset) => {
                ids::read_postings(self.file.section(Section::IdentifierPostings), offset)
            }
            None => Vec::new(),
        }
    }

    /// How many entities carry the exact token key, if any does.
    pub(crate) fn key_df(&self, key: &str) -> Option<u32> {
        let offset = self.tokens.get(key)?;
        let mut pos = usize::try_from(offset).ok()?;
        read_varint(self.file.section(Section::Postings), &mut pos)
            .and_then(|v| u32::try_from(v).ok())
    }

    pub(crate) fn corrupt(&self, message: String) -> Error {
        Error::Index {
            path: self.file.display_path(),
            message,
        }
    }
}

pub(crate) fn kind_code(kind: EntityKind) -> u8 {
    EntityKind::ALL.iter().position(|k| *k == kind).unwrap_or(4) as u8
}

fn kind_from(code: u8) -> EntityKind {
    EntityKind::ALL
        .get(code as usize)
        .copied()
        .unwrap_or(EntityKind::Unknown)
}

#[cfg(test)]
mod tests {
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn index_is_send_and_sync() {
        assert_send_sync::<super::Index>();
    }
}
