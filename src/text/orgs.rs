//! Organisation names: legal forms and generic words reduced to weak symbols.
//!
//! One symbol per meaning, whatever the language: `co ltd`, `company limited`, `limited`,
//! `gmbh`, `ooo`, `youxian gongsi`, `yuhan hoesa` are all `~ltd`; joint-stock forms
//! (`jsc`, `oao`, `ag`, `sa`, `plc`, `gufen youxian gongsi`) are `~jsc`; the company
//! nouns (`company`, `co`, `corporation`, `corp`, `inc`, `gongsi`, `hoesa`) are `~co`, so
//! `General Corp` = `General Corporation` = `Chonghoesa`. DPRK vocabulary is bridged the
//! same way (`choson` = `korea` = `~korea`, `unhaeng` = `bank` = `~bank`, `muyok` =
//! `trading` = `~trading`, `hapyong` = `joint venture` = `~jv`). Symbols start with `~`
//! so they never collide with a name; [`super::latin::skeleton`] passes them unchanged.
//!
//! Kept as `Name` on purpose: words that tell one firm of a kind from another
//! (`commercial`, `development`, `investment`, `mining`, `maritime`, `oil`), and Persian
//! or other words that look generic but are names on the lists (`melli`, `sepah`).
//!
//! The words are hand-kept tables in `data/words/` (`org_phrases.tsv`, `org_words.tsv`),
//! parsed once on first use.

use std::sync::LazyLock;

use super::distance::osa_within;
use super::tables::{self, word_table, Record, Table, TableError};
use super::TokenClass;

/// Phrases and the weak symbols they become (columns in the file's header).
const PHRASES_TABLE: Table = word_table!("org_phrases.tsv");
/// Words by kind: connectors, weak words, exact-only words, words that are no typos.
const WORDS_TABLE: Table = word_table!("org_words.tsv");

/// A phrase (folded tokens) and the weak symbols it becomes.
type PhraseRow = (Vec<&'static str>, Vec<&'static str>);

/// Phrases (folded tokens, matched longest first) and the weak symbols they become.
static PHRASES: LazyLock<Vec<PhraseRow>> =
    LazyLock::new(|| tables::load(PHRASES_TABLE, parse_phrases));

/// The words of [`WORDS_TABLE`], by kind.
static WORDS: LazyLock<WordLists> = LazyLock::new(|| tables::load(WORDS_TABLE, parse_words));

/// Words by kind, each list in file order.
#[derive(Debug, Default)]
struct WordLists {
    /// Connectors dropped outright: they carry nothing and only dilute coverage.
    dropped: Vec<&'static str>,
    /// Generic words kept as they are but marked weak: articles, org-type heads that are
    /// not symbolised, and country names.
    weak: Vec<&'static str>,
    /// Vocabulary words that are only ever matched exactly, never as the correction of a
    /// typo: romanised Korean and Chinese words (short syllables, dense: `daehak` is one
    /// letter from the name `daehan`), and the words of country names.
    exact_only: Vec<&'static str>,
    /// Real words, frequent in names, one or two edits from a vocabulary word: never read
    /// as its typo (`expert` is not `export`, `cooperation` not `corporation`).
    not_typos: Vec<&'static str>,
}

fn parse_phrases(table: Table) -> Result<Vec<PhraseRow>, TableError> {
    table
        .records(2)?
        .iter()
        .map(|r| Ok((folded_tokens(r, 0)?, r.words(1)?)))
        .collect()
}

fn parse_words(table: Table) -> Result<WordLists, TableError> {
    let mut lists = WordLists::default();
    for r in table.records(2)? {
        let [word] = folded_tokens(&r, 0)?[..] else {
            return Err(r.error("one word expected"));
        };
        let list = match r.columns[1] {
            "dropped" => &mut lists.dropped,
            "weak" => &mut lists.weak,
            "exact" => &mut lists.exact_only,
            "not-typo" => &mut lists.not_typos,
            kind => return Err(r.error(format!("unknown kind {kind:?}"))),
        };
        list.push(word);
    }
    Ok(lists)
}

/// The words of column `n`, which must be folded tokens (lowercase ASCII letters), since
/// they are compared with folded tokens.
fn folded_tokens(r: &Record, n: usize) -> Result<Vec<&'static str>, TableError> {
    let words = r.words(n)?;
    match words
        .iter()
        .find(|w| !w.bytes().all(|b| b.is_ascii_lowercase()))
    {
        Some(w) => Err(r.error(format!("{w:?} is not a folded token"))),
        None => Ok(words),
    }
}

