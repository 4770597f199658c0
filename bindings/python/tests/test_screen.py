"""Index.screen: Python sequences and Arrow arrays in, a pyarrow Table out, one row per
input row; error rows for what cannot be screened."""

import pyarrow as pa
import pytest

import redflag

COLUMNS = [
    "row", "decision", "score", "entity_id", "name", "matched_name", "list", "reason", "error",
]


def test_a_list_of_names(watchlist_index):
    table = watchlist_index.screen(["Kim Jong Un", "Jane Doe", None, "", "   ", "!!!"])
    assert isinstance(table, pa.Table)
    assert table.column_names == COLUMNS
    rows = table.to_pylist()
    assert [r["row"] for r in rows] == list(range(6))
    assert [r["decision"] for r in rows] == ["hit", "clear", "error", "error", "error", "error"]
    assert rows[0]["entity_id"] == "my_watchlist:w1"
    assert rows[0]["score"] >= 0.8 and rows[0]["error"] is None
    assert rows[1]["entity_id"] is None and rows[1]["score"] is None
    assert rows[2]["error"] == "no name to screen"
    assert "has no letters" in rows[5]["error"]


def test_evidence_columns_and_review(watchlist_index):
    table = watchlist_index.screen(
        ["Kim Jong Un", "Kim Jong Un", "Ivan Petrov"],
        kinds=["person", "vessel", None],
        countries=["KP", None, "Russia"],
        dobs=["1984-01-08", "whenever", None],
    )
    rows = table.to_pylist()
    assert rows[0]["decision"] == "hit"
    assert "'whenever' not understood" in rows[1]["reason"]
    assert rows[2]["entity_id"] == "my_watchlist:w3"


def test_the_decision_matches_search(watchlist_index):
    names = ["Kim Jong Un", "Kim Jong", "Korea Kwangson Bank", "Nobody Atall"]
    rows = watchlist_index.screen(names, threshold=0.9).to_pylist()
    for name, row in zip(names, rows):
        hits = watchlist_index.search(name, threshold=0.75)
        best = hits[0].score if hits else 0.0
        expected = "hit" if best >= 0.9 else "review" if best >= 0.75 else "clear"
        assert row["decision"] == expected, (name, best, row)


def test_a_too_long_name_is_an_error_row(watchlist_index):
    rows = watchlist_index.screen(["x" * 5000, "Kim Jong Un"]).to_pylist()
    assert rows[0]["decision"] == "error"
    assert "could not be screened" in rows[0]["error"]
    assert rows[1]["decision"] == "hit"


def test_arrow_arrays_in(watchlist_index):
    for names in [
        pa.array(["Kim Jong Un", None]),
        pa.array(["Kim Jong Un", None], pa.large_string()),
        pa.array(["Kim Jong Un", None], pa.string_view()),
        pa.chunked_array([["Kim Jong Un"], [None]]),
        pa.array(["Kim Jong Un", None]).dictionary_encode(),
    ]:
        table = watchlist_index.screen(names, dobs=pa.array([None, None], pa.date32()))
        assert table.column("decision").to_pylist() == ["hit", "error"], names.type


def test_dates_as_evidence(watchlist_index):
    import datetime

    rows = watchlist_index.screen(
        ["Kim Jong Un"], dobs=pa.array([datetime.date(1984, 1, 8)])
    ).to_pylist()
    assert rows[0]["decision"] == "hit"


def test_top_keeps_more_hits(default_index):
    table = default_index.screen(["Kim Jong Un", None], top=3, threshold=0.8)
    assert "hit_ids" in table.column_names
    ids = table.column("hit_ids").to_pylist()
    assert 1 <= len(ids[0]) <= 3 and ids[1] == []
    assert ids[0][0] == table.column("entity_id")[0].as_py()


def test_empty_input(watchlist_index):
    table = watchlist_index.screen([])
    assert table.num_rows == 0 and table.column_names == COLUMNS


def test_the_cli_and_python_agree_on_the_shipped_lists(default_index):
    rows = default_index.screen(["김정은", "Kim Jong Un"]).to_pylist()
    assert rows[0]["entity_id"] == rows[1]["entity_id"]
    assert rows[0]["decision"] == "hit"
