#!/usr/bin/env bash
# Stops the cluster that start.sh started: exactly the processes in its PID files, TaskManagers
# first, waiting for each to end (SIGTERM, then SIGKILL after 20 s).
#
#   runners-config/flink-cluster/stop.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"

stop_process() {
  local pid_file=$1 pid
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pid_file"
}

[ -d "$cluster_dir/pid" ] || { echo "flink-cluster: nothing to stop in $cluster_dir"; exit 0; }
stopped=0
for pid_file in "$cluster_dir"/pid/taskmanager-*.pid "$cluster_dir/pid/jobmanager.pid"; do
  [ -f "$pid_file" ] || continue
  stop_process "$pid_file"
  stopped=$((stopped + 1))
done
echo "flink-cluster: stopped $stopped process(es) of $cluster_dir"
