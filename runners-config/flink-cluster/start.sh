#!/usr/bin/env bash
# Starts a standalone Flink session cluster on 127.0.0.1: one JobManager and N TaskManagers,
# each its own JVM, from Flink jars resolved by Maven. Waits until every TaskManager has
# registered, then prints the address to pass as --flinkMaster.
#
#   runners-config/flink-cluster/start.sh [--taskmanagers=N] [--port=REST_PORT]
#
# The web UI and REST API listen on --port (default 8081, or the next free port when it is
# busy). Everything the cluster writes goes to $MOLXFORM_FLINK_DIR (default out/flink-cluster):
# conf/, log/, pid/, tmp/, hosts/ and cluster.env with the chosen ports. Each TaskManager works
# in a folder of its own (hosts/taskmanager-N: working directory and io.tmp.dirs), shared with
# nobody, as on a host of its own: a job that must not depend on the client's disk reads and
# writes an object store (runners-config/object-store). Stop it with stop.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

taskmanagers=1
rest_port=8081
for arg in "$@"; do
  case $arg in
    --taskmanagers=*) taskmanagers=${arg#*=} ;;
    --port=*) rest_port=${arg#*=} ;;
    *) die "unknown option $arg (options: --taskmanagers=N --port=REST_PORT)" ;;
  esac
done

if alive "$cluster_dir/pid/jobmanager.pid"; then
  die "a cluster is already running from $cluster_dir (pid $(cat "$cluster_dir/pid/jobmanager.pid")); stop it with stop.sh"
fi
rm -rf "$cluster_dir/conf" "$cluster_dir/pid" "$cluster_dir/tmp" "$cluster_dir/hosts"
mkdir -p "$cluster_dir/conf" "$cluster_dir/log" "$cluster_dir/pid" "$cluster_dir/tmp"

chosen_rest=$(free_port "$rest_port")
[ "$chosen_rest" = "$rest_port" ] || echo "flink-cluster: port $rest_port is busy; the web UI uses $chosen_rest"
jm_rpc=$(free_port 6123)
blob=$(free_port $((jm_rpc + 1)))
tm_rpc=$(free_port 50100)
cat >"$cluster_dir/cluster.env" <<ENV
REST_PORT=$chosen_rest
JM_RPC_PORT=$jm_rpc
BLOB_PORT=$blob
ENV
sed -e "s|@REST_PORT@|$chosen_rest|" -e "s|@JM_RPC_PORT@|$jm_rpc|" -e "s|@BLOB_PORT@|$blob|" \
    -e "s|@TM_RPC_PORTS@|$tm_rpc-$((tm_rpc + 99))|" -e "s|@TMP_DIR@|$cluster_dir/tmp|" \
    "$here/conf/config.yaml" >"$cluster_dir/conf/config.yaml"
cp "$here/conf/log4j.properties" "$cluster_dir/conf/"

echo "flink-cluster: resolving Flink jars"
flink_classpath >/dev/null
start_process jobmanager GET_JM_RESOURCE_PARAMS \
  org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint

deadline=$((SECONDS + ${MOLXFORM_FLINK_TIMEOUT:-120}))
until rest_get /overview >/dev/null 2>&1; do
  alive "$cluster_dir/pid/jobmanager.pid" || die "the JobManager exited (see $cluster_dir/log/jobmanager.log and .out)"
  [ $SECONDS -lt $deadline ] || die "the JobManager did not answer on port $chosen_rest (see $cluster_dir/log)"
  sleep 1
done

for _ in $(seq "$taskmanagers"); do
  start_taskmanager >/dev/null
done
wait_for_taskmanagers "$taskmanagers"

echo "flink-cluster: running with $taskmanagers TaskManager(s) from $cluster_dir"
echo "flink-cluster: web UI http://127.0.0.1:$chosen_rest"
echo "flink-cluster: submit with --runner=FlinkRunner --flinkMaster=127.0.0.1:$chosen_rest --parallelism=$((taskmanagers * 2))"
