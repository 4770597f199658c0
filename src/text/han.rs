//! Han characters: traditional → simplified, pinyin, Wade-Giles, Cantonese, Sino-Korean,
//! Chinese Commercial Code.

use super::Reading;

/// Latin readings of a run of Han text.
pub fn readings(_run: &str) -> Vec<Reading> {
    Vec::new()
}
