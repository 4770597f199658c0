//! Hangul: syllable decomposition and romanization (McCune-Reischauer as the lists write
//! it, DPRK usage, Revised Romanization), person-name and organisation readings.
//!
//! Everything is table-driven and allocation-light: a syllable is three small indices, and
//! the tables below give each system's spelling of the 19 initials, 21 vowels and 28
//! finals. The organisation vocabulary is a hand-kept table, `data/words/korean_vocab.tsv`,
//! parsed once on first use.

use std::sync::LazyLock;

use super::tables::{self, word_table, Record, Table, TableError};
use super::{Reading, Via};

/// First precomposed Hangul syllable (가).
const SBASE: u32 = 0xAC00;
/// Number of precomposed syllables.
const SCOUNT: u32 = 11_172;

/// Initial-consonant indices used by the rules.
const I_N: u8 = 2;
const I_R: u8 = 5;
const I_M: u8 = 6;
const I_NULL: u8 = 11;
/// Final-consonant indices used by the rules.
const F_N: u8 = 4;
const F_L: u8 = 8;

/// One Hangul syllable as its jamo indices (19 initials, 21 vowels, 28 finals; final 0 =
/// none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Syllable {
    /// Initial consonant, 0..19.
    pub initial: u8,
    /// Vowel, 0..21.
    pub vowel: u8,
    /// Final consonant, 0..28 (0: none).
    pub fin: u8,
}

impl Syllable {
    /// Splits a precomposed syllable arithmetically; `None` for anything else.
    pub fn from_char(c: char) -> Option<Syllable> {
        let s = (c as u32).checked_sub(SBASE)?;
        if s >= SCOUNT {
            return None;
        }
        Some(Syllable {
            initial: (s / 588) as u8,
            vowel: ((s % 588) / 28) as u8,
            fin: (s % 28) as u8,
        })
    }

    /// Recomposes the syllable (used for the North/South spelling variants).
    pub fn to_char(self) -> char {
        let s = SBASE
            + u32::from(self.initial) * 588
            + u32::from(self.vowel) * 28
            + u32::from(self.fin);
        char::from_u32(s).unwrap_or('\u{FFFD}')
    }
}

/// A romanization system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    /// McCune-Reischauer as OFAC/UN write it: breves and aspiration marks dropped.
    Mr,
    /// DPRK usage on the lists: j, kh/th/ph, r kept word-initially.
    Dprk,
    /// Revised Romanization (South Korea, 2000).
    Rr,
}

impl System {
    /// What a reading in this system is tagged with.
    pub fn via(self) -> Via {
        match self {
            System::Mr => Via::McCuneReischauer,
            System::Dprk => Via::Dprk,
            System::Rr => Via::RevisedRomanization,
        }
    }
}

/// Initial consonants: [RR, MR word-initial, MR voiced, DPRK word-initial, DPRK voiced].
/// The voiced column applies between vowels or after n/l/m/ng within a word.
const INITIALS: [[&str; 5]; 19] = [
    ["g", "k", "g", "k", "g"],        // ㄱ
    ["kk", "kk", "kk", "kk", "kk"],   // ㄲ
    ["n", "n", "n", "n", "n"],        // ㄴ
    ["d", "t", "d", "t", "d"],        // ㄷ
    ["tt", "tt", "tt", "tt", "tt"],   // ㄸ
    ["r", "r", "r", "r", "r"],        // ㄹ
    ["m", "m", "m", "m", "m"],        // ㅁ
    ["b", "p", "b", "p", "b"],        // ㅂ
    ["pp", "pp", "pp", "pp", "pp"],   // ㅃ
    ["s", "s", "s", "s", "s"],        // ㅅ
    ["ss", "ss", "ss", "ss", "ss"],   // ㅆ
    ["", "", "", "", ""],             // ㅇ
    ["j", "ch", "j", "j", "j"],       // ㅈ
    ["jj", "tch", "tch", "jj", "jj"], // ㅉ
    ["ch", "ch", "ch", "ch", "ch"],   // ㅊ
    ["k", "k", "k", "kh", "kh"],      // ㅋ
    ["t", "t", "t", "th", "th"],      // ㅌ
    ["p", "p", "p", "ph", "ph"],      // ㅍ
    ["h", "h", "h", "h", "h"],        // ㅎ
];

/// Vowels: [RR, MR and DPRK].
const VOWELS: [[&str; 2]; 21] = [
    ["a", "a"],     // ㅏ
    ["ae", "ae"],   // ㅐ
    ["ya", "ya"],   // ㅑ
    ["yae", "yae"], // ㅒ
    ["eo", "o"],    // ㅓ
    ["e", "e"],     // ㅔ
    ["yeo", "yo"],  // ㅕ
    ["ye", "ye"],   // ㅖ
    ["o", "o"],     // ㅗ
    ["wa", "wa"],   // ㅘ
    ["wae", "wae"], // ㅙ
    ["oe", "oe"],   // ㅚ
    ["yo", "yo"],   // ㅛ
    ["u", "u"],     // ㅜ
    ["wo", "wo"],   // ㅝ
    ["we", "we"],   // ㅞ
    ["wi", "wi"],   // ㅟ
    ["yu", "yu"],   // ㅠ
    ["eu", "u"],    // ㅡ
    ["ui", "ui"],   // ㅢ
    ["i", "i"],     // ㅣ
];

/// Finals as pronounced at the end of a syllable (the same in all three systems).
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

/// Vowels with a y-glide or i, before which the South drops an initial ㄹ/ㄴ.
fn is_y_vowel(v: u8) -> bool {
    matches!(v, 2 | 3 | 6 | 7 | 12 | 17 | 20)
}

