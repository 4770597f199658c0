"""redflag.spark: the per-batch function without Spark, and a real local job when
pyspark is installed."""

import shutil

import pyarrow as pa
import pytest

from redflag import spark as rs


def test_screen_batches_over_record_batches(tmp_path, watchlist_index):
    import redflag

    path = tmp_path / "w.idx"
    redflag.Index.build([_csv(tmp_path)], path)
    batches = [
        pa.RecordBatch.from_pydict({"id": [1, 2], "name": ["Kim Jong Un", None], "cc": ["KP", None]}),
        pa.RecordBatch.from_pydict({"id": [3], "name": ["Jane Doe"], "cc": ["US"]}),
    ]
    out = list(rs.screen_batches(iter(batches), "name", country_col="cc", index_path=str(path)))
    assert [b.num_rows for b in out] == [2, 1]
    table = pa.Table.from_batches(out)
    assert table.column_names[:3] == ["id", "name", "cc"]
    assert table.column("screen_decision").to_pylist() == ["hit", "error", "clear"]
    assert table.column("screen_entity_id")[0].as_py() == "my_watchlist:w1"
    assert table.schema.field("screen_score").type == pa.float64()


@pytest.mark.skipif(shutil.which("java") is None, reason="no java")
def test_a_local_spark_job(tmp_path):
    pyspark = pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    import redflag

    path = tmp_path / "w.idx"
    redflag.Index.build([_csv(tmp_path)], path)
    spark = SparkSession.builder.master("local[2]").appName("redflag-test").getOrCreate()
    try:
        df = spark.createDataFrame(
            [(1, "Kim Jong Un", "KP"), (2, None, None), (3, "Jane Doe", "US")],
            "id long, name string, cc string",
        )
        rows = rs.screen(df, "name", country_col="cc", index_path=str(path)).orderBy("id").collect()
        assert [r.screen_decision for r in rows] == ["hit", "error", "clear"]
    finally:
        spark.stop()
    assert pyspark


def _csv(folder):
    from conftest import WATCHLIST

    csv = folder / "my_watchlist.csv"
    csv.write_text(WATCHLIST, encoding="utf-8")
    return csv
