//! The `ftm_json` target for cargo-fuzz: `redflag_fuzz::ftm_json` (in `src/lib.rs`) on libFuzzer's input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redflag_fuzz::ftm_json(data));
