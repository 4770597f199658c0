//! The case store: a screened population, its hits, the list versions it was screened
//! against and the analysts' decisions, kept in one SQLite file, so that screening can go
//! on after the first run: re-screen against what changed, and do not ask again about
//! what was cleared.
//!
//! A front door over the library like the command line: nothing else in the library uses
//! it. One job per module:
//! - `schema`: the tables, as migrations; a newer store is refused, an older migrated;
//! - `snapshot`: the list versions and each entity's fingerprint at a screening;
//! - `record`: a `screen` run written into the store (rows added, updated, retired);
//! - `decisions`: analysts' decisions, one at a time or imported from a results file,
//!   and the audit trail;
//! - `population`: the screened rows as an index of their own, which a rescreen searches
//!   the changed entities' names in;
//! - `rescreen`: the stored population against what changed, and what to look at;
//! - `report`: the delta file a rescreen writes.
//!
//! Every write is one transaction (a killed run leaves the store as it was before it),
//! the journal is WAL (readers never wait for a writer), and a second writer waits for
//! the first up to [`Cases::open_with_wait`]'s limit, then fails saying so.
//!
//! ```
//! use redflag::cases::{Cases, Review};
//! use redflag::index::IndexBuilder;
//! use redflag::screen::ScreenConfig;
//! use redflag::sources;
//! use std::sync::atomic::AtomicBool;
//!
//! let dir = tempfile::tempdir()?;
//! let list = "id,name,kind,aliases,country,dob\nw1,Kim Jong Un,person,,KP,1984-01-08\n";
//! let mut builder = IndexBuilder::new();
//! builder.add_list(sources::load_bytes("w.csv", "w", list.as_bytes())?);
//! let index = builder.build()?;
//! std::fs::write(dir.path().join("vendors.csv"), "id,name\nV1,Kim Jong Un\nV2,Acme\n")?;
//!
//! let mut cases = Cases::open(&dir.path().join("cases.db"))?;
//! let config = ScreenConfig::new(dir.path().join("vendors.csv"), dir.path().join("out.csv"));
//! let run = cases.screen(&config, &index, &AtomicBool::new(false))?;
//! assert_eq!(run.rows.added, 2);
//! cases.decide("V1", "w:w1", Review::TruePositive, "same person", "ana")?;
//! assert_eq!(cases.log(None)?.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod decisions;
mod population;
mod record;
mod report;
mod rescreen;
mod schema;
mod snapshot;

pub use decisions::{Imported, LogEntry};
pub use record::{Recorded, RowCounts};
pub use report::write_delta;
pub use rescreen::{Change, Delta, Finding, PreviousDecision};

use crate::error::{Error, Result};
use rusqlite::Connection;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a run waits for another run's write to finish before it fails.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(10);

/// An analyst's decision on a (row, entity) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Review {
    /// Not the listed party: not raised again while neither side changes.
    FalsePositive,
    /// The listed party.
    TruePositive,
    /// For someone else to decide.
    Escalate,
}

impl Review {
    /// Every decision, in the order drop-downs offer them.
    pub const ALL: [Review; 3] = [
        Review::FalsePositive,
        Review::TruePositive,
        Review::Escalate,
    ];

