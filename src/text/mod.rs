//! Names → comparable pieces. One path for list names and query names alike, so both
//! sides always produce the same keys.
//!
//! A name is analysed into one or more [`Form`]s: token sequences in folded Latin, one per
//! reading (a Hangul name has a McCune-Reischauer, a Revised Romanization and a DPRK
//! reading; a Han name pinyin, Wade-Giles, Cantonese and Sino-Korean ones).

pub mod distance;
pub mod han;
pub mod hangul;
pub mod ids;
mod indic;
pub mod keys;
pub mod latin;
pub mod normalize;
mod numbers;
pub mod orgs;
pub mod syllable;
pub mod tables;
mod via;

pub use normalize::fold;
pub use via::{reading_pair, ReadingPair, Via};

/// One alternative Latin reading of a run of non-Latin text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Folded Latin tokens (lowercase ASCII letters and digits).
    pub tokens: Vec<String>,
    /// The system that produced it.
    pub via: Via,
}

/// What part a token plays in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TokenClass {
    /// A distinctive word: carries the score.
    Name,
    /// A legal form or generic organisation word (`ltd`, `company`, `trading`): says little.
    Weak,
}

use crate::model::Script;

/// A token of an analysed name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Folded Latin text.
    pub text: String,
    /// A name word, or a weak word (legal form, particle).
    pub class: TokenClass,
}

/// One reading of a name: its tokens in order, and what produced them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The tokens in order.
    pub tokens: Vec<Token>,
    /// The romanization or translation that produced this reading.
    pub via: Via,
}

/// Which language's sounds a reading spells: comparisons across romanization systems
/// depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Origin {
    /// Typed in Latin letters: any system, so any system's equivalences apply.
    #[default]
    Latin,
    /// Read from Han characters in a Chinese system: pinyin and Wade-Giles spell one
    /// Mandarin syllable alike, and nothing else is equated (the Cantonese reading
    /// stands beside it).
    Chinese,
    /// Read from Hangul or Han in a Korean system: Korean syllables, not Chinese ones.
    Korean,
}

impl Form {
    /// Whether the reading is the name's own letters (typed, or transliterated letter
    /// by letter), where typos are; readings of Hangul and Han are spelled by rules.
    pub fn is_typed(&self) -> bool {
        self.origin() == Origin::Latin
    }

    /// Which language's sounds the reading spells.
    pub fn origin(&self) -> Origin {
        self.via.origin()
    }
}

/// What comparison needs to know of a token, worked out once per distinct token (the
/// index stores it with every list token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenFacts {
    /// The token's romanization skeleton ([`latin::skeleton`]).
    pub skeleton: String,
    /// Its syllable structure.
    pub flags: TokenFlags,
}

impl TokenFacts {
    /// Works the facts of `token` out.
    pub fn of(token: &str) -> TokenFacts {
        TokenFacts {
            skeleton: latin::skeleton(token),
            flags: TokenFlags::of(token),
        }
    }
}

/// The yes-or-no facts of a token's syllable structure: small and `Copy`, so the index
/// stores them as bits and scoring passes them by value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokenFlags {
    /// One romanized syllable.
    pub syllable: bool,
    /// One to four pinyin syllables.
    pub pinyin: bool,
    /// One to three romanized syllables.
    pub syllabic: bool,
    /// A known Korean or Chinese surname spelling.
    pub surname: bool,
}

impl TokenFlags {
    /// Works the flags of `token` out.
    pub fn of(token: &str) -> TokenFlags {
        TokenFlags {
            syllable: syllable::is_syllable(token),
            pinyin: han::is_pinyin_word(token),
            syllabic: syllable::is_syllabic(token),
            surname: !latin::surname_classes(token).is_empty() || han::is_pinyin_surname(token),
        }
    }
}

/// At most this many readings per name: keeps index size and query time bounded when a
/// name mixes scripts that each have several readings.
pub const MAX_FORMS: usize = 8;

