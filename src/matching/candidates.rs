//! Candidate retrieval: which stored name forms could match a query, before any scoring.
//!
//! Every query key (token, or adjacent tokens joined) is looked up three ways in the
//! index's FSTs: exactly, by its romanization skeleton and surname classes, and — for a
//! single token the index does not hold, or holds only as a rare word — within one edit
//! or swap through the typo index (exact lookups of its deletions); a token that finds
//! nothing so, within two edits: by deletions of its deletions, and for a long token by
//! a Levenshtein automaton (`levenshtein_automata`)
//! intersected with the FST. A form is a candidate when any key reaches it — no
//! token needs to match exactly — and forms are ranked by the IDF-weighted evidence
//! of the keys that reached them, so a query of common tokens stays bounded.

use super::score::idf;
use crate::index::Index;
use crate::text::{keys, Form, TokenClass, Via};
use fst::{Automaton, IntoStreamer, Streamer};
use levenshtein_automata::{LevenshteinAutomatonBuilder, DFA};
use std::sync::OnceLock;

/// At most this many entities go on to full scoring.
pub const MAX_ENTITIES: usize = 20;
/// At most this many forms (readings of names) of one entity are scored.
const MAX_FORMS: usize = 4;
/// Entities (and an entity's forms) with less than this share of the best evidence are
/// not scored.
const MIN_RELATIVE_EVIDENCE: f32 = 0.3;
/// A form is scored against the query readings whose evidence for it is at least this
/// share of its best reading's: another script's reading that shares one syllable with
/// the name is not the reading that matches it.
const MIN_READING_EVIDENCE: f32 = 0.6;
/// At most this many fuzzy expansions per key.
const MAX_EXPANSIONS: usize = 48;
/// Keys found in more entities than this are skipped unless nothing else matched: they
/// say almost nothing and would cost the most.
const MAX_POSTINGS: u32 = 4_000;
/// How much a fuzzy or skeleton match of a key counts, against 1 for an exact one.
const FUZZY_EVIDENCE: f32 = 0.7;
const SKELETON_EVIDENCE: f32 = 0.8;
const PINYIN_EVIDENCE: f32 = 0.7;
const WEAK_EVIDENCE: f32 = 0.2;
/// Generic words in more entities than this add no evidence at all.
const MAX_WEAK_POSTINGS: u32 = 500;

/// A candidate entity and the forms of it that keys reached, best evidence first, each
/// with the query readings (a bit per reading) whose keys reached it.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The entity's number in the index.
    pub entity: u32,
    /// How much key weight reached it: candidates are ranked by this before scoring.
    pub evidence: f32,
    /// The forms reached: (form number, bit per query reading that reached it).
    pub forms: Vec<(u32, u8)>,
}

/// Keys of these lengths may carry two typos found by deletions (a key of n letters
/// has about n² of them).
const TWO_EDIT_KEY_CHARS: std::ops::RangeInclusive<usize> = 6..=20;
/// Keys this long may carry any two typos.
const LONG_KEY_CHARS: usize = 10;
/// A key the index holds in at most this many entities is looked up with typos too:
/// it may be a typo of another name that happens to be a rare word.
const MAX_TYPO_TWIN_POSTINGS: u32 = 5;

/// Two edits, transpositions counting one: one edit is the typo index's job.
fn two_edit_automaton() -> &'static LevenshteinAutomatonBuilder {
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    TWO.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true))
}

/// Collects postings offsets, each once, at most [`MAX_EXPANSIONS`].
struct Expansions<'v> {
    seen: Vec<u64>,
    visit: &'v mut dyn FnMut(u64),
}

impl<'v> Expansions<'v> {
    fn new(visit: &'v mut dyn FnMut(u64)) -> Self {
        Expansions {
            seen: Vec::new(),
            visit,
        }
    }

    fn add(&mut self, offset: u64) {
        if self.seen.len() < MAX_EXPANSIONS && !self.seen.contains(&offset) {
            self.seen.push(offset);
            (self.visit)(offset);
        }
    }

    /// The stored keys one deletion of which is `deletion`.
    fn add_sources(&mut self, index: &Index, deletion: &str) {
        if let Some(o) = index.typos.get(deletion) {
            index.for_each_typo_source(o, &mut |offset| self.add(offset));
        }
    }
}