    /// The words written in results files and the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Review::FalsePositive => "false positive",
            Review::TruePositive => "true match",
            Review::Escalate => "escalate",
        }
    }

    /// Reads the words of [`Review::as_str`], any case, `_` or `-` for the space.
    pub fn parse(text: &str) -> Option<Review> {
        let text = text.trim().to_lowercase().replace(['_', '-'], " ");
        Review::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

impl fmt::Display for Review {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An open case store. One handle per thread; several processes may open one store.
pub struct Cases {
    conn: Connection,
    path: PathBuf,
    wait: Duration,
}

impl Cases {
    /// Opens the store at `path`, creating it when missing, migrating an older one;
    /// waits up to [`DEFAULT_WAIT`] for another run's write.
    pub fn open(path: &Path) -> Result<Cases> {
        Self::open_with_wait(path, DEFAULT_WAIT)
    }

    /// [`Cases::open`], waiting at most `wait` for another run's write to finish.
    pub fn open_with_wait(path: &Path, wait: Duration) -> Result<Cases> {
        let fail = |message: String| Error::Cases {
            path: path.to_path_buf(),
            message,
        };
        let mut conn = Connection::open(path).map_err(|e| fail(format!("cannot open: {e}")))?;
        conn.busy_timeout(wait)
            .map_err(|e| fail(format!("cannot set the wait: {e}")))?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| fail(busy_or(&e, wait, "not a case store (SQLite) file")))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(fail(format!("cannot use WAL journaling (got {mode})")));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .and_then(|_| conn.pragma_update(None, "foreign_keys", true))
            .map_err(|e| fail(format!("cannot configure: {e}")))?;
        schema::migrate(&mut conn).map_err(fail)?;
        Ok(Cases {
            conn,
            path: path.to_path_buf(),
            wait,
        })
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of this store.
    pub fn version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.sql(e))
    }

    /// Checks the file (SQLite's integrity check) and the store's own invariants: every
    /// hit and decision belongs to a known row. `Err` names what is wrong.
    pub fn check(&self) -> Result<()> {
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.sql(e))?;
        if integrity != "ok" {
            return Err(self.refuse(format!("integrity check failed: {integrity}")));
        }
        for (what, sql) in [
            (
                "hits of unknown rows",
                "SELECT count(*) FROM hits WHERE row_key NOT IN (SELECT key FROM rows)",
            ),
            (
                "decisions on unknown rows",
                "SELECT count(*) FROM decisions WHERE row_key NOT IN (SELECT key FROM rows)",
            ),
        ] {
            let n: i64 = self
                .conn
                .query_row(sql, [], |r| r.get(0))
                .map_err(|e| self.sql(e))?;
            if n > 0 {
                return Err(self.refuse(format!("{n} {what}")));
            }
        }
        Ok(())
    }

    /// Counts of what the store holds: active rows, retired rows, hits, decisions.
    pub fn counts(&self) -> Result<StoreCounts> {
        let one = |sql: &str| -> Result<u64> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(|e| self.sql(e))
        };
        Ok(StoreCounts {
            rows: one("SELECT count(*) FROM rows WHERE active = 1")?,
            retired: one("SELECT count(*) FROM rows WHERE active = 0")?,
            hits: one("SELECT count(*) FROM hits")?,
            decisions: one("SELECT count(*) FROM decisions")?,
        })
    }

    fn sql(&self, e: rusqlite::Error) -> Error {
        self.refuse(busy_or(&e, Duration::ZERO, "database error"))
    }

    fn refuse(&self, message: String) -> Error {
        Error::Cases {
            path: self.path.clone(),
            message,
        }
    }

    /// Starts the one write transaction of a run; fails clearly when another run holds
    /// the store past the wait.
    fn write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        let (path, wait) = (self.path.clone(), self.wait);
        self.conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| Error::Cases {
                path,
                message: busy_or(&e, wait, "cannot start writing"),
            })
    }
}

/// What a store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreCounts {
    /// Rows of the population in use.
    pub rows: u64,
    /// Rows retired (no longer in the screened file); kept with their decisions.
    pub retired: u64,
    /// Current hits.
    pub hits: u64,
    /// Decisions, superseded ones included.
    pub decisions: u64,
}

/// A SQLite error as a sentence; "busy" said as what it means here.
fn busy_or(e: &rusqlite::Error, wait: Duration, what: &str) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
            let waited = match wait.is_zero() {
                true => String::new(),
                false => format!(" (waited {} s)", wait.as_secs_f64()),
            };
            format!(
                "another redflag run is writing to this case store{waited}; try again when it has finished"
            )
        }
        _ => format!("{what}: {e}"),
    }
}

/// SQLite's current time, ISO 8601 UTC with milliseconds.
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
