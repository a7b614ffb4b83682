#!/usr/bin/env bash
# Benchmarks of `ersatz simulate` (BENCHMARKS.md, "Simulation"): speed, memory, determinism and
# validation, each a whole CLI command timed by /usr/bin/time. Usage, from the repository root:
#   tools/bench_simulate.sh [OUT_DIR] [PART...]      parts: tx tx200k mem det patients validate broken
# With no part, all run (about 15 minutes of CPU on 2 cores, 5 GB of disk at peak).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E="$ROOT/ersatz"
OUT="${1:-/tmp/ersatz-simbench}"
shift || true
PARTS="${*:-tx tx200k mem det patients validate broken}"
mkdir -p "$OUT"
"$E" --version >/dev/null   # builds the command line if needed, outside the timings

# timed LABEL CMD...: one line with wall, CPU (user + sys), peak RSS and the machine's load: the
# 1-minute load average before the command and the mean of samples taken every 2 s while it ran.
timed() {
  local label="$1"; shift
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  ( while sleep 2; do cut -d' ' -f1 /proc/loadavg; done ) > "$OUT/.load" &
  local sampler=$!
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/.time" "$@" > "$OUT/.stdout" 2> "$OUT/.stderr" || { kill "$sampler"; cat "$OUT/.stderr" >&2; return 1; }
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  local during; during="$(awk '{s += $1} END {printf "%.1f", NR ? s / NR : 0}' "$OUT/.load")"
  read -r wall user sys rss < "$OUT/.time"
  printf '%-44s wall %7.1f s  cpu %7.1f s  peak RSS %6d MiB  load %s before, %s during\n' "$label" "$wall" \
    "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$load" "$during"
  grep -v '%)$' "$OUT/.stdout" | grep -v '^report:' | tail -n 1 | sed 's/^/    /'
}

# Checksum of an output: a file, or every file of a directory (names and bytes).
digest() {
  if [ -d "$1" ]; then (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
  else sha256sum "$1" | cut -c1-16; fi
}

for part in $PARTS; do case "$part" in
tx)
  echo "== transactions, 20,000 clients x 30 days -> Parquet"
  for i in 1 2; do
    rm -f "$OUT/tx20k.parquet"
    timed "run $i" "$E" simulate transactions --clients 20000 --days 30 --out "$OUT/tx20k.parquet" --seed 7
  done ;;
tx200k)
  echo "== transactions, 200,000 clients x 30 days -> Parquet"
  rm -f "$OUT/tx200k.parquet"
  timed "200k" "$E" simulate transactions --clients 200000 --days 30 --out "$OUT/tx200k.parquet" --seed 7
  ls -l "$OUT/tx200k.parquet" | awk '{printf "    %.0f MB\n", $5 / 1e6}'
  rm -f "$OUT/tx200k.parquet" ;;
mem)
  echo "== memory: a fixed heap cap, the live heap after each full GC (GC log)"
  for spec in "20000 7 128m" "20000 30 128m" "20000 240 128m" "200000 30 512m"; do
    set -- $spec
    f="$OUT/mem_$1_$2.parquet"; log="$OUT/gc_$1_$2.log"; rm -f "$f"
    ERSATZ_JAVA_OPTS="-Xmx$3 -Xlog:gc:file=$log" timed "clients $1, days $2, -Xmx$3" \
      "$E" simulate transactions --clients "$1" --days "$2" --out "$f" --seed 7
    echo "    live heap after full GCs (MB): $(grep 'Pause Full' "$log" | grep -o -- '->[0-9]*M' | tr -d '>M-' | sort -n | awk 'NR==1{lo=$1}{hi=$1}END{print (NR ? lo"-"hi" over "NR" full GCs" : "no full GC")}')"
    rm -f "$f"
  done ;;
det)
  echo "== determinism: seed 7 on 1 and on 2 threads, same file names in two directories"
  for t in 1 2; do
    mkdir -p "$OUT/det$t"; rm -rf "$OUT/det$t/"*
    timed "transactions, $t thread(s)" "$E" simulate transactions --clients 20000 --days 30 --out "$OUT/det$t/tx.parquet" --seed 7 --threads "$t"
    timed "patients CSV, $t thread(s)" "$E" simulate patients --population 2000 --out "$OUT/det$t/csv" --seed 7 --threads "$t"
    timed "patients FHIR, $t thread(s)" "$E" simulate patients --population 2000 --format fhir --out "$OUT/det$t/fhir" --seed 7 --threads "$t"
  done
  for f in tx.parquet tx.parquet.manifest.json csv fhir; do
    echo "    $f: 1 thread $(digest "$OUT/det1/$f"), 2 threads $(digest "$OUT/det2/$f")"
  done
  rm -rf "$OUT/det1" "$OUT/det2" ;;
