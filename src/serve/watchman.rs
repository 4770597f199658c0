//! moov-io/watchman's `GET /v2/search`, for its users: its query parameters and its flat
//! `{"query": {..}, "entities": [{..entity fields.., "match": 0.94}]}` answer; every
//! error is a 400 `{"error": ".."}`, as watchman's.

use super::http::{query_pairs, ApiError};
use super::matching::best_per_entity;
use super::routes::blocking;
use super::App;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use redflag::model::{parse_date, Entity, EntityKind, IdKind, NameKind};
use redflag::{Hit, Query};
use serde_json::{json, Value};
use std::sync::Arc;

/// The parameters this route reads; watchman refuses any other.
const KNOWN: [&str; 25] = [
    "name",
    "type",
    "source",
    "sourceID",
    "limit",
    "minMatch",
    "requestID",
    "debug",
    "altNames",
    "birthDate",
    "gender",
    "titles",
    "email",
    "emailAddress",
    "emailAddresses",
    "website",
    "websites",
    "imoNumber",
    "mmsi",
    "callSign",
    "cryptoAddress",
    "cryptoAddresses",
    "phone",
    "phoneNumber",
    "flag",
];

/// watchman's error: always 400.
fn error(message: impl Into<String>) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": message.into()})),
    )
        .into_response()
}

/// watchman's list names.
fn source_list(list: &str) -> String {
    match list {
        "OFAC SDN" => "us_ofac".into(),
        "OFAC non-SDN" => "us_non_sdn".into(),
        "UN SC consolidated" => "un_csl".into(),
        "EU FSF" => "eu_csl".into(),
        other => super::datasets::dataset_name(other),
    }
}

fn entity_type(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "business",
        EntityKind::Vessel => "vessel",
        EntityKind::Aircraft => "aircraft",
        EntityKind::Unknown => "organization",
    }
}

fn kind_of_type(text: &str) -> Option<Option<EntityKind>> {
    Some(match text {
        "" => None,
        "person" => Some(EntityKind::Person),
        "business" | "organization" => Some(EntityKind::Organization),
        "vessel" => Some(EntityKind::Vessel),
        "aircraft" => Some(EntityKind::Aircraft),
        _ => return None,
    })
}

