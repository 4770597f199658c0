//! Downloading the official lists into a data folder (`redflag lists update`).
//!
//! Each list is fetched, checked to load as the format it should be with at least one
//! entity and not much fewer than the file it replaces, and only then written (gzip,
//! atomically) over the old file: a failed or cut-off download never leaves a data
//! folder worse than it was.

use super::{OfficialList, OFFICIAL};
use crate::error::{Error, Result};
use crate::model::LoadedList;
use crate::sources;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// The largest body accepted, before and after gzip: the largest list any loader takes.
pub const MAX_BODY_BYTES: u64 = sources::MAX_LIST_BYTES;

/// A new list with more than this share fewer entities than the file it replaces is
/// refused unless shrinking is allowed: lists grow and shrink by a few percent between
/// releases, while a cut-off download that still parses loses a large part.
pub const MAX_SHRINK_PERCENT: usize = 20;

/// A connection that sends nothing for this long is given up on.
const STALL_TIMEOUT: Duration = Duration::from_secs(60);

/// The whole download of one list may take this long on a slow line.
const TOTAL_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// A list written into the data folder.
#[derive(Debug, Clone)]
pub struct Updated {
    /// The file written, in the data folder.
    pub file: String,
    /// Where it was downloaded from.
    pub url: String,
    /// Entities the new file loads as.
    pub entities: usize,
    /// The publication date the list states, as `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Bytes received (after any HTTP content decoding).
    pub downloaded: u64,
    /// Bytes of the gzip file written.
    pub written: u64,
}

/// The sources to fetch: [`OFFICIAL`] with `overrides` (`(file name, url)`) applied. An
/// override naming no official list is an error, so a typo does not go unnoticed.
pub fn sources_with(
    overrides: &[(String, String)],
) -> Result<Vec<(&'static OfficialList, String)>> {
    for (name, _) in overrides {
        if !OFFICIAL.iter().any(|s| s.file == name) {
            let known: Vec<&str> = OFFICIAL.iter().map(|s| s.file).collect();
            return Err(Error::Other(format!(
                "--url {name}=…: no such list; the lists are {}",
                known.join(", ")
            )));
        }
    }
    Ok(OFFICIAL
        .iter()
        .map(|s| {
            let url = overrides
                .iter()
                .rev()
                .find(|(name, _)| name == s.file)
                .map_or(s.url, |(_, url)| url.as_str());
            (s, url.to_string())
        })
        .collect())
}

/// An HTTP client for list downloads: redirects followed, stalls and huge bodies refused,
/// HTTP error statuses returned as responses so they can be reported with their code.
pub fn http_agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(STALL_TIMEOUT))
        .timeout_recv_response(Some(STALL_TIMEOUT))
        .timeout_per_read(Some(STALL_TIMEOUT))
        .timeout_global(Some(TOTAL_TIMEOUT))
        .user_agent(concat!("redflag/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// Downloads one list from `url`, checks it, and writes it gzip-compressed as
/// `dir/<source.file>`. On any error the file already there is left as it was; so is a
/// file the new list has more than [`MAX_SHRINK_PERCENT`] fewer entities than, unless
/// `allow_shrink`.
pub fn update_one(
    agent: &ureq::Agent,
    source: &OfficialList,
    url: &str,
    dir: &Path,
    allow_shrink: bool,
) -> Result<Updated> {
    let fail = |message: String| Error::Download {
        list: source.file.to_string(),
        url: url.to_string(),
        message,
    };
    let body = fetch(agent, url).map_err(fail)?;
    let plain = sources::decompress_at_most("the body", &body, MAX_BODY_BYTES)
        .map_err(|e| fail(e.to_string()))?;
    let gzipped = matches!(plain, std::borrow::Cow::Owned(_));
    let list = check_list(source, &plain).map_err(fail)?;
    let path = dir.join(source.file);
    if !allow_shrink {
        check_not_shrunk(&path, list.entities.len()).map_err(fail)?;
    }
    // A gzip body was checked as it is: keep it rather than compress the same list again.
    let file_bytes = if gzipped {
        std::borrow::Cow::Borrowed(&body[..])
    } else {
        std::borrow::Cow::Owned(gzip(&body).map_err(fail)?)
    };
    crate::files::write_atomically(&path, &file_bytes).map_err(|e| fail(e.to_string()))?;
    Ok(Updated {
        file: source.file.to_string(),
        url: url.to_string(),
        entities: list.entities.len(),
        published: list.info.published,
        downloaded: body.len() as u64,
        written: file_bytes.len() as u64,
    })
}

/// Updates every list in `sources` into `dir` (created if missing), one after another
/// (see [`update_one`]). Each list succeeds or fails on its own; only a folder that
/// cannot be created stops the run.
pub fn update_all(
    dir: &Path,
    sources: &[(&'static OfficialList, String)],
    allow_shrink: bool,
) -> Result<Vec<Result<Updated>>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let agent = http_agent();
    Ok(sources
        .iter()
        .map(|(source, url)| update_one(&agent, source, url, dir, allow_shrink))
        .collect())
}

/// GETs `url` and returns the body, or says why not (status, connection, size).
fn fetch(agent: &ureq::Agent, url: &str) -> std::result::Result<Vec<u8>, String> {
    let mut response = agent.get(url).call().map_err(|e| describe(&e))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!(
            "HTTP {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
        .trim_end()
        .to_string());
    }
    response
        .body_mut()
        .with_config()
        .limit(MAX_BODY_BYTES)
        .read_to_vec()
        .map_err(|e| describe(&e))
}

fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::BodyExceedsLimit(_) => {
            format!("the body is larger than the {MAX_BODY_BYTES}-byte cap")
        }
        ureq::Error::Timeout(_) => format!("timed out ({e})"),
        _ => format!("download failed: {e}"),
    }
}