/// Analyses a name into its readings. The first form is the most literal one.
pub fn analyze(name: &str) -> Vec<Form> {
    let mut forms: Vec<(Vec<String>, Via)> = vec![(Vec::new(), Via::Latin)];
    for (script, run) in script_runs(name) {
        let readings = read_run(script, run);
        if readings.is_empty() {
            continue;
        }
        let mut next = Vec::with_capacity(forms.len() * readings.len());
        for (tokens, via) in &forms {
            for reading in &readings {
                if next.len() >= MAX_FORMS {
                    break;
                }
                let mut joined = tokens.clone();
                joined.extend(reading.tokens.iter().cloned());
                let via = if *via == Via::Latin {
                    reading.via
                } else {
                    *via
                };
                next.push((joined, via));
            }
        }
        forms = next;
    }
    let mut out: Vec<Form> = Vec::with_capacity(forms.len());
    for (tokens, via) in forms {
        if tokens.is_empty() {
            continue;
        }
        let tokens: Vec<Token> = orgs::canonicalize(tokens)
            .into_iter()
            .map(|(text, class)| Token { text, class })
            .collect();
        if !out.iter().any(|f| f.tokens == tokens) {
            out.push(Form { tokens, via });
        }
    }
    out
}

/// Latin readings of one run of text in one script.
fn read_run(script: Script, run: &str) -> Vec<Reading> {
    let readings = match script {
        Script::Hangul => hangul::readings(run),
        Script::Han => han::readings(run),
        _ => Vec::new(),
    };
    if !readings.is_empty() {
        return readings;
    }
    let tokens = normalize::tokens(run);
    if tokens.is_empty() {
        return Vec::new();
    }
    let via = match script {
        Script::Latin => Via::Latin,
        _ => Via::Transliteration,
    };
    let korean = run_on_korean(script, &tokens);
    let mut readings = vec![Reading { tokens, via }];
    readings.extend(korean);
    readings
}

/// A Korean name run together in Revised Romanization (`Joseondaeoegeonseolchonghoesa`)
/// read back into Hangul and read as Korean: its words are then translated like Hangul
/// ones (조선 → Korea, 총회사 → General Corporation).
fn run_on_korean(script: Script, tokens: &[String]) -> Vec<Reading> {
    if script != Script::Latin || !tokens.iter().any(|t| t.len() >= hangul::MIN_RUN_ON_LEN) {
        return Vec::new();
    }
    let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
    hangul::from_revised(&words)
        .map(|h| hangul::readings(&h))
        .unwrap_or_default()
}

/// Splits `text` into runs of one script: Hangul, Han, Kana, Latin, and the scripts read
/// letter by letter (Cyrillic, Arabic, Devanagari … as [`Script::Other`]), whose
/// readings compare as letters with each other. Spaces and punctuation stay with their run.
fn script_runs(text: &str) -> Vec<(Script, &str)> {
    let class = |c: char| match Script::of_char(c) {
        Script::Hangul => Script::Hangul,
        Script::Han => Script::Han,
        Script::Kana => Script::Kana,
        Script::Latin => Script::Latin,
        _ if is_latin_mark(c) => Script::Latin,
        _ => Script::Other,
    };
    let mut runs: Vec<(Script, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<Script> = None;
    for (i, c) in text.char_indices() {
        if !c.is_alphanumeric() {
            continue;
        }
        let s = class(c);
        match current {
            Some(cur) if cur != s => {
                runs.push((cur, &text[start..i]));
                start = i;
                current = Some(s);
            }
            None => current = Some(s),
            _ => {}
        }
    }
    if let Some(cur) = current {
        runs.push((cur, &text[start..]));
    }
    runs
}

/// Letters and marks that belong with Latin text though [`Script::of_char`] does not
/// say Latin: IPA, spacing modifiers (the `ʻ` of `Choʻng`), combining diacritics and the
/// later Latin blocks.
fn is_latin_mark(c: char) -> bool {
    matches!(u32::from(c), 0x0250..=0x036F | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(form: &Form) -> Vec<&str> {
        form.tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn latin_names_have_one_literal_form() {
        let forms = analyze("KIM, Cho'ng-u'n");
        assert_eq!(forms.len(), 1);
        assert_eq!(texts(&forms[0]), vec!["kim", "chong", "un"]);
        assert_eq!(forms[0].via, Via::Latin);
    }

    #[test]
    fn splits_mixed_scripts_into_runs() {
        let runs = script_runs("Jin Tiesan (金铁三)");
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].0, Script::Latin);
        assert_eq!(runs[1].0, Script::Han);
    }

    #[test]
    fn scripts_read_letter_by_letter_are_transliterations() {
        for name in ["هيا الراشد", "Вячеслав Пономарев", "शीला खान"]
        {
            let forms = analyze(name);
            assert_eq!(forms[0].via, Via::Transliteration, "{name}");
        }
        assert_eq!(analyze("Choʻng-uʻn")[0].via, Via::Latin);
    }

    #[test]
    fn empty_and_punctuation_names_have_no_forms() {
        assert!(analyze("").is_empty());
        assert!(analyze(" ,.-' ").is_empty());
    }
}
