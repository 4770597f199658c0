//! Latin romanization variants: a skeleton key for recall, surname classes, and a
//! romanization-aware similarity for scoring.
//!
//! The skeleton is deliberately coarse: Korean romanizations write one vowel ㅓ as `o`,
//! `eo` or `u` (Jong/Jeong/Jung) and ㅡ as `u` or `eu` (Un/Eun), so `o`, `u`, `eo`, `eu`,
//! `oo`, `ou` share one class; voicing and aspiration (k/g/kh, t/d/th, p/b/ph, ch/j/tch)
//! are one class each. What it keeps apart: `a` / `e`(`ae`) / `i` / `o`-class / y-glide
//! vowels / `oe`-class / `wa` / `wi` / `wo`, and the consonants k, t, p, j, z, s, h, m, n,
//! ng, l, f, v, w. So `il`≠`un`, `kim`≠`kam`, `yong`≠`yang`, `chol`≠`chon`, but `son`=`sun`
//! =`seon` and `o`=`u` (오/우 as lone tokens collide: precision is the scorer's job).

/// The pinyin finals that follow a `c` (pinyin c = Wade-Giles ts'): `cai` is `tsai`.
const PINYIN_C_FINALS: &[&str] = &[
    "a", "ai", "an", "ang", "ao", "e", "en", "eng", "i", "ong", "ou", "u", "uan", "ui", "un", "uo",
];

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Consonant grapheme at `b[i]` → (class code, length). Voicing, aspiration and doubling
/// are one class: k g c kk kh ck → k; t d tt th → t; p b pp ph → p; ch j jj tch zh q → j;
/// ts tz dz z → z; s ss sh hs x → s; r l rr ll rh lh → l; ng → g.
fn consonant(b: &[u8], i: usize) -> (&'static str, usize) {
    let n1 = b.get(i + 1).copied().unwrap_or(0);
    let n2 = b.get(i + 2).copied().unwrap_or(0);
    let two = |cond: bool, code| if cond { (code, 2) } else { (code, 1) };
    match b[i] {
        b't' if n1 == b'c' && n2 == b'h' => ("j", 3),
        b't' if matches!(n1, b'z' | b's') => ("z", 2),
        b't' => two(matches!(n1, b't' | b'h'), "t"),
        b'j' => two(n1 == b'j', "j"),
        b'c' if n1 == b'h' => ("j", 2),
        b'c' => two(n1 == b'k', "k"),
        b'z' if n1 == b'h' => ("j", 2),
        b'z' => ("z", 1),
        b'd' if n1 == b'z' => ("z", 2),
        b'd' => ("t", 1),
        b'h' if n1 == b's' => ("s", 2),
        b'h' => ("h", 1),
        b's' => two(matches!(n1, b'h' | b's'), "s"),
        b'x' => ("s", 1),
        b'n' if n1 == b'g' => ("g", 2),
        b'n' => ("n", 1),
        b'k' => two(matches!(n1, b'k' | b'h'), "k"),
        b'g' => ("k", 1),
        b'q' => ("j", 1),
        b'p' => two(matches!(n1, b'p' | b'h'), "p"),
        b'b' => ("p", 1),
        b'r' | b'l' => two(matches!(n1, b'h' | b'r' | b'l'), "l"),
        b'm' => ("m", 1),
        b'f' => ("f", 1),
        b'v' => ("v", 1),
        b'w' => ("w", 1),
        b'y' => ("y", 1),
        _ => ("", 1),
    }
}

/// Class of a vowel run (letters a e i o u with w/y glides), e.g. `eo` → `o`, `oi` → `we`.
fn vowel_class(run: &str) -> &'static str {
    let run = match run {
        "wu" | "woo" | "wou" => "u",
        _ => run,
    };
    if let Some(rest) = run.strip_prefix('y') {
        return match rest {
            "i" | "ee" => "i",
            "a" => "ya",
            "ae" | "ai" => "yae",
            "o" | "eo" | "u" | "oo" | "ou" | "e" | "eu" | "uo" | "eou" => "yo",
            _ => "y?",
        };
    }
    match run {
        "a" => "a",
        "ae" | "ai" | "e" | "ei" | "ay" | "ey" => "e",
        "o" | "u" | "eo" | "eu" | "oo" | "ou" | "uo" | "ue" | "uu" => "o",
        "wo" | "weo" => "wo",
        "oa" | "ua" => "wa",
        "i" | "ee" | "ie" | "ii" | "iy" => "i",
        "oi" | "oe" | "we" | "wae" | "oy" | "uai" => "we",
        "wa" | "wah" => "wa",
        "wi" | "ui" | "uei" | "wee" | "uy" => "wi",
        "ia" => "ya",
        "io" | "iu" | "iou" | "ieo" => "yo",
        "ao" | "au" | "aw" => "ao",
        _ => "?",
    }
}

