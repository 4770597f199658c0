//! The OFAC loaders on the repository's own copies of the real lists (data/ and
//! tests/fixtures/), and on broken variants of them.

use redflag::error::{Error, Location};
use redflag::model::{CountryRole, DateSpec, Entity, EntityKind, IdKind, LoadedList, NameKind};
use redflag::sources::{self, ofac_csv, ofac_xml};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn load(path: &str) -> LoadedList {
    sources::load_path(&repo(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The SDN list is read once and shared by every test that needs it.
fn sdn() -> &'static LoadedList {
    static SDN: OnceLock<LoadedList> = OnceLock::new();
    SDN.get_or_init(|| load("data/ofac_sdn.xml.gz"))
}

fn sdn_csv() -> &'static LoadedList {
    static CSV: OnceLock<LoadedList> = OnceLock::new();
    CSV.get_or_init(|| load("tests/fixtures/ofac_csv"))
}

fn entity<'a>(list: &'a LoadedList, id: &str) -> &'a Entity {
    list.entities
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("{id} not in {}", list.info.source))
}

fn day(year: i32, month: u8, day: u8) -> DateSpec {
    DateSpec::Day { year, month, day }
}

fn year(year: i32) -> DateSpec {
    DateSpec::Year { year }
}

/// Decompressed bytes of a repository file.
fn bytes(path: &str) -> Vec<u8> {
    sources::read_file(&repo(path)).unwrap()
}

fn parse_error(result: redflag::Result<LoadedList>) -> (String, Location, String) {
    match result {
        Err(Error::Parse {
            file,
            location,
            message,
        }) => (file, location, message),
        Err(other) => panic!("expected a parse error, got {other}"),
        Ok(list) => panic!("expected an error, loaded {} entities", list.entities.len()),
    }
}

// ---------------------------------------------------------------- classic XML

#[test]
fn sdn_xml_counts() {
    let list = sdn();
    assert_eq!(list.info.name, "OFAC SDN");
    assert_eq!(list.info.format, "ofac-xml");
    assert_eq!(list.info.published.as_deref(), Some("2024-05-07"));
    assert_eq!(list.entities.len(), 14_966);
    assert_eq!(list.counts_by_kind(), [6_855, 6_884, 851, 376, 0]);
    assert!(list.warnings.is_empty(), "{:?}", list.warnings.first());
}

#[test]
fn sdn_xml_kim_jong_un_field_by_field() {
    let kim = entity(sdn(), "ofac:20157");
    assert_eq!(kim.primary_name(), "KIM, Jong Un");
    assert_eq!(kim.kind, EntityKind::Person);
    assert_eq!(kim.list, "OFAC SDN");
    assert_eq!(kim.list_date.as_deref(), Some("2024-05-07"));
    assert_eq!(kim.programs, ["DPRK3"]);
    assert_eq!(kim.birth_dates.len(), 1);
    assert_eq!(kim.birth_dates[0].raw, "08 Jan 1984");
    assert_eq!(kim.birth_dates[0].value, Some(day(1984, 1, 8)));
    let country = &kim.countries[0];
    assert_eq!(
        (country.name.as_str(), country.code.as_deref(), country.role),
        ("Korea, North", Some("KP"), CountryRole::Location)
    );
    assert_eq!(kim.addresses[0].full, "Korea, North");
    assert!(kim
        .remarks
        .contains(&"Title: Chairman of the Workers' Party of Korea".to_string()));
}

#[test]
fn sdn_xml_aliases_keep_their_strength() {
    let bnc = entity(sdn(), "ofac:306");
    assert_eq!(bnc.kind, EntityKind::Organization);
    let kinds: Vec<_> = bnc
        .names
        .iter()
        .map(|n| (n.text.as_str(), n.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("BANCO NACIONAL DE CUBA", NameKind::Primary),
            ("BNC", NameKind::WeakAlias),
            ("NATIONAL BANK OF CUBA", NameKind::Alias),
        ]
    );
    assert_eq!(bnc.addresses.len(), 4);
    assert_eq!(
        bnc.addresses[3].full,
        "Federico Boyd Avenue & 51 Street, Panama City, Panama"
    );
}

