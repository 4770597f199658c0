//! The `redflag._redflag` extension module: the core library's index, search and batch
//! screening, for the Python package around it (`python/redflag/`).
//!
//! Modules, one job each:
//! - `errors`: redflag errors → Python exceptions;
//! - `hit`: the `Hit` class;
//! - `query`: Python arguments → a core `Query`;
//! - `index`: the `Index` class (open, build, search, screen);
//! - `columns`: Arrow string arrays read in place;
//! - `table`: screened rows → an Arrow record batch.

mod columns;
mod errors;
mod hit;
mod index;
mod query;
mod table;

use pyo3::prelude::*;

/// Batch screening allocates from every thread; the command line uses mimalloc for the
/// same reason, so the two run at the same speed.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[pymodule]
fn _redflag(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<index::PyIndex>()?;
    m.add_class::<hit::PyHit>()?;
    errors::register(m)?;
    m.add("DEFAULT_THRESHOLD", redflag::DEFAULT_THRESHOLD)?;
    m.add(
        "DEFAULT_REVIEW_MARGIN",
        redflag::screen::DEFAULT_REVIEW_MARGIN,
    )?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