/// Visits the postings of the stored keys within one edit or one swap of `key` (through
/// the typo index, see [`keys::deletions`]): one letter longer (`kav` → `kave`), and
/// for keys of [`keys::MIN_TYPO_KEY_CHARS`] or more also as long or one letter shorter;
/// returns how many.
fn near_keys(index: &Index, key: &str, visit: &mut dyn FnMut(u64)) -> usize {
    let mut found = Expansions::new(visit);
    // Stored keys one letter longer: the key is one of their deletions.
    found.add_sources(index, key);
    if key.chars().count() >= keys::MIN_TYPO_KEY_CHARS {
        for deletion in keys::deletions(key) {
            // One letter shorter.
            if let Some(o) = index.tokens.get(&deletion) {
                found.add(o);
            }
            // As long, one letter changed or two swapped.
            found.add_sources(index, &deletion);
        }
    }
    found.seen.len()
}

/// Visits the postings of the stored keys that `key` less two letters is, or is a
/// deletion of (`gtaderio` → `taerio`, `ondfbn` → `onden`); returns how many.
fn two_deletion_keys(index: &Index, key: &str, visit: &mut dyn FnMut(u64)) -> usize {
    let mut found = Expansions::new(visit);
    let mut done: Vec<String> = Vec::new();
    for deletion in keys::deletions(key) {
        for twice in keys::deletions(&deletion) {
            if done.contains(&twice) {
                continue;
            }
            if let Some(o) = index.tokens.get(&twice) {
                found.add(o);
            }
            found.add_sources(index, &twice);
            done.push(twice);
        }
    }
    found.seen.len()
}

/// The keys of the query's readings: each with whether it is only a weak word and the
/// readings (a bit each) it belongs to.
fn query_keys(forms: &[Form]) -> Vec<(String, bool, u8)> {
    let mut out: Vec<(String, bool, u8)> = Vec::new();
    for (r, form) in forms.iter().enumerate().take(8) {
        for key in keys::token_keys(&form.tokens) {
            let weak = form
                .tokens
                .iter()
                .any(|t| t.text == key && t.class == TokenClass::Weak);
            match out.iter_mut().find(|(k, _, _)| *k == key) {
                Some(existing) => existing.2 |= 1 << r,
                None => out.push((key, weak, 1 << r)),
            }
        }
    }
    out
}

const NO_SLOT: u32 = u32::MAX;

/// For Latin readings whose every name token can be read as Chinese syllables (in pinyin,
/// Wade-Giles or Hong Kong Cantonese), each token's pinyin syllable keys: they reach
/// names the lists write in pinyin (`Lei Man Jing` → `LI Wenzheng`).
fn chinese_syllable_keys(forms: &[Form]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    // Readings of Han or Hangul text have their pinyin reading beside them already.
    for form in forms.iter().take(READINGS).filter(|f| f.via == Via::Latin) {
        let names = form.tokens.iter().filter(|t| t.class == TokenClass::Name);
        let pinyin: Vec<(String, Vec<String>)> = names
            .map(|t| (t.text.clone(), keys::query_pinyin_keys(&t.text)))
            .collect();
        if pinyin.is_empty() || pinyin.iter().any(|(_, keys)| keys.is_empty()) {
            continue;
        }
        for (token, keys) in pinyin {
            if !out.iter().any(|(t, _)| *t == token) {
                out.push((token, keys));
            }
        }
    }
    out
}

/// Readings tracked per form (a query has at most this many, see `text::MAX_FORMS`).
const READINGS: usize = 8;

/// Dense per-form evidence, indexed by form id and reused across a thread's queries: a
/// query of common tokens reaches thousands of forms, too many for hash maps to be cheap.
#[derive(Default)]
struct Accumulator {
    /// The current key's best evidence per form, and the forms it reached.
    key_best: Vec<f32>,
    key_touched: Vec<u32>,
    /// Summed evidence per form and reading, and the forms with any.
    total: Vec<[f32; READINGS]>,
    seen: Vec<bool>,
    touched: Vec<u32>,
    /// Per entity: the best evidence of its forms, and its place among the candidates.
    entity_best: Vec<f32>,
    entity_slot: Vec<u32>,
    entities_touched: Vec<u32>,
}

impl Accumulator {
    fn prepare(&mut self, forms: usize, entities: usize) {
        if self.key_best.len() < forms {
            self.key_best.resize(forms, 0.0);
            self.total.resize(forms, [0.0; READINGS]);
            self.seen.resize(forms, false);
        }
        if self.entity_best.len() < entities {
            self.entity_best.resize(entities, 0.0);
            self.entity_slot.resize(entities, NO_SLOT);
        }
    }

    fn reach(&mut self, form: u32, evidence: f32) {
        let Some(best) = self.key_best.get_mut(form as usize) else {
            return;
        };
        if evidence > *best {
            if *best == 0.0 {
                self.key_touched.push(form);
            }
            *best = evidence;
        }
    }

    /// Adds the current key's evidence to the readings it belongs to.
    fn end_key(&mut self, readings: u8) {
        for f in self.key_touched.drain(..) {
            let f = f as usize;
            let e = std::mem::take(&mut self.key_best[f]);
            if !self.seen[f] {
                self.seen[f] = true;
                self.touched.push(f as u32);
            }
            for r in bits(readings) {
                self.total[f][r as usize] += e;
            }
        }
    }

