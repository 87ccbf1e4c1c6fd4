#!/usr/bin/env bash
# What a run costs that does not grow with the library, and what each further molecule costs:
# two runs of benchmark.sh (a small and a large generated library, embedded Flink, exact dedup),
# then the line through their wall times. The slope, as molecules per second per core, is set
# beside the chemistry alone on one core (bench-chemistry, measured by the large run's benchmark
# before and after it, in the same script run); the intercept is the run's fixed cost (start,
# plan, Flink, finish) on this machine. Each run's timeline (its phases) is printed too.
#
#   runners-config/bench/scaling.sh [--small=500000] [--large=1500000] [--heap=2g] [--jar=PATH]
#       [--jvmOptions="..."] [--runOptions="..." (options of both runs)] [--out=DIR]
#
# Libraries are generated once into out/bench/library-N-seed1-oh0.45 (as benchmark.sh does).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
small=500000 large=1500000 heap=2g jar=$repo/pipelines/target/molxform.jar jvm_options=
run_options=
out=$repo/out/bench/scaling
for arg in "$@"; do
  case "$arg" in
    --small=*) small=${arg#*=} ;;
    --large=*) large=${arg#*=} ;;
    --heap=*) heap=${arg#*=} ;;
    --jar=*) jar=${arg#*=} ;;
    --jvmOptions=*) jvm_options=${arg#*=} ;;
    --runOptions=*) run_options=${arg#*=} ;;
    --out=*) out=${arg#*=} ;;
    *) echo "scaling.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done
cores=$(nproc)
bench=$repo/runners-config/bench/benchmark.sh
run() { # rows, reference flag
  local rows=$1 extra=$2
  # Without --library, benchmark.sh generates out/bench/library-N-seed1-oh0.45 or reuses it.
  bash "$bench" --rows="$rows" --heap="$heap" --jar="$jar" --jvmOptions="$jvm_options" \
    --runOptions="$run_options" --out="$out/$rows" $extra >/dev/null
}
run "$small" --no-reference
run "$large" ""
field() { sed -n "s/^$2 *//p" "$out/$1/summary.txt" | head -1 | awk '{ print $1 }'; }
# "chemistry on one core: B before the run, A after" (benchmark.sh)
rates=$(sed -n 's/^chemistry on one core: \([0-9]*\) before the run, \([0-9]*\) after.*/\1 \2/p' \
  "$out/$large/summary.txt")
for rows in "$small" "$large"; do
  echo "$rows rows: wall $(field "$rows" 'wall time (s)') s, $(field "$rows" 'products written') products, peak disk $(sed -n 's/^peak disk (MB) *//p' "$out/$rows/summary.txt")"
  sed -n 's/^timeline (s) */  timeline (s) /p' "$out/$rows/summary.txt"
  # The fixed costs of this run, from its own timeline: steadier than the intercept of a line
  # through two runs, which a machine whose speed drifts by a fifth between runs throws about.
  sed -n 's/^timeline (s) *//p' "$out/$rows/summary.txt" | awk -v wall="$(field "$rows" 'wall time (s)')" '{
    n = split($0, parts, "; *")
    for (i = 1; i <= n; i++) { split(parts[i], f, " "); if (f[1] == "") continue
      split(f[2], span, "-"); first[f[1]] = span[1]; last[f[1]] = (2 in span) ? span[2] : span[1] }
    if ("read" in first && "write" in last)
      printf "  fixed costs: %.1f s to the first row read, %.1f s from the last shard written to the exit\n",
        first["read"], wall - last["write"] }'
done
awk -v s="$small" -v l="$large" -v ws="$(field "$small" 'wall time (s)')" \
    -v wl="$(field "$large" 'wall time (s)')" -v c="$cores" -v rates="$rates" 'BEGIN {
  slope = (wl - ws) / (l - s); intercept = ws - slope * s
  n = split(rates, r, " "); chem = (r[1] + r[n]) / 2
  printf "marginal rate per core     %.0f molecules/s (from %d to %d rows)\n", 1 / slope / c, s, l
  printf "intercept                  %.1f s (the cost that does not grow with the rows)\n", intercept
  printf "bench-chemistry, one core  %.0f molecules/s (mean of before and after the large run)\n", chem
  printf "marginal per core / bench-chemistry  %.2f\n", 1 / slope / c / chem }' \
  | tee "$out/scaling.txt"
