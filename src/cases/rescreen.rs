//! Re-screening the stored population after the lists changed, and what to look at.
//!
//! For each group of rows screened against the same list versions, the names of the
//! entities added and changed since are searched, with a looser review threshold, in an
//! index of the population (`population`), and their identifiers' keys looked up among
//! the rows'; this finds the few rows near a changed entity at the cost of a few hundred
//! searches, not one per row. Only those rows are screened again against the full
//! lists, exactly as `screen` screens them, so the delta's hits are the hits a full run
//! would give on those entities; rows of identical input share one confirmation.
//!
//! Reported: new hits and reviews; hits whose entity changed (with the old score) or was
//! removed; hits a changed entity no longer gives; the hits of rows whose screened fields
//! changed since (`screen --cases` on a new file version). A pair decided `false
//! positive` is not raised while neither its row nor its entity changed; when one did,
//! it comes back with the old decision shown.

use super::decisions::last_decision;
use super::population;
use super::record::{band, insert_hits};
use super::snapshot::{fingerprints, Changes, Current};
use super::{Cases, NOW};
use crate::error::{Error, Result};
use crate::index::Index;
use crate::lists::diff::Field;
use crate::matching::{Hit, Query};
use crate::model::Entity;
use crate::screen::{Limits, RowInput};
use rayon::prelude::*;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// How far below the review threshold the population index is searched, so that no row
/// near a changed entity is missed when its score the other way round (query and list
/// sides weigh differently; evidence is left out) is lower than forward.
const CANDIDATE_MARGIN: f64 = 0.2;
/// Rows kept per changed name from the population index (candidates only; the full
/// lists decide).
const CANDIDATE_TOP: usize = 50;

/// Why a finding is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// A pair the store did not have: a hit or review on a new or changed entity.
    NewHit,
    /// A pair the store had, whose entity changed; the score is the new one.
    EntityChanged,
    /// A pair the store had, whose entity is no longer listed.
    EntityRemoved,
    /// A pair the store had that no longer scores at the review threshold.
    NoLongerMatches,
    /// A hit of a row whose screened names or evidence changed since its last report.
    RowChanged,
}

impl Change {
    /// The words written in the report (`new hit`, `entity changed` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Change::NewHit => "new hit",
            Change::EntityChanged => "entity changed",
            Change::EntityRemoved => "entity removed",
            Change::NoLongerMatches => "no longer matches",
            Change::RowChanged => "row changed",
        }
    }
}

/// The decision a pair had before, shown beside a pair that came back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreviousDecision {
    /// What was decided.
    pub decision: String,
    /// The note.
    pub note: String,
    /// Who decided.
    pub analyst: String,
    /// When.
    pub at: String,
}

/// One thing for an analyst to look at.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The row's key.
    pub row: String,
    /// The names screened.
    pub query: String,
    /// Why it is reported.
    pub change: Change,
    /// `hit` or `review` now; `None` when the pair no longer matches or is gone.
    pub band: Option<&'static str>,
    /// The score now.
    pub score: Option<f64>,
    /// The score the store had.
    pub previous_score: Option<f64>,
    /// The entity.
    pub entity_id: String,
    /// Its display name.
    pub entity_name: String,
    /// The list name that matched.
    pub matched_name: String,
    /// Its list.
    pub list: String,
    /// Its programmes, `; `-separated.
    pub programs: String,
    /// Why it matches (or what changed).
    pub reason: String,
    /// The pair's last decision, when it had one.
    pub previous: Option<PreviousDecision>,
}

/// What a rescreen did and found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Delta {
    /// What to look at, by row then entity.
    pub findings: Vec<Finding>,
    /// Active rows in the store.
    pub rows: u64,
    /// Rows screened again against the full lists.
    pub rows_screened: u64,
    /// Entities added, changed and removed since the rows were screened (summed over
    /// groups of rows screened against different versions).
    pub entities_added: u64,
    /// See `entities_added`.
    pub entities_changed: u64,
    /// See `entities_added`.
    pub entities_removed: u64,
    /// Findings not reported: pairs decided `false positive` whose row and entity did not
    /// change.
    pub suppressed: u64,
    /// Everything was re-screened (`--full`).
    pub full: bool,
}

