//! Analysts' decisions on (row, entity) pairs: one at a time ([`Cases::decide`]) or every
//! filled `review_decision` of a results file ([`Cases::import`]), and the audit trail
//! ([`Cases::log`]). Decisions are only ever added: a new one supersedes the pair's last
//! and both stay. Each records the row's and the entity's fingerprints of the moment, so
//! a later change on either side brings the pair back.

use super::rescreen::PreviousDecision;
use super::{Cases, Review, NOW};
use crate::error::{Error, Result};
use crate::screen::input;
use crate::screen::ScreenConfig;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::path::Path;

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Imported {
    /// Decisions stored.
    pub stored: u64,
    /// Filled decisions equal to the pair's standing one (a re-import): not stored again.
    pub unchanged: u64,
    /// Rows without a decision.
    pub blank: u64,
}

/// One decision of the audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    /// Its number, in the order decisions were made.
    pub id: i64,
    /// The row's key.
    pub row: String,
    /// The entity.
    pub entity: String,
    /// What was decided.
    pub decision: String,
    /// The analyst's note.
    pub note: String,
    /// Who decided.
    pub analyst: String,
    /// When (UTC, ISO 8601).
    pub at: String,
    /// Where it came from: `decide`, or `import FILE row N`.
    pub source: String,
    /// A later decision on the same pair replaced it.
    pub superseded: bool,
}

/// A pair's state at the moment of deciding.
struct Pair {
    row_fp: String,
    entity_fp: String,
}

impl Cases {
    /// Records one decision on the pair (`row` key, `entity` id). The row must be in the
    /// store and the entity a hit of it or an entity of the lists it was screened against.
    pub fn decide(
        &mut self,
        row: &str,
        entity: &str,
        decision: Review,
        note: &str,
        analyst: &str,
    ) -> Result<bool> {
        let path = self.path.clone();
        let tx = self.write()?;
        let pair = pair(&tx, row, entity)
            .map_err(|e| sql_error(&path, e))?
            .map_err(|message| Error::Cases {
                path: path.clone(),
                message,
            })?;
        let stored = insert(&tx, row, entity, decision, note, analyst, &pair, "decide")
            .map_err(|e| sql_error(&path, e))?;
        tx.commit().map_err(|e| sql_error(&path, e))?;
        Ok(stored)
    }

    /// Stores every filled `review_decision` of a results file (CSV or XLSX written by
    /// `screen --cases` or `rescreen`; `case_key` and `entity_id` name the pair). The file
    /// is checked whole first: any unknown row, entity or decision is an error naming its
    /// rows, and nothing is stored. Re-importing a file stores nothing new.
    pub fn import(&mut self, file: &Path, analyst: &str) -> Result<Imported> {
        let bad = |message: String| Error::Parse {
            file: file.display().to_string(),
            location: crate::error::Location::File,
            message,
        };
        let input = input::open(&ScreenConfig::new(file, file))?;
        let col = |name: &str| {
            input.headers.iter().position(|h| {
                let h = h.trim();
                h.eq_ignore_ascii_case(name) || h.eq_ignore_ascii_case(&format!("redflag_{name}"))
            })
        };
        let (Some(key_col), Some(entity_col), Some(decision_col)) =
            (col("case_key"), col("entity_id"), col("review_decision"))
        else {
            return Err(bad(
                "expected the columns case_key, entity_id and review_decision of a file written by \
                 `redflag screen --cases` or `redflag rescreen`"
                    .into(),
            ));
        };
        let note_col = col("review_note");
        let mut wanted = Vec::new();
        let mut problems = Vec::new();
        let mut out = Imported::default();
        let mut rows = input.rows;
        while let Some(next) = rows.next_row() {
            let raw = next?;
            let cell = |c: usize| raw.cells.get(c).map(|s| s.trim()).unwrap_or("");
            let text = cell(decision_col);
            if text.is_empty() {
                out.blank += 1;
                continue;
            }
            if let Some(problem) = &raw.problem {
                problems.push(problem.clone());
                continue;
            }
            let Some(decision) = Review::parse(text) else {
                problems.push(format!(
                    "{}: review_decision '{text}' is not one of: false positive, true match, escalate",
                    raw.location
                ));
                continue;
            };
            let (key, entity) = (cell(key_col), cell(entity_col));
            if key.is_empty() || entity.is_empty() {
                problems.push(format!(
                    "{}: a decision needs case_key and entity_id (a row without a hit has nothing to decide)",
                    raw.location
                ));
                continue;
            }
            let note = note_col.map(cell).unwrap_or("").to_string();
            wanted.push((
                raw.location.to_string(),
                key.to_string(),
                entity.to_string(),
                decision,
                note,
            ));
        }
        let path = self.path.clone();
        let tx = self.write()?;
        let mut pairs = Vec::new();
        for (location, key, entity, decision, note) in wanted {
            match pair(&tx, &key, &entity).map_err(|e| sql_error(&path, e))? {
                Ok(p) => pairs.push((location, key, entity, decision, note, p)),
                Err(why) => problems.push(format!("{location}: {why}")),
            }
        }
        if !problems.is_empty() {
            let shown: Vec<&str> = problems.iter().take(20).map(String::as_str).collect();
            let more = match problems.len() > 20 {
                true => format!("; and {} more", problems.len() - 20),
                false => String::new(),
            };
            return Err(bad(format!(
                "{} rows cannot be imported, so nothing was: {}{more}",
                problems.len(),
                shown.join("; ")
            )));
        }
        let name = file.display().to_string();
        for (location, key, entity, decision, note, p) in pairs {
            let source = format!("import {name} {location}");
            let stored = insert(&tx, &key, &entity, decision, &note, analyst, &p, &source)
                .map_err(|e| sql_error(&path, e))?;
            match stored {
                true => out.stored += 1,
                false => out.unchanged += 1,
            }
        }
        tx.commit().map_err(|e| sql_error(&path, e))?;
        Ok(out)
    }