/// Fallback for unusual vowel runs: one letter class each, repeats merged.
fn vowel_fallback(run: &str, out: &mut String) {
    let mut last = 0u8;
    for b in run.bytes() {
        let c = match b {
            b'u' => b'o',
            b'w' | b'y' => continue,
            _ => b,
        };
        if c != last {
            out.push(c as char);
            last = c;
        }
    }
}

/// Length of the vowel run starting at `i` (y/w count as glides before a vowel or after
/// one; a lone y between consonants is the vowel i).
fn vowel_run_len(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() {
        let c = b[j];
        let next_vowel = b.get(j + 1).is_some_and(|&n| is_vowel(n));
        // A glide opens a run (kyong, chwe) or closes one (kay); between vowels it is a
        // consonant (awad = a·wad, aya = a·ya).
        let glide = matches!(c, b'w' | b'y')
            && if j == i {
                next_vowel
            } else {
                c == b'y' && !next_vowel
            };
        if is_vowel(c) || glide {
            j += 1;
        } else {
            break;
        }
    }
    j - i
}

/// A coarse phonetic key that unites romanization variants of one folded token
/// (Jong/Jung/Chung/Jeong, Lee/Yi/Ri/Rhee, Pak/Park/Bahk, hsi/xi, tsai/cai …), for
/// candidate recall. Non-letters are kept as they are; `~symbols` pass unchanged.
pub fn skeleton(token: &str) -> String {
    if token.starts_with('~') {
        return token.to_string();
    }
    let lower: std::borrow::Cow<str> = if token.bytes().any(|c| c.is_ascii_uppercase()) {
        token.to_ascii_lowercase().into()
    } else {
        token.into()
    };
    let b = lower.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    // pinyin c + final: cai = tsai, cong = tsung.
    if b.first() == Some(&b'c') && PINYIN_C_FINALS.contains(&&lower[1..]) {
        out.push('z');
        i = 1;
    }
    let mut last_cons: &str = "";
    let mut first_unit = out.is_empty();
    while i < b.len() {
        let c = b[i];
        let run = vowel_run_len(b, i);
        if run > 0 || (c == b'y' && !b.get(i + 1).is_some_and(|&n| is_vowel(n))) {
            let len = run.max(1);
            let text = if run == 0 { "i" } else { &lower[i..i + len] };
            let class = vowel_class(text);
            // Initial r/l before i or a y-glide, n before a y-glide: the initial-sound law
            // (Ri/Yi/Lee/I, Ryu/Yu, Nyongbyon/Yongbyon).
            let drop = (last_cons == "l" && (class == "i" || text.starts_with('y')))
                || (last_cons == "n" && text.starts_with('y'));
            if drop && out.len() == 1 && !first_unit {
                out.clear();
            }
            if class.ends_with('?') {
                vowel_fallback(text, &mut out);
            } else {
                out.push_str(class);
            }
            last_cons = "";
            first_unit = false;
            i += len;
            continue;
        }
        if !c.is_ascii_lowercase() {
            if c.is_ascii() {
                out.push(c as char);
            }
            last_cons = "";
            first_unit = false;
            i += 1;
            continue;
        }
        let after_vowel = i > 0 && is_vowel(b[i - 1]);
        let next_is_vowel = b.get(i + 1).is_some_and(|&n| is_vowel(n) || n == b'y');
        // Post-vocalic h and r before a consonant or the end are silent (Bahk, Park, Hur).
        if after_vowel && matches!(c, b'h' | b'r') && !next_is_vowel {
            i += 1;
            continue;
        }
        let (code, len) = consonant(b, i);
        if code != last_cons {
            out.push_str(code);
        }
        last_cons = code;
        first_unit = false;
        i += len;
    }
    out
}

