//! Han characters: traditional → simplified, pinyin, Wade-Giles, Cantonese, Sino-Korean,
//! Chinese Commercial Code.
//!
//! The per-character data comes from Unihan (see `data/han/LICENSE-UNICODE.txt`) through
//! `tools/gen_han_tables.py`. The tables are UTF-8 text, one record per line, embedded
//! with `include_str!`; on first use one pass over each builds an offset index
//! (character → record), and the syllable maps behind [`same_syllable`] are built from
//! the two small tables. Nothing is copied or parsed beyond that.
//!
//! Choices: Unihan alone, no `pinyin` crate (it has no phrase
//! dictionary either, and Unihan also gives Cantonese, Hangul and telegraph codes); pinyin
//! u-umlaut is emitted as `u` (`lu`, `nu`, which is what folding `Lü` gives), plus `lyu`
//! (PRC passport spelling) for a surname.

use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::sync::OnceLock;

use super::{Reading, Via};

/// traditional<TAB>simplified, sorted.
static T2S: &str = include_str!("../../data/han/t2s.tsv");
/// char<TAB>pinyin<TAB>jyutping<TAB>hangul<TAB>telegraph, sorted.
static CHARS: &str = include_str!("../../data/han/chars.tsv");
/// jyutping<TAB>pinyin …: Cantonese and Mandarin readings of the same common character.
static YUE_CMN: &str = include_str!("../../data/han/yue_cmn.tsv");
/// Every toneless pinyin syllable of CHARS.
static PINYIN: &str = include_str!("../../data/han/pinyin.txt");

/// The most readings [`readings`] returns: more would flood candidate generation.
const MAX_READINGS: usize = 6;

// ---------------------------------------------------------------------------------------
// Table look-up

/// Where each record of a table starts, by key character: built once per table on first
/// use (one pass over the text, well under a millisecond), then one array access per
/// look-up. Most Han characters sit in one dense range (CJK Ext A + the URO), indexed
/// directly; the rest are kept sorted for binary search.
struct CharIndex {
    /// Offset of the record of `DENSE.start + n` plus one; 0 = none.
    dense: Vec<u32>,
    /// (code point, offset) of the other records, sorted.
    sparse: Vec<(u32, u32)>,
}

/// CJK Unified Ideographs Extension A and the main block.
const DENSE: std::ops::Range<u32> = 0x3400..0xA000;

impl CharIndex {
    fn build(table: &str) -> CharIndex {
        let mut dense = vec![0u32; (DENSE.end - DENSE.start) as usize];
        let mut sparse = Vec::new();
        let mut offset = 0usize;
        for line in table.split_inclusive('\n') {
            let key = line.chars().next().map_or(0, u32::from);
            // Tables are < 4 GiB, so offsets fit in u32.
            let at = offset as u32;
            offset += line.len();
            if line.starts_with('#') {
                continue;
            }
            if DENSE.contains(&key) {
                dense[(key - DENSE.start) as usize] = at + 1;
            } else {
                sparse.push((key, at));
            }
        }
        sparse.sort_unstable();
        CharIndex { dense, sparse }
    }

    fn offset(&self, c: char) -> Option<usize> {
        let cp = u32::from(c);
        if DENSE.contains(&cp) {
            let at = self.dense[(cp - DENSE.start) as usize];
            return (at > 0).then(|| (at - 1) as usize);
        }
        let n = self.sparse.binary_search_by_key(&cp, |&(k, _)| k).ok()?;
        Some(self.sparse[n].1 as usize)
    }
}

/// The rest of the record (after the key character and a tab) keyed by `c`.
fn record(table: &'static str, index: &CharIndex, c: char) -> Option<&'static str> {
    let line = table[index.offset(c)?..].lines().next()?;
    Some(line.split_once('\t').map_or("", |(_, rest)| rest))
}

fn chars_index() -> &'static CharIndex {
    static INDEX: OnceLock<CharIndex> = OnceLock::new();
    INDEX.get_or_init(|| CharIndex::build(CHARS))
}

fn t2s_index() -> &'static CharIndex {
    static INDEX: OnceLock<CharIndex> = OnceLock::new();
    INDEX.get_or_init(|| CharIndex::build(T2S))
}

/// Characters only the simplified script has: the simplified forms (`华` of `華`) that
/// are not themselves a traditional character's own form.
fn simplified_only() -> &'static FxHashSet<char> {
    static SET: OnceLock<FxHashSet<char>> = OnceLock::new();
    SET.get_or_init(|| {
        let pairs = T2S
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'));
        let traditional: FxHashSet<char> = pairs
            .clone()
            .filter_map(|(t, _)| t.chars().next())
            .collect();
        pairs
            .filter_map(|(_, s)| s.chars().next())
            .filter(|s| !traditional.contains(s))
            .collect()
    })
}

/// Whether a run is written in the simplified script (a character only it has): then
/// it is not a Korean name, whose hanja are traditional, and reading it as Korean
/// (`瑜 李` as `yu i`, `瑞 罗` as `so na`) only finds other people. (Wade-Giles and
/// Cantonese stay: lists write Hong Kong and Taiwan names in simplified characters too.)
pub fn written_simplified(run: &str) -> bool {
    let set = simplified_only();
    run.chars().any(|c| set.contains(&c))
}

/// The share of `query`'s Han characters that `listed` has too, traditional and
/// simplified forms as one (`習近平` and `习近平` share all three): two names written in
/// Han are the same name by their characters, not by how the characters sound.
/// 1 when `query` has no Han character.
pub fn shared_characters(query: &str, listed: &str) -> f64 {
    let han = |text: &str| -> Vec<char> {
        to_simplified(text)
            .chars()
            .filter(|&c| crate::model::Script::of_char(c) == crate::model::Script::Han)
            .collect()
    };
    let (q, l) = (han(query), han(listed));
    if q.is_empty() {
        return 1.0;
    }
    let shared = q.iter().filter(|c| l.contains(c)).count();
    shared as f64 / q.len() as f64
}

/// Builds the look-up indexes now rather than on the first name (for servers that want
/// a predictable first query). Cheap; calling it is optional.
pub fn preload() {
    org_words();
    chars_index();
    t2s_index();
    simplified_only();
    syllable_maps();
}

/// Unihan facts about one character.
#[derive(Debug, Clone, Copy)]
struct CharInfo {
    /// Toneless pinyin, customary reading first, space-separated (`v` = u-umlaut).
    pinyin: &'static str,
    /// Toneless Jyutping, space-separated.
    jyutping: &'static str,
    /// Hangul readings, name-usage ones first, space-separated.
    hangul: &'static str,
    /// Chinese Commercial Code (4 digits) or empty.
    code: &'static str,
}

fn char_info(c: char) -> Option<CharInfo> {
    if c.is_ascii() {
        return None;
    }
    let rest = record(CHARS, chars_index(), c)?;
    let mut fields = rest.split('\t');
    Some(CharInfo {
        pinyin: fields.next().unwrap_or(""),
        jyutping: fields.next().unwrap_or(""),
        hangul: fields.next().unwrap_or(""),
        code: fields.next().unwrap_or(""),
    })
}

/// The simplified form of one character, if it has a different one.
fn simplified_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return None;
    }
    record(T2S, t2s_index(), c)?.chars().next()
}

// ---------------------------------------------------------------------------------------
// Public API

/// Character-level traditional → simplified (習→习, 陳→陈); everything else unchanged.
/// Folding first makes traditional and simplified spellings of a name one key.
pub fn to_simplified(text: &str) -> String {
    text.chars()
        .map(|c| simplified_char(c).unwrap_or(c))
        .collect()
}