    fn reset(&mut self) {
        for f in self.touched.drain(..) {
            self.seen[f as usize] = false;
            self.total[f as usize] = [0.0; READINGS];
        }
        for e in self.entities_touched.drain(..) {
            self.entity_best[e as usize] = 0.0;
            self.entity_slot[e as usize] = NO_SLOT;
        }
    }

    /// A form's best evidence over the readings.
    fn best(&self, form: u32) -> f32 {
        self.total[form as usize]
            .iter()
            .copied()
            .fold(0.0f32, f32::max)
    }
}

thread_local! {
    static ACCUMULATOR: std::cell::RefCell<Accumulator> = std::cell::RefCell::default();
}

/// Collects candidate entities for the query's forms.
pub fn collect(index: &Index, forms: &[Form]) -> Vec<Candidate> {
    ACCUMULATOR.with(|acc| {
        let mut acc = acc.borrow_mut();
        acc.prepare(index.form_count(), index.entity_count());
        let out = collect_into(index, forms, &mut acc);
        acc.reset();
        out
    })
}

fn collect_into(index: &Index, forms: &[Form], acc: &mut Accumulator) -> Vec<Candidate> {
    let n = index.entity_count() as u32;
    let keys = query_keys(forms);
    // Tokens that may carry typos: single words of typed readings.
    let typed_tokens: rustc_hash::FxHashSet<&str> = forms
        .iter()
        .filter(|f| f.is_typed())
        .flat_map(|f| f.tokens.iter().map(|t| t.text.as_str()))
        .collect();
    let only_weak = keys.iter().all(|(_, weak, _)| *weak);
    let pinyin_keys = chinese_syllable_keys(forms);
    let mut skipped: Vec<(u64, f32, u8)> = Vec::new();
    for (key, weak, readings) in &keys {
        if *weak && !only_weak {
            // Legal forms and generic words only tip the balance between forms the
            // distinctive words reached alike (an entity's names in twenty languages),
            // and only where they are not everywhere.
            if let Some(offset) = index.tokens.get(key) {
                let df = index.posting_count(offset).unwrap_or(u32::MAX);
                if df <= MAX_WEAK_POSTINGS {
                    let evidence = WEAK_EVIDENCE * idf(df, n) as f32;
                    index.for_each_posting(offset, |f| acc.reach(f, evidence));
                    acc.end_key(*readings);
                }
            }
            continue;
        }
        let mut visit = |offset: u64, strength: f32| {
            let Some(df) = index.posting_count(offset) else {
                return;
            };
            let evidence = strength * idf(df, n) as f32;
            if df > MAX_POSTINGS {
                skipped.push((offset, evidence, *readings));
                return;
            }
            index.for_each_posting(offset, |f| acc.reach(f, evidence));
        };
        let exact = index.tokens.get(key);
        let exact_df = exact.and_then(|o| index.posting_count(o));
        if let Some(offset) = exact {
            visit(offset, 1.0);
        }
        // Typo lookups for single tokens the index does not hold as they are, or holds
        // only as a rare word (`basri` is in one name, and a typo of `baseri` in
        // another); a common word found exactly is itself.
        let length = key.chars().count();
        if exact_df.is_none_or(|df| df <= MAX_TYPO_TWIN_POSTINGS)
            && length >= keys::MIN_TYPO_KEY_CHARS - 1
            && typed_tokens.contains(key.as_str())
        {
            let mut found = near_keys(index, key, &mut |o| visit(o, FUZZY_EVIDENCE));
            // Two edits, only for a word the index lacks that one edit did not find: two
            // letters too many in the query, or one too many on each side (deletions of
            // deletions); then, within long words, any two edits in the branch of the
            // first two letters (typos there are rarer, and the branch is small).
            if found == 0 && exact.is_none() {
                if TWO_EDIT_KEY_CHARS.contains(&length) {
                    found = two_deletion_keys(index, key, &mut |o| visit(o, FUZZY_EVIDENCE));
                }
                if found == 0 && length >= LONG_KEY_CHARS {
                    let prefix: usize = key.chars().take(2).map(char::len_utf8).sum();
                    walk_two_edits(index, key, &key[..prefix], &mut |o| {
                        visit(o, FUZZY_EVIDENCE)
                    });
                }
            }
        }
        for skel in keys::skeleton_keys(key) {
            if let Some(offset) = index.skeletons.get(&skel) {
                visit(offset, SKELETON_EVIDENCE);
            }
        }
        if let Some((_, pinyin)) = pinyin_keys.iter().find(|(token, _)| token == key) {
            for p in pinyin {
                if let Some(offset) = index.skeletons.get(p) {
                    visit(offset, PINYIN_EVIDENCE);
                }
            }
        }
        acc.end_key(*readings);
    }
    if acc.touched.is_empty() {
        for (offset, evidence, readings) in skipped.iter().take(2) {
            let mut left = MAX_ENTITIES * 4;
            index.for_each_posting(*offset, |f| {
                if left > 0 {
                    acc.reach(f, *evidence);
                    left -= 1;
                }
            });
            acc.end_key(*readings);
        }
    }
    rank(index, acc)
}

