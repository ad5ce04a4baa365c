#!/usr/bin/env bash
# Start-up benchmark: time from start to the first window mapped, for the console's app-image
# and for a minimal JavaFX app-image (installer/minimal-fx/MinimalFx.java: one class, one window)
# packaged with the same runtime (target/jpackage/runtime), jpackage and launcher options, each
# with and without its AppCDS archive. One Xvfb; the four variants take turns, N rounds, so
# machine noise hits them alike; prints each variant's median and the ratios console/minimal.
#
#   installer/startup-bench.sh [--runs N] [--build]
#
#   --runs N   rounds (default 7); one warm-up round first is not counted
#   --build    run installer/build-linux.sh --no-build --type app-image first (default: only when
#              target/dist/HeadlessAnalytics or target/jpackage/runtime is missing)
#
# The console starts on a data folder made by the warm-up round (the first start of a new folder
# also creates the database), with the demo offer already answered. Needs xvfb (Xvfb), xdotool
# and a JDK 21+ (found as build-linux.sh finds it). Writes only under target/startup-bench/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

RUNS=7
BUILD=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) shift; RUNS="${1:-}"; [[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "startup-bench: --runs needs a number" >&2; exit 2; } ;;
    --build) BUILD=1 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "startup-bench: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || { echo "startup-bench: needs $tool (apt-get install -y xvfb xdotool)" >&2; exit 1; }
done

CONSOLE="target/dist/HeadlessAnalytics"
RUNTIME="target/jpackage/runtime"
if [ "$BUILD" = 1 ] || [ ! -x "$CONSOLE/bin/HeadlessAnalytics" ] || [ ! -x "$RUNTIME/bin/java" ]; then
  installer/build-linux.sh --no-build --type app-image
fi
[ -f "$CONSOLE/lib/app/ha-console.jsa" ] || { echo "startup-bench: $CONSOLE has no AppCDS archive (built with --no-cds?)" >&2; exit 1; }
# the JDK build-linux.sh picks: JAVA_HOME if it has jpackage, else the newest under /usr/lib/jvm
JDK=""
while read -r d; do
  if [ -n "$d" ] && [ -x "$d/bin/jpackage" ] && [ -x "$d/bin/javac" ]; then JDK="$d"; break; fi
done < <(echo "${JAVA_HOME:-}"; find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -rV)
[ -n "$JDK" ] || { echo "startup-bench: no JDK with jpackage and javac" >&2; exit 1; }

OUT="$ROOT/target/startup-bench"
rm -rf "$OUT"
mkdir -p "$OUT/classes" "$OUT/input" "$OUT/home"

# --- the minimal app-image: same runtime, same launcher options (common.txt's --java-options) -----
"$JDK/bin/javac" --release 21 --module-path target/jpackage/javafx --add-modules javafx.controls \
  -d "$OUT/classes" installer/minimal-fx/MinimalFx.java
"$JDK/bin/jar" --create --file "$OUT/input/minimal-fx.jar" -C "$OUT/classes" .
grep -E '^--java-options' jpackage/common.txt > "$OUT/java-options.txt"
"$JDK/bin/jpackage" --type app-image --name MinimalFx --app-version 1.0 --input "$OUT/input" \
  --main-jar minimal-fx.jar --main-class MinimalFx --runtime-image "$RUNTIME" \
  @"$OUT/java-options.txt" --dest "$OUT" 2>&1 | grep -v 'No JDK Modules' || true
MINIMAL="$OUT/MinimalFx"

