# Shared by start.sh and stop.sh; sourced, not run.
# The store lives in one folder (default out/object-store): data/ (the buckets, one folder
# each), log/, s3proxy.pid, s3proxy.properties and store.args (both readable by their owner
# only: they hold the store's credential).

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
store_dir=${MOLXFORM_STORE_DIR:-$repo/out/object-store}

die() { echo "object-store: $*" >&2; exit 1; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# The server's classpath, resolved by Maven from runners-config/object-store/pom.xml once.
store_classpath() {
  local cp_file="$store_dir/classpath.txt"
  if [ ! -s "$cp_file" ] || [ "$here/pom.xml" -nt "$cp_file" ]; then
    mkdir -p "$store_dir"
    mvn -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file" \
      >"$store_dir/maven.log" 2>&1 || die "cannot resolve S3Proxy (see $store_dir/maven.log)"
  fi
  cat "$cp_file"
}
