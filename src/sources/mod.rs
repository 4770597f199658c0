//! List loaders: bytes of a list file → [`LoadedList`].
//!
//! The format is detected from content, never from the file name; gzip is undone
//! transparently, up to [`MAX_LIST_BYTES`]. Each format lives in its own module and knows
//! nothing of matching. Every list loaded here is cut to the [`limits`] and warns when it
//! holds no entity.

mod csv_end;
pub mod eu_xml;
pub mod ftm_json;
pub mod limits;
pub mod ofac_advanced;
mod ofac_common;
pub mod ofac_csv;
pub mod ofac_xml;
mod parts;
pub mod un_xml;
pub mod watchlist_csv;
mod xml;
mod xml_tree;

use crate::error::{Error, Result};
use crate::model::LoadedList;
use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest list accepted once decompressed, in bytes. The biggest official list is a few
/// tens of MB, so a file that unzips to more is no list, and must not exhaust memory:
/// 1 GB of XML compresses to 1 MB.
pub const MAX_LIST_BYTES: u64 = 512 * 1024 * 1024;

/// The list formats redflag reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// OFAC's classic XML (`sdn.xml`, `consolidated.xml`; root `<sdnList>`, either namespace).
    OfacXml,
    /// OFAC's legacy CSV set: `sdn.csv` or `cons_prim.csv`, with `alt`, `add` and comments beside it.
    OfacCsv,
    /// The UN Security Council consolidated list (root `<CONSOLIDATED_LIST>`).
    UnXml,
    /// The EU financial-sanctions list (root `<export>`).
    EuXml,
    /// A watchlist of your own: `id,name,kind,aliases,country,dob[,identifiers]`.
    WatchlistCsv,
    /// OFAC's advanced XML (root `<Sanctions>`, SDN_ADVANCED schema).
    OfacAdvancedXml,
    /// OpenSanctions FollowTheMoney entities, one JSON object a line.
    FtmJson,
}

impl Format {
    /// The name written in `redflag lists` and in list summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::OfacXml => "ofac-xml",
            Format::OfacCsv => "ofac-csv",
            Format::UnXml => "un-xml",
            Format::EuXml => "eu-xml",
            Format::WatchlistCsv => "watchlist-csv",
            Format::OfacAdvancedXml => "ofac-advanced-xml",
            Format::FtmJson => "ftm-json",
        }
    }
}

/// The header a watchlist CSV must start with.
pub const WATCHLIST_HEADER: &str = "id,name,kind,aliases,country,dob";
/// The optional seventh column of a watchlist: identifiers as `type:value|type:value`.
pub const WATCHLIST_IDENTIFIERS: &str = "identifiers";

/// Loads one list from a path: a list file (plain or `.gz`), or a folder holding an
/// OFAC CSV set (`sdn.csv` or `cons_prim.csv` with its `alt`/`add`/`comments` files).
pub fn load_path(path: &Path) -> Result<LoadedList> {
    if path.is_dir() {
        let main = ["sdn.csv", "cons_prim.csv", "sdn.csv.gz", "cons_prim.csv.gz"]
            .iter()
            .map(|f| path.join(f))
            .find(|p| p.is_file())
            .ok_or_else(|| Error::UnknownFormat {
                file: path.display().to_string(),
                reason: "a folder must hold an OFAC CSV set (sdn.csv or cons_prim.csv)".into(),
            })?;
        return load_path(&main);
    }
    let bytes = read_file(path)?;
    let name = path.display().to_string();
    let list = match detect(&bytes) {
        Some(Format::OfacCsv) => load_ofac_csv_set(path, &bytes),
        Some(format) => parse_as(format, &name, &file_stem(path), &bytes),
        None => Err(unknown_format(&name, &bytes)),
    };
    list.map(|l| with_content_hash(l, &bytes))
}

/// Records the version of the file a list came from (for an OFAC CSV set, of its main
/// file): the SHA-256 of its uncompressed bytes.
fn with_content_hash(mut list: LoadedList, bytes: &[u8]) -> LoadedList {
    list.info.content_hash = Some(crate::files::sha256_hex(bytes));
    list
}

/// Loads one list from bytes already in memory (gzip or plain). `name` names the file
/// in errors; `stem` prefixes watchlist ids. An OFAC CSV main file loads alone here
/// (no aliases or addresses): use [`load_path`] to join its sibling files.
pub fn load_bytes(name: &str, stem: &str, bytes: &[u8]) -> Result<LoadedList> {
    let bytes = decompress(name, bytes)?;
    let list = match detect(&bytes) {
        Some(format) => parse_as(format, name, stem, &bytes),
        None => Err(unknown_format(name, &bytes)),
    };
    list.map(|l| with_content_hash(l, &bytes))
}

