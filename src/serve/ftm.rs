//! Listed entities as FollowTheMoney-style JSON, the shape yente's clients read:
//! `{"id", "caption", "schema", "properties": {"name": [..], ..}, "datasets", ..}`.

use super::datasets::dataset_name;
use redflag::model::{CountryRole, Entity, EntityKind, IdKind, NameKind};
use serde::Serialize;
use std::collections::BTreeMap;

/// An entity as yente's `EntityResponse`.
#[derive(Debug, Serialize)]
pub struct EntityResponse {
    pub id: String,
    pub caption: String,
    pub schema: &'static str,
    pub properties: BTreeMap<&'static str, Vec<String>>,
    pub datasets: Vec<String>,
    pub referents: Vec<String>,
    pub target: bool,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub last_change: Option<String>,
}

/// The FtM schema of a kind. Lists do not tell a company from another organization,
/// so both are `Organization`; an entity of unknown kind is a `LegalEntity`.
pub fn schema_of(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Organization => "Organization",
        EntityKind::Vessel => "Vessel",
        EntityKind::Aircraft => "Airplane",
        EntityKind::Unknown => "LegalEntity",
    }
}

/// The FtM property a listed identifier goes in.
fn id_property(kind: IdKind) -> &'static str {
    match kind {
        IdKind::Passport => "passportNumber",
        IdKind::NationalId => "idNumber",
        IdKind::Registration => "registrationNumber",
        IdKind::TaxId => "taxNumber",
        IdKind::Imo => "imoNumber",
        IdKind::CallSign => "callSign",
        IdKind::Mmsi => "mmsi",
        IdKind::AircraftSerial => "serialNumber",
        IdKind::CryptoAddress => "cryptoWallet",
        IdKind::Email => "email",
        IdKind::Website => "website",
        IdKind::Phone => "phone",
        IdKind::ChineseCommercialCode => "idNumber",
        IdKind::Swift => "swiftBic",
        IdKind::Uscc => "registrationNumber",
        IdKind::Lei => "leiCode",
        IdKind::Other => "notes",
    }
}

/// Converts an entity; every name, identifier, address, programme and date is kept.
pub fn entity_response(entity: &Entity) -> EntityResponse {
    let mut props: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut add = |key: &'static str, value: &str| {
        let values = props.entry(key).or_default();
        if !value.is_empty() && !values.iter().any(|v| v == value) {
            values.push(value.to_string());
        }
    };
    for name in &entity.names {
        let key = match name.kind {
            NameKind::Primary | NameKind::OriginalScript => "name",
            NameKind::Alias => "alias",
            NameKind::WeakAlias => "weakAlias",
            NameKind::Former => "previousName",
        };
        add(key, &name.text);
    }
    for country in &entity.countries {
        let key = match (entity.kind, country.role) {
            (EntityKind::Person, CountryRole::Nationality) => "nationality",
            (EntityKind::Person, CountryRole::Citizenship) => "citizenship",
            _ => "country",
        };
        let code = country.code.as_deref().map(str::to_ascii_lowercase);
        add(key, code.as_deref().unwrap_or(&country.name));
    }
    for date in &entity.birth_dates {
        let key = match entity.kind {
            EntityKind::Person => "birthDate",
            _ => "incorporationDate",
        };
        add(
            key,
            &date
                .value
                .as_ref()
                .map_or(date.raw.clone(), |d| d.to_string()),
        );
    }
    for place in &entity.birth_places {
        add("birthPlace", place);
    }
    for address in &entity.addresses {
        add("address", &address.full);
    }
    for id in &entity.identifiers {
        add(id_property(id.kind), &id.value);
    }
    for program in &entity.programs {
        add("program", program);
    }
    for remark in &entity.remarks {
        add("notes", remark);
    }
    add("topics", "sanction");
    props.retain(|_, v| !v.is_empty());
    EntityResponse {
        id: entity.id.clone(),
        caption: entity.primary_name().to_string(),
        schema: schema_of(entity.kind),
        properties: props,
        datasets: vec![dataset_name(&entity.list)],
        referents: Vec::new(),
        target: true,
        first_seen: None,
        last_seen: entity.list_date.clone(),
        last_change: entity.list_date.clone(),
    }
}
