"""Screens generated rows with Spark in local mode and prints rows/s and peak memory.

    python examples/spark_screen.py                  # 1,000,000 rows on local[2]
    python examples/spark_screen.py --rows 100000 --master 'local[4]'
    python examples/spark_screen.py --input names.csv   # a CSV with name (and country)

Needs the redflag package (``pip install ./bindings/python``), pyspark and Java 17.
The index of the official lists is written to a temporary file, shipped to the
executors with ``SparkContext.addFile`` and memory-mapped by each executor process.
Memory is sampled from /proc over the whole process tree (driver, JVM, Python workers).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benches", "python"))

import names as population  # noqa: E402

import redflag  # noqa: E402
from redflag import spark as rs  # noqa: E402


def main() -> None:
    args = parse_args()
    # The executors' Python is this one, where redflag is installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    folder = tempfile.mkdtemp(prefix="redflag-spark-")
    index_path = os.path.join(folder, "official.idx")
    redflag.Index.build_default(index_path)

    memory = TreeMemory(os.getpid())
    memory.start()
    spark = (
        SparkSession.builder.master(args.master)
        .appName("redflag-screen")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "10000")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    if args.input:
        df = spark.read.csv(args.input, header=True, schema="name string, country string")
        df = df.repartition(args.partitions)
    else:
        df = generated(spark, args.rows, args.partitions)
        df.cache().count()  # generate first, so the timing is the screening

    started = time.perf_counter()
    screened = rs.screen(df, name_col="name", country_col="country", index_path=index_path)
    output = os.path.join(folder, "screened")
    screened.write.mode("overwrite").csv(output, header=True)
    elapsed = time.perf_counter() - started
    written = spark.read.csv(output, header=True)
    counts = {r["screen_decision"]: r["count"] for r in written.groupBy("screen_decision").count().collect()}
    spark.stop()
    memory.stop()

    rows = sum(counts.values())
    if not args.input:
        assert rows == args.rows, (rows, args.rows)
    print(f"rows: {rows:,} on {args.master}, {args.partitions} partitions")
    print(f"decisions: {dict(sorted(counts.items()))}")
    print(f"screening and writing the results: {elapsed:.1f} s, {rows / elapsed:,.0f} rows/s")
    print(f"peak memory, whole tree: {memory.peak_total / 2**20:,.0f} MiB")
    print(f"peak memory, one Python worker: {memory.peak_worker / 2**20:,.0f} MiB")
    print(f"peak memory, JVM: {memory.peak_jvm / 2**20:,.0f} MiB")


def generated(spark, rows: int, partitions: int):
    """``rows`` rows of id, name and country, the names from benches/python/names.py."""
    data = [(i, population.name(i), "KP" if i % 3 == 0 else None) for i in range(rows)]
    return spark.createDataFrame(data, "id long, name string, country string", verifySchema=False).repartition(
        partitions
    )


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--master", default="local[2]")
    p.add_argument("--partitions", type=int, default=8)
    p.add_argument("--input", help="a CSV with a name (and a country) column, instead of generated rows")
    return p.parse_args()


class TreeMemory(threading.Thread):
    """Samples the resident memory of a process and all its descendants every 100 ms."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root = root
        self.peak_total = self.peak_worker = self.peak_jvm = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.sample()
            self._done.wait(0.1)

    def stop(self) -> None:
        self._done.set()
        self.join()

    def sample(self) -> None:
        parents, rss, names = {}, {}, {}
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    stat = f.read()
                with open(f"/proc/{pid}/statm") as f:
                    pages = int(f.read().split()[1])
            except OSError:
                continue
            name, rest = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :]
            parents[int(pid)] = int(rest.split()[1])
            rss[int(pid)] = pages * os.sysconf("SC_PAGE_SIZE")
            names[int(pid)] = name
        tree = {self.root}
        for _ in range(6):
            tree |= {p for p, parent in parents.items() if parent in tree}
        self.peak_total = max(self.peak_total, sum(rss.get(p, 0) for p in tree))
        for p in tree - {self.root}:
            if names.get(p, "").startswith("python"):
                self.peak_worker = max(self.peak_worker, rss.get(p, 0))
            elif names.get(p) == "java":
                self.peak_jvm = max(self.peak_jvm, rss.get(p, 0))


if __name__ == "__main__":
    main()
