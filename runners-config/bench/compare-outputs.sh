#!/usr/bin/env bash
# Compares the product rows of two molxform outputs with DuckDB: rows of A not in B and rows of B
# not in A (EXCEPT ALL, so a duplicated row counts), over every product column. 0 and 0 means
# the same rows, whatever the shards.
#
#   runners-config/bench/compare-outputs.sh OUTPUT_A OUTPUT_B
#
# Uses DuckDB's JDBC driver from the local Maven repository (mvn fetches it on first use).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: compare-outputs.sh OUTPUT_A OUTPUT_B" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' "$repo/pom.xml")
jar=$HOME/.m2/repository/org/duckdb/duckdb_jdbc/$version/duckdb_jdbc-$version.jar
[ -f "$jar" ] || mvn -B -q dependency:get -Dartifact="org.duckdb:duckdb_jdbc:$version" >&2
# reagent_id reads as null in an output written before building blocks (union_by_name).
cols="product_smiles, transform, parent_id, parent_smiles, sites, parent_count, reagent_id"
a="read_parquet('$(cd "$1" && pwd)/products/*/*.parquet', union_by_name = true)"
b="read_parquet('$(cd "$2" && pwd)/products/*/*.parquet', union_by_name = true)"
# DuckDB spills a large EXCEPT ALL into .tmp/ of the working folder: give it a folder of its own.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
java -cp "$jar" "$repo/runners-config/bench/Sql.java" \
  "SELECT (SELECT count(*) FROM $a) AS rows_a, (SELECT count(*) FROM $b) AS rows_b,
     (SELECT count(*) FROM (SELECT $cols FROM $a EXCEPT ALL SELECT $cols FROM $b)) AS only_in_a,
     (SELECT count(*) FROM (SELECT $cols FROM $b EXCEPT ALL SELECT $cols FROM $a)) AS only_in_b"
