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

use super::TokenClass;

/// Phrases (folded tokens, matched longest first) and the weak symbols they become.
const PHRASES: &[(&[&str], &[&str])] = &[
    // Limited liability.
    (&["co", "ltd"], &["~ltd"]),
    (&["co", "limited"], &["~ltd"]),
    (&["company", "limited"], &["~ltd"]),
    (&["company", "ltd"], &["~ltd"]),
    (&["ltd", "co"], &["~ltd"]),
    (&["limited", "company"], &["~ltd"]),
    (&["limited"], &["~ltd"]),
    (&["ltd"], &["~ltd"]),
    (&["ltda"], &["~ltd"]),
    (&["llc"], &["~ltd"]),
    (&["l", "l", "c"], &["~ltd"]),
    (&["limited", "liability", "company"], &["~ltd"]),
    (&["pte", "ltd"], &["~ltd"]),
    (&["pte"], &["~ltd"]),
    (&["pvt", "ltd"], &["~ltd"]),
    (&["private", "limited"], &["~ltd"]),
    (&["private", "limited", "company"], &["~ltd"]),
    (&["pty", "ltd"], &["~ltd"]),
    (&["sdn", "bhd"], &["~ltd"]),
    (&["gmbh"], &["~ltd"]),
    (
        &["gesellschaft", "mit", "beschrankter", "haftung"],
        &["~ltd"],
    ),
    (&["ooo"], &["~ltd"]),
    (
        &["obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"],
        &["~ltd"],
    ),
    (
        &["obshchestvo", "s", "ogranichennoi", "otvetstvennostiu"],
        &["~ltd"],
    ),
    (
        &["obshchestvo", "s", "ogranichennoy", "otvetstvennostiu"],
        &["~ltd"],
    ),
    (&["sarl"], &["~ltd"]),
    (&["s", "a", "r", "l"], &["~ltd"]),
    (&["societe", "a", "responsabilite", "limitee"], &["~ltd"]),
    (&["srl"], &["~ltd"]),
    (&["s", "r", "l"], &["~ltd"]),
    (
        &["sociedad", "de", "responsabilidad", "limitada"],
        &["~ltd"],
    ),
    (&["sl"], &["~ltd"]),
    (&["bv"], &["~ltd"]),
    (&["b", "v"], &["~ltd"]),
    (&["fze"], &["~ltd"]),
    (&["fzco"], &["~ltd"]),
    (&["fzc"], &["~ltd"]),
    (&["fz", "llc"], &["~ltd"]),
    (&["fzllc"], &["~ltd"]),
    (&["youxian", "gongsi"], &["~ltd"]),
    (&["youxiangongsi"], &["~ltd"]),
    (&["youxian", "zeren", "gongsi"], &["~ltd"]),
    (&["youxianzerengongsi"], &["~ltd"]),
    (&["yuhan", "hoesa"], &["~ltd"]),
    (&["yuhanhoesa"], &["~ltd"]),
    (&["chusik", "hoesa"], &["~ltd"]),
    (&["jusik", "hoesa"], &["~ltd"]),
    (&["chusikhoesa"], &["~ltd"]),
    (&["jusikhoesa"], &["~ltd"]),
    // Joint-stock.
    (&["jsc"], &["~jsc"]),
    (&["ojsc"], &["~jsc"]),
    (&["cjsc"], &["~jsc"]),
    (&["pjsc"], &["~jsc"]),
    (&["oao"], &["~jsc"]),
    (&["zao"], &["~jsc"]),
    (&["pao"], &["~jsc"]),
    (&["ao"], &["~jsc"]),
    (&["joint", "stock", "company"], &["~jsc"]),
    (&["open", "joint", "stock", "company"], &["~jsc"]),
    (&["closed", "joint", "stock", "company"], &["~jsc"]),
    (&["public", "joint", "stock", "company"], &["~jsc"]),
    (&["otkrytoe", "aktsionernoe", "obshchestvo"], &["~jsc"]),
    (&["zakrytoe", "aktsionernoe", "obshchestvo"], &["~jsc"]),
    (&["publichnoe", "aktsionernoe", "obshchestvo"], &["~jsc"]),
    (&["aktsionernoe", "obshchestvo"], &["~jsc"]),
    (&["ag"], &["~jsc"]),
    (&["aktiengesellschaft"], &["~jsc"]),
    (&["sa"], &["~jsc"]),
    (&["s", "a"], &["~jsc"]),
    (&["sas"], &["~jsc"]),
    (&["sa", "de", "cv"], &["~jsc"]),
    (&["s", "a", "de", "c", "v"], &["~jsc"]),
    (&["societe", "anonyme"], &["~jsc"]),
    (&["sociedad", "anonima"], &["~jsc"]),
    (&["spa"], &["~jsc"]),
    (&["s", "p", "a"], &["~jsc"]),
    (&["nv"], &["~jsc"]),
    (&["n", "v"], &["~jsc"]),
    (&["plc"], &["~jsc"]),
    (&["public", "limited", "company"], &["~jsc"]),
    (&["bhd"], &["~jsc"]),
    (&["berhad"], &["~jsc"]),
    (&["gufen", "youxian", "gongsi"], &["~jsc"]),
    (&["gufenyouxiangongsi"], &["~jsc"]),
    // Company nouns.
    (&["company"], &["~co"]),
    (&["co"], &["~co"]),
    (&["corporation"], &["~co"]),
    (&["corp"], &["~co"]),
    (&["inc"], &["~co"]),
    (&["incorporated"], &["~co"]),
    (&["gongsi"], &["~co"]),
    (&["hoesa"], &["~co"]),
    (&["compania"], &["~co"]),
    (&["cia"], &["~co"]),
    (&["compagnie"], &["~co"]),
    (&["cie"], &["~co"]),
    (&["societe"], &["~co"]),
    (&["sociedad"], &["~co"]),
    (&["kompaniya"], &["~co"]),
    (&["firm"], &["~co"]),
    (&["llp"], &["~partnership"]),
    (&["lp"], &["~partnership"]),
    (&["partnership"], &["~partnership"]),
    (&["kg"], &["~partnership"]),
    // DPRK and Chinese vocabulary.
    (&["korea"], &["~korea"]),
    (&["korean"], &["~korea"]),
    (&["choson"], &["~korea"]),
    (&["chosun"], &["~korea"]),
    (&["joseon"], &["~korea"]),
    (&["chaoxian"], &["~korea"]),
    (&["dprk"], &["~korea"]),
    (&["d", "p", "r", "k"], &["~korea"]),
    (&["north", "korea"], &["~korea"]),
    (&["dpr", "korea"], &["~korea"]),
    (&["dpr", "of", "korea"], &["~korea"]),
    (
        &["democratic", "peoples", "republic", "of", "korea"],
        &["~korea"],
    ),
    (
        &["democratic", "people", "s", "republic", "of", "korea"],
        &["~korea"],
    ),
    (&["bank"], &["~bank"]),
    (&["banking"], &["~bank"]),
    (&["unhaeng"], &["~bank"]),
    (&["eunhaeng"], &["~bank"]),
    (&["yinhang"], &["~bank"]),
    (&["banque"], &["~bank"]),
    (&["banco"], &["~bank"]),
    (&["trading"], &["~trading"]),
    (&["trade"], &["~trading"]),
    (&["trdg"], &["~trading"]),
    (&["muyok"], &["~trading"]),
    (&["muyeok"], &["~trading"]),
    (&["maoyi"], &["~trading"]),
    (&["muyokhoesa"], &["~trading", "~co"]),
    (&["sangsa"], &["~trading", "~co"]),
    (&["general"], &["~general"]),
    (&["chonghoesa"], &["~general", "~co"]),
    (&["chong", "hoesa"], &["~general", "~co"]),
    (&["zonggongsi"], &["~general", "~co"]),
    (&["zong", "gongsi"], &["~general", "~co"]),
    (&["chongguk"], &["~general", "~bureau"]),
    (&["chong", "guk"], &["~general", "~bureau"]),
    (&["bureau"], &["~bureau"]),
    (&["joint", "venture"], &["~jv"]),
    (&["jv"], &["~jv"]),
    (&["hapyong"], &["~jv"]),
    (&["habyong"], &["~jv"]),
    (&["hapyonghoesa"], &["~jv", "~co"]),
    (&["hapjak"], &["~jv"]),
    (&["hezi"], &["~jv"]),
    (&["shipping"], &["~shipping"]),
    (&["haeun"], &["~shipping"]),
    (&["hangyun"], &["~shipping"]),
    (&["group"], &["~group"]),
    (&["jituan"], &["~group"]),
    (&["grupo"], &["~group"]),
    (&["groupe"], &["~group"]),
    (&["gruppa"], &["~group"]),
    (&["holding"], &["~holding"]),
    (&["holdings"], &["~holding"]),
    (&["international"], &["~intl"]),
    (&["intl"], &["~intl"]),
    (&["internacional"], &["~intl"]),
    (&["guoji"], &["~intl"]),
    (&["kukje"], &["~intl"]),
    (&["kukche"], &["~intl"]),
    (&["industry"], &["~industry"]),
    (&["industries"], &["~industry"]),
    (&["industrial"], &["~industry"]),
    (&["gongye"], &["~industry"]),
    (&["import", "export"], &["~impex"]),
    (&["import", "and", "export"], &["~impex"]),
    (&["imports", "exports"], &["~impex"]),
    (&["imp", "exp"], &["~impex"]),
    (&["impex"], &["~impex"]),
    (&["jinchukou"], &["~impex"]),
    (&["import"], &["~import"]),
    (&["imports"], &["~import"]),
    (&["export"], &["~export"]),
    (&["exports"], &["~export"]),
    (&["enterprise"], &["~enterprise"]),
    (&["enterprises"], &["~enterprise"]),
    (&["qiye"], &["~enterprise"]),
    (&["establishment"], &["~enterprise"]),
    (&["nuclear"], &["~nuclear"]),
    (&["atomic", "energy"], &["~nuclear"]),
    (&["atomic"], &["~nuclear"]),
    (&["wonjaryok"], &["~nuclear"]),
    (&["wonjaryeok"], &["~nuclear"]),
    (&["research"], &["~research"]),
    (&["yonguso"], &["~research", "~institute"]),
    (&["yeonguso"], &["~research", "~institute"]),
    (&["institute"], &["~institute"]),
    (&["center"], &["~institute"]),
    (&["centre"], &["~institute"]),
    (&["university"], &["~university"]),
    (&["taehak"], &["~university"]),
    (&["daehak"], &["~university"]),
    (&["hong", "kong"], &["~hongkong"]),
    (&["hongkong"], &["~hongkong"]),
    (&["xianggang"], &["~hongkong"]),
    (&["zhongguo"], &["china"]),
];

