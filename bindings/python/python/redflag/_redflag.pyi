"""Type stubs of the native module (``redflag._redflag``)."""

import os
from typing import Any, Dict, List, Optional, Sequence, Union

import pyarrow as pa

_Path = Union[str, "os.PathLike[str]"]

DEFAULT_THRESHOLD: float
DEFAULT_REVIEW_MARGIN: float
__version__: str

class RedflagError(Exception):
    """Base class of every error redflag raises."""

class IndexFileError(RedflagError):
    """An index file that cannot be used: corrupt, truncated, or of another version."""

class QueryError(RedflagError):
    """A query that cannot be answered: an empty or too long name, a bad date or kind."""

class ListError(RedflagError):
    """A list file that does not parse or is no format redflag reads."""

class FileError(RedflagError):
    """A file that cannot be read or written."""

class Hit:
    """One listed entity that matches a query: who, how well, on which list, and why."""

    entity_id: str
    score: float
    name: str
    matched_name: str
    matched_name_kind: str
    list: str
    kind: str
    programs: List[str]
    reasons: List[str]
    def to_dict(self) -> Dict[str, Any]: ...

class Index:
    """An index of sanctions lists: memory-mapped, thread-safe, open it once and share it."""

    @staticmethod
    def default() -> "Index":
        """The shipped official lists (OFAC, UN, EU), or those in ``$REDFLAG_DATA_DIR``."""
    @staticmethod
    def open(path: _Path) -> "Index":
        """Opens an index file, memory-mapped."""
    @staticmethod
    def build(paths: Sequence[_Path], output: _Path) -> "Index":
        """Builds an index of the list files at ``paths``, writes it to ``output``, opens it."""
    @staticmethod
    def build_default(output: _Path) -> "Index":
        """Writes the index of the official lists to ``output`` and opens it."""
    def search(
        self,
        name: str,
        kind: Optional[str] = None,
        country: Optional[str] = None,
        dob: Optional[Any] = None,
        ids: Optional[Sequence[str]] = None,
        top: int = 10,
        threshold: Optional[float] = None,
    ) -> List[Hit]:
        """Searches one name (any script) with optional evidence; hits best first.

        ``kind``: person, organization, vessel, aircraft. ``country``: ISO code or name.
        ``dob``: a date or text (``1984-01-08``, ``1984``, ``8 Jan 1984``). ``ids``:
        identifiers (e-mail, website, wallet, IMO ...). Raises ``QueryError`` for an
        empty or too long name, or evidence that cannot be read.
        """
    def screen(
        self,
        names: Any,
        kinds: Optional[Any] = None,
        countries: Optional[Any] = None,
        dobs: Optional[Any] = None,
        top: int = 1,
        threshold: Optional[float] = None,
        review_threshold: Optional[float] = None,
    ) -> pa.Table:
        """Screens a column of names in parallel, releasing the GIL.

        Each argument is a Python sequence, a pyarrow Array or ChunkedArray, or a Polars
        Series, all of one length. Returns one row per input row, in order: ``row``,
        ``decision`` (hit, review, clear, error), ``score``, ``entity_id``, ``name``,
        ``matched_name``, ``list``, ``reason``, ``error`` (and, with ``top`` > 1,
        ``hit_ids`` and ``hit_scores``). A null or empty name is an ``error`` row, never
        dropped. The review band defaults to ``threshold - DEFAULT_REVIEW_MARGIN``.
        """
    @property
    def lists(self) -> List[Dict[str, Any]]:
        """The lists indexed: ``name``, ``published``, ``entities``."""
    def __len__(self) -> int: ...
