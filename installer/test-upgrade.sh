#!/usr/bin/env bash
# Upgrade test of the .deb, as root on Debian/Ubuntu (run by hand; it takes minutes):
#  1. builds the PREVIOUS version's .deb from an older commit (a git worktree of REF, its pom
#     version lowered to PREV_VERSION, packaged by that commit's own installer/build-linux.sh);
#  2. installs it, and as a test user (useradd ha-upgrade-test) ingests demo events with the CLI
#     into the default data folder (~/.local/share/headless-analytics), queries the metrics,
#     opens the window under Xvfb and saves console settings (operator, theme, window size);
#  3. installs this tree's .deb over it (apt-get install, an upgrade) and checks: the package
#     install left the data folder untouched; --version is the new one; the same query gives the
#     same answer and the event count is right (the projection snapshot reused or rebuilt: its
#     log line is shown when the engine writes one); the window opens at the saved size and the
#     settings are still there;
#  4. purges the package (the data folder stays), removes the test user and the worktree.
# Exits non-zero on the first failure.
#
#   installer/test-upgrade.sh [--previous REF] [--previous-version X.Y.Z] [--reuse] [--no-build]
#
#   --previous REF            the older commit (default ac2eefb: main before issue 13)
#   --previous-version X.Y.Z  the version the older build gets (default 0.0.1; below this tree's)
#   --reuse                   reuse target/upgrade/previous.deb and target/dist's .deb when present
#   --no-build                passed to build-linux.sh for this tree's .deb
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=installer/test-lib.sh
. installer/test-lib.sh

PREVIOUS=ac2eefb
PREV_VERSION=0.0.1
while [ $# -gt 0 ]; do
  case "$1" in
    --previous) shift; PREVIOUS="${1:?--previous needs a commit}" ;;
    --previous-version) shift; PREV_VERSION="${1:?--previous-version needs a version}" ;;
    *) common_option "$1" || { echo "test-upgrade: unknown option $1 (try --help)" >&2; exit 2; } ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || fail "run as root (apt-get install, useradd)"
# shellcheck disable=SC2119   # no extra tools
need_tools

TEST_USER=ha-upgrade-test
TEST_HOME=/home/$TEST_USER
USER_DATA=$TEST_HOME/.local/share/headless-analytics
UPGRADE="$ROOT/target/upgrade"
PREV_TREE="$UPGRADE/previous-tree"
INSTALLED=0
cleanup() {
  if [ "$INSTALLED" = 1 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$PKG" >/dev/null 2>&1 || true
  fi
  if id "$TEST_USER" >/dev/null 2>&1; then userdel -r "$TEST_USER" >/dev/null 2>&1 || true; fi
  if [ -d "$PREV_TREE" ]; then git -C "$ROOT" worktree remove --force "$PREV_TREE" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# as the test user, with a clean environment (Java takes user.home from the password database)
as_user() {
  runuser -u "$TEST_USER" -- env -i HOME="$TEST_HOME" USER="$TEST_USER" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"
}

# --- the previous version's .deb -----------------------------------------------------------------------
mkdir -p "$UPGRADE"
PREV_DEB="$UPGRADE/previous.deb"
if [ "$REUSE" = 0 ] || [ ! -f "$PREV_DEB" ]; then
  git -C "$ROOT" rev-parse --verify -q "$PREVIOUS^{commit}" >/dev/null || fail "no commit $PREVIOUS"
  if [ -d "$PREV_TREE" ]; then git -C "$ROOT" worktree remove --force "$PREV_TREE"; fi
  git -C "$ROOT" worktree add --detach "$PREV_TREE" "$PREVIOUS" >/dev/null
  CURRENT="$(sed -n 's/^version=//p' "$ROOT/target/maven-archiver/pom.properties" 2>/dev/null || true)"
  # the project's own <version> is the first one after its artifactId
  awk -v v="$PREV_VERSION" '
    !done && /<artifactId>ha-console<\/artifactId>/ { seen = 1 }
    !done && seen && /<version>[^<]*<\/version>/ { sub(/<version>[^<]*<\/version>/, "<version>" v "</version>"); done = 1 }
    { print }' "$PREV_TREE/pom.xml" > "$PREV_TREE/pom.xml.new" && mv "$PREV_TREE/pom.xml.new" "$PREV_TREE/pom.xml"
  echo "Building $PREVIOUS ($(git -C "$ROOT" log -1 --format=%s "$PREVIOUS" | cut -c1-60)…) as version $PREV_VERSION${CURRENT:+ (this tree: $CURRENT)}"
  (cd "$PREV_TREE" && mvn -B -q -o -DskipTests package && installer/build-linux.sh --no-build --type deb) \
    > "$UPGRADE/previous-build.log" 2>&1 || { tail -30 "$UPGRADE/previous-build.log"; fail "building $PREVIOUS"; }
  cp "$(first_file "$PREV_TREE/target/dist/${PKG}_*.deb")" "$PREV_DEB"
  git -C "$ROOT" worktree remove --force "$PREV_TREE"
fi
[ "$(dpkg-deb -f "$PREV_DEB" Version)" = "$PREV_VERSION" ] || fail "$PREV_DEB is version $(dpkg-deb -f "$PREV_DEB" Version), not $PREV_VERSION"

# --- this tree's .deb ------------------------------------------------------------------------------------
NEW_DEB="$(first_file "target/dist/${PKG}_*.deb")"
if [ "$REUSE" = 0 ] || [ -z "$NEW_DEB" ]; then
  installer/build-linux.sh --type deb "${BUILD_ARGS[@]}"
  NEW_DEB="$(first_file "target/dist/${PKG}_*.deb")"
fi
# a copy: a build running beside this test may replace target/dist's
cp "$NEW_DEB" "$UPGRADE/new.deb"
NEW_DEB=target/upgrade/new.deb
NEW_VERSION="$(dpkg-deb -f "$NEW_DEB" Version)"
dpkg --compare-versions "$NEW_VERSION" gt "$PREV_VERSION" || fail "$NEW_VERSION is not above $PREV_VERSION"
echo "Upgrade: $PREV_DEB ($PREV_VERSION, $(du -h "$PREV_DEB" | cut -f1)) -> $NEW_DEB ($NEW_VERSION, $(du -h "$NEW_DEB" | cut -f1))"

# --- the previous version, with data and settings ----------------------------------------------------------
if dpkg -s "$PKG" >/dev/null 2>&1; then DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$PKG" >/dev/null; fi
if id "$TEST_USER" >/dev/null 2>&1; then userdel -r "$TEST_USER" >/dev/null 2>&1 || true; fi
useradd -m -d "$TEST_HOME" -s /bin/sh "$TEST_USER"
INSTALLED=1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$PREV_DEB" >/dev/null
OUT="$(as_user "$LAUNCHER" --version)"
case "$OUT" in "ha-console $PREV_VERSION"*) ok "installed $PREV_VERSION: $OUT" ;; *) fail "previous --version: $OUT" ;; esac