/// A stored row, read only when the rescreen needs it (screened again or reported):
/// reading all rows was the largest cost of a rescreen after the searches.
struct StoredRow {
    key: String,
    /// What the row screens; an input this redflag cannot read is an empty one (it
    /// cannot be screened, so its stored hits stay).
    input: RowInput,
    fingerprint: String,
    /// The list versions it was last screened against.
    snapshot: i64,
    changed: bool,
}

#[derive(Clone)]
struct StoredHit {
    entity_id: String,
    score: f64,
    name: String,
    matched_name: String,
    list: String,
    programs: String,
    reasons: String,
}

impl Cases {
    /// Re-screens the stored population against `index` (the lists in use now): only
    /// against what changed since each row was screened, or everything with `full`.
    /// Updates the store's hits and list versions in one transaction.
    pub fn rescreen(&mut self, index: &Index, full: bool) -> Result<Delta> {
        let current = Current::of(index)?;
        let path = self.path.clone();
        let sql = |e: rusqlite::Error| Error::Cases {
            path: path.clone(),
            message: format!("cannot rescreen: {e}"),
        };
        let tx = self.write()?;
        let limits = stored_limits(&tx).map_err(sql)?.ok_or_else(|| Error::Cases {
            path: path.clone(),
            message: "no screening recorded yet: run `redflag screen FILE --output OUT --cases STORE` first".into(),
        })?;
        let snapshot = current.store(&tx).map_err(sql)?;
        let stored = StoredRows::of(&tx).map_err(sql)?;
        let mut hits = stored_hits(&tx).map_err(sql)?;
        let mut delta = Delta {
            rows: stored.count,
            full,
            ..Delta::default()
        };
        let mut updates: Vec<(String, Vec<Hit>, HashSet<String>)> = Vec::new();
        // The population index, opened (or rebuilt) when a group first needs it.
        let mut population: Option<population::Population> = None;
        for &old_snapshot in &stored.snapshots {
            let changes = match old_snapshot == snapshot {
                true => Changes::default(),
                false => Changes::between(&fingerprints(&tx, old_snapshot).map_err(sql)?, &current),
            };
            delta.entities_added += changes.added.len() as u64;
            delta.entities_changed += changes.changed.len() as u64;
            delta.entities_removed += changes.removed.len() as u64;
            let touched: HashSet<String> = changes
                .added
                .iter()
                .chain(&changes.changed)
                .cloned()
                .collect();
            let removed: HashSet<&String> = changes.removed.iter().collect();
            // The rows of this group to screen again: every one, or those the changed
            // entities' names and identifiers find.
            let mut group = Group::new(old_snapshot);
            if full {
                group.add(stored.select(&tx, "1 = 1", []).map_err(sql)?);
            } else if !touched.is_empty() {
                if population.is_none() {
                    let fp = population::recorded_fingerprint(&tx).map_err(sql)?;
                    population = Some(population::open_or_build(&tx, &path, &fp)?);
                }
                let entities: Vec<&Entity> = current
                    .entities
                    .iter()
                    .filter(|e| touched.contains(&e.id))
                    .collect();
                // Only the entities whose change a row can see: new names, a new kind, or
                // evidence the population carries.
                let evidence = population.as_ref().map(|p| p.evidence);
                let visible: Vec<&Entity> = entities
                    .iter()
                    .copied()
                    .filter(|e| match (changes.fields.get(&e.id), evidence) {
                        (Some(fields), Some(evidence)) => name_search_sees(fields, evidence),
                        _ => true,
                    })
                    .collect();
                match found_by_names(&visible, &limits, population.as_ref()) {
                    Some(found) => {
                        let found: Vec<&String> = found.iter().collect();
                        let found = serde_json::to_string(&found).unwrap_or_default();
                        let rows = stored
                            .select(
                                &tx,
                                "fingerprint IN (SELECT value FROM json_each(?1))",
                                [found],
                            )
                            .map_err(sql)?;
                        group.add(rows);
                    }
                    None => group.add(stored.select(&tx, "1 = 1", []).map_err(sql)?),
                }
                let keys = listed_identifier_keys(&entities);
                if !keys.is_empty() {
                    let with_ids = stored
                        .select(&tx, super::schema::HAS_IDENTIFIERS, [])
                        .map_err(sql)?;
                    group.add(
                        with_ids
                            .into_iter()
                            .filter(|r| shares_identifier(&r.input, &keys)),
                    );
                }
            }
            // The rows with a stored hit on a changed entity, so that hit is scored again.
            let with_touched_hits: Vec<&String> = hits
                .iter()
                .filter(|(_, old)| old.iter().any(|h| touched.contains(&h.entity_id)))
                .map(|(key, _)| key)
                .filter(|key| !group.rows.contains_key(*key))
                .collect();
            if !with_touched_hits.is_empty() {
                let keys = serde_json::to_string(&with_touched_hits).unwrap_or_default();
                group.add(
                    stored
                        .select(&tx, "key IN (SELECT value FROM json_each(?1))", [keys])
                        .map_err(sql)?,
                );
            }
            let to_screen: Vec<&StoredRow> = group.rows.values().collect();
            delta.rows_screened += to_screen.len() as u64;
            let mut by_input: HashMap<&str, &StoredRow> = HashMap::new();
            for row in &to_screen {
                by_input.entry(row.fingerprint.as_str()).or_insert(row);
            }
            let distinct: Vec<&StoredRow> = by_input.into_values().collect();
            let screened: HashMap<&str, Vec<Hit>> = distinct
                .par_iter()
                .filter_map(|row| {
                    rescreened_hits(row, index, &limits).map(|h| (row.fingerprint.as_str(), h))
                })
                .collect();
            let mut screened: HashMap<String, Vec<Hit>> = to_screen
                .iter()
                .filter_map(|row| {
                    let hits = screened.get(row.fingerprint.as_str())?;
                    Some((row.key.clone(), hits.clone()))
                })
                .collect();
            // And the rows to report without screening them: those with a stored hit on
            // a changed or removed entity, and those whose fields changed.
            for (key, old) in &hits {
                let affected = old
                    .iter()
                    .any(|h| touched.contains(&h.entity_id) || removed.contains(&h.entity_id));
                if affected && !group.rows.contains_key(key) {
                    group.add(stored.select(&tx, "key = ?1", [key]).map_err(sql)?);
                }
            }
            if stored.any_changed {
                group.add(
                    stored
                        .select(&tx, "changed_run IS NOT NULL", [])
                        .map_err(sql)?,
                );
            }
            let mut rows: Vec<&StoredRow> = group.rows.values().collect();
            rows.sort_by(|a, b| a.key.cmp(&b.key));
            let changed: HashSet<&String> = changes.changed.iter().collect();
            for row in rows {
                let old = hits.remove(&row.key).unwrap_or_default();
                let new = screened.remove(row.key.as_str());
                // Entities whose stored hits this run replaces.
                let replaced: HashSet<String> = match (&new, full) {
                    (Some(_), true) => old.iter().map(|h| h.entity_id.clone()).collect(),
                    _ => old
                        .iter()
                        .filter(|h| {
                            touched.contains(&h.entity_id) || removed.contains(&h.entity_id)
                        })
                        .map(|h| h.entity_id.clone())
                        .collect(),
                };
                let new: Vec<Hit> = new
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|h| full || touched.contains(&h.entity_id))
                    .collect();
                let mut found = Vec::new();
                for h in &new {
                    let before = old.iter().find(|o| o.entity_id == h.entity_id);
                    let change = match (before, changed.contains(&h.entity_id)) {
                        (None, _) => Change::NewHit,
                        (Some(_), true) => Change::EntityChanged,
                        (Some(_), false) => continue,
                    };
                    found.push(finding_of_hit(row, h, change, before, &limits));
                }
                for o in &old {
                    let gone = removed.contains(&o.entity_id);
                    let lost = replaced.contains(&o.entity_id)
                        && !new.iter().any(|h| h.entity_id == o.entity_id);
                    if gone || lost {
                        let change = match gone {
                            true => Change::EntityRemoved,
                            false => Change::NoLongerMatches,
                        };
                        found.push(finding_of_stored(row, o, change));
                    }
                }
                if row.changed {
                    for o in &old {
                        let reported = found.iter().any(|f| f.entity_id == o.entity_id);
                        if !reported && !replaced.contains(&o.entity_id) {
                            let mut f = finding_of_stored(row, o, Change::RowChanged);
                            f.score = Some(o.score);
                            f.band = Some(band(o.score, &limits));
                            found.push(f);
                        }
                    }
                }
                for mut f in found {
                    let entity_fp = current.fingerprints.get(&f.entity_id).map(String::as_str);
                    match last_decision(&tx, &row.key, &f.entity_id).map_err(sql)? {
                        Some((d, row_fp, old_entity_fp))
                            if d.decision == super::Review::FalsePositive.as_str()
                                && row_fp == row.fingerprint
                                && Some(old_entity_fp.as_str()) == entity_fp =>
                        {
                            delta.suppressed += 1;
                        }
                        previous => {
                            f.previous = previous.map(|(d, _, _)| d);
                            delta.findings.push(f);
                        }
                    }
                }
                if !new.is_empty() || !replaced.is_empty() {
                    updates.push((row.key.clone(), new, replaced));
                }
            }
        }
        // The run recorded below, once the rows are written.
        let run: i64 = tx
            .query_row("SELECT coalesce(max(id), 0) + 1 FROM runs", [], |r| {
                r.get(0)
            })
            .map_err(sql)?;
        for (row, new, replaced) in &updates {
            write_row(&tx, row, new, replaced, &current, &limits, run).map_err(sql)?;
        }
        // Every active row is now screened against `snapshot`: said once, in
        // `population`; rows are written only where they differ (a version of their own,
        // a change now reported), not all of them.
        if stored.own_snapshots {
            tx.execute(
                "UPDATE rows SET snapshot = NULL WHERE active = 1 AND snapshot IS NOT NULL",
                [],
            )
            .map_err(sql)?;
        }
        if stored.any_changed {
            tx.execute(
                "UPDATE rows SET changed_run = NULL WHERE active = 1 AND changed_run IS NOT NULL",
                [],
            )
            .map_err(sql)?;
        }
        tx.execute(
            &format!(
                "INSERT INTO runs (kind, source, snapshot, started, rows) VALUES (?1, '', ?2, {NOW}, ?3)"
            ),
            params![
                if full { "rescreen --full" } else { "rescreen" },
                snapshot,
                delta.rows_screened as i64
            ],
        )
        .map_err(sql)?;
        tx.execute(
            "INSERT OR REPLACE INTO population (id, snapshot, run) VALUES (1, ?1, ?2)",
            params![snapshot, tx.last_insert_rowid()],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)?;
        delta
            .findings
            .sort_by(|a, b| (&a.row, &a.entity_id).cmp(&(&b.row, &b.entity_id)));
        Ok(delta)
    }
}