/// Loads `plain` with the ordinary loaders and insists on the expected format and at
/// least one entity: an error page or an empty export must not replace a good list.
fn check_list(source: &OfficialList, plain: &[u8]) -> std::result::Result<LoadedList, String> {
    match sources::detect(plain) {
        Some(f) if f == source.format => {}
        Some(f) => {
            return Err(format!(
                "the body is a {} list, expected {}",
                f.as_str(),
                source.format.as_str()
            ))
        }
        None => {}
    }
    let stem = sources::file_stem(Path::new(source.file));
    let list = sources::load_bytes("response body", &stem, plain)
        .map_err(|e| format!("the body is not a usable list: {e}"))?;
    if list.entities.is_empty() {
        return Err("the body is a list with no entities".to_string());
    }
    Ok(list)
}

/// Refuses a new list of `entities` that has more than [`MAX_SHRINK_PERCENT`] fewer
/// entities than the list at `old`. A missing or unreadable old file is replaced as it is.
fn check_not_shrunk(old: &Path, entities: usize) -> std::result::Result<(), String> {
    if !old.is_file() {
        return Ok(());
    }
    let Ok(old_list) = sources::load_path(old) else {
        return Ok(());
    };
    let before = old_list.entities.len();
    if entities * 100 >= before * (100 - MAX_SHRINK_PERCENT) {
        return Ok(());
    }
    Err(format!(
        "the new list has {entities} entities, more than {MAX_SHRINK_PERCENT}% fewer than the \
         {before} of the file it would replace (a cut-off download?); the old file is kept: \
         pass --allow-shrink to accept the new list"
    ))
}

fn gzip(plain: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(plain.len() / 8),
        flate2::Compression::default(),
    );
    encoder
        .write_all(plain)
        .map_err(|e| format!("gzip failed: {e}"))?;
    encoder.finish().map_err(|e| format!("gzip failed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_replace_one_url_and_the_last_one_wins() {
        let o = |n: &str, u: &str| (n.to_string(), u.to_string());
        let sources = sources_with(&[
            o("un_consolidated.xml.gz", "http://a/1"),
            o("un_consolidated.xml.gz", "http://a/2"),
        ])
        .unwrap();
        assert_eq!(sources.len(), OFFICIAL.len());
        for (s, url) in &sources {
            let expected = if s.file == "un_consolidated.xml.gz" {
                "http://a/2"
            } else {
                s.url
            };
            assert_eq!(url, expected);
        }
        assert!(sources_with(&[o("sdn.xml", "http://a")]).is_err());
    }

    #[test]
    fn official_lists_are_published_over_https() {
        assert!(OFFICIAL.iter().all(|s| s.url.starts_with("https://")));
    }
}
