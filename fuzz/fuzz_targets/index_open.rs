//! The `index_open` target for cargo-fuzz: `redflag_fuzz::index_open` (in `src/lib.rs`) on libFuzzer's input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redflag_fuzz::index_open(data));