/// The Sino-Korean reading of a Han run in Hangul (金正恩 → 김정은), name-usage readings
/// preferred; spaces are kept. `None` if the run is empty or a character has no reading.
pub fn to_hangul(run: &str) -> Option<String> {
    let mut out = String::new();
    for c in run.chars() {
        if c.is_whitespace() {
            out.push(' ');
            continue;
        }
        let first = char_info(c)?
            .hangul
            .split(' ')
            .next()
            .filter(|h| !h.is_empty())?;
        out.push_str(first);
    }
    (!out.trim().is_empty()).then_some(out)
}

/// Chinese Commercial Code of a run, four digits per character, space-separated
/// (金正恩 → `6855 2973 1869`): a script-independent exact key, the same for simplified
/// and traditional forms. `None` if the run is empty or a character has no code.
pub fn commercial_code(run: &str) -> Option<String> {
    let codes: Option<Vec<&str>> = run
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| char_info(c).map(|i| i.code).filter(|code| !code.is_empty()))
        .collect();
    let codes = codes?;
    (!codes.is_empty()).then(|| codes.join(" "))
}

/// Latin readings of a run of Han text, at most six, deduplicated, pinyin first:
/// pinyin (one token per syllable), the English translation of an organisation's
/// generic words, Wade-Giles, Hong Kong Cantonese, Sino-Korean, then the other pinyin
/// readings of a surname. Characters without a Mandarin reading are skipped.
pub fn readings(run: &str) -> Vec<Reading> {
    let simplified_only = written_simplified(run);
    let simplified = to_simplified(run);
    let chars: Vec<(char, CharInfo)> = simplified
        .chars()
        .filter_map(|c| char_info(c).map(|i| (c, i)))
        .filter(|(_, i)| !i.pinyin.is_empty())
        .collect();
    if chars.is_empty() {
        return Vec::new();
    }
    let mut chars = chars;
    apply_phrase_readings(&mut chars);
    let pieces = segment(&chars);
    let is_org = pieces.iter().any(|p| matches!(p, Piece::Word(..)));
    let surname = (!is_org && chars.len() <= 4).then(|| surname_of(&chars[0]));

    let mut out = Readings::default();
    let first_pinyin = surname
        .as_ref()
        .and_then(|s| s.pinyin.first().cloned())
        .unwrap_or_else(|| pinyin_token(first_reading(chars[0].1.pinyin)));
    out.push(pinyin_tokens(&chars, &first_pinyin), Via::Pinyin);
    if is_org {
        out.push(translated_tokens(&chars, &pieces), Via::ChineseTranslation);
        out.push(pinyin_word_tokens(&chars, &pieces), Via::Pinyin);
    }
    out.push(wade_giles_tokens(&chars, &first_pinyin), Via::WadeGiles);
    let first_jyutping = surname.as_ref().and_then(|s| s.jyutping);
    out.push(cantonese_tokens(&chars, first_jyutping), Via::Cantonese);
    // Sino-Korean readings only where the name could be Korean: Chinese and Japanese
    // names read so would meet Korean names they have nothing to do with.
    let korean = to_hangul(run)
        .filter(|_| !simplified_only)
        .filter(|h| is_org || super::hangul::is_korean_person_name(h))
        .map(|h| super::hangul::readings(&h))
        .unwrap_or_default();
    let mut korean = korean.into_iter();
    if let Some(k) = korean.next() {
        out.push(k.tokens, Via::SinoKorean);
    }
    for alt in surname.iter().flat_map(|s| s.pinyin.iter().skip(1)) {
        out.push(pinyin_tokens(&chars, alt), Via::Pinyin);
    }
    for k in korean {
        out.push(k.tokens, Via::SinoKorean);
    }
    out.0
}

/// Whether two folded Latin syllables spell one Mandarin syllable, in pinyin or
/// Wade-Giles (`tu`/`du`, `chou`/`zhou`, `hsi`/`xi`) — the narrower relation, for names
/// that both read as pinyin, where Cantonese spellings would equate too much.
pub fn same_mandarin_syllable(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let maps = syllable_maps();
    match (maps.mandarin.get(a), maps.mandarin.get(b)) {
        (Some(ma), Some(mb)) => intersects(ma, mb),
        _ => false,
    }
}

/// Whether two folded Latin syllables can spell the same reading of a Han character:
/// pinyin and Wade-Giles of one Mandarin syllable (`hsi`/`xi`, `chin`/`jin`), two Hong
/// Kong spellings of one Cantonese syllable (`chau`/`chow`), or a Cantonese and a
/// Mandarin reading of one common character (`cheung`/`zhang`, `wai`/`wei`).
pub fn same_syllable(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.bytes().any(|c| c.is_ascii_uppercase()) || b.bytes().any(|c| c.is_ascii_uppercase()) {
        return same_syllable(&a.to_ascii_lowercase(), &b.to_ascii_lowercase());
    }
    let maps = syllable_maps();
    let no = Vec::new();
    let (ma, mb) = (
        maps.mandarin.get(a).unwrap_or(&no),
        maps.mandarin.get(b).unwrap_or(&no),
    );
    let (ca, cb) = (
        maps.cantonese.get(a).unwrap_or(&no),
        maps.cantonese.get(b).unwrap_or(&no),
    );
    intersects(ma, mb)
        || intersects(ca, cb)
        || maps.cantonese_meets_mandarin(ca, mb)
        || maps.cantonese_meets_mandarin(cb, ma)
}

/// The commonest Chinese surnames in pinyin (each over about 0.1% of the population),
/// sorted for binary search: a name written in pinyin that starts or ends with one is
/// very likely a Chinese person's.
const PINYIN_SURNAMES: &[&str] = &[
    "bai", "cai", "cao", "chang", "chen", "cheng", "cui", "dai", "deng", "ding", "dong", "du",
    "duan", "fan", "fang", "feng", "fu", "gao", "ge", "gong", "gu", "guo", "hao", "he", "hou",
    "hu", "huang", "ji", "jia", "jiang", "jin", "kang", "kong", "lai", "lei", "li", "liang",
    "liao", "lin", "liu", "long", "lu", "luo", "ma", "mao", "meng", "mo", "niu", "ou", "pan",
    "peng", "qian", "qin", "qiu", "ren", "shao", "shen", "shi", "song", "su", "sun", "tan", "tang",
    "tao", "tian", "wan", "wang", "wei", "wen", "wu", "xia", "xiang", "xiao", "xie", "xiong", "xu",
    "xue", "yan", "yang", "yao", "ye", "yin", "yu", "yuan", "zeng", "zhang", "zhao", "zheng",
    "zhong", "zhou", "zhu", "zou",
];

/// Whether a folded token is a common Chinese surname in pinyin.
pub fn is_pinyin_surname(token: &str) -> bool {
    PINYIN_SURNAMES.binary_search(&token).is_ok()
}

/// The pinyin syllables a folded Latin syllable can spell: itself if pinyin, what its
/// Wade-Giles reading stands for (`hsi` → xi), and the Mandarin readings of characters its
/// Hong Kong Cantonese spelling stands for (`cheung` → zhang, chang …). Tone-less, `ü` as `u`.
pub fn pinyin_equivalents(syllable: &str) -> Vec<&'static str> {
    let maps = syllable_maps();
    let mut out: Vec<&'static str> = Vec::new();
    let mut add = |p: &'static str| {
        if !out.contains(&p) {
            out.push(p);
        }
    };
    for &p in maps.mandarin.get(syllable).into_iter().flatten() {
        add(p);
    }
    for j in maps.cantonese.get(syllable).into_iter().flatten() {
        for &p in maps.yue_cmn.get(j).into_iter().flatten() {
            add(p);
        }
    }
    out
}

