//! Arrow string arrays read in place: the names and evidence of a batch stay in the
//! buffers Python handed over (pyarrow, Polars), with no copy into Rust strings.

use arrow_array::{Array, ArrayRef, LargeStringArray, StringArray, StringViewArray};
use arrow_data::ArrayData;
use arrow_schema::DataType;
use pyo3::exceptions::PyTypeError;
use pyo3::PyResult;

/// One column of text: `utf8`, `large_utf8` or `utf8_view`.
pub enum TextColumn {
    Utf8(StringArray),
    LargeUtf8(LargeStringArray),
    View(StringViewArray),
}

impl TextColumn {
    /// Wraps `data`, refusing any type but the three string types (the Python side casts
    /// other types to text before handing a column over).
    pub fn new(what: &str, data: ArrayData) -> PyResult<TextColumn> {
        let array: ArrayRef = arrow_array::make_array(data);
        let any = array.as_any();
        let column = match array.data_type() {
            DataType::Utf8 => any
                .downcast_ref::<StringArray>()
                .cloned()
                .map(TextColumn::Utf8),
            DataType::LargeUtf8 => any
                .downcast_ref::<LargeStringArray>()
                .cloned()
                .map(TextColumn::LargeUtf8),
            DataType::Utf8View => any
                .downcast_ref::<StringViewArray>()
                .cloned()
                .map(TextColumn::View),
            _ => None,
        };
        column.ok_or_else(|| {
            PyTypeError::new_err(format!(
                "{what}: expected an Arrow string array, got {}",
                array.data_type()
            ))
        })
    }

    pub fn len(&self) -> usize {
        match self {
            TextColumn::Utf8(a) => a.len(),
            TextColumn::LargeUtf8(a) => a.len(),
            TextColumn::View(a) => a.len(),
        }
    }

    /// Row `i`'s text; `None` for a null.
    pub fn get(&self, i: usize) -> Option<&str> {
        match self {
            TextColumn::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            TextColumn::LargeUtf8(a) => a.is_valid(i).then(|| a.value(i)),
            TextColumn::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}