/// How a final sounds, for the voicing rule.
fn final_is_obstruent(fin: u8) -> bool {
    matches!(FINALS[usize::from(fin) % 28], "k" | "t" | "p")
}

/// Romanized initial consonant. `prev` is the final of the previous syllable of the same
/// word (`None` at a word start); `assimilate` turns on MR's sound changes for joined words.
fn initial_str(ini: u8, prev: Option<u8>, sys: System, assimilate: bool) -> &'static str {
    let row = &INITIALS[usize::from(ini) % 19];
    if ini == I_R {
        return match prev {
            Some(F_L) => "l",
            Some(F_N) if assimilate => "l",
            Some(f) if assimilate && f != 0 => "n",
            _ => "r",
        };
    }
    if ini == I_N && assimilate && prev == Some(F_L) {
        return "l";
    }
    let (word_initial, voiced) = match sys {
        System::Rr => return row[0],
        System::Mr => (row[1], row[2]),
        System::Dprk => (row[3], row[4]),
    };
    match prev {
        Some(f) if !final_is_obstruent(f) => voiced,
        _ => word_initial,
    }
}

/// Romanized final; with `assimilate`, MR nasalisation before the next initial.
fn final_str(fin: u8, next_initial: Option<u8>, assimilate: bool) -> &'static str {
    let base = FINALS[usize::from(fin) % 28];
    let Some(next) = next_initial.filter(|_| assimilate) else {
        return base;
    };
    let nasal_next = matches!(next, I_N | I_M | I_R);
    match base {
        "k" if nasal_next => "ng",
        "p" if nasal_next => "m",
        "t" if matches!(next, I_N | I_M) => "n",
        "n" if next == I_R => "l",
        _ => base,
    }
}

fn vowel_str(v: u8, sys: System) -> &'static str {
    let row = &VOWELS[usize::from(v) % 21];
    match sys {
        System::Rr => row[0],
        _ => row[1],
    }
}

/// Romanizes one word as a single token, with voicing (and for MR, assimilation) inside it.
pub fn romanize_word(word: &[Syllable], sys: System) -> String {
    let assimilate = sys == System::Mr;
    let mut out = String::with_capacity(word.len() * 4);
    for (i, s) in word.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| word[p].fin);
        let next = word.get(i + 1).map(|n| n.initial);
        out.push_str(initial_str(s.initial, prev, sys, assimilate));
        out.push_str(vowel_str(s.vowel, sys));
        out.push_str(final_str(s.fin, next, assimilate));
    }
    out
}

/// Romanizes a given name one token per syllable, as the lists write it (`Pyong Chol`,
/// `Su Gil`): the first syllable takes word-initial rules, later ones are voiced after a
/// vowel or sonorant, and no assimilation is applied.
fn romanize_given(given: &[Syllable], sys: System, out: &mut Vec<String>) {
    for (i, s) in given.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| given[p].fin);
        let mut t = String::with_capacity(6);
        t.push_str(initial_str(s.initial, prev, sys, false));
        t.push_str(vowel_str(s.vowel, sys));
        t.push_str(FINALS[usize::from(s.fin) % 28]);
        out.push(t);
    }
}

/// The South Korean spelling of a word-initial syllable (initial-sound law): 리→이, 로→노,
/// 녀→여. Unchanged when the law does not apply.
pub fn south_spelling(s: Syllable) -> Syllable {
    let initial = match (s.initial, is_y_vowel(s.vowel)) {
        (I_R, true) | (I_N, true) => I_NULL,
        (I_R, false) => I_N,
        _ => s.initial,
    };
    Syllable { initial, ..s }
}

/// A North Korean spelling of a word-initial syllable: 이→리, 노→로 (`with_n`: 여→녀).
/// The reverse of the law is ambiguous, so both guesses exist.
pub fn north_spelling(s: Syllable, with_n: bool) -> Syllable {
    let initial = match (s.initial, is_y_vowel(s.vowel)) {
        (I_NULL, true) if with_n => I_N,
        (I_NULL, true) => I_R,
        (I_N, false) if !with_n => I_R,
        _ => s.initial,
    };
    Syllable { initial, ..s }
}

/// Common single-syllable surnames, sorted by code point for binary search.
const SURNAMES: &[char] = &[
    '가', '간', '감', '강', '경', '계', '고', '공', '곽', '구', '국', '권', '금', '기', '길', '김',
    '나', '남', '노', '당', '도', '동', '두', '라', '량', '렴', '로', '롱', '류', '리', '림', '마',
    '맹', '명', '모', '문', '민', '박', '반', '방', '배', '백', '변', '봉', '서', '석', '선', '설',
    '성', '소', '손', '송', '신', '심', '안', '양', '엄', '여', '연', '염', '오', '왕', '용', '우',
    '원', '위', '유', '육', '윤', '은', '이', '인', '임', '장', '전', '정', '제', '조', '주', '지',
    '진', '차', '채', '천', '최', '추', '탁', '태', '편', '표', '하', '한', '함', '허', '현', '홍',
    '황',
];

/// The four common two-syllable surnames.
const COMPOUND_SURNAMES: &[&str] = &["남궁", "황보", "제갈", "선우"];

fn is_surname(c: char) -> bool {
    SURNAMES.binary_search(&c).is_ok()
}

