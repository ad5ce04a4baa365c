#!/usr/bin/env bash
# Builds the Linux app-image, .deb and .rpm of HeadlessAnalytics Console into target/dist/.
#
#   installer/build-linux.sh [--no-build] [--type app-image|deb|rpm|all] [--app-version X.Y.Z] [--no-cds]
#
#   --no-build     reuse target/ha-console.jar and target/lib (the Maven profile `dist` passes it)
#   --type         build only the app-image, the .deb or the .rpm; "all" (the default) builds the
#                  app-image, the .deb and, where rpmbuild is installed (apt-get install -y rpm), the .rpm
#   --app-version  the packages' version (default: the pom's, without a -SNAPSHOT qualifier)
#   --no-cds       skip the AppCDS training run (which needs xvfb-run and xdotool; skipped, saying
#                  so, where they are missing): the app then starts without the archive
#
# Layout (see the toolchain notes): the JavaFX jars from target/lib are jlinked into a trimmed
# runtime as modules; the app jar and every other jar in target/lib go on the classpath. The
# app-image gets an AppCDS archive, lib/app/ha-console.jsa, from a training run under Xvfb (the
# window opens, the first screen loads, the app exits); the .deb and .rpm package that same
# app-image. Needs a JDK 21+ with jlink and jpackage (JAVA_HOME if it is one, else the newest
# under /usr/lib/jvm), for the .deb dpkg-deb and fakeroot, for the .rpm rpmbuild.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRIPT=build-linux
# shellcheck source=installer/common.sh
. "$ROOT/installer/common.sh"
cd "$ROOT"

BUILD=1
TYPE=all
APP_VERSION=""
CDS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --no-cds) CDS=0 ;;
    --app-version)
      shift
      case "${1:-}" in
        [0-9]*) APP_VERSION="$1" ;;
        *) echo "build-linux: --app-version needs a numeric version such as 1.2.3" >&2; exit 2 ;;
      esac ;;
    --type)
      shift
      case "${1:-}" in
        app-image|deb|rpm|all) TYPE="$1" ;;
        *) echo "build-linux: --type must be app-image, deb, rpm or all" >&2; exit 2 ;;
      esac ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
  while read -r d; do
    if jdk_ok "$d"; then JDK="$d"; break; fi
  done < <(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -rV)
fi
if [ -z "$JDK" ]; then
  echo "build-linux: no JDK 21+ with jlink and jpackage (JAVA_HOME or /usr/lib/jvm/*)" >&2
  exit 1
fi
echo "JDK: $JDK ($(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JDK/release"))"

# every package type is built from the app-image (the one with the AppCDS archive)
case "$TYPE" in
  all)
    TYPES="app-image deb"
    if command -v rpmbuild >/dev/null; then
      TYPES="$TYPES rpm"
    else
      echo "NOTE: no rpmbuild, so no .rpm (apt-get install -y rpm)"
    fi ;;
  app-image) TYPES="app-image" ;;
  *) TYPES="app-image $TYPE" ;;
esac
for type in $TYPES; do
  case "$type" in
    deb) tools="dpkg-deb fakeroot" ;;
    rpm) tools="rpmbuild" ;;
    *) tools="" ;;
  esac
  for tool in $tools; do
    command -v "$tool" >/dev/null || { echo "build-linux: a $type needs $tool (apt-get install -y dpkg-dev fakeroot rpm)" >&2; exit 1; }
  done
done

# --- the jar and its libraries -----------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
  echo "Building the jar: mvn -B -q -DskipTests package"
  mvn -B -q -DskipTests package
fi
if [ ! -f target/ha-console.jar ] || [ ! -d target/lib ]; then
  echo "build-linux: target/ha-console.jar or target/lib missing; run without --no-build" >&2; exit 1
fi

# jpackage wants a plain numeric version: drop a qualifier such as -SNAPSHOT
VERSION="$(sed -n 's/^version=//p' target/maven-archiver/pom.properties)"
VERSION="${VERSION%%-*}"
[ -n "$APP_VERSION" ] && VERSION="$APP_VERSION"
echo "Version: $VERSION"

