# Shared by start.sh and stop.sh; sourced, not run.
# The store lives in one folder (default out/object-store): data/ (the buckets, one folder
# each), log/, s3proxy.pid, s3proxy.properties and store.args (both readable by their owner
# only: they hold the store's credential).

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
store_dir=${MOLXFORM_STORE_DIR:-$repo/out/object-store}

die() { echo "object-store: $*" >&2; exit 1; }
source "$here/../lib/common.sh"

# The server's classpath, resolved by Maven from runners-config/object-store/pom.xml once.
store_classpath() { maven_classpath "$here/pom.xml" "$store_dir" "S3Proxy"; }
