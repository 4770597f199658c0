//! The keys a name is found by: what the index stores and what a query looks up.
//! Both sides call these functions, so they always agree.

use super::{han, latin, Token, TokenClass};

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
    // Romanized Korean `ng` before a vowel may end a syllable or split one (MR writes
    // 은금 `Ŭn'gŭm`, which folds to `ungum`): the split reading is a key too.
    keys.extend(
        ng_splits(key).map(|(left, right)| latin::skeleton(left) + &latin::skeleton(right)),
    );
    keys.extend(
        latin::surname_classes(key)
            .into_iter()
            .map(|c| format!("#{c}")),
    );
    keys.retain(|k| !k.is_empty());
    keys.dedup();
    keys
}

/// Pinyin syllable keys a stored token is found by: the syllables of a token written in
/// pinyin (`wenzheng` → `@wen`, `@zheng`), so a query spelling each syllable in another
/// system reaches it (see [`query_pinyin_keys`]).
pub fn stored_pinyin_keys(token: &str) -> Vec<String> {
    pinyin_keys(han::pinyin_syllables(token).into_iter().flatten())
}

/// Pinyin syllable keys a query token looks up: for each of its syllables, every pinyin
/// syllable that its pinyin, Wade-Giles or Hong Kong Cantonese spelling can stand for
/// (`cheung` → `@zhang`, `@chang` …; `hsiu` → `@xiu`).
pub fn query_pinyin_keys(token: &str) -> Vec<String> {
    let whole = han::pinyin_equivalents(token);
    if !whole.is_empty() {
        return pinyin_keys(whole.into_iter());
    }
    let syllables = han::pinyin_syllables(token).into_iter().flatten();
    pinyin_keys(syllables.flat_map(han::pinyin_equivalents))
}

/// The keys of pinyin syllables (`ü` written `u`), sorted, without repeats: one spelling
/// for both sides.
fn pinyin_keys<'a>(syllables: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = syllables
        .map(|p| format!("@{}", p.replace('v', "u")))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The places where `key` reads as `…n` + `g…` (an `ng` followed by a vowel), split there.
fn ng_splits(key: &str) -> impl Iterator<Item = (&str, &str)> {
    let bytes = key.as_bytes();
    (1..bytes.len().saturating_sub(2))
        .filter(move |&i| {
            bytes[i] == b'n' && bytes[i + 1] == b'g' && b"aeiouy".contains(&bytes[i + 2])
        })
        .take(2)
        .map(move |i| (&key[..i + 1], &key[i + 1..]))
}

/// Keys shorter than this are not looked up with typos: in a three-letter word one edit
/// makes another word.
pub const MIN_TYPO_KEY_CHARS: usize = 4;

/// The key with one character deleted, each way, without repeats (`mohammad` →
/// `ohammad`, `mhammad`, … `mohamma`). Two keys within one edit or one swap of each
/// other share a deletion (or one is a deletion of the other): the index stores its
/// keys' deletions and a query looks its own up, a dozen exact lookups where an
/// automaton walk over the key index would visit thousands of states.
pub fn deletions(key: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(key.len());
    for (at, c) in key.char_indices() {
        let mut variant = String::with_capacity(key.len());
        variant.push_str(&key[..at]);
        variant.push_str(&key[at + c.len_utf8()..]);
        // Deleting either letter of a double gives the same key; runs are adjacent.
        if out.last() != Some(&variant) {
            out.push(variant);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_ng_is_a_skeleton_key_too() {
        let ungum = skeleton_keys("ungum");
        assert!(skeleton_keys("unkum").iter().any(|k| ungum.contains(k)));
        assert_eq!(ng_splits("mingong").collect::<Vec<_>>(), [("min", "gong")]);
        assert!(ng_splits("kang").next().is_none());
    }

    #[test]
    fn pinyin_keys_meet_across_systems() {
        assert_eq!(stored_pinyin_keys("wenzheng"), ["@wen", "@zheng"]);
        assert_eq!(stored_pinyin_keys("li"), ["@li"]);
        assert!(stored_pinyin_keys("mohammed").is_empty());
        let meets = |query: &str, stored: &str| {
            let q = query_pinyin_keys(query);
            stored_pinyin_keys(stored).iter().all(|k| q.contains(k))
        };
        assert!(meets("cheung", "zhang")); // Hong Kong Cantonese
        assert!(meets("hsiu", "xiu")); // Wade-Giles
        assert!(meets("chin", "jin"));
        assert!(meets("wai", "wei"));
        assert!(meets("xiu", "xiu"));
        assert!(!meets("wong", "li"));
    }

    #[test]
    fn deletions_drop_each_character_once() {
        assert_eq!(deletions("kima"), ["ima", "kma", "kia", "kim"]);
        assert_eq!(deletions("anna"), ["nna", "ana", "ann"]);
        assert_eq!(deletions("김정은"), ["정은", "김은", "김정"]);
        assert!(deletions("").is_empty());
    }

    #[test]
    fn a_typo_and_its_key_share_a_deletion() {
        let shared = |a: &str, b: &str| {
            let (da, db) = (deletions(a), deletions(b));
            da.iter().any(|d| db.contains(d))
                || da.iter().any(|d| d == b)
                || db.iter().any(|d| d == a)
        };
        assert!(shared("mohamad", "mohamed")); // substitution
        assert!(shared("mohamad", "mohammad")); // insertion
        assert!(shared("rahimi", "rahmii")); // swap
        assert!(!shared("rahimi", "karimi"));
    }
}
