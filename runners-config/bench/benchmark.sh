#!/usr/bin/env bash
# molxform benchmark: generates (or takes) a library, runs the pipeline with a runner and a dedup
# mode, and prints input rows, products, wall time, molecules/s, products/s, molecules/s per core,
# peak resident memory of the process that did the work, and the live heap after full GCs (a
# full GC is requested every --gcEvery seconds; the GC log records the heap after each), and the
# peak disk the run takes (its spill folder plus its output, sampled every 2 s with du).
# Beside it, --sample rows spread over the same library go through the chemistry alone, in molxform
# (on one core before and after the run, and on every core at once in one JVM with the run's heap)
# and in RDKit's bare loop (parse, react, sanitize, canonical SMILES, one core), side by side.
#
#   runners-config/bench/benchmark.sh --rows=1000000 [--dedup=exact|bloom|none] [--heap=4g]
#       [--library=DIR] [--files=8] [--seed=1] [--hydroxyFraction=0.45]
#       [--transform=FG_PHENOL_OH__OH__TO__OMe] [--reagents=CSV (a two-component transform's
#       building blocks)] [--sample=20000] [--gcEvery=30] [--out=DIR]
#       [--runner=flink-local|direct] [--expectedProducts=N] [--bloomFpp=F] [--no-reference]
#       [--jar=PATH (another build, to compare)] [--jvmOptions="-XX:+UseSerialGC ..." (added to
#       the run's java command, after the heap)] [--runOptions="--staggerSeconds=0 ..." (added to
#       the run's own options, last)]
#
# Needs the jar (mvn -B -q -DskipTests package), /usr/bin/time, jcmd, pgrep, and for the reference
# Debian's python3-rdkit. Results go to --out (default out/bench/ROWS-DEDUP/).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
jar=$repo/pipelines/target/molxform.jar
rows=1000000 dedup=exact heap=4g library= files=8 seed=1 hydroxy=0.45
transform=FG_PHENOL_OH__OH__TO__OMe sample=20000 gc_every=30 out= runner=flink-local reference=1
expected= fpp=0.001 jvm_options= run_options= reagents=
for arg in "$@"; do
  case $arg in
    --rows=*) rows=${arg#*=} ;;
    --dedup=*) dedup=${arg#*=} ;;
    --heap=*) heap=${arg#*=} ;;
    --library=*) library=${arg#*=} ;;
    --files=*) files=${arg#*=} ;;
    --seed=*) seed=${arg#*=} ;;
    --hydroxyFraction=*) hydroxy=${arg#*=} ;;
    --transform=*) transform=${arg#*=} ;;
    --reagents=*) reagents=$(realpath "${arg#*=}") ;;
    --sample=*) sample=${arg#*=} ;;
    --gcEvery=*) gc_every=${arg#*=} ;;
    --out=*) out=${arg#*=} ;;
    --runner=*) runner=${arg#*=} ;;
    --expectedProducts=*) expected=${arg#*=} ;;
    --bloomFpp=*) fpp=${arg#*=} ;;
    --no-reference) reference=0 ;;
    --jar=*) jar=${arg#*=} ;;
    --jvmOptions=*) jvm_options=${arg#*=} ;;
    --runOptions=*) run_options=${arg#*=} ;;
    *) echo "benchmark: unknown option $arg" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || { echo "benchmark: build the jar first: mvn -B -q -DskipTests package" >&2; exit 2; }
out=${out:-$repo/out/bench/$rows-$dedup}
mkdir -p "$out"
cores=$(nproc)

if [ -z "$library" ]; then
  library=$repo/out/bench/library-$rows-seed$seed-oh$hydroxy
  if [ ! -f "$library/.complete" ]; then
    java -jar "$jar" generate --rows="$rows" --files="$files" --seed="$seed" \
      --hydroxyFraction="$hydroxy" --output="$library" --overwrite
    touch "$library/.complete"
  fi
fi

