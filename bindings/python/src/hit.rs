//! `redflag.Hit`: one listed entity that matches a query, with why.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use redflag::Hit;

/// One listed entity that matches a query: who, how well, on which list, and why.
#[pyclass(name = "Hit", module = "redflag", frozen, get_all)]
pub struct PyHit {
    /// The entity's id in its list (`ofac:20157`, `un:KPi.033`).
    pub entity_id: String,
    /// In [0, 1]: 1.0 the same name up to spelling, >= 0.8 (the default threshold) a hit.
    pub score: f64,
    /// The entity's display name.
    pub name: String,
    /// The listed name that matched best.
    pub matched_name: String,
    /// What matched: `primary`, `alias`, `weak alias`, `original script`, `identifier` ...
    pub matched_name_kind: &'static str,
    /// The list the entity is on.
    pub list: String,
    /// `person`, `organization`, `vessel`, `aircraft` or `unknown`.
    pub kind: &'static str,
    /// The sanctions programmes it is listed under.
    pub programs: Vec<String>,
    /// Readable reasons: which tokens paired, what bridged scripts, what moved the score.
    pub reasons: Vec<String>,
}

impl From<Hit> for PyHit {
    fn from(hit: Hit) -> PyHit {
        PyHit {
            entity_id: hit.entity_id,
            score: hit.score,
            name: hit.name,
            matched_name: hit.matched_name,
            matched_name_kind: hit.matched_name_kind,
            list: hit.list,
            kind: hit.kind.as_str(),
            programs: hit.programs,
            reasons: hit.reasons,
        }
    }
}

#[pymethods]
impl PyHit {
    fn __repr__(&self) -> String {
        format!(
            "Hit(entity_id={}, score={:.3}, name={}, matched_name={}, list={})",
            quoted(&self.entity_id),
            self.score,
            quoted(&self.name),
            quoted(&self.matched_name),
            quoted(&self.list)
        )
    }

    /// The hit as a plain dict (for JSON, a DataFrame row ...).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("entity_id", &self.entity_id)?;
        d.set_item("score", self.score)?;
        d.set_item("name", &self.name)?;
        d.set_item("matched_name", &self.matched_name)?;
        d.set_item("matched_name_kind", self.matched_name_kind)?;
        d.set_item("list", &self.list)?;
        d.set_item("kind", self.kind)?;
        d.set_item("programs", &self.programs)?;
        d.set_item("reasons", &self.reasons)?;
        Ok(d)
    }
}

/// `text` as Python writes a string literal: single quotes, `\\` and `'` escaped.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}
