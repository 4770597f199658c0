//! Writes the seeds `seed.sh` cannot cut from text files: a small index file (for
//! `index_open`) and a small workbook (for `screen_xlsx`), both made by redflag itself
//! from the repository's example watchlist.
//!
//! cargo run --example seeds -- CORPUS_DIR

use redflag::screen::{self, ScreenConfig};
use std::path::PathBuf;

fn main() {
    let corpus = PathBuf::from(std::env::args().nth(1).expect("usage: seeds CORPUS_DIR"));
    let index_dir = corpus.join("index_open");
    let resealed_dir = corpus.join("index_resealed");
    let xlsx_dir = corpus.join("screen_xlsx");
    for dir in [&index_dir, &resealed_dir, &xlsx_dir] {
        std::fs::create_dir_all(dir).expect("corpus folders");
    }
    let index = redflag_fuzz::small_index();
    let vendors = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/watchlist/My_Vendors.csv"
    );
    let list =
        redflag::sources::load_path(std::path::Path::new(vendors)).expect("the fixture loads");
    let bytes = redflag::index::IndexBuilder::new()
        .add_list(list)
        .to_bytes()
        .expect("an index");
    std::fs::write(index_dir.join("vendors.idx"), &bytes).expect("index seed written");
    std::fs::write(resealed_dir.join("vendors.idx"), &bytes).expect("index seed written");
    let config = ScreenConfig::new(vendors, xlsx_dir.join("results.xlsx"));
    let cancel = std::sync::atomic::AtomicBool::new(false);
    screen::run(&config, index, &cancel).expect("the workbook seed is written");
}
