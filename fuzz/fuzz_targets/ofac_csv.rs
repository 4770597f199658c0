//! The OFAC CSV loader on arbitrary bytes. The input is split on `\x00` into up to four
//! files (main, alt, add, comments) so the joins are exercised too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redflag::sources::ofac_csv::{parse, CsvSet};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0);
    let main = parts.next().unwrap_or_default();
    let set = CsvSet {
        main,
        alt: parts.next(),
        add: parts.next(),
        comments: parts.next(),
    };
    let _ = parse("fuzz/sdn.csv", &set);
    let _ = parse("fuzz/cons_prim.csv", &set);
});
