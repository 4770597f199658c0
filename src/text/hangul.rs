//! Hangul: syllable decomposition and romanization (RR, McCune-Reischauer, DPRK usage).

use super::Reading;

/// Latin readings of a run of Hangul text (a name or a word of one).
pub fn readings(_run: &str) -> Vec<Reading> {
    Vec::new()
}
