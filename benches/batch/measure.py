#!/usr/bin/env python3
"""Runs the batch measurement: each command several times under `/usr/bin/time -v`, median.

    python3 benches/batch/measure.py --runs 3 --out /tmp/batch_runs.jsonl -- \
        engine-100k-csv   100000 target/release/redflag screen /tmp/vendors_100k.csv --output /tmp/out.csv ...

Simpler: `benches/batch/run_all.sh` calls this with every configuration of the README.

For every run it records wall time, user and system CPU seconds, peak RSS, and how busy the
machine was with *other* work during the run (total busy CPU from /proc/stat minus the
run's own CPU, in cores). Before each run it waits (up to --quiet-wait seconds) until the
machine is idle, so that other processes do not eat the cores being measured; a run that
still saw other load is marked. Python 3 standard library only.
"""

import argparse
import json
import re
import statistics
import subprocess
import sys
import time


def cpu_ticks():
    with open("/proc/stat") as f:
        parts = f.readline().split()[1:]
    vals = [int(v) for v in parts]
    idle = vals[3] + vals[4]  # idle + iowait
    return sum(vals[:8]), idle


def busy_cores(seconds):
    t0, i0 = cpu_ticks()
    time.sleep(seconds)
    t1, i1 = cpu_ticks()
    hz = 100.0
    return ((t1 - t0) - (i1 - i0)) / hz / seconds


def wait_quiet(max_wait, limit=0.15):
    start = time.time()
    while True:
        b = busy_cores(1.0)
        if b <= limit or time.time() - start > max_wait:
            return b


def run_once(cmd):
    t0, i0 = cpu_ticks()
    p = subprocess.run(
        ["/usr/bin/time", "-v"] + cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    t1, i1 = cpu_ticks()
    err = p.stderr

    def field(pat):
        m = re.search(pat, err)
        return m.group(1) if m else None

    wall = field(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)")
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    user = float(field(r"User time \(seconds\): ([0-9.]+)"))
    system = float(field(r"System time \(seconds\): ([0-9.]+)"))
    rss_kb = int(field(r"Maximum resident set size \(kbytes\): ([0-9]+)"))
    exit_status = int(field(r"Exit status: ([0-9]+)") or p.returncode)
    machine_busy = ((t1 - t0) - (i1 - i0)) / 100.0
    other = max(0.0, machine_busy - user - system) / max(secs, 1e-9)
    tail = [l for l in err.splitlines() if "rows" in l and not l.startswith("\t")]
    return {
        "wall_s": secs,
        "user_s": user,
        "sys_s": system,
        "peak_rss_mb": rss_kb / 1024.0,
        "exit": exit_status,
        "other_load_cores": round(other, 2),
        "note": tail[-1] if tail else "",
    }


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--quiet-wait", type=float, default=300)
    p.add_argument("--out", required=True, help="JSONL file, appended: one line per run")
    p.add_argument("label")
    p.add_argument("rows", type=int)
    p.add_argument("cmd", nargs=argparse.REMAINDER)
    args = p.parse_args(argv)
    cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd

    results = []
    for i in range(args.runs):
        before = wait_quiet(args.quiet_wait)
        r = run_once(cmd)
        r.update(
            {
                "label": args.label,
                "rows": args.rows,
                "run": i + 1,
                "busy_before_cores": round(before, 2),
                "rows_per_s": args.rows / r["wall_s"],
                "cmd": " ".join(cmd),
                "at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            }
        )
        results.append(r)
        with open(args.out, "a") as f:
            f.write(json.dumps(r) + "\n")
        print(
            f"{args.label} run {i + 1}: {r['wall_s']:.2f} s wall, "
            f"{r['user_s'] + r['sys_s']:.2f} s CPU, {r['peak_rss_mb']:.0f} MB, "
            f"{r['rows_per_s']:.0f} rows/s, other load {r['other_load_cores']} cores, "
            f"exit {r['exit']}",
            file=sys.stderr,
        )
    med = statistics.median(r["wall_s"] for r in results)
    print(
        f"{args.label}: median {med:.2f} s, {args.rows / med:.0f} rows/s, "
        f"peak RSS {max(r['peak_rss_mb'] for r in results):.0f} MB",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
