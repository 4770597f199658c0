//! The routes: yente's (`/match`, `/search`, `/entities`, `/catalog`, `/algorithms`,
//! health), watchman's `/v2/search`, `/admin/reload` and `/openapi.json`.

use super::datasets;
use super::ftm::{entity_response, schema_of};
use super::http::{bounded, param, query_pairs, ApiError};
use super::matching::{self, Ask, ALGORITHMS, FEATURES};
use super::state::Loaded;
use super::App;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use rayon::prelude::*;
use redflag::model::Entity;
use redflag::{Query, DEFAULT_THRESHOLD};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// yente's default and largest `limit` of `/match`.
const MATCH_LIMIT: (usize, usize) = (5, 500);
/// yente's default and largest `limit` of `/search`.
const SEARCH_LIMIT: (usize, usize) = (10, 500);
/// yente's default cutoff: results scoring below are not returned.
const DEFAULT_CUTOFF: f64 = 0.70;

/// Runs blocking work (matching) off the async workers, within the request timeout.
pub(super) async fn blocking<T: Send + 'static>(
    app: &App,
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let task = tokio::task::spawn_blocking(work);
    match tokio::time::timeout(app.limits.timeout, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(e)) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the request failed: {e}"),
        )),
        Err(_) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the request took longer than {} ms and was abandoned",
                app.limits.timeout.as_millis()
            ),
        )),
    }
}

/// The body as JSON; a body too large or not JSON is a 4xx naming what was wrong.
fn json_body(body: Result<Bytes, BytesRejection>) -> Result<Value, ApiError> {
    let bytes = body.map_err(|e| {
        let status = e.status();
        let detail = match status {
            StatusCode::PAYLOAD_TOO_LARGE => {
                "the request body is larger than the server accepts".to_string()
            }
            _ => format!("the request body cannot be read: {e}"),
        };
        ApiError::new(status, detail)
    })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::bad(format!("the body is not valid JSON: {e}")))
}

/// Checks `algorithm` as yente does (any of its names; redflag answers all with one).
fn check_algorithm(pairs: &[(String, String)]) -> Result<(), ApiError> {
    if let Some(name) = param::<String>(pairs, "algorithm")? {
        let name = name.trim().to_lowercase();
        if !ALGORITHMS.contains(&name.as_str()) {
            return Err(ApiError::bad(format!("Invalid algorithm: {name}")));
        }
    }
    Ok(())
}

/// `POST /match/{dataset}`.
pub async fn match_entities(
    State(app): State<Arc<App>>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let pairs = match query_pairs(raw.as_deref()) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let loaded = app.current.get();
    match match_inner(&app, loaded, &dataset, &pairs, body).await {
        Ok((n, value)) => ([("x-batch-size", n.to_string())], Json(value)).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn match_inner(
    app: &Arc<App>,
    loaded: Arc<Loaded>,
    dataset: &str,
    pairs: &[(String, String)],
    body: Result<Bytes, BytesRejection>,
) -> Result<(usize, Value), ApiError> {
    let lists: Option<Vec<String>> = datasets::select(dataset, loaded.index.lists())
        .map_err(|_| ApiError::not_found("No such dataset."))?
        .map(|l| l.into_iter().map(str::to_string).collect());
    let limit = bounded(pairs, "limit", MATCH_LIMIT.0, 1, MATCH_LIMIT.1)?;
    let threshold = bounded(pairs, "threshold", DEFAULT_THRESHOLD, 0.0, 1.0)?;
    let cutoff = bounded(pairs, "cutoff", DEFAULT_CUTOFF, 0.0, 1.0)?.min(threshold);
    check_algorithm(pairs)?;
    let body = json_body(body)?;
    let queries = match body.get("queries") {
        Some(Value::Object(q)) => q.clone(),
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "queries: must be an object of named queries, not {}",
                matching::kind_of(other)
            )))
        }
        None => return Err(ApiError::invalid("queries: field required")),
    };
    if queries.is_empty() {
        return Err(ApiError::bad("No queries provided."));
    }
    if queries.len() > app.limits.max_queries {
        return Err(ApiError::bad(format!(
            "Too many queries in one batch (limit: {})",
            app.limits.max_queries
        )));
    }
    let mut examples = Vec::with_capacity(queries.len());
    for (key, value) in &queries {
        examples.push((
            key.clone(),
            matching::parse_example(&format!("queries.{key}"), value)?,
        ));
    }
    let n = examples.len();
    let responses = blocking(app, move || {
        let ask = Ask {
            limit,
            threshold,
            cutoff,
            lists: lists.as_deref(),
        };
        let answered: Result<Vec<(String, Value)>, ApiError> = examples
            .par_iter()
            .map(|(key, example)| {
                matching::answer(&loaded, &format!("queries.{key}"), example, &ask)
                    .map(|v| (key.clone(), v))
            })
            .collect();
        Ok(answered?.into_iter().collect::<Map<String, Value>>())
    })
    .await?;
    Ok((
        n,
        json!({
            "responses": responses,
            "matcher": matcher(threshold, cutoff),
            "limit": limit,
        }),
    ))
}

