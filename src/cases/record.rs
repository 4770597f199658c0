//! A `screen` run written into the store: each row by its key (added, updated when what
//! was screened changed, kept otherwise), its hits replaced by the run's, rows of the
//! population missing from the file retired (kept, with their decisions, but no longer
//! re-screened). All in the run's one transaction: a run that fails or is cancelled
//! leaves the store as it was.

use super::decisions::last_decision;
use super::population;
use super::snapshot::Current;
use super::{Cases, NOW};
use crate::error::{Error, Result};
use crate::index::Index;
use crate::matching::Hit;
use crate::screen::{self, Limits, ReviewCells, RowSink, ScreenConfig, ScreenedRow, Summary};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashMap;
use std::sync::atomic::AtomicBool;

/// What a screening did to the store.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The batch's own summary.
    pub summary: Summary,
    /// What happened to the store's rows.
    pub rows: RowCounts,
}

/// What a screening did to the store's rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowCounts {
    /// Rows new to the store.
    pub added: u64,
    /// Rows whose screened names or evidence changed.
    pub updated: u64,
    /// Rows seen again unchanged.
    pub unchanged: u64,
    /// Rows of the store not in this file, now retired.
    pub retired: u64,
    /// Rows new to the store that could not be screened (error rows), not recorded.
    pub skipped: u64,
    /// Stored rows that could not be screened this time: kept, with their last
    /// screening, and neither updated nor retired.
    pub failed_kept: u64,
    /// Later rows with the key of an earlier row of this file but other content; the
    /// later one is kept (a key should name one vendor).
    pub conflicting: u64,
}

impl Cases {
    /// Screens `config.input` against `index` like [`screen::run`], writing the results
    /// file (with a `case_key` column) and recording the population, its hits and the
    /// list versions in the store.
    pub fn screen(
        &mut self,
        config: &ScreenConfig,
        index: &Index,
        cancel: &AtomicBool,
    ) -> Result<Recorded> {
        let limits = screen::limits(config)?;
        let current = Current::of(index)?;
        let path = self.path.clone();
        let sql = |e: rusqlite::Error| Error::Cases {
            path: path.clone(),
            message: format!("cannot record the screening: {e}"),
        };
        let tx = self.write()?;
        let snapshot = current.store(&tx).map_err(&sql)?;
        tx.execute(
            &format!(
                "INSERT INTO runs (kind, source, snapshot, started) VALUES ('screen', ?1, ?2, {NOW})"
            ),
            params![config.input.display().to_string(), snapshot],
        )
        .map_err(&sql)?;
        let run = tx.last_insert_rowid();
        let limits_json = serde_json::to_string(&limits).unwrap_or_default();
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('limits', ?1)",
            [&limits_json],
        )
        .map_err(&sql)?;
        let mut config = config.clone();
        config.case_keys = true;
        let mut recorder = Recorder {
            tx: &tx,
            run,
            limits,
            fingerprints: &current.fingerprints,
            seen: HashMap::new(),
            out: RowCounts::default(),
        };
        let summary = screen::run_with_sink(&config, index, cancel, &mut recorder)?;
        let mut out = std::mem::take(&mut recorder.out);
        if summary.partial {
            // Dropping the transaction rolls the run back: a partial file is no population.
            return Err(Error::Cases {
                path: path.clone(),
                message: "the screening was cancelled: nothing was recorded".into(),
            });
        }
        out.retired = tx
            .execute(
                "UPDATE rows SET active = 0,
                 snapshot = coalesce(snapshot, (SELECT snapshot FROM population))
                 WHERE active = 1 AND last_run <> ?1",
                [run],
            )
            .map_err(&sql)? as u64;
        // Every active row is now of this screening: the population's versions, once.
        tx.execute(
            "INSERT OR REPLACE INTO population (id, snapshot, run) VALUES (1, ?1, ?2)",
            params![snapshot, run],
        )
        .map_err(&sql)?;
        tx.execute(
            "UPDATE runs SET rows = ?1 WHERE id = ?2",
            params![summary.rows as i64, run],
        )
        .map_err(&sql)?;
        // The population index a rescreen searches. Failing to build it does not fail the
        // screening: a rescreen that finds it missing or stale builds it again.
        let fp = population::fingerprint(&tx).map_err(&sql)?;
        population::record_fingerprint(&tx, &fp).map_err(&sql)?;
        let _ = population::build_and_record(&tx, &path, &fp);
        tx.commit().map_err(&sql)?;
        Ok(Recorded { summary, rows: out })
    }
}

struct Recorder<'a, 'c> {
    tx: &'a Transaction<'c>,
    run: i64,
    limits: Limits,
    fingerprints: &'a HashMap<String, String>,
    /// Key → fingerprint of the rows of this run.
    seen: HashMap<String, String>,
    out: RowCounts,
}

