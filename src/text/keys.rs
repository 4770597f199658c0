//! The keys a name is found by: what the index stores and what a query looks up.
//! Both sides call these functions, so they always agree.

use super::{latin, Token, TokenClass};

/// Adjacent tokens are also joined into one key (`jong un` → `jongun`), so a given name
/// written joined, hyphenated or spaced is found either way.
pub const MAX_JOIN: usize = 2;

/// Token keys of a form: every token, and every run of up to [`MAX_JOIN`] adjacent
/// distinctive tokens joined.
pub fn token_keys(tokens: &[Token]) -> Vec<String> {
    let mut keys: Vec<String> = tokens.iter().map(|t| t.text.clone()).collect();
    for window in tokens.windows(MAX_JOIN) {
        if window.iter().all(|t| t.class == TokenClass::Name) {
            keys.push(window.iter().map(|t| t.text.as_str()).collect());
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Recall keys of one token key: its romanization skeleton, and `#`-prefixed surname
/// classes (Lee/Ri/Yi, Zhang/Chang/Cheung …).
pub fn skeleton_keys(key: &str) -> Vec<String> {
    let mut keys = vec![latin::skeleton(key)];
    keys.extend(
        latin::surname_classes(key)
            .into_iter()
            .map(|c| format!("#{c}")),
    );
    keys.retain(|k| !k.is_empty());
    keys.dedup();
    keys
}
