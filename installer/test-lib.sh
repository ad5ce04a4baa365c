# Shared by installer/test-deb.sh, test-rpm.sh and test-upgrade.sh (sourced, not run).
# shellcheck shell=bash

# shellcheck disable=SC2034   # the scripts that source this file use these
{
  PKG=headless-analytics-console
  APPDIR=/opt/$PKG
  LAUNCHER=$APPDIR/bin/HeadlessAnalytics
  REUSE=0
  BUILD_ARGS=()
}

# Takes ARG when it is one of the options every test script has (--reuse, --no-build, --help: the
# script's head comment down to `set -euo pipefail`); returns 1 for any other.
common_option() {
  # shellcheck disable=SC2034   # REUSE is the sourcing script's
  case "$1" in
    --reuse) REUSE=1 ;;
    --no-build) BUILD_ARGS+=(--no-build) ;;
    -h|--help) sed -n '2,/^set -euo pipefail/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) return 1 ;;
  esac
}

# The first file matching the glob PATTERN, or nothing.
first_file() {
  local f
  for f in $1; do [ -e "$f" ] && { echo "$f"; return 0; }; done
  return 0
}

# One digest of every file's path and content under DIR.
tree_digest() {
  (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum | sha256sum | cut -c1-16)
}

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# Installs (as root, with apt) the tools the window and package checks need, if any is missing.
need_tools() {
  local need=() pair
  for pair in xvfb-run:xvfb import:imagemagick xdotool:xdotool xwininfo:x11-utils curl:curl \
              xdg-mime:xdg-utils update-desktop-database:desktop-file-utils "$@"; do
    command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
  done
  dpkg -s libgtk-3-0 >/dev/null 2>&1 || need+=(libgtk-3-0)
  [ ${#need[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || fail "missing ${need[*]}: apt-get install -y ${need[*]}"
  echo "Installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" xauth >/dev/null
}

# Runs inside xvfb-run: starts LAUNCHER (no arguments: the console window) with its output in LOG,
# waits up to 60 s for a visible "HeadlessAnalytics Console" window of at least 400x300, lets the
# first screen load, screenshots the screen to SHOT and stops the app with SIGTERM. Prints
# "window WIDTHxHEIGHT". The caller sets HOME / HA_DATA_DIR for the app.
window_check() {
  local launcher="$1" shot="$2" log="$3" pid win="" size="" w
  "$launcher" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { echo "the app exited (log: $log)"; return 1; }
    for w in $(xdotool search --onlyvisible --name '^HeadlessAnalytics Console$' 2>/dev/null || true); do
      size="$(xwininfo -id "$w" | awk '/Width:/{w=$2} /Height:/{h=$2} END{print w"x"h}')"
      if [ "${size%x*}" -ge 400 ] && [ "${size#*x}" -ge 300 ]; then win=$w; break 2; fi
    done
    sleep 1
  done
  [ -n "$win" ] || { echo "no window within 60 s"; xwininfo -root -tree | head -30; kill "$pid"; return 1; }
  sleep 8                                  # let the first screen load before the screenshot
  import -window root "$shot"
  kill -0 "$pid" 2>/dev/null || { echo "the app exited after opening its window"; return 1; }
  kill -TERM "$pid"; wait "$pid" || true
  echo "window $size"
}

# Fails when a window run's log shows a packaging error.
check_window_log() {
  if grep -E 'NoClassDefFoundError|ClassNotFoundException|UnsatisfiedLinkError|Unable to load glass|Module .* not found|Exception in Application' "$1"; then
    fail "the window run logged a packaging error (above)"
  fi
}

# The number of classes LAUNCHER --version loads from the app's AppCDS archive (0: not used).
cds_classes() {
  local log
  log="$(mktemp)"
  JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$log" "$1" --version >/dev/null 2>&1 || true
  grep -c 'source: shared objects file (top)' "$log" || true
  rm -f "$log"
}