/// What answered: the algorithm, its thresholds and its features.
fn matcher(threshold: f64, cutoff: f64) -> Value {
    json!({
        "name": "redflag",
        "version": env!("CARGO_PKG_VERSION"),
        "threshold": threshold,
        "cutoff": cutoff,
        "features": FEATURES.iter().map(|(k, d)| (k.to_string(), json!(d))).collect::<Map<_, _>>(),
    })
}

/// The entity with id `id`, or 404.
pub fn entity_at(loaded: &Loaded, id: &str) -> Result<Entity, ApiError> {
    let position = loaded
        .positions
        .get(id)
        .ok_or_else(|| ApiError::not_found("No such entity!"))?;
    loaded
        .index
        .entity(*position)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

/// `GET /entities/{id}`.
pub async fn entity(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let loaded = app.current.get();
    match entity_at(&loaded, &id) {
        Ok(entity) => Json(entity_response(&entity)).into_response(),
        Err(e) => e.into_response(),
    }
}

/// The schemas `/search` filters on and whether an entity of `schema_of` kind passes.
fn schema_admits(filter: &str, schema: &str) -> Option<bool> {
    Some(match filter {
        "Thing" | "LegalEntity" => true,
        "Person" | "Organization" | "Vessel" | "Airplane" => filter == schema,
        "Company" => schema == "Organization",
        _ => return None,
    })
}

/// `GET /search/{dataset}?q=&schema=&limit=&offset=`: names ranked by score (at a lower
/// threshold than matching, as a search box is), or every entity when `q` is empty.
pub async fn search(
    State(app): State<Arc<App>>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let result = async {
        let pairs = query_pairs(raw.as_deref())?;
        let loaded = app.current.get();
        let lists: Option<Vec<String>> = datasets::select(&dataset, loaded.index.lists())
            .map_err(|_| ApiError::not_found("No such dataset."))?
            .map(|l| l.into_iter().map(datasets::dataset_name).collect());
        let limit = bounded(&pairs, "limit", SEARCH_LIMIT.0, 0, SEARCH_LIMIT.1)?;
        let offset = bounded(&pairs, "offset", 0usize, 0, 9_499)?;
        let schema: String = param(&pairs, "schema")?.unwrap_or_else(|| "Thing".into());
        if schema_admits(&schema, "Thing").is_none() {
            return Err(ApiError::bad("Invalid schema"));
        }
        let q: String = param(&pairs, "q")?.unwrap_or_default();
        blocking(&app, move || {
            search_page(&loaded, &q, &schema, lists.as_deref(), limit, offset)
        })
        .await
    }
    .await;
    match result {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response(),
    }
}

/// Ranks, filters and pages; facets count the whole filtered result.
fn search_page(
    loaded: &Loaded,
    q: &str,
    schema: &str,
    datasets: Option<&[String]>,
    limit: usize,
    offset: usize,
) -> Result<Value, ApiError> {
    let admits = |position: u32| {
        let facts = &loaded.facts[position as usize];
        schema_admits(schema, schema_of(facts.kind)).unwrap_or(false)
            && datasets.is_none_or(|d| d.contains(&facts.dataset))
    };
    const MAX_RANKED: usize = 1_000;
    let positions: Vec<(u32, Option<f64>)> = if q.trim().is_empty() {
        (0..loaded.facts.len() as u32)
            .filter(|p| admits(*p))
            .map(|p| (p, None))
            .collect()
    } else {
        let mut query = Query::new(q);
        query.threshold = 0.5;
        query.top = MAX_RANKED;
        let hits = loaded
            .index
            .search(&query)
            .map_err(|e| super::http::library_error(e, "query.q"))?;
        hits.iter()
            .filter_map(|h| {
                loaded
                    .positions
                    .get(&h.entity_id)
                    .map(|p| (*p, Some(h.score)))
            })
            .filter(|(p, _)| admits(*p))
            .collect()
    };
    let relation = if positions.len() >= MAX_RANKED {
        "gte"
    } else {
        "eq"
    };
    let mut results = Vec::new();
    for (position, score) in positions.iter().skip(offset).take(limit) {
        let entity = loaded
            .index
            .entity(*position)
            .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        let mut value = json!(entity_response(&entity));
        if let Some(score) = score {
            value["score"] = json!(score);
        }
        results.push(value);
    }
    Ok(json!({
        "limit": limit,
        "offset": offset,
        "total": {"value": positions.len(), "relation": relation},
        "results": results,
        "facets": facets(loaded, positions.iter().map(|(p, _)| *p)),
    }))
}

/// yente's facets: counts of countries, topics and datasets over a result.
fn facets(loaded: &Loaded, positions: impl Iterator<Item = u32>) -> Value {
    let mut countries: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sets: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0;
    for p in positions {
        let facts = &loaded.facts[p as usize];
        for c in &facts.countries {
            *countries.entry(c).or_default() += 1;
        }
        *sets.entry(&facts.dataset).or_default() += 1;
        total += 1;
    }
    let values = |counts: BTreeMap<&str, usize>, label: &dyn Fn(&str) -> String| {
        let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.into_iter()
            .map(|(name, count)| json!({"name": name, "label": label(name), "count": count}))
            .collect::<Vec<_>>()
    };
    let titles: BTreeMap<String, String> = loaded
        .index
        .lists()
        .iter()
        .map(|l| (datasets::dataset_name(&l.info.name), l.info.name.clone()))
        .collect();
    json!({
        "countries": {"label": "Countries", "values": values(countries, &|c| c.to_uppercase())},
        "topics": {"label": "Topics", "values": if total > 0 { json!([{"name": "sanction", "label": "Sanctioned entity", "count": total}]) } else { json!([]) }},
        "datasets": {"label": "Data sources", "values": values(sets, &|d| titles.get(d).cloned().unwrap_or_else(|| d.to_string()))},
    })
}

/// `GET /catalog`.
pub async fn catalog(State(app): State<Arc<App>>) -> Json<Value> {
    Json(datasets::catalog(app.current.get().index.lists()))
}

/// `GET /algorithms`: one matcher, answering to every name yente clients send.
pub async fn algorithms() -> Json<Value> {
    let features: Map<String, Value> = FEATURES
        .iter()
        .map(|(k, d)| {
            (
                k.to_string(),
                json!({"description": d, "coefficient": 1.0, "url": null}),
            )
        })
        .collect();
    let description = "redflag's matcher: names compared across Latin, Hangul and Han scripts and their romanizations, token by token weighted by rarity, moved by birth date, country and kind, and found by identifiers. The score is the name score plus the evidence features, clamped to [0, 1]. Every yente algorithm name is answered by it.";
    let algorithms: Vec<Value> = ALGORITHMS
        .iter()
        .filter(|a| **a != "best")
        .map(|name| {
            json!({
                "name": name,
                "description": description,
                "features": features,
                "docs": {"name": name, "description": description, "config": {}, "features": features},
            })
        })
        .collect();
    Json(json!({"algorithms": algorithms, "default": "best", "best": "redflag"}))
}

/// `GET /healthz`: the process answers.
pub async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

/// `GET /readyz`: an index is open and answers.
pub async fn readyz(State(app): State<Arc<App>>) -> Response {
    let loaded = app.current.get();
    match loaded.index.entity_count() > 0 {
        true => {
            Json(json!({"status": "ok", "entities": loaded.index.entity_count()})).into_response()
        }
        false => ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "Index not ready.").into_response(),
    }
}

/// `POST /admin/reload`: opens the index again and swaps it in; a bad one is refused
/// and the old one keeps serving.
pub async fn reload(State(app): State<Arc<App>>) -> Response {
    match super::reload(app).await {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /openapi.json`.
pub async fn openapi() -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        include_str!("openapi.json"),
    )
        .into_response()
}

/// Any other path: yente's 404 shape.
pub async fn not_found() -> ApiError {
    ApiError::not_found("Not Found")
}
