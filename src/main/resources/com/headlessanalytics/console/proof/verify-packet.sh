#!/usr/bin/env bash
# verify-packet.sh: checks a HeadlessAnalytics .haproof proof packet with unzip, openssl (3.0 or
# later), jq, sha256sum and base64 alone. Usage:
#   bash verify-packet.sh PACKET.haproof [TRUSTED-PUBLIC-KEY.pem]
# Exit 0: VALID. Exit 1: INVALID (a check failed: the packet was changed or signed by another key).
# Exit 2: INDETERMINATE (a check could not run).
set -euo pipefail
export LC_ALL=C
fail() { echo "INVALID: $*" >&2; exit 1; }
cannot() { echo "INDETERMINATE: $*" >&2; exit 2; }
hash() { sha256sum | cut -d' ' -f1; }
bin() { local h=$1 f='' i; for ((i = 0; i < ${#h}; i += 2)); do f+="\\x${h:i:2}"; done; printf "$f"; }
for tool in unzip openssl jq sha256sum base64; do
  command -v "$tool" >/dev/null || cannot "$tool is not installed"
done
[ $# -ge 1 ] && [ -f "$1" ] || cannot "usage: bash verify-packet.sh PACKET.haproof [TRUSTED-PUBLIC-KEY.pem]"
packet=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
trusted=""
if [ $# -ge 2 ]; then
  [ -f "$2" ] || cannot "no key file $2"
  trusted=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Step 1. The zip: each entry once; then unpack it.
unzip -Z1 "$packet" > "$work/entries" 2>/dev/null || fail "not a readable zip"
[ -z "$(sort "$work/entries" | uniq -d)" ] || fail "the zip holds an entry twice"
mkdir "$work/p"
unzip -q "$packet" -d "$work/p" || fail "the zip cannot be unpacked"
cd "$work/p"
[ -f manifest.json ] && [ -f manifest.dsse.json ] || cannot "no manifest.json and manifest.dsse.json"

# Step 2. The key: the one you trust (second argument), else the packet's own public-key.pem.
key=${trusted:-$work/p/public-key.pem}
[ -f "$key" ] || cannot "no public key: give the workspace's key as the second argument"
fp=$(openssl pkey -pubin -in "$key" -outform DER | hash) || fail "$key is not a public key"

# Step 3. The manifest's DSSE signature: Ed25519 over PAE = "DSSEv1 <len> <type> <len> <payload>".
type=$(jq -r .payloadType manifest.dsse.json) || fail "manifest.dsse.json is not JSON"
jq -r .payload manifest.dsse.json | base64 -d > "$work/payload" || fail "the DSSE payload is not base64"
jq -r '.signatures[0].sig' manifest.dsse.json | base64 -d > "$work/sig" || fail "the signature is not base64"
{ printf 'DSSEv1 %d %s %d ' "${#type}" "$type" "$(( $(wc -c < "$work/payload") ))"; cat "$work/payload"; } > "$work/pae"
openssl pkeyutl -verify -pubin -inkey "$key" -rawin -in "$work/pae" -sigfile "$work/sig" >/dev/null \
  || fail "the manifest's signature does not verify with key $fp"
[ "$type" = "application/vnd.headlessanalytics.proof-manifest+json" ] || cannot "unsupported payloadType $type"
[ "$(hash < "$work/payload")" = "$(hash < manifest.json)" ] || fail "manifest.json is not the signed manifest"
[ "$(jq -r .schemaVersion manifest.json)" = "1" ] || cannot "unsupported schemaVersion"
[ "$(jq -r .signer.keyId manifest.json)" = "$fp" ] || fail "the manifest names another signer than key $fp"
[ "$(openssl pkey -pubin -in public-key.pem -outform DER | hash)" = "$fp" ] \
  || fail "public-key.pem is not the key $fp"

# Step 4. The files: exactly those the manifest lists (plus the two manifests), each with its SHA-256.
{ jq -r '.files[].name' manifest.json; echo manifest.json; echo manifest.dsse.json; } | sort > "$work/listed"
[ "$(sort "$work/entries")" = "$(cat "$work/listed")" ] || fail "the zip's entries are not the files the manifest lists"
jq -r '.files[] | "\(.sha256)  \(.name)"' manifest.json | sha256sum --quiet --strict -c - \
  || fail "a file differs from the manifest"

# Step 5. The record counts.
for f in events decisions receipts evidence; do
  [ "$(wc -l < "$f.jsonl")" -eq "$(jq ".counts.$f" manifest.json)" ] || fail "$f.jsonl does not hold the manifest's count"
done

# Step 6. The Merkle root (RFC 6962) over every line of the four files, in this order:
# leaf = SHA-256(0x00 || line without its newline), node = SHA-256(0x01 || left || right).
# Each hash input is written to a numbered file; one sha256sum run hashes a whole level.
hashes() { (cd "$1" && printf '%s\n' * | xargs sha256sum) | cut -d' ' -f1; }
mkdir "$work/leaves"
n=0
for f in events decisions receipts evidence; do
  while IFS= read -r line; do
    n=$((n + 1))
    printf -v name '%09d' "$n"
    printf '\000%s' "$line" > "$work/leaves/$name"
  done < "$f.jsonl"
done
[ "$n" -eq "$(jq .merkle.treeSize manifest.json)" ] || fail "the Merkle tree size is not the manifest's"
if [ "$n" -eq 0 ]; then
  root=$(printf '' | hash)
else
  level=($(hashes "$work/leaves"))
  depth=0
  while [ ${#level[@]} -gt 1 ]; do
    depth=$((depth + 1))
    mkdir "$work/level$depth"
    for ((i = 0; i + 1 < ${#level[@]}; i += 2)); do
      printf -v name '%09d' "$i"
      { printf '\001'; bin "${level[i]}"; bin "${level[i + 1]}"; } > "$work/level$depth/$name"
    done
    next=($(hashes "$work/level$depth"))
    if [ $((${#level[@]} % 2)) -eq 1 ]; then next+=("${level[${#level[@]} - 1]}"); fi
    level=("${next[@]}")
  done
  root=${level[0]}
fi
[ "$root" = "$(jq -r .merkle.root manifest.json)" ] || fail "the Merkle root is not the manifest's"

# Step 7. Every governance record: its recordHash is the SHA-256 of the record without recordHash
# and signature, and its Ed25519 signature over those same bytes is by the key.
for f in decisions receipts; do
  jq -r '[.recordHash, .signature, .keyId] | @tsv' "$f.jsonl" > "$work/$f.fields" || fail "$f.jsonl is not JSON"
  n=0
  while IFS=$'\t' read -r rh sig kid; do
    n=$((n + 1))
    IFS= read -r line <&3
    [ "$kid" = "$fp" ] || fail "$f.jsonl line $n: signed by another key"
    body=${line/",\"recordHash\":\"$rh\""/}
    body=${body/",\"signature\":\"$sig\""/}
    printf '%s' "$body" > "$work/record"
    [ "$(hash < "$work/record")" = "$rh" ] || fail "$f.jsonl line $n: the recordHash does not match the record"
    base64 -d <<< "$sig" > "$work/record.sig" || fail "$f.jsonl line $n: the signature is not base64"
    openssl pkeyutl -verify -pubin -inkey "$key" -rawin -in "$work/record" -sigfile "$work/record.sig" >/dev/null \
      || fail "$f.jsonl line $n: the record's signature does not verify"
  done < "$work/$f.fields" 3< "$f.jsonl"
done

# Step 8. Order and links: seq strictly increasing in each file, receipts only in receipts.jsonl,
# prevHash = the recordHash of the record before wherever seqs are consecutive, and the chain head.
jq -s -e 'map(.seq) as $s | $s == ($s | unique) and all(.[]; .kind != "receipt")' decisions.jsonl >/dev/null \
  || fail "decisions.jsonl: records reordered, duplicated or misfiled"
jq -s -e 'map(.seq) as $s | $s == ($s | unique) and all(.[]; .kind == "receipt")' receipts.jsonl >/dev/null \
  || fail "receipts.jsonl: records reordered, duplicated or misfiled"
jq -s -e 'sort_by(.seq) as $r | ($r | map(.seq) | . == unique) and ([range(1; $r | length)
    | select($r[.].seq == $r[. - 1].seq + 1 and $r[.].prevHash != $r[. - 1].recordHash)] | length == 0)' \
  decisions.jsonl receipts.jsonl >/dev/null || fail "a record's prevHash is not the recordHash of the record before it"
[ "$(jq -s -r 'sort_by(.seq) | last | .recordHash // "none"' decisions.jsonl receipts.jsonl)" \
  = "$(jq -r '.chainHead.recordHash // "none"' manifest.json)" ] || fail "the chain head is not the manifest's"

echo "VALID: proof packet $(jq -r .proofId manifest.json) ($(jq -r .merkle.treeSize manifest.json) records), signed by key $fp"
if [ -z "$trusted" ]; then
  echo "NOTE: checked with the packet's own public-key.pem. Only if $fp is the fingerprint of the workspace key you got from its owner (not from this packet) does VALID mean the workspace signed it."
fi