/// The fingerprints of the row inputs that the entities' names find, at a loose
/// threshold, in the population index; `None` when a search failed (then every row is
/// confirmed: slower, never a missed pair). The search runs the other way round from a
/// screening, and matching is not quite symmetric (query and list side weigh
/// differently), hence the margin; the rows found are then screened forward, so the hits
/// reported are a full run's.
fn found_by_names(
    entities: &[&Entity],
    limits: &Limits,
    population: Option<&population::Population>,
) -> Option<HashSet<String>> {
    // Each distinct name once (entities share aliases).
    let names: std::collections::BTreeSet<&str> = entities
        .iter()
        .flat_map(|e| e.names.iter())
        .map(|n| n.text.as_str())
        .filter(|n| !n.trim().is_empty())
        .collect();
    let queries: Vec<Query> = names
        .into_iter()
        .map(|n| {
            let mut q = Query::new(n);
            q.top = CANDIDATE_TOP;
            q.threshold = (limits.review_threshold - CANDIDATE_MARGIN).max(0.0);
            q
        })
        .collect();
    let population = population?;
    // Which rows only: the hits are not explained.
    queries
        .par_iter()
        .flat_map(|q| population.shards.par_iter().map(move |shard| (q, shard)))
        .map(|(q, shard)| {
            crate::matching::search_entities(shard, q).and_then(|found| {
                found
                    .into_iter()
                    .map(|i| shard.entity(i).map(|e| e.id))
                    .collect::<Result<Vec<String>>>()
            })
        })
        .collect::<Result<Vec<_>>>()
        .ok()
        .map(|all| all.into_iter().flatten().collect())
}

