# Shared by start.sh, stop.sh and taskmanager.sh; sourced, not run.
# The cluster lives in one folder (default out/flink-cluster): conf/, log/, pid/, tmp/ (the
# JobManager's), hosts/taskmanager-N/ (each TaskManager's working directory and io.tmp.dirs, as
# if on a host of its own) and cluster.env (the ports chosen at start).

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cluster_dir=${MOLXFORM_FLINK_DIR:-$repo/out/flink-cluster}

die() { echo "flink-cluster: $*" >&2; exit 1; }
source "$here/../lib/common.sh"

# The cluster's classpath, resolved by Maven from runners-config/flink-cluster/pom.xml once.
flink_classpath() { maven_classpath "$here/pom.xml" "$cluster_dir" "Flink jars"; }

# BashJavaUtils prints the JVM options and the dynamic properties Flink's own scripts would use.
resource_params() { # $1: GET_JM_RESOURCE_PARAMS | GET_TM_RESOURCE_PARAMS
  java -cp "$(flink_classpath)" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" \
    --configDir "$cluster_dir/conf" 2>"$cluster_dir/log/bash-java-utils.err" \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

rest_get() { # $1: path; prints the body or fails
  local port
  port=$(sed -n 's/^REST_PORT=//p' "$cluster_dir/cluster.env")
  curl -fsS --max-time 5 "http://127.0.0.1:$port$1"
}

java17_opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
--add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"

# Starts one Flink process in the background, sized as Flink's own scripts would, with its log
# in log/NAME.log and its PID in pid/NAME.pid.
#   $1 NAME  $2 GET_JM_RESOURCE_PARAMS | GET_TM_RESOURCE_PARAMS  $3 entry point class
#   $4 (optional) a folder of its own: its working directory and io.tmp.dirs, as on a host of
#      its own (a TaskManager then shares no folder with the client or the other TaskManagers)
start_process() {
  local name=$1 params jvm dynamic workdir=${4:-$repo}
  params=$(resource_params "$2") || die "cannot size $name (see $cluster_dir/log/bash-java-utils.err)"
  jvm=$(echo "$params" | sed -n 1p)
  dynamic=$(echo "$params" | sed -n 2p)
  if [ -n "${4:-}" ]; then
    rm -rf "$4" && mkdir -p "$4/tmp"
    dynamic="$dynamic -D io.tmp.dirs=$4/tmp"
  fi
  # shellcheck disable=SC2086
  # The module openings Flink's own scripts give Java 17 (env.java.opts.all in its default
  # configuration): without them Flink cannot even describe a fatal error.
  (cd "$workdir" && exec nohup java $jvm $java17_opens -Dlog.file="$cluster_dir/log/$name.log" \
    -Dlog4j.configurationFile="file:$cluster_dir/conf/log4j.properties" \
    -cp "$(flink_classpath)" "$3" --configDir "$cluster_dir/conf" $dynamic \
    >"$cluster_dir/log/$name.out" 2>&1) &
  echo $! >"$cluster_dir/pid/$name.pid"
}

# Starts one TaskManager (taskmanager-N, the first free N) and prints its name.
start_taskmanager() {
  local n=1
  while [ -f "$cluster_dir/pid/taskmanager-$n.pid" ]; do n=$((n + 1)); done
  start_process "taskmanager-$n" GET_TM_RESOURCE_PARAMS \
    org.apache.flink.runtime.taskexecutor.TaskManagerRunner "$cluster_dir/hosts/taskmanager-$n"
  echo "taskmanager-$n"
}

taskmanager_ids() {
  rest_get /taskmanagers 2>/dev/null | grep -o '"id":"[^"]*"' | sort
}

registered_taskmanagers() {
  taskmanager_ids | wc -l
}

# Waits until a TaskManager whose id is not among $1 (newline-separated ids) has registered.
wait_for_new_taskmanager() {
  local before=$1 deadline=$((SECONDS + ${MOLXFORM_FLINK_TIMEOUT:-120}))
  until [ -n "$(comm -13 <(echo "$before") <(taskmanager_ids))" ]; do
    [ $SECONDS -lt $deadline ] || die "the new TaskManager did not register (see $cluster_dir/log)"
    sleep 1
  done
}

# Waits until $1 TaskManagers are registered with the JobManager.
wait_for_taskmanagers() {
  local want=$1 deadline=$((SECONDS + ${MOLXFORM_FLINK_TIMEOUT:-120}))
  until [ "$(registered_taskmanagers)" -ge "$want" ]; do
    [ $SECONDS -lt $deadline ] || die "only $(registered_taskmanagers) of $want TaskManagers registered (see $cluster_dir/log)"
    sleep 1
  done
}
