//! Folding: NFKC, case, diacritics, punctuation and apostrophes, for any Latin-like text.
//!
//! The result is lowercase ASCII letters, digits and single spaces. Scripts with their own
//! readings (Hangul, Han) are handled before this by their modules; anything else that is
//! not Latin is transliterated with `any_ascii`.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::indic;

/// Apostrophe-like marks: MR breves and aspiration marks, which are dropped inside words
/// (`Cho'ng-u'n` → `chong un`).
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}' | '`' | '\u{00B4}' | '\u{02B9}'
    )
}

/// Letters that do not decompose into a base letter plus a mark.
fn fold_special(c: char, out: &mut String) -> bool {
    let s = match c {
        'ł' => "l",
        'ø' => "o",
        'ß' | 'ẞ' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        'ŀ' => "l",
        'ħ' => "h",
        'ŧ' => "t",
        'ŋ' => "ng",
        'ſ' => "s",
        _ => return false,
    };
    out.push_str(s);
    true
}

/// Folds `text` to lowercase ASCII words separated by single spaces.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let push_space = |out: &mut String, pending: &mut bool| {
        if *pending && !out.is_empty() {
            out.push(' ');
        }
        *pending = false;
    };
    let mut chars = text.nfkc().flat_map(char::to_lowercase).nfd().peekable();
    // The last kana and where its reading starts: decomposition split off its voicing
    // mark (バ is ハ and ゙), which is put back before it is read.
    let mut last_kana: Option<(char, usize)> = None;
    while let Some(c) = chars.next() {
        if let Some((base, at)) = last_kana.take() {
            if let Some(voiced) = unicode_normalization::char::compose(base, c) {
                out.truncate(at);
                out.push_str(&any_ascii::any_ascii_char(voiced).to_ascii_lowercase());
                continue;
            }
        }
        if (is_combining_mark(c) && !indic::is_sign(c)) || is_apostrophe(c) {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            push_space(&mut out, &mut pending_space);
            out.push(c);
        } else if c.is_alphanumeric() || indic::is_sign(c) {
            push_space(&mut out, &mut pending_space);
            if is_kana(c) {
                last_kana = Some((c, out.len()));
            }
            if !fold_special(c, &mut out) {
                let ascii = any_ascii::any_ascii_char(c);
                for a in ascii.chars() {
                    if a.is_ascii_alphanumeric() {
                        out.push(a.to_ascii_lowercase());
                    } else if !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
                if indic::inherent_vowel(c, chars.peek().copied()) {
                    out.push('a');
                }
            }
        } else {
            pending_space = true;
        }
    }
    let trimmed = out.trim_end();
    if trimmed.len() != out.len() {
        out.truncate(trimmed.len());
    }
    out
}

/// Hiragana and katakana, whose voiced forms decompose into a base and a mark.
fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}')
}

/// Folded tokens of `text`, number words as digits (`Forty-Four` → `44`, `First` → `1st`).
pub fn tokens(text: &str) -> Vec<String> {
    let text = split_acronym_suffixes(text);
    let tokens = fold(&text)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    super::numbers::as_digits(tokens)
}

/// Capitals this many or fewer that end a word after a small letter are a word of
/// their own (a legal form run on: `SiemensAG`, `TelcoLLC`).
const MAX_SUFFIX_CAPITALS: usize = 4;

/// Separates a run of two to four capitals that ends a word after a small letter.
fn split_acronym_suffixes(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut cuts: Vec<usize> = Vec::new();
    for i in 1..bytes.len() {
        if bytes[i - 1].is_ascii_lowercase() && bytes[i].is_ascii_uppercase() {
            let run = bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_uppercase())
                .count();
            let word_ends = bytes
                .get(i + run)
                .is_none_or(|b| !b.is_ascii_alphanumeric());
            if word_ends && (2..=MAX_SUFFIX_CAPITALS).contains(&run) {
                cuts.push(i);
            }
        }
    }
    if cuts.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + cuts.len());
    let mut last = 0;
    for cut in cuts {
        out.push_str(&text[last..cut]);
        out.push(' ');
        last = cut;
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        assert_eq!(fold("KIM, Cho'ng-u'n"), "kim chong un");
        assert_eq!(fold("Łukasz Øster Straße"), "lukasz oster strasse");
        assert_eq!(fold("Æsir  Œuvre"), "aesir oeuvre");
        assert_eq!(fold("  CH’O’L  "), "chol");
        assert_eq!(fold("Ｋｉｍ"), "kim");
        assert_eq!(fold("Co., Ltd."), "co ltd");
        assert_eq!(fold("Ким Чен Ын"), "kim chen yn");
        assert_eq!(fold("!!!"), "");
    }

    #[test]
    fn kana_keep_their_voicing() {
        assert_eq!(fold("バラク・オバマ"), "baraku obama");
        assert_eq!(fold("ぱんだ"), "panda");
        assert_eq!(fold("ハマ"), "hama");
    }

    #[test]
    fn splits_tokens() {
        assert_eq!(tokens("Jong-un  KIM"), vec!["jong", "un", "kim"]);
    }

    #[test]
    fn a_legal_form_run_on_is_a_word() {
        assert_eq!(tokens("SiemensAG"), vec!["siemens", "ag"]);
        assert_eq!(tokens("Acme GmbH"), vec!["acme", "gmbh"]);
        // Capitals inside a word, or more than four, stay.
        assert_eq!(tokens("McDONALD DeVRIESX"), vec!["mcdonald", "devriesx"]);
        assert_eq!(tokens("iPhone"), vec!["iphone"]);
    }
}