/// Customary list spellings of a surname: (DPRK usage, MR as OFAC/UN write it, South
/// Korean customary). `None` means: use the system rules.
fn customary_surname(c: char) -> Option<[&'static str; 3]> {
    let s = match c {
        '김' => ["kim", "kim", "kim"],
        '이' => ["ri", "yi", "lee"],
        '리' => ["ri", "ri", "lee"],
        '박' => ["pak", "pak", "park"],
        '최' => ["choe", "choe", "choi"],
        '정' => ["jong", "chong", "jung"],
        '조' => ["jo", "cho", "cho"],
        '강' => ["kang", "kang", "kang"],
        '윤' => ["yun", "yun", "yoon"],
        '장' => ["jang", "chang", "jang"],
        '임' => ["rim", "im", "lim"],
        '림' => ["rim", "rim", "lim"],
        '노' => ["ro", "no", "noh"],
        '로' => ["ro", "ro", "roh"],
        '유' => ["ryu", "yu", "yoo"],
        '류' => ["ryu", "ryu", "ryu"],
        '양' => ["ryang", "yang", "yang"],
        '량' => ["ryang", "ryang", "yang"],
        '염' => ["ryom", "yom", "yeom"],
        '렴' => ["ryom", "ryom", "yeom"],
        '신' => ["sin", "sin", "shin"],
        '오' => ["o", "o", "oh"],
        '서' => ["so", "so", "seo"],
        '전' => ["jon", "chon", "jeon"],
        '허' => ["ho", "ho", "heo"],
        '백' => ["paek", "paek", "baek"],
        '배' => ["pae", "pae", "bae"],
        '변' => ["pyon", "pyon", "byun"],
        '태' => ["thae", "tae", "tae"],
        '현' => ["hyon", "hyon", "hyun"],
        '계' => ["kye", "kye", "kye"],
        '주' => ["ju", "chu", "joo"],
        '구' => ["ku", "ku", "koo"],
        '안' => ["an", "an", "ahn"],
        '손' => ["son", "son", "sohn"],
        '송' => ["song", "song", "song"],
        '문' => ["mun", "mun", "moon"],
        '권' => ["kwon", "kwon", "kwon"],
        '우' => ["u", "u", "woo"],
        _ => return None,
    };
    Some(s)
}

/// Korean organisation vocabulary (columns in the file's header).
const VOCAB_TABLE: Table = word_table!("korean_vocab.tsv");

/// Korean organisation vocabulary, in file order.
static VOCAB: LazyLock<Vec<VocabEntry>> = LazyLock::new(|| tables::load(VOCAB_TABLE, parse_vocab));

/// A Korean organisation word.
#[derive(Debug, Clone, PartialEq, Eq)]
struct VocabEntry {
    /// The word, in Hangul syllables.
    hangul: &'static str,
    /// Its sub-words, transliterated separately, as the lists do (`Muyok Hoesa`).
    subs: Vec<&'static str>,
    /// Its English translation as the lists write it, as folded tokens.
    english: Vec<&'static str>,
}

fn parse_vocab(table: Table) -> Result<Vec<VocabEntry>, TableError> {
    let entry = |r: &Record| {
        let hangul = r.columns[0];
        if !hangul.chars().all(|c| Syllable::from_char(c).is_some()) {
            return Err(r.error(format!("{hangul:?} is not Hangul syllables")));
        }
        let subs = r.words(1)?;
        if subs.concat() != hangul {
            return Err(r.error(format!("the sub-words do not spell {hangul:?}")));
        }
        let english = r.words(2)?;
        if let Some(w) = english
            .iter()
            .find(|w| !w.bytes().all(|b| b.is_ascii_lowercase()))
        {
            return Err(r.error(format!("{w:?} is not a folded token")));
        }
        Ok(VocabEntry {
            hangul,
            subs,
            english,
        })
    };
    table.records(3)?.iter().map(entry).collect()
}

/// A piece of a word: plain Hangul or a vocabulary entry (index into `VOCAB`).
#[derive(Debug, Clone)]
enum Piece {
    Plain(Vec<Syllable>),
    Vocab(usize),
}

/// Longest vocabulary entry starting at `chars[i..]`, as (entry, length in syllables).
fn vocab_at(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (k, h) in VOCAB.iter().map(|e| e.hangul).enumerate() {
        if !h.starts_with(chars[i]) {
            continue;
        }
        let n = h.chars().count();
        if n > chars.len() - i || best.is_some_and(|(_, bn)| bn >= n) {
            continue;
        }
        if h.chars().zip(&chars[i..]).all(|(a, b)| a == *b) {
            best = Some((k, n));
        }
    }
    best
}

/// Splits a word into vocabulary and plain pieces, greedily from the left (조선대성은행 →
/// 조선 | 대성 | 은행).
fn segment(chars: &[char]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut plain = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((k, n)) = vocab_at(chars, i) {
            if !plain.is_empty() {
                pieces.push(Piece::Plain(std::mem::take(&mut plain)));
            }
            pieces.push(Piece::Vocab(k));
            i += n;
        } else {
            if let Some(s) = Syllable::from_char(chars[i]) {
                plain.push(s);
            }
            i += 1;
        }
    }
    if !plain.is_empty() {
        pieces.push(Piece::Plain(plain));
    }
    pieces
}

fn syllables(s: &str) -> Vec<Syllable> {
    s.chars().filter_map(Syllable::from_char).collect()
}