/// Whether a change in `fields` can change what the name search finds in a population
/// with `evidence`: names and kind always can; birth dates and countries only when rows
/// carry them; identifiers are matched apart, and programmes score nothing.
fn name_search_sees(fields: &[Field], evidence: population::Evidence) -> bool {
    fields.iter().any(|field| match field {
        Field::Names | Field::Aliases | Field::Kind => true,
        Field::BirthDates => evidence.dob,
        Field::Countries => evidence.country,
        Field::Identifiers | Field::Programs => false,
    })
}

/// The keys the entities' identifiers are listed under, as a list index keys them.
fn listed_identifier_keys(entities: &[&Entity]) -> HashSet<String> {
    entities
        .iter()
        .flat_map(|e| &e.identifiers)
        .filter_map(crate::index::ids::listed_keys)
        .flatten()
        .map(|k| k.key)
        .collect()
}

/// Whether one of the row's identifiers is looked up under one of `keys` (as the
/// forward search looks it up); a row whose identifiers cannot be read is confirmed.
fn shares_identifier(input: &RowInput, keys: &HashSet<String>) -> bool {
    if input.identifiers.is_empty() {
        return false;
    }
    let Some(query) = input
        .queries(&Limits {
            top: 1,
            threshold: 1.0,
            review_threshold: 1.0,
        })
        .into_iter()
        .next()
    else {
        return false;
    };
    match crate::matching::ids::resolve(&query.identifiers) {
        Ok(resolved) => resolved
            .iter()
            .flat_map(|r| &r.keys)
            .any(|k| keys.contains(&k.key)),
        Err(_) => true,
    }
}