# --- stage: JavaFX platform jars -> module path, everything else -> classpath; the JDK modules ---
STAGE="target/jpackage"
DIST="target/dist"
stage_jars 'javafx-*-linux*.jar'
jdk_modules

# --- trimmed runtime (Temurin 25 has no jmods: jlink links from the running JDK, JEP 493) -----
"$JDK/bin/jlink" \
  --module-path "$STAGE/javafx" \
  --add-modules "$LINK,$FX_MODULES" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 \
  --output "$STAGE/runtime"
# the base CDS archive (the JDK's own start-up classes), dumped with the launcher's module options:
# jlink --generate-cds-archive dumps without them, and the JVM then turns the archived module
# graph off at every start (and says so)
NATIVE_ACCESS="$(sed -n 's/.*\(--enable-native-access=[^" ]*\).*/\1/p' jpackage/common.txt)"
"$STAGE/runtime/bin/java" -Xshare:dump ${NATIVE_ACCESS:+"$NATIVE_ACCESS"} > "$STAGE/cds-base.log" 2>&1 \
  || { cat "$STAGE/cds-base.log"; echo "build-linux: the base CDS archive could not be dumped" >&2; exit 1; }

# --- jpackage: the app-image ---------------------------------------------------------------------
IMAGE="$DIST/HeadlessAnalytics"
rm -rf "$IMAGE"
"$JDK/bin/jpackage" --type app-image @jpackage/common.txt --app-version "$VERSION" \
  --input "$STAGE/input" --runtime-image "$STAGE/runtime" --dest "$DIST" --icon assets/icon-512.png
OUTPUTS=("$IMAGE")

