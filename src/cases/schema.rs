//! The store's schema, as a list of migrations: migration *n* brings a store from
//! version *n* − 1 to *n*, and SQLite's `user_version` says where a store is. Opening a
//! store applies what it lacks, each step in its own transaction; a store of a version
//! this redflag does not know (a newer redflag's) is refused before anything is read.

use rusqlite::Connection;

/// The migrations, oldest first; a store's version is how many it has had.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: the population, its hits, decisions, runs and list versions.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
     CREATE TABLE snapshots (
         id INTEGER PRIMARY KEY,
         versions TEXT NOT NULL UNIQUE,
         created TEXT NOT NULL);
     CREATE TABLE snapshot_entities (
         snapshot INTEGER NOT NULL REFERENCES snapshots(id),
         entity_id TEXT NOT NULL,
         fingerprint TEXT NOT NULL,
         PRIMARY KEY (snapshot, entity_id)) WITHOUT ROWID;
     CREATE TABLE runs (
         id INTEGER PRIMARY KEY,
         kind TEXT NOT NULL,
         source TEXT NOT NULL,
         snapshot INTEGER NOT NULL REFERENCES snapshots(id),
         started TEXT NOT NULL,
         rows INTEGER NOT NULL DEFAULT 0);
     CREATE TABLE rows (
         key TEXT PRIMARY KEY,
         input TEXT NOT NULL,
         fingerprint TEXT NOT NULL,
         query TEXT NOT NULL,
         active INTEGER NOT NULL,
         snapshot INTEGER NOT NULL REFERENCES snapshots(id),
         first_run INTEGER NOT NULL,
         last_run INTEGER NOT NULL,
         changed_run INTEGER);
     CREATE TABLE hits (
         row_key TEXT NOT NULL,
         entity_id TEXT NOT NULL,
         score REAL NOT NULL,
         band TEXT NOT NULL,
         name TEXT NOT NULL,
         matched_name TEXT NOT NULL,
         list TEXT NOT NULL,
         programs TEXT NOT NULL,
         reasons TEXT NOT NULL,
         entity_fp TEXT NOT NULL,
         run INTEGER NOT NULL,
         PRIMARY KEY (row_key, entity_id)) WITHOUT ROWID;
     CREATE TABLE decisions (
         id INTEGER PRIMARY KEY,
         row_key TEXT NOT NULL,
         entity_id TEXT NOT NULL,
         decision TEXT NOT NULL,
         note TEXT NOT NULL,
         analyst TEXT NOT NULL,
         at TEXT NOT NULL,
         row_fp TEXT NOT NULL,
         entity_fp TEXT NOT NULL,
         source TEXT NOT NULL);",
    // 2: the latest decision on a pair is looked up per finding.
    "CREATE INDEX decisions_by_pair ON decisions (row_key, entity_id, id);
     CREATE INDEX hits_by_entity ON hits (entity_id);",
    // 3: the list versions the population was last screened against are kept once, in
    // `population`, not in every row: a rescreen no longer rewrites every row. A row's
    // `snapshot` is NULL when it is the population's (every active row after a screen or
    // a rescreen), else the versions that row alone was screened against.
    "CREATE TABLE population (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         snapshot INTEGER NOT NULL REFERENCES snapshots(id),
         run INTEGER NOT NULL REFERENCES runs(id));
     INSERT INTO population (id, snapshot, run)
         SELECT 1, snapshot, id FROM runs ORDER BY id DESC LIMIT 1;
     CREATE TABLE rows_v3 (
         key TEXT PRIMARY KEY,
         input TEXT NOT NULL,
         fingerprint TEXT NOT NULL,
         query TEXT NOT NULL,
         active INTEGER NOT NULL,
         snapshot INTEGER REFERENCES snapshots(id),
         first_run INTEGER NOT NULL,
         last_run INTEGER NOT NULL,
         changed_run INTEGER);
     INSERT INTO rows_v3 (key, input, fingerprint, query, active, snapshot, first_run, last_run, changed_run)
         SELECT key, input, fingerprint, query, active,
                CASE WHEN snapshot = (SELECT snapshot FROM population) THEN NULL ELSE snapshot END,
                first_run, last_run, changed_run
         FROM rows;
     DROP TABLE rows;
     ALTER TABLE rows_v3 RENAME TO rows;",
    // 4: a rescreen reads only the rows the changed entities' names find, by their
    // fingerprints, and those with identifiers ([`HAS_IDENTIFIERS`]), instead of all of
    // them; `active` makes the first index cover the population's fingerprint
    // (`population::fingerprint`).
    "CREATE INDEX rows_by_fingerprint ON rows (fingerprint, active);
     CREATE INDEX rows_with_identifiers ON rows (key)
         WHERE instr(input, '\"identifiers\":[]') = 0;",
    // 5: per-field digests beside each entity's fingerprint (`lists::diff::field_digests`),
    // so a rescreen knows which fields of a changed entity moved; NULL in older snapshots
    // (every field counts as changed).
    "ALTER TABLE snapshot_entities ADD COLUMN fields TEXT;",
];

