//! Scoring one query reading against one stored name form.
//!
//! What a score means: the share of the two names' identifying weight that pairs up, on
//! a 0–1 scale. Tokens are weighted by rarity (IDF over the index: `kim` says less than
//! `ryonbong`) and by class (legal forms and generic words count a fifth); each query
//! token pairs with at most one candidate token, in any order, by the best one-to-one
//! alignment; adjacent tokens may pair as one (`jong un` ~ `jongun`). The score mixes
//! query coverage (weight 0.6: what the user typed must be there) and candidate
//! coverage (0.4: what the list says should be there too). 1.0 is the same name up to
//! spelling; ≥ 0.9 the same name with a variant or typo; the default threshold (0.80)
//! admits one missing minor token or two typos.

use crate::index::forms::{StoredForm, StoredToken};
use crate::text::{han, latin, syllable, TokenClass};
use std::collections::HashMap;

/// Below this, two tokens do not pair at all.
pub const MIN_TOKEN_SIMILARITY: f64 = 0.6;
/// How alike two spellings of one Han character reading are taken to be.
const SYLLABLE_SIMILARITY: f64 = 0.9;
const QUERY_SHARE: f64 = 0.6;
/// Syllables of a Korean or Chinese name in another order make another name.
const SYLLABLE_ORDER_FACTOR: f64 = 0.75;
/// Joined tokens must be closer than single ones: joining invents a token.
const JOINED_MIN_SIMILARITY: f64 = 0.8;

/// Inverse document frequency in (0, 1]: 1 for a token only one entity has.
pub fn idf(df: u32, n: u32) -> f64 {
    let n = f64::from(n.max(1)) + 1.0;
    ((n / f64::from(df.max(1))).ln() / n.ln()).clamp(0.0, 1.0)
}

/// The weight of a token in a name.
pub fn token_weight(df: u32, n: u32, class: TokenClass, len: usize) -> f64 {
    let mut w = 0.3 + 0.7 * idf(df, n);
    if class == TokenClass::Weak {
        w *= 0.2;
    }
    if len <= 1 {
        w *= 0.5;
    }
    w
}

/// How alike two folded tokens are, in [0, 1]: romanization variants (`jong`/`jung`,
/// `ri`/`lee`), Chinese syllables in other systems (`hsi`/`xi`), and spelling (edit
/// distance) — except between two single syllables, where one letter makes another
/// name (`chol`/`chon`, `kim`/`kam`) and only romanization rules may equate them.
/// `chinese`: one of the names is written in pinyin, so Cantonese and Wade-Giles
/// spellings of the other may be read as pinyin (`cheung`/`zhang`, `wai`/`wei`).
pub fn token_similarity(a: &str, b: &str, chinese: bool) -> f64 {
    if a == b {
        return 1.0;
    }
    let mut structural = latin::romanization_similarity(a, b);
    if chinese && structural < SYLLABLE_SIMILARITY && han::same_syllable(a, b) {
        structural = SYLLABLE_SIMILARITY;
    }
    if syllable::is_syllable(a) && syllable::is_syllable(b) {
        return structural;
    }
    edit_similarity(a, b).max(structural)
}

/// 1 − (optimal-string-alignment distance / longer length): typos, dropped and doubled
/// letters, swapped neighbours.
fn edit_similarity(a: &str, b: &str) -> f64 {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let max = la.max(lb);
    if max == 0 || la.abs_diff(lb) * 2 > max {
        return 0.0;
    }
    1.0 - strsim::osa_distance(a, b) as f64 / max as f64
}

/// A query token with what the index knows of it.
#[derive(Debug, Clone)]
pub struct QueryToken {
    pub text: String,
    pub class: TokenClass,
    /// Entities carrying this exact token; `None` when the index has not seen it.
    pub df: Option<u32>,
}

/// One aligned pair: query tokens (joined) against candidate tokens (joined).
#[derive(Debug, Clone)]
pub struct Pair {
    pub query: String,
    pub candidate: String,
    pub similarity: f64,
}

/// The result of aligning a query reading with a stored form.
#[derive(Debug, Clone)]
pub struct NameScore {
    pub score: f64,
    pub pairs: Vec<Pair>,
}

/// Caches token similarities within one query: candidates share many tokens.
#[derive(Default)]
pub struct SimilarityCache<'a> {
    map: HashMap<(&'a str, &'a str, bool), f64>,
}

impl<'a> SimilarityCache<'a> {
    fn get(&mut self, a: &'a str, b: &'a str, chinese: bool) -> f64 {
        *self
            .map
            .entry((a, b, chinese))
            .or_insert_with(|| token_similarity(a, b, chinese))
    }
}

