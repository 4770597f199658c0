//! The case store on real SQLite files: screening recorded, decisions imported and kept
//! across a rescreen against the real UN change (2024-05-15 → 2026-02-27), a changed
//! entity bringing a cleared pair back, bad imports refused whole, a run killed mid-write,
//! two runs at once, and a store from a newer redflag.

use redflag::cases::{Cases, Change, Recorded, Review};
use redflag::index::IndexBuilder;
use redflag::screen::ScreenConfig;
use redflag::{sources, Index};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

const OLD_UN: &str = "tests/fixtures/un_2024-05-15/un_consolidated.xml.gz";
const NEW_UN: &str = "data/un_consolidated.xml.gz";

fn index(list: &str) -> Index {
    let mut b = IndexBuilder::new();
    b.add_list(sources::load_path(Path::new(list)).unwrap());
    b.build().unwrap()
}

fn write_index(list: &str, path: &Path) {
    let mut b = IndexBuilder::new();
    b.add_list(sources::load_path(Path::new(list)).unwrap());
    b.write(path).unwrap();
}

/// A vendor file: an entity the 2026 list adds, one it renames, one whose birth dates
/// it changes, one it keeps as it was, and vendors that match nothing.
const VENDORS: &str = "id,name\n\
    A1,GRAN GRIF\n\
    R1,MUTHANNA HARITH AL-DARI\n\
    U1,KIM SONG CHOL\n\
    S1,Korea Ryonbong General Corporation\n\
    N1,Blue Harbour Logistics\n\
    N2,Acme Office Supplies\n";

fn screen(cases: &mut Cases, dir: &Path, csv: &str, index: &Index) -> PathBuf {
    let input = dir.join("vendors.csv");
    std::fs::write(&input, csv).unwrap();
    let output = dir.join("results.csv");
    let config = ScreenConfig::new(&input, &output);
    cases
        .screen(&config, index, &AtomicBool::new(false))
        .unwrap();
    output
}

/// Screens `csv` again as the file's next version, into `results2.csv`.
fn screen_next(cases: &mut Cases, dir: &Path, csv: &str, index: &Index) -> Recorded {
    let input = dir.join("vendors.csv");
    std::fs::write(&input, csv).unwrap();
    let config = ScreenConfig::new(&input, dir.join("results2.csv"));
    cases
        .screen(&config, index, &AtomicBool::new(false))
        .unwrap()
}

/// The positions of `case_key`, `review_decision` and `review_note` in a results file.
fn review_columns(headers: &csv::StringRecord) -> (usize, usize, usize) {
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    (col("case_key"), col("review_decision"), col("review_note"))
}

