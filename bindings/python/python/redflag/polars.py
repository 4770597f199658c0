"""Screening inside a Polars query: ``redflag.polars.screen`` is an expression, usable
in ``select``/``with_columns`` on eager and lazy frames alike.

>>> import polars as pl, redflag.polars as rp
>>> df = pl.DataFrame({"name": ["Kim Jong Un", None], "cc": ["KP", None]})
>>> out = df.with_columns(rp.screen(pl.col("name"), country=pl.col("cc")).alias("screen"))
>>> out.unnest("screen").columns
['name', 'cc', 'decision', 'score', 'entity_id', 'reason']

Each batch Polars hands over is screened by ``Index.screen`` (in parallel, outside the
GIL); the index is opened once per process (see ``index``) and kept.
"""

from __future__ import annotations

from typing import Optional, Sequence, Union

import polars as pl

from ._cache import IndexLike, index_for

#: The struct each row screens to.
RESULT = pl.Struct(
    {
        "decision": pl.String,
        "score": pl.Float64,
        "entity_id": pl.String,
        "reason": pl.String,
    }
)

IntoExpr = Union[str, pl.Expr]


def screen(
    name: IntoExpr,
    *,
    kind: Optional[IntoExpr] = None,
    country: Optional[IntoExpr] = None,
    dob: Optional[IntoExpr] = None,
    index: IndexLike = None,
    threshold: Optional[float] = None,
    review_threshold: Optional[float] = None,
) -> pl.Expr:
    """A struct expression (fields ``decision``, ``score``, ``entity_id``, ``reason``)
    screening ``name`` with the optional ``kind``, ``country`` and ``dob`` evidence;
    each argument a column name or an expression.

    ``index`` is an ``Index``, the path of an index file, or ``None`` for the official
    lists. ``decision`` is ``hit``, ``review``, ``clear`` or ``error`` (a null or empty
    name: the row is kept, and ``reason`` says why).
    """
    roles = ["names"]
    exprs = [_expr(name)]
    for role, value in (("kinds", kind), ("countries", country), ("dobs", dob)):
        if value is not None:
            roles.append(role)
            exprs.append(_expr(value))

    def run(series: Sequence[pl.Series]) -> pl.Series:
        table = index_for(index).screen(
            **dict(zip(roles, series)),
            threshold=threshold,
            review_threshold=review_threshold,
        )
        fields = table.select([f.name for f in RESULT.fields])
        return pl.from_arrow(fields).to_struct(series[0].name)

    return pl.map_batches(exprs, run, return_dtype=RESULT, is_elementwise=True)


def _expr(value: IntoExpr) -> pl.Expr:
    return pl.col(value) if isinstance(value, str) else value
