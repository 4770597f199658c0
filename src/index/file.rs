//! The index file: one file, a versioned header, a table of sections and a checksum.
//!
//! ```text
//! 0   magic  b"RFLAGIDX"
//! 8   format version (u32 LE)
//! 12  section count (u32 LE)
//! 16  CRC-32 of every byte after the header: the section table and the sections (u32 LE)
//! 20  reserved (u32)
//! 24  section table: per section kind (u32), reserved (u32), offset (u64), length (u64)
//! …   sections, each 8-byte aligned
//! ```
//!
//! Opening checks the magic, the version, that every section lies inside the file and the
//! checksum, so a truncated, corrupted or foreign file is an error, never a panic.

use crate::error::{Error, Result};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const MAGIC: &[u8; 8] = b"RFLAGIDX";
/// Bumped whenever the layout, the keys derived from names or the stored entity shape
/// change.
pub const FORMAT_VERSION: u32 = 19;
const HEADER_LEN: usize = 24;
const SECTION_ENTRY_LEN: usize = 24;

/// The sections of an index file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Section {
    Meta = 1,
    TokenFst = 2,
    SkeletonFst = 3,
    Postings = 4,
    FormOffsets = 5,
    Forms = 6,
    EntityTable = 7,
    Entities = 8,
    TypoFst = 9,
    TypoSources = 10,
    FormEntities = 11,
    IdentifierFst = 12,
    IdentifierPostings = 13,
}

impl Section {
    pub const ALL: [Section; 13] = [
        Section::Meta,
        Section::TokenFst,
        Section::SkeletonFst,
        Section::Postings,
        Section::FormOffsets,
        Section::Forms,
        Section::EntityTable,
        Section::Entities,
        Section::TypoFst,
        Section::TypoSources,
        Section::FormEntities,
        Section::IdentifierFst,
        Section::IdentifierPostings,
    ];
}

/// Serialises sections into the file layout.
pub fn assemble(sections: &[(Section, Vec<u8>)]) -> Vec<u8> {
    let table_len = sections.len() * SECTION_ENTRY_LEN;
    let mut body_start = HEADER_LEN + table_len;
    body_start = align8(body_start);
    let mut out = vec![0u8; body_start];
    let mut table = Vec::with_capacity(table_len);
    for (kind, bytes) in sections {
        let offset = align8(out.len());
        out.resize(offset, 0);
        out.extend_from_slice(bytes);
        table.extend_from_slice(&(*kind as u32).to_le_bytes());
        table.extend_from_slice(&0u32.to_le_bytes());
        table.extend_from_slice(&(offset as u64).to_le_bytes());
        table.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    }
    out[0..8].copy_from_slice(MAGIC);
    out[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
    out[12..16].copy_from_slice(&(sections.len() as u32).to_le_bytes());
    out[HEADER_LEN..HEADER_LEN + table_len].copy_from_slice(&table);
    let crc = crc32fast::hash(&out[HEADER_LEN..]);
    out[16..20].copy_from_slice(&crc.to_le_bytes());
    out
}

fn align8(n: usize) -> usize {
    (n + 7) & !7
}

/// The bytes of an index: a memory map of a file, or a buffer built in memory.
pub enum Backing {
    Mapped(memmap2::Mmap),
    Owned(Vec<u8>),
}

impl AsRef<[u8]> for Backing {
    fn as_ref(&self) -> &[u8] {
        match self {
            Backing::Mapped(m) => m,
            Backing::Owned(v) => v,
        }
    }
}

/// A shared slice of the backing bytes, so FSTs can own their section.
#[derive(Clone)]
pub struct Slice {
    backing: Arc<Backing>,
    range: Range<usize>,
}

impl AsRef<[u8]> for Slice {
    fn as_ref(&self) -> &[u8] {
        &self.backing.as_ref().as_ref()[self.range.clone()]
    }
}

/// A checked index file with its sections located.
pub struct IndexFile {
    pub backing: Arc<Backing>,
    sections: Vec<(u32, Range<usize>)>,
    pub path: Option<PathBuf>,
}

impl IndexFile {
    /// Maps and checks the file at `path`.
    pub fn open(path: &Path) -> Result<IndexFile> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        // SAFETY: the map is read-only; the index file is written once, atomically
        // (renamed into place), and never modified while mapped.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| Error::io(path, e))?;
        Self::check(Backing::Mapped(map), Some(path.to_path_buf()))
    }

    /// Checks an index held in memory.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<IndexFile> {
        Self::check(Backing::Owned(bytes), None)
    }

    fn check(backing: Backing, path: Option<PathBuf>) -> Result<IndexFile> {
        let err = |message: String| Error::Index {
            path: path.clone().unwrap_or_else(|| PathBuf::from("<memory>")),
            message,
        };
        let bytes = backing.as_ref();
        if bytes.len() < HEADER_LEN {
            return Err(err(format!(
                "{} bytes is too short for an index (header is {HEADER_LEN} bytes)",
                bytes.len()
            )));
        }
        if &bytes[0..8] != MAGIC {
            return Err(err("not a redflag index (bad magic bytes)".into()));
        }
        let version = read_u32(bytes, 8);
        if version != FORMAT_VERSION {
            return Err(err(format!(
                "index format version {version}, this redflag reads version {FORMAT_VERSION}: rebuild it with `redflag index build`"
            )));
        }
        let count = read_u32(bytes, 12) as usize;
        let table_end = count
            .checked_mul(SECTION_ENTRY_LEN)
            .and_then(|n| n.checked_add(HEADER_LEN))
            .filter(|&end| end <= bytes.len())
            .ok_or_else(|| {
                err(format!(
                    "section table of {count} entries runs past the end of the file (truncated?)"
                ))
            })?;
        let crc = read_u32(bytes, 16);
        if crc32fast::hash(&bytes[HEADER_LEN..]) != crc {
            return Err(err(
                "checksum mismatch: the file is corrupted or truncated".into()
            ));
        }
        // The checksum covers the table too; still, the table must be exactly the one
        // `assemble` writes (every section once, in order, each at the next 8-byte
        // boundary, the last ending the file), so a file from a faulty writer is refused.
        if count != Section::ALL.len() {
            return Err(err(format!(
                "{count} sections, expected {}: the section table is corrupted",
                Section::ALL.len()
            )));
        }
        let mut sections = Vec::with_capacity(count);
        let mut next = align8(table_end) as u64;
        for (i, expected) in Section::ALL.iter().enumerate() {
            let at = HEADER_LEN + i * SECTION_ENTRY_LEN;
            let kind = read_u32(bytes, at);
            let offset = read_u64(bytes, at + 8);
            let len = read_u64(bytes, at + 16);
            let end = offset.checked_add(len).filter(|&e| e <= bytes.len() as u64);
            let Some(end) = end else {
                return Err(err(format!(
                    "section {kind} at byte {offset} (length {len}) runs past the end of the file"
                )));
            };
            if kind != *expected as u32 || offset != next {
                return Err(err(format!(
                    "section table entry {i} is section {kind} at byte {offset}, expected \
                     {expected:?} at byte {next}: the section table is corrupted"
                )));
            }
            sections.push((kind, offset as usize..end as usize));
            next = align8(end as usize) as u64;
        }
        let last_end = sections.last().map_or(table_end, |(_, r)| r.end);
        if last_end != bytes.len() {
            return Err(err(format!(
                "{} bytes after the last section: the section table is corrupted",
                bytes.len() - last_end
            )));
        }
        Ok(IndexFile {
            backing: Arc::new(backing),
            sections,
            path,
        })
    }

    /// The bytes of one section (present: checked on open).
    pub fn section(&self, section: Section) -> &[u8] {
        &self.backing.as_ref().as_ref()[self.range(section)]
    }

    /// A shared handle to one section.
    pub fn slice(&self, section: Section) -> Slice {
        Slice {
            backing: Arc::clone(&self.backing),
            range: self.range(section),
        }
    }

    fn range(&self, section: Section) -> Range<usize> {
        self.sections
            .iter()
            .find(|(k, _)| *k == section as u32)
            .map(|(_, r)| r.clone())
            .unwrap_or(0..0)
    }

    /// What to call this index in errors.
    pub fn display_path(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from("<memory>"))
    }
}