/// Fills `review_decision` (and the note) of the rows whose key is given.
fn review(results: &Path, out: &Path, decisions: &[(&str, &str, &str)]) {
    let mut r = csv::Reader::from_path(results).unwrap();
    let headers = r.headers().unwrap().clone();
    let (key, decision, note) = review_columns(&headers);
    let mut w = csv::Writer::from_path(out).unwrap();
    w.write_record(&headers).unwrap();
    for record in r.records() {
        let mut cells: Vec<String> = record.unwrap().iter().map(String::from).collect();
        if let Some((_, d, n)) = decisions.iter().find(|(k, _, _)| *k == cells[key]) {
            cells[decision] = d.to_string();
            cells[note] = n.to_string();
        }
        w.write_record(&cells).unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn decisions_survive_a_rescreen_and_a_changed_entity_brings_a_cleared_pair_back() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (index(OLD_UN), index(NEW_UN));
    let store = dir.path().join("cases.db");
    let mut cases = Cases::open(&store).unwrap();
    let results = screen(&mut cases, dir.path(), VENDORS, &old);
    let reviewed = dir.path().join("reviewed.csv");
    review(
        &results,
        &reviewed,
        &[
            ("U1", "false positive", "another Kim Song Chol"),
            ("S1", "false positive", "a namesake"),
            ("R1", "true match", ""),
        ],
    );
    let imported = cases.import(&reviewed, "ana").unwrap();
    assert_eq!((imported.stored, imported.unchanged), (3, 0));
    // Re-importing the same file is a no-op.
    let again = cases.import(&reviewed, "ana").unwrap();
    assert_eq!((again.stored, again.unchanged), (0, 3));

    let delta = cases.rescreen(&new, false).unwrap();
    assert_eq!(
        (
            delta.entities_added,
            delta.entities_changed,
            delta.entities_removed
        ),
        (137, 107, 9)
    );
    let find = |row: &str| delta.findings.iter().find(|f| f.row == row);
    let added = find("A1").expect("a hit on an added entity");
    assert_eq!(
        (added.change, added.entity_id.as_str()),
        (Change::NewHit, "un:HTe.001")
    );
    // KPi.030's birth dates changed: the cleared pair comes back with its old decision.
    let back = find("U1").expect("the changed entity re-raises the cleared pair");
    assert_eq!(back.change, Change::EntityChanged);
    assert_eq!(back.entity_id, "un:KPi.030");
    let previous = back.previous.as_ref().unwrap();
    assert_eq!(
        (
            previous.decision.as_str(),
            previous.note.as_str(),
            previous.analyst.as_str()
        ),
        ("false positive", "another Kim Song Chol", "ana")
    );
    let renamed = find("R1").unwrap();
    assert_eq!(renamed.change, Change::EntityChanged);
    assert_eq!(renamed.previous.as_ref().unwrap().decision, "true match");
    // An unchanged entity's cleared pair is not raised; clear vendors never are.
    for row in ["S1", "N1", "N2"] {
        assert!(find(row).is_none(), "{row} reported: {:?}", find(row));
    }
    // Decisions are all still there, and a second rescreen has nothing new.
    assert_eq!(cases.log(None).unwrap().len(), 3);
    assert!(cases.rescreen(&new, false).unwrap().findings.is_empty());
    // A full rescreen finds the same hits the store now holds: nothing to report.
    let full = cases.rescreen(&new, true).unwrap();
    assert_eq!(full.rows_screened, 6);
    assert!(full.findings.is_empty(), "{:?}", full.findings);

    // A new decision supersedes the old; both stay in the audit trail.
    cases
        .decide(
            "U1",
            "un:KPi.030",
            Review::Escalate,
            "dob matches now",
            "bob",
        )
        .unwrap();
    let log = cases.log(Some("U1")).unwrap();
    assert_eq!(log.len(), 2);
    assert!(log[0].superseded && !log[1].superseded);
    assert_eq!(log[1].decision, "escalate");
    cases.check().unwrap();
}

#[test]
fn a_new_file_version_adds_updates_and_retires_rows_and_a_changed_row_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let old = index(OLD_UN);
    let mut cases = Cases::open(&dir.path().join("cases.db")).unwrap();
    screen(&mut cases, dir.path(), VENDORS, &old);
    cases
        .decide("S1", "un:KPe.002", Review::FalsePositive, "namesake", "ana")
        .unwrap_or_else(|e| panic!("{e}"));
    // N2 left, N3 is new, S1's name was corrected, the rest unchanged.
    let next = VENDORS
        .replace("N2,Acme Office Supplies\n", "N3,Green Valley Farms\n")
        .replace(
            "S1,Korea Ryonbong General Corporation",
            "S1,Korea Ryonbong General Corp",
        );
    let run = screen_next(&mut cases, dir.path(), &next, &old);
    assert_eq!(
        (
            run.rows.added,
            run.rows.updated,
            run.rows.unchanged,
            run.rows.retired
        ),
        (1, 1, 4, 1)
    );
    let counts = cases.counts().unwrap();
    assert_eq!((counts.rows, counts.retired), (6, 1));
    // The same lists, but S1 changed since its pair was cleared: it comes back.
    let delta = cases.rescreen(&old, false).unwrap();
    assert_eq!(delta.findings.len(), 1, "{:?}", delta.findings);
    let f = &delta.findings[0];
    assert_eq!((f.row.as_str(), f.change), ("S1", Change::RowChanged));
    assert_eq!(f.previous.as_ref().unwrap().decision, "false positive");
    assert!(cases.rescreen(&old, false).unwrap().findings.is_empty());
}

/// The review cells of `results` by case key: (decision, note).
fn review_cells(results: &Path) -> std::collections::HashMap<String, (String, String)> {
    let mut r = csv::Reader::from_path(results).unwrap();
    let headers = r.headers().unwrap().clone();
    let (key, decision, note) = review_columns(&headers);
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let cell = |c: usize| rec[c].to_string();
            (cell(key), (cell(decision), cell(note)))
        })
        .collect()
}