# variants without the app archive: hard-linked copies whose launcher config lacks the archive lines
without_cds() {
  local cfg
  cp -al "$1" "$2"
  for cfg in "$1"/lib/app/*.cfg; do
    cfg="lib/app/$(basename "$cfg")"
    rm "$2/$cfg"                           # a new file, not the hard link into the original
    grep -v -e '-XX:SharedArchiveFile=' -e '-Xshare:auto' "$1/$cfg" > "$2/$cfg"
  done
  rm -f "$2"/lib/app/*.jsa
}
without_cds "$CONSOLE" "$OUT/console-nocds"

# --- one Xvfb for the whole run ------------------------------------------------------------------
DISPLAY_NUM=97
while [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ] || [ -e "/tmp/.X$DISPLAY_NUM-lock" ]; do DISPLAY_NUM=$((DISPLAY_NUM + 1)); done
Xvfb ":$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp -noreset > "$OUT/xvfb.log" 2>&1 &
XVFB_PID=$!
APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ]; then kill -KILL "$APP_PID" 2>/dev/null || true; fi
  kill "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY=":$DISPLAY_NUM"
for _ in $(seq 1 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
export HOME="$OUT/home"
export HA_DATA_DIR="$OUT/home/data"

# the minimal app's own archive, from a training run like build-linux.sh's
JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$MINIMAL/lib/app/minimal-fx.jsa" "$MINIMAL/bin/MinimalFx" > "$OUT/minimal-train.log" 2>&1 &
APP_PID=$!
timeout 60 xdotool search --sync --onlyvisible --name '^Minimal FX$' >/dev/null
sleep 2
kill -TERM "$APP_PID"; wait "$APP_PID" || true
APP_PID=""
[ -s "$MINIMAL/lib/app/minimal-fx.jsa" ] || { echo "startup-bench: the minimal app's training run wrote no archive" >&2; exit 1; }
without_cds "$MINIMAL" "$OUT/minimal-nocds"
awk '{ print } /^\[JavaOptions\]/ { print "java-options=-XX:SharedArchiveFile=$APPDIR/minimal-fx.jsa"; print "java-options=-Xshare:auto" }' \
  "$MINIMAL/lib/app/MinimalFx.cfg" > "$OUT/MinimalFx.cfg" && mv "$OUT/MinimalFx.cfg" "$MINIMAL/lib/app/MinimalFx.cfg"

# milliseconds from start to TITLE's window being mapped; the app is then stopped
time_to_window() {
  local launcher="$1" title="$2" t0 t1
  t0=$(date +%s%N)
  "$launcher" > "$OUT/last-run.log" 2>&1 &
  APP_PID=$!
  until xdotool search --onlyvisible --name "^$title\$" >/dev/null 2>&1; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "startup-bench: $launcher exited before its window" >&2; cat "$OUT/last-run.log" >&2; exit 1; }
    t1=$(date +%s%N)
    [ $(((t1 - t0) / 1000000)) -lt 120000 ] || { echo "startup-bench: no window from $launcher in 120 s" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  kill -TERM "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
  echo $(((t1 - t0) / 1000000))
}

NAMES=(console console-nocds minimal minimal-nocds)
LAUNCHERS=("$CONSOLE/bin/HeadlessAnalytics" "$OUT/console-nocds/bin/HeadlessAnalytics" "$MINIMAL/bin/MinimalFx" "$OUT/minimal-nocds/bin/MinimalFx")
TITLES=("HeadlessAnalytics Console" "HeadlessAnalytics Console" "Minimal FX" "Minimal FX")

echo "Warm-up round (creates the console's data folder, fills the JavaFX native cache)"
for i in 0 1 2 3; do time_to_window "${LAUNCHERS[$i]}" "${TITLES[$i]}" >/dev/null; done
# the demo offer is answered, so no dialog follows the window
sed -i 's/"demoOffered" *: *false/"demoOffered" : true/' "$HA_DATA_DIR/console-settings.json" 2>/dev/null \
  || echo '{"demoOffered":true}' > "$HA_DATA_DIR/console-settings.json"

declare -A TIMES
for round in $(seq 1 "$RUNS"); do
  line="round $round:"
  for i in 0 1 2 3; do
    ms="$(time_to_window "${LAUNCHERS[$i]}" "${TITLES[$i]}")"
    TIMES[${NAMES[$i]}]+="$ms "
    line="$line ${NAMES[$i]} $ms"
  done
  echo "$line"
done

median() { tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
echo
echo "Start to first window mapped, median of $RUNS (ms), $(nproc) cores, Xvfb, load average now $(cut -d' ' -f1-3 /proc/loadavg):"
declare -A MED
for name in "${NAMES[@]}"; do
  MED[$name]="$(median "${TIMES[$name]}")"
  printf '  %-14s %6s   (%s)\n' "$name" "${MED[$name]}" "${TIMES[$name]% }"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "Ratios (target <= 1.0):"
echo "  console / minimal, both with AppCDS:        $(ratio "${MED[console]}" "${MED[minimal]}")"
echo "  console / minimal, both without AppCDS:     $(ratio "${MED[console-nocds]}" "${MED[minimal-nocds]}")"
echo "  console with / without its AppCDS archive:  $(ratio "${MED[console]}" "${MED[console-nocds]}")"
echo "  archive sizes: console $(du -h "$CONSOLE/lib/app/ha-console.jsa" | cut -f1), minimal $(du -h "$MINIMAL/lib/app/minimal-fx.jsa" | cut -f1)"