fn parse_as(format: Format, name: &str, stem: &str, bytes: &[u8]) -> Result<LoadedList> {
    let list = match format {
        Format::OfacXml => ofac_xml::parse(name, bytes),
        Format::UnXml => un_xml::parse(name, bytes),
        Format::EuXml => eu_xml::parse(name, bytes),
        Format::WatchlistCsv => watchlist_csv::parse(name, stem, bytes),
        Format::OfacAdvancedXml => ofac_advanced::parse(name, bytes),
        Format::FtmJson => ftm_json::parse(name, stem, bytes),
        Format::OfacCsv => ofac_csv::parse(
            name,
            &ofac_csv::CsvSet {
                main: bytes,
                alt: None,
                add: None,
                comments: None,
            },
        ),
    }?;
    Ok(checked(list))
}

/// What every loaded list goes through: its entities cut to the [`limits`], and a warning
/// when it has none, since an index of it would screen against nothing.
fn checked(list: LoadedList) -> LoadedList {
    let mut list = limits::apply(list);
    if list.entities.is_empty() {
        let warning = crate::error::Warning::new(
            &list.info.source,
            crate::error::Location::File,
            "the list has no entities: screening against it finds nothing",
        );
        list.warnings.insert(0, warning);
    }
    list
}

/// Reads the OFAC CSV set beside `main`: `alt`, `add` and `comments` files, each optional.
fn load_ofac_csv_set(main_path: &Path, main: &[u8]) -> Result<LoadedList> {
    let dir = main_path.parent().unwrap_or(Path::new("."));
    let stem = file_stem(main_path);
    let (alt, add, comments) = if stem.starts_with("cons") {
        ("cons_alt", "cons_add", "cons_comments")
    } else {
        ("alt", "add", "sdn_comments")
    };
    let sibling = |base: &str| -> Result<Option<Vec<u8>>> {
        for candidate in [format!("{base}.csv"), format!("{base}.csv.gz")] {
            let p = dir.join(&candidate);
            if p.is_file() {
                return read_file(&p).map(Some);
            }
        }
        Ok(None)
    };
    let (alt, add, comments) = (sibling(alt)?, sibling(add)?, sibling(comments)?);
    let list = ofac_csv::parse(
        &main_path.display().to_string(),
        &ofac_csv::CsvSet {
            main,
            alt: alt.as_deref(),
            add: add.as_deref(),
            comments: comments.as_deref(),
        },
    )?;
    Ok(checked(list))
}

/// Reads a whole file, undoing gzip when the content is gzip (up to [`MAX_LIST_BYTES`]).
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    read_file_at_most(path, MAX_LIST_BYTES)
}

fn read_file_at_most(path: &Path, max: u64) -> Result<Vec<u8>> {
    let raw = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decompress_at_most(&path.display().to_string(), &raw, max).map(|b| b.into_owned())
}

/// Undoes gzip (up to [`MAX_LIST_BYTES`]) when `bytes` start with the gzip magic; borrows
/// them otherwise.
pub fn decompress<'a>(name: &str, bytes: &'a [u8]) -> Result<Cow<'a, [u8]>> {
    decompress_at_most(name, bytes, MAX_LIST_BYTES)
}

/// [`decompress`], refusing more than `max` bytes of output: a small file can inflate a
/// lot. A stream that says it inflates beyond `max` is first counted without keeping
/// its output, so refusing a gzip bomb costs time but no memory.
pub fn decompress_at_most<'a>(name: &str, bytes: &'a [u8], max: u64) -> Result<Cow<'a, [u8]>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(Cow::Borrowed(bytes));
    }
    let fail = |message: String| Error::parse(name, crate::error::Location::File, message);
    let broken = |e: std::io::Error| fail(format!("broken gzip stream: {e}"));
    let too_big = || {
        fail(format!(
            "unzips to more than {max} bytes, more than any list: refused (a gzip bomb?)"
        ))
    };
    let inflate = || flate2::read::MultiGzDecoder::new(bytes).take(max.saturating_add(1));
    // The last member's trailer states its size (modulo 4 GiB): no less than the output.
    let mut expected = gzip_stated_size(bytes);
    if expected > max {
        expected = std::io::copy(&mut inflate(), &mut std::io::sink()).map_err(broken)?;
        if expected > max {
            return Err(too_big());
        }
    }
    let mut out = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    inflate().read_to_end(&mut out).map_err(broken)?;
    if out.len() as u64 > max {
        return Err(too_big());
    }
    Ok(Cow::Owned(out))
}

/// The size a gzip stream's trailer states for its last member (its last four bytes).
fn gzip_stated_size(bytes: &[u8]) -> u64 {
    let tail: [u8; 4] = bytes[bytes.len().saturating_sub(4)..]
        .try_into()
        .unwrap_or_default();
    u64::from(u32::from_le_bytes(tail))
}

