//! Batch screening from code: a vendor spreadsheet in, a results workbook out.
//!
//! ```text
//! cargo run --release --example batch_screen                    # a small demo file
//! cargo run --release --example batch_screen -- vendors.xlsx results.xlsx
//! ```
//!
//! The index of the shipped lists is opened once (built and cached on first use) and
//! handed to `redflag::screen::run`, which reads the rows, screens them in parallel and
//! writes every input column plus the decision, score, entity and reason.

use redflag::screen::{run, ScreenConfig};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by Ctrl-C: the run stops and leaves a partial, valid output.
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
    let index = match redflag::lists::open_default() {
        Ok(index) => index,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    match run(&config, &index, &CANCEL) {
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