pub fn read_u32(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .unwrap_or(0)
}

pub fn read_u64(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at + 8)
        .map(|b| {
            let mut a = [0u8; 8];
            a.copy_from_slice(b);
            u64::from_le_bytes(a)
        })
        .unwrap_or(0)
}

/// Appends `v` as a LEB128 varint.
pub fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 varint at `*pos`, advancing it; `None` past the end or on overflow.
pub fn read_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        if shift > 63 {
            return None;
        }
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let sections: Vec<(Section, Vec<u8>)> = Section::ALL
            .iter()
            .map(|&s| (s, vec![s as u8; s as usize * 3]))
            .collect();
        assemble(&sections)
    }

    #[test]
    fn round_trips_sections() {
        let file = IndexFile::from_bytes(sample()).unwrap();
        assert_eq!(file.section(Section::Forms), &[6u8; 18][..]);
        assert_eq!(file.slice(Section::Meta).as_ref(), &[1u8; 3][..]);
    }

    #[test]
    fn rejects_corruption_truncation_and_other_versions() {
        let mut bytes = sample();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        assert!(matches!(
            IndexFile::from_bytes(bytes),
            Err(Error::Index { .. })
        ));
        let bytes = sample();
        for cut in [0, 10, 30, bytes.len() - 1] {
            assert!(
                IndexFile::from_bytes(bytes[..cut].to_vec()).is_err(),
                "cut at {cut}"
            );
        }
        let mut bytes = sample();
        bytes[8] = 99;
        let err = IndexFile::from_bytes(bytes).err().unwrap().to_string();
        assert!(err.contains("version 99"), "{err}");
        assert!(IndexFile::from_bytes(b"not an index at all, no".to_vec()).is_err());
    }

    #[test]
    fn any_change_to_the_section_table_is_an_error() {
        // Found by fuzzing: when the checksum did not cover the table, a table pointing
        // into the wrong bytes made the key readers panic, and a length shortened within
        // its section's alignment padding cut an FST's tail unnoticed.
        let whole = sample();
        let table_end = HEADER_LEN + Section::ALL.len() * SECTION_ENTRY_LEN;
        for byte in 12..table_end {
            if (16..24).contains(&byte) {
                continue; // the checksum itself, and the header's reserved word
            }
            for bit in [0, 3, 7] {
                let mut bytes = whole.clone();
                bytes[byte] ^= 1 << bit;
                let result = IndexFile::from_bytes(bytes);
                assert!(
                    matches!(result, Err(Error::Index { .. })),
                    "byte {byte} bit {bit} was not noticed"
                );
            }
        }
    }

    #[test]
    fn varints_round_trip() {
        let mut buf = Vec::new();
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            write_varint(&mut buf, v);
        }
        let mut pos = 0;
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            assert_eq!(read_varint(&buf, &mut pos), Some(v));
        }
        assert_eq!(read_varint(&buf, &mut pos), None);
    }
}