# The chemistry's reference sample: --sample rows spread over the same library.
sample_dir=$repo/out/bench/sample-$sample-of-$rows-seed$seed-oh$hydroxy
reagent_args=()
[ -n "$reagents" ] && reagent_args=(--reagents="$reagents")
one_core_chemistry() {
  java -jar "$jar" bench-chemistry --file="$sample_dir/part-00000.tsv" \
    --transform="$transform" "${reagent_args[@]}" --rounds=4 | tail -1
}
if [ "$reference" = 1 ]; then
  if [ ! -f "$sample_dir/part-00000.tsv" ]; then
    # Same seed, same rows as the library; every k-th row, so the sample spans the whole library
    # (the first rows alone run faster than the library does).
    java -jar "$jar" generate --rows="$rows" --seed="$seed" --hydroxyFraction="$hydroxy" \
      --format=tsv --output="$sample_dir/all" --overwrite >/dev/null
    mkdir -p "$sample_dir"
    awk -v k=$(( (rows + sample - 1) / sample )) 'NR == 1 || (NR - 2) % k == 0' \
      "$sample_dir/all/part-00000.tsv" >"$sample_dir/part-00000.tsv"
    rm -rf "$sample_dir/all"
  fi
  smirks=$(java -jar "$jar" transforms | awk -v t="$transform" '$0 == t { f = 1 } f && /smirks:/ { print $2; exit }')
  chemistry_before=$(one_core_chemistry)
fi

echo "benchmark: $rows rows, dedup=$dedup, runner=$runner, heap=$heap, $cores cores -> $out"
runner_args=(--runner=FlinkRunner)
[ "$runner" = direct ] && runner_args=(--runner=DirectRunner)
# Embedded Flink spills to java.io.tmpdir unless --spillDirectory says otherwise; setting the
# property measures any build, old or new, the same way.
rm -rf "$out/spill"
mkdir -p "$out/spill"
started=$(date +%s.%N)
/usr/bin/time -v -o "$out/time.txt" \
  java -Xms"$heap" -Xmx"$heap" $jvm_options -Djava.io.tmpdir="$out/spill" -Xlog:gc:file="$out/gc.log" \
    -jar "$jar" run "${runner_args[@]}" \
    --input="$library/*.parquet" --output="$out/output" --overwrite --dedup="$dedup" \
    --expectedProducts="${expected:-$((rows * 10))}" --bloomFpp="$fpp" \
    --transform="$transform" "${reagent_args[@]}" --progressSeconds=5 $run_options \
    >"$out/run.log" 2>&1 &