EVENTS=3000
as_user "$LAUNCHER" demo generate --events "$EVENTS" --seed 13 --days 30 --end 2026-11-30T00:00:00Z \
  --out "$TEST_HOME/events.ndjson" > "$UPGRADE/demo.log" 2>&1 || { cat "$UPGRADE/demo.log"; fail "demo generate"; }
as_user "$LAUNCHER" ingest "$TEST_HOME/events.ndjson" > "$UPGRADE/ingest.log" 2>&1 \
  || { cat "$UPGRADE/ingest.log"; fail "ingest into the default data folder"; }
[ -d "$USER_DATA" ] || fail "ingest did not use the default data folder $USER_DATA"
ok "$PREVIOUS: ingested $EVENTS events into $USER_DATA ($(tail -1 "$UPGRADE/ingest.log"))"
QUERY=(query metrics --from 2026-10-01T00:00:00Z --to 2026-12-01T00:00:00Z --interval week)
as_user "$LAUNCHER" "${QUERY[@]}" > "$UPGRADE/answer-before.json" 2> "$UPGRADE/query-before.log" \
  || { cat "$UPGRADE/query-before.log"; fail "query metrics (previous)"; }
as_user "$LAUNCHER" events --limit $((EVENTS + 1)) > "$UPGRADE/events-before.json" 2>> "$UPGRADE/query-before.log" \
  || fail "events (previous)"
TOTAL="$(grep -o '"totalEvents" *: *[0-9]*' "$UPGRADE/answer-before.json" | grep -o '[0-9]*$' || true)"
[ "$TOTAL" = "$EVENTS" ] || fail "the previous version counts ${TOTAL:-no} events, not $EVENTS"
ok "$PREVIOUS: query metrics counts $TOTAL events"

# the previous version's window (its first start on this folder), then the settings a user saves
cp installer/test-lib.sh "$TEST_HOME/test-lib.sh"
chown "$TEST_USER" "$TEST_HOME/test-lib.sh"
RESULT="$(as_user xvfb-run -a -s "-screen 0 1280x800x24" bash -c \
  ". '$TEST_HOME/test-lib.sh'; window_check '$LAUNCHER' '$TEST_HOME/before.png' '$TEST_HOME/gui-before.log'")" \
  || { echo "$RESULT"; tail -30 "$TEST_HOME/gui-before.log"; fail "previous version's window"; }