/// The row's hits in the full lists, as `screen` finds them; `None` if it cannot be
/// screened now (its stored hits then stay).
fn rescreened_hits(row: &StoredRow, index: &Index, limits: &Limits) -> Option<Vec<Hit>> {
    row.input.screen(index, limits).ok().map(|r| r.hits)
}

fn finding_of_hit(
    row: &StoredRow,
    h: &Hit,
    change: Change,
    before: Option<&StoredHit>,
    limits: &Limits,
) -> Finding {
    Finding {
        row: row.key.clone(),
        query: row.input.display(),
        change,
        band: Some(band(h.score, limits)),
        score: Some(h.score),
        previous_score: before.map(|b| b.score),
        entity_id: h.entity_id.clone(),
        entity_name: h.name.clone(),
        matched_name: h.matched_name.clone(),
        list: h.list.clone(),
        programs: h.programs.join("; "),
        reason: h.reasons.join("; "),
        previous: None,
    }
}

fn finding_of_stored(row: &StoredRow, o: &StoredHit, change: Change) -> Finding {
    Finding {
        row: row.key.clone(),
        query: row.input.display(),
        change,
        band: None,
        score: None,
        previous_score: Some(o.score),
        entity_id: o.entity_id.clone(),
        entity_name: o.name.clone(),
        matched_name: o.matched_name.clone(),
        list: o.list.clone(),
        programs: o.programs.clone(),
        reason: o.reasons.clone(),
        previous: None,
    }
}