/// Shortest token read as a typo of a vocabulary word, and shortest vocabulary word a
/// typo is read against: below five letters one edit makes another word (`loos`/`los`,
/// `cora`/`corp`).
const MIN_TYPO_LEN: usize = 5;
/// Shortest single-word legal form or generic word recognised from a typo on its own,
/// outside a multi-word legal form (`llmited`, `compan`); shorter ones (`trade`, `banco`,
/// `group`) have too many real neighbours (`grade`, `blanco`).
const MIN_STANDALONE_TYPO_LEN: usize = 6;
/// Both words at least this long: two edits allowed instead of one.
const TWO_EDITS_LEN: usize = 9;

/// One vocabulary word.
struct Word {
    text: &'static str,
    /// Letters present, one bit per `a..z`.
    mask: u32,
    /// Part of some phrase (as opposed to only a weak word or a connector).
    in_phrase: bool,
    /// A typo of it may be read as it.
    typo_target: bool,
    /// A typo of it may be read as it on its own (it is a one-word phrase).
    standalone: bool,
    weak: bool,
    dropped: bool,
}

struct Phrase {
    words: Vec<u16>,
    symbols: &'static [&'static str],
    /// Has a one-letter word (`s a r l`): matched in order and exactly only, so that
    /// initials of a person are not shuffled into a legal form.
    ordered: bool,
}

struct Vocab {
    words: Vec<Word>,
    ids: rustc_hash::FxHashMap<&'static str, u16>,
    phrases: Vec<Phrase>,
    /// Phrases containing each word.
    by_word: Vec<Vec<u16>>,
    /// Typo targets by length.
    by_len: Vec<Vec<u16>>,
}

fn letter_mask(s: &str) -> u32 {
    s.bytes()
        .filter(u8::is_ascii_lowercase)
        .fold(0, |m, b| m | 1 << (b - b'a'))
}

impl Vocab {
    fn build() -> Vocab {
        let mut v = Vocab {
            words: Vec::new(),
            ids: rustc_hash::FxHashMap::default(),
            phrases: Vec::new(),
            by_word: Vec::new(),
            by_len: Vec::new(),
        };
        for (phrase, symbols) in PHRASES.iter() {
            let words: Vec<u16> = phrase.iter().map(|w| v.intern(w)).collect();
            let id = v.phrases.len() as u16;
            for &w in &words {
                v.words[w as usize].in_phrase = true;
                if !v.by_word[w as usize].contains(&id) {
                    v.by_word[w as usize].push(id);
                }
            }
            if let [w] = words[..] {
                v.words[w as usize].standalone = true;
            }
            let ordered = phrase.iter().any(|w| w.len() < 2);
            v.phrases.push(Phrase {
                words,
                symbols,
                ordered,
            });
        }
        for w in &WORDS.weak {
            let id = v.intern(w);
            v.words[id as usize].weak = true;
        }
        for w in &WORDS.dropped {
            let id = v.intern(w);
            v.words[id as usize].dropped = true;
        }
        for (id, w) in v.words.iter_mut().enumerate() {
            let eligible = w.in_phrase
                && w.text.len() >= MIN_TYPO_LEN
                && w.text.bytes().all(|b| b.is_ascii_lowercase())
                && !WORDS.exact_only.contains(&w.text)
                && !WORDS.weak.contains(&w.text);
            w.typo_target = eligible;
            w.standalone &= eligible && w.text.len() >= MIN_STANDALONE_TYPO_LEN;
            if eligible {
                let len = w.text.len();
                if v.by_len.len() <= len {
                    v.by_len.resize(len + 1, Vec::new());
                }
                v.by_len[len].push(id as u16);
            }
        }
        v
    }

    fn intern(&mut self, w: &'static str) -> u16 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.words.len() as u16;
        self.words.push(Word {
            text: w,
            mask: letter_mask(w),
            in_phrase: false,
            typo_target: false,
            standalone: false,
            weak: false,
            dropped: false,
        });
        self.by_word.push(Vec::new());
        self.ids.insert(w, id);
        id
    }

    fn id(&self, t: &str) -> Option<u16> {
        self.ids.get(t).copied()
    }

