#!/usr/bin/env bash
# Adds a TaskManager to the running cluster, or kills one with SIGKILL (to test failover).
#
#   runners-config/flink-cluster/taskmanager.sh add
#   runners-config/flink-cluster/taskmanager.sh kill [N]     (default: the newest)
#   runners-config/flink-cluster/taskmanager.sh list
set -euo pipefail
source "$(dirname "$0")/lib.sh"

alive "$cluster_dir/pid/jobmanager.pid" || die "no cluster is running from $cluster_dir"
case ${1:-} in
  add)
    before=$(taskmanager_ids)
    name=$(start_taskmanager)
    wait_for_new_taskmanager "$before"
    echo "flink-cluster: $name registered"
    ;;
  kill)
    if [ -n "${2:-}" ]; then
      pid_file="$cluster_dir/pid/taskmanager-$2.pid"
    else
      pid_file=$(ls "$cluster_dir"/pid/taskmanager-*.pid 2>/dev/null | sort -V | tail -n 1)
    fi
    [ -n "$pid_file" ] && [ -f "$pid_file" ] || die "no such TaskManager"
    kill -9 "$(cat "$pid_file")" 2>/dev/null || true
    rm -f "$pid_file"
    echo "flink-cluster: killed $(basename "$pid_file" .pid) with SIGKILL"
    ;;
  list)
    for pid_file in "$cluster_dir"/pid/*.pid; do
      [ -f "$pid_file" ] || continue
      state=stopped
      alive "$pid_file" && state=running
      echo "$(basename "$pid_file" .pid) pid $(cat "$pid_file") $state"
    done
    ;;
  *) die "usage: taskmanager.sh add | kill [N] | list" ;;
esac
