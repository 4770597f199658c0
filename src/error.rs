//! Errors and warnings: values that say which file, where in it, and what was expected.

use std::fmt;
use std::path::PathBuf;

/// The result of every fallible redflag call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in a file something went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A 1-based line number.
    Line(u64),
    /// A 0-based byte offset.
    Byte(u64),
    /// A record, named by what identifies it (`sdnEntry uid 20157`, `INDIVIDUAL KPi.035`),
    /// with the byte offset or line where it starts when known.
    Record {
        /// What identifies the record.
        record: String,
        /// Where it starts in the file, when known.
        at: Option<Box<Location>>,
    },
    /// The file as a whole.
    File,
}

impl Location {
    /// A record location, optionally with where the record starts.
    pub fn record(record: impl Into<String>, at: Option<Location>) -> Location {
        Location::Record {
            record: record.into(),
            at: at.map(Box::new),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(n) => write!(f, "line {n}"),
            Location::Byte(n) => write!(f, "byte {n}"),
            Location::Record { record, at: None } => write!(f, "{record}"),
            Location::Record {
                record,
                at: Some(at),
            } => write!(f, "{record} ({at})"),
            Location::File => write!(f, "file"),
        }
    }
}

/// Everything that can go wrong in redflag, as values.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file that cannot be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },

    /// A list or input file that does not parse.
    #[error("{file}: {location}: {message}")]
    Parse {
        /// The file, as named to the user.
        file: String,
        /// Where in it.
        location: Location,
        /// What was wrong, and what was expected.
        message: String,
    },

    /// A file whose content is no format redflag knows.
    #[error("{file}: not a list redflag can read: {reason}")]
    UnknownFormat {
        /// The file, as named to the user.
        file: String,
        /// What it looked like, and what was expected.
        reason: String,
    },

    /// An index file that cannot be used (corrupt, truncated, other version).
    #[error("index {}: {message}", path.display())]
    Index {
        /// The index file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },

    /// A query that cannot be answered (empty name, bad date …).
    #[error("invalid query: {0}")]
    Query(String),

    /// A list that could not be downloaded, or whose download is not a usable list.
    #[error("{list}: {url}: {message}")]
    Download {
        /// The list's name.
        list: String,
        /// Where it was fetched from.
        url: String,
        /// What went wrong.
        message: String,
    },

    /// A case store that cannot be opened, read or written, or a request it refuses
    /// (an unknown row, a decision it does not know, a store from a newer redflag).
    #[error("{}: {message}", path.display())]
    Cases {
        /// The store's file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },

    /// Anything else the user asked for that cannot be done, said plainly.
    #[error("{0}")]
    Other(String),
}

impl Error {
    /// A parse error in `file` at `location`.
    pub fn parse(file: impl Into<String>, location: Location, message: impl Into<String>) -> Error {
        Error::Parse {
            file: file.into(),
            location,
            message: bounded(message.into()),
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Longest message kept in a parse error or warning, in characters: a message quotes the
/// text it is about, and that text may be a whole 50 MB field.
const MAX_MESSAGE_CHARS: usize = 2_000;

/// `message`, its middle elided when longer than [`MAX_MESSAGE_CHARS`]: the start says
/// what is wrong, the end what was expected.
fn bounded(message: String) -> String {
    let (head, tail) = (MAX_MESSAGE_CHARS * 3 / 4, MAX_MESSAGE_CHARS / 4);
    if message.char_indices().nth(MAX_MESSAGE_CHARS).is_none() {
        return message;
    }
    let head_end = message.char_indices().nth(head).map_or(0, |(i, _)| i);
    let tail_start = message
        .char_indices()
        .rev()
        .nth(tail - 1)
        .map_or(message.len(), |(i, _)| i);
    let elided = message[head_end..tail_start].chars().count();
    format!(
        "{} […{elided} characters…] {}",
        &message[..head_end],
        &message[tail_start..]
    )
}

/// A problem that did not stop loading: an optional field kept only as raw text, say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file, as named to the user.
    pub file: String,
    /// Where in it.
    pub location: Location,
    /// What was kept, dropped or guessed.
    pub message: String,
}

impl Warning {
    /// A warning about `file` at `location`.
    pub fn new(file: impl Into<String>, location: Location, message: impl Into<String>) -> Warning {
        Warning {
            file: file.into(),
            location,
            message: bounded(message.into()),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.location, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_keep_their_start_and_end() {
        let message = format!(
            "kind `{}`, expected person",
            "é".repeat(10 * MAX_MESSAGE_CHARS)
        );
        let err = Error::parse("w.csv", Location::Line(2), message).to_string();
        assert!(
            err.chars().count() < MAX_MESSAGE_CHARS + 100,
            "{}",
            err.len()
        );
        assert!(
            err.starts_with("w.csv: line 2: kind `éé") && err.ends_with("éé`, expected person")
        );
        assert!(err.contains("characters…]"), "{err}");
        let short = Warning::new("w.csv", Location::File, "fine");
        assert_eq!(short.message, "fine");
    }
}
