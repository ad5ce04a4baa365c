#!/usr/bin/env bash
# End-to-end check of the Linux installer, as root on Debian/Ubuntu:
# install the .deb with apt, check files, menu entry, icon and the .haproof MIME type (the
# desktop entry is the default for application/x-headlessanalytics-proof), run the installed
# CLI (--version, that it loads classes from the AppCDS archive, keys create, serve +
# /api/health + SIGTERM), open the window under Xvfb (data and settings in a test HOME's default
# data folder) and screenshot it to target/screenshots/installed-app.png, then remove and purge
# the package: /opt/headless-analytics-console and the menu entry go, the user's data folder
# stays. Exits non-zero on the first failure.
#
#   installer/test-deb.sh [--reuse] [--no-build]
#
#   --reuse     test the .deb already in target/dist (built when there is none)
#   --no-build  passed to build-linux.sh: package the existing target/ha-console.jar
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=installer/test-lib.sh
. installer/test-lib.sh

for arg in "$@"; do
  common_option "$arg" || { echo "test-deb: unknown option $arg" >&2; exit 2; }
done

[ "$(id -u)" = 0 ] || fail "run as root (apt-get install/remove)"

WORK="$(mktemp -d /tmp/ha-deb-test.XXXXXX)"
SERVE_PID=""
INSTALLED=0
cleanup() {
  if [ -n "$SERVE_PID" ]; then kill "$SERVE_PID" 2>/dev/null || true; fi
  # on a failure half-way, do not leave the package behind
  if [ "$INSTALLED" = 1 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$PKG" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- tools for the window and MIME checks -----------------------------------------------------------
# shellcheck disable=SC2119   # no extra tools
need_tools

# --- the .deb --------------------------------------------------------------------------------------
DEB="$(first_file "target/dist/${PKG}_*.deb")"
if [ "$REUSE" = 0 ] || [ -z "$DEB" ]; then
  installer/build-linux.sh --type deb "${BUILD_ARGS[@]}"
  DEB="$(first_file "target/dist/${PKG}_*.deb")"
fi
VERSION="$(dpkg-deb -f "$DEB" Version)"
echo "Testing $DEB ($(du -h "$DEB" | cut -f1), version $VERSION)"

# --- install -------------------------------------------------------------------------------------
if dpkg -s "$PKG" >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$PKG" >/dev/null
fi
INSTALLED=1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$ROOT/$DEB" >/dev/null
dpkg -s "$PKG" | grep -q '^Status: install ok installed' || fail "dpkg does not list $PKG as installed"
dpkg -s "$PKG" | grep '^Depends:' | grep -q 'libgtk-3-0' || fail "Depends lacks libgtk-3-0"
ok "installed $PKG $VERSION (Depends has libgtk-3-0)"

# --- files, menu entry, icon ---------------------------------------------------------------------
[ -x "$LAUNCHER" ] || fail "$LAUNCHER missing"
[ -f "$APPDIR/lib/app/ha-console.jar" ] || fail "app jar missing"
[ -x "$APPDIR/lib/runtime/bin/java" ] || fail "runtime missing"
MODULES="$("$APPDIR/lib/runtime/bin/java" --list-modules | sed 's/@.*//' | paste -sd, -)"
for m in java.sql jdk.httpserver java.net.http javafx.controls javafx.graphics; do
  case ",$MODULES," in *",$m,"*) ;; *) fail "runtime lacks module $m" ;; esac
done
ok "files under $APPDIR ($(du -sh "$APPDIR" | cut -f1)); runtime modules: $MODULES"

DESKTOP="$(dpkg -L "$PKG" | grep '\.desktop$' | head -1)"
MENU=""
for dir in /usr/share/applications /usr/local/share/applications; do
  [ -f "$dir/$(basename "$DESKTOP")" ] && MENU="$dir/$(basename "$DESKTOP")"
done
[ -n "$MENU" ] || fail "menu entry $(basename "$DESKTOP") not installed (xdg-desktop-menu)"
grep -q '^Name=HeadlessAnalytics Console$' "$MENU" || fail "menu entry has the wrong Name"
grep -q "^Exec=$LAUNCHER %f$" "$MENU" || fail "menu entry Exec is not '$LAUNCHER %f' (the file's path as first argument)"
ICON="$(sed -n 's/^Icon=//p' "$MENU")"
[ -f "$ICON" ] || fail "icon $ICON missing"
[ "$(identify -format '%wx%h' "$ICON")" = 512x512 ] || fail "icon is not 512x512"
ok "menu entry $MENU, icon $ICON"

# .haproof files: the MIME type is installed and the desktop entry is its default application
MIME_TYPE=application/x-headlessanalytics-proof
grep -q "^MimeType=$MIME_TYPE" "$MENU" || fail "menu entry lacks MimeType=$MIME_TYPE"
grep -q "$MIME_TYPE:\*\.haproof" /usr/share/mime/globs2 || fail "*.haproof is not in /usr/share/mime/globs2"
# a fresh HOME: no user's own choice in ~/.config/mimeapps.list
DEFAULT="$(HOME="$WORK/mime-home" xdg-mime query default "$MIME_TYPE")"
[ "$DEFAULT" = "$(basename "$MENU")" ] || fail "xdg-mime query default $MIME_TYPE gives '$DEFAULT', not $(basename "$MENU")"
ok "MIME type $MIME_TYPE (*.haproof); xdg-mime query default: $DEFAULT"