    /// The vocabulary words `t` may stand for: itself (cost 0), and the typo targets it
    /// is a typo of (cost = edits). A token with a doubled letter stands for the
    /// abbreviation it becomes without it (`corrp`, `ltdd`; cost 1).
    fn candidates(&self, t: &str, out: &mut Vec<Cand>) {
        out.clear();
        if let Some(id) = self.id(t) {
            out.push(Cand {
                word: id,
                cost: 0,
                standalone: true,
            });
        }
        let b = t.as_bytes();
        if b.len() < 4 || !b.iter().all(u8::is_ascii_lowercase) || WORDS.not_typos.contains(&t) {
            return;
        }
        // Doubled consonants only: a doubled vowel makes words (`saas`, `loos`).
        if b.windows(2)
            .any(|p| p[0] == p[1] && !b"aeiouy".contains(&p[0]))
        {
            let mut collapsed = t.to_string().into_bytes();
            collapsed.dedup_by(|a, b| a == b && !b"aeiouy".contains(a));
            if let Some(id) = std::str::from_utf8(&collapsed)
                .ok()
                .and_then(|c| self.id(c))
            {
                let w = &self.words[id as usize];
                if w.in_phrase
                    && w.text.len() >= 3
                    && !WORDS.exact_only.contains(&w.text)
                    && !out.iter().any(|c| c.word == id)
                {
                    out.push(Cand {
                        word: id,
                        cost: 1,
                        standalone: true,
                    });
                }
            }
        }
        if b.len() < MIN_TYPO_LEN {
            return;
        }
        let tmask = letter_mask(t);
        let (lo, hi) = (
            b.len().saturating_sub(2),
            (b.len() + 2).min(self.by_len.len().saturating_sub(1)),
        );
        for len in lo..=hi {
            let max: u8 = if b.len().min(len) >= TWO_EDITS_LEN {
                2
            } else {
                1
            };
            if len.abs_diff(b.len()) > usize::from(max) {
                continue;
            }
            for &id in &self.by_len[len] {
                let w = &self.words[id as usize];
                let m = u32::from(max);
                if (w.mask & !tmask).count_ones() > m || (tmask & !w.mask).count_ones() > m {
                    continue;
                }
                let wb = w.text.as_bytes();
                let Some(d) = osa_within(b, wb, max) else {
                    continue;
                };
                if d == 0 || out.iter().any(|c| c.word == id) {
                    continue;
                }
                // Alone, outside a longer legal form, a typo is one edit, and a six-letter
                // word one letter short or long (`compan`): one letter changed in it
                // makes words (`basque`/`banque`, `berhan`/`berhad`); two edits too
                // (`companion`/`companies`, `unlimited`/`limited`).
                let standalone = w.standalone
                    && d == 1
                    && (b.len() > MIN_STANDALONE_TYPO_LEN || b.len() != wb.len());
                out.push(Cand {
                    word: id,
                    cost: d,
                    standalone,
                });
            }
        }
    }
}

fn vocab() -> &'static Vocab {
    static VOCAB: std::sync::OnceLock<Vocab> = std::sync::OnceLock::new();
    VOCAB.get_or_init(Vocab::build)
}

/// A vocabulary word a token may stand for.
#[derive(Debug, Clone, Copy)]
struct Cand {
    word: u16,
    /// 0 exact, else the edits of the typo.
    cost: u8,
    /// May stand for the word outside a multi-word phrase.
    standalone: bool,
}

/// Joins runs of one-letter tokens that spell words of legal forms (`s a r l` → `sarl`,
/// `l l c` → `llc`, `s a c v` → `sa cv`). Words of two letters are joined only next to
/// another joined word, so that a person's two initials (`A. G.`, `C. O.`) stay initials.
fn join_letters(tokens: Vec<String>, v: &Vocab) -> Vec<String> {
    if !tokens
        .windows(2)
        .any(|p| p[0].len() == 1 && p[1].len() == 1)
    {
        return tokens;
    }
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let run = tokens[i..].iter().take_while(|t| t.len() == 1).count();
        if run < 2 {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        }
        let letters: String = tokens[i..i + run].concat();
        // Greedy split into vocabulary words, longest first.
        let mut parts: Vec<(usize, usize)> = Vec::new();
        let mut j = 0;
        while j < run {
            let k = (2..=run - j).rev().find(|&k| {
                letters
                    .get(j..j + k)
                    .and_then(|s| v.id(s))
                    .is_some_and(|id| v.words[id as usize].in_phrase)
            });
            match k {
                Some(k) => {
                    parts.push((j, k));
                    j += k;
                }
                None => j += 1,
            }
        }
        let mut j = 0;
        for (p, &(start, k)) in parts.iter().enumerate() {
            let beside_another = (p > 0 && parts[p - 1].0 + parts[p - 1].1 == start)
                || parts.get(p + 1).is_some_and(|next| start + k == next.0);
            if k >= 3 || beside_another {
                out.extend(tokens[i + j..i + start].iter().cloned());
                out.push(letters[start..start + k].to_string());
                j = start + k;
            }
        }
        out.extend(tokens[i + j..i + run].iter().cloned());
        i += run;
    }
    out
}