#[test]
fn screening_again_fills_in_the_decisions_that_still_stand() {
    let dir = tempfile::tempdir().unwrap();
    let old = index(OLD_UN);
    let mut cases = Cases::open(&dir.path().join("cases.db")).unwrap();
    let first = screen(&mut cases, dir.path(), VENDORS, &old);
    assert!(review_cells(&first)
        .values()
        .all(|(d, n)| d.is_empty() && n.is_empty()));
    let reviewed = dir.path().join("reviewed.csv");
    review(
        &first,
        &reviewed,
        &[
            ("U1", "false positive", "another Kim Song Chol"),
            ("S1", "true match", ""),
        ],
    );
    assert_eq!(cases.import(&reviewed, "ana").unwrap().stored, 2);

    // The same file again: the standing decisions are filled in, and importing the new
    // results stores nothing.
    screen_next(&mut cases, dir.path(), VENDORS, &old);
    let second = dir.path().join("results2.csv");
    let cells = review_cells(&second);
    assert_eq!(
        cells["U1"],
        ("false positive".into(), "another Kim Song Chol".into())
    );
    assert_eq!(cells["S1"], ("true match".into(), String::new()));
    assert_eq!(cells["N1"], (String::new(), String::new()));
    let again = cases.import(&second, "bob").unwrap();
    assert_eq!((again.stored, again.unchanged), (0, 2));

    // U1's name changed: its decision no longer stands, and is only recalled.
    let changed = VENDORS.replace("U1,KIM SONG CHOL", "U1,KIM SONG CHOL JR");
    screen_next(&mut cases, dir.path(), &changed, &old);
    let cells = review_cells(&second);
    let (decision, note) = &cells["U1"];
    assert_eq!(decision, "");
    assert!(
        note.starts_with("earlier false positive (ana, ")
            && note.ends_with(": another Kim Song Chol; the row changed since"),
        "{note}"
    );
    assert_eq!(cells["S1"], ("true match".into(), String::new()));
}

fn watchlist(csv: &str) -> Index {
    let mut b = IndexBuilder::new();
    b.add_list(sources::load_bytes("w.csv", "w", csv.as_bytes()).unwrap());
    b.build().unwrap()
}

#[test]
fn a_rescreen_finds_a_row_tied_to_a_new_entity_by_an_identifier_alone() {
    let dir = tempfile::tempdir().unwrap();
    let head = "id,name,kind,aliases,country,dob,identifiers\n\
        w1,Kim Il Song Trading Company,organization,,KP,,\n";
    let old = watchlist(head);
    let new = watchlist(&format!(
        "{head}w2,Pyongyang Animation Front,organization,,KP,,email:front.kp@gmail.com\n"
    ));
    let mut cases = Cases::open(&dir.path().join("cases.db")).unwrap();
    let vendors = "id,name,email\nV1,Sunrise Bakery,Front.KP@gmail.com\nV2,Acme Office Supplies,info@acme.example\n";
    screen(&mut cases, dir.path(), vendors, &old);
    let delta = cases.rescreen(&new, false).unwrap();
    assert_eq!(delta.entities_added, 1);
    assert_eq!(
        delta.rows_screened, 1,
        "only the row with the listed e-mail"
    );
    assert_eq!(delta.findings.len(), 1, "{:?}", delta.findings);
    let f = &delta.findings[0];
    assert_eq!(
        (f.row.as_str(), f.entity_id.as_str(), f.change),
        ("V1", "w:w2", Change::NewHit)
    );
}

