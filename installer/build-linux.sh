#!/usr/bin/env bash
# Builds the Linux app-image and .deb of HeadlessAnalytics Console into target/dist/.
#
#   installer/build-linux.sh [--no-build] [--type app-image|deb|rpm|all]
#
#   --no-build  reuse target/ha-console.jar and target/lib (the Maven profile `dist` passes it)
#   --type      build only the app-image, the .deb or the .rpm (default, "all": app-image and .deb;
#               the .rpm needs rpmbuild: apt-get install -y rpm)
#
# Layout (see the toolchain notes): the JavaFX jars from target/lib are jlinked into a trimmed
# runtime as modules; the app jar and every other jar in target/lib go on the classpath.
# Needs a JDK 21+ with jlink and jpackage (JAVA_HOME if it is one, else the newest under
# /usr/lib/jvm), for the .deb dpkg-deb and fakeroot, for the .rpm rpmbuild.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BUILD=1
TYPES="app-image deb"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --type)
      shift
      case "${1:-}" in
        app-image|deb|rpm) TYPES="$1" ;;
        all) TYPES="app-image deb" ;;
        *) echo "build-linux: --type must be app-image, deb, rpm or all" >&2; exit 2 ;;
      esac ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-linux: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

# --- a JDK 21+ with jlink and jpackage --------------------------------------------------------
jdk_ok() {
  local feature
  [ -x "$1/bin/jpackage" ] && [ -x "$1/bin/jlink" ] && [ -f "$1/release" ] || return 1
  feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")"
  [ "${feature:-0}" -ge 21 ]
}
JDK=""
if [ -n "${JAVA_HOME:-}" ] && jdk_ok "$JAVA_HOME"; then
  JDK="$JAVA_HOME"
else
  for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    if jdk_ok "${d%/}"; then JDK="${d%/}"; break; fi
  done
fi
if [ -z "$JDK" ]; then
  echo "build-linux: no JDK 21+ with jlink and jpackage (JAVA_HOME or /usr/lib/jvm/*)" >&2
  exit 1
fi
echo "JDK: $JDK ($(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JDK/release"))"

case "$TYPES" in
  *deb*) tools="dpkg-deb fakeroot" ;;
  rpm) tools="rpmbuild" ;;
  *) tools="" ;;
esac
for tool in $tools; do
  command -v "$tool" >/dev/null || { echo "build-linux: $TYPES needs $tool (apt-get install -y dpkg-dev fakeroot rpm)" >&2; exit 1; }
done

# --- the jar and its libraries -----------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
  echo "Building the jar: mvn -B -q -DskipTests package"
  mvn -B -q -DskipTests package
fi
[ -f target/ha-console.jar ] && [ -d target/lib ] || {
  echo "build-linux: target/ha-console.jar or target/lib missing; run without --no-build" >&2; exit 1; }

# jpackage wants a plain numeric version: drop a qualifier such as -SNAPSHOT
VERSION="$(sed -n 's/^version=//p' target/maven-archiver/pom.properties)"
VERSION="${VERSION%%-*}"
echo "Version: $VERSION"

