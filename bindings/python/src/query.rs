//! Python arguments → a core `Query`. Evidence the caller names explicitly and that
//! cannot be read (a kind or date not understood) is an error here, not a silent skip:
//! batch screening notes it in the row's reason instead.

use pyo3::prelude::*;
use redflag::model::parse_date;
use redflag::{EntityKind, Error, Query};

/// What `Index.search` was given.
pub struct SearchArgs {
    pub name: String,
    pub kind: Option<String>,
    pub country: Option<String>,
    pub dob: Option<String>,
    pub ids: Vec<String>,
    pub top: usize,
    pub threshold: Option<f64>,
}

impl SearchArgs {
    /// The query, or why not.
    pub fn query(self) -> Result<Query, Error> {
        let mut q = Query::new(self.name);
        q.top = self.top;
        q.threshold = unit("threshold", self.threshold)?.unwrap_or(redflag::DEFAULT_THRESHOLD);
        if let Some(kind) = self
            .kind
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
        {
            q.kind = match EntityKind::parse(kind) {
                Some(EntityKind::Unknown) => None,
                Some(k) => Some(k),
                None => return Err(Error::Query(format!("kind '{kind}' not understood"))),
            };
        }
        q.country = self.country.filter(|c| !c.trim().is_empty());
        if let Some(dob) = self.dob.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            q.dob =
                Some(parse_date(dob).ok_or_else(|| {
                    Error::Query(format!("date of birth '{dob}' not understood"))
                })?);
        }
        for id in self.ids {
            q = q.identifier(None, id);
        }
        Ok(q)
    }
}

/// `value`, checked to lie in [0, 1].
pub fn unit(what: &str, value: Option<f64>) -> Result<Option<f64>, Error> {
    match value {
        Some(v) if !(0.0..=1.0).contains(&v) => Err(Error::Query(format!(
            "{what} must be between 0 and 1, not {v}"
        ))),
        _ => Ok(value),
    }
}

/// A `top` of at least 1.
pub fn top(top: usize) -> PyResult<usize> {
    if top == 0 {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "top must be at least 1",
        ));
    }
    Ok(top)
}
