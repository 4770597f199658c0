//! The UN, EU and watchlist loaders on the shipped lists in `data/` and on broken input.

use redflag::error::Location;
use redflag::model::{CountryRole, IdKind};
use redflag::sources::{load_bytes, load_path};
use redflag::{DateSpec, Entity, EntityKind, LoadedList, NameKind, Script};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Each list is loaded once and shared by the tests of this file.
fn un() -> &'static LoadedList {
    static LIST: OnceLock<LoadedList> = OnceLock::new();
    LIST.get_or_init(|| load_path(&repo("data/un_consolidated.xml.gz")).expect("UN list loads"))
}

fn eu() -> &'static LoadedList {
    static LIST: OnceLock<LoadedList> = OnceLock::new();
    LIST.get_or_init(|| load_path(&repo("data/eu_fsf.xml.gz")).expect("EU list loads"))
}

fn entity<'a>(list: &'a LoadedList, id: &str) -> &'a Entity {
    list.entities
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("{id} not loaded"))
}

fn names_of(e: &Entity, kind: NameKind) -> Vec<&str> {
    e.names
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.text.as_str())
        .collect()
}

fn year(year: i32) -> DateSpec {
    DateSpec::Year { year }
}

// ---------------------------------------------------------------- UN

#[test]
fn un_counts_and_date() {
    let list = un();
    assert_eq!(list.info.name, "UN SC consolidated");
    assert_eq!(list.info.format, "un-xml");
    assert_eq!(list.info.published.as_deref(), Some("2026-02-27"));
    assert_eq!(list.entities.len(), 1003);
    let [person, org, vessel, aircraft, unknown] = list.counts_by_kind();
    assert_eq!(
        (person, org, vessel, aircraft, unknown),
        (730, 273, 0, 0, 0)
    );
    let dprk = list
        .entities
        .iter()
        .filter(|e| e.id.starts_with("un:KP"))
        .count();
    assert_eq!(dprk, 155);
    assert!(list
        .entities
        .iter()
        .all(|e| e.list_date.as_deref() == Some("2026-02-27")));
}

#[test]
fn un_ids_are_trimmed_and_unique() {
    let list = un();
    let e = entity(list, "un:KPe.055");
    assert_eq!(e.kind, EntityKind::Organization);
    let mut ids: Vec<&str> = list.entities.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 1003);
    assert!(list.entities.iter().all(|e| !e.id.ends_with(' ')));
}

#[test]
fn un_kpi035_han_alias_becomes_its_own_name() {
    let e = entity(un(), "un:KPi.035");
    assert_eq!(e.kind, EntityKind::Person);
    assert_eq!(e.primary_name(), "KIM CHOL SAM");
    assert_eq!(names_of(e, NameKind::Alias), ["Jin Tiesan"]);
    let han: Vec<_> = e
        .names
        .iter()
        .filter(|n| n.kind == NameKind::OriginalScript)
        .collect();
    assert_eq!(han.len(), 1);
    assert_eq!(han[0].text, "金铁三");
    assert_eq!(han[0].script, Script::Han);
    assert_eq!(e.programs, ["DPRK"]);
    assert_eq!(e.countries[0].code.as_deref(), Some("KP"));
    assert_eq!(e.countries[0].role, CountryRole::Nationality);
    assert_eq!(e.birth_dates[0].raw, "1971-03-11");
    let passport = &e.identifiers[0];
    assert_eq!(
        (passport.kind, passport.value.as_str()),
        (IdKind::Passport, "645120378")
    );
    assert!(e.remarks[0].starts_with("Kim Chol Sam is a representative"));
    assert!(!e.remarks[0].contains('\n'), "line breaks collapsed");
}

#[test]
fn un_kpe016_has_its_fifteen_aliases() {
    let e = entity(un(), "un:KPe.016");
    assert_eq!(e.kind, EntityKind::Organization);
    assert_eq!(
        e.primary_name(),
        "KOREA RYONHA MACHINERY JOINT VENTURE CORPORATION"
    );
    let aliases = names_of(e, NameKind::Alias);
    assert_eq!(aliases.len(), 15);
    assert_eq!(aliases[0], "Chosun Yunha Machinery Joint Operation Company");
    assert_eq!(aliases[14], "朝鲜联合机械贸易会社");
    assert_eq!(e.names.len(), 16);
    assert_eq!(e.addresses.len(), 3);
    assert_eq!(
        e.addresses[0].full,
        "Tongan-dong, Central District, Pyongyang, Democratic People's Republic of Korea"
    );
}