/// The syllables of a word written in pinyin (`wenzheng` → wen, zheng), the longest
/// syllable first at each step as pinyin is read; `None` if it is not pinyin.
pub fn pinyin_syllables(token: &str) -> Option<Vec<&str>> {
    fn split<'a>(rest: &'a str, syllables: &FxHashSet<String>, out: &mut Vec<&'a str>) -> bool {
        if rest.is_empty() {
            return true;
        }
        if out.len() == 4 {
            return false;
        }
        for n in (1..=rest.len().min(6)).rev() {
            if rest.is_char_boundary(n) && syllables.contains(&rest[..n]) {
                out.push(&rest[..n]);
                if split(&rest[n..], syllables, out) {
                    return true;
                }
                out.pop();
            }
        }
        false
    }
    let mut out = Vec::new();
    (!token.is_empty() && split(token, pinyin_syllable_set(), &mut out)).then_some(out)
}

/// Pinyin syllables as names spell them: `ü` as `u`, and without the vowel-less
/// interjections (`n`, `ng`, `hm`), which would make any word read as pinyin.
fn pinyin_syllable_set() -> &'static FxHashSet<String> {
    static SYLLABLES: OnceLock<FxHashSet<String>> = OnceLock::new();
    SYLLABLES.get_or_init(|| {
        data_lines(PINYIN)
            .map(|p| p.replace('v', "u"))
            .filter(|p| p.bytes().any(|b| b"aeiou".contains(&b)))
            .collect()
    })
}

/// Whether a folded token is one pinyin syllable (`xi`, `zhang`).
pub fn is_pinyin_syllable(token: &str) -> bool {
    pinyin_syllable_set().contains(token)
}

/// Whether a folded Latin token is one to four pinyin syllables (`zhang`, `weiming`,
/// `xi`): names written so are plausibly Chinese, and only then may Cantonese or
/// Wade-Giles spellings be read as their pinyin.
pub fn is_pinyin_word(token: &str) -> bool {
    pinyin_syllables(token).is_some()
}

// ---------------------------------------------------------------------------------------
// Assembling readings

/// Readings under construction: deduplicated by tokens, capped.
#[derive(Default)]
struct Readings(Vec<Reading>);

impl Readings {
    fn push(&mut self, tokens: Vec<String>, via: Via) {
        if tokens.is_empty()
            || self.0.len() >= MAX_READINGS
            || self.0.iter().any(|r| r.tokens == tokens)
        {
            return;
        }
        self.0.push(Reading { tokens, via });
    }
}

fn first_reading(list: &str) -> &str {
    list.split(' ').next().unwrap_or("")
}

/// A toneless table syllable as a name token: u-umlaut (`v`) becomes `u`, as folding
/// `Lü` does.
fn pinyin_token(syllable: &str) -> String {
    syllable.replace('v', "u")
}

/// Pinyin tokens of the run, the first character read as `first`.
fn pinyin_tokens(chars: &[(char, CharInfo)], first: &str) -> Vec<String> {
    let rest = chars[1..]
        .iter()
        .map(|(_, i)| pinyin_token(first_reading(i.pinyin)));
    std::iter::once(first.to_string()).chain(rest).collect()
}

/// Folded Wade-Giles tokens of the run, the first character read as `first` (pinyin).
fn wade_giles_tokens(chars: &[(char, CharInfo)], first: &str) -> Vec<String> {
    let rest = chars[1..].iter().map(|(_, i)| first_reading(i.pinyin));
    std::iter::once(first)
        .chain(rest)
        .map(folded_wade_giles)
        .collect()
}

/// Folded Wade-Giles of a pinyin syllable, from the precomputed map when possible.
fn folded_wade_giles(pinyin: &str) -> String {
    match syllable_maps().wade_giles.get(pinyin) {
        Some(wg) => wg.clone(),
        None => fold_wade_giles(&wade_giles(pinyin)),
    }
}

/// Apostrophes dropped, ü → u: how the lists write Wade-Giles.
fn fold_wade_giles(wg: &str) -> String {
    wg.chars()
        .filter(|&c| c != '\'')
        .map(|c| if c == 'ü' { 'u' } else { c })
        .collect()
}

/// Hong Kong spellings of the run; a character without Cantonese keeps its pinyin.
fn cantonese_tokens(chars: &[(char, CharInfo)], first: Option<&str>) -> Vec<String> {
    chars
        .iter()
        .enumerate()
        .map(|(n, (_, i))| {
            let jyutping = match (n, first) {
                (0, Some(j)) => j,
                _ => first_reading(i.jyutping),
            };
            if let Some(hk) = syllable_maps().hong_kong.get(jyutping) {
                return hk.clone();
            }
            match hk_spellings(jyutping).into_iter().next() {
                Some(s) => s,
                None => pinyin_token(first_reading(i.pinyin)),
            }
        })
        .collect()
}

/// Words whose characters take a reading other than their customary one (行 is xíng,
/// but 银行 yínháng): (word, pinyin, Jyutping), one syllable per character.
const PHRASE_READINGS: &[(&str, &str, &str)] = &[
    ("银行", "yin hang", "ngan hong"),
    ("重庆", "chong qing", "cung hing"),
    ("长沙", "chang sha", "coeng saa"),
    ("长春", "chang chun", "coeng ceon"),
    ("长城", "chang cheng", "coeng sing"),
    ("长江", "chang jiang", "coeng gong"),
    ("厦门", "xia men", "haa mun"),
];

/// Puts the phrase reading first for the characters of every PHRASE_READINGS word.
fn apply_phrase_readings(chars: &mut [(char, CharInfo)]) {
    let mut n = 0;
    while n < chars.len() {
        let found = PHRASE_READINGS.iter().find(|(word, _, _)| {
            let len = word.chars().count();
            n + len <= chars.len() && word.chars().zip(&chars[n..]).all(|(w, (c, _))| w == *c)
        });
        let Some((word, pinyin, jyutping)) = found else {
            n += 1;
            continue;
        };
        let readings = pinyin.split(' ').zip(jyutping.split(' '));
        for ((_, info), (p, j)) in chars[n..].iter_mut().zip(readings) {
            info.pinyin = p;
            info.jyutping = j;
        }
        n += word.chars().count();
    }
}

// ---------------------------------------------------------------------------------------
// Surnames

/// Surname readings of heteronymous characters, where the customary reading is not the
/// surname one (单 is dān but the surname Shàn): (character, pinyin, Jyutping if Unihan's
/// Cantonese reading is not the surname's).
const SURNAME_READINGS: &[(char, &str, Option<&str>)] = &[
    ('单', "shan", Some("sin")),
    ('曾', "zeng", None),
    ('朴', "piao", None),
    ('解', "xie", Some("haai")),
    ('区', "ou", Some("au")),
    ('查', "zha", None),
    ('仇', "qiu", None),
    ('盖', "ge", None),
    ('华', "hua", None),
    ('缪', "miao", None),
    ('覃', "qin", None),
    ('翟', "zhai", None),
    ('尉', "wei", None),
    ('秘', "bi", None),
    ('种', "chong", None),
    ('员', "yun", None),
    ('繁', "po", None),
    ('召', "shao", None),
    ('折', "she", None),
    ('祭', "zhai", None),
    ('柏', "bai", None),
    ('牟', "mou", None),
    ('车', "che", None),
    ('任', "ren", None),
    ('沈', "shen", None),
    ('宿', "su", None),
    ('谌', "chen", None),
    ('褚', "chu", None),
    ('叶', "ye", None),
    ('贾', "jia", None),
    ('乐', "yue", None),
    ('句', "gou", None),
];

/// The readings of a character taken as a surname.
struct Surname {
    /// Pinyin tokens, the surname reading first, then every other reading.
    pinyin: Vec<String>,
    /// Jyutping to use instead of the table's first one.
    jyutping: Option<&'static str>,
}

