#!/usr/bin/env bash
# End-to-end check of the Linux installer, as root on Debian/Ubuntu:
# install the .deb with apt, check files, menu entry and icon, run the installed CLI
# (--version, keys create, serve + /api/health + SIGTERM), open the window under Xvfb and
# screenshot it to target/screenshots/installed-app.png, then remove the package and check
# that /opt/headless-analytics-console is gone. Exits non-zero on the first failure.
#
#   installer/test-deb.sh [--reuse] [--no-build]
#
#   --reuse     test the .deb already in target/dist (built when there is none)
#   --no-build  passed to build-linux.sh: package the existing target/ha-console.jar
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PKG=headless-analytics-console
APPDIR=/opt/$PKG
LAUNCHER=$APPDIR/bin/HeadlessAnalytics
REUSE=0
BUILD_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --reuse) REUSE=1 ;;
    --no-build) BUILD_ARGS+=(--no-build) ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test-deb: unknown option $arg" >&2; exit 2 ;;
  esac
done

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
[ "$(id -u)" = 0 ] || fail "run as root (apt-get install/remove)"

WORK="$(mktemp -d /tmp/ha-deb-test.XXXXXX)"
SERVE_PID=""
INSTALLED=0
cleanup() {
  [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null || true
  # on a failure half-way, do not leave the package behind
  if [ "$INSTALLED" = 1 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$PKG" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- tools for the window check ------------------------------------------------------------------
need=()
for pair in xvfb-run:xvfb import:imagemagick xdotool:xdotool xwininfo:x11-utils curl:curl; do
  command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
done
dpkg -s libgtk-3-0 >/dev/null 2>&1 || need+=(libgtk-3-0)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" xauth >/dev/null
fi

# --- the .deb --------------------------------------------------------------------------------------
DEB="$(ls target/dist/${PKG}_*.deb 2>/dev/null | head -1 || true)"
if [ "$REUSE" = 0 ] || [ -z "$DEB" ]; then
  installer/build-linux.sh --type deb "${BUILD_ARGS[@]}"
  DEB="$(ls target/dist/${PKG}_*.deb | head -1)"
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
grep -q "^Exec=$LAUNCHER" "$MENU" || fail "menu entry Exec is not $LAUNCHER"
ICON="$(sed -n 's/^Icon=//p' "$MENU")"
[ -f "$ICON" ] || fail "icon $ICON missing"
[ "$(identify -format '%wx%h' "$ICON")" = 512x512 ] || fail "icon is not 512x512"
ok "menu entry $MENU, icon $ICON"

# --- CLI -----------------------------------------------------------------------------------------
OUT="$("$LAUNCHER" --version)" || fail "--version exited non-zero"
case "$OUT" in
  "ha-console $VERSION"*) ok "--version: $OUT" ;;
  ha-console*) echo "WARN: --version says '$OUT', not $VERSION (the jar manifest has no Implementation-Version)" ;;
  *) fail "--version printed '$OUT'" ;;
esac

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

# --- the window, under Xvfb -----------------------------------------------------------------------
mkdir -p target/screenshots
SHOT="$ROOT/target/screenshots/installed-app.png"
rm -f "$SHOT"
gui_check() {
  # runs inside xvfb-run: start the installed app (no arguments = the console window)
  HA_DATA_DIR="$WORK/gui-data" "$LAUNCHER" > "$WORK/gui.log" 2>&1 &
  local pid=$! win="" size=""
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { echo "the app exited"; return 1; }
    for w in $(xdotool search --onlyvisible --name 'HeadlessAnalytics' 2>/dev/null || true); do
      size="$(xwininfo -id "$w" | awk '/Width:/{w=$2} /Height:/{h=$2} END{print w"x"h}')"
      if [ "${size%x*}" -ge 400 ] && [ "${size#*x}" -ge 300 ]; then win=$w; break 2; fi
    done
    sleep 1
  done
  [ -n "$win" ] || { echo "no window within 60 s"; xwininfo -root -tree; kill "$pid"; return 1; }
  echo "window '$(xdotool getwindowname "$win")' $size"
  sleep 8                                  # let the first screen load before the screenshot
  import -window root "$SHOT"
  kill -0 "$pid" 2>/dev/null || { echo "the app exited after opening its window"; return 1; }
  kill -TERM "$pid"; wait "$pid" || true
}
export WORK LAUNCHER SHOT
xvfb-run -a -s "-screen 0 1280x800x24" bash -c "$(declare -f gui_check); gui_check" \
  || { tail -40 "$WORK/gui.log"; fail "window check"; }
if grep -E 'NoClassDefFoundError|ClassNotFoundException|UnsatisfiedLinkError|Unable to load glass|Module .* not found|Exception in Application' "$WORK/gui.log"; then
  fail "the window run logged a packaging error (above)"
fi
COLOURS="$(identify -format '%k' "$SHOT")"
[ "$COLOURS" -gt 50 ] || fail "screenshot looks blank ($COLOURS colours)"
ok "window shown; screenshot $SHOT ($(identify -format '%wx%h' "$SHOT"), $COLOURS colours)"

# --- remove --------------------------------------------------------------------------------------
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$PKG" >/dev/null
INSTALLED=0
[ ! -e "$APPDIR" ] || fail "$APPDIR still exists after apt-get remove"
[ ! -e "$MENU" ] || fail "$MENU still exists after apt-get remove"
ok "apt-get remove $PKG: $APPDIR and the menu entry are gone"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$PKG" >/dev/null   # drop the dpkg record too
echo "PASS: $DEB"
