"""redflag: sanctions screening (OFAC, UN, EU and your own watchlists) across Latin,
Hangul and Han scripts.

>>> import redflag
>>> index = redflag.Index.default()
>>> index.search("김정은")[0].entity_id == index.search("Kim Jong Un")[0].entity_id
True

``Index.screen`` screens a column of names (a list, a pyarrow array, a Polars series) in
parallel and returns a pyarrow Table, one row per input row. ``redflag.polars`` and
``redflag.spark`` do the same inside a Polars query or a Spark job.
"""

from ._redflag import (
    DEFAULT_REVIEW_MARGIN,
    DEFAULT_THRESHOLD,
    FileError,
    Hit,
    Index,
    IndexFileError,
    ListError,
    QueryError,
    RedflagError,
    __version__,
)

__all__ = [
    "DEFAULT_REVIEW_MARGIN",
    "DEFAULT_THRESHOLD",
    "FileError",
    "Hit",
    "Index",
    "IndexFileError",
    "ListError",
    "QueryError",
    "RedflagError",
    "__version__",
]