#[test]
fn a_birth_date_change_is_searched_only_in_a_population_with_birth_dates() {
    let head = "id,name,kind,aliases,country,dob,identifiers\n";
    let listed = |dob: &str| {
        watchlist(&format!(
            "{head}w1,Kim Yong Chol,person,,KP,{dob},\nw2,Ri Song Hui,person,,KP,1971,\n"
        ))
    };
    let (old, new) = (listed("1975"), listed("1962-02-18"));
    let rescreened = |vendors: &str| {
        let dir = tempfile::tempdir().unwrap();
        let mut cases = Cases::open(&dir.path().join("cases.db")).unwrap();
        screen(&mut cases, dir.path(), vendors, &old);
        let delta = cases.rescreen(&new, false).unwrap();
        assert_eq!(delta.entities_changed, 1);
        let findings: Vec<(String, Change)> = delta
            .findings
            .iter()
            .map(|f| (f.row.clone(), f.change))
            .collect();
        (delta.rows_screened, findings)
    };
    // The new birth date brings `Kim Yong` born on it up to review: found by the search.
    let (_, findings) = rescreened(
        "id,name,dob\nV1,Kim Yong Chol,1962\nV2,Kim Yong,1962-02-18\nV3,Sunrise Bakery,\n",
    );
    assert!(
        findings.contains(&("V2".into(), Change::NewHit)),
        "{findings:?}"
    );
    // Without birth dates in the file no row can see it: only the rows with a stored hit
    // on the entity are scored again, and nothing is new.
    let (screened, findings) =
        rescreened("id,name\nV1,Kim Yong Chol\nV2,Kim Yong\nV3,Sunrise Bakery\nV4,Kim Yong Cho\n");
    assert_eq!(screened, 2, "V1 and V2, which hit w1 before");
    assert!(
        findings.iter().all(|(_, c)| *c == Change::EntityChanged),
        "{findings:?}"
    );
}

#[test]
fn a_stored_row_that_fails_to_screen_is_kept_not_retired() {
    let dir = tempfile::tempdir().unwrap();
    let old = index(OLD_UN);
    let mut cases = Cases::open(&dir.path().join("cases.db")).unwrap();
    screen(&mut cases, dir.path(), VENDORS, &old);
    // S1's name cell comes back empty, and a new row N9 has none either.
    let next = VENDORS.replace("S1,Korea Ryonbong General Corporation", "S1,") + "N9,\n";
    let run = screen_next(&mut cases, dir.path(), &next, &old);
    assert_eq!(run.summary.errors, 2);
    assert_eq!(
        (run.rows.failed_kept, run.rows.skipped, run.rows.retired),
        (1, 1, 0)
    );
    let counts = cases.counts().unwrap();
    assert_eq!((counts.rows, counts.retired), (6, 0));
}

#[test]
fn an_import_naming_an_unknown_row_or_entity_stores_nothing_and_says_which_rows() {
    let dir = tempfile::tempdir().unwrap();
    let old = index(OLD_UN);
    let mut cases = Cases::open(&dir.path().join("cases.db")).unwrap();
    let results = screen(&mut cases, dir.path(), VENDORS, &old);
    let mut r = csv::Reader::from_path(&results).unwrap();
    let headers = r.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (key, entity, decision) = (col("case_key"), col("entity_id"), col("review_decision"));
    let mut rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    // A good decision (U1, line 4), an unknown entity (R1, line 3), and a row the store
    // never saw (X9, line 8).
    let u1 = rows.iter().position(|c| c[key] == "U1").unwrap();
    rows[u1][decision] = "false positive".into();
    let r1 = rows.iter().position(|c| c[key] == "R1").unwrap();
    rows[r1][entity] = "un:NOPE.1".into();
    rows[r1][decision] = "escalate".into();
    let mut fake = rows[u1].clone();
    fake[key] = "X9".into();
    rows.push(fake);
    let file = dir.path().join("bad.csv");
    let mut w = csv::Writer::from_path(&file).unwrap();
    w.write_record(&headers).unwrap();
    for row in &rows {
        w.write_record(row).unwrap();
    }
    w.flush().unwrap();
    let err = cases.import(&file, "ana").unwrap_err().to_string();
    assert!(err.contains("bad.csv"), "{err}");
    assert!(
        err.contains("line 8") && err.contains("row 'X9' is not in the case store"),
        "{err}"
    );
    assert!(
        err.contains("line 3") && err.contains("entity 'un:NOPE.1'"),
        "{err}"
    );
    assert_eq!(cases.counts().unwrap().decisions, 0, "all or nothing");

    let out = Command::new(env!("CARGO_BIN_EXE_redflag"))
        .args(["cases", "import"])
        .arg(&file)
        .arg("--cases")
        .arg(dir.path().join("cases.db"))
        .args(["--analyst", "ana"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("'X9'"));
}

/// A population of `n` rows that all hit KIM SONG CHOL (answered from memory, so
/// screening is quick), recorded against the 2024 list.
fn big_store(dir: &Path, n: usize) -> (PathBuf, PathBuf) {
    let mut csv = String::from("id,name\n");
    for i in 0..n {
        csv.push_str(&format!("V{i},KIM SONG CHOL\n"));
    }
    let store = dir.join("big.db");
    let mut cases = Cases::open(&store).unwrap();
    let results = screen(&mut cases, dir, &csv, &index(OLD_UN));
    (store, results)
}

fn wal_len(store: &Path) -> u64 {
    let mut wal = store.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).map_or(0, |m| m.len())
}

