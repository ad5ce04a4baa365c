package com.headlessanalytics.console.ui.prooftrails;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.InMemoryGovernanceApi;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.ui.common.TestClock;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProofTrailsViewModelTest {
    static final Instant NOW = Instant.parse("2026-05-28T12:00:00Z");
    static final long T = NOW.toEpochMilli();

    @TempDir
    Path dir;
    final InMemoryGovernanceApi api = new InMemoryGovernanceApi();
    final TestDialogs dialogs = new TestDialogs();
    final TestTasks tasks = TestTasks.direct();
    final List<Path> verified = new ArrayList<>();
    PacketVerification.Verdict answer;
    final ProofTrailsViewModel model = new ProofTrailsViewModel(() -> api, tasks, dialogs, packet -> {
        verified.add(packet);
        if (answer == null) {
            throw new IOException("Permission denied");
        }
        return answer;
    }, new TestClock(NOW), ZoneOffset.UTC);

    static ProofTrails.Trail trail(String id, String title, ProofTrails.Push push) {
        return new ProofTrails.Trail(id, title, T - 3_600_000L, "operator:ann", new ProofTrails.Counts(1200, 14, 3, 2),
                "5e".repeat(32), "c0".repeat(32), "/data/proofs/" + id + ".haproof", 1_536_000, "aa".repeat(32), push);
    }

    @Test
    void listsThePacketsExportedWithCountsMerkleRootAndPushStatus() {
        api.trails.add(trail("prf_2", "Q3 ads spend: SOC 2", new ProofTrails.Push("delivered",
                "https://sp.example/in", 1, 201, null, T)));
        api.trails.add(trail("prf_1", "Trace 42", null));
        model.activate();
        assertThat(api.calls).startsWith("proofTrails", "proofPushSettings");
        assertThat(model.trails()).hasSize(2);
        ProofTrailsViewModel.TrailRow row = model.trails().get(0);
        assertThat(row.created()).isEqualTo("May 28, 2026 11:00");
        assertThat(row.events()).isEqualTo(1200);
        assertThat(row.receipts()).isEqualTo(3);
        assertThat(row.merkleRoot()).isEqualTo("5e5e5e5e5e5e5e5e…");
        assertThat(row.push()).isEqualTo("delivered (HTTP 201)");
        assertThat(row.size()).isEqualTo("1.5 MB");
        assertThat(model.trails().get(1).push()).isEqualTo("not pushed");
        assertThat(ProofTrailsViewModel.pushShort(new ProofTrails.Push("failed", "https://x", 3, 500, "boom", T)))
                .isEqualTo("failed after 3 attempts");
        assertThat(ProofTrailsViewModel.pushShort(new ProofTrails.Push("not_configured", null, 0, null, null, null)))
                .isEqualTo("not configured");
        assertThat(model.query().statusProperty().get()).isEqualTo("2 packets exported");

        assertThat(model.savePacketCommand().isExecutable()).isFalse();
        model.selectedProperty().set(row);
        assertThat(model.selectedTextProperty().get()).isEqualTo("""
                Q3 ads spend: SOC 2 · prf_2
                Exported May 28, 2026 11:00 by operator:ann
                Holds 1,200 events, 14 decision records, 3 receipts and 2 evidence items
                Merkle root %s
                Chain head %s
                SHA-256 of the file %s (1.5 MB)
                Push: Pushed to SovereignProof at https://sp.example/in (HTTP 201) after 1 attempt.""".formatted(
                "5e".repeat(32), "c0".repeat(32), "aa".repeat(32)));
    }

    @Test
    void anExportIsListedAndSelectedAtOnce() {
        model.activate();
        assertThat(model.trailsPlaceholderProperty().get()).startsWith("No packets exported yet.");
        model.builder().titleProperty().set("Everything");
        model.builder().exportCommand().execute();
        assertThat(model.trails()).extracting(r -> r.trail().proofId()).containsExactly("prf_1");
        assertThat(model.selectedProperty().get().trail().proofId()).isEqualTo("prf_1");
        assertThat(dialogs.notices).contains("Exported proof trail prf_1");
    }

    @Test
    void savesAPacketWholeWhereTheUserChose() throws Exception {
        api.trails.add(trail("prf_9", "Q3 ads spend: SOC 2 / EU AI Act", null));
        api.packets.put("prf_9", "PK zip bytes".getBytes(StandardCharsets.UTF_8));
        model.activate();
        model.selectedProperty().set(model.trails().get(0));
        model.savePacketCommand().execute();
        assertThat(dialogs.fileQuestions).singleElement().satisfies(q -> {
            assertThat(q.title()).isEqualTo("Save proof packet");
            assertThat(q.suggestedName()).isEqualTo("q3-ads-spend-soc-2-eu-ai-act-prf_9.haproof");
        });
        assertThat(api.calls).as("cancelled: nothing read").doesNotContain("proofPacket prf_9");

        Path file = dir.resolve("packet.haproof");
        Files.writeString(file, "an older file");
        dialogs.saveFile = file;
        model.savePacketCommand().execute();
        assertThat(Files.readString(file)).isEqualTo("PK zip bytes");
        assertThat(dialogs.notices).contains("Saved packet prf_9 to " + file + " (12 B)");
        assertThat(Files.list(dir)).as("no temporary file left").containsExactly(file);

        api.packets.remove("prf_9");
        dialogs.saveFile = dir.resolve("gone.haproof");
        model.savePacketCommand().execute();
        assertThat(dialogs.errors).singleElement().satisfies(e -> assertThat(e.title())
                .isEqualTo("The packet prf_9 could not be saved to " + dir.resolve("gone.haproof")));
        assertThat(dir.resolve("gone.haproof")).doesNotExist();
        assertThat(Files.list(dir)).containsExactly(file);
        assertThat(ProofTrailsViewModel.fileName(trail("prf_1", "  ", null))).isEqualTo("prf_1.haproof");
        assertThat(ProofTrailsViewModel.fileName(trail("prf_1", "é".repeat(3) + "x".repeat(80), null)))
                .isEqualTo("x".repeat(60) + "-prf_1.haproof");
    }

    @Test
    void theSigningKeysFingerprintIsShownAndItsPublicKeySavedAsPem() throws Exception {
        model.activate();
        assertThat(model.keyTextProperty().get()).contains("Ed25519 key " + api.publicKey().fingerprint())
                .contains("by a channel other than the packet");

        Path file = dir.resolve("key.pem");
        dialogs.saveFile = file;
        model.saveKeyCommand().execute();

        assertThat(dialogs.fileQuestions).last().satisfies(q -> assertThat(q.suggestedName())
                .isEqualTo("workspace-signing-key.pem"));
        assertThat(Files.readString(file)).isEqualTo(api.publicKey().pem());
        assertThat(dialogs.notices).contains("Saved the public key " + api.publicKey().fingerprint() + " to " + file);
        assertThat(Files.list(dir)).as("no temporary file left").containsExactly(file);
    }

    @Test
    void thePushEndpointIsAnHttpsUrlSetAndCleared() {
        model.activate();
        assertThat(model.pushStatusProperty().get()).startsWith("No SovereignProof endpoint is configured");
        assertThat(model.saveEndpointCommand().isExecutable()).isFalse();
        assertThat(model.clearEndpointCommand().isExecutable()).isFalse();

        model.endpointProperty().set("http://sp.example/in");
        model.saveEndpointCommand().execute();
        assertThat(model.endpointErrorProperty().get()).isEqualTo("The endpoint must be an https:// URL: packets are"
                + " never sent unencrypted");
        assertThat(api.savedEndpoints).isEmpty();
        assertThat(ProofTrailsViewModel.endpointProblem("https:///nohost")).isEqualTo("The URL has no host");
        assertThat(ProofTrailsViewModel.endpointProblem("https://sp example")).startsWith("Not a URL: ");

        model.endpointProperty().set(" https://sp.example/in ");
        assertThat(model.endpointErrorProperty().get()).as("typing clears it").isEmpty();
        model.saveEndpointCommand().execute();
        assertThat(api.savedEndpoints).containsExactly("https://sp.example/in");
        assertThat(model.configuredEndpointProperty().get()).isEqualTo("https://sp.example/in");
        assertThat(model.pushStatusProperty().get()).isEqualTo("Packets asked to be pushed are posted to"
                + " https://sp.example/in.");
        assertThat(model.saveEndpointCommand().isExecutable()).as("unchanged").isFalse();

        api.failNext = ApiException.invalid("The endpoint is refused", List.of());
        model.clearEndpointCommand().execute();
        assertThat(model.endpointErrorProperty().get()).isEqualTo("The endpoint is refused");
        model.clearEndpointCommand().execute();
        assertThat(api.savedEndpoints).containsExactly("https://sp.example/in", null);
        assertThat(model.configuredEndpointProperty().get()).isEmpty();
        assertThat(model.endpointProperty().get()).isEmpty();
        assertThat(dialogs.notices).contains("Push endpoint cleared: packets stay on this computer");
    }

    @Test
    void verifiesAnyPacketFileAndSaysWhyAndWhoSignedIt() {
        model.verifyCommand().execute();
        assertThat(verified).as("the chooser was cancelled").isEmpty();
        Path packet = dir.resolve("q3.haproof");
        writeBytes(packet, 2048);
        dialogs.openFile = packet;

        answer = new PacketVerification.Verdict(PacketVerification.Outcome.VALID, "All 6 files match the signed"
                + " manifest; Merkle root and 7 chain records verify", List.of(), api.keyId, "Checked with the"
                + " packet's own public-key.pem");
        model.verifyCommand().execute();
        assertThat(verified).containsExactly(packet);
        assertThat(model.verdictProperty().get()).isEqualTo(PacketVerification.Outcome.VALID);
        assertThat(model.verdictMeaningProperty().get()).startsWith("Nothing in this packet changed since it was"
                + " signed");
        assertThat(model.verdictReasonProperty().get()).isEqualTo("All 6 files match the signed manifest; Merkle root"
                + " and 7 chain records verify");
        assertThat(model.verdictSignerProperty().get()).isEqualTo("Signed by key " + api.keyId
                + " (this workspace's key)");
        assertThat(model.verdictFileProperty().get()).isEqualTo(packet + " · 2.0 KB");
        assertThat(model.verdictKeyNoteProperty().get()).isEqualTo("Checked with the packet's own public-key.pem");
        assertThat(model.verdictProblemsProperty().get()).isEmpty();

        answer = new PacketVerification.Verdict(PacketVerification.Outcome.INVALID,
                "receipts.jsonl: SHA-256 does not match the manifest", List.of("receipts.jsonl: SHA-256 does not"
                + " match the manifest", "receipts.jsonl line 2: recordHash does not match"), "f".repeat(64), null);
        model.verify(packet);
        assertThat(model.verdictProperty().get()).isEqualTo(PacketVerification.Outcome.INVALID);
        assertThat(model.verdictMeaningProperty().get()).startsWith("Do not rely on this packet");
        assertThat(model.verdictReasonProperty().get()).isEqualTo("receipts.jsonl: SHA-256 does not match the"
                + " manifest");
        assertThat(model.verdictSignerProperty().get()).isEqualTo("Signed by key " + "f".repeat(64)
                + " (not this workspace's key)");
        assertThat(model.verdictProblemsProperty().get()).isEqualTo("Also found:\n• receipts.jsonl line 2:"
                + " recordHash does not match");
        assertThat(model.verdictKeyNoteProperty().get()).isEmpty();
        List<String> many = java.util.stream.IntStream.range(0, 13).mapToObj(i -> "problem " + i).toList();
        assertThat(ProofTrailsViewModel.moreProblems(new PacketVerification.Verdict(
                PacketVerification.Outcome.INVALID, "problem 0", many, null, null)))
                .endsWith("• problem 10\n… and 2 more").contains("• problem 1\n");

        answer = null;
        model.verify(packet);
        assertThat(model.verdictProperty().get()).isEqualTo(PacketVerification.Outcome.INDETERMINATE);
        assertThat(model.verdictReasonProperty().get()).isEqualTo("The packet could not be checked: Permission"
                + " denied");
        assertThat(model.verdictSignerProperty().get()).isEqualTo("Signer: could not be read from the packet");
        assertThat(ProofTrailsViewModel.signerText("abc", null)).as("no workspace key to compare")
                .isEqualTo("Signed by key abc");

        model.verify(dir.resolve("missing.haproof"));
        assertThat(model.verdictProperty().get()).as("no verdict for a file that is not there").isNull();
        assertThat(model.verifyQuery().errorProperty().get()).contains("missing.haproof");
    }

    private static void writeBytes(Path file, int n) {
        try {
            Files.write(file, new byte[n]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
