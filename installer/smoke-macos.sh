#!/usr/bin/env bash
# Smoke test of the macOS .dmg and .pkg, run by the CI workflow after build-macos.sh:
#  - the .dmg is mounted read-only; its .app must carry the .haproof document type, and its
#    launcher runs --version and verify (a good and a tampered proof packet);
#  - the .pkg is installed into /Applications (installer -pkg ... -target /, needs root or
#    passwordless sudo, as on CI runners); the installed app runs --version, keys create in the
#    default data folder and verify; optionally its window is opened; then the app is removed and
#    the data folder must still be there. Without sudo the .pkg payload is only expanded and checked.
# Exits non-zero on the first failure.
#
#   installer/smoke-macos.sh [--dmg FILE] [--pkg FILE] [--window]
#
#   --dmg, --pkg  the packages (default: the ones in target/dist)
#   --window      also start the installed app without arguments and check that it keeps running
#                 for 20 s without a packaging error (needs a logged-in desktop session)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DMG=""; PKG=""; WINDOW=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dmg) shift; DMG="${1:?--dmg needs a file}" ;;
    --pkg) shift; PKG="${1:?--pkg needs a file}" ;;
    --window) WINDOW=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "smoke-macos: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
first() { for f in "$@"; do if [ -e "$f" ]; then echo "$f"; return; fi; done; }
[ -n "$DMG" ] || DMG="$(first target/dist/HeadlessAnalytics-*.dmg)"
[ -n "$PKG" ] || PKG="$(first target/dist/HeadlessAnalytics-*.pkg)"

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
[ -n "$DMG$PKG" ] || fail "no .dmg or .pkg in target/dist (build them with installer/build-macos.sh)"

VERSION="$(sed -n 's/^version=//p' target/maven-archiver/pom.properties)"
PEM=src/test/resources/proof-corpus/TEST-ONLY-corpus-public-key.pem
GOOD=src/test/resources/proof-corpus/good.haproof
TAMPERED=src/test/resources/proof-corpus/tampered.haproof
DATA_DIR="$HOME/Library/Application Support/HeadlessAnalytics"     # app.DataFolders on macOS
APP_NAME=HeadlessAnalytics.app
INSTALLED=/Applications/$APP_NAME

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ha-mac-test.XXXXXX")"
MOUNT=""
INSTALLED_PKG=0
SUDO=()
[ "$(id -u)" = 0 ] || SUDO=(sudo -n)
cleanup() {
  if [ -n "$MOUNT" ]; then hdiutil detach -quiet "$MOUNT" 2>/dev/null || true; fi
  if [ "$INSTALLED_PKG" = 1 ]; then ${SUDO[@]+"${SUDO[@]}"} rm -rf "$INSTALLED" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# check_launcher APP: the document type in Info.plist, then --version and verify through the launcher
check_launcher() {
  local app="$1" launcher out rc
  launcher="$app/Contents/MacOS/HeadlessAnalytics"
  [ -x "$launcher" ] || fail "$launcher missing"
  [ -f "$app/Contents/app/ha-console.jar" ] || fail "$app/Contents/app/ha-console.jar missing"
  grep -q '<string>haproof</string>' "$app/Contents/Info.plist" || fail "$app/Contents/Info.plist declares no .haproof document type"
  ok "$app: launcher, jar and the .haproof document type in Info.plist"
  out="$("$launcher" --version 2>&1)" || fail "--version exited non-zero: $out"
  case "$out" in
    *"ha-console $VERSION"*) ok "--version: $out" ;;
    *) fail "--version printed '$out', not ha-console $VERSION" ;;
  esac
  out="$("$launcher" verify --key "$PEM" "$GOOD" 2>&1)" || fail "verify good.haproof exited non-zero: $out"
  printf '%s\n' "$out" | grep -q '^VALID:' || fail "verify good.haproof: $out"
  rc=0; out="$("$launcher" verify --key "$PEM" "$TAMPERED" 2>&1)" || rc=$?
  if [ "$rc" != 1 ] || ! printf '%s\n' "$out" | grep -q '^INVALID:'; then
    fail "verify tampered.haproof exited $rc, expected 1 and INVALID: $out"
  fi
  ok "verify: good.haproof VALID (exit 0), tampered.haproof INVALID (exit 1)"
}