/// Starts `args`, kills it (SIGKILL) once it has written to the WAL, and says whether
/// it was still running then.
fn kill_mid_write(args: &[&std::ffi::OsStr], store: &Path) -> bool {
    let before = wal_len(store);
    let mut child = Command::new(env!("CARGO_BIN_EXE_redflag"))
        .args(args)
        .env("REDFLAG_CACHE_DIR", store.parent().unwrap())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while wal_len(store) <= before + 64 * 1024 && start.elapsed() < Duration::from_secs(60) {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    !status.success()
}

#[test]
fn a_run_killed_mid_write_leaves_the_store_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let n = 30_000;
    let (store, results) = big_store(dir.path(), n);
    let reviewed = dir.path().join("reviewed.csv");
    let all: Vec<(String, &str, &str)> = (0..n)
        .map(|i| (format!("V{i}"), "false positive", "namesake"))
        .collect();
    let all: Vec<(&str, &str, &str)> = all.iter().map(|(k, d, n)| (k.as_str(), *d, *n)).collect();
    review(&results, &reviewed, &all);
    let before = Cases::open(&store).unwrap().counts().unwrap();

    let killed = kill_mid_write(
        &[
            "cases".as_ref(),
            "import".as_ref(),
            reviewed.as_os_str(),
            "--cases".as_ref(),
            store.as_os_str(),
            "--analyst".as_ref(),
            "ana".as_ref(),
        ],
        &store,
    );
    assert!(killed, "the import finished before it could be killed");
    let cases = Cases::open(&store).unwrap();
    cases.check().unwrap();
    assert_eq!(
        cases.counts().unwrap(),
        before,
        "nothing of the killed import"
    );
    drop(cases);

    let new_index = dir.path().join("new.idx");
    write_index(NEW_UN, &new_index);
    let killed = kill_mid_write(
        &[
            "rescreen".as_ref(),
            "--cases".as_ref(),
            store.as_os_str(),
            "--index".as_ref(),
            new_index.as_os_str(),
            "--output".as_ref(),
            dir.path().join("delta.csv").as_os_str(),
        ],
        &store,
    );
    assert!(killed, "the rescreen finished before it could be killed");
    let mut cases = Cases::open(&store).unwrap();
    cases.check().unwrap();
    assert_eq!(cases.counts().unwrap(), before);
    // The store still works: the import, then the rescreen, run to the end.
    assert_eq!(cases.import(&reviewed, "ana").unwrap().stored, n as u64);
    let delta = cases.rescreen(&index(NEW_UN), false).unwrap();
    assert_eq!(
        delta.findings.len(),
        n,
        "KPi.030 changed: every cleared pair is back"
    );
}

#[test]
fn a_second_writer_waits_then_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let old = index(OLD_UN);
    let store = dir.path().join("cases.db");
    let mut cases = Cases::open(&store).unwrap();
    screen(&mut cases, dir.path(), VENDORS, &old);
    drop(cases);
    let holder = rusqlite::Connection::open(&store).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_redflag"))
        .args([
            "cases",
            "decide",
            "U1",
            "un:KPi.030",
            "escalate",
            "--wait",
            "1",
        ])
        .arg("--cases")
        .arg(&store)
        .args(["--analyst", "bob"])
        .output()
        .unwrap();
    assert!(start.elapsed() >= Duration::from_millis(900), "it waited");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("another redflag run is writing"), "{err}");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    let cases = Cases::open(&store).unwrap();
    cases.check().unwrap();
    assert_eq!(cases.counts().unwrap().decisions, 0);
}

#[test]
fn a_store_from_a_newer_redflag_is_refused_with_its_version() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("future.db");
    let conn = rusqlite::Connection::open(&store).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = Cases::open(&store).err().unwrap().to_string();
    assert!(
        err.contains("version 99") && err.contains("newer redflag"),
        "{err}"
    );
    let junk = dir.path().join("junk.db");
    std::fs::write(
        &junk,
        "not a database at all, just some text that is long enough",
    )
    .unwrap();
    assert!(Cases::open(&junk).is_err());
}