# --- AppCDS: a training run writes the archive, the launcher's options use it ----------------------
# The runtime's base CDS archive (jlink --generate-cds-archive) holds the JDK's own start-up
# classes; this dynamic archive adds the classes of JavaFX, the app and its libraries that the
# window's first screen loads. $APPDIR is lib/app, which the launcher substitutes. The JVM checks
# the archive against the jars (paths relative to the runtime, sizes, times) and, with
# -Xshare:auto, starts without it when it does not match.
JSA="$IMAGE/lib/app/ha-console.jsa"
CFG="$IMAGE/lib/app/HeadlessAnalytics.cfg"
# The archive is valid only for jars with the modification times it saw, and jpackage gives the
# packaged copies new ones: every jar gets this one time, which the packages' install scripts
# (postinst, the .rpm's install section) put back (HA_CDS_EPOCH in jpackage/linux-resources).
CDS_EPOCH="$(date +%s)"
touch -m -d "@$CDS_EPOCH" "$IMAGE"/lib/app/*.jar
train_cds() {
  local home log
  home="$(mktemp -d /tmp/ha-cds-train.XXXXXX)"
  log="$STAGE/cds-training.log"
  # A throwaway HOME and data folder: the training run must not see or touch a real user's data.
  # SIGTERM only once the app has been idle for 2 s (the database created, the first screen
  # drawn): the JVM writes the archive on its way out, and a thread still linking lambdas while
  # it does can crash it (seen with JDK 25.0.3).
  # shellcheck disable=SC2016   # $1, $2 and $pid belong to the inner shell
  HOME="$home" HA_DATA_DIR="$home/data" JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$ROOT/$JSA" \
    xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
      "$1" > "$2" 2>&1 &
      pid=$!
      cpu() { awk "{ print \$14 + \$15 }" "/proc/$pid/stat"; }
      if timeout 120 xdotool search --sync --onlyvisible --name "^HeadlessAnalytics Console$" >/dev/null; then
        before=$(cpu); quiet=0
        for _ in $(seq 1 240); do
          sleep 0.5
          now=$(cpu) || break
          if [ $((now - before)) -le 2 ]; then quiet=$((quiet + 1)); else quiet=0; fi
          before=$now
          [ $quiet -ge 4 ] && break
        done
        kill -TERM "$pid"; wait "$pid"
        exit 0
      fi
      kill -TERM "$pid" 2>/dev/null; wait "$pid"; exit 1
    ' train "$ROOT/$IMAGE/bin/HeadlessAnalytics" "$log" || { rm -rf "$home"; tail -20 "$log"; return 1; }
  rm -rf "$home"
  grep -q 'A fatal error has been detected' "$log" && { grep -A6 'A fatal error' "$log"; return 1; }
  [ -s "$JSA" ] || { tail -20 "$log"; return 1; }
}
if [ "$CDS" = 0 ]; then
  echo "AppCDS: skipped (--no-cds)"
elif ! command -v xvfb-run >/dev/null || ! command -v xdotool >/dev/null; then
  echo "NOTE: AppCDS skipped: the training run needs xvfb-run and xdotool (apt-get install -y xvfb xauth xdotool)"
else
  echo "AppCDS: training run under Xvfb (window, first screen, exit)"
  rm -f "$JSA"
  if train_cds || { echo "AppCDS: the training run failed; once more"; rm -f "$JSA"; train_cds; }; then
    # the options go after jpackage's own, in the [JavaOptions] section
    awk -v jsa='$APPDIR/ha-console.jsa' '
      { print }
      /^\[JavaOptions\]/ { print "java-options=-XX:SharedArchiveFile=" jsa; print "java-options=-Xshare:auto" }
    ' "$CFG" > "$CFG.new" && mv "$CFG.new" "$CFG"
    # the archive must be usable: the CLI loads classes from it (the JVM would start without it)
    shared="$(JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$STAGE/cds-check.log" "$IMAGE/bin/HeadlessAnalytics" --version >/dev/null 2>&1;
              grep -c 'source: shared objects file (top)' "$STAGE/cds-check.log" || true)"
    [ "${shared:-0}" -gt 100 ] || { echo "build-linux: the AppCDS archive is not used ($shared classes from it)" >&2; exit 1; }
    echo "AppCDS: $(du -h "$JSA" | cut -f1) archive $JSA (--version loads $shared classes from it)"
  else
    rm -f "$JSA"
    echo "build-linux: the AppCDS training run failed (above); use --no-cds to build without it" >&2
    exit 1
  fi
fi

# --- jpackage: deb and rpm, packaging the app-image -------------------------------------------------
# with --app-image jpackage takes only the package options, not the app-image's (main jar, class,
# java options), so common.txt's other lines go in
PACKAGE_COMMON="$STAGE/package-common.txt"
grep -v -E '^--(main-jar|main-class|java-options)' jpackage/common.txt > "$PACKAGE_COMMON"
# with --app-image jpackage ignores --icon for the menu entry (it writes its own 32x32 icon) but
# takes <name>.png from the resource dir: linux.txt's resources plus the 512x512 icon
RESOURCES="$STAGE/linux-resources"
rm -rf "$RESOURCES"
mkdir -p "$RESOURCES"
cp jpackage/linux-resources/* "$RESOURCES/"
cp assets/icon-512.png "$RESOURCES/HeadlessAnalytics.png"
sed -i "s/HA_CDS_EPOCH/$CDS_EPOCH/g" "$RESOURCES/postinst" "$RESOURCES/headless-analytics-console.spec"
for type in $TYPES; do
  [ "$type" = app-image ] && continue
  # deb: headless-analytics-console_<version>_amd64.deb, rpm: headless-analytics-console-<version>-1.x86_64.rpm
  rm -f "$DIST"/headless-analytics-console[_-]*."$type"
  extra=()
  [ "$type" = rpm ] && extra=(@jpackage/linux-rpm.txt)
  "$JDK/bin/jpackage" --type "$type" @"$PACKAGE_COMMON" --app-version "$VERSION" --app-image "$IMAGE" \
    --dest "$DIST" @jpackage/linux.txt "${extra[@]}" --resource-dir "$RESOURCES"
  OUTPUTS+=("$(ls "$DIST"/headless-analytics-console[_-]*."$type")")
done

echo
echo "Runtime: $(du -sh "$STAGE/runtime" | cut -f1) ($STAGE/runtime)"
for out in "${OUTPUTS[@]}"; do
  echo "Built:   $(du -sh "$out" | cut -f1)  $ROOT/$out"
done
