#!/usr/bin/env bash
# Stops the local S3 server started by start.sh. With --clean, also removes what it stored.
#
#   runners-config/object-store/stop.sh [--clean]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

clean=false
for arg in "$@"; do
  case $arg in
    --clean) clean=true ;;
    *) die "unknown option $arg (options: --clean)" ;;
  esac
done

if alive "$store_dir/s3proxy.pid"; then
  pid=$(cat "$store_dir/s3proxy.pid")
  kill "$pid"
  for _ in $(seq 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  kill -9 "$pid" 2>/dev/null || true
  echo "object-store: stopped S3Proxy (pid $pid)"
else
  echo "object-store: no store running from $store_dir"
fi
rm -f "$store_dir/s3proxy.pid"
if $clean; then
  rm -rf "$store_dir/data" "$store_dir/s3proxy.properties" "$store_dir/store.args"
  echo "object-store: removed the stored data"
fi
