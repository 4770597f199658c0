//! `redflag serve`: the screening service. It speaks yente's API (so a yente client
//! switches by changing its base URL) and watchman's `/v2/search`, over one index opened
//! memory-mapped and shared by every worker; matching runs on blocking threads.

mod datasets;
mod ftm;
mod http;
mod matching;
mod routes;
mod state;
mod watchman;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use http::{Access, ApiError};
use redflag::{Error, Result};
use serde_json::{json, Value};
use state::{describe, Current, Source};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How the server is started.
pub struct Config {
    /// Address to bind (port 0: any free port).
    pub listen: SocketAddr,
    /// An index file, or `None` for the lists in use.
    pub index: Option<PathBuf>,
    /// A file holding the API key (its first line).
    pub api_key_file: Option<PathBuf>,
    /// What one request may ask.
    pub limits: Limits,
    /// Log query strings (screened names) too.
    pub log_queries: bool,
    /// How often to look for a changed index or list folder (`None`: never).
    pub watch: Option<Duration>,
}

/// What one request may ask.
pub struct Limits {
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Most queries in one `/match` body.
    pub max_queries: usize,
    /// Longest a request may take.
    pub timeout: Duration,
}

/// What every handler shares.
pub struct App {
    current: Current,
    limits: Limits,
}

/// Runs the server until SIGTERM or Ctrl-C; returns the exit code.
pub fn run(config: Config) -> Result<i32> {
    let api_key = match &config.api_key_file {
        Some(path) => Some(read_key(path)?),
        None => None,
    };
    let source = match &config.index {
        Some(path) => Source::File(path.clone()),
        None => Source::Lists,
    };
    let current = Current::open(source)?;
    // Matching is CPU work: more threads than cores only add memory (each thread keeps
    // its own allocator heap) and switching, not answers.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .max_blocking_threads(cores * 2)
        .enable_all()
        .build()
        .map_err(|e| Error::Other(format!("cannot start the server's runtime: {e}")))?;
    let app = Arc::new(App {
        current,
        limits: config.limits,
    });
    let access = Arc::new(Access {
        api_key,
        log_queries: config.log_queries,
    });
    runtime.block_on(serve(app, access, config.listen, config.watch))?;
    Ok(0)
}

/// The first line of the key file; an empty one is an error, not an open server.
fn read_key(path: &std::path::Path) -> Result<String> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let key = text.lines().next().unwrap_or("").trim().to_string();
    if key.is_empty() {
        return Err(Error::Other(format!(
            "{}: the API key file is empty",
            path.display()
        )));
    }
    Ok(key)
}

/// Every route, with the body cap, the key check and the access log.
fn router(app: Arc<App>, access: Arc<Access>) -> Router {
    let max_body = app.limits.max_body;
    Router::new()
        .route("/match/{dataset}", post(routes::match_entities))
        .route("/search/{dataset}", get(routes::search))
        .route("/entities/{id}", get(routes::entity))
        .route("/catalog", get(routes::catalog))
        .route("/algorithms", get(routes::algorithms))
        .route("/healthz", get(routes::healthz))
        .route("/readyz", get(routes::readyz))
        .route("/admin/reload", post(routes::reload))
        .route("/openapi.json", get(routes::openapi))
        .route("/v2/search", get(watchman::search))
        .fallback(routes::not_found)
        .with_state(app)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn_with_state(
            access.clone(),
            http::require_key,
        ))
        .layer(axum::middleware::from_fn_with_state(
            access,
            http::access_log,
        ))
}

async fn serve(
    app: Arc<App>,
    access: Arc<Access>,
    listen: SocketAddr,
    watch: Option<Duration>,
) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| Error::Other(format!("cannot listen on {listen}: {e}")))?;
    let bound = listener
        .local_addr()
        .map_err(|e| Error::Other(format!("cannot read the bound address: {e}")))?;
    let loaded = app.current.get();
    eprintln!(
        "redflag: serving {} ({} entities)",
        describe(app.current.source()),
        loaded.index.entity_count()
    );
    drop(loaded);
    if let Some(every) = watch {
        // Taken now, so a change made as soon as the server says it listens is seen.
        let seen = app.current.source().fingerprint();
        tokio::spawn(reload_on_change(app.clone(), every, seen));
    }
    #[cfg(unix)]
    {
        // Registered before the server says it listens: SIGHUP's default is to exit.
        use tokio::signal::unix::{signal, SignalKind};
        let hangups = signal(SignalKind::hangup())
            .map_err(|e| Error::Other(format!("cannot watch for SIGHUP: {e}")))?;
        tokio::spawn(reload_on_hangup(app.clone(), hangups));
    }
    eprintln!("redflag: listening on http://{bound}");
    // Small JSON answers must not wait on Nagle's algorithm.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, router(app, access))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| Error::Other(format!("the server failed: {e}")))?;
    eprintln!("redflag: stopped");
    Ok(())
}

/// Reopens the index and swaps it in; a bad new index is refused (logged, 500) and the
/// old one keeps serving.
async fn reload(app: Arc<App>) -> std::result::Result<Value, ApiError> {
    let worker = app.clone();
    let result = tokio::task::spawn_blocking(move || worker.current.reload())
        .await
        .map_err(|e| ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    match result {
        Ok(loaded) => {
            eprintln!(
                "redflag: reloaded {} ({} entities)",
                describe(app.current.source()),
                loaded.index.entity_count()
            );
            Ok(
                json!({"status": "ok", "entities": loaded.index.entity_count(), "opened_at": loaded.opened_at}),
            )
        }
        Err(e) => {
            eprintln!("redflag: reload refused, the old index keeps serving: {e}");
            Err(ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                format!("reload refused, the old index keeps serving: {e}"),
            ))
        }
    }
}

/// SIGHUP reloads, as daemons do.
#[cfg(unix)]
async fn reload_on_hangup(app: Arc<App>, mut hangups: tokio::signal::unix::Signal) {
    while hangups.recv().await.is_some() {
        let _ = reload(app.clone()).await;
    }
}

/// Reloads when the index file or the list folder changes (after `lists update`).
async fn reload_on_change(
    app: Arc<App>,
    every: Duration,
    mut seen: Vec<(PathBuf, u64, Option<std::time::SystemTime>)>,
) {
    loop {
        tokio::time::sleep(every).await;
        let now = app.current.source().fingerprint();
        if now != seen {
            seen = now;
            let _ = reload(app.clone()).await;
        }
    }
}

/// Ctrl-C or SIGTERM: stop accepting, finish the requests in flight, exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    eprintln!("redflag: shutting down");
}
