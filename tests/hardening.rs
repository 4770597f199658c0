//! List files no loader should trust: huge fields, cut-off downloads, empty lists. Each
//! bad file is made here, from nothing or from the repository's own copies of the lists.

use redflag::index::IndexBuilder;
use redflag::model::{LoadedList, MAX_TEXT_CHARS};
use redflag::{sources, Query};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A name of `bytes` bytes: distinct-looking words, so every stage has tokens to chew on.
fn huge_name(bytes: usize) -> String {
    let words = [
        "KWANGSON ",
        "RYONBONG ",
        "HAEGUMGANG ",
        "CHOLSAN ",
        "TAESONG ",
    ];
    let mut name = String::with_capacity(bytes + 16);
    let mut i = 0;
    while name.len() < bytes {
        name.push_str(words[i % words.len()]);
        i += 1;
    }
    name
}

fn warnings(list: &LoadedList) -> Vec<String> {
    list.warnings.iter().map(ToString::to_string).collect()
}

/// Loads `xml`, checks the huge name was cut to the limit with a warning naming `record`,
/// and that the list indexes and is found by the name's first words, all in bounded time.
fn assert_cut_and_searchable(file: &str, xml: &str, record: &str, entity_id: &str) {
    let started = Instant::now();
    let list = sources::load_bytes(file, "t", xml.as_bytes()).unwrap();
    let entity = list.entities.iter().find(|e| e.id == entity_id).unwrap();
    let longest = entity.names.iter().map(|n| n.text.chars().count()).max();
    assert_eq!(longest, Some(MAX_TEXT_CHARS));
    let warning = warnings(&list)
        .into_iter()
        .find(|w| w.contains(record))
        .unwrap_or_else(|| panic!("no warning names {record}: {:?}", warnings(&list)));
    assert!(
        warning.contains("name of up to") && warning.contains("cut to 1000"),
        "{warning}"
    );
    // What is left is an ordinary name: a query of it finds the entity.
    let kept = entity.names[0].text.clone();
    let index = IndexBuilder::new().add_list(list).build().unwrap();
    let hits = index.search(&Query::new(kept)).unwrap();
    assert_eq!(hits.first().map(|h| h.entity_id.as_str()), Some(entity_id));
    // Before the cap this took minutes and gigabytes; the bound is loose for slow machines.
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_50_mb_last_name_in_an_sdn_file_is_cut_with_a_warning() {
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<sdnList xmlns=\"http://tempuri.org/sdnList.xsd\">\
         <sdnEntry><uid>7</uid><lastName>{}</lastName><sdnType>Entity</sdnType></sdnEntry>\
         </sdnList>",
        huge_name(50_000_000)
    );
    assert_cut_and_searchable("sdn.xml", &xml, "entity ofac:7", "ofac:7");
}

#[test]
fn a_50_mb_first_name_in_a_un_file_is_cut_with_a_warning() {
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST dateGenerated=\"2026-01-01T00:00:00\">\
         <INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><REFERENCE_NUMBER>KPi.900</REFERENCE_NUMBER>\
         <FIRST_NAME>{}</FIRST_NAME></INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>",
        huge_name(50_000_000)
    );
    assert_cut_and_searchable("un.xml", &xml, "entity un:KPi.900", "un:KPi.900");
}

#[test]
fn an_entity_with_100_000_aliases_keeps_the_first_thousand() {
    let mut csv = String::from("id,name,kind,aliases,country,dob\n1,Kim Jong Un,person,");
    for i in 0..100_000u32 {
        csv.push_str(&format!("Alias {i}|"));
    }
    csv.push_str(",KP,\n");
    let started = Instant::now();
    let list = sources::load_bytes("w.csv", "w", csv.as_bytes()).unwrap();
    assert_eq!(list.entities[0].names.len(), 1_000);
    assert_eq!(list.entities[0].names[0].text, "Kim Jong Un");
    let w = warnings(&list).join("\n");
    assert!(
        w.contains("entity w:1") && w.contains("99001 names beyond the first 1000 dropped"),
        "{w}"
    );
    // Deduplicating them one against another took minutes.
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
}