/// `GET /v2/search`.
pub async fn search(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    let pairs = match query_pairs(raw.as_deref()) {
        Ok(p) => p,
        Err(e) => return error(e.detail),
    };
    let unused: Vec<&str> = pairs
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !KNOWN.contains(k) && !k.starts_with("gov_"))
        .collect();
    if !unused.is_empty() {
        return error(format!(
            "extra/unused query parameters in request: {}",
            unused.join(",")
        ));
    }
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_string())
    };
    let all = |keys: &[&str]| -> Vec<String> {
        pairs
            .iter()
            .filter(|(k, _)| keys.contains(&k.as_str()))
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect()
    };
    let typ = get("type").unwrap_or_default().to_lowercase();
    let Some(kind) = kind_of_type(&typ) else {
        return error(format!("unknown entity type {typ:?}: expected person, business, organization, vessel or aircraft"));
    };
    let limit = match get("limit").and_then(|l| l.parse::<i64>().ok()) {
        Some(l) if l > 0 => (l as usize).min(100),
        _ => 10,
    };
    let min_match = match get("minMatch") {
        None => 0.0,
        Some(m) => match m.parse::<f64>() {
            Ok(v) if (0.0..=1.0).contains(&v) => v,
            _ => return error(format!("minMatch: {m:?} is not a number from 0 to 1")),
        },
    };
    let source = get("source").filter(|s| s != "api-request");
    let mut names: Vec<String> = all(&["name"]);
    names.extend(all(&["altNames"]));
    let mut ids: Vec<(Option<IdKind>, String)> = Vec::new();
    for (keys, id_kind) in [
        (
            &["email", "emailAddress", "emailAddresses"][..],
            Some(IdKind::Email),
        ),
        (&["website", "websites"][..], Some(IdKind::Website)),
        (&["imoNumber"][..], Some(IdKind::Imo)),
        (&["mmsi"][..], Some(IdKind::Mmsi)),
        (&["callSign"][..], Some(IdKind::CallSign)),
        (&["phone", "phoneNumber"][..], Some(IdKind::Phone)),
        (
            &["cryptoAddress", "cryptoAddresses"][..],
            Some(IdKind::CryptoAddress),
        ),
    ] {
        for v in all(keys) {
            // `XBT:address`: the currency is not needed to compare the address.
            let v = match id_kind {
                Some(IdKind::CryptoAddress) => {
                    v.split_once(':').map_or(v.clone(), |(_, a)| a.to_string())
                }
                _ => v,
            };
            ids.push((id_kind, v));
        }
    }
    for (key, value) in pairs.iter().filter(|(k, _)| k.starts_with("gov_")) {
        let id_kind = match &key[4..] {
            "passport" | "diplomatic-passport" => IdKind::Passport,
            "tax-id" => IdKind::TaxId,
            "business-registration" | "commercial-registry" => IdKind::Registration,
            _ => IdKind::NationalId,
        };
        let number = value.split_once(':').map_or(value.as_str(), |(_, n)| n);
        ids.push((Some(id_kind), number.to_string()));
    }
    if names.is_empty() && ids.is_empty() {
        return error("a name (or an identifier) is required");
    }
    let dob = match get("birthDate") {
        Some(d) if !d.is_empty() => parse_date(&d),
        _ => None,
    };
    let echo = json!({
        "name": names.first().cloned().unwrap_or_default(),
        "entityType": typ,
        "sourceList": source.clone().unwrap_or_else(|| "api-request".into()),
        "sourceID": get("sourceID").unwrap_or_default(),
    });
    let loaded = app.current.get();
    let work = move || {
        let mut found: Vec<Hit> = Vec::new();
        for i in 0..names.len().max(1) {
            let mut q = Query::new(names.get(i).cloned().unwrap_or_default());
            q.kind = kind;
            q.dob = dob.clone();
            q.top = if source.is_some() { 500 } else { limit };
            q.threshold = min_match.max(0.01);
            if i == 0 {
                for (k, v) in &ids {
                    q = q.identifier(*k, v.clone());
                }
            }
            found.extend(loaded.index.search(&q).map_err(search_error)?);
        }
        let mut best = best_per_entity(found);
        best.retain(|h| source.as_deref().is_none_or(|s| source_list(&h.list) == s));
        best.truncate(limit);
        let mut entities = Vec::with_capacity(best.len());
        for hit in best {
            if let Some(p) = loaded.positions.get(&hit.entity_id) {
                let entity = loaded.index.entity(*p).map_err(search_error)?;
                entities.push(searched_entity(&entity, hit.score));
            }
        }
        Ok(entities)
    };
    match blocking(&app, work).await {
        Ok(entities) => Json(json!({"query": echo, "entities": entities})).into_response(),
        Err(e) => error(format!("problem with v2 search: {}", e.detail)),
    }
}

/// A library error inside the search, carried out as watchman reports any error.
fn search_error(e: redflag::Error) -> ApiError {
    ApiError::bad(e.to_string())
}

