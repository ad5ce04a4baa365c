#!/usr/bin/env bash
# Builds the macOS .app (app-image), .dmg and .pkg of HeadlessAnalytics Console into target/dist/.
# The mirror of build-linux.sh, run by the CI workflow (.github/workflows/installers.yml) on
# macos-14 (arm64) and macos-13 (x64); on Linux only shellcheck looks at it (installer/lint.sh).
#
#   installer/build-macos.sh [--no-build] [--type app-image|dmg|pkg|all]
#
#   --no-build  reuse target/ha-console.jar and target/lib (built before by mvn -DskipTests package)
#   --type      build only the .app, the .dmg or the .pkg (default, "all": the three)
#
# Signing and notarisation happen only when their secrets are in the environment; without them the
# packages are unsigned, and the script says so.
#   MACOS_SIGNING_IDENTITY  the team part of the "Developer ID Application: ..." and "Developer ID
#                           Installer: ..." certificates, e.g. "Example Corp (AB12CD34EF)"
#   MACOS_SIGNING_KEYCHAIN  the keychain holding them (optional; installer/macos-sign.sh
#                           import-keychain makes a temporary one in CI)
#   notarisation, with MACOS_SIGNING_IDENTITY: MACOS_NOTARY_PROFILE (a notarytool keychain profile),
#                           or APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD (app-specific password)
#
# Layout (see build-linux.sh): the JavaFX jars for macOS in target/lib are jlinked into a trimmed
# runtime as modules; the app jar and every other jar go on the classpath. Needs a JDK 21+ with
# jlink and jpackage: JAVA_HOME if it is one, else /usr/libexec/java_home -v 21+.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRIPT=build-macos
# shellcheck source=installer/common.sh
. "$ROOT/installer/common.sh"
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
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-macos: unknown option $1 (try --help)" >&2; exit 2 ;;
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
elif candidate="$(/usr/libexec/java_home -v 21+ 2>/dev/null)" && jdk_ok "$candidate"; then
  JDK="$candidate"
fi
if [ -z "$JDK" ]; then
  echo "build-macos: no JDK 21+ with jlink and jpackage (JAVA_HOME or /usr/libexec/java_home -v 21+)" >&2
  exit 1
fi
echo "JDK: $JDK ($(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JDK/release"))"