/// The OFAC `sdn.csv` fixture (the whole list of 8,976 entries), decompressed.
fn sdn_csv() -> Vec<u8> {
    sources::read_file(&repo("tests/fixtures/ofac_csv/sdn.csv.gz")).unwrap()
}

fn load_err(name: &str, bytes: &[u8]) -> String {
    match sources::load_bytes(name, "t", bytes) {
        Ok(list) => panic!("{name} loaded {} entities", list.entities.len()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn an_sdn_csv_cut_inside_its_last_quoted_field_is_refused() {
    let csv = sdn_csv();
    let half = csv.len() / 2;
    // Inside the quoted Remarks, the last field, of the first row past the middle that
    // has them: the record keeps its 12 fields, so only the open quote gives it away.
    let end = half + csv[half..].windows(3).position(|w| w == b"\"\r\n").unwrap();
    let err = load_err("sdn.csv", &csv[..end - 3]);
    assert!(
        err.starts_with("sdn.csv: line ") && err.contains("ends inside a quoted field"),
        "{err}"
    );
    assert!(err.contains("cut off"), "{err}");
}

#[test]
fn an_sdn_csv_cut_in_half_is_refused() {
    let csv = sdn_csv();
    let err = load_err("sdn.csv", &csv[..csv.len() / 2]);
    assert!(err.contains("cut off"), "{err}");
}

#[test]
fn an_sdn_csv_cut_mid_record_outside_quotes_is_refused() {
    let csv = sdn_csv();
    let half = csv.len() / 2;
    let line_start = half + csv[half..].iter().position(|&b| b == b'\n').unwrap() + 1;
    // The ent_num and a comma: a record short of its fields.
    let cut = line_start + csv[line_start..].iter().position(|&b| b == b',').unwrap() + 1;
    let err = load_err("sdn.csv", &csv[..cut]);
    assert!(
        err.contains("field(s), expected 12") && err.contains("cut off"),
        "{err}"
    );
}

#[test]
fn the_whole_sdn_csv_still_loads() {
    let list = sources::load_bytes("sdn.csv", "t", &sdn_csv()).unwrap();
    assert_eq!(list.entities.len(), 8_976);
}

#[test]
fn a_watchlist_cut_inside_quotes_or_short_of_fields_is_refused() {
    let err = load_err(
        "w.csv",
        b"id,name,kind,aliases,country,dob\n1,\"Kim, Jong Un\",person,,KP,\n2,Korea,,,KP,\"19",
    );
    assert!(
        err.starts_with("w.csv: line 3: ") && err.contains("ends inside a quoted field"),
        "{err}"
    );
    let err = load_err(
        "w.csv",
        b"id,name,kind,aliases,country,dob\n1,Kim Jong Un,person,,KP,\n2,Korea Kwang",
    );
    assert!(
        err.starts_with("w.csv: line 3: 2 fields, expected 6") && err.contains("cut off"),
        "{err}"
    );
}

#[test]
fn lists_without_entities_load_with_a_warning() {
    for (name, bytes) in [
        (
            "sdn.xml",
            &b"<?xml version=\"1.0\"?><sdnList xmlns=\"http://tempuri.org/sdnList.xsd\"/>"[..],
        ),
        ("un.xml", b"<CONSOLIDATED_LIST/>"),
        ("eu.xml", b"<export/>"),
        ("w.csv", b"id,name,kind,aliases,country,dob\n"),
    ] {
        let list = sources::load_bytes(name, "t", bytes).unwrap();
        assert!(list.entities.is_empty());
        let w = warnings(&list);
        assert_eq!(
            w.first().map(String::as_str),
            Some(
                format!(
                    "{name}: file: the list has no entities: screening against it finds nothing"
                )
                .as_str()
            ),
            "{name}"
        );
    }
}

#[test]
fn index_build_warns_about_an_empty_list() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("empty.csv");
    std::fs::write(&list, "id,name,kind,aliases,country,dob\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_redflag"))
        .args([
            "index",
            "build",
            "--list",
            list.to_str().unwrap(),
            "--output",
        ])
        .arg(dir.path().join("empty.idx"))
        .env("REDFLAG_CACHE_DIR", dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: ")
            && stderr.contains("empty.csv: file: the list has no entities"),
        "{stderr}"
    );
}
