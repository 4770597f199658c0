//! Names → comparable pieces. One path for list names and query names alike, so both
//! sides always produce the same keys.
//!
//! A name is analysed into one or more [`Form`]s: token sequences in folded Latin, one per
//! reading (a Hangul name has a McCune-Reischauer, a Revised Romanization and a DPRK
//! reading; a Han name pinyin, Wade-Giles, Cantonese and Sino-Korean ones).

pub mod han;
pub mod hangul;
pub mod latin;
pub mod normalize;
pub mod orgs;

pub use normalize::fold;

/// One alternative Latin reading of a run of non-Latin text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Folded Latin tokens (lowercase ASCII letters and digits).
    pub tokens: Vec<String>,
    /// The system that produced it, for explanations (`McCune-Reischauer`, `pinyin` …).
    pub via: &'static str,
}

/// What part a token plays in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TokenClass {
    /// A distinctive word: carries the score.
    Name,
    /// A legal form or generic organisation word (`ltd`, `company`, `trading`): says little.
    Weak,
}
