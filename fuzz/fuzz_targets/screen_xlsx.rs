//! The `screen_xlsx` target for cargo-fuzz: `redflag_fuzz::screen_xlsx` (in `src/lib.rs`) on libFuzzer's input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redflag_fuzz::screen_xlsx(data));