/// Surname variant classes: representative and its spellings, as Korean surnames are
/// written in McCune-Reischauer, DPRK usage, Revised Romanization and passports (`Ri`,
/// `Lee`, `Yi`, `I`), and Chinese ones in pinyin, Wade-Giles, Hong Kong (Cantonese) and
/// Hokkien spellings (`Zhang`, `Chang`, `Cheung`, `Teo`). Chinese homophones get the tone (`xu2` 徐, `xu3` 许).
const SURNAME_CLASSES: &[(&str, &[&str])] = &[
    // Korean
    ("kim", &["kim", "gim"]),
    (
        "lee",
        &["lee", "yi", "i", "ri", "rhee", "rhie", "li", "rie"],
    ),
    ("park", &["park", "pak", "bak", "bahk", "pack", "back"]),
    ("choi", &["choi", "choe", "chwe", "chey"]),
    (
        "jung",
        &["jung", "jeong", "jong", "chung", "cheong", "chong"],
    ),
    ("cho", &["cho", "jo", "joh", "choh"]),
    ("kang", &["kang", "gang"]),
    ("yoon", &["yoon", "yun"]),
    ("jang", &["jang", "chang"]),
    ("lim", &["lim", "im", "rim", "yim"]),
    ("noh", &["noh", "roh", "no", "ro"]),
    ("ryu", &["ryu", "yoo", "yu", "lyu", "rhyu", "you"]),
    ("yang", &["yang", "ryang"]),
    ("yeom", &["yeom", "yom", "ryom", "youm"]),
    ("shin", &["shin", "sin"]),
    ("oh", &["oh", "o"]),
    ("seo", &["seo", "suh", "so"]),
    ("jeon", &["jeon", "jun", "chon", "chun", "jon"]),
    ("heo", &["heo", "hur", "ho"]),
    ("baek", &["baek", "paek", "paik", "baik"]),
    ("bae", &["bae", "pae"]),
    ("byun", &["byun", "pyon", "byeon", "pyun"]),
    ("tae", &["tae", "thae"]),
    ("hyun", &["hyun", "hyon", "hyeon"]),
    ("kye", &["kye", "gye"]),
    ("joo", &["joo", "ju", "chu"]),
    ("koo", &["koo", "ku", "gu"]),
    ("ahn", &["ahn", "an"]),
    ("sohn", &["sohn", "son"]),
    ("moon", &["moon", "mun"]),
    ("kwon", &["kwon", "gwon"]),
    ("woo", &["woo", "u", "wu"]),
    ("namgung", &["namgung", "namkung", "namkoong"]),
    ("hwangbo", &["hwangbo", "hwangpo"]),
    ("jegal", &["jegal", "chegal"]),
    ("sunwoo", &["sunwoo", "sonu", "seonu", "sunu"]),
    // Chinese
    ("chen", &["chen", "chan", "tan"]),
    ("zhang", &["zhang", "chang", "cheung", "teo"]),
    ("huang", &["huang", "wong", "ng", "ooi"]),
    ("wang", &["wang", "wong", "ong"]),
    ("li", &["li", "lee"]),
    ("lin", &["lin", "lam", "lim"]),
    ("wu", &["wu", "ng", "goh"]),
    ("liu", &["liu", "lau"]),
    ("yang", &["yang", "yeung", "yeo"]),
    ("zhou", &["zhou", "chou", "chow", "chau"]),
    ("xu2", &["xu", "hsu", "tsui"]),
    ("xu3", &["xu", "hsu", "hui", "koh"]),
    ("guo", &["guo", "kuo", "kwok", "quek"]),
    ("zheng", &["zheng", "cheng", "tay"]),
    ("xie", &["xie", "hsieh", "tse"]),
    ("zeng", &["zeng", "tseng", "tsang"]),
    ("cai", &["cai", "tsai", "choi", "chua"]),
    ("ye", &["ye", "yeh", "yip", "yap"]),
    ("liang", &["liang", "leung"]),
];

/// The surname classes a folded token belongs to, as their representatives (`wong` →
/// `["huang", "wang"]`, `rhee` → `["lee"]`); empty if it is no known surname spelling.
pub fn surname_classes(token: &str) -> Vec<&'static str> {
    surname_index().get(token).cloned().unwrap_or_default()
}

/// Spelling → class representatives, built once from [`SURNAME_CLASSES`].
fn surname_index() -> &'static rustc_hash::FxHashMap<&'static str, Vec<&'static str>> {
    static INDEX: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, Vec<&'static str>>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: rustc_hash::FxHashMap<&'static str, Vec<&'static str>> =
            rustc_hash::FxHashMap::default();
        for (rep, variants) in SURNAME_CLASSES {
            for v in *variants {
                let reps = map.entry(*v).or_default();
                if !reps.contains(rep) {
                    reps.push(*rep);
                }
            }
        }
        map
    })
}