/// The best phrase over `tokens[i..]`: (symbols, length in tokens). A phrase matches a
/// window of as many tokens, in any order (`stock joint company`), each token the word
/// itself or a typo of it, with no more typos than exact words; a one-word phrase
/// matches a typo only if it is a standalone target. The last word of a phrase may be
/// cut short by one letter when it is an abbreviation (`pty lt`). Longest phrase wins,
/// then fewest edits.
fn best_phrase(
    v: &Vocab,
    tokens: &[String],
    cands: &[Vec<Cand>],
    i: usize,
) -> Option<(&'static [&'static str], usize)> {
    let mut best: Option<(usize, u32, u16)> = None; // (len, cost, phrase)
    let mut seen: Vec<u16> = Vec::new();
    let mut consider = |p: u16| {
        if seen.contains(&p) {
            return;
        }
        seen.push(p);
        let phrase = &v.phrases[p as usize];
        let n = phrase.words.len();
        if i + n > tokens.len() || best.is_some_and(|(bn, _, _)| bn > n) {
            return;
        }
        let Some(cost) = match_window(v, phrase, &tokens[i..i + n], &cands[i..i + n]) else {
            return;
        };
        if best.is_none_or(|(bn, bc, _)| n > bn || cost < bc) {
            best = Some((n, cost, p));
        }
    };
    for c in &cands[i] {
        for &p in &v.by_word[c.word as usize] {
            consider(p);
        }
    }
    best.map(|(n, _, p)| (v.phrases[p as usize].symbols, n))
}

/// Cost of matching `window` to `phrase` (see [`best_phrase`]), if it matches.
fn match_window(v: &Vocab, phrase: &Phrase, window: &[String], cands: &[Vec<Cand>]) -> Option<u32> {
    let n = phrase.words.len();
    let truncated = |t: usize, w: u16| {
        let (tt, wt) = (window[t].as_str(), v.words[w as usize].text);
        n >= 2 && t == n - 1 && wt.len() <= 4 && tt.len() + 1 == wt.len() && wt.starts_with(tt)
    };
    if n == 1 {
        return cands[0]
            .iter()
            .filter(|c| c.word == phrase.words[0] && (c.cost == 0 || c.standalone))
            .map(|c| u32::from(c.cost))
            .min();
    }
    // Cost of pairing window token t with phrase word j; typos count apart.
    let pair = |t: usize, j: usize| -> Option<(u32, bool)> {
        let w = phrase.words[j];
        if let Some(c) = cands[t]
            .iter()
            .filter(|c| c.word == w)
            .min_by_key(|c| c.cost)
        {
            return Some((u32::from(c.cost), c.cost > 0));
        }
        (j == n - 1 && truncated(t, w)).then_some((1, true))
    };
    // Small n (≤ 6): search every assignment.
    fn search(
        t: usize,
        n: usize,
        used: u32,
        typos: usize,
        pair: &dyn Fn(usize, usize) -> Option<(u32, bool)>,
    ) -> Option<u32> {
        if t == n {
            return (typos * 2 <= n).then_some(0);
        }
        let mut best: Option<u32> = None;
        for j in 0..n {
            if used & (1 << j) != 0 {
                continue;
            }
            if let Some((c, typo)) = pair(t, j) {
                if let Some(rest) = search(t + 1, n, used | 1 << j, typos + usize::from(typo), pair)
                {
                    best = Some(best.map_or(c + rest, |b: u32| b.min(c + rest)));
                }
            }
        }
        best
    }
    if phrase.ordered {
        let mut cost = 0;
        let mut typos = 0;
        for t in 0..n {
            let (c, typo) = pair(t, t)?;
            cost += c;
            typos += usize::from(typo);
        }
        return (typos * 2 <= n).then_some(cost);
    }
    if n > 8 {
        return None;
    }
    search(0, n, 0, 0, &pair)
}

