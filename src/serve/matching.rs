//! yente's `POST /match/{dataset}`: each query is an FtM-style entity example; each
//! answer ranks listed entities with a score, `match`, numeric `features` and, added
//! for people, the readable `explanation`.

use super::ftm::{entity_response, EntityResponse};
use super::http::ApiError;
use super::state::Loaded;
use redflag::model::{parse_date, EntityKind, IdKind};
use redflag::sources::ftm_json::IDENTIFIERS;
use redflag::{Features, Hit, Query};
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The algorithm names a yente client may send; redflag has one matcher and answers
/// all of them with it (`/algorithms` says so).
pub const ALGORITHMS: [&str; 8] = [
    "redflag",
    "best",
    "logic-v2",
    "logic-v1",
    "ofac",
    "name-based",
    "name-qualified",
    "regression-v1",
];

/// Feature names and what they mean, as `/algorithms` and `matcher` describe them.
pub const FEATURES: [(&str, &str); 7] = [
    ("name_match", "The best name score: the share of the two names' identifying weight that pairs up, across scripts and romanizations (0 to 1)."),
    ("dob_match", "Raised by a birth date that agrees with the listed one (same day +0.05, same year +0.02)."),
    ("dob_mismatch", "Lowered by a birth date that contradicts the listed one (years apart: 0.25)."),
    ("country_match", "Raised by a country (nationality, jurisdiction) that the listed entity has (+0.02)."),
    ("country_mismatch", "Lowered by a country the listed entity does not have (0.03)."),
    ("identifier_match", "The score an identifier gave: strong ones (e-mail, website, wallet, IMO, SWIFT, LEI, USCC) on their own, passport or ID numbers raising a name match."),
    ("identifier_mismatch", "The share taken away by a document number of the same type and country that differs from the listed one."),
];

/// What one query of a `/match` body asks.
pub struct Example {
    /// The names to screen (name, alias, previous and weak names, or first + last).
    pub names: Vec<String>,
    /// The kind its schema implies.
    pub kind: Option<EntityKind>,
    /// The first country given.
    pub country: Option<String>,
    /// The first birth date given.
    pub dob: Option<String>,
    /// Identifiers, with the property they came from.
    pub ids: Vec<(IdKind, String, String)>,
    /// The query echoed back: the caller's id, the schema, properties as lists.
    pub echo: Value,
}

/// The FtM schemas a query may have and the kind each implies.
fn schema_kind(schema: &str) -> Option<Option<EntityKind>> {
    Some(match schema {
        "Person" => Some(EntityKind::Person),
        "Company" | "Organization" | "PublicBody" => Some(EntityKind::Organization),
        "Vessel" => Some(EntityKind::Vessel),
        "Airplane" => Some(EntityKind::Aircraft),
        "LegalEntity" | "Thing" => None,
        _ => return None,
    })
}

/// The identifier type of an FtM property, when it holds one: FtM's own identifier
/// properties as the FtM loader reads them, then names other clients send.
fn id_property(property: &str) -> Option<IdKind> {
    if let Some((_, kind)) = IDENTIFIERS.iter().find(|(p, _)| *p == property) {
        return Some(*kind);
    }
    Some(match property {
        "nationalId" => IdKind::NationalId,
        "okpoCode" => IdKind::Registration,
        "bicCode" => IdKind::Swift,
        "uniqueSocialCreditCode" | "usccCode" => IdKind::Uscc,
        "publicKey" | "cryptoWallet" => IdKind::CryptoAddress,
        _ => return None,
    })
}

/// Properties that hold names, in the order they are screened.
const NAME_PROPERTIES: [&str; 4] = ["name", "alias", "previousName", "weakAlias"];
/// Properties that hold a country.
const COUNTRY_PROPERTIES: [&str; 5] = [
    "nationality",
    "citizenship",
    "country",
    "jurisdiction",
    "registrationCountry",
];
/// Properties that hold a birth or founding date.
const DATE_PROPERTIES: [&str; 2] = ["birthDate", "incorporationDate"];
/// Name parts a client may send instead of a whole name.
const NAME_PARTS: [&str; 5] = [
    "firstName",
    "secondName",
    "middleName",
    "fatherName",
    "lastName",
];

