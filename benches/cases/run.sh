#!/usr/bin/env bash
# The rescreen measurement: 100,000 stored rows, the real UN change (2024-05-15 →
# 2026-02-27) plus a synthetic 200-entity OFAC SDN change; `rescreen` against a full
# `screen` of the same rows, in the same run, several times each, whole-process wall time
# and peak memory (/usr/bin/time -v). Usage, from the repository root, after
# `cargo build --release`:
#
#     bash benches/cases/run.sh [WORK_DIR] [RUNS]
set -euo pipefail
BIN=${REDFLAG:-target/release/redflag}
[ -x "$BIN" ] || BIN=${CARGO_TARGET_DIR:-target}/release/redflag
WORK=${1:-/tmp/redflag-cases-bench}
RUNS=${2:-5}
HERE=$(dirname "$0")
mkdir -p "$WORK/old" "$WORK/new"
export REDFLAG_CACHE_DIR="$WORK/cache"

python3 "$HERE/make_inputs.py" lists --out "$WORK"
cp tests/fixtures/un_2024-05-15/un_consolidated.xml.gz "$WORK/old/un_consolidated.xml.gz"
cp data/ofac_sdn.xml.gz data/un_consolidated.xml.gz "$WORK/new/"
"$BIN" index build --list "$WORK/old/ofac_sdn.xml.gz" --list "$WORK/old/un_consolidated.xml.gz" --output "$WORK/old.idx"
"$BIN" index build --list "$WORK/new/ofac_sdn.xml.gz" --list "$WORK/new/un_consolidated.xml.gz" --output "$WORK/new.idx"
"$BIN" lists diff --json "$WORK/old.idx" "$WORK/new.idx" > "$WORK/diff.json" || true
("$BIN" lists diff "$WORK/old.idx" "$WORK/new.idx" || true) | tail -1
python3 "$HERE/make_inputs.py" population --diff "$WORK/diff.json" --rows 100000 --out "$WORK/population.csv"

# The population, screened against the old lists and recorded.
rm -f "$WORK/base.db"*
"$BIN" screen "$WORK/population.csv" --index "$WORK/old.idx" --output "$WORK/first.csv" --cases "$WORK/base.db" || true
echo "store: $(stat -c %s "$WORK/base.db") bytes for 100,000 rows"

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -v "$@" 2> "$WORK/time.txt" > /dev/null || true
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$WORK/time.txt" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$WORK/time.txt" | awk '{print $NF}')
  echo "$label $wall $rss" | tee -a "$WORK/times.txt"
}
: > "$WORK/times.txt"
for i in $(seq "$RUNS"); do
  cp "$WORK/base.db" "$WORK/run.db"
  measure rescreen "$BIN" rescreen --cases "$WORK/run.db" --index "$WORK/new.idx" --output "$WORK/delta.csv"
  measure full "$BIN" screen "$WORK/population.csv" --index "$WORK/new.idx" --output "$WORK/full.csv"
done
python3 "$HERE/compare.py" "$WORK/diff.json" "$WORK/full.csv" "$WORK/delta.csv"
python3 - "$WORK/times.txt" <<'PY'
import statistics, sys
def secs(t):
    parts = [float(p) for p in t.split(":")]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
runs = {}
for line in open(sys.argv[1]):
    label, wall, rss = line.split()
    runs.setdefault(label, []).append((secs(wall), int(rss) / 1024))
med = {k: (statistics.median(w for w, _ in v), statistics.median(m for _, m in v)) for k, v in runs.items()}
for k, (w, m) in med.items():
    print(f"{k:>9}: median wall {w:.2f} s, peak memory {m:.0f} MB over {len(runs[k])} runs")
print(f"rescreen is {med['full'][0] / med['rescreen'][0]:.1f}x faster than the full run")
PY
