//! The UN consolidated XML loader on arbitrary bytes: it may refuse them, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = redflag::sources::un_xml::parse("fuzz.xml", data);
});