/// Connectors dropped outright: they carry nothing and only dilute coverage.
const DROPPED: &[&str] = &["of", "the", "and", "und", "for"];

/// Generic words kept as they are but marked weak: articles, org-type heads that are not
/// symbolised, and country names.
const WEAK_WORDS: &[&str] = &[
    "de",
    "des",
    "du",
    "la",
    "le",
    "les",
    "el",
    "del",
    "los",
    "las",
    "et",
    "y",
    "agency",
    "office",
    "department",
    "ministry",
    "committee",
    "association",
    "services",
    "service",
    "state",
    "national",
    "central",
    "republic",
    "peoples",
    "people",
    "democratic",
    "iran",
    "iranian",
    "syria",
    "syrian",
    "china",
    "chinese",
    "russia",
    "russian",
    "federation",
    "islamic",
    "arab",
    "belarus",
    "cuba",
    "venezuela",
    "myanmar",
    "burma",
    "libya",
    "iraq",
    "lebanon",
    "yemen",
    "sudan",
    "afghanistan",
    "pakistan",
    "uae",
    "emirates",
    "turkey",
    "singapore",
    "malaysia",
    "taiwan",
];

/// Longest phrase starting at `tokens[i..]`: (symbols, length in tokens).
fn phrase_at(tokens: &[String], i: usize) -> Option<(&'static [&'static str], usize)> {
    let mut best: Option<(&'static [&'static str], usize)> = None;
    for (phrase, symbols) in PHRASES {
        let n = phrase.len();
        if phrase[0] != tokens[i] || i + n > tokens.len() || best.is_some_and(|(_, bn)| bn >= n) {
            continue;
        }
        if phrase.iter().zip(&tokens[i..]).all(|(p, t)| p == t) {
            best = Some((symbols, n));
        }
    }
    best
}

