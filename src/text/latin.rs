//! Latin romanization variants: a skeleton key for recall, equivalences for scoring.

/// A coarse key that unites romanization variants of one token (for candidate recall).
pub fn skeleton(token: &str) -> String {
    token.to_string()
}
