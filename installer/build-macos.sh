#!/usr/bin/env bash
# Builds the macOS app-image (.app), .dmg and .pkg of HeadlessAnalytics Console into target/dist/.
# The mirror of build-linux.sh for a CI job on macOS; NOT run on our Linux machines (unverified).
#
#   installer/build-macos.sh [--no-build] [--type app-image|dmg|pkg|all]
#
# Needs a JDK 21+ with jlink and jpackage: JAVA_HOME if it is one, else /usr/libexec/java_home.
# Unsigned: signing and notarisation (--mac-sign ...) are for the release pipeline.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BUILD=1
TYPES="app-image dmg pkg"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --type)
      shift
      case "${1:-}" in
        app-image|dmg|pkg) TYPES="$1" ;;
        all) TYPES="app-image dmg pkg" ;;
        *) echo "build-macos: --type must be app-image, dmg, pkg or all" >&2; exit 2 ;;
      esac ;;
    *) echo "build-macos: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

# --- a JDK 21+ with jlink and jpackage --------------------------------------------------------
jdk_ok() { [ -x "$1/bin/jpackage" ] && [ -x "$1/bin/jlink" ] &&
  [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)" -ge 21 ] 2>/dev/null; }
JDK=""
if [ -n "${JAVA_HOME:-}" ] && jdk_ok "$JAVA_HOME"; then
  JDK="$JAVA_HOME"
elif candidate="$(/usr/libexec/java_home -v 21+ 2>/dev/null)" && jdk_ok "$candidate"; then
  JDK="$candidate"
fi
[ -n "$JDK" ] || { echo "build-macos: no JDK 21+ with jlink and jpackage" >&2; exit 1; }
echo "JDK: $JDK"

if [ "$BUILD" = 1 ]; then
  mvn -B -q -DskipTests package
fi
[ -f target/ha-console.jar ] || { echo "build-macos: target/ha-console.jar missing" >&2; exit 1; }

VERSION="$(sed -n 's/^version=//p' target/maven-archiver/pom.properties)"
VERSION="${VERSION%%-*}"
# jpackage on macOS rejects an app version whose first number is 0 (CFBundleVersion rule);
# until 1.0 the bundle says 1.0.0 and the files below are renamed to carry the real version.
BUNDLE_VERSION="$VERSION"
case "$VERSION" in 0.*) BUNDLE_VERSION=1.0.0; echo "NOTE: bundle version 1.0.0 for app version $VERSION" ;; esac

# --- stage: JavaFX mac jars -> module path, everything else -> classpath -----------------------
STAGE=target/jpackage
DIST=target/dist
rm -rf "$STAGE"
mkdir -p "$STAGE/javafx" "$STAGE/input" "$DIST"
cp target/ha-console.jar "$STAGE/input/"
FX_MODULES=""
for jar in target/lib/*.jar; do
  name="$(basename "$jar")"
  case "$name" in
    javafx-*-mac*.jar)                       # javafx-controls-21.0.11-mac(-aarch64).jar
      cp "$jar" "$STAGE/javafx/"
      module="${name%%-[0-9]*}"
      FX_MODULES="$FX_MODULES,javafx.${module#javafx-}" ;;
    javafx-*.jar) ;;                         # empty stub jars
    *) cp "$jar" "$STAGE/input/" ;;
  esac
done
FX_MODULES="${FX_MODULES#,}"
[ -n "$FX_MODULES" ] || { echo "build-macos: no javafx-*-mac*.jar in target/lib" >&2; exit 1; }

# JDK modules from jpackage/modules.txt (build-linux.sh checks that list with jdeps),
# keeping only those this JDK has
AVAILABLE=",$("$JDK/bin/java" --list-modules | sed 's/@.*//' | paste -sd, -),"
LINK=""
for m in $(sed -e 's/#.*//' -e 's/[[:space:]]//g' jpackage/modules.txt | grep -v '^$'); do
  case "$AVAILABLE" in *",$m,"*) LINK="$LINK,$m" ;; esac
done
LINK="${LINK#,}"
echo "Modules: $LINK,$FX_MODULES"

"$JDK/bin/jlink" --module-path "$STAGE/javafx" --add-modules "$LINK,$FX_MODULES" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$STAGE/runtime"

# --- jpackage ------------------------------------------------------------------------------------
for type in $TYPES; do
  "$JDK/bin/jpackage" --type "$type" @jpackage/common.txt @jpackage/macos.txt \
    --app-version "$BUNDLE_VERSION" --input "$STAGE/input" --runtime-image "$STAGE/runtime" --dest "$DIST"
done
if [ "$BUNDLE_VERSION" != "$VERSION" ]; then
  for f in "$DIST"/HeadlessAnalytics-"$BUNDLE_VERSION".*; do
    [ -e "$f" ] && mv "$f" "$DIST/HeadlessAnalytics-$VERSION.${f##*.}"
  done
fi
ls -l "$DIST"