# --- the .dmg --------------------------------------------------------------------------------------
if [ -n "$DMG" ]; then
  echo "Testing $DMG ($(du -h "$DMG" | cut -f1))"
  MOUNT="$WORK/dmg"
  mkdir -p "$MOUNT"
  hdiutil attach -nobrowse -readonly -noautoopen -mountpoint "$MOUNT" "$DMG" >/dev/null || fail "hdiutil attach $DMG"
  [ -d "$MOUNT/$APP_NAME" ] || { ls -la "$MOUNT"; fail "$APP_NAME not in the disk image"; }
  check_launcher "$MOUNT/$APP_NAME"
  hdiutil detach -quiet "$MOUNT"
  MOUNT=""
  echo "PASS: $DMG"
fi

# --- the .pkg --------------------------------------------------------------------------------------
if [ -n "$PKG" ]; then
  echo "Testing $PKG ($(du -h "$PKG" | cut -f1))"
  pkgutil --check-signature "$PKG" || echo "NOTE: the .pkg is not signed (a build without MACOS_SIGNING_IDENTITY)"
  if ! ${SUDO[@]+"${SUDO[@]}"} true 2>/dev/null; then
    # no root: check the payload without installing it
    pkgutil --expand-full "$PKG" "$WORK/pkg"
    APP="$(find "$WORK/pkg" -maxdepth 3 -name "$APP_NAME" -type d | head -1)"
    [ -n "$APP" ] || fail "$APP_NAME not in the .pkg payload"
    echo "NOTE: no root or passwordless sudo, so the .pkg was expanded, not installed"
    check_launcher "$APP"
  else
    [ ! -e "$INSTALLED" ] || fail "$INSTALLED already exists; remove it first"
    INSTALLED_PKG=1
    ${SUDO[@]+"${SUDO[@]}"} installer -pkg "$PKG" -target / || fail "installer -pkg $PKG -target /"
    [ -d "$INSTALLED" ] || fail "$INSTALLED missing after installing the .pkg"
    ok "installed $INSTALLED ($(du -sh "$INSTALLED" | cut -f1))"
    check_launcher "$INSTALLED"

    DATA_EXISTED=0
    if [ -d "$DATA_DIR" ]; then DATA_EXISTED=1; fi
    out="$(env -u HA_DATA_DIR "$INSTALLED/Contents/MacOS/HeadlessAnalytics" keys create 2>&1)" || fail "keys create: $out"
    key="$(printf '%s\n' "$out" | grep '^ha_live_' | head -1 || true)"
    [ -n "$key" ] || fail "keys create printed no key: $out"
    [ -n "$(ls -A "$DATA_DIR" 2>/dev/null)" ] || fail "keys create wrote nothing into $DATA_DIR"
    ok "keys create in the default data folder $DATA_DIR (H2 + Flyway): ${key:0:12}..."

    if [ "$WINDOW" = 1 ]; then
      HA_DATA_DIR="$WORK/gui-data" "$INSTALLED/Contents/MacOS/HeadlessAnalytics" > "$WORK/gui.log" 2>&1 &
      pid=$!
      for _ in $(seq 1 20); do
        kill -0 "$pid" 2>/dev/null || { tail -40 "$WORK/gui.log"; fail "the app exited within 20 s of starting"; }
        sleep 1
      done
      kill -TERM "$pid"; wait "$pid" || true
      if grep -E 'NoClassDefFoundError|ClassNotFoundException|UnsatisfiedLinkError|Unable to load glass|Module .* not found|Exception in Application' "$WORK/gui.log"; then
        fail "the window run logged a packaging error (above)"
      fi
      ok "the app ran 20 s without arguments (the console window) with no packaging error"
    fi

    # a .pkg has no uninstaller: removing the app is the uninstall
    ${SUDO[@]+"${SUDO[@]}"} rm -rf "$INSTALLED"
    INSTALLED_PKG=0
    for id in $(pkgutil --pkgs | grep -i 'headlessanalytics' || true); do ${SUDO[@]+"${SUDO[@]}"} pkgutil --forget "$id" >/dev/null; done
    [ -n "$(ls -A "$DATA_DIR" 2>/dev/null)" ] || fail "the data folder $DATA_DIR went with the app"
    ok "removed $INSTALLED; the data folder $DATA_DIR is kept"
    [ "$DATA_EXISTED" = 1 ] || rm -rf "$DATA_DIR"           # the test's own data
  fi
  echo "PASS: $PKG"
fi