#[test]
fn sdn_xml_circa_and_range_dates() {
    let circa = &entity(sdn(), "ofac:7782").birth_dates[0];
    assert_eq!(circa.raw, "circa 1951");
    assert_eq!(circa.value, Some(DateSpec::Circa(Box::new(year(1951)))));
    let circa_day = &entity(sdn(), "ofac:7929").birth_dates[0];
    assert_eq!(
        circa_day.value,
        Some(DateSpec::Circa(Box::new(day(1966, 7, 7))))
    );
    let range = entity(sdn(), "ofac:20439")
        .birth_dates
        .iter()
        .find(|d| d.raw == "1951 to 1953")
        .expect("a 1951 to 1953 date");
    assert_eq!(
        range.value,
        Some(DateSpec::Range {
            from: Box::new(year(1951)),
            to: Box::new(year(1953)),
        })
    );
}

#[test]
fn sdn_xml_vessel_identifiers() {
    let vessels: Vec<_> = sdn()
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Vessel)
        .collect();
    let imo = vessels
        .iter()
        .flat_map(|e| &e.identifiers)
        .filter(|i| i.kind == IdKind::Imo)
        .count();
    assert_eq!(imo, 845, "vessels with an IMO number");
    let crypto = sdn()
        .entities
        .iter()
        .flat_map(|e| &e.identifiers)
        .filter(|i| i.kind == IdKind::CryptoAddress)
        .count();
    assert!(crypto >= 390, "{crypto} crypto addresses");
}

#[test]
fn non_sdn_consolidated_xml() {
    let list = load("data/ofac_consolidated.xml.gz");
    assert_eq!(list.info.name, "OFAC non-SDN");
    assert_eq!(list.entities.len(), 443);
    assert!(list.entities.iter().all(|e| e.list == "OFAC non-SDN"));
    assert!(list.warnings.is_empty(), "{:?}", list.warnings.first());
}

#[test]
fn old_tempuri_namespace() {
    let cons = load("tests/fixtures/ofac_tempuri/consolidated.xml.gz");
    assert_eq!(cons.entities.len(), 639);
    assert_eq!(cons.info.published.as_deref(), Some("2018-04-06"));
    assert!(cons.warnings.is_empty());

    let sdn = load("tests/fixtures/ofac_tempuri/sdn.xml");
    assert_eq!(sdn.entities.len(), 17);
    assert_eq!(sdn.warnings.len(), 1);
    let warning = sdn.warnings[0].to_string();
    assert!(
        warning.contains("7449") && warning.contains("17"),
        "{warning}"
    );
}

#[test]
fn xml_truncated_names_the_open_entry() {
    let full = bytes("tests/fixtures/ofac_tempuri/sdn.xml");
    // Cut after the Madrid address of one entry, before its </sdnEntry>.
    let cut = full.windows(12).position(|w| w == b"<city>Madrid").unwrap();
    let (file, location, message) = parse_error(ofac_xml::parse("sdn.xml", &full[..cut]));
    assert_eq!(file, "sdn.xml");
    assert!(
        matches!(&location, Location::Record { record, at: Some(_) } if record == "sdnEntry uid 306"),
        "{location}"
    );
    // Cut inside the uid of the next entry: the entry is named by where it starts.
    let cut = full.len() * 2 / 3;
    let (_, location, _) = parse_error(ofac_xml::parse("sdn.xml", &full[..cut]));
    assert!(
        location
            .to_string()
            .contains("without uid, starting at byte"),
        "{location}"
    );
    assert!(
        message.contains("truncated") || message.contains("malformed"),
        "{message}"
    );
}

#[test]
fn xml_truncated_mid_tag_is_an_error() {
    let full = bytes("tests/fixtures/ofac_tempuri/sdn.xml");
    let at = full.windows(5).position(|w| w == b"<city").unwrap() + 3;
    let (_, location, message) = parse_error(ofac_xml::parse("sdn.xml", &full[..at]));
    assert!(location.to_string().contains("sdnEntry uid"), "{location}");
    assert!(!message.is_empty());
}

#[test]
fn xml_of_another_format() {
    let un = bytes("data/un_consolidated.xml.gz");
    let (_, location, message) = parse_error(ofac_xml::parse("un.xml", &un));
    assert!(matches!(location, Location::Byte(_)), "{location}");
    assert!(message.contains("<sdnList>"), "{message}");
    // Through detection, HTML is no list at all.
    let err = sources::load_bytes("page.html", "page", b"<html><body>x</body></html>").unwrap_err();
    assert!(matches!(err, Error::UnknownFormat { .. }), "{err}");
}