/// The population index a rescreen searches, beside the store (its first file).
fn population_index(store: &Path) -> PathBuf {
    let mut name = store.as_os_str().to_owned();
    name.push(".rows.idx");
    PathBuf::from(name)
}

/// The population index's files (`STORE.rows.idx*`) and their bytes.
fn population_files(store: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let prefix = population_index(store).file_name().unwrap().to_owned();
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(store.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&*prefix.to_string_lossy())
        })
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_population_index_is_rebuilt_when_missing_or_stale() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (index(OLD_UN), index(NEW_UN));
    let store = dir.path().join("cases.db");
    let mut cases = Cases::open(&store).unwrap();
    screen(&mut cases, dir.path(), VENDORS, &old);
    assert!(
        population_index(&store).exists(),
        "screen --cases writes the population index"
    );
    let first = population_files(&store);
    // A second file version (one row more) rewrites it; the first one is put back, stale.
    let more = format!("{VENDORS}A2,Gran Grif\n");
    screen(&mut cases, dir.path(), &more, &old);
    assert_ne!(population_files(&store), first);
    for (path, bytes) in &first {
        std::fs::write(path, bytes).unwrap();
    }
    let delta = cases.rescreen(&new, false).unwrap();
    let rows: Vec<&str> = delta
        .findings
        .iter()
        .filter(|f| f.entity_id == "un:HTe.001")
        .map(|f| f.row.as_str())
        .collect();
    assert_eq!(rows, ["A1", "A2"], "the stale index missed the new row");
    assert_ne!(population_files(&store), first, "rebuilt");

    // Missing: rebuilt, and the same rows found.
    let store2 = dir.path().join("second.db");
    let mut cases2 = Cases::open(&store2).unwrap();
    screen(&mut cases2, dir.path(), &more, &old);
    std::fs::remove_file(population_index(&store2)).unwrap();
    let again = cases2.rescreen(&new, false).unwrap();
    let pairs = |d: &redflag::cases::Delta| -> Vec<(String, String)> {
        d.findings
            .iter()
            .map(|f| (f.row.clone(), f.entity_id.clone()))
            .collect()
    };
    assert_eq!(pairs(&again), pairs(&delta));
    assert!(population_index(&store2).exists());
    // Garbage in its place is rebuilt too, never a panic.
    std::fs::write(population_index(&store2), b"not an index").unwrap();
    screen(&mut cases2, dir.path(), &more, &old);
    std::fs::write(population_index(&store2), b"not an index").unwrap();
    assert_eq!(pairs(&cases2.rescreen(&new, false).unwrap()), pairs(&delta));
}

#[test]
fn every_pair_a_full_rescreen_finds_on_a_changed_entity_a_rescreen_finds() {
    use redflag::lists::diff::fingerprint;
    use std::collections::{HashMap, HashSet};
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (index(OLD_UN), index(NEW_UN));
    let entities = |i: &Index| -> Vec<redflag::model::Entity> {
        (0..i.entity_count() as u32)
            .map(|n| i.entity(n).unwrap())
            .collect()
    };
    let before: HashMap<String, String> = entities(&old)
        .iter()
        .map(|e| (e.id.clone(), fingerprint(e)))
        .collect();
    let touched: Vec<redflag::model::Entity> = entities(&new)
        .into_iter()
        .filter(|e| before.get(&e.id) != Some(&fingerprint(e)))
        .collect();
    // Rows near the changed entities: their names as listed, their aliases, the name
    // written the other way round and cut short; and rows that match nothing.
    let mut csv = String::from("id,name\n");
    for (i, e) in touched.iter().enumerate() {
        let name = e.primary_name().replace(['"', ','], " ");
        let words: Vec<&str> = name.split_whitespace().collect();
        let mut variants = vec![
            name.clone(),
            words.iter().rev().cloned().collect::<Vec<_>>().join(" "),
        ];
        if words.len() > 2 {
            variants.push(words[..words.len() - 1].join(" "));
        }
        if let Some(alias) = e.names.iter().find(|n| n.text != e.primary_name()) {
            variants.push(alias.text.replace(['"', ','], " "));
        }
        for (j, v) in variants.iter().enumerate() {
            csv.push_str(&format!("T{i}.{j},{v}\n"));
        }
    }
    for i in 0..50 {
        csv.push_str(&format!("N{i},Harbour Supplies {i}\n"));
    }
    let touched: HashSet<String> = touched.into_iter().map(|e| e.id).collect();
    let pairs = |full: bool, name: &str| -> HashSet<(String, String, String)> {
        let mut cases = Cases::open(&dir.path().join(name)).unwrap();
        screen(&mut cases, dir.path(), &csv, &old);
        cases
            .rescreen(&new, full)
            .unwrap()
            .findings
            .into_iter()
            .filter(|f| matches!(f.change, Change::NewHit | Change::EntityChanged))
            .filter(|f| touched.contains(&f.entity_id))
            .map(|f| (f.row, f.entity_id, format!("{:?}", f.score)))
            .collect()
    };
    let forward = pairs(true, "full.db");
    let inverted = pairs(false, "delta.db");
    assert!(forward.len() > 200, "only {} pairs", forward.len());
    let missed: Vec<_> = forward.difference(&inverted).collect();
    let extra: Vec<_> = inverted.difference(&forward).collect();
    assert!(
        missed.is_empty() && extra.is_empty(),
        "missed {missed:?}, extra {extra:?}"
    );
}