/// Visits the keys within two edits of `key` that start with `prefix` (at most
/// [`MAX_EXPANSIONS`]).
fn walk_two_edits(index: &Index, key: &str, prefix: &str, visit: &mut dyn FnMut(u64)) {
    let dfa: DFA = two_edit_automaton().build_dfa(key);
    let automaton = fst::automaton::Str::new(prefix)
        .starts_with()
        .intersection(&dfa);
    let mut stream = index.tokens.search(automaton).into_stream();
    let mut expansions = 0;
    while let Some((found, offset)) = stream.next() {
        if found != key.as_bytes() {
            visit(offset);
            expansions += 1;
            if expansions >= MAX_EXPANSIONS {
                break;
            }
        }
    }
}

/// The set bits of a reading mask.
fn bits(mask: u8) -> impl Iterator<Item = u8> {
    (0..READINGS as u8).filter(move |r| mask & (1 << r) != 0)
}

/// Groups form evidence by entity and keeps the best entities, each with its best forms.
/// Entities, forms and readings far behind the best evidence are dropped: a name reached
/// only by one common token (`kim`, `trading`) when others are reached by every token.
fn rank(index: &Index, acc: &mut Accumulator) -> Vec<Candidate> {
    let best = acc
        .touched
        .iter()
        .map(|&f| acc.best(f))
        .fold(0.0f32, f32::max);
    // A kept form has at least MIN_RELATIVE_EVIDENCE of its entity's best, which has at
    // least MIN_RELATIVE_EVIDENCE of the overall best: anything below both is dropped
    // before its entity is even looked up.
    let form_floor = best * MIN_RELATIVE_EVIDENCE * MIN_RELATIVE_EVIDENCE;
    for i in 0..acc.touched.len() {
        let form = acc.touched[i];
        let evidence = acc.best(form);
        if evidence < form_floor {
            continue;
        }
        let entity = index.form_entity(form) as usize;
        let Some(entity_best) = acc.entity_best.get_mut(entity) else {
            continue;
        };
        if *entity_best == 0.0 {
            acc.entities_touched.push(entity as u32);
        }
        *entity_best = entity_best.max(evidence);
    }
    let mut out: Vec<Candidate> = acc
        .entities_touched
        .iter()
        .map(|&entity| Candidate {
            entity,
            evidence: acc.entity_best[entity as usize],
            forms: Vec::new(),
        })
        .filter(|c| c.evidence >= best * MIN_RELATIVE_EVIDENCE)
        .collect();
    let order = |a: &Candidate, b: &Candidate| {
        b.evidence
            .total_cmp(&a.evidence)
            .then(a.entity.cmp(&b.entity))
    };
    if out.len() > MAX_ENTITIES {
        out.select_nth_unstable_by(MAX_ENTITIES - 1, order);
        out.truncate(MAX_ENTITIES);
    }
    out.sort_unstable_by(order);
    for (slot, c) in out.iter().enumerate() {
        acc.entity_slot[c.entity as usize] = slot as u32;
    }
    // The chosen entities' forms, then each entity's best few.
    let mut reached: Vec<(u32, f32, u32, u8)> = Vec::new();
    for &form in &acc.touched {
        let evidence = acc.best(form);
        if evidence < form_floor {
            continue;
        }
        let slot = acc.entity_slot[index.form_entity(form) as usize];
        if slot == NO_SLOT {
            continue;
        }
        let readings = acc.total[form as usize]
            .iter()
            .enumerate()
            .filter(|(_, &e)| e > 0.0 && e >= evidence * MIN_READING_EVIDENCE)
            .fold(0u8, |m, (r, _)| m | (1 << r));
        reached.push((slot, evidence, form, readings));
    }
    reached.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    for forms in reached.chunk_by(|a, b| a.0 == b.0) {
        let candidate = &mut out[forms[0].0 as usize];
        let cut = candidate.evidence * MIN_RELATIVE_EVIDENCE;
        candidate.forms = forms
            .iter()
            .take_while(|f| f.1 >= cut)
            .take(MAX_FORMS)
            .map(|f| (f.2, f.3))
            .collect();
    }
    out
}
