//! What every route shares: JSON errors in yente's shape, the API key check, the access
//! log and query-string parsing.

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::sync::Arc;
use std::time::Instant;
use subtle::ConstantTimeEq;

/// An error answered as `{"detail": ".."}` with a 4xx or 5xx status, as yente answers.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What was wrong, naming the field where there is one.
    pub detail: String,
}

impl ApiError {
    /// 400: the request is understood but cannot be answered as asked.
    pub fn bad(detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, detail)
    }

    /// 422: a field has the wrong type or value.
    pub fn invalid(detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, detail)
    }

    /// 404.
    pub fn not_found(detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, detail)
    }

    /// Any status.
    pub fn new(status: StatusCode, detail: impl Into<String>) -> ApiError {
        ApiError {
            status,
            detail: detail.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "detail": self.detail }))).into_response()
    }
}

/// A library error from answering a request: a bad query is the caller's (422), anything
/// else is the server's (500), with the message either way.
pub fn library_error(e: redflag::Error, field: &str) -> ApiError {
    match e {
        redflag::Error::Query(msg) => ApiError::invalid(format!("{field}: {msg}")),
        other => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
    }
}

/// Settings every request reads.
pub struct Access {
    /// The bearer key every route but the health checks needs, when one is set.
    pub api_key: Option<String>,
    /// Write query strings (which hold screened names) to the access log.
    pub log_queries: bool,
}

/// Routes open without a key, for load balancers and orchestrators.
fn is_health(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz")
}

/// Refuses a request without the API key (compared in constant time).
pub async fn require_key(
    State(access): State<Arc<Access>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(key) = access.api_key.as_deref() else {
        return next.run(request).await;
    };
    if is_health(request.uri().path()) {
        return next.run(request).await;
    }
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("ApiKey "))
        })
        .map(str::trim)
        .unwrap_or("");
    if given.as_bytes().ct_eq(key.as_bytes()).into() {
        next.run(request).await
    } else {
        let mut response = ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing or wrong API key: send the header `Authorization: Bearer <key>`",
        )
        .into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer"),
        );
        response
    }
}

/// One JSON line per request on stderr: method, path, status, latency. The query string
/// only with `--log-queries`, since it holds the names screened.
pub async fn access_log(
    State(access): State<Arc<Access>>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let query = match access.log_queries {
        true => request.uri().query().map(str::to_string),
        false => None,
    };
    let response = next.run(request).await;
    let mut line = json!({
        "ts": unix_seconds(),
        "method": method,
        "path": path,
        "status": response.status().as_u16(),
        "ms": (started.elapsed().as_secs_f64() * 1e5).round() / 100.0,
    });
    if let Some(q) = query {
        line["query"] = json!(q);
    }
    eprintln!("{line}");
    response
}

/// Seconds since the Unix epoch.
pub fn unix_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A query string as key–value pairs, repeated keys kept (yente repeats `include_dataset`).
pub fn query_pairs(raw: Option<&str>) -> Result<Vec<(String, String)>, ApiError> {
    serde_urlencoded::from_str(raw.unwrap_or(""))
        .map_err(|e| ApiError::invalid(format!("query string: {e}")))
}

/// The last value of `key`, parsed; a value that does not parse is a 422 naming it.
pub fn param<T: std::str::FromStr>(
    pairs: &[(String, String)],
    key: &str,
) -> Result<Option<T>, ApiError> {
    match pairs.iter().rev().find(|(k, _)| k == key) {
        None => Ok(None),
        Some((_, v)) => v
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| ApiError::invalid(format!("query.{key}: {v:?} is not a valid value"))),
    }
}

/// A number parameter that must lie in `[min, max]`.
pub fn bounded<T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy>(
    pairs: &[(String, String)],
    key: &str,
    default: T,
    min: T,
    max: T,
) -> Result<T, ApiError> {
    let value = param(pairs, key)?.unwrap_or(default);
    if value < min || value > max {
        return Err(ApiError::invalid(format!(
            "query.{key}: {value} is out of range ({min} to {max})"
        )));
    }
    Ok(value)
}
