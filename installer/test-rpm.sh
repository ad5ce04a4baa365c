#!/usr/bin/env bash
# Check of the .rpm on this (Debian/Ubuntu) machine, where it cannot be installed with its
# dependencies: its metadata (rpm -qpi), declared dependencies (rpm -qpR: gtk3 and xdg-utils),
# file list (rpm -qpl: launcher, runtime, app jar, AppCDS archive, desktop entry, MIME type) and
# scriptlets; then it extracts the payload (rpm2cpio | cpio), runs the extracted CLI (--version,
# and counts the classes it loads from the AppCDS archive) and opens the window under Xvfb,
# screenshot in target/screenshots/rpm-app.png. Exits non-zero on the first failure. Needs rpm,
# cpio, xvfb, xdotool, x11-utils and imagemagick: installed with apt when run as root.
#
#   installer/test-rpm.sh [--reuse] [--no-build]
#
#   --reuse     test the .rpm already in target/dist (built when there is none)
#   --no-build  passed to build-linux.sh: package the existing target/ha-console.jar
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=installer/test-lib.sh
. installer/test-lib.sh

for arg in "$@"; do
  common_option "$arg" || { echo "test-rpm: unknown option $arg" >&2; exit 2; }
done

need_tools rpm:rpm rpm2cpio:rpm2cpio cpio:cpio rpmbuild:rpm
WORK="$(mktemp -d /tmp/ha-rpm-test.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

# --- the .rpm ---------------------------------------------------------------------------------------
RPM="$(first_file "target/dist/$PKG-*.rpm")"
if [ "$REUSE" = 0 ] || [ -z "$RPM" ]; then
  installer/build-linux.sh --type rpm "${BUILD_ARGS[@]}"
  RPM="$(first_file "target/dist/$PKG-*.rpm")"
fi
VERSION="$(rpm -qp --queryformat '%{VERSION}' "$RPM")"
echo "Testing $RPM ($(du -h "$RPM" | cut -f1), version $VERSION)"
rpm -qpi "$RPM" | sed -n 's/^\(Name\|Version\|Release\|Architecture\|Size\|Vendor\|URL\|Summary\) *: /  \1: /p'

# --- dependencies ---------------------------------------------------------------------------------
REQUIRES="$(rpm -qpR "$RPM")"
while read -r line; do echo "  Requires: $line"; done <<< "$REQUIRES"
# JavaFX's GTK glass library is inside the javafx.graphics module: jpackage cannot see it
grep -qx 'gtk3' <<< "$REQUIRES" || fail "Requires lacks gtk3"
grep -qx 'xdg-utils' <<< "$REQUIRES" || fail "Requires lacks xdg-utils (menu entry, MIME type)"
echo "$REQUIRES" | grep -q 'libgtk-3-0' && fail "Requires names the Debian package libgtk-3-0"
ok "rpm -qpR: gtk3 and xdg-utils declared"

# --- files and scriptlets -------------------------------------------------------------------------
FILES="$(rpm -qpl "$RPM")"
for f in "$APPDIR/bin/HeadlessAnalytics" "$APPDIR/lib/app/ha-console.jar" "$APPDIR/lib/app/HeadlessAnalytics.cfg" \
         "$APPDIR/lib/app/ha-console.jsa" "$APPDIR/lib/runtime/bin/java" "$APPDIR/lib/runtime/lib/server/classes.jsa" \
         "$APPDIR/lib/$PKG-HeadlessAnalytics.desktop" "$APPDIR/lib/$PKG-HeadlessAnalytics-MimeInfo.xml"; do
  grep -qx "$f" <<< "$FILES" || fail "rpm -qpl lacks $f"
done
ok "rpm -qpl: $(echo "$FILES" | wc -l) entries, launcher, runtime, app jar, AppCDS archive, desktop entry, MIME type"
SCRIPTS="$(rpm -qp --scripts "$RPM")"
grep -q 'xdg-mime install' <<< "$SCRIPTS" || fail "the post scriptlet does not install the MIME type"
# shellcheck disable=SC2016   # the scriptlet's own $1
grep -q 'if \[ "\$1" = 0 \]' <<< "$SCRIPTS" || fail "the preun scriptlet does not keep to erase"
ok "scriptlets: post installs the desktop entry and MIME type, preun acts on erase only"

# --- extract and run --------------------------------------------------------------------------------
mkdir -p "$WORK/root"
(cd "$WORK/root" && rpm2cpio "$ROOT/$RPM" | cpio -idm --quiet)
LAUNCHER="$WORK/root$APPDIR/bin/HeadlessAnalytics"
[ -x "$LAUNCHER" ] || fail "no launcher in the extracted payload"
ENTRY="$WORK/root$APPDIR/lib/$PKG-HeadlessAnalytics.desktop"
grep -q "^Exec=$APPDIR/bin/HeadlessAnalytics %f$" "$ENTRY" || fail "desktop entry Exec is not '$APPDIR/bin/HeadlessAnalytics %f'"
grep -q '^MimeType=application/x-headlessanalytics-proof' "$ENTRY" || fail "desktop entry lacks the MimeType"
grep -q 'pattern="\*\.haproof"' "$WORK/root$APPDIR/lib/$PKG-HeadlessAnalytics-MimeInfo.xml" || fail "MIME type lacks the *.haproof glob"
ok "desktop entry: Exec ... %f, MimeType application/x-headlessanalytics-proof; MIME glob *.haproof"

export HOME="$WORK/home"
mkdir -p "$HOME"
OUT="$("$LAUNCHER" --version)" || fail "--version exited non-zero"
case "$OUT" in
  "ha-console $VERSION"*) ok "extracted CLI --version: $OUT" ;;
  *) fail "--version printed '$OUT'" ;;
esac
SHARED="$(cds_classes "$LAUNCHER")"
[ "$SHARED" -gt 100 ] || fail "the CLI loaded $SHARED classes from the AppCDS archive (times changed in the package?)"
ok "AppCDS archive used: --version loaded $SHARED classes from it"

mkdir -p target/screenshots
SHOT="$ROOT/target/screenshots/rpm-app.png"
rm -f "$SHOT"
export HA_DATA_DIR="$WORK/data"
RESULT="$(xvfb-run -a -s "-screen 0 1280x800x24" bash -c \
  ". '$ROOT/installer/test-lib.sh'; window_check '$LAUNCHER' '$SHOT' '$WORK/gui.log'")" \
  || { echo "$RESULT"; tail -40 "$WORK/gui.log"; fail "window check"; }
check_window_log "$WORK/gui.log"
COLOURS="$(identify -format '%k' "$SHOT")"
[ "$COLOURS" -gt 50 ] || fail "screenshot looks blank ($COLOURS colours)"
ok "extracted app: $RESULT; screenshot $SHOT ($COLOURS colours)"
echo "PASS: $RPM"
