//! `redflag.Index`: an index of sanctions lists, opened once and shared by every thread.
//! Searching and screening release the GIL; screening runs rows in parallel.

use crate::columns::TextColumn;
use crate::errors::to_py;
use crate::hit::PyHit;
use crate::query::{self, SearchArgs};
use crate::table;
use arrow_data::ArrayData;
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;
use redflag::index::IndexBuilder;
use redflag::screen::{screen_fields, Fields, Limits, Outcome, Repeats, DEFAULT_REVIEW_MARGIN};
use redflag::{lists, sources, Index, DEFAULT_THRESHOLD};
use std::path::PathBuf;
use std::sync::Arc;

/// An index of sanctions lists: memory-mapped, thread-safe, open it once and share it.
#[pyclass(name = "Index", module = "redflag", frozen)]
pub struct PyIndex {
    index: Arc<Index>,
    /// Where it came from, for `repr`.
    origin: String,
}

impl PyIndex {
    fn new(index: Index, origin: String) -> PyIndex {
        PyIndex {
            index: Arc::new(index),
            origin,
        }
    }
}

#[pymethods]
impl PyIndex {
    /// The shipped official lists (OFAC, UN, EU), or those in `$REDFLAG_DATA_DIR`; built
    /// into a cache on first use (a second or two), memory-mapped from it afterwards.
    #[staticmethod]
    fn default(py: Python<'_>) -> PyResult<PyIndex> {
        let index = py.detach(lists::open_default).map_err(to_py)?;
        Ok(PyIndex::new(index, "the official lists".into()))
    }

    /// Opens an index file written by `Index.build` or `redflag index`, memory-mapped.
    #[staticmethod]
    fn open(py: Python<'_>, path: PathBuf) -> PyResult<PyIndex> {
        let index = py.detach(|| Index::open(&path)).map_err(to_py)?;
        Ok(PyIndex::new(index, path.display().to_string()))
    }

    /// Builds an index of the list files at `paths` (OFAC, UN, EU XML, OFAC CSV,
    /// FollowTheMoney JSON lines, watchlist CSV; gzip or plain), writes it to `output`
    /// and opens it.
    #[staticmethod]
    fn build(py: Python<'_>, paths: Vec<PathBuf>, output: PathBuf) -> PyResult<PyIndex> {
        let index = py
            .detach(|| {
                let mut builder = IndexBuilder::new();
                for path in &paths {
                    builder.add_list(sources::load_path(path)?);
                }
                builder.write(&output)?;
                Index::open(&output)
            })
            .map_err(to_py)?;
        Ok(PyIndex::new(index, output.display().to_string()))
    }

    /// Writes the index of the official lists (as `Index.default()` reads them) to
    /// `output` and opens it: a file to ship to Spark executors.
    #[staticmethod]
    fn build_default(py: Python<'_>, output: PathBuf) -> PyResult<PyIndex> {
        let index = py
            .detach(|| {
                let mut builder = IndexBuilder::new();
                for list in lists::load_default_lists()? {
                    builder.add_list(list);
                }
                builder.write(&output)?;
                Index::open(&output)
            })
            .map_err(to_py)?;
        Ok(PyIndex::new(index, output.display().to_string()))
    }

