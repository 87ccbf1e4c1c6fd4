#!/usr/bin/env bash
# Rebuilds testdata/polyphenols.{tsv,parquet} from testdata/polyphenols-source.tsv.
# Needs Java 17 and Maven; OPSIN, the CDK and parquet-avro come from Maven.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -q -B -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
java -cp "$(cat "$cp_file")" "$here/BuildPolyphenols.java" "$here/.."