/// Every reading of the first character of a personal name, the surname one first; a
/// u-umlaut reading also spelled `yu` (吕 → lu, lyu).
fn surname_of(&(c, info): &(char, CharInfo)) -> Surname {
    let known = SURNAME_READINGS.iter().find(|(s, _, _)| *s == c);
    let mut pinyin: Vec<String> = Vec::new();
    let table = info.pinyin.split(' ').filter(|s| !s.is_empty());
    for syllable in known.map(|k| k.1).into_iter().chain(table) {
        for token in [pinyin_token(syllable), syllable.replace('v', "yu")] {
            if !pinyin.contains(&token) {
                pinyin.push(token);
            }
        }
    }
    Surname {
        pinyin,
        jyutping: known.and_then(|k| k.2),
    }
}

// ---------------------------------------------------------------------------------------
// Organisations

/// Generic words of Chinese organisation names and their usual English rendering
/// (simplified forms; longest match wins). 有限责任公司 is rendered `co ltd`, as PRC firms
/// write it in English far more often than `LLC`.
const ORG_WORDS: &[(&str, &str)] = &[
    ("有限责任公司", "co ltd"),
    ("股份有限公司", "co ltd"),
    ("有限公司", "co ltd"),
    ("总公司", "general corporation"),
    ("分公司", "branch"),
    ("公司", "company"),
    ("集团", "group"),
    ("控股", "holdings"),
    ("贸易", "trading"),
    ("商贸", "trading"),
    ("进出口", "import export"),
    ("国际", "international"),
    ("科技", "technology"),
    ("技术", "technology"),
    ("银行", "bank"),
    ("海运", "shipping"),
    ("船务", "shipping"),
    ("航运", "shipping"),
    ("物流", "logistics"),
    ("实业", "industrial"),
    ("工业", "industry"),
    ("投资", "investment"),
    ("发展", "development"),
    ("开发", "development"),
    ("能源", "energy"),
    ("石油", "petroleum"),
    ("化工", "chemical"),
    ("矿业", "mining"),
    ("机械", "machinery"),
    ("设备", "equipment"),
    ("电子", "electronics"),
    ("航空", "aviation"),
    ("合营", "joint venture"),
    ("合资", "joint venture"),
    ("总局", "general bureau"),
    ("研究所", "research institute"),
    ("研究院", "research institute"),
    ("大学", "university"),
    ("协会", "association"),
    ("委员会", "committee"),
    ("办事处", "office"),
    ("代表处", "representative office"),
    ("朝鲜", "korea"),
    ("中国", "china"),
    ("香港", "hong kong"),
    ("澳门", "macau"),
    ("台湾", "taiwan"),
];

