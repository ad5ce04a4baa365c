package com.headlessanalytics.console.proof;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@code VERIFY.md}: how an auditor checks a packet without this software, with one bash script
 * that needs only unzip, openssl, jq, sha256sum and base64 (the steps docs/governance.md lists,
 * and which {@code VerifyGuideScriptTest} runs on real packets).
 */
public final class VerifyGuide {
    private static final String SCRIPT = load();

    private VerifyGuide() {
    }

    /** The auditor's script, as VERIFY.md holds it. */
    public static String script() {
        return SCRIPT;
    }

    /** The VERIFY.md of a packet. */
    public static String markdown(String proofId, String title, String keyId, long createdAt) {
        String packet = proofId + PacketFormat.EXTENSION;
        return "# Verifying proof packet " + proofId + "\n"
                + "\n"
                + "- Title: " + oneLine(title) + "\n"
                + "- Created: " + Instant.ofEpochMilli(createdAt) + "\n"
                + "- Signed by the Ed25519 key with fingerprint (key id)\n"
                + "  `" + keyId + "`\n"
                + "  (the SHA-256 of the public key's DER bytes:\n"
                + "  `openssl pkey -pubin -in public-key.pem -outform DER | sha256sum`).\n"
                + "\n"
                + "Get the workspace's public key from its owner by a channel other than this packet (the"
                + " console's\nGovernance settings, or `GET /api/governance/public-key`), and check that its"
                + " fingerprint is the one\nabove. A packet checked only against its own `public-key.pem`"
                + " proves it is intact, not who made it.\n"
                + "\n"
                + "## What the packet holds\n"
                + "\n"
                + "| file | what |\n"
                + "|---|---|\n"
                + "| `events.jsonl` | the stored events of the selection, one RFC 8785 canonical JSON object a line |\n"
                + "| `decisions.jsonl` | the governance records (decisions, grants, contracts), in chain order |\n"
                + "| `receipts.jsonl` | the enforcement receipts, in chain order |\n"
                + "| `evidence.jsonl` | the evidence attached to the export and to its decisions |\n"
                + "| `public-key.pem` | the signing key (Ed25519, SPKI PEM) |\n"
                + "| `compliance.json` | which records evidence which control (SOC 2, ISO 27001, EU AI Act, PCI DSS,"
                + " HIPAA) |\n"
                + "| `manifest.json` | every other file's SHA-256 and size, the record counts, the chain head, the"
                + " time window and the Merkle root |\n"
                + "| `manifest.dsse.json` | the DSSE envelope: the manifest signed with the key |\n"
                + "\n"
                + "Every governance record carries `seq`, `prevHash` (the `recordHash` of record `seq - 1`),"
                + " `recordHash`\n(SHA-256 of the record's canonical JSON without `recordHash` and `signature`),"
                + " `keyId` and `signature`\n(Ed25519 over those same bytes, base64).\n"
                + "\n"
                + "## With the console's command line\n"
                + "\n"
                + "    ha-console verify " + packet + " --key workspace-public-key.pem\n"
                + "\n"
                + "Exit 0 valid, 1 invalid, 2 indeterminate (a check could not run), with the reason.\n"
                + "\n"
                + "## With openssl, jq and sha256sum alone\n"
                + "\n"
                + "Needs bash, coreutils (`sha256sum`, `base64`, `wc`, `sort`, `mktemp`), `unzip`, `jq` and"
                + " OpenSSL 3.0\nor later (for Ed25519 with `-rawin`). Save the script below as"
                + " `verify-packet.sh` and run\n"
                + "\n"
                + "    bash verify-packet.sh " + packet + " workspace-public-key.pem\n"
                + "\n"
                + "It stops at the first failed check and says which (exit 1), prints `VALID` when all pass"
                + " (exit 0),\nand exits 2 when a check cannot run. Its steps:\n"
                + "\n"
                + "1. List the zip's entries (each must appear once) and unpack it.\n"
                + "2. Take the key you trust; without one, the packet's `public-key.pem` (then compare its"
                + " fingerprint).\n"
                + "3. Verify the DSSE signature: decode `payload` and `signatures[0].sig` from"
                + " `manifest.dsse.json`,\n   build PAE = `DSSEv1 <bytes of type> <type> <bytes of payload>"
                + " <payload>`, verify it with\n   `openssl pkeyutl -verify -pubin -inkey KEY -rawin -in pae.bin"
                + " -sigfile sig.bin`; only then read\n   the payload: its type must be `" + PacketFormat.PAYLOAD_TYPE
                + "`,\n   it must equal `manifest.json` byte for byte, and name the key as signer.\n"
                + "4. Check that the zip holds exactly the files `manifest.json` lists (plus the two manifests)"
                + " and\n   that each has its SHA-256 (`sha256sum -c`).\n"
                + "5. Count the lines of each `.jsonl` file against `counts`.\n"
                + "6. Recompute the RFC 6962 Merkle root over every line of `events.jsonl`, `decisions.jsonl`,\n"
                + "   `receipts.jsonl` and `evidence.jsonl`, in that order: leaf = SHA-256(0x00 ‖ line without"
                + " its\n   newline), node = SHA-256(0x01 ‖ left ‖ right), a tree of n leaves split at the"
                + " largest power\n   of two below n; compare with `merkle.root` and `merkle.treeSize`.\n"
                + "7. For every governance record, recompute `recordHash` and verify its `signature` with the"
                + " key.\n"
                + "8. Check `seq` rises strictly in each file, receipts sit only in `receipts.jsonl`, each"
                + " `prevHash`\n   is the `recordHash` of the record before wherever seqs are consecutive, and"
                + " the last record is\n   the manifest's `chainHead`.\n"
                + "\n"
                + "```bash\n"
                + SCRIPT
                + "```\n";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
    }

    private static String load() {
        try (InputStream in = VerifyGuide.class.getResourceAsStream("verify-packet.sh")) {
            if (in == null) {
                throw new IllegalStateException("verify-packet.sh is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