fn stored_limits(tx: &Transaction<'_>) -> rusqlite::Result<Option<Limits>> {
    let json: Option<String> = tx
        .query_row("SELECT value FROM meta WHERE key = 'limits'", [], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// What a rescreen knows of the active rows before reading any: how many, the list
/// versions they were screened against, and whether any has versions of its own or
/// changed fields.
struct StoredRows {
    count: u64,
    /// The population's list versions (`population`), for rows without their own.
    population: Option<i64>,
    /// Every set of list versions some row was last screened against.
    snapshots: Vec<i64>,
    own_snapshots: bool,
    any_changed: bool,
}

impl StoredRows {
    fn of(tx: &Transaction<'_>) -> rusqlite::Result<StoredRows> {
        let population: Option<i64> = tx
            .query_row("SELECT snapshot FROM population", [], |r| r.get(0))
            .optional()?;
        let (count, own, changed): (i64, i64, i64) = tx.query_row(
            "SELECT count(*), count(snapshot), count(changed_run) FROM rows WHERE active = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let mut snapshots: Vec<i64> = Vec::new();
        if count > own {
            snapshots.extend(population);
        }
        if own > 0 {
            let mut stmt = tx.prepare(
                "SELECT DISTINCT snapshot FROM rows WHERE active = 1 AND snapshot IS NOT NULL",
            )?;
            for s in stmt.query_map([], |r| r.get::<_, i64>(0))? {
                let s = s?;
                if !snapshots.contains(&s) {
                    snapshots.push(s);
                }
            }
        }
        Ok(StoredRows {
            count: count as u64,
            population,
            snapshots,
            own_snapshots: own > 0,
            any_changed: changed > 0,
        })
    }

    /// The active rows that meet `condition` (SQL over the `rows` table).
    fn select<P: rusqlite::Params>(
        &self,
        tx: &Transaction<'_>,
        condition: &str,
        params: P,
    ) -> rusqlite::Result<Vec<StoredRow>> {
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT key, input, fingerprint, snapshot, changed_run IS NOT NULL FROM rows
             WHERE active = 1 AND ({condition})"
        ))?;
        let rows = stmt.query_map(params, |r| {
            let raw: String = r.get(1)?;
            let own: Option<i64> = r.get(3)?;
            Ok(StoredRow {
                key: r.get(0)?,
                input: serde_json::from_str(&raw).unwrap_or_default(),
                fingerprint: r.get(2)?,
                snapshot: own.or(self.population).unwrap_or_default(),
                changed: r.get(4)?,
            })
        })?;
        rows.collect()
    }
}

/// The rows of one group (screened against the same list versions) a rescreen reads.
struct Group {
    snapshot: i64,
    rows: HashMap<String, StoredRow>,
}

impl Group {
    fn new(snapshot: i64) -> Group {
        Group {
            snapshot,
            rows: HashMap::new(),
        }
    }

    /// Adds the rows of this group among `rows`.
    fn add(&mut self, rows: impl IntoIterator<Item = StoredRow>) {
        for row in rows {
            if row.snapshot == self.snapshot {
                self.rows.entry(row.key.clone()).or_insert(row);
            }
        }
    }
}

fn stored_hits(tx: &Transaction<'_>) -> rusqlite::Result<HashMap<String, Vec<StoredHit>>> {
    let mut stmt = tx.prepare(
        "SELECT row_key, entity_id, score, name, matched_name, list, programs, reasons FROM hits",
    )?;
    let mut out: HashMap<String, Vec<StoredHit>> = HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push(StoredHit {
            entity_id: r.get(1)?,
            score: r.get(2)?,
            name: r.get(3)?,
            matched_name: r.get(4)?,
            list: r.get(5)?,
            programs: r.get(6)?,
            reasons: r.get(7)?,
        });
    }
    Ok(out)
}

/// Replaces a row's rescreened hits, stored as found by run `run`.
fn write_row(
    tx: &Transaction<'_>,
    row: &str,
    new: &[Hit],
    replaced: &HashSet<String>,
    current: &Current,
    limits: &Limits,
    run: i64,
) -> rusqlite::Result<()> {
    let mut delete = tx.prepare_cached("DELETE FROM hits WHERE row_key = ?1 AND entity_id = ?2")?;
    for entity in replaced {
        delete.execute([row, entity])?;
    }
    insert_hits(tx, row, new, limits, &current.fingerprints, run)
}