run_pid=$!
# Peak disk: the spill folder (--spillDirectory) and the output, every 2 s.
(
  while kill -0 "$run_pid" 2>/dev/null; do
    echo "$(date +%s) $(du -sb "$out/spill" 2>/dev/null | cut -f1) $(du -sb "$out/output" 2>/dev/null | cut -f1)"
    sleep 2
  done
) >"$out/disk.tsv" &
disk_loop=$!
# CPU by thread, every 2 s: each thread's user+sys ticks from /proc, so the summary can say how
# much of the run's CPU went to the chemistry's tasks, the merge, the JIT compilers, the collector
# and the rest (a thread's last 2 s before it ends are not counted), and when each phase ran. Each
# snapshot starts with a line "@ SECONDS" (since the run started). One cat and one awk read every
# thread's stat: a process per thread (a Flink run has over 100) made the run it measured about a
# sixth slower (docs/benchmarks.md, "Current figures").
(
  while kill -0 "$run_pid" 2>/dev/null; do
    java_pid=$(pgrep -P "$run_pid" java || true)
    echo "@ $(awk -v s="$started" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - s }')"
    # A stat line: tid (name) state ... utime stime ...; the name may hold spaces and brackets.
    [ -n "$java_pid" ] && { cat /proc/"$java_pid"/task/*/stat 2>/dev/null || true; } | awk '{
      end = 0
      while ((i = index(substr($0, end + 1), ")")) > 0) end += i
      start = index($0, "(")
      split(substr($0, end + 2), field, " ")
      print $1, field[12] + field[13], substr($0, start + 1, end - start - 1) }'
    sleep 2
  done
) >"$out/threads.txt" &
thread_loop=$!
# Ask the JVM for a full GC every so often: the GC log then holds the live heap over the run.
(
  sleep 5
  while kill -0 "$run_pid" 2>/dev/null; do
    java_pid=$(pgrep -P "$run_pid" java || true)
    [ -n "$java_pid" ] && jcmd "$java_pid" GC.run >/dev/null 2>&1 || true
    sleep "$gc_every"
  done
) &
gc_loop=$!
status=0
wait "$run_pid" || status=$?
kill "$gc_loop" "$disk_loop" "$thread_loop" 2>/dev/null || true
[ $status -eq 0 ] || { echo "benchmark: the run failed (see $out/run.log)" >&2; tail -5 "$out/run.log" >&2; exit 1; }

wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time.txt" \
  | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$out/time.txt")
live_mb=$(grep -o 'Pause Full ([^)]*)[^>]*->[0-9]*M' "$out/gc.log" | sed 's/.*->//; s/M//' \
  | sort -n | tail -1 || true)
manifest=$out/output/_MANIFEST.json
# The manifest's fields: transforms/src/main/java/io/molxform/beam/write/Manifest.java.
manifest_sum() {
  python3 -c 'import json, sys
counts = json.load(open(sys.argv[1]))["counts"]
print(counts[sys.argv[2]] if sys.argv[2] in counts
      else sum(t[sys.argv[2]] for t in counts["transforms"].values()))' "$manifest" "$1"
}
read_rows=$(manifest_sum rows_read)
written=$(manifest_sum products_written)
output_bytes=$(du -sb "$out/output" | cut -f1)
peak_disk=$(awk '{ d = $2 + $3; if (d > m) m = d } END { printf "%.0f", m }' "$out/disk.tsv")
peak_spill=$(awk '{ if ($2 > m) m = $2 } END { printf "%.0f", m }' "$out/disk.tsv")
candidates=$(manifest_sum candidates)
# Phases: when the chemistry tasks and the merges (threads named as below) first and last gained
# CPU, to the 2-s snapshot; the start is everything before the first chemistry.
chemistry_from= chemistry_to= merge_from= merge_to=
read -r chemistry_from chemistry_to merge_from merge_to < <(awk '$1 == "@" { t = $2; next }
  { name = $3; for (i = 4; i <= NF; i++) name = name " " $i
    phase = name ~ /^CHAIN DataSourc/ ? "chemistry" : name ~ /^CHAIN GroupRedu/ ? "merge" : ""
    if (phase != "" && $2 > (($1 in seen) ? seen[$1] : 0)) {
      if (!(phase in first)) first[phase] = t
      last[phase] = t }
    seen[$1] = $2 }
  END { printf "%s %s %s %s\n", first["chemistry"], last["chemistry"], first["merge"], last["merge"] }' \
  "$out/threads.txt") || true

{
  echo "input rows            $read_rows"
  echo "candidates            $candidates"
  echo "products written      $written"
  echo "wall time (s)         $wall"
  awk -v r="$read_rows" -v p="$written" -v w="$wall" -v c="$cores" 'BEGIN {
    printf "molecules/s           %.0f\nproducts/s            %.0f\nmolecules/s per core  %.0f\nproducts/s per core   %.0f\n", r / w, p / w, r / w / c, p / w / c }'
  awk -v r="$read_rows" -v c="$cpu" 'BEGIN {
    printf "CPU (user+sys, s)     %s\nCPU per molecule (us) %.0f\n", c, c * 1e6 / r }'
  echo "peak RSS (MB)         $((rss_kb / 1024))"
  echo "live heap after full GC, max (MB)  ${live_mb:-n/a}"
  echo "output (MB)           $((output_bytes / 1000000))"
  echo "peak spill (MB)       $((peak_spill / 1000000))"
  awk -v d="$peak_disk" -v o="$output_bytes" 'BEGIN {
    printf "peak disk (MB)        %d (%.1f times the output)\n", d / 1e6, d / o }' 
  # Flink names a task's thread after its chain, cut to 15 characters by the kernel: "CHAIN
  # DataSourc" reads and transforms, "CHAIN GroupRedu" merges a dedup's buckets and writes.
  awk -v hz="$(getconf CLK_TCK)" '$1 != "@" { last[$1] = $2; name = $3
      for (i = 4; i <= NF; i++) name = name " " $i
      sub(/#?[0-9]+$/, "", name); group[$1] = name }
    END { for (t in last) cpu[group[t]] += last[t] / hz
      for (g in cpu) printf "%.1f\t%s\n", cpu[g], g }' "$out/threads.txt" \
    | sort -rn | head -6 | awk -F'\t' '{ s = s sprintf(" %s %s;", $2, $1) }
      END { print "CPU by thread (s)    " s }'
  # The run's own timeline (RunTimeline, the last line of its log): when each phase began and
  # ended, in seconds since the JVM started.
  run_log=$(sed -n 's/.*log (the run.s plan and decisions.*): //p' "$out/run.log" | tail -1)
  timeline=$( { grep -o 'timeline (s since the JVM started):.*' "$run_log" 2>/dev/null || true; } | tail -1)
  [ -n "$timeline" ] && echo "${timeline/timeline (s since the JVM started):/timeline (s)          }"
  if [ -n "$chemistry_from" ]; then
    line="phases (s)            chemistry $chemistry_from to $chemistry_to,"
    [ -n "$merge_from" ] && line="$line merge and write $merge_from to $merge_to,"
    echo "$line the run started at 0"
  fi
  # The chemistry's rate from the run's progress lines (every 5 s): the steady rate (the median
  # 5-s window of the middle half of the lines) and the ramp up to it while the JIT compiles
  # (the seconds until a window first reaches 90 % of the steady rate, and its shortfall from
  # that rate in seconds of steady chemistry). The window before the first line holds the start.
  grep -o 'transforming: [0-9,]* of [0-9,]* rows ([0-9]*%), [0-9,]* products made, .*' \
      "$out/run.log" | tr -d ',' | awk -v c="$cores" '
    { split($NF, hms, ":"); s = hms[1] * 3600 + hms[2] * 60 + hms[3]
      # Two lines in one second (a late tick) make no window.
      if (n > 0 && s <= t[n]) next
      n++; t[n] = s; rows[n] = $2; products[n] = $7 }
    function median(a, k,   i, j, x) {
      for (i = 2; i <= k; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]
        a[j + 1] = x }
      return a[int((k + 1) / 2)] }
    END {
      if (n < 8) exit
      for (i = 2; i <= n; i++) { mol[i] = (rows[i] - rows[i - 1]) / (t[i] - t[i - 1])
        prod[i] = (products[i] - products[i - 1]) / (t[i] - t[i - 1]) }
      k = 0
      for (i = int(n / 4) + 1; i <= int(3 * n / 4); i++) { k++; m[k] = mol[i]; q[k] = prod[i] }
      steady_mol = median(m, k); steady_prod = median(q, k)
      ramp = t[1]; lost = 0
      for (i = 2; i <= n && prod[i] < 0.9 * steady_prod; i++) {
        ramp = t[i]; lost += (1 - prod[i] / steady_prod) * (t[i] - t[i - 1]) }
      printf "steady rate           %.0f molecules/s, %.0f products/s (per core %.0f, %.0f)\n",
        steady_mol, steady_prod, steady_mol / c, steady_prod / c
      printf "ramp                  below 90 %% of the steady rate until %d s of the progress clock" \
        " (first line at %d s), %.1f s of steady chemistry lost\n", ramp, t[1], lost }'
} | tee "$out/summary.txt"

if [ "$reference" = 1 ]; then
  # The chemistry alone, on one core and on every core at once in one JVM with the run's heap
  # and JVM options (as the run keeps them busy), once after the run and on one core also once
  # before it: this machine's speed drifts, and the two one-core figures show by how much.
  per_core=$(awk -v r="$read_rows" -v w="$wall" -v c="$cores" 'BEGIN { print r / w / c }')
  chemistry=$(one_core_chemistry)
  echo "$chemistry" | tee -a "$out/summary.txt"
  chemistry_all=$(java -Xms"$heap" -Xmx"$heap" $jvm_options -jar "$jar" bench-chemistry \
    --file="$sample_dir/part-00000.tsv" --transform="$transform" "${reagent_args[@]}" \
    --rounds=4 --threads="$cores" \
    2>/dev/null | tail -1 || echo "bench-chemistry --threads: not in this build")
  echo "$chemistry_all" | tee -a "$out/summary.txt"
  before_rate=$(echo "$chemistry_before" | grep -o 'mol_per_s=[0-9]*' | cut -d= -f2)
  after_rate=$(echo "$chemistry" | grep -o 'mol_per_s=[0-9]*' | cut -d= -f2)
  awk -v b="$before_rate" -v a="$after_rate" -v p="$per_core" 'BEGIN {
    m = (a + b) / 2
    printf "chemistry on one core: %d before the run, %d after (after/before %.2f)%s\n", b, a, a / b,
      (a / b < 0.9 || a / b > 1.1) ? "; the machine changed speed, read the ratios with care" : ""
    printf "run per core / chemistry on one core (mean of both)  %.0f%%\n", 100 * p / m }' \
    | tee -a "$out/summary.txt"
  { echo "$chemistry_all" | grep -o 'mol_per_s_per_thread=[0-9]*' || true; } | cut -d= -f2 \
    | awk -v p="$per_core" -v c="$cores" '{ printf "run per core / chemistry per core, %d cores busy  %.0f%%\n", c, 100 * p / $1 }' \
    | tee -a "$out/summary.txt"
  # The chemistry phase alone: the run without its start and its end.
  awk -v b="$before_rate" -v a="$after_rate" -v r="$read_rows" -v c="$cores" \
      -v f="${chemistry_from:-0}" -v t="${chemistry_to:-0}" 'BEGIN { if (t > f) {
    printf "chemistry phase per core / chemistry on one core (mean of both)  %.0f%%\n",
      100 * r / (t - f) / c / ((a + b) / 2) } }' | tee -a "$out/summary.txt"
  # CPU time is steadier than wall time on a shared machine: the chemistry's CPU per molecule
  # on one core against the whole run's (every thread, GC and JIT included).
  awk -v b="$before_rate" -v a="$after_rate" -v c="$cpu" -v r="$read_rows" 'BEGIN {
    printf "chemistry CPU / run CPU per molecule  %.0f%%\n", 100 * (2e6 / (a + b)) / (c * 1e6 / r) }' \
    | tee -a "$out/summary.txt"
  if /usr/bin/python3 -c 'import rdkit' 2>/dev/null; then
    rdkit=$(/usr/bin/python3 "$repo/runners-config/bench/rdkit_bare_loop.py" \
      "$sample_dir/part-00000.tsv" "$smirks" ${reagents:+"$reagents"})
    echo "$rdkit" | tee -a "$out/summary.txt"
    # Products, not molecules, measure a two-component run: a molecule makes one product per
    # reagent and site.
    rdkit_products=$(echo "$rdkit" | grep -o 'products_per_s=[0-9]*' | cut -d= -f2)
    awk -v p="$written" -v k="$candidates" -v w="$wall" -v c="$cores" -v q="$rdkit_products" 'BEGIN {
      printf "run products/s per core / RDKit products/s on one core  %.1f (candidates: %.1f)\n",
        p / w / c / q, k / w / c / q }' | tee -a "$out/summary.txt"
  else
    echo "rdkit reference skipped: apt-get install python3-rdkit" | tee -a "$out/summary.txt"
  fi
fi