/// Rewrites folded tokens of an organisation name: legal forms and generic words become
/// weak `~symbols` (multi-word phrases matched greedily, longest first, in any order and
/// through typos), connectors are dropped, other generic words and
/// country names are marked weak, and everything else stays a `Name`. A company noun
/// beside a legal form that already says company (`limited liability … company`) is
/// dropped. A name made only of generic words (`Central Bank of Iran`) keeps all its
/// tokens as `Name`, since they are all it has.
pub fn canonicalize(tokens: Vec<String>) -> Vec<(String, TokenClass)> {
    let v = vocab();
    let original = tokens.clone();
    let tokens = join_letters(tokens, v);
    let mut cands: Vec<Vec<Cand>> = Vec::with_capacity(tokens.len());
    let mut buf = Vec::new();
    for t in &tokens {
        v.candidates(t, &mut buf);
        cands.push(buf.clone());
    }
    let mut out = Vec::with_capacity(tokens.len());
    let mut legal_form = false;
    let mut i = 0;
    while i < tokens.len() {
        if let Some((symbols, n)) = best_phrase(v, &tokens, &cands, i) {
            legal_form |= symbols.iter().any(|s| *s == "~ltd" || *s == "~jsc");
            out.extend(symbols.iter().map(|s| (s.to_string(), TokenClass::Weak)));
            i += n;
            continue;
        }
        let t = &tokens[i];
        let word = v.id(t).map(|id| &v.words[id as usize]);
        if !word.is_some_and(|w| w.dropped) {
            let class = if word.is_some_and(|w| w.weak) {
                TokenClass::Weak
            } else {
                TokenClass::Name
            };
            out.push((t.clone(), class));
        }
        i += 1;
    }
    if legal_form {
        out.retain(|(t, _)| t != "~co");
    }
    if out.is_empty() {
        return original
            .into_iter()
            .map(|t| (t, TokenClass::Name))
            .collect();
    }
    if out.iter().all(|(_, c)| *c == TokenClass::Weak) {
        for (_, c) in &mut out {
            *c = TokenClass::Name;
        }
    }
    out
}