/// Detects a list format from the first bytes of (decompressed) content.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('<') {
        let root = xml::root_element_name(text)?;
        return match root.as_str() {
            "sdnList" => Some(Format::OfacXml),
            "CONSOLIDATED_LIST" => Some(Format::UnXml),
            "export" => Some(Format::EuXml),
            "Sanctions" if text.contains(ofac_advanced::NAMESPACE) => Some(Format::OfacAdvancedXml),
            _ => None,
        };
    }
    if text.starts_with('{') {
        return ftm_json::looks_like_ftm(bytes).then_some(Format::FtmJson);
    }
    let first_line = text.lines().next().unwrap_or("").trim();
    let with_ids = format!("{WATCHLIST_HEADER},{WATCHLIST_IDENTIFIERS}");
    if first_line.eq_ignore_ascii_case(WATCHLIST_HEADER)
        || first_line.eq_ignore_ascii_case(&with_ids)
    {
        return Some(Format::WatchlistCsv);
    }
    if ofac_csv::looks_like_ofac_csv(first_line) {
        return Some(Format::OfacCsv);
    }
    None
}

fn unknown_format(name: &str, bytes: &[u8]) -> Error {
    let reason = if bytes.is_empty() {
        "the file is empty".to_string()
    } else if let Some(root) = std::str::from_utf8(&bytes[..bytes.len().min(4096)])
        .ok()
        .filter(|t| t.trim_start().starts_with('<'))
        .and_then(xml::root_element_name)
    {
        format!(
            "XML with root element <{root}>, expected <sdnList> (OFAC), \
             <CONSOLIDATED_LIST> (UN), <export> (EU) or <Sanctions> (OFAC advanced)"
        )
    } else {
        format!(
            "expected OFAC/UN/EU XML, an OFAC CSV (sdn.csv), FollowTheMoney JSON lines or a watchlist CSV with header `{WATCHLIST_HEADER}`"
        )
    };
    Error::UnknownFormat {
        file: name.to_string(),
        reason,
    }
}

/// The file name without `.gz` and its extension, lowercased: the prefix of watchlist ids.
pub fn file_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let stem = PathBuf::from(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    stem.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_is_undone_within_its_cap() {
        let shipped = crate::lists::OFFICIAL[2].shipped;
        let plain = decompress("un", shipped).unwrap();
        assert!(plain.starts_with(b"<?xml"));
        let len = plain.len() as u64;
        assert_eq!(
            decompress_at_most("un", shipped, len).unwrap().len() as u64,
            len
        );
        let err = decompress_at_most("un", shipped, len - 1).unwrap_err();
        assert!(err.to_string().contains("unzips to more than"), "{err}");
        assert!(matches!(
            decompress("plain", b"<x/>").unwrap(),
            Cow::Borrowed(_)
        ));
    }

    /// `members` gzip members of 1 MiB of spaces each.
    fn gzip_of_spaces(members: usize) -> Vec<u8> {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&vec![b' '; 1 << 20]).unwrap();
        gz.finish().unwrap().repeat(members)
    }

    #[test]
    fn a_gzip_bomb_is_refused_naming_the_file() {
        const MIB: u64 = 1 << 20;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.xml.gz");
        // One member whose trailer says it is too big, and many small members whose last
        // trailer says 1 MiB: only counting while inflating finds that bomb.
        let one = {
            use std::io::Write;
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(&vec![b' '; 5 << 20]).unwrap();
            gz.finish().unwrap()
        };
        for bomb in [one, gzip_of_spaces(5)] {
            assert!(bomb.len() < 64 * 1024, "{} bytes", bomb.len());
            std::fs::write(&path, &bomb).unwrap();
            let err = read_file_at_most(&path, 4 * MIB).unwrap_err().to_string();
            assert_eq!(
                err,
                format!(
                    "{}: file: unzips to more than 4194304 bytes, more than any list: \
                     refused (a gzip bomb?)",
                    path.display()
                )
            );
            assert_eq!(
                read_file_at_most(&path, 5 * MIB).unwrap().len() as u64,
                5 * MIB
            );
        }
    }

    #[test]
    fn a_cut_off_gzip_file_is_broken_not_a_bomb() {
        let whole = gzip_of_spaces(1);
        let err = decompress_at_most("cut.gz", &whole[..whole.len() - 6], 2 << 20)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("cut.gz: file: broken gzip stream"), "{err}");
    }

    #[test]
    fn detects_formats_from_content() {
        assert_eq!(
            detect(b"<?xml version=\"1.0\"?>\n<sdnList xmlns=\"http://tempuri.org/sdnList.xsd\">"),
            Some(Format::OfacXml)
        );
        assert_eq!(
            detect(b"<?xml version=\"1.0\"?><CONSOLIDATED_LIST dateGenerated=\"x\">"),
            Some(Format::UnXml)
        );
        assert_eq!(
            detect(b"\xef\xbb\xbf<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\">"),
            Some(Format::EuXml)
        );
        assert_eq!(
            detect(b"id,name,kind,aliases,country,dob\n1,X,person,,,\n"),
            Some(Format::WatchlistCsv)
        );
        assert_eq!(detect(b"<html><body>"), None);
        assert_eq!(detect(b""), None);
    }

    #[test]
    fn stems_drop_gz_and_extension() {
        assert_eq!(file_stem(Path::new("/x/My_List.CSV.gz")), "my_list");
        assert_eq!(file_stem(Path::new("vendors.csv")), "vendors");
    }
}
