//! The OFAC advanced-XML loader on a real, full file: OFAC's non-SDN list of 2020-03-17 in
//! the `SDN_ADVANCED` schema (a US government work, kept gzipped under `tests/fixtures/`).

use redflag::error::{Error, Location};
use redflag::index::IndexBuilder;
use redflag::model::{CountryRole, DateSpec, Entity, EntityKind, IdKind, LoadedList, NameKind};
use redflag::sources::{self, Format};
use redflag::{Index, Query};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const FIXTURE: &str = "tests/fixtures/ofac_advanced/cons_advanced.xml.gz";

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn advanced() -> &'static LoadedList {
    static LIST: OnceLock<LoadedList> = OnceLock::new();
    LIST.get_or_init(|| sources::load_path(&repo(FIXTURE)).expect("advanced XML loads"))
}

fn entity(id: &str) -> &'static Entity {
    advanced()
        .entities
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("{id} not loaded"))
}

#[test]
fn counts_match_the_file() {
    let list = advanced();
    assert_eq!(list.info.name, "OFAC non-SDN");
    assert_eq!(list.info.format, "ofac-advanced-xml");
    assert_eq!(list.info.published.as_deref(), Some("2020-03-17"));
    // 375 DistinctParty: 82 Individual, 293 Entity.
    assert_eq!(list.entities.len(), 375);
    assert_eq!(list.counts_by_kind(), [82, 293, 0, 0, 0]);
    assert!(list.warnings.is_empty(), "{:?}", list.warnings);
    assert!(list.entities.iter().all(|e| e.id.starts_with("ofac:")));
}

#[test]
fn features_become_identifiers_of_their_kind() {
    // Counted in the file by FeatureType: 147 `Email Address`, 184 `Website`, 34
    // `SWIFT/BIC` features on the parties.
    let count = |kind: IdKind| {
        advanced()
            .entities
            .iter()
            .flat_map(|e| &e.identifiers)
            .filter(|i| i.kind == kind)
            .count()
    };
    assert_eq!(count(IdKind::Email), 147);
    assert_eq!(count(IdKind::Website), 184);
    assert_eq!(count(IdKind::Swift), 34);
}

#[test]
fn an_organisation_reads_as_in_the_classic_file() {
    let rosneft = entity("ofac:17022");
    assert_eq!(rosneft.kind, EntityKind::Organization);
    assert_eq!(
        rosneft.names[0].text,
        "Open Joint-Stock Company Rosneft Oil Company"
    );
    assert_eq!(rosneft.names[0].kind, NameKind::Primary);
    let aliases: Vec<&str> = rosneft.names[1..].iter().map(|n| n.text.as_str()).collect();
    assert!(aliases.contains(&"Rosneft"), "{aliases:?}");
    assert_eq!(rosneft.programs, ["UKRAINE-EO13662"]);
    assert_eq!(rosneft.countries[0].code.as_deref(), Some("RU"));
    assert_eq!(
        rosneft.addresses[0].full,
        "26/1 Sofiyskaya Embankment, Moscow, 115035, Russia"
    );
    let ids: Vec<(IdKind, &str)> = rosneft
        .identifiers
        .iter()
        .map(|i| (i.kind, i.value.as_str()))
        .collect();
    assert!(
        ids.contains(&(IdKind::Email, "postman@rosneft.ru")),
        "{ids:?}"
    );
    assert!(
        ids.contains(&(IdKind::Website, "www.rosneft.ru")),
        "{ids:?}"
    );
    let registration = rosneft
        .identifiers
        .iter()
        .find(|i| i.value == "1027700043502")
        .expect("registration ID");
    assert_eq!(registration.kind, IdKind::Registration);
    assert_eq!(registration.country.as_deref(), Some("Russia"));
}

#[test]
fn a_person_has_names_birth_and_place() {
    let haniya = entity("ofac:9639");
    assert_eq!(haniya.kind, EntityKind::Person);
    let names: Vec<&str> = haniya.names.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        names,
        [
            "HANIYA, Ismail Abdul Salah",
            "HANIYA, Ismail",
            "HANIYYA, Ismaeel"
        ]
    );
    assert_eq!(haniya.programs, ["NS-PLC"]);
    assert_eq!(
        haniya.birth_dates[0].value,
        Some(DateSpec::Year { year: 1962 })
    );
    assert_eq!(haniya.birth_places, ["Shati"]);
    let shanti = entity("ofac:9641");
    assert_eq!(shanti.countries[0].code.as_deref(), Some("PS"));
    assert_eq!(shanti.countries[0].role, CountryRole::Location);
}

#[test]
fn an_index_of_it_screens_names_and_identifiers() {
    let mut builder = IndexBuilder::new();
    builder.add_list(advanced().clone());
    let index: Index = builder.build().expect("index builds");
    let hits = index.search(&Query::new("Rosneft")).unwrap();
    assert_eq!(hits[0].entity_id, "ofac:17022");
    let hits = index
        .search(&Query::new("").identifier(None, "https://www.rosneft.ru/en/"))
        .unwrap();
    assert_eq!(hits[0].entity_id, "ofac:17022");
    assert_eq!(hits[0].matched_name_kind, "identifier");
}

#[test]
fn the_format_is_told_by_its_root_and_namespace() {
    let bytes = sources::read_file(&repo(FIXTURE)).unwrap();
    assert_eq!(sources::detect(&bytes), Some(Format::OfacAdvancedXml));
    // The same root in another namespace is not this schema.
    let other = br#"<?xml version="1.0"?><Sanctions xmlns="urn:other"></Sanctions>"#;
    assert_eq!(sources::detect(other), None);
}

#[test]
fn a_truncated_file_is_an_error_naming_it() {
    let bytes = sources::read_file(&repo(FIXTURE)).unwrap();
    let cut = &bytes[..bytes.len() / 2];
    match sources::load_bytes("cut.xml", "cut", cut) {
        Err(Error::Parse { file, location, .. }) => {
            assert_eq!(file, "cut.xml");
            assert!(!matches!(location, Location::File), "{location:?}");
        }
        Err(other) => panic!("expected a parse error, got {other}"),
        Ok(list) => panic!("a cut file loaded {} entities", list.entities.len()),
    }
}
