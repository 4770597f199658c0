#![deny(missing_docs)]
//! redflag screens names against sanctions lists (OFAC, UN, EU and your own watchlists)
//! across Latin, Hangul and Han scripts and their romanizations: `Kim Jong Un`,
//! `KIM, Cho'ng-u'n`, `Gim Jeong-eun` and `김정은` are one name to it, as are `習近平` and
//! `习近平`, `Co., Ltd.` and `Company Limited`.
//!
//! # Data flow
//!
//! Each layer uses only the layers before it:
//!
//! 1. [`sources`] reads list files (OFAC classic and advanced XML, OFAC CSV, UN XML, EU
//!    XML, FollowTheMoney JSON lines, watchlist CSV; gzip or plain) into one [`model`] of
//!    entities, names, dates and identifiers.
//! 2. [`text`] turns a name into its *readings*: folded Latin tokens, each reading
//!    tagged with the system that produced it (the name as typed, Revised Romanization
//!    or McCune-Reischauer of Hangul, pinyin, Wade-Giles or Cantonese of Han, a
//!    translation of company words), and organisation words reduced to weak symbols.
//! 3. [`index`] stores every reading of every listed name in one checksummed,
//!    memory-mapped file: FSTs of tokens, skeletons and typo keys, postings, token
//!    facts and the entities.
//! 4. [`matching`] answers a [`Query`]: candidate retrieval over the FSTs, then scoring
//!    each candidate name against each reading of the query, with reasons.
//! 5. [`lists`] knows the official lists (shipped in `data/`, updated by
//!    `redflag lists update`) and opens their index; [`screen`] screens spreadsheets row
//!    by row in parallel; [`lists::diff`] tells two versions of the lists apart. The
//!    command line (`src/cli/`) is a front door over these, and so is [`cases`]: a case
//!    store that keeps a screened population, its hits and analysts' decisions, and
//!    re-screens it against what changed (nothing else in the library uses it).
//!
//! # What a score means
//!
//! A score in [0, 1] is the share of the two names' identifying weight that pairs up.
//! Tokens weigh by rarity (`kim` says less than `ryonbong`) and by class (legal forms and
//! generic words count a fifth); each query token pairs with at most one listed token,
//! in any order; adjacent tokens may pair as one (`jong un` ~ `jongun`). Weight left
//! unpaired costs more when both names leave a word open (two different names) than
//! when one simply says more (a middle name). 1.0 is the same name up to spelling;
//! ≥ 0.9 the same name with a variant or a typo; the default threshold
//! ([`DEFAULT_THRESHOLD`], 0.80) admits a missing middle name or two typos, not a
//! different surname. A birth date, country or kind given with the query raises or
//! lowers a name's score; it never makes a hit on its own.
//!
//! # A tour of the types
//!
//! - [`LoadedList`]: one list file's entities and its [`ListInfo`] (name, publication
//!   date), from [`sources::load_path`] or [`sources::load_bytes`].
//! - [`Entity`]: one listed person, organization, vessel or aircraft, with its
//!   [`Name`]s, birth dates ([`DateValue`]), countries, addresses, identifiers and
//!   programmes.
//! - [`index::IndexBuilder`] → [`Index`]: build from lists, write to a file, open
//!   memory-mapped; `Index` is `Send + Sync`, open it once and share it.
//! - [`Query`] → [`Hit`]s: the name and optional evidence in; ranked hits with the
//!   matched name, list, programmes, score and reasons out. [`Matcher`] is the trait
//!   batch screening is written against.
//! - [`screen::ScreenConfig`]: a spreadsheet in, a results file out.
//!
//! # Examples
//!
//! Build an index from a list and search it:
//!
//! ```
//! use redflag::index::IndexBuilder;
//! use redflag::{sources, Query};
//!
//! let watchlist = "id,name,kind,aliases,country,dob\n\
//!                  w1,Kim Jong Un,person,김정은,KP,1984-01-08\n\
//!                  w2,Korea Kwangson Banking Corp,organization,,KP,\n";
//! let list = sources::load_bytes("my_watchlist.csv", "my_watchlist", watchlist.as_bytes())?;
//! let index = IndexBuilder::new().add_list(list).build()?;
//!
//! // The Hangul alias and the McCune-Reischauer spelling find the same person.
//! for name in ["김정은", "KIM, Chong Un"] {
//!     let hits = index.search(&Query::new(name))?;
//!     assert_eq!(hits[0].entity_id, "my_watchlist:w1", "{name}");
//! }
//!
//! // Legal forms are spelled many ways.
//! let hits = index.search(&Query::new("Korea Kwangson Banking Corporation"))?;
//! assert_eq!(hits[0].entity_id, "my_watchlist:w2");
//! # Ok::<(), redflag::Error>(())
//! ```
//!
//! Evidence given with a query: a birth date that contradicts the listed one lowers the
//! score, so the same name scores less.
//!
//! ```
//! use redflag::index::IndexBuilder;
//! use redflag::model::{parse_date, EntityKind};
//! use redflag::{sources, Query};
//!
//! let watchlist = "id,name,kind,aliases,country,dob\nw1,Kim Jong Un,person,,KP,1984-01-08\n";
//! let list = sources::load_bytes("w.csv", "w", watchlist.as_bytes())?;
//! let index = IndexBuilder::new().add_list(list).build()?;
//!
//! let mut query = Query::new("Kim Jong Un");
//! query.kind = Some(EntityKind::Person);
//! query.dob = parse_date("1984-01-08");
//! let same = index.search(&query)?[0].score;
//! query.dob = parse_date("1950-06-25");
//! let other = index.search(&query)?.first().map_or(0.0, |h| h.score);
//! assert!(other < same, "{other} < {same}");
//! # Ok::<(), redflag::Error>(())
//! ```
//!
//! The shipped official lists are opened with [`lists::open_default`] (built into a
//! cache on first use, a second or two).

#[cfg(feature = "cases")]
pub mod cases;
pub mod error;
mod files;
pub mod index;
pub mod lists;
pub mod matching;
pub mod model;
pub mod screen;
pub mod sources;
pub mod text;

pub use error::{Error, Result, Warning};

// A listed name is cut where a query name is refused, so that both sides hold the same
// names and no list can make a name cost more than a query may.
const _: () = assert!(matching::MAX_QUERY_CHARS == model::MAX_TEXT_CHARS);
pub use index::Index;
pub use matching::{Features, Hit, Matcher, Query, DEFAULT_THRESHOLD};
pub use model::{
    DateSpec, DateValue, Entity, EntityKind, ListInfo, LoadedList, Name, NameKind, Script,
};
