"""Whole-process throughput of the Python package against the command line, and of
Spark local mode against one Python process. See benches/README.md for the figures.

    cargo build --release
    pip install ./bindings/python                   # a release build of the extension
    python benches/python/measure.py --rows 100000  # Python index.screen vs redflag screen
    python benches/python/measure.py --spark        # also Spark local[2] on 1,000,000 rows

Every figure times a whole process (start, opening the index, reading the input,
screening, writing the output) and its peak resident memory, from /usr/bin/time; each
run is repeated and the best kept.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import names as population  # noqa: E402

# One Python process: read the CSV, screen it, write the results, as the CLI does.
PYTHON_SCREEN = """
import sys, pyarrow.csv as pc, redflag
rows = pc.read_csv(sys.argv[1])
index = redflag.Index.default()
countries = rows.column("country") if "country" in rows.column_names else None
table = index.screen(rows.column("name"), countries=countries)
pc.write_csv(table, sys.argv[2])
"""


def timed(cmd: list, quiet: bool = True, ok: tuple = (0, 1)) -> tuple:
    """Wall seconds and peak RSS (MiB) of ``cmd``, from /usr/bin/time."""
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", *cmd],
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.PIPE,
        text=True,
    )
    last = out.stderr.strip().splitlines()[-1]
    if out.returncode not in ok:  # the CLI exits 1 when a row is flagged
        raise SystemExit(f"{cmd[0]} failed: {out.stderr}")
    wall, kib = last.split()
    return float(wall), int(kib) / 1024


def best_of(runs: int, cmd: list) -> tuple:
    results = [timed(cmd) for _ in range(runs)]
    return min(results)


def write_input(path: str, rows: int, with_country: bool) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["name", "country"] if with_country else ["name"])
        for i in range(rows):
            name = population.name(i)
            w.writerow([name, "KP" if i % 3 == 0 else ""] if with_country else [name])


def main() -> None:
    p = argparse.ArgumentParser(description="Python vs CLI vs Spark throughput")
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--cli", default=os.path.join(ROOT, "target", "release", "redflag"))
    p.add_argument("--spark", action="store_true", help="also Spark local[2] on --spark-rows")
    p.add_argument("--spark-rows", type=int, default=1_000_000)
    args = p.parse_args()

    import redflag

    redflag.Index.default()  # the cache both sides open, built once before timing
    folder = tempfile.mkdtemp(prefix="redflag-bench-")
    data = os.path.join(folder, "names.csv")
    write_input(data, args.rows, with_country=False)

    cli = best_of(args.runs, [args.cli, "screen", data, "--output", os.path.join(folder, "cli.csv")])
    py = best_of(args.runs, [sys.executable, "-c", PYTHON_SCREEN, data, os.path.join(folder, "py.csv")])
    print(f"{args.rows:,} names, best of {args.runs}, whole process")
    print(f"  CLI    redflag screen : {cli[0]:6.2f} s  {args.rows / cli[0]:9,.0f} rows/s  peak {cli[1]:6.0f} MiB")
    print(f"  Python index.screen   : {py[0]:6.2f} s  {args.rows / py[0]:9,.0f} rows/s  peak {py[1]:6.0f} MiB")
    print(f"  Python / CLI rows/s   : {cli[0] / py[0]:.2f}")

    if args.spark:
        big = os.path.join(folder, "big.csv")
        write_input(big, args.spark_rows, with_country=True)
        single = best_of(1, [sys.executable, "-c", PYTHON_SCREEN, big, os.path.join(folder, "big.out.csv")])
        print(f"{args.spark_rows:,} names with a country column")
        print(
            f"  one Python process    : {single[0]:6.2f} s  {args.spark_rows / single[0]:9,.0f} rows/s  "
            f"peak {single[1]:6.0f} MiB"
        )
        example = os.path.join(ROOT, "examples", "spark_screen.py")
        spark = timed([sys.executable, example, "--input", big], quiet=False, ok=(0,))
        print(
            f"  Spark local[2], whole : {spark[0]:6.2f} s  {args.spark_rows / spark[0]:9,.0f} rows/s  "
            f"peak {spark[1]:6.0f} MiB (the driver; the example prints the tree's)"
        )
        print(f"  Spark / one process   : {single[0] / spark[0]:.2f}")


if __name__ == "__main__":
    main()
