#!/usr/bin/env bash
# Batch-throughput measurement, every configuration of benches/batch/README.md.
#
#   benches/batch/run_all.sh SHARED_DIR [RUNS] [OUT_JSONL]
#
# SHARED_DIR is the folder holding eval/peer/yente and eval/dev (not in this repository).
# Needs: a release build (cargo build --release), python3 with rapidfuzz and numpy for the
# baseline, /usr/bin/time. BASELINE_FULL=1 also runs the baseline on all 100,000 rows
# (about 7 minutes a run on 2 cores); otherwise its 100,000-row time is extrapolated.
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=${1:?usage: run_all.sh SHARED_DIR [RUNS] [OUT_JSONL]}
RUNS=${2:-3}
OUT=${3:-/tmp/batch_runs.jsonl}
TMP=${TMPDIR:-/tmp}
BIN=target/release/redflag
M="python3 benches/batch/measure.py --runs $RUNS --quiet-wait ${QUIET_WAIT:-60} --out $OUT"

for n in 1000 10000 100000; do
  python3 benches/batch/make_input.py \
    --negatives "$SHARED/eval/peer/yente/candgen_negatives_global.csv" \
    --positives "$SHARED"/eval/dev/*.csv \
    --rows "$n" --seed 20240513 --output "$TMP/vendors_$n.csv"
done

# Once, unmeasured: builds the cached index of the shipped lists (~/.cache/redflag).
$BIN screen "$TMP/vendors_1000.csv" --output "$TMP/rf_warm.csv" || true

$M engine-csv-1k 1000 -- $BIN screen "$TMP/vendors_1000.csv" --output "$TMP/rf_out.csv"
$M engine-csv-10k 10000 -- $BIN screen "$TMP/vendors_10000.csv" --output "$TMP/rf_out.csv"
$M engine-csv-100k 100000 -- $BIN screen "$TMP/vendors_100000.csv" --output "$TMP/rf_out.csv"
$M engine-jsonl-100k 100000 -- $BIN screen "$TMP/vendors_100000.csv" --output "$TMP/rf_out.jsonl"

BL="python3 benches/batch/rapidfuzz_baseline.py --lists data/eu_fsf.xml.gz data/ofac_consolidated.xml.gz data/ofac_sdn.xml.gz data/un_consolidated.xml.gz --output $TMP/bl_out.csv"
$M baseline-1k 1000 -- $BL "$TMP/vendors_100000.csv" --limit 1000
$M baseline-10k 10000 -- $BL "$TMP/vendors_100000.csv" --limit 10000
if [ "${BASELINE_FULL:-0}" = 1 ]; then
  $M baseline-100k 100000 -- $BL "$TMP/vendors_100000.csv"
fi

python3 benches/batch/summarize.py "$OUT"