/// Rewrites folded tokens of an organisation name: legal forms and generic words become
/// weak `~symbols` (multi-word phrases matched greedily, longest first), connectors are
/// dropped, other generic words and country names are marked weak, and everything else
/// stays a `Name`. A name made only of generic words (`Central Bank of Iran`) keeps all
/// its tokens as `Name`, since they are all it has.
pub fn canonicalize(tokens: Vec<String>) -> Vec<(String, TokenClass)> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let Some((symbols, n)) = phrase_at(&tokens, i) {
            out.extend(symbols.iter().map(|s| (s.to_string(), TokenClass::Weak)));
            i += n;
            continue;
        }
        let t = &tokens[i];
        if !DROPPED.contains(&t.as_str()) {
            let class = if WEAK_WORDS.contains(&t.as_str()) {
                TokenClass::Weak
            } else {
                TokenClass::Name
            };
            out.push((t.clone(), class));
        }
        i += 1;
    }
    if out.is_empty() {
        return tokens.into_iter().map(|t| (t, TokenClass::Name)).collect();
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
    fn every_phrase_row_maps_to_weak_symbols() {
        for (phrase, symbols) in PHRASES {
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

    #[test]
    fn odd_input() {
        let out = canonicalize(vec![String::new(), "~ltd".into(), "ß".into(), "co".into()]);
        assert_eq!(out.len(), 4);
        assert!(is_symbol("~co") && !is_symbol("co"));
    }
}