#[test]
fn un_kpi024_kim_yong_chol_born_1962_02_18() {
    let e = entity(un(), "un:KPi.024");
    assert_eq!(e.primary_name(), "KIM YONG CHOL");
    assert_eq!(e.birth_dates.len(), 1);
    assert_eq!(e.birth_dates[0].raw, "1962-02-18");
    assert_eq!(
        e.birth_dates[0].value,
        Some(DateSpec::Day {
            year: 1962,
            month: 2,
            day: 18
        })
    );
    assert_eq!(names_of(e, NameKind::Alias).len(), 4);
}

#[test]
fn un_approximately_and_between_dates() {
    let e = entity(un(), "un:KPi.066");
    let between = e
        .birth_dates
        .iter()
        .find(|d| d.raw == "1967 to 1969")
        .expect("BETWEEN date");
    assert_eq!(
        between.value,
        Some(DateSpec::Range {
            from: Box::new(year(1967)),
            to: Box::new(year(1969))
        })
    );
    let e = entity(un(), "un:CDi.014");
    let raws: Vec<&str> = e.birth_dates.iter().map(|d| d.raw.as_str()).collect();
    assert_eq!(raws, ["1962-03-17", "circa 1966"]);
    assert_eq!(
        e.birth_dates[1].value,
        Some(DateSpec::Circa(Box::new(year(1966))))
    );
    // Every UN date of birth parses: the raw text is rebuilt in forms the parser reads.
    let unparsed: Vec<_> = un()
        .entities
        .iter()
        .flat_map(|e| e.birth_dates.iter().filter(|d| d.value.is_none()))
        .map(|d| d.raw.clone())
        .collect();
    assert!(unparsed.is_empty(), "{unparsed:?}");
}

#[test]
fn un_quality_low_and_fka_and_original_script() {
    let list = un();
    let count = |kind| {
        list.entities
            .iter()
            .flat_map(|e| &e.names)
            .filter(|n| n.kind == kind)
            .count()
    };
    assert!(count(NameKind::WeakAlias) > 500);
    assert!(count(NameKind::Former) >= 15);
    assert!(count(NameKind::OriginalScript) >= 378);
    let iq = entity(list, "un:IQi.001");
    assert_eq!(
        names_of(iq, NameKind::OriginalScript),
        ["صدام حسين التكريتي"]
    );
    // No placeholder (empty) names, no names with line breaks.
    assert!(list
        .entities
        .iter()
        .flat_map(|e| &e.names)
        .all(|n| !n.text.is_empty() && !n.text.contains('\n')));
}

// ---------------------------------------------------------------- EU

#[test]
fn eu_counts_and_date() {
    let list = eu();
    assert_eq!(list.info.name, "EU FSF");
    assert_eq!(list.info.format, "eu-xml");
    assert_eq!(list.info.published.as_deref(), Some("2024-05-13"));
    assert_eq!(list.entities.len(), 4811);
    let [person, org, vessel, aircraft, unknown] = list.counts_by_kind();
    assert_eq!(
        (person, org, vessel, aircraft, unknown),
        (3755, 1056, 0, 0, 0)
    );
    let prk = list
        .entities
        .iter()
        .filter(|e| e.programs.iter().any(|p| p == "PRK"))
        .count();
    assert_eq!(prk, 245);
    let hangul = list
        .entities
        .iter()
        .filter(|e| e.names.iter().any(|n| n.script == Script::Hangul))
        .count();
    assert_eq!(hangul, 75);
    let han = list
        .entities
        .iter()
        .filter(|e| e.names.iter().any(|n| n.script == Script::Han))
        .count();
    assert_eq!(han, 6);
}