/// Whether a token is one of the weak symbols this module produces.
pub fn is_symbol(token: &str) -> bool {
    token.starts_with('~')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::tokens as fold_tokens;

    fn canon(name: &str) -> Vec<(String, TokenClass)> {
        canonicalize(fold_tokens(name))
    }

    fn texts(name: &str) -> Vec<String> {
        canon(name).into_iter().map(|(t, _)| t).collect()
    }

    /// Same tokens, in any order (the scorer aligns tokens order-free).
    fn same(a: &str, b: &str) {
        let (mut x, mut y) = (texts(a), texts(b));
        x.sort();
        y.sort();
        assert_eq!(x, y, "{a} vs {b}");
    }

    #[test]
    fn word_tables_parse() {
        let phrases = parse_phrases(PHRASES_TABLE).unwrap_or_else(|e| panic!("{e}"));
        let words = parse_words(WORDS_TABLE).unwrap_or_else(|e| panic!("{e}"));
        fn row(p: &[&'static str], s: &[&'static str]) -> PhraseRow {
            (p.to_vec(), s.to_vec())
        }
        assert!(phrases.contains(&row(&["co", "ltd"], &["~ltd"])));
        assert!(phrases.contains(&row(&["chonghoesa"], &["~general", "~co"])));
        assert!(phrases.contains(&row(&["zhongguo"], &["china"])));
        assert_eq!(phrases[0], row(&["co", "ltd"], &["~ltd"]));
        assert!(words.dropped.contains(&"of"));
        assert!(words.weak.contains(&"iran") && words.weak.contains(&"de"));
        assert!(words.exact_only.contains(&"daehak"));
        assert!(words.not_typos.contains(&"expert"));
    }

    #[test]
    fn malformed_word_tables_are_reported_with_file_and_line() {
        let table = |text| Table {
            file: "data/words/test.tsv",
            text,
        };
        let err = parse_phrases(table("# header\nCo Ltd\t~ltd\n")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "data/words/test.tsv line 2: \"Co\" is not a folded token"
        );
        let err = parse_words(table("of\tdropped\nand\tdroped\n")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "data/words/test.tsv line 2: unknown kind \"droped\""
        );
        let err = parse_words(table("joint stock\tweak\n")).unwrap_err();
        assert_eq!(err.line, 1);
    }

    #[test]
    fn every_phrase_row_maps_to_weak_symbols() {
        for (phrase, symbols) in PHRASES.iter() {
            let toks: Vec<String> = phrase.iter().map(|s| s.to_string()).collect();
            let mut name = vec!["ryonbong".to_string()];
            name.extend(toks);
            let out = canonicalize(name);
            assert_eq!(
                out[0],
                ("ryonbong".to_string(), TokenClass::Name),
                "{phrase:?}"
            );
            let rest: Vec<&str> = out[1..].iter().map(|(t, _)| t.as_str()).collect();
            assert_eq!(rest, *symbols, "{phrase:?}");
            assert!(
                out[1..].iter().all(|(_, c)| *c == TokenClass::Weak),
                "{phrase:?}"
            );
        }
    }

    #[test]
    fn legal_forms_are_one_symbol() {
        same("X Co., Ltd.", "X Company Limited");
        same("X Co., Ltd.", "X Limited");
        same("X LLC", "X Youxian Gongsi");
        same("X GmbH", "X OOO");
        same("X OOO", "X Obshchestvo s Ogranichennoy Otvetstvennostyu");
        same("X JSC", "X OAO");
        same("X Joint Stock Company", "X Aktsionernoe Obshchestvo");
        same("X S.A.", "X AG");
        same("X Gufen Youxian Gongsi", "X PLC");
        same("X Jusik Hoesa", "X Co Ltd");
        same("X Yuhan Hoesa", "X Ltd");
        same("X Corp", "X Corporation");
        same("X Inc.", "X Company");
    }

    #[test]
    fn dprk_vocabulary_is_bridged() {
        same(
            "Korea Ryonbong General Corporation",
            "KOREA RYONBONG GENERAL CORP",
        );
        same(
            "Korea Ryonbong General Corporation",
            "Choson Ryonbong Chonghoesa",
        );
        same("Korea Daesong Bank", "Choson Daesong Unhaeng");
        same("Korea Daesong Bank", "Daesong Bank of the DPRK");
        same("X Trading Company", "X Muyok Hoesa");
        same("X Joint Venture Company", "X Hapyong Hoesa");
        same("X General Bureau", "X Chongguk");
        same("X Shipping", "X Haeun");
        same("X Import and Export", "X Jinchukou");
        same("X Group", "X Jituan");
        same("X Trading", "X Maoyi");
        same(
            "Yongbyon Atomic Energy Research Institute",
            "Yongbyon Nuclear Research Centre",
        );
        same("Democratic People's Republic of Korea Y", "Korea Y");
    }

    #[test]
    fn distinctive_words_stay_names() {
        let out = canon("Korea Kwangson Banking Corp");
        let names: Vec<&str> = out
            .iter()
            .filter(|(_, c)| *c == TokenClass::Name)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(names, ["kwangson"]);
        let out = canon("Tanchon Commercial Bank");
        assert_eq!(out[1], ("commercial".to_string(), TokenClass::Name));
        assert_eq!(out[2], ("~bank".to_string(), TokenClass::Weak));
        let out = canon("Bank Melli Iran");
        assert_eq!(out[1], ("melli".to_string(), TokenClass::Name));
        assert_eq!(out[2], ("iran".to_string(), TokenClass::Weak));
    }

    #[test]
    fn all_generic_names_keep_their_words() {
        let out = canon("Central Bank of Iran");
        assert_eq!(out.len(), 3);
        assert!(out.iter().all(|(_, c)| *c == TokenClass::Name));
        assert_eq!(canon("The"), [("the".to_string(), TokenClass::Name)]);
        assert!(canonicalize(Vec::new()).is_empty());
    }

    fn names(name: &str) -> Vec<String> {
        canon(name)
            .into_iter()
            .filter(|(_, c)| *c == TokenClass::Name)
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn legal_forms_with_a_typo() {
        same("X Joint Stock Ocmpany", "X Joint Stock Company");
        same("X Limited Libility Company", "X Limited Liability Company");
        same("X Llmited", "X Limited");
        same("X Compan", "X Company");
        same("X Corrp", "X Corp");
        same("Ltdd X", "Ltd X");
        same("X Obshvhestvo Aktsionernoe", "X Aktsionernoe Obshchestvo");
        same("X Internatiomnal", "X International");
        same("X Internationla", "X International");
        // Two edits in a long word, first letter wrong: only inside a longer form.
        same(
            "Limited Iliabiliyt Company X",
            "Limited Liability Company X",
        );
        same("Limited Liabjliyt Company X", "Limited Liability Company X");
        // Spelling variants of a long word of a form with one-letter words.
        same("Obshchestvo s Ogranichennoi Otvetstvennostyu X", "X Ltd");
        assert_eq!(names("Unlimited X"), ["unlimited", "x"]);
    }

    #[test]
    fn permuted_and_split_legal_forms() {
        same("X Joint Company Stock", "X JSC");
        same("Stock, Joint Company X", "X JSC");
        same("Public Stock Joint Company X", "X JSC");
        same("Atock, Joint Company X", "X JSC");
        same("Joint Copany Stock X", "X JSC");
        same("X Import Export", "X Export Import");
        // Legal form around the name; the company noun it implies is not counted twice.
        same("Limited Liability X Company", "Limited Liability Company X");
        same("X Joint Stock Co.", "X Joint Stock Company");
        same("X Public Joint Stock", "X PJSC");
        same("X Free Zone Establishment", "X FZE");
    }

    #[test]
    fn dotted_and_spaced_abbreviations() {
        same("X S.A.R.L.", "X SARL");
        same("X L.L.C.", "X LLC");
        same("X S.a. C.v. De", "X S.A. de C.V.");
        same("X S.A. C.V.", "X S.A. de C.V.");
        same("X (PTY) LT.", "X (Pty) Ltd");
        same("X Co., Lt", "X Co Ltd");
        same("X Trad. Co.", "X Trading Company");
        // Only into legal forms: `D.E.S.` is no article.
        assert_eq!(texts("D.E.S. International"), ["d", "e", "s", "~intl"]);
        // A person's two initials stay initials.
        assert_eq!(texts("Smith, A. G."), ["smith", "a", "g"]);
        assert_eq!(texts("Kim C. O."), ["kim", "c", "o"]);
        assert_eq!(texts("Kim K G"), ["kim", "k", "g"]);
    }

    #[test]
    fn distinctive_words_are_not_typos() {
        // Short words: never read as typos, whatever they are near.
        assert_eq!(names("Loos GmbH"), ["loos"]);
        assert_eq!(names("Cora Ltd"), ["cora"]);
        assert_eq!(names("Intel Ltd"), ["intel"]);
        assert_eq!(names("Grade Trading"), ["grade"]);
        assert_eq!(names("Banko Ltd"), ["banko"]);
        assert_eq!(names("Saas Ltd"), ["saas"]);
        // Real words near a legal or generic word.
        assert_eq!(names("Expert Ltd"), ["expert"]);
        assert_eq!(names("Shopping Ltd"), ["shopping"]);
        assert_eq!(names("Diversity Ltd"), ["diversity"]);
        assert_eq!(names("Companion"), ["companion"]);
        assert_eq!(names("Basque Liberty"), ["basque", "liberty"]);
        assert_eq!(names("Kavan Behrad"), ["kavan", "behrad"]);
        // Romanised Korean and Chinese words and country names match only exactly.
        assert_eq!(names("Daehan Shipping"), ["daehan"]);
        assert_eq!(names("Wuhan Ltd"), ["wuhan"]);
        assert_eq!(names("Lorea Ltd"), ["lorea"]);
        assert_eq!(names("Syrya Ltd"), ["syrya"]);
        // A typo of a word of a longer form alone is no legal form (`joint`, `stock`).
        assert_eq!(names("Point Ltd"), ["point"]);
        assert_eq!(names("Stick Ltd"), ["stick"]);
    }

    #[test]
    fn odd_input() {
        let out = canonicalize(vec![String::new(), "~ltd".into(), "ß".into(), "co".into()]);
        assert_eq!(out.len(), 4);
        for t in [
            vec!["s".to_string(), "a".into(), "c".into(), "v".into()],
            vec!["é".to_string(), "ü".into(), "ltdd".into()],
            vec!["l".to_string(); 40],
            vec!["joint".to_string(); 12],
            vec!["a".repeat(300), "ltd".into()],
            vec!["stock".to_string(), "joint".into()],
        ] {
            let _ = canonicalize(t);
        }
        assert!(is_symbol("~co") && !is_symbol("co"));
    }
}