/// Words of a run: maximal stretches of precomposed syllables. `(주)`/㈜ become 주식회사.
fn words(run: &str) -> Vec<Vec<char>> {
    let replaced;
    let run = if run.contains("(주)") || run.contains('㈜') {
        replaced = run
            .replace("(주)", " 주식회사 ")
            .replace('㈜', " 주식회사 ");
        replaced.as_str()
    } else {
        run
    };
    let mut out: Vec<Vec<char>> = Vec::new();
    let mut cur = Vec::new();
    for c in run.chars() {
        if Syllable::from_char(c).is_some() {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A person name split as surname and given-name syllables.
struct PersonName {
    surname: Vec<char>,
    given: Vec<Syllable>,
}

/// Recognises a Korean person name: 2–4 syllables (5 with a compound surname) in one or
/// more words, starting with a known surname (or exactly three syllables), and no
/// organisation word at its end.
fn person_name(words: &[Vec<char>]) -> Option<PersonName> {
    let all: Vec<char> = words.iter().flatten().copied().collect();
    let compound = all.len() >= 3
        && COMPOUND_SURNAMES
            .iter()
            .any(|c| c.chars().zip(&all).all(|(a, b)| a == *b));
    let split = if compound { 2 } else { 1 };
    if all.len() < split + 1 || all.len() > split + 3 {
        return None;
    }
    if words.iter().any(|w| ends_with_vocab(w)) {
        return None;
    }
    if !compound && !is_surname(all[0]) && all.len() != 3 {
        return None;
    }
    Some(PersonName {
        surname: all[..split].to_vec(),
        given: all[split..]
            .iter()
            .filter_map(|&c| Syllable::from_char(c))
            .collect(),
    })
}

/// Folded Latin words this long may be a whole Korean name written as one word in
/// Revised Romanization (`Joseondaeoegeonseolchonghoesa`).
pub const MIN_RUN_ON_LEN: usize = 12;

/// Reads folded Latin words written in Revised Romanization back into Hangul, a
/// syllable at a time: a consonant between vowels begins the next syllable (`roketeu` →
/// 로케트). `ng` before a vowel may end a syllable or split (`jungang` 중앙, `mingong`
/// 민공): of the readings, the one most of whose syllables are vocabulary words wins.
/// `None` if a word does not read so.
pub fn from_revised(words: &[&str]) -> Option<String> {
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut readings = Vec::new();
        let mut budget = MAX_REVISED_STEPS;
        revised_readings(
            word.as_bytes(),
            &mut String::new(),
            &mut readings,
            &mut budget,
        );
        let best = readings.into_iter().max_by_key(|h| {
            let chars: Vec<char> = h.chars().collect();
            let covered: usize = segment(&chars)
                .iter()
                .map(|p| match p {
                    Piece::Vocab(k) => VOCAB[*k].hangul.chars().count(),
                    Piece::Plain(_) => 0,
                })
                .sum();
            (covered, std::cmp::Reverse(chars.len()))
        })?;
        out.push_str(&best);
    }
    Some(out)
}

/// At most this many readings of one word are weighed, and this many syllables tried
/// (a long word that does not read would otherwise try every split).
const MAX_REVISED_READINGS: usize = 32;
const MAX_REVISED_STEPS: usize = 2_000;

/// Every reading of `text` (see [`from_revised`]) after `done`, into `out`.
fn revised_readings(text: &[u8], done: &mut String, out: &mut Vec<String>, budget: &mut usize) {
    if out.len() >= MAX_REVISED_READINGS || *budget == 0 {
        return;
    }
    *budget -= 1;
    if text.is_empty() {
        out.push(done.clone());
        return;
    }
    for (syllable, len) in revised_syllables(text) {
        done.push(syllable.to_char());
        revised_readings(&text[len..], done, out, budget);
        done.pop();
    }
}

/// The syllables `text` may start with, and their lengths in bytes: the longest, and
/// where it ends in `ng` before a vowel, also the one ending in `n`.
fn revised_syllables(text: &[u8]) -> Vec<(Syllable, usize)> {
    let is_vowel = |b: u8| b"aeiouwy".contains(&b);
    let longest = |table: &mut dyn Iterator<Item = (usize, &'static str)>, at: usize| {
        table
            .filter(|(_, s)| text[at..].starts_with(s.as_bytes()))
            .max_by_key(|(_, s)| s.len())
    };
    let Some((initial, ini)) = longest(&mut INITIALS.iter().map(|r| r[0]).enumerate(), 0) else {
        return Vec::new();
    };
    let Some((vowel, vow)) = longest(&mut VOWELS.iter().map(|r| r[0]).enumerate(), ini.len())
    else {
        return Vec::new();
    };
    if vow.is_empty() {
        return Vec::new();
    }
    let at = ini.len() + vow.len();
    let next_is_vowel = |n: usize| text.get(at + n).is_some_and(|&b| is_vowel(b));
    let syllable = |fin: u8| Syllable {
        initial: initial as u8,
        vowel: vowel as u8,
        fin,
    };
    let finals: Vec<&(&str, u8)> = REVISED_FINALS
        .iter()
        .filter(|(f, _)| text[at..].starts_with(f.as_bytes()))
        .filter(|(f, _)| *f == "ng" || !next_is_vowel(f.len()))
        .collect();
    let mut out: Vec<(Syllable, usize)> = finals
        .iter()
        .map(|(f, index)| (syllable(*index), at + f.len()))
        .collect();
    out.sort_by_key(|(_, len)| std::cmp::Reverse(*len));
    out.truncate(2);
    if out.is_empty() {
        out.push((syllable(0), at));
    }
    out
}

/// Finals as Revised Romanization writes them, with the jamo index each is read as.
const REVISED_FINALS: [(&str, u8); 7] = [
    ("k", 1),
    ("n", 4),
    ("t", 19),
    ("l", 8),
    ("m", 16),
    ("p", 17),
    ("ng", 21),
];

/// Whether a Hangul name has the shape of a Korean person name as Korean writes Han
/// characters: a known surname and one or two given-name syllables (a compound surname
/// and one to two). `和也 阿部` (Japanese) or `习近平` read as Hangul do not.
pub fn is_korean_person_name(text: &str) -> bool {
    let words: Vec<Vec<char>> = text
        .split_whitespace()
        .map(|w| w.chars().collect())
        .collect();
    let all: Vec<char> = words.iter().flatten().copied().collect();
    let compound = COMPOUND_SURNAMES
        .iter()
        .any(|c| all.len() > 2 && c.chars().zip(&all).all(|(a, b)| a == *b));
    let given = all.len().saturating_sub(if compound { 2 } else { 1 });
    (compound || all.first().is_some_and(|&c| is_surname(c))) && (1..=2).contains(&given)
}

/// Whether a word ends with an organisation word (조선대성은행, not 조선희).
fn ends_with_vocab(word: &[char]) -> bool {
    VOCAB.iter().any(|e| {
        let n = e.hangul.chars().count();
        n <= word.len() && e.hangul.chars().eq(word[word.len() - n..].iter().copied())
    })
}

/// Adds a reading unless an identical token sequence is already there.
fn push_reading(out: &mut Vec<Reading>, tokens: Vec<String>, via: Via) {
    if tokens.is_empty() || out.iter().any(|r| r.tokens == tokens) {
        return;
    }
    out.push(Reading { tokens, via });
}

/// Which spelling of the name-initial syllables a reading is built on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Spelling {
    Original,
    South,
    NorthR,
    NorthN,
}

fn respell(s: Syllable, sp: Spelling) -> Syllable {
    match sp {
        Spelling::Original => s,
        Spelling::South => south_spelling(s),
        Spelling::NorthR => north_spelling(s, false),
        Spelling::NorthN => north_spelling(s, true),
    }
}

/// Surname token in a system; `custom` picks the list spellings (column of
/// `customary_surname`: 0 DPRK, 1 MR, 2 South customary).
fn surname_token(surname: &[char], sys: System, custom: Option<usize>) -> String {
    if let (Some(col), [c]) = (custom, surname) {
        if let Some(row) = customary_surname(*c) {
            return row[col].to_string();
        }
    }
    let syl: Vec<Syllable> = surname
        .iter()
        .filter_map(|&c| Syllable::from_char(c))
        .collect();
    romanize_word(&syl, sys)
}

fn person_tokens(p: &PersonName, sys: System, custom: Option<usize>, sp: Spelling) -> Vec<String> {
    let mut surname = p.surname.clone();
    if sp == Spelling::South && surname.len() == 1 {
        if let Some(s) = Syllable::from_char(surname[0]) {
            surname[0] = south_spelling(s).to_char();
        }
    }
    let mut tokens = vec![surname_token(&surname, sys, custom)];
    let mut given = p.given.clone();
    if let Some(first) = given.first_mut() {
        *first = respell(*first, sp);
    }
    romanize_given(&given, sys, &mut tokens);
    tokens
}

/// Readings of a person name, the list-like ones first.
fn person_readings(p: &PersonName) -> Vec<Reading> {
    let mut out = Vec::new();
    let o = Spelling::Original;
    push_reading(
        &mut out,
        person_tokens(p, System::Dprk, Some(0), o),
        Via::Dprk,
    );
    push_reading(
        &mut out,
        person_tokens(p, System::Mr, Some(1), o),
        Via::McCuneReischauer,
    );
    push_reading(
        &mut out,
        person_tokens(p, System::Rr, None, o),
        Via::RevisedRomanization,
    );
    let s = Spelling::South;
    push_reading(
        &mut out,
        person_tokens(p, System::Rr, Some(2), s),
        Via::RevisedRomanization,
    );
    push_reading(
        &mut out,
        person_tokens(p, System::Rr, None, s),
        Via::RevisedRomanization,
    );
    push_reading(
        &mut out,
        person_tokens(p, System::Mr, Some(1), s),
        Via::McCuneReischauer,
    );
    out.truncate(MAX_READINGS);
    out
}

/// At most this many readings per run: each becomes index keys.
pub const MAX_READINGS: usize = 6;

/// Organisation (or any non-person) readings: per word, vocabulary pieces either
/// translated or transliterated sub-word by sub-word, plain pieces romanized joined.
fn general_tokens(words: &[Vec<Piece>], sys: System, translate: bool, sp: Spelling) -> Vec<String> {
    let mut tokens = Vec::new();
    for pieces in words {
        for piece in pieces {
            match piece {
                Piece::Vocab(k) => {
                    let VocabEntry { subs, english, .. } = &VOCAB[*k];
                    if translate {
                        tokens.extend(english.iter().map(|t| t.to_string()));
                    } else {
                        tokens.extend(subs.iter().map(|w| romanize_word(&syllables(w), sys)));
                    }
                }
                Piece::Plain(syl) => {
                    let mut syl = syl.clone();
                    if let Some(first) = syl.first_mut() {
                        *first = respell(*first, sp);
                    }
                    tokens.push(romanize_word(&syl, sys));
                }
            }
        }
    }
    tokens
}

fn general_readings(words: &[Vec<char>]) -> Vec<Reading> {
    let segmented: Vec<Vec<Piece>> = words.iter().map(|w| segment(w)).collect();
    let has_vocab = segmented
        .iter()
        .flatten()
        .any(|p| matches!(p, Piece::Vocab(_)));
    let mut out = Vec::new();
    let o = Spelling::Original;
    let t = Via::KoreanTranslation;
    if has_vocab {
        push_reading(
            &mut out,
            general_tokens(&segmented, System::Dprk, true, o),
            t,
        );
    }
    push_reading(
        &mut out,
        general_tokens(&segmented, System::Mr, false, o),
        Via::McCuneReischauer,
    );
    for sp in [Spelling::South, Spelling::NorthN, Spelling::NorthR] {
        let (sys, via) = if sp == Spelling::South {
            (System::Rr, Via::RevisedRomanization)
        } else {
            (System::Dprk, Via::Dprk)
        };
        if has_vocab {
            push_reading(
                &mut out,
                general_tokens(&segmented, System::Dprk, true, sp),
                t,
            );
        } else {
            push_reading(&mut out, general_tokens(&segmented, sys, false, sp), via);
        }
    }
    push_reading(
        &mut out,
        general_tokens(&segmented, System::Dprk, false, o),
        Via::Dprk,
    );
    push_reading(
        &mut out,
        general_tokens(&segmented, System::Rr, false, o),
        Via::RevisedRomanization,
    );
    out.truncate(MAX_READINGS);
    out
}

/// Latin readings of a run of Hangul text (a name, or several words of one), most
/// list-like first, at most [`MAX_READINGS`], without duplicates. Characters other than
/// precomposed syllables separate words and are otherwise ignored.
pub fn readings(run: &str) -> Vec<Reading> {
    let words = words(run);
    if words.is_empty() {
        return Vec::new();
    }
    match person_name(&words) {
        Some(p) => person_readings(&p),
        None => general_readings(&words),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syl(c: char) -> Syllable {
        Syllable::from_char(c).unwrap()
    }

    fn rom(s: &str, sys: System) -> String {
        romanize_word(&syllables(s), sys)
    }

    fn has(rs: &[Reading], toks: &[&str]) -> bool {
        rs.iter().any(|r| r.tokens == toks)
    }

    fn show(rs: &[Reading]) -> String {
        rs.iter()
            .map(|r| format!("{} ({})", r.tokens.join(" "), r.via.name()))
            .collect::<Vec<_>>()
            .join(" | ")
    }

    #[test]
    fn revised_romanization_reads_back_into_hangul() {
        assert_eq!(
            from_revised(&["joseonminjujuuiinmingonghwaguk"]).as_deref(),
            Some("조선민주주의인민공화국")
        );
        assert_eq!(
            from_revised(&["roketeugongeopbu"]).as_deref(),
            Some("로케트공업부")
        );
        assert_eq!(
            from_revised(&["junganggeomchalso"]).as_deref(),
            Some("중앙검찰소")
        );
        assert_eq!(from_revised(&["hangugeo"]).as_deref(), Some("한구거"));
        assert_eq!(from_revised(&["xyz"]), None);
        // A long word that never reads is given up on, not tried every way.
        let long = format!("{}x", "gang".repeat(250));
        assert_eq!(from_revised(&[long.as_str()]), None);
    }

    #[test]
    fn korean_person_names_by_shape() {
        assert!(is_korean_person_name("김정은"));
        assert!(is_korean_person_name("김 정은"));
        assert!(is_korean_person_name("남궁민수"));
        assert!(!is_korean_person_name("습근평"));
        assert!(!is_korean_person_name("화야 아부"));
        assert!(!is_korean_person_name("김"));
    }

    #[test]
    fn decomposes_arithmetically() {
        assert_eq!(
            syl('가'),
            Syllable {
                initial: 0,
                vowel: 0,
                fin: 0
            }
        );
        assert_eq!(
            syl('힣'),
            Syllable {
                initial: 18,
                vowel: 20,
                fin: 27
            }
        );
        assert_eq!(
            syl('김'),
            Syllable {
                initial: 0,
                vowel: 20,
                fin: 16
            }
        );
        assert_eq!(syl('김').to_char(), '김');
        assert_eq!(Syllable::from_char('a'), None);
        assert_eq!(Syllable::from_char('ㄱ'), None);
    }

    /// Each initial, word-initially before ㅏ: [RR, MR, DPRK].
    #[test]
    fn initials_per_system() {
        let rows: [(char, [&str; 3]); 19] = [
            ('가', ["ga", "ka", "ka"]),
            ('까', ["kka", "kka", "kka"]),
            ('나', ["na", "na", "na"]),
            ('다', ["da", "ta", "ta"]),
            ('따', ["tta", "tta", "tta"]),
            ('라', ["ra", "ra", "ra"]),
            ('마', ["ma", "ma", "ma"]),
            ('바', ["ba", "pa", "pa"]),
            ('빠', ["ppa", "ppa", "ppa"]),
            ('사', ["sa", "sa", "sa"]),
            ('싸', ["ssa", "ssa", "ssa"]),
            ('아', ["a", "a", "a"]),
            ('자', ["ja", "cha", "ja"]),
            ('짜', ["jja", "tcha", "jja"]),
            ('차', ["cha", "cha", "cha"]),
            ('카', ["ka", "ka", "kha"]),
            ('타', ["ta", "ta", "tha"]),
            ('파', ["pa", "pa", "pha"]),
            ('하', ["ha", "ha", "ha"]),
        ];
        for (c, [rr, mr, dprk]) in rows {
            let s = c.to_string();
            assert_eq!(rom(&s, System::Rr), rr, "RR {c}");
            assert_eq!(rom(&s, System::Mr), mr, "MR {c}");
            assert_eq!(rom(&s, System::Dprk), dprk, "DPRK {c}");
        }
    }

    /// Plain initials between vowels are voiced in MR and DPRK, not after k/t/p.
    #[test]
    fn medial_voicing() {
        assert_eq!(rom("아가", System::Mr), "aga");
        assert_eq!(rom("아다", System::Mr), "ada");
        assert_eq!(rom("아바", System::Mr), "aba");
        assert_eq!(rom("아자", System::Mr), "aja");
        assert_eq!(rom("대성", System::Mr), "taesong");
        assert_eq!(rom("련봉", System::Dprk), "ryonbong");
        assert_eq!(rom("악다", System::Mr), "akta");
        assert_eq!(rom("악다", System::Rr), "akda");
        assert_eq!(rom("릉라도", System::Dprk), "rungrado");
    }

    #[test]
    fn mr_assimilation_in_joined_words() {
        assert_eq!(rom("종로", System::Mr), "chongno");
        assert_eq!(rom("천리마", System::Mr), "chollima");
        assert_eq!(rom("독립", System::Mr), "tongnip");
        assert_eq!(rom("박물", System::Mr), "pangmul");
        assert_eq!(rom("설날", System::Mr), "sollal");
    }

    /// Each vowel after ㅇ: [RR, MR/DPRK].
    #[test]
    fn vowels_per_system() {
        let rows: [(char, [&str; 2]); 21] = [
            ('아', ["a", "a"]),
            ('애', ["ae", "ae"]),
            ('야', ["ya", "ya"]),
            ('얘', ["yae", "yae"]),
            ('어', ["eo", "o"]),
            ('에', ["e", "e"]),
            ('여', ["yeo", "yo"]),
            ('예', ["ye", "ye"]),
            ('오', ["o", "o"]),
            ('와', ["wa", "wa"]),
            ('왜', ["wae", "wae"]),
            ('외', ["oe", "oe"]),
            ('요', ["yo", "yo"]),
            ('우', ["u", "u"]),
            ('워', ["wo", "wo"]),
            ('웨', ["we", "we"]),
            ('위', ["wi", "wi"]),
            ('유', ["yu", "yu"]),
            ('으', ["eu", "u"]),
            ('의', ["ui", "ui"]),
            ('이', ["i", "i"]),
        ];
        for (c, [rr, mr]) in rows {
            let s = c.to_string();
            assert_eq!(rom(&s, System::Rr), rr, "RR {c}");
            assert_eq!(rom(&s, System::Mr), mr, "MR {c}");
            assert_eq!(rom(&s, System::Dprk), mr, "DPRK {c}");
        }
    }

    /// Each of the 28 finals on 아 (가 + final index).
    #[test]
    fn finals_all_systems() {
        let expect = [
            "a", "ak", "ak", "ak", "an", "an", "an", "at", "al", "ak", "am", "al", "al", "al",
            "ap", "al", "am", "ap", "ap", "at", "at", "ang", "at", "at", "ak", "at", "ap", "at",
        ];
        for (f, want) in expect.iter().enumerate() {
            let s = Syllable {
                initial: I_NULL,
                vowel: 0,
                fin: f as u8,
            };
            for sys in [System::Rr, System::Mr, System::Dprk] {
                assert_eq!(romanize_word(&[s], sys), *want, "final {f} {sys:?}");
            }
        }
    }

    #[test]
    fn initial_sound_law() {
        for (north, south) in [
            ('리', '이'),
            ('림', '임'),
            ('로', '노'),
            ('류', '유'),
            ('량', '양'),
            ('렴', '염'),
            ('룡', '용'),
            ('련', '연'),
            ('녀', '여'),
        ] {
            assert_eq!(south_spelling(syl(north)).to_char(), south, "{north}");
        }
        assert_eq!(north_spelling(syl('이'), false).to_char(), '리');
        assert_eq!(north_spelling(syl('노'), false).to_char(), '로');
        assert_eq!(north_spelling(syl('영'), true).to_char(), '녕');
        assert_eq!(north_spelling(syl('김'), true).to_char(), '김');
    }

    #[test]
    fn kim_jong_un() {
        let rs = readings("김정은");
        assert!(has(&rs, &["kim", "jong", "un"]), "{}", show(&rs));
        assert!(has(&rs, &["kim", "chong", "un"]), "{}", show(&rs));
        assert!(has(&rs, &["gim", "jeong", "eun"]), "{}", show(&rs));
        assert_eq!(rs[0].tokens, ["kim", "jong", "un"]);
        assert_eq!(rs[0].via, Via::Dprk);
        assert!(rs.len() <= MAX_READINGS);
        assert_eq!(readings("김 정은"), rs);
    }

    #[test]
    fn list_names() {
        let cases: &[(&str, &[&[&str]])] = &[
            (
                "리병철",
                &[&["ri", "pyong", "chol"], &["ri", "byeong", "cheol"]],
            ),
            (
                "최룡해",
                &[&["choe", "ryong", "hae"], &["choi", "yong", "hae"]],
            ),
            (
                "김영철",
                &[&["kim", "yong", "chol"], &["gim", "yeong", "cheol"]],
            ),
            ("박봉주", &[&["pak", "pong", "ju"], &["park", "bong", "ju"]]),
            (
                "장성택",
                &[&["jang", "song", "thaek"], &["chang", "song", "taek"]],
            ),
            ("김수길", &[&["kim", "su", "gil"]]),
            ("리영길", &[&["ri", "yong", "gil"]]),
            ("김동운", &[&["kim", "tong", "un"]]),
            ("전일춘", &[&["jon", "il", "chun"], &["chon", "il", "chun"]]),
            (
                "이병철",
                &[&["lee", "byeong", "cheol"], &["yi", "pyong", "chol"]],
            ),
            ("남궁민", &[&["namgung", "min"]]),
        ];
        for (name, wants) in cases {
            let rs = readings(name);
            for want in *wants {
                assert!(has(&rs, want), "{name}: {want:?} not in {}", show(&rs));
            }
            assert!(rs.len() <= MAX_READINGS);
        }
    }

    #[test]
    fn organisations() {
        let rs = readings("조선대성은행");
        assert_eq!(rs[0].tokens, ["korea", "taesong", "bank"], "{}", show(&rs));
        assert_eq!(rs[0].via, Via::KoreanTranslation);
        assert!(has(&rs, &["choson", "taesong", "unhaeng"]), "{}", show(&rs));
        let rs = readings("조선릉라도무역총회사");
        let want = ["korea", "rungrado", "trading", "general", "corporation"];
        assert!(has(&rs, &want), "{}", show(&rs));
        let rs = readings("로은산무역회사");
        assert!(
            has(&rs, &["rounsan", "trading", "company"]),
            "{}",
            show(&rs)
        );
        let rs = readings("조선 련봉 총회사");
        assert!(has(&rs, &["korea", "ryonbong", "general", "corporation"]));
        assert!(has(&rs, &["korea", "yonbong", "general", "corporation"]));
    }

    #[test]
    fn vocabulary_table_parses() {
        let vocab = parse_vocab(VOCAB_TABLE).unwrap_or_else(|e| panic!("{e}"));
        let joseon = vocab.iter().find(|e| e.hangul == "조선").unwrap();
        assert_eq!(
            (&joseon.subs[..], &joseon.english[..]),
            (&["조선"][..], &["korea"][..])
        );
        let trading = vocab.iter().find(|e| e.hangul == "무역회사").unwrap();
        assert_eq!(trading.subs, ["무역", "회사"]);
        assert_eq!(trading.english, ["trading", "company"]);
        assert_eq!(vocab[0].hangul, "조선민주주의인민공화국");
    }

    #[test]
    fn malformed_vocabulary_is_reported_with_file_and_line() {
        let table = |text| Table {
            file: "data/words/test.tsv",
            text,
        };
        let err = parse_vocab(table("# header\n무역회사\t무역 회\ttrading company\n")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "data/words/test.tsv line 2: the sub-words do not spell \"무역회사\""
        );
        let err = parse_vocab(table("은행\t은행\tBank\n")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "data/words/test.tsv line 1: \"Bank\" is not a folded token"
        );
        assert!(parse_vocab(table("bank\tbank\tbank\n")).is_err());
    }

    /// Every vocabulary row: translated after a distinctive word, and transliterated.
    #[test]
    fn vocabulary_rows() {
        for VocabEntry {
            hangul: h,
            subs,
            english,
        } in VOCAB.iter()
        {
            let rs = readings(&format!("대성{h}"));
            let mut want = vec!["taesong"];
            want.extend(english.iter());
            assert_eq!(rs[0].tokens, want, "{h}: {}", show(&rs));
            assert_eq!(rs[0].via, Via::KoreanTranslation);
            let mut mr = vec!["taesong".to_string()];
            mr.extend(subs.iter().map(|w| rom(w, System::Mr)));
            assert!(rs.iter().any(|r| r.tokens == mr), "{h}: {}", show(&rs));
        }
        let want = ["muyok", "hoesa"];
        let rs = readings("무역회사");
        assert!(rs.iter().any(|r| r.tokens == want), "{}", show(&rs));
    }

    #[test]
    fn yongbyon_north_and_south() {
        for run in ["영변 원자력 연구소", "녕변 원자력 연구소"] {
            let rs = readings(run);
            for first in ["yongbyon", "nyongbyon"] {
                let want = [first, "atomic", "energy", "research", "institute"];
                assert!(has(&rs, &want), "{run}: {}", show(&rs));
            }
            assert!(rs.len() <= MAX_READINGS);
        }
        let rs = readings("룡");
        assert!(has(&rs, &["ryong"]) && has(&rs, &["yong"]), "{}", show(&rs));
    }

    #[test]
    fn every_eu_hangul_name_reads() {
        for name in [
            "김경희",
            "량수니오",
            "렴영",
            "촤찬일",
            "조선민주주의인민공화국 국가해사감독국",
            "조선인민군",
            "로케트공업부",
            "유진",
            "윤철",
            "조선국제전람사",
        ] {
            let rs = readings(name);
            assert!(!rs.is_empty() && rs.len() <= MAX_READINGS, "{name}");
            for r in &rs {
                assert!(r.tokens.iter().all(|t| !t.is_empty()
                    && t.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())));
            }
        }
        assert!(has(&readings("렴영"), &["ryom", "yong"]));
        assert!(has(&readings("김경희"), &["kim", "kyong", "hui"]));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "",
            " ",
            "ㄱ",
            "ᄀ",
            "ᅡ",
            "ᆨ",
            "김a정",
            "金正恩",
            "Kim",
            "(주)",
            "㈜조선",
            "\u{FFFF}",
            "김\u{0}은",
            "가가가가가가가가가가가가가가가가가가가가",
            "힣",
            "ꥠ",
            "ힰ",
            "남궁",
            "선우",
            "황보 ",
        ] {
            let rs = readings(s);
            assert!(rs.len() <= MAX_READINGS);
        }
        assert!(readings("").is_empty());
        assert!(readings("Kim").is_empty());
        assert!(has(&readings("(주)대성"), &["co", "ltd", "taesong"]));
    }
}
