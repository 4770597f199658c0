//! The `watchlist_csv` target for cargo-fuzz: `redflag_fuzz::watchlist_csv` (in `src/lib.rs`) on libFuzzer's input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redflag_fuzz::watchlist_csv(data));