/// Reads one query of a `/match` body; `at` names it in errors (`queries.q1`).
pub fn parse_example(at: &str, value: &Value) -> Result<Example, ApiError> {
    let object = value
        .as_object()
        .ok_or_else(|| ApiError::invalid(format!("{at}: must be an object")))?;
    let schema = match object.get("schema") {
        Some(Value::String(s)) => s.as_str(),
        Some(_) => return Err(ApiError::invalid(format!("{at}.schema: must be a string"))),
        None => return Err(ApiError::invalid(format!("{at}.schema: field required"))),
    };
    let kind = schema_kind(schema).ok_or_else(|| {
        ApiError::bad(format!(
            "Cannot parse example entity: Unknown schema: '{schema}' ({at}.schema)"
        ))
    })?;
    let properties = match object.get("properties") {
        Some(Value::Object(p)) => p,
        Some(_) => {
            return Err(ApiError::invalid(format!(
                "{at}.properties: must be an object"
            )))
        }
        None => {
            return Err(ApiError::invalid(format!(
                "{at}.properties: field required"
            )))
        }
    };
    let id = match object.get("id") {
        None | Some(Value::Null) => Value::Null,
        Some(Value::String(s)) => Value::String(s.clone()),
        Some(_) => return Err(ApiError::invalid(format!("{at}.id: must be a string"))),
    };
    let mut cleaned: Map<String, Value> = Map::new();
    for (key, raw) in properties {
        let values = string_list(&format!("{at}.properties.{key}"), raw)?;
        if !values.is_empty() {
            cleaned.insert(key.clone(), json!(values));
        }
    }
    let get = |key: &str| -> Vec<String> {
        cleaned
            .get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut names: Vec<String> = NAME_PROPERTIES.iter().flat_map(|p| get(p)).collect();
    if names.is_empty() {
        let parts: Vec<String> = NAME_PARTS
            .iter()
            .filter_map(|p| get(p).first().cloned())
            .collect();
        if !parts.is_empty() {
            names.push(parts.join(" "));
        }
    }
    names.dedup();
    let country = COUNTRY_PROPERTIES
        .iter()
        .find_map(|p| get(p).first().cloned());
    let dob = DATE_PROPERTIES.iter().find_map(|p| get(p).first().cloned());
    let mut ids = Vec::new();
    for key in cleaned.keys() {
        if let Some(kind) = id_property(key) {
            ids.extend(get(key).into_iter().map(|v| (kind, v, key.clone())));
        }
    }
    Ok(Example {
        names,
        kind,
        country,
        dob,
        ids,
        echo: json!({"id": id, "schema": schema, "properties": cleaned}),
    })
}

/// A property value: a string or a list of strings (numbers are read as text, as FtM
/// does); blanks are dropped.
fn string_list(at: &str, value: &Value) -> Result<Vec<String>, ApiError> {
    let one = |v: &Value| -> Result<Option<String>, ApiError> {
        match v {
            Value::String(s) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
            Value::Number(n) => Ok(Some(n.to_string())),
            Value::Null => Ok(None),
            _ => Err(ApiError::invalid(format!(
                "{at}: values must be strings, not {}",
                kind_of(v)
            ))),
        }
    };
    match value {
        Value::Array(items) => Ok(items
            .iter()
            .map(one)
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect()),
        other => Ok(one(other)?.into_iter().collect()),
    }
}

/// A JSON value's type, for errors.
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// How a query is answered: how many, from which lists, and where `match` starts.
pub struct Ask<'a> {
    /// Results per query.
    pub limit: usize,
    /// `match: true` at or above this.
    pub threshold: f64,
    /// Results below this are not returned.
    pub cutoff: f64,
    /// Lists to keep (`None`: all).
    pub lists: Option<&'a [String]>,
}

/// One ranked result, as yente's `ScoredEntityResponse` plus `features` and
/// `explanation`.
#[derive(Serialize)]
pub struct Scored {
    #[serde(flatten)]
    pub entity: EntityResponse,
    pub score: f64,
    #[serde(rename = "match")]
    pub is_match: bool,
    pub features: BTreeMap<&'static str, f64>,
    pub explanations: BTreeMap<&'static str, Value>,
    pub explanation: Vec<String>,
}

