//! The watchlist CSV loader on arbitrary bytes: it may refuse them, never panic. Also
//! goes through content detection (`load_bytes`), as a user's file would.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = redflag::sources::watchlist_csv::parse("fuzz.csv", "fuzz", data);
    let _ = redflag::sources::load_bytes("fuzz.csv", "fuzz", data);
});
