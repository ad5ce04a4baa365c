#!/usr/bin/env bash
# macOS signing and notarisation helpers for installer/build-macos.sh and the CI workflow.
# Used only when the secrets are present; nothing here runs for an unsigned build.
#
#   installer/macos-sign.sh import-keychain   (CI) put the Developer ID certificates into a new
#                                             temporary keychain and add it to the search list;
#                                             prints MACOS_SIGNING_KEYCHAIN=<path> (and appends it
#                                             to $GITHUB_ENV when that is set)
#       needs MACOS_CERTIFICATE_P12_BASE64 (a .p12 holding "Developer ID Application: ..." and
#       "Developer ID Installer: ...", base64) and MACOS_CERTIFICATE_PASSWORD
#   installer/macos-sign.sh delete-keychain   (CI) remove that keychain again
#   installer/macos-sign.sh sign-dmg FILE     sign a disk image with the Developer ID Application
#                                             certificate of MACOS_SIGNING_IDENTITY
#   installer/macos-sign.sh notarize FILE     submit a .dmg or .pkg to Apple's notary service, wait,
#                                             fail with its log unless Accepted, staple the ticket
#       needs MACOS_NOTARY_PROFILE (a profile saved by xcrun notarytool store-credentials), or
#       APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD (an app-specific password)
set -euo pipefail

die() { echo "macos-sign: $*" >&2; exit 1; }
need() { [ -n "${!1:-}" ] || die "$1 is not set"; }

keychain_path() { echo "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/ha-signing.keychain-db"; }

notary_auth() {
  if [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
    AUTH=(--keychain-profile "$MACOS_NOTARY_PROFILE")
    if [ -n "${MACOS_SIGNING_KEYCHAIN:-}" ]; then AUTH+=(--keychain "$MACOS_SIGNING_KEYCHAIN"); fi
  else
    need APPLE_ID; need APPLE_TEAM_ID; need APPLE_APP_PASSWORD
    AUTH=(--apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" --password "$APPLE_APP_PASSWORD")
  fi
}

json_field() { sed -n "s/.*\"$1\" *: *\"\\([^\"]*\\)\".*/\\1/p" | head -1; }

case "${1:-}" in
  import-keychain)
    need MACOS_CERTIFICATE_P12_BASE64; need MACOS_CERTIFICATE_PASSWORD
    KEYCHAIN="$(keychain_path)"
    PASSWORD="$(openssl rand -hex 24)"
    P12="$(mktemp "${TMPDIR:-/tmp}/ha-cert.XXXXXX")"
    trap 'rm -f "$P12"' EXIT
    printf '%s' "$MACOS_CERTIFICATE_P12_BASE64" | base64 --decode > "$P12"
    security create-keychain -p "$PASSWORD" "$KEYCHAIN"
    security set-keychain-settings -lut 21600 "$KEYCHAIN"          # stays unlocked for 6 hours
    security unlock-keychain -p "$PASSWORD" "$KEYCHAIN"
    security import "$P12" -k "$KEYCHAIN" -f pkcs12 -P "$MACOS_CERTIFICATE_PASSWORD" \
      -T /usr/bin/codesign -T /usr/bin/productbuild -T /usr/bin/pkgbuild
    # let codesign and productbuild use the keys without a prompt
    security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$PASSWORD" "$KEYCHAIN" >/dev/null
    # search it first, keeping the user's other keychains
    existing=()
    while IFS= read -r line; do
      line="${line#"${line%%[![:space:]]*}"}"; line="${line%\"}"; line="${line#\"}"
      if [ -n "$line" ]; then existing+=("$line"); fi
    done < <(security list-keychains -d user)
    security list-keychains -d user -s "$KEYCHAIN" ${existing[@]+"${existing[@]}"}
    identities="$(security find-identity -v -p codesigning "$KEYCHAIN" | grep -c 'Developer ID Application' || true)"
    [ "$identities" -ge 1 ] || die "no 'Developer ID Application' identity in the imported certificate"
    echo "MACOS_SIGNING_KEYCHAIN=$KEYCHAIN"
    if [ -n "${GITHUB_ENV:-}" ]; then echo "MACOS_SIGNING_KEYCHAIN=$KEYCHAIN" >> "$GITHUB_ENV"; fi
    ;;
  delete-keychain)
    KEYCHAIN="$(keychain_path)"
    if [ -f "$KEYCHAIN" ]; then security delete-keychain "$KEYCHAIN"; echo "deleted $KEYCHAIN"; fi
    ;;
  sign-dmg)
    FILE="${2:?sign-dmg needs a file}"
    need MACOS_SIGNING_IDENTITY
    args=(--force --timestamp --sign "Developer ID Application: $MACOS_SIGNING_IDENTITY")
    if [ -n "${MACOS_SIGNING_KEYCHAIN:-}" ]; then args+=(--keychain "$MACOS_SIGNING_KEYCHAIN"); fi
    codesign "${args[@]}" "$FILE"
    codesign --verify --verbose=2 "$FILE"
    ;;
  notarize)
    FILE="${2:?notarize needs a file}"
    [ -f "$FILE" ] || die "$FILE not found"
    notary_auth
    echo "Notarising $FILE (this waits for Apple's answer, usually a few minutes)"
    RESULT="$(xcrun notarytool submit "$FILE" "${AUTH[@]}" --wait --output-format json)" || {
      echo "$RESULT" >&2; die "notarytool submit failed for $FILE"; }
    STATUS="$(printf '%s' "$RESULT" | json_field status)"
    ID="$(printf '%s' "$RESULT" | json_field id)"
    if [ "$STATUS" != Accepted ]; then
      echo "$RESULT" >&2
      if [ -n "$ID" ]; then xcrun notarytool log "$ID" "${AUTH[@]}" >&2 || true; fi
      die "$FILE: notarisation status '${STATUS:-unknown}' (submission ${ID:-?}), log above"
    fi
    xcrun stapler staple "$FILE"
    xcrun stapler validate "$FILE"
    echo "Notarised and stapled: $FILE (submission $ID)"
    ;;
  *)
    sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'
    [ "${1:-}" = -h ] || [ "${1:-}" = --help ] || exit 2
    ;;
esac
