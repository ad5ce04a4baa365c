#!/usr/bin/env bash
# `ha-console bench analytics` with DuckDB as the reference (see docs/performance.md, "Analytics").
#
#   bench/analytics.sh                                  # 1M and 10M events: the recorded run
#   bench/analytics.sh --events 100000 --rounds 3       # any option of `bench analytics --help`
#
# DuckDB (org.duckdb:duckdb_jdbc) and Monocle are test-scope dependencies: never in target/lib or
# the installers. This script builds the jar, asks Maven for the two jars' paths and puts them on
# the classpath beside it. The FX pulse probe runs under xvfb-run when it is installed, else on
# Monocle's headless platform. Environment: JAVA_OPTS (e.g. -Xmx8g), SKIP_BUILD=1 to reuse the jar.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${HA_BUILD_DIR:-$PWD/target}
if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$build_dir/ha-console.jar" ]]; then
    mvn -q -DskipTests -Dha.build.dir="$build_dir" package
fi
classpath_file="$build_dir/bench-analytics.classpath"
mvn -q -Dha.build.dir="$build_dir" dependency:build-classpath -DincludeScope=test \
    -DincludeArtifactIds=duckdb_jdbc,openjfx-monocle -Dmdep.outputFile="$classpath_file"
classpath="$build_dir/ha-console.jar:$(cat "$classpath_file")"

java=java
[[ -n "${JAVA_HOME:-}" ]] && java="$JAVA_HOME/bin/java"
jvm=(--enable-native-access=ALL-UNNAMED -Dprism.order=sw)
runner=()
if command -v xvfb-run >/dev/null; then
    runner=(xvfb-run -a -s "-screen 0 1280x1024x24")
else
    jvm+=(-Dglass.platform=Monocle -Dmonocle.platform=Headless)
fi
# shellcheck disable=SC2086  # JAVA_OPTS holds several options
exec "${runner[@]}" "$java" "${jvm[@]}" ${JAVA_OPTS:-} -cp "$classpath" \
    com.headlessanalytics.console.launch.Launcher bench analytics "$@"
