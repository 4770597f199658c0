//! Batch screening from code: a vendor spreadsheet in, a results workbook out.
//!
//! ```text
//! cargo run --example batch_screen                      # screens a small demo file
//! cargo run --example batch_screen -- vendors.xlsx results.xlsx
//! ```
//!
//! `redflag::screen::run` takes any [`Matcher`]. In an application that is the index of
//! the sanctions lists (`redflag::Index` implements `Matcher`). So that this example runs
//! on its own, without building an index, it screens against the three-entry list below
//! with a plain edit-distance comparison: the batch side (reading, parallel screening,
//! writing, Ctrl-C) is exactly what it is with the index, the scores are not.

use redflag::model::EntityKind;
use redflag::screen::{run, ScreenConfig};
use redflag::{Hit, Matcher, Query, Result};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

/// A handful of listed names, compared whole, case- and punctuation-insensitively.
struct SmallList {
    entries: Vec<(&'static str, &'static str, &'static str, &'static str)>,
}

impl SmallList {
    fn new() -> SmallList {
        SmallList {
            entries: vec![
                ("ofac:20157", "KIM, Jong Un", "OFAC SDN", "DPRK3"),
                (
                    "ofac:10001",
                    "KOREA KWANGSON BANKING CORP",
                    "OFAC SDN",
                    "NPWMD",
                ),
                ("eu:13", "ROSNEFT TRADING S.A.", "EU FSF", "UKR"),
            ],
        }
    }
}

/// Lowercase words of letters and digits, sorted, so `KIM, Jong Un` = `Jong Un Kim`.
fn key(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.join(" ")
}

impl Matcher for SmallList {
    fn search(&self, query: &Query) -> Result<Vec<Hit>> {
        let wanted = key(&query.name);
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .map(|&(id, name, list, program)| {
                let score = strsim::normalized_levenshtein(&wanted, &key(name));
                Hit {
                    entity_id: id.into(),
                    score,
                    name: name.into(),
                    matched_name: name.into(),
                    matched_name_kind: "primary",
                    list: list.into(),
                    kind: EntityKind::Unknown,
                    programs: vec![program.into()],
                    reasons: vec![format!("edit similarity {score:.2} on sorted words")],
                }
            })
            .filter(|h| h.score >= query.threshold)
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.truncate(query.top);
        Ok(hits)
    }
}

/// Raised by Ctrl-C; the run then stops and marks its output partial.
static CANCEL: AtomicBool = AtomicBool::new(false);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (input, output) = match args.as_slice() {
        [input, output] => (PathBuf::from(input), PathBuf::from(output)),
        [] => demo_files(),
        _ => {
            eprintln!("usage: batch_screen [INPUT OUTPUT]");
            std::process::exit(2);
        }
    };
    if let Err(e) = ctrlc::set_handler(|| CANCEL.store(true, Ordering::SeqCst)) {
        eprintln!("warning: Ctrl-C will not stop the run cleanly: {e}");
    }
    let mut config = ScreenConfig::new(&input, &output);
    config.progress = true;
    config.print_summary = true;
    match run(&config, &SmallList::new(), &CANCEL) {
        Ok(summary) => {
            println!("results in {}", output.display());
            std::process::exit(summary.exit_code());
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}

/// A small vendor file in the temporary directory, the kind a procurement team keeps.
fn demo_files() -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join("redflag-batch-screen-example");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: {}: {e}", dir.display());
        std::process::exit(2);
    }
    let input = dir.join("vendors.csv");
    let text = "Vendor ID;Company Name;Contact Person;Country\n\
                V-001;Acme Trading GmbH;Jane Doe;DE\n\
                V-002;Korea Kwangson Banking Corporation;;KP\n\
                V-003;Pyongyang Imports;Kim Jong-un;KP\n\
                V-004;;;FR\n";
    if let Err(e) = std::fs::write(&input, text) {
        eprintln!("error: {}: {e}", input.display());
        std::process::exit(2);
    }
    (input, dir.join("results.xlsx"))
}