# --- CLI -----------------------------------------------------------------------------------------
OUT="$("$LAUNCHER" --version)" || fail "--version exited non-zero"
case "$OUT" in
  "ha-console $VERSION"*) ok "--version: $OUT" ;;
  ha-console*) echo "WARN: --version says '$OUT', not $VERSION (the jar manifest has no Implementation-Version)" ;;
  *) fail "--version printed '$OUT'" ;;
esac

SHARED="$(cds_classes "$LAUNCHER")"
[ "$SHARED" -gt 100 ] || fail "the CLI loaded $SHARED classes from the AppCDS archive (file times changed in the package?)"
ok "AppCDS archive used: --version loaded $SHARED classes from it"

"$LAUNCHER" keys create --data-dir "$WORK/data" > "$WORK/keys.out" 2>&1 || { cat "$WORK/keys.out"; fail "keys create"; }
KEY="$(tail -1 "$WORK/keys.out")"
case "$KEY" in ha_live_*) ok "keys create (H2 + Flyway migrations): ${KEY:0:12}…" ;; *) cat "$WORK/keys.out"; fail "no key printed" ;; esac

# port 0: serve picks a free port and prints it
"$LAUNCHER" serve --data-dir "$WORK/data" --port 0 > "$WORK/serve.log" 2>&1 &
SERVE_PID=$!
URL=""
for _ in $(seq 1 60); do
  URL="$(grep -o 'listening on http://[0-9.:]*' "$WORK/serve.log" | head -1 | sed 's/listening on //' || true)"
  [ -n "$URL" ] && break
  kill -0 "$SERVE_PID" 2>/dev/null || { cat "$WORK/serve.log"; fail "serve exited early"; }
  sleep 0.5
done
[ -n "$URL" ] || { cat "$WORK/serve.log"; fail "serve did not start listening within 30 s"; }
HEALTH="$(curl -fsS "$URL/api/health")" || fail "GET $URL/api/health"
case "$HEALTH" in *'"status":"ok"'*) ok "serve: GET $URL/api/health -> status ok" ;; *) fail "health: $HEALTH" ;; esac
curl -fsS -o /dev/null -H "Authorization: Bearer $KEY" "$URL/api/events?limit=1" || fail "GET /api/events with the key"
ok "serve: GET /api/events with the new key"
kill -TERM "$SERVE_PID"
RC=0
for _ in $(seq 1 40); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.5; done
kill -0 "$SERVE_PID" 2>/dev/null && fail "serve still running 20 s after SIGTERM"
wait "$SERVE_PID" || RC=$?
SERVE_PID=""
case "$RC" in 0|143) ok "serve stopped on SIGTERM (exit $RC)" ;; *) cat "$WORK/serve.log"; fail "serve exit $RC after SIGTERM" ;; esac

# --- the window, under Xvfb, on the default data folder of a test HOME ---------------------------
# (Java takes user.home from the password database, so XDG_DATA_HOME points the folder there)
mkdir -p target/screenshots
SHOT="$ROOT/target/screenshots/installed-app.png"
rm -f "$SHOT"
USER_DATA="$WORK/home/.local/share/headless-analytics"
RESULT="$(HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share" xvfb-run -a -s "-screen 0 1280x800x24" \
  bash -c ". '$ROOT/installer/test-lib.sh'; window_check '$LAUNCHER' '$SHOT' '$WORK/gui.log'")" \
  || { echo "$RESULT"; tail -40 "$WORK/gui.log"; fail "window check"; }
check_window_log "$WORK/gui.log"
COLOURS="$(identify -format '%k' "$SHOT")"
[ "$COLOURS" -gt 50 ] || fail "screenshot looks blank ($COLOURS colours)"
ok "$RESULT; screenshot $SHOT ($(identify -format '%wx%h' "$SHOT"), $COLOURS colours)"
[ -n "$(ls -A "$USER_DATA" 2>/dev/null)" ] || fail "the window run left nothing in the data folder $USER_DATA"
DATA_FILES="$(tree_digest "$USER_DATA")"
ok "data folder $USER_DATA: $(find "$USER_DATA" -type f | wc -l) files"

# --- remove --------------------------------------------------------------------------------------
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$PKG" >/dev/null
INSTALLED=0
[ ! -e "$APPDIR" ] || fail "$APPDIR still exists after apt-get remove"
[ ! -e "$MENU" ] || fail "$MENU still exists after apt-get remove"
[ -z "$(HOME="$WORK/mime-home" xdg-mime query default "$MIME_TYPE")" ] || fail "$MIME_TYPE still has a default application"
ok "apt-get remove $PKG: $APPDIR, the menu entry and the MIME default are gone"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$PKG" >/dev/null
dpkg -s "$PKG" >/dev/null 2>&1 && fail "dpkg still lists $PKG after purge"
[ "$(tree_digest "$USER_DATA")" = "$DATA_FILES" ] || fail "purge changed the data folder $USER_DATA"
ok "apt-get purge $PKG: the user's data folder $USER_DATA is still there, unchanged"
echo "PASS: $DEB"
