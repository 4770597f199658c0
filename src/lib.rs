//! redflag: screen names against sanctions lists (OFAC, UN, EU and your own), across
//! Latin, Hangul and Han scripts and their romanizations.

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
pub use index::Index;
pub use matching::{Hit, Matcher, Query, DEFAULT_THRESHOLD};
pub use model::{
    DateSpec, DateValue, Entity, EntityKind, ListInfo, LoadedList, Name, NameKind, Script,
};