#[test]
fn xml_invalid_utf8_names_the_byte() {
    let mut broken = bytes("tests/fixtures/ofac_tempuri/sdn.xml");
    let at = broken.windows(7).position(|w| w == b"AIRLINE").unwrap();
    broken[at] = 0xFF;
    let (_, location, message) = parse_error(ofac_xml::parse("sdn.xml", &broken));
    assert_eq!(location, Location::Byte(at as u64));
    assert!(message.contains("UTF-8"), "{message}");
}

#[test]
fn xml_empty_file() {
    let (_, location, message) = parse_error(ofac_xml::parse("sdn.xml", b""));
    assert_eq!(location, Location::File);
    assert!(message.contains("empty"), "{message}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sdn.xml");
    std::fs::write(&path, b"").unwrap();
    let err = sources::load_path(&path).unwrap_err();
    assert!(err.to_string().contains("empty"), "{err}");
}

#[test]
fn xml_unparseable_date_is_a_warning_with_raw_text() {
    let text = String::from_utf8(bytes("tests/fixtures/ofac_tempuri/sdn.xml")).unwrap();
    let text = text.replacen("24 Aug 1951", "the year of the rat", 1);
    let list = ofac_xml::parse("sdn.xml", text.as_bytes()).unwrap();
    let with_raw = list
        .entities
        .iter()
        .flat_map(|e| e.birth_dates.iter().map(move |d| (e, d)))
        .find(|(_, d)| d.raw == "the year of the rat")
        .expect("raw text kept");
    assert_eq!(with_raw.1.value, None);
    let warning = list
        .warnings
        .iter()
        .find(|w| w.message.contains("the year of the rat"))
        .expect("a warning");
    assert!(
        warning
            .location
            .to_string()
            .contains(&with_raw.0.id["ofac:".len()..]),
        "{warning}"
    );
}

#[test]
fn xml_entry_without_uid_or_type() {
    let text = String::from_utf8(bytes("tests/fixtures/ofac_tempuri/sdn.xml")).unwrap();
    let no_type = text.replacen("<sdnType>Entity</sdnType>", "<sdnType>Company</sdnType>", 1);
    let (_, location, message) = parse_error(ofac_xml::parse("sdn.xml", no_type.as_bytes()));
    assert!(
        location.to_string().starts_with("sdnEntry uid 36"),
        "{location}"
    );
    assert!(message.contains("expected Individual, Entity, Vessel or Aircraft"));
    let no_uid = text.replacen("<uid>36</uid>", "", 1);
    let (_, location, _) = parse_error(ofac_xml::parse("sdn.xml", no_uid.as_bytes()));
    assert!(location.to_string().contains("without uid"), "{location}");
}

// ---------------------------------------------------------------- legacy CSV

/// Names that came from alt.csv: every Alias and Former name, less the `f.k.a. '…'`
/// former names that live in Remarks.
fn alt_csv_names(list: &LoadedList) -> usize {
    list.entities
        .iter()
        .map(|e| {
            let joined = e
                .names
                .iter()
                .filter(|n| matches!(n.kind, NameKind::Alias | NameKind::Former))
                .count();
            let in_remarks = e
                .remarks
                .first()
                .map_or(0, |r| r.matches("f.k.a. '").count());
            joined - in_remarks
        })
        .sum()
}

#[test]
fn sdn_csv_counts_and_joins() {
    let list = sdn_csv();
    assert_eq!(list.info.name, "OFAC SDN");
    assert_eq!(list.info.format, "ofac-csv");
    assert_eq!(list.entities.len(), 8_976);
    assert_eq!(list.counts_by_kind(), [4_620, 3_673, 406, 277, 0]);
    assert_eq!(alt_csv_names(list), 11_910);
    let addresses: usize = list.entities.iter().map(|e| e.addresses.len()).sum();
    assert!(addresses > 10_000, "{addresses} addresses joined");
    assert!(list.warnings.is_empty(), "{:?}", list.warnings.first());
}

#[test]
fn sdn_csv_kim_jong_un() {
    let kim = entity(sdn_csv(), "ofac:20157");
    assert_eq!(kim.primary_name(), "KIM, Jong Un");
    assert_eq!(kim.kind, EntityKind::Person);
    assert_eq!(kim.programs, ["DPRK3"]);
    assert_eq!(kim.birth_dates[0].value, Some(day(1984, 1, 8)));
}