# --- signing and notarisation: only with their secrets ----------------------------------------
SIGN=()
NOTARIZE=0
if [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
  SIGN=(--mac-sign --mac-signing-key-user-name "$MACOS_SIGNING_IDENTITY")
  if [ -n "${MACOS_SIGNING_KEYCHAIN:-}" ]; then SIGN+=(--mac-signing-keychain "$MACOS_SIGNING_KEYCHAIN"); fi
  if [ -n "${MACOS_NOTARY_PROFILE:-}" ] ||
     { [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; }; then
    NOTARIZE=1
    echo "Signing as '$MACOS_SIGNING_IDENTITY'; the .dmg and .pkg are notarised and stapled"
  else
    echo "Signing as '$MACOS_SIGNING_IDENTITY'; NOT notarised (no MACOS_NOTARY_PROFILE, nor APPLE_ID + APPLE_TEAM_ID + APPLE_APP_PASSWORD)"
  fi
elif [ -n "${MACOS_NOTARY_PROFILE:-}${APPLE_ID:-}" ]; then
  echo "build-macos: notarisation credentials are set but MACOS_SIGNING_IDENTITY is not; Apple notarises signed code only" >&2
  exit 1
else
  echo "UNSIGNED: no MACOS_SIGNING_IDENTITY, so the .app, .dmg and .pkg are neither signed nor notarised (Gatekeeper will warn)"
fi

# --- the jar and its libraries -----------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
  echo "Building the jar: mvn -B -q -DskipTests package"
  mvn -B -q -DskipTests package
fi
if [ ! -f target/ha-console.jar ] || [ ! -d target/lib ]; then
  echo "build-macos: target/ha-console.jar or target/lib missing; run without --no-build" >&2; exit 1
fi

# jpackage wants a plain numeric version: drop a qualifier such as -SNAPSHOT
VERSION="$(sed -n 's/^version=//p' target/maven-archiver/pom.properties)"
VERSION="${VERSION%%-*}"
# jpackage on macOS rejects an app version whose first number is 0 (CFBundleVersion rule);
# until 1.0 the bundle says 1.0.0 and the files below are renamed to carry the real version.
BUNDLE_VERSION="$VERSION"
case "$VERSION" in 0.*) BUNDLE_VERSION=1.0.0; echo "NOTE: bundle version 1.0.0 for app version $VERSION" ;; esac
echo "Version: $VERSION"

# --- stage: JavaFX mac jars -> module path, everything else -> classpath; the JDK modules --------
STAGE=target/jpackage
DIST=target/dist
stage_jars 'javafx-*-mac*.jar'                 # javafx-controls-21.0.11-mac.jar or -mac-aarch64.jar
jdk_modules

# --- trimmed runtime (a JDK without jmods links from itself, JEP 493) -----------------------------
"$JDK/bin/jlink" \
  --module-path "$STAGE/javafx" \
  --add-modules "$LINK,$FX_MODULES" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 \
  --output "$STAGE/runtime"

# --- jpackage: .app, .dmg or .pkg from the same runtime ------------------------------------------
# jpackage/macos.txt is valid for all three (on macOS the file association is part of the .app)
jpackage_common=(@jpackage/common.txt @jpackage/macos.txt --app-version "$BUNDLE_VERSION"
  --input "$STAGE/input" --runtime-image "$STAGE/runtime" --dest "$DIST")
OUTPUTS=()
for type in $TYPES; do
  if [ "$type" = app-image ]; then
    rm -rf "$DIST/HeadlessAnalytics.app"
    "$JDK/bin/jpackage" --type app-image "${jpackage_common[@]}" ${SIGN[@]+"${SIGN[@]}"}
    OUTPUTS+=("$DIST/HeadlessAnalytics.app")
  else
    rm -f "$DIST"/HeadlessAnalytics-*."$type"
    # hdiutil, which jpackage runs for the .dmg, sometimes fails with "Resource busy" on CI
    # runners, so a failed .dmg build is tried up to three times (any other type fails at once)
    for attempt in 1 2 3; do
      if "$JDK/bin/jpackage" --type "$type" "${jpackage_common[@]}" ${SIGN[@]+"${SIGN[@]}"}; then break; fi
      if [ "$type" != dmg ] || [ "$attempt" = 3 ]; then echo "build-macos: jpackage --type $type failed" >&2; exit 1; fi
      echo "NOTE: jpackage --type dmg failed (attempt $attempt); trying again in 10 s"
      rm -f "$DIST"/HeadlessAnalytics-*.dmg
      sleep 10
    done
    out="$DIST/HeadlessAnalytics-$BUNDLE_VERSION.$type"
    [ -f "$out" ] || { echo "build-macos: jpackage made no $out" >&2; exit 1; }
    if [ "$type" = dmg ] && [ ${#SIGN[@]} -gt 0 ]; then
      # jpackage signs the .app inside; the disk image itself is signed here
      installer/macos-sign.sh sign-dmg "$out"
    fi
    if [ "$NOTARIZE" = 1 ]; then installer/macos-sign.sh notarize "$out"; fi
    if [ "$BUNDLE_VERSION" != "$VERSION" ]; then
      mv "$out" "$DIST/HeadlessAnalytics-$VERSION.$type"
      out="$DIST/HeadlessAnalytics-$VERSION.$type"
    fi
    OUTPUTS+=("$out")
  fi
done

echo
echo "Runtime: $(du -sh "$STAGE/runtime" | cut -f1) ($STAGE/runtime)"
for out in "${OUTPUTS[@]}"; do
  echo "Built:   $(du -sh "$out" | cut -f1)  $ROOT/$out"
done
