//! Latin romanization variants: a skeleton key for recall, equivalences for scoring.

/// A coarse key that unites romanization variants of one token (for candidate recall).
pub fn skeleton(token: &str) -> String {
    token.to_string()
}

/// Representatives of the surname variant classes `token` belongs to.
pub fn surname_classes(_token: &str) -> Vec<&'static str> {
    Vec::new()
}

/// How alike two tokens are as romanizations of one syllable or name, in [0, 1].
pub fn romanization_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        1.0
    } else {
        0.0
    }
}