    /// Searches one name (any script), with optional evidence; hits best first.
    #[pyo3(signature = (name, kind=None, country=None, dob=None, ids=None, top=10, threshold=None))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        name: String,
        kind: Option<String>,
        country: Option<String>,
        dob: Option<&Bound<'_, PyAny>>,
        ids: Option<Vec<String>>,
        top: usize,
        threshold: Option<f64>,
    ) -> PyResult<Vec<PyHit>> {
        let args = SearchArgs {
            name,
            kind,
            country,
            dob: dob.map(|d| d.str().map(|s| s.to_string())).transpose()?,
            ids: ids.unwrap_or_default(),
            top: query::top(top)?,
            threshold,
        };
        let index = &self.index;
        let hits = py
            .detach(|| args.query().and_then(|q| index.search(&q)))
            .map_err(to_py)?;
        Ok(hits.into_iter().map(PyHit::from).collect())
    }

    /// Screens a column of names, in parallel; see the package's `Index.screen`.
    #[pyo3(signature = (names, kinds=None, countries=None, dobs=None, top=1, threshold=None, review_threshold=None))]
    #[allow(clippy::too_many_arguments)]
    fn screen<'py>(
        &self,
        py: Python<'py>,
        names: &Bound<'py, PyAny>,
        kinds: Option<&Bound<'py, PyAny>>,
        countries: Option<&Bound<'py, PyAny>>,
        dobs: Option<&Bound<'py, PyAny>>,
        top: usize,
        threshold: Option<f64>,
        review_threshold: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let limits = limits(top, threshold, review_threshold)?;
        let names = text_column(py, "names", names)?;
        let evidence = |what: &str, values: Option<&Bound<'py, PyAny>>| {
            values
                .filter(|v| !v.is_none())
                .map(|v| text_column(py, what, v))
                .transpose()
        };
        let kinds = evidence("kinds", kinds)?;
        let countries = evidence("countries", countries)?;
        let dobs = evidence("dobs", dobs)?;
        for (what, column) in [
            ("kinds", &kinds),
            ("countries", &countries),
            ("dobs", &dobs),
        ] {
            if let Some(c) = column.as_ref().filter(|c| c.len() != names.len()) {
                return Err(PyValueError::new_err(format!(
                    "{what} has {} values, names has {}",
                    c.len(),
                    names.len()
                )));
            }
        }
        let index = &self.index;
        let batch = py.detach(|| {
            // Rows repeat names; the CLI's batch remembers answers the same way.
            let matcher = Repeats::new(index.as_ref());
            let outcomes: Vec<Outcome> = (0..names.len())
                .into_par_iter()
                .with_min_len(32)
                .map(|i| {
                    let fields = Fields {
                        name: names.get(i),
                        kind: at(&kinds, i),
                        country: at(&countries, i),
                        dob: at(&dobs, i),
                    };
                    screen_fields(&fields, &matcher, &limits)
                })
                .collect();
            table::record_batch(&outcomes, limits.top > 1)
        });
        let batch = batch.map_err(|e| crate::errors::RedflagError::new_err(e.to_string()))?;
        let batch = batch.to_pyarrow(py)?;
        py.import("pyarrow")?
            .getattr("Table")?
            .call_method1("from_batches", (vec![batch],))
    }

    /// Entities in the index.
    fn __len__(&self) -> usize {
        self.index.entity_count()
    }

    /// The lists indexed: name, publication date and entity count of each.
    #[getter]
    fn lists<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.index
            .lists()
            .iter()
            .map(|l| {
                let d = PyDict::new(py);
                d.set_item("name", &l.info.name)?;
                d.set_item("published", l.info.published.as_deref())?;
                d.set_item("entities", l.total())?;
                Ok(d)
            })
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "Index({} entities from {})",
            self.index.entity_count(),
            self.origin
        )
    }
}

/// Row `i` of an evidence column, when there is one.
fn at(column: &Option<TextColumn>, i: usize) -> Option<&str> {
    column.as_ref().and_then(|c| c.get(i))
}

/// The top and thresholds, checked and defaulted as `redflag screen` does.
fn limits(top: usize, threshold: Option<f64>, review: Option<f64>) -> PyResult<Limits> {
    let bad = |e: redflag::Error| PyValueError::new_err(e.to_string());
    let threshold = query::unit("threshold", threshold)
        .map_err(bad)?
        .unwrap_or(DEFAULT_THRESHOLD);
    let review_threshold = query::unit("review_threshold", review)
        .map_err(bad)?
        .unwrap_or((threshold - DEFAULT_REVIEW_MARGIN).max(0.0));
    if review_threshold > threshold {
        return Err(PyValueError::new_err(format!(
            "the review threshold ({review_threshold}) must not be above the threshold ({threshold})"
        )));
    }
    Ok(Limits {
        top: query::top(top)?,
        threshold,
        review_threshold,
    })
}

/// `values` (a sequence, pyarrow array or Polars series) as a text column, through the
/// package's Python helper that converts and casts it to an Arrow string array.
fn text_column(py: Python<'_>, what: &str, values: &Bound<'_, PyAny>) -> PyResult<TextColumn> {
    let array = py
        .import("redflag._columns")?
        .call_method1("text_array", (values, what))?;
    TextColumn::new(what, ArrayData::from_pyarrow_bound(&array)?)
}