/// A listed entity in watchman's shape, flat, with its `match` score.
fn searched_entity(entity: &Entity, score: f64) -> Value {
    let name = entity.primary_name().to_string();
    let alt_names: Vec<&str> = entity
        .names
        .iter()
        .filter(|n| n.kind != NameKind::Primary && n.text != name)
        .map(|n| n.text.as_str())
        .collect();
    let of = |k: IdKind| -> Vec<&str> {
        entity
            .identifiers
            .iter()
            .filter(|i| i.kind == k)
            .map(|i| i.value.as_str())
            .collect()
    };
    let first = |k: IdKind| of(k).first().map_or(String::new(), |s| s.to_string());
    let government_ids: Vec<Value> = entity
        .identifiers
        .iter()
        .filter(|i| matches!(i.kind, IdKind::Passport | IdKind::NationalId | IdKind::TaxId | IdKind::Registration | IdKind::Uscc | IdKind::Lei))
        .map(|i| json!({"name": i.label, "type": i.kind.as_str(), "country": i.country.clone().unwrap_or_default(), "identifier": i.value}))
        .collect();
    let birth = entity
        .birth_dates
        .iter()
        .find_map(|d| d.value.as_ref())
        .map(|d| d.to_string());
    let rfc3339 = |d: Option<String>| -> Value {
        match d {
            Some(d) if d.len() == 10 => json!(format!("{d}T00:00:00Z")),
            _ => Value::Null,
        }
    };
    let (mut person, mut business, mut organization, mut vessel, mut aircraft) = (
        Value::Null,
        Value::Null,
        Value::Null,
        Value::Null,
        Value::Null,
    );
    match entity.kind {
        EntityKind::Person => {
            person = json!({
                "name": name, "altNames": alt_names, "gender": "",
                "birthDate": rfc3339(birth), "placeOfBirth": entity.birth_places.first().cloned().unwrap_or_default(),
                "deathDate": null, "titles": [], "governmentIDs": government_ids,
            })
        }
        EntityKind::Organization => {
            business = json!({"name": name, "altNames": alt_names, "created": rfc3339(birth), "dissolved": null, "governmentIDs": government_ids})
        }
        EntityKind::Unknown => {
            organization = json!({"name": name, "altNames": alt_names, "created": null, "dissolved": null, "governmentIDs": government_ids})
        }
        EntityKind::Vessel => {
            vessel = json!({
                "name": name, "altNames": alt_names, "imoNumber": first(IdKind::Imo), "type": "",
                "flag": entity.countries.first().map(|c| c.code.clone().unwrap_or_else(|| c.name.clone())).unwrap_or_default(),
                "built": null, "model": "", "tonnage": 0, "mmsi": first(IdKind::Mmsi),
                "callSign": first(IdKind::CallSign), "grossRegisteredTonnage": 0, "owner": "",
            })
        }
        EntityKind::Aircraft => {
            aircraft = json!({"name": name, "altNames": alt_names, "type": "", "flag": "", "built": null, "icaoCode": "", "model": "", "serialNumber": first(IdKind::AircraftSerial)})
        }
    }
    let addresses: Vec<Value> = entity
        .addresses
        .iter()
        .map(|a| json!({
            "line1": a.street.clone().unwrap_or_else(|| a.full.clone()), "line2": "",
            "city": a.city.clone().unwrap_or_default(), "postalCode": a.postal_code.clone().unwrap_or_default(),
            "state": a.region.clone().unwrap_or_default(), "country": a.country.clone().unwrap_or_default(),
            "latitude": 0.0, "longitude": 0.0,
        }))
        .collect();
    let crypto: Vec<Value> = entity
        .identifiers
        .iter()
        .filter(|i| i.kind == IdKind::CryptoAddress)
        .map(|i| json!({"currency": i.label.rsplit(' ').next().unwrap_or(""), "address": i.value}))
        .collect();
    let source_id = entity
        .id
        .split_once(':')
        .map_or(entity.id.as_str(), |(_, id)| id);
    json!({
        "name": name,
        "entityType": entity_type(entity.kind),
        "sourceList": source_list(&entity.list),
        "sourceID": source_id,
        "person": person, "business": business, "organization": organization,
        "aircraft": aircraft, "vessel": vessel,
        "contact": {
            "emailAddresses": of(IdKind::Email), "phoneNumbers": of(IdKind::Phone),
            "faxNumbers": null, "websites": of(IdKind::Website),
        },
        "addresses": addresses,
        "cryptoAddresses": crypto,
        "affiliations": null,
        "sanctionsInfo": {"programs": entity.programs, "secondary": false, "description": ""},
        "historicalInfo": null,
        "sourceData": null,
        "match": score,
    })
}