/// The condition on `rows` of a row whose input lists identifiers, as the partial index
/// of version 4 has it (a query must say it the same way to use the index).
pub(crate) const HAS_IDENTIFIERS: &str = "instr(input, '\"identifiers\":[]') = 0";

/// The version this redflag writes.
pub(crate) fn current() -> i64 {
    MIGRATIONS.len() as i64
}

/// Brings the store to [`current`]; `Err` says why not (a newer store, a failed step).
/// Each step reads the version inside its own write transaction, so two processes
/// opening an old store at once migrate it once.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), String> {
    // Reading the version needs no lock: an up-to-date store is opened without waiting
    // for a writer.
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| format!("not a readable SQLite database: {e}"))?;
    if version == current() {
        return Ok(());
    }
    loop {
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| super::busy_or(&e, std::time::Duration::ZERO, "cannot migrate"))?;
        let version: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| format!("not a readable SQLite database: {e}"))?;
        if version > current() || version < 0 {
            return Err(format!(
                "case store version {version} was written by a newer redflag; this one reads \
                 versions up to {}: upgrade redflag",
                current()
            ));
        }
        if version == current() {
            return Ok(());
        }
        tx.execute_batch(MIGRATIONS[version as usize])
            .and_then(|_| tx.pragma_update(None, "user_version", version + 1))
            .and_then(|_| tx.commit())
            .map_err(|e| format!("migration to version {} failed: {e}", version + 1))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The partial index and the rescreen's query say the same condition, and it tells a
    /// stored input with identifiers from one without.
    #[test]
    fn the_identifiers_condition_is_the_indexed_one_and_reads_stored_inputs() {
        assert!(MIGRATIONS[3].contains(&format!("WHERE {HAS_IDENTIFIERS}")));
        let conn = Connection::open_in_memory().unwrap();
        let has = |input: &crate::screen::RowInput| -> bool {
            let json = serde_json::to_string(input).unwrap();
            conn.query_row(
                &format!("SELECT {HAS_IDENTIFIERS} FROM (SELECT ?1 AS input)"),
                [json],
                |r| r.get(0),
            )
            .unwrap()
        };
        let mut input = crate::screen::RowInput::default();
        assert!(!has(&input));
        input.identifiers.push(crate::screen::RowIdentifier {
            kind: None,
            value: "a@example.com".into(),
            country: None,
        });
        assert!(has(&input));
    }

    #[test]
    fn an_older_store_is_migrated_with_its_data() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute("INSERT INTO meta (key, value) VALUES ('limits', '{}')", [])
            .unwrap();
        migrate(&mut conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, current());
        let indexes: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'decisions_by_pair'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 1);
        let population: i64 = conn
            .query_row("SELECT count(*) FROM population", [], |r| r.get(0))
            .unwrap();
        assert_eq!(population, 0, "no run, no population");
        let kept: String = conn
            .query_row("SELECT value FROM meta WHERE key = 'limits'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(kept, "{}");
        // Opening again changes nothing.
        migrate(&mut conn).unwrap();
    }
}