# --- stage: JavaFX platform jars -> module path, everything else -> classpath ------------------
STAGE="target/jpackage"
DIST="target/dist"
rm -rf "$STAGE"
mkdir -p "$STAGE/javafx" "$STAGE/input" "$DIST"
cp target/ha-console.jar "$STAGE/input/"
FX_MODULES=""
for jar in target/lib/*.jar; do
  name="$(basename "$jar")"
  case "$name" in
    javafx-*-linux*.jar)                     # e.g. javafx-controls-21.0.11-linux.jar
      cp "$jar" "$STAGE/javafx/"
      module="${name%%-[0-9]*}"              # javafx-controls
      FX_MODULES="$FX_MODULES,javafx.${module#javafx-}" ;;
    javafx-*.jar) ;;                         # empty stub jars (javafx.xxxEmpty): not needed
    *) cp "$jar" "$STAGE/input/" ;;
  esac
done
FX_MODULES="${FX_MODULES#,}"
[ -n "$FX_MODULES" ] || { echo "build-linux: no javafx-*-linux.jar in target/lib" >&2; exit 1; }

# --- JDK modules: jpackage/modules.txt, plus whatever jdeps finds in the shipped jars -----------
MODULES="$(sed -e 's/#.*//' -e 's/[[:space:]]//g' jpackage/modules.txt | grep -v '^$' | paste -sd, -)"
# jdeps cannot take modular jars whose required modules are absent (TilesFX needs javafx.web),
# so it reads the unpacked classes with every module-info removed: all of it runs on the classpath.
rm -rf "$STAGE/jdeps"
for jar in "$STAGE"/input/*.jar; do
  dir="$STAGE/jdeps/$(basename "$jar" .jar)"
  mkdir -p "$dir"
  (cd "$dir" && "$JDK/bin/jar" xf "$ROOT/$jar")
done
find "$STAGE/jdeps" -name module-info.class -delete
FOUND="$("$JDK/bin/jdeps" --ignore-missing-deps --print-module-deps "$STAGE"/jdeps/* 2>/dev/null | tail -1 || true)"
rm -rf "$STAGE/jdeps"
case "$FOUND" in java.*) ;; *) echo "build-linux: jdeps gave no module list" >&2; exit 1 ;; esac
for m in ${FOUND//,/ }; do
  case ",$MODULES," in
    *",$m,"*) ;;
    *) echo "NOTE: jdeps needs $m, which jpackage/modules.txt lacks: linking it anyway; add it there"
       MODULES="$MODULES,$m" ;;
  esac
done
# link only modules this JDK has (jdk.crypto.ec, for one, is on its way out of the JDK)
AVAILABLE=",$("$JDK/bin/java" --list-modules | sed 's/@.*//' | paste -sd, -),"
LINK=""
for m in ${MODULES//,/ }; do
  case "$AVAILABLE" in
    *",$m,"*) LINK="$LINK,$m" ;;
    *) echo "NOTE: $m is not in this JDK; skipped" ;;
  esac
done
LINK="${LINK#,}"
echo "jdeps: $FOUND"
echo "JDK modules: $LINK"
echo "JavaFX modules: $FX_MODULES"

# --- trimmed runtime (Temurin 25 has no jmods: jlink links from the running JDK, JEP 493) -----
"$JDK/bin/jlink" \
  --module-path "$STAGE/javafx" \
  --add-modules "$LINK,$FX_MODULES" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 \
  --output "$STAGE/runtime"

# --- jpackage: app-image, deb or rpm from the same runtime ---------------------------------------
jpackage_common=(@jpackage/common.txt --app-version "$VERSION"
  --input "$STAGE/input" --runtime-image "$STAGE/runtime" --dest "$DIST")
OUTPUTS=()
for type in $TYPES; do
  if [ "$type" = app-image ]; then
    rm -rf "$DIST/HeadlessAnalytics"
    "$JDK/bin/jpackage" --type app-image "${jpackage_common[@]}" --icon assets/icon-512.png
    OUTPUTS+=("$DIST/HeadlessAnalytics")
  else
    # deb: headless-analytics-console_<version>_amd64.deb, rpm: headless-analytics-console-<version>-1.x86_64.rpm
    rm -f "$DIST"/headless-analytics-console[_-]*."$type"
    extra=()
    [ "$type" = rpm ] && extra=(@jpackage/linux-rpm.txt)
    "$JDK/bin/jpackage" --type "$type" "${jpackage_common[@]}" @jpackage/linux.txt "${extra[@]}"
    OUTPUTS+=("$(ls "$DIST"/headless-analytics-console[_-]*."$type")")
  fi
done

echo
echo "Runtime: $(du -sh "$STAGE/runtime" | cut -f1) ($STAGE/runtime)"
for out in "${OUTPUTS[@]}"; do
  echo "Built:   $(du -sh "$out" | cut -f1)  $ROOT/$out"
done
