//! redflag's errors as Python exceptions, with the same messages. Every exception is a
//! `RedflagError`, so one `except` catches them all; the subclasses say which kind.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use redflag::Error;

create_exception!(
    redflag,
    RedflagError,
    PyException,
    "Base class of every error redflag raises."
);
create_exception!(
    redflag,
    IndexFileError,
    RedflagError,
    "An index file that cannot be used: corrupt, truncated, or of another version."
);
create_exception!(
    redflag,
    QueryError,
    RedflagError,
    "A query that cannot be answered: an empty or too long name, a bad date or kind."
);
create_exception!(
    redflag,
    ListError,
    RedflagError,
    "A list file that does not parse or is no format redflag reads."
);
create_exception!(
    redflag,
    FileError,
    RedflagError,
    "A file that cannot be read or written."
);

/// Adds the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("RedflagError", py.get_type::<RedflagError>())?;
    m.add("IndexFileError", py.get_type::<IndexFileError>())?;
    m.add("QueryError", py.get_type::<QueryError>())?;
    m.add("ListError", py.get_type::<ListError>())?;
    m.add("FileError", py.get_type::<FileError>())?;
    Ok(())
}

/// The exception for `error`, its message the error's own.
pub fn to_py(error: Error) -> PyErr {
    let message = error.to_string();
    match error {
        Error::Index { .. } => IndexFileError::new_err(message),
        Error::Query(_) => QueryError::new_err(message),
        Error::Parse { .. } | Error::UnknownFormat { .. } | Error::Download { .. } => {
            ListError::new_err(message)
        }
        Error::Io { .. } => FileError::new_err(message),
        _ => RedflagError::new_err(message),
    }
}
