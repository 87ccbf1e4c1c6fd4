#!/usr/bin/env bash
# Where a run's time and bytes go, per Flink task: runs `molxform run` on embedded Flink with its
# REST endpoint on 127.0.0.1:PORT, polls the job's tasks (curl, every 2 s) and the spill folder
# (du), and prints per task its duration, records and bytes in and out (Flink's own counters;
# bytes between tasks are what crosses a network exchange or a blocking partition), then the
# spill folder's peak and the output's size. Extra arguments go to `molxform run`.
#
#   runners-config/bench/stage-profile.sh --input='lib/*.parquet' [--port=18081] [--out=DIR]
#       [--heap=2g] [run options...]
#
# Needs the jar (mvn -B -q -DskipTests package), curl and python3. Results go to --out (default
# out/stage-profile/): tasks.tsv, disk.tsv, run.log.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
jar=$repo/pipelines/target/molxform.jar
port=18081 out=$repo/out/stage-profile heap=2g
run_args=()
for arg in "$@"; do
  case $arg in
    --port=*) port=${arg#*=} ;;
    --out=*) out=${arg#*=} ;;
    --heap=*) heap=${arg#*=} ;;
    *) run_args+=("$arg") ;;
  esac
done
[ -f "$jar" ] || { echo "stage-profile: build the jar first: mvn -B -q -DskipTests package" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out/conf" "$out/spill"
cat >"$out/conf/config.yaml" <<CONF
io.tmp.dirs: '$out/spill'
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $port
rest.bind-port: '$port'
CONF

java -Xms"$heap" -Xmx"$heap" -jar "$jar" run --runner=FlinkRunner --flinkConfDir="$out/conf" \
  --output="$out/output" --overwrite --progressSeconds=30 "${run_args[@]}" >"$out/run.log" 2>&1 &
run_pid=$!
started=$(date +%s)
while kill -0 "$run_pid" 2>/dev/null; do
  echo "$(( $(date +%s) - started )) $(du -sb "$out/spill" | cut -f1) $(du -sb "$out/output" 2>/dev/null | cut -f1)" >>"$out/disk.tsv"
  jid=$(curl -s "127.0.0.1:$port/jobs" | grep -o '"id":"[0-9a-f]*"' | head -1 | cut -d'"' -f4 || true)
  if [ -n "$jid" ]; then
    curl -s "127.0.0.1:$port/jobs/$jid" >"$out/job.json.tmp" && mv "$out/job.json.tmp" "$out/job.json"
  fi
  sleep 2
done
status=0
wait "$run_pid" || status=$?
[ $status -eq 0 ] || { echo "stage-profile: the run failed (see $out/run.log)" >&2; tail -5 "$out/run.log" >&2; exit 1; }

python3 - "$out" <<'PY'
import json, re, sys
out = sys.argv[1]
job = json.load(open(out + "/job.json"))
def short(name):
    steps = [re.sub(r"^(CHAIN )?(\w+) \((\w+ at )?", "", s).split("(")[0].split("/ParMultiDo")[0]
             for s in name.split(" -> ")]
    return " > ".join(dict.fromkeys(s.strip() for s in steps if s.strip()))[:110]
rows = []
for v in job["vertices"]:
    m = v["metrics"]
    rows.append((v["duration"] / 1000, m["read-records"], m["read-bytes"], m["write-records"],
                 m["write-bytes"], short(v["name"])))
with open(out + "/tasks.tsv", "w") as f:
    print("seconds\trecords_in\tMB_in\trecords_out\tMB_out\ttask", file=f)
    print("| task (chained steps) | s | records in | MB in | records out | MB out |")
    print("|---|---|---|---|---|---|")
    for d, ri, bi, ro, bo, name in rows:
        print(f"{d:.0f}\t{ri}\t{bi/1e6:.1f}\t{ro}\t{bo/1e6:.1f}\t{name}", file=f)
        if ri + ro > 100:
            print(f"| {name} | {d:.0f} | {ri:,} | {bi/1e6:,.0f} | {ro:,} | {bo/1e6:,.0f} |")
disk = [l.split() for l in open(out + "/disk.tsv")]
peak = max(disk, key=lambda r: int(r[1]))
print(f"\nspill peak {int(peak[1])/1e6:,.0f} MB at {peak[0]} s; "
      f"output {int(disk[-1][2] if len(disk[-1]) > 2 else 0)/1e6:,.0f} MB "
      f"(last sample); wall {disk[-1][0]} s")
PY