#[test]
fn eu_6847_kim_yong_chol_in_hangul() {
    let e = entity(eu(), "eu:6847");
    assert_eq!(e.kind, EntityKind::Person);
    assert_eq!(e.primary_name(), "Young-chul KIM");
    let hangul = e
        .names
        .iter()
        .find(|n| n.text == "김영철")
        .expect("Hangul name");
    assert_eq!(hangul.script, Script::Hangul);
    assert_eq!(hangul.lang.as_deref(), Some("KO"));
    assert_eq!(hangul.kind, NameKind::Alias);
    assert_eq!(e.names.len(), 10);
    assert_eq!(e.programs, ["PRK"]);
    assert_eq!(e.birth_dates[0].value, Some(year(1946)));
    assert_eq!(
        e.birth_places,
        ["Pyongan-Pukto, KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF"]
    );
    let eu_ref = e.identifiers.iter().find(|i| i.label == "EU reference");
    assert_eq!(eu_ref.map(|i| i.value.as_str()), Some("EU.4159.44"));
}

#[test]
fn eu_circa_and_year_range_dates() {
    let e = entity(eu(), "eu:25");
    assert_eq!(e.birth_dates[0].raw, "circa 1957");
    assert_eq!(
        e.birth_dates[0].value,
        Some(DateSpec::Circa(Box::new(year(1957))))
    );
    let e = entity(eu(), "eu:553");
    let range = e
        .birth_dates
        .iter()
        .find(|d| d.raw == "1960 to 1962")
        .expect("plain year range");
    assert_eq!(
        range.value,
        Some(DateSpec::Range {
            from: Box::new(year(1960)),
            to: Box::new(year(1962))
        })
    );
    let circa_range = e
        .birth_dates
        .iter()
        .find(|d| d.raw == "circa 1960 to 1962")
        .expect("circa year range");
    assert!(
        matches!(&circa_range.value, Some(DateSpec::Circa(inner)) if matches!(**inner, DateSpec::Range { .. }))
    );
}

#[test]
fn eu_first_entity_field_by_field() {
    let e = entity(eu(), "eu:13");
    assert_eq!(e.primary_name(), "Saddam Hussein Al-Tikriti");
    assert_eq!(names_of(e, NameKind::Alias), ["Abu Ali", "Abou Ali"]);
    assert_eq!(e.names[2].lang.as_deref(), Some("FR"));
    assert_eq!(e.programs, ["IRQ"]);
    assert_eq!(e.remarks, ["UNSC RESOLUTION 1483"]);
    let citizenship = e
        .countries
        .iter()
        .find(|c| c.role == CountryRole::Citizenship)
        .expect("citizenship");
    assert_eq!(citizenship.code.as_deref(), Some("IQ"));
    assert_eq!(
        e.birth_dates[0].value,
        Some(DateSpec::Day {
            year: 1937,
            month: 4,
            day: 28
        })
    );
    assert_eq!(e.birth_places, ["al-Awja, near Tikrit, IRAQ"]);
}

#[test]
fn eu_islamic_dates_are_kept_as_text_with_a_warning() {
    let list = eu();
    let islamic: Vec<_> = list
        .entities
        .iter()
        .flat_map(|e| &e.birth_dates)
        .filter(|d| d.raw.ends_with("(Islamic calendar)"))
        .collect();
    assert_eq!(islamic.len(), 5);
    assert!(islamic.iter().all(|d| d.value.is_none()));
    let warned = list
        .warnings
        .iter()
        .filter(|w| w.message.contains("Islamic"))
        .count();
    assert_eq!(warned, 5);
    assert!(list.warnings.iter().all(|w| matches!(
        &w.location,
        Location::Record { record, .. } if record.starts_with("sanctionEntity logicalId ")
    )));
}

#[test]
fn eu_un_cross_reference_is_kept() {
    let list = eu();
    let with_un = list
        .entities
        .iter()
        .filter(|e| e.identifiers.iter().any(|i| i.label == "UN reference"))
        .count();
    assert_eq!(with_un, 82);
    let ids = list
        .entities
        .iter()
        .flat_map(|e| &e.identifiers)
        .filter(|i| i.kind == IdKind::Passport)
        .count();
    assert!(ids >= 496, "{ids}");
}

// ---------------------------------------------------------------- watchlist CSV