/// Whether every distinctive token of a name is pinyin.
fn is_pinyin_name<'t>(mut tokens: impl Iterator<Item = (&'t str, TokenClass)>) -> bool {
    tokens.all(|(t, class)| class == TokenClass::Weak || han::is_pinyin_word(t))
}

struct Unit {
    q: Vec<usize>,
    c: Vec<usize>,
    sim: f64,
}

/// Scores a query reading against a stored form.
pub fn score_form<'a>(
    query: &'a [QueryToken],
    form: &StoredForm<'a>,
    n: u32,
    cache: &mut SimilarityCache<'a>,
) -> NameScore {
    let c = &form.tokens;
    let chinese = is_pinyin_name(query.iter().map(|t| (t.text.as_str(), t.class)))
        || is_pinyin_name(c.iter().map(|t| (t.text, t.class)));
    let mut units: Vec<Unit> = Vec::new();
    for (i, qt) in query.iter().enumerate() {
        for (j, ct) in c.iter().enumerate() {
            let sim = cache.get(qt.text.as_str(), ct.text, chinese);
            if sim >= MIN_TOKEN_SIMILARITY {
                units.push(Unit {
                    q: vec![i],
                    c: vec![j],
                    sim,
                });
            }
        }
    }
    // Adjacent tokens may be one token split in two (or joined) on the other side.
    units.extend(join_units(query, c, chinese));
    let (mut q_used, mut c_used) = (vec![false; query.len()], vec![false; c.len()]);
    let chosen = assign(units, &mut q_used, &mut c_used);

    let q_weight = |i: usize, matched_df: Option<u32>| {
        let t = &query[i];
        let df = t.df.or(matched_df).unwrap_or(1);
        token_weight(df, n, t.class, t.text.len())
    };
    let c_weight = |j: usize| token_weight(c[j].df, n, c[j].class, c[j].text.len());
    let q_total: f64 = (0..query.len())
        .map(|i| {
            let matched_df = chosen
                .iter()
                .find(|u| u.q.contains(&i))
                .and_then(|u| u.c.first().map(|&j| c[j].df));
            q_weight(i, matched_df)
        })
        .sum();
    let c_total: f64 = (0..c.len()).map(c_weight).sum();
    let mut q_matched = 0.0;
    let mut c_matched = 0.0;
    let mut pairs = Vec::with_capacity(chosen.len());
    for u in &chosen {
        let matched_df = u.c.first().map(|&j| c[j].df);
        q_matched += u.sim * u.q.iter().map(|&i| q_weight(i, matched_df)).sum::<f64>();
        c_matched += u.sim * u.c.iter().map(|&j| c_weight(j)).sum::<f64>();
        pairs.push(Pair {
            query: u.q.iter().map(|&i| query[i].text.as_str()).collect(),
            candidate: u.c.iter().map(|&j| c[j].text).collect(),
            similarity: u.sim,
        });
    }
    let q_cov = if q_total > 0.0 {
        q_matched / q_total
    } else {
        0.0
    };
    let c_cov = if c_total > 0.0 {
        c_matched / c_total
    } else {
        0.0
    };
    let mut score = QUERY_SHARE * q_cov + (1.0 - QUERY_SHARE) * c_cov;
    if syllables_out_of_order(query, c, &chosen) {
        score *= SYLLABLE_ORDER_FACTOR;
    }
    NameScore {
        score: score.clamp(0.0, 1.0),
        pairs,
    }
}

