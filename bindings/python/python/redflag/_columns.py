"""Columns in, Arrow string arrays out: what ``Index.screen`` reads its names and
evidence from. Arrow data (pyarrow, Polars) is passed through without a copy when it is
already text; anything else is converted once."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

_TEXT = (pa.string(), pa.large_string())


def _is_text(t: pa.DataType) -> bool:
    return t in _TEXT or str(t) == "string_view"


def text_array(values: Any, what: str = "values") -> pa.Array:
    """``values`` as one Arrow string array: a pyarrow Array or ChunkedArray, a Polars
    Series, anything with ``__arrow_c_array__`` / ``__arrow_c_stream__``, or a Python
    sequence of ``str`` / ``None`` (other values, such as dates, are cast to text)."""
    array = _as_arrow(values, what)
    if isinstance(array, pa.ChunkedArray):
        # One buffer to read from; a single chunk is taken as it is.
        array = array.chunk(0) if array.num_chunks == 1 else array.combine_chunks()
    if isinstance(array.type, pa.DictionaryType):
        array = array.dictionary_decode()
    if not _is_text(array.type):
        array = pc.cast(array, pa.large_string())
    return array


def _as_arrow(values: Any, what: str) -> Any:
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return values
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{what}: expected a sequence of names, got a single {type(values).__name__}")
    module = type(values).__module__
    if module.startswith("polars"):
        return values.to_arrow()
    if module.startswith("pandas"):
        return pa.array(values, from_pandas=True)
    if hasattr(values, "__arrow_c_array__") or hasattr(values, "__arrow_c_stream__"):
        return pa.array(values) if hasattr(values, "__arrow_c_array__") else pa.chunked_array(values)
    try:
        return pa.array(list(values), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        # Mixed types: each value as its text.
        return pa.array([None if v is None else str(v) for v in values], pa.large_string())
