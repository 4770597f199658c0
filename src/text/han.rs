//! Han characters: traditional → simplified, pinyin, Wade-Giles, Cantonese, Sino-Korean,
//! Chinese Commercial Code.

use super::Reading;

/// Latin readings of a run of Han text.
pub fn readings(_run: &str) -> Vec<Reading> {
    Vec::new()
}

/// Whether two Latin syllables can denote the same Han character reading.
pub fn same_syllable(a: &str, b: &str) -> bool {
    a == b
}