/// Whether syllable tokens paired out of order: names may move as a whole (`Jong Un
/// Kim`, `KIM, Jong Un`: a rotation), but `Kim Yong Ji` is not `Kim Ji Yong`.
fn syllables_out_of_order(query: &[QueryToken], c: &[StoredToken<'_>], chosen: &[Unit]) -> bool {
    let mut order: Vec<(usize, usize)> = chosen
        .iter()
        .filter(|u| {
            u.q.len() == 1
                && u.c.len() == 1
                && syllable::is_syllable(&query[u.q[0]].text)
                && syllable::is_syllable(c[u.c[0]].text)
        })
        .map(|u| (u.q[0], u.c[0]))
        .collect();
    if order.len() < 3 {
        return false;
    }
    order.sort_unstable();
    let seq: Vec<usize> = order.into_iter().map(|(_, j)| j).collect();
    let descents = seq.windows(2).filter(|w| w[0] > w[1]).count();
    match descents {
        0 => false,
        1 => seq[seq.len() - 1] > seq[0],
        _ => true,
    }
}

/// Greedy best-first one-to-one assignment: the most similar pairs first, heavier
/// (joined) units first among equals.
fn assign(mut units: Vec<Unit>, q_used: &mut [bool], c_used: &mut [bool]) -> Vec<Unit> {
    units.sort_by(|a, b| {
        b.sim
            .total_cmp(&a.sim)
            .then((b.q.len() + b.c.len()).cmp(&(a.q.len() + a.c.len())))
    });
    let mut out = Vec::new();
    for u in units {
        if u.q.iter().any(|&i| q_used[i]) || u.c.iter().any(|&j| c_used[j]) {
            continue;
        }
        u.q.iter().for_each(|&i| q_used[i] = true);
        u.c.iter().for_each(|&j| c_used[j] = true);
        out.push(u);
    }
    out
}

/// Units pairing 2–3 adjacent tokens of one side, joined, with one token of the other
/// whose length is close enough for the pair to be worth comparing.
fn join_units(query: &[QueryToken], c: &[StoredToken<'_>], chinese: bool) -> Vec<Unit> {
    let q_texts: Vec<&str> = query.iter().map(|t| t.text.as_str()).collect();
    let c_texts: Vec<&str> = c.iter().map(|t| t.text).collect();
    let mut out = Vec::new();
    for (range, joined) in spans(&q_texts) {
        for (k, s) in c_texts.iter().enumerate() {
            if let Some(sim) = joined_similarity(&joined, s, chinese) {
                out.push(Unit {
                    q: range.clone().collect(),
                    c: vec![k],
                    sim,
                });
            }
        }
    }
    for (range, joined) in spans(&c_texts) {
        for (k, s) in q_texts.iter().enumerate() {
            if let Some(sim) = joined_similarity(&joined, s, chinese) {
                out.push(Unit {
                    q: vec![k],
                    c: range.clone().collect(),
                    sim,
                });
            }
        }
    }
    out
}

fn joined_similarity(joined: &str, single: &str, chinese: bool) -> Option<f64> {
    if joined.len().abs_diff(single.len()) > 2 {
        return None;
    }
    let sim = token_similarity(joined, single, chinese);
    (sim >= JOINED_MIN_SIMILARITY).then_some(sim)
}

/// Runs of 2–3 adjacent tokens, joined.
fn spans(texts: &[&str]) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    for start in 0..texts.len() {
        for len in 2..=3 {
            let end = start + len;
            if end > texts.len() {
                break;
            }
            out.push((start..end, texts[start..end].concat()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::forms::StoredToken;
    use crate::model::NameKind;

    fn query(tokens: &[&str]) -> Vec<QueryToken> {
        tokens
            .iter()
            .map(|t| QueryToken {
                text: t.to_string(),
                class: TokenClass::Name,
                df: Some(10),
            })
            .collect()
    }

    fn form<'a>(tokens: &[&'a str]) -> StoredForm<'a> {
        StoredForm {
            entity: 0,
            name_index: 0,
            name_kind: NameKind::Primary,
            via: 0,
            tokens: tokens
                .iter()
                .map(|t| StoredToken {
                    text: t,
                    class: TokenClass::Name,
                    df: 10,
                })
                .collect(),
        }
    }

    fn score(q: &[&str], c: &[&str]) -> f64 {
        let q = query(q);
        let c = form(c);
        let mut cache = SimilarityCache::default();
        score_form(&q, &c, 1000, &mut cache).score
    }

    #[test]
    fn word_order_does_not_matter() {
        assert!((score(&["jong", "un", "kim"], &["kim", "jong", "un"]) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn joined_and_split_given_names_pair() {
        assert!(score(&["kim", "jongun"], &["kim", "jong", "un"]) > 0.99);
        assert!(score(&["kim", "jong", "un"], &["kim", "jongun"]) > 0.99);
    }

    #[test]
    fn a_different_given_syllable_scores_lower() {
        let same = score(&["kim", "jong", "un"], &["kim", "jong", "un"]);
        let other = score(&["kim", "jong", "il"], &["kim", "jong", "un"]);
        assert!(other < 0.8, "{other}");
        assert!(other < same);
    }

    #[test]
    fn given_name_syllables_in_another_order_are_another_name() {
        assert!(score(&["kim", "yong", "ji"], &["kim", "ji", "yong"]) < 0.8);
        assert!(score(&["yong", "ji", "kim"], &["kim", "yong", "ji"]) > 0.99);
    }

    #[test]
    fn typos_keep_a_high_score() {
        assert!(score(&["mohammad", "rahimi"], &["mohamad", "rahimi"]) > 0.9);
    }

    #[test]
    fn idf_is_one_for_unique_tokens_and_falls_with_frequency() {
        assert!((idf(1, 1000) - 1.0).abs() < 0.01);
        assert!(idf(100, 1000) < idf(10, 1000));
    }
}
