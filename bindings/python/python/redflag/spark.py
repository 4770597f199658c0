"""Screening a Spark DataFrame: ``redflag.spark.screen`` adds the screening columns to
every row, with ``DataFrame.mapInArrow`` (``mapInPandas`` on Spark before 3.3).

The index file is shipped to the executors with ``SparkContext.addFile`` and opened
once per executor process (memory-mapped, so the workers of one machine share its
pages); without ``index_path`` each executor opens the official lists.

The per-batch work is :func:`screen_batches`, a plain function over an iterator of
pyarrow record batches: it needs no Spark and is tested without it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

import pyarrow as pa

from ._cache import index_for

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame

#: The columns added to each row, after the input's, and their Arrow types.
RESULT_FIELDS = [
    ("decision", pa.string()),
    ("score", pa.float64()),
    ("entity_id", pa.string()),
    ("name", pa.string()),
    ("matched_name", pa.string()),
    ("list", pa.string()),
    ("reason", pa.string()),
    ("error", pa.string()),
]


def screen_batches(
    batches: Iterable[pa.RecordBatch],
    name_col: str,
    country_col: Optional[str] = None,
    dob_col: Optional[str] = None,
    kind_col: Optional[str] = None,
    index_path: Optional[str] = None,
    prefix: str = "screen_",
    threshold: Optional[float] = None,
) -> Iterator[pa.RecordBatch]:
    """Screens each batch's ``name_col`` (with the optional evidence columns) and yields
    it with the result columns added, ``prefix`` before each name. ``index_path`` is
    opened once per process; ``None`` means the official lists."""
    index = index_for(index_path)
    for batch in batches:
        column = batch.column
        table = index.screen(
            column(name_col),
            kinds=column(kind_col) if kind_col else None,
            countries=column(country_col) if country_col else None,
            dobs=column(dob_col) if dob_col else None,
            threshold=threshold,
        )
        arrays = list(batch.columns)
        names = list(batch.schema.names)
        for field, kind in RESULT_FIELDS:
            arrays.append(table.column(field).combine_chunks().cast(kind))
            names.append(prefix + field)
        yield pa.RecordBatch.from_arrays(arrays, names=names)


def screen(
    df: "DataFrame",
    name_col: str,
    country_col: Optional[str] = None,
    dob_col: Optional[str] = None,
    kind_col: Optional[str] = None,
    index_path: Optional[str] = None,
    prefix: str = "screen_",
    threshold: Optional[float] = None,
) -> "DataFrame":
    """``df`` with the screening columns added (``screen_decision``, ``screen_score``,
    ``screen_entity_id``, ``screen_name``, ``screen_matched_name``, ``screen_list``,
    ``screen_reason``, ``screen_error``), one output row per input row.

    ``index_path`` names an index file (``Index.build`` / ``Index.build_default``)
    shipped to the executors; ``None`` opens the official lists on each executor.
    """
    from pyspark import SparkFiles
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType

    shipped = None
    if index_path is not None:
        df.sparkSession.sparkContext.addFile(os.fspath(index_path))
        shipped = os.path.basename(os.fspath(index_path))

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        local = SparkFiles.get(shipped) if shipped else None
        return screen_batches(
            batches, name_col, country_col, dob_col, kind_col, local, prefix, threshold
        )

    spark_type = {pa.string(): StringType(), pa.float64(): DoubleType()}
    schema = StructType(
        list(df.schema.fields)
        + [StructField(prefix + f, spark_type[t], True) for f, t in RESULT_FIELDS]
    )
    if hasattr(df, "mapInArrow"):
        return df.mapInArrow(run, schema)
    return df.mapInPandas(_through_pandas(run), schema)


def _through_pandas(run):
    """``run`` over pandas frames, for Spark versions without ``mapInArrow``."""

    def over_frames(frames):
        batches = (pa.RecordBatch.from_pandas(f, preserve_index=False) for f in frames)
        for batch in run(batches):
            yield batch.to_pandas()

    return over_frames
