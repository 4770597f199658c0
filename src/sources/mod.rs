//! List loaders: bytes of a list file → [`LoadedList`].
//!
//! The format is detected from content, never from the file name; gzip is undone
//! transparently. Each format lives in its own module and knows nothing of matching.

pub mod eu_xml;
pub mod ftm_json;
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
use std::io::Read;
use std::path::{Path, PathBuf};

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
    match format {
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
    }
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
    ofac_csv::parse(
        &main_path.display().to_string(),
        &ofac_csv::CsvSet {
            main,
            alt: alt.as_deref(),
            add: add.as_deref(),
            comments: comments.as_deref(),
        },
    )
}

/// Reads a whole file, undoing gzip when the content is gzip.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let raw = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decompress(&path.display().to_string(), &raw).map(|b| b.into_owned())
}

/// Undoes gzip when `bytes` start with the gzip magic; borrows them otherwise.
pub fn decompress<'a>(name: &str, bytes: &'a [u8]) -> Result<std::borrow::Cow<'a, [u8]>> {
    decompress_at_most(name, bytes, u64::MAX)
}

/// [`decompress`], refusing more than `max` bytes of output: a small body from a server
/// can inflate a lot.
pub fn decompress_at_most<'a>(
    name: &str,
    bytes: &'a [u8],
    max: u64,
) -> Result<std::borrow::Cow<'a, [u8]>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(std::borrow::Cow::Borrowed(bytes));
    }
    let fail = |message: String| Error::parse(name, crate::error::Location::File, message);
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(8));
    flate2::read::MultiGzDecoder::new(bytes)
        .take(max.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| fail(format!("broken gzip stream: {e}")))?;
    if out.len() as u64 > max {
        return Err(fail(format!("unzips to more than {max} bytes")));
    }
    Ok(std::borrow::Cow::Owned(out))
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
            std::borrow::Cow::Borrowed(_)
        ));
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