#[test]
fn sdn_csv_remarks_give_weak_aliases_dates_and_documents() {
    let herrera = entity(sdn_csv(), "ofac:4106");
    assert_eq!(herrera.primary_name(), "HERRERA BUITRAGO, Helmer");
    let dates: Vec<_> = herrera
        .birth_dates
        .iter()
        .map(|d| d.value.clone())
        .collect();
    assert_eq!(dates, [Some(day(1951, 8, 24)), Some(day(1951, 7, 5))]);
    let weak: Vec<_> = herrera
        .names
        .iter()
        .filter(|n| n.kind == NameKind::WeakAlias)
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(weak, ["PACHO", "H7"]);
    let passport = herrera
        .identifiers
        .iter()
        .find(|i| i.kind == IdKind::Passport)
        .unwrap();
    assert_eq!(passport.value, "J287011");
    assert_eq!(passport.country.as_deref(), Some("Colombia"));
    assert!(herrera
        .identifiers
        .iter()
        .any(|i| i.kind == IdKind::NationalId && i.value == "16247821"));

    let bnc = entity(sdn_csv(), "ofac:306");
    assert!(bnc
        .names
        .iter()
        .any(|n| n.text == "BNC" && n.kind == NameKind::WeakAlias));
}

#[test]
fn sdn_csv_comments_continue_remarks() {
    // The weak alias 'blackjack1987' is only in sdn_comments.csv.
    let e = entity(sdn_csv(), "ofac:28264");
    assert!(e.remarks[0].ends_with("Linked To: LAZARUS GROUP."));
    assert!(e
        .names
        .iter()
        .any(|n| n.text == "blackjack1987" && n.kind == NameKind::WeakAlias));
}

#[test]
fn non_sdn_csv_set() {
    let list = load("tests/fixtures/ofac_cons_csv");
    assert_eq!(list.info.name, "OFAC non-SDN");
    assert_eq!(list.entities.len(), 442);
    assert_eq!(alt_csv_names(&list), 1_073);
    assert!(list.warnings.is_empty(), "{:?}", list.warnings.first());
    let haniya = entity(&list, "ofac:9639");
    assert_eq!(haniya.birth_dates[0].value, Some(year(1962)));
    assert_eq!(haniya.birth_places, ["Shati"]);
}

/// The SDN CSV set's files, decompressed, for building broken variants.
struct CsvFiles {
    main: Vec<u8>,
    alt: Vec<u8>,
    add: Vec<u8>,
}

fn csv_files() -> CsvFiles {
    CsvFiles {
        main: bytes("tests/fixtures/ofac_csv/sdn.csv.gz"),
        alt: bytes("tests/fixtures/ofac_csv/alt.csv.gz"),
        add: bytes("tests/fixtures/ofac_csv/add.csv.gz"),
    }
}

fn parse_csv(main: &[u8], alt: &[u8], add: &[u8]) -> redflag::Result<LoadedList> {
    ofac_csv::parse(
        "d/sdn.csv",
        &ofac_csv::CsvSet {
            main,
            alt: Some(alt),
            add: Some(add),
            comments: None,
        },
    )
}

/// Replaces the first occurrence of `from` in `bytes`.
fn replace(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let at = bytes
        .windows(from.len())
        .position(|w| w == from.as_bytes())
        .unwrap_or_else(|| panic!("`{from}` not found"));
    [&bytes[..at], to.as_bytes(), &bytes[at + from.len()..]].concat()
}

#[test]
fn csv_row_missing_a_column() {
    let f = csv_files();
    // Line 2 is ent_num 173; drop its Remarks column.
    let main = replace(&f.main, "-0- ,-0- ,-0- \r\n306,", "-0- ,-0- \r\n306,");
    let (file, location, message) = parse_error(parse_csv(&main, &f.alt, &f.add));
    assert_eq!(file, "d/sdn.csv");
    assert_eq!(location, Location::Line(2));
    assert!(message.contains("11 field(s), expected 12"), "{message}");
    assert!(message.contains("ent_num,SDN_Name"), "{message}");

    let add = replace(&f.add, "\"Havana\",\"Cuba\",", "\"Havana\",");
    let (file, location, message) = parse_error(parse_csv(&f.main, &f.alt, &add));
    assert_eq!(file, "d/add.csv");
    assert_eq!(location, Location::Line(1));
    assert!(message.contains("expected 6"), "{message}");
}