impl Recorder<'_, '_> {
    fn record_row(&mut self, row: &ScreenedRow<'_>) -> rusqlite::Result<ReviewCells> {
        if row.decision == screen::Decision::Error || row.input.is_empty() {
            // A stored row that fails this time (its name emptied, a cell garbled) stays
            // in the population with its last screening rather than being retired.
            let kept = !row.key.is_empty()
                && self
                    .tx
                    .prepare_cached("UPDATE rows SET last_run = ?2 WHERE key = ?1 AND active = 1")?
                    .execute(params![row.key, self.run])?
                    > 0;
            match kept {
                true => self.out.failed_kept += 1,
                false => self.out.skipped += 1,
            }
            return Ok(ReviewCells::default());
        }
        let fp = row.input.digest();
        match self.seen.get(row.key) {
            Some(earlier) if *earlier == fp => return self.review_cells(row, &fp),
            Some(_) => self.out.conflicting += 1,
            None => {}
        }
        self.seen.insert(row.key.to_string(), fp.clone());
        let stored: Option<String> = self
            .tx
            .prepare_cached("SELECT fingerprint FROM rows WHERE key = ?1")?
            .query_row([row.key], |r| r.get(0))
            .optional()?;
        let input = serde_json::to_string(row.input).unwrap_or_default();
        let query = row.input.display();
        match stored {
            None => {
                self.out.added += 1;
                self.tx
                    .prepare_cached(
                        "INSERT INTO rows (key, input, fingerprint, query, active, snapshot, first_run, last_run)
                         VALUES (?1, ?2, ?3, ?4, 1, NULL, ?5, ?5)",
                    )?
                    .execute(params![row.key, input, fp, query, self.run])?;
            }
            Some(old) => {
                let changed = old != fp;
                match changed {
                    true => self.out.updated += 1,
                    false => self.out.unchanged += 1,
                }
                self.tx
                    .prepare_cached(
                        "UPDATE rows SET input = ?2, fingerprint = ?3, query = ?4, active = 1,
                         snapshot = NULL, last_run = ?5,
                         changed_run = CASE WHEN ?6 THEN ?5 ELSE changed_run END
                         WHERE key = ?1",
                    )?
                    .execute(params![row.key, input, fp, query, self.run, changed])?;
            }
        }
        self.tx
            .prepare_cached("DELETE FROM hits WHERE row_key = ?1")?
            .execute([row.key])?;
        insert_hits(
            self.tx,
            row.key,
            row.hits,
            &self.limits,
            self.fingerprints,
            self.run,
        )?;
        self.review_cells(row, &fp)
    }

    /// The review cells of a row whose fingerprint is `fp`: the last decision on its best
    /// hit when it still stands (made on this row and this entity as they are now), so
    /// that what was decided is not asked again and a re-import stores nothing; a
    /// decision that no longer stands is only recalled in the note.
    fn review_cells(&self, row: &ScreenedRow<'_>, fp: &str) -> rusqlite::Result<ReviewCells> {
        let Some(best) = row.hits.first() else {
            return Ok(ReviewCells::default());
        };
        let Some((last, row_fp, entity_fp)) = last_decision(self.tx, row.key, &best.entity_id)?
        else {
            return Ok(ReviewCells::default());
        };
        let listed = self.fingerprints.get(&best.entity_id);
        Ok(match row_fp == fp && listed == Some(&entity_fp) {
            true => ReviewCells {
                decision: last.decision,
                note: last.note,
            },
            false => ReviewCells {
                decision: String::new(),
                note: format!(
                    "earlier {} ({}, {}){}; the {} changed since",
                    last.decision,
                    last.analyst,
                    last.at,
                    match last.note.is_empty() {
                        true => String::new(),
                        false => format!(": {}", last.note),
                    },
                    match row_fp == fp {
                        true => "entity",
                        false => "row",
                    }
                ),
            },
        })
    }
}

/// Stores a row's hits as found in run `run`, each with its band and the fingerprint of
/// its entity as listed now (a hit already stored for the pair is replaced).
pub(crate) fn insert_hits(
    tx: &Transaction<'_>,
    row_key: &str,
    hits: &[Hit],
    limits: &Limits,
    fingerprints: &HashMap<String, String>,
    run: i64,
) -> rusqlite::Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT OR REPLACE INTO hits (row_key, entity_id, score, band, name, matched_name, list,
         programs, reasons, entity_fp, run) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for hit in hits {
        let entity_fp = fingerprints.get(&hit.entity_id).map_or("", String::as_str);
        insert.execute(params![
            row_key,
            hit.entity_id,
            hit.score,
            band(hit.score, limits),
            hit.name,
            hit.matched_name,
            hit.list,
            hit.programs.join("; "),
            hit.reasons.join("; "),
            entity_fp,
            run
        ])?;
    }
    Ok(())
}

impl RowSink for Recorder<'_, '_> {
    fn record(&mut self, row: &ScreenedRow<'_>) -> Result<ReviewCells> {
        self.record_row(row).map_err(|e| {
            Error::Other(format!(
                "row {} (key {}): cannot record it in the case store: {e}",
                row.row, row.key
            ))
        })
    }
}

/// `hit` or `review`, as the batch decides it.
pub(crate) fn band(score: f64, limits: &Limits) -> &'static str {
    if score >= limits.threshold {
        "hit"
    } else {
        "review"
    }
}
