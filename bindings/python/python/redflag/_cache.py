"""One index per process and path, opened on first use: what the Polars expressions and
Spark executors share, so that a batch never reopens the file."""

from __future__ import annotations

import os
import threading
from typing import Dict, Optional, Union

from ._redflag import Index

_lock = threading.Lock()
_open: Dict[Optional[str], Index] = {}

IndexLike = Union[Index, str, "os.PathLike[str]", None]


def index_for(index: IndexLike) -> Index:
    """``index`` itself when it is an ``Index``; else the index at that path, or the
    official lists for ``None``, opened once per process and kept."""
    if isinstance(index, Index):
        return index
    key = None if index is None else os.fspath(index)
    with _lock:
        found = _open.get(key)
        if found is None:
            found = Index.default() if key is None else Index.open(key)
            _open[key] = found
        return found