/// A piece of a run: a generic organisation word (its English) or one character.
enum Piece {
    /// An organisation word: its English, and the characters it spans.
    Word(&'static str, std::ops::Range<usize>),
    Char(usize),
}

/// Splits the run into organisation words (greedy longest match) and single characters.
fn segment(chars: &[(char, CharInfo)]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut n = 0;
    while n < chars.len() {
        match longest_org_word(&chars[n..]) {
            Some((len, english)) => {
                pieces.push(Piece::Word(english, n..n + len));
                n += len;
            }
            None => {
                pieces.push(Piece::Char(n));
                n += 1;
            }
        }
    }
    pieces
}

/// Pinyin of an organisation name as firms write it in Latin letters: a word a token
/// (`lanli jishu youxiangongsi`, not `lan li ji shu you xian gong si`). Organisation
/// words are words; the characters between them are read as two-character words.
fn pinyin_word_tokens(chars: &[(char, CharInfo)], pieces: &[Piece]) -> Vec<String> {
    let reading = |range: std::ops::Range<usize>| -> String {
        chars[range]
            .iter()
            .map(|(_, i)| pinyin_token(first_reading(i.pinyin)))
            .collect()
    };
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let flush = |run: &mut Vec<usize>, out: &mut Vec<String>| {
        for pair in run.chunks(2) {
            out.push(reading(pair[0]..pair[pair.len() - 1] + 1));
        }
        run.clear();
    };
    for piece in pieces {
        match piece {
            Piece::Word(_, range) => {
                flush(&mut run, &mut out);
                out.push(reading(range.clone()));
            }
            Piece::Char(n) => run.push(*n),
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Organisation words (as characters, with their English) by first character.
type OrgWords = HashMap<char, Vec<(Vec<char>, &'static str)>>;

/// ORG_WORDS by first character, as character vectors: one hash look-up per position.
fn org_words() -> &'static OrgWords {
    static WORDS: OnceLock<OrgWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut map = OrgWords::default();
        for (han, english) in ORG_WORDS {
            let chars: Vec<char> = han.chars().collect();
            if let Some(&first) = chars.first() {
                map.entry(first).or_default().push((chars, english));
            }
        }
        map
    })
}

/// The longest organisation word at the start of `chars`: (its length, its English).
fn longest_org_word(chars: &[(char, CharInfo)]) -> Option<(usize, &'static str)> {
    org_words()
        .get(&chars.first()?.0)?
        .iter()
        .filter(|(han, _)| {
            han.len() <= chars.len() && han.iter().zip(chars).all(|(h, (c, _))| h == c)
        })
        .map(|(han, english)| (han.len(), *english))
        .max_by_key(|(len, _)| *len)
}

/// Pinyin for the distinctive characters, English for the generic words.
fn translated_tokens(chars: &[(char, CharInfo)], pieces: &[Piece]) -> Vec<String> {
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Word(english, _) => out.extend(english.split(' ').map(str::to_string)),
            Piece::Char(n) => out.push(pinyin_token(first_reading(chars[*n].1.pinyin))),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Wade-Giles

/// Pinyin initials, longest first.
const PINYIN_INITIALS: &[&str] = &[
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
    "z", "c", "s", "y", "w",
];

/// Whole syllables Wade-Giles writes irregularly.
const WG_SYLLABLES: &[(&str, &str)] = &[
    ("zi", "tzu"),
    ("ci", "tz'u"),
    ("si", "ssu"),
    ("zhi", "chih"),
    ("chi", "ch'ih"),
    ("shi", "shih"),
    ("ri", "jih"),
    ("er", "erh"),
    ("e", "o"),
    ("yi", "i"),
    ("you", "yu"),
    ("yan", "yen"),
    ("ye", "yeh"),
    ("yu", "yü"),
    ("yue", "yüeh"),
    ("yuan", "yüan"),
    ("yun", "yün"),
    ("yong", "yung"),
];

/// Wade-Giles initial for a pinyin initial.
fn wg_initial(initial: &str) -> &str {
    match initial {
        "b" => "p",
        "p" => "p'",
        "d" => "t",
        "t" => "t'",
        "g" => "k",
        "k" => "k'",
        "j" | "zh" => "ch",
        "q" | "ch" => "ch'",
        "x" => "hs",
        "r" => "j",
        "z" => "ts",
        "c" => "ts'",
        other => other,
    }
}

/// Wade-Giles final for a pinyin final after `initial`.
fn wg_final(initial: &str, fin: &str) -> String {
    let palatal = matches!(initial, "j" | "q" | "x");
    let velar = matches!(initial, "g" | "k" | "h");
    // u after j/q/x, and pinyin v, are ü.
    let fin = match (palatal, fin.strip_prefix('u')) {
        (true, Some(rest)) => format!("ü{rest}"),
        _ => fin.replace('v', "ü"),
    };
    match fin.as_str() {
        "e" if velar => "o".into(),
        "uo" if !(velar || initial == "sh") => "o".into(),
        "ui" if matches!(initial, "g" | "k") => "uei".into(),
        "ong" => "ung".into(),
        "iong" => "iung".into(),
        "ian" => "ien".into(),
        "ie" => "ieh".into(),
        "üe" | "ue" => "üeh".into(),
        _ => fin,
    }
}

/// Wade-Giles for one toneless pinyin syllable, with apostrophes and ü (`qi` → `ch'i`,
/// `xu` → `hsü`). Written from the Wade-Giles conventions: initials `zh`/`ch`/`j`/`q`/`x`
/// → `ch`/`ch'`/`ch`/`ch'`/`hs`, aspirates marked by an apostrophe, `-ong` → `-ung`.
pub fn wade_giles(pinyin: &str) -> String {
    let p = pinyin.to_ascii_lowercase().replace('ü', "v");
    if let Some((_, wg)) = WG_SYLLABLES.iter().find(|(py, _)| *py == p) {
        return (*wg).to_string();
    }
    let initial = PINYIN_INITIALS
        .iter()
        .find(|i| p.starts_with(**i) && p.len() > i.len())
        .copied()
        .unwrap_or("");
    let fin = &p[initial.len()..];
    format!("{}{}", wg_initial(initial), wg_final(initial, fin))
}

// ---------------------------------------------------------------------------------------
// Hong Kong Cantonese

/// Jyutping initials, longest first.
const JYUTPING_INITIALS: &[&str] = &[
    "gw", "kw", "ng", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "w", "z", "c", "s",
    "j",
];

/// Jyutping finals → Hong Kong spellings, the usual one first (梁 loeng → leung,
/// 徐 ceoi → tsui, 潘 pun → pun/poon).
const HK_FINALS: &[(&str, &[&str])] = &[
    ("aa", &["a", "ah"]),
    ("aai", &["ai"]),
    ("aau", &["au"]),
    ("aam", &["am"]),
    ("aan", &["an"]),
    ("aang", &["ang"]),
    ("aap", &["ap"]),
    ("aat", &["at"]),
    ("aak", &["ak"]),
    ("ai", &["ai"]),
    ("au", &["au", "ow"]),
    ("am", &["am", "um"]),
    ("an", &["an", "un"]),
    ("ang", &["ang"]),
    ("ap", &["ap"]),
    ("at", &["at"]),
    ("ak", &["ak"]),
    ("e", &["e"]),
    ("ei", &["ei", "ee"]),
    ("eng", &["eng"]),
    ("ek", &["ek"]),
    ("eu", &["eu"]),
    ("em", &["em"]),
    ("ep", &["ep"]),
    ("et", &["et"]),
    ("eoi", &["ui", "eui"]),
    ("eon", &["un", "eun"]),
    ("eot", &["ut"]),
    ("oe", &["oe", "euh"]),
    ("oeng", &["eung"]),
    ("oek", &["euk"]),
    ("i", &["i", "ee"]),
    ("ik", &["ik"]),
    ("ing", &["ing"]),
    ("im", &["im"]),
    ("in", &["in"]),
    ("ip", &["ip"]),
    ("it", &["it"]),
    ("iu", &["iu"]),
    ("o", &["o", "oh", "aw"]),
    ("oi", &["oi", "oy"]),
    ("on", &["on"]),
    ("ong", &["ong"]),
    ("ok", &["ok"]),
    ("ot", &["ot"]),
    ("ou", &["o", "ou"]),
    ("u", &["u", "oo"]),
    ("ui", &["ui", "ooi"]),
    ("un", &["un", "oon"]),
    ("ung", &["ung"]),
    ("uk", &["uk"]),
    ("ut", &["ut"]),
    ("yu", &["u", "ue"]),
    ("yun", &["uen", "un"]),
    ("yut", &["uet"]),
];

/// Whole syllables Hong Kong spells irregularly.
const HK_SYLLABLES: &[(&str, &[&str])] = &[
    ("m", &["m"]),
    ("ng", &["ng"]),
    ("hm", &["hm"]),
    ("si", &["sze", "si", "shi"]),
    ("zi", &["chi", "tsz", "tze"]),
    ("ci", &["chi", "tsz", "tze"]),
    ("lei", &["lee", "lei", "li"]),
];

/// Finals after which z/c are usually spelled `ts` (曾 Tsang, 谢 Tse, 徐 Tsui, 曹 Tso).
const TS_FINALS: &[&str] = &["ang", "e", "eoi", "ou"];
/// Finals after which s is usually spelled `sh` (常 Sheung, 书 Shu, 石 Shek, 顺 Shun).
const SH_FINALS: &[&str] = &["oeng", "yu", "ek", "eon"];

/// Hong Kong spellings of a Jyutping initial before `fin`, the usual one first.
fn hk_initials(initial: &str, fin: &str) -> Vec<&'static str> {
    match initial {
        "b" => vec!["p"],
        "p" => vec!["p"],
        "d" => vec!["t"],
        "t" => vec!["t"],
        "g" => vec!["k"],
        "k" => vec!["k"],
        "gw" | "kw" => vec!["kw"],
        "z" | "c" if TS_FINALS.contains(&fin) => vec!["ts", "ch"],
        "z" | "c" => vec!["ch", "ts"],
        "s" if SH_FINALS.contains(&fin) => vec!["sh", "s"],
        "s" => vec!["s", "sh"],
        "j" => vec!["y"],
        "m" => vec!["m"],
        "f" => vec!["f"],
        "n" => vec!["n"],
        "l" => vec!["l"],
        "ng" => vec!["ng"],
        "h" => vec!["h"],
        "w" => vec!["w"],
        _ => vec![""],
    }
}

/// Hong Kong Government-style spellings of one toneless Jyutping syllable, the usual one
/// first (`zoeng` → cheung, tseung; `can` → chan, tsan …); empty if not Jyutping.
pub fn hk_spellings(jyutping: &str) -> Vec<String> {
    let j = jyutping.trim_end_matches(|c: char| c.is_ascii_digit());
    if let Some((_, s)) = HK_SYLLABLES.iter().find(|(k, _)| *k == j) {
        return s.iter().map(|s| s.to_string()).collect();
    }
    let initial = JYUTPING_INITIALS
        .iter()
        .find(|i| j.starts_with(**i) && j.len() > i.len())
        .copied()
        .unwrap_or("");
    let fin = &j[initial.len()..];
    let Some((_, finals)) = HK_FINALS.iter().find(|(f, _)| *f == fin) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in hk_initials(initial, fin) {
        for f in finals.iter() {
            // After j (y), yu-finals keep their y: 余 jyu → yu, 袁 jyun → yuen.
            let f = match (initial, fin.starts_with('y')) {
                ("j", true) => format!("y{f}"),
                _ => f.to_string(),
            };
            let spelled = if i == "y" && f.starts_with('y') {
                f
            } else {
                format!("{i}{f}")
            };
            if !out.contains(&spelled) {
                out.push(spelled);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Syllable relation

/// Latin spelling → the syllables it can stand for, built once from the tables.
struct SyllableMaps {
    /// Pinyin or folded Wade-Giles spelling → pinyin syllables (`chin` → jin, qin).
    mandarin: HashMap<String, Vec<&'static str>>,
    /// Hong Kong spelling → Jyutping syllables (`chan` → can, caan, zan …).
    cantonese: HashMap<String, Vec<&'static str>>,
    /// Jyutping → pinyin of the same common characters.
    yue_cmn: HashMap<&'static str, Vec<&'static str>>,
    /// Pinyin → folded Wade-Giles, precomputed for speed.
    wade_giles: HashMap<&'static str, String>,
    /// Jyutping → usual Hong Kong spelling, precomputed for speed.
    hong_kong: HashMap<&'static str, String>,
}

impl SyllableMaps {
    /// Whether some Jyutping in `jyutping` reads a character that some pinyin in `pinyin`
    /// also reads.
    fn cantonese_meets_mandarin(&self, jyutping: &[&str], pinyin: &[&str]) -> bool {
        jyutping.iter().any(|j| {
            self.yue_cmn
                .get(j)
                .is_some_and(|ps| ps.iter().any(|p| pinyin.contains(p)))
        })
    }
}

fn data_lines(table: &'static str) -> impl Iterator<Item = &'static str> {
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
}

fn add(map: &mut HashMap<String, Vec<&'static str>>, key: String, value: &'static str) {
    let values = map.entry(key).or_default();
    if !values.contains(&value) {
        values.push(value);
    }
}

fn syllable_maps() -> &'static SyllableMaps {
    static MAPS: OnceLock<SyllableMaps> = OnceLock::new();
    MAPS.get_or_init(build_syllable_maps)
}

fn build_syllable_maps() -> SyllableMaps {
    let mut mandarin = HashMap::default();
    let mut wade_giles_map = HashMap::default();
    for p in data_lines(PINYIN) {
        let wg = fold_wade_giles(&wade_giles(p));
        add(&mut mandarin, pinyin_token(p), p);
        add(&mut mandarin, p.replace('v', "yu"), p);
        add(&mut mandarin, wg.clone(), p);
        wade_giles_map.insert(p, wg);
    }
    let mut cantonese = HashMap::default();
    let mut yue_cmn = HashMap::default();
    let mut hong_kong = HashMap::default();
    for line in data_lines(YUE_CMN) {
        let (j, pinyin) = line.split_once('\t').unwrap_or((line, ""));
        yue_cmn.insert(j, pinyin.split(' ').filter(|p| !p.is_empty()).collect());
        let spellings = hk_spellings(j);
        if let Some(first) = spellings.first() {
            hong_kong.insert(j, first.clone());
        }
        for s in spellings {
            add(&mut cantonese, s, j);
        }
    }
    SyllableMaps {
        mandarin,
        cantonese,
        yue_cmn,
        wade_giles: wade_giles_map,
        hong_kong,
    }
}

fn intersects(a: &[&str], b: &[&str]) -> bool {
    a.iter().any(|x| b.contains(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_names_share_characters_not_sounds() {
        assert_eq!(shared_characters("习近平", "習近平"), 1.0);
        // 欣花 and 華信 both read `xin hua`, and share no character.
        assert_eq!(shared_characters("欣 花", "華信船務(香港)有限公司"), 0.0);
        assert_eq!(shared_characters("李明", "李鸣"), 0.5);
        assert_eq!(shared_characters("Kim", "金"), 1.0);
    }

    fn tokens_of(rs: &[Reading], via: Via) -> Vec<Vec<String>> {
        rs.iter()
            .filter(|r| r.via == via)
            .map(|r| r.tokens.clone())
            .collect()
    }

    fn has(rs: &[Reading], via: Via, tokens: &[&str]) -> bool {
        tokens_of(rs, via).iter().any(|t| t == tokens)
    }

    #[test]
    fn organisations_read_in_pinyin_words_too() {
        let rs = readings("蓝力技术公司");
        assert!(has(
            &rs,
            Via::Pinyin,
            &["lan", "li", "ji", "shu", "gong", "si"]
        ));
        assert!(has(&rs, Via::Pinyin, &["lanli", "jishu", "gongsi"]));
        // A person's name is not an organisation: syllables only.
        assert_eq!(tokens_of(&readings("习近平"), Via::Pinyin).len(), 1);
    }

    #[test]
    fn pinyin_surnames_are_sorted_and_found() {
        assert!(PINYIN_SURNAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(is_pinyin_surname("sun"));
        assert!(!is_pinyin_surname("baba"));
    }

    #[test]
    fn traditional_to_simplified() {
        assert_eq!(to_simplified("習近平"), "习近平");
        assert_eq!(to_simplified("陳"), "陈");
        assert_eq!(to_simplified("華東"), "华东");
        assert_eq!(to_simplified("張 Kim 金"), "张 Kim 金");
        assert_eq!(to_simplified("习近平"), "习近平");
        assert_eq!(to_simplified(""), "");
    }

    #[test]
    fn wade_giles_initials() {
        for (py, wg) in [
            ("ba", "pa"),
            ("pa", "p'a"),
            ("ma", "ma"),
            ("fa", "fa"),
            ("da", "ta"),
            ("ta", "t'a"),
            ("na", "na"),
            ("la", "la"),
            ("gai", "kai"),
            ("kai", "k'ai"),
            ("hai", "hai"),
            ("jia", "chia"),
            ("qia", "ch'ia"),
            ("xia", "hsia"),
            ("zha", "cha"),
            ("cha", "ch'a"),
            ("sha", "sha"),
            ("ran", "jan"),
            ("za", "tsa"),
            ("ca", "ts'a"),
            ("sa", "sa"),
        ] {
            assert_eq!(wade_giles(py), wg, "{py}");
        }
    }

    #[test]
    fn wade_giles_special_syllables_and_finals() {
        for (py, wg) in [
            ("zi", "tzu"),
            ("ci", "tz'u"),
            ("si", "ssu"),
            ("zhi", "chih"),
            ("chi", "ch'ih"),
            ("shi", "shih"),
            ("ri", "jih"),
            ("er", "erh"),
            ("yi", "i"),
            ("you", "yu"),
            ("yan", "yen"),
            ("ye", "yeh"),
            ("yu", "yü"),
            ("yue", "yüeh"),
            ("yuan", "yüan"),
            ("yun", "yün"),
            ("yong", "yung"),
            ("e", "o"),
            ("zhong", "chung"),
            ("rong", "jung"),
            ("xiong", "hsiung"),
            ("jian", "chien"),
            ("tian", "t'ien"),
            ("xie", "hsieh"),
            ("jue", "chüeh"),
            ("xu", "hsü"),
            ("qu", "ch'ü"),
            ("juan", "chüan"),
            ("jun", "chün"),
            ("lv", "lü"),
            ("nve", "nüeh"),
            ("ge", "ko"),
            ("ke", "k'o"),
            ("he", "ho"),
            ("de", "te"),
            ("guo", "kuo"),
            ("huo", "huo"),
            ("shuo", "shuo"),
            ("luo", "lo"),
            ("zuo", "tso"),
            ("zhuo", "cho"),
            ("gui", "kuei"),
            ("kui", "k'uei"),
            ("hui", "hui"),
            ("dui", "tui"),
            ("jiu", "chiu"),
            ("xi", "hsi"),
            ("jin", "chin"),
            ("ping", "p'ing"),
            ("zhang", "chang"),
            ("chen", "ch'en"),
            ("wu", "wu"),
            ("wo", "wo"),
        ] {
            assert_eq!(wade_giles(py), wg, "{py}");
        }
    }

    #[test]
    fn hk_cantonese_rows() {
        for (jp, hk) in [
            ("baak6", "pak"),
            ("pun1", "pun"),
            ("man4", "man"),
            ("fung4", "fung"),
            ("dang6", "tang"),
            ("tin4", "tin"),
            ("ng4", "ng"),
            ("m4", "m"),
            ("lau4", "lau"),
            ("gwok3", "kwok"),
            ("kwong3", "kwong"),
            ("gou1", "ko"),
            ("kuk1", "kuk"),
            ("ngai6", "ngai"),
            ("ho4", "ho"),
            ("wong4", "wong"),
            ("can4", "chan"),
            ("zoeng1", "cheung"),
            ("zau1", "chau"),
            ("zang1", "tsang"),
            ("ze6", "tse"),
            ("ceoi4", "tsui"),
            ("cou4", "tso"),
            ("coi3", "choi"),
            ("si1", "sze"),
            ("zi2", "chi"),
            ("sou1", "so"),
            ("soeng4", "sheung"),
            ("syu1", "shu"),
            ("sek6", "shek"),
            ("seon6", "shun"),
            ("joeng4", "yeung"),
            ("jip6", "yip"),
            ("jyu4", "yu"),
            ("jyun4", "yuen"),
            ("jyut6", "yuet"),
            ("syun1", "suen"),
            ("zyu1", "chu"),
            ("lei5", "lee"),
            ("hei1", "hei"),
            ("leoi5", "lui"),
            ("loeng4", "leung"),
            ("coek3", "cheuk"),
            ("gaai1", "kai"),
            ("baau1", "pau"),
            ("laam4", "lam"),
            ("saan1", "san"),
            ("paang4", "pang"),
            ("gaap3", "kap"),
            ("baat3", "pat"),
            ("sam1", "sam"),
            ("kap1", "kap"),
            ("bat1", "pat"),
            ("bak1", "pak"),
            ("ce1", "tse"),
            ("hot3", "hot"),
            ("wet1", "wet"),
            ("hm1", "hm"),
            ("zeng6", "cheng"),
            ("dek6", "tek"),
            ("deu6", "teu"),
            ("ceot1", "chut"),
            ("hoe1", "hoe"),
            ("sik1", "sik"),
            ("ming4", "ming"),
            ("jim4", "yim"),
            ("cin4", "chin"),
            ("sip3", "sip"),
            ("git6", "kit"),
            ("siu1", "siu"),
            ("loi4", "loi"),
            ("hon4", "hon"),
            ("mok6", "mok"),
            ("fu6", "fu"),
            ("mui4", "mui"),
            ("zung1", "chung"),
            ("luk6", "luk"),
            ("wut6", "wut"),
            ("gaa1", "ka"),
        ] {
            assert_eq!(
                hk_spellings(jp).first().map(String::as_str),
                Some(hk),
                "{jp}"
            );
        }
        assert!(hk_spellings("ce1").contains(&"che".to_string()));
        assert!(hk_spellings("zau1").contains(&"chow".to_string()));
        assert!(hk_spellings("pun1").contains(&"poon".to_string()));
        assert!(hk_spellings("can4").contains(&"tsan".to_string()));
        assert!(hk_spellings("xyz").is_empty());
        assert!(hk_spellings("").is_empty());
    }

    #[test]
    fn xi_jinping() {
        for name in ["习近平", "習近平"] {
            let rs = readings(name);
            assert_eq!(rs[0].via, Via::Pinyin);
            assert_eq!(rs[0].tokens, ["xi", "jin", "ping"]);
            assert!(has(&rs, Via::WadeGiles, &["hsi", "chin", "ping"]), "{rs:?}");
            assert!(has(&rs, Via::Cantonese, &["chap", "kan", "ping"]), "{rs:?}");
        }
    }

    #[test]
    fn common_surnames() {
        let rs = readings("張");
        assert_eq!(rs[0].tokens, ["zhang"]);
        assert!(has(&rs, Via::WadeGiles, &["chang"]));
        assert!(has(&rs, Via::Cantonese, &["cheung"]));
        let rs = readings("陈");
        assert_eq!(rs[0].tokens, ["chen"]);
        assert_eq!(wade_giles("chen"), "ch'en");
        assert!(
            !has(&rs, Via::WadeGiles, &["chen"]),
            "same as pinyin: deduplicated"
        );
        assert!(has(&rs, Via::Cantonese, &["chan"]));
        let rs = readings("梁");
        assert!(has(&rs, Via::Cantonese, &["leung"]));
        let rs = readings("郭");
        assert!(has(&rs, Via::WadeGiles, &["kuo"]));
        assert!(has(&rs, Via::Cantonese, &["kwok"]));
    }

    #[test]
    fn heteronym_surnames_give_every_reading() {
        let rs = readings("单雄信");
        assert_eq!(rs[0].tokens, ["shan", "xiong", "xin"]);
        assert!(has(&rs, Via::Pinyin, &["dan", "xiong", "xin"]), "{rs:?}");
        assert!(has(&rs, Via::Cantonese, &["sin", "hung", "shun"]), "{rs:?}");
        let rs = readings("曾");
        assert_eq!(rs[0].tokens, ["zeng"]);
        assert!(has(&rs, Via::Pinyin, &["ceng"]));
        assert!(has(&rs, Via::WadeGiles, &["tseng"]));
        assert!(has(&rs, Via::Cantonese, &["tsang"]));
        let rs = readings("朴");
        assert_eq!(rs[0].tokens, ["piao"]);
        assert!(has(&rs, Via::Pinyin, &["pu"]));
        let rs = readings("解");
        assert_eq!(rs[0].tokens, ["xie"]);
        assert!(has(&rs, Via::Pinyin, &["jie"]));
        let rs = readings("吕布");
        assert_eq!(rs[0].tokens, ["lu", "bu"]);
        assert!(has(&rs, Via::Pinyin, &["lyu", "bu"]));
    }

    #[test]
    fn korean_names_in_han() {
        assert_eq!(to_hangul("金正恩").as_deref(), Some("김정은"));
        assert_eq!(to_hangul("李").as_deref(), Some("리"));
        assert_eq!(to_hangul("朴").as_deref(), Some("박"));
        // Simplified characters inherit the reading of their traditional form.
        assert_eq!(to_hangul("陈").as_deref(), Some("진"));
        assert_eq!(to_hangul("金 正恩").as_deref(), Some("김 정은"));
        assert_eq!(to_hangul(""), None);
        assert_eq!(to_hangul("金x"), None);
    }

    #[test]
    fn commercial_codes() {
        assert_eq!(commercial_code("习").as_deref(), Some("5045"));
        assert_eq!(commercial_code("習").as_deref(), Some("5045"));
        assert_eq!(commercial_code("金正恩").as_deref(), Some("6855 2973 1869"));
        assert_eq!(commercial_code("習近平"), commercial_code("习近平"));
        assert_eq!(commercial_code(""), None);
        assert_eq!(commercial_code("Kim"), None);
        assert_eq!(commercial_code("金\u{E000}"), None);
    }

    #[test]
    fn same_syllable_examples() {
        assert!(same_syllable("wai", "wei"));
        assert!(same_syllable("hsi", "xi"));
        assert!(same_syllable("chin", "jin"));
        assert!(same_syllable("chin", "qin"));
        assert!(same_syllable("cheung", "zhang"));
        assert!(same_syllable("zhang", "cheung"));
        assert!(same_syllable("chang", "zhang"));
        assert!(same_syllable("ming", "ming"));
        assert!(same_syllable("chow", "chau"));
        assert!(same_syllable("tsang", "zeng"));
        assert!(same_syllable("kwok", "guo"));
        assert!(same_syllable("lyu", "lu"));
        assert!(same_syllable("lee", "li"));
        assert!(same_syllable("wong", "huang"));
        assert!(same_syllable("wong", "wang"));
        assert!(!same_syllable("wei", "ming"));
        assert!(!same_syllable("jin", "qin"));
        assert!(!same_syllable("zhang", "wang"));
        assert!(!same_syllable("", "xi"));
    }

    #[test]
    fn organisation_gets_a_translated_reading() {
        let rs = readings("深圳市大疆创新科技有限公司");
        assert_eq!(rs[0].via, Via::Pinyin);
        assert_eq!(rs[0].tokens[..3], ["shen", "zhen", "shi"]);
        assert_eq!(rs[0].tokens.len(), 13);
        let tr = &tokens_of(&rs, Via::ChineseTranslation)[0];
        assert!(
            tr.ends_with(&["technology".into(), "co".into(), "ltd".into()]),
            "{tr:?}"
        );
        assert_eq!(tr[..3], ["shen", "zhen", "shi"]);
        let rs = readings("中国银行");
        assert_eq!(rs[0].tokens, ["zhong", "guo", "yin", "hang"]);
        assert!(has(&rs, Via::ChineseTranslation, &["china", "bank"]));
        assert!(
            has(&rs, Via::Cantonese, &["chung", "kwok", "ngan", "hong"]),
            "{rs:?}"
        );
        let rs = readings("重庆长城");
        assert_eq!(rs[0].tokens, ["chong", "qing", "chang", "cheng"]);
        let rs = readings("朝鲜进出口贸易公司");
        let tr = &tokens_of(&rs, Via::ChineseTranslation)[0];
        assert_eq!(tr, &["korea", "import", "export", "trading", "company"]);
        // An organisation's first character is not expanded as a surname.
        let rs = readings("单位贸易公司");
        assert!(rs.iter().all(|r| r.tokens[0] != "shan"), "{rs:?}");
    }

    #[test]
    fn readings_are_capped_deduplicated_and_pinyin_first() {
        for name in ["朴", "单雄信", "中国银行股份有限公司", "乐", "和", "習近平"]
        {
            let rs = readings(name);
            assert!(!rs.is_empty() && rs.len() <= MAX_READINGS, "{name}");
            assert_eq!(rs[0].via, Via::Pinyin);
            for (n, r) in rs.iter().enumerate() {
                assert!(rs[..n].iter().all(|q| q.tokens != r.tokens));
                for t in &r.tokens {
                    assert!(
                        !t.is_empty() && t.bytes().all(|b| b.is_ascii_lowercase()),
                        "{t}"
                    );
                }
            }
        }
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "",
            " ",
            "Kim Jong Un",
            "김정은",
            "\u{E000}\u{10FFFF}\u{3400}\u{9FFF}\u{2A6DF}\u{30000}",
            "金·正恩",
            "\u{FFFD}",
            "㐀",
        ] {
            let _ = readings(s);
            let _ = to_simplified(s);
            let _ = to_hangul(s);
            let _ = commercial_code(s);
        }
        assert!(readings("").is_empty());
        assert!(readings("Kim").is_empty());
        assert!(readings("\u{E000}").is_empty());
        assert_eq!(readings("金·正恩")[0].tokens, ["jin", "zheng", "en"]);
        for s in ["", "x", "zzzz", "ü", "chüeh", "nnn"] {
            let _ = wade_giles(s);
            let _ = hk_spellings(s);
            let _ = same_syllable(s, "xi");
        }
    }

    #[test]
    fn every_table_record_is_well_formed() {
        let mut prev = "";
        for line in data_lines(CHARS) {
            let key = line.split('\t').next().unwrap_or("");
            assert_eq!(key.chars().count(), 1, "{line}");
            assert!(key > prev, "sorted: {line}");
            assert_eq!(line.split('\t').count(), 5, "{line}");
            let c = key.chars().next().unwrap_or(' ');
            assert!(char_info(c).is_some(), "{line}");
            prev = key;
        }
        for line in data_lines(T2S) {
            let (t, s) = line.split_once('\t').unwrap_or((line, ""));
            let t = t.chars().next().unwrap_or(' ');
            assert_eq!(simplified_char(t), s.chars().next(), "{line}");
        }
    }

    #[test]
    fn every_pinyin_syllable_has_a_wade_giles_spelling() {
        for p in data_lines(PINYIN) {
            let wg = fold_wade_giles(&wade_giles(p));
            assert!(
                !wg.is_empty() && wg.bytes().all(|b| b.is_ascii_lowercase()),
                "{p}"
            );
        }
        for line in data_lines(YUE_CMN) {
            let j = line.split('\t').next().unwrap_or("");
            assert!(!hk_spellings(j).is_empty(), "no HK spelling for {j}");
        }
    }
}

/// Measurements for the report: `cargo test --lib text::han::measure -- --ignored --nocapture`.
#[cfg(test)]
mod measure {
    use super::*;
    use std::time::Instant;

    /// The fastest of ten batches, per call: the machine is shared.
    fn best(mut f: impl FnMut()) -> std::time::Duration {
        let n = 2_000;
        (0..10)
            .map(|_| {
                let t = Instant::now();
                for _ in 0..n {
                    f();
                }
                t.elapsed() / n
            })
            .min()
            .unwrap_or_default()
    }

    #[test]
    #[ignore]
    fn timings_and_looseness() {
        let t = Instant::now();
        chars_index();
        println!("chars index built in {:?}", t.elapsed());
        let t = Instant::now();
        t2s_index();
        println!("t2s index built in {:?}", t.elapsed());
        let t = Instant::now();
        let maps = syllable_maps();
        println!("syllable maps built in {:?}", t.elapsed());
        println!(
            "readings(习近平): {:?} each",
            best(|| {
                std::hint::black_box(readings(std::hint::black_box("习近平")));
            })
        );
        println!(
            "to_simplified: {:?} each",
            best(|| {
                std::hint::black_box(to_simplified(std::hint::black_box("习近平")));
            })
        );
        println!(
            "char_info: {:?} each",
            best(|| {
                std::hint::black_box(char_info(std::hint::black_box('近')));
            })
        );
        println!(
            "to_hangul: {:?} each",
            best(|| {
                std::hint::black_box(to_hangul(std::hint::black_box("习近平")));
            })
        );
        let chars: Vec<(char, CharInfo)> = "习近平"
            .chars()
            .filter_map(|c| char_info(c).map(|i| (c, i)))
            .collect();
        println!(
            "segment: {:?} each",
            best(|| {
                std::hint::black_box(segment(std::hint::black_box(&chars)));
            })
        );
        println!(
            "wg tokens: {:?} each",
            best(|| {
                std::hint::black_box(wade_giles_tokens(std::hint::black_box(&chars), "xi"));
            })
        );
        println!(
            "canto tokens: {:?} each",
            best(|| {
                std::hint::black_box(cantonese_tokens(std::hint::black_box(&chars), None));
            })
        );
        println!(
            "readings(13-char org): {:?} each",
            best(|| {
                std::hint::black_box(readings(std::hint::black_box("深圳市大疆创新科技有限公司")));
            })
        );
        println!(
            "same_syllable: {:?} each",
            best(|| {
                std::hint::black_box(same_syllable("cheung", "zhang"));
            })
        );
        let jp: Vec<usize> = maps.yue_cmn.values().map(Vec::len).collect();
        println!(
            "Jyutping syllables: {}, pinyin per Jyutping: {:.2}",
            jp.len(),
            jp.iter().sum::<usize>() as f64 / jp.len() as f64
        );
        let mut per_spelling = Vec::new();
        for jyutping in maps.cantonese.values() {
            let mut pinyin: Vec<&str> = jyutping
                .iter()
                .flat_map(|j| maps.yue_cmn.get(j).into_iter().flatten().copied())
                .collect();
            pinyin.sort_unstable();
            pinyin.dedup();
            per_spelling.push(pinyin.len());
        }
        println!(
            "HK spellings: {}, pinyin syllables per HK spelling: {:.2} (max {})",
            per_spelling.len(),
            per_spelling.iter().sum::<usize>() as f64 / per_spelling.len() as f64,
            per_spelling.iter().max().unwrap_or(&0)
        );
        let primary: Vec<usize> = maps
            .yue_cmn
            .keys()
            .filter_map(|j| hk_spellings(j).into_iter().next())
            .map(|s| {
                let mut p: Vec<&str> = maps.cantonese[&s]
                    .iter()
                    .flat_map(|j| maps.yue_cmn.get(j).into_iter().flatten().copied())
                    .collect();
                p.sort_unstable();
                p.dedup();
                p.len()
            })
            .collect();
        println!(
            "pinyin per primary HK spelling: {:.2}",
            primary.iter().sum::<usize>() as f64 / primary.len() as f64
        );
        let pinyin = data_lines(PINYIN).count();
        let (mut pairs, mut related) = (0usize, 0usize);
        for a in data_lines(PINYIN) {
            for b in data_lines(PINYIN) {
                pairs += 1;
                related += usize::from(a != b && same_syllable(a, b));
            }
        }
        println!("pinyin syllables {pinyin}; distinct pinyin pairs judged same: {related}/{pairs}");
        for (a, b) in [
            ("chan", "chen"),
            ("wong", "huang"),
            ("lee", "li"),
            ("ng", "wu"),
            ("chan", "zhang"),
        ] {
            println!("{a}/{b}: {}", same_syllable(a, b));
        }
        println!("chan -> {:?}", maps.cantonese.get("chan"));
    }
}
