package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.proof.AuditorScript;
import com.headlessanalytics.console.proof.CanonicalJson;
import com.headlessanalytics.console.proof.ChainRecord;
import com.headlessanalytics.console.proof.Ed25519;
import com.headlessanalytics.console.proof.Hashes;
import com.headlessanalytics.console.proof.PacketFormat;
import com.headlessanalytics.console.proof.PacketReader;
import com.headlessanalytics.console.proof.PacketVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof trail export on a real engine: what each selection takes, validation, the packet on disk,
 * the trail rows, and pushing to a loopback HTTPS endpoint. The workspace's chain is sealed in the
 * test with the workspace key and written to gov_record, as the governance engine writes it; its
 * events go in through the port.
 */
class EngineProofTrailsTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final long T = 1_700_000_000_000L;

    @TempDir
    Path dir;
    Engine engine;
    HeadlessApi api;
    String ws;
    KeyPair key;

    @BeforeEach
    void open() throws Exception {
        try (Engine first = Engine.open(dir)) {
            ws = first.defaultWorkspaceId();
            key = first.workspaceKeys().keyPair(ws);
        }
        seedChain();
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
        ingestEvents();
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /**
     * seq 1 contract ctr_1, 2 grant grt_1, 3 dec_1 proposed (trace t-1, evidence), 4 dec_1 approved,
     * 5 receipt rcp_1 allow; 6 grant grt_2, 7 dec_2 proposed (trace t-2), 8 dec_2 denied, 9 receipt
     * rcp_2 deny. Record n is at T + n s.
     */
    private void seedChain() {
        List<ObjectNode> records = new ArrayList<>();
        String prev = ChainRecord.GENESIS;
        Object[][] rows = {
            {"contract.created", "ctr_1", null, null},
            {"grant.created", "grt_1", null, null},
            {"decision.proposed", "dec_1", "dec_1", "t-1"},
            {"decision.approved", "dec_1", "dec_1", "t-1"},
            {"receipt", "rcp_1", "dec_1", "t-1"},
            {"grant.created", "grt_2", null, null},
            {"decision.proposed", "dec_2", "dec_2", "t-2"},
            {"decision.denied", "dec_2", "dec_2", "t-2"},
            {"receipt", "rcp_2", "dec_2", "t-2"}};
        for (int i = 0; i < rows.length; i++) {
            String kind = (String) rows[i][0];
            String object = (String) rows[i][1];
            String decision = (String) rows[i][2];
            ObjectNode body = JSON.objectNode().put("id", object);
            if (decision != null) {
                body.put("grantId", decision.equals("dec_1") ? "grt_1" : "grt_2").put("contractId", "ctr_1");
            }
            if (kind.equals("decision.proposed")) {
                body.putArray("evidence").addObject().put("kind", "report").put("uri", "https://example.com/" + object);
            }
            ObjectNode f = JSON.objectNode().put("kind", kind).put("workspaceId", ws).put("objectId", object);
            if (decision != null) {
                f.put("decisionObjectId", decision).put("traceId", (String) rows[i][3]);
            }
            f.put("actor", "operator:test").put("at", T + (i + 1) * 1000L).set("body", body);
            ObjectNode sealed = ChainRecord.seal(f, i + 1, prev, key);
            prev = sealed.get("recordHash").asText();
            records.add(sealed);
        }
        try (Database db = Database.open(dir)) {
            db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO gov_record (workspace_id, seq, kind,"
                        + " object_id, decision_id, trace_id, at, record_hash, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (ObjectNode r : records) {
                        ps.setString(1, ws);
                        ps.setLong(2, r.get("seq").asLong());
                        ps.setString(3, r.get("kind").asText());
                        ps.setString(4, r.get("objectId").asText());
                        ps.setString(5, r.path("decisionObjectId").asText(null));
                        ps.setString(6, r.path("traceId").asText(null));
                        ps.setLong(7, r.get("at").asLong());
                        ps.setString(8, r.get("recordHash").asText());
                        ps.setString(9, CanonicalJson.of(r));
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            });
        }
    }

    /** A governance event per record (as the governance engine stores them) and plain events of each trace. */
    private void ingestEvents() {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(governance("governance.contract.created", "contract", "ctr_1", null, null, 1));
        events.add(governance("governance.grant.created", "grant", "grt_1", null, null, 2));
        events.add(governance("governance.decision.proposed", "decision", "dec_1", "dec_1", "t-1", 3));
        events.add(governance("governance.decision.approved", "decision", "dec_1", "dec_1", "t-1", 4));
        events.add(governance("governance.enforce.allow", "decision", "dec_1", "dec_1", "t-1", 5));
        events.add(governance("governance.grant.created", "grant", "grt_2", null, null, 6));
        events.add(governance("governance.decision.proposed", "decision", "dec_2", "dec_2", "t-2", 7));
        events.add(governance("governance.decision.denied", "decision", "dec_2", "dec_2", "t-2", 8));
        events.add(governance("governance.enforce.deny", "decision", "dec_2", "dec_2", "t-2", 9));
        events.add(plain("ads.viewed", "t-1", T + 2500));
        events.add(plain("ads.viewed", "t-2", T + 6500));
        events.add(plain("order.created", null, T + 20_000));
        assertThat(api.ingest(events).accepted()).isEqualTo(12);
    }

    private static Map<String, Object> governance(String name, String type, String object, String decision,
                                                  String trace, int seq) {
        Map<String, Object> e = new HashMap<>();
        e.put("id", "evt_gov_" + seq);
        e.put("event", name);
        e.put("timestamp", T + seq * 1000L);
        e.put("actor", Map.of("type", "principal", "id", "operator:test"));
        e.put("object", Map.of("type", type, "id", object));
        if (decision != null) {
            e.put("decisionId", decision);
        }
        if (trace != null) {
            e.put("traceId", trace);
        }
        e.put("properties", Map.of("seq", seq));
        return e;
    }

    private static Map<String, Object> plain(String name, String trace, long ts) {
        Map<String, Object> e = new HashMap<>();
        e.put("event", name);
        e.put("timestamp", ts);
        if (trace != null) {
            e.put("traceId", trace);
        }
        e.put("properties", Map.of("amount", 12.5, "note", "é 注文"));
        return e;
    }

    private static ProofTrails.ExportRequest request(String title, List<String> receipts, List<String> decisions,
                                                     String trace, Long from, Long to) {
        return new ProofTrails.ExportRequest(title, receipts, decisions, trace, from, to, null, null);
    }

    private Map<String, List<String>> lines(byte[] zip) {
        Map<String, List<String>> lines = new HashMap<>();
        for (PacketReader.Entry e : PacketReader.read(zip).entries()) {
            if (e.name().endsWith(".jsonl")) {
                String text = new String(e.bytes(), StandardCharsets.UTF_8);
                lines.put(e.name(), text.isEmpty() ? List.of() : List.of(text.split("\n")));
            }
        }
        return lines;
    }

    private static List<Long> seqs(List<String> records) {
        return records.stream().map(r -> ChainRecord.parse(r).get("seq").asLong()).toList();
    }

    private static List<String> eventIds(List<String> events) {
        return events.stream().map(e -> ChainRecord.parse(e).get("id").asText()).toList();
    }

    @Test
    void withNoSelectionEveryRecordIsExportedAndTheWrittenPacketVerifies() throws Exception {
        ProofTrails.Preview preview = api.previewProofTrail(request("Everything", null, null, null, null, null));
        assertThat(preview.counts()).isEqualTo(new ProofTrails.Counts(9, 7, 2, 2));

        ProofTrails.ExportResult result = api.exportProofTrail(new ProofTrails.ExportRequest("Everything", null, null,
                null, null, null, List.of(Map.of("kind", "ticket", "id", "OPS-1")), null));
        assertThat(result.proofId()).startsWith("prf_");
        Path file = dir.resolve("proofs").resolve(result.proofId() + ".haproof");
        assertThat(result.location()).isEqualTo(file.toString());
        assertThat(result.push()).as("not asked to push").isNull();
        byte[] zip = Files.readAllBytes(file);
        PacketVerifier.Result verdict = PacketVerifier.verify(zip, key.getPublic());
        assertThat(verdict.outcome()).as(verdict.reason()).isEqualTo(PacketVerifier.Outcome.VALID);
        assertThat(result.manifest()).isEqualTo(verdict.manifest());
        assertThat(result.manifest().get("signer").get("keyId").asText()).isEqualTo(Ed25519.fingerprint(key.getPublic()));
        assertThat(result.manifest().get("createdBy").asText()).isEqualTo(Engine.LOCAL_OPERATOR);
        assertThat(result.manifest().get("workspaceId").asText()).isEqualTo(ws);

        Map<String, List<String>> lines = lines(zip);
        assertThat(seqs(lines.get(PacketFormat.DECISIONS))).containsExactly(1L, 2L, 3L, 4L, 6L, 7L, 8L);
        assertThat(seqs(lines.get(PacketFormat.RECEIPTS))).containsExactly(5L, 9L);
        assertThat(eventIds(lines.get(PacketFormat.EVENTS))).as("the governance events, in time order")
                .containsExactly("evt_gov_1", "evt_gov_2", "evt_gov_3", "evt_gov_4", "evt_gov_5", "evt_gov_6",
                        "evt_gov_7", "evt_gov_8", "evt_gov_9");
        assertThat(lines.get(PacketFormat.EVIDENCE)).containsExactly(
                "{\"evidence\":{\"id\":\"OPS-1\",\"kind\":\"ticket\"},\"source\":\"export\"}",
                "{\"decisionObjectId\":\"dec_1\",\"evidence\":{\"kind\":\"report\",\"uri\":\"https://example.com/dec_1\"},"
                        + "\"source\":\"decision\"}",
                "{\"decisionObjectId\":\"dec_2\",\"evidence\":{\"kind\":\"report\",\"uri\":\"https://example.com/dec_2\"},"
                        + "\"source\":\"decision\"}");

        ProofTrails.Trail trail = result.trail();
        assertThat(trail.counts()).isEqualTo(new ProofTrails.Counts(9, 7, 2, 3));
        assertThat(trail.bytes()).isEqualTo(zip.length);
        assertThat(trail.sha256()).isEqualTo(Hashes.sha256Hex(zip));
        assertThat(trail.chainHead()).isEqualTo(ChainRecord.parse(lines.get(PacketFormat.RECEIPTS).get(1))
                .get("recordHash").asText());
        assertThat(api.proofTrails().trails()).containsExactly(trail);
        assertThat(api.proofPacket(result.proofId())).isEqualTo(zip);
    }

    @Test
    void receiptIdsTakeThoseReceiptsAndTheirDecisionsEvents() {
        byte[] zip = api.proofPacket(api.exportProofTrail(request("One receipt", List.of("rcp_1"), null, null, null,
                null)).proofId());
        Map<String, List<String>> lines = lines(zip);
        assertThat(lines.get(PacketFormat.DECISIONS)).isEmpty();
        assertThat(seqs(lines.get(PacketFormat.RECEIPTS))).containsExactly(5L);
        assertThat(eventIds(lines.get(PacketFormat.EVENTS))).containsExactly("evt_gov_3", "evt_gov_4", "evt_gov_5");
        assertThat(PacketVerifier.verify(zip, key.getPublic()).outcome()).isEqualTo(PacketVerifier.Outcome.VALID);
    }

    @Test
    void decisionIdsTakeTheirRecordsAndTheGrantsAndContractsTheyUse() {
        ProofTrails.ExportResult r = api.exportProofTrail(request("Decision 2", null, List.of("dec_2"), null, null,
                null));
        Map<String, List<String>> lines = lines(api.proofPacket(r.proofId()));
        assertThat(seqs(lines.get(PacketFormat.DECISIONS))).containsExactly(1L, 6L, 7L, 8L);
        assertThat(seqs(lines.get(PacketFormat.RECEIPTS))).containsExactly(9L);
        assertThat(eventIds(lines.get(PacketFormat.EVENTS))).containsExactly("evt_gov_1", "evt_gov_6", "evt_gov_7",
                "evt_gov_8", "evt_gov_9");
        assertThat(r.trail().counts()).isEqualTo(new ProofTrails.Counts(5, 4, 1, 1));
    }

    @Test
    void aTraceTakesItsRecordsAndEventsAndAWindowNarrowsIt() {
        Map<String, List<String>> trace = lines(api.proofPacket(api.exportProofTrail(request("Trace 1", null, null,
                "t-1", null, null)).proofId()));
        assertThat(seqs(trace.get(PacketFormat.DECISIONS))).containsExactly(3L, 4L);
        assertThat(seqs(trace.get(PacketFormat.RECEIPTS))).containsExactly(5L);
        assertThat(trace.get(PacketFormat.EVENTS)).hasSize(4).anySatisfy(e -> assertThat(e).contains("ads.viewed"));

        Map<String, List<String>> narrowed = lines(api.proofPacket(api.exportProofTrail(request("Trace 1 early", null,
                null, "t-1", T, T + 3000)).proofId()));
        assertThat(seqs(narrowed.get(PacketFormat.DECISIONS))).containsExactly(3L);
        assertThat(narrowed.get(PacketFormat.RECEIPTS)).isEmpty();

        Map<String, List<String>> window = lines(api.proofPacket(api.exportProofTrail(request("Window", null, null,
                null, T + 6000, T + 30_000)).proofId()));
        assertThat(seqs(window.get(PacketFormat.DECISIONS))).containsExactly(6L, 7L, 8L);
        assertThat(seqs(window.get(PacketFormat.RECEIPTS))).containsExactly(9L);
        assertThat(window.get(PacketFormat.EVENTS)).as("every event in the window, and dec_2's and grt_2's")
                .hasSize(6).anySatisfy(e -> assertThat(e).contains("order.created"));
    }

    @Test
    void theWindowAndEveryLineAreCanonicalAndTheTrailsAreNewestFirst() {
        String first = api.exportProofTrail(request("First", null, null, null, null, null)).proofId();
        String second = api.exportProofTrail(request("Second", null, null, "t-2", null, null)).proofId();
        assertThat(api.proofTrails().trails()).extracting(ProofTrails.Trail::proofId).containsExactly(second, first);
        for (List<String> file : lines(api.proofPacket(second)).values()) {
            for (String line : file) {
                assertThat(CanonicalJson.canonicalize(line)).isEqualTo(line);
            }
        }
    }

    @Test
    void badRequestsAreRefusedWithTheField() {
        assertRefused(request(null, null, null, null, null, null), "title", "required");
        assertRefused(request("  ", null, null, null, null, null), "title", "required");
        assertRefused(request("x".repeat(201), null, null, null, null, null), "title", "must be 1-200 characters");
        assertRefused(request("line\nbreak", null, null, null, null, null), "title", "control characters");
        List<String> many = Stream.iterate(0, i -> i + 1).limit(1001).map(i -> "rcp_" + i).toList();
        assertRefused(request("t", many, null, null, null, null), "receiptIds", "at most 1000 ids");
        assertRefused(request("t", null, many, null, null, null), "decisionObjectIds", "at most 1000 ids");
        assertRefused(request("t", null, null, null, 10L, 5L), "from", "must not be after 'to'");
        assertRefused(request("t", null, null, "", null, null), "traceId", "must be 1-256 characters");
        assertRefused(request("t", java.util.Arrays.asList("rcp_1", null), null, null, null, null), "receiptIds[1]",
                "must be 1-256 characters");
        assertThat(api.proofTrails().trails()).isEmpty();
        assertThat(api.previewProofTrail(request("x".repeat(200), null, null, null, null, null)).counts().receipts())
                .isEqualTo(2);
    }

    private void assertRefused(ProofTrails.ExportRequest r, String field, String message) {
        for (Runnable call : List.<Runnable>of(() -> api.exportProofTrail(r), () -> api.previewProofTrail(r))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.Client.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.details()).anySatisfy(d -> {
                    assertThat(d.field()).isEqualTo(field);
                    assertThat(d.message()).contains(message);
                });
            });
        }
    }

    @Test
    void unknownIdsAre404sNamingThem() {
        assertThatThrownBy(() -> api.exportProofTrail(request("t", List.of("rcp_1", "rcp_nope"), List.of("dec_nope"),
                null, null, null))).isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("Unknown receipt rcp_nope, decision dec_nope");
                });
        assertThatThrownBy(() -> api.previewProofTrail(request("t", List.of("dec_1"), null, null, null, null)))
                .as("a decision id is not a receipt id").hasMessage("Unknown receipt dec_1");
        assertThatThrownBy(() -> api.proofPacket("prf_nope")).isInstanceOfSatisfying(ApiException.Client.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThat(api.proofTrails().trails()).isEmpty();
    }

    @Test
    void whenThePacketCannotBeWrittenNothingIsRecorded() throws Exception {
        Files.writeString(dir.resolve("proofs"), "a file where the folder should be");
        assertThatThrownBy(() -> api.exportProofTrail(request("t", null, null, null, null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).startsWith("Cannot write the proof packet");
                });
        assertThat(api.proofTrails().trails()).isEmpty();
    }

    @Test
    void theAuditorsScriptInAnExportedPacketPassesItAndFailsAChangedCopy() throws Exception {
        AuditorScript.assumeToolsInstalled();
        ProofTrails.ExportResult r = api.exportProofTrail(new ProofTrails.ExportRequest("For the auditor", null, null,
                null, T, T + 60_000, List.of(Map.of("note", "quarter close", "amount", "12.50")), null));
        Path packet = Path.of(r.location());
        Path keyFile = dir.resolve("workspace-key.pem");
        Files.writeString(keyFile, api.publicKey().pem());
        byte[] zip = Files.readAllBytes(packet);
        String script = AuditorScript.scriptOf(zip);
        AuditorScript.Run good = AuditorScript.run(script, packet, keyFile, dir);
        assertThat(good.exitCode()).as(good.output()).isZero();
        assertThat(good.output()).contains("VALID: proof packet " + r.proofId());

        byte[] changed = zip.clone();
        int at = new String(zip, StandardCharsets.ISO_8859_1).indexOf("quarter close");
        changed[at] = 'Q';
        Path copy = dir.resolve("changed.haproof");
        Files.write(copy, changed);
        AuditorScript.Run bad = AuditorScript.run(script, copy, keyFile, dir);
        assertThat(bad.exitCode()).as(bad.output()).isEqualTo(1);
        assertThat(PacketVerifier.verify(changed, key.getPublic()).outcome()).isEqualTo(PacketVerifier.Outcome.INVALID);
    }

    // ---- Pushing to SovereignProof ----

    @Test
    void onlyHttpsEndpointsAreSavedAndNullClearsIt() {
        assertThat(api.proofPushSettings().endpoint()).isNull();
        for (String bad : List.of("http://proof.example.com/p", "ftp://x/", "proof.example.com", "https://",
                "https://user:pw@proof.example.com/", "https://" + "a".repeat(2000) + ".com/")) {
            assertThatThrownBy(() -> api.saveProofPushSettings(new ProofTrails.PushSettings(bad, null)))
                    .as(bad).isInstanceOfSatisfying(ApiException.Client.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.details()).singleElement().satisfies(d -> assertThat(d.field()).isEqualTo("endpoint"));
                    });
        }
        assertThat(api.saveProofPushSettings(new ProofTrails.PushSettings(" https://proof.example.com/packets ", null))
                .endpoint()).isEqualTo("https://proof.example.com/packets");
        assertThat(api.proofPushSettings().endpoint()).isEqualTo("https://proof.example.com/packets");
        assertThat(api.saveProofPushSettings(new ProofTrails.PushSettings(null, null)).endpoint()).isNull();
        assertThat(api.proofPushSettings().endpoint()).isNull();
    }

    @Test
    void withNoEndpointTheExportSaysPlainlyItWasNotPushed() {
        ProofTrails.ExportResult r = api.exportProofTrail(new ProofTrails.ExportRequest("t", null, null, null, null,
                null, null, true));
        assertThat(r.push().status()).isEqualTo("not_configured");
        assertThat(r.push().attempts()).isZero();
        assertThat(r.push().message()).startsWith("No SovereignProof endpoint is configured, so the packet was written"
                + " but not pushed.");
        assertThat(Files.exists(Path.of(r.location()))).isTrue();
        assertThat(api.proofTrails().trails().get(0).push()).isEqualTo(r.push());
    }

    @Test
    void aPushIsDeliveredWithTheZipAndItsHeaders() throws Exception {
        try (TestHttpsServer server = new TestHttpsServer(dir, () -> 201)) {
            reopenTrusting(server);
            api.saveProofPushSettings(new ProofTrails.PushSettings(server.url("/packets"), null));
            ProofTrails.ExportResult r = api.exportProofTrail(new ProofTrails.ExportRequest("Pushed", null, null, null,
                    null, null, null, true));
            assertThat(r.push().status()).isEqualTo("delivered");
            assertThat(r.push().attempts()).isEqualTo(1);
            assertThat(r.push().httpStatus()).isEqualTo(201);
            assertThat(r.push().endpoint()).isEqualTo(server.url("/packets"));
            assertThat(server.requests).singleElement().satisfies(req -> {
                assertThat(req.method()).isEqualTo("POST");
                assertThat(req.path()).isEqualTo("/packets");
                assertThat(req.header("Content-Type")).isEqualTo("application/zip");
                assertThat(req.header("X-HA-Proof-Id")).isEqualTo(r.proofId());
                assertThat(req.header("X-HA-Manifest-SHA256")).isEqualTo(CanonicalJson.sha256(r.manifest()));
                assertThat(req.body()).isEqualTo(api.proofPacket(r.proofId()));
            });
            assertThat(api.proofTrails().trails().get(0).push()).isEqualTo(r.push());
        }
    }

    @Test
    void a500IsRetriedThreeTimesThenRecordedAsFailed() throws Exception {
        try (TestHttpsServer server = new TestHttpsServer(dir, () -> 500)) {
            reopenTrusting(server);
            api.saveProofPushSettings(new ProofTrails.PushSettings(server.url("/packets"), null));
            ProofTrails.ExportResult r = api.exportProofTrail(new ProofTrails.ExportRequest("t", null, null, null,
                    null, null, null, true));
            assertThat(r.push().status()).isEqualTo("failed");
            assertThat(r.push().attempts()).isEqualTo(3);
            assertThat(r.push().httpStatus()).isEqualTo(500);
            assertThat(r.push().message()).isEqualTo("Not delivered after 3 attempts; last answer: HTTP 500.");
            assertThat(server.requests).hasSize(3);
            assertThat(api.proofTrails().trails().get(0).push()).isEqualTo(r.push());
        }
    }

    @Test
    void a4xxIsNotRetriedAndA500ThenSuccessIsDelivered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (TestHttpsServer server = new TestHttpsServer(dir, () -> calls.incrementAndGet() == 1 ? 403 : 200)) {
            reopenTrusting(server);
            api.saveProofPushSettings(new ProofTrails.PushSettings(server.url("/p"), null));
            ProofTrails.Push refused = api.exportProofTrail(new ProofTrails.ExportRequest("t", null, null, null, null,
                    null, null, true)).push();
            assertThat(refused.status()).isEqualTo("failed");
            assertThat(refused.attempts()).isEqualTo(1);
            assertThat(refused.httpStatus()).isEqualTo(403);
            assertThat(refused.message()).contains("refused the packet with HTTP 403; not retried");
            assertThat(server.requests).hasSize(1);
        }
        AtomicInteger again = new AtomicInteger();
        try (TestHttpsServer server = new TestHttpsServer(dir, () -> again.incrementAndGet() == 1 ? 503 : 200)) {
            reopenTrusting(server);
            api.saveProofPushSettings(new ProofTrails.PushSettings(server.url("/p"), null));
            ProofTrails.Push push = api.exportProofTrail(new ProofTrails.ExportRequest("t", null, null, null, null,
                    null, null, true)).push();
            assertThat(push.status()).isEqualTo("delivered");
            assertThat(push.attempts()).isEqualTo(2);
        }
    }

    @Test
    void anUntrustedCertificateIsAFailedPushNotATrustedOne() throws Exception {
        try (TestHttpsServer server = new TestHttpsServer(dir, () -> 200)) {
            api.saveProofPushSettings(new ProofTrails.PushSettings(server.url("/packets"), null));
            ProofTrails.Push push = api.exportProofTrail(new ProofTrails.ExportRequest("t", null, null, null, null,
                    null, null, true)).push();
            assertThat(push.status()).as("the JDK's default trust store does not know the test certificate")
                    .isEqualTo("failed");
            assertThat(push.attempts()).isEqualTo(3);
            assertThat(push.message()).contains("SSLHandshakeException");
            assertThat(server.requests).isEmpty();
        }
    }

    private void reopenTrusting(TestHttpsServer server) throws Exception {
        engine.close();
        engine = Engine.open(dir, Clock.systemUTC(), server.clientTls());
        api = engine.defaultWorkspace();
    }
}