/// Answers one parsed query: every name screened, the best hit per entity kept.
pub fn answer(loaded: &Loaded, at: &str, example: &Example, ask: &Ask) -> Result<Value, ApiError> {
    let dob = match &example.dob {
        Some(raw) => Some(parse_date(raw).ok_or_else(|| {
            ApiError::invalid(format!("{at}.properties.birthDate: {raw:?} is not a date"))
        })?),
        None => None,
    };
    // Filtering by list after ranking needs more candidates than are returned.
    let top = match ask.lists {
        Some(_) => (ask.limit * 10).max(200),
        None => ask.limit,
    };
    let base = Query {
        name: String::new(),
        kind: example.kind,
        country: example.country.clone(),
        dob,
        identifiers: Vec::new(),
        top,
        threshold: ask.cutoff,
    };
    let mut queries: Vec<(Query, String)> = example
        .names
        .iter()
        .map(|n| {
            (
                Query {
                    name: n.clone(),
                    ..base.clone()
                },
                format!("{at}.properties.name"),
            )
        })
        .collect();
    // Identifiers go with the first name (or alone): one finding per entity is enough.
    for (kind, value, property) in &example.ids {
        let mut q = match queries.first() {
            Some((q, _)) => q.clone(),
            None => base.clone(),
        };
        q = q.identifier(Some(*kind), value.clone());
        queries.push((q, format!("{at}.properties.{property}")));
    }
    let mut found: Vec<Hit> = Vec::new();
    for (query, field) in &queries {
        let hits = loaded
            .index
            .search(query)
            .map_err(|e| super::http::library_error(e, field))?;
        found.extend(
            hits.into_iter()
                .filter(|hit| ask.lists.is_none_or(|lists| lists.contains(&hit.list))),
        );
    }
    let mut hits = best_per_entity(found);
    hits.truncate(ask.limit);
    let mut results = Vec::with_capacity(hits.len());
    for hit in hits {
        results.push(scored(loaded, hit, ask.threshold)?);
    }
    let matches = results.iter().filter(|r| r.is_match).count();
    Ok(json!({
        "status": 200,
        "results": results,
        "total": {"value": matches, "relation": "eq"},
        "query": example.echo,
    }))
}

/// The best hit per entity among the hits of several searches (one per name), best
/// first, ties by entity id.
pub fn best_per_entity(hits: Vec<Hit>) -> Vec<Hit> {
    let mut best: BTreeMap<String, Hit> = BTreeMap::new();
    for hit in hits {
        match best.get(&hit.entity_id) {
            Some(b) if b.score >= hit.score => {}
            _ => {
                best.insert(hit.entity_id.clone(), hit);
            }
        }
    }
    let mut hits: Vec<Hit> = best.into_values().collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.entity_id.cmp(&b.entity_id))
    });
    hits
}

/// A hit with its entity, as a result.
fn scored(loaded: &Loaded, hit: Hit, threshold: f64) -> Result<Scored, ApiError> {
    let entity = super::routes::entity_at(loaded, &hit.entity_id)?;
    let features = feature_values(&hit.features);
    let explanations = features
        .iter()
        .filter(|(_, v)| **v > 0.0)
        .map(|(k, v)| {
            let detail = (*k == "name_match").then(|| hit.matched_name.clone());
            (
                *k,
                json!({"detail": detail, "score": v, "query": null, "candidate": detail}),
            )
        })
        .collect();
    Ok(Scored {
        entity: entity_response(&entity),
        score: hit.score,
        is_match: hit.score >= threshold,
        features,
        explanations,
        explanation: hit.reasons,
    })
}

/// The features as yente names them, each a non-negative number.
fn feature_values(f: &Features) -> BTreeMap<&'static str, f64> {
    let round = |v: f64| (v * 10_000.0).round() / 10_000.0;
    BTreeMap::from([
        ("name_match", round(f.name)),
        ("dob_match", round(f.dob.max(0.0))),
        ("dob_mismatch", round((-f.dob).max(0.0))),
        ("country_match", round(f.country.max(0.0))),
        ("country_mismatch", round((-f.country).max(0.0))),
        ("identifier_match", round(f.identifier)),
        ("identifier_mismatch", round(f.identifier_mismatch)),
    ])
}