ok "$PREVIOUS: $RESULT"
# what the window saves on close (console-settings.json), with a size other than the default
SETTINGS="$USER_DATA/console-settings.json"
cat > "$SETTINGS" <<'JSON'
{
  "appearance" : "DARK",
  "x" : 20.0,
  "y" : 10.0,
  "width" : 1100.0,
  "height" : 700.0,
  "maximized" : false,
  "demoOffered" : true,
  "operatorName" : "Upgrade Tester",
  "approvalThreshold" : "250.00"
}
JSON
chown "$TEST_USER:" "$SETTINGS"
BEFORE="$(tree_digest "$USER_DATA")"
SETTINGS_SUM="$(sha256sum < "$SETTINGS")"
ok "data folder before the upgrade: $(find "$USER_DATA" -type f | wc -l) files, $(du -sh "$USER_DATA" | cut -f1); settings saved (1100x700, DARK, operator)"

# --- the upgrade ------------------------------------------------------------------------------------------------
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$ROOT/$NEW_DEB" >/dev/null
dpkg -s "$PKG" | grep -q "^Version: $NEW_VERSION$" || fail "dpkg does not list $PKG $NEW_VERSION after the upgrade"
[ "$(tree_digest "$USER_DATA")" = "$BEFORE" ] || fail "installing $NEW_VERSION changed the data folder"
ok "upgraded to $NEW_VERSION with apt-get install; the data folder is untouched by the package"
OUT="$(as_user "$LAUNCHER" --version)"
case "$OUT" in "ha-console $NEW_VERSION"*) ok "--version: $OUT" ;; *) fail "new --version: $OUT" ;; esac

as_user "$LAUNCHER" --verbose "${QUERY[@]}" > "$UPGRADE/answer-after.json" 2> "$UPGRADE/query-after.log" \
  || { cat "$UPGRADE/query-after.log"; fail "query metrics (new)"; }
# the answers without their proof's query id and time, which differ on every query
same_answer() { sed -E 's/"(queryId|generatedAt)" *: *("[^"]*"|[0-9]+)//g' "$1"; }
if cmp -s <(same_answer "$UPGRADE/answer-before.json") <(same_answer "$UPGRADE/answer-after.json"); then
  ok "query metrics after the upgrade: the same answer ($TOTAL events, series, actors, revenue)"
else
  diff <(head -c 3000 "$UPGRADE/answer-before.json") <(head -c 3000 "$UPGRADE/answer-after.json") | head -20
  fail "query metrics answers differently after the upgrade (target/upgrade/answer-*.json)"
fi
SNAPSHOT_LINES="$(grep -i 'snapshot' "$UPGRADE/query-after.log" || true)"
if [ -n "$SNAPSHOT_LINES" ]; then
  ok "projection snapshot: $(echo "$SNAPSHOT_LINES" | head -2 | tr '\n' ' ')"
else
  echo "NOTE: the engine logged no projection snapshot line (none in this version, or it says nothing at INFO)"
fi
as_user "$LAUNCHER" events --limit $((EVENTS + 1)) > "$UPGRADE/events-after.json" 2>> "$UPGRADE/query-after.log" \
  || fail "events (new)"
cmp -s <(same_answer "$UPGRADE/events-before.json") <(same_answer "$UPGRADE/events-after.json") \
  || fail "the events read back differently after the upgrade (target/upgrade/events-*.json)"
ok "events after the upgrade: all $EVENTS read back as before"

RESULT="$(as_user xvfb-run -a -s "-screen 0 1280x800x24" bash -c \
  ". '$TEST_HOME/test-lib.sh'; window_check '$LAUNCHER' '$TEST_HOME/after.png' '$TEST_HOME/gui-after.log'")" \
  || { echo "$RESULT"; tail -30 "$TEST_HOME/gui-after.log"; fail "new version's window"; }
check_window_log "$TEST_HOME/gui-after.log"
mkdir -p target/screenshots
cp "$TEST_HOME/after.png" target/screenshots/upgraded-app.png
[ "$RESULT" = "window 1100x700" ] || fail "the new version's $RESULT, not the saved 1100x700"
[ "$(sha256sum < "$SETTINGS")" = "$SETTINGS_SUM" ] || fail "the settings file changed"
ok "$NEW_VERSION: $RESULT (the saved size); settings intact; screenshot target/screenshots/upgraded-app.png"

# --- purge: the data folder stays ---------------------------------------------------------------------------------
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$PKG" >/dev/null
INSTALLED=0
[ ! -e "$APPDIR" ] || fail "$APPDIR still exists after purge"
[ -f "$SETTINGS" ] || fail "purge removed the settings file"
[ -n "$(find "$USER_DATA" -name '*.mv.db' | head -1)" ] || fail "purge removed the data folder's database"
ok "apt-get purge: $APPDIR gone, $USER_DATA kept"
echo "PASS: upgrade $PREV_VERSION ($PREVIOUS) -> $NEW_VERSION"