/// Whether two tokens are spellings of one surname class.
fn share_surname_class(a: &str, b: &str) -> bool {
    let index = surname_index();
    match (index.get(a), index.get(b)) {
        (Some(ca), Some(cb)) => ca.iter().any(|c| cb.contains(c)),
        _ => false,
    }
}

fn vowel_letters(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes().filter(|&b| is_vowel(b))
}

/// The vowel runs of a token with the consonant that follows each (`jeong` →
/// `[("eo", "ng")]`), glides included in the run.
fn vowel_runs(s: &str) -> Vec<(&str, &str)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let run = vowel_run_len(b, i);
        if run == 0 {
            i += 1;
            continue;
        }
        let end = i + run;
        let next = &s[end..];
        let coda = if next.starts_with("ng") {
            "ng"
        } else {
            next.get(..1).unwrap_or("")
        };
        out.push((&s[i..end], coda));
        i = end;
    }
    out
}

/// How two vowel spellings of one syllable relate: the same vowel in another system
/// (ㅓ `eo`/`o`, ㅡ `eu`/`u`, ㅕ `yeo`/`yo`, ㅐ `ae`/`e`, `ee`/`i`, `oo`/`u`), the
/// customary `u` for ㅓ before n/ng (Jeong/Jung, Seong/Sung, Jeon/Jun), or only the
/// skeleton's coarse class (`o`/`u` elsewhere, `ye`/`yu`), which is weaker evidence.
fn vowel_variant(a: &str, b: &str, coda: &str) -> VowelMatch {
    const SAME: &[(&str, &str)] = &[
        ("eo", "o"),
        ("eu", "u"),
        ("yeo", "yo"),
        ("ae", "e"),
        ("ee", "i"),
        ("yi", "i"),
        ("oo", "u"),
        ("ou", "u"),
        ("oi", "oe"),
        ("wo", "weo"),
        ("ai", "ae"),
        ("ay", "ae"),
        ("ei", "e"),
        ("wu", "u"),
        ("woo", "u"),
    ];
    if a == b {
        return VowelMatch::Same;
    }
    if SAME
        .iter()
        .any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
    {
        return VowelMatch::Variant;
    }
    let customary = |x: &str, y: &str| {
        matches!(x, "eo" | "o") && y == "u" || matches!(x, "yeo" | "yo") && y == "yu"
    };
    if matches!(coda, "n" | "ng") && (customary(a, b) || customary(b, a)) {
        return VowelMatch::Variant;
    }
    VowelMatch::Coarse
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum VowelMatch {
    Coarse,
    Variant,
    Same,
}

/// How alike two folded tokens are for a known romanization reason, in [0, 1]: 1.0 equal;
/// 0.95 same skeleton and same vowels (voicing/aspiration: kim/gim, thaek/taek); 0.92
/// same surname class (wong/huang, rhee/lee); 0.9 same skeleton, vowels that are
/// spellings of one vowel (jong/jeong, un/eun, jung/jeong); 0.75 same skeleton only
/// through the coarse vowel class (so/su, ye/yu: often another syllable); 0.0 otherwise
/// (un/il, chol/chon, yong/yang).
pub fn romanization_similarity(a: &str, b: &str) -> f64 {
    romanization_similarity_keyed(a, &skeleton(a), b, &skeleton(b))
}

/// [`romanization_similarity`] with the tokens' skeletons already computed (the index
/// stores them, so scoring does not recompute them per pair).
pub fn romanization_similarity_keyed(a: &str, sa: &str, b: &str, sb: &str) -> f64 {
    let spelling = spelling_similarity_keyed(a, sa, b, sb);
    if spelling < 0.92 && share_surname_class(a, b) {
        return 0.92;
    }
    spelling
}

/// [`romanization_similarity_keyed`] without the surname classes: for spellings known
/// to be in one Chinese system, where `hui` is not `xu` whatever Hong Kong writes.
pub fn spelling_similarity_keyed(a: &str, sa: &str, b: &str, sb: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let mut best: f64 = 0.0;
    if !sa.is_empty() && sa == sb && !a.starts_with('~') {
        best = if vowel_letters(a).eq(vowel_letters(b)) {
            0.95
        } else {
            let (ra, rb) = (vowel_runs(a), vowel_runs(b));
            let worst = if ra.len() == rb.len() {
                ra.iter()
                    .zip(&rb)
                    .map(|(&(va, ca), &(vb, cb))| {
                        vowel_variant(va, vb, if ca.is_empty() { cb } else { ca })
                    })
                    .min()
                    .unwrap_or(VowelMatch::Same)
            } else {
                VowelMatch::Coarse
            };
            match worst {
                VowelMatch::Coarse => 0.75,
                _ => 0.9,
            }
        };
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_same(words: &[&str]) {
        let k = skeleton(words[0]);
        for w in words {
            assert_eq!(skeleton(w), k, "{w} vs {}", words[0]);
        }
    }

    #[test]
    fn skeleton_unites_korean_variants() {
        let sets: &[&[&str]] = &[
            &["jong", "jung", "chung", "jeong", "chong", "cheong"],
            &["lee", "yi", "ri", "rhee", "rhie", "li", "i"],
            &["pak", "park", "bak", "bahk"],
            &["kim", "gim"],
            &["choi", "choe", "chwe"],
            &["cho", "jo"],
            &["chongun", "jongun", "jeongeun"],
            &["thaek", "taek"],
            &["bok", "pok"],
            &["gil", "kil"],
            &["daesong", "taesong"],
            &["ryonha", "ryenha", "yonha"],
            &["yong", "young", "yeong", "ryong", "nyong"],
            &["hyon", "hyun", "hyeon"],
            &["chol", "cheol", "chul"],
            &["un", "eun"],
            &["song", "sung", "seong"],
            &["u", "woo", "wu"],
            &["sun", "seon"],
            &["kyong", "gyeong", "kyung"],
            &["yongbyon", "nyongbyon", "yeongbyeon"],
            &["ryonbong", "yonbong"],
            &["kang", "gang"],
            &["yoon", "yun"],
            &["lim", "im", "rim", "yim"],
            &["ryu", "yoo", "yu", "lyu", "rhyu"],
            &["yang", "ryang"],
            &["shin", "sin"],
            &["oh", "o"],
            &["seo", "suh", "so"],
            &["jeon", "jun", "chon", "chun"],
            &["heo", "hur", "ho"],
            &["baek", "paek", "paik"],
            &["bae", "pae"],
            &["byun", "pyon"],
            &["thae", "tae"],
            &["kye", "gye"],
            &["ju", "joo", "chu"],
            &["koo", "ku", "gu"],
            &["sunwoo", "sonu"],
            &["ahn", "an"],
        ];
        for s in sets {
            all_same(s);
        }
    }

    /// Each consonant grapheme row, between two a's.
    #[test]
    fn consonant_rows() {
        let rows: &[(&str, &str)] = &[
            ("k", "k"),
            ("g", "k"),
            ("c", "k"),
            ("kk", "k"),
            ("kh", "k"),
            ("ck", "k"),
            ("t", "t"),
            ("d", "t"),
            ("tt", "t"),
            ("th", "t"),
            ("p", "p"),
            ("b", "p"),
            ("pp", "p"),
            ("ph", "p"),
            ("ch", "j"),
            ("j", "j"),
            ("jj", "j"),
            ("tch", "j"),
            ("zh", "j"),
            ("q", "j"),
            ("ts", "z"),
            ("tz", "z"),
            ("dz", "z"),
            ("z", "z"),
            ("s", "s"),
            ("ss", "s"),
            ("sh", "s"),
            ("hs", "s"),
            ("x", "s"),
            ("r", "l"),
            ("l", "l"),
            ("rr", "l"),
            ("ll", "l"),
            ("lh", "l"),
            ("ng", "g"),
            ("n", "n"),
            ("m", "m"),
            ("h", "h"),
            ("f", "f"),
            ("v", "v"),
        ];
        for (g, code) in rows {
            assert_eq!(skeleton(&format!("a{g}a")), format!("a{code}a"), "{g}");
        }
        // Post-vocalic r and h are silent before a consonant, so rh counts word-initially.
        assert_eq!(skeleton("rha"), "la");
        assert_eq!(skeleton("arha"), "aha");
    }

    #[test]
    fn skeleton_wade_giles_and_pinyin() {
        all_same(&["hsi", "xi"]);
        all_same(&["chin", "jin"]);
        all_same(&["tsai", "cai"]);
        all_same(&["chou", "zhou"]);
        all_same(&["hsu", "xu"]);
        all_same(&["tseng", "zeng"]);
        all_same(&["kuo", "guo"]);
        all_same(&["chang", "zhang"]);
        all_same(&["hsieh", "xie"]);
        all_same(&["tsung", "cong"]);
    }

    #[test]
    fn skeleton_keeps_apart() {
        for (a, b) in [
            ("il", "un"),
            ("kim", "kam"),
            ("yong", "yang"),
            ("chol", "chon"),
            ("jong", "jon"),
            ("kim", "kin"),
            ("pak", "pal"),
            ("song", "sang"),
            ("hyon", "hon"),
            ("il", "ul"),
            ("han", "hwan"),
            ("su", "sa"),
            ("robert", "norbert"),
            ("lam", "nam"),
            ("awad", "ayad"),
            ("awad", "ad"),
        ] {
            assert_ne!(skeleton(a), skeleton(b), "{a} vs {b}");
        }
    }

    /// Pseudo-random strings over ASCII, Hangul, jamo, Han and combining marks: no panics
    /// in any of the public functions of the text modules written here.
    #[test]
    fn fuzz_no_panic() {
        let alphabet: Vec<char> =
            "abcdeghijklmnopqrstuwxyz'~ -0129AZé김정은ㄱ각金(주)㈜\u{301}\u{0}"
                .chars()
                .collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let len = (seed >> 59) as usize;
            let s: String = (0..len)
                .map(|k| alphabet[((seed >> (k * 3 % 48)) as usize) % alphabet.len()])
                .collect();
            let k = skeleton(&s);
            let _ = surname_classes(&s);
            let r = romanization_similarity(&s, &k);
            assert!((0.0..=1.0).contains(&r));
            let _ = crate::text::hangul::readings(&s);
            let toks: Vec<String> = s.split(' ').map(str::to_string).collect();
            let _ = crate::text::orgs::canonicalize(toks);
        }
    }

    #[test]
    fn skeleton_odd_input() {
        for s in [
            "", "~ltd", "123", "y", "w", "yyy", "www", "h", "ha", "rh", "c", "ch", "éa",
        ] {
            let _ = skeleton(s);
        }
        assert_eq!(skeleton("~ltd"), "~ltd");
        assert_eq!(skeleton("a1"), "a1");
        assert_eq!(skeleton("Kim"), skeleton("kim"));
    }

    #[test]
    fn surname_class_rows() {
        for (rep, variants) in SURNAME_CLASSES {
            for v in *variants {
                assert!(surname_classes(v).contains(rep), "{v} not in {rep}");
            }
        }
        assert_eq!(surname_classes("wong"), ["huang", "wang"]);
        assert_eq!(surname_classes("cheung"), ["zhang"]);
        assert_eq!(surname_classes("rhee"), ["lee"]);
        assert_eq!(surname_classes("lee"), ["lee", "li"]);
        assert_eq!(surname_classes("chang"), ["jang", "zhang"]);
        assert_eq!(surname_classes("choi"), ["choi", "cai"]);
        assert_eq!(surname_classes("xu"), ["xu2", "xu3"]);
        assert!(surname_classes("smith").is_empty());
        assert!(surname_classes("").is_empty());
    }

    #[test]
    fn similarity() {
        assert_eq!(romanization_similarity("kim", "kim"), 1.0);
        assert_eq!(romanization_similarity("un", "il"), 0.0);
        assert_eq!(romanization_similarity("chol", "chon"), 0.0);
        assert_eq!(romanization_similarity("yong", "yang"), 0.0);
        assert_eq!(romanization_similarity("kim", "gim"), 0.95);
        assert_eq!(romanization_similarity("thaek", "taek"), 0.95);
        assert_eq!(romanization_similarity("jong", "jung"), 0.92);
        assert_eq!(romanization_similarity("chol", "cheol"), 0.9);
        assert_eq!(romanization_similarity("chongun", "jeongeun"), 0.9);
        assert_eq!(romanization_similarity("wong", "huang"), 0.92);
        assert_eq!(romanization_similarity("rhee", "lee"), 0.95);
        assert_eq!(romanization_similarity("u", "woo"), 0.92);
        assert_eq!(romanization_similarity("un", "eun"), 0.9);
        assert_eq!(romanization_similarity("o", "u"), 0.75);
        assert_eq!(romanization_similarity("so", "su"), 0.75);
        assert_eq!(romanization_similarity("sung", "seong"), 0.9);
        assert_eq!(romanization_similarity("", ""), 0.0);
        assert_eq!(romanization_similarity("~ltd", "~co"), 0.0);
        for (a, b) in [("jong", "jung"), ("wong", "huang"), ("hsi", "xi")] {
            assert_eq!(romanization_similarity(a, b), romanization_similarity(b, a));
            let s = romanization_similarity(a, b);
            assert!((0.0..=1.0).contains(&s));
        }
    }
}
