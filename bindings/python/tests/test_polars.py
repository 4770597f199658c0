"""redflag.polars.screen inside eager and lazy Polars queries, and Polars series given to
Index.screen."""

import pytest

pl = pytest.importorskip("polars")

import redflag.polars as rp  # noqa: E402


def frame():
    return pl.DataFrame(
        {
            "name": ["Kim Jong Un", None, "", "Jane Doe", "김정은"],
            "cc": ["KP", None, "KP", "US", None],
            "dob": ["1984-01-08", None, None, None, "not a date"],
        }
    )


def test_screen_a_polars_series_with_nulls(watchlist_index):
    df = frame()
    table = watchlist_index.screen(df["name"], countries=df["cc"], dobs=df["dob"])
    assert table.num_rows == df.height
    assert table.column("decision").to_pylist() == ["hit", "error", "error", "clear", "hit"]


def test_the_expression_keeps_every_row(watchlist_index):
    out = frame().with_columns(
        rp.screen(pl.col("name"), country="cc", dob=pl.col("dob"), index=watchlist_index).alias("s")
    )
    assert out.height == 5
    s = out.unnest("s")
    assert s["decision"].to_list() == ["hit", "error", "error", "clear", "hit"]
    assert s["entity_id"][0] == "my_watchlist:w1"
    assert s["reason"][1] == "no name to screen"
    assert "'not a date' not understood" in s["reason"][4]
    assert out.schema["s"] == rp.RESULT


def test_lazy_frames_and_an_index_path(tmp_path, watchlist_index):
    path = tmp_path / "w.idx"
    redflag_index = __import__("redflag").Index
    redflag_index.build([_csv(tmp_path)], path)
    lazy = frame().lazy().select(
        pl.col("name"), rp.screen("name", index=str(path)).struct.field("decision")
    )
    out = lazy.filter(pl.col("decision") != "clear").collect()
    assert out["decision"].to_list() == ["hit", "error", "error", "hit"]


def test_a_date_column(watchlist_index):
    import datetime

    df = pl.DataFrame({"name": ["Kim Jong Un"], "dob": [datetime.date(1984, 1, 8)]})
    out = df.select(rp.screen("name", dob="dob", index=watchlist_index).struct.field("decision"))
    assert out["decision"].to_list() == ["hit"]


def _csv(folder):
    from conftest import WATCHLIST

    csv = folder / "my_watchlist.csv"
    csv.write_text(WATCHLIST, encoding="utf-8")
    return csv