#[test]
fn watchlist_fixture_loads_by_content() {
    let list = load_path(&repo("tests/fixtures/watchlist/My_Vendors.csv")).expect("loads");
    assert_eq!(list.info.name, "my_vendors");
    assert_eq!(list.info.published, None);
    assert_eq!(list.entities.len(), 4);
    let e = &list.entities[0];
    assert_eq!(e.id, "my_vendors:v1");
    assert_eq!(e.kind, EntityKind::Person);
    assert_eq!(e.names.len(), 3);
    assert_eq!(e.names[2].script, Script::Hangul);
    assert_eq!(e.countries[0].code.as_deref(), Some("KP"));
    assert_eq!(
        e.birth_dates[0].value,
        Some(DateSpec::Day {
            year: 1962,
            month: 2,
            day: 18
        })
    );
    let vessel = &list.entities[2];
    assert_eq!(vessel.kind, EntityKind::Vessel);
    assert_eq!(vessel.countries[0].role, CountryRole::Other);
    assert_eq!(list.entities[3].kind, EntityKind::Unknown);
    assert_eq!(list.warnings.len(), 1);
    assert_eq!(list.warnings[0].location, Location::Line(5));
    assert_eq!(list.entities[3].birth_dates[0].raw, "early sixties");
}

// ---------------------------------------------------------------- bad input

fn load_err(name: &str, bytes: &[u8]) -> String {
    match load_bytes(name, "w", bytes) {
        Ok(list) => panic!("{name} loaded {} entities", list.entities.len()),
        Err(e) => e.to_string(),
    }
}

fn assert_mentions(err: &str, parts: &[&str]) {
    for p in parts {
        assert!(err.contains(p), "`{err}` does not mention `{p}`");
    }
}