    /// The audit trail, oldest first; only `row`'s decisions when given.
    pub fn log(&self, row: Option<&str>) -> Result<Vec<LogEntry>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.id, d.row_key, d.entity_id, d.decision, d.note, d.analyst, d.at, d.source,
                 EXISTS (SELECT 1 FROM decisions l WHERE l.row_key = d.row_key
                         AND l.entity_id = d.entity_id AND l.id > d.id)
                 FROM decisions d WHERE ?1 IS NULL OR d.row_key = ?1 ORDER BY d.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([row], |r| {
                Ok(LogEntry {
                    id: r.get(0)?,
                    row: r.get(1)?,
                    entity: r.get(2)?,
                    decision: r.get(3)?,
                    note: r.get(4)?,
                    analyst: r.get(5)?,
                    at: r.get(6)?,
                    source: r.get(7)?,
                    superseded: r.get(8)?,
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.sql(e))
    }
}

/// The pair's last decision with the row and entity fingerprints it was made on.
pub(super) fn last_decision(
    conn: &Connection,
    row: &str,
    entity: &str,
) -> rusqlite::Result<Option<(PreviousDecision, String, String)>> {
    conn.prepare_cached(
        "SELECT decision, note, analyst, at, row_fp, entity_fp FROM decisions
         WHERE row_key = ?1 AND entity_id = ?2 ORDER BY id DESC LIMIT 1",
    )?
    .query_row([row, entity], |r| {
        Ok((
            PreviousDecision {
                decision: r.get(0)?,
                note: r.get(1)?,
                analyst: r.get(2)?,
                at: r.get(3)?,
            },
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .optional()
}

/// The pair's fingerprints, or why the store does not know it.
fn pair(
    tx: &Transaction<'_>,
    row: &str,
    entity: &str,
) -> rusqlite::Result<std::result::Result<Pair, String>> {
    let stored: Option<(String, i64)> = tx
        .prepare_cached(
            "SELECT fingerprint, coalesce(snapshot, (SELECT snapshot FROM population))
             FROM rows WHERE key = ?1",
        )?
        .query_row([row], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((row_fp, snapshot)) = stored else {
        return Ok(Err(format!("row '{row}' is not in the case store")));
    };
    let hit_fp: Option<String> = tx
        .prepare_cached("SELECT entity_fp FROM hits WHERE row_key = ?1 AND entity_id = ?2")?
        .query_row([row, entity], |r| r.get(0))
        .optional()?;
    let listed_fp: Option<String> = tx
        .prepare_cached(
            "SELECT fingerprint FROM snapshot_entities WHERE snapshot = ?1 AND entity_id = ?2",
        )?
        .query_row(params![snapshot, entity], |r| r.get(0))
        .optional()?;
    Ok(match listed_fp.or(hit_fp) {
        Some(entity_fp) => Ok(Pair { row_fp, entity_fp }),
        None => Err(format!(
            "entity '{entity}' is neither a hit of row '{row}' nor on the lists it was screened against"
        )),
    })
}

/// Adds a decision unless it repeats the pair's standing one; says whether it did.
#[allow(clippy::too_many_arguments)]
fn insert(
    tx: &Transaction<'_>,
    row: &str,
    entity: &str,
    decision: Review,
    note: &str,
    analyst: &str,
    pair: &Pair,
    source: &str,
) -> rusqlite::Result<bool> {
    let standing: Option<(String, String)> = tx
        .prepare_cached(
            "SELECT decision, note FROM decisions WHERE row_key = ?1 AND entity_id = ?2
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row([row, entity], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if standing.is_some_and(|(d, n)| d == decision.as_str() && n == note) {
        return Ok(false);
    }
    tx.prepare_cached(&format!(
        "INSERT INTO decisions (row_key, entity_id, decision, note, analyst, at, row_fp, entity_fp, source)
         VALUES (?1, ?2, ?3, ?4, ?5, {NOW}, ?6, ?7, ?8)"
    ))?
    .execute(params![
        row,
        entity,
        decision.as_str(),
        note,
        analyst,
        pair.row_fp,
        pair.entity_fp,
        source
    ])?;
    Ok(true)
}

fn sql_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Cases {
        path: path.to_path_buf(),
        message: super::busy_or(&e, std::time::Duration::ZERO, "database error"),
    }
}
