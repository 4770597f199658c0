//! Is a Latin token one romanized Korean or Chinese syllable (`kim`, `jong`, `chol`,
//! `hsi`, `cheung`)? Such tokens differ by one letter between different names
//! (`chol`/`chon`, `il`/`un`), so the scorer compares them by romanization rules, not by
//! edit distance. The grammar is deliberately loose (onset, vowel run, coda): it also
//! accepts short English words, which one letter also changes.

/// Whether `o` is the onset of a romanized Korean (RR, McCune-Reischauer, DPRK) or
/// Chinese (pinyin, Wade-Giles, Hong Kong Cantonese) syllable.
fn is_onset(o: &[u8]) -> bool {
    match o {
        [] => true,
        [c] => b"bcdfghjklmnpqrstwxyz".contains(c),
        b"ch" | b"kk" | b"tt" | b"pp" | b"ss" | b"jj" | b"kh" | b"th" | b"ph" | b"sh" | b"hs"
        | b"ts" | b"tz" | b"zh" | b"ng" | b"gw" | b"kw" => true,
        b"tch" | b"chh" => true,
        _ => false,
    }
}

fn is_coda(c: &[u8]) -> bool {
    matches!(
        c,
        [] | b"ng" | b"k" | b"n" | b"t" | b"l" | b"m" | b"p" | b"r" | b"h"
    )
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'w' | b'y')
}

/// Whether `token` (folded, lowercase ASCII) reads as exactly one syllable.
pub fn is_syllable(token: &str) -> bool {
    let b = token.as_bytes();
    if b.is_empty() || b.len() > 7 || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    if matches!(b, b"ng" | b"m") {
        return true; // Cantonese syllabic nasals (Ng)
    }
    (0..=3.min(b.len())).rev().any(|start| {
        if !is_onset(&b[..start]) {
            return false;
        }
        let rest = &b[start..];
        let vowels = rest.iter().take_while(|&&c| is_vowel(c)).count();
        let nucleus = &rest[..vowels];
        let has_core = nucleus
            .iter()
            .any(|c| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u'));
        has_core && vowels <= 4 && is_coda(&rest[vowels..])
    })
}

/// At most this many syllables are looked for in one token: a joined given name.
pub const MAX_SYLLABLES: usize = 3;

/// Every way to read `token` as 1 to [`MAX_SYLLABLES`] syllables (`jongun` → `jong·un`,
/// `jo·ngun`…); empty when it cannot be read so. Results are memoised per thread: a
/// query compares the same few tokens with many candidates.
pub fn splits(token: &str) -> Vec<Vec<&str>> {
    with_splits(token, |ends| {
        ends.iter()
            .map(|cuts| {
                let mut start = 0usize;
                cuts.iter()
                    .map(|&end| {
                        let part = &token[start..end as usize];
                        start = end as usize;
                        part
                    })
                    .collect()
            })
            .collect()
    })
}

/// Calls `f` with the memoised splits of `token`, each as the byte offsets where its
/// syllables end.
fn with_splits<R>(token: &str, f: impl FnOnce(&[Vec<u8>]) -> R) -> R {
    thread_local! {
        static MEMO: std::cell::RefCell<rustc_hash::FxHashMap<String, Vec<Vec<u8>>>> =
            std::cell::RefCell::default();
    }
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(ends) = memo.get(token) {
            return f(ends);
        }
        let mut out = Vec::new();
        split_into(token, &mut Vec::new(), &mut out);
        // Pinyin spells syllables the Korean-shaped grammar does not (`jian`, `xiong`).
        if let Some(pinyin) = super::han::pinyin_syllables(token) {
            if pinyin.len() <= MAX_SYLLABLES && !out.contains(&pinyin) {
                out.push(pinyin);
            }
        }
        let ends: Vec<Vec<u8>> = out
            .iter()
            .map(|parts| {
                let mut end = 0u8;
                parts
                    .iter()
                    .map(|p| {
                        end += p.len() as u8;
                        end
                    })
                    .collect()
            })
            .collect();
        if memo.len() > 50_000 {
            memo.clear();
        }
        let result = f(&ends);
        memo.insert(token.to_string(), ends);
        result
    })
}

fn split_into<'a>(rest: &'a str, current: &mut Vec<&'a str>, out: &mut Vec<Vec<&'a str>>) {
    if rest.is_empty() {
        if !current.is_empty() {
            out.push(current.clone());
        }
        return;
    }
    if current.len() == MAX_SYLLABLES || out.len() >= 16 {
        return;
    }
    for end in 1..=rest.len().min(7) {
        if rest.is_char_boundary(end) && is_syllable(&rest[..end]) {
            current.push(&rest[..end]);
            split_into(&rest[end..], current, out);
            current.pop();
        }
    }
}

/// Whether `token` reads as 1 to [`MAX_SYLLABLES`] syllables.
pub fn is_syllabic(token: &str) -> bool {
    token.len() <= 7 * MAX_SYLLABLES && with_splits(token, |ends| !ends.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_and_chinese_syllables_are_syllables() {
        for s in [
            "kim", "jong", "un", "il", "chol", "chon", "ri", "yi", "pak", "choe", "ryong", "hsi",
            "cheung", "zhang", "xiao", "kwok", "eun", "yeong", "thaek", "ng", "wai",
        ] {
            assert!(is_syllable(s), "{s}");
        }
    }

    #[test]
    fn joined_given_names_split_into_syllables() {
        assert!(splits("jongun").contains(&vec!["jong", "un"]));
        assert!(splits("weiming").contains(&vec!["wei", "ming"]));
        assert!(is_syllabic("kyongsuk"));
        assert!(!is_syllabic("smith"));
        assert!(!is_syllabic("abdulrahman"));
    }

    #[test]
    fn longer_words_are_not() {
        for s in [
            "reza", "oleg", "mini", "moreno", "daniel", "ali", "jongun", "kave", "", "k1m",
        ] {
            assert!(!is_syllable(s), "{s}");
        }
    }
}
