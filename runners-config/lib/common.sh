# Shared by the scripts of runners-config/flink-cluster and runners-config/object-store;
# sourced, not run. The sourcing script defines die().

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# First free port at or after $1.
free_port() {
  local port=$1
  while ! port_free "$port"; do
    port=$((port + 1))
    [ "$port" -lt $(($1 + 200)) ] || die "no free port in $1..$((port - 1))"
  done
  echo "$port"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Prints the classpath Maven resolves from POM, resolved once into DIR/classpath.txt (again when
# the pom is newer), Maven's messages in DIR/maven.log.
#   $1 POM  $2 DIR  $3 what it resolves, for the error
maven_classpath() {
  local cp_file="$2/classpath.txt"
  if [ ! -s "$cp_file" ] || [ "$1" -nt "$cp_file" ]; then
    mkdir -p "$2"
    mvn -B -q -f "$1" dependency:build-classpath -Dmdep.outputFile="$cp_file" \
      >"$2/maven.log" 2>&1 || die "cannot resolve $3 (see $2/maven.log)"
  fi
  cat "$cp_file"
}
