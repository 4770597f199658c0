//! The fuzz targets, as plain functions of the input bytes: the cargo-fuzz binaries in
//! `fuzz_targets/` and the stable mutation loop (`examples/mutate.rs`) call the same ones.
//! Each may refuse its input with an error; a panic, a hang or runaway memory is a bug.

use redflag::index::{Index, IndexBuilder};
use redflag::sources::{self, ofac_csv};
use redflag::Query;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A fuzz target: a function of the input bytes.
pub type Target = fn(&[u8]);

/// Every target by name.
pub const TARGETS: &[(&str, Target)] = &[
    ("ofac_xml", ofac_xml),
    ("ofac_csv", ofac_csv),
    ("ofac_advanced", ofac_advanced),
    ("un_xml", un_xml),
    ("eu_xml", eu_xml),
    ("ftm_json", ftm_json),
    ("watchlist_csv", watchlist_csv),
    ("screen_csv", screen_csv),
    ("screen_xlsx", screen_xlsx),
    ("index_open", index_open),
    ("index_resealed", index_resealed),
];

/// The target named `name`.
pub fn target(name: &str) -> Option<fn(&[u8])> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// OFAC classic XML, directly and through content detection (gzip and limits included).
pub fn ofac_xml(data: &[u8]) {
    let _ = sources::ofac_xml::parse("fuzz.xml", data);
    let _ = sources::load_bytes("fuzz.xml", "fuzz", data);
}

/// The OFAC CSV set: the input is split on `\x00` into main, alt, add and comments files,
/// so the joins are exercised too.
pub fn ofac_csv(data: &[u8]) {
    let mut parts = data.split(|&b| b == 0);
    let main = parts.next().unwrap_or_default();
    let set = ofac_csv::CsvSet {
        main,
        alt: parts.next(),
        add: parts.next(),
        comments: parts.next(),
    };
    let _ = ofac_csv::parse("fuzz/sdn.csv", &set);
    let _ = ofac_csv::parse("fuzz/cons_prim.csv", &set);
}

/// OFAC advanced XML.
pub fn ofac_advanced(data: &[u8]) {
    let _ = sources::ofac_advanced::parse("fuzz.xml", data);
}

/// The UN consolidated XML.
pub fn un_xml(data: &[u8]) {
    let _ = sources::un_xml::parse("fuzz.xml", data);
    let _ = sources::load_bytes("fuzz.xml", "fuzz", data);
}

/// The EU financial sanctions XML.
pub fn eu_xml(data: &[u8]) {
    let _ = sources::eu_xml::parse("fuzz.xml", data);
}

/// FollowTheMoney JSON lines.
pub fn ftm_json(data: &[u8]) {
    let _ = sources::ftm_json::parse("fuzz.json", "fuzz", data);
}

/// A watchlist CSV, directly and through content detection.
pub fn watchlist_csv(data: &[u8]) {
    let _ = sources::watchlist_csv::parse("fuzz.csv", "fuzz", data);
    let _ = sources::load_bytes("fuzz.csv", "fuzz", data);
}

/// A vendor CSV screened against a small index (reader, column finding, rows, output).
pub fn screen_csv(data: &[u8]) {
    screen_file("in.csv", data);
}

/// A vendor workbook screened against a small index.
pub fn screen_xlsx(data: &[u8]) {
    screen_file("in.xlsx", data);
}

/// An index file as it is, corrupted anywhere: opened, then searched and read entity by
/// entity. Opening must refuse it or it must answer without a panic.
pub fn index_open(data: &[u8]) {
    exercise_index(data.to_vec());
}

/// An index file whose checksum is recomputed after mutation, as a crafted file's would
/// be, so mutations reach the sections' contents. The FST reader trusts checksummed
/// bytes and may panic on crafted ones (see README.md): this target measures that.
pub fn index_resealed(data: &[u8]) {
    exercise_index(resealed(data));
}

fn exercise_index(bytes: Vec<u8>) {
    let Ok(index) = Index::from_bytes(bytes) else {
        return;
    };
    for name in [
        "Kim Jong Un",
        "Korea Kwangson Banking",
        "Ryonbong",
        "김정은",
    ] {
        let _ = index.search(&Query::new(name));
    }
    let _ = index.search(&Query::new("").identifier(None, "sales@kwangson.example"));
    for i in 0..index.entity_count().min(64) as u32 {
        let _ = index.entity(i);
    }
    let _ = index.entity_by_id("my_vendors:v1");
    let _ = index.lists();
}

/// `data` with the checksum field of an index header set to the CRC-32 of every byte after
/// the 24-byte header, as `src/index/file.rs` lays it out.
fn resealed(data: &[u8]) -> Vec<u8> {
    let mut bytes = data.to_vec();
    if bytes.len() >= 24 {
        let crc = crc32fast::hash(&bytes[24..]);
        bytes[16..20].copy_from_slice(&crc.to_le_bytes());
    }
    bytes
}

/// The index screening targets search: the repository's example watchlist.
pub fn small_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/watchlist/My_Vendors.csv"
        );
        let list = sources::load_path(std::path::Path::new(path)).expect("the fixture loads");
        IndexBuilder::new()
            .add_list(list)
            .build()
            .expect("the fixture indexes")
    })
}

/// Writes `data` as `file` in this process's scratch folder and screens it to JSON lines.
fn screen_file(file: &str, data: &[u8]) {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("redflag-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        dir
    });
    let input = dir.join(file);
    if std::fs::write(&input, data).is_err() {
        return;
    }
    let config = redflag::screen::ScreenConfig::new(&input, dir.join("out.jsonl"));
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let _ = redflag::screen::run(&config, small_index(), &cancel);
}