/// Turns a store of this redflag back into one of schema version 2 (each row holding
/// the list versions it was screened against, no `population` table), as the redflag
/// before version 3 wrote it.
fn as_version_2(store: &Path) {
    let conn = rusqlite::Connection::open(store).unwrap();
    conn.execute_batch(
        "BEGIN;
         ALTER TABLE snapshot_entities DROP COLUMN fields;
         CREATE TABLE rows_v2 (
             key TEXT PRIMARY KEY,
             input TEXT NOT NULL,
             fingerprint TEXT NOT NULL,
             query TEXT NOT NULL,
             active INTEGER NOT NULL,
             snapshot INTEGER NOT NULL REFERENCES snapshots(id),
             first_run INTEGER NOT NULL,
             last_run INTEGER NOT NULL,
             changed_run INTEGER);
         INSERT INTO rows_v2 SELECT key, input, fingerprint, query, active,
             coalesce(snapshot, (SELECT snapshot FROM population)), first_run, last_run,
             changed_run FROM rows;
         DROP TABLE rows;
         ALTER TABLE rows_v2 RENAME TO rows;
         DROP TABLE population;
         PRAGMA user_version = 2;
         COMMIT;",
    )
    .unwrap();
}

#[test]
fn a_version_2_store_is_migrated_and_rescreens_as_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (index(OLD_UN), index(NEW_UN));
    let findings = |store: &Path| {
        let mut cases = Cases::open(store).unwrap();
        assert_eq!(cases.version().unwrap(), 5);
        cases.check().unwrap();
        let delta = cases.rescreen(&new, false).unwrap();
        let mut out: Vec<(String, String, Change)> = delta
            .findings
            .iter()
            .map(|f| (f.row.clone(), f.entity_id.clone(), f.change))
            .collect();
        out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        // A second rescreen against the same lists has nothing to say.
        assert!(cases.rescreen(&new, false).unwrap().findings.is_empty());
        out
    };
    let mut stores = Vec::new();
    for name in ["v3.db", "v2.db"] {
        let sub = dir.path().join(name.trim_end_matches(".db"));
        std::fs::create_dir(&sub).unwrap();
        let store = sub.join(name);
        let mut cases = Cases::open(&store).unwrap();
        screen(&mut cases, &sub, VENDORS, &old);
        drop(cases);
        stores.push(store);
    }
    as_version_2(&stores[1]);
    let conn = rusqlite::Connection::open(&stores[1]).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
    drop(conn);
    let expected = findings(&stores[0]);
    assert!(!expected.is_empty());
    assert_eq!(findings(&stores[1]), expected);
    // Migrated: the population's versions in one place, the rows' own left empty.
    let conn = rusqlite::Connection::open(&stores[1]).unwrap();
    let own: i64 = conn
        .query_row(
            "SELECT count(*) FROM rows WHERE snapshot IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(own, 0);
    let populations: i64 = conn
        .query_row("SELECT count(*) FROM population", [], |r| r.get(0))
        .unwrap();
    assert_eq!(populations, 1);
}