#[test]
fn truncated_lists_name_file_and_offset() {
    let un_xml = redflag::sources::read_file(&repo("data/un_consolidated.xml.gz")).unwrap();
    let cut = &un_xml[..un_xml.len() / 2];
    let err = load_err("un.xml", cut);
    assert_mentions(&err, &["un.xml: byte ", "truncated"]);
    let eu_xml = redflag::sources::read_file(&repo("data/eu_fsf.xml.gz")).unwrap();
    let err = load_err("eu.xml", &eu_xml[..100_000]);
    assert_mentions(&err, &["eu.xml: byte ", "truncated"]);
    // Cut inside a tag.
    let err = load_err("t.xml", b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVID");
    assert_mentions(&err, &["t.xml: byte ", "truncated"]);
    // A truncated gzip stream.
    let gz = std::fs::read(repo("data/un_consolidated.xml.gz")).unwrap();
    let err = load_err("un.xml.gz", &gz[..gz.len() / 2]);
    assert_mentions(&err, &["un.xml.gz", "gzip"]);
}

#[test]
fn other_formats_and_empty_files_are_named() {
    let err = load_err("page.html", b"<html><body>hi</body></html>");
    assert_mentions(&err, &["page.html", "<html>", "<CONSOLIDATED_LIST>"]);
    let err = load_err("empty.xml", b"");
    assert_mentions(&err, &["empty.xml", "empty"]);
    let err = load_err("blank.csv", b"   \n");
    assert_mentions(&err, &["blank.csv", "expected"]);
    // Parsing with the wrong loader names the root it found.
    let err = redflag::sources::un_xml::parse("eu.xml", b"<export/>").unwrap_err();
    assert_mentions(
        &err.to_string(),
        &["eu.xml", "<export>", "expected <CONSOLIDATED_LIST>"],
    );
    let err = redflag::sources::eu_xml::parse("un.xml", b"<CONSOLIDATED_LIST/>").unwrap_err();
    assert_mentions(&err.to_string(), &["un.xml", "expected <export>"]);
    let err = redflag::sources::un_xml::parse("e.xml", b"").unwrap_err();
    assert_mentions(&err.to_string(), &["e.xml", "no XML element"]);
    let err = redflag::sources::watchlist_csv::parse("e.csv", "e", b"").unwrap_err();
    assert_mentions(
        &err.to_string(),
        &["e.csv", "empty", "id,name,kind,aliases,country,dob"],
    );
}

#[test]
fn invalid_utf8_names_the_byte() {
    let mut xml = b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>K".to_vec();
    xml.extend_from_slice(&[0xff, 0xfe]);
    xml.extend_from_slice(b"</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>");
    let err = load_err("un.xml", &xml);
    assert_mentions(&err, &["un.xml: byte 57", "UTF-8"]);
    let err = load_err(
        "eu.xml",
        b"<export><sanctionEntity logicalId=\"1\"><nameAlias wholeName=\"\xc3\"/></sanctionEntity></export>",
    );
    assert_mentions(&err, &["eu.xml: byte 60", "UTF-8"]);
    let err = load_err("w.csv", b"id,name,kind,aliases,country,dob\n1,\xe9,,,,\n");
    assert_mentions(&err, &["w.csv: line 2", "UTF-8"]);
}

#[test]
fn records_without_ids_or_names_are_errors_naming_the_record() {
    let err = load_err(
        "un.xml",
        b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
    );
    assert_mentions(&err, &["INDIVIDUAL KPi.999", "FIRST_NAME"]);
    let err = load_err(
        "eu.xml",
        b"<export><sanctionEntity logicalId=\"42\"><subjectType code=\"person\"/></sanctionEntity></export>",
    );
    assert_mentions(&err, &["sanctionEntity logicalId 42", "nameAlias"]);
    let err = load_err(
        "eu.xml",
        b"<export><sanctionEntity><nameAlias wholeName=\"X\"/></sanctionEntity></export>",
    );
    assert_mentions(&err, &["eu.xml: byte 8", "logicalId"]);
}

#[test]
fn unparseable_dates_are_warnings_with_raw_text() {
    let list = load_bytes(
        "un.xml",
        "un",
        b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>X</FIRST_NAME>\
          <REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER><INDIVIDUAL_DATE_OF_BIRTH>\
          <TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>31 Feb 1962</DATE></INDIVIDUAL_DATE_OF_BIRTH>\
          </INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
    )
    .expect("loads");
    assert_eq!(list.entities[0].birth_dates[0].raw, "31 Feb 1962");
    assert_eq!(list.entities[0].birth_dates[0].value, None);
    assert_mentions(
        &list.warnings[0].to_string(),
        &["un.xml", "INDIVIDUAL QDi.1", "31 Feb 1962"],
    );
    let list = load_bytes(
        "eu.xml",
        "eu",
        b"<export><sanctionEntity logicalId=\"9\"><nameAlias wholeName=\"X\"/>\
          <birthdate circa=\"false\" yearRangeTo=\"1980\"/></sanctionEntity></export>",
    )
    .expect("loads");
    assert_eq!(list.entities[0].birth_dates[0].raw, "to 1980");
    assert_mentions(
        &list.warnings[0].to_string(),
        &["eu.xml", "logicalId 9", "to 1980"],
    );
}

#[test]
fn csv_header_and_rows_are_checked() {
    let err = redflag::sources::watchlist_csv::parse(
        "w.csv",
        "w",
        b"id,name,kind,aliases,country\n1,X,person,,\n",
    )
    .unwrap_err();
    assert_mentions(
        &err.to_string(),
        &["w.csv: line 1", "missing: dob", "expected exactly"],
    );
    // Through content detection a header without `dob` is no known format.
    let err = load_err("w.csv", b"id,name,kind,aliases,country\n1,X,person,,\n");
    assert_mentions(&err, &["w.csv", "id,name,kind,aliases,country,dob"]);
    let err = load_err(
        "w.csv",
        b"id,name,kind,aliases,country,dob\r\n1,X,alien,,,\r\n",
    );
    assert_mentions(
        &err,
        &[
            "w.csv: line 2",
            "alien",
            "person, organization, vessel, aircraft, unknown",
        ],
    );
    let err = load_err(
        "w.csv",
        b"id,name,kind,aliases,country,dob\n\n1,X,,,,\n2, ,,,,\n",
    );
    assert_mentions(&err, &["w.csv: line 4", "empty name"]);
    let err = load_err(
        "w.csv",
        b"id,name,kind,aliases,country,dob\na,X,,,,\nb,Y,,,,\na,Z,,,,\n",
    );
    assert_mentions(
        &err,
        &["w.csv: line 4", "duplicate id `a` on lines 2 and 4"],
    );
    let err = load_err("w.csv", b"id,name,kind,aliases,country,dob\na,X,,,,,\n");
    assert_mentions(&err, &["w.csv: line 2", "7 fields, expected 6"]);
}