#[test]
fn csv_non_numeric_ent_num() {
    let f = csv_files();
    let alt = replace(&f.alt, "\r\n173,57,", "\r\nX173,57,");
    let (file, location, message) = parse_error(parse_csv(&f.main, &alt, &f.add));
    assert_eq!(file, "d/alt.csv");
    assert_eq!(location, Location::Line(2));
    assert!(message.contains("`X173` is not a number"), "{message}");
}

#[test]
fn csv_unknown_ent_num_in_alt_is_a_warning() {
    let f = csv_files();
    let alt = replace(&f.alt, "\r\n173,57,", "\r\n999999999,57,");
    let list = parse_csv(&f.main, &alt, &f.add).unwrap();
    assert_eq!(list.warnings.len(), 1);
    let w = &list.warnings[0];
    assert_eq!(
        (w.file.as_str(), &w.location),
        ("d/alt.csv", &Location::Line(2))
    );
    assert!(w.message.contains("999999999"), "{w}");
    assert_eq!(alt_csv_names(&list), 11_909);
}

#[test]
fn csv_wrong_type_and_bad_date() {
    let f = csv_files();
    let main = replace(&f.main, "\"individual\"", "\"robot\"");
    let (_, location, message) = parse_error(parse_csv(&main, &f.alt, &f.add));
    assert!(location.to_string().starts_with("ent_num "), "{location}");
    assert!(
        message.contains("expected individual, vessel, aircraft"),
        "{message}"
    );

    let main = replace(&f.main, "DOB 08 Jan 1984", "DOB the year of the rat");
    let list = parse_csv(&main, &f.alt, &f.add).unwrap();
    let kim = list.entities.iter().find(|e| e.id == "ofac:20157").unwrap();
    assert_eq!(kim.birth_dates[0].raw, "the year of the rat");
    assert_eq!(kim.birth_dates[0].value, None);
    assert_eq!(list.warnings.len(), 1);
    let w = list.warnings[0].to_string();
    assert!(
        w.contains("ent_num 20157") && w.contains("the year of the rat"),
        "{w}"
    );
}

#[test]
fn csv_invalid_utf8_and_empty() {
    let f = csv_files();
    let mut main = f.main.clone();
    let at = main.windows(6).position(|w| w == b"ANGLO-").unwrap();
    main[at] = 0xFF;
    let (_, location, message) = parse_error(parse_csv(&main, &f.alt, &f.add));
    assert_eq!(location, Location::Line(2));
    assert!(message.contains("UTF-8"), "{message}");

    let (_, location, message) = parse_error(parse_csv(b"\x1a", &f.alt, &f.add));
    assert_eq!(location, Location::File);
    assert!(message.contains("empty"), "{message}");
}

#[test]
fn csv_truncated_mid_quote() {
    let f = csv_files();
    let cut = f
        .main
        .windows(14)
        .position(|w| w == b"NACIONAL DE CU")
        .unwrap();
    let list = parse_csv(&f.main[..cut], &f.alt, &f.add);
    let (_, location, message) = parse_error(list);
    assert_eq!(location, Location::Line(3));
    assert!(message.contains("expected 12"), "{message}");
}

#[test]
fn csv_set_from_a_folder_on_disk() {
    // Only the main file: loads alone, without aliases.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sdn.csv"), csv_files().main).unwrap();
    let list = sources::load_path(dir.path()).unwrap();
    assert_eq!(list.entities.len(), 8_976);
    assert_eq!(alt_csv_names(&list), 0);
}

#[test]
fn sdn_csv_vessel_and_addresses() {
    let ship = entity(sdn_csv(), "ofac:15036");
    assert_eq!(ship.kind, EntityKind::Vessel);
    assert_eq!(ship.programs, ["IRAN"]);
    let ids: Vec<_> = ship
        .identifiers
        .iter()
        .map(|i| (i.kind, i.value.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            (IdKind::CallSign, "T2EU4"),
            (IdKind::Imo, "9187629"),
            (IdKind::Mmsi, "572469210"),
        ]
    );
    assert_eq!(ship.countries[0].code.as_deref(), Some("IR"));
    assert!(ship
        .names
        .iter()
        .any(|n| n.text == "ALPHA" && n.kind == NameKind::Former));

    let bnc = entity(sdn_csv(), "ofac:306");
    assert_eq!(bnc.addresses.len(), 4);
    assert_eq!(
        bnc.addresses[0].full,
        "Zweierstrasse 35, Zurich CH-8022, Switzerland"
    );
    assert_eq!(bnc.addresses[0].country.as_deref(), Some("Switzerland"));
}
