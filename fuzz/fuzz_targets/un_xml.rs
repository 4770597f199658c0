//! The `un_xml` target for cargo-fuzz: `redflag_fuzz::un_xml` (in `src/lib.rs`) on libFuzzer's input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redflag_fuzz::un_xml(data));
