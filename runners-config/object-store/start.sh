#!/usr/bin/env bash
# Starts a local S3-compatible server (S3Proxy with its filesystem backend) on 127.0.0.1, for
# tests and for trying the object-store path of a cluster on one machine. Creates a bucket
# through the S3 API, then prints two lines:
#
#   bucket: NAME
#   args: FILE      the options that reach this store; every molxform command takes @FILE
#
#   runners-config/object-store/start.sh [--port=PORT] [--bucket=NAME] [--restart]
#
# --restart starts a store that stop.sh stopped (without --clean) again as it was: the same
# port, credential and data, so that runs going on meanwhile find it where they left it.
#
# The port defaults to 9000 (or the next free one). The credential is made up at each start and
# kept in FILE and s3proxy.properties, readable by their owner only; molxform never prints it.
# Everything the store holds stays in $MOLXFORM_STORE_DIR (default out/object-store) until
# stop.sh --clean.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

port=9000
bucket=molxform
restart=false
for arg in "$@"; do
  case $arg in
    --port=*) port=${arg#*=} ;;
    --bucket=*) bucket=${arg#*=} ;;
    --restart) restart=true ;;
    *) die "unknown option $arg (options: --port=PORT --bucket=NAME --restart)" ;;
  esac
done
[[ $bucket =~ ^[a-z0-9][a-z0-9.-]{2,62}$ ]] || die "bad bucket name '$bucket' (3 to 63 of a-z 0-9 . -)"

if alive "$store_dir/s3proxy.pid"; then
  die "a store is already running from $store_dir (pid $(cat "$store_dir/s3proxy.pid")); stop it with stop.sh"
fi
mkdir -p "$store_dir/data" "$store_dir/log"

identity=molxform
region=us-east-1
if $restart; then
  [ -f "$store_dir/s3proxy.properties" ] \
    || die "--restart: no stopped store in $store_dir (start one without --restart)"
  endpoint=$(sed -n 's/^s3proxy.endpoint=//p' "$store_dir/s3proxy.properties")
  credential=$(sed -n 's/^s3proxy.credential=//p' "$store_dir/s3proxy.properties")
  port=${endpoint##*:}
else
  start_port=$port
  port=$(free_port "$start_port")
  [ "$port" = "$start_port" ] || echo "object-store: port $start_port is busy; using $port"
  credential=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  endpoint="http://127.0.0.1:$port"
fi
umask 077
cat >"$store_dir/s3proxy.properties" <<PROPS
s3proxy.endpoint=$endpoint
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$identity
s3proxy.credential=$credential
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem-nio2
jclouds.identity=$identity
jclouds.credential=$credential
jclouds.filesystem.basedir=$store_dir/data
PROPS
cat >"$store_dir/store.args" <<ARGS
# Options that reach the local S3 server started by runners-config/object-store/start.sh.
--endpoint=$endpoint
--awsRegion=$region
--pathStyleAccess=true
--awsCredentialsProvider={"@type":"StaticCredentialsProvider","accessKeyId":"$identity","secretAccessKey":"$credential"}
ARGS
umask 022

echo "object-store: resolving S3Proxy"
classpath=$(store_classpath)
nohup java -Xmx512m -Dlogback.configurationFile="$here/logback.xml" -cp "$classpath" \
  org.gaul.s3proxy.Main \
  --properties "$store_dir/s3proxy.properties" >"$store_dir/log/s3proxy.log" 2>&1 &
echo $! >"$store_dir/s3proxy.pid"

s3() { # METHOD PATH: a signed request to the store; prints the HTTP status
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X "$1" \
    -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' \
    --aws-sigv4 "aws:amz:$region:s3" --user "$identity:$credential" "$endpoint$2"
}

deadline=$((SECONDS + ${MOLXFORM_STORE_TIMEOUT:-60}))
until [ "$(s3 GET / 2>/dev/null)" = 200 ]; do
  alive "$store_dir/s3proxy.pid" || die "S3Proxy exited (see $store_dir/log/s3proxy.log)"
  [ $SECONDS -lt $deadline ] || die "S3Proxy did not answer on $endpoint (see $store_dir/log/s3proxy.log)"
  sleep 1
done
status=$(s3 PUT "/$bucket")
case $status in
  200|409) ;;
  *) die "could not create bucket $bucket (HTTP $status; see $store_dir/log/s3proxy.log)" ;;
esac

echo "object-store: S3Proxy at $endpoint, data in $store_dir/data"
echo "bucket: $bucket"
echo "args: $store_dir/store.args"