patients)
  echo "== patients, 10,000 living, full lives, built-in modules"
  for i in 1 2; do
    timed "CSV, run $i" "$E" simulate patients --population 10000 --out "$OUT/pat_csv" --seed 7
  done
  du -sh "$OUT/pat_csv" | sed 's/^/    /'
  timed "FHIR" "$E" simulate patients --population 10000 --format fhir --out "$OUT/pat_fhir" --seed 7
  du -sh "$OUT/pat_fhir" | sed 's/^/    /' ;;
validate)
  echo "== validate (exit 0 = every check passes)"
  [ -f "$OUT/tx20k.parquet" ] || "$E" simulate transactions --clients 20000 --days 30 --out "$OUT/tx20k.parquet" --seed 7 >/dev/null 2>&1
  [ -d "$OUT/pat_csv" ] || "$E" simulate patients --population 10000 --out "$OUT/pat_csv" --seed 7 >/dev/null 2>&1
  [ -d "$OUT/pat_fhir" ] || "$E" simulate patients --population 10000 --format fhir --out "$OUT/pat_fhir" --seed 7 >/dev/null 2>&1
  timed "transactions 20k x 30, with detectability" "$E" simulate validate "$OUT/tx20k.parquet"
  timed "patients CSV" "$E" simulate validate "$OUT/pat_csv"
  timed "patients FHIR" "$E" simulate validate "$OUT/pat_fhir" ;;
broken)
  echo "== validate must fail (exit 3) when a typology or a prevalence is broken on purpose"
  # a typology broken: fan_in's rows lose their labels (the manifest still counts them)
  "$E" simulate transactions --clients 5000 --days 14 --out "$OUT/brk.csv" --seed 5 >/dev/null 2>&1
  python3 - "$OUT/brk.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
h = rows[0]; ty, fr, ca = h.index("typology"), h.index("isFraud"), h.index("caseId")
n = 0
for r in rows[1:]:
    if r[ty] == "fan_in": r[ty], r[fr], r[ca] = "", "0", ""; n += 1
csv.writer(open(sys.argv[1], "w", newline=""), lineterminator="\n").writerows(rows)
print(f"    fan_in labels removed from {n} rows")
PY
  set +e
  "$E" simulate validate "$OUT/brk.csv" --skip-detectability > "$OUT/.v" 2>/dev/null; rc=$?
  set -e
  echo "    exit $rc; failed: $(grep '^FAIL' "$OUT/.v" | cut -c6- | tr -s ' ' | paste -sd ';')"
  # a prevalence broken: type 2 diabetes onset hazards cut to a third, its declared targets kept
  mkdir -p "$OUT/brokenmods"
  python3 - "$ROOT/ersatz-sim/src/main/resources/dev/ersatz/sim/health/modules/type2_diabetes.json" "$OUT/brokenmods/type2_diabetes.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
for st in m["states"].values():
    for branch in st.get("complex_transition", []):
        d = branch.get("distributions", [])
        if any(x["transition"] == "Onset" for x in d):
            for x in d:
                if x["transition"] == "Onset": x["distribution"] /= 3
            rest = [x for x in d if x["transition"] != "Onset"]
            rest[0]["distribution"] = 1 - sum(x["distribution"] for x in d if x is not rest[0])
json.dump(m, open(sys.argv[2], "w"), indent=2)
PY
  "$E" simulate patients --population 10000 --out "$OUT/pat_broken" --modules "$OUT/brokenmods" --seed 7 >/dev/null 2>&1
  set +e
  "$E" simulate validate "$OUT/pat_broken" > "$OUT/.v" 2>/dev/null; rc=$?
  set -e
  echo "    exit $rc; failed: $(grep '^FAIL' "$OUT/.v" | cut -c6- | tr -s ' ' | paste -sd ';')"
  rm -rf "$OUT/brk.csv"* "$OUT/pat_broken" "$OUT/brokenmods" ;;
*) echo "unknown part: $part" >&2; exit 2 ;;
esac; done
rm -f "$OUT/.time" "$OUT/.stdout" "$OUT/.stderr" "$OUT/.v" "$OUT/.load"
